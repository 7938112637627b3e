// The lessons that ship with tcp-tutor, found beside the installed package, and the way a
// command line names one: by id (`handshake`), by its number in the menu and in `list`
// (`9`), by file name, or by a path of one's own.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Lang } from '../i18n/text.js';
import { builtinLessonFiles } from './builtin.js';
import { loadLessonFile, type LoadResult } from './loader.js';

export { builtinLessonDir, builtinLessonFiles } from './builtin.js';

/** A path to a file, or a built-in lesson's id, number (1-based, curriculum order) or file name. */
export function findLesson(name: string, lang: Lang): LoadResult | { readonly ok: false; readonly notFound: true; readonly known: string[] } {
  if (/[\\/]|\.ya?ml$/.test(name) && existsSync(name)) return loadLessonFile(resolve(name), lang);
  const files = builtinLessonFiles();
  // The menu and `list` number the lessons in curriculum order, the order of the files.
  if (/^[1-9]\d{0,2}$/.test(name) && !existsSync(name)) {
    const numbered = files[Number(name) - 1];
    if (numbered) return loadLessonFile(numbered, lang);
  }
  const byFile = files.find((f) => f.endsWith(`/${name}`) || f.endsWith(`/${name}.yaml`) || f.replace(/^.*\/\d+-/, '').replace(/\.ya?ml$/, '') === name);
  if (byFile) return loadLessonFile(byFile, lang);
  const known: string[] = [];
  for (const f of files) {
    const r = loadLessonFile(f, lang);
    if (!r.ok) continue;
    known.push(r.loaded.lesson.id);
    if (r.loaded.lesson.id === name) return r;
  }
  if (existsSync(name)) return loadLessonFile(resolve(name), lang);
  return { ok: false, notFound: true, known };
}
