import { describe, expect, it } from 'vitest';
import { internetChecksum } from '../../source/wire/checksum.js';
import * as icmp from '../../source/wire/icmp.js';

// An echo request as ping sends it: type 8, code 0, id 0x1234, seq 1, data "abcd". Checksum by
// hand: 0x0800 + 0x1234 + 0x0001 + 0x6162 + 0x6364 = 0xdefb, complemented 0x2104.
const GOLDEN = Uint8Array.from([0x08, 0x00, 0x21, 0x04, 0x12, 0x34, 0x00, 0x01, 0x61, 0x62, 0x63, 0x64]);

describe('ICMP', () => {
  const msg: icmp.IcmpMessage = { type: icmp.TYPE_ECHO_REQUEST, code: 0, identifier: 0x1234, sequence: 1, payload: Uint8Array.from([0x61, 0x62, 0x63, 0x64]) };

  it('encodes golden bytes with a checksum that verifies', () => {
    const out = icmp.encode(msg);
    expect(internetChecksum(out)).toBe(0);
    expect(Array.from(out)).toEqual(Array.from(GOLDEN));
  });

  it('decodes every field and checks the checksum', () => {
    const d = icmp.decode(GOLDEN);
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value).toMatchObject({ type: 8, code: 0, identifier: 0x1234, sequence: 1, checksum: 0x2104, checksumOk: true });
    expect(Array.from(d.value.payload)).toEqual([0x61, 0x62, 0x63, 0x64]);
    const bad = GOLDEN.slice();
    bad[9] = 0x00;
    const b = icmp.decode(bad);
    expect(b.ok && b.value.checksumOk).toBe(false);
  });

  it('encodes at an offset into a larger buffer, and round-trips', () => {
    const buf = new Uint8Array(40).fill(0xa5);
    icmp.encode(msg, buf, 7);
    expect(buf[6]).toBe(0xa5);
    expect(buf[7 + icmp.encodingLength(msg)]).toBe(0xa5);
    const d = icmp.decode(buf, 7, 7 + icmp.encodingLength(msg));
    expect(d.ok && d.value.identifier).toBe(0x1234);
    expect(d.ok && d.bytesRead).toBe(12);
  });

  it('refuses a truncated header', () => {
    const d = icmp.decode(GOLDEN.subarray(0, 7));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).toMatchObject({ protocol: 'icmp', offset: 0 });
  });

  it('summarizes as tcpdump does', () => {
    expect(icmp.summary(msg)).toBe('ICMP echo request, id 4660, seq 1, length 12');
    expect(icmp.summary({ ...msg, type: icmp.TYPE_ECHO_REPLY })).toBe('ICMP echo reply, id 4660, seq 1, length 12');
  });

  it('layout keys are in wire order and cover the 8-byte header', () => {
    expect(icmp.LAYOUT.map((f) => f.key)).toEqual(['icmp.type', 'icmp.code', 'icmp.checksum', 'icmp.ident', 'icmp.seq']);
    const end = Math.max(...icmp.LAYOUT.map((f) => f.bitOffset + f.bitLength));
    expect(end).toBe(icmp.HEADER_LEN * 8);
  });
});
