// SACK blocks on the ladder: a duplicate ACK's label carries its blocks as Wireshark's Info
// column writes them (SLE= SRE=), in relative numbers, and the same edges tshark decodes
// (test/tshark/sack.test.ts compares the bytes with tshark).
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { dissect } from '../../source/player/dissect.js';
import { segmentLabel } from '../../source/player/screen.js';
import { seqBasesOfTrace } from '../../source/sim/relative.js';

const LESSON = `
id: sack-label
title: { en: SACK, ko: SACK }
summary: { en: SACK, ko: SACK }
level: advanced
topics: [loss]
topology: lan
settings: { seed: 7, profile: linux, tcp: { sack: true, mss: 1000, timestamps: false } }
script:
  - listen: { host: server, port: 9000 }
  - connect: { from: client, to: server, port: 9000 }
  - impair: { frame: { from: client, protocol: tcp, data: true, nth: 2 }, action: drop }
  - send: { socket: client, bytes: 4000 }
`;

describe('SACK blocks in ladder labels', () => {
  it('the duplicate ACKs read SLE=2001 SRE=3001, then SLE=2001 SRE=4001, relative to the client\'s ISN', () => {
    const l = loadLessonText(LESSON, '<sack label>');
    if (!l.ok) throw new Error(JSON.stringify(l));
    const c = compileLesson(l.loaded, { seed: 7 });
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const trace = c.compiled.trace;
    const bases = seqBasesOfTrace(trace);
    const labels = trace.frames.filter((f) => f.parent === null).map((f) => dissect(f.bytes).tcp)
      .filter((t) => t !== null && t.srcPort === 9000)
      .map((t) => segmentLabel(t!, bases, 'relative'));
    // (Timestamps off, which linux turns on, so that a segment carries the full 1000 bytes.)
    // 4000 bytes in four segments of 1000; the second, 1001:2001, is lost, so bytes from
    // 2001 on wait behind a gap and each ACK reports them. Two duplicates are too few for
    // fast retransmit: the timer resends the hole, and the last ACK covers everything.
    expect(labels).toEqual([
      'SYN, ACK seq=0 ack=1',
      'ACK seq=1 ack=1001 len=0',
      'ACK seq=1 ack=1001 len=0 SLE=2001 SRE=3001',
      'ACK seq=1 ack=1001 len=0 SLE=2001 SRE=4001',
      'ACK seq=1 ack=4001 len=0',
    ]);
    // With the ack hidden by an open quiz, the edges are hidden too.
    const dup = trace.frames.map((f) => dissect(f.bytes).tcp).find((t) => t?.sack?.length);
    expect(segmentLabel(dup!, bases, 'relative', new Set(['tcp.ack']))).toBe('ACK seq=1 ack=? len=0 SLE=? SRE=?');
  });
});
