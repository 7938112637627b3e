import { describe, expect, it } from 'vitest';
import { formatWireError } from '../../source/wire/errors.js';
import { ByteReader, memorySource } from '../../source/capture/byte-source.js';
import { readPcapng } from '../../source/capture/pcapng-read.js';
import { BlockBuilder, concat, hex, readAll } from './helpers.js';

const be = new BlockBuilder(false);
const le = new BlockBuilder(true);
const FRAME = hex('01 02 03 04 05 06 aa bb cc dd');

function errorOf(bytes: Uint8Array): string {
  const { error, itemsAfterError } = readAll(bytes);
  expect(itemsAfterError).toBe(0);
  expect(error).not.toBeNull();
  return formatWireError(error!);
}

describe('reading pcapng', () => {
  it('a hand-written little-endian file', () => {
    const { packets, error } = readAll(hex(`
      0a0d0d0a 1c000000 4d3c2b1a 01000000 ffffffffffffffff 1c000000
      01000000 28000000 0100 0000 00000400
        09000100 06000000         # if_tsresol 6
        0d000100 04000000         # if_fcslen 4
        00000000
        28000000
      06000000 28000000 00000000 240a0600 40222018 05000000 05000000 deadbeef01000000 28000000
    `));
    expect(error).toBeNull();
    expect(packets).toEqual([
      {
        index: 1, fileOffset: 68, tsSec: 1700000000, tsNsec: 123456000, capLen: 5, origLen: 5,
        data: hex('de ad be ef 01'), linkType: 1, fcsLen: 4, interfaceId: 0, cutBySnaplen: false,
      },
    ]);
  });

  it('sections in both byte orders, several interfaces, every packet block type', () => {
    const bytes = concat(
      be.shb(be.option(4, new TextEncoder().encode('test')), be.endOfOptions()),
      // Interface 0: Ethernet, nanoseconds, FCS given in bits (32), as the draft's text says.
      be.idb(1, 262144, be.option(9, hex('09')), be.option(13, hex('20')), be.endOfOptions()),
      // Interface 1: Linux cooked, 2^-10 s units, snaplen 8, no end-of-options marker.
      be.idb(113, 8, be.option(9, hex('8a'))),
      be.epb(0, 1_700_000_000_123_456_789n, FRAME),
      be.block(5, be.u32(0), be.u64(0n)),              // Interface Statistics Block: skipped
      be.epb(1, 1025n, FRAME.subarray(0, 3)),          // 1025/1024 s
      be.spb(10, FRAME),                               // no timestamp; the length is the original length
      be.pb(0, 2_000_000_000n, FRAME, 64),
      be.block(0x40000bad, be.u32(32473), be.u32(0)),  // a custom block: skipped
      le.shb(),
      // Section 2 starts numbering afresh: its interface 0 is the third interface seen.
      le.idb(0, 65535, le.option(14, le.u64(100n)), le.endOfOptions()),
      le.epb(0, 5_000_001n, hex('02000000 45'), 5, le.option(2, le.u32(4 << 5)), le.endOfOptions()),
    );
    const { packets, error } = readAll(bytes);
    expect(error).toBeNull();
    expect(packets.map(({ data: _data, fileOffset: _o, ...rest }) => rest)).toEqual([
      { index: 1, tsSec: 1700000000, tsNsec: 123456789, capLen: 10, origLen: 10, linkType: 1, fcsLen: 4, interfaceId: 0, cutBySnaplen: false },
      { index: 2, tsSec: 1, tsNsec: 976562, capLen: 3, origLen: 3, linkType: 113, fcsLen: 0, interfaceId: 1, cutBySnaplen: false },
      { index: 3, tsSec: 0, tsNsec: 0, capLen: 10, origLen: 10, linkType: 1, fcsLen: 4, interfaceId: 0, cutBySnaplen: false },
      { index: 4, tsSec: 2, tsNsec: 0, capLen: 10, origLen: 64, linkType: 1, fcsLen: 0, interfaceId: 0, cutBySnaplen: true },
      // if_tsoffset adds 100 s; epb_flags declares a 4-byte FCS where the interface says none.
      { index: 5, tsSec: 105, tsNsec: 1000, capLen: 5, origLen: 5, linkType: 0, fcsLen: 4, interfaceId: 2, cutBySnaplen: false },
    ]);
    expect(packets[0]!.data).toEqual(FRAME);
    expect(packets[2]!.data).toEqual(FRAME);
    expect(packets[4]!.data).toEqual(hex('02000000 45'));
  });

  it('a Simple Packet Block is capped by its interface snaplen', () => {
    const { packets } = readAll(concat(le.shb(), le.idb(1, 4), le.spb(10, FRAME)));
    expect(packets[0]).toMatchObject({ capLen: 4, origLen: 10, cutBySnaplen: true, data: FRAME.subarray(0, 4) });
  });

  it('a section with no packets, then one with', () => {
    const { packets, error } = readAll(concat(le.shb(), le.idb(1, 0), be.shb(), be.idb(1, 0), be.epb(0, 0n, FRAME)));
    expect(error).toBeNull();
    expect(packets.map((p) => p.interfaceId)).toEqual([1]);
  });
});

