// How many key presses a learner needs to finish a lesson, driving the pure model as the
// keys would. The answers are taken from the checkpoints: this counts presses,
// it does not grade. An answer counts as one press (a choice's digit, or a typed number's
// Enter: the typing is the same whichever way the learner moves).
// Targets from issue 11: each lesson with n and the answers in at most 2 presses per quiz
// + 10; the handshake with → alone in at most 100, answers included.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { builtinLessonFiles, findLesson } from '../../source/lesson/registry.js';
import { atEnd, createPlayer, currentCheckpoint, isBlocked, update, type PlayerAction, type PlayerModel } from '../../source/player/model.js';
import { selectNote } from '../../source/player/screen.js';
import { toPlayer } from '../../source/session/to-player.js';

function lesson(name: string): PlayerModel {
  const found = findLesson(name, 'en');
  if (!found.ok) throw new Error(`no ${name} lesson`);
  const c = compileLesson(found.loaded, { seed: 5 });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const { trace, lesson, options } = toPlayer(c.compiled);
  return createPlayer(trace, lesson, options);
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
  const start = lesson('handshake');
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

  it('finishes with → alone in at most 100 presses, answers included, every authored paragraph read on its own', () => {
    const { presses, end } = finish(start, { type: 'next' });
    expect(atEnd(end)).toBe(true);
    expect(end.answers.size).toBe(quizzes);
    expect(presses).toBeLessThanOrEqual(100);
  });

  it('shows each of the author’s paragraphs at a stop of its own, none dropped', () => {
    // lessons/09-handshake.yaml, counted by hand: six `say:` paragraphs before the last
    // `connect:`, then the two closing paragraphs after it, each at a stop of its own too.
    const read: string[] = [];
    let m = start;
    for (let guard = 0; guard < 1000 && m.summary === null; guard++) {
      const note = selectNote(m);
      if (note && read.at(-1) !== note.en) read.push(note.en);
      m = update(isBlocked(m) ? update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) }) : m, { type: 'next' });
    }
    expect(read).toHaveLength(8);
    expect(read[0]).toMatch(/^Each side numbers the bytes/);
    expect(read[5]).toMatch(/^Next, the client connects/);
    expect(read.slice(6).map((t) => t.slice(0, 28))).toEqual(['Both sides are ESTABLISHED a', 'Why not two segments? With t']);
    expect(start.book.closing).toHaveLength(2);
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

describe('every lesson at a learner’s pace', () => {
  it.each(builtinLessonFiles().map((f) => [f.replace(/.*\//, '')]))('%s finishes with n and the answers in at most 2 presses per quiz + 10', (file) => {
    const start = lesson(file);
    const { presses, end } = finish(start, { type: 'nextQuiz' });
    expect(atEnd(end)).toBe(true);
    expect(end.answers.size).toBe(start.book.checkpoints.length);
    expect(presses).toBeLessThanOrEqual(2 * start.book.checkpoints.length + 10);
  });

  it('the congestion lesson finishes with → in at most 120 presses (726 when every header of its 63 frames was a stop)', () => {
    const start = lesson('congestion');
    const { presses, end } = finish(start, { type: 'next' });
    expect(end.answers.size).toBe(start.book.checkpoints.length);
    expect(presses).toBeLessThanOrEqual(120);
  });

  it('the congestion lesson’s frames are background, what congestion control makes of them is not: each change of cwnd, each duplicate ACK and each resend is a stop', () => {
    const start = lesson('congestion');
    const stops = new Set(start.book.stops.field);
    const news = start.book.trace.steps.flatMap((s, i) => (s.kind === 'tcp-congestion' || s.kind === 'tcp-dup-ack' || s.kind === 'tcp-retransmit' ? [i] : []));
    // RFC 5681 in this lesson: slow start, three duplicate ACKs, fast recovery, a timeout.
    expect(news.length).toBeGreaterThan(20);
    expect(news.filter((i) => !stops.has(i))).toEqual([]);
    // No header is built field by field, nor taken apart check by check, outside a quiz's stop.
    const quizAt = new Set(start.book.checkpoints.map((cp) => cp.atStep));
    const fieldStops = [...stops].filter((i) => start.book.trace.steps[i]!.kind === 'encap-field' && !quizAt.has(i));
    expect(fieldStops).toEqual([]);
  });
});
