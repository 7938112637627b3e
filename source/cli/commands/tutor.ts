// The full-screen tutor: `tcp-tutor` (the menu) and `tcp-tutor play LESSON` in a
// terminal. Everything before the first frame happens here without Ink: the progress
// file, the lesson catalog, and for `play` the lesson itself, so that a bad lesson is
// one plain line as in the plain mode. Ink and React load only once a terminal is sure.
import { readCatalog } from '../../lesson/catalog.js';
import { pickSeed } from '../../lesson/seed.js';
import type { Playing } from '../../session/snapshot.js';
import { resumable } from '../../progress/data.js';
import type { Invocation } from '../args.js';
import type { CliIo } from '../io.js';
import { tuiSession, type TuiSession } from '../tui.js';

const freshSeed = (lessonSeed: number | undefined) => pickSeed(null, lessonSeed);

async function run(inv: Invocation, io: CliIo, s: TuiSession, start?: Playing): Promise<number> {
  const catalog = await readCatalog();
  for (const p of catalog.problems) io.stderr.write(`${p}\n`);
  // --no-save: the lessons are read as saved, and nothing the learner does is written.
  const store = inv.options['no-save'] === true
    ? { read: () => s.store.read(), saveLesson: () => {}, saveLang: () => {}, warnings: () => s.store.warnings() }
    : undefined;
  return s.run({ lessons: catalog.entries, color: inv.color, seed: inv.seed, freshSeed, start, store });
}

/** `tcp-tutor` with no command, in a terminal (main prints the lesson list without one). */
export async function menu(inv: Invocation, io: CliIo): Promise<number> {
  return run(inv, io, tuiSession(inv, io));
}

/** `tcp-tutor play LESSON` in a terminal: straight to the player; q leaves the tutor. */
export async function playTui(name: string, inv: Invocation, io: CliIo): Promise<number> {
  const s = tuiSession(inv, io);
  const { loadNamedLesson } = await import('../lesson-arg.js');
  const found = loadNamedLesson(name, s.lang, io);
  if (!found) return 1;
  const disk = s.store.read();
  const resume = resumable(disk.lessons[found.lesson.id], inv.seed);
  const { openLoaded } = await import('../../session/lesson.js');
  const { playingOf } = await import('../../session/snapshot.js');
  const opened = openLoaded(found, (lessonSeed) => inv.seed ?? resume?.seed ?? freshSeed(lessonSeed), s.lang);
  if (!opened.ok) {
    io.stderr.write(`${opened.reason}\n`);
    return 1;
  }
  return run(inv, io, s, playingOf(opened.session, disk.lessons[opened.session.id], resume));
}