describe('pcapng errors name the byte', () => {
  const start = concat(le.shb(), le.idb(1, 0)); // 28 + 20 bytes

  it('a length that is not a multiple of 4', () => {
    const bytes = concat(start, le.u32(6), le.u32(33));
    expect(errorOf(bytes)).toBe('pcapng: the Enhanced Packet Block at byte 48 has length 33, which is not a multiple of 4 (at byte 52)');
  });

  it('a length below the minimum for the block type', () => {
    expect(errorOf(concat(start, le.block(6, le.u32(0))))).toBe(
      'pcapng: the Enhanced Packet Block at byte 48 has length 16, below the 32 bytes such a block needs (at byte 52)',
    );
    expect(errorOf(concat(start, le.u32(99), le.u32(8)))).toBe(
      'pcapng: the block of type 0x00000063 at byte 48 has length 8, below the 12 bytes such a block needs (at byte 52)',
    );
  });

  it('a block over 16 MiB', () => {
    expect(errorOf(concat(start, le.u32(6), le.u32(0x01000004)))).toBe(
      'pcapng: the Enhanced Packet Block at byte 48 has length 16777220, more than the 16777216 bytes this reader accepts in one block (at byte 52)',
    );
  });

  it('a trailing length that disagrees', () => {
    const epb = le.epb(0, 0n, FRAME);
    epb.set(le.u32(0x30), epb.length - 4);
    const bytes = concat(start, epb, le.epb(0, 0n, FRAME));
    expect(errorOf(bytes)).toBe('pcapng: the Enhanced Packet Block at byte 48 ends with length 48, but begins with length 44 (at byte 88)');
  });

  it('a packet on an interface never described', () => {
    const bytes = concat(start, le.epb(0, 0n, FRAME), le.epb(3, 0n, FRAME));
    expect(readAll(bytes).packets).toHaveLength(1);
    expect(errorOf(bytes)).toBe(
      'pcapng: packet 2 (Enhanced Packet Block at byte 92) names interface 3, but only 1 interface was described before it (at byte 100)',
    );
    expect(errorOf(concat(le.shb(), le.spb(4, FRAME)))).toBe(
      'pcapng: packet 1 (Simple Packet Block at byte 28) names interface 0, but only 0 interfaces were described before it (at byte 28)',
    );
  });

  it('interfaces belong to their section', () => {
    expect(errorOf(concat(start, le.shb(), le.epb(0, 0n, FRAME)))).toMatch(/names interface 0, but only 0 interfaces/);
  });

  it('a captured length bigger than the block', () => {
    const epb = le.epb(0, 0n, FRAME);
    epb.set(le.u32(13), 20);
    expect(errorOf(concat(start, epb))).toBe(
      'pcapng: packet 1 (Enhanced Packet Block at byte 48) claims 13 captured bytes, more than its 44-byte block holds (at byte 68)',
    );
  });

  it('an option that runs past its block', () => {
    expect(errorOf(concat(le.shb(), le.idb(1, 0, le.u16(9), le.u16(5), le.u32(6))))).toBe(
      'pcapng: option 9 in the Interface Description Block at byte 28 claims 5 bytes, more than the block holds (at byte 44)',
    );
  });

  it('a bad byte-order magic, and an unknown major version', () => {
    const shb = le.shb();
    shb.set(hex('1a 2b 3c 4e'), 8);
    expect(errorOf(shb)).toBe(
      'pcapng: the Section Header Block at byte 0 has byte-order magic 0x1a2b3c4e, not 1a2b3c4d in either order (at byte 8)',
    );
    const v2 = le.shb();
    v2.set(le.u16(2), 12);
    expect(errorOf(v2)).toBe('pcapng: the section at byte 0 is pcapng version 2.0; this reader knows 1.x (at byte 12)');
  });

  it('a file cut off inside a block', () => {
    const whole = concat(start, le.epb(0, 0n, FRAME));
    expect(errorOf(whole.subarray(0, whole.length - 2))).toBe(
      'pcapng: the Enhanced Packet Block needs 44 bytes, but the file ends at byte 90: it was cut off (at byte 48)',
    );
    expect(errorOf(whole.subarray(0, 50))).toBe(
      'pcapng: the next block header needs 8 bytes, but the file ends at byte 50: it was cut off (at byte 48)',
    );
    expect(errorOf(whole.subarray(0, 10))).toBe(
      'pcapng: the Section Header Block needs 12 bytes, but the file ends at byte 10: it was cut off (at byte 0)',
    );
  });

  it('a file that does not begin with a Section Header Block', () => {
    const items = [...readPcapng(new ByteReader(memorySource(le.idb(1, 0))))];
    expect(items).toEqual([
      { ok: false, error: { protocol: 'pcapng', offset: 0, message: 'the file does not begin with a Section Header Block' } },
    ]);
  });
});
