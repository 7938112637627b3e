import { finishChecksum, pseudoHeaderSum, sumWords, type PseudoHeader } from './checksum.js';
import { fail, ok, type Decoded } from './errors.js';
import { PROTO_TCP } from './ipv4.js';
import { fieldOf, readField, writeField, type FieldSpec, type Layout } from './layout.js';
import { seq, segmentLength, type Seq } from './seq.js';

export const MIN_HEADER_LEN = 20;
/** Data Offset is 4 bits of 32-bit words, so 15 × 4 bytes is the longest header. */
export const MAX_HEADER_LEN = 60;
export const MAX_OPTIONS_LEN = MAX_HEADER_LEN - MIN_HEADER_LEN;

/** RFC 9293 §3.1, in wire order. Keys are Wireshark's display-filter names. */
export const LAYOUT: Layout = [
  {
    key: 'tcp.srcport', name: 'Source Port', nameKo: '출발지 포트', bitOffset: 0, bitLength: 16, display: 'dec',
    meaning: {
      en: "The sender's port; a client usually picks an ephemeral port (49152 and up)",
      ko: '보내는 쪽의 포트; 클라이언트는 보통 임시 포트(49152 이상)를 고릅니다',
    },
  },
  {
    key: 'tcp.dstport', name: 'Destination Port', nameKo: '목적지 포트', bitOffset: 16, bitLength: 16, display: 'dec',
    meaning: {
      en: 'Which program on the receiver gets the data; servers listen on well-known ports (80 HTTP)',
      ko: '받는 쪽에서 데이터를 넘겨받을 프로그램; 서버는 잘 알려진 포트(HTTP는 80)에서 기다립니다',
    },
  },
  {
    key: 'tcp.seq', name: 'Sequence Number', nameKo: '시퀀스 번호', bitOffset: 32, bitLength: 32, display: 'dec',
    meaning: {
      en: 'Number of the first data byte in this segment (on a SYN, the initial sequence number)',
      ko: '이 세그먼트에 담긴 첫 데이터 바이트의 시퀀스 번호입니다(SYN이면 초기 시퀀스 번호)',
    },
  },
  {
    key: 'tcp.ack', name: 'Acknowledgment Number', nameKo: '확인 응답 번호', bitOffset: 64, bitLength: 32, display: 'dec',
    meaning: {
      en: 'The next sequence number the sender expects to receive; valid only when ACK is set',
      ko: '다음에 받기를 기대하는 시퀀스 번호(ACK 번호); ACK 플래그가 켜져 있을 때만 의미가 있습니다',
    },
  },
  {
    key: 'tcp.hdr_len', name: 'Data Offset', bitOffset: 96, bitLength: 4, display: 'dec',
    meaning: {
      en: 'Header length in 32-bit words: 5 (20 bytes) plus any options; the data starts here',
      ko: '헤더 길이(32비트 워드 단위): 옵션이 없으면 5, 즉 20바이트; 데이터는 여기서 시작합니다',
    },
  },
  {
    key: 'tcp.flags.res', name: 'Reserved', bitOffset: 100, bitLength: 4, display: 'bin',
    meaning: { en: 'Reserved for future use, sent as zero', ko: '나중을 위해 예약됨, 0으로 보냅니다' },
  },
  {
    key: 'tcp.flags.cwr', name: 'CWR', bitOffset: 104, bitLength: 1, display: 'dec',
    meaning: {
      en: 'Congestion Window Reduced: the sender slowed down after an ECN echo',
      ko: '혼잡 윈도우 감소: ECN 신호를 받고 송신 측이 속도를 줄였음을 알립니다',
    },
  },
  {
    key: 'tcp.flags.ece', name: 'ECE', bitOffset: 105, bitLength: 1, display: 'dec',
    meaning: {
      en: 'ECN-Echo: a router on the path marked congestion (on a SYN: ECN is supported)',
      ko: 'ECN-Echo: 경로상의 라우터가 혼잡을 표시했다는 뜻입니다(SYN에서는 ECN을 지원하는지 알립니다)',
    },
  },
  {
    key: 'tcp.flags.urg', name: 'URG', bitOffset: 106, bitLength: 1, display: 'dec',
    meaning: { en: 'The Urgent Pointer field is meaningful', ko: '긴급 포인터 필드가 유효하다는 뜻입니다' },
  },
  {
    key: 'tcp.flags.ack', name: 'ACK', bitOffset: 107, bitLength: 1, display: 'dec',
    meaning: {
      en: 'The Acknowledgment Number is valid; set on every segment after the first SYN',
      ko: 'ACK 번호가 유효함; 첫 SYN 이후의 모든 세그먼트에 켜집니다',
    },
  },
  {
    key: 'tcp.flags.push', name: 'PSH', bitOffset: 108, bitLength: 1, display: 'dec',
    meaning: {
      en: 'Push: hand the data to the application now instead of waiting for more',
      ko: 'Push: 더 기다리지 말고 지금 바로 애플리케이션에 데이터를 넘기라는 뜻입니다',
    },
  },
  {
    key: 'tcp.flags.reset', name: 'RST', bitOffset: 109, bitLength: 1, display: 'dec',
    meaning: {
      en: 'Reset: abort the connection at once (or refuse it: no one listens on that port)',
      ko: 'Reset: 연결을 즉시 끊습니다(연결 요청이면, 그 포트에서 기다리는 프로그램이 없어 거절합니다)',
    },
  },
  {
    key: 'tcp.flags.syn', name: 'SYN', bitOffset: 110, bitLength: 1, display: 'dec',
    meaning: {
      en: 'Synchronize: opens a connection and carries the initial sequence number; counts as one byte',
      ko: 'Synchronize: 연결을 열며 초기 시퀀스 번호를 알립니다; 시퀀스 번호 하나를 차지합니다',
    },
  },
  {
    key: 'tcp.flags.fin', name: 'FIN', bitOffset: 111, bitLength: 1, display: 'dec',
    meaning: {
      en: 'Finish: the sender has no more data; counts as one byte',
      ko: 'Finish: 보낼 데이터가 더 없음; 시퀀스 번호 하나를 차지합니다',
    },
  },
  {
    key: 'tcp.window_size_value', name: 'Window', nameKo: '윈도우', bitOffset: 112, bitLength: 16, display: 'dec',
    meaning: {
      en: 'How many more bytes the sender of this segment can receive (before window scaling)',
      ko: '이 세그먼트를 보낸 쪽이 더 받을 수 있는 바이트 수, 즉 수신 윈도우입니다(윈도우 스케일 적용 전)',
    },
  },
  {
    key: 'tcp.checksum', name: 'Checksum', nameKo: '체크섬', bitOffset: 128, bitLength: 16, display: 'hex',
    meaning: {
      en: 'Covers a pseudo-header (IP addresses, protocol, length), the header and the data',
      ko: '의사 헤더(IP 주소, 프로토콜, 길이)와 헤더, 데이터 전체를 검사합니다',
    },
  },
  {
    key: 'tcp.urgent_pointer', name: 'Urgent Pointer', nameKo: '긴급 포인터', bitOffset: 144, bitLength: 16, display: 'dec',
    meaning: {
      en: 'With URG: where urgent data ends, as an offset from the sequence number',
      ko: 'URG가 켜져 있을 때, 시퀀스 번호로부터 긴급 데이터가 끝나는 위치입니다',
    },
  },
  {
    key: 'tcp.options', name: 'Options', nameKo: '옵션', bitOffset: 160, bitLength: 0, display: 'bytes',
    meaning: {
      en: 'Extras such as MSS, window scale, SACK and timestamps; length is Data Offset×4 − 20',
      ko: 'MSS, 윈도우 스케일, SACK, 타임스탬프 같은 추가 정보입니다. 길이는 Data Offset×4 − 20입니다',
    },
  },
];

