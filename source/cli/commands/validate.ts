// `tcp-tutor validate FILE|DIR... [--watch]`: lesson files and course folders checked as a
// learner's tutor would load and run them, one `file:line:col` line per problem. With
// --watch, checked again after every save, saying which problems a save fixed or made.
import { resolve } from 'node:path';
import { say, type Lang, type Text } from '../../i18n/text.js';
import { loadLessonFile } from '../../lesson/loader.js';
import { compileLesson } from '../../lesson/compile.js';
import { courseFileOf, courseLessonFiles, isFolder, loadCourse } from '../../lesson/course.js';
import type { LoadedLesson } from '../../lesson/loader.js';
import { quizLeaks } from '../../lesson/leaks.js';
import { formatProblem, type Problem } from '../../lesson/problems.js';
import type { CliIo } from '../io.js';
import { watchSaves, watchedFor } from '../watch.js';

/** Seeds a lesson is tried with: its answers must exist whatever numbers a learner draws. */
const SEEDS = [1, 2, 3];

/** Problems stop a lesson; warnings (a quiz whose answer the lesson's own text gives away) do not. */
function checkRuns(loaded: LoadedLesson, lang: Lang, courseSeed: number | null = null): { problems: readonly Problem[]; warnings: readonly Problem[] } {
  const warnings = new Map<string, Problem>();
  // A seed the course or the lesson fixes is the one learners get; else any may come.
  const own = courseSeed ?? loaded.lesson.settings?.seed;
  for (const seed of own !== undefined ? [own] : SEEDS) {
    const r = compileLesson(loaded, { seed, lang });
    if (!r.ok) return { problems: r.problems, warnings: [] };
    for (const w of quizLeaks(loaded, r.compiled, lang)) warnings.set(formatProblem(w), w);
  }
  return { problems: [], warnings: [...warnings.values()] };
}

const W = {
  lessonsValid: { en: '{n} lesson{s} valid', ko: '레슨 {n}개 모두 올바릅니다' },
  lessonsInvalid: { en: '{bad} of {n} lesson{s} invalid', ko: '레슨 {n}개 중 {bad}개에 문제가 있습니다' },
  filesValid: { en: '{n} files valid (lessons and course.yaml)', ko: '파일 {n}개(레슨과 course.yaml) 모두 올바릅니다' },
  filesInvalid: { en: '{bad} of {n} files invalid (lessons and course.yaml)', ko: '파일 {n}개(레슨과 course.yaml) 중 {bad}개에 문제가 있습니다' },
  watching: { en: 'watching {what} for saves; Ctrl+C stops', ko: '{what}의 저장을 지켜봅니다. Ctrl+C로 멈춥니다' },
  changed: { en: '— after the save: {fixed} fixed, {added} new', ko: '— 저장 후: {fixed}개 해결, 새로 {added}개' },
  unchanged: { en: '— after the save: nothing changed ({n} left)', ko: '— 저장 후: 달라진 것이 없습니다 (남은 것 {n}개)' },
  fixed: { en: '  fixed: {line}', ko: '  해결: {line}' },
  added: { en: '  new:   {line}', ko: '  새로:  {line}' },
  cannotWatch: { en: 'tcp-tutor validate: cannot watch {dir}: {reason}', ko: 'tcp-tutor validate: {dir:을} 지켜볼 수 없습니다: {reason}' },
} as const satisfies Record<string, Text>;

export interface Checked {
  /** Every problem and warning, as printed: `file:line:col: message`. */
  readonly lines: readonly string[];
  /** Files with at least one problem (warnings do not count). */
  readonly bad: number;
  readonly files: number;
  /** A course.yaml was among them, so the summary counts files, not lessons. */
  readonly course: boolean;
  /** Lines that are not about a file: a folder that is missing or holds no lessons. */
  readonly errors: readonly string[];
}

