import { escapeBytes } from '../wire/escape.js';
import * as arp from '../wire/arp.js';
import * as dns from '../wire/dns.js';
import * as eth from '../wire/ethernet.js';
import * as icmp from '../wire/icmp.js';
import * as ipv4 from '../wire/ipv4.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';
import { seqDiff, type Seq } from '../wire/seq.js';
import { appProtocolOf } from '../wire/protocols.js';

/**
 * tcpdump-style one-liners for frames (`tcpdump -n`: relative sequence numbers after the handshake, as
 * Wireshark shows them too). Relative numbers need the ISN of each direction, so the
 * summarizer remembers the SYNs it has seen, in frame order.
 */
export interface Summarizer {
  /**
   * Must see every frame, in frame order: remembers where each conversation's relative
   * numbers start, looking only at fixed offsets, so that it is cheap per frame.
   */
  observe(id: number, frame: Uint8Array): void;
  /** The one-liner for a frame already observed; it may be asked for later, in any order. */
  summarize(id: number, frame: Uint8Array): string;
}

/**
 * `sackBase`: tcpdump prints SACK edges relative, from the same base as the ack field
 * (print-tcp.c: "s -= thseq->ack"), or as they are where the ack is absolute.
 */
function tcpOptions(options: readonly tcp.TcpOption[], sackBase: Seq | null): string {
  const edge = (n: Seq) => (sackBase === null ? n : seqDiff(n, sackBase) >>> 0);
  const parts: string[] = [];
  for (const o of options) {
    switch (o.kind) {
      case 'mss': parts.push(`mss ${o.value}`); break;
      case 'nop': parts.push('nop'); break;
      case 'wscale': parts.push(`wscale ${o.shift}`); break;
      case 'sackPermitted': parts.push('sackOK'); break;
      case 'sack': parts.push(`sack ${o.blocks.length} ${o.blocks.map((b) => `{${edge(b.left)}:${edge(b.right)}}`).join('')}`); break;
      case 'timestamps': parts.push(`TS val ${o.tsval} ecr ${o.tsecr}`); break;
      case 'eol': parts.push('eol'); break;
      case 'unknown': parts.push(`unknown-${o.type}`); break;
    }
  }
  return parts.length ? `, options [${parts.join(',')}]` : '';
}

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const ip4 = (b: Uint8Array, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
const SYN_BIT = 0x02;
const ACK_BIT = 0x10;

export function createSummarizer(): Summarizer {
  /**
   * tcpdump's relative numbering (print-tcp.c): a conversation's bases are taken from its
   * first segment that carries ACK (or a later one with SYN, a new connection), which is
   * itself printed as it is; later segments with ACK print seq and ack relative to those bases.
   * Kept per address pair, in frame order, so a one-liner made late uses the bases that
   * held when its frame was sent.
   */
  const convs = new Map<string, { id: number; fwd: string; seq: Seq; ack: Seq }[]>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  let current = 0;
  /** The bases in force for frame `current`, or null when it prints absolute numbers. */
  const basesFor = (fwd: string, rev: string): { seq: Seq; ack: Seq } | null => {
    let found: { id: number; fwd: string; seq: Seq; ack: Seq } | null = null;
    for (const e of convs.get(pairKey(fwd, rev)) ?? []) if (e.id <= current) found = e;
    if (!found || found.id === current) return null;
    return found.fwd === fwd ? { seq: found.seq, ack: found.ack } : { seq: found.ack, ack: found.seq };
  };

  const summarizeTcp = (p: ipv4.DecodedIpv4): string => {
    const d = tcp.decode(p.payload, 0, p.payload.length);
    if (!d.ok) return `${p.src} > ${p.dst}: tcp (malformed: ${d.error.message})`;
    const s = d.value;
    const fwd = `${p.src}.${s.srcPort}`;
    const rev = `${p.dst}.${s.dstPort}`;
    const len = s.payload.length;
    let out = `${p.src}.${s.srcPort} > ${p.dst}.${s.dstPort}: Flags [${tcp.flagsString(s)}]`;
    // print-tcp.c makes numbers relative only in a segment with ACK set: a bare RST
    // (RFC 9293 §3.10.5's <SEQ=SND.NXT><CTL=RST>) prints its seq as it is.
    const bases = s.ack !== null ? basesFor(fwd, rev) : null;
    const start = bases ? (seqDiff(s.seq, bases.seq) >>> 0) : s.seq;
    if (len > 0) out += `, seq ${start}:${(start + len) >>> 0}`;
    else if (s.flags.syn || s.flags.fin || s.flags.rst) out += `, seq ${start}`;
    if (s.ack !== null) out += `, ack ${bases ? seqDiff(s.ack, bases.ack) >>> 0 : s.ack}`;
    out += `, win ${s.window}${tcpOptions(s.options, bases?.ack ?? null)}, length ${len}`;
    if (len > 0 && appProtocolOf('tcp', s.srcPort, s.dstPort) === 'http') {
      // tcpdump names the protocol of every port-80 payload, and quotes the line that
      // starts a request or response.
      const line = firstLine(s.payload);
      out += /^(GET|HEAD|POST|PUT|DELETE|OPTIONS) |^HTTP\/\d\.\d /.test(line) ? `: HTTP: ${line}` : ': HTTP';
    }
    return out;
  };

  const summarizeUdp = (p: ipv4.DecodedIpv4): string => {
    const d = udp.decode(p.payload, 0, p.payload.length);
    if (!d.ok) return `${p.src} > ${p.dst}: udp (malformed: ${d.error.message})`;
    const u = d.value;
    const head = `${p.src}.${u.srcPort} > ${p.dst}.${u.dstPort}: `;
    if (appProtocolOf('udp', u.srcPort, u.dstPort) === 'dns') {
      const m = dns.decode(u.payload);
      if (m.ok) return head + dns.summary(m.value);
    }
    return `${head}UDP, length ${u.payload.length}`;
  };

  return {
    observe(id, f) {
      // Ethernet II, IPv4, TCP with ACK set: read at fixed offsets, no decoding.
      if (f.length < 54 || f[12] !== 0x08 || f[13] !== 0x00 || f[23] !== ipv4.PROTO_TCP) return;
      const t = 14 + (f[14]! & 0x0f) * 4;
      if (f.length < t + 20 || !(f[t + 13]! & ACK_BIT)) return;
      const fwd = `${ip4(f, 26)}.${u16(f, t)}`;
      const rev = `${ip4(f, 30)}.${u16(f, t + 2)}`;
      const key = pairKey(fwd, rev);
      const list = convs.get(key);
      if (list && !(f[t + 13]! & SYN_BIT)) return;
      const entry = { id, fwd, seq: u32(f, t + 4) as Seq, ack: ((u32(f, t + 8) - 1) >>> 0) as Seq };
      if (list) list.push(entry);
      else convs.set(key, [entry]);
    },
    summarize(id, frame) {
      current = id;
      const e = eth.decode(frame, 0, frame.length - eth.FCS_LEN, { hasFcs: false });
      if (!e.ok) return `malformed frame: ${e.error.message}`;
      if (e.value.etherType === eth.ETHERTYPE_ARP) {
        const a = arp.decode(e.value.payload);
        if (!a.ok) return `ARP, malformed: ${a.error.message}`;
        const v = a.value;
        if (v.op === arp.OP_REQUEST) return `ARP, Request who-has ${v.targetIp} tell ${v.senderIp}, length 28`;
        if (v.op === arp.OP_REPLY) return `ARP, Reply ${v.senderIp} is-at ${v.senderMac}, length 28`;
        return `ARP, opcode ${v.op}, length 28`;
      }
      if (e.value.etherType !== eth.ETHERTYPE_IPV4) return `ethertype 0x${e.value.etherType.toString(16).padStart(4, '0')}, length ${frame.length}`;
      const ip = ipv4.decode(e.value.payload);
      if (!ip.ok) return `IP, malformed: ${ip.error.message}`;
      const p = ip.value;
      switch (p.protocol) {
        case ipv4.PROTO_TCP:
          return summarizeTcp(p);
        case ipv4.PROTO_UDP:
          return summarizeUdp(p);
        case ipv4.PROTO_ICMP: {
          const m = icmp.decode(p.payload);
          return `${p.src} > ${p.dst}: ${m.ok ? icmp.summary(m.value) : 'ICMP, malformed'}`;
        }
        default:
          return `${p.src} > ${p.dst}: ip-proto-${p.protocol} ${p.payload.length}`;
      }
    },
  };
}

/** The payload's first line (up to 200 bytes), escaped: a captured request line may hold ESC. */
function firstLine(b: Uint8Array): string {
  let end = 0;
  while (end < b.length && end < 200 && b[end] !== 0x0d && b[end] !== 0x0a) end++;
  return escapeBytes(b, 0, end);
}

/** tcpdump's `seq 1:1461` as `seq 1:?`: the end of the range is the next sequence number. */
export function withoutSeqEnd(summary: string): string {
  return summary.replace(/\bseq (\d+):\d+/g, 'seq $1:?');
}

/** Where tcpdump's one-liner prints each field a quiz may blank (`-v` adds `ttl`). */
const SUMMARY_FIELDS: Readonly<Record<string, RegExp>> = {
  'tcp.seq': /\bseq \d+(:\d+)?/g,
  'tcp.ack': /\back \d+/g,
  'tcp.window_size_value': /\bwin \d+/g,
  'ip.ttl': /\bttl \d+/g,
  // Every flag bit at once, as a flags quiz asks them: `Flags ?`.
  'tcp.flags': /\bFlags \[[^\]]*\]/g,
};

