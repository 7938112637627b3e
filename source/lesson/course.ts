// A course: a folder of lesson files an instructor hands out, with an optional course.yaml
// that gives the course its title, the order of its lessons and their seeds. Read with the
// lesson loader (positions, the same defences), so that a course.yaml naming a lesson that
// is not there is one `file:line:col` line, as a lesson's own mistakes are.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { say, type Lang, type Text as TextValue } from '../i18n/text.js';
import { closest } from '../text/suggest.js';
import { builtinLessonFiles, isFolder } from './builtin.js';

export { isFolder } from './builtin.js';
import { loadLessonFile, loadYamlText, readYamlFile, type LoadedLesson } from './loader.js';
import type { Problem } from './problems.js';
import { CourseFile } from './course-schema.js';

export const COURSE_FILE = 'course.yaml';

export { CourseFile } from './course-schema.js';

export interface CourseLesson {
  readonly loaded: LoadedLesson;
  /** The seed the course fixes for this lesson (--seed still wins), or null. */
  readonly seed: number | null;
}

export interface Course {
  readonly dir: string;
  /** The progress namespace: course.yaml's id, else the folder's name. */
  readonly id: string;
  readonly title: TextValue | null;
  /** In the course's order. */
  readonly lessons: readonly CourseLesson[];
}

export type CourseResult =
  /** `problems` stop only the lessons they are in; `warnings` stop nothing. */
  | { readonly ok: true; readonly course: Course; readonly problems: readonly Problem[]; readonly warnings: readonly Problem[] }
  /** The folder cannot be a course at all (missing, empty), or course.yaml does not load. */
  | { readonly ok: false; readonly error: string | null; readonly problems: readonly Problem[] };

export const COURSE_TEXT = {
  noFolder: { en: "no folder '{dir}'", ko: "'{dir}' 폴더가 없습니다" },
  notFolder: { en: "'{dir}' is not a folder", ko: '{qdir:은} 폴더가 아닙니다' },
  noLessons: { en: "no lessons in '{dir}': a course folder holds lesson files (*.yaml) and, optionally, course.yaml", ko: "'{dir}'에 레슨이 없습니다. 코스 폴더에는 레슨 파일(*.yaml)과, 원하면 course.yaml을 둡니다" },
  notMapping: { en: 'course.yaml is a mapping of fields (title, seed, lessons), not {what}', ko: 'course.yaml은 필드(title, seed, lessons)의 매핑이어야 합니다. {what} 형태는 쓸 수 없습니다' },
  aList: { en: 'a list', ko: '목록' },
  missing: { en: "no lesson '{name}' in this folder{suggestion}; lessons here: {known}", ko: "이 폴더에 '{name}' 레슨이 없습니다{suggestion}. 있는 레슨: {known}" },
  suggestion: { en: " (did you mean '{name}'?)", ko: ' ({qname:을} 찾으시나요?)' },
  listedTwice: { en: "'{name}' is listed twice", ko: '{qname:이} 두 번 나옵니다' },
  duplicateId: { en: "the id '{id}' is also the id of {other}: ids in a course must differ", ko: 'id {qid:은} {other}의 id이기도 합니다. 한 코스 안의 id는 서로 달라야 합니다' },
  unlisted: { en: "warning: {file} is in the folder but not in course.yaml's lessons, so learners will not see it", ko: '경고: {file:은} 폴더에 있지만 course.yaml의 lessons에 없어 학습자에게 보이지 않습니다' },
} as const satisfies Record<string, TextValue>;

/** A folder name as a progress namespace: `Week 3 (TCP)` → `week-3-tcp`. */
export function courseIdOf(dir: string): string {
  const slug = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '').slice(0, 64);
  return slug === '' ? 'course' : slug;
}

/** The folder's course.yaml (or course.yml), or null. */
export function courseFileOf(dir: string): string | null {
  return [COURSE_FILE, 'course.yml'].map((n) => join(dir, n)).find(existsSync) ?? null;
}

/** The lesson files of a course folder, in file-name order, course.yaml aside. */
export function courseLessonFiles(dir: string): string[] {
  return builtinLessonFiles(dir).filter((f) => !/^course\.ya?ml$/.test(basename(f)));
}

/**
 * Loads a course folder: every lesson in it, then course.yaml if there is one. Lessons that
 * do not load are left out with their problems; two lessons with one id keep the first.
 */
