// Fuzzing every boundary where untrusted bytes or text come in. In every case: no
// exception escapes, no input takes long, and each error is one plain line. CI runs a
// modest number of cases per target; `npm run fuzz` runs many more (FUZZ_RUNS).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../source/capture/read.js';
import { decodeLinkLayer } from '../../source/capture/linklayer.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import * as arp from '../../source/wire/arp.js';
import { dissect } from '../../source/wire/dissect.js';
import * as dns from '../../source/wire/dns.js';
import * as eth from '../../source/wire/ethernet.js';
import * as http from '../../source/wire/http.js';
import * as icmp from '../../source/wire/icmp.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import * as tcp from '../../source/wire/tcp.js';
import * as udp from '../../source/wire/udp.js';
import { LINKTYPE_ETHERNET } from '../../source/capture/linklayer.js';
import { writeCapture } from '../../source/capture/write.js';
import { conversation } from '../helpers/frames.js';

export const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** The slowest any single input may be: a hang or a blow-up shows as a failure. */
const BUDGET_MS = 1_000;

/** Runs `f`, failing if it throws or takes over the budget. */
function bounded<T>(what: string, f: () => T): T {
  const t0 = performance.now();
  let out: T;
  try {
    out = f();
  } catch (e) {
    throw new Error(`${what} threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  const ms = performance.now() - t0;
  if (ms > BUDGET_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms`);
  return out;
}

const oneLine = (s: string) => s.length > 0 && !s.includes('\n');

/** Random edits to a valid input: flips, deletions, insertions, truncation, repetition. */
function mutate<T extends Uint8Array>(base: T) {
  return fc.array(fc.tuple(fc.nat(), fc.nat(255), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 8 }).map((edits) => {
    let b = Array.from(base);
    for (const [pos, val, kind] of edits) {
      const at = b.length ? pos % b.length : 0;
      if (kind === 0) b[at] = val;
      else if (kind === 1) b.splice(at, 1 + (val % 16));
      else if (kind === 2) b.splice(at, 0, ...new Array(1 + (val % 8)).fill(val));
      else if (kind === 3) b = b.slice(0, at);
      else b.splice(at, 0, ...b.slice(at, at + 1 + val));
    }
    return Uint8Array.from(b);
  });
}

const LESSONS = readdirSync('lessons').filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(`lessons/${f}`, 'utf8'));

describe('lesson loader and compiler', () => {
  it('random text: problems or a lesson, never an exception', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      const r = bounded('load', () => loadLessonText(text, 'f.yaml'));
      if (!r.ok) for (const p of r.problems) expect(oneLine(formatProblem(p))).toBe(true);
    }), { numRuns: RUNS });
  });

  it('mutated built-in lessons: loaded ones also compile or report, never throw', () => {
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    fc.assert(fc.property(fc.nat(LESSONS.length - 1).chain((i) => mutate(enc.encode(LESSONS[i]!))), (bytes) => {
      const r = bounded('load', () => loadLessonText(dec.decode(bytes), 'f.yaml'));
      if (!r.ok) {
        for (const p of r.problems) expect(oneLine(formatProblem(p))).toBe(true);
        return;
      }
      const c = bounded('compile', () => compileLesson(r.loaded, { seed: 1 }));
      if (!c.ok) for (const p of c.problems) expect(oneLine(formatProblem(p))).toBe(true);
    }), { numRuns: Math.max(20, RUNS / 3) });
  });

  it('hostile constructs: each one clear problem', () => {
    const hostile = [
      `a: &x [${'1,'.repeat(50)}1]\nb: &y [${'*x,'.repeat(50)}*x]\nc: [${'*y,'.repeat(50)}*y]\n`,
      `${'- '.repeat(500)}x\n`,
      `${'{a: '.repeat(300)}1${'}'.repeat(300)}\n`,
      '__proto__: {}\nid: x\n',
      'id: x\nconstructor: {prototype: {}}\n',
      '\u0000\u0001\u0002',
      `id: ${'x'.repeat(200_000)}\n`,
      '!!js/function "function(){}"\n',
      'id: !!binary aGVsbG8=\n',
      '%YAML 9.9\n---\nid: x\n',
      '---\nid: a\n---\nid: b\n',
      // A collection as a key (once a multi-line 'unknown field' and a warning on stderr).
      'id: x\n? [a, b]\n: 1\n',
      'id: x\n? |\n  two\n  lines\n: 1\n',
    ];
    for (const text of hostile) {
      const r = bounded('load', () => loadLessonText(text, 'h.yaml'));
      expect(r.ok).toBe(false);
      if (!r.ok) for (const p of r.problems) expect(oneLine(formatProblem(p))).toBe(true);
    }
  });
});

