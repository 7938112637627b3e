import { expect } from 'vitest';

/**
 * Hex digits to bytes, so golden arrays read like a dump: whitespace is ignored and `#`
 * starts a comment to the end of the line.
 */
export function hex(s: string): Uint8Array {
  const clean = s.split('\n').map((line) => line.replace(/#.*/, '')).join('').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(clean)) throw new Error(`bad hex: ${clean}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** A buffer of `size` bytes of 0xa5, so that a byte the encoder forgot to write shows. */
export function prefilled(size: number): Uint8Array {
  return new Uint8Array(size).fill(0xa5);
}

/** Asserts that `buf` holds `expected` at `offset` and 0xa5 everywhere else. */
export function expectWrittenAt(buf: Uint8Array, offset: number, expected: Uint8Array): void {
  expect(toHex(buf.subarray(offset, offset + expected.length))).toBe(toHex(expected));
  for (let i = 0; i < buf.length; i++) {
    if (i >= offset && i < offset + expected.length) continue;
    if (buf[i] !== 0xa5) throw new Error(`byte ${i} outside the encoded range was overwritten`);
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
