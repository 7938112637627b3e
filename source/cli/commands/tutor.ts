// The full-screen tutor: `tcp-tutor` (the menu) and `tcp-tutor play LESSON` in a
// terminal. Everything before the first frame happens here without Ink: the progress
// file, the lesson catalog, and for `play` the lesson itself, so that a bad lesson is
// one plain line as in the plain mode. Ink and React load only once a terminal is sure.
import type { Lang } from '../../i18n/text.js';
import { readCatalog } from '../../lesson/catalog.js';
import { resumable } from '../../progress/data.js';
import type { Playing } from '../../player/snapshot.js';
import { openStore, progressDir, type ProgressStore } from '../../progress/store.js';
import type { Invocation } from '../args.js';
import type { CliIo } from '../io.js';
import { pickSeed } from '../../lesson/seed.js';

interface Setup {
  readonly store: ProgressStore;
  readonly lang: Lang;
  /** Warnings that arrive while the TUI owns the screen, printed once it is gone. */
  readonly later: string[];
  readonly setTui: (on: boolean) => void;
}

function setup(inv: Invocation, io: CliIo): Setup {
  const later: string[] = [];
  let tui = false;
  const store = openStore(progressDir({ env: io.env }), {
    warn: (line) => (tui ? later.push(line) : io.stderr.write(`${line}\n`)),
  });
  const saved = store.read().settings?.lang;
  // --lang wins; then the language chosen in the menu; then LANG.
  const lang = inv.langGiven ? inv.lang : saved ?? inv.lang;
  return { store, lang, later, setTui: (on) => (tui = on) };
}

const freshSeed = (lessonSeed: number | undefined) => pickSeed(null, lessonSeed);

async function run(inv: Invocation, io: CliIo, s: Setup, start?: Playing): Promise<number> {
  const catalog = await readCatalog();
  for (const p of catalog.problems) io.stderr.write(`${p}\n`);
  const { runTutor } = await (await import('../load-tui.js')).loadTui();
  s.setTui(true);
  try {
    return await runTutor({
      lessons: catalog.entries, store: s.store, lang: s.lang, color: inv.color, seed: inv.seed, freshSeed, start,
      stdin: io.stdin as NodeJS.ReadStream, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream,
    });
  } finally {
    s.setTui(false);
    for (const line of s.later) io.stderr.write(`${line}\n`);
  }
}

/** `tcp-tutor` with no command, in a terminal (main prints the lesson list without one). */
export async function menu(inv: Invocation, io: CliIo): Promise<number> {
  return run(inv, io, setup(inv, io));
}

/** `tcp-tutor play LESSON` in a terminal: straight to the player; q leaves the tutor. */
export async function playTui(name: string, inv: Invocation, io: CliIo): Promise<number> {
  const s = setup(inv, io);
  const { loadNamedLesson } = await import('../lesson-arg.js');
  const found = loadNamedLesson(name, s.lang, io);
  if (!found) return 1;
  const disk = s.store.read();
  const resume = resumable(disk.lessons[found.lesson.id], inv.seed);
  const { openLoaded } = await import('../../lesson/session.js');
  const { playingOf } = await import('../../player/snapshot.js');
  const opened = openLoaded(found, (lessonSeed) => inv.seed ?? resume?.seed ?? freshSeed(lessonSeed));
  if (!opened.ok) {
    io.stderr.write(`${opened.reason}\n`);
    return 1;
  }
  return run(inv, io, s, playingOf(opened.session, disk.lessons[opened.session.id], resume));
}