/** Checks each lesson file and course folder once. Pure but for reading the files. */
export function check(targets: readonly string[], lang: Lang): Checked {
  const lines: string[] = [];
  const errors: string[] = [];
  const badFiles = new Set<string>();
  let files = 0;
  let course = false;
  const report = (problems: readonly Problem[], warnings: readonly Problem[]) => {
    for (const w of warnings) lines.push(formatProblem(w));
    for (const p of problems) {
      lines.push(formatProblem(p));
      badFiles.add(p.file);
    }
  };
  for (const target of targets) {
    // `week-3/` means a folder even when it is not there.
    if (isFolder(target) || /[\\/]$/.test(target)) {
      const r = loadCourse(target, lang);
      if (!r.ok && r.error !== null) {
        errors.push(`tcp-tutor validate: ${r.error}`);
        badFiles.add(resolve(target));
        files++;
        continue;
      }
      report(r.problems, r.ok ? r.warnings : []);
      const hasCourseFile = courseFileOf(target) !== null;
      course ||= hasCourseFile;
      files += courseLessonFiles(target).length + (hasCourseFile ? 1 : 0);
      if (!r.ok) continue;
      for (const l of r.course.lessons) {
        const runs = checkRuns(l.loaded, lang, l.seed);
        report(runs.problems, runs.warnings);
      }
      continue;
    }
    files++;
    const r = loadLessonFile(target, lang);
    // A lesson that parses is also run, so that a name that does not exist or a quiz about
    // a frame that never happens is caught here, not by a learner.
    const runs = r.ok ? checkRuns(r.loaded, lang) : { problems: r.problems, warnings: [] };
    report(runs.problems, runs.warnings);
  }
  return { lines, errors, bad: badFiles.size, files, course };
}

function summary(c: Checked, lang: Lang): string {
  const params = { n: c.files, bad: c.bad, s: c.files === 1 ? '' : 's' };
  if (c.course) return say(c.bad === 0 ? W.filesValid : W.filesInvalid, lang, params);
  return say(c.bad === 0 ? W.lessonsValid : W.lessonsInvalid, lang, params);
}

/** `tcp-tutor validate FILE|DIR...`: one line per problem, exit 0 only when every file is valid. */
export function validate(targets: readonly string[], lang: Lang, io: CliIo): number {
  const c = check(targets, lang);
  for (const line of c.lines) io.stdout.write(`${line}\n`);
  for (const e of c.errors) io.stderr.write(`${e}\n`);
  io.stderr.write(`${summary(c, lang)}\n`);
  return c.bad === 0 ? 0 : 1;
}

/** What a save changed: the problem lines that went away and the ones that came. */
export function difference(before: readonly string[], after: readonly string[]): { readonly fixed: string[]; readonly added: string[] } {
  const was = new Set(before);
  const now = new Set(after);
  return { fixed: before.filter((l) => !now.has(l)), added: after.filter((l) => !was.has(l)) };
}

/**
 * `validate --watch`: checks, then checks again after each save of a target (or of any
 * lesson in a target folder), printing what the save changed. Resolves with 130 when
 * `stop` is aborted (Ctrl+C), as a shell reports a process ended by SIGINT.
 */
export function validateWatch(targets: readonly string[], lang: Lang, io: CliIo, stop: AbortSignal): Promise<number> {
  const out = (s: string) => io.stdout.write(`${s}\n`);
  let last = check(targets, lang);
  for (const line of last.lines) out(line);
  for (const e of last.errors) out(e);
  out(summary(last, lang));

  const recheck = () => {
    const now = check(targets, lang);
    const { fixed, added } = difference([...last.lines, ...last.errors], [...now.lines, ...now.errors]);
    if (fixed.length === 0 && added.length === 0) out(say(W.unchanged, lang, { n: now.lines.length + now.errors.length }));
    else {
      out(say(W.changed, lang, { fixed: fixed.length, added: added.length }));
      for (const line of fixed) out(say(W.fixed, lang, { line }));
      for (const line of added) out(say(W.added, lang, { line }));
    }
    out(summary(now, lang));
    last = now;
  };
  const folders = targets.filter((t) => isFolder(t) || /[\\/]$/.test(t));
  let unwatch: () => void;
  try {
    unwatch = watchSaves(watchedFor(targets.filter((t) => !folders.includes(t)), folders), recheck);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.stderr.write(`${say(W.cannotWatch, lang, { dir: e.path ?? targets.join(', '), reason: e.code ?? e.message })}\n`);
    return Promise.resolve(1);
  }
  io.stderr.write(`${say(W.watching, lang, { what: targets.join(', ') })}\n`);
  return new Promise<number>((done) => {
    const finish = () => {
      unwatch();
      done(130);
    };
    if (stop.aborted) finish();
    else stop.addEventListener('abort', finish, { once: true });
  });
}
