import { ipv4ToNumber, type Ipv4Addr } from './address.js';

/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
 * 16-bit big-endian words. `sumWords` returns the unfolded running sum so that a
 * pseudo-header and a segment can be summed separately and then combined.
 */
export function sumWords(buf: Uint8Array, start: number, end: number, acc = 0): number {
  let sum = acc;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (buf[i]! << 8) | buf[i + 1]!;
  // An odd final byte is padded with a zero byte on the right (RFC 1071 §4.1).
  if (i < end) sum += buf[i]! << 8;
  return sum;
}

/** Folds carries and complements: the value that goes in a checksum field. */
export function finishChecksum(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export function internetChecksum(buf: Uint8Array, start = 0, end = buf.length): number {
  return finishChecksum(sumWords(buf, start, end));
}

/**
 * The IPv4 pseudo-header that TCP (RFC 9293 §3.1) and UDP (RFC 768) fold into their
 * checksums: source, destination, zero, protocol, and the TCP/UDP length.
 */
export function pseudoHeaderSum(src: Ipv4Addr, dst: Ipv4Addr, protocol: number, length: number): number {
  const s = ipv4ToNumber(src);
  const d = ipv4ToNumber(dst);
  return (s >>> 16) + (s & 0xffff) + (d >>> 16) + (d & 0xffff) + protocol + length;
}

/** The addresses a transport checksum covers, taken from the enclosing IPv4 header. */
export interface PseudoHeader {
  readonly src: Ipv4Addr;
  readonly dst: Ipv4Addr;
}
