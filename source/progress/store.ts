// progress.json on disk. Where it lives (TCP_TUTOR_HOME, XDG_CONFIG_HOME, the platform's
// config folder), atomic writes (temp file in the same folder, fsync, rename), a re-read
// and per-lesson merge before every write, and the two ways a disk lets a learner down:
// a corrupt file is set aside, an unwritable folder turns saving off. Each gives exactly
// one one-line warning, and the tutor carries on.
import {
  accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from '../i18n/text.js';
import { EMPTY, merge, parse, serialize, type LessonProgress, type Progress } from './data.js';

export const FILE_NAME = 'progress.json';

export interface Place {
  readonly env: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/** The folder progress.json lives in. */
export function progressDir({ env, platform = process.platform, home = homedir() }: Place): string {
  if (env.TCP_TUTOR_HOME) return env.TCP_TUTOR_HOME;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'tcp-tutor');
  switch (platform) {
    case 'win32':
      return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'tcp-tutor');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'tcp-tutor');
    default:
      return join(home, '.config', 'tcp-tutor');
  }
}

export interface ProgressStore {
  /** The file, for messages. */
  readonly file: string;
  /** False once the folder proved unwritable: the tutor runs without saving. */
  readonly saving: () => boolean;
  /** The progress on disk now (another tutor may have written since). */
  read(): Progress;
  saveLesson(id: string, lesson: LessonProgress): void;
  saveLang(lang: Lang, now?: Date): void;
  /** Forgets one lesson, or everything. Returns false if it could not write. */
  reset(id: string | null): boolean;
  /** Merges progress from elsewhere (`--import`). Returns false if it could not write. */
  importProgress(p: Progress): boolean;
  /** Warnings so far, one line each; never more than one per cause. */
  readonly warnings: () => readonly string[];
}

export interface StoreOptions {
  /** Called once per warning, when it happens. */
  readonly warn?: (line: string) => void;
  readonly now?: () => Date;
}

/** `2025-01-02T03-04-05-678Z`: a timestamp that is a valid file name everywhere. */
function fileStamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    const e = err as NodeJS.ErrnoException;
    return `${e.code}${e.path ? ` on ${e.path}` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Writes `text` so that readers see the old file or the new one, never half of either. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function openStore(dir: string, opts: StoreOptions = {}): ProgressStore {
  const file = join(dir, FILE_NAME);
  const now = opts.now ?? (() => new Date());
  const warnings: string[] = [];
  const warned = new Set<string>();
  const warn = (cause: string, line: string) => {
    if (warned.has(cause)) return;
    warned.add(cause);
    warnings.push(line);
    opts.warn?.(line);
  };
  let saving = true;
  const stopSaving = (err: unknown) => {
    saving = false;
    warn('unwritable', `tcp-tutor: cannot save progress in ${dir} (${errorText(err)}); this session will not be saved.`);
  };

  try {
    mkdirSync(dir, { recursive: true });
    // Found now rather than at the first answer, so the warning comes before the lesson.
    accessSync(dir, constants.W_OK);
  } catch (err) {
    stopSaving(err);
  }

  function read(): Progress {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return EMPTY; // reported by mkdir already
      warn('unreadable', `tcp-tutor: cannot read ${file} (${errorText(err)}); starting without saved progress.`);
      return EMPTY;
    }
    const parsed = parse(text);
    if (parsed.ok) return parsed.progress;
    // Keep the learner's bytes for a human to look at; start afresh beside them.
    const aside = `${file}.corrupt-${fileStamp(now())}`;
    try {
      renameSync(file, aside);
      warn('corrupt', `tcp-tutor: ${file} was unreadable (${parsed.reason}); moved it to ${aside} and started afresh.`);
    } catch (err) {
      warn('corrupt', `tcp-tutor: ${file} is unreadable (${parsed.reason}) and could not be moved aside (${errorText(err)}); progress will not be saved.`);
      saving = false;
    }
    return EMPTY;
  }

  /** Re-reads, applies `change` to what is on disk now, and writes the result atomically. */
  function write(change: (onDisk: Progress) => Progress): boolean {
    if (!saving) return false;
    const next = change(read());
    if (!saving) return false;
    try {
      writeAtomic(file, serialize(next));
      return true;
    } catch (err) {
      stopSaving(err);
      return false;
    }
  }

  return {
    file,
    saving: () => saving,
    read,
    saveLesson(id, lesson) {
      write((disk) => merge(disk, { lessons: { [id]: lesson }, settings: null }));
    },
    saveLang(lang, at = now()) {
      write((disk) => merge(disk, { lessons: {}, settings: { lang, updated: at.toISOString() } }));
    },
    reset(id) {
      return write((disk) => {
        if (id === null) return { lessons: {}, settings: disk.settings };
        const { [id]: _gone, ...rest } = disk.lessons;
        return { lessons: rest, settings: disk.settings };
      });
    },
    importProgress(p) {
      return write((disk) => merge(disk, p));
    },
    warnings: () => warnings,
  };
}
