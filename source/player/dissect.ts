// Where each header and field sits in a frame's bytes, found with the wire codecs and
// the layouts: what the hex pane highlights, what a receiving layer box lists, and the
// one-line summaries of a header. A frame the codecs refuse dissects as far as it can.
import type { Layer, Protocol } from '../sim/trace.js';
import { readFcs, readLayout } from '../wire/dissect.js';
import * as arp from '../wire/arp.js';
import * as ethernet from '../wire/ethernet.js';
import * as ipv4 from '../wire/ipv4.js';
import type { Layout } from '../wire/layout.js';
import type { Seq } from '../wire/seq.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';
import { fieldInfo } from './fields.js';

/** Bytes [start, end) of a frame. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface DissectedField {
  readonly key: string;
  readonly name: string;
  readonly layer: Layer;
  readonly range: ByteRange;
  /** Formatted as a learner reads it: `51000`, `0x0800`, `02:00:00:00:00:0a`. */
  readonly value: string;
}

export interface LayerPart {
  readonly layer: Layer;
  readonly protocol: Protocol;
  readonly header: ByteRange;
  /** Header, payload and (for Ethernet) trailer: the layer's whole PDU. */
  readonly pdu: ByteRange;
  readonly trailer: ByteRange | null;
}

/** The TCP facts a ladder arrow and a header summary need. */
export interface TcpFacts {
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: Seq;
  /** Null when the ACK flag is clear. */
  readonly ack: Seq | null;
  readonly flags: tcp.TcpFlags;
  /** Payload bytes (SYN and FIN not counted). */
  readonly length: number;
  readonly window: number;
}

export interface Dissection {
  readonly length: number;
  /** Top-down: application first, link last; only the layers present. */
  readonly parts: readonly LayerPart[];
  readonly fields: ReadonlyMap<string, DissectedField>;
  readonly tcp: TcpFacts | null;
  readonly ip: { readonly src: string; readonly dst: string; readonly ttl: number; readonly protocol: number } | null;
  readonly eth: { readonly src: string; readonly dst: string; readonly type: number } | null;
  /** The application payload's first line, for a summary. */
  readonly appPreview: string | null;
}

function rangeOfBits(base: number, bitOffset: number, bitLength: number): ByteRange {
  return { start: base + (bitOffset >> 3), end: base + Math.ceil((bitOffset + bitLength) / 8) };
}

/** The bytes a field's bits touch, from its bit offset in the frame. */
export function rangeOfFrameBits(bitOffset: number, bitLength: number): ByteRange {
  return rangeOfBits(0, bitOffset, bitLength);
}

function addLayout(
  fields: Map<string, DissectedField>, buf: Uint8Array, layer: Layer, layout: Layout, base: number, headerEnd: number,
): void {
  for (const f of readLayout(buf, base, layout, headerEnd - base)) {
    fields.set(f.key, { key: f.key, name: f.name, layer, range: rangeOfFrameBits(f.bitOffset, f.bitLength), value: f.value });
  }
}

const HTTP_METHOD = /^([A-Z]+) (\S+) (HTTP\/\d\.\d)\r?\n?/;

/** The request line's three fields and Host, by scanning the text (HTTP has no layout). */
function addHttp(fields: Map<string, DissectedField>, buf: Uint8Array, start: number, end: number): string | null {
  const head = String.fromCharCode(...buf.subarray(start, Math.min(end, start + 512)));
  const firstLine = head.split('\r\n')[0] ?? '';
  const m = HTTP_METHOD.exec(head);
  if (m) {
    const [, method = '', uri = '', version = ''] = m;
    let at = start;
    const put = (key: string, text: string) => {
      fields.set(key, { key, name: fieldInfo(key).name, layer: 'application', range: { start: at, end: at + text.length }, value: text });
      at += text.length + 1;
    };
    put('http.request.method', method);
    put('http.request.uri', uri);
    put('http.request.version', version);
    const host = /\r\nHost: ([^\r\n]*)/i.exec(head);
    if (host) {
      const valueAt = start + host.index + host[0].length - host[1]!.length;
      fields.set('http.host', { key: 'http.host', name: fieldInfo('http.host').name, layer: 'application', range: { start: valueAt, end: valueAt + host[1]!.length }, value: host[1]! });
    }
  }
  return firstLine === '' ? null : firstLine;
}

function appProtocol(srcPort: number, dstPort: number): Protocol {
  if (srcPort === 80 || dstPort === 80) return 'http';
  if (srcPort === 53 || dstPort === 53) return 'dns';
  return 'data';
}

function printable(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < Math.min(end, start + 64); i++) {
    const b = buf[i]!;
    if (b === 0x0d || b === 0x0a) break;
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return s;
}

