import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowKey, reverseFlow, SeqBases } from '../../source/wire/relative.js';

const C = flowKey('192.168.1.10', 51000, '10.0.0.80', 80);
const S = reverseFlow(C);

describe('relative numbers, as Wireshark computes them', () => {
  it('counts from each side’s ISN across a handshake', () => {
    const b = SeqBases.from([
      { flow: C, seq: 1000, ack: null, syn: true },
      { flow: S, seq: 5000, ack: 1001, syn: true },
      { flow: C, seq: 1001, ack: 5001, syn: false },
    ]);
    expect(b.relSeq(C, 1000)).toBe(0);
    expect(b.relSeq(S, 5000)).toBe(0);
    expect(b.relAck(S, 1001)).toBe(1);
    expect(b.relSeq(C, 1001)).toBe(1);
    expect(b.relAck(C, 5001)).toBe(1);
  });

  it('wraps around 2^32: an ISN of 2^32 − 1 makes the next number relative 1', () => {
    const isn = 0xffff_ffff;
    const b = SeqBases.from([
      { flow: C, seq: isn, ack: null, syn: true },
      { flow: S, seq: 7, ack: 0, syn: true },
    ]);
    expect(b.relSeq(C, isn)).toBe(0);
    expect(b.relSeq(C, 0)).toBe(1);
    expect(b.relAck(S, 0)).toBe(1);
    // 100 data bytes after the SYN end at 2^32 − 1 + 1 + 100 ≡ 100.
    expect(b.relSeq(C, 100)).toBe(101);
  });

  it('without a SYN, starts the first segment at 1 and learns the other side from ack − 1', () => {
    const b = SeqBases.from([{ flow: C, seq: 4_000_000_000, ack: 123_456, syn: false }]);
    expect(b.relSeq(C, 4_000_000_000)).toBe(1);
    expect(b.relAck(C, 123_456)).toBe(1);
    expect(b.relSeq(S, 123_457)).toBe(2);
  });

  it('keeps the first base: a later SYN in the same direction does not move it', () => {
    const b = SeqBases.from([
      { flow: C, seq: 10, ack: null, syn: true },
      { flow: C, seq: 10, ack: null, syn: true },
      { flow: C, seq: 999, ack: null, syn: true },
    ]);
    expect(b.base(C)).toBe(10);
  });

  it('makes the k-th data segment’s seq 1 + the bytes before it, for any ISN', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.array(fc.integer({ min: 0, max: 1460 }), { maxLength: 20 }),
        (isn, peerIsn, lengths) => {
          const segs = [
            { flow: C, seq: isn, ack: null, syn: true },
            { flow: S, seq: peerIsn, ack: (isn + 1) >>> 0, syn: true },
          ];
          const b = SeqBases.from(segs);
          let sent = 0;
          for (const len of lengths) {
            const abs = (isn + 1 + sent) >>> 0;
            expect(b.relSeq(C, abs)).toBe(1 + sent);
            sent += len;
          }
          expect(b.relAck(S, (isn + 1) >>> 0)).toBe(1);
        },
      ),
    );
  });
});
