import { escapeBytes } from './escape.js';
import { formatIpv6, parseIpv6, readIpv4, writeIpv4, type Ipv4Addr } from './address.js';
import { fail, ok, type Decoded } from './errors.js';
import { fieldOf, readField, writeField, type Layout } from './layout.js';

const PROTOCOL = 'dns';

/** RR TYPE values (IANA "Resource Record (RR) TYPEs"). */
export const TYPE_A = 1;
export const TYPE_NS = 2;
export const TYPE_CNAME = 5;
export const TYPE_SOA = 6;
export const TYPE_PTR = 12;
export const TYPE_MX = 15;
export const TYPE_TXT = 16;
export const TYPE_AAAA = 28;
export const TYPE_SRV = 33;
export const TYPE_OPT = 41;
export const TYPE_ANY = 255;

export const CLASS_IN = 1;

export const OPCODE_QUERY = 0;

export const RCODE_NOERROR = 0;
export const RCODE_FORMERR = 1;
export const RCODE_SERVFAIL = 2;
export const RCODE_NXDOMAIN = 3;
export const RCODE_NOTIMP = 4;
export const RCODE_REFUSED = 5;

export const HEADER_LEN = 12;
/** RFC 1035 §2.3.4: labels of 63 octets or less, names of 255 octets or less (wire form). */
export const MAX_LABEL_LEN = 63;
export const MAX_NAME_LEN = 255;

/** The top two bits of a length byte say what follows (RFC 1035 §4.1.4). */
const LABEL_KIND_MASK = 0xc0;
const KIND_LABEL = 0x00;
const KIND_POINTER = 0xc0;
/** 01: the extended label type of RFC 6891 §5, which nothing deployed uses. */
const KIND_EXTENDED = 0x40;
const POINTER_TAG = 0xc000;
/** The offset bits that share the first byte of a pointer with its tag. */
const POINTER_HIGH_BITS = 0x3f;
/** A pointer holds a 14-bit offset, so only names starting in the first 16 KiB can be targets. */
const MAX_POINTER_TARGET = 0x3fff;
/**
 * An honest encoder points only at a label it wrote, so every hop is followed by at least
 * one label, and a name has at most 127 labels. The cap keeps a message full of chained
 * pointers from costing quadratic work.
 */
const MAX_POINTER_HOPS = 127;

/** QTYPE + QCLASS after a question's name (RFC 1035 §4.1.2). */
const QUESTION_FIXED_LEN = 4;
/** TYPE, CLASS, TTL and RDLENGTH after a record's owner name (RFC 1035 §4.1.3). */
const RECORD_FIXED_LEN = 10;
/** The smallest name is the root: one zero byte. */
const MIN_NAME_LEN = 1;
const A_RDLENGTH = 4;
const AAAA_RDLENGTH = 16;