const F = (key: string) => fieldOf(LAYOUT, key);
const SRC_PORT = F('tcp.srcport'), DST_PORT = F('tcp.dstport'), SEQ = F('tcp.seq'), ACK = F('tcp.ack');
const DATA_OFFSET = F('tcp.hdr_len'), RESERVED = F('tcp.flags.res'), WINDOW = F('tcp.window_size_value');
const CSUM = F('tcp.checksum'), URGENT = F('tcp.urgent_pointer');
const FLAG_CWR = F('tcp.flags.cwr'), FLAG_ECE = F('tcp.flags.ece'), FLAG_URG = F('tcp.flags.urg');
const FLAG_ACK = F('tcp.flags.ack'), FLAG_PSH = F('tcp.flags.push'), FLAG_RST = F('tcp.flags.reset');
const FLAG_SYN = F('tcp.flags.syn'), FLAG_FIN = F('tcp.flags.fin');

/** The control bits other than ACK, which is implied by `ack !== null`. */
export interface TcpFlags {
  readonly cwr: boolean;
  readonly ece: boolean;
  readonly urg: boolean;
  readonly psh: boolean;
  readonly rst: boolean;
  readonly syn: boolean;
  readonly fin: boolean;
}

export const NO_FLAGS: TcpFlags = { cwr: false, ece: false, urg: false, psh: false, rst: false, syn: false, fin: false };

