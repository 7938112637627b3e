import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLASS_IN,
  LAYOUT,
  TYPE_A,
  TYPE_AAAA,
  TYPE_CNAME,
  TYPE_MX,
  TYPE_OPT,
  decode,
  encode,
  encodingLength,
  summary,
  type ARecord,
  type DnsMessage,
  type ResourceRecord,
} from '../../source/wire/dns.js';
import { layoutBytes } from '../../source/wire/layout.js';
import { formatIpv6, parseIpv6 } from '../../source/wire/address.js';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const label = (s: string) => [s.length, ...ascii(s)];

const HEADER_DEFAULTS = {
  qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: false, ad: false, cd: false, rcode: 0,
  questions: [], answers: [], authorities: [], additionals: [],
} as const;

/** `dig +norec`-style query for www.example.com A, id 0x1234, RD set (RFC 1035 §4.1). */
const QUERY_BYTES = Uint8Array.from([
  0x12, 0x34, // ID
  0x01, 0x00, // QR=0 opcode=0 AA=0 TC=0 RD=1 | RA=0 Z=0 AD=0 CD=0 RCODE=0
  0x00, 0x01, // QDCOUNT
  0x00, 0x00, // ANCOUNT
  0x00, 0x00, // NSCOUNT
  0x00, 0x00, // ARCOUNT
  ...label('www'), ...label('example'), ...label('com'), 0x00,
  0x00, 0x01, // QTYPE A
  0x00, 0x01, // QCLASS IN
]);

const QUERY: DnsMessage = {
  ...HEADER_DEFAULTS,
  id: 0x1234,
  rd: true,
  questions: [{ name: 'www.example.com', type: TYPE_A, class: CLASS_IN }],
};

/*
 * A resolver's answer: www.example.com is a CNAME for web.example.com, which is a CNAME
 * for edge.cdn.example.net, which has an A record; its AAAA rides in Additional. Offsets
 * in the comments count from the start of the message, as pointers do.
 */
const RESPONSE_BYTES = Uint8Array.from([
  0x12, 0x34, 0x81, 0x80, // ID; QR=1 RD=1 RA=1
  0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, // 1 question, 3 answers, 0 authority, 1 additional
  // 12: question www(12).example(16).com(24). A IN
  ...label('www'), ...label('example'), ...label('com'), 0x00, 0x00, 0x01, 0x00, 0x01,
  // 33: www.example.com CNAME, TTL 3600, RDLENGTH 6: "web" then a pointer to example.com (16)
  0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x06,
  ...label('web'), 0xc0, 0x10,
  // 51: owner is a pointer to 45 (web.example.com, inside the previous RDATA); TTL 300, RDLENGTH 22
  0xc0, 0x2d, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x16,
  ...label('edge'), ...label('cdn'), ...label('example'), ...label('net'), 0x00,
  // 85: edge.cdn.example.net (63) A 93.184.216.34, TTL 60
  0xc0, 0x3f, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3c, 0x00, 0x04, 93, 184, 216, 34,
  // 101: edge.cdn.example.net (63) AAAA 2001:db8::1, TTL 60
  0xc0, 0x3f, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3c, 0x00, 0x10,
  0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
]);

const RESPONSE: DnsMessage = {
  ...HEADER_DEFAULTS,
  id: 0x1234,
  qr: true,
  rd: true,
  ra: true,
  questions: [{ name: 'www.example.com', type: TYPE_A, class: CLASS_IN }],
  answers: [
    { name: 'www.example.com', type: TYPE_CNAME, class: CLASS_IN, ttl: 3600, data: 'web.example.com' },
    { name: 'web.example.com', type: TYPE_CNAME, class: CLASS_IN, ttl: 300, data: 'edge.cdn.example.net' },
    { name: 'edge.cdn.example.net', type: TYPE_A, class: CLASS_IN, ttl: 60, data: '93.184.216.34' },
  ],
  additionals: [{ name: 'edge.cdn.example.net', type: TYPE_AAAA, class: CLASS_IN, ttl: 60, data: '2001:db8::1' }],
};

