import { finishChecksum, sumWords } from './checksum.js';
import { fail, ok, type Decoded } from './errors.js';
import { fieldOf, readField, writeField, type Layout } from './layout.js';

/** ICMP for IPv4 (RFC 792): the echo messages ping uses, and time exceeded. */
export const TYPE_ECHO_REPLY = 0;
export const TYPE_DEST_UNREACHABLE = 3;
export const TYPE_ECHO_REQUEST = 8;
export const TYPE_TIME_EXCEEDED = 11;

export const HEADER_LEN = 8;

/** RFC 792, echo and echo reply; for other types the last two fields are unused (zero). */
export const LAYOUT: Layout = [
  {
    key: 'icmp.type', name: 'Type', bitOffset: 0, bitLength: 8, display: 'dec',
    meaning: { en: '8 echo request, 0 echo reply, 11 time exceeded, 3 unreachable', ko: '8은 에코 요청, 0은 에코 응답, 11은 시간 초과, 3은 도달 불가입니다' },
  },
  {
    key: 'icmp.code', name: 'Code', bitOffset: 8, bitLength: 8, display: 'dec',
    meaning: { en: 'Detail within the type (0 for echo)', ko: '타입 안의 세부 구분입니다(에코는 0)' },
  },
  {
    key: 'icmp.checksum', name: 'Checksum', bitOffset: 16, bitLength: 16, display: 'hex',
    meaning: { en: 'Covers the ICMP header and data (no pseudo-header)', ko: 'ICMP 헤더와 데이터를 검사합니다(의사 헤더는 없습니다)' },
  },
  {
    key: 'icmp.ident', name: 'Identifier', bitOffset: 32, bitLength: 16, display: 'dec',
    meaning: { en: 'Pairs replies with the ping process that asked', ko: '응답을 요청한 ping 프로세스와 짝짓는 번호입니다' },
  },
  {
    key: 'icmp.seq', name: 'Sequence Number', bitOffset: 48, bitLength: 16, display: 'dec',
    meaning: { en: 'Counts the echo requests of one ping run', ko: '한 번의 ping 실행에서 보낸 에코 요청의 번호입니다' },
  },
];

const TYPE = fieldOf(LAYOUT, 'icmp.type'), CODE = fieldOf(LAYOUT, 'icmp.code'), CSUM = fieldOf(LAYOUT, 'icmp.checksum');
const IDENT = fieldOf(LAYOUT, 'icmp.ident'), SEQ = fieldOf(LAYOUT, 'icmp.seq');

export interface IcmpMessage {
  readonly type: number;
  readonly code: number;
  readonly identifier: number;
  readonly sequence: number;
  /** Echo data, or for errors the IP header and first 8 bytes of the packet that caused it. */
  readonly payload: Uint8Array;
}

export interface DecodedIcmp extends IcmpMessage {
  readonly checksum: number;
  readonly checksumOk: boolean;
}

export function encodingLength(m: IcmpMessage): number {
  return HEADER_LEN + m.payload.length;
}

export function encode(m: IcmpMessage, buf?: Uint8Array, offset = 0): Uint8Array {
  const len = encodingLength(m);
  if (len > 0xffff) throw new RangeError(`ICMP message of ${len} bytes is too long`);
  const out = buf ?? new Uint8Array(offset + len);
  if (out.length < offset + len) throw new RangeError('buffer too small for ICMP message');
  writeField(out, offset, TYPE, m.type);
  writeField(out, offset, CODE, m.code);
  writeField(out, offset, CSUM, 0);
  writeField(out, offset, IDENT, m.identifier);
  writeField(out, offset, SEQ, m.sequence);
  out.set(m.payload, offset + HEADER_LEN);
  writeField(out, offset, CSUM, finishChecksum(sumWords(out, offset, offset + len)));
  return out;
}

/** Decodes the message in [offset, end): ICMP has no length of its own, IP's says where it ends. */
export function decode(buf: Uint8Array, offset = 0, end = buf.length): Decoded<DecodedIcmp> {
  if (end - offset < HEADER_LEN) return fail('icmp', offset, `${end - offset} bytes is shorter than the 8-byte header`);
  return ok(
    {
      type: readField(buf, offset, TYPE),
      code: readField(buf, offset, CODE),
      identifier: readField(buf, offset, IDENT),
      sequence: readField(buf, offset, SEQ),
      payload: buf.subarray(offset + HEADER_LEN, end),
      checksum: readField(buf, offset, CSUM),
      checksumOk: finishChecksum(sumWords(buf, offset, end)) === 0,
    },
    end - offset,
  );
}

/** As tcpdump prints it: `ICMP echo request, id 1, seq 1, length 64`. */
export function summary(m: IcmpMessage): string {
  const length = encodingLength(m);
  switch (m.type) {
    case TYPE_ECHO_REQUEST:
      return `ICMP echo request, id ${m.identifier}, seq ${m.sequence}, length ${length}`;
    case TYPE_ECHO_REPLY:
      return `ICMP echo reply, id ${m.identifier}, seq ${m.sequence}, length ${length}`;
    case TYPE_TIME_EXCEEDED:
      return `ICMP time exceeded in-transit, length ${length}`;
    case TYPE_DEST_UNREACHABLE:
      return `ICMP unreachable (code ${m.code}), length ${length}`;
    default:
      return `ICMP type ${m.type}, code ${m.code}, length ${length}`;
  }
}