/** Option kinds (IANA "TCP Option Kind Numbers"). */
export const OPT_EOL = 0;
export const OPT_NOP = 1;
export const OPT_MSS = 2;
export const OPT_WSCALE = 3;
export const OPT_SACK_PERMITTED = 4;
export const OPT_SACK = 5;
export const OPT_TIMESTAMPS = 8;

const MSS_LEN = 4; // RFC 9293 §3.2
const WSCALE_LEN = 3; // RFC 7323 §2.2
const SACK_PERMITTED_LEN = 2; // RFC 2018 §2
const TIMESTAMPS_LEN = 10; // RFC 7323 §3.2
/** Kind and length bytes, then 8 bytes (left and right edge) per block (RFC 2018 §3). */
const SACK_BASE_LEN = 2;
const SACK_BLOCK_LEN = 8;
/** Kind and length bytes ahead of an option's data (RFC 9293 §3.1, option format 2). */
const OPTION_PREFIX_LEN = 2;
const MAX_OPTION_LEN = 0xff;

const KNOWN_KINDS: ReadonlySet<number> = new Set([
  OPT_EOL, OPT_NOP, OPT_MSS, OPT_WSCALE, OPT_SACK_PERMITTED, OPT_SACK, OPT_TIMESTAMPS,
]);

export interface SackBlock {
  readonly left: Seq;
  readonly right: Seq;
}

/**
 * One TCP option. `eol` marks the end of the list: the zero padding that fills the
 * options to a 32-bit boundary is made of EOL bytes, so on decode a list whose length is
 * not a multiple of 4 ends in `{ kind: 'eol' }`. `unknown` is any kind this codec does not
 * parse, kept with its data so it re-encodes unchanged.
 */
export type TcpOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'wscale'; readonly shift: number }
  | { readonly kind: 'sackPermitted' }
  | { readonly kind: 'sack'; readonly blocks: readonly SackBlock[] }
  | { readonly kind: 'timestamps'; readonly tsval: number; readonly tsecr: number }
  | { readonly kind: 'unknown'; readonly type: number; readonly data: Uint8Array };

export interface TcpSegment {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: Seq;
  /** The acknowledgment number; null exactly when the ACK flag is clear. */
  readonly ack: Seq | null;
  readonly flags: TcpFlags;
  readonly window: number;
  readonly urgentPointer: number;
  readonly options: readonly TcpOption[];
  readonly payload: Uint8Array;
}

export interface DecodedTcp extends TcpSegment {
  /** Header length in bytes (the Data Offset field times 4). */
  readonly dataOffset: number;
  readonly checksum: number;
  /** Whether the checksum verifies; null when no pseudo-header was given to check with. */
  readonly checksumOk: boolean | null;
  /** The Acknowledgment Number field as sent, even when ACK is clear (tshark's tcp.ack_raw). */
  readonly rawAck: number;
  /** The 4 reserved bits; nonzero only from stacks that use newer flags such as AccECN. */
  readonly reserved: number;
}

