// What tcp-tutor remembers about a learner: per lesson, where they are, what they
// answered and their best score; and the language they chose. Pure: parsing, validation
// and merging live here, the file and its directory in store.ts.
import type { Lang, Text } from '../i18n/text.js';

export interface SavedAnswer {
  readonly value: string;
  readonly correct: boolean;
}

export interface LessonProgress {
  /** The trace step the learner was on (the player resumes there). */
  readonly step: number;
  /** Steps in the lesson's trace, for "step 12/40". */
  readonly steps: number;
  /** By quiz id, for the current run. */
  readonly answers: Readonly<Record<string, SavedAnswer>>;
  /** Right answers in the current run. */
  readonly score: number;
  /** Quizzes in the lesson. */
  readonly total: number;
  /** The highest score of any run. */
  readonly best: number;
  /** The current run's seed: a resumed lesson needs the same numbers. */
  readonly seed: number;
  /** The current run reached the last step. */
  readonly done: boolean;
  /** ISO 8601; decides which of two writers wins for this lesson. */
  readonly updated: string;
}

export interface Settings {
  readonly lang: Lang;
  readonly updated: string;
}

export interface Progress {
  readonly lessons: Readonly<Record<string, LessonProgress>>;
  readonly settings: Settings | null;
}

/**
 * A table of lessons by id with no prototype, so that any lesson id (a lesson may be called
 * `constructor`) looks up only what was saved.
 */
export function lessonTable(from: Readonly<Record<string, LessonProgress>> = {}): Record<string, LessonProgress> {
  return Object.assign(Object.create(null) as Record<string, LessonProgress>, from);
}

export const EMPTY: Progress = { lessons: lessonTable(), settings: null };

/** Marks the file as ours, so that `--import` of some other JSON fails plainly. */
export const FORMAT = 'tcp-tutor-progress';
export const VERSION = 1;

