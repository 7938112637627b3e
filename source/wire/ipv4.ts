import { readIpv4, writeIpv4, type Ipv4Addr } from './address.js';
import { internetChecksum } from './checksum.js';
import { fail, ok, type Decoded } from './errors.js';
import { fieldOf, readField, writeField, type Layout } from './layout.js';

/** IP protocol numbers (IANA) that tcp-tutor carries. */
export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;

export const MIN_HEADER_LEN = 20;
export const MAX_HEADER_LEN = 60;

/** RFC 791 §3.1, in wire order. */
export const LAYOUT: Layout = [
  {
    key: 'ip.version', name: 'Version', nameKo: '버전', bitOffset: 0, bitLength: 4, display: 'dec',
    meaning: { en: 'IP version: always 4 here', ko: 'IP 버전입니다. 여기서는 항상 4입니다' },
  },
  {
    key: 'ip.hdr_len', name: 'Header Length (IHL)', nameKo: '헤더 길이', bitOffset: 4, bitLength: 4, display: 'dec',
    meaning: {
      en: 'Header length in 32-bit words: 5 (20 bytes) plus any options',
      ko: '헤더 길이(32비트 워드 단위)입니다. 옵션이 없으면 5, 즉 20바이트입니다',
    },
  },
  {
    key: 'ip.dsfield.dscp', name: 'DSCP', bitOffset: 8, bitLength: 6, display: 'dec',
    meaning: { en: 'Differentiated Services: a priority class for queues', ko: '차등 서비스로, 큐에서의 우선순위 등급입니다' },
  },
  {
    key: 'ip.dsfield.ecn', name: 'ECN', bitOffset: 14, bitLength: 2, display: 'dec',
    meaning: { en: 'Explicit Congestion Notification bits', ko: '명시적 혼잡 알림(ECN) 비트입니다' },
  },
  {
    key: 'ip.len', name: 'Total Length', nameKo: '전체 길이', bitOffset: 16, bitLength: 16, display: 'dec',
    meaning: {
      en: 'Bytes in the whole packet, header and data; the rest of a frame is padding',
      ko: '헤더와 데이터를 합친 패킷 전체의 바이트 수입니다. 프레임의 나머지는 패딩입니다',
    },
  },
  {
    key: 'ip.id', name: 'Identification', nameKo: '식별자', bitOffset: 32, bitLength: 16, display: 'hex',
    meaning: { en: 'Groups the fragments of one packet together', ko: '한 패킷에서 나온 조각(fragment)들을 묶는 번호입니다' },
  },
  {
    key: 'ip.flags.rb', name: 'Reserved bit', bitOffset: 48, bitLength: 1, display: 'dec',
    meaning: { en: 'Reserved, must be zero', ko: '예약된 비트로, 반드시 0입니다' },
  },
  {
    key: 'ip.flags.df', name: "Don't Fragment", bitOffset: 49, bitLength: 1, display: 'dec',
    meaning: { en: 'Routers must not fragment this packet', ko: '라우터가 이 패킷을 조각내면 안 된다는 뜻입니다' },
  },
  {
    key: 'ip.flags.mf', name: 'More Fragments', bitOffset: 50, bitLength: 1, display: 'dec',
    meaning: { en: 'More fragments of this packet follow', ko: '이 패킷의 조각이 더 뒤따른다는 뜻입니다' },
  },
  {
    key: 'ip.frag_offset', name: 'Fragment Offset', bitOffset: 51, bitLength: 13, display: 'dec',
    meaning: { en: "Where this fragment's data starts, in 8-byte units", ko: '이 조각의 데이터가 시작하는 위치(8바이트 단위)입니다' },
  },
  {
    key: 'ip.ttl', name: 'Time to Live', bitOffset: 64, bitLength: 8, display: 'dec',
    meaning: {
      en: 'Each router subtracts 1; at 0 the packet is dropped, so loops end',
      ko: '라우터를 지날 때마다 1씩 줄고, 0이 되면 버려져 루프가 끝납니다',
    },
  },
  {
    key: 'ip.proto', name: 'Protocol', nameKo: '프로토콜 번호', bitOffset: 72, bitLength: 8, display: 'dec',
    meaning: { en: 'Who gets the payload: 6 TCP, 17 UDP, 1 ICMP', ko: '페이로드를 받을 프로토콜입니다. 6은 TCP, 17은 UDP, 1은 ICMP입니다' },
  },
  {
    key: 'ip.checksum', name: 'Header Checksum', nameKo: '헤더 체크섬', bitOffset: 80, bitLength: 16, display: 'hex',
    meaning: {
      en: 'Covers the header only; recomputed at every hop because TTL changes',
      ko: '헤더만 검사합니다. TTL이 바뀌므로 홉마다 다시 계산합니다',
    },
  },
  {
    key: 'ip.src', name: 'Source Address', nameKo: '출발지 IP 주소', bitOffset: 96, bitLength: 32, display: 'ipv4',
    meaning: { en: 'The original sender; stays the same end to end', ko: '최초 송신자입니다. 목적지까지 바뀌지 않습니다' },
  },
  {
    key: 'ip.dst', name: 'Destination Address', nameKo: '목적지 IP 주소', bitOffset: 128, bitLength: 32, display: 'ipv4',
    meaning: { en: 'The final receiver; stays the same end to end', ko: '최종 수신자입니다. 목적지까지 바뀌지 않습니다' },
  },
  {
    key: 'ip.options', name: 'Options', nameKo: '옵션', bitOffset: 160, bitLength: 0, display: 'bytes',
    meaning: { en: 'Rarely used extras; their length is IHL×4 − 20', ko: '거의 쓰이지 않는 추가 정보입니다. 길이는 IHL×4 − 20입니다' },
  },
];

