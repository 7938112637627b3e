// Traces recorded from the simulator under a fixed seed: a built-in lesson compiled and
// run exactly as the tutor runs it. Tests that need a trace take one of these rather than
// a hand-made one, so every step kind and check they see is one the simulator emits.
import { openLesson, type LessonSession } from '../../source/lesson/session.js';
import type { Trace } from '../../source/sim/trace.js';

/** The seed every recorded trace is made with, so that numbers in tests never move. */
export const RECORD_SEED = 7;

const cache = new Map<string, LessonSession>();

/** A built-in lesson (by id) ready for the player: its trace, checkpoints and options. */
export function recordedSession(lesson: string, seed = RECORD_SEED): LessonSession {
  const key = `${lesson}@${seed}`;
  let s = cache.get(key);
  if (!s) {
    const r = openLesson(lesson, 'en', () => seed);
    if (!r.ok) throw new Error(`cannot record ${lesson}: ${r.reason}`);
    s = r.session;
    cache.set(key, s);
  }
  return s;
}

export function recordedTrace(lesson: string, seed = RECORD_SEED): Trace {
  return recordedSession(lesson, seed).trace;
}