export function loadCourse(dirArg: string, lang: Lang = 'en'): CourseResult {
  const dir = resolve(dirArg);
  if (!existsSync(dir)) return { ok: false, error: say(COURSE_TEXT.noFolder, lang, { dir: dirArg }), problems: [] };
  if (!isFolder(dir)) return { ok: false, error: say(COURSE_TEXT.notFolder, lang, { dir: dirArg, qdir: `'${dirArg}'` }), problems: [] };
  // Files are named as the user named the folder, so that problems read as they typed.
  const files = courseLessonFiles(dirArg);
  if (files.length === 0) return { ok: false, error: say(COURSE_TEXT.noLessons, lang, { dir: dirArg }), problems: [] };

  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const byId = new Map<string, LoadedLesson>();
  const ordered: LoadedLesson[] = [];
  for (const file of files) {
    const r = loadLessonFile(file, lang);
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    const id = r.loaded.lesson.id;
    const first = byId.get(id);
    if (first) {
      problems.push({ file, ...r.loaded.positionOf(['id']), message: say(COURSE_TEXT.duplicateId, lang, { id, qid: `'${id}'`, other: basename(first.file) }) });
      continue;
    }
    byId.set(id, r.loaded);
    ordered.push(r.loaded);
  }

  const courseFile = courseFileOf(dirArg);
  let spec: CourseFile = {};
  let positionOf: ((path: (string | number)[]) => { line: number; col: number }) | null = null;
  if (courseFile) {
    const read = readYamlFile(courseFile, lang);
    if ('problems' in read) return { ok: false, error: null, problems: [...read.problems, ...problems] };
    const r = loadYamlText(read.text, courseFile, CourseFile, lang, { empty: null, notMapping: (what) => say(COURSE_TEXT.notMapping, lang, { what: what === 'a list' ? say(COURSE_TEXT.aList, lang) : what }) });
    if (!r.ok) return { ok: false, error: null, problems: [...r.problems, ...problems] };
    spec = r.data;
    positionOf = r.positionOf;
  }

  let lessons: CourseLesson[];
  if (spec.lessons && courseFile && positionOf) {
    lessons = [];
    const taken = new Set<string>();
    const allFiles = files.map((f) => basename(f));
    spec.lessons.forEach((item, i) => {
      const name = typeof item === 'string' ? item : item.lesson;
      const at = positionOf!(typeof item === 'string' ? ['lessons', i] : ['lessons', i, 'lesson']);
      const file = files.find((f) => basename(f) === name || basename(f).replace(/\.ya?ml$/, '') === name);
      const loaded = ordered.find((l) => l.file === file) ?? byId.get(name);
      if (!loaded) {
        // A file that is there but did not load has its own problems already.
        if (file) return;
        const guess = closest(name, [...allFiles, ...byId.keys()]);
        problems.push({
          file: courseFile, ...at,
          message: say(COURSE_TEXT.missing, lang, { name, known: allFiles.join(', '), suggestion: guess ? say(COURSE_TEXT.suggestion, lang, { name: guess, qname: `'${guess}'` }) : '' }),
        });
        return;
      }
      if (taken.has(loaded.file)) {
        problems.push({ file: courseFile, ...at, message: say(COURSE_TEXT.listedTwice, lang, { name, qname: `'${name}'` }) });
        return;
      }
      taken.add(loaded.file);
      lessons.push({ loaded, seed: (typeof item === 'string' ? undefined : item.seed) ?? spec.seed ?? null });
    });
    for (const l of ordered) {
      if (!taken.has(l.file)) warnings.push({ file: courseFile, ...positionOf(['lessons']), message: say(COURSE_TEXT.unlisted, lang, { file: basename(l.file) }) });
    }
  } else {
    lessons = ordered.map((loaded) => ({ loaded, seed: spec.seed ?? null }));
  }
  return { ok: true, course: { dir, id: spec.id ?? courseIdOf(dir), title: spec.title ?? null, lessons }, problems, warnings };
}

/**
 * The course a lesson file belongs to, when its folder has a course.yaml and lists it:
 * `play week-3/handshake.yaml` takes the course's seed and keeps progress with the course.
 */
export function courseOfFile(file: string, lang: Lang = 'en'): { readonly course: Course; readonly lesson: CourseLesson } | null {
  const dir = dirname(resolve(file));
  if (courseFileOf(dir) === null) return null;
  const r = loadCourse(dir, lang);
  if (!r.ok) return null;
  const lesson = r.course.lessons.find((l) => resolve(l.loaded.file) === resolve(file));
  return lesson ? { course: r.course, lesson } : null;
}
