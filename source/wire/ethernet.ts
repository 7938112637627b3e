import { readMac, writeMac, type MacAddr } from './address.js';
import { crc32 } from './crc32.js';
import { fail, ok, type Decoded } from './errors.js';
import { readField, writeField, type Layout } from './layout.js';

/** EtherTypes tcp-tutor speaks (IEEE 802 numbers). */
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;

export const HEADER_LEN = 14;
export const FCS_LEN = 4;
/** The shortest frame without its FCS; shorter payloads are padded with zeros. */
export const MIN_FRAME_LEN = 60;

export const LAYOUT: Layout = [
  {
    key: 'eth.dst', name: 'Destination', nameKo: '목적지 MAC 주소', bitOffset: 0, bitLength: 48, display: 'mac',
    meaning: {
      en: 'MAC of the next hop on this link (ff:ff:ff:ff:ff:ff = everyone)',
      ko: '이 링크에서 다음 홉의 MAC 주소입니다(ff:ff:ff:ff:ff:ff는 모두에게 보냅니다)',
    },
  },
  {
    key: 'eth.src', name: 'Source', nameKo: '출발지 MAC 주소', bitOffset: 48, bitLength: 48, display: 'mac',
    meaning: { en: 'MAC of the NIC that sent this frame', ko: '이 프레임을 보낸 NIC의 MAC 주소입니다' },
  },
  {
    key: 'eth.type', name: 'Type', bitOffset: 96, bitLength: 16, display: 'hex',
    meaning: {
      en: 'What the payload is: 0x0800 IPv4, 0x0806 ARP',
      ko: '페이로드의 종류입니다. 0x0800은 IPv4, 0x0806은 ARP입니다',
    },
  },
];

/** The trailer, described apart from the header because it sits after the payload. */
export const FCS_FIELD = {
  key: 'eth.fcs', name: 'Frame Check Sequence', bitOffset: 0, bitLength: 32, display: 'hex',
  meaning: {
    en: 'CRC-32 over the whole frame; a receiver drops the frame if it does not match',
    ko: '프레임 전체에 대한 CRC-32; 맞지 않으면 수신 측이 프레임을 버립니다',
  },
} as const;

const [DST, SRC, TYPE] = LAYOUT as [(typeof LAYOUT)[0], (typeof LAYOUT)[0], (typeof LAYOUT)[0]];

export interface EthernetFrame {
  readonly dst: MacAddr;
  readonly src: MacAddr;
  readonly etherType: number;
  /** On decode this includes any padding; the upper layer's length field trims it. */
  readonly payload: Uint8Array;
}

export interface DecodedEthernet extends EthernetFrame {
  /** The FCS as received, or null when the capture did not carry one. */
  readonly fcs: number | null;
  /** Whether the received FCS matches the frame; null when there is none. */
  readonly fcsOk: boolean | null;
}

/** Frame length on the wire: header, payload padded to the minimum, then the FCS. */
export function encodingLength(frame: EthernetFrame): number {
  return Math.max(HEADER_LEN + frame.payload.length, MIN_FRAME_LEN) + FCS_LEN;
}

/** The FCS of frame bytes [start, end), where `end` is where the FCS begins. */
export function computeFcs(buf: Uint8Array, start: number, end: number): number {
  return crc32(buf, start, end);
}

/** Encodes the whole frame: header, payload, zero padding and FCS. */
export function encode(frame: EthernetFrame, buf?: Uint8Array, offset = 0): Uint8Array {
  const len = encodingLength(frame);
  const out = buf ?? new Uint8Array(offset + len);
  if (out.length < offset + len) throw new RangeError('buffer too small for Ethernet frame');
  writeMac(out, offset + DST.bitOffset / 8, frame.dst);
  writeMac(out, offset + SRC.bitOffset / 8, frame.src);
  writeField(out, offset, TYPE, frame.etherType);
  out.set(frame.payload, offset + HEADER_LEN);
  const fcsAt = offset + len - FCS_LEN;
  out.fill(0, offset + HEADER_LEN + frame.payload.length, fcsAt);
  const fcs = computeFcs(out, offset, fcsAt);
  // Transmitted least significant byte first (IEEE 802.3 §3.2.9).
  out[fcsAt] = fcs & 0xff;
  out[fcsAt + 1] = (fcs >>> 8) & 0xff;
  out[fcsAt + 2] = (fcs >>> 16) & 0xff;
  out[fcsAt + 3] = fcs >>> 24;
  return out;
}

/**
 * A frame as the sending or receiving host's own capture shows it (Linux's packet socket,
 * so tcpdump and Wireshark on a Linux host): the NIC adds the padding and the FCS on the
 * way out and strips them on the way in, so neither is there. `frame` is a whole frame as
 * `encode` writes it. The padding is cut only where the upper layer's own length says the
 * payload ended (IPv4 total length, RFC 791; ARP's 8 + 2 × hlen + 2 × plen, RFC 826; IPv6
 * 40 + payload length, RFC 8200) and the bytes after it are the zeros `encode` pads with;
 * anything else stays, as it was on the wire.
 */
export function withoutFcsAndPadding(frame: Uint8Array): Uint8Array {
  const end = Math.max(frame.length - FCS_LEN, 0);
  if (end !== MIN_FRAME_LEN) return frame.subarray(0, end);
  const payload = frame.subarray(HEADER_LEN, end);
  const etherType = readField(frame, 0, TYPE);
  const word = (at: number) => (payload[at]! << 8) | payload[at + 1]!;
  let length: number | null = null;
  if (etherType === ETHERTYPE_IPV4) length = word(2);
  else if (etherType === ETHERTYPE_ARP) length = 8 + 2 * payload[4]! + 2 * payload[5]!;
  else if (etherType === ETHERTYPE_IPV6) length = 40 + word(4);
  if (length === null || length >= payload.length || length <= 0) return frame.subarray(0, end);
  if (payload.subarray(length).some((b) => b !== 0)) return frame.subarray(0, end);
  return frame.subarray(0, HEADER_LEN + length);
}

export interface EthernetDecodeOptions {
  /** Whether the last four bytes are the FCS. Most captures strip it. */
  readonly hasFcs: boolean;
}

export function decode(
  buf: Uint8Array,
  offset = 0,
  end = buf.length,
  opts: EthernetDecodeOptions = { hasFcs: true },
): Decoded<DecodedEthernet> {
  const need = HEADER_LEN + (opts.hasFcs ? FCS_LEN : 0);
  if (end - offset < need) {
    return fail('ethernet', offset, `frame of ${end - offset} bytes is shorter than the ${need}-byte minimum`);
  }
  const payloadEnd = opts.hasFcs ? end - FCS_LEN : end;
  let fcs: number | null = null;
  let fcsOk: boolean | null = null;
  if (opts.hasFcs) {
    fcs = (buf[payloadEnd]! | (buf[payloadEnd + 1]! << 8) | (buf[payloadEnd + 2]! << 16) | (buf[payloadEnd + 3]! << 24)) >>> 0;
    fcsOk = fcs === computeFcs(buf, offset, payloadEnd);
  }
  return ok(
    {
      dst: readMac(buf, offset),
      src: readMac(buf, offset + 6),
      etherType: readField(buf, offset, TYPE),
      payload: buf.subarray(offset + HEADER_LEN, payloadEnd),
      fcs,
      fcsOk,
    },
    end - offset,
  );
}
