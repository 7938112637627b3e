// A lesson's closing words (its `say`s after the last action) are read last, after every
// quiz, in the player and in plain and JSON modes alike; the player shows each at a stop of
// its own on the full screen, so words that point at the ladder or the hex pane ("check
// the server's copy: TTL 62", lesson 07) have them beside them.
import { describe, expect, it } from 'vitest';
import { walk } from '../../source/lesson/walk.js';
import { createPlayer, currentCheckpoint, isBlocked, stepIndex, update } from '../../source/player/model.js';
import { selectHex, selectLadder, selectNote } from '../../source/player/screen.js';
import { toPlayer } from '../../source/session/to-player.js';
import { builtinPlayer } from '../helpers/builtin.js';
import { afterHandshake, compileText } from '../helpers/lesson-text.js';

// A quiz about the client's state once the handshake is over and a second has passed: it is
// asked at the trace's last step, and the closing words are written after it.
const LESSON = afterHandshake(`
  - wait: 1000
  - quiz: { id: client-now, ask: state, host: client }
  - say: { en: First closing words., ko: 첫 마무리 말. }
  - say: { en: Last closing words., ko: 마지막 마무리 말. }
`);

describe('closing words', () => {
  const c = compileText(LESSON);

  it('plain and JSON modes: a quiz at the last step, then the closing words', () => {
    expect(c.quizzes[0]!.atStep).toBe(c.trace.steps.length - 1);
    const end = walk(c).slice(-3).map((e) => (e.kind === 'quiz' ? `quiz ${e.quiz.id}` : e.kind === 'narration' ? e.text.en : e.kind));
    expect(end).toEqual(['quiz client-now', 'First closing words.', 'Last closing words.']);
  });

  it('the player: the same order, each closing paragraph a stop of its own on the last step’s screen, then the summary', () => {
    const { trace, lesson, options } = toPlayer(c);
    let m = createPlayer(trace, lesson, options);
    // n runs to the quiz; answered, n runs on to the first closing paragraph, not past it.
    m = update(m, { type: 'nextQuiz' });
    expect(currentCheckpoint(m)?.id).toBe('client-now');
    expect(isBlocked(m)).toBe(true);
    const last = stepIndex(m);
    m = update(update(m, { type: 'answer', value: 'ESTABLISHED' }), { type: 'nextQuiz' });
    expect(selectNote(m)?.en).toBe('First closing words.');
    expect([stepIndex(m), currentCheckpoint(m), m.summary]).toEqual([last, null, null]);
    // The other detail level keeps the paragraph.
    expect(selectNote(update(m, { type: 'toggleDetail' }))?.en).toBe('First closing words.');
    m = update(m, { type: 'next' });
    expect(selectNote(m)?.ko).toBe('마지막 마무리 말.');
    m = update(m, { type: 'next' });
    expect(m.summary).toEqual({ top: 0 });
  });
});

describe('lesson 07’s closing words', () => {
  it('“Check the server’s copy: TTL 62” is read with the server’s copy in the hex pane', () => {
    let m = builtinPlayer('routing');
    const start = m.book.stops[m.detail].length - m.book.closing.length;
    m = { ...m, pos: start };
    expect(selectNote(m)?.en).toMatch(/^Check the server's copy in the hex pane: TTL 62 \(3e, the seventh byte of row 0010\)/);
    expect(selectNote(m)?.ko).toMatch(/^16진수 창에서 서버가 받은 사본을 보세요\. TTL이 62\(0010 줄의 일곱 번째 바이트 3e\)로/);
    const hex = selectHex(m)!;
    // The frame on screen reached the server: sent by r2 onto the server's network.
    expect(m.book.trace.frames[hex.frame]!.to).toMatch(/^server:/);
    // IPv4 TTL: the 9th byte of the IP header, after the 14-byte Ethernet header: byte 0x16,
    // the seventh of the row at offset 0x0010. 64 − 2 routers = 62 = 0x3e.
    expect(hex.bytes[0x10 + 6]).toBe(0x3e);
    expect(selectLadder(m)!.rows.length).toBeGreaterThan(0);
  });
});
