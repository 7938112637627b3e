import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PseudoHeader } from '../../source/wire/checksum.js';
import { layoutBytes } from '../../source/wire/layout.js';
import { seq, type Seq } from '../../source/wire/seq.js';
import * as tcp from '../../source/wire/tcp.js';
import { arbIpv4 } from '../helpers/arbitraries.js';
import { concat, expectWrittenAt, hex, prefilled } from '../helpers/bytes.js';

const PSEUDO: PseudoHeader = { src: '192.0.2.10', dst: '198.51.100.20' };

/**
 * A Linux-style SYN from 192.0.2.10:51234 to 198.51.100.20:80. Options in the order
 * Linux sends them: MSS 1460, SACK permitted, timestamps, NOP, window scale 7.
 * Checksum 0x986a was confirmed with tshark 4.0 (tcp.checksum.status == Good).
 */
const GOLDEN_SYN = hex(`
  c822 0050  f4a1b2c3  00000000  a0 02 faf0  986a 0000
  02 04 05b4  04 02  08 0a 0b1c4d5e 00000000  01  03 03 07
`);

const SYN: tcp.TcpSegment = {
  srcPort: 51234,
  dstPort: 80,
  seq: seq(0xf4a1b2c3),
  ack: null,
  flags: { ...tcp.NO_FLAGS, syn: true },
  window: 64240,
  urgentPointer: 0,
  options: [
    { kind: 'mss', value: 1460 },
    { kind: 'sackPermitted' },
    { kind: 'timestamps', tsval: 0x0b1c4d5e, tsecr: 0 },
    { kind: 'nop' },
    { kind: 'wscale', shift: 7 },
  ],
  payload: new Uint8Array(0),
};

/**
 * The first request on the same connection: PSH+ACK, NOP NOP timestamps, and an
 * odd-length payload "GET /\r\n" so the checksum pads a final byte. Checksum 0x169a
 * confirmed with tshark 4.0.
 */
const GOLDEN_PSH_ACK = hex(`
  c822 0050  f4a1b2c4  1a2b3c4e  80 18 01f6  169a 0000
  01 01 08 0a 0b1c4d9a 7e3f0011
  474554202f0d0a
`);

const PSH_ACK: tcp.TcpSegment = {
  srcPort: 51234,
  dstPort: 80,
  seq: seq(0xf4a1b2c4),
  ack: seq(0x1a2b3c4e),
  flags: { ...tcp.NO_FLAGS, psh: true },
  window: 502,
  urgentPointer: 0,
  options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval: 0x0b1c4d9a, tsecr: 0x7e3f0011 }],
  payload: new TextEncoder().encode('GET /\r\n'),
};

/** RFC 1071 §1 written out plainly, independent of source/wire/checksum.ts. */
function referenceChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

function withChecksumZeroed(segment: Uint8Array): Uint8Array {
  const copy = segment.slice();
  copy[16] = 0;
  copy[17] = 0;
  return copy;
}

function decodeOk(...args: Parameters<typeof tcp.decode>): tcp.DecodedTcp {
  const r = tcp.decode(...args);
  if (!r.ok) throw new Error(`expected a decode, got ${r.error.message} at ${r.error.offset}`);
  return r.value;
}

/** The representation part of a decoded segment, for comparison with what was encoded. */
function representation(d: tcp.DecodedTcp): tcp.TcpSegment {
  const { dataOffset: _o, checksum: _c, checksumOk: _k, rawAck: _a, reserved: _r, ...rep } = d;
  return rep;
}

describe('tcp layout', () => {
  it('covers the 20-byte fixed header bit by bit, without gaps or overlaps', () => {
    const fixed = tcp.LAYOUT.filter((f) => f.bitLength > 0);
    let bit = 0;
    for (const f of fixed) {
      expect(f.bitOffset, f.key).toBe(bit);
      bit += f.bitLength;
    }
    expect(bit).toBe(160);
    expect(layoutBytes(tcp.LAYOUT)).toBe(tcp.MIN_HEADER_LEN);
    expect(tcp.LAYOUT.at(-1)).toMatchObject({ key: 'tcp.options', bitOffset: 160, bitLength: 0 });
  });

  it('gives each control bit its own 1-bit field, CWR first and FIN last', () => {
    const flags = tcp.LAYOUT.filter((f) => f.bitLength === 1).map((f) => f.key);
    expect(flags).toEqual([
      'tcp.flags.cwr', 'tcp.flags.ece', 'tcp.flags.urg', 'tcp.flags.ack',
      'tcp.flags.push', 'tcp.flags.reset', 'tcp.flags.syn', 'tcp.flags.fin',
    ]);
  });

  it('has unique keys and a meaning in both languages for every field', () => {
    const keys = tcp.LAYOUT.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of tcp.LAYOUT) {
      expect(f.meaning.en.length, f.key).toBeGreaterThan(0);
      expect(f.meaning.ko.length, f.key).toBeGreaterThan(0);
    }
  });
});