/** RFC 1035 §4.1.1, with AD and CD carved out of Z by RFC 4035 §3.1.6. */
export const LAYOUT: Layout = [
  {
    key: 'dns.id', name: 'Transaction ID', bitOffset: 0, bitLength: 16, display: 'hex',
    meaning: {
      en: 'Pairs a response with its query; the client picks it, at random to resist spoofing',
      ko: '응답을 질의와 짝짓는 번호; 클라이언트가 정하며, 위조 응답을 막으려고 무작위로 고릅니다',
    },
  },
  {
    key: 'dns.flags.response', name: 'Response (QR)', bitOffset: 16, bitLength: 1, display: 'dec',
    meaning: { en: '0 = query, 1 = response', ko: '0이면 질의, 1이면 응답입니다' },
  },
  {
    key: 'dns.flags.opcode', name: 'Opcode', bitOffset: 17, bitLength: 4, display: 'dec',
    meaning: {
      en: 'Kind of request: 0 standard query, 4 NOTIFY, 5 UPDATE',
      ko: '요청의 종류입니다. 0은 표준 질의, 4는 NOTIFY, 5는 UPDATE입니다',
    },
  },
  {
    key: 'dns.flags.authoritative', name: 'Authoritative Answer (AA)', bitOffset: 21, bitLength: 1, display: 'dec',
    meaning: {
      en: 'The answer comes from a server authoritative for the zone, not from a cache',
      ko: '캐시가 아니라 해당 존(zone)의 권한 있는 서버가 직접 준 응답이라는 뜻입니다',
    },
  },
  {
    key: 'dns.flags.truncated', name: 'Truncated (TC)', bitOffset: 22, bitLength: 1, display: 'dec',
    meaning: {
      en: 'The reply did not fit in the UDP datagram; ask again over TCP',
      ko: '응답이 UDP 데이터그램에 다 들어가지 않아 잘렸으니 TCP로 다시 질의해야 합니다',
    },
  },
  {
    key: 'dns.flags.recdesired', name: 'Recursion Desired (RD)', bitOffset: 23, bitLength: 1, display: 'dec',
    meaning: {
      en: 'The client asks the server to chase the answer all the way down for it',
      ko: '클라이언트가 서버에게 최종 답을 끝까지 대신 찾아 달라고(재귀) 요청한다는 뜻입니다',
    },
  },
  {
    key: 'dns.flags.recavail', name: 'Recursion Available (RA)', bitOffset: 24, bitLength: 1, display: 'dec',
    meaning: { en: 'The server offers recursive resolution', ko: '서버가 재귀 질의를 처리해 줄 수 있다는 뜻입니다' },
  },
  {
    key: 'dns.flags.z', name: 'Reserved (Z)', bitOffset: 25, bitLength: 1, display: 'dec',
    meaning: { en: 'Reserved, must be zero', ko: '예약된 비트로, 반드시 0입니다' },
  },
  {
    key: 'dns.flags.authenticated', name: 'Authentic Data (AD)', bitOffset: 26, bitLength: 1, display: 'dec',
    meaning: {
      en: 'The resolver validated every record in the answer with DNSSEC',
      ko: '리졸버가 응답의 모든 레코드를 DNSSEC으로 검증했다는 뜻입니다',
    },
  },
  {
    key: 'dns.flags.checkdisable', name: 'Checking Disabled (CD)', bitOffset: 27, bitLength: 1, display: 'dec',
    meaning: {
      en: 'The client asks the resolver to skip DNSSEC validation',
      ko: '클라이언트가 리졸버에게 DNSSEC 검증을 하지 말라고 요청한다는 뜻입니다',
    },
  },
  {
    key: 'dns.flags.rcode', name: 'Reply Code', bitOffset: 28, bitLength: 4, display: 'dec',
    meaning: {
      en: 'Outcome: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN (no such name), 5 REFUSED',
      ko: '처리 결과입니다. 0은 NOERROR, 2는 SERVFAIL, 3은 NXDOMAIN(존재하지 않는 이름), 5는 REFUSED입니다',
    },
  },
  {
    key: 'dns.count.queries', name: 'Questions', bitOffset: 32, bitLength: 16, display: 'dec',
    meaning: { en: 'Entries in the Question section (almost always 1)', ko: '질문(Question) 섹션의 항목 수입니다(거의 항상 1)' },
  },
  {
    key: 'dns.count.answers', name: 'Answer RRs', bitOffset: 48, bitLength: 16, display: 'dec',
    meaning: { en: 'Records in the Answer section', ko: '답변(Answer) 섹션의 리소스 레코드 수입니다' },
  },
  {
    key: 'dns.count.auth_rr', name: 'Authority RRs', bitOffset: 64, bitLength: 16, display: 'dec',
    meaning: {
      en: 'Records in the Authority section: the name servers for the zone, or its SOA',
      ko: '권한(Authority) 섹션의 레코드 수입니다. 해당 존의 네임서버(NS)나 SOA 레코드가 여기 들어갑니다',
    },
  },
  {
    key: 'dns.count.add_rr', name: 'Additional RRs', bitOffset: 80, bitLength: 16, display: 'dec',
    meaning: {
      en: 'Records in the Additional section: glue addresses, or the EDNS OPT record',
      ko: '추가(Additional) 섹션의 레코드 수입니다. 글루(glue) 주소나 EDNS OPT 레코드 등이 여기 들어갑니다',
    },
  },
];

const F = (key: string) => fieldOf(LAYOUT, key);
const ID = F('dns.id'), QR = F('dns.flags.response'), OPCODE = F('dns.flags.opcode');
const AA = F('dns.flags.authoritative'), TC = F('dns.flags.truncated'), RD = F('dns.flags.recdesired');
const RA = F('dns.flags.recavail'), Z = F('dns.flags.z'), AD = F('dns.flags.authenticated');
const CD = F('dns.flags.checkdisable'), RCODE = F('dns.flags.rcode');
const QDCOUNT = F('dns.count.queries'), ANCOUNT = F('dns.count.answers');
const NSCOUNT = F('dns.count.auth_rr'), ARCOUNT = F('dns.count.add_rr');

