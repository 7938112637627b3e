// Reads a whole Ethernet frame into layers and fields, driven by each protocol's layout.
// The hex view, the layer stack, the ladder labels and the quizzes all read frames
// through this, so a field's place, name and meaning are written down exactly once.
import type { Text } from '../i18n/text.js';
import { readIpv4, readMac } from './address.js';
import * as arp from './arp.js';
import * as dns from './dns.js';
import * as eth from './ethernet.js';
import * as ipv4 from './ipv4.js';
import { readField, type FieldSpec, type Layout } from './layout.js';
import * as tcp from './tcp.js';
import * as udp from './udp.js';

export type DissectedProtocol = 'ethernet' | 'arp' | 'ipv4' | 'tcp' | 'udp' | 'dns' | 'http' | 'data';
export type DissectedLayer = 'application' | 'transport' | 'internet' | 'link';

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
  /** Application bytes carried by TCP or UDP. */
  readonly payload: Uint8Array;
  /** The trailer, when the frame carries one. */
  readonly fcs: FieldInstance | null;
}

const LAYER_OF: Record<DissectedProtocol, DissectedLayer> = {
  ethernet: 'link', arp: 'link', ipv4: 'internet', tcp: 'transport', udp: 'transport', dns: 'application', http: 'application', data: 'application',
};

/** The layer that writes a field, from its key's protocol prefix: `tcp.seq` → transport. */
export function layerOfField(key: string): DissectedLayer | null {
  const prefix = key.split('.')[0];
  const protocol = prefix === 'eth' ? 'ethernet' : prefix === 'ip' ? 'ipv4' : prefix;
  return LAYER_OF[protocol as DissectedProtocol] ?? null;
}