/** Dissects an Ethernet frame that ends in its FCS, as every FrameRecord does. */
export function dissect(bytes: Uint8Array): Dissection {
  const fields = new Map<string, DissectedField>();
  const parts: LayerPart[] = [];
  let tcpFacts: TcpFacts | null = null;
  let ipFacts: Dissection['ip'] = null;
  let ethFacts: Dissection['eth'] = null;
  let appPreview: string | null = null;
  const done = (): Dissection => ({ length: bytes.length, parts: parts.reverse(), fields, tcp: tcpFacts, ip: ipFacts, eth: ethFacts, appPreview });

  const e = ethernet.decode(bytes, 0, bytes.length, { hasFcs: true });
  if (!e.ok) return done();
  const fcsAt = bytes.length - ethernet.FCS_LEN;
  addLayout(fields, bytes, 'link', ethernet.LAYOUT, 0, ethernet.HEADER_LEN);
  fields.set('eth.fcs', {
    key: 'eth.fcs', name: ethernet.FCS_FIELD.name, layer: 'link', range: { start: fcsAt, end: bytes.length },
    value: readFcs(bytes).value,
  });
  parts.push({
    layer: 'link', protocol: 'ethernet', header: { start: 0, end: ethernet.HEADER_LEN },
    pdu: { start: 0, end: bytes.length }, trailer: { start: fcsAt, end: bytes.length },
  });
  ethFacts = { src: e.value.src, dst: e.value.dst, type: e.value.etherType };
  const l3 = ethernet.HEADER_LEN;

  if (e.value.etherType === ethernet.ETHERTYPE_ARP) {
    const a = arp.decode(bytes, l3, fcsAt);
    if (!a.ok) return done();
    addLayout(fields, bytes, 'internet', arp.LAYOUT, l3, l3 + arp.PACKET_LEN);
    const r = { start: l3, end: l3 + arp.PACKET_LEN };
    parts.push({ layer: 'internet', protocol: 'arp', header: r, pdu: r, trailer: null });
    return done();
  }
  if (e.value.etherType !== ethernet.ETHERTYPE_IPV4) return done();

  const ip = ipv4.decode(bytes, l3, fcsAt);
  if (!ip.ok) return done();
  const l4 = l3 + ip.value.headerLength;
  const ipEnd = l3 + ip.value.totalLength;
  addLayout(fields, bytes, 'internet', ipv4.LAYOUT, l3, l4);
  parts.push({ layer: 'internet', protocol: 'ipv4', header: { start: l3, end: l4 }, pdu: { start: l3, end: ipEnd }, trailer: null });
  ipFacts = { src: ip.value.src, dst: ip.value.dst, ttl: ip.value.ttl, protocol: ip.value.protocol };

  let appStart = ipEnd;
  let srcPort = 0, dstPort = 0;
  if (ip.value.protocol === ipv4.PROTO_TCP) {
    const t = tcp.decode(bytes, l4, ipEnd);
    if (!t.ok) return done();
    appStart = l4 + t.value.dataOffset;
    addLayout(fields, bytes, 'transport', tcp.LAYOUT, l4, appStart);
    parts.push({ layer: 'transport', protocol: 'tcp', header: { start: l4, end: appStart }, pdu: { start: l4, end: ipEnd }, trailer: null });
    srcPort = t.value.srcPort;
    dstPort = t.value.dstPort;
    tcpFacts = {
      srcIp: ip.value.src, dstIp: ip.value.dst, srcPort, dstPort,
      seq: t.value.seq, ack: t.value.ack, flags: t.value.flags, length: ipEnd - appStart, window: t.value.window,
    };
  } else if (ip.value.protocol === ipv4.PROTO_UDP) {
    const u = udp.decode(bytes, l4, ipEnd);
    if (!u.ok) return done();
    appStart = l4 + udp.HEADER_LEN;
    addLayout(fields, bytes, 'transport', udp.LAYOUT, l4, appStart);
    parts.push({ layer: 'transport', protocol: 'udp', header: { start: l4, end: appStart }, pdu: { start: l4, end: l4 + u.value.length }, trailer: null });
    srcPort = u.value.srcPort;
    dstPort = u.value.dstPort;
  } else {
    return done();
  }
  if (ipEnd > appStart) {
    const protocol = appProtocol(srcPort, dstPort);
    const r = { start: appStart, end: ipEnd };
    parts.push({ layer: 'application', protocol, header: r, pdu: r, trailer: null });
    appPreview = protocol === 'http' ? addHttp(fields, bytes, appStart, ipEnd) : null;
    appPreview ??= printable(bytes, appStart, ipEnd);
  }
  return done();
}

export function partOf(d: Dissection, layer: Layer): LayerPart | null {
  return d.parts.find((p) => p.layer === layer) ?? null;
}

/** TCP flag names as Wireshark lists them, lowest bit first: `SYN, ACK`; `none` for none. */
export function tcpFlagNames(f: Pick<TcpFacts, 'flags' | 'ack'>): string {
  const names: string[] = [];
  if (f.flags.fin) names.push('FIN');
  if (f.flags.syn) names.push('SYN');
  if (f.flags.rst) names.push('RST');
  if (f.flags.psh) names.push('PSH');
  if (f.ack !== null) names.push('ACK');
  if (f.flags.urg) names.push('URG');
  if (f.flags.ece) names.push('ECE');
  if (f.flags.cwr) names.push('CWR');
  return names.length ? names.join(', ') : 'none';
}
