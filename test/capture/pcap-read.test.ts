import { describe, expect, it } from 'vitest';
import { formatWireError } from '../../source/wire/errors.js';
import { concat, hex, readAll } from './helpers.js';

const HEADER_LE_USEC_FCS = `
  d4 c3 b2 a1  02 00 04 00  00 00 00 00  00 00 00 00
  00 00 04 00               # snaplen 262144
  01 00 00 24               # Ethernet, FCS of 2 x 16 bits
`;

describe('reading classic pcap', () => {
  it('little-endian microseconds with the FCS bits', () => {
    const { packets, error } = readAll(hex(`${HEADER_LE_USEC_FCS}
      00 f1 53 65  40 e2 01 00  06 00 00 00  06 00 00 00
      01 02 aa bb cc dd         # 2 bytes of frame, 4 of FCS
      01 f1 53 65  00 00 00 00  01 00 00 00  01 00 00 00
      ff
    `));
    expect(error).toBeNull();
    expect(packets).toEqual([
      {
        index: 1, fileOffset: 24, tsSec: 1700000000, tsNsec: 123456000, capLen: 6, origLen: 6,
        data: hex('01 02 aa bb cc dd'), linkType: 1, fcsLen: 4, interfaceId: 0, cutBySnaplen: false,
      },
      {
        // 1 byte cannot hold a 4-byte FCS: fcsLen never exceeds the data.
        index: 2, fileOffset: 46, tsSec: 1700000001, tsNsec: 0, capLen: 1, origLen: 1,
        data: hex('ff'), linkType: 1, fcsLen: 1, interfaceId: 0, cutBySnaplen: false,
      },
    ]);
  });

  it('big-endian nanoseconds without FCS bits, and a snaplen cut', () => {
    const { packets, error } = readAll(hex(`
      a1 b2 3c 4d  00 02 00 04  00 00 00 00  00 00 00 00
      00 00 00 04               # snaplen 4
      00 00 00 71               # LINKTYPE_LINUX_SLL
      65 53 f1 00  07 5b cd 15  00 00 00 04  00 00 05 ea
      01 02 03 04
    `));
    expect(error).toBeNull();
    expect(packets).toHaveLength(1);
    expect(packets[0]).toMatchObject({
      tsSec: 1700000000, tsNsec: 123456789, capLen: 4, origLen: 1514, linkType: 113, fcsLen: 0, cutBySnaplen: true,
    });
  });

  it('a snaplen cut into the FCS leaves only the FCS bytes that were kept', () => {
    const { packets } = readAll(hex(`${HEADER_LE_USEC_FCS}
      00 00 00 00  00 00 00 00  05 00 00 00  06 00 00 00   # 5 of 6 bytes: 3 of the 4 FCS bytes
      01 02 03 04 05
    `));
    expect(packets[0]).toMatchObject({ capLen: 5, origLen: 6, fcsLen: 3, cutBySnaplen: true });
  });

  it('carries an out-of-range fraction into the seconds', () => {
    const { packets } = readAll(hex(`${HEADER_LE_USEC_FCS}
      0a 00 00 00  40 42 0f 00  00 00 00 00  00 00 00 00   # 10 s + 1000000 us
    `));
    expect(packets[0]).toMatchObject({ tsSec: 11, tsNsec: 0, capLen: 0 });
  });

  it('a header alone is an empty capture', () => {
    expect(readAll(hex(HEADER_LE_USEC_FCS))).toEqual({ packets: [], error: null, itemsAfterError: 0 });
  });
});

