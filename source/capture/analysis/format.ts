/**
 * How `inspect` prints a packet: one line in the style of `tcpdump -n`, or one JSON
 * object per line. Both read a PacketReport and nothing else.
 */
import type { Lang } from '../../i18n/text.js';
import * as arp from '../../wire/arp.js';
import * as dns from '../../wire/dns.js';
import { formatWireError, type WireError } from '../../wire/errors.js';
import { seq } from '../../wire/seq.js';
import { flagLetters, flagsString, OPT_EOL, OPT_MSS, OPT_NOP, OPT_SACK, OPT_SACK_PERMITTED, OPT_TIMESTAMPS, OPT_WSCALE } from '../../wire/tcp.js';
import type { PacketReport } from './inspect.js';
import { tcpOptions, type TcpPacket } from './dissect.js';
import { say } from './messages.js';
import {
  A_ACK_LOST_SEGMENT, A_DUPLICATE_ACK, A_FAST_RETRANSMISSION, A_KEEP_ALIVE, A_KEEP_ALIVE_ACK, A_LOST_SEGMENT, A_OUT_OF_ORDER,
  A_REUSED_PORTS, A_RETRANSMISSION, A_SPURIOUS_RETRANSMISSION, A_WINDOW_UPDATE, A_ZERO_WINDOW, A_ZERO_WINDOW_PROBE,
  A_ZERO_WINDOW_PROBE_ACK, analysisNames, TH_ACK, TH_CWR, TH_ECE, TH_FIN, TH_PSH, TH_RST, TH_SYN, TH_URG,
  type Conversation, type SegmentVerdict,
} from './tcp-analysis.js';

export interface TextOptions {
  readonly lang: Lang;
  /** Raw sequence and acknowledgment numbers instead of relative ones. */
  readonly absolute: boolean;
}

/** The 256 flag bytes, spelled both ways once, by the wire codec's own functions. */
const FLAG_TABLES = (() => {
  const tcpdump: string[] = [];
  const letters: string[] = [];
  for (let bits = 0; bits < 256; bits++) {
    const seg = {
      flags: {
        cwr: (bits & TH_CWR) !== 0, ece: (bits & TH_ECE) !== 0, urg: (bits & TH_URG) !== 0, psh: (bits & TH_PSH) !== 0,
        rst: (bits & TH_RST) !== 0, syn: (bits & TH_SYN) !== 0, fin: (bits & TH_FIN) !== 0,
      },
      ack: bits & TH_ACK ? seq(0) : null,
    };
    tcpdump.push(flagsString(seg));
    letters.push(flagLetters(seg));
  }
  return { tcpdump, letters };
})();

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Time of day in UTC with microseconds, as tcpdump prints it (with TZ=UTC). */
export function timeOfDay(tsSec: number, tsNsec: number): string {
  // A pcapng time can be before 1970 (a negative if_tsoffset): the day starts at midnight all the same.
  const day = ((tsSec % 86400) + 86400) % 86400;
  const micros = String(Math.floor(tsNsec / 1000)).padStart(6, '0');
  return `${pad2(Math.floor(day / 3600))}:${pad2(Math.floor(day / 60) % 60)}:${pad2(day % 60)}.${micros}`;
}

/** Options as tcpdump prints them: `mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7`. */
function optionsText(o: Uint8Array, sackBase: number): string {
  const parts: string[] = [];
  let i = 0;
  while (i < o.length) {
    const kind = o[i]!;
    if (kind === OPT_EOL) {
      parts.push('eol');
      break;
    }
    if (kind === OPT_NOP) {
      parts.push('nop');
      i++;
      continue;
    }
    const len = o[i + 1];
    if (len === undefined || len < 2 || i + len > o.length) {
      parts.push(`bad opt ${kind}`);
      break;
    }
    const u16 = (at: number) => (o[at]! << 8) | o[at + 1]!;
    const u32 = (at: number) => ((o[at]! << 24) | (o[at + 1]! << 16) | (o[at + 2]! << 8) | o[at + 3]!) >>> 0;
    if (kind === OPT_MSS && len === 4) parts.push(`mss ${u16(i + 2)}`);
    else if (kind === OPT_WSCALE && len === 3) parts.push(`wscale ${o[i + 2]}`);
    else if (kind === OPT_SACK_PERMITTED && len === 2) parts.push('sackOK');
    else if (kind === OPT_TIMESTAMPS && len === 10) parts.push(`TS val ${u32(i + 2)} ecr ${u32(i + 6)}`);
    else if (kind === OPT_SACK && (len - 2) % 8 === 0) {
      const blocks: string[] = [];
      for (let b = i + 2; b + 8 <= i + len; b += 8) {
        blocks.push(`{${(u32(b) - sackBase) >>> 0}:${(u32(b + 4) - sackBase) >>> 0}}`);
      }
      parts.push(`sack ${blocks.length} ${blocks.join('')}`);
    } else parts.push(`opt-${kind}:${len}`);
    i += len;
  }
  return parts.join(',');
}

