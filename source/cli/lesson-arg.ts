import type { Lang } from '../i18n/text.js';
import type { LoadedLesson } from '../lesson/loader.js';
import { formatProblem } from '../lesson/problems.js';
import { findLesson } from '../lesson/registry.js';
import type { CliIo } from './io.js';

/** Loads the lesson a user named, or says plainly why not (and which ones exist). */
export function loadNamedLesson(name: string, lang: Lang, io: CliIo): LoadedLesson | null {
  const r = findLesson(name, lang);
  if (r.ok) return r.loaded;
  if ('notFound' in r) {
    io.stderr.write(lang === 'ko'
      ? `tcp-tutor: '${name}' 레슨이 없습니다. 내장 레슨: ${r.known.join(', ')}\n`
      : `tcp-tutor: no lesson '${name}'. Built-in lessons: ${r.known.join(', ')}\n`);
    return null;
  }
  for (const p of r.problems) io.stderr.write(`${formatProblem(p)}\n`);
  return null;
}
