import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_HEADER_SECTION,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  findHeader,
  getRequest,
  okResponse,
  requestEncodingLength,
  responseEncodingLength,
  sampleBody,
  type HttpDecoded,
  type HttpHeader,
  type HttpRequest,
  type HttpResponse,
} from '../../source/wire/http.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array) => String.fromCharCode(...b);

const GET_BYTES = bytes(
  'GET /index.html HTTP/1.1\r\n' +
  'Host: example.com\r\n' +
  'User-Agent: tcp-tutor\r\n' +
  'Accept: */*\r\n' +
  'Connection: keep-alive\r\n' +
  '\r\n',
);

const RESPONSE_BYTES = bytes(
  'HTTP/1.1 200 OK\r\n' +
  'Content-Type: text/plain\r\n' +
  'Content-Length: 5\r\n' +
  '\r\n' +
  'hello',
);

const RESPONSE: HttpResponse = {
  version: 'HTTP/1.1',
  status: 200,
  reason: 'OK',
  headers: [['Content-Type', 'text/plain'], ['Content-Length', '5']],
  body: bytes('hello'),
};

const POST: HttpRequest = {
  method: 'POST',
  target: '/api/echo?x=1',
  version: 'HTTP/1.1',
  headers: [['Host', 'example.com'], ['content-length', '11'], ['X-Empty', '']],
  body: bytes('hello world'),
};

function expectError(r: HttpDecoded<unknown>, offset: number, incomplete: boolean, pattern?: RegExp) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.protocol).toBe('http');
  expect(r.error.offset).toBe(offset);
  expect(r.error.incomplete).toBe(incomplete);
  if (pattern) expect(r.error.message).toMatch(pattern);
}

describe('HTTP golden request', () => {
  it('getRequest builds the request curl-like clients send', () => {
    const req = getRequest('example.com', '/index.html');
    expect(encodeRequest(req)).toEqual(GET_BYTES);
    expect(requestEncodingLength(req)).toBe(GET_BYTES.length);
    const close = getRequest('example.com', '/', { connection: 'close' });
    expect(findHeader(close.headers, 'connection')).toBe('close');
    expect(close.target).toBe('/');
  });

  it('decodes every field', () => {
    const r = decodeRequest(GET_BYTES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bytesRead).toBe(GET_BYTES.length);
    expect(r.value.method).toBe('GET');
    expect(r.value.target).toBe('/index.html');
    expect(r.value.version).toBe('HTTP/1.1');
    expect(r.value.headers).toEqual([
      ['Host', 'example.com'],
      ['User-Agent', 'tcp-tutor'],
      ['Accept', '*/*'],
      ['Connection', 'keep-alive'],
    ]);
    expect(r.value.body.length).toBe(0);
  });

  it('encodes into a 0xa5-filled buffer at an offset, touching nothing else', () => {
    const at = 9;
    const buf = new Uint8Array(at + GET_BYTES.length + 5).fill(0xa5);
    expect(encodeRequest(getRequest('example.com', '/index.html'), buf, at)).toBe(buf);
    expect(buf.subarray(at, at + GET_BYTES.length)).toEqual(GET_BYTES);
    expect([...buf.subarray(0, at), ...buf.subarray(at + GET_BYTES.length)].every((b) => b === 0xa5)).toBe(true);
  });

  it('reads the body of Content-Length bytes, whatever the name case', () => {
    const encoded = encodeRequest(POST);
    expect(text(encoded)).toBe(
      'POST /api/echo?x=1 HTTP/1.1\r\nHost: example.com\r\ncontent-length: 11\r\nX-Empty: \r\n\r\nhello world',
    );
    const r = decodeRequest(encoded);
    expect(r.ok && r.value).toEqual(POST);
  });

  it('strips optional whitespace around values', () => {
    const r = decodeRequest(bytes('GET / HTTP/1.1\r\nHost:example.com\r\nA: \t spaced out \t\r\n\r\n'));
    expect(r.ok && r.value.headers).toEqual([['Host', 'example.com'], ['A', 'spaced out']]);
  });
});

