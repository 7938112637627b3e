// Every quiz answer checked against something other than the code that computed it:
// tshark's reading of the capture the learner can export, or a rule written here by hand
// from the RFCs. A quiz neither can judge is reported, so a test can insist there is none.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlayableLesson } from '../../source/lesson/compile.js';
import type { QuizSpec } from '../../source/lesson/schema.js';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';
import { tsharkFields } from './tshark.js';

/** tshark's field for each numeric quiz, relative and absolute; the first one present counts. */
const NUMBER_FIELDS: Record<string, { relative: string[]; absolute: string[] }> = {
  seq: { relative: ['tcp.seq'], absolute: ['tcp.seq_raw'] },
  ack: { relative: ['tcp.ack'], absolute: ['tcp.ack_raw'] },
  window: { relative: ['tcp.window_size_value'], absolute: ['tcp.window_size_value'] },
  ttl: { relative: ['ip.ttl'], absolute: ['ip.ttl'] },
  'src-port': { relative: ['tcp.srcport', 'udp.srcport'], absolute: ['tcp.srcport', 'udp.srcport'] },
  'dst-port': { relative: ['tcp.dstport', 'udp.dstport'], absolute: ['tcp.dstport', 'udp.dstport'] },
  length: { relative: ['tcp.len'], absolute: ['tcp.len'] },
};

/**
 * Which layer writes a field, by its protocol (RFC 1122 §1.1.3: Ethernet and ARP are the
 * link layer, IP and ICMP the internet layer).
 */
const LAYER_OF_PROTOCOL: Record<string, string> = {
  eth: 'link', arp: 'link', ip: 'internet', icmp: 'internet', tcp: 'transport', udp: 'transport', dns: 'application', http: 'application',
};

/**
 * What a router changes when it forwards an IPv4 packet (RFC 1812 §5.2.1, §5.3.1): a new
 * link-layer header for the next link, TTL minus one and so a new header checksum. Ports,
 * sequence numbers and IP addresses travel end to end.
 */
const ROUTER_CHANGES: Record<string, 'yes' | 'no'> = {
  'eth.src': 'yes', 'eth.dst': 'yes', 'eth.fcs': 'yes', 'ip.ttl': 'yes', 'ip.checksum': 'yes',
  'ip.src': 'no', 'ip.dst': 'no', 'ip.proto': 'no', 'tcp.seq': 'no', 'tcp.ack': 'no', 'tcp.srcport': 'no', 'tcp.dstport': 'no',
};

/**
 * Header lengths are written in 32-bit words (RFC 9293 §3.1 Data Offset, RFC 791 IHL) and
 * shown so in the header being built; tshark gives them in bytes.
 */
const WORD_FIELDS: Record<string, true> = { 'tcp.hdr_len': true, 'ip.hdr_len': true };

