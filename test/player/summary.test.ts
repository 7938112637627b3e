// The end of a lesson: the summary screen's data, and review. Expected values are the
// sample lesson's own answers worked out by hand (fixtures.ts): the router changes the
// MACs, TTL and checksums; the SYN-ACK acks relative 1; the client's ACK acks 1; the
// server acks 1 + 101 = 102 after the GET.
import { describe, expect, it } from 'vitest';
import {
  answerOf, createPlayer, currentCheckpoint, isBlocked, score, stepIndex, summaryBlockCount, update, type PlayerModel,
} from '../../source/player/model.js';
import { selectHex, selectQuiz, selectStack } from '../../source/player/screen.js';
import { selectSummary } from '../../source/player/summary.js';
import { apply, at, player, sampleLesson, TRACE } from './fixtures.js';

const LESSON = sampleLesson(TRACE);
const stepOf = (id: string) => LESSON.checkpoints!.find((c) => c.id === id)!.atStep;
const CLOSING = [
  { en: 'The connection is open and the GET has been acknowledged.', ko: '연결이 열렸고 GET도 확인 응답을 받았습니다.' },
  { en: 'Next: closing it.', ko: '다음: 연결 종료.' },
];

/** The lesson played to its end: the router quiz and the ACK field missed, the two numbers right. */
function finished(): PlayerModel {
  let m = createPlayer(TRACE, { ...LESSON, notes: [...LESSON.notes!, ...CLOSING.map((text) => ({ atStep: TRACE.steps.length, text }))] });
  const answers: Record<string, string> = { 'router-changes': 'ips', 'synack-ack': '1', 'ack-field': '2', 'get-ack': '102' };
  for (let guard = 0; guard < 10_000 && m.summary === null; guard++) {
    const cp = currentCheckpoint(m);
    if (cp && isBlocked(m)) m = update(m, { type: 'answer', value: answers[cp.id]! });
    else m = update(m, { type: 'next' });
  }
  return m;
}

describe('the summary at the end of a lesson', () => {
  it('opens past the last step, with the closing words, the score by kind and each missed quiz', () => {
    const m = finished();
    expect(m.summary).toEqual({ top: 0 });
    expect(score(m)).toEqual({ correct: 2, answered: 4, total: 4 });
    const s = selectSummary(m);
    expect(s.blocks.map((b) => b.kind)).toEqual(['closing', 'closing', 'score', 'missed', 'missed']);
    expect(s.blocks.slice(0, 2)).toEqual(CLOSING.map((text) => ({ kind: 'closing', text })));
    expect(s.blocks[2]).toEqual({
      kind: 'score', correct: 2, total: 4, retriedRight: 0,
      // The fixture's checkpoints are hand-made (no `ask`): they count by their kind.
      topics: [
        { topic: 'choice', total: 1, correct: 0, retriedRight: 0 },
        { topic: 'number', total: 2, correct: 2, retriedRight: 0 },
        { topic: 'field', total: 1, correct: 0, retriedRight: 0 },
      ],
    });
    const missed = s.blocks.slice(3).map((b) => (b.kind === 'missed' ? b.missed : null)!);
    expect(missed.map((q) => [q.number, q.checkpoint.id, q.given, q.expected])).toEqual([
      [1, 'router-changes', { en: 'The source and destination IP addresses', ko: '출발지와 목적지 IP 주소' }, { en: 'The MAC addresses, TTL and the checksums', ko: 'MAC 주소, TTL, 체크섬' }],
      [3, 'ack-field', '2', '1'],
    ]);
    expect(missed[0]!.explanation.en).toContain('Each link has its own MAC addresses');
    expect(s.toReview).toBe(2);
    expect(summaryBlockCount(m)).toBe(s.blocks.length);
  });

  it('scrolls by blocks within bounds, and ← returns to the last step', () => {
    let m = finished();
    m = apply(m, { type: 'scrollSummary', by: 3 });
    expect(selectSummary(m).top).toBe(3);
    m = apply(m, { type: 'scrollSummary', by: 99 });
    expect(m.summary).toEqual({ top: 4 });
    m = apply(m, { type: 'scrollSummary', by: -99 });
    expect(m.summary).toEqual({ top: 0 });
    const last = stepIndex(m);
    // The player's own actions wait while the summary is open.
    expect(update(m, { type: 'toggleHex' })).toBe(m);
    m = update(m, { type: 'back' });
    expect(m.summary).toBeNull();
    expect(stepIndex(m)).toBe(last);
    expect(update(m, { type: 'next' }).summary).toEqual({ top: 0 });
  });

  it('says so when there is nothing to review', () => {
    let m = createPlayer(TRACE, LESSON);
    const right: Record<string, string> = { 'router-changes': 'macs-ttl', 'synack-ack': '1', 'ack-field': '1', 'get-ack': '102' };
    for (let guard = 0; guard < 10_000 && m.summary === null; guard++) {
      const cp = currentCheckpoint(m);
      m = cp && isBlocked(m) ? update(m, { type: 'answer', value: right[cp.id]! }) : update(m, { type: 'next' });
    }
    expect(score(m)).toEqual({ correct: 4, answered: 4, total: 4 });
    expect(selectSummary(m).blocks.map((b) => b.kind)).toEqual(['score']);
    const r = update(m, { type: 'review' });
    expect(r.notice).toEqual({ kind: 'nothingToReview' });
    expect(r.summary).toEqual({ top: 0 });
  });
});

