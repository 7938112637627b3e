// Reads a whole Ethernet frame into layers and fields, driven by each protocol's layout.
// The hex view, the layer stack, the ladder labels and the quizzes all read frames
// through this, so a field's place, name and meaning are written down exactly once.
import type { Text } from '../i18n/text.js';
import { readIpv4, readMac } from './address.js';
import * as arp from './arp.js';
import * as dns from './dns.js';
import * as eth from './ethernet.js';
import * as icmp from './icmp.js';
import * as ipv4 from './ipv4.js';
import { readField, type FieldSpec, type Layout } from './layout.js';
import { appProtocolOf, appProtocolOfSegment, layerOf, type Layer, type Protocol } from './protocols.js';
import * as tcp from './tcp.js';
import * as udp from './udp.js';

export type DissectedProtocol = Protocol;
export type DissectedLayer = Layer;

export interface FieldInstance {
  readonly key: string;
  readonly name: string;
  readonly meaning: Text;
  /** Bit position in the frame. */
  readonly bitOffset: number;
  readonly bitLength: number;
  /** As a learner reads it: `02:00:00:00:00:0a`, `192.168.1.10`, `0x0800`, `1460`. */
  readonly value: string;
  /** The unsigned value for fields up to 32 bits; null for addresses and byte runs. */
  readonly raw: number | null;
}

export interface LayerInstance {
  readonly protocol: DissectedProtocol;
  readonly layer: DissectedLayer;
  /** Byte range of this layer's header (or of the whole payload, for application data). */
  readonly start: number;
  readonly headerEnd: number;
  /** End of this layer's PDU, header and payload, within the frame. */
  readonly end: number;
  readonly fields: readonly FieldInstance[];
}

export interface DissectedFrame {
  readonly layers: readonly LayerInstance[];
  readonly ethernet: eth.DecodedEthernet;
  readonly ipv4: ipv4.DecodedIpv4 | null;
  readonly tcp: tcp.DecodedTcp | null;
  readonly udp: udp.DecodedUdp | null;
  readonly arp: arp.ArpPacket | null;
  readonly dns: dns.DnsMessage | null;
  readonly icmp: icmp.DecodedIcmp | null;
  /** Application bytes carried by TCP or UDP. */
  readonly payload: Uint8Array;
  /** The trailer, when the frame carries one. */
  readonly fcs: FieldInstance | null;
}

export { layerOfField } from './protocols.js';

function bytesHex(buf: Uint8Array, start: number, end: number): string {
  const out: string[] = [];
  for (let i = start; i < end; i++) out.push(buf[i]!.toString(16).padStart(2, '0'));
  return out.join(' ');
}

/** `0x` and the value in hex, zero-padded to the field's width. */
export function hexValue(n: number, bits: number): string {
  return `0x${(n >>> 0).toString(16).padStart(Math.ceil(bits / 4), '0')}`;
}

/**
 * A field as a learner reads it, per its layout's display, for the header at byte `base`.
 * The one formatter: the trace's encapsulation steps, the layer boxes and the quizzes all
 * show the same text for the same bits.
 */
export function formatField(buf: Uint8Array, base: number, spec: FieldSpec, bitLength = spec.bitLength): string {
  const byteAt = base + (spec.bitOffset >> 3);
  switch (spec.display) {
    case 'mac':
      return readMac(buf, byteAt);
    case 'ipv4':
      return readIpv4(buf, byteAt);
    case 'bytes':
      return bytesHex(buf, byteAt, byteAt + (bitLength >> 3));
    default:
      break;
  }
  if (bitLength > 32) return `0x${bytesHex(buf, byteAt, byteAt + (bitLength >> 3)).replace(/ /g, '')}`;
  const v = readField(buf, base, spec);
  switch (spec.display) {
    case 'dec':
      return String(v);
    case 'hex':
      return hexValue(v, bitLength);
    case 'bin':
    case 'flags':
      return v.toString(2).padStart(bitLength, '0');
  }
}

/**
 * Every field of `layout` for the header at byte `base` that is `headerLength` bytes long,
 * in layout order. A variable field (options) gets the length the header really has, and
 * is left out when that is zero.
 */
export function readLayout(buf: Uint8Array, base: number, layout: Layout, headerLength: number): FieldInstance[] {
  const out: FieldInstance[] = [];
  for (const spec of layout) {
    let bitLength = spec.bitLength;
    if (bitLength === 0) {
      bitLength = headerLength * 8 - spec.bitOffset;
      if (bitLength <= 0) continue;
    }
    const raw = bitLength <= 32 && spec.display !== 'bytes' && spec.display !== 'mac' && spec.display !== 'ipv4' ? readField(buf, base, spec) : null;
    out.push({
      key: spec.key, name: spec.name, meaning: spec.meaning, bitOffset: base * 8 + spec.bitOffset, bitLength,
      value: formatField(buf, base, spec, bitLength), raw,
    });
  }
  return out;
}

/** The FCS as Wireshark shows eth.fcs: the CRC value, whose bytes go least significant first. */
export function readFcs(frame: Uint8Array): FieldInstance {
  const at = frame.length - eth.FCS_LEN;
  const v = (frame[at]! | (frame[at + 1]! << 8) | (frame[at + 2]! << 16) | (frame[at + 3]! << 24)) >>> 0;
  const f = eth.FCS_FIELD;
  return { key: f.key, name: f.name, meaning: f.meaning, bitOffset: at * 8, bitLength: 32, value: hexValue(v, 32), raw: v };
}

