// A lesson's menu entry, minutes included: compiles and plays the lesson through, so it is
// loaded only where the build's index does not already hold the entry (course lessons,
// lessons changed since the build) and kept off the menu's launch path.
import type { LoadedLesson } from './loader.js';
import { compileLesson } from './compile.js';
import { lessonMinutes, type LessonMinutes } from '../session/reading-time.js';
import type { CatalogEntry } from './catalog.js';

export function entryOf(loaded: LoadedLesson, seed?: number): CatalogEntry {
  const l = loaded.lesson;
  return {
    id: l.id, file: loaded.file, title: l.title, summary: l.summary, level: l.level, topics: l.topics,
    minutes: minutesOf(loaded, seed), quizzes: l.script.filter((s) => s.quiz).length,
  };
}

/**
 * The minutes the menu, `list` and `progress` show: read off the lesson as played (its seed
 * changes only sizes and numbers, not how much there is to read). A lesson's own `minutes:`
 * is not used: it was a guess, and the guesses ran short by half.
 */
export function minutesOf(loaded: LoadedLesson, seed?: number): LessonMinutes | null {
  const c = compileLesson(loaded, seed === undefined ? {} : { seed });
  return c.ok ? lessonMinutes(c.compiled) : null;
}

