// `tcp-tutor play LESSON --plain | --json`: the lesson as text or JSON Lines, answers read
// one per line from standard input. For tests, screen readers and autograding.
import { say, type Lang } from '../../i18n/text.js';
import { compileLesson, type PlayableLesson } from '../../lesson/compile.js';
import { courseOfFile } from '../../lesson/course.js';
import { formatProblem } from '../../lesson/problems.js';
import { pickSeed } from '../../lesson/seed.js';
import type { AnswerSource, CliIo } from '../io.js';
import { loadNamedLesson } from '../lesson-arg.js';
import { runPlain, type PlayOptions, type RunIntro } from '../plain.js';

const SEED_LINE = { en: 'seed {seed}: run with --seed {seed} to get these numbers again', ko: '시드 {seed}: --seed {seed}로 실행하면 같은 숫자가 나옵니다' } as const;

export async function play(name: string, opts: PlayOptions, io: CliIo, answers: AnswerSource): Promise<number> {
  const found = loadNamedLesson(name, opts.lang, io);
  if (!found) return 1;
  // A lesson in a course folder takes the seed course.yaml gives it, so a class shares its numbers.
  const seed = pickSeed(opts.seed ?? courseOfFile(found.file, opts.lang)?.lesson.seed ?? null, found.lesson.settings?.seed);
  const compiled = compileLesson(found, { seed });
  if (!compiled.ok) {
    for (const p of compiled.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return 1;
  }
  return runPlain(compiled.compiled, opts, io, answers, lessonIntro(compiled.compiled, opts.lang));
}

function lessonIntro(c: PlayableLesson, lang: Lang): RunIntro {
  return {
    json: { lesson: c.lesson.id, title: c.lesson.title[lang], seed: c.seed },
    lines: [`${c.lesson.title[lang]} (${c.lesson.id})`, say(SEED_LINE, lang, { seed: c.seed })],
  };
}