describe('classic pcap errors name the byte', () => {
  function errorOf(bytes: Uint8Array): string {
    const { error, itemsAfterError } = readAll(bytes);
    expect(itemsAfterError).toBe(0);
    expect(error).not.toBeNull();
    return formatWireError(error!);
  }

  it('a file shorter than its header', () => {
    expect(errorOf(hex('d4 c3 b2 a1 02 00 04 00 00 00'))).toBe(
      'pcap: the file header needs 24 bytes, but the file ends at byte 10: it was cut off (at byte 0)',
    );
  });

  it('an unknown version', () => {
    expect(errorOf(hex('d4 c3 b2 a1 03 00 00 00  00000000 00000000 00000400 01000000'))).toBe(
      'pcap: version 3.0 is not a pcap version this reader knows (2.x) (at byte 4)',
    );
  });

  it('a snaplen of zero', () => {
    expect(errorOf(hex('d4 c3 b2 a1 02 00 04 00  00000000 00000000 00000000 01000000'))).toBe(
      'pcap: the file header gives a snaplen of 0, which no capture can have (at byte 16)',
    );
  });

  it('reserved link-type bits', () => {
    expect(errorOf(hex('d4 c3 b2 a1 02 00 04 00  00000000 00000000 00000400 01000100'))).toBe(
      'pcap: the link-type field 0x00010001 has reserved bits set (at byte 20)',
    );
  });

  it('a record bigger than the snaplen', () => {
    const bytes = hex(`${HEADER_LE_USEC_FCS}
      00000000 00000000 04000000 04000000  01020304
      00000000 00000000 7f969800 7f969800   # 9999999 bytes
    `);
    const { packets } = readAll(bytes);
    expect(packets).toHaveLength(1);
    expect(errorOf(bytes)).toBe('pcap: record 2 claims 9999999 bytes, more than the snaplen 262144 in the file header (at byte 44)');
  });

  it('a record bigger than any sane record, when the snaplen is huge', () => {
    expect(errorOf(hex(`
      d4 c3 b2 a1 02 00 04 00  00000000 00000000  ffffffff  01000000
      00000000 00000000 01000500 01000500   # 327681 bytes
    `))).toBe('pcap: record 1 claims 327681 bytes, more than the 262144 a record may hold (at byte 24)');
  });

  it('a file cut off inside a record header and inside record data', () => {
    const whole = hex(`${HEADER_LE_USEC_FCS}
      00000000 00000000 04000000 04000000  01020304
      00000000 00000000 04000000 04000000  01020304
    `);
    const inHeader = whole.subarray(0, 44 + 10);
    expect(readAll(inHeader).packets).toHaveLength(1);
    expect(errorOf(inHeader)).toBe(
      'pcap: the header of record 2 needs 16 bytes, but the file ends at byte 54: it was cut off (at byte 44)',
    );
    const inData = whole.subarray(0, whole.length - 1);
    expect(readAll(inData).packets).toHaveLength(1);
    expect(errorOf(inData)).toBe(
      'pcap: record 2 (4 bytes of data) needs 20 bytes, but the file ends at byte 63: it was cut off (at byte 44)',
    );
  });
});

describe('sniffing the format', () => {
  it.each([
    ['an empty file', hex(''), 'capture: the file is empty (at byte 0)'],
    ['three bytes', hex('d4 c3 b2'), 'capture: the file is only 3 bytes long, too short to be a capture (at byte 0)'],
    ['text', new TextEncoder().encode('<html>'), 'capture: not a pcap or pcapng file: it begins with 3c 68 74 6d (at byte 0)'],
    ['gzip', hex('1f 8b 08 00 00 00'), 'capture: the file is gzip-compressed; decompress it (gunzip) and try again (at byte 0)'],
  ])('%s', (_name, bytes, message) => {
    const { packets, error } = readAll(bytes);
    expect(packets).toEqual([]);
    expect(formatWireError(error!)).toBe(message);
  });

  it('accepts all four pcap magics', () => {
    const rest = '02 00 04 00  00000000 00000000 00000400 01000000';
    for (const magic of ['d4 c3 b2 a1', '4d 3c b2 a1']) expect(readAll(hex(magic + rest)).error).toBeNull();
    const restBe = '00 02 00 04  00000000 00000000 00040000 00000001';
    for (const magic of ['a1 b2 c3 d4', 'a1 b2 3c 4d']) expect(readAll(concat(hex(magic), hex(restBe))).error).toBeNull();
  });
});