describe('tcp golden segments', () => {
  it('has golden checksums that match RFC 1071 computed independently', () => {
    // Pseudo-header: 192.0.2.10, 198.51.100.20, zero, protocol 6, TCP length.
    const synPseudo = hex('c000020a c6336414 00 06 0028');
    expect(referenceChecksum(concat(synPseudo, withChecksumZeroed(GOLDEN_SYN)))).toBe(0x986a);
    const ackPseudo = hex('c000020a c6336414 00 06 0027');
    expect(referenceChecksum(concat(ackPseudo, withChecksumZeroed(GOLDEN_PSH_ACK)))).toBe(0x169a);
  });

  it('decodes every field of a SYN with options', () => {
    const r = tcp.decode(GOLDEN_SYN, 0, GOLDEN_SYN.length, PSEUDO);
    expect(r).toEqual({
      ok: true,
      bytesRead: 40,
      value: { ...SYN, dataOffset: 40, checksum: 0x986a, checksumOk: true, rawAck: 0, reserved: 0 },
    });
  });

  it('decodes every field of a PSH+ACK with data', () => {
    const r = tcp.decode(GOLDEN_PSH_ACK, 0, GOLDEN_PSH_ACK.length, PSEUDO);
    expect(r).toEqual({
      ok: true,
      bytesRead: 39,
      value: { ...PSH_ACK, dataOffset: 32, checksum: 0x169a, checksumOk: true, rawAck: 0x1a2b3c4e, reserved: 0 },
    });
  });

  it('encodes the SYN at an offset, touching nothing else', () => {
    const buf = prefilled(60);
    expect(tcp.encode(SYN, PSEUDO, buf, 7)).toBe(buf);
    expectWrittenAt(buf, 7, GOLDEN_SYN);
  });

  it('encodes the PSH+ACK at an offset, touching nothing else', () => {
    const buf = prefilled(50);
    tcp.encode(PSH_ACK, PSEUDO, buf, 3);
    expectWrittenAt(buf, 3, GOLDEN_PSH_ACK);
  });

  it('allocates a buffer of exactly offset + encodingLength when none is given', () => {
    expect(tcp.encode(SYN, PSEUDO)).toEqual(GOLDEN_SYN);
    expect(tcp.encode(SYN, PSEUDO, undefined, 5).length).toBe(45);
  });

  it('measures the options and the whole segment', () => {
    expect(tcp.optionsLength(SYN.options)).toBe(20);
    expect(tcp.encodingLength(SYN)).toBe(40);
    expect(tcp.optionsLength(PSH_ACK.options)).toBe(12);
    expect(tcp.encodingLength(PSH_ACK)).toBe(39);
    expect(tcp.encodingLength({ ...SYN, options: [] })).toBe(20);
  });

  it('reads the SYN the same when it sits at an offset inside a frame', () => {
    const frame = concat(hex('ffffffffffffff'), GOLDEN_SYN, hex('0000'));
    const d = decodeOk(frame, 7, 7 + GOLDEN_SYN.length, PSEUDO);
    expect(representation(d)).toEqual(SYN);
    expect(d.checksumOk).toBe(true);
  });
});

describe('tcp ACK flag and acknowledgment number', () => {
  it('writes 0 in the field and clears ACK when ack is null', () => {
    const b = tcp.encode(SYN, PSEUDO);
    expect([...b.subarray(8, 12)]).toEqual([0, 0, 0, 0]);
    expect(b[13]! & 0x10).toBe(0);
  });

  it('sets ACK when ack is a number, even ack 0', () => {
    const b = tcp.encode({ ...SYN, ack: seq(0) }, PSEUDO);
    expect(b[13]! & 0x10).toBe(0x10);
    expect(decodeOk(b).ack).toBe(0);
  });

  it('reports a stray acknowledgment number under a clear ACK as rawAck only', () => {
    const b = GOLDEN_SYN.slice();
    b.set([0xde, 0xad, 0xbe, 0xef], 8);
    const d = decodeOk(b);
    expect(d.ack).toBeNull();
    expect(d.rawAck).toBe(0xdeadbeef);
  });

  it('keeps the reserved bits on decode and zeroes them on encode', () => {
    const b = GOLDEN_SYN.slice();
    b[12] = b[12]! | 0x0f;
    const d = decodeOk(b);
    expect(d.reserved).toBe(0b1111);
    expect(d.dataOffset).toBe(40);
    expect(tcp.encode(representation(d), PSEUDO)).toEqual(GOLDEN_SYN);
  });
});