function optionLength(o: TcpOption): number {
  switch (o.kind) {
    case 'eol':
    case 'nop':
      return 1;
    case 'mss':
      return MSS_LEN;
    case 'wscale':
      return WSCALE_LEN;
    case 'sackPermitted':
      return SACK_PERMITTED_LEN;
    case 'sack':
      return SACK_BASE_LEN + SACK_BLOCK_LEN * o.blocks.length;
    case 'timestamps':
      return TIMESTAMPS_LEN;
    case 'unknown':
      return OPTION_PREFIX_LEN + o.data.length;
  }
}

/** Bytes the options take before padding to a 32-bit boundary. */
export function optionsLength(options: readonly TcpOption[]): number {
  let n = 0;
  for (const o of options) n += optionLength(o);
  return n;
}

export function headerLength(seg: Pick<TcpSegment, 'options'>): number {
  return MIN_HEADER_LEN + Math.ceil(optionsLength(seg.options) / 4) * 4;
}

export function encodingLength(seg: TcpSegment): number {
  return headerLength(seg) + seg.payload.length;
}

/** SEG.LEN: payload bytes plus one each for SYN and FIN (the rule lives in seq.ts). */
export function tcpSegmentLength(seg: Pick<TcpSegment, 'flags' | 'payload'>): number {
  return segmentLength({ syn: seg.flags.syn, fin: seg.flags.fin, dataLength: seg.payload.length });
}

function checkUint(what: string, value: number, bits: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(`${what}: ${value} does not fit in ${bits} bits`);
  }
}

function putU16(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v >>> 8;
  buf[at + 1] = v & 0xff;
}

function putU32(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v >>> 24;
  buf[at + 1] = (v >>> 16) & 0xff;
  buf[at + 2] = (v >>> 8) & 0xff;
  buf[at + 3] = v & 0xff;
}

function getU16(buf: Uint8Array, at: number): number {
  return (buf[at]! << 8) | buf[at + 1]!;
}

function getU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

/** Range-checks every option so that encoding cannot write a value the decoder would read differently. */
function checkOptions(options: readonly TcpOption[]): void {
  options.forEach((o, i) => {
    if (o.kind !== 'eol' && options[i - 1]?.kind === 'eol') {
      throw new RangeError('TCP option after End of Option List; EOL must be last');
    }
    switch (o.kind) {
      case 'mss':
        checkUint('TCP MSS', o.value, 16);
        break;
      case 'wscale':
        checkUint('TCP window scale shift', o.shift, 8);
        break;
      case 'sack':
        if (o.blocks.length === 0) throw new RangeError('TCP SACK option needs at least one block');
        for (const b of o.blocks) {
          checkUint('TCP SACK left edge', b.left, 32);
          checkUint('TCP SACK right edge', b.right, 32);
        }
        break;
      case 'timestamps':
        checkUint('TCP TSval', o.tsval, 32);
        checkUint('TCP TSecr', o.tsecr, 32);
        break;
      case 'unknown':
        checkUint('TCP option kind', o.type, 8);
        if (KNOWN_KINDS.has(o.type)) {
          throw new RangeError(`TCP option kind ${o.type} has its own variant; do not send it as unknown`);
        }
        if (o.data.length + OPTION_PREFIX_LEN > MAX_OPTION_LEN) {
          throw new RangeError(`TCP option kind ${o.type} has ${o.data.length} data bytes; 253 is the most`);
        }
        break;
      case 'eol':
      case 'nop':
      case 'sackPermitted':
        break;
    }
  });
}

