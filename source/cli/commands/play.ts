// `tcp-tutor play LESSON --plain | --json`: the lesson as text or JSON Lines, answers read
// one per line from standard input. For tests, screen readers and autograding.
import { basename, dirname, resolve } from 'node:path';
import { say, type Lang } from '../../i18n/text.js';
import { compileLesson, type PlayableLesson } from '../../lesson/compile.js';
import { lessonHash } from '../../lesson/hash.js';
import type { LoadedLesson } from '../../lesson/loader.js';
import { builtinLessonDir } from '../../lesson/registry.js';
import type { LessonSource } from '../../report/format.js';
import { courseOfFile } from '../../lesson/course.js';
import { formatProblem } from '../../lesson/problems.js';
import { pickSeed } from '../../lesson/seed.js';
import { resumable } from '../../progress/data.js';
import { openStore, progressDir } from '../../progress/store.js';
import { courseStore } from '../tui.js';
import type { AnswerSource, CliIo } from '../io.js';
import { loadNamedLesson } from '../lesson-arg.js';
import { reportProblem, runPlain, type PlainProgress, type PlayOptions, type RunIntro } from '../plain.js';

const SEED_LINE = { en: 'seed {seed}: run with --seed {seed} to get these numbers again', ko: '시드 {seed}: --seed {seed}로 실행하면 같은 숫자가 나옵니다' } as const;

/** What `play` is told: PlayOptions, with the report named by the learner rather than built. */
export type PlayArgs = Omit<PlayOptions, 'report' | 'progress'> & {
  /** `--report FILE`. */
  readonly report: string | null;
  /** `--name`; TCP_TUTOR_NAME stands in for it. Written into the report. */
  readonly name: string | null;
  /** False with --no-save. */
  readonly save: boolean;
};

/**
 * Plays a lesson in plain text or JSON Lines. Progress is saved as the TUI saves it (after
 * each answer and at the end) unless `save` is false (--no-save); an unfinished run is
 * continued with its seed, so its saved answers keep their numbers.
 */
export async function play(name: string, args: PlayArgs, io: CliIo, answers: AnswerSource): Promise<number> {
  const unwritable = args.report === null ? null : reportProblem(args.report, args.lang);
  if (unwritable !== null) {
    io.stderr.write(`${unwritable}\n`);
    return 1;
  }
  const found = loadNamedLesson(name, args.lang, io);
  if (!found) return 1;
  // A lesson in a course folder takes the seed course.yaml gives it, so a class shares its
  // numbers, and keeps its progress with the course.
  const inCourse = courseOfFile(found.file, args.lang);
  const base = args.save ? openStore(progressDir({ env: io.env }), { warn: (line) => io.stderr.write(`${line}\n`), lang: args.lang }) : null;
  const store = base && inCourse ? courseStore(base, inCourse.course.id) : base;
  const fixed = args.seed ?? inCourse?.lesson.seed ?? null;
  const previous = store?.read().lessons[found.lesson.id];
  const resume = resumable(previous, fixed);
  const seed = fixed ?? resume?.seed ?? pickSeed(null, found.lesson.settings?.seed);
  const compiled = compileLesson(found, { seed, lang: args.lang });
  if (!compiled.ok) {
    for (const p of compiled.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return 1;
  }
  const id = compiled.compiled.lesson.id;
  const progress: PlainProgress | null = store && { previous, resume, save: (lesson) => store.saveLesson(id, lesson) };
  const opts: PlayOptions = {
    lang: args.lang, seed: args.seed, json: args.json, progress,
    report: args.report === null ? null : { file: args.report, learner: learnerName(args.name, io.env), lessonSource: sourceOf(found), lessonHash: lessonHash(found.lesson) },
  };
  return runPlain(compiled.compiled, opts, io, answers, lessonIntro(compiled.compiled, args.lang));
}

function lessonIntro(c: PlayableLesson, lang: Lang): RunIntro {
  return {
    json: { lesson: c.lesson.id, title: c.lesson.title[lang], seed: c.seed },
    lines: [`${c.lesson.title[lang]} (${c.lesson.id})`, say(SEED_LINE, lang, { seed: c.seed })],
  };
}

/** A built-in lesson by its file name (its path differs on every machine), else the file's absolute path. */
function sourceOf(found: LoadedLesson): LessonSource {
  const dir = resolve(builtinLessonDir());
  const file = resolve(found.file);
  return dirname(file) === dir ? { kind: 'builtin', name: basename(file) } : { kind: 'file', path: file };
}

/** `--name` wins, then TCP_TUTOR_NAME; blank is no name. */
function learnerName(option: string | null, env: NodeJS.ProcessEnv): string | null {
  const name = (option ?? env.TCP_TUTOR_NAME ?? '').trim();
  if (name === '') return null;
  // The report keeps at most 200 UTF-16 units of it, never half a character.
  let kept = '';
  for (const ch of name) {
    if (kept.length + ch.length > 200) break;
    kept += ch;
  }
  return kept;
}