describe('tcp flag notation', () => {
  const seg = (flags: Partial<tcp.TcpFlags>, ack: Seq | null = null) => ({ flags: { ...tcp.NO_FLAGS, ...flags }, ack });

  it.each([
    [seg({ syn: true }), 'S', 'S'],
    [seg({ syn: true }, seq(1)), 'S.', 'AS'],
    [seg({}, seq(1)), '.', 'A'],
    [seg({ psh: true }, seq(1)), 'P.', 'AP'],
    [seg({ fin: true }, seq(1)), 'F.', 'AF'],
    [seg({ fin: true, psh: true }, seq(1)), 'FP.', 'APF'],
    [seg({ rst: true }), 'R', 'R'],
    [seg({ rst: true }, seq(1)), 'R.', 'AR'],
    [seg({ syn: true, ece: true, cwr: true }), 'SEW', 'CES'],
    [seg({ urg: true, psh: true }, seq(1)), 'P.U', 'UAP'],
    [seg({}), 'none', ''],
  ])('%o prints as [%s] for tcpdump and %j for JSON', (s, dump, letters) => {
    expect(tcp.flagsString(s)).toBe(dump);
    expect(tcp.flagLetters(s)).toBe(letters);
  });

  it('orders all eight letters as CEUAPRSF', () => {
    const all = seg({ cwr: true, ece: true, urg: true, psh: true, rst: true, syn: true, fin: true }, seq(0));
    expect(tcp.flagLetters(all)).toBe('CEUAPRSF');
    expect(tcp.flagsString(all)).toBe('FSRP.UEW');
  });
});

describe('tcp segment length', () => {
  it('counts SYN and FIN as one sequence number each, and data bytes', () => {
    expect(tcp.tcpSegmentLength(SYN)).toBe(1);
    expect(tcp.tcpSegmentLength(PSH_ACK)).toBe(7);
    expect(tcp.tcpSegmentLength({ ...PSH_ACK, flags: { ...PSH_ACK.flags, fin: true } })).toBe(8);
    expect(tcp.tcpSegmentLength({ flags: { ...tcp.NO_FLAGS, syn: true, fin: true }, payload: new Uint8Array(3) })).toBe(5);
    expect(tcp.tcpSegmentLength({ flags: tcp.NO_FLAGS, payload: new Uint8Array(0) })).toBe(0);
  });
});