function hasSack(o: Uint8Array): boolean {
  let i = 0;
  while (i < o.length) {
    const kind = o[i]!;
    if (kind === OPT_EOL) return false;
    if (kind === OPT_NOP) {
      i++;
      continue;
    }
    if (kind === OPT_SACK) return true;
    const len = o[i + 1];
    if (len === undefined || len < 2) return false;
    i += len;
  }
  return false;
}

/** The analysis notes of a segment, most important first, in Wireshark's words. */
export function analysisNotes(bits: number, dupAckNum: number, lang: Lang): string[] {
  const notes: string[] = [];
  if (bits & A_REUSED_PORTS) notes.push(say(lang, 'portsReused'));
  if (bits & A_LOST_SEGMENT) notes.push(say(lang, 'lostSegment'));
  if (bits & A_ACK_LOST_SEGMENT) notes.push(say(lang, 'ackLostSegment'));
  if (bits & A_FAST_RETRANSMISSION) notes.push(say(lang, 'fastRetransmission'));
  else if (bits & A_SPURIOUS_RETRANSMISSION) notes.push(say(lang, 'spuriousRetransmission'));
  else if (bits & A_RETRANSMISSION) notes.push(say(lang, 'retransmission'));
  if (bits & A_OUT_OF_ORDER) notes.push(say(lang, 'outOfOrder'));
  if (bits & A_DUPLICATE_ACK) notes.push(say(lang, 'dupAck', { n: dupAckNum }));
  if (bits & A_ZERO_WINDOW_PROBE) notes.push(say(lang, 'zeroWindowProbe'));
  if (bits & A_ZERO_WINDOW) notes.push(say(lang, 'zeroWindow'));
  if (bits & A_ZERO_WINDOW_PROBE_ACK) notes.push(say(lang, 'zeroWindowProbeAck'));
  if (bits & A_WINDOW_UPDATE) notes.push(say(lang, 'windowUpdate'));
  if (bits & A_KEEP_ALIVE) notes.push(say(lang, 'keepAlive'));
  if (bits & A_KEEP_ALIVE_ACK) notes.push(say(lang, 'keepAliveAck'));
  return notes;
}

function problemText(p: WireError): string {
  return formatWireError(p);
}

function ipTag(version: 4 | 6): string {
  return version === 4 ? 'IP' : 'IP6';
}

function tcpText(d: TcpPacket, v: SegmentVerdict, o: TextOptions): string {
  const len = d.seglen;
  const seqStart = o.absolute ? d.seq : v.relSeq;
  let s = `${ipTag(d.ip.version)} ${d.ip.src}.${d.srcPort} > ${d.ip.dst}.${d.dstPort}: Flags [${FLAG_TABLES.tcpdump[d.flags]}], seq ${seqStart}`;
  if (len !== null && len > 0) s += `:${(seqStart + len) >>> 0}`;
  if (d.flags & TH_ACK) s += `, ack ${o.absolute ? d.ack : v.relAck}`;
  s += `, win ${d.window}`;
  const options = tcpOptions(d);
  if (options.length > 0 && (d.flags & TH_SYN || hasSack(options))) {
    const peer = v.fromA ? v.conversation.b : v.conversation.a;
    s += `, options [${optionsText(options, o.absolute || !peer.baseSet ? 0 : peer.baseSeq)}]`;
  }
  s += `, length ${len ?? '?'}`;
  return s;
}

function bodyText(r: PacketReport, o: TextOptions): string {
  const d = r.packet;
  switch (d.kind) {
    case 'tcp':
      return tcpText(d, r.tcp!, o);
    case 'udp': {
      const head = `${ipTag(d.ip.version)} ${d.ip.src}.${d.srcPort} > ${d.ip.dst}.${d.dstPort}: `;
      if (d.dns !== null && !('protocol' in d.dns)) return head + dns.summary(d.dns);
      return `${head}UDP, length ${d.length}`;
    }
    case 'arp': {
      const a = d.arp;
      if ('protocol' in a) return 'ARP';
      if (a.op === arp.OP_REQUEST) return say(o.lang, 'arpRequest', { target: a.targetIp, sender: a.senderIp });
      if (a.op === arp.OP_REPLY) return say(o.lang, 'arpReply', { sender: a.senderIp, mac: a.senderMac });
      return say(o.lang, 'arpOther', { op: a.op });
    }
    case 'other':
      return d.src !== null && d.dst !== null ? `${d.what} ${d.src} > ${d.dst}` : d.what;
  }
}

