// A passive open puts a port in LISTEN (RFC 9293 §3.10.1) before any connection exists:
// the quiz answer and the ladder both say so.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { toPlayer } from '../../source/session/to-player.js';
import { createPlayer, update } from '../../source/player/model.js';
import { selectLadder } from '../../source/player/screen.js';
import { compileText, problemsOf, stateTrail } from '../helpers/lesson-text.js';
import { decodeFrame } from '../sim/helpers.js';

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
    const { trace, lesson, options } = toPlayer(r.compiled);
    let m = createPlayer(trace, lesson, options);
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

describe('close, abort and send on a listening socket (RFC 9293 §3.10.2, §3.10.4, §3.10.5 in LISTEN)', () => {
  const head = `
id: listen-close
title: { en: Listen, ko: 대기 }
summary: { en: A server stops listening., ko: 서버가 대기를 멈춥니다. }
level: beginner
topics: [rst]
topology: direct
settings: { isn: { client: 1000 } }
script:
  - listen: { host: server, port: 80 }
`;
  for (const action of ['close', 'abort']) {
    it(`${action}: the listener is deleted, so the next SYN to its port is refused with <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK> (§3.10.7.1)`, () => {
      const c = compileText(`${head}  - ${action}: { socket: server }
  - connect: { from: client, to: server, port: 80 }
`);
      const tcpFrames = c.trace.frames.map((f) => decodeFrame(f.bytes).tcp).filter((t) => t !== undefined);
      expect(tcpFrames.map((t) => [t.flags.syn, t.flags.rst, t.seq, t.ack])).toEqual([[true, false, 1000, null], [false, true, 0, 1001]]);
      expect(stateTrail(c, 'client')).toEqual(['SYN_SENT', 'CLOSED']);
      expect(c.trace.snapshots.at(-1)!.listening.server).toEqual([]);
    });
  }

  it('send: an error at the socket, since a listen step names no foreign socket (§3.10.2)', () => {
    expect(problemsOf(`${head}  - send: { socket: server, text: hi }\n`)).toEqual([
      `l.yaml:11:21: the socket 'server' only listens and has no connection yet: RFC 9293 §3.10.2 SEND in LISTEN needs a foreign socket to open towards ("error: foreign socket unspecified"), and a listen step names none; send once a connection is accepted, or connect`,
    ]);
  });

  it('close after a connection was accepted closes that connection, as before', () => {
    const c = compileText(`${head}  - connect: { from: client, to: server, port: 80 }\n  - close: { socket: server }\n`);
    expect(stateTrail(c, 'server')).toEqual(['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2']);
  });
});