describe('tcp options', () => {
  const base: tcp.TcpSegment = { ...SYN, options: [] };

  it('pads options to 32 bits with EOL bytes, which decode as one trailing eol', () => {
    const seg = { ...base, options: [{ kind: 'mss', value: 536 }, { kind: 'wscale', shift: 14 }] as const };
    const b = tcp.encode(seg, PSEUDO);
    expect(b.length).toBe(28);
    expect(b[12]! >> 4).toBe(7);
    expect([...b.subarray(20, 28)]).toEqual([2, 4, 0x02, 0x18, 3, 3, 14, 0]);
    expect(decodeOk(b).options).toEqual([...seg.options, { kind: 'eol' }]);
  });

  it('round-trips an explicit eol on a 32-bit boundary, with padding after it', () => {
    const seg = { ...base, options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sackPermitted' }, { kind: 'eol' }] as const };
    const b = tcp.encode(seg, PSEUDO);
    expect(b.length).toBe(28);
    expect([...b.subarray(20, 28)]).toEqual([1, 1, 4, 2, 0, 0, 0, 0]);
    expect(decodeOk(b).options).toEqual(seg.options);
  });

  it('stops at EOL and ignores what follows as padding', () => {
    const b = tcp.encode({ ...base, options: [{ kind: 'eol' }, { kind: 'eol' }, { kind: 'eol' }, { kind: 'eol' }] }, PSEUDO);
    b[21] = 0xff; // would be a bad option if it were read
    expect(decodeOk(b).options).toEqual([{ kind: 'eol' }]);
  });

  it('encodes SACK blocks and keeps unknown kinds with their data', () => {
    const options: tcp.TcpOption[] = [
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'sack', blocks: [{ left: seq(0xfffffff0), right: seq(0x10) }, { left: seq(100), right: seq(200) }] },
      { kind: 'unknown', type: 34, data: hex('a1b2c3d4') },
      { kind: 'nop' },
      { kind: 'nop' },
    ];
    const b = tcp.encode({ ...base, options }, PSEUDO);
    expect([...b.subarray(20, 24)]).toEqual([1, 1, 5, 18]);
    expect([...b.subarray(24, 32)]).toEqual([0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 0x10]);
    expect([...b.subarray(40, 46)]).toEqual([34, 6, 0xa1, 0xb2, 0xc3, 0xd4]);
    expect(decodeOk(b).options).toEqual(options);
  });

  it('accepts exactly 40 bytes of options and rejects 41', () => {
    const ten = Array.from({ length: 10 }, () => ({ kind: 'nop' }) as const);
    const forty: tcp.TcpOption[] = [...ten, ...ten, ...ten, ...ten];
    const b = tcp.encode({ ...base, options: forty }, PSEUDO);
    expect(b[12]! >> 4).toBe(15);
    expect(decodeOk(b).options).toHaveLength(40);
    expect(() => tcp.encode({ ...base, options: [...forty, { kind: 'nop' }] }, PSEUDO)).toThrow(RangeError);
    const sack4: tcp.TcpOption = { kind: 'sack', blocks: Array.from({ length: 4 }, () => ({ left: seq(1), right: seq(2) })) };
    expect(() => tcp.encode({ ...base, options: [sack4, { kind: 'timestamps', tsval: 1, tsecr: 2 }] }, PSEUDO)).toThrow(
      RangeError,
    );
  });
});

describe('tcp encode rejects programming errors', () => {
  const bad: Array<[string, tcp.TcpSegment]> = [
    ['source port 65536', { ...SYN, srcPort: 65536 }],
    ['negative destination port', { ...SYN, dstPort: -1 }],
    ['seq of 2^32', { ...SYN, seq: 2 ** 32 as Seq }],
    ['fractional ack', { ...SYN, ack: 1.5 as Seq }],
    ['window 65536', { ...SYN, window: 65536 }],
    ['urgent pointer 70000', { ...SYN, urgentPointer: 70000 }],
    ['MSS 65536', { ...SYN, options: [{ kind: 'mss', value: 65536 }] }],
    ['window scale 256', { ...SYN, options: [{ kind: 'wscale', shift: 256 }] }],
    ['TSval of 2^32', { ...SYN, options: [{ kind: 'timestamps', tsval: 2 ** 32, tsecr: 0 }] }],
    ['SACK with no blocks', { ...SYN, options: [{ kind: 'sack', blocks: [] }] }],
    ['option after EOL', { ...SYN, options: [{ kind: 'eol' }, { kind: 'nop' }] }],
    ['unknown option with a known kind', { ...SYN, options: [{ kind: 'unknown', type: 2, data: hex('05b4') }] }],
    ['unknown option kind 256', { ...SYN, options: [{ kind: 'unknown', type: 256, data: new Uint8Array(0) }] }],
    ['65536-byte segment', { ...SYN, options: [], payload: new Uint8Array(65516) }],
  ];

  it.each(bad)('%s', (_name, seg) => {
    expect(() => tcp.encode(seg, PSEUDO)).toThrow(RangeError);
  });

  it('rejects a buffer too small for the segment', () => {
    expect(() => tcp.encode(SYN, PSEUDO, new Uint8Array(45), 6)).toThrow(RangeError);
  });

  it('accepts the largest segment the pseudo-header length can carry', () => {
    expect(tcp.encode({ ...SYN, options: [], payload: new Uint8Array(65515) }, PSEUDO).length).toBe(65535);
  });
});

