// How many key presses a learner needs to finish the handshake lesson, driving the pure
// model as the keys would. The answers are taken from the checkpoints: this counts presses,
// it does not grade. An answer counts as one press (a choice's digit, or a typed number's
// Enter: the typing is the same whichever way the learner moves).
// Targets from issue 11: with n and the answers, at most 2 presses per quiz + 10; with →
// alone, at most 100, answers included.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { findLesson } from '../../source/lesson/registry.js';
import { atEnd, createPlayer, currentCheckpoint, isBlocked, update, type PlayerAction, type PlayerModel } from '../../source/player/model.js';
import { toPlayer } from '../../source/session/to-player.js';

function handshake(): PlayerModel {
  const found = findLesson('handshake', 'en');
  if (!found.ok) throw new Error('no handshake lesson');
  const c = compileLesson(found.loaded, { seed: 5 });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const { lesson, options } = toPlayer(c.compiled);
  return createPlayer(c.compiled.trace, lesson, options);
}

/** Plays to the end with one key, answering every quiz; the presses and the model at the end. */
function finish(m: PlayerModel, move: PlayerAction): { presses: number; moves: number; end: PlayerModel } {
  let presses = 0, moves = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    if (isBlocked(m)) {
      m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
      presses++;
      continue;
    }
    const before = m;
    m = update(m, move);
    // At the last stop, → opens the lesson's summary (and n ends there too).
    if (m.notice?.kind === 'atEnd' || m.summary !== null) break;
    presses++;
    moves++;
    expect(m.pos !== before.pos || m.reviewing !== before.reviewing).toBe(true);
  }
  return { presses, moves, end: m };
}

describe('the handshake lesson at a learner’s pace', () => {
  const start = handshake();
  const quizzes = start.book.checkpoints.length;

  it('has its eleven quizzes', () => {
    // lessons/09-handshake.yaml, counted by hand.
    expect(quizzes).toBe(11);
  });

  it('finishes with n and the answers in at most 2 presses per quiz + 10', () => {
    const { presses, end } = finish(start, { type: 'nextQuiz' });
    expect(atEnd(end)).toBe(true);
    expect(end.answers.size).toBe(quizzes);
    expect(presses).toBeLessThanOrEqual(2 * quizzes + 10);
  });

  it('finishes with → alone in at most 100 presses, answers included, besides one press per extra authored paragraph', () => {
    const { presses, end } = finish(start, { type: 'next' });
    expect(atEnd(end)).toBe(true);
    expect(end.answers.size).toBe(quizzes);
    // Each of the author's paragraphs is read on its own: a step that carries k paragraphs is
    // k stops. Those k − 1 extra presses are reading, not stepping, and are counted apart.
    const stops = start.book.stops.field;
    const paragraphs = stops.length - new Set(stops).size;
    expect(paragraphs).toBeGreaterThan(0);
    expect(presses - paragraphs).toBeLessThanOrEqual(100);
  });

  it('plays the ARP exchange before the handshake, marked background, in a few stops', () => {
    // The client's connect() is the first TCP step; everything before it is ARP.
    const connect = start.book.trace.steps.findIndex((s) => s.kind === 'tcp-state');
    expect(start.book.trace.steps.slice(0, connect).some((s) => s.kind === 'encap-begin' && s.protocol === 'arp')).toBe(true);
    // Where the lesson begins, where each side sends its ARP frame, and where ARP is done.
    // (A step is a stop once per paragraph the author wrote there: count the steps.)
    expect(new Set(start.book.stops.field.filter((i) => i < connect)).size).toBeLessThanOrEqual(4);
  });
});
