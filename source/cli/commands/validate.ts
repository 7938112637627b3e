import type { Lang } from '../../i18n/text.js';
import { loadLessonFile } from '../../lesson/loader.js';
import { compileLesson } from '../../lesson/compile.js';
import type { LoadedLesson } from '../../lesson/loader.js';
import { quizLeaks } from '../../lesson/leaks.js';
import { formatProblem, type Problem } from '../../lesson/problems.js';

/** Seeds a lesson is tried with: its answers must exist whatever numbers a learner draws. */
const SEEDS = [1, 2, 3];

/** Problems stop a lesson; warnings (a quiz whose answer the lesson's own text gives away) do not. */
function checkRuns(loaded: LoadedLesson, lang: Lang): { problems: readonly Problem[]; warnings: readonly Problem[] } {
  const warnings = new Map<string, Problem>();
  for (const seed of loaded.lesson.settings?.seed !== undefined ? [loaded.lesson.settings.seed] : SEEDS) {
    const r = compileLesson(loaded, { seed, lang });
    if (!r.ok) return { problems: r.problems, warnings: [] };
    for (const w of quizLeaks(loaded, r.compiled, lang)) warnings.set(formatProblem(w), w);
  }
  return { problems: [], warnings: [...warnings.values()] };
}
import type { CliIo } from '../io.js';

/** `tcp-tutor validate FILE...`: one line per problem, exit 0 only when every file is valid. */
export function validate(files: readonly string[], lang: Lang, io: CliIo): number {
  let bad = 0;
  for (const file of files) {
    const r = loadLessonFile(file, lang);
    // A lesson that parses is also run, so that a name that does not exist or a quiz about
    // a frame that never happens is caught here, not by a learner.
    const { problems, warnings } = r.ok ? checkRuns(r.loaded, lang) : { problems: r.problems, warnings: [] };
    for (const w of warnings) io.stdout.write(`${formatProblem(w)}\n`);
    if (problems.length === 0) continue;
    bad++;
    for (const p of problems) io.stdout.write(`${formatProblem(p)}\n`);
  }
  const summary = lang === 'ko'
    ? bad === 0 ? `레슨 ${files.length}개 모두 올바릅니다` : `레슨 ${files.length}개 중 ${bad}개에 문제가 있습니다`
    : bad === 0 ? `${files.length} lesson${files.length === 1 ? '' : 's'} valid` : `${bad} of ${files.length} lesson${files.length === 1 ? '' : 's'} invalid`;
  io.stderr.write(`${summary}\n`);
  return bad === 0 ? 0 : 1;
}
