/**
 * The simulation's only source of chance: xoshiro128** (Blackman and Vigna), seeded through
 * splitmix32. Every consumer takes its own stream with `fork(label)`, and a fork depends
 * only on the seed and the chain of labels, never on how many numbers were drawn before.
 * So a client's ISNs stay the same when a lesson adds a frame somewhere else.
 */
export interface Rng {
  /** A uniform unsigned 32-bit integer. */
  u32(): number;
  /** A uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** A uniform number in [0, 1). */
  float(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** An independent stream named `label`, the same for the same seed and label path. */
  fork(label: string): Rng;
}

const U32 = 0x1_0000_0000;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the label's UTF-16 code units, folded with the parent's key. */
function mixLabel(key: number, label: string): number {
  let h = (0x811c9dc5 ^ key) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return splitmix32(h)();
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

class Xoshiro128 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly key: number) {
    const next = splitmix32(key);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // The all-zero state is the one state xoshiro cannot leave.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c = (this.c ^ t) >>> 0;
    this.d = rotl(this.d >>> 0, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    return result;
  }

  float(): number {
    return this.u32() / U32;
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`bad integer range [${min}, ${max}]`);
    }
    const span = max - min + 1;
    if (span > U32) throw new RangeError(`range [${min}, ${max}] is wider than 2^32`);
    // Rejection sampling, so that no value is more likely than another.
    const limit = U32 - (U32 % span);
    let x = this.u32();
    while (x >= limit) x = this.u32();
    return min + (x % span);
  }

  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }

  fork(label: string): Rng {
    return new Xoshiro128(mixLabel(this.key, label));
  }
}

/** The root stream for a seed: any safe integer (or other number, which is truncated). */
export function createRng(seed: number): Rng {
  const n = Math.trunc(seed);
  const lo = n >>> 0;
  const hi = Math.floor(n / U32) >>> 0;
  return new Xoshiro128((splitmix32(lo)() ^ Math.imul(hi, 0x9e3779b1)) >>> 0);
}
