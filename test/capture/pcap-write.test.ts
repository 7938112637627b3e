import { describe, expect, it } from 'vitest';
import { fcsLenOfLinkTypeField, linkTypeField } from '../../source/capture/pcap-format.js';
import { encodePcapFileHeader, encodePcapRecord } from '../../source/capture/pcap-write.js';
import { createCaptureWriter, writeCapture } from '../../source/capture/write.js';
import { LINKTYPE_ETHERNET } from '../../source/capture/linklayer.js';
import { concat, hex } from './helpers.js';

const FRAME = hex('de ad be ef 01');

describe('classic pcap file header', () => {
  it('little-endian, microseconds, Ethernet with a 4-byte FCS', () => {
    const bytes = encodePcapFileHeader({ linkType: 1, fcsLen: 4, snaplen: 262144, nanosecond: false, littleEndian: true });
    expect(bytes).toEqual(hex(`
      d4 c3 b2 a1   # magic a1b2c3d4, written little-endian: microsecond timestamps
      02 00 04 00   # version 2.4
      00 00 00 00   # thiszone
      00 00 00 00   # sigfigs
      00 00 04 00   # snaplen 262144
      01 00 00 24   # 0x24000001: FCS length 2 words (top 4 bits), P bit 0x04000000, LINKTYPE_ETHERNET
    `));
  });

  it('big-endian, nanoseconds, no FCS', () => {
    const bytes = encodePcapFileHeader({ linkType: 113, fcsLen: 0, snaplen: 65535, nanosecond: true, littleEndian: false });
    expect(bytes).toEqual(hex(`
      a1 b2 3c 4d   # nanosecond magic, big-endian
      00 02 00 04   # version 2.4
      00 00 00 00 00 00 00 00
      00 00 ff ff   # snaplen 65535
      00 00 00 71   # LINKTYPE_LINUX_SLL, no FCS bits
    `));
  });

  it('the FCS bits follow libpcap LT_FCS_DATALINK_EXT and read back', () => {
    expect(linkTypeField(1, 4)).toBe(0x24000001);
    expect(linkTypeField(1, 0)).toBe(1);
    expect(fcsLenOfLinkTypeField(0x24000001)).toBe(4);
    expect(fcsLenOfLinkTypeField(0x04000001)).toBe(0);
    // Without the P bit the length bits mean nothing (wiretap/libpcap.c); this is the
    // value the brief remembered, and tshark ignores it.
    expect(fcsLenOfLinkTypeField(0x50000001)).toBe(0);
  });
});

describe('classic pcap record', () => {
  it('microseconds keep whole microseconds of tsNsec', () => {
    const bytes = encodePcapRecord(
      { tsSec: 1700000000, tsNsec: 123456789, data: FRAME, origLen: 5 },
      { nanosecond: false, littleEndian: true },
    );
    expect(bytes).toEqual(hex(`
      00 f1 53 65   # ts_sec 1700000000 = 0x6553f100
      40 e2 01 00   # ts_usec 123456 = 0x1e240
      05 00 00 00   # captured length
      05 00 00 00   # original length
      de ad be ef 01
    `));
  });

  it('nanoseconds, big-endian, a snaplen cut', () => {
    const bytes = encodePcapRecord(
      { tsSec: 1700000000, tsNsec: 123456789, data: FRAME, origLen: 1514 },
      { nanosecond: true, littleEndian: false },
    );
    expect(bytes).toEqual(hex(`
      65 53 f1 00   # ts_sec
      07 5b cd 15   # ts_nsec 123456789
      00 00 00 05   # captured length
      00 00 05 ea   # original length 1514
      de ad be ef 01
    `));
  });
});

describe('capture writer, pcap', () => {
  const options = { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 4 } as const;

  it('writes the header once, then one chunk per packet, matching writeCapture', () => {
    const packets = [
      { tsSec: 1, tsNsec: 2000, data: FRAME },
      { tsSec: 2, tsNsec: 0, data: hex('00 11') },
    ];
    const writer = createCaptureWriter(options);
    const chunks = [writer.header, ...packets.map((p) => writer.encodePacket(p))];
    expect(chunks.map((c) => c.length)).toEqual([24, 16 + 5, 16 + 2]);
    expect(writeCapture(packets, options)).toEqual(concat(...chunks));
  });

  it('cuts a frame longer than the snaplen and keeps its original length', () => {
    const writer = createCaptureWriter({ ...options, snaplen: 3 });
    expect(writer.encodePacket({ tsSec: 0, tsNsec: 0, data: FRAME })).toEqual(hex(`
      00000000 00000000
      03 00 00 00   # captured: the snaplen
      05 00 00 00   # original: the whole frame
      de ad be
    `));
  });

  it('rejects what no capture can say', () => {
    expect(() => createCaptureWriter({ ...options, snaplen: 0 })).toThrow(RangeError);
    expect(() => createCaptureWriter({ ...options, linkType: 0x10000 })).toThrow(RangeError);
    expect(() => createCaptureWriter({ ...options, fcsLen: 2 as 4 })).toThrow(RangeError);
    const writer = createCaptureWriter(options);
    expect(() => writer.encodePacket({ tsSec: 0, tsNsec: 1_000_000_000, data: FRAME })).toThrow(RangeError);
    expect(() => writer.encodePacket({ tsSec: -1, tsNsec: 0, data: FRAME })).toThrow(RangeError);
    expect(() => writer.encodePacket({ tsSec: 2 ** 32, tsNsec: 0, data: FRAME })).toThrow(RangeError);
    expect(() => writer.encodePacket({ tsSec: 0, tsNsec: 0, data: FRAME, origLen: 4 })).toThrow(RangeError);
  });
});
