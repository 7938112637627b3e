import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../source/capture/byte-source.js';
import type { CapturedPacket, CapturePacket, CaptureWriteOptions } from '../../source/capture/packet.js';
import { readCapture } from '../../source/capture/read.js';
import { createCaptureWriter, writeCapture } from '../../source/capture/write.js';
import type { WireError } from '../../source/wire/errors.js';
import { readAll } from './helpers.js';

const SHB_LEN = 28;

const packetArb: fc.Arbitrary<CapturePacket> = fc
  .record({
    tsSec: fc.integer({ min: 0, max: 0xffffffff }),
    tsNsec: fc.integer({ min: 0, max: 999_999_999 }),
    data: fc.uint8Array({ maxLength: 200 }),
    extra: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
  })
  .map(({ extra, ...p }) => (extra === undefined ? p : { ...p, origLen: p.data.length + extra }));

const optionsArb: fc.Arbitrary<CaptureWriteOptions> = fc.record({
  format: fc.constantFrom('pcap' as const, 'pcapng' as const),
  linkType: fc.oneof(fc.constantFrom(0, 1, 108, 113, 276), fc.integer({ min: 0, max: 0xffff })),
  fcsLen: fc.constantFrom(0 as const, 4 as const),
  snaplen: fc.oneof(fc.constant(262144), fc.integer({ min: 1, max: 250 })),
  nanosecond: fc.boolean(),
  byteOrder: fc.constantFrom('little' as const, 'big' as const),
});

/** What a reader must report for a written packet, worked out from the formats' rules. */
function expected(p: CapturePacket, o: CaptureWriteOptions, index: number): Omit<CapturedPacket, 'fileOffset'> {
  const capLen = Math.min(p.data.length, o.snaplen ?? 262144);
  const origLen = p.origLen ?? p.data.length;
  const fcsCut = origLen - capLen;
  return {
    index,
    tsSec: p.tsSec,
    tsNsec: o.nanosecond ? p.tsNsec : Math.floor(p.tsNsec / 1000) * 1000,
    capLen,
    origLen,
    data: p.data.slice(0, capLen),
    linkType: o.linkType,
    fcsLen: Math.min(capLen, Math.max(0, o.fcsLen - fcsCut)),
    interfaceId: 0,
    cutBySnaplen: capLen < origLen,
  };
}

function collect(bytes: Uint8Array, readAhead?: number): { packets: CapturedPacket[]; errors: WireError[]; afterError: number } {
  const packets: CapturedPacket[] = [];
  const errors: WireError[] = [];
  let afterError = 0;
  for (const item of readCapture(memorySource(bytes), readAhead)) {
    if (errors.length) afterError++;
    if (item.ok) packets.push(item.packet);
    else errors.push(item.error);
  }
  return { packets, errors, afterError };
}

describe('read after write', () => {
  it('gives back every packet, in both formats, resolutions and byte orders', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 12 }), optionsArb, fc.integer({ min: 1, max: 300 }), (packets, options, readAhead) => {
        const bytes = writeCapture(packets, options);
        const { packets: read, errors } = collect(bytes, readAhead);
        expect(errors).toEqual([]);
        expect(read.map(({ fileOffset: _o, ...p }) => p)).toEqual(packets.map((p, i) => expected(p, options, i + 1)));
      }),
      { numRuns: 300 },
    );
  });

  it('records each packet at the offset where the writer put it', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 6 }), optionsArb, (packets, options) => {
        const writer = createCaptureWriter(options);
        let at = writer.header.length;
        const offsets = packets.map((p) => {
          const here = at;
          at += writer.encodePacket(p).length;
          return here;
        });
        expect(collect(writeCapture(packets, options)).packets.map((p) => p.fileOffset)).toEqual(offsets);
      }),
    );
  });
});