/**
 * A domain name in presentation form without the trailing dot: `www.example.com`, and
 * `""` for the root. A label byte that is not printable ASCII, or is `.` or `\`, is
 * written as `\DDD` or `\.` / `\\` (RFC 1035 §5.1), so every wire name has one spelling.
 */
export type DomainName = string;

export interface Question {
  readonly name: DomainName;
  readonly type: number;
  readonly class: number;
}

interface RecordCommon {
  readonly name: DomainName;
  readonly class: number;
  readonly ttl: number;
}

export interface ARecord extends RecordCommon {
  readonly type: typeof TYPE_A;
  readonly data: Ipv4Addr;
}

export interface AaaaRecord extends RecordCommon {
  readonly type: typeof TYPE_AAAA;
  /** Canonical text form (RFC 5952): `2001:db8::1`. */
  readonly data: string;
}

export interface CnameRecord extends RecordCommon {
  readonly type: typeof TYPE_CNAME;
  readonly data: DomainName;
}

/**
 * Any other type, RDATA as raw bytes. Decode only produces it for types other than A,
 * AAAA and CNAME; encode also accepts it for those, writing the bytes verbatim, so a
 * lesson can build a deliberately malformed record.
 *
 * Raw RDATA of NS, PTR, MX or SOA may hold compression pointers into the message it came
 * from (RFC 3597 §4), so copying such bytes into another message can break them.
 */
export interface RawRecord extends RecordCommon {
  readonly type: number;
  readonly data: Uint8Array;
}

export type ResourceRecord = ARecord | AaaaRecord | CnameRecord | RawRecord;

export interface DnsMessage {
  readonly id: number;
  /** true for a response. */
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  /** The one reserved bit left after RFC 4035 took AD and CD. */
  readonly z: boolean;
  readonly ad: boolean;
  readonly cd: boolean;
  readonly rcode: number;
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authorities: readonly ResourceRecord[];
  readonly additionals: readonly ResourceRecord[];
}

// ---------------------------------------------------------------------------------------
// Names: presentation form <-> labels

const DOT = 0x2e;
const BACKSLASH = 0x5c;
const FIRST_PRINTABLE = 0x21;
const LAST_PRINTABLE = 0x7e;
const SPACE = 0x20;

/** Why a presentation-form name cannot be sent, as a code a message table words. */
export type NameProblem =
  | { readonly code: 'empty-label' }
  | { readonly code: 'long-label'; readonly length: number; readonly max: number }
  | { readonly code: 'long-name'; readonly max: number }
  | { readonly code: 'bad-byte-escape'; readonly escape: string }
  | { readonly code: 'bad-escape' }
  | { readonly code: 'bad-character'; readonly character: string };

/** A name the codec refuses, with the typed reason beside its English message. */
export class DnsNameError extends RangeError {
  constructor(readonly problem: NameProblem, message: string) {
    super(message);
  }
}

/**
 * Why a presentation-form name cannot be sent (RFC 1035 §2.3.4: labels of 1 to 63 bytes, at
 * most 255 bytes in all on the wire), or null when it can.
 */
export function nameProblem(name: DomainName): NameProblem | null {
  try {
    parseName(name);
    return null;
  } catch (e) {
    if (e instanceof DnsNameError) return e.problem;
    throw e;
  }
}