function writeOption(buf: Uint8Array, at: number, o: TcpOption): void {
  switch (o.kind) {
    case 'eol':
      buf[at] = OPT_EOL;
      return;
    case 'nop':
      buf[at] = OPT_NOP;
      return;
    case 'mss':
      buf[at] = OPT_MSS;
      buf[at + 1] = MSS_LEN;
      putU16(buf, at + 2, o.value);
      return;
    case 'wscale':
      buf[at] = OPT_WSCALE;
      buf[at + 1] = WSCALE_LEN;
      buf[at + 2] = o.shift;
      return;
    case 'sackPermitted':
      buf[at] = OPT_SACK_PERMITTED;
      buf[at + 1] = SACK_PERMITTED_LEN;
      return;
    case 'sack':
      buf[at] = OPT_SACK;
      buf[at + 1] = optionLength(o);
      o.blocks.forEach((b, i) => {
        putU32(buf, at + SACK_BASE_LEN + i * SACK_BLOCK_LEN, b.left);
        putU32(buf, at + SACK_BASE_LEN + i * SACK_BLOCK_LEN + 4, b.right);
      });
      return;
    case 'timestamps':
      buf[at] = OPT_TIMESTAMPS;
      buf[at + 1] = TIMESTAMPS_LEN;
      putU32(buf, at + 2, o.tsval);
      putU32(buf, at + 6, o.tsecr);
      return;
    case 'unknown':
      buf[at] = o.type;
      buf[at + 1] = optionLength(o);
      buf.set(o.data, at + OPTION_PREFIX_LEN);
      return;
  }
}

/**
 * Encodes the segment at `offset` and fills in its checksum over the pseudo-header
 * (RFC 9293 §3.1: source, destination, zero, protocol 6, TCP length), header and payload.
 * Options are padded with zeros (EOL) to a 32-bit boundary and Data Offset follows from
 * them. Out-of-range values are programming errors and throw RangeError.
 */
export function encode(seg: TcpSegment, pseudo: PseudoHeader, buf?: Uint8Array, offset = 0): Uint8Array {
  checkOptions(seg.options);
  const optLen = optionsLength(seg.options);
  if (optLen > MAX_OPTIONS_LEN) throw new RangeError(`TCP options take ${optLen} bytes; 40 is the most`);
  const hlen = headerLength(seg);
  const total = hlen + seg.payload.length;
  // The pseudo-header carries the TCP length in 16 bits.
  if (total > 0xffff) throw new RangeError(`TCP segment of ${total} bytes exceeds 65535`);
  const out = buf ?? new Uint8Array(offset + total);
  if (out.length < offset + total) throw new RangeError('buffer too small for TCP segment');

  writeField(out, offset, SRC_PORT, seg.srcPort);
  writeField(out, offset, DST_PORT, seg.dstPort);
  writeField(out, offset, SEQ, seg.seq);
  writeField(out, offset, ACK, seg.ack ?? 0);
  writeField(out, offset, DATA_OFFSET, hlen / 4);
  writeField(out, offset, RESERVED, 0);
  writeField(out, offset, FLAG_CWR, seg.flags.cwr ? 1 : 0);
  writeField(out, offset, FLAG_ECE, seg.flags.ece ? 1 : 0);
  writeField(out, offset, FLAG_URG, seg.flags.urg ? 1 : 0);
  writeField(out, offset, FLAG_ACK, seg.ack !== null ? 1 : 0);
  writeField(out, offset, FLAG_PSH, seg.flags.psh ? 1 : 0);
  writeField(out, offset, FLAG_RST, seg.flags.rst ? 1 : 0);
  writeField(out, offset, FLAG_SYN, seg.flags.syn ? 1 : 0);
  writeField(out, offset, FLAG_FIN, seg.flags.fin ? 1 : 0);
  writeField(out, offset, WINDOW, seg.window);
  writeField(out, offset, CSUM, 0);
  writeField(out, offset, URGENT, seg.urgentPointer);

  let at = offset + MIN_HEADER_LEN;
  for (const o of seg.options) {
    writeOption(out, at, o);
    at += optionLength(o);
  }
  out.fill(OPT_EOL, at, offset + hlen);
  out.set(seg.payload, offset + hlen);

  const sum = sumWords(out, offset, offset + total, pseudoHeaderSum(pseudo.src, pseudo.dst, PROTO_TCP, total));
  writeField(out, offset, CSUM, finishChecksum(sum));
  return out;
}

