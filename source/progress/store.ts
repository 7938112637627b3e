// progress.json on disk. Where it lives (TCP_TUTOR_HOME, XDG_CONFIG_HOME, the platform's
// config folder), atomic writes (temp file in the same folder, fsync, rename), a re-read
// and per-lesson merge before every write, and the two ways a disk lets a learner down:
// a corrupt file is set aside, an unwritable folder turns saving off. Each gives exactly
// one one-line warning, and the tutor carries on.
import {
  accessSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { say, type Lang, type Text } from '../i18n/text.js';
import { EMPTY, lessonTable, merge, parse, serialize, type LessonProgress, type Progress } from './data.js';

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
  /** The language warnings are worded in (English by default). */
  readonly lang?: Lang;
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

/** How long a writer waits for another's lock, and when a lock is taken to be left behind by a crash. */
const LOCK_WAIT_MS = 3000;
const LOCK_STALE_MS = 10_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Takes `path` as a lock file (created exclusively), waiting up to LOCK_WAIT_MS for another
 * writer; a lock older than LOCK_STALE_MS was left by a process that died and is broken.
 * Returns the function that releases it, or null when it could not be had.
 */
export function takeLock(path: string): (() => void) | null {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    try {
      if (Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS) {
        rmSync(path, { force: true });
        continue;
      }
    } catch {
      continue; // released between our two looks
    }
    if (Date.now() > until) return null;
    Atomics.wait(pause, 0, 0, 5 + Math.floor(Math.random() * 10));
  }
}

/**
 * Creates `dir` and the folders above it that are missing, one at a time. Node's recursive
 * mkdir never returns where the kernel says ENOENT for a folder whose parent exists
 * (/proc/x, /sys/x): it tries the parent again, forever. This walks up at most once per
 * path component and makes each missing one with a plain mkdir, whose error is the answer.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) {
        throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR', path: at });
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(at);
      const up = dirname(at);
      if (up === at) throw err;
      at = up;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (err) {
      // Another tcp-tutor started at the same moment may have made it first: that is fine.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw err;
    }
  }
}

/** What the store says when it cannot do its job, in each language; one line each, once per kind. */
const STORE_TEXT = {
  unwritable: { en: 'tcp-tutor: cannot save progress in {dir} ({reason}); this session will not be saved.', ko: 'tcp-tutor: {dir}에 진행 상황을 저장할 수 없습니다({reason}). 이번 세션은 저장되지 않습니다.' },
  notRegular: { en: 'tcp-tutor: {file} is not a regular file; starting without saved progress.', ko: 'tcp-tutor: {file} 파일이 일반 파일이 아닙니다. 저장된 진행 상황 없이 시작합니다.' },
  unreadable: { en: 'tcp-tutor: cannot read {file} ({reason}); starting without saved progress.', ko: 'tcp-tutor: {file} 파일을 읽을 수 없습니다({reason}). 저장된 진행 상황 없이 시작합니다.' },
  skipped: { en: 'tcp-tutor: {n} record(s) in {file} could not be read ({reason}); kept a copy at {copy}.', ko: 'tcp-tutor: {file}의 기록 {n}개를 읽을 수 없습니다({reason}). 사본을 {copy}에 남겼습니다.' },
  skippedNoCopy: { en: 'tcp-tutor: {n} record(s) in {file} could not be read ({reason}) nor copied aside ({error}); progress will not be saved.', ko: 'tcp-tutor: {file}의 기록 {n}개를 읽을 수 없고({reason}) 사본도 만들 수 없습니다({error}). 진행 상황은 저장되지 않습니다.' },
  corrupt: { en: 'tcp-tutor: {file} was unreadable ({reason}); moved it to {moved} and started afresh.', ko: 'tcp-tutor: {file} 파일을 읽을 수 없어({reason}) {moved}로 옮기고 새로 시작했습니다.' },
  corruptStuck: { en: 'tcp-tutor: {file} is unreadable ({reason}) and could not be moved aside ({error}); progress will not be saved.', ko: 'tcp-tutor: {file} 파일을 읽을 수 없고({reason}) 옮길 수도 없습니다({error}). 진행 상황은 저장되지 않습니다.' },
  locked: { en: 'tcp-tutor: another tcp-tutor kept {file} locked for {seconds} s; this change was not saved.', ko: 'tcp-tutor: 다른 tcp-tutor가 {file} 파일을 {seconds}초 동안 잠가 두어 이번 변경은 저장하지 못했습니다.' },
} as const satisfies Record<string, Text>;

