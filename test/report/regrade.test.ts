import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';
import { buildReport, type Report, type ReportQuestion } from '../../source/report/format.js';
import { quizTotals, regrade } from '../../source/report/regrade.js';

const T = { en: 'x', ko: 'x' };
const base = { atStep: 0, prompt: T, explanation: T, hint: T, numbering: 'relative' as const };
/** Three quizzes, one of each kind, with answers written here by hand. */
const QUIZZES: Checkpoint[] = [
  { ...base, id: 'ack', kind: 'number', expected: 1 },
  { ...base, id: 'state', kind: 'choice', expected: 'LISTEN', options: [{ value: 'CLOSED', label: T }, { value: 'LISTEN', label: T }] },
  { ...base, id: 'type', kind: 'field', field: 'eth.type', expected: '0x0800' },
];
const HASH = `sha256:${'a'.repeat(64)}`;
const OTHER_HASH = `sha256:${'b'.repeat(64)}`;

function report(questions: ReportQuestion[], over: Partial<Report> = {}): Report {
  const r = buildReport({
    learner: 'ann', lesson: 'demo', lessonSource: { kind: 'builtin', name: '01-demo.yaml' }, lessonHash: HASH,
    seed: 7, lang: 'en', tutor: '0.1.0', started: 0, finished: 65_000, questions,
  });
  return { ...r, ...over };
}
const q = (id: string, given: string | null, expected: string, correct: boolean): ReportQuestion => ({ id, kind: id, given, expected, correct, ms: 10 });
/** ann answered 1 (right), CLOSED (wrong) and 2048 (right: 0x0800 is 2048). */
const HONEST = [q('ack', '1', '1', true), q('state', 'CLOSED', 'LISTEN', false), q('type', '2048', '0x0800', true)];
const replayed = { hash: HASH, quizzes: QUIZZES };

describe('regrade', () => {
  it('an honest report: the same score, nothing flagged', () => {
    const r = regrade(report(HONEST), replayed);
    expect(r).toMatchObject({ lessonFound: true, lessonChanged: false, score: 2, total: 3, alterations: [] });
    expect(r.quizzes.map((x) => x.correct)).toEqual([true, false, true]);
  });

  it('a wrong answer marked right is flagged and counted wrong', () => {
    const edited = HONEST.map((x) => (x.id === 'state' ? { ...x, correct: true } : x));
    const r = regrade(report(edited, { score: 3 }), replayed);
    expect(r.score).toBe(2);
    expect(r.alterations).toEqual([{ kind: 'claimedRight', id: 'state' }]);
  });

  it('a changed answer whose verdict was left as it was is flagged, and graded as it now reads', () => {
    const edited = HONEST.map((x) => (x.id === 'state' ? { ...x, given: 'LISTEN' } : x));
    const r = regrade(report(edited), replayed);
    expect(r.alterations).toEqual([{ kind: 'claimedWrong', id: 'state' }]);
    expect(r.score).toBe(3);
  });

  it('a changed right answer is flagged when the lesson is the same, not when it changed', () => {
    const edited = HONEST.map((x) => (x.id === 'state' ? { ...x, given: 'CLOSED', expected: 'CLOSED', correct: true } : x));
    const same = regrade(report(edited, { score: 3 }), replayed);
    expect(same.alterations).toEqual([{ kind: 'expectedDiffers', id: 'state', recorded: 'CLOSED', replayed: 'LISTEN' }]);
    expect(same.score).toBe(2);
    const changed = regrade(report(edited, { score: 3 }), { hash: OTHER_HASH, quizzes: QUIZZES });
    expect(changed.lessonChanged).toBe(true);
    expect(changed.alterations).toEqual([]);
    expect(changed.score).toBe(2);
  });

  it('a quiz dropped, added or written twice, and a score edited', () => {
    const r = regrade(report([HONEST[0]!, HONEST[0]!, q('extra', '1', '1', true)], { score: 9 }), replayed);
    expect(r.alterations).toEqual(expect.arrayContaining([
      { kind: 'score', claimed: 9, counted: 3 },
      { kind: 'duplicate', id: 'ack' },
      { kind: 'missing', id: 'state' },
      { kind: 'missing', id: 'type' },
      { kind: 'unknown', id: 'extra' },
    ]));
    expect(r.alterations).toHaveLength(5);
    expect(r.total).toBe(3);
  });

  it('no answer (input ended) is wrong, and is no alteration', () => {
    const r = regrade(report([q('ack', null, '1', false), HONEST[1]!, HONEST[2]!]), replayed);
    expect(r.score).toBe(1);
    expect(r.alterations).toEqual([]);
  });

  it('a lesson not found: marks as claimed, nothing re-graded', () => {
    const r = regrade(report(HONEST), null);
    expect(r).toMatchObject({ lessonFound: false, score: 2, total: 3, alterations: [] });
  });

  it('property: answers right or wrong by construction are re-graded so, and one flipped verdict is one flag', () => {
    const answer = fc.tuple(fc.boolean(), fc.boolean(), fc.boolean());
    fc.assert(fc.property(answer, fc.nat(2), (rights, flip) => {
      // Right answers as a learner might type them; wrong ones that are no option's synonym.
      const givens = [rights[0] ? '01' : '2', rights[1] ? ' listen ' : 'closed', rights[2] ? '0x800' : '0x86dd'];
      const qs = QUIZZES.map((cp, i) => q(cp.id, givens[i]!, String(cp.expected), rights[i]!));
      const honest = regrade(report(qs), replayed);
      expect(honest.alterations).toEqual([]);
      expect(honest.score).toBe(rights.filter(Boolean).length);
      const flipped = qs.map((x, i) => (i === flip ? { ...x, correct: !x.correct } : x));
      const score = flipped.filter((x) => x.correct).length;
      const r = regrade(report(flipped, { score }), replayed);
      expect(r.alterations).toEqual([{ kind: rights[flip] ? 'claimedWrong' : 'claimedRight', id: QUIZZES[flip]!.id }]);
      expect(r.score).toBe(honest.score);
    }));
  });
});

describe('quizTotals', () => {
  it('counts right and wrong per quiz, most missed first, ties in lesson order', () => {
    const runs = [
      regrade(report(HONEST), replayed),
      regrade(report([q('ack', '5', '1', false), q('state', 'CLOSED', 'LISTEN', false), q('type', '0x0800', '0x0800', true)]), replayed),
    ];
    expect(quizTotals(runs)).toEqual([
      { lesson: 'demo', id: 'state', n: 2, right: 0, wrong: 2 },
      { lesson: 'demo', id: 'ack', n: 1, right: 1, wrong: 1 },
      { lesson: 'demo', id: 'type', n: 3, right: 2, wrong: 0 },
    ]);
  });
});
