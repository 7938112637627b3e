// A compiled lesson as the linear story the plain and JSON modes tell: narration, each
// frame a host sends, each TCP state change and congestion window change, each wait, and
// the quizzes where the player stops.
import type { Text } from '../i18n/text.js';
import { stepsSeen, type Checkpoint } from '../quiz/checkpoint.js';
import type { CongestionChange } from '../sim/tcp/congestion.js';
import type { TcpCause } from '../sim/tcp/transition.js';
import type { Step } from '../sim/trace.js';
import type { PlayableLesson } from './compile.js';
import { withoutFields } from '../sim/summary.js';
import { teachesCongestion } from './congestion-shown.js';
import { inWireOrder } from './wire-order.js';
import { rstEchoesAt } from './echoes.js';

export type WalkEvent =
  | { readonly kind: 'narration'; readonly at: number; readonly text: Text }
  | { readonly kind: 'frame'; readonly at: number; readonly frame: number; readonly from: string; readonly summary: string }
  | { readonly kind: 'state'; readonly at: number; readonly host: string; readonly from: string; readonly to: string; readonly cause: TcpCause }
  | { readonly kind: 'congestion'; readonly at: number; readonly host: string; readonly change: CongestionChange }
  | { readonly kind: 'quiz'; readonly at: number; readonly quiz: Checkpoint }
  /** What a link did to a frame: lost, damaged, duplicated, delayed or reordered on the way. */
  | { readonly kind: 'fate'; readonly at: number; readonly step: Extract<Step, { kind: 'link-fate' }> }
  /** A lesson's wait: time ran on with nothing on the wire (`micros` long). */
  | { readonly kind: 'idle'; readonly at: number; readonly micros: number };

/**
 * A quiz about a host's state that stops on the very step where that state changes is
 * asked before the change is told, as the player hides it (player/screen.ts): the answer
 * must not be the line just above the question.
 */
function ask(events: WalkEvent[], quiz: Extract<WalkEvent, { kind: 'quiz' }>): void {
  const q = quiz.quiz;
  const told = q.kind === 'choice' && q.ask === 'state' && q.host !== undefined
    ? events.findLastIndex((e) => e.kind === 'state' && e.host === q.host && e.at === q.atStep)
    : -1;
  if (told < 0) {
    events.push(quiz);
    return;
  }
  const [change] = events.splice(told, 1);
  events.push(quiz, change!);
}

/**
 * Events in the order a learner meets them; a quiz comes before the step it stops at.
 * Frames come in wire order, as their numbers in the capture (`frameNumber`, by default
 * the lesson's own export) count them: see lesson/wire-order.ts, whose order the
 * full-screen player tells too. `at` is a step of the lesson in that order.
 */
export function walk(lesson: PlayableLesson, frameNumber?: (frame: number) => number | null): WalkEvent[] {
  const c = inWireOrder(lesson, frameNumber);
  const events: WalkEvent[] = [];
  const quizzes = [...c.quizzes];
  const congestion = teachesCongestion(c.lesson, c.quizzes);
  const narration = [...c.narration];
  // A blank quiz's frame is told before its question, with the asked field left out.
  const blanked = new Map<number, ReadonlySet<string>>();
  for (const q of c.quizzes) if (q.kind === 'number' && q.ask === 'blank' && q.field && q.frame !== undefined) blanked.set(q.frame, new Set([q.field]));
  c.trace.steps.forEach((s, i) => {
    // The lesson's words come before a quiz only if the player shows them at its stop.
    while (quizzes.length && stepsSeen(quizzes[0]!) <= i) {
      const q = quizzes.shift()!;
      while (narration.length && narration[0]!.at <= q.atStep) events.push({ kind: 'narration', ...narration.shift()! });
      ask(events, { kind: 'quiz', at: i, quiz: q });
    }
    while (narration.length && narration[0]!.at <= i) events.push({ kind: 'narration', ...narration.shift()! });
    if (s.kind === 'transmit') {
      const f = c.trace.frames[s.frame]!;
      if (f.parent === null) {
        // A RST told before quizzes on a later one, whose answer it states, is told without
        // it, as the player shows it (lesson/echoes.ts): plain mode prints a line once, so it stays so.
        const hidden = new Set([...blanked.get(f.id) ?? [], ...rstEchoesAt(c.trace, c.quizzes, i).get(f.id) ?? []]);
        const summary = hidden.size ? withoutFields(f.summary, hidden) : f.summary;
        events.push({ kind: 'frame', at: i, frame: f.id, from: f.from.split(':')[0]!, summary });
      }
    } else if (s.kind === 'tcp-state') {
      events.push({ kind: 'state', at: i, host: s.host, from: s.from, to: s.to, cause: s.cause });
    } else if (s.kind === 'link-fate') {
      events.push({ kind: 'fate', at: i, step: s });
    } else if (s.kind === 'idle') {
      events.push({ kind: 'idle', at: i, micros: s.t - s.since });
    } else if (s.kind === 'tcp-congestion' && congestion) {
      const { t: _t, kind: _k, host, socket: _s, ...change } = s;
      events.push({ kind: 'congestion', at: i, host, change });
    }
  });
  // A quiz about the last step, then the closing words, as the player asks it before them.
  const end = c.trace.steps.length;
  for (const q of quizzes) ask(events, { kind: 'quiz', at: end, quiz: q });
  for (const n of narration) events.push({ kind: 'narration', ...n, at: end });
  return events;
}
