import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PseudoHeader } from '../../source/wire/checksum.js';
import { layoutBytes } from '../../source/wire/layout.js';
import * as udp from '../../source/wire/udp.js';
import { arbIpv4 } from '../helpers/arbitraries.js';
import { expectWrittenAt, hex, prefilled } from '../helpers/bytes.js';

const PSEUDO: PseudoHeader = { src: '192.0.2.10', dst: '198.51.100.20' };

/**
 * "hello" from 192.0.2.10:53000 to 198.51.100.20:53. Checksum 0x0072 was confirmed with
 * tshark 4.0 (udp.checksum.status == Good).
 */
const GOLDEN = hex('cf08 0035 000d 0072  68656c6c6f');
const HELLO: udp.UdpDatagram = { srcPort: 53000, dstPort: 53, payload: new TextEncoder().encode('hello') };

/** RFC 1071 §1 written out plainly, independent of source/wire/checksum.ts. */
function referenceSum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

function decodeOk(...args: Parameters<typeof udp.decode>): udp.DecodedUdp {
  const r = udp.decode(...args);
  if (!r.ok) throw new Error(`expected a decode, got ${r.error.message} at ${r.error.offset}`);
  return r.value;
}

describe('udp layout', () => {
  it('covers the 8-byte header with the four Wireshark fields in order', () => {
    expect(udp.LAYOUT.map((f) => [f.key, f.bitOffset, f.bitLength])).toEqual([
      ['udp.srcport', 0, 16],
      ['udp.dstport', 16, 16],
      ['udp.length', 32, 16],
      ['udp.checksum', 48, 16],
    ]);
    expect(layoutBytes(udp.LAYOUT)).toBe(udp.HEADER_LEN);
    for (const f of udp.LAYOUT) expect(f.meaning.ko.length, f.key).toBeGreaterThan(0);
  });
});

describe('udp golden datagram', () => {
  it('has a golden checksum that matches RFC 1071 computed independently', () => {
    // Pseudo-header: 192.0.2.10, 198.51.100.20, zero, protocol 17, UDP length 13.
    const bytes = hex('c000020a c6336414 00 11 000d  cf08 0035 000d 0000  68656c6c6f');
    expect(~referenceSum(bytes) & 0xffff).toBe(0x0072);
  });

  it('decodes every field', () => {
    expect(udp.decode(GOLDEN, 0, GOLDEN.length, PSEUDO)).toEqual({
      ok: true,
      bytesRead: 13,
      value: { ...HELLO, length: 13, checksum: 0x0072, checksumOk: true },
    });
  });

  it('encodes at an offset, touching nothing else', () => {
    const buf = prefilled(30);
    expect(udp.encode(HELLO, PSEUDO, buf, 9)).toBe(buf);
    expectWrittenAt(buf, 9, GOLDEN);
  });

  it('allocates exactly offset + encodingLength when no buffer is given', () => {
    expect(udp.encodingLength(HELLO)).toBe(13);
    expect(udp.encode(HELLO, PSEUDO)).toEqual(GOLDEN);
    expect(udp.encode(HELLO, PSEUDO, undefined, 4).length).toBe(17);
  });

  it('ignores trailing padding: bytesRead is the Length field', () => {
    const padded = new Uint8Array(20);
    padded.set(GOLDEN, 2);
    const r = udp.decode(padded, 2, padded.length, PSEUDO);
    expect(r.ok && r.bytesRead).toBe(13);
    expect(r.ok && r.value.payload).toEqual(HELLO.payload);
    expect(r.ok && r.value.checksumOk).toBe(true);
  });
});

describe('udp checksum', () => {
  it('sends a computed zero as 0xffff, which still verifies (RFC 768)', () => {
    // Choose the two payload bytes so that the ones' complement sum is 0xffff.
    const probe = hex('c000020a c6336414 00 11 000a  1234 5678 000a 0000  0000');
    const word = 0xffff - referenceSum(probe);
    const d: udp.UdpDatagram = { srcPort: 0x1234, dstPort: 0x5678, payload: new Uint8Array([word >> 8, word & 0xff]) };
    const b = udp.encode(d, PSEUDO);
    expect(b[6]).toBe(0xff);
    expect(b[7]).toBe(0xff);
    expect(decodeOk(b, 0, b.length, PSEUDO).checksumOk).toBe(true);
  });

  it('treats a zero field as "not computed": checksumOk is null', () => {
    const b = GOLDEN.slice();
    b[6] = 0;
    b[7] = 0;
    const d = decodeOk(b, 0, b.length, PSEUDO);
    expect(d.checksum).toBe(0);
    expect(d.checksumOk).toBeNull();
  });

  it('is null without a pseudo-header', () => {
    expect(decodeOk(GOLDEN).checksumOk).toBeNull();
  });

  it('fails when any single bit of the datagram flips', () => {
    for (let bit = 0; bit < GOLDEN.length * 8; bit++) {
      const b = GOLDEN.slice();
      b[bit >> 3]! ^= 0x80 >> (bit & 7);
      const r = udp.decode(b, 0, b.length, PSEUDO);
      // Flipping a Length bit can make the datagram longer than the bytes: that is an error.
      if (!r.ok) continue;
      // A flip that zeroes the checksum field leaves nothing to check.
      if (r.value.checksum === 0) continue;
      expect(r.value.checksumOk, `bit ${bit}`).toBe(false);
    }
  });

  it('fails for a datagram addressed to someone else', () => {
    expect(decodeOk(GOLDEN, 0, GOLDEN.length, { ...PSEUDO, src: '192.0.2.11' }).checksumOk).toBe(false);
  });
});

