// Where the built-in lessons are: the `lessons/` folder beside the installed package.
// Only node:fs and node:path here, so that the menu can list lessons without loading
// the YAML parser and the schema.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Lesson files in `dir` (the built-in ones by default) in curriculum order: their names start with the order. */
export function builtinLessonFiles(dir = builtinLessonDir()): string[] {
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/** Whether `path` is a folder (a course), as the command line tells `tcp-tutor DIR` from a command. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