export interface DissectOptions {
  /** Whether the frame's last four bytes are its FCS; the simulator's frames carry it. */
  readonly hasFcs: boolean;
}

/** Dissects as far as the bytes allow; a layer that does not decode ends the list there. */
export function dissect(frame: Uint8Array, opts: DissectOptions = { hasFcs: true }): DissectedFrame | null {
  const e = eth.decode(frame, 0, frame.length, opts);
  if (!e.ok) return null;
  const payloadEnd = frame.length - (opts.hasFcs ? eth.FCS_LEN : 0);
  const layers: LayerInstance[] = [{
    protocol: 'ethernet', layer: layerOf('ethernet'), start: 0, headerEnd: eth.HEADER_LEN, end: frame.length,
    fields: readLayout(frame, 0, eth.LAYOUT, eth.HEADER_LEN),
  }];
  const fcs = opts.hasFcs ? readFcs(frame) : null;
  const result = { layers, ethernet: e.value, ipv4: null, tcp: null, udp: null, arp: null, dns: null, icmp: null, payload: new Uint8Array(0), fcs };
  const at = eth.HEADER_LEN;

  if (e.value.etherType === eth.ETHERTYPE_ARP) {
    const a = arp.decode(frame, at, payloadEnd);
    if (!a.ok) return result;
    layers.push({ protocol: 'arp', layer: layerOf('arp'), start: at, headerEnd: at + arp.PACKET_LEN, end: at + arp.PACKET_LEN, fields: readLayout(frame, at, arp.LAYOUT, arp.PACKET_LEN) });
    return { ...result, arp: a.value };
  }
  if (e.value.etherType !== eth.ETHERTYPE_IPV4) return result;
  const ip = ipv4.decode(frame, at, payloadEnd);
  if (!ip.ok) return result;
  const ipEnd = at + ip.value.totalLength;
  const ipHeaderEnd = at + ip.value.headerLength;
  layers.push({ protocol: 'ipv4', layer: layerOf('ipv4'), start: at, headerEnd: ipHeaderEnd, end: ipEnd,
    fields: readLayout(frame, at, ipv4.LAYOUT, ip.value.headerLength) });
  const pseudo = { src: ip.value.src, dst: ip.value.dst };

  if (ip.value.protocol === ipv4.PROTO_TCP) {
    const t = tcp.decode(frame, ipHeaderEnd, ipEnd, pseudo);
    if (!t.ok) return { ...result, ipv4: ip.value };
    const tcpHeaderEnd = ipHeaderEnd + t.value.dataOffset;
    layers.push({ protocol: 'tcp', layer: layerOf('tcp'), start: ipHeaderEnd, headerEnd: tcpHeaderEnd, end: ipEnd,
      fields: readLayout(frame, ipHeaderEnd, tcp.LAYOUT, t.value.dataOffset) });
    if (t.value.payload.length > 0) {
      const app = appProtocolOfSegment(t.value.srcPort, t.value.dstPort, frame, tcpHeaderEnd, ipEnd);
      layers.push({ protocol: app, layer: layerOf(app), start: tcpHeaderEnd, headerEnd: tcpHeaderEnd, end: ipEnd, fields: [] });
    }
    return { ...result, ipv4: ip.value, tcp: t.value, payload: t.value.payload };
  }
  if (ip.value.protocol === ipv4.PROTO_UDP) {
    const u = udp.decode(frame, ipHeaderEnd, ipEnd, pseudo);
    if (!u.ok) return { ...result, ipv4: ip.value };
    const udpHeaderEnd = ipHeaderEnd + udp.HEADER_LEN;
    layers.push({ protocol: 'udp', layer: layerOf('udp'), start: ipHeaderEnd, headerEnd: udpHeaderEnd, end: ipHeaderEnd + u.value.length,
      fields: readLayout(frame, ipHeaderEnd, udp.LAYOUT, udp.HEADER_LEN) });
    let message: dns.DnsMessage | null = null;
    if (appProtocolOf('udp', u.value.srcPort, u.value.dstPort) === 'dns') {
      const d = dns.decode(frame, udpHeaderEnd, ipHeaderEnd + u.value.length);
      if (d.ok) {
        message = d.value;
        layers.push({ protocol: 'dns', layer: layerOf('dns'), start: udpHeaderEnd, headerEnd: udpHeaderEnd + dns.HEADER_LEN,
          end: ipHeaderEnd + u.value.length, fields: readLayout(frame, udpHeaderEnd, dns.LAYOUT, dns.HEADER_LEN) });
      }
    } else if (u.value.payload.length > 0) {
      layers.push({ protocol: 'data', layer: layerOf('data'), start: udpHeaderEnd, headerEnd: udpHeaderEnd, end: ipHeaderEnd + u.value.length, fields: [] });
    }
    return { ...result, ipv4: ip.value, udp: u.value, dns: message, payload: u.value.payload };
  }
  if (ip.value.protocol === ipv4.PROTO_ICMP) {
    const m = icmp.decode(frame, ipHeaderEnd, ipEnd);
    if (!m.ok) return { ...result, ipv4: ip.value };
    // ICMP is part of the internet layer (RFC 1122 §3.2.2), carried inside the IP packet.
    layers.push({ protocol: 'icmp', layer: layerOf('icmp'), start: ipHeaderEnd, headerEnd: ipHeaderEnd + icmp.HEADER_LEN, end: ipEnd,
      fields: readLayout(frame, ipHeaderEnd, icmp.LAYOUT, icmp.HEADER_LEN) });
    return { ...result, ipv4: ip.value, icmp: m.value };
  }
  return { ...result, ipv4: ip.value };
}
