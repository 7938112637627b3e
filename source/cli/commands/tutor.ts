// The full-screen tutor: `tcp-tutor` (the menu), `tcp-tutor DIR` and `play DIR` (the menu
// on a course folder) and `tcp-tutor play LESSON` in a terminal. Everything before the
// first frame happens here without Ink: the progress file, the lesson catalog, and for
// `play` the lesson itself, so that a bad lesson is one plain line as in the plain mode.
// Ink and React load only once a terminal is sure.
import { basename } from 'node:path';
import type { Lang } from '../../i18n/text.js';
import { readCatalog, type CatalogEntry } from '../../lesson/catalog.js';
import type { Course } from '../../lesson/course.js';
import type { Problem } from '../../lesson/problems.js';
import type { openLoaded as OpenLoaded } from '../../session/lesson.js';
import { watchSaves, watchedFor } from '../watch.js';
import { pickSeed } from '../../lesson/seed.js';
import type { Playing } from '../../session/snapshot.js';
import { resumable } from '../../progress/data.js';
import type { Invocation } from '../args.js';
import type { CliIo } from '../io.js';
import { courseStore, tuiSession, type TuiOptions, type TuiSession } from '../tui.js';

const freshSeed = (lessonSeed: number | undefined) => pickSeed(null, lessonSeed);

type TuiStore = NonNullable<TuiOptions['store']>;

/** --no-save: the lessons are read as saved, and nothing the learner does is written. */
function saving(inv: Invocation, store: TuiStore): TuiStore {
  return inv.options['no-save'] === true
    ? { read: () => store.read(), saveLesson: () => {}, saveLang: () => {}, warnings: () => store.warnings() }
    : store;
}

async function run(inv: Invocation, io: CliIo, s: TuiSession, start?: Playing): Promise<number> {
  const catalog = await readCatalog();
  for (const p of catalog.problems) io.stderr.write(`${p}\n`);
  return s.run({ lessons: catalog.entries, color: inv.color, seed: inv.seed, freshSeed, start, store: saving(inv, s.store) });
}

/** `tcp-tutor` with no command, in a terminal (main prints the lesson list without one). */
export async function menu(inv: Invocation, io: CliIo): Promise<number> {
  return run(inv, io, tuiSession(inv, io));
}

/** A course's lessons as menu entries, each with the seed course.yaml gives it. */
export async function courseEntries(course: Course): Promise<CatalogEntry[]> {
  const { entryOf } = await import('../../lesson/entry.js');
  // `play handshake` would open the built-in lesson: a course's lesson is played by its file.
  return course.lessons.map((l) => ({ ...entryOf(l.loaded, l.seed ?? undefined), playAs: l.loaded.file, ...(l.seed !== null && { seed: l.seed }) }));
}

/** `tcp-tutor DIR` and `tcp-tutor play DIR` in a terminal: the menu on a course folder, its progress its own. */
export async function courseMenu(dir: string, inv: Invocation, io: CliIo): Promise<number> {
  const s = tuiSession(inv, io);
  // The loader and the schema load only for a course, not for the built-in menu.
  const { loadCourse } = await import('../../lesson/course.js');
  const { formatProblem } = await import('../../lesson/problems.js');
  const r = loadCourse(dir, s.lang);
  for (const p of r.problems) io.stderr.write(`${formatProblem(p)}\n`);
  if (!r.ok) {
    if (r.error !== null) io.stderr.write(`tcp-tutor: ${r.error}\n`);
    return 1;
  }
  return s.run({
    lessons: await courseEntries(r.course), title: r.course.title ?? undefined, store: saving(inv, courseStore(s.store, r.course.id)),
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
  const { courseOfFile } = await import('../../lesson/course.js');
  const inCourse = courseOfFile(found.file, s.lang);
  const store = inCourse ? courseStore(s.store, inCourse.course.id) : s.store;
  const fixed = inv.seed ?? inCourse?.lesson.seed ?? null;
  const disk = store.read();
  const resume = resumable(disk.lessons[found.lesson.id], fixed);
  const { openLoaded } = await import('../../session/lesson.js');
  const { loadLessonFile } = await import('../../lesson/loader.js');
  const { playingOf } = await import('../../session/snapshot.js');
  const opened = openLoaded(found, (lessonSeed) => fixed ?? resume?.seed ?? freshSeed(lessonSeed), s.lang);
  if (!opened.ok) {
    io.stderr.write(`${opened.reason}\n`);
    return 1;
  }
  const start = playingOf(opened.session, disk.lessons[opened.session.id], resume);
  const watch = inv.options.watch === true ? watcher(found.file, opened.session.seed, s.lang, loadLessonFile, openLoaded) : undefined;
  if (!inCourse) {
    const catalog = await readCatalog();
    for (const p of catalog.problems) io.stderr.write(`${p}\n`);
    return s.run({ lessons: catalog.entries, store: saving(inv, store), color: inv.color, seed: inv.seed, freshSeed, start, watch });
  }
  return s.run({ lessons: await courseEntries(inCourse.course), store: saving(inv, store), color: inv.color, seed: inv.seed, freshSeed, start, watch });
}

/**
 * play --watch: the lesson file opened again after each save, with the seed it is played
 * with, so that the numbers stay; or the first of its problems, for the status line.
 */
function watcher(
  file: string, seed: number, lang: Lang, loadLessonFile: typeof import('../../lesson/loader.js').loadLessonFile, openLoaded: typeof OpenLoaded,
): NonNullable<TuiOptions['watch']> {
  return (reloaded) => watchSaves(watchedFor([file]), () => {
    const r = loadLessonFile(file, lang);
    if (!r.ok) {
      reloaded({ ok: false, reason: problemLine(r.problems) });
      return;
    }
    const opened = openLoaded(r.loaded, () => seed);
    reloaded(opened.ok ? opened : { ok: false, reason: opened.reason });
  });
}

/** The first problem, and how many more: the status line has one line. */
function problemLine(problems: readonly Problem[]): string {
  const first = `${basename(problems[0]!.file)}:${problems[0]!.line}:${problems[0]!.col}: ${problems[0]!.message}`;
  return problems.length > 1 ? `${first} (+${problems.length - 1})` : first;
}
