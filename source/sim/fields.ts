import { readIpv4, readMac } from '../wire/address.js';
import { internetChecksum } from '../wire/checksum.js';
import { FCS_FIELD, FCS_LEN } from '../wire/ethernet.js';
import { readField, type FieldSpec, type Layout } from '../wire/layout.js';
import type { Recorder } from './recorder.js';
import type { Micros } from './time.js';
import type { FrameId, Layer, NodeName, Pdu, Protocol } from './trace.js';

/**
 * Field values read back from a frame's bytes through the protocols' layouts: the layout
 * is the one source of truth for where a field sits and how a learner reads it.
 */
export interface FieldReading {
  readonly key: string;
  readonly value: string;
  /** Bit position in the whole frame. */
  readonly bitOffset: number;
  readonly bitLength: number;
}

function hex(n: number, bits: number): string {
  return `0x${n.toString(16).padStart(Math.ceil(bits / 4), '0')}`;
}

function bytesHex(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += buf[i]!.toString(16).padStart(2, '0');
  return s;
}

/** A field formatted per its display, `base` being the header's byte offset in `buf`. */
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
  if (bitLength > 32) return `0x${bytesHex(buf, byteAt, byteAt + (bitLength >> 3))}`;
  const v = readField(buf, base, spec);
  switch (spec.display) {
    case 'dec':
      return String(v);
    case 'hex':
      return hex(v, bitLength);
    case 'bin':
    case 'flags':
      return v.toString(2).padStart(bitLength, '0');
  }
}

/**
 * Every field of `layout` for the header at byte `base`, in layout order. A variable field
 * (bitLength 0, such as options) gets the length the header really has, and is left out
 * when that is zero.
 */
export function readLayout(buf: Uint8Array, base: number, layout: Layout, headerLength: number): FieldReading[] {
  const out: FieldReading[] = [];
  for (const spec of layout) {
    let bits = spec.bitLength;
    if (bits === 0) {
      bits = headerLength * 8 - spec.bitOffset;
      if (bits <= 0) continue;
    }
    out.push({ key: spec.key, value: formatField(buf, base, spec, bits), bitOffset: base * 8 + spec.bitOffset, bitLength: bits });
  }
  return out;
}

/** One field by key, from a layout, at byte `base`. */
export function readKey(buf: Uint8Array, base: number, layout: Layout, key: string): string {
  const spec = layout.find((f) => f.key === key);
  if (!spec) throw new Error(`no field ${key} in layout`);
  return formatField(buf, base, spec);
}

/** The FCS as Wireshark shows eth.fcs: the CRC value, sent least significant byte first. */
export function readFcs(frame: Uint8Array): FieldReading {
  const at = frame.length - FCS_LEN;
  const v = (frame[at]! | (frame[at + 1]! << 8) | (frame[at + 2]! << 16) | (frame[at + 3]! << 24)) >>> 0;
  return { key: FCS_FIELD.key, value: hex(v, 32), bitOffset: at * 8, bitLength: 32 };
}

export function fcsHex(v: number): string {
  return hex(v >>> 0, 32);
}

/** One layer of a frame as it was built, top-down. */
export interface EncapLayer {
  readonly layer: Layer;
  readonly protocol: Protocol;
  readonly pdu: Pdu;
  /** Byte offset of this layer's header in the frame. */
  readonly start: number;
  /** Bytes of the PDU this layer makes (header and everything it carries). */
  readonly length: number;
  /** The header's fields, when the protocol has a layout. */
  readonly layout?: Layout;
  readonly headerLength?: number;
  /** Ethernet: the FCS trailer is the last field written. */
  readonly trailer?: boolean;
}

/** Encapsulation steps for a built frame: begin, each field read from the bytes, end. */
export function recordEncap(
  rec: Recorder, t: Micros, host: NodeName, frame: FrameId, bytes: Uint8Array, layers: readonly EncapLayer[],
): void {
  for (const l of layers) {
    const { layer, protocol } = l;
    rec.step({ t, kind: 'encap-begin', host, frame, layer, protocol });
    if (l.layout) {
      for (const f of readLayout(bytes, l.start, l.layout, l.headerLength ?? 0)) {
        rec.step({ t, kind: 'encap-field', host, frame, layer, protocol, key: f.key, value: f.value, bitOffset: f.bitOffset, bitLength: f.bitLength });
      }
    }
    if (l.trailer) {
      const f = readFcs(bytes);
      rec.step({ t, kind: 'encap-field', host, frame, layer, protocol, key: f.key, value: f.value, bitOffset: f.bitOffset, bitLength: f.bitLength });
    }
    rec.step({ t, kind: 'encap-end', host, frame, layer, protocol, pdu: l.pdu, length: l.length });
  }
}

/** Up to `max` characters of a payload as text, control bytes escaped, for previews. */
export function preview(data: Uint8Array, max = 40): string {
  let s = '';
  const n = Math.min(data.length, max);
  for (let i = 0; i < n; i++) {
    const c = data[i]!;
    if (c === 0x0d) s += '\\r';
    else if (c === 0x0a) s += '\\n';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '.';
  }
  return data.length > max ? `${s}…` : s;
}

/** The IPv4 header checksum the sender should have written (the field taken as zero). */
export function correctIpChecksum(packet: Uint8Array, headerLength: number): number {
  const h = packet.slice(0, headerLength);
  h[10] = 0;
  h[11] = 0;
  return internetChecksum(h);
}