/** Splits a presentation-form name into wire labels, validating lengths (RFC 1035 §2.3.4). */
function parseName(name: DomainName): Uint8Array[] {
  const labels: Uint8Array[] = [];
  if (name === '' || name === '.') return labels;
  let label: number[] = [];
  let wireLen = MIN_NAME_LEN;
  const endLabel = () => {
    if (label.length === 0) throw new DnsNameError({ code: 'empty-label' }, `empty label in DNS name "${name}"`);
    if (label.length > MAX_LABEL_LEN) {
      throw new DnsNameError({ code: 'long-label', length: label.length, max: MAX_LABEL_LEN }, `label of ${label.length} bytes in "${name}"; ${MAX_LABEL_LEN} is the most`);
    }
    wireLen += 1 + label.length;
    if (wireLen > MAX_NAME_LEN) throw new DnsNameError({ code: 'long-name', max: MAX_NAME_LEN }, `DNS name "${name}" is longer than ${MAX_NAME_LEN} bytes`);
    labels.push(Uint8Array.from(label));
    label = [];
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === DOT) {
      endLabel();
      // A trailing dot spells the root explicitly; accept it and stop.
      if (i === name.length - 1) return labels;
      continue;
    }
    if (c === BACKSLASH) {
      const digits = name.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(digits)) {
        const v = Number(digits);
        if (v > 0xff) throw new DnsNameError({ code: 'bad-byte-escape', escape: `\\${digits}` }, `escape \\${digits} in "${name}" is not a byte`);
        label.push(v);
        i += 3;
        continue;
      }
      const next = name.charCodeAt(i + 1);
      // A digit here began a \DDD escape with fewer than three digits.
      const isDigit = next >= 0x30 && next <= 0x39;
      if (isDigit || !(next >= SPACE && next <= LAST_PRINTABLE)) {
        throw new DnsNameError({ code: 'bad-escape' }, `dangling or bad escape in DNS name "${name}"`);
      }
      label.push(next);
      i += 1;
      continue;
    }
    if (c < SPACE || c > LAST_PRINTABLE) {
      throw new DnsNameError({ code: 'bad-character', character: `U+${c.toString(16).padStart(4, '0')}` }, `character U+${c.toString(16).padStart(4, '0')} in DNS name "${name}"; write bytes as \\DDD`);
    }
    label.push(c);
  }
  endLabel();
  return labels;
}

function formatLabel(buf: Uint8Array, start: number, len: number): string {
  return escapeBytes(buf, start, start + len, { space: false, quoted: [DOT] });
}

/**
 * Reads the name at `pos`, following compression pointers (RFC 1035 §4.1.4). `bytesRead`
 * is how many bytes the name takes at `pos` itself: up to and including its first pointer.
 *
 * A pointer must point strictly before the place where the current run of labels began.
 * BIND and tcpdump enforce the same rule; it rules out loops, and since every hop moves
 * backwards, the walk ends.
 */
function readName(buf: Uint8Array, msgStart: number, pos: number, end: number): Decoded<DomainName> {
  const labels: string[] = [];
  let wireLen = MIN_NAME_LEN;
  let p = pos;
  let runStart = pos;
  let resumeAt = -1;
  let hops = 0;
  for (;;) {
    if (p >= end) return fail(PROTOCOL, p, 'name runs past the end of the message');
    const len = buf[p]!;
    const kind = len & LABEL_KIND_MASK;
    if (kind === KIND_POINTER) {
      if (p + 2 > end) return fail(PROTOCOL, p, 'compression pointer is cut off by the end of the message');
      const target = ((len & POINTER_HIGH_BITS) << 8) | buf[p + 1]!;
      const at = msgStart + target;
      if (at >= end) {
        return fail(PROTOCOL, p, `compression pointer to ${target} is past the end of the message`);
      }
      if (at >= runStart) {
        return fail(
          PROTOCOL, p,
          `compression pointer to ${target} does not point back before ${runStart - msgStart}, where this name began; it could loop`,
        );
      }
      if (++hops > MAX_POINTER_HOPS) {
        return fail(PROTOCOL, pos, `name takes more than ${MAX_POINTER_HOPS} compression pointer hops`);
      }
      if (resumeAt < 0) resumeAt = p + 2;
      p = runStart = at;
      continue;
    }
    if (kind === KIND_EXTENDED) {
      return fail(PROTOCOL, p, `label length ${len} is over ${MAX_LABEL_LEN} (0x40 bits mark the reserved extended label type)`);
    }
    if (kind !== KIND_LABEL) return fail(PROTOCOL, p, `label type 0x${kind.toString(16)} is reserved`);
    if (len === 0) {
      p += 1;
      break;
    }
    if (p + 1 + len > end) return fail(PROTOCOL, p, `label of ${len} bytes runs past the end of the message`);
    wireLen += 1 + len;
    if (wireLen > MAX_NAME_LEN) return fail(PROTOCOL, p, `name is longer than ${MAX_NAME_LEN} bytes`);
    labels.push(formatLabel(buf, p + 1, len));
    p += 1 + len;
  }
  return ok(labels.join('.'), (resumeAt >= 0 ? resumeAt : p) - pos);
}

// ---------------------------------------------------------------------------------------
// Encode

/**
 * Where bytes go while encoding. With no buffer it only counts, so encodingLength runs
 * the very same code as encode, compression included.
 */
class Sink {
  /** Position relative to the start of the message, as compression pointers count. */
  pos = 0;
  /** Name suffix (as label bytes) → where it was first written. */
  readonly names = new Map<string, number>();
  private readonly out: Uint8Array | null;
  private readonly base: number;

