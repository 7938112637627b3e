import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arp from '../../source/wire/arp.js';
import { expectWrittenAt, hex, prefilled } from '../helpers/bytes.js';
import { arbIpv4, arbMac } from '../helpers/arbitraries.js';

// "Who has 192.168.0.1? Tell 192.168.0.10", as RFC 826 lays it out.
const GOLDEN = hex('0001 0800 06 04 0001 020000000001 c0a8000a 000000000000 c0a80001');
const REQUEST: arp.ArpPacket = {
  op: arp.OP_REQUEST, senderMac: '02:00:00:00:00:01', senderIp: '192.168.0.10',
  targetMac: '00:00:00:00:00:00', targetIp: '192.168.0.1',
};

describe('arp', () => {
  it('decodes all nine fields of a request', () => {
    const r = arp.decode(GOLDEN);
    expect(r).toEqual({ ok: true, value: REQUEST, bytesRead: 28 });
  });

  it('encodes the request at an offset, touching nothing else', () => {
    const buf = prefilled(40);
    arp.encode(REQUEST, buf, 6);
    expectWrittenAt(buf, 6, GOLDEN);
  });

  it('names opcodes 1 to 4, with 3 and 4 belonging to RARP (RFC 903)', () => {
    expect(arp.OPCODE_NAMES[1]!.en).toBe('request');
    expect(arp.OPCODE_NAMES[2]!.en).toBe('reply');
    expect(arp.OPCODE_NAMES[3]!.en).toBe('RARP request');
    expect(arp.OPCODE_NAMES[4]!.en).toBe('RARP reply');
  });

  it('refuses other hardware, protocol or address sizes, and short input', () => {
    const tokenRing = GOLDEN.slice(); tokenRing[1] = 6;
    expect(arp.decode(tokenRing)).toMatchObject({ ok: false, error: { offset: 0 } });
    const ipv6 = GOLDEN.slice(); ipv6[2] = 0x86; ipv6[3] = 0xdd;
    expect(arp.decode(ipv6)).toMatchObject({ ok: false, error: { offset: 2 } });
    const sizes = GOLDEN.slice(); sizes[4] = 8;
    expect(arp.decode(sizes)).toMatchObject({ ok: false, error: { offset: 4 } });
    for (let n = 0; n < 28; n++) expect(arp.decode(GOLDEN, 0, n).ok).toBe(false);
  });

  it('round-trips at a non-zero offset', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), arbMac, arbIpv4, arbMac, arbIpv4, fc.integer({ min: 1, max: 20 }),
      (op, senderMac, senderIp, targetMac, targetIp, offset) => {
        const p = { op, senderMac, senderIp, targetMac, targetIp };
        const buf = prefilled(offset + 28 + 4);
        arp.encode(p, buf, offset);
        expect(arp.decode(buf, offset)).toEqual({ ok: true, value: p, bytesRead: 28 });
      }));
  });
});
