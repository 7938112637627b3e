import type { Lang } from '../../i18n/text.js';
import { loadLessonFile } from '../../lesson/loader.js';
import { formatProblem } from '../../lesson/problems.js';
import { builtinLessonFiles } from '../../lesson/registry.js';
import type { CliIo } from '../main.js';

/** `tcp-tutor list [--json]`: the built-in lessons in curriculum order. */
export function list(json: boolean, lang: Lang, io: CliIo): number {
  const rows = [];
  for (const file of builtinLessonFiles()) {
    const r = loadLessonFile(file, lang);
    if (!r.ok) {
      for (const p of r.problems) io.stderr.write(`${formatProblem(p)}\n`);
      continue;
    }
    const l = r.loaded.lesson;
    const quizzes = l.script.filter((s) => s.quiz).length;
    rows.push({ id: l.id, title: l.title, summary: l.summary, level: l.level, topics: l.topics, minutes: l.minutes ?? null, quizzes });
  }
  if (json) {
    for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  const level = { beginner: { en: 'beginner', ko: '입문' }, intermediate: { en: 'intermediate', ko: '중급' }, advanced: { en: 'advanced', ko: '고급' } };
  rows.forEach((r, i) => {
    io.stdout.write(`${String(i + 1).padStart(2)}. ${r.id.padEnd(width)}  ${r.title[lang]}  (${level[r.level][lang]}, ${r.quizzes} ${lang === 'ko' ? '문제' : 'quizzes'})\n`);
  });
  io.stdout.write(lang === 'ko' ? `\n'tcp-tutor play ID'로 시작합니다.\n` : `\nStart one with 'tcp-tutor play ID'.\n`);
  return 0;
}
