// Where each header and field sits in a frame's bytes, found with the wire codecs and
// the layouts: what the hex pane highlights, what a receiving layer box lists, and the
// one-line summaries of a header. A frame the codecs refuse dissects as far as it can.
import { escapeBytes } from '../wire/escape.js';
import type { FrameRecord, Layer, NodeName, Protocol } from '../sim/trace.js';
import { dissect as wireDissect, type DissectedFrame } from '../wire/dissect.js';
import type * as tcp from '../wire/tcp.js';
import { fieldInfo } from './fields.js';
import type { SegmentFacts } from '../lesson/echoes.js';

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

/** The TCP facts a ladder arrow and a header summary need: a segment's direction, numbers and flags, and more. */
export interface TcpFacts extends SegmentFacts {
  /** Payload bytes (SYN and FIN not counted). */
  readonly length: number;
  readonly window: number;
  /** The SACK option's blocks (RFC 2018), numbered in the other direction's sequence space. */
  readonly sack?: readonly tcp.SackBlock[];
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

const HTTP_METHOD = /^([A-Z]+) (\S+) (HTTP\/\d\.\d)\r?\n?/;

/** The request line's three fields and Host, by scanning the text (HTTP has no layout). */
function addHttp(fields: Map<string, DissectedField>, buf: Uint8Array, start: number, end: number): string | null {
  const head = String.fromCharCode(...buf.subarray(start, Math.min(end, start + 512)));
  const firstLine = head.split('\r\n')[0] ?? '';
  const m = HTTP_METHOD.exec(head);
  if (m) {
    const [, method = '', uri = '', version = ''] = m;
    let at = start;
    // A byte of the head is one character of `head`, so lengths in it are lengths in bytes;
    // values are shown escaped (a captured request may hold ESC).
    const put = (key: string, text: string) => {
      fields.set(key, { key, name: fieldInfo(key).name, layer: 'application', range: { start: at, end: at + text.length }, value: escapeBytes(buf, at, at + text.length) });
      at += text.length + 1;
    };
    put('http.request.method', method);
    put('http.request.uri', uri);
    put('http.request.version', version);
    const host = /\r\nHost: ([^\r\n]*)/i.exec(head);
    if (host) {
      const valueAt = start + host.index + host[0].length - host[1]!.length;
      fields.set('http.host', { key: 'http.host', name: fieldInfo('http.host').name, layer: 'application', range: { start: valueAt, end: valueAt + host[1]!.length }, value: escapeBytes(buf, valueAt, valueAt + host[1]!.length) });
    }
  }
  return firstLine === '' ? null : escapeBytes(buf, start, start + firstLine.length);
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

/** A DNS message in one line, as tcpdump prints it: `A? www.example.com.`, `A 192.168.1.80`. */
function dnsPreview(m: NonNullable<DissectedFrame['dns']>): string {
  const q = m.questions[0];
  const name = q ? `${q.name}.` : '';
  if (!m.qr) return `${m.id} A? ${name}`;
  const a = m.answers.filter((r) => r.type === 1).map((r) => `A ${r.data}`);
  return `${m.id} ${a.length ? a.join(', ') : 'no answer'}`;
}

/**
 * Dissects an Ethernet frame that ends in its FCS, as every FrameRecord does: the layers,
 * their byte ranges and fields come from the one dissector (wire/dissect.ts), whose
 * layers come from the protocol table.
 */
export function dissect(bytes: Uint8Array): Dissection {
  const fields = new Map<string, DissectedField>();
  const parts: LayerPart[] = [];
  const w = wireDissect(bytes);
  if (w === null) return { length: bytes.length, parts, fields, tcp: null, ip: null, eth: null, appPreview: null };
  for (const l of w.layers) {
    for (const f of l.fields) {
      fields.set(f.key, { key: f.key, name: f.name, layer: l.layer, range: rangeOfFrameBits(f.bitOffset, f.bitLength), value: f.value });
    }
    const trailer = l.protocol === 'ethernet' && w.fcs ? rangeOfFrameBits(w.fcs.bitOffset, w.fcs.bitLength) : null;
    if (trailer && w.fcs) fields.set(w.fcs.key, { key: w.fcs.key, name: w.fcs.name, layer: l.layer, range: trailer, value: w.fcs.value });
    const header = l.layer === 'application' && l.headerEnd === l.start ? { start: l.start, end: l.end } : { start: l.start, end: l.headerEnd };
    parts.push({ layer: l.layer, protocol: l.protocol, header, pdu: { start: l.start, end: l.end }, trailer });
  }
  const e = w.ethernet;
  const ip = w.ipv4;
  const t = w.tcp;
  const tcpPart = parts.find((p) => p.protocol === 'tcp');
  const tcpFacts: TcpFacts | null = ip && t && tcpPart ? {
    srcIp: ip.src, dstIp: ip.dst, srcPort: t.srcPort, dstPort: t.dstPort,
    seq: t.seq, ack: t.ack, flags: t.flags, length: tcpPart.pdu.end - tcpPart.header.end, window: t.window,
    sack: sackBlocksOf(t.options),
  } : null;
  let appPreview: string | null = null;
  const app = parts.find((p) => p.layer === 'application');
  if (app) {
    if (app.protocol === 'http') appPreview = addHttp(fields, bytes, app.pdu.start, app.pdu.end);
    else if (app.protocol === 'dns' && w.dns) appPreview = dnsPreview(w.dns);
    appPreview ??= printable(bytes, app.pdu.start, app.pdu.end);
  }
  return {
    length: bytes.length,
    parts: parts.reverse(),
    fields,
    tcp: tcpFacts,
    ip: ip ? { src: ip.src, dst: ip.dst, ttl: ip.ttl, protocol: ip.protocol } : null,
    eth: { src: e.src, dst: e.dst, type: e.etherType },
    appPreview,
  };
}

function sackBlocksOf(options: readonly tcp.TcpOption[]): readonly tcp.SackBlock[] {
  for (const o of options) if (o.kind === 'sack') return o.blocks;
  return [];
}

/** The part a protocol wrote, or null when the frame has none. */
export function partOfProtocol(d: Dissection, protocol: Protocol): LayerPart | null {
  return d.parts.find((p) => p.protocol === protocol) ?? null;
}

/**
 * The part of a layer. A layer can hold two protocols in one frame (ARP inside Ethernet,
 * ICMP inside IPv4): this is the outer one, nearest the wire.
 */
export function partOf(d: Dissection, layer: Layer): LayerPart | null {
  return d.parts.findLast((p) => p.layer === layer) ?? null;
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

/**
 * The node that has the address `ip`: the sender of the first original frame (not a
 * router's copy) sent from it. A trace carries no address book (a replayed capture has
 * none), so the frames say it; null when no frame came from that address.
 */
export function hostOfAddress(frames: readonly FrameRecord[], dissections: readonly (Dissection | undefined)[], ip: string): NodeName | null {
  const f = frames.find((g) => g.parent === null && dissections[g.id]?.ip?.src === ip);
  return f ? f.from.split(':')[0]! : null;
}
