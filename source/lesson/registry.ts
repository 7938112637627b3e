// The lessons that ship with tcp-tutor, found beside the installed package, and the way a
// command line names one: by id (`handshake`), by file name, or by a path of one's own.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../i18n/text.js';
import { loadLessonFile, type LoadResult } from './loader.js';

/** The package root: the nearest folder above this module whose package.json is ours. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tcp-tutor') return dir;
      } catch {
        // not ours; keep climbing
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the tcp-tutor package folder');
    dir = up;
  }
}

export function builtinLessonDir(): string {
  return join(packageRoot(), 'lessons');
}

/** Built-in lesson files in curriculum order (their names start with the order). */
export function builtinLessonFiles(): string[] {
  const dir = builtinLessonDir();
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/** A path to a file, or a built-in lesson's id or file name. */
export function findLesson(name: string, lang: Lang): LoadResult | { readonly ok: false; readonly notFound: true; readonly known: string[] } {
  if (/[\\/]|\.ya?ml$/.test(name) && existsSync(name)) return loadLessonFile(resolve(name), lang);
  const files = builtinLessonFiles();
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
