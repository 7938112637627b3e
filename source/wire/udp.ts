import { finishChecksum, pseudoHeaderSum, sumWords, type PseudoHeader } from './checksum.js';
import { fail, ok, type Decoded } from './errors.js';
import { PROTO_UDP } from './ipv4.js';
import { fieldOf, readField, writeField, type Layout } from './layout.js';

export const HEADER_LEN = 8;
/** The Length field is 16 bits and counts the header too. */
export const MAX_LENGTH = 0xffff;

/**
 * A checksum field of 0 means "the sender did not compute one" (RFC 768), so a computed
 * checksum of 0 is sent as its ones' complement twin 0xffff.
 */
const CHECKSUM_NOT_COMPUTED = 0;
const CHECKSUM_ZERO_SENT_AS = 0xffff;

/** RFC 768, in wire order. Keys are Wireshark's display-filter names. */
export const LAYOUT: Layout = [
  {
    key: 'udp.srcport', name: 'Source Port', nameKo: '출발지 포트', bitOffset: 0, bitLength: 16, display: 'dec',
    meaning: {
      en: "The sender's port, where replies go; clients usually use an ephemeral port",
      ko: '보내는 쪽의 포트로, 응답이 돌아올 곳; 클라이언트는 보통 임시 포트를 씁니다',
    },
  },
  {
    key: 'udp.dstport', name: 'Destination Port', nameKo: '목적지 포트', bitOffset: 16, bitLength: 16, display: 'dec',
    meaning: {
      en: 'Which program on the receiver gets the datagram; servers use well-known ports (53 DNS)',
      ko: '받는 쪽에서 데이터그램을 넘겨받을 프로그램; 서버는 잘 알려진 포트(DNS는 53)를 씁니다',
    },
  },
  {
    key: 'udp.length', name: 'Length', nameKo: '길이', bitOffset: 32, bitLength: 16, display: 'dec',
    meaning: {
      en: 'Bytes in the datagram, the 8-byte header included',
      ko: '8바이트 헤더를 포함한 데이터그램 전체의 바이트 수입니다',
    },
  },
  {
    key: 'udp.checksum', name: 'Checksum', nameKo: '체크섬', bitOffset: 48, bitLength: 16, display: 'hex',
    meaning: {
      en: 'Covers a pseudo-header (IP addresses, protocol, length), header and data; 0 means not computed',
      ko: '의사 헤더(IP 주소, 프로토콜, 길이)와 헤더, 데이터를 검사합니다. 0이면 계산하지 않았다는 뜻입니다',
    },
  },
];

const F = (key: string) => fieldOf(LAYOUT, key);
const SRC_PORT = F('udp.srcport'), DST_PORT = F('udp.dstport'), LENGTH = F('udp.length'), CSUM = F('udp.checksum');

export interface UdpDatagram {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

export interface DecodedUdp extends UdpDatagram {
  /** The Length field: header plus payload. */
  readonly length: number;
  readonly checksum: number;
  /**
   * Whether the checksum verifies; null when no pseudo-header was given or when the
   * field is 0, meaning the sender did not compute one.
   */
  readonly checksumOk: boolean | null;
}

export function encodingLength(d: UdpDatagram): number {
  return HEADER_LEN + d.payload.length;
}

/** Encodes the datagram at `offset` with its checksum over the pseudo-header (protocol 17). */
export function encode(d: UdpDatagram, pseudo: PseudoHeader, buf?: Uint8Array, offset = 0): Uint8Array {
  const len = encodingLength(d);
  if (len > MAX_LENGTH) throw new RangeError(`UDP datagram of ${len} bytes exceeds 65535`);
  const out = buf ?? new Uint8Array(offset + len);
  if (out.length < offset + len) throw new RangeError('buffer too small for UDP datagram');
  writeField(out, offset, SRC_PORT, d.srcPort);
  writeField(out, offset, DST_PORT, d.dstPort);
  writeField(out, offset, LENGTH, len);
  writeField(out, offset, CSUM, 0);
  out.set(d.payload, offset + HEADER_LEN);
  const computed = finishChecksum(sumWords(out, offset, offset + len, pseudoHeaderSum(pseudo.src, pseudo.dst, PROTO_UDP, len)));
  writeField(out, offset, CSUM, computed === CHECKSUM_NOT_COMPUTED ? CHECKSUM_ZERO_SENT_AS : computed);
  return out;
}

/**
 * Decodes the datagram at `offset`. Bytes past the Length field (padding from the layer
 * below) are not part of it; `bytesRead` is the Length field.
 */
export function decode(buf: Uint8Array, offset = 0, end = buf.length, pseudo?: PseudoHeader): Decoded<DecodedUdp> {
  const avail = end - offset;
  if (avail < HEADER_LEN) return fail('udp', offset, `${avail} bytes is shorter than the 8-byte header`);
  const lengthAt = offset + LENGTH.bitOffset / 8;
  const length = readField(buf, offset, LENGTH);
  if (length < HEADER_LEN) return fail('udp', lengthAt, `length ${length} is shorter than the 8-byte header`);
  if (length > avail) return fail('udp', lengthAt, `length ${length} runs past the ${avail} bytes available`);
  const checksum = readField(buf, offset, CSUM);
  let checksumOk: boolean | null = null;
  if (pseudo && checksum !== CHECKSUM_NOT_COMPUTED) {
    // A datagram that includes its own checksum sums, with the pseudo-header, to zero (RFC 1071 §1).
    const sum = sumWords(buf, offset, offset + length, pseudoHeaderSum(pseudo.src, pseudo.dst, PROTO_UDP, length));
    checksumOk = finishChecksum(sum) === 0;
  }
  return ok(
    {
      srcPort: readField(buf, offset, SRC_PORT),
      dstPort: readField(buf, offset, DST_PORT),
      payload: buf.subarray(offset + HEADER_LEN, offset + length),
      length,
      checksum,
      checksumOk,
    },
    length,
  );
}
