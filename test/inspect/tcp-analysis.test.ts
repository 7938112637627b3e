// The sequence analysis on its own, without tshark: scenarios named for what they show,
// including facts about Wireshark 4.0 that were checked once against tshark 4.0.17 and
// would be too slow to re-check on every run.
import { describe, expect, it } from 'vitest';
import { Inspector, type PacketReport } from '../../source/capture/analysis/inspect.js';
import { analysisNames } from '../../source/capture/analysis/tcp-analysis.js';
import { readCaptureBytes } from '../../source/capture/read.js';
import { A, B, capture, tcpFrame, type SegmentSpec, type Endpoint } from './builder.js';

function analyse(segments: readonly [Endpoint, Endpoint, SegmentSpec, number?][]): PacketReport[] {
  let us = 0;
  const frames = segments.map(([from, to, s, gap]) => ({ us: (us += gap ?? 100), data: tcpFrame(from, to, s) }));
  const inspector = new Inspector({ verify: true });
  const out: PacketReport[] = [];
  for (const item of readCaptureBytes(capture(frames))) {
    if (!item.ok) throw new Error(item.error.message);
    out.push(inspector.push(item.packet));
  }
  return out;
}

const names = (r: PacketReport) => analysisNames(r.tcp!.flags);

describe('TCP analysis', () => {
  it('numbers relative to the ISN: the SYN is 0, and SYN and FIN each occupy one number', () => {
    const r = analyse([
      [A, B, { seq: 0xfffffffe, ack: null, flags: 'S' }],
      [B, A, { seq: 7, ack: 0xffffffff, flags: 'S' }],
      [A, B, { seq: 0xffffffff, ack: 8, len: 5 }],
      [A, B, { seq: 4, ack: 8, flags: 'F' }],
    ]);
    expect(r.map((p) => [p.tcp!.relSeq, p.tcp!.nextSeq])).toEqual([[0, 1], [0, 1], [1, 6], [6, 7]]);
    expect(r[1]!.tcp!.relAck).toBe(1);
  });

  it('a capture that starts mid-stream reads seq=1 ack=1, as Wireshark shows it', () => {
    const r = analyse([
      [B, A, { seq: 5_000_000, ack: 9_000_000, len: 100 }],
      [A, B, { seq: 9_000_000, ack: 5_000_100 }],
    ]);
    expect([r[0]!.tcp!.relSeq, r[0]!.tcp!.relAck, r[0]!.tcp!.nextSeq]).toEqual([1, 1, 101]);
    expect([r[1]!.tcp!.relSeq, r[1]!.tcp!.relAck]).toEqual([1, 101]);
  });

  it('a new ISN on the same ports is a new stream; the same SYN again, even after a FIN, is a retransmission', () => {
    const r = analyse([
      [A, B, { seq: 100, ack: null, flags: 'S' }],
      [B, A, { seq: 200, ack: 101, flags: 'S' }],
      [A, B, { seq: 101, ack: 201, flags: 'F' }],
      [A, B, { seq: 100, ack: null, flags: 'S' }, 1_000_000],
      [A, B, { seq: 555, ack: null, flags: 'S' }, 1_000_000],
    ]);
    expect(r.map((p) => p.tcp!.conversation.stream)).toEqual([0, 0, 0, 0, 1]);
    expect(names(r[3]!)).toEqual(['retransmission']);
  });

  // Checked against tshark 4.0.17: after 10 000 unacknowledged segments Wireshark stops
  // recording them, and with them the +1 of a FIN, so the segment after the FIN looks like
  // it follows a gap. 9 990 segments do not reach the limit.
  for (const [count, flagged] of [[10_001, true], [9_990, false]] as const) {
    it(`after ${count} unacknowledged segments the FIN ${flagged ? 'no longer' : 'still'} advances the next sequence number`, () => {
      const segments: [Endpoint, Endpoint, SegmentSpec][] = [];
      let s = 1000;
      for (let i = 0; i < count; i++, s += 10) segments.push([A, B, { seq: s, ack: 5, len: 10 }]);
      segments.push([A, B, { seq: s, ack: 5, flags: 'F' }], [A, B, { seq: s + 1, ack: 5, len: 10 }]);
      const r = analyse(segments);
      expect(names(r[r.length - 1]!).includes('lost-segment')).toBe(flagged);
    });
  }

  it('keeps Wireshark\'s quirk: a next sequence number of exactly 0 counts as "none seen yet"', () => {
    const r = analyse([
      [A, B, { seq: 0xffffff00, ack: 1, len: 0x100 }], // ends at 2^32, so nextseq is 0
      [A, B, { seq: 500, ack: 1, len: 10 }], // a gap, which Wireshark cannot see
      [A, B, { seq: 600, ack: 1, len: 10 }], // the next gap it does see
    ]);
    expect(names(r[1]!)).toEqual([]);
    expect(names(r[2]!)).toEqual(['lost-segment']);
  });
});
