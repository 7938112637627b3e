// A compiled lesson as the player takes it: quizzes become checkpoints at the step the
// learner stops after, narration becomes notes, and grading stays the lesson's own.
import type { Checkpoint } from '../player/checkpoint.js';
import type { PlayerLesson, PlayerOptions } from '../player/model.js';
import type { PlayableLesson } from './compile.js';
import { gradeAnswer, type ResolvedQuiz } from './quiz.js';

function checkpointOf(q: ResolvedQuiz): Checkpoint {
  // A quiz stops *before* step `stopAt`; the player stops *after* `atStep`. A field quiz is
  // the exception: it stops on the step that writes the field, with the value hidden.
  const atStep = q.kind === 'field' ? q.stopAt : Math.max(0, q.stopAt - 1);
  const base = { id: q.id, atStep, prompt: q.prompt, explanation: q.explanation, hint: q.hint, numbering: q.numbering, wrong: q.wrong };
  switch (q.kind) {
    case 'number':
      return { ...base, kind: 'number', expected: Number(q.expected) };
    case 'choice':
      return { ...base, kind: 'choice', expected: q.expected, options: q.options.map((o) => ({ value: o.id, label: o.label })) };
    case 'field':
      return { ...base, kind: 'field', field: q.field!, expected: q.expected };
  }
}

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

export function toPlayer(c: PlayableLesson): { readonly lesson: PlayerLesson; readonly options: PlayerOptions } {
  const byId = new Map(c.quizzes.map((q) => [q.id, q]));
  return {
    lesson: {
      title: c.lesson.title,
      checkpoints: c.quizzes.map(checkpointOf),
      notes: c.narration.map((n) => ({ atStep: Math.max(0, n.at), text: n.text })),
      frameNumbers: frameNumbers(c),
    },
    options: {
      detail: c.views[0]?.view.detail ?? 'field',
      grade: (cp, answer) => {
        const q = byId.get(cp.id);
        return q ? gradeAnswer(q, answer).correct : false;
      },
    },
  };
}
