import { internetChecksum } from '../wire/checksum.js';
import { formatField, hexValue, readFcs, readLayout } from '../wire/dissect.js';
import type { Layout } from '../wire/layout.js';
import type { Recorder } from './recorder.js';
import type { Micros } from './time.js';
import type { FrameId, Layer, NodeName, Pdu, Protocol } from './trace.js';


export { readFcs } from '../wire/dissect.js';

/** A layout's field by key, formatted, from the header at byte `base`. */
export function readKey(buf: Uint8Array, base: number, layout: Layout, key: string): string {
  const spec = layout.find((f) => f.key === key);
  if (!spec) throw new Error(`no field ${key} in layout`);
  return formatField(buf, base, spec);
}

export function fcsHex(v: number): string {
  return hexValue(v, 32);
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
