// Slow start as tshark sees it in an exported capture. tshark knows nothing of cwnd; it
// reports each segment's relative seq, length and ack. From those alone, each data segment
// is put in a round: the first round is what the client sends before any data is
// acknowledged; a segment sent after an ACK of a round-k segment belongs to round k + 1.
// RFC 5681 §3.1 worked by hand, with SMSS = 1000 (so IW = 4 segments) and one ACK per
// segment: each ACK in slow start frees one segment and grows cwnd by one, so it lets two
// out: 4, 8, 16, 32 segments per round.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson, type CompiledLesson } from '../../source/lesson/compile.js';
import { loadLessonFile, loadLessonText } from '../../source/lesson/loader.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-congestion-'));

function exported(c: CompiledLesson, name: string): string {
  const cap = c.capture('pcap');
  if ('error' in cap) throw new Error(cap.error);
  const file = join(dir, `${name}.pcap`);
  writeFileSync(file, cap.bytes);
  return file;
}

function compiled(text: string): CompiledLesson {
  const l = loadLessonText(text, '<congestion test>');
  if (!l.ok) throw new Error(JSON.stringify(l));
  const c = compileLesson(l.loaded, { seed: 7 });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.compiled;
}

/** Data segments per round, from tshark's fields only; stops at the first retransmission. */
function rounds(file: string, clientPort: string): number[] {
  const rows = tsharkFields(file, ['tcp.srcport', 'tcp.seq', 'tcp.len', 'tcp.ack', 'tcp.analysis.retransmission']);
  const roundOfEnd = new Map<number, number>();
  const count: number[] = [];
  let acked = 0;
  for (const r of rows) {
    if (r['tcp.srcport'] === undefined || r['tcp.srcport'] === '') continue;
    if (r['tcp.analysis.retransmission']) break;
    const len = Number(r['tcp.len']);
    if (r['tcp.srcport'] === clientPort) {
      if (len === 0) continue;
      const round = acked + 1;
      roundOfEnd.set(Number(r['tcp.seq']) + len, round);
      count[round - 1] = (count[round - 1] ?? 0) + 1;
    } else if (len === 0) {
      const round = roundOfEnd.get(Number(r['tcp.ack']));
      if (round !== undefined) acked = round;
    }
  }
  return count;
}

describe.skipIf(SKIP_TSHARK)('slow start in an exported capture, judged by tshark', () => {
  it('a loss-free transfer of 60 segments goes out as 4, 8, 16, 32 segments per round trip', () => {
    const c = compiled(`
id: slow-start
title: { en: slow start, ko: 느린 시작 }
summary: { en: slow start, ko: 느린 시작 }
level: advanced
topics: [congestion]
topology: lan
capture: client
settings: { mss: 1000, seed: 7 }
script:
  - listen: { host: server, port: 5001 }
  - connect: { from: client, to: server, port: 5001 }
  - send: { socket: client, bytes: 60000 }
`);
    const file = exported(c, 'slow-start');
    const port = tsharkFields(file, ['tcp.srcport'], ['-Y', 'tcp.flags.syn==1 && tcp.flags.ack==0'])[0]!['tcp.srcport']!;
    expect(rounds(file, port)).toEqual([4, 8, 16, 32]);
  });

  it('without congestion control the same transfer leaves as far as the window allows at once', () => {
    const c = compiled(`
id: no-congestion
title: { en: none, ko: 없음 }
summary: { en: none, ko: 없음 }
level: advanced
topics: [congestion]
topology: lan
capture: client
settings: { mss: 1000, seed: 7, tcp: { congestion: none } }
script:
  - listen: { host: server, port: 5001 }
  - connect: { from: client, to: server, port: 5001 }
  - send: { socket: client, bytes: 60000 }
`);
    const file = exported(c, 'no-congestion');
    const port = tsharkFields(file, ['tcp.srcport'], ['-Y', 'tcp.flags.syn==1 && tcp.flags.ack==0'])[0]!['tcp.srcport']!;
    expect(rounds(file, port)).toEqual([60]);
  });

  it('lesson 22 starts with 4 segments, then 8', () => {
    const l = loadLessonFile('lessons/22-congestion.yaml');
    if (!l.ok) throw new Error('lesson 22 does not load');
    const c = compileLesson(l.loaded, { seed: 1 });
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const file = exported(c.compiled, 'lesson-22');
    const port = tsharkFields(file, ['tcp.srcport'], ['-Y', 'tcp.flags.syn==1 && tcp.flags.ack==0'])[0]!['tcp.srcport']!;
    // Then the loss part's seven segments, all at once in round 3 (cwnd 16000 by then).
    expect(rounds(file, port)).toEqual([4, 8, 7]);
  });
});
