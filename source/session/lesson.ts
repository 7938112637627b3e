// A lesson made ready for the player: found, compiled under a seed, and turned into the
// player's inputs. The TUI imports this lazily, so the menu opens without the simulator.
import type { Lang, Text } from '../i18n/text.js';
import type { PlayerLesson, PlayerOptions } from '../player/model.js';
import type { Trace } from '../sim/trace.js';
import { compileLesson } from '../lesson/compile.js';
import type { LoadedLesson } from '../lesson/loader.js';
import { formatProblem } from '../lesson/problems.js';
import { findLesson } from '../lesson/registry.js';
import { toPlayer } from './to-player.js';

export interface LessonSession {
  readonly id: string;
  readonly title: Text;
  readonly seed: number;
  readonly trace: Trace;
  readonly lesson: PlayerLesson;
  readonly options: PlayerOptions;
}

export type OpenResult = { readonly ok: true; readonly session: LessonSession } | { readonly ok: false; readonly reason: string };

/**
 * `name` is a lesson id, file name or path (as `play` takes it). `pick` chooses the seed
 * from the lesson's own (see pickSeed): the caller knows about --seed and saved runs.
 */
export function openLesson(name: string, lang: Lang, pick: (lessonSeed: number | undefined) => number): OpenResult {
  const found = findLesson(name, lang);
  if (!found.ok) {
    if ('notFound' in found) return { ok: false, reason: lang === 'ko' ? `'${name}' 레슨이 없습니다` : `no lesson '${name}'` };
    return { ok: false, reason: found.problems.map(formatProblem).join('; ') };
  }
  return openLoaded(found.loaded, pick, lang);
}

export function openLoaded(loaded: LoadedLesson, pick: (lessonSeed: number | undefined) => number, lang: Lang = 'en'): OpenResult {
  const seed = pick(loaded.lesson.settings?.seed);
  const compiled = compileLesson(loaded, { seed, lang });
  if (!compiled.ok) return { ok: false, reason: compiled.problems.map(formatProblem).join('; ') };
  const c = compiled.compiled;
  const { trace, lesson, options } = toPlayer(c);
  return { ok: true, session: { id: c.lesson.id, title: c.lesson.title, seed: c.seed, trace, lesson, options } };
}