describe('cut-off files', () => {
  it('every prefix yields the packets before the cut, then one error, unless it ends between records', () => {
    const variants = (['pcap', 'pcapng'] as const).flatMap((format) =>
      (['little', 'big'] as const).map((byteOrder) => ({ format, byteOrder })));
    for (const { format, byteOrder } of variants) {
      const options = { format, byteOrder, linkType: 1, fcsLen: 4, nanosecond: format === 'pcapng' } as const;
      const packets = [
        { tsSec: 1, tsNsec: 1000, data: Uint8Array.from({ length: 64 }, (_, i) => i) },
        { tsSec: 2, tsNsec: 2000, data: Uint8Array.from({ length: 61 }, (_, i) => 255 - i) },
        { tsSec: 3, tsNsec: 3000, data: new Uint8Array(0) },
      ];
      const writer = createCaptureWriter(options);
      const chunks = [writer.header, ...packets.map((p) => writer.encodePacket(p))];
      const boundaries: number[] = [];
      chunks.reduce((at, c) => (boundaries.push(at + c.length), at + c.length), 0);
      // A pcapng file that ends right after its Section Header Block is whole, just empty.
      const sectionOnly = format === 'pcapng' ? [SHB_LEN] : [];
      const whole = writeCapture(packets, options);
      const full = collect(whole).packets;

      for (let len = 0; len <= whole.length; len++) {
        const { packets: got, errors, afterError } = collect(whole.subarray(0, len));
        const complete = boundaries.filter((b) => b <= len).length - 1; // the header is not a packet
        expect(got).toEqual(full.slice(0, Math.max(0, complete)));
        expect(afterError).toBe(0);
        if (boundaries.includes(len) || sectionOnly.includes(len)) {
          expect(errors).toEqual([]);
        } else {
          expect(errors).toHaveLength(1);
          expect(errors[0]!.offset).toBeLessThanOrEqual(len);
          if (len >= 4) expect(errors[0]!.message).toContain(`the file ends at byte ${len}: it was cut off`);
        }
      }
    }
  });
});

/** Values that make length and count fields interesting. */
const NASTY_WORDS = [0, 1, 3, 4, 11, 12, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, 0x01000000, 0x00040001];

const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), value: fc.constantFrom(...NASTY_WORDS), le: fc.boolean() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    if (out.length === 0) break;
    switch (m.kind) {
      case 'flip': out[m.at % out.length]! ^= 1 << m.bit; break;
      case 'byte': out[m.at % out.length] = m.value; break;
      case 'word': {
        const at = m.at % out.length;
        if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, m.value, m.le);
        break;
      }
      case 'cut': out = out.slice(0, m.at % (out.length + 1)); break;
      case 'append': {
        const longer = new Uint8Array(out.length + m.bytes.length);
        longer.set(out);
        longer.set(m.bytes, out.length);
        out = longer;
        break;
      }
    }
  }
  return out;
}

describe('damaged files', () => {
  it('never throw, end with at most one error, and stop quickly', () => {
    fc.assert(
      fc.property(
        fc.array(packetArb, { maxLength: 5 }),
        optionsArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 100 }),
        (packets, options, mutations, readAhead) => {
          const bytes = mutate(writeCapture(packets, options), mutations);
          const started = performance.now();
          const { packets: got, errors, afterError } = collect(bytes, readAhead);
          expect(performance.now() - started).toBeLessThan(1000);
          expect(afterError).toBe(0);
          expect(errors.length).toBeLessThanOrEqual(1);
          // Every packet takes at least a 12-byte block or a 16-byte record.
          expect(got.length).toBeLessThanOrEqual(bytes.length / 12);
          for (const p of got) expect(p.data.length).toBe(p.capLen);
          for (const e of errors) {
            expect(e.message).not.toMatch(/internal error/);
            expect(e.offset).toBeGreaterThanOrEqual(0);
            expect(e.offset).toBeLessThanOrEqual(bytes.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('random bytes behind a valid magic never throw', () => {
    const magics = [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d], [0x0a, 0x0d, 0x0d, 0x0a]];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 400 }), (magic, rest) => {
        const { error, itemsAfterError } = readAll(Uint8Array.from([...magic, ...rest]));
        expect(itemsAfterError).toBe(0);
        if (error) expect(error.message).not.toMatch(/internal error/);
      }),
      { numRuns: 2000 },
    );
  });
});