/**
 * A one-liner with the asked fields as `?`: `seq ?, ack 1, win ?`. Hidden flags bring an
 * `ack` where tcpdump prints none: a line without one would say the ACK bit is clear, so
 * `Flags [R], seq 201, win 0` reads `Flags ?, seq ?, ack ?, win 0`, as the ladder's `? seq=? ack=?`.
 */
export function withoutFields(summary: string, keys: ReadonlySet<string>): string {
  let out = summary;
  for (const key of keys) {
    const at = SUMMARY_FIELDS[key];
    if (at) out = out.replace(at, (m) => `${m.split(' ')[0]} ?`);
  }
  if (keys.has('tcp.flags') && out.includes('Flags ?') && !/\back /.test(out)) out = out.replace(/\bseq [^,]*/.test(out) ? /\bseq [^,]*/ : /Flags \?/, '$&, ack ?');
  return out;
}

/**
 * A TCP one-liner cut to what orders a conversation, for a list on an 80-column screen:
 * the ends by name (`client > server`), without `win` and `options`, which say nothing
 * about the order: `client > server: Flags [P.], seq 1:19, ack 1, length 18: HTTP: GET /`.
 */
export function briefOneLiner(summary: string, from: string, to: string): string {
  const at = summary.indexOf(': Flags [');
  if (at < 0) return summary;
  return `${from} > ${to}${summary.slice(at).replace(/, win \d+/, '').replace(/, options \[[^\]]*\]/, '')}`;
}
