// The order quiz's grader and shuffle. The hand-checked cases are the handshake and a
// close; the properties compare the grader with an oracle written another way: an order is
// right when, read top to bottom, the send times never go back and a frame that answers
// another sent at the same instant (over a link without delay) comes after it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grade, keepsOrder, readOrder, type OrderCheckpoint } from '../../source/quiz/checkpoint.js';
import { shuffleOrder } from '../../source/lesson/quiz.js';
import { createRng } from '../../source/sim/rng.js';

const t = (s: string) => ({ en: s, ko: s });
const base = { id: 'q', atStep: 4, prompt: t('?'), explanation: t('the rule'), hint: t('h'), numbering: 'relative' as const };
const item = (line: string, frame: number) => ({ frame, line, brief: line });

/**
 * The handshake and a request, shown shuffled as 1 [.] data, 2 [S.], 3 [S], 4 [.] ack of the
 * data, 5 [.] the handshake's ACK. Sent: SYN (3), SYN-ACK (2), ACK (5), data (1), its ACK (4).
 */
const handshake: OrderCheckpoint = {
  ...base, kind: 'order', expected: '3 2 5 1 4',
  items: [item('[P.] seq 1:19, ack 1', 8), item('[S.] seq 700, ack 301', 6), item('[S] seq 300', 5), item('[.] ack 19', 9), item('[.] ack 1', 7)],
  // Every frame here leaves after the one before it: a total order.
  before: [[3, 2], [3, 5], [3, 1], [3, 4], [2, 5], [2, 1], [2, 4], [5, 1], [5, 4], [1, 4]],
};

/**
 * A simultaneous close: both FINs leave at the same instant (items 1 and 2), each ACK after
 * both FINs, and the two ACKs at the same instant too. 1 2 3 4, 2 1 3 4, 1 2 4 3 and 2 1 4 3
 * are all true; nothing else is.
 */
const crossing: OrderCheckpoint = {
  ...base, kind: 'order', expected: '1 2 3 4',
  items: [item('client [F.]', 1), item('server [F.]', 2), item('client [.]', 3), item('server [.]', 4)],
  before: [[1, 3], [1, 4], [2, 3], [2, 4]],
};

describe('the order grader', () => {
  it('takes the true order typed with spaces, commas or run together', () => {
    for (const typed of ['3 2 5 1 4', '3,2,5,1,4', ' 3, 2  5 1,4 ', '32514']) {
      expect(grade(handshake, typed), typed).toEqual({ graded: true, correct: true, answer: '3 2 5 1 4', wrongExplain: null });
    }
  });

  it('marks a wrong order wrong: the data before the handshake ends, the shuffle as shown', () => {
    expect(grade(handshake, '3 2 1 5 4')).toMatchObject({ graded: true, correct: false });
    expect(grade(handshake, '1 2 3 4 5')).toMatchObject({ graded: true, correct: false });
    expect(grade(handshake, '4 1 5 2 3')).toMatchObject({ graded: true, correct: false });
  });

  it('takes any order of frames sent at the same instant by hosts that did not know of each other', () => {
    for (const right of ['1 2 3 4', '2 1 3 4', '1 2 4 3', '2 1 4 3']) expect(grade(crossing, right)).toMatchObject({ graded: true, correct: true });
    for (const wrong of ['1 3 2 4', '3 4 1 2', '4 1 2 3']) expect(grade(crossing, wrong)).toMatchObject({ correct: false });
  });

  it('asks again when the answer does not name every frame once', () => {
    for (const bad of ['', '3 2 5 1', '3 2 5 1 4 4', '3 2 5 1 6', '3 2 2 1 4', 'SYN first', '0 1 2 3 4']) {
      expect(grade(handshake, bad), bad).toEqual({ graded: false, problem: bad === '' ? 'empty' : 'notAnOrder' });
    }
    expect(readOrder('12', 12)).toBeNull();
  });
});

/**
 * n frames in the order sent, with their send times (never going back), and for some sent
 * at the same instant as an earlier one, which one they answer (it arrived over a link
 * without delay).
 */
const sent = fc.integer({ min: 3, max: 8 }).chain((n) => fc.tuple(
  fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
  fc.array(fc.option(fc.nat(), { nil: null }), { minLength: n, maxLength: n }),
)).map(([steps, picks]) => {
  const frames: { t: number; answers: number | null }[] = [];
  let now = 0;
  steps.forEach((step, i) => {
    now += i === 0 ? 0 : step;
    const sameInstant = frames.map((f, k) => (f.t === now ? k : -1)).filter((k) => k >= 0);
    const pick = picks[i];
    frames.push({ t: now, answers: pick !== null && pick !== undefined && sameInstant.length ? sameInstant[pick % sameInstant.length]! : null });
  });
  return frames;
});

/** `before` as the resolver builds it: sent earlier, or following through a chain of answers. */
function constraints(frames: readonly { t: number; answers: number | null }[]): [number, number][] {
  const follows = (j: number, i: number): boolean => {
    const a = frames[j]!.answers;
    return a !== null && (a === i || follows(a, i));
  };
  const out: [number, number][] = [];
  for (let i = 0; i < frames.length; i++) {
    for (let j = i + 1; j < frames.length; j++) if (frames[i]!.t < frames[j]!.t || follows(j, i)) out.push([i + 1, j + 1]);
  }
  return out;
}

/** The oracle: read top to bottom, time never goes back, and an answer comes after what it answers. */
function consistentWithTime(frames: readonly { t: number; answers: number | null }[], order: readonly number[]): boolean {
  const at = (k: number) => order.indexOf(k);
  return order.every((k, i) => i === 0 || frames[order[i - 1]! - 1]!.t <= frames[k - 1]!.t)
    && frames.every((f, k) => f.answers === null || at(f.answers + 1) < at(k + 1));
}

describe('the shuffle and the grader, over any exchange', () => {
  it('shuffles into a permutation that is never a right answer, the same for the same seed', () => {
    fc.assert(fc.property(sent, fc.integer({ min: 0, max: 0xffffffff }), (frames, seed) => {
      const before = constraints(frames);
      const shown = shuffleOrder(frames.length, before, createRng(seed));
      // Everything at one instant, answering nothing: any order is right, and there is no quiz.
      if (before.length === 0) return shown === null;
      expect(shown).not.toBeNull();
      expect([...shown!].sort((a, b) => a - b)).toEqual(frames.map((_, i) => i));
      expect(shown).not.toEqual(frames.map((_, i) => i));
      expect(consistentWithTime(frames, shown!.map((i) => i + 1))).toBe(false);
      expect(shuffleOrder(frames.length, before, createRng(seed))).toEqual(shown);
      return true;
    }), { numRuns: 300 });
  });

  it('accepts exactly the orders consistent with the send times', () => {
    fc.assert(fc.property(sent.chain((frames) => fc.tuple(fc.constant(frames), fc.shuffledSubarray(frames.map((_, i) => i + 1), { minLength: frames.length }))), ([frames, order]) => {
      const cp: OrderCheckpoint = {
        ...base, kind: 'order', expected: frames.map((_, i) => i + 1).join(' '),
        items: frames.map((f, i) => item(`${f.t} ${i}`, i)), before: constraints(frames),
      };
      const v = grade(cp, order.join(' '));
      expect(v.graded).toBe(true);
      expect(v.graded && v.correct).toBe(consistentWithTime(frames, order));
      expect(keepsOrder(cp.before, order)).toBe(consistentWithTime(frames, order));
    }), { numRuns: 500 });
  });
});
