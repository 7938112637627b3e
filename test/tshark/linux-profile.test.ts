// `profile: linux` against real Linux, with tshark as the judge of both sides. The real
// captures in test/linux-captures/ were made by scripts/captures/linux-profile.sh: a client
// and a server in network namespaces exchanging exactly the bytes the simulator's HTTP apps
// send (a 107-byte GET, a 67-byte head and the body in one write, the client closing once
// it has the body, the server once it reads the client's FIN). Here the same exchanges are
// written as lessons, exported without FCS (as a Linux host captures), and both captures
// are read by tshark into segments: direction, flags, relative seq and ack, length, TCP
// option kinds.
//
// Each side's segments depend only on TCP; the order in which the two directions interleave
// in the capture depends also on wire timing (does the server's next segment reach the
// client's NIC before or after the client's ACK of the one before?). So each direction is
// compared on its own, and the interleaved order is scored. For the loss-free GETs each
// direction must match exactly; for the bulk and lossy transfers the match rate is printed
// and must not fall below what was measured (bench/RESULTS.md) by more than a margin.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { SKIP_TSHARK, tshark } from '../helpers/tshark.js';

const CAPTURES = join(__dirname, '..', 'linux-captures');
const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-linux-profile-'));

interface Segment {
  /** c>s or s>c: from the host that sent the first SYN, or to it. */
  readonly dir: 'c>s' | 's>c';
  readonly flags: string;
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
  readonly options: string;
}

const key = (s: Segment) => `${s.dir} ${s.flags} seq=${s.seq} ack=${s.ack} len=${s.len} opts=${s.options}`;

/** The TCP segments of a capture's one conversation, as tshark reads them. */
export function conversation(file: string): Segment[] {
  const out = tshark(['-r', file, '-o', 'tcp.relative_sequence_numbers:TRUE', '-Y', 'tcp', '-T', 'fields',
    '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=,',
    '-e', 'ip.src', '-e', 'tcp.flags', '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.len', '-e', 'tcp.option_kind']);
  const rows = out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
  const client = rows[0]![0];
  return rows.map(([src, flags, seq, ack, len, options]) => ({
    dir: src === client ? 'c>s' : 's>c',
    flags: flags!, seq: Number(seq), ack: Number(ack), len: Number(len), options: options ?? '',
  }));
}

/** Longest common subsequence of two lists of keys: how many segments line up, in order. */
function common(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 0; j < b.length; j++) row[j + 1] = x === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!);
    prev = row;
  }
  return prev[b.length]!;
}

/** The share of segments that line up, in order: 2 × common / (|sim| + |real|), from 0 to 1. */
export function matchRate(sim: readonly Segment[], real: readonly Segment[]): number {
  const a = sim.map(key);
  const b = real.map(key);
  return a.length + b.length === 0 ? 1 : (2 * common(a, b)) / (a.length + b.length);
}

const oneWay = (c: readonly Segment[], d: Segment['dir']) => c.filter((s) => s.dir === d).map(key);

/** The HTTP exchange of linux-profile.sh as a lesson; `tcp` and `impairs` are YAML lines. */
function lesson(id: string, body: number, tcp = '', impairs: readonly string[] = []): string {
  return `
id: ${id}
title: { en: ${id}, ko: ${id} }
summary: { en: the exchange of scripts/captures/linux-profile.sh, ko: 실제 캡처와 같은 교환 }
level: advanced
topics: [congestion]
topology:
  hosts:
    - { name: client, ip: 10.200.0.1, prefix: 24 }
    - { name: server, ip: 10.200.0.2, prefix: 24 }
  links:
    - { name: wire, a: client, b: server, delay: 0.05 }
capture: client
settings: { seed: 7, profile: linux${tcp ? `, tcp: { ${tcp} }` : ''} }
script:
  - serve-http: { host: server, port: 8000, body: ${body} }
${impairs.map((i) => `  - impair: ${i}\n`).join('')}  - http-get: { from: client, url: "http://10.200.0.2:8000/bytes/${body}" }
`;
}

function simulated(name: string, text: string): Segment[] {
  const l = loadLessonText(text, `<${name}>`);
  if (!l.ok) throw new Error(JSON.stringify(l));
  const c = compileLesson(l.loaded, { seed: 7 });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const cap = c.compiled.capture('pcap', { fcs: false });
  if ('error' in cap) throw new Error(cap.error);
  const file = join(dir, `${name}.pcap`);
  writeFileSync(file, cap.bytes);
  return conversation(file);
}

const real = (name: string) => conversation(join(CAPTURES, `${name}.pcap`));