  constructor(out: Uint8Array | null, base: number) {
    this.out = out;
    this.base = base;
  }

  byte(v: number): void {
    if (this.out) this.out[this.base + this.pos] = v;
    this.pos += 1;
  }

  u16(v: number, what: string): void {
    checkUint(v, 16, what);
    this.patchU16(this.pos, v);
    this.pos += 2;
  }

  u32(v: number, what: string): void {
    checkUint(v, 32, what);
    if (this.out) {
      const at = this.base + this.pos;
      this.out[at] = v >>> 24;
      this.out[at + 1] = (v >>> 16) & 0xff;
      this.out[at + 2] = (v >>> 8) & 0xff;
      this.out[at + 3] = v & 0xff;
    }
    this.pos += 4;
  }

  bytes(b: Uint8Array): void {
    if (this.out) this.out.set(b, this.base + this.pos);
    this.pos += b.length;
  }

  patchU16(pos: number, v: number): void {
    if (!this.out) return;
    this.out[this.base + pos] = v >>> 8;
    this.out[this.base + pos + 1] = v & 0xff;
  }
}

function checkUint(v: number, bits: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) {
    throw new RangeError(`DNS ${what}: ${v} does not fit in ${bits} bits`);
  }
}

/** Identifies a name suffix by its exact label bytes, each prefixed by its length. */
function suffixKey(labels: readonly Uint8Array[], from: number): string {
  let key = '';
  for (let i = from; i < labels.length; i++) key += String.fromCharCode(labels[i]!.length, ...labels[i]!);
  return key;
}

/**
 * Writes a name, replacing its longest suffix already in the message with a pointer
 * (RFC 1035 §4.1.4). Suffixes match byte for byte: RFC 1035 §2.3.3 lets servers match
 * case-insensitively, but exact matching keeps decode(encode(m)) equal to m.
 */
function emitName(sink: Sink, name: DomainName): void {
  const labels = parseName(name);
  for (let i = 0; i < labels.length; i++) {
    const key = suffixKey(labels, i);
    const earlier = sink.names.get(key);
    if (earlier !== undefined) {
      sink.u16(POINTER_TAG | earlier, 'compression pointer');
      return;
    }
    if (sink.pos <= MAX_POINTER_TARGET) sink.names.set(key, sink.pos);
    const label = labels[i]!;
    sink.byte(label.length);
    sink.bytes(label);
  }
  sink.byte(0);
}

function emitRdata(sink: Sink, rr: ResourceRecord): void {
  const data = rr.data;
  if (data instanceof Uint8Array) {
    sink.bytes(data);
    return;
  }
  switch (rr.type) {
    case TYPE_A: {
      const b = new Uint8Array(A_RDLENGTH);
      writeIpv4(b, 0, data);
      sink.bytes(b);
      return;
    }
    case TYPE_AAAA:
      sink.bytes(parseIpv6(data));
      return;
    case TYPE_CNAME:
      emitName(sink, data);
      return;
    default:
      throw new RangeError(`DNS type ${rr.type} takes raw bytes as data, not a string`);
  }
}

function emitRecord(sink: Sink, rr: ResourceRecord): void {
  emitName(sink, rr.name);
  sink.u16(rr.type, 'type');
  sink.u16(rr.class, 'class');
  sink.u32(rr.ttl, 'ttl');
  // RDLENGTH is known only after the RDATA is written, because a CNAME target may compress.
  const rdlengthAt = sink.pos;
  sink.u16(0, 'rdlength');
  const rdataStart = sink.pos;
  emitRdata(sink, rr);
  const rdlength = sink.pos - rdataStart;
  checkUint(rdlength, 16, 'rdlength');
  sink.patchU16(rdlengthAt, rdlength);
}

function headerBytes(msg: DnsMessage): Uint8Array {
  const h = new Uint8Array(HEADER_LEN);
  const bit = (b: boolean) => (b ? 1 : 0);
  writeField(h, 0, ID, msg.id);
  writeField(h, 0, QR, bit(msg.qr));
  writeField(h, 0, OPCODE, msg.opcode);
  writeField(h, 0, AA, bit(msg.aa));
  writeField(h, 0, TC, bit(msg.tc));
  writeField(h, 0, RD, bit(msg.rd));
  writeField(h, 0, RA, bit(msg.ra));
  writeField(h, 0, Z, bit(msg.z));
  writeField(h, 0, AD, bit(msg.ad));
  writeField(h, 0, CD, bit(msg.cd));
  writeField(h, 0, RCODE, msg.rcode);
  writeField(h, 0, QDCOUNT, msg.questions.length);
  writeField(h, 0, ANCOUNT, msg.answers.length);
  writeField(h, 0, NSCOUNT, msg.authorities.length);
  writeField(h, 0, ARCOUNT, msg.additionals.length);
  return h;
}

