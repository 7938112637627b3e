// The full-screen tutor: `tcp-tutor` (the menu), `tcp-tutor DIR` and `play DIR` (the menu
// on a course folder) and `tcp-tutor play LESSON` in a terminal. Everything before the
// first frame happens here without Ink: the progress file, the lesson catalog, and for
// `play` the lesson itself, so that a bad lesson is one plain line as in the plain mode.
// Ink and React load only once a terminal is sure.
import { entryOf, readCatalog, type CatalogEntry } from '../../lesson/catalog.js';
import { courseOfFile, loadCourse, type Course } from '../../lesson/course.js';
import { formatProblem } from '../../lesson/problems.js';
import { pickSeed } from '../../lesson/seed.js';
import type { Playing } from '../../session/snapshot.js';
import { resumable } from '../../progress/data.js';
import type { Invocation } from '../args.js';
import type { CliIo } from '../io.js';
import { courseStore, tuiSession, type TuiSession } from '../tui.js';

const freshSeed = (lessonSeed: number | undefined) => pickSeed(null, lessonSeed);

async function run(inv: Invocation, io: CliIo, s: TuiSession, start?: Playing): Promise<number> {
  const catalog = await readCatalog();
  for (const p of catalog.problems) io.stderr.write(`${p}\n`);
  return s.run({ lessons: catalog.entries, color: inv.color, seed: inv.seed, freshSeed, start });
}

/** `tcp-tutor` with no command, in a terminal (main prints the lesson list without one). */
export async function menu(inv: Invocation, io: CliIo): Promise<number> {
  return run(inv, io, tuiSession(inv, io));
}

/** A course's lessons as menu entries, each with the seed course.yaml gives it. */
export function courseEntries(course: Course): CatalogEntry[] {
  return course.lessons.map((l) => ({ ...entryOf(l.loaded), ...(l.seed !== null && { seed: l.seed }) }));
}

/** `tcp-tutor DIR` and `tcp-tutor play DIR` in a terminal: the menu on a course folder, its progress its own. */
export async function courseMenu(dir: string, inv: Invocation, io: CliIo): Promise<number> {
  const s = tuiSession(inv, io);
  const r = loadCourse(dir, s.lang);
  for (const p of r.problems) io.stderr.write(`${formatProblem(p)}\n`);
  if (!r.ok) {
    if (r.error !== null) io.stderr.write(`tcp-tutor: ${r.error}\n`);
    return 1;
  }
  return s.run({
    lessons: courseEntries(r.course), title: r.course.title ?? undefined, store: courseStore(s.store, r.course.id),
    color: inv.color, seed: inv.seed, freshSeed,
  });
}

/** `tcp-tutor play LESSON` in a terminal: straight to the player; q leaves the tutor. */
export async function playTui(name: string, inv: Invocation, io: CliIo): Promise<number> {
  const s = tuiSession(inv, io);
  const { loadNamedLesson } = await import('../lesson-arg.js');
  const found = loadNamedLesson(name, s.lang, io);
  if (!found) return 1;
  // A lesson file in a course folder plays as part of its course: its seed, its progress.
  const inCourse = courseOfFile(found.file, s.lang);
  const store = inCourse ? courseStore(s.store, inCourse.course.id) : s.store;
  const fixed = inv.seed ?? inCourse?.lesson.seed ?? null;
  const disk = store.read();
  const resume = resumable(disk.lessons[found.lesson.id], fixed);
  const { openLoaded } = await import('../../session/lesson.js');
  const { playingOf } = await import('../../session/snapshot.js');
  const opened = openLoaded(found, (lessonSeed) => fixed ?? resume?.seed ?? freshSeed(lessonSeed));
  if (!opened.ok) {
    io.stderr.write(`${opened.reason}\n`);
    return 1;
  }
  const start = playingOf(opened.session, disk.lessons[opened.session.id], resume);
  if (!inCourse) return run(inv, io, s, start);
  return s.run({ lessons: courseEntries(inCourse.course), store, color: inv.color, seed: inv.seed, freshSeed, start });
}