function format(spec: FieldSpec, buf: Uint8Array, base: number, bitLength: number): { value: string; raw: number | null } {
  const byte = base + (spec.bitOffset >> 3);
  switch (spec.display) {
    case 'mac':
      return { value: readMac(buf, byte), raw: null };
    case 'ipv4':
      return { value: readIpv4(buf, byte), raw: null };
    case 'bytes': {
      const bytes = buf.subarray(byte, byte + (bitLength >> 3));
      return { value: bytes.length ? Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ') : '—', raw: null };
    }
    default: {
      const raw = readField(buf, base, spec);
      const value = spec.display === 'hex'
        ? `0x${raw.toString(16).padStart(Math.ceil(spec.bitLength / 4), '0')}`
        : spec.display === 'bin' ? raw.toString(2).padStart(spec.bitLength, '0') : String(raw);
      return { value, raw };
    }
  }
}

/** Instances of a layout's fields for a header at byte `base`; variable fields get `variableBits`. */
function instances(layout: Layout, buf: Uint8Array, base: number, variableBits: number): FieldInstance[] {
  const out: FieldInstance[] = [];
  for (const spec of layout) {
    const bitLength = spec.bitLength === 0 ? variableBits : spec.bitLength;
    if (spec.bitLength === 0 && bitLength === 0) continue;
    const { value, raw } = format(spec, buf, base, bitLength);
    out.push({ key: spec.key, name: spec.name, meaning: spec.meaning, bitOffset: base * 8 + spec.bitOffset, bitLength, value, raw });
  }
  return out;
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
    protocol: 'ethernet', layer: 'link', start: 0, headerEnd: eth.HEADER_LEN, end: frame.length,
    fields: instances(eth.LAYOUT, frame, 0, 0),
  }];
  const fcs: FieldInstance | null = opts.hasFcs ? {
    key: eth.FCS_FIELD.key, name: eth.FCS_FIELD.name, meaning: eth.FCS_FIELD.meaning, bitOffset: payloadEnd * 8, bitLength: 32,
    value: `0x${(e.value.fcs ?? 0).toString(16).padStart(8, '0')}`, raw: e.value.fcs,
  } : null;
  const result = { layers, ethernet: e.value, ipv4: null, tcp: null, udp: null, arp: null, dns: null, payload: new Uint8Array(0), fcs };
  const at = eth.HEADER_LEN;

  if (e.value.etherType === eth.ETHERTYPE_ARP) {
    const a = arp.decode(frame, at, payloadEnd);
    if (!a.ok) return result;
    layers.push({ protocol: 'arp', layer: 'link', start: at, headerEnd: at + arp.PACKET_LEN, end: at + arp.PACKET_LEN, fields: instances(arp.LAYOUT, frame, at, 0) });
    return { ...result, arp: a.value };
  }
  if (e.value.etherType !== eth.ETHERTYPE_IPV4) return result;
  const ip = ipv4.decode(frame, at, payloadEnd);
  if (!ip.ok) return result;
  const ipEnd = at + ip.value.totalLength;
  const ipHeaderEnd = at + ip.value.headerLength;
  layers.push({ protocol: 'ipv4', layer: 'internet', start: at, headerEnd: ipHeaderEnd, end: ipEnd,
    fields: instances(ipv4.LAYOUT, frame, at, (ip.value.headerLength - ipv4.MIN_HEADER_LEN) * 8) });
  const pseudo = { src: ip.value.src, dst: ip.value.dst };

  if (ip.value.protocol === ipv4.PROTO_TCP) {
    const t = tcp.decode(frame, ipHeaderEnd, ipEnd, pseudo);
    if (!t.ok) return { ...result, ipv4: ip.value };
    const tcpHeaderEnd = ipHeaderEnd + t.value.dataOffset;
    layers.push({ protocol: 'tcp', layer: 'transport', start: ipHeaderEnd, headerEnd: tcpHeaderEnd, end: ipEnd,
      fields: instances(tcp.LAYOUT, frame, ipHeaderEnd, (t.value.dataOffset - tcp.MIN_HEADER_LEN) * 8) });
    if (t.value.payload.length > 0) {
      const isHttp = t.value.srcPort === 80 || t.value.dstPort === 80;
      layers.push({ protocol: isHttp ? 'http' : 'data', layer: 'application', start: tcpHeaderEnd, headerEnd: tcpHeaderEnd, end: ipEnd, fields: [] });
    }
    return { ...result, ipv4: ip.value, tcp: t.value, payload: t.value.payload };
  }
  if (ip.value.protocol === ipv4.PROTO_UDP) {
    const u = udp.decode(frame, ipHeaderEnd, ipEnd, pseudo);
    if (!u.ok) return { ...result, ipv4: ip.value };
    const udpHeaderEnd = ipHeaderEnd + udp.HEADER_LEN;
    layers.push({ protocol: 'udp', layer: 'transport', start: ipHeaderEnd, headerEnd: udpHeaderEnd, end: ipHeaderEnd + u.value.length,
      fields: instances(udp.LAYOUT, frame, ipHeaderEnd, 0) });
    let message: dns.DnsMessage | null = null;
    if (u.value.srcPort === 53 || u.value.dstPort === 53) {
      const d = dns.decode(frame, udpHeaderEnd, ipHeaderEnd + u.value.length);
      if (d.ok) {
        message = d.value;
        layers.push({ protocol: 'dns', layer: 'application', start: udpHeaderEnd, headerEnd: udpHeaderEnd + dns.HEADER_LEN,
          end: ipHeaderEnd + u.value.length, fields: instances(dns.LAYOUT, frame, udpHeaderEnd, 0) });
      }
    } else if (u.value.payload.length > 0) {
      layers.push({ protocol: 'data', layer: 'application', start: udpHeaderEnd, headerEnd: udpHeaderEnd, end: ipHeaderEnd + u.value.length, fields: [] });
    }
    return { ...result, ipv4: ip.value, udp: u.value, dns: message, payload: u.value.payload };
  }
  return { ...result, ipv4: ip.value };
}