export function serialize(p: Progress): string {
  const lessons = Object.fromEntries(Object.entries(p.lessons).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ format: FORMAT, version: VERSION, settings: p.settings, lessons }, null, 2)}\n`;
}

/**
 * A key of `lessons`: a lesson id (the built-in lessons and files played by path), or a
 * course's namespace and the lesson's id, `week-3/handshake`, so that a course's copy of a
 * lesson keeps its own progress. Files written before courses hold only the first kind.
 */
const LESSON_KEY = /^[a-z0-9][a-z0-9._-]{0,63}(\/[a-z0-9][a-z0-9._-]{0,63})?$/;

/** The separator between a course's namespace and a lesson id in a key. */
export const COURSE_SEPARATOR = '/';

/** The key a course's lesson is saved under: `week-3/handshake`, beside the built-in `handshake`. */
export function courseLessonKey(courseId: string, lessonId: string): string {
  return `${courseId}${COURSE_SEPARATOR}${lessonId}`;
}

/** A course's lessons as the menu sees them: by lesson id, the course's namespace taken off. */
export function courseProgress(p: Progress, courseId: string): Progress {
  const prefix = courseLessonKey(courseId, '');
  const lessons = lessonTable();
  for (const [key, l] of Object.entries(p.lessons)) if (key.startsWith(prefix)) lessons[key.slice(prefix.length)] = l;
  return { lessons, settings: p.settings };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isTime = (x: unknown): x is string => typeof x === 'string' && !Number.isNaN(Date.parse(x));

/** What is wrong with one lesson record, in each language, or null. */
function lessonProblem(id: string, l: unknown): Text | null {
  const T = (en: string, ko: string): Text => ({ en, ko });
  if (!LESSON_KEY.test(id)) return T(`lesson id '${id.slice(0, 40)}' is not a lesson id`, `'${id.slice(0, 40)}' 항목은 레슨 id가 아닙니다`);
  if (!isObject(l)) return T(`lesson '${id}' is not an object`, `레슨 '${id}' 기록이 객체가 아닙니다`);
  for (const k of ['step', 'steps', 'score', 'total', 'best', 'seed'] as const) {
    if (!isCount(l[k])) return T(`lesson '${id}': ${k} is not a whole number`, `레슨 '${id}': ${k} 값이 0 이상의 정수가 아닙니다`);
  }
  if (typeof l.done !== 'boolean') return T(`lesson '${id}': done is not true or false`, `레슨 '${id}': done 값이 true나 false가 아닙니다`);
  if (!isTime(l.updated)) return T(`lesson '${id}': updated is not a date`, `레슨 '${id}': updated 값이 날짜가 아닙니다`);
  if (!isObject(l.answers)) return T(`lesson '${id}': answers is not an object`, `레슨 '${id}': answers가 객체가 아닙니다`);
  for (const [q, a] of Object.entries(l.answers)) {
    if (!isObject(a) || typeof a.value !== 'string' || typeof a.correct !== 'boolean') return T(`lesson '${id}': answer '${q}' is malformed`, `레슨 '${id}': 답 '${q}' 기록의 형식이 잘못되었습니다`);
  }
  return null;
}

/** Most lessons a progress file may hold: a curriculum has tens; more is not progress. */
export const MAX_LESSONS = 1000;

export type ParseResult =
  | { readonly ok: true; readonly progress: Progress; readonly skipped: readonly Text[] }
  | { readonly ok: false; readonly reason: Text };

/**
 * Reads a progress file's text. Unknown fields are ignored, so a newer file still reads. A
 * byte order mark is allowed (editors add one). A lesson record that is malformed is left
 * out and named in `skipped`: one bad record loses only itself.
 */
export function parse(text: string): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, reason: { en: 'the file is empty', ko: '파일이 비어 있습니다' } };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (err) {
    return { ok: false, reason: { en: `not JSON (${err instanceof Error ? err.message : String(err)})`, ko: 'JSON 형식이 아닙니다' } };
  }
  if (!isObject(raw) || raw.format !== FORMAT) return { ok: false, reason: { en: 'not a tcp-tutor progress file', ko: 'tcp-tutor 진행 상황 파일이 아닙니다' } };
  if (raw.version !== VERSION) return { ok: false, reason: { en: `version ${String(raw.version)} is not one this tcp-tutor reads (${VERSION})`, ko: `버전 ${String(raw.version)}: 이 tcp-tutor가 읽는 버전(${VERSION})이 아닙니다` } };
  if (!isObject(raw.lessons)) return { ok: false, reason: { en: 'lessons is not an object', ko: 'lessons가 객체가 아닙니다' } };
  const entries = Object.entries(raw.lessons);
  if (entries.length > MAX_LESSONS) return { ok: false, reason: { en: `${entries.length} lessons; a progress file holds at most ${MAX_LESSONS}`, ko: `레슨이 ${entries.length}개입니다. 진행 상황 파일에는 최대 ${MAX_LESSONS}개까지 담깁니다` } };
  // No prototype: a lesson may be called `constructor` or `__proto__`.
  const lessons = lessonTable();
  const skipped: Text[] = [];
  for (const [id, l] of entries) {
    const problem = lessonProblem(id, l);
    if (problem) {
      skipped.push(problem);
      continue;
    }
    const v = l as LessonProgress;
    lessons[id] = {
      step: v.step, steps: v.steps, answers: v.answers, score: v.score, total: v.total, best: v.best, seed: v.seed, done: v.done, updated: v.updated,
    };
  }
  let settings: Settings | null = null;
  if (raw.settings !== null && raw.settings !== undefined) {
    const s = raw.settings;
    if (!isObject(s) || (s.lang !== 'en' && s.lang !== 'ko') || !isTime(s.updated)) skipped.push({ en: 'settings are malformed', ko: 'settings 기록의 형식이 잘못되었습니다' });
    else settings = { lang: s.lang, updated: s.updated };
  }
  return { ok: true, progress: { lessons, settings }, skipped };
}

const newer = <T extends { readonly updated: string }>(a: T, b: T): T => (Date.parse(b.updated) > Date.parse(a.updated) ? b : a);

/**
 * Last writer wins, per lesson and for the settings, by `updated`. Two tutors open at
 * once each write only what they changed into a fresh read, so neither loses the other's
 * lessons. On a tie the first argument (what is on disk) stays.
 */
export function merge(base: Progress, incoming: Progress): Progress {
  const lessons = lessonTable(base.lessons);
  for (const [id, l] of Object.entries(incoming.lessons)) {
    const have = Object.hasOwn(lessons, id) ? lessons[id] : undefined;
    lessons[id] = have ? newer(have, l) : l;
  }
  const settings = base.settings && incoming.settings ? newer(base.settings, incoming.settings) : base.settings ?? incoming.settings;
  return { lessons, settings };
}

/** The lesson to offer under "Resume": the one in progress touched last. */
export function lastInProgress(p: Progress, known?: ReadonlySet<string>): string | null {
  let best: [string, number] | null = null;
  for (const [id, l] of Object.entries(p.lessons)) {
    if (l.done || (known && !known.has(id))) continue;
    const t = Date.parse(l.updated);
    if (!best || t > best[1]) best = [id, t];
  }
  return best?.[0] ?? null;
}

/**
 * The step a saved run has reached, counted from 1 as the player's status bar counts:
 * `step` is an index. The menu, `list` and `progress` all show "step {this}/{steps}".
 */
export function stepReached(p: Pick<LessonProgress, 'step' | 'steps'>): number {
  return Math.min(p.step + 1, p.steps);
}

/** The saved run to resume, if any: one not finished, whose numbers --seed does not override. */
export function resumable(saved: LessonProgress | undefined, seedFlag: number | null): LessonProgress | undefined {
  return saved && !saved.done && (seedFlag === null || seedFlag === saved.seed) ? saved : undefined;
}