/** A header with the given counts, followed by `body`. */
function message(counts: [number, number, number, number], body: number[]): Uint8Array {
  const [qd, an, ns, ar] = counts;
  return Uint8Array.from([0xab, 0xcd, 0x01, 0x00, qd >> 8, qd & 0xff, an >> 8, an & 0xff, ns >> 8, ns & 0xff, ar >> 8, ar & 0xff, ...body]);
}

function expectError(result: ReturnType<typeof decode>, offset: number, pattern?: RegExp) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.protocol).toBe('dns');
  expect(result.error.offset).toBe(offset);
  if (pattern) expect(result.error.message).toMatch(pattern);
}

/** Puts `bytes` at `at` in a 0xa5-filled buffer with room after. */
function placed(bytes: Uint8Array, at: number): Uint8Array {
  const buf = new Uint8Array(at + bytes.length + 9).fill(0xa5);
  buf.set(bytes, at);
  return buf;
}

describe('DNS header layout', () => {
  it('covers the 12-byte header with every flag as its own field', () => {
    expect(layoutBytes(LAYOUT)).toBe(12);
    expect(LAYOUT.map((f) => f.key)).toEqual([
      'dns.id', 'dns.flags.response', 'dns.flags.opcode', 'dns.flags.authoritative', 'dns.flags.truncated',
      'dns.flags.recdesired', 'dns.flags.recavail', 'dns.flags.z', 'dns.flags.authenticated',
      'dns.flags.checkdisable', 'dns.flags.rcode', 'dns.count.queries', 'dns.count.answers',
      'dns.count.auth_rr', 'dns.count.add_rr',
    ]);
    let bit = 0;
    for (const f of LAYOUT) {
      expect(f.bitOffset).toBe(bit);
      bit += f.bitLength;
      expect(f.meaning.en).not.toBe('');
      expect(f.meaning.ko).not.toBe('');
    }
  });
});

describe('DNS golden query', () => {
  it('decodes every field', () => {
    const r = decode(QUERY_BYTES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bytesRead).toBe(33);
    expect(r.value).toEqual(QUERY);
  });

  it('encodes into a 0xa5-filled buffer at an offset, touching nothing else', () => {
    const at = 5;
    const buf = new Uint8Array(at + 33 + 7).fill(0xa5);
    expect(encodingLength(QUERY)).toBe(33);
    expect(encode(QUERY, buf, at)).toBe(buf);
    expect(buf.subarray(at, at + 33)).toEqual(QUERY_BYTES);
    expect([...buf.subarray(0, at)].every((b) => b === 0xa5)).toBe(true);
    expect([...buf.subarray(at + 33)].every((b) => b === 0xa5)).toBe(true);
  });

  it('decodes at an offset within a larger buffer', () => {
    const r = decode(placed(QUERY_BYTES, 11), 11, 11 + 33);
    expect(r.ok && r.value).toEqual(QUERY);
  });

  it('prints like tcpdump', () => {
    expect(summary(QUERY)).toBe('4660+ A? www.example.com. (33)');
  });
});

