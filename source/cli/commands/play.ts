// `tcp-tutor play LESSON --plain | --json`: the lesson as text or JSON Lines, answers read
// one per line from standard input. For tests, screen readers and autograding.
import { say, type Lang } from '../../i18n/text.js';
import { compileLesson, type PlayableLesson } from '../../lesson/compile.js';
import { formatProblem } from '../../lesson/problems.js';
import { pickSeed } from '../../lesson/seed.js';
import { resumable } from '../../progress/data.js';
import { openStore, progressDir } from '../../progress/store.js';
import type { AnswerSource, CliIo } from '../io.js';
import { loadNamedLesson } from '../lesson-arg.js';
import { reportProblem, runPlain, type PlainProgress, type PlayOptions, type RunIntro } from '../plain.js';

const SEED_LINE = { en: 'seed {seed}: run with --seed {seed} to get these numbers again', ko: '시드 {seed}: --seed {seed}로 실행하면 같은 숫자가 나옵니다' } as const;

/**
 * Plays a lesson in plain text or JSON Lines. Progress is saved as the TUI saves it (after
 * each answer and at the end) unless `save` is false (--no-save); an unfinished run is
 * continued with its seed, so its saved answers keep their numbers.
 */
export async function play(name: string, opts: PlayOptions & { readonly save: boolean }, io: CliIo, answers: AnswerSource): Promise<number> {
  const unwritable = opts.report === null ? null : reportProblem(opts.report, opts.lang);
  if (unwritable !== null) {
    io.stderr.write(`${unwritable}\n`);
    return 1;
  }
  const found = loadNamedLesson(name, opts.lang, io);
  if (!found) return 1;
  const store = opts.save ? openStore(progressDir({ env: io.env }), { warn: (line) => io.stderr.write(`${line}\n`) }) : null;
  const previous = store?.read().lessons[found.lesson.id];
  const resume = resumable(previous, opts.seed);
  const seed = opts.seed ?? resume?.seed ?? pickSeed(null, found.lesson.settings?.seed);
  const compiled = compileLesson(found, { seed });
  if (!compiled.ok) {
    for (const p of compiled.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return 1;
  }
  const id = compiled.compiled.lesson.id;
  const progress: PlainProgress | null = store && { previous, resume, save: (lesson) => store.saveLesson(id, lesson) };
  return runPlain(compiled.compiled, { ...opts, progress }, io, answers, lessonIntro(compiled.compiled, opts.lang));
}

function lessonIntro(c: PlayableLesson, lang: Lang): RunIntro {
  return {
    json: { lesson: c.lesson.id, title: c.lesson.title[lang], seed: c.seed },
    lines: [`${c.lesson.title[lang]} (${c.lesson.id})`, say(SEED_LINE, lang, { seed: c.seed })],
  };
}
