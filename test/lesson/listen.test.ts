// A passive open puts a port in LISTEN (RFC 9293 §3.10.1) before any connection exists:
// the quiz answer and the ladder both say so.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { toPlayer } from '../../source/session/to-player.js';
import { createPlayer, update } from '../../source/player/model.js';
import { selectLadder } from '../../source/player/screen.js';

const LESSON = `
id: listen-test
title: { en: Listen, ko: 대기 }
summary: { en: A server listens., ko: 서버가 기다립니다. }
level: beginner
topics: [handshake]
topology: direct
script:
  - listen: { host: server, port: 80 }
  - arp: { from: client, ip: 192.168.1.80 }
  - quiz: { id: before, ask: state, host: server }
  - connect: { from: client, to: server, port: 80 }
`;

describe('LISTEN', () => {
  it('is the state of a listening server before any SYN, in a quiz and on the ladder', () => {
    const loaded = loadLessonText(LESSON, 'l.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const r = compileLesson(loaded.loaded, { seed: 2 });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const q = r.compiled.quizzes[0]!;
    expect(q.expected).toBe('LISTEN');
    const { lesson, options } = toPlayer(r.compiled);
    let m = createPlayer(r.compiled.trace, lesson, options);
    m = update(m, { type: 'goto', step: q.atStep }); // where the player stops for the quiz
    // While the quiz waits, the asked host's state is not shown; once answered, it is LISTEN.
    expect(selectLadder(m)!.columns.map((c) => [c.host, c.state])).toEqual([['client', null], ['server', '?']]);
    m = update(m, { type: 'answer', value: 'LISTEN' });
    expect(selectLadder(m)!.columns.map((c) => [c.host, c.state])).toEqual([['client', null], ['server', 'LISTEN']]);
    // Once the SYN has arrived, the connection's own state takes over.
    const synRcvd = r.compiled.trace.steps.findIndex((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED');
    m = update(m, { type: 'goto', step: synRcvd });
    expect(selectLadder(m)!.columns[1]!.state).toBe('SYN_RECEIVED');
  });
});
