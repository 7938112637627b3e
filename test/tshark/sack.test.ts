// SACK as Wireshark reads it. A linux-profile lesson with SACK offered loses two of ten
// segments; the exported capture goes to tshark, whose SACK fields (tcp.options.sack_le,
// tcp.options.sack_re, absolute numbers) must equal the blocks the simulator wrote, frame
// for frame, and whose retransmission analysis must find only the two holes sent again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson, type CompiledLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import * as eth from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import * as tcp from '../../source/wire/tcp.js';
import { CHECKS, SKIP_TSHARK, tshark, tsharkFields } from '../helpers/tshark.js';

const LESSON = `
id: sack-blocks
title: { en: SACK, ko: SACK }
summary: { en: SACK, ko: SACK }
level: advanced
topics: [loss]
topology: lan
capture: client
settings: { seed: 7, profile: linux, tcp: { sack: true, timestamps: true, mss: 1000, initialWindow: 10 } }
script:
  - listen: { host: server, port: 9000 }
  - connect: { from: client, to: server, port: 9000 }
  - impair: { frame: { from: client, protocol: tcp, data: true, nth: 2 }, action: drop }
  - impair: { frame: { from: client, protocol: tcp, data: true, nth: 5 }, action: drop }
  - send: { socket: client, bytes: 10000 }
`;

function compiled(): CompiledLesson {
  const l = loadLessonText(LESSON, '<sack test>');
  if (!l.ok) throw new Error(JSON.stringify(l));
  const c = compileLesson(l.loaded, { seed: 7 });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.compiled;
}

/** The server's segments as the simulator wrote them: ack and SACK blocks, in sending order. */
function simulatedAcks(c: CompiledLesson): string[] {
  const out: string[] = [];
  for (const f of c.trace.frames) {
    if (f.parent !== null) continue;
    const e = eth.decode(f.bytes, 0, f.bytes.length - eth.FCS_LEN, { hasFcs: false });
    if (!e.ok || e.value.etherType !== eth.ETHERTYPE_IPV4) continue;
    const ip = ipv4.decode(e.value.payload);
    if (!ip.ok || ip.value.protocol !== ipv4.PROTO_TCP) continue;
    const s = tcp.decode(ip.value.payload, 0, ip.value.payload.length);
    if (!s.ok || s.value.srcPort !== 9000) continue;
    const sack = s.value.options.find((o) => o.kind === 'sack');
    const blocks = sack?.kind === 'sack' ? sack.blocks.map((b) => `${b.left}-${b.right}`).join(' ') : '';
    out.push(`${s.value.ack} ${blocks}`.trim());
  }
  return out;
}

describe.skipIf(SKIP_TSHARK)('SACK blocks in an exported capture, judged by tshark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-sack-'));
  const c = compiled();
  const cap = c.capture('pcap');
  if ('error' in cap) throw new Error(cap.error);
  const file = join(dir, 'sack.pcap');
  writeFileSync(file, cap.bytes);
  const absolute = ['-o', 'tcp.relative_sequence_numbers:FALSE'];

  it('tshark decodes the same SACK blocks the simulator sent, frame for frame', () => {
    const out = tshark(['-r', file, ...CHECKS, ...absolute, '-Y', 'tcp.srcport == 9000', '-T', 'fields', '-E', 'separator=\t',
      '-E', 'occurrence=a', '-E', 'aggregator=,', '-e', 'tcp.ack', '-e', 'tcp.options.sack_le', '-e', 'tcp.options.sack_re']);
    const decoded = out.split('\n').filter((l) => l.length > 0).map((line) => {
      const [ack = '', le = '', re = ''] = line.split('\t');
      const lefts = le === '' ? [] : le.split(',');
      const rights = re === '' ? [] : re.split(',');
      return `${ack} ${lefts.map((l, i) => `${l}-${rights[i]}`).join(' ')}`.trim();
    });
    const simulated = simulatedAcks(c);
    expect(decoded).toEqual(simulated);
    // The two holes show: first one block, then two, newest first.
    expect(simulated.filter((a) => a.includes('-')).length).toBeGreaterThan(5);
    expect(simulated.some((a) => a.split(' ').length === 3)).toBe(true);
  });

  it('tshark finds no malformed or bad-checksum frame, and only the two holes sent again', () => {
    expect(tshark(['-r', file, ...CHECKS, '-Y', '_ws.malformed || _ws.expert.severity >= error']).trim()).toBe('');
    // Wireshark calls a resend that follows the last one within an RTT "Out-Of-Order"
    // rather than a retransmission, so all three of its labels count.
    const resent = 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.out_of_order';
    const rows = tsharkFields(file, ['tcp.seq', 'tcp.len'], ['-Y', resent]);
    // Relative numbers: the 2nd and 5th segments (timestamps leave 988 bytes of the 1000).
    expect(rows.map((r) => [Number(r['tcp.seq']), Number(r['tcp.len'])])).toEqual([[989, 988], [3953, 988]]);
  });
});

const TCPDUMP = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!TCPDUMP && !process.env.TCP_TUTOR_CI)('SACK in one-line summaries, judged by tcpdump', () => {
  it('every TCP frame\'s summary is the line tcpdump -n prints, SACK edges relative as its ack', () => {
    const c = compiled();
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-sack-')), 'sack.pcap');
    writeFileSync(file, cap.bytes);
    const lines = spawnSync('tcpdump', ['-n', '-r', file], { encoding: 'utf8' }).stdout.trim().split('\n');
    let withSack = 0;
    for (const f of c.trace.frames) {
      const n = cap.frameNumber(f.id);
      if (n === null || !f.summary.includes('Flags')) continue;
      const theirs = lines[n - 1]!.replace(/^\S+ IP /, '');
      expect(f.summary, `frame ${n}`).toBe(theirs);
      if (theirs.includes('sack')) withSack++;
    }
    expect(withSack).toBeGreaterThan(5);
  });
});
