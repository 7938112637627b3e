import { describe, expect, it } from 'vitest';
import { encodeEnhancedPacketBlock, encodePcapngHeader } from '../../source/capture/pcapng-write.js';
import { createCaptureWriter, writeCapture } from '../../source/capture/write.js';
import { concat, hex } from './helpers.js';

const SHB_LE = `
  0a 0d 0d 0a               # block type: Section Header Block
  1c 00 00 00               # block total length 28
  4d 3c 2b 1a               # byte-order magic 0x1a2b3c4d, little-endian
  01 00 00 00               # version 1.0
  ff ff ff ff ff ff ff ff   # section length -1: not given
  1c 00 00 00               # block total length again
`;

describe('pcapng Section Header and Interface Description Blocks', () => {
  it('little-endian, microseconds, Ethernet with a 4-byte FCS', () => {
    const bytes = encodePcapngHeader({ linkType: 1, fcsLen: 4, snaplen: 262144, nanosecond: false, littleEndian: true });
    expect(bytes).toEqual(hex(`${SHB_LE}
      01 00 00 00               # block type: Interface Description Block
      28 00 00 00               # block total length 40
      01 00                     # LINKTYPE_ETHERNET
      00 00                     # reserved
      00 00 04 00               # snaplen 262144
      09 00 01 00 06 00 00 00   # if_tsresol, 1 byte: 6 (microseconds), 3 bytes padding
      0d 00 01 00 04 00 00 00   # if_fcslen, 1 byte: 4, 3 bytes padding
      00 00 00 00               # opt_endofopt
      28 00 00 00               # block total length again
    `));
  });

  it('big-endian, nanoseconds, no FCS', () => {
    const bytes = encodePcapngHeader({ linkType: 276, fcsLen: 0, snaplen: 1500, nanosecond: true, littleEndian: false });
    expect(bytes).toEqual(hex(`
      0a 0d 0d 0a  00 00 00 1c  1a 2b 3c 4d  00 01 00 00  ff ff ff ff ff ff ff ff  00 00 00 1c
      00 00 00 01               # Interface Description Block
      00 00 00 20               # length 32: no if_fcslen
      01 14                     # LINKTYPE_LINUX_SLL2 (276)
      00 00
      00 00 05 dc               # snaplen 1500
      00 09 00 01 09 00 00 00   # if_tsresol 9 (nanoseconds)
      00 00 00 00               # opt_endofopt
      00 00 00 20
    `));
  });
});

describe('pcapng Enhanced Packet Block', () => {
  it('pads the data to 32 bits and repeats the length', () => {
    const bytes = encodeEnhancedPacketBlock(
      { tsSec: 1700000000, tsNsec: 123456789, data: hex('de ad be ef 01'), origLen: 5 },
      { nanosecond: false, littleEndian: true },
    );
    expect(bytes).toEqual(hex(`
      06 00 00 00               # block type: Enhanced Packet Block
      28 00 00 00               # block total length 40 = 28 + 8 (5 bytes padded) + 4
      00 00 00 00               # interface 0
      24 0a 06 00               # timestamp high: 1700000000123456 us = 0x00060a24_18202240
      40 22 20 18               # timestamp low
      05 00 00 00               # captured length
      05 00 00 00               # original length
      de ad be ef 01 00 00 00   # data and 3 bytes of padding
      28 00 00 00               # block total length again
    `));
  });

  it('nanoseconds, big-endian, data already a multiple of 4', () => {
    const bytes = encodeEnhancedPacketBlock(
      { tsSec: 1700000000, tsNsec: 123456789, data: hex('de ad be ef'), origLen: 60 },
      { nanosecond: true, littleEndian: false },
    );
    expect(bytes).toEqual(hex(`
      00 00 00 06  00 00 00 24  00 00 00 00
      17 97 9c fe  3d 85 cd 15  # 1700000000123456789 ns = 0x17979cfe_3d85cd15
      00 00 00 04  00 00 00 3c  # captured 4 of 60 bytes
      de ad be ef
      00 00 00 24
    `));
  });
});

describe('capture writer, pcapng', () => {
  it('streams the same bytes writeCapture returns', () => {
    const options = { format: 'pcapng', linkType: 1, fcsLen: 4, nanosecond: true } as const;
    const packets = [
      { tsSec: 5, tsNsec: 6, data: hex('01 02 03') },
      { tsSec: 7, tsNsec: 8, data: hex('04 05 06 07 08') },
    ];
    const writer = createCaptureWriter(options);
    const chunks = [writer.header, ...packets.map((p) => writer.encodePacket(p))];
    expect(chunks.map((c) => c.length)).toEqual([28 + 40, 32 + 4, 32 + 8]);
    expect(writeCapture(packets, options)).toEqual(concat(...chunks));
  });
});
