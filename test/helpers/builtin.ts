// A built-in lesson compiled, or opened in the player as the TUI opens it, for tests that
// walk a real lesson.
import { compileLesson, type CompiledLesson } from '../../source/lesson/compile.js';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { createPlayer, type PlayerModel } from '../../source/player/model.js';
import { openLoaded } from '../../source/session/lesson.js';

/** A lesson file compiled in English at `seed`. */
export function compiledFile(file: string, seed = 5): CompiledLesson {
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(`${file} does not load`);
  const c = compileLesson(r.loaded, { seed });
  if (!c.ok) throw new Error(`${file} does not compile`);
  return c.compiled;
}

/** The built-in lesson `id` in the player, at its first step, with the lesson's own seed or 1. */
export function builtinPlayer(id: string): PlayerModel {
  const file = builtinLessonFiles().find((f) => f.endsWith(`-${id}.yaml`))!;
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(`${id} does not load`);
  const o = openLoaded(r.loaded, (s) => s ?? 1);
  if (!o.ok) throw new Error(o.reason);
  return createPlayer(o.session.trace, o.session.lesson, o.session.options);
}
