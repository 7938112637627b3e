import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../source/sim/rng.js';

const draw = (r: ReturnType<typeof createRng>, n: number) => Array.from({ length: n }, () => r.u32());

describe('seeded random streams', () => {
  it('the same seed gives the same numbers, a different seed different ones', () => {
    expect(draw(createRng(42), 20)).toEqual(draw(createRng(42), 20));
    expect(draw(createRng(42), 20)).not.toEqual(draw(createRng(43), 20));
  });

  it('a fork depends only on the seed and its label, not on draws made before it', () => {
    const a = createRng(7);
    const b = createRng(7);
    draw(b, 1000);
    expect(draw(a.fork('client').fork('isn'), 10)).toEqual(draw(b.fork('client').fork('isn'), 10));
    expect(draw(a.fork('client'), 10)).not.toEqual(draw(a.fork('server'), 10));
  });

  it('every u32 is an unsigned 32-bit integer and int() stays in its range', () => {
    fc.assert(fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 70000 }), (seed, min, span) => {
      const r = createRng(seed);
      for (let i = 0; i < 50; i++) {
        const u = r.u32();
        expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
        const x = r.int(min, min + span);
        expect(x >= min && x <= min + span && Number.isInteger(x)).toBe(true);
      }
    }));
  });

  it('int() covers its range evenly enough and float() stays in [0, 1)', () => {
    const r = createRng(1);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(1, 6) - 1]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
  });

  it('rejects an empty or reversed range', () => {
    expect(() => createRng(1).int(5, 4)).toThrow(RangeError);
  });
});