/**
 * The bridge in linux-profile.sh drops every 16th full-sized segment from the server,
 * retransmissions counted. Its counter did not start where the rule's `== 4` suggests: the
 * capture shows the 2nd segment (seq 1449) missing and resent, then the 18th (23169), so
 * the lesson drops the 2nd, 18th, 34th … data segment from the server.
 */
const EVERY_16TH = Array.from({ length: 20 }, (_, i) => `{ link: wire, frame: { from: server, data: true, nth: ${2 + 16 * i} }, action: drop }`);

const NO_OPTIONS = 'sack: false, timestamps: false, windowScale: false';

function report(name: string, sim: readonly Segment[], realSegs: readonly Segment[]) {
  const rates = {
    interleaved: matchRate(sim, realSegs),
    clientToServer: matchRate(sim.filter((s) => s.dir === 'c>s'), realSegs.filter((s) => s.dir === 'c>s')),
    serverToClient: matchRate(sim.filter((s) => s.dir === 's>c'), realSegs.filter((s) => s.dir === 's>c')),
  };
  console.log(`${name}: ${sim.length} simulated, ${realSegs.length} real segments; match ${JSON.stringify(Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, Number(v.toFixed(3))])))}`);
  return rates;
}

describe.skipIf(SKIP_TSHARK)('profile: linux against real Linux captures, segment by segment', () => {
  it('the captures are the ones the README describes (kernel, four files)', () => {
    expect(readFileSync(join(CAPTURES, 'KERNEL'), 'utf8').trim()).toMatch(/^6\./);
    const get = real('get-20000');
    // The real SYN, read off the wire: MSS, SACK-permitted, timestamps, NOP, window scale.
    expect(get[0]).toEqual({ dir: 'c>s', flags: '0x0002', seq: 0, ack: 0, len: 0, options: '2,4,8,1,3' });
  });

  for (const [name, tcp] of [['get-20000', ''], ['get-20000-no-options', NO_OPTIONS]] as const) {
    it(`${name}: each direction matches the real capture exactly`, () => {
      const sim = simulated(name, lesson(name, 20000, tcp));
      const realSegs = real(name);
      expect(oneWay(sim, 'c>s')).toEqual(oneWay(realSegs, 'c>s'));
      expect(oneWay(sim, 's>c')).toEqual(oneWay(realSegs, 's>c'));
      // Only wire timing may reorder across directions: most of the interleaving lines up too.
      expect(report(name, sim, realSegs).interleaved).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('get-20000 by hand: options, 1448-byte segments, one ACK per segment, the three-segment close', () => {
    const sim = simulated('get-20000-hand', lesson('get-20000-hand', 20000));
    expect(sim.slice(0, 2).map((s) => s.options)).toEqual(['2,4,8,1,3', '2,4,8,1,3']);
    const data = sim.filter((s) => s.dir === 's>c' && s.len > 0);
    // 67 + 20000 bytes: 13 segments of 1460 − 12 bytes, then 1243.
    expect(data.map((s) => s.len)).toEqual([...Array<number>(13).fill(1448), 1243]);
    // Quick ACKs: the first 16 segments are each acked at once (TCP_MAX_QUICKACKS).
    const acks = sim.filter((s) => s.dir === 'c>s' && s.len === 0 && s.flags === '0x0010').map((s) => s.ack);
    const ends = data.map((s) => s.seq + s.len);
    // The handshake's ACK, one per data segment, and the last: of the server's FIN.
    expect(acks).toEqual([1, ...ends, ends.at(-1)! + 1]);
    // The client closes; the server's ACK of that FIN rides on its own FIN; the client acks it.
    expect(sim.slice(-3).map((s) => `${s.dir} ${s.flags}`)).toEqual(['c>s 0x0011', 's>c 0x0011', 'c>s 0x0010']);
  });

  // Measured when this test was written (bench/RESULTS.md, "Linux profile vs real Linux
  // captures"); a change that lowers a rate by more than the margin fails.
  const MARGIN = 0.05;
  const MEASURED = {
    'bulk-200000': { interleaved: 0.8, clientToServer: 0.5, serverToClient: 0.923 },
    'loss-200000': { interleaved: 0.749, clientToServer: 0.566, serverToClient: 0.88 },
  } as const;

  for (const [name, impairs] of [['bulk-200000', []], ['loss-200000', EVERY_16TH]] as const) {
    it(`${name}: the match rate does not drop below what was measured`, () => {
      const sim = simulated(name, lesson(name, 200000, '', impairs));
      const rates = report(name, sim, real(name));
      for (const [k, v] of Object.entries(MEASURED[name])) expect(rates[k as keyof typeof rates]).toBeGreaterThanOrEqual(v - MARGIN);
    });
  }
});
