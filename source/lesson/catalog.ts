// The lesson menu's view of the lessons: id, title, summary, topic, quiz count. Loading
// and validating all seventeen YAML files takes a few hundred milliseconds on a cold
// start, so the build writes this catalog next to the bundle, and at run time each entry
// is used only while its file's fingerprint still matches; an edited or added lesson is
// loaded for real.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Text } from '../i18n/text.js';
import { builtinLessonFiles } from './builtin.js';
import type { LoadedLesson } from './loader.js';
import type { Lesson } from './schema.js';
import type { LessonMinutes } from '../session/reading-time.js';

export interface CatalogEntry {
  readonly id: string;
  /** The lesson file, as the player loads it. */
  readonly file: string;
  readonly title: Text;
  readonly summary: Text;
  readonly level: Lesson['level'];
  readonly topics: readonly string[];
  /**
   * About how long the lesson takes, in each language: its words at a cited reading speed
   * plus time to answer (session/reading-time.ts); null if it does not compile.
   */
  readonly minutes: LessonMinutes | null;
  readonly quizzes: number;
  /** The seed a course fixes for this lesson (course.yaml); --seed still wins. */
  readonly seed?: number;
  /** How `play` names it, when not by its id: a course's lesson by its file. */
  readonly playAs?: string;
}

export interface Catalog {
  /** In curriculum order. */
  readonly entries: readonly CatalogEntry[];
  /** Lessons that would not load, one `file:line:col: message` line each. */
  readonly problems: readonly string[];
}

/** What the build writes, beside the bundle. */
export const INDEX_FILE = 'lessons-index.json';

interface IndexRecord {
  readonly name: string;
  /** `fingerprint` of the file's bytes. */
  readonly bytes: string;
  readonly entry: Omit<CatalogEntry, 'file'>;
}

/**
 * The file's length and two 32-bit FNV-1a hashes of its bytes (from two offset bases), as hex.
 * Not cryptographic: it tells an edited lesson from the one the build indexed. Loading
 * node:crypto for a SHA-1 took 5 ms of the menu's start.
 */
export function fingerprint(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x01000193) ^ (b >>> 15);
  }
  return `${bytes.length.toString(16)}-${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/** Loads every lesson in `files` the slow way: YAML, schema and all. */
export async function loadCatalog(files: readonly string[]): Promise<Catalog> {
  const { loadLessonFile } = await import('./loader.js');
  const { formatProblem } = await import('./problems.js');
  // Minutes are read off the lesson as played: the compiler and the player load only here,
  // not on the way to the menu's first frame (the built-in lessons' minutes are in the index).
  const { entryOf } = await import('./entry.js');
  const entries: CatalogEntry[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const r = loadLessonFile(file);
    if (r.ok) entries.push(entryOf(r.loaded));
    else problems.push(...r.problems.map(formatProblem));
  }
  return { entries, problems };
}

/** The index the build writes for `files` (the built-in lessons). */
export async function catalogIndex(files: readonly string[]): Promise<IndexRecord[]> {
  const { entries, problems } = await loadCatalog(files);
  if (problems.length) throw new Error(`lessons do not load:\n${problems.join('\n')}`);
  return entries.map(({ file, ...entry }) => ({ name: basename(file), bytes: fingerprint(readFileSync(file)), entry }));
}

function readIndex(url: URL): ReadonlyMap<string, IndexRecord> {
  try {
    const records = JSON.parse(readFileSync(url, 'utf8')) as IndexRecord[];
    return new Map(records.map((r) => [`${r.name}:${r.bytes}`, r]));
  } catch {
    return new Map(); // running from source, or an old build: load the lessons for real
  }
}

/** The built-in lessons for the menu, from the build's index where it is still true. */
export async function readCatalog(files: readonly string[] = builtinLessonFiles(), index = new URL(`./${INDEX_FILE}`, import.meta.url)): Promise<Catalog> {
  const known = readIndex(index);
  const slots: (CatalogEntry | string)[] = [];
  const stale: string[] = [];
  for (const file of files) {
    const r = known.get(`${basename(file)}:${fingerprint(readFileSync(file))}`);
    if (r) slots.push({ ...r.entry, file });
    else {
      slots.push(file);
      stale.push(file);
    }
  }
  if (stale.length === 0) return { entries: slots as CatalogEntry[], problems: [] };
  const loaded = await loadCatalog(stale);
  const byFile = new Map(loaded.entries.map((e) => [e.file, e]));
  return {
    entries: slots.flatMap((s) => (typeof s === 'string' ? (byFile.has(s) ? [byFile.get(s)!] : []) : [s])),
    problems: loaded.problems,
  };
}