function emitMessage(msg: DnsMessage, sink: Sink): number {
  sink.bytes(headerBytes(msg));
  for (const q of msg.questions) {
    emitName(sink, q.name);
    sink.u16(q.type, 'qtype');
    sink.u16(q.class, 'qclass');
  }
  for (const rr of msg.answers) emitRecord(sink, rr);
  for (const rr of msg.authorities) emitRecord(sink, rr);
  for (const rr of msg.additionals) emitRecord(sink, rr);
  return sink.pos;
}

/** Bytes `encode` writes, compression included. Throws RangeError where encode would. */
export function encodingLength(msg: DnsMessage): number {
  return emitMessage(msg, new Sink(null, 0));
}

/**
 * Encodes the message at `offset`, compressing names as real servers do. Compression
 * pointers count from the start of the message, wherever it sits in `buf`.
 */
export function encode(msg: DnsMessage, buf?: Uint8Array, offset = 0): Uint8Array {
  const len = encodingLength(msg);
  const out = buf ?? new Uint8Array(offset + len);
  if (out.length < offset + len) throw new RangeError('buffer too small for DNS message');
  emitMessage(msg, new Sink(out, offset));
  return out;
}

// ---------------------------------------------------------------------------------------
// Decode

function readQuestion(buf: Uint8Array, msgStart: number, pos: number, end: number): Decoded<Question> {
  const name = readName(buf, msgStart, pos, end);
  if (!name.ok) return name;
  const p = pos + name.bytesRead;
  if (p + QUESTION_FIXED_LEN > end) return fail(PROTOCOL, p, 'question type and class run past the end of the message');
  return ok({ name: name.value, type: readU16(buf, p), class: readU16(buf, p + 2) }, p + QUESTION_FIXED_LEN - pos);
}

function readRecord(buf: Uint8Array, msgStart: number, pos: number, end: number): Decoded<ResourceRecord> {
  const owner = readName(buf, msgStart, pos, end);
  if (!owner.ok) return owner;
  const p = pos + owner.bytesRead;
  if (p + RECORD_FIXED_LEN > end) return fail(PROTOCOL, p, 'record header runs past the end of the message');
  const type = readU16(buf, p);
  const common = { name: owner.value, class: readU16(buf, p + 2), ttl: readU32(buf, p + 4) };
  const rdlengthAt = p + 8;
  const rdlength = readU16(buf, rdlengthAt);
  const rdStart = p + RECORD_FIXED_LEN;
  const rdEnd = rdStart + rdlength;
  if (rdEnd > end) {
    return fail(PROTOCOL, rdlengthAt, `RDLENGTH ${rdlength} runs past the end of the message (${end - rdStart} bytes left)`);
  }
  const bytesRead = rdEnd - pos;
  switch (type) {
    case TYPE_A:
      if (rdlength !== A_RDLENGTH) return fail(PROTOCOL, rdlengthAt, `A record RDLENGTH is ${rdlength}, not ${A_RDLENGTH}`);
      return ok({ ...common, type, data: readIpv4(buf, rdStart) }, bytesRead);
    case TYPE_AAAA:
      if (rdlength !== AAAA_RDLENGTH) {
        return fail(PROTOCOL, rdlengthAt, `AAAA record RDLENGTH is ${rdlength}, not ${AAAA_RDLENGTH}`);
      }
      return ok({ ...common, type, data: formatIpv6(buf, rdStart) }, bytesRead);
    case TYPE_CNAME: {
      const target = readName(buf, msgStart, rdStart, end);
      if (!target.ok) return target;
      if (target.bytesRead !== rdlength) {
        return fail(PROTOCOL, rdlengthAt, `CNAME target takes ${target.bytesRead} bytes but RDLENGTH is ${rdlength}`);
      }
      return ok({ ...common, type, data: target.value }, bytesRead);
    }
    default:
      return ok({ ...common, type, data: buf.subarray(rdStart, rdEnd) }, bytesRead);
  }
}

function readU16(buf: Uint8Array, at: number): number {
  return (buf[at]! << 8) | buf[at + 1]!;
}