describe('DNS golden response with compression', () => {
  it('decodes every field, following pointers', () => {
    const r = decode(RESPONSE_BYTES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bytesRead).toBe(RESPONSE_BYTES.length);
    const m = r.value;
    expect([m.id, m.qr, m.opcode, m.aa, m.tc, m.rd, m.ra, m.z, m.ad, m.cd, m.rcode])
      .toEqual([0x1234, true, 0, false, false, true, true, false, false, false, 0]);
    expect(m.questions).toEqual([{ name: 'www.example.com', type: TYPE_A, class: CLASS_IN }]);
    // Owner 'web.example.com' is reached through a pointer into the first CNAME's RDATA,
    // which itself ends in a pointer into the question.
    expect(m.answers).toEqual(RESPONSE.answers);
    expect(m.authorities).toEqual([]);
    expect(m.additionals).toEqual(RESPONSE.additionals);
  });

  it('encodes to the same bytes, compressing as a server does', () => {
    expect(encodingLength(RESPONSE)).toBe(RESPONSE_BYTES.length);
    const at = 3;
    const buf = new Uint8Array(at + RESPONSE_BYTES.length + 4).fill(0xa5);
    encode(RESPONSE, buf, at);
    // Pointers count from the start of the message, not of the buffer.
    expect(buf.subarray(at, at + RESPONSE_BYTES.length)).toEqual(RESPONSE_BYTES);
    expect([...buf.subarray(0, at), ...buf.subarray(at + RESPONSE_BYTES.length)].every((b) => b === 0xa5)).toBe(true);
  });

  it('decodes pointers relative to the message start at a non-zero offset', () => {
    const r = decode(placed(RESPONSE_BYTES, 40), 40, 40 + RESPONSE_BYTES.length);
    expect(r.ok && r.value).toEqual(RESPONSE);
  });

  it('prints like tcpdump', () => {
    expect(summary(RESPONSE)).toBe(
      '4660 3/0/1 CNAME web.example.com., CNAME edge.cdn.example.net., A 93.184.216.34 (129)',
    );
  });
});

describe('DNS summary conventions', () => {
  it('marks rcode, AA, missing RA, TC and AD on responses', () => {
    const nx: DnsMessage = { ...RESPONSE, answers: [], additionals: [], rcode: 3, aa: true, ra: false, tc: true, ad: true };
    expect(summary(nx)).toBe(`4660 NXDomain*-|$ 0/0/0 (${encodingLength(nx)})`);
  });

  it('shows odd query flags, extra counts, non-IN classes and the root', () => {
    const q: DnsMessage = {
      ...QUERY,
      cd: true,
      aa: true,
      questions: [{ name: '', type: 2, class: 3 }],
      additionals: [{ name: '', type: TYPE_OPT, class: 1232, ttl: 0, data: new Uint8Array(0) }],
    };
    expect(summary(q)).toBe(`4660+% [b2&3=0x510] [1au] NS CHAOS? . (${encodingLength(q)})`);
  });

  it('folds the extended RCODE from OPT into the response code', () => {
    const r: DnsMessage = {
      ...RESPONSE, answers: [], rcode: 0,
      additionals: [{ name: '', type: TYPE_OPT, class: 1232, ttl: 1 << 24, data: new Uint8Array(0) }],
    };
    expect(summary(r)).toMatch(/^4660 BadVers 0\/0\/1 /);
  });
});

