// What `tcp-tutor`, `play` and `replay` share when they open the full-screen TUI: the
// progress store (its warnings held back while the TUI owns the screen), the language to
// start in, and loading Ink only once a terminal is sure.
import { setFlagsFromString } from 'node:v8';
import type { Lang } from '../i18n/text.js';
import { courseLessonKey, courseProgress } from '../progress/data.js';
import { openStore, progressDir, type ProgressStore } from '../progress/store.js';
import type { RunTutorOptions } from '../ui/run.js';
import type { Invocation } from './args.js';
import type { CliIo } from './io.js';

/** What the TUI is started with besides the store, the language and the streams. */
export type TuiOptions = Omit<RunTutorOptions, 'store' | 'lang' | 'stdin' | 'stdout' | 'stderr'> & { readonly store?: RunTutorOptions['store'] };

export interface TuiSession {
  readonly store: ProgressStore;
  /** --lang wins; then the language chosen in the menu; then LANG. */
  readonly lang: Lang;
  /** Mounts the TUI until the learner leaves; resolves with the exit code. */
  run(o: TuiOptions): Promise<number>;
}

/**
 * Loads the full-screen TUI. Ink renders nothing until exit when it believes it runs under
 * CI (the is-in-ci check, made when Ink loads): a CI variable left in a learner's shell
 * must not blank their screen. Callers load the TUI only for a person at a terminal, so
 * the markers are cleared first.
 */
export async function loadTui(): Promise<typeof import('../ui/run.js')> {
  for (const key of Object.keys(process.env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
  }
  return import('../ui/run.js');
}

/**
 * V8 doubles its young generation whenever many objects outlive a scavenge, as a lesson's
 * compile and Ink's first paint make them do, and keeps it at that size: 16 MiB of the
 * player's resident memory that its keypresses never need (a keypress leaves about 1 MiB of
 * garbage). A growth factor of 1 keeps it at its initial 1 MiB semi-spaces. V8 reads the
 * flag each time it would grow, so setting it at run time works (on a V8 that ignored it,
 * nothing would change). Only the TUI sets it: `export` and `inspect` of a large capture
 * want the larger young generation.
 */
function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Opens the progress store and picks the language; then `run` mounts the TUI. Warnings
 * that arrive while the TUI owns the screen are printed once it is gone.
 */
export function tuiSession(inv: Invocation, io: CliIo): TuiSession {
  keepYoungGenerationSmall();
  const later: string[] = [];
  let tui = false;
  const store = openStore(progressDir({ env: io.env }), {
    warn: (line) => (tui ? later.push(line) : io.stderr.write(`${line}\n`)),
    lang: inv.lang,
  });
  const lang = inv.langGiven ? inv.lang : store.read().settings?.lang ?? inv.lang;
  return {
    store,
    lang,
    async run(o) {
      const { runTutor } = await loadTui();
      tui = true;
      try {
        return await runTutor({
          ...o, store: o.store ?? store, lang,
          stdin: io.stdin as NodeJS.ReadStream, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream,
        });
      } finally {
        tui = false;
        for (const line of later) io.stderr.write(`${line}\n`);
      }
    },
  };
}

/**
 * The store as a course's Tutor sees it: its own lessons by id, saved under the course's
 * namespace (`week-3/handshake`), so that they never mix with the built-in lesson of that id.
 */
export function courseStore(store: ProgressStore, courseId: string): NonNullable<TuiOptions['store']> {
  return {
    read: () => courseProgress(store.read(), courseId),
    saveLesson: (id, lesson) => store.saveLesson(courseLessonKey(courseId, id), lesson),
    saveLang: (lang) => store.saveLang(lang),
    warnings: () => store.warnings(),
  };
}