describe('udp decode of truncated and malformed input', () => {
  it('fails on every prefix shorter than the header', () => {
    for (let n = 0; n < udp.HEADER_LEN; n++) {
      const r = udp.decode(GOLDEN, 0, n);
      expect(r.ok, `prefix ${n}`).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ protocol: 'udp', offset: 0 });
    }
  });

  it('fails on every prefix that cuts into the payload, pointing at Length', () => {
    const buf = new Uint8Array(3 + GOLDEN.length);
    buf.set(GOLDEN, 3);
    for (let n = udp.HEADER_LEN; n < GOLDEN.length; n++) {
      const r = udp.decode(buf, 3, 3 + n);
      expect(r.ok, `prefix ${n}`).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ protocol: 'udp', offset: 3 + 4 });
    }
  });

  it('rejects a Length below the 8-byte header', () => {
    for (const len of [0, 1, 7]) {
      const b = GOLDEN.slice();
      b[4] = 0;
      b[5] = len;
      const r = udp.decode(b);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.offset).toBe(4);
    }
  });

  it('never throws on random bytes, and a success stays inside the bytes given', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(10), fc.boolean(), (bytes, lead, withPseudo) => {
        const buf = new Uint8Array(lead + bytes.length);
        buf.set(bytes, lead);
        const r = udp.decode(buf, lead, buf.length, withPseudo ? PSEUDO : undefined);
        if (r.ok) {
          expect(r.bytesRead).toBeGreaterThanOrEqual(8);
          expect(r.bytesRead).toBeLessThanOrEqual(bytes.length);
          expect(r.value.payload.length).toBe(r.bytesRead - 8);
        } else {
          expect(r.error.protocol).toBe('udp');
          expect([lead, lead + 4]).toContain(r.error.offset);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('udp encode rejects programming errors', () => {
  it.each<[string, udp.UdpDatagram]>([
    ['source port 65536', { ...HELLO, srcPort: 65536 }],
    ['negative destination port', { ...HELLO, dstPort: -1 }],
    ['a payload that makes Length exceed 65535', { ...HELLO, payload: new Uint8Array(65528) }],
  ])('%s', (_name, d) => {
    expect(() => udp.encode(d, PSEUDO)).toThrow(RangeError);
  });

  it('rejects a buffer too small for the datagram', () => {
    expect(() => udp.encode(HELLO, PSEUDO, new Uint8Array(13), 1)).toThrow(RangeError);
  });

  it('accepts the largest datagram Length can describe', () => {
    expect(udp.encode({ ...HELLO, payload: new Uint8Array(65527) }, PSEUDO).length).toBe(65535);
  });
});

describe('udp round trip', () => {
  it('decodes what it encodes, at any offset, with a good checksum', () => {
    const arbDatagram = fc.record({
      srcPort: fc.integer({ min: 0, max: 0xffff }),
      dstPort: fc.integer({ min: 0, max: 0xffff }),
      payload: fc.uint8Array({ maxLength: 600 }),
    });
    const arbPseudo = fc.record({ src: arbIpv4, dst: arbIpv4 });
    fc.assert(
      fc.property(arbDatagram, arbPseudo, fc.integer({ min: 1, max: 16 }), fc.nat(8), (d, pseudo, offset, tail) => {
        const len = udp.encodingLength(d);
        const buf = prefilled(offset + len + tail);
        udp.encode(d, pseudo, buf, offset);
        for (let i = 0; i < offset; i++) expect(buf[i]).toBe(0xa5);
        for (let i = offset + len; i < buf.length; i++) expect(buf[i]).toBe(0xa5);
        expect(buf[offset + 6]! | buf[offset + 7]!).not.toBe(0);

        // The trailing 0xa5 bytes play the part of link-layer padding.
        const r = udp.decode(buf, offset, buf.length, pseudo);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.bytesRead).toBe(len);
        expect(r.value.length).toBe(len);
        expect(r.value.checksumOk).toBe(true);
        const { length: _l, checksum: _c, checksumOk: _k, ...rep } = r.value;
        expect(rep).toEqual(d);
      }),
      { numRuns: 500 },
    );
  });
});
