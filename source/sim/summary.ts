import * as arp from '../wire/arp.js';
import * as dns from '../wire/dns.js';
import * as eth from '../wire/ethernet.js';
import * as icmp from '../wire/icmp.js';
import * as ipv4 from '../wire/ipv4.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';
import { seqDiff, type Seq } from '../wire/seq.js';

/**
 * tcpdump-style one-liners for frames (`tcpdump -n` with relative sequence numbers, as
 * Wireshark shows them too). Relative numbers need the ISN of each direction, so the
 * summarizer remembers the SYNs it has seen, in frame order.
 */
export interface Summarizer {
  /**
   * Must see every frame, in frame order: remembers the ISN of each SYN, looking only at
   * fixed offsets, so that it is cheap for the frames that are not SYNs.
   */
  observe(id: number, frame: Uint8Array): void;
  /** The one-liner for a frame already observed; it may be asked for later, in any order. */
  summarize(id: number, frame: Uint8Array): string;
}

function tcpOptions(options: readonly tcp.TcpOption[]): string {
  const parts: string[] = [];
  for (const o of options) {
    switch (o.kind) {
      case 'mss': parts.push(`mss ${o.value}`); break;
      case 'nop': parts.push('nop'); break;
      case 'wscale': parts.push(`wscale ${o.shift}`); break;
      case 'sackPermitted': parts.push('sackOK'); break;
      case 'sack': parts.push(`sack ${o.blocks.length} ${o.blocks.map((b) => `{${b.left}:${b.right}}`).join('')}`); break;
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

export function createSummarizer(): Summarizer {
  /**
   * Direction `src.port>dst.port` → the ISNs its SYNs carried, each with the frame it came
   * in, so that a one-liner made late still uses the ISN that held when its frame was sent.
   */
  const isns = new Map<string, { id: number; isn: Seq }[]>();
  let current = 0;
  const rel = (key: string, n: Seq) => {
    const list = isns.get(key);
    let base: Seq | undefined;
    if (list) for (const e of list) if (e.id <= current) base = e.isn;
    return base === undefined ? n : (seqDiff(n, base) >>> 0);
  };

  const summarizeTcp = (p: ipv4.DecodedIpv4): string => {
    const d = tcp.decode(p.payload, 0, p.payload.length);
    if (!d.ok) return `${p.src} > ${p.dst}: tcp (malformed: ${d.error.message})`;
    const s = d.value;
    const fwd = `${p.src}.${s.srcPort}>${p.dst}.${s.dstPort}`;
    const rev = `${p.dst}.${s.dstPort}>${p.src}.${s.srcPort}`;
    const len = s.payload.length;
    let out = `${p.src}.${s.srcPort} > ${p.dst}.${s.dstPort}: Flags [${tcp.flagsString(s)}]`;
    const start = rel(fwd, s.seq);
    if (len > 0) out += `, seq ${start}:${(start + len) >>> 0}`;
    else if (s.flags.syn || s.flags.fin || s.flags.rst) out += `, seq ${start}`;
    if (s.ack !== null) out += `, ack ${rel(rev, s.ack)}`;
    out += `, win ${s.window}${tcpOptions(s.options)}, length ${len}`;
    if (len > 0 && (s.srcPort === 80 || s.dstPort === 80)) {
      const line = firstLine(s.payload);
      if (/^(GET|HEAD|POST|PUT|DELETE|OPTIONS) |^HTTP\/\d\.\d /.test(line)) out += `: HTTP: ${line}`;
    }
    return out;
  };

  const summarizeUdp = (p: ipv4.DecodedIpv4): string => {
    const d = udp.decode(p.payload, 0, p.payload.length);
    if (!d.ok) return `${p.src} > ${p.dst}: udp (malformed: ${d.error.message})`;
    const u = d.value;
    const head = `${p.src}.${u.srcPort} > ${p.dst}.${u.dstPort}: `;
    if (u.srcPort === 53 || u.dstPort === 53) {
      const m = dns.decode(u.payload);
      if (m.ok) return head + dns.summary(m.value);
    }
    return `${head}UDP, length ${u.payload.length}`;
  };

  return {
    observe(id, f) {
      // Ethernet II, IPv4, TCP, SYN set: read at fixed offsets, no decoding.
      if (f.length < 54 || f[12] !== 0x08 || f[13] !== 0x00 || f[23] !== ipv4.PROTO_TCP) return;
      const t = 14 + (f[14]! & 0x0f) * 4;
      if (f.length < t + 20 || !(f[t + 13]! & SYN_BIT)) return;
      const key = `${ip4(f, 26)}.${u16(f, t)}>${ip4(f, 30)}.${u16(f, t + 2)}`;
      const list = isns.get(key) ?? [];
      list.push({ id, isn: u32(f, t + 4) as Seq });
      isns.set(key, list);
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

function firstLine(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length && i < 200; i++) {
    const c = b[i]!;
    if (c === 0x0d || c === 0x0a) break;
    s += String.fromCharCode(c);
  }
  return s;
}