function readU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

/**
 * Decodes the message at `offset`; `end` is where the datagram ends. Bytes after the last
 * record are left alone and not counted in `bytesRead`.
 */
export function decode(buf: Uint8Array, offset = 0, end = buf.length): Decoded<DnsMessage> {
  end = Math.min(end, buf.length);
  const avail = end - offset;
  if (avail < HEADER_LEN) return fail(PROTOCOL, offset, `${Math.max(avail, 0)} bytes is shorter than the ${HEADER_LEN}-byte header`);

  // Check the counts against the bytes left before looping, so a header claiming 65535
  // records in a tiny datagram fails at once and points at the count that lies.
  const sections = [
    { field: QDCOUNT, what: 'questions', minLen: MIN_NAME_LEN + QUESTION_FIXED_LEN },
    { field: ANCOUNT, what: 'answers', minLen: MIN_NAME_LEN + RECORD_FIXED_LEN },
    { field: NSCOUNT, what: 'authority records', minLen: MIN_NAME_LEN + RECORD_FIXED_LEN },
    { field: ARCOUNT, what: 'additional records', minLen: MIN_NAME_LEN + RECORD_FIXED_LEN },
  ];
  const bodyLen = avail - HEADER_LEN;
  let need = 0;
  for (const s of sections) {
    const count = readField(buf, offset, s.field);
    need += count * s.minLen;
    if (need > bodyLen) {
      return fail(
        PROTOCOL, offset + s.field.bitOffset / 8,
        `${count} ${s.what} cannot fit: the sections need at least ${need} bytes and only ${bodyLen} follow the header`,
      );
    }
  }

  let p = offset + HEADER_LEN;
  const questions: Question[] = [];
  for (let i = readField(buf, offset, QDCOUNT); i > 0; i--) {
    const q = readQuestion(buf, offset, p, end);
    if (!q.ok) return q;
    questions.push(q.value);
    p += q.bytesRead;
  }
  const readSection = (field: typeof ANCOUNT): Decoded<ResourceRecord[]> => {
    const records: ResourceRecord[] = [];
    const start = p;
    for (let i = readField(buf, offset, field); i > 0; i--) {
      const rr = readRecord(buf, offset, p, end);
      if (!rr.ok) return rr;
      records.push(rr.value);
      p += rr.bytesRead;
    }
    return ok(records, p - start);
  };
  const answers = readSection(ANCOUNT);
  if (!answers.ok) return answers;
  const authorities = readSection(NSCOUNT);
  if (!authorities.ok) return authorities;
  const additionals = readSection(ARCOUNT);
  if (!additionals.ok) return additionals;

  return ok(
    {
      id: readField(buf, offset, ID),
      qr: readField(buf, offset, QR) === 1,
      opcode: readField(buf, offset, OPCODE),
      aa: readField(buf, offset, AA) === 1,
      tc: readField(buf, offset, TC) === 1,
      rd: readField(buf, offset, RD) === 1,
      ra: readField(buf, offset, RA) === 1,
      z: readField(buf, offset, Z) === 1,
      ad: readField(buf, offset, AD) === 1,
      cd: readField(buf, offset, CD) === 1,
      rcode: readField(buf, offset, RCODE),
      questions,
      answers: answers.value,
      authorities: authorities.value,
      additionals: additionals.value,
    },
    p - offset,
  );
}

// ---------------------------------------------------------------------------------------
// tcpdump-style one-liner

/*
 * Follows tcpdump's print-domain.c (domain_print, ns_qprint, ns_rprint) at its default
 * verbosity:
 *   query:    `<id><op>[+ if RD][% if CD] [b2&3=0x<flags> if AA|TC|RA|Z|RCODE]`
 *             ` [<n>a] [<n>q if ≠1] [<n>n] [<n>au]` then ` <TYPE>[ <CLASS> if not IN]? <name>.`
 *             per question
 *   response: `<id><op>[ <RCODE> if not 0][* if AA][- if not RA][| if TC][$ if AD]`
 *             `[ [<n>q] if ≠1] <an>/<ns>/<ar>` then answers joined by `,`, each
 *             `[ <CLASS>] <TYPE> <data>`
 *   both end in ` (<message length>)`.
 * The extended RCODE from an OPT record is folded in, as tcpdump does. Differences: the
 * data of types this codec keeps raw (NS, MX, ...) is not printed, and tcpdump's stray
 * commas between skipped questions in multi-question responses are left out.
 */