describe('HTTP golden response', () => {
  it('decodes every field', () => {
    const r = decodeResponse(RESPONSE_BYTES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bytesRead).toBe(RESPONSE_BYTES.length);
    expect(r.value).toEqual(RESPONSE);
  });

  it('encodes to the same bytes at an offset', () => {
    expect(responseEncodingLength(RESPONSE)).toBe(RESPONSE_BYTES.length);
    const at = 4;
    const buf = new Uint8Array(at + RESPONSE_BYTES.length + 3).fill(0xa5);
    encodeResponse(RESPONSE, buf, at);
    expect(buf.subarray(at, at + RESPONSE_BYTES.length)).toEqual(RESPONSE_BYTES);
    expect([...buf.subarray(0, at), ...buf.subarray(at + RESPONSE_BYTES.length)].every((b) => b === 0xa5)).toBe(true);
  });

  it('okResponse sends exactly N deterministic bytes with a matching Content-Length', () => {
    for (const n of [0, 1, 10, 56, 57, 100, 1460, 5000]) {
      for (const type of ['text/html', 'text/plain'] as const) {
        const res = okResponse(n, { contentType: type });
        expect(res.status).toBe(200);
        expect(res.body.length).toBe(n);
        expect(findHeader(res.headers, 'Content-Length')).toBe(String(n));
        expect(findHeader(res.headers, 'Content-Type')).toBe(type);
        expect(res.body).toEqual(okResponse(n, { contentType: type }).body);
        const r = decodeResponse(encodeResponse(res));
        expect(r.ok && r.value).toEqual(res);
      }
    }
    const page = text(sampleBody(300, 'text/html'));
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
    expect(findHeader(okResponse(3).headers, 'Connection')).toBeUndefined();
    expect(findHeader(okResponse(3, { connection: 'close' }).headers, 'Connection')).toBe('close');
  });

  it('without Content-Length the body runs to the end of the bytes given', () => {
    const r = decodeResponse(bytes('HTTP/1.0 200 OK\r\n\r\nall of this'));
    expect(r.ok && text(r.value.body)).toBe('all of this');
  });

  it('1xx, 204, 304 and responses to HEAD have no body', () => {
    for (const line of ['HTTP/1.1 100 Continue', 'HTTP/1.1 204 No Content', 'HTTP/1.1 304 Not Modified']) {
      const head = `${line}\r\nContent-Length: 10\r\n\r\n`;
      const r = decodeResponse(bytes(head + 'next'));
      expect(r.ok && r.bytesRead, line).toBe(head.length);
    }
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n';
    const r = decodeResponse(bytes(head), 0, undefined, { requestMethod: 'HEAD' });
    expect(r.ok && r.value.body.length).toBe(0);
  });

  it('accepts a status line with no reason, with or without the space', () => {
    for (const line of ['HTTP/1.1 404 ', 'HTTP/1.1 404']) {
      const r = decodeResponse(bytes(`${line}\r\nContent-Length: 0\r\n\r\n`));
      expect(r.ok && [r.value.status, r.value.reason], line).toEqual([404, '']);
    }
  });
});

describe('HTTP framing on a TCP stream', () => {
  it('pipelined requests decode one after another via bytesRead', () => {
    const a = encodeRequest(POST);
    const b = encodeRequest(getRequest('example.com', '/second'));
    const stream = new Uint8Array(a.length + b.length);
    stream.set(a);
    stream.set(b, a.length);
    const first = decodeRequest(stream);
    expect(first.ok && first.bytesRead).toBe(a.length);
    const second = decodeRequest(stream, a.length);
    expect(second.ok && second.value.target).toBe('/second');
    expect(second.ok && second.bytesRead).toBe(b.length);
  });

  it('every strict prefix of a request or response is incomplete, never a throw', () => {
    for (const [whole, decodeFn] of [
      [encodeRequest(POST), decodeRequest],
      [GET_BYTES, decodeRequest],
      [RESPONSE_BYTES, decodeResponse],
    ] as const) {
      for (let n = 0; n < whole.length; n++) {
        const buf = new Uint8Array(n + 10).fill(0x41);
        buf.set(whole.subarray(0, n), 3);
        const r = decodeFn(buf, 3, 3 + n);
        expectError(r, 3 + n, true, /incomplete/);
      }
      expect(decodeFn(whole).ok).toBe(true);
    }
  });

  it('a body shorter than Content-Length is incomplete', () => {
    expectError(
      decodeRequest(bytes('POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nhello')),
      44, true, /body has 5 of 10 bytes/,
    );
  });

  it('bytes past Content-Length belong to the next message', () => {
    const r = decodeResponse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1'));
    expect(r.ok && text(r.value.body)).toBe('hi');
    expect(r.ok && r.bytesRead).toBe(40);
  });
});