/**
 * Parses the option bytes [start, end). An EOL ends the list; what follows it is padding.
 * Errors name the absolute offset of the offending option's kind byte.
 */
function decodeOptions(buf: Uint8Array, start: number, end: number): Decoded<TcpOption[]> {
  const options: TcpOption[] = [];
  let at = start;
  while (at < end) {
    const kind = buf[at]!;
    if (kind === OPT_EOL) {
      options.push({ kind: 'eol' });
      break;
    }
    if (kind === OPT_NOP) {
      options.push({ kind: 'nop' });
      at += 1;
      continue;
    }
    if (at + 1 >= end) return fail('tcp', at, `option kind ${kind} has no length byte before the header ends`);
    const len = buf[at + 1]!;
    if (len < OPTION_PREFIX_LEN) return fail('tcp', at, `option kind ${kind} has length ${len}; the least is 2`);
    if (at + len > end) {
      return fail('tcp', at, `option kind ${kind} of length ${len} runs ${at + len - end} bytes past the header`);
    }
    const wrongLength = (expected: string) =>
      fail<TcpOption[]>('tcp', at, `option kind ${kind} has length ${len}; it must be ${expected}`);
    switch (kind) {
      case OPT_MSS:
        if (len !== MSS_LEN) return wrongLength(`${MSS_LEN}`);
        options.push({ kind: 'mss', value: getU16(buf, at + 2) });
        break;
      case OPT_WSCALE:
        if (len !== WSCALE_LEN) return wrongLength(`${WSCALE_LEN}`);
        options.push({ kind: 'wscale', shift: buf[at + 2]! });
        break;
      case OPT_SACK_PERMITTED:
        if (len !== SACK_PERMITTED_LEN) return wrongLength(`${SACK_PERMITTED_LEN}`);
        options.push({ kind: 'sackPermitted' });
        break;
      case OPT_SACK: {
        const blockBytes = len - SACK_BASE_LEN;
        if (blockBytes < SACK_BLOCK_LEN || blockBytes % SACK_BLOCK_LEN !== 0) return wrongLength('2 + 8n with n ≥ 1');
        const blocks: SackBlock[] = [];
        for (let b = at + SACK_BASE_LEN; b < at + len; b += SACK_BLOCK_LEN) {
          blocks.push({ left: seq(getU32(buf, b)), right: seq(getU32(buf, b + 4)) });
        }
        options.push({ kind: 'sack', blocks });
        break;
      }
      case OPT_TIMESTAMPS:
        if (len !== TIMESTAMPS_LEN) return wrongLength(`${TIMESTAMPS_LEN}`);
        options.push({ kind: 'timestamps', tsval: getU32(buf, at + 2), tsecr: getU32(buf, at + 6) });
        break;
      default:
        options.push({ kind: 'unknown', type: kind, data: buf.subarray(at + OPTION_PREFIX_LEN, at + len) });
    }
    at += len;
  }
  return ok(options, at - start);
}

/**
 * Decodes the segment in [offset, end): TCP has no length field of its own, so `end` is
 * where the IP payload ends. With a pseudo-header the checksum is verified too.
 */
