// A compiled lesson as the player takes it: its trace in wire order (lesson/wire-order.ts,
// as plain mode tells it), its checkpoints as they are (the compiler already made them in
// the player's model), narration as notes, and frame numbers.
import type { PlayerLesson, PlayerOptions } from '../player/model.js';
import type { PlayableLesson } from '../lesson/compile.js';
import { inWireOrder } from '../lesson/wire-order.js';
import { teachesCongestion } from '../lesson/congestion-shown.js';
import type { Trace } from '../sim/trace.js';
import { inSequenceSpace, type Checkpoint } from '../quiz/checkpoint.js';

/** Every frame's number in the capture the learner can export, so the player says it too. */
function frameNumbers(c: PlayableLesson): ReadonlyMap<number, number> | undefined {
  const cap = c.capture('pcapng');
  if ('error' in cap) return undefined;
  const out = new Map<number, number>();
  for (const f of c.trace.frames) {
    // A copy the capture point never saw (a switch's copy towards the server) is the same
    // packet as the one it came from: it takes that one's number.
    let n = cap.frameNumber(f.id);
    for (let p = f.parent; n === null && p !== null; p = c.trace.frames[p]!.parent) n = out.get(p) ?? cap.frameNumber(p);
    if (n !== null) out.set(f.id, n);
  }
  return out;
}

function asksAbsolute(quizzes: readonly Checkpoint[]): boolean {
  const numbered = quizzes.filter(inSequenceSpace);
  return numbered.length > 0 && numbered.every((q) => q.numbering === 'absolute');
}

/** The player's trace (in wire order: play this one, not `lesson.trace`), lesson and options. */
export function toPlayer(lesson: PlayableLesson): { readonly trace: Trace; readonly lesson: PlayerLesson; readonly options: PlayerOptions } {
  const numbers = frameNumbers(lesson);
  const c = inWireOrder(lesson, numbers ? (f) => numbers.get(f) ?? null : () => null);
  return {
    trace: c.trace,
    lesson: {
      title: c.lesson.title,
      checkpoints: c.quizzes,
      notes: c.narration.map((n) => ({ atStep: Math.max(0, n.at), text: n.text })),
      frameNumbers: numbers,
      background: c.background,
      congestion: teachesCongestion(c.lesson, c.quizzes),
    },
    options: {
      detail: c.views[0]?.view.detail ?? 'field',
      // A lesson that asks every seq and ack in absolute numbers (lesson 10 fixes its ISNs
      // at 10 and 20 to show them) is shown in them from the start, not only at its quizzes.
      ...(asksAbsolute(c.quizzes) && { numbering: 'absolute' as const }),
    },
  };
}
