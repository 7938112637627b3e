import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ipv4 from '../../source/wire/ipv4.js';
import { expectWrittenAt, hex, prefilled } from '../helpers/bytes.js';
import { arbIpv4 } from '../helpers/arbitraries.js';

// A real UDP packet's header (192.168.0.1 → 192.168.0.199, ID 0, DF, TTL 64) whose
// checksum 0xb861 is the well-known worked example.
const GOLDEN_HEADER = hex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7');
const PAYLOAD = new Uint8Array(0x73 - 20).map((_, i) => i & 0xff);
const GOLDEN = new Uint8Array([...GOLDEN_HEADER, ...PAYLOAD]);

const VALUE: ipv4.Ipv4Packet = {
  dscp: 0, ecn: 0, identification: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0,
  ttl: 64, protocol: ipv4.PROTO_UDP, src: '192.168.0.1', dst: '192.168.0.199', options: new Uint8Array(0), payload: PAYLOAD,
};

describe('ipv4', () => {
  it('decodes every field of the golden packet', () => {
    const r = ipv4.decode(GOLDEN);
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.headerLength).toBe(20);
    expect(p.totalLength).toBe(0x73);
    expect(p.dscp).toBe(0);
    expect(p.ecn).toBe(0);
    expect(p.identification).toBe(0);
    expect(p.reservedBit).toBe(false);
    expect(p.dontFragment).toBe(true);
    expect(p.moreFragments).toBe(false);
    expect(p.fragmentOffset).toBe(0);
    expect(p.ttl).toBe(64);
    expect(p.protocol).toBe(17);
    expect(p.checksum).toBe(0xb861);
    expect(p.checksumOk).toBe(true);
    expect(p.src).toBe('192.168.0.1');
    expect(p.dst).toBe('192.168.0.199');
    expect(p.options.length).toBe(0);
    expect([...p.payload]).toEqual([...PAYLOAD]);
    expect(r.bytesRead).toBe(0x73);
  });

  it('encodes the golden packet byte for byte at an offset, touching nothing else', () => {
    const buf = prefilled(GOLDEN.length + 13);
    ipv4.encode(VALUE, buf, 5);
    expectWrittenAt(buf, 5, GOLDEN);
    expect(ipv4.encodingLength(VALUE)).toBe(GOLDEN.length);
  });

  it('reads every field of a header with options, and the flags and fragment offset', () => {
    const p = { ...VALUE, dontFragment: false, moreFragments: true, fragmentOffset: 0x1abc, dscp: 46, ecn: 3,
      identification: 0xbeef, options: hex('94040000') /* router alert */ };
    const bytes = ipv4.encode(p);
    expect(bytes[0]).toBe(0x46);
    expect(bytes[1]).toBe((46 << 2) | 3);
    expect((bytes[6]! << 8) | bytes[7]!).toBe(0x2000 | 0x1abc);
    const r = ipv4.decode(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ headerLength: 24, fragmentOffset: 0x1abc, moreFragments: true, dscp: 46, ecn: 3, checksumOk: true });
    expect([...r.value.options]).toEqual([0x94, 4, 0, 0]);
  });

  it('leaves Ethernet padding out of the payload', () => {
    const padded = new Uint8Array([...GOLDEN, 0, 0, 0, 0, 0, 0]);
    const r = ipv4.decode(padded);
    expect(r.ok && r.value.payload.length).toBe(PAYLOAD.length);
    expect(r.ok && r.bytesRead).toBe(0x73);
  });

  it('notices a corrupted header', () => {
    const bad = GOLDEN.slice();
    bad[8] = 63; // TTL changed without recomputing the checksum
    const r = ipv4.decode(bad);
    expect(r.ok && r.value.checksumOk).toBe(false);
  });

  it('returns an error with the offset for truncated or lying input', () => {
    for (let n = 0; n < GOLDEN.length; n++) {
      const r = ipv4.decode(GOLDEN, 0, n);
      expect(r.ok).toBe(false);
    }
    const wrongVersion = GOLDEN.slice();
    wrongVersion[0] = 0x65;
    expect(ipv4.decode(wrongVersion)).toMatchObject({ ok: false, error: { protocol: 'ipv4', offset: 0 } });
    const shortIhl = GOLDEN.slice();
    shortIhl[0] = 0x44;
    expect(ipv4.decode(shortIhl).ok).toBe(false);
    const longTotal = GOLDEN.slice();
    longTotal[2] = 0xff;
    expect(ipv4.decode(longTotal, 0)).toMatchObject({ ok: false, error: { offset: 2 } });
    expect(ipv4.decode(new Uint8Array([1, 2, 3, ...GOLDEN]), 3)).toMatchObject({ ok: true });
    const cut = ipv4.decode(new Uint8Array([9, 9, ...GOLDEN.subarray(0, 10)]), 2);
    expect(cut).toMatchObject({ ok: false, error: { offset: 2 } });
  });

  it('round-trips any packet at a non-zero offset', () => {
    const arbPacket = fc.record({
      dscp: fc.integer({ min: 0, max: 63 }), ecn: fc.integer({ min: 0, max: 3 }),
      identification: fc.integer({ min: 0, max: 0xffff }), dontFragment: fc.boolean(), moreFragments: fc.boolean(),
      fragmentOffset: fc.integer({ min: 0, max: 0x1fff }), ttl: fc.integer({ min: 0, max: 255 }),
      protocol: fc.integer({ min: 0, max: 255 }), src: arbIpv4, dst: arbIpv4,
      options: fc.integer({ min: 0, max: 10 }).chain((n) => fc.uint8Array({ minLength: n * 4, maxLength: n * 4 })),
      payload: fc.uint8Array({ maxLength: 300 }),
    });
    fc.assert(
      fc.property(arbPacket, fc.integer({ min: 1, max: 40 }), (p, offset) => {
        const len = ipv4.encodingLength(p);
        const buf = prefilled(offset + len + 8);
        ipv4.encode(p, buf, offset);
        const r = ipv4.decode(buf, offset, offset + len);
        if (!r.ok) throw new Error(r.error.message);
        expect(r.bytesRead).toBe(len);
        expect(r.value.checksumOk).toBe(true);
        const { headerLength: _h, totalLength: _t, checksum: _c, checksumOk: _k, reservedBit: _r, ...value } = r.value;
        expect({ ...value, options: [...value.options], payload: [...value.payload] })
          .toEqual({ ...p, options: [...p.options], payload: [...p.payload] });
      }),
    );
  });

  it('never throws on garbage', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(10), (b, o) => {
      ipv4.decode(b, Math.min(o, b.length));
    }));
  });
});