describe('HTTP decode errors', () => {
  it('rejects invalid, negative and conflicting Content-Length, pointing at the value', () => {
    const head = 'POST / HTTP/1.1\r\nContent-Length: ';
    for (const bad of ['-1', 'abc', '1.5', '5, 5', '99999999999999999']) {
      expectError(decodeRequest(bytes(`${head}${bad}\r\n\r\nhello`)), head.length, false, /Content-Length/);
    }
    const twice = 'POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: ';
    expectError(decodeRequest(bytes(`${twice}6\r\n\r\nhello!`)), twice.length, false, /disagrees/);
    const same = decodeRequest(bytes('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello'));
    expect(same.ok && text(same.value.body)).toBe('hello');
  });

  it('rejects malformed start lines', () => {
    for (const line of ['GET /', 'GET  / HTTP/1.1', 'GET / HTTP/1.1 extra', 'G(T / HTTP/1.1', 'GET / HTTP/11', '']) {
      expectError(decodeRequest(bytes(`${line}\r\nHost: a\r\n\r\n`), 0), 0, false, /malformed request line/);
    }
    for (const line of ['HTTP/1.1 20 OK', 'HTTP/1.1 OK', 'HTTP/1.1  200 OK', 'http/1.1 200 OK', 'HTTP/1.1 099 Low']) {
      expectError(decodeResponse(bytes(`${line}\r\n\r\n`)), 0, false, /malformed status line/);
    }
  });

  it('rejects a header line without a colon, at the line', () => {
    const pre = 'GET / HTTP/1.1\r\nHost: a\r\n';
    expectError(decodeRequest(bytes(`${pre}NoColonHere\r\n\r\n`)), pre.length, false, /no colon/);
  });

  it('rejects whitespace before the colon, folding, bare CR and control characters', () => {
    const pre = 'GET / HTTP/1.1\r\n';
    expectError(decodeRequest(bytes(`${pre}Host : a\r\n\r\n`)), pre.length, false, /not a token/);
    expectError(decodeRequest(bytes(`${pre}A: b\r\n c\r\n\r\n`)), pre.length + 6, false, /folding/);
    expectError(decodeRequest(bytes(`${pre}A: b\rc\r\n\r\n`)), pre.length + 4, false, /bare CR/);
    expectError(decodeRequest(bytes(`${pre}A: b\u0000c\r\n\r\n`)), pre.length + 3, false, /control/);
  });

  it('rejects Transfer-Encoding instead of misreading a chunked body', () => {
    const r = decodeResponse(bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'));
    expectError(r, 47, false, /Transfer-Encoding/);
  });

  it('bounds the header section', () => {
    const endless = new Uint8Array(MAX_HEADER_SECTION + 100).fill(0x61);
    expectError(decodeRequest(endless, 0), MAX_HEADER_SECTION, false, /no end of headers/);
    // One byte short of the bound is still possibly a slow sender.
    expectError(decodeRequest(endless, 0, MAX_HEADER_SECTION - 1), MAX_HEADER_SECTION - 1, true);
  });
});

describe('HTTP encode validation', () => {
  it('refuses messages that would not decode back the same', () => {
    const bad: [string, () => unknown][] = [
      ['body without Content-Length', () => encodeRequest({ ...POST, headers: [['Host', 'a']] })],
      ['Content-Length mismatch', () => encodeRequest({ ...POST, headers: [['Content-Length', '3']] })],
      ['header injection', () => encodeRequest({ ...POST, headers: [...POST.headers, ['X', 'a\r\nEvil: 1']] })],
      ['edge whitespace', () => encodeRequest({ ...POST, headers: [...POST.headers, ['X', ' a']] })],
      ['name with space', () => encodeRequest({ ...POST, headers: [...POST.headers, ['X Y', 'a']] })],
      ['method with space', () => encodeRequest({ ...POST, method: 'GE T' })],
      ['target with space', () => encodeRequest({ ...POST, target: '/a b' })],
      ['bad version', () => encodeRequest({ ...POST, version: 'HTTP/2' })],
      ['chunked', () => encodeResponse({ ...RESPONSE, headers: [['Transfer-Encoding', 'chunked']] })],
      ['204 with body', () => encodeResponse({ ...RESPONSE, status: 204, headers: [] })],
      ['status 42', () => encodeResponse({ ...RESPONSE, status: 42 })],
      ['non-Latin-1 value', () => encodeResponse({ ...RESPONSE, headers: [...RESPONSE.headers, ['X', '한글']] })],
    ];
    for (const [what, f] of bad) expect(f, what).toThrow(RangeError);
  });

  it('lets a response without Content-Length carry a close-delimited body', () => {
    const res: HttpResponse = { ...RESPONSE, headers: [['Connection', 'close']] };
    const r = decodeResponse(encodeResponse(res));
    expect(r.ok && r.value).toEqual(res);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join(''));
const vchar = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
const fieldVchar = vchar + '\u00a0\u00e9\u00ff\u0080'; // obs-text, including NBSP, which is not OWS
const token = chars(tchar, 1, 12);
const fieldValue = fc.oneof(
  fc.constant(''),
  fc.tuple(chars(fieldVchar, 1, 1), chars(fieldVchar + ' \t', 0, 20), chars(fieldVchar, 1, 1)).map(([a, b, c]) => a + b + c),
  chars(fieldVchar, 1, 1),
);
const plainHeaders = fc.array(fc.tuple(token, fieldValue), { maxLength: 6 }).map((hs) =>
  hs.filter(([n]) => !['content-length', 'transfer-encoding'].includes(n.toLowerCase())) as HttpHeader[],
);

/** Puts a Content-Length for `body` at a random position among the fields. */
const withLength = (headers: HttpHeader[], body: Uint8Array, at: number): HttpHeader[] => {
  const hs = [...headers];
  hs.splice(at % (hs.length + 1), 0, ['Content-Length', String(body.length)]);
  return hs;
};

const requestArb: fc.Arbitrary<HttpRequest> = fc
  .record({
    method: token,
    target: chars(vchar, 1, 30),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0'),
    headers: plainHeaders,
    body: fc.uint8Array({ maxLength: 64 }),
    at: fc.nat(),
  })
  .map(({ at, ...r }) => ({ ...r, headers: r.body.length || at % 2 ? withLength(r.headers, r.body, at) : r.headers }));

const responseArb: fc.Arbitrary<HttpResponse> = fc
  .record({
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0'),
    status: fc.integer({ min: 200, max: 599 }).filter((s) => s !== 204 && s !== 304),
    reason: chars(vchar + ' \t\u00e9', 0, 20),
    headers: plainHeaders,
    body: fc.uint8Array({ maxLength: 64 }),
    at: fc.nat(),
  })
  .map(({ at, ...r }) => ({ ...r, headers: at % 3 ? withLength(r.headers, r.body, at) : r.headers }));

describe('HTTP properties', () => {
  it('requests round-trip at a non-zero offset; encodingLength is exact', () => {
    fc.assert(
      fc.property(requestArb, fc.integer({ min: 1, max: 30 }), (req, at) => {
        const len = requestEncodingLength(req);
        const buf = new Uint8Array(at + len + 8).fill(0xa5);
        encodeRequest(req, buf, at);
        expect([...buf.subarray(0, at), ...buf.subarray(at + len)].every((b) => b === 0xa5)).toBe(true);
        const r = decodeRequest(buf, at, at + len);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.bytesRead).toBe(len);
        expect(r.value).toEqual(req);
      }),
    );
  });

  it('responses round-trip at a non-zero offset; encodingLength is exact', () => {
    fc.assert(
      fc.property(responseArb, fc.integer({ min: 1, max: 30 }), (res, at) => {
        const len = responseEncodingLength(res);
        const buf = new Uint8Array(at + len + 8).fill(0xa5);
        encodeResponse(res, buf, at);
        const r = decodeResponse(buf, at, at + len);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.bytesRead).toBe(len);
        expect(r.value).toEqual(res);
      }),
    );
  });

  it('every strict prefix of a random request is incomplete', () => {
    fc.assert(
      fc.property(requestArb, fc.nat(), (req, cut) => {
        const whole = encodeRequest(req);
        const n = cut % whole.length;
        expectError(decodeRequest(whole, 0, n), n, true);
      }),
    );
  });

  it('random bytes never throw, and errors point inside the input', () => {
    const junk = fc.oneof(
      fc.uint8Array({ maxLength: 120 }),
      fc.array(fc.constantFrom('GET', ' ', '/', 'HTTP/1.1', '\r\n', ':', 'Content-Length', '5', '-', 'a', '\r', '\n'), { maxLength: 30 })
        .map((parts) => bytes(parts.join(''))),
    );
    fc.assert(
      fc.property(junk, (input) => {
        for (const r of [decodeRequest(input), decodeResponse(input)]) {
          if (r.ok) {
            expect(r.bytesRead).toBeLessThanOrEqual(input.length);
          } else {
            expect(r.error.offset).toBeGreaterThanOrEqual(0);
            expect(r.error.offset).toBeLessThanOrEqual(input.length);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