export function openStore(dir: string, opts: StoreOptions = {}): ProgressStore {
  const file = join(dir, FILE_NAME);
  const now = opts.now ?? (() => new Date());
  const warnings: string[] = [];
  const warned = new Set<string>();
  const lang = opts.lang ?? 'en';
  const warn = (cause: keyof typeof STORE_TEXT, params: Readonly<Record<string, string | number | Text>>) => {
    if (warned.has(cause)) return;
    const line = say(STORE_TEXT[cause], lang, params);
    warned.add(cause);
    warnings.push(line);
    opts.warn?.(line);
  };
  let saving = true;
  /** The last `updated` (ms) this store saved for each lesson. */
  const stamped = new Map<string, number>();
  const stopSaving = (err: unknown) => {
    saving = false;
    warn('unwritable', { dir, reason: errorText(err) });
  };

  try {
    makeFolder(dir);
    // Found now rather than at the first answer, so the warning comes before the lesson.
    accessSync(dir, constants.W_OK);
  } catch (err) {
    stopSaving(err);
  }

  /** Where a file we could not use is kept for a human to look at. */
  const aside = (why: string) => `${file}.${why}-${fileStamp(now())}`;

  /**
   * The progress on disk now. `safe` is false when the file exists but could not be read
   * or used: writing over it would lose what it holds.
   */
  function readState(): { progress: Progress; safe: boolean } {
    let text: string;
    try {
      // A FIFO would block the read forever, a device would never end: only a regular file is read.
      const st = statSync(file, { throwIfNoEntry: false });
      if (st && !st.isFile()) {
        warn('notRegular', { file });
        return { progress: EMPTY, safe: false };
      }
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { progress: EMPTY, safe: true };
      if (code === 'ENOTDIR') return { progress: EMPTY, safe: true }; // reported by mkdir already
      warn('unreadable', { file, reason: errorText(err) });
      return { progress: EMPTY, safe: false };
    }
    const parsed = parse(text);
    if (parsed.ok) {
      if (parsed.skipped.length > 0) {
        // Keep the whole file as it was; the records that do read carry on.
        const copy = aside('partly-unreadable');
        try {
          copyFileSync(file, copy);
          warn('skipped', { n: parsed.skipped.length, file, reason: parsed.skipped[0]!, copy });
        } catch (err) {
          warn('skippedNoCopy', { n: parsed.skipped.length, file, reason: parsed.skipped[0]!, error: errorText(err) });
          return { progress: parsed.progress, safe: false };
        }
      }
      return { progress: parsed.progress, safe: true };
    }
    // Keep the learner's bytes for a human to look at; start afresh beside them.
    const moved = aside('corrupt');
    try {
      renameSync(file, moved);
      warn('corrupt', { file, reason: parsed.reason, moved });
      return { progress: EMPTY, safe: true };
    } catch (err) {
      warn('corruptStuck', { file, reason: parsed.reason, error: errorText(err) });
      return { progress: EMPTY, safe: false };
    }
  }

  function read(): Progress {
    return readState().progress;
  }

  /** Re-reads, applies `change` to what is on disk now, and writes the result atomically, under the lock. */
  function write(change: (onDisk: Progress) => Progress): boolean {
    if (!saving) return false;
    let lock: (() => void) | null;
    try {
      lock = takeLock(`${file}.lock`);
    } catch (err) {
      // A folder that lets nobody create files (a /proc folder says ENOENT) saves nothing.
      stopSaving(err);
      return false;
    }
    if (lock === null) {
      warn('locked', { file, seconds: LOCK_WAIT_MS / 1000 });
      return false;
    }
    try {
      let state = readState();
      if (!state.safe && existsSync(file)) {
        // A file we could not read is never written over: set it aside first.
        try {
          renameSync(file, aside('unreadable'));
          state = { progress: EMPTY, safe: true };
        } catch (err) {
          stopSaving(err);
          return false;
        }
      }
      if (!saving || !state.safe) return false;
      writeAtomic(file, serialize(change(state.progress)));
      return true;
    } catch (err) {
      stopSaving(err);
      return false;
    } finally {
      lock();
    }
  }

  return {
    file,
    saving: () => saving,
    read,
    saveLesson(id, lesson) {
      // Two saves of one run can fall in the same millisecond (the last answer, then the end),
      // and on a tie the record on disk stays: this run's later save is stamped after its earlier.
      const given = Date.parse(lesson.updated);
      const at = Number.isNaN(given) ? given : Math.max(given, (stamped.get(id) ?? -Infinity) + 1);
      if (!Number.isNaN(at)) stamped.set(id, at);
      const record = at === given || Number.isNaN(at) ? lesson : { ...lesson, updated: new Date(at).toISOString() };
      write((disk) => merge(disk, { lessons: { [id]: record }, settings: null }));
    },
    saveLang(lang, at = now()) {
      write((disk) => merge(disk, { lessons: {}, settings: { lang, updated: at.toISOString() } }));
    },
    reset(id) {
      return write((disk) => {
        if (id === null) return { lessons: lessonTable(), settings: disk.settings };
        const rest = lessonTable(disk.lessons);
        delete rest[id];
        return { lessons: rest, settings: disk.settings };
      });
    },
    importProgress(p) {
      return write((disk) => merge(disk, p));
    },
    warnings: () => warnings,
  };
}
