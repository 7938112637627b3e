import type { Lang } from '../../i18n/text.js';
import { loadLessonFile } from '../../lesson/loader.js';
import { formatProblem } from '../../lesson/problems.js';
import type { CliIo } from '../main.js';

/** `tcp-tutor validate FILE...`: one line per problem, exit 0 only when every file is valid. */
export function validate(files: readonly string[], lang: Lang, io: CliIo): number {
  let bad = 0;
  for (const file of files) {
    const r = loadLessonFile(file, lang);
    if (r.ok) continue;
    bad++;
    for (const p of r.problems) io.stdout.write(`${formatProblem(p)}\n`);
  }
  const summary = lang === 'ko'
    ? bad === 0 ? `레슨 ${files.length}개 모두 올바릅니다` : `레슨 ${files.length}개 중 ${bad}개에 문제가 있습니다`
    : bad === 0 ? `${files.length} lesson${files.length === 1 ? '' : 's'} valid` : `${bad} of ${files.length} lesson${files.length === 1 ? '' : 's'} invalid`;
  io.stderr.write(`${summary}\n`);
  return bad === 0 ? 0 : 1;
}