describe('tcp decode of truncated and malformed input', () => {
  it('fails on every prefix shorter than the 20-byte header', () => {
    for (let n = 0; n < tcp.MIN_HEADER_LEN; n++) {
      const r = tcp.decode(GOLDEN_SYN, 0, n, PSEUDO);
      expect(r.ok, `prefix ${n}`).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ protocol: 'tcp', offset: 0 });
    }
  });

  it('fails on every prefix that cuts into the options, pointing at Data Offset', () => {
    for (let n = tcp.MIN_HEADER_LEN; n < GOLDEN_SYN.length; n++) {
      const buf = concat(hex('eeee'), GOLDEN_SYN);
      const r = tcp.decode(buf, 2, 2 + n);
      expect(r.ok, `prefix ${n}`).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ protocol: 'tcp', offset: 2 + 12 });
    }
  });

  it('rejects a data offset below 5 words', () => {
    for (const words of [0, 1, 4]) {
      const b = GOLDEN_SYN.slice();
      b[12] = (words << 4) | (b[12]! & 0x0f);
      const r = tcp.decode(b);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.offset).toBe(12);
    }
  });

  /** A 32-byte header holding `opts` (12 bytes, zero-padded) at byte 20, inside a frame at 10. */
  function withOptions(opts: string): { buf: Uint8Array; at: number } {
    const raw = hex(opts);
    const options = new Uint8Array(12);
    options.set(raw);
    const header = concat(GOLDEN_SYN.subarray(0, 20), options);
    header[12] = (8 << 4) | (header[12]! & 0x0f);
    return { buf: concat(new Uint8Array(10), header), at: 10 };
  }

  it.each([
    ['MSS of length 3', '01 01 02 03 05b4', 2],
    ['MSS of length 5', '02 05 05b4 00', 0],
    ['window scale of length 4', '01 03 04 07', 1],
    ['SACK permitted of length 3', '01 01 01 04 03 00', 3],
    ['timestamps of length 8', '08 08 00000001 0000', 0],
    ['SACK of length 11', '05 0b 00000001 00000002 00', 0],
    ['SACK with no blocks', '01 01 05 02', 2],
    ['length 0', '01 fe 00', 1],
    ['length 1', '01 01 01 fe 01', 3],
    ['an option running past the header', '01 01 fe 0c 00', 2],
    ['a kind byte with no room for its length', '01 01 01 01 01 01 01 01 01 01 01 fe', 11],
  ])('rejects %s, naming the offset of that option', (_name, opts, optionIndex) => {
    const { buf, at } = withOptions(opts);
    const r = tcp.decode(buf, at);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ protocol: 'tcp', offset: at + 20 + optionIndex });
  });

  it('accepts an unknown option that fills the header exactly', () => {
    const { buf, at } = withOptions('fe 0c 00000000 00000000 0000');
    expect(decodeOk(buf, at).options).toEqual([{ kind: 'unknown', type: 0xfe, data: new Uint8Array(10) }]);
  });

  it('never throws on random bytes, and a success stays inside the bytes given', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(10), fc.boolean(), (bytes, lead, withPseudo) => {
        const buf = concat(new Uint8Array(lead), bytes);
        const r = tcp.decode(buf, lead, buf.length, withPseudo ? PSEUDO : undefined);
        if (r.ok) {
          expect(r.bytesRead).toBe(bytes.length);
          expect(r.value.dataOffset).toBeGreaterThanOrEqual(20);
          expect(r.value.dataOffset + r.value.payload.length).toBe(bytes.length);
          expect(r.value.checksumOk === null).toBe(!withPseudo);
        } else {
          expect(r.error.protocol).toBe('tcp');
          expect(r.error.offset).toBeGreaterThanOrEqual(lead);
          expect(r.error.offset).toBeLessThan(Math.max(buf.length, lead + 1));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on option bytes made of random valid-looking pieces', () => {
    const piece = fc.oneof(
      fc.constant([1]),
      fc.constant([0]),
      fc.tuple(fc.integer({ min: 2, max: 40 }), fc.nat(12)).map(([k, l]) => [k, l]),
      fc.uint8Array({ maxLength: 4 }).map((a) => [...a]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const opts = pieces.flat().slice(0, 40);
        const padded = new Uint8Array(Math.ceil(opts.length / 4) * 4);
        padded.set(opts);
        const header = concat(GOLDEN_SYN.subarray(0, 20), padded);
        header[12] = ((header.length / 4) << 4) | (header[12]! & 0x0f);
        const r = tcp.decode(header);
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(20);
          expect(r.error.offset).toBeLessThan(header.length);
        }
      }),
    );
  });
});

describe('tcp checksum verification', () => {
  it('fails when any single bit of the payload flips', () => {
    for (let bit = 0; bit < PSH_ACK.payload.length * 8; bit++) {
      const b = GOLDEN_PSH_ACK.slice();
      b[32 + (bit >> 3)]! ^= 0x80 >> (bit & 7);
      expect(decodeOk(b, 0, b.length, PSEUDO).checksumOk, `bit ${bit}`).toBe(false);
    }
  });

  it('fails when a header bit flips or the segment reaches the wrong address', () => {
    const b = GOLDEN_SYN.slice();
    b[5]! ^= 1;
    expect(decodeOk(b, 0, b.length, PSEUDO).checksumOk).toBe(false);
    expect(decodeOk(GOLDEN_SYN, 0, GOLDEN_SYN.length, { ...PSEUDO, dst: '198.51.100.21' }).checksumOk).toBe(false);
  });

  it('is null when no pseudo-header is given', () => {
    expect(decodeOk(GOLDEN_SYN).checksumOk).toBeNull();
  });
});