const F = (key: string) => fieldOf(LAYOUT, key);
const VERSION = F('ip.version'), IHL = F('ip.hdr_len'), DSCP = F('ip.dsfield.dscp'), ECN = F('ip.dsfield.ecn');
const LEN = F('ip.len'), ID = F('ip.id'), RB = F('ip.flags.rb'), DF = F('ip.flags.df'), MF = F('ip.flags.mf');
const FRAG = F('ip.frag_offset'), TTL = F('ip.ttl'), PROTO = F('ip.proto'), CSUM = F('ip.checksum');

export interface Ipv4Packet {
  readonly dscp: number;
  readonly ecn: number;
  readonly identification: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  /** In 8-byte units, as on the wire. */
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly src: Ipv4Addr;
  readonly dst: Ipv4Addr;
  /** Raw option bytes; padded to a multiple of 4 with zeros (End of Options) on encode. */
  readonly options: Uint8Array;
  readonly payload: Uint8Array;
}

export interface DecodedIpv4 extends Ipv4Packet {
  readonly headerLength: number;
  readonly totalLength: number;
  readonly checksum: number;
  readonly checksumOk: boolean;
  /** The reserved flag bit; set only in malformed (or April 1st, RFC 3514) packets. */
  readonly reservedBit: boolean;
}

export function headerLength(p: Pick<Ipv4Packet, 'options'>): number {
  return MIN_HEADER_LEN + Math.ceil(p.options.length / 4) * 4;
}

export function encodingLength(p: Ipv4Packet): number {
  return headerLength(p) + p.payload.length;
}

/** Computes the checksum of the header at `offset` and stores it in place. */
export function fillChecksum(buf: Uint8Array, offset: number): void {
  const hlen = readField(buf, offset, IHL) * 4;
  writeField(buf, offset, CSUM, 0);
  writeField(buf, offset, CSUM, internetChecksum(buf, offset, offset + hlen));
}

export function encode(p: Ipv4Packet, buf?: Uint8Array, offset = 0): Uint8Array {
  const hlen = headerLength(p);
  if (hlen > MAX_HEADER_LEN) throw new RangeError(`IPv4 options make a ${hlen}-byte header; 60 is the most`);
  const total = hlen + p.payload.length;
  if (total > 0xffff) throw new RangeError(`IPv4 packet of ${total} bytes exceeds 65535`);
  const out = buf ?? new Uint8Array(offset + total);
  if (out.length < offset + total) throw new RangeError('buffer too small for IPv4 packet');
  writeField(out, offset, VERSION, 4);
  writeField(out, offset, IHL, hlen / 4);
  writeField(out, offset, DSCP, p.dscp);
  writeField(out, offset, ECN, p.ecn);
  writeField(out, offset, LEN, total);
  writeField(out, offset, ID, p.identification);
  writeField(out, offset, RB, 0);
  writeField(out, offset, DF, p.dontFragment ? 1 : 0);
  writeField(out, offset, MF, p.moreFragments ? 1 : 0);
  writeField(out, offset, FRAG, p.fragmentOffset);
  writeField(out, offset, TTL, p.ttl);
  writeField(out, offset, PROTO, p.protocol);
  writeIpv4(out, offset + 12, p.src);
  writeIpv4(out, offset + 16, p.dst);
  out.set(p.options, offset + MIN_HEADER_LEN);
  out.fill(0, offset + MIN_HEADER_LEN + p.options.length, offset + hlen);
  fillChecksum(out, offset);
  out.set(p.payload, offset + hlen);
  return out;
}

/**
 * Decodes the packet at `offset`. Bytes past Total Length (Ethernet padding) are not part
 * of the packet and are left out of `payload`; `bytesRead` is Total Length.
 */
export function decode(buf: Uint8Array, offset = 0, end = buf.length): Decoded<DecodedIpv4> {
  const avail = end - offset;
  if (avail < MIN_HEADER_LEN) return fail('ipv4', offset, `${avail} bytes is shorter than the 20-byte header`);
  const version = readField(buf, offset, VERSION);
  if (version !== 4) return fail('ipv4', offset, `version is ${version}, not 4`);
  const hlen = readField(buf, offset, IHL) * 4;
  if (hlen < MIN_HEADER_LEN) return fail('ipv4', offset, `header length ${hlen} is below the 20-byte minimum`);
  if (hlen > avail) return fail('ipv4', offset, `header length ${hlen} runs past the ${avail} bytes available`);
  const total = readField(buf, offset, LEN);
  if (total < hlen) return fail('ipv4', offset + 2, `total length ${total} is shorter than the ${hlen}-byte header`);
  if (total > avail) return fail('ipv4', offset + 2, `total length ${total} runs past the ${avail} bytes available`);
  const checksum = readField(buf, offset, CSUM);
  return ok(
    {
      dscp: readField(buf, offset, DSCP),
      ecn: readField(buf, offset, ECN),
      identification: readField(buf, offset, ID),
      reservedBit: readField(buf, offset, RB) === 1,
      dontFragment: readField(buf, offset, DF) === 1,
      moreFragments: readField(buf, offset, MF) === 1,
      fragmentOffset: readField(buf, offset, FRAG),
      ttl: readField(buf, offset, TTL),
      protocol: readField(buf, offset, PROTO),
      src: readIpv4(buf, offset + 12),
      dst: readIpv4(buf, offset + 16),
      options: buf.subarray(offset + MIN_HEADER_LEN, offset + hlen),
      payload: buf.subarray(offset + hlen, offset + total),
      headerLength: hlen,
      totalLength: total,
      checksum,
      // A header that includes its own checksum sums to zero (RFC 1071 §1).
      checksumOk: internetChecksum(buf, offset, offset + hlen) === 0,
    },
    total,
  );
}
