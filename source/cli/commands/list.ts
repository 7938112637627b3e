import type { Lang } from '../../i18n/text.js';
import { loadCourse } from '../../lesson/course.js';
import { loadLessonFile, type LoadedLesson } from '../../lesson/loader.js';
import { formatProblem } from '../../lesson/problems.js';
import { builtinLessonFiles } from '../../lesson/registry.js';
import { courseProgress, stepReached, type LessonProgress } from '../../progress/data.js';
import { openStore, progressDir } from '../../progress/store.js';
import type { CliIo } from '../io.js';
import { readCatalog } from '../../lesson/catalog.js';
import type { LessonMinutes } from '../../session/reading-time.js';

/**
 * `tcp-tutor list [DIR] [--json]`: the built-in lessons in curriculum order, or a course
 * folder's in its course's order, with the progress kept for them.
 */
export async function list(json: boolean, lang: Lang, io: CliIo, dir: string | null = null): Promise<number> {
  // Reading progress never stops the list: a problem is one warning line.
  let saved = openStore(progressDir({ env: io.env }), { warn: (line) => io.stderr.write(`${line}\n`), lang }).read();
  const lessons: LoadedLesson[] = [];
  // Minutes come from the catalog, as in the menu and `progress`: the built-in lessons' from
  // the build's index, a course's read off each lesson with its course seed.
  const minutes = new Map<string, LessonMinutes | null>();
  let title: string | null = null;
  if (dir === null) {
    for (const e of (await readCatalog()).entries) minutes.set(e.file, e.minutes);
    for (const file of builtinLessonFiles()) {
      const r = loadLessonFile(file, lang);
      if (r.ok) lessons.push(r.loaded);
      else for (const p of r.problems) io.stderr.write(`${formatProblem(p)}\n`);
    }
  } else {
    const r = loadCourse(dir, lang);
    for (const p of r.problems) io.stderr.write(`${formatProblem(p)}\n`);
    if (!r.ok) {
      if (r.error !== null) io.stderr.write(`tcp-tutor: ${r.error}\n`);
      return 1;
    }
    lessons.push(...r.course.lessons.map((l) => l.loaded));
    const { minutesOf } = await import('../../lesson/entry.js');
    for (const l of r.course.lessons) minutes.set(l.loaded.file, minutesOf(l.loaded, l.seed ?? undefined));
    saved = courseProgress(saved, r.course.id);
    title = r.course.title?.[lang] ?? null;
  }
  const shown = dir?.replace(/(.)\/+$/, '$1');
  const rows = lessons.map(({ lesson: l, file }) => {
    const quizzes = l.script.filter((s) => s.quiz).length;
    const p = saved.lessons[l.id];
    const progress = p ? { done: p.done, step: p.step, steps: p.steps, score: p.score, best: p.best, total: p.total } : null;
    return { id: l.id, ...(dir !== null && { file }), title: l.title, summary: l.summary, level: l.level, topics: l.topics, minutes: minutes.get(file)?.[lang] ?? null, quizzes, progress };
  });
  if (json) {
    for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
    return 0;
  }
  if (title !== null) io.stdout.write(`${title}\n\n`);
  const width = Math.max(...rows.map((r) => r.id.length));
  const level = { beginner: { en: 'beginner', ko: '입문' }, intermediate: { en: 'intermediate', ko: '중급' }, advanced: { en: 'advanced', ko: '고급' } };
  rows.forEach((r, i) => {
    const time = r.minutes === null ? '' : lang === 'ko' ? `, 약 ${r.minutes}분` : `, about ${r.minutes} min`;
    io.stdout.write(`${String(i + 1).padStart(2)}. ${r.id.padEnd(width)}  ${r.title[lang]}  (${level[r.level][lang]}${time}, ${r.quizzes} ${lang === 'ko' ? '문제' : 'quizzes'})${mark(r.progress, lang)}\n`);
  });
  if (dir === null) io.stdout.write(lang === 'ko' ? `\n'tcp-tutor play ID'(또는 번호)로 시작합니다.\n` : `\nStart one with 'tcp-tutor play ID' (or its number).\n`);
  else io.stdout.write(lang === 'ko' ? `\n'tcp-tutor ${shown}'로 이 코스의 메뉴를 엽니다.\n` : `\nOpen this course's menu with 'tcp-tutor ${shown}'.\n`);
  return 0;
}

/** The same marks as the menu: done with the best score, or the step reached. */
function mark(p: Pick<LessonProgress, 'done' | 'step' | 'steps' | 'best' | 'total'> | null, lang: Lang): string {
  if (!p) return '';
  if (p.done) return lang === 'ko' ? `  ✓ 최고 ${p.best}/${p.total}` : `  ✓ best ${p.best}/${p.total}`;
  return lang === 'ko' ? `  … ${stepReached(p)}/${p.steps}단계` : `  … step ${stepReached(p)}/${p.steps}`;
}