describe('capture readers', () => {
  const frames = conversation().map((f, i) => ({ tsSec: i, tsNsec: i * 1000, data: f.bytes }));
  const files = [
    writeCapture(frames, { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 4 }),
    writeCapture(frames, { format: 'pcapng', linkType: LINKTYPE_ETHERNET, fcsLen: 4, nanosecond: true }),
    writeCapture(frames, { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 0, byteOrder: 'big' }),
    ...(existsSync('captures') ? readdirSync('captures', { withFileTypes: true }) : []).filter((d) => d.isFile() && /\.pcap(ng)?$/.test(d.name))
      .map((d) => new Uint8Array(readFileSync(`captures/${d.name}`))).filter((b) => b.length < 300_000),
  ];

  const readAll = (bytes: Uint8Array) => {
    let packets = 0;
    let error: string | null = null;
    for (const item of readCaptureBytes(bytes)) {
      if (item.ok) {
        packets++;
        const l = decodeLinkLayer(item.packet.linkType, item.packet.data, item.packet.fcsLen);
        if (l.ok && l.value.networkProtocol === 'ipv4') ipv4.decode(l.value.payload);
      } else error = `${item.error.message} (at byte ${item.error.offset})`;
    }
    return { packets, error };
  };

  it('mutated captures: packets then at most one plain error', () => {
    fc.assert(fc.property(fc.nat(files.length - 1).chain((i) => mutate(files[i]!)), (bytes) => {
      const r = bounded('read', () => readAll(bytes));
      if (r.error !== null) expect(oneLine(r.error)).toBe(true);
    }), { numRuns: RUNS });
  });

  it('every truncation of a capture reads what is whole and says where it was cut', () => {
    for (const file of files.slice(0, 2)) {
      for (let n = 0; n < file.length; n += 7) {
        const r = bounded('read', () => readAll(file.subarray(0, n)));
        if (n < file.length) expect(r.error === null || oneLine(r.error)).toBe(true);
      }
    }
  });

  it('absurd lengths are refused without allocating them', () => {
    const pcap = files[0]!.slice(0, 24 + 16);
    new DataView(pcap.buffer).setUint32(24 + 8, 0xfffffff0, true); // caplen
    new DataView(pcap.buffer).setUint32(24 + 12, 0xfffffff0, true); // origlen
    const before = process.memoryUsage().arrayBuffers;
    const r = bounded('read', () => readAll(pcap));
    expect(r.error).toMatch(/bytes/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });
});

describe('wire decoders', () => {
  const valid = conversation().map((f) => f.bytes);
  const decoders: [string, (b: Uint8Array) => unknown][] = [
    ['ethernet', (b) => eth.decode(b)],
    ['arp', (b) => arp.decode(b)],
    ['ipv4', (b) => ipv4.decode(b)],
    ['udp', (b) => udp.decode(b, 0, b.length, { src: '10.0.0.1', dst: '10.0.0.2' })],
    ['tcp', (b) => tcp.decode(b, 0, b.length, { src: '10.0.0.1', dst: '10.0.0.2' })],
    ['dns', (b) => dns.decode(b)],
    ['icmp', (b) => icmp.decode(b)],
    ['http request', (b) => http.decodeRequest(b)],
    ['http response', (b) => http.decodeResponse(b)],
    ['whole frames', (b) => dissect(b)],
  ];

  for (const [name, decode] of decoders) {
    it(`${name}: random and mutated bytes decode or give an error value`, () => {
      const check = (b: Uint8Array) => {
        const r = bounded(name, () => decode(b)) as { ok?: boolean; error?: { message: string } } | null;
        if (r && r.ok === false) expect(oneLine(r.error!.message)).toBe(true);
      };
      fc.assert(fc.property(fc.uint8Array({ maxLength: 1600 }), check), { numRuns: RUNS });
      fc.assert(fc.property(fc.nat(valid.length - 1).chain((i) => mutate(valid[i]!)), (b) => {
        check(b);
        // Inner layers too, from where they start in a frame.
        check(b.subarray(Math.min(14, b.length)));
        check(b.subarray(Math.min(34, b.length)));
        check(b.subarray(Math.min(42, b.length)));
      }), { numRuns: RUNS });
    });
  }
});