const arbSeq = fc
  .oneof(fc.integer({ min: 2 ** 32 - 2000, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
  .map((n) => seq(n));
const arbU16 = fc.integer({ min: 0, max: 0xffff });
const arbU32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const KNOWN_KINDS = new Set([0, 1, 2, 3, 4, 5, 8]);

const arbOption: fc.Arbitrary<tcp.TcpOption> = fc.oneof(
  fc.constant({ kind: 'nop' } as const),
  arbU16.map((value) => ({ kind: 'mss', value }) as const),
  fc.integer({ min: 0, max: 255 }).map((shift) => ({ kind: 'wscale', shift }) as const),
  fc.constant({ kind: 'sackPermitted' } as const),
  fc
    .array(fc.record({ left: arbSeq, right: arbSeq }), { minLength: 1, maxLength: 4 })
    .map((blocks) => ({ kind: 'sack', blocks }) as const),
  fc.record({ tsval: arbU32, tsecr: arbU32 }).map((t) => ({ kind: 'timestamps', ...t }) as const),
  fc
    .record({
      type: fc.integer({ min: 0, max: 255 }).filter((k) => !KNOWN_KINDS.has(k)),
      data: fc.uint8Array({ maxLength: 12 }),
    })
    .map((u) => ({ kind: 'unknown', ...u }) as const),
);

/**
 * Option lists in the form decode gives back: an eol only at the end, and always there
 * when the options stop short of a 32-bit boundary (the padding is EOL bytes).
 */
const arbOptions = fc
  .tuple(fc.array(arbOption, { maxLength: 8 }), fc.boolean())
  .map(([options, endWithEol]): tcp.TcpOption[] =>
    endWithEol || tcp.optionsLength(options) % 4 !== 0 ? [...options, { kind: 'eol' }] : options,
  )
  .filter((options) => tcp.optionsLength(options) <= tcp.MAX_OPTIONS_LEN);

const arbSegment: fc.Arbitrary<tcp.TcpSegment> = fc.record({
  srcPort: arbU16,
  dstPort: arbU16,
  seq: arbSeq,
  ack: fc.option(arbSeq, { nil: null }),
  flags: fc.record({
    cwr: fc.boolean(), ece: fc.boolean(), urg: fc.boolean(), psh: fc.boolean(),
    rst: fc.boolean(), syn: fc.boolean(), fin: fc.boolean(),
  }),
  window: arbU16,
  urgentPointer: arbU16,
  options: arbOptions,
  payload: fc.uint8Array({ maxLength: 300 }),
});

const arbPseudo: fc.Arbitrary<PseudoHeader> = fc.record({ src: arbIpv4, dst: arbIpv4 });

describe('tcp round trip', () => {
  it('decodes what it encodes, at any offset, with a good checksum', () => {
    fc.assert(
      fc.property(arbSegment, arbPseudo, fc.integer({ min: 1, max: 16 }), fc.nat(8), (seg, pseudo, offset, tail) => {
        const len = tcp.encodingLength(seg);
        const buf = prefilled(offset + len + tail);
        tcp.encode(seg, pseudo, buf, offset);
        for (let i = 0; i < offset; i++) expect(buf[i]).toBe(0xa5);
        for (let i = offset + len; i < buf.length; i++) expect(buf[i]).toBe(0xa5);

        const r = tcp.decode(buf, offset, offset + len, pseudo);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.bytesRead).toBe(len);
        expect(r.value.checksumOk).toBe(true);
        expect(r.value.dataOffset).toBe(tcp.headerLength(seg));
        expect(representation(r.value)).toEqual(seg);
      }),
      { numRuns: 500 },
    );
  });

  it('re-encodes decoded bytes to the same bytes', () => {
    fc.assert(
      fc.property(arbSegment, arbPseudo, (seg, pseudo) => {
        const bytes = tcp.encode(seg, pseudo);
        expect(tcp.encode(representation(decodeOk(bytes, 0, bytes.length, pseudo)), pseudo)).toEqual(bytes);
      }),
    );
  });
});