describe('DNS decode rejects hostile compression and lengths', () => {
  it('a pointer to itself', () => {
    expectError(decode(message([1, 0, 0, 0], [0xc0, 0x0c, 0, 1, 0, 1])), 12, /point back/);
  });

  it('a pointer to itself, with absolute offsets at a non-zero message offset', () => {
    const bytes = message([1, 0, 0, 0], [0xc0, 0x0c, 0, 1, 0, 1]);
    expectError(decode(placed(bytes, 20), 20, 20 + bytes.length), 32, /point back/);
  });

  it('two pointers pointing at each other', () => {
    // The question's QTYPE bytes (13) double as a pointer to the answer's owner (17),
    // which points back at 13: a loop a naive decoder would follow forever.
    const bytes = message([1, 1, 0, 0], [0x00, 0xc0, 0x11, 0, 1, 0xc0, 0x0d, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    expectError(decode(bytes), 13, /point back/);
  });

  it('a forward pointer', () => {
    expectError(decode(message([1, 0, 0, 0], [0xc0, 0x12, 0, 1, 0, 1, ...label('a'), 0])), 12, /point back/);
  });

  it('a pointer past the end', () => {
    expectError(decode(message([1, 0, 0, 0], [0xc0, 0xff, 0, 1, 0, 1])), 12, /past the end/);
  });

  it('a pointer cut off by the end', () => {
    expectError(decode(message([1, 0, 0, 0], [...label('abc'), 0xc0])), 16, /cut off/);
  });

  it('a label of length 64', () => {
    const body = [...label('www'), 64, ...new Array<number>(64).fill(0x61), 0, 0, 1, 0, 1];
    expectError(decode(message([1, 0, 0, 0], body)), 16, /over 63/);
  });

  it('reserved label type bits 10', () => {
    expectError(decode(message([1, 0, 0, 0], [0x80, 0x01, 0x61, 0, 0, 1, 0, 1])), 12, /reserved/);
  });

  it('a count of 65535 questions with 20 bytes of data', () => {
    const r = decode(message([0xffff, 0, 0, 0], new Array<number>(20).fill(0)));
    expectError(r, 4, /65535 questions/);
  });

  it('answer counts that run past the end point at ANCOUNT', () => {
    expectError(decode(message([1, 0x100, 0, 0], [0, 0, 1, 0, 1])), 6, /answers/);
  });

  it('a name longer than 255 bytes', () => {
    const long = (c: string) => label(c.repeat(63));
    const body = [...long('a'), ...long('b'), ...long('c'), ...long('d'), 0, 0, 1, 0, 1];
    expectError(decode(message([1, 0, 0, 0], body)), 12 + 3 * 64, /longer than 255/);
  });

  it('a name that runs off the end', () => {
    expectError(decode(message([1, 0, 0, 0], [20, 0x61, 0x62, 0x63, 0x64, 0x65])), 12, /past the end/);
  });

  it('pointer chains longer than any honest name', () => {
    // Question k's name is a pointer to question k-1's name, so question k takes k hops.
    const body = [0, 0, 1, 0, 1];
    const questions = 130;
    for (let k = 1; k < questions; k++) {
      const prev = 12 + (k === 1 ? 0 : 5 + (k - 2) * 6);
      body.push(0xc0 | (prev >> 8), prev & 0xff, 0, 1, 0, 1);
    }
    const at128 = 12 + 5 + 127 * 6;
    expectError(decode(message([questions, 0, 0, 0], body)), at128, /more than 127/);
  });

  it('RDLENGTH running past the end', () => {
    const body = [0, 0, 1, 0, 1, 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 8, 1, 2, 3, 4];
    expectError(decode(message([1, 1, 0, 0], body)), 12 + 5 + 2 + 8, /RDLENGTH 8 runs past/);
  });

  it('RDLENGTH disagreeing with A, AAAA and CNAME', () => {
    const rr = (type: number, rdata: number[]) =>
      message([0, 1, 0, 0], [0, 0, type, 0, 1, 0, 0, 0, 60, 0, rdata.length, ...rdata]);
    expectError(decode(rr(TYPE_A, [1, 2, 3, 4, 5])), 21, /A record RDLENGTH is 5/);
    expectError(decode(rr(TYPE_AAAA, [1, 2, 3, 4])), 21, /AAAA record RDLENGTH is 4/);
    expectError(decode(rr(TYPE_CNAME, [...label('a'), 0, 0xff])), 21, /CNAME target takes 3 bytes but RDLENGTH is 4/);
    expectError(decode(rr(TYPE_CNAME, [...label('abc')])), 27, /past the end/);
  });

  it('a truncated header', () => {
    expectError(decode(QUERY_BYTES, 0, 11), 0, /shorter than the 12-byte header/);
  });

  it('every strict prefix of the golden response', () => {
    for (let n = 0; n < RESPONSE_BYTES.length; n++) {
      const r = decode(RESPONSE_BYTES, 0, n);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.offset).toBeLessThanOrEqual(n);
    }
  });
});

describe('DNS encode validation', () => {
  const withName = (name: string): DnsMessage => ({ ...QUERY, questions: [{ name, type: TYPE_A, class: CLASS_IN }] });

  it('rejects a label over 63 bytes and a name over 255', () => {
    expect(() => encode(withName('a'.repeat(64) + '.com'))).toThrow(RangeError);
    expect(() => encodingLength(withName(Array(4).fill('a'.repeat(63)).join('.')))).toThrow(RangeError);
    expect(() => encode(withName(Array(4).fill('a'.repeat(62)).join('.')))).not.toThrow();
  });

  it('rejects empty labels, bad escapes and non-ASCII', () => {
    for (const bad of ['a..b', '.a', 'a\\', 'a\\12', 'a\\256', 'café.fr']) {
      expect(() => encode(withName(bad)), bad).toThrow(RangeError);
    }
  });

  it('accepts the root spelled "." and a trailing dot', () => {
    const r = decode(encode(withName('www.example.com.')));
    expect(r.ok && r.value.questions[0]!.name).toBe('www.example.com');
    const root = decode(encode(withName('.')));
    expect(root.ok && root.value.questions[0]!.name).toBe('');
  });

  it('round-trips escaped bytes in labels', () => {
    const name = 'a\\.b\\\\c\\000\\255\\032.example';
    const bytes = encode(withName(name));
    expect([...bytes.subarray(12, 12 + 11)]).toEqual([8, 0x61, 0x2e, 0x62, 0x5c, 0x63, 0, 255, 32, 7, 0x65]);
    const r = decode(bytes);
    expect(r.ok && r.value.questions[0]!.name).toBe(name);
  });

  it('rejects header values and record fields that do not fit', () => {
    expect(() => encode({ ...QUERY, id: 0x10000 })).toThrow(RangeError);
    expect(() => encode({ ...QUERY, opcode: 16 })).toThrow(RangeError);
    const a: ARecord = { name: 'x.example', type: TYPE_A, class: CLASS_IN, ttl: 1, data: '192.0.2.1' };
    expect(() => encode({ ...RESPONSE, answers: [a] })).not.toThrow();
    expect(() => encode({ ...RESPONSE, answers: [{ ...a, ttl: 2 ** 32 }] })).toThrow(RangeError);
    expect(() => encode({ ...RESPONSE, answers: [{ ...a, data: '1.2.3' }] })).toThrow(RangeError);
    expect(() => encode({ ...RESPONSE, answers: [{ ...a, type: TYPE_MX, data: 'mail.example.com' } as unknown as ResourceRecord] })).toThrow(RangeError);
  });

  it('never points at a name beyond the 14-bit pointer range', () => {
    const big: ResourceRecord = { name: 'big.example', type: 99, class: CLASS_IN, ttl: 1, data: new Uint8Array(0x4000) };
    const late = (data: string): ResourceRecord => ({ name: 'late.example', type: TYPE_A, class: CLASS_IN, ttl: 1, data });
    const msg: DnsMessage = { ...RESPONSE, answers: [big, late('10.0.0.1'), late('10.0.0.2')], additionals: [] };
    const bytes = encode(msg);
    expect(bytes.length).toBe(encodingLength(msg));
    const r = decode(bytes);
    expect(r.ok && r.value).toEqual(msg);
  });
});

describe('IPv6 text', () => {
  it('formats as RFC 5952 §4 says', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:DB8::AB', '2001:db8::ab'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['fe80:0:0:0:0:0:0:0', 'fe80::'],
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
      ['::ffff:c000:201', '::ffff:192.0.2.1'],
    ];
    for (const [input, canonical] of cases) expect(formatIpv6(parseIpv6(input)), input).toBe(canonical);
  });

  it('rejects malformed text', () => {
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', '::g', '1:2:3:4:5:6:7::8', '']) {
      expect(() => parseIpv6(bad), bad).toThrow(RangeError);
    }
  });

  it('agrees with the WHATWG URL serializer, which compresses the same way', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.nat(7), fc.nat(7), (bytes, from, span) => {
        // Zero a run of groups so that "::" placement is exercised.
        bytes.fill(0, from * 2, Math.min(16, (from + span) * 2));
        const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
        fc.pre(!mapped);
        const full = Array.from({ length: 8 }, (_, i) => ((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!).toString(16)).join(':');
        const viaUrl = new URL(`http://[${full}]/`).hostname.slice(1, -1);
        expect(formatIpv6(bytes)).toBe(viaUrl);
        expect(parseIpv6(viaUrl)).toEqual(bytes);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Properties

/** An independent spelling of label bytes in presentation form (RFC 1035 §5.1). */
function presentLabel(bytes: Uint8Array): string {
  return [...bytes]
    .map((b) => (b === 0x2e || b === 0x5c ? '\\' + String.fromCharCode(b)
      : b > 0x20 && b < 0x7f ? String.fromCharCode(b)
      : '\\' + String(b).padStart(3, '0')))
    .join('');
}

// A small vocabulary makes shared suffixes, and so compression, common.
const labelArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('www', 'example', 'com', 'net', 'a', 'cdn', 'Mail') },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 63 }).map(presentLabel) },
);
const nameArb = fc.array(labelArb, { maxLength: 3 }).map((ls) => ls.join('.'));
const u16 = fc.integer({ min: 0, max: 0xffff });
const common = { name: nameArb, class: u16, ttl: fc.integer({ min: 0, max: 0xffffffff }) };
const recordArb: fc.Arbitrary<ResourceRecord> = fc.oneof(
  fc.record({ ...common, type: fc.constant(TYPE_A), data: fc.ipV4() }),
  fc.record({ ...common, type: fc.constant(TYPE_AAAA), data: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIpv6(b)) }),
  fc.record({ ...common, type: fc.constant(TYPE_CNAME), data: nameArb }),
  fc.record({
    ...common,
    type: u16.filter((t) => t !== TYPE_A && t !== TYPE_AAAA && t !== TYPE_CNAME),
    data: fc.uint8Array({ maxLength: 40 }),
  }),
);
const messageArb: fc.Arbitrary<DnsMessage> = fc.record({
  id: u16,
  qr: fc.boolean(),
  opcode: fc.integer({ min: 0, max: 15 }),
  aa: fc.boolean(),
  tc: fc.boolean(),
  rd: fc.boolean(),
  ra: fc.boolean(),
  z: fc.boolean(),
  ad: fc.boolean(),
  cd: fc.boolean(),
  rcode: fc.integer({ min: 0, max: 15 }),
  questions: fc.array(fc.record({ name: nameArb, type: u16, class: u16 }), { maxLength: 3 }),
  answers: fc.array(recordArb, { maxLength: 4 }),
  authorities: fc.array(recordArb, { maxLength: 2 }),
  additionals: fc.array(recordArb, { maxLength: 2 }),
});