function packetNotes(r: PacketReport, lang: Lang): string[] {
  const d = r.packet;
  const notes: string[] = [];
  if (r.tcp) notes.push(...analysisNotes(r.tcp.flags, r.tcp.dupAckNum, lang));
  if (d.kind === 'tcp' || d.kind === 'udp') {
    if (d.ip.headerChecksum === 'bad') notes.push(say(lang, 'badIpChecksum'));
    const c = d.checksum;
    // Checksums left to the NIC are reported once, in the summary, not on every packet.
    if (c.state === 'bad' && !c.looksOffloaded) {
      notes.push(say(lang, 'badTransportChecksum', {
        proto: d.kind.toUpperCase(), field: c.field.toString(16).padStart(4, '0'), expected: c.expected.toString(16).padStart(4, '0'),
      }));
    }
    if (d.kind === 'udp' && d.dns !== null && 'protocol' in d.dns) notes.push(say(lang, 'unreadable', { problem: problemText(d.dns) }));
  }
  if (d.kind === 'arp' && 'protocol' in d.arp) notes.push(say(lang, 'unreadable', { problem: problemText(d.arp) }));
  if (d.kind === 'other') {
    if (d.quotedTcp && r.quotedStream !== null) {
      const t = d.quotedTcp;
      notes.push(say(lang, 'quotesTcp', { segment: `${t.src}.${t.srcPort} > ${t.dst}.${t.dstPort}`, stream: r.quotedStream }));
    }
    if (d.problem) notes.push(say(lang, 'unreadable', { problem: problemText(d.problem) }));
    else if (d.what.includes('fragment')) notes.push(say(lang, 'fragment'));
  }
  if (d.fcs === 'bad') notes.push(say(lang, 'badFcs'));
  if (d.cut) notes.push(say(lang, 'cutBySnaplen', { captured: r.capLen, length: r.origLen }));
  return notes;
}

/** One line per packet: frame number, time, then what `tcpdump -n` would say, then notes. */
export function textLine(r: PacketReport, o: TextOptions): string {
  const notes = packetNotes(r, o.lang);
  const tail = notes.length ? ` ${notes.map((n) => `[${n}]`).join(' ')}` : '';
  return `${String(r.n).padStart(4)} ${timeOfDay(r.tsSec, r.tsNsec)} ${bodyText(r, o)}${tail}`;
}

// ---------------------------------------------------------------------------------------
// JSON Lines

const q = (s: string) => JSON.stringify(s);
const qn = (s: string | null) => (s === null ? 'null' : JSON.stringify(s));
/** Addresses as our formatters write them hold only hex digits, dots and colons: nothing to escape. */
const qa = (s: string) => `"${s}"`;
const qan = (s: string | null) => (s === null ? 'null' : `"${s}"`);

function epoch(tsSec: number, tsNsec: number): string {
  // Before 1970 (a negative if_tsoffset) the fraction counts back from the next second up.
  if (tsSec < 0 && tsNsec > 0) return `-${-(tsSec + 1)}.${String(1_000_000_000 - tsNsec).padStart(9, '0')}`;
  return `${tsSec}.${String(tsNsec).padStart(9, '0')}`;
}

function analysisJson(bits: number): string {
  if (bits === 0) return '[]';
  const names = analysisNames(bits);
  return names.length ? `["${names.join('","')}"]` : '[]';
}

function dnsAnswer(rr: dns.ResourceRecord): string {
  const data = typeof rr.data === 'string' ? q(rr.data) : 'null';
  return `{"name":${q(rr.name)},"type":${rr.type},"ttl":${rr.ttl},"data":${data}}`;
}

