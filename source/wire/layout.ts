import type { Text } from '../i18n/text.js';

/** How a field's value is shown to a learner (and in the hex view's tooltip). */
export type FieldDisplay = 'dec' | 'hex' | 'bin' | 'mac' | 'ipv4' | 'flags' | 'bytes';

/**
 * One field of a header: where it sits and what it means. A protocol's layout is the one
 * source of truth for its fixed header. The codec reads and writes through it, and the
 * hex view and the "headers filling in" animation walk it.
 */
export interface FieldSpec {
  /** Stable id, as in a Wireshark display filter: `ipv4.ttl`, `tcp.seq`. */
  readonly key: string;
  /** The name a reader sees: `Time to Live`. */
  readonly name: string;
  /**
   * The Korean term a Korean sentence uses for the field, where CURRICULUM.md or common
   * Korean usage has one (`시퀀스 번호`, `출발지 MAC 주소`); without it, `name` is used.
   */
  readonly nameKo?: string;
  /** Bit offset from the start of the header. */
  readonly bitOffset: number;
  /** Width in bits. 0 means the field's length comes from another field (options). */
  readonly bitLength: number;
  readonly display: FieldDisplay;
  /** One line on what the field is for. */
  readonly meaning: Text;
}

export type Layout = readonly FieldSpec[];

/** Looks a field up by key; a missing key is a programming error. */
export function fieldOf(layout: Layout, key: string): FieldSpec {
  const spec = layout.find((f) => f.key === key);
  if (!spec) throw new Error(`no field ${key} in layout`);
  return spec;
}

/** Bytes a fixed layout covers (fields of length 0 excluded). */
export function layoutBytes(layout: Layout): number {
  let end = 0;
  for (const f of layout) end = Math.max(end, f.bitOffset + f.bitLength);
  return Math.ceil(end / 8);
}

/**
 * Reads an unsigned field of at most 32 bits, big-endian (network order), at `base`
 * bytes into `buf`. The caller has checked that the header fits.
 */
export function readField(buf: Uint8Array, base: number, spec: FieldSpec): number {
  const { bitOffset, bitLength } = spec;
  if (bitLength > 32) throw new RangeError(`${spec.key} is wider than 32 bits`);
  const start = base + (bitOffset >> 3);
  if ((bitOffset & 7) === 0 && (bitLength & 7) === 0) {
    let v = 0;
    for (let i = 0; i < bitLength >> 3; i++) v = v * 256 + buf[start + i]!;
    return v;
  }
  let v = 0;
  for (let b = bitOffset; b < bitOffset + bitLength; b++) {
    const bit = (buf[base + (b >> 3)]! >> (7 - (b & 7))) & 1;
    v = v * 2 + bit;
  }
  return v;
}

/** Writes an unsigned field of at most 32 bits; other bits of shared bytes are kept. */
export function writeField(buf: Uint8Array, base: number, spec: FieldSpec, value: number): void {
  const { bitOffset, bitLength } = spec;
  if (bitLength > 32) throw new RangeError(`${spec.key} is wider than 32 bits`);
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bitLength) {
    throw new RangeError(`${spec.key}: ${value} does not fit in ${bitLength} bits`);
  }
  const start = base + (bitOffset >> 3);
  if ((bitOffset & 7) === 0 && (bitLength & 7) === 0) {
    let v = value;
    for (let i = (bitLength >> 3) - 1; i >= 0; i--) {
      buf[start + i] = v & 0xff;
      v = Math.floor(v / 256);
    }
    return;
  }
  let v = value;
  for (let b = bitOffset + bitLength - 1; b >= bitOffset; b--) {
    const byte = base + (b >> 3);
    const mask = 1 << (7 - (b & 7));
    buf[byte] = v & 1 ? buf[byte]! | mask : buf[byte]! & ~mask;
    v = Math.floor(v / 2);
  }
}