export function decode(buf: Uint8Array, offset = 0, end = buf.length, pseudo?: PseudoHeader): Decoded<DecodedTcp> {
  const avail = end - offset;
  if (avail < MIN_HEADER_LEN) return fail('tcp', offset, `${avail} bytes is shorter than the 20-byte header`);
  const dataOffsetAt = offset + DATA_OFFSET.bitOffset / 8;
  const hlen = readField(buf, offset, DATA_OFFSET) * 4;
  if (hlen < MIN_HEADER_LEN) return fail('tcp', dataOffsetAt, `data offset ${hlen} bytes is below the 20-byte minimum`);
  if (hlen > avail) return fail('tcp', dataOffsetAt, `data offset ${hlen} bytes runs past the ${avail} bytes available`);

  const options = decodeOptions(buf, offset + MIN_HEADER_LEN, offset + hlen);
  if (!options.ok) return options;

  const rawAck = readField(buf, offset, ACK);
  const ackSet = readField(buf, offset, FLAG_ACK) === 1;
  let checksumOk: boolean | null = null;
  if (pseudo) {
    // A segment that includes its own checksum sums, with the pseudo-header, to zero (RFC 1071 §1).
    const sum = sumWords(buf, offset, end, pseudoHeaderSum(pseudo.src, pseudo.dst, PROTO_TCP, avail));
    checksumOk = finishChecksum(sum) === 0;
  }
  const bit = (spec: FieldSpec) => readField(buf, offset, spec) === 1;
  return ok(
    {
      srcPort: readField(buf, offset, SRC_PORT),
      dstPort: readField(buf, offset, DST_PORT),
      seq: seq(readField(buf, offset, SEQ)),
      ack: ackSet ? seq(rawAck) : null,
      flags: {
        cwr: bit(FLAG_CWR),
        ece: bit(FLAG_ECE),
        urg: bit(FLAG_URG),
        psh: bit(FLAG_PSH),
        rst: bit(FLAG_RST),
        syn: bit(FLAG_SYN),
        fin: bit(FLAG_FIN),
      },
      window: readField(buf, offset, WINDOW),
      urgentPointer: readField(buf, offset, URGENT),
      options: options.value,
      payload: buf.subarray(offset + hlen, end),
      dataOffset: hlen,
      checksum: readField(buf, offset, CSUM),
      checksumOk,
      rawAck,
      reserved: readField(buf, offset, RESERVED),
    },
    avail,
  );
}

/**
 * Flags as tcpdump prints them inside `Flags [...]`: F S R P, '.' for ACK, U E W, in that
 * order (tcpdump's print-tcp.c), so a SYN-ACK is "S." and a bare ACK is ".". tcpdump
 * prints "none" when no flag is set.
 */
export function flagsString(seg: Pick<TcpSegment, 'flags' | 'ack'>): string {
  const f = seg.flags;
  const s =
    (f.fin ? 'F' : '') +
    (f.syn ? 'S' : '') +
    (f.rst ? 'R' : '') +
    (f.psh ? 'P' : '') +
    (seg.ack !== null ? '.' : '') +
    (f.urg ? 'U' : '') +
    (f.ece ? 'E' : '') +
    (f.cwr ? 'W' : '');
  return s === '' ? 'none' : s;
}

/**
 * Whether a segment's flags match a lesson's letters (from "CEUAPRSF", `.` also meaning ACK,
 * in any order or case): `flags` are all and only the flags set, `hasFlags` at least these.
 * Frame matches in quizzes and impairments both ask this.
 */
export function flagsMatch(seg: Pick<TcpSegment, 'flags' | 'ack'>, m: { readonly flags?: string; readonly hasFlags?: string }): boolean {
  const have = flagLetters(seg);
  const letters = (s: string) => new Set(s.toUpperCase().replaceAll('.', 'A'));
  if (m.flags !== undefined) {
    const want = letters(m.flags);
    if (want.size !== have.length || ![...have].every((c) => want.has(c))) return false;
  }
  if (m.hasFlags !== undefined && ![...letters(m.hasFlags)].every((c) => have.includes(c))) return false;
  return true;
}

/** The set flags as letters from "CEUAPRSF", in header bit order (for JSON output). */
export function flagLetters(seg: Pick<TcpSegment, 'flags' | 'ack'>): string {
  const f = seg.flags;
  return (
    (f.cwr ? 'C' : '') +
    (f.ece ? 'E' : '') +
    (f.urg ? 'U' : '') +
    (seg.ack !== null ? 'A' : '') +
    (f.psh ? 'P' : '') +
    (f.rst ? 'R' : '') +
    (f.syn ? 'S' : '') +
    (f.fin ? 'F' : '')
  );
}