/** tcpdump's flag letters, in tcpdump's order (print-tcp.c `tcp_flag_values`), from the raw flag bits. */
function tcpdumpFlags(bits: number): string {
  const letters: [number, string][] = [[0x01, 'F'], [0x02, 'S'], [0x04, 'R'], [0x08, 'P'], [0x10, '.'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W']];
  return letters.filter(([b]) => bits & b).map(([, l]) => l).join('') || 'none';
}

/** A field as compared: case, `0x` hex and tshark's True/False do not matter. */
function canonical(v: string): string {
  const s = v.trim().toLowerCase();
  if (s === 'true') return '1';
  if (s === 'false') return '0';
  if (/^0x[0-9a-f]+$/.test(s)) return String(parseInt(s.slice(2), 16));
  if (/^\d+$/.test(s)) return String(Number(s));
  return s;
}

export interface Judged {
  readonly id: string;
  /** The quiz's own answer, canonical. */
  readonly ours: string;
  /** The outside answer, canonical. */
  readonly theirs: string;
  /** Where the outside answer came from. */
  readonly source: string;
}

export interface Judgement {
  readonly judged: readonly Judged[];
  /** Quizzes nothing here could answer, with the reason. */
  readonly unjudged: readonly string[];
}

/**
 * Judges every quiz of `c`. `hand` holds answers worked out by hand (states from the RFC
 * 9293 diagram, a receiver's verdict), by quiz id; they win over every other source.
 * The capture is written to `dir/name.pcap` for tshark.
 */
export function judgeQuizzes(c: PlayableLesson, dir: string, name: string, hand: Readonly<Record<string, string>> = {}): Judgement {
  const cap = c.capture('pcap');
  if ('error' in cap) throw new Error(`${name}: no capture: ${cap.error}`);
  const file = join(dir, `${name}.pcap`);
  writeFileSync(file, cap.bytes);
  const fieldKeys = c.quizzes.flatMap((q) => (q.kind === 'field' ? [q.field] : []));
  const columns = [...new Set(['frame.number', 'tcp.flags', 'tcp.nxtseq', 'tcp.seq', 'tcp.seq_raw', ...Object.values(NUMBER_FIELDS).flatMap((f) => [...f.relative, ...f.absolute]), ...fieldKeys])];
  const rows = tsharkFields(file, columns);
  const judged: Judged[] = [];
  const unjudged: string[] = [];
  const ours = (q: Checkpoint) => canonical(String(q.expected));
  for (const q of c.quizzes) {
    const verdict = (theirs: string, source: string) => judged.push({ id: q.id, ours: ours(q), theirs: canonical(theirs), source });
    if (q.id in hand) {
      verdict(hand[q.id]!, 'by hand');
      continue;
    }
    const n = q.frame === undefined ? null : cap.frameNumber(q.frame);
    const row = n === null ? undefined : rows[n - 1];
    const ask = q.ask ?? '';
    if (ask in NUMBER_FIELDS) {
      if (!row) {
        unjudged.push(`${q.id}: frame not in the capture`);
        continue;
      }
      const names = NUMBER_FIELDS[ask]![q.numbering];
      const field = names.find((f) => row[f] !== '');
      if (field === undefined) unjudged.push(`${q.id}: tshark shows none of ${names.join(', ')}`);
      else verdict(row[field]!, `tshark ${field}`);
    } else if (ask === 'next-seq') {
      if (!row) {
        unjudged.push(`${q.id}: frame not in the capture`);
        continue;
      }
      // tshark gives the next seq relative only; absolute is the raw seq moved by as much.
      const rel = Number(row['tcp.nxtseq']);
      const value = q.numbering === 'relative' ? rel : (Number(row['tcp.seq_raw']) + rel - Number(row['tcp.seq'])) % 2 ** 32;
      verdict(String(value), 'tshark tcp.nxtseq');
    } else if (ask === 'flags') {
      if (!row) unjudged.push(`${q.id}: frame not in the capture`);
      else verdict(tcpdumpFlags(Number(row['tcp.flags'])), 'tshark tcp.flags');
    } else if (q.kind === 'field') {
      if (!row) unjudged.push(`${q.id}: frame not in the capture`);
      else if (row[q.field] === '' || row[q.field] === undefined) unjudged.push(`${q.id}: tshark shows no ${q.field}`);
      else if (q.field in WORD_FIELDS) verdict(String(Number(row[q.field]) / 4), `tshark ${q.field} ÷ 4`);
      else verdict(row[q.field]!, `tshark ${q.field}`);
    } else if (q.kind === 'order') {
      // The order the capture holds the frames in, as tshark numbers them, each checked to be
      // the frame its one-liner describes (its flags as tshark reads them).
      const numbered = q.items.map((item, i) => ({ k: i + 1, n: cap.frameNumber(item.frame), flags: /Flags \[([^\]]+)\]/.exec(item.line)?.[1] }));
      const bad = numbered.find((x) => x.n === null || tcpdumpFlags(Number(rows[x.n - 1]?.['tcp.flags'])) !== x.flags);
      if (bad) unjudged.push(`${q.id}: item ${bad.k} is not the frame tshark reads at ${bad.n}`);
      else verdict(numbered.sort((a, b) => a.n! - b.n!).map((x) => x.k).join(' '), 'tshark frame order');
    } else {
      unjudged.push(`${q.id}: ${ask} needs an answer by hand`);
    }
  }
  return { judged, unjudged };
}

/**
 * Answers by rule for a script's layer and router questions, by quiz id: the rules above,
 * applied to the field each quiz names.
 */
export function ruleAnswers(script: readonly { readonly quiz?: QuizSpec }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { quiz: q } of script) {
    if (q?.ask === 'layer' && q.field) out[q.id] = layerOf(q.field) ?? `no layer known for ${q.field}`;
    if (q?.ask === 'changes' && q.field) out[q.id] = routerChanges(q.field) ?? `no rule known for ${q.field}`;
  }
  return out;
}

/** The layer that writes `field` (RFC 1122), from its protocol prefix. */
export function layerOf(field: string): string | undefined {
  return LAYER_OF_PROTOCOL[field.split('.')[0]!];
}

/** Whether a router changes `field` when it forwards (RFC 1812). */
export function routerChanges(field: string): 'yes' | 'no' | undefined {
  return ROUTER_CHANGES[field];
}
