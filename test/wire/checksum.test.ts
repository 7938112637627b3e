import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finishChecksum, internetChecksum, pseudoHeaderSum, sumWords } from '../../source/wire/checksum.js';
import { crc32 } from '../../source/wire/crc32.js';
import { hex } from '../helpers/bytes.js';

describe('internet checksum (RFC 1071)', () => {
  it('matches the worked example of RFC 1071 §3', () => {
    // 00 01 f2 03 f4 f5 f6 f7: the ones' complement sum is ddf2, so the checksum is 220d.
    const b = hex('0001f203f4f5f6f7');
    expect(sumWords(b, 0, b.length) % 0xffff).toBe(0xddf2);
    expect(internetChecksum(b)).toBe(0x220d);
  });

  it('pads an odd final byte with zero on the right', () => {
    expect(internetChecksum(hex('01'))).toBe(~0x0100 & 0xffff);
    expect(internetChecksum(hex('0001f203f4f5f6f7ab'))).toBe(internetChecksum(hex('0001f203f4f5f6f7ab00')));
  });

  it('gives zero over data that includes its own checksum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 300 }).map((a) => (a.length % 2 ? a.subarray(1) : a)), (data) => {
        const withSum = new Uint8Array(data.length + 2);
        withSum.set(data);
        const c = internetChecksum(withSum);
        withSum[data.length] = c >> 8;
        withSum[data.length + 1] = c & 0xff;
        expect(internetChecksum(withSum)).toBe(0);
      }),
    );
  });

  it('sums a pseudo-header the same as its bytes would', () => {
    // 192.168.0.1 → 10.0.0.2, TCP, length 40: written out as the 12 bytes of RFC 9293 §3.1.
    const bytes = hex('c0a80001 0a000002 00 06 0028');
    expect(finishChecksum(pseudoHeaderSum('192.168.0.1', '10.0.0.2', 6, 40))).toBe(internetChecksum(bytes));
  });
});

describe('crc32 (Ethernet FCS)', () => {
  it('has the standard check value for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('leaves the magic residue 0x2144df1c over data followed by its CRC, little-endian', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const c = crc32(data);
        const framed = new Uint8Array([...data, c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24]);
        expect(crc32(framed)).toBe(0x2144df1c);
      }),
    );
  });
});
