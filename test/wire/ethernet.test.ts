import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as eth from '../../source/wire/ethernet.js';
import { crc32 } from '../../source/wire/crc32.js';
import { expectWrittenAt, hex, prefilled } from '../helpers/bytes.js';
import { arbMac } from '../helpers/arbitraries.js';

const ARP_PAYLOAD = hex('0001 0800 0604 0001 020000000001 c0a8000a 000000000000 c0a80001');

describe('ethernet', () => {
  const frame: eth.EthernetFrame = {
    dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01', etherType: eth.ETHERTYPE_ARP, payload: ARP_PAYLOAD,
  };

  it('pads a short frame to 60 bytes and appends the FCS least significant byte first', () => {
    const bytes = eth.encode(frame);
    expect(bytes.length).toBe(64);
    expect(eth.encodingLength(frame)).toBe(64);
    const header = hex('ffffffffffff 020000000001 0806');
    expect([...bytes.subarray(0, 14)]).toEqual([...header]);
    expect([...bytes.subarray(14, 42)]).toEqual([...ARP_PAYLOAD]);
    expect([...bytes.subarray(42, 60)]).toEqual(new Array(18).fill(0));
    const fcs = crc32(bytes, 0, 60);
    expect([...bytes.subarray(60)]).toEqual([fcs & 0xff, (fcs >>> 8) & 0xff, (fcs >>> 16) & 0xff, fcs >>> 24]);
  });

  it('encodes at an offset into a 0xa5 buffer, writing padding as zeros', () => {
    const expected = eth.encode(frame);
    const buf = prefilled(100);
    eth.encode(frame, buf, 9);
    expectWrittenAt(buf, 9, expected);
  });

  it('decodes every field and checks the FCS', () => {
    const bytes = eth.encode(frame);
    const r = eth.decode(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.dst).toBe('ff:ff:ff:ff:ff:ff');
    expect(r.value.src).toBe('02:00:00:00:00:01');
    expect(r.value.etherType).toBe(0x0806);
    expect(r.value.payload.length).toBe(46); // 28 bytes of ARP plus 18 of padding
    expect(r.value.fcsOk).toBe(true);
    expect(r.value.fcs).toBe(crc32(bytes, 0, 60));
    bytes[20] = bytes[20]! ^ 0x01;
    expect(eth.decode(bytes)).toMatchObject({ ok: true, value: { fcsOk: false } });
  });

  it('decodes a frame captured without its FCS', () => {
    const bytes = eth.encode(frame).subarray(0, 60);
    const r = eth.decode(bytes, 0, bytes.length, { hasFcs: false });
    expect(r).toMatchObject({ ok: true, value: { fcs: null, fcsOk: null, etherType: 0x0806 } });
  });

  it('reports a frame too short for its header', () => {
    expect(eth.decode(new Uint8Array(17))).toMatchObject({ ok: false, error: { protocol: 'ethernet', offset: 0 } });
    expect(eth.decode(new Uint8Array(14), 0, 14, { hasFcs: false }).ok).toBe(true);
  });

  it('round-trips at a non-zero offset', () => {
    fc.assert(
      fc.property(arbMac, arbMac, fc.integer({ min: 0x600, max: 0xffff }), fc.uint8Array({ maxLength: 1500 }), fc.nat(30),
        (dst, src, etherType, payload, offset) => {
          const f = { dst, src, etherType, payload };
          const len = eth.encodingLength(f);
          const buf = prefilled(offset + len + 3);
          eth.encode(f, buf, offset);
          const r = eth.decode(buf, offset, offset + len);
          if (!r.ok) throw new Error(r.error.message);
          expect(r.bytesRead).toBe(len);
          expect(r.value.fcsOk).toBe(true);
          expect(r.value).toMatchObject({ dst, src, etherType });
          expect([...r.value.payload.subarray(0, payload.length)]).toEqual([...payload]);
        }),
    );
  });
});
