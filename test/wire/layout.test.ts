import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readField, writeField, type FieldSpec } from '../../source/wire/layout.js';

describe('readField / writeField', () => {
  it('round-trip any value at any bit position, leaving other bits alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 32 }), fc.nat(), fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (bitOffset, bitLength, raw, initial) => {
          const value = bitLength === 32 ? raw >>> 0 : raw % 2 ** bitLength;
          const spec: FieldSpec = { key: 'x', name: 'x', bitOffset, bitLength, display: 'dec', meaning: { en: '', ko: '' } };
          const buf = initial.slice();
          writeField(buf, 1, spec, value);
          expect(readField(buf, 1, spec)).toBe(value);
          for (let bit = 0; bit < 80; bit++) {
            const inField = bit >= 8 + bitOffset && bit < 8 + bitOffset + bitLength;
            if (inField) continue;
            const was = (initial[bit >> 3]! >> (7 - (bit & 7))) & 1;
            const now = (buf[bit >> 3]! >> (7 - (bit & 7))) & 1;
            if (was !== now) throw new Error(`bit ${bit} changed`);
          }
        }),
    );
  });

  it('refuses a value too wide for the field', () => {
    const spec: FieldSpec = { key: 'x', name: 'x', bitOffset: 4, bitLength: 4, display: 'dec', meaning: { en: '', ko: '' } };
    expect(() => writeField(new Uint8Array(2), 0, spec, 16)).toThrow(RangeError);
  });
});
