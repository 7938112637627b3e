/**
 * TCP sequence numbers live in a circle of 2^32 (RFC 9293 §3.4). All arithmetic and every
 * comparison go through this module: add and subtract wrap, and order is decided by the
 * signed 32-bit difference, never by a raw `<`.
 */
declare const seqBrand: unique symbol;
export type Seq = number & { readonly [seqBrand]: true };

/** Any integer, reduced into the sequence space. */
export function seq(n: number): Seq {
  return (n >>> 0) as Seq;
}

export function seqAdd(a: Seq, n: number): Seq {
  return ((a + n) >>> 0) as Seq;
}

/**
 * `a - b` as a signed distance in [-2^31, 2^31): how far a is ahead of b. Two numbers
 * exactly 2^31 apart have no defined order (RFC 1982 §3.2); such a gap never occurs
 * inside one connection's window.
 */
export function seqDiff(a: Seq, b: Seq): number {
  return (a - b) | 0;
}

export function seqLt(a: Seq, b: Seq): boolean {
  return seqDiff(a, b) < 0;
}

export function seqLe(a: Seq, b: Seq): boolean {
  return seqDiff(a, b) <= 0;
}

export function seqGt(a: Seq, b: Seq): boolean {
  return seqDiff(a, b) > 0;
}

export function seqGe(a: Seq, b: Seq): boolean {
  return seqDiff(a, b) >= 0;
}

export function seqMax(a: Seq, b: Seq): Seq {
  return seqGe(a, b) ? a : b;
}

export function seqMin(a: Seq, b: Seq): Seq {
  return seqLe(a, b) ? a : b;
}

/** lo <= x < hi, on the circle. */
export function seqInWindow(x: Seq, lo: Seq, hi: Seq): boolean {
  return seqLe(lo, x) && seqLt(x, hi);
}

/**
 * SEG.LEN (RFC 9293 §3.4): the octets of data, plus one for SYN and one for FIN,
 * because each of those flags occupies one sequence number. This is the only place
 * that rule is written.
 */
export function segmentLength(s: { readonly syn: boolean; readonly fin: boolean; readonly dataLength: number }): number {
  return s.dataLength + (s.syn ? 1 : 0) + (s.fin ? 1 : 0);
}