const OPCODE_NAMES = [
  '', ' inv_q', ' stat', ' op3', ' notify', ' update', ' op6', ' op7',
  ' op8', ' updateA', ' updateD', ' updateDA', ' updateM', ' updateMA', ' zoneInit', ' zoneRef',
];
const RCODE_NAMES: Record<number, string> = {
  0: '', 1: ' FormErr', 2: ' ServFail', 3: ' NXDomain', 4: ' NotImp', 5: ' Refused',
  6: ' YXDomain', 7: ' YXRRSet', 8: ' NXRRSet', 9: ' NotAuth', 10: ' NotZone',
  15: ' NoChange', 16: ' BadVers', 23: ' BadCookie',
};
const TYPE_NAMES: Record<number, string> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 13: 'HINFO', 15: 'MX', 16: 'TXT',
  28: 'AAAA', 33: 'SRV', 35: 'NAPTR', 39: 'DNAME', 41: 'OPT', 43: 'DS', 46: 'RRSIG',
  47: 'NSEC', 48: 'DNSKEY', 50: 'NSEC3', 52: 'TLSA', 64: 'SVCB', 65: 'HTTPS',
  251: 'IXFR', 252: 'AXFR', 255: 'ANY', 257: 'CAA',
};
const CLASS_NAMES: Record<number, string> = { 1: 'IN', 3: 'CHAOS', 4: 'HS', 255: 'ANY' };
const OPCODE_IQUERY = 1;
/** Flag bits a query should not carry: AA, TC, RA, Z and RCODE. */
const QUERY_ODD_FLAGS = 0x06cf;

/** The DNS name the way tcpdump prints it: with the trailing dot, and `.` for the root. */
function fqdn(name: DomainName): string {
  return name === '' ? '.' : `${name}.`;
}

function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `Type${type}`;
}

function className(cls: number): string {
  return CLASS_NAMES[cls] ?? `(Class ${cls})`;
}

function recordText(rr: ResourceRecord): string {
  const cls = rr.class !== CLASS_IN && rr.type !== TYPE_OPT ? ` ${className(rr.class)}` : '';
  const data = rr.data;
  let text = '';
  if (typeof data === 'string') text = rr.type === TYPE_CNAME ? ` ${fqdn(data)}` : ` ${data}`;
  return `${cls} ${typeName(rr.type)}${text}`;
}

/** One line per message, as `tcpdump -n` prints DNS. */
export function summary(msg: DnsMessage): string {
  const length = encodingLength(msg);
  const qd = msg.questions.length, an = msg.answers.length;
  const ns = msg.authorities.length, ar = msg.additionals.length;
  const op = OPCODE_NAMES[msg.opcode] ?? ` op${msg.opcode}`;
  let s = '';
  if (msg.qr) {
    const opt = msg.additionals.find((rr) => rr.type === TYPE_OPT);
    // RFC 6891 §6.1.3: the OPT TTL's top byte holds the upper eight bits of the RCODE.
    const rcode = msg.rcode | (opt ? (opt.ttl >>> 24) << 4 : 0);
    s += `${msg.id}${op}${RCODE_NAMES[rcode] ?? ` Resp${rcode}`}`;
    s += `${msg.aa ? '*' : ''}${msg.ra ? '' : '-'}${msg.tc ? '|' : ''}${msg.ad ? '$' : ''}`;
    if (qd !== 1) s += ` [${qd}q]`;
    s += ` ${an}/${ns}/${ar}`;
    s += msg.answers.map(recordText).join(',');
  } else {
    s += `${msg.id}${op}${msg.rd ? '+' : ''}${msg.cd ? '%' : ''}`;
    const flags = readU16(headerBytes(msg), 2);
    if (flags & QUERY_ODD_FLAGS) s += ` [b2&3=0x${flags.toString(16)}]`;
    if (msg.opcode === OPCODE_IQUERY) {
      if (qd) s += ` [${qd}q]`;
      if (an !== 1) s += ` [${an}a]`;
    } else {
      if (an) s += ` [${an}a]`;
      if (qd !== 1) s += ` [${qd}q]`;
    }
    if (ns) s += ` [${ns}n]`;
    if (ar) s += ` [${ar}au]`;
    for (const q of msg.questions) {
      const cls = q.class !== CLASS_IN ? ` ${className(q.class)}` : '';
      s += ` ${typeName(q.type)}${cls}? ${fqdn(q.name)}`;
    }
  }
  return `${s} (${length})`;
}