/** One JSON object, without the newline. Keys in a fixed order, as the brief of `--json` lists them. */
export function jsonLine(r: PacketReport): string {
  const d = r.packet;
  const head = `{"n":${r.n},"time":${epoch(r.tsSec, r.tsNsec)},`;
  switch (d.kind) {
    case 'tcp': {
      const v = r.tcp!;
      const acked = (d.flags & TH_ACK) !== 0;
      return `${head}"stream":${v.conversation.stream},"proto":"tcp","src":${qa(d.ip.src)},"dst":${qa(d.ip.dst)},`
        + `"srcPort":${d.srcPort},"dstPort":${d.dstPort},"flags":"${FLAG_TABLES.letters[d.flags]}",`
        + `"seq":${d.seq},"ack":${acked ? d.ack : 'null'},"relSeq":${v.relSeq},"relAck":${acked ? v.relAck : 'null'},`
        + `"len":${d.seglen ?? 'null'},"nextSeq":${v.nextSeq ?? 'null'},"window":${d.window},"analysis":${analysisJson(v.flags)}}`;
    }
    case 'udp': {
      const ends = `"src":${qa(d.ip.src)},"dst":${qa(d.ip.dst)},"srcPort":${d.srcPort},"dstPort":${d.dstPort}`;
      if (d.dns !== null && !('protocol' in d.dns)) {
        const m = d.dns;
        const question = m.questions[0];
        return `${head}"stream":null,"proto":"dns",${ends},"id":${m.id},"qr":${m.qr},`
          + `"qname":${question ? q(question.name) : 'null'},"qtype":${question ? question.type : 'null'},`
          + `"answers":[${m.answers.map(dnsAnswer).join(',')}]}`;
      }
      return `${head}"stream":null,"proto":"udp",${ends},"len":${d.length}}`;
    }
    case 'arp': {
      const a = d.arp;
      const ends = `"src":${qan(d.src)},"dst":${qan(d.dst)}`;
      if ('protocol' in a) return `${head}"stream":null,"proto":"arp",${ends},"op":null,"senderMac":null,"senderIp":null,"targetMac":null,"targetIp":null}`;
      return `${head}"stream":null,"proto":"arp",${ends},"op":${a.op},"senderMac":${qa(a.senderMac)},"senderIp":${qa(a.senderIp)},`
        + `"targetMac":${qa(a.targetMac)},"targetIp":${qa(a.targetIp)}}`;
    }
    case 'other':
      return `${head}"stream":${r.quotedStream ?? 'null'},"proto":"other","src":${qan(d.src)},"dst":${qan(d.dst)},"what":${q(d.what)}}`;
  }
}

// ---------------------------------------------------------------------------------------
// Per-stream summary

function endpoint(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

const groupDigits = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The summary lines of one stream, indented under its heading. */
export function streamSummary(c: Conversation, lang: Lang): string[] {
  const a = endpoint(c.aAddr, c.aPort);
  const b = endpoint(c.bAddr, c.bPort);
  const frames = c.firstFrame === c.lastFrame
    ? say(lang, 'oneFrame', { first: c.firstFrame })
    : say(lang, 'frameRange', { first: c.firstFrame, last: c.lastFrame });
  const lines = [say(lang, 'streamLine', { stream: c.stream, a, b, frames })];
  if (c.a.segments === 0 && c.b.segments === 0) return [...lines, `  ${say(lang, 'onlyQuoted')}`];
  const client = c.client === 'b' ? b : a;
  const hs = c.handshake === 'complete' ? 'handshakeComplete' : c.handshake === 'partial' ? 'handshakePartial' : 'handshakeNone';
  lines.push(`  ${say(lang, hs, { client })}`);
  for (const [from, to, flow] of [[a, b, c.a], [b, a, c.b]] as const) {
    if (flow.segments === 0) continue;
    lines.push(`  ${say(lang, 'direction', {
      from, to, bytes: groupDigits(flow.dataBytes), segments: groupDigits(flow.segments), s: flow.segments === 1 ? '' : 's',
      retransmitted: groupDigits(flow.retransmissions),
    })}`);
  }
  let close: string;
  if (c.a.sawRst || c.b.sawRst) close = say(lang, 'closedRst', { who: c.a.sawRst && c.b.sawRst ? `${a}, ${b}` : c.a.sawRst ? a : b });
  else if (c.a.sawFin && c.b.sawFin) close = say(lang, 'closedFin');
  else if (c.a.sawFin || c.b.sawFin) close = say(lang, 'halfClosed', { who: c.a.sawFin ? a : b });
  else close = say(lang, 'stillOpen');
  lines.push(`  ${close}`);
  return lines;
}

/** "2 ARP, 4 DNS, 1 IPv4 ICMP (protocol 1)": the packets that are not TCP. */
export function otherCounts(counts: ReadonlyMap<string, number>, lang: Lang): string {
  return [...counts].map(([k, n]) => (lang === 'ko' ? `${k} ${groupDigits(n)}개` : `${groupDigits(n)} ${k}`)).join(', ');
}