describe('review', () => {
  it('jumps to each missed quiz with its answer cleared, scores the retry apart, and keeps the first try', () => {
    let m = update(finished(), { type: 'review' });
    expect(m.summary).toBeNull();
    expect(stepIndex(m)).toBe(stepOf('router-changes'));
    expect(currentCheckpoint(m)?.id).toBe('router-changes');
    expect(isBlocked(m)).toBe(true);
    expect(selectQuiz(m)?.answer).toBeNull();
    // Right this time.
    m = update(m, { type: 'answer', value: 'macs-ttl' });
    expect(selectQuiz(m)?.answer).toEqual({ value: 'macs-ttl', correct: true });
    expect(m.answers.get('router-changes')).toEqual({ value: 'ips', correct: false });
    expect(score(m)).toEqual({ correct: 2, answered: 4, total: 4 });

    // → goes straight to the next missed quiz: the ACK field, hidden again.
    m = update(m, { type: 'next' });
    expect(stepIndex(m)).toBe(stepOf('ack-field'));
    expect(currentCheckpoint(m)?.id).toBe('ack-field');
    expect(isBlocked(m)).toBe(true);
    expect(selectStack(m).boxes.flatMap((b) => b.lines).find((l) => l.kind === 'field' && l.mark === 'masked')).toMatchObject({ name: 'Acknowledgment Number', value: '' });
    expect(selectHex(m)!.masked).toEqual([{ start: 42, end: 46 }]);
    m = apply(m, { type: 'quizInput', text: '0' }, { type: 'quizSubmit' });
    expect(answerOf(m, 'ack-field')).toEqual({ value: '0', correct: false });

    // After the last one, the summary again, with the retries beside the first tries.
    m = update(m, { type: 'next' });
    expect(m.summary).toEqual({ top: 0 });
    expect(m.review).toBeNull();
    const s = selectSummary(m);
    const scoreBlock = s.blocks.find((b) => b.kind === 'score')!;
    expect(scoreBlock).toMatchObject({ correct: 2, total: 4, retriedRight: 1 });
    const missed = s.blocks.flatMap((b) => (b.kind === 'missed' ? [b.missed] : []));
    expect(missed.map((q) => [q.checkpoint.id, q.retry])).toEqual([
      ['router-changes', { value: 'macs-ttl', correct: true }],
      ['ack-field', { value: '0', correct: false }],
    ]);
    // Out of review, the player shows the first tries again.
    expect(answerOf(m, 'router-changes')).toEqual({ value: 'ips', correct: false });
    expect(s.toReview).toBe(1);

    // A second round asks only what is still wrong.
    m = update(m, { type: 'review' });
    expect(m.review).toEqual(['ack-field']);
    expect(stepIndex(m)).toBe(stepOf('ack-field'));
    expect(isBlocked(m)).toBe(true);
  });

  it('lets the learner step back during review, and blocks again at the quiz being retried', () => {
    let m = update(finished(), { type: 'review' });
    const quizStep = stepIndex(m);
    m = apply(m, { type: 'back' }, { type: 'back' });
    expect(stepIndex(m)).toBeLessThan(quizStep);
    m = apply(m, { type: 'next' }, { type: 'next' }, { type: 'next' });
    expect(stepIndex(m)).toBe(quizStep);
    expect(update(m, { type: 'next' }).notice).toEqual({ kind: 'answerFirst' });
  });

  it('does nothing outside the summary', () => {
    const m = at(player(), 3);
    expect(update(m, { type: 'review' })).toBe(m);
  });
});
