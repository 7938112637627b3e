import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  segmentLength, seq, seqAdd, seqDiff, seqGe, seqGt, seqInWindow, seqLe, seqLt, seqMax, type Seq,
} from '../../source/wire/seq.js';

const TOP = 0xffffffff;
const HALF = 2 ** 31;

const arbSeq = fc
  .oneof(fc.integer({ min: TOP - 1000, max: TOP }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: TOP }))
  .map((n) => seq(n));
/** A forward distance that keeps two numbers comparable: 1 .. 2^31 − 1. */
const arbAhead = fc.integer({ min: 1, max: HALF - 1 });

describe('sequence numbers wrap at 2^32 (RFC 9293 §3.4)', () => {
  it('reduces any integer into the sequence space', () => {
    expect(seq(0)).toBe(0);
    expect(seq(TOP)).toBe(TOP);
    expect(seq(2 ** 32)).toBe(0);
    expect(seq(2 ** 32 + 3)).toBe(3);
    expect(seq(-1)).toBe(TOP);
  });

  it('adds past the top back to zero', () => {
    expect(seqAdd(seq(TOP), 1)).toBe(0);
    expect(seqAdd(seq(0xfffffff0), 0x20)).toBe(0x10);
    expect(seqAdd(seq(5), -6)).toBe(TOP);
  });

  it('orders numbers across the wrap by distance, not by size', () => {
    expect(seqLt(seq(0xfffffff0), seq(5))).toBe(true);
    expect(seqGt(seq(5), seq(0xfffffff0))).toBe(true);
    expect(seqLt(seq(5), seq(0xfffffff0))).toBe(false);
    expect(seqLe(seq(TOP), seq(0))).toBe(true);
    expect(seqGe(seq(0), seq(TOP))).toBe(true);
    expect(seqMax(seq(0xfffffff0), seq(5))).toBe(5);
  });

  it('gives a signed difference: positive when a is ahead of b', () => {
    expect(seqDiff(seq(5), seq(0xfffffff0))).toBe(21);
    expect(seqDiff(seq(0xfffffff0), seq(5))).toBe(-21);
    expect(seqDiff(seq(7), seq(7))).toBe(0);
    expect(seqDiff(seq(HALF - 1), seq(0))).toBe(HALF - 1);
  });

  it('tests window membership across the wrap, half-open', () => {
    const lo = seq(0xfffffff0);
    const hi = seqAdd(lo, 0x20);
    expect(seqInWindow(lo, lo, hi)).toBe(true);
    expect(seqInWindow(seq(TOP), lo, hi)).toBe(true);
    expect(seqInWindow(seq(0), lo, hi)).toBe(true);
    expect(seqInWindow(seq(0x0f), lo, hi)).toBe(true);
    expect(seqInWindow(hi, lo, hi)).toBe(false);
    expect(seqInWindow(seq(0xffffffef), lo, hi)).toBe(false);
  });
});

describe('segment length (SEG.LEN)', () => {
  it('counts data bytes, plus one for SYN and one for FIN', () => {
    expect(segmentLength({ syn: false, fin: false, dataLength: 0 })).toBe(0);
    expect(segmentLength({ syn: true, fin: false, dataLength: 0 })).toBe(1);
    expect(segmentLength({ syn: false, fin: true, dataLength: 0 })).toBe(1);
    expect(segmentLength({ syn: false, fin: true, dataLength: 100 })).toBe(101);
    expect(segmentLength({ syn: true, fin: true, dataLength: 3 })).toBe(5);
  });

  it('moves the next sequence number past the wrap after a SYN at the top', () => {
    const iss = seq(TOP);
    expect(seqAdd(iss, segmentLength({ syn: true, fin: false, dataLength: 0 }))).toBe(0);
  });
});

describe('sequence number properties', () => {
  it('seqLt is antisymmetric for distances below 2^31', () => {
    fc.assert(
      fc.property(arbSeq, arbAhead, (a, d) => {
        const b = seqAdd(a, d);
        expect(seqLt(a, b)).toBe(true);
        expect(seqLt(b, a)).toBe(false);
        expect(seqGt(b, a)).toBe(true);
        expect(seqLe(a, b) && !seqLe(b, a)).toBe(true);
      }),
    );
  });

  it('seqLt is irreflexive and seqLe reflexive', () => {
    fc.assert(
      fc.property(arbSeq, (a) => {
        expect(seqLt(a, a)).toBe(false);
        expect(seqLe(a, a)).toBe(true);
        expect(seqGe(a, a)).toBe(true);
      }),
    );
  });

  it('seqDiff undoes seqAdd for any distance below 2^31 either way', () => {
    fc.assert(
      fc.property(arbSeq, fc.integer({ min: -(HALF - 1), max: HALF - 1 }), (a, d) => {
        expect(seqDiff(seqAdd(a, d), a)).toBe(d);
      }),
    );
  });

  it('seqAdd undoes seqDiff for any pair', () => {
    fc.assert(
      fc.property(arbSeq, arbSeq, (a, b) => {
        expect(seqAdd(b, seqDiff(a, b))).toBe(a);
        expect(seqDiff(a, b)).toBeGreaterThanOrEqual(-HALF);
        expect(seqDiff(a, b)).toBeLessThan(HALF);
      }),
    );
  });

  it('always stays an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(arbSeq, fc.integer(), (a: Seq, n) => {
        const r = seqAdd(a, n);
        expect(Number.isInteger(r) && r >= 0 && r <= TOP).toBe(true);
      }),
    );
  });
});