describe('DNS properties', () => {
  it('encode → decode is the identity at a non-zero offset; encodingLength is exact', () => {
    fc.assert(
      fc.property(messageArb, fc.integer({ min: 1, max: 40 }), (msg, at) => {
        const len = encodingLength(msg);
        const buf = new Uint8Array(at + len + 16).fill(0xa5);
        encode(msg, buf, at);
        expect([...buf.subarray(0, at), ...buf.subarray(at + len)].every((b) => b === 0xa5)).toBe(true);
        const r = decode(buf, at, at + len);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.bytesRead).toBe(len);
        expect(r.value).toEqual(msg);
        // Trailing bytes after the last record are not part of the message.
        const loose = decode(buf, at);
        expect(loose.ok && loose.bytesRead).toBe(len);
      }),
    );
  });

  it('random bytes never throw, and errors point inside the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(8), (bytes, at) => {
        const buf = placed(bytes, at);
        const r = decode(buf, at, at + bytes.length);
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(at);
          expect(r.error.offset).toBeLessThanOrEqual(at + bytes.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated real messages never throw, and whatever decodes re-encodes to the same value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(QUERY_BYTES, RESPONSE_BYTES),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        (original, edits) => {
          const bytes = Uint8Array.from(original);
          for (const [i, v] of edits) bytes[i % bytes.length] = v;
          const r = decode(bytes);
          if (!r.ok) return;
          const again = decode(encode(r.value));
          expect(again.ok && again.value).toEqual(r.value);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
