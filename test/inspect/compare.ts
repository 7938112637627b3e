// Field-by-field comparison of `inspect --json` with tshark's TCP analysis.
import { Inspector } from '../../source/capture/analysis/inspect.js';
import { readCaptureFile } from '../../source/capture/read.js';
import { main } from '../../source/cli/main.js';
import { tsharkFields } from '../helpers/tshark.js';

/** tshark fields (names checked against `tshark -G fields` of 4.0) and what we call them. */
export const ANALYSIS_FIELDS = {
  'tcp.analysis.retransmission': 'retransmission',
  'tcp.analysis.fast_retransmission': 'fast-retransmission',
  'tcp.analysis.out_of_order': 'out-of-order',
  'tcp.analysis.duplicate_ack': 'duplicate-ack',
  'tcp.analysis.lost_segment': 'lost-segment',
  'tcp.analysis.zero_window': 'zero-window',
  'tcp.analysis.window_update': 'window-update',
} as const;

const FIELDS = [
  'frame.number', 'tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len', 'tcp.nxtseq',
  'tcp.flags', 'tcp.window_size_value', 'tcp.srcport', 'tcp.dstport', 'ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst',
  ...Object.keys(ANALYSIS_FIELDS), 'tcp.analysis.duplicate_ack_num',
];

export interface OurPacket {
  readonly n: number;
  readonly stream: number | null;
  readonly proto: string;
  readonly src: string | null;
  readonly dst: string | null;
  readonly srcPort?: number;
  readonly dstPort?: number;
  readonly flags?: string;
  readonly seq?: number;
  readonly ack?: number | null;
  readonly relSeq?: number;
  readonly relAck?: number | null;
  readonly len?: number | null;
  readonly nextSeq?: number | null;
  readonly window?: number;
  readonly analysis?: readonly string[];
}

export async function ourJson(file: string, extra: string[] = []): Promise<{ code: number; packets: OurPacket[]; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['inspect', file, '--json', ...extra], {
    stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8' },
  });
  const packets = out.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as OurPacket);
  return { code, packets, out, err };
}

const LETTERS = 'CEUAPRSF';

function flagsFromHex(hex: string): string {
  const bits = parseInt(hex, 16) & 0xff;
  let s = '';
  for (let i = 0; i < 8; i++) if (bits & (0x80 >> i)) s += LETTERS[i];
  return s;
}

/** Every disagreement, as "frame N: field ours=X tshark=Y"; empty when we agree. */
/** tcp.analysis.duplicate_ack_num by frame, which only the text output shows ("[TCP Dup ACK #2]"). */
function ourDupAckNums(file: string): Map<number, number> {
  const inspector = new Inspector({ verify: false });
  const out = new Map<number, number>();
  for (const item of readCaptureFile(file)) {
    if (!item.ok) break;
    const r = inspector.push(item.packet);
    if (r.tcp && r.tcp.dupAckNum > 0) out.set(r.n, r.tcp.dupAckNum);
  }
  return out;
}

export async function compareWithTshark(file: string): Promise<string[]> {
  const rows = tsharkFields(file, FIELDS);
  const { packets } = await ourJson(file);
  const dupAcks = ourDupAckNums(file);
  const problems: string[] = [];
  if (rows.length !== packets.length) problems.push(`frame count: ours=${packets.length} tshark=${rows.length}`);
  for (let i = 0; i < Math.min(rows.length, packets.length); i++) {
    const t = rows[i]!;
    const o = packets[i]!;
    const n = Number(t['frame.number']);
    const bad = (what: string, ours: unknown, theirs: unknown) => problems.push(`frame ${n}: ${what} ours=${String(ours)} tshark=${String(theirs)}`);
    if (o.n !== n) bad('n', o.n, n);
    if (t['tcp.stream'] === '') {
      if (o.proto === 'tcp') bad('proto', o.proto, 'not tcp');
      continue;
    }
    if (o.proto === 'other' && o.stream !== null) {
      // An ICMP error quoting a TCP header: Wireshark gives it the stream and nothing else we report.
      if (o.stream !== Number(t['tcp.stream'])) bad('stream', o.stream, t['tcp.stream']);
      continue;
    }
    if (o.proto !== 'tcp') {
      bad('proto', o.proto, 'tcp');
      continue;
    }
    const num = (k: string) => (t[k] === '' ? null : Number(t[k]));
    const flags = flagsFromHex(t['tcp.flags']!);
    const acked = flags.includes('A');
    const pairs: [string, unknown, unknown][] = [
      ['stream', o.stream, num('tcp.stream')],
      ['src', o.src, t['ip.src'] || t['ipv6.src']],
      ['dst', o.dst, t['ip.dst'] || t['ipv6.dst']],
      ['srcPort', o.srcPort, num('tcp.srcport')],
      ['dstPort', o.dstPort, num('tcp.dstport')],
      ['flags', o.flags, flags],
      ['seq', o.seq, num('tcp.seq_raw')],
      ['ack', o.ack, acked ? num('tcp.ack_raw') : null],
      ['relSeq', o.relSeq, num('tcp.seq')],
      ['relAck', o.relAck, acked ? num('tcp.ack') : null],
      ['len', o.len, num('tcp.len')],
      ['nextSeq', o.nextSeq, num('tcp.nxtseq')],
      ['window', o.window, num('tcp.window_size_value')],
    ];
    for (const [what, ours, theirs] of pairs) if (ours !== theirs) bad(what, ours, theirs);
    const theirs = Object.entries(ANALYSIS_FIELDS).filter(([f]) => t[f] !== '').map(([, name]) => name).sort();
    const ours = [...(o.analysis ?? [])].sort();
    if (ours.join(',') !== theirs.join(',')) bad('analysis', ours.join(',') || '-', theirs.join(',') || '-');
    const dup = num('tcp.analysis.duplicate_ack_num');
    if ((dupAcks.get(n) ?? null) !== dup) bad('duplicate_ack_num', dupAcks.get(n) ?? null, dup);
  }
  return problems;
}
