import type { WireError } from './errors.js';

/**
 * HTTP/1.1 messages as the bytes an application hands to TCP (RFC 9112). Only the framing
 * a byte-accurate lesson needs: start line, header fields, and a body delimited by
 * Content-Length or, for a response, by the connection closing. Chunked transfer coding
 * is not supported and is reported as an error rather than misread.
 */
const PROTOCOL = 'http';

/**
 * The most bytes the start line and header fields may take, blank line included. Without
 * a bound, a peer that never sends CRLFCRLF would make every retry rescan a growing buffer.
 */
export const MAX_HEADER_SECTION = 64 * 1024;

export const HTTP_1_1 = 'HTTP/1.1';

export type HttpHeader = readonly [name: string, value: string];

export interface HttpRequest {
  readonly method: string;
  readonly target: string;
  /** `HTTP/1.1` in practice; any `HTTP/d.d` (RFC 9112 §2.3) decodes. */
  readonly version: string;
  /** In wire order, names spelled as sent. */
  readonly headers: readonly HttpHeader[];
  readonly body: Uint8Array;
}

export interface HttpResponse {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly HttpHeader[];
  readonly body: Uint8Array;
}

/**
 * `incomplete` is true when the bytes given end too early: a receiver reassembling a TCP
 * stream should wait for more rather than give up. Any other error will not go away.
 */
export interface HttpError extends WireError {
  readonly incomplete: boolean;
}

/** A Decoded<T> whose error also says whether more bytes could help. */
export type HttpDecoded<T> =
  | { readonly ok: true; readonly value: T; readonly bytesRead: number }
  | { readonly ok: false; readonly error: HttpError };

function failHttp(offset: number, message: string, incomplete = false): { readonly ok: false; readonly error: HttpError } {
  return { ok: false, error: { protocol: PROTOCOL, offset, message, incomplete } };
}

// ---------------------------------------------------------------------------------------
// Grammar (RFC 9110 §5.1, §5.5, §5.6.2; RFC 9112 §2.3, §3, §4)

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** request-target: any visible ASCII, no spaces (RFC 9112 §3.2). */
const TARGET = /^[\x21-\x7e]+$/;
const VERSION = /^HTTP\/\d\.\d$/;
/** field-value: visible characters with inner spaces or tabs, none at either end. */
const FIELD_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;
const REASON = /^[\t\x20-\x7e\x80-\xff]*$/;
const DIGITS = /^\d+$/;
/** Optional whitespace around a field value (RFC 9110 §5.6.3). */
const OWS_EDGES = /^[\t ]+|[\t ]+$/g;
const LEADING_OWS = /^[\t ]*/;

const REQUEST_LINE = /^([^ ]+) ([^ ]+) ([^ ]+)$/;
/** RFC 9112 §4 requires the space before an empty reason; a missing one is tolerated. */
const STATUS_LINE = /^(HTTP\/\d\.\d) ([1-9]\d\d)(?: (.*))?$/;

const MIN_STATUS = 100;
const MAX_STATUS = 999;
/** Beyond this many digits a length is no longer an exact JavaScript number. */
const MAX_LENGTH_DIGITS = 15;

const CR = 0x0d;
const LF = 0x0a;
const CRLF = '\r\n';
const END_OF_HEAD_LEN = 4;

const CONTENT_LENGTH = 'content-length';
const TRANSFER_ENCODING = 'transfer-encoding';

/** Looks a field up by name, case-insensitively (RFC 9110 §5.1); the first one wins. */
export function findHeader(headers: readonly HttpHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** RFC 9112 §6.3 rule 1: these responses never have a body, whatever the fields say. */
function statusHasNoBody(status: number): boolean {
  return (status >= 100 && status < 200) || status === 204 || status === 304;
}

// ---------------------------------------------------------------------------------------
// Encode

function checkHeaders(headers: readonly HttpHeader[]): void {
  for (const [name, value] of headers) {
    if (!TOKEN.test(name)) throw new RangeError(`HTTP header name ${JSON.stringify(name)} is not a token`);
    if (!FIELD_VALUE.test(value)) {
      throw new RangeError(`HTTP header ${name}: value ${JSON.stringify(value)} has control characters or edge whitespace`);
    }
  }
  if (findHeader(headers, TRANSFER_ENCODING) !== undefined) {
    throw new RangeError('Transfer-Encoding is not supported; frame the body with Content-Length');
  }
}

/** The one Content-Length all such fields agree on, or null if there is none. */
function declaredLength(headers: readonly HttpHeader[]): number | null {
  let length: number | null = null;
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== CONTENT_LENGTH) continue;
    if (!DIGITS.test(value) || value.length > MAX_LENGTH_DIGITS) {
      throw new RangeError(`Content-Length ${JSON.stringify(value)} is not a decimal length`);
    }
    if (length !== null && Number(value) !== length) throw new RangeError('Content-Length fields disagree');
    length = Number(value);
  }
  return length;
}

function head(startLine: string, headers: readonly HttpHeader[]): string {
  let s = startLine + CRLF;
  for (const [name, value] of headers) s += `${name}: ${value}${CRLF}`;
  s += CRLF;
  if (s.length > MAX_HEADER_SECTION) {
    throw new RangeError(`HTTP header section of ${s.length} bytes exceeds ${MAX_HEADER_SECTION}`);
  }
  return s;
}

function requestHead(req: HttpRequest): string {
  if (!TOKEN.test(req.method)) throw new RangeError(`HTTP method ${JSON.stringify(req.method)} is not a token`);
  if (!TARGET.test(req.target)) throw new RangeError(`HTTP request target ${JSON.stringify(req.target)} is not valid`);
  if (!VERSION.test(req.version)) throw new RangeError(`HTTP version ${JSON.stringify(req.version)} is not HTTP/d.d`);
  checkHeaders(req.headers);
  const length = declaredLength(req.headers);
  // RFC 9112 §6.3 rule 7: without Content-Length a request has no body, so a body
  // encoded without one would be read as the start of the next request.
  if ((length ?? 0) !== req.body.length) {
    throw new RangeError(`request body is ${req.body.length} bytes but Content-Length says ${length ?? 'nothing'}`);
  }
  return head(`${req.method} ${req.target} ${req.version}`, req.headers);
}

function responseHead(res: HttpResponse): string {
  if (!VERSION.test(res.version)) throw new RangeError(`HTTP version ${JSON.stringify(res.version)} is not HTTP/d.d`);
  if (!Number.isInteger(res.status) || res.status < MIN_STATUS || res.status > MAX_STATUS) {
    throw new RangeError(`HTTP status ${res.status} is not three digits`);
  }
  if (!REASON.test(res.reason)) throw new RangeError(`HTTP reason ${JSON.stringify(res.reason)} has control characters`);
  checkHeaders(res.headers);
  const length = declaredLength(res.headers);
  if (statusHasNoBody(res.status)) {
    if (res.body.length > 0) throw new RangeError(`a ${res.status} response has no body`);
  } else if (length !== null && length !== res.body.length) {
    throw new RangeError(`response body is ${res.body.length} bytes but Content-Length says ${length}`);
  }
  return head(`${res.version} ${res.status} ${res.reason}`, res.headers);
}

function write(headText: string, body: Uint8Array, buf: Uint8Array | undefined, offset: number): Uint8Array {
  const len = headText.length + body.length;
  const out = buf ?? new Uint8Array(offset + len);
  if (out.length < offset + len) throw new RangeError('buffer too small for HTTP message');
  // Every character was checked to be a single byte (ISO-8859-1), the way HTTP/1.1 carries text.
  for (let i = 0; i < headText.length; i++) out[offset + i] = headText.charCodeAt(i);
  out.set(body, offset + headText.length);
  return out;
}

export function requestEncodingLength(req: HttpRequest): number {
  return requestHead(req).length + req.body.length;
}

export function responseEncodingLength(res: HttpResponse): number {
  return responseHead(res).length + res.body.length;
}

export function encodeRequest(req: HttpRequest, buf?: Uint8Array, offset = 0): Uint8Array {
  return write(requestHead(req), req.body, buf, offset);
}

export function encodeResponse(res: HttpResponse, buf?: Uint8Array, offset = 0): Uint8Array {
  return write(responseHead(res), res.body, buf, offset);
}

// ---------------------------------------------------------------------------------------
// Decode

interface Head {
  readonly startLine: string;
  readonly headers: HttpHeader[];
  /** Absolute offset of each Content-Length value, for error messages. */
  readonly lengthFields: { readonly value: string; readonly at: number }[];
  readonly hasTransferEncoding: boolean;
  readonly bodyStart: number;
}

const LATIN1_CHUNK = 8192;

function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i += LATIN1_CHUNK) {
    s += String.fromCharCode(...buf.subarray(i, Math.min(end, i + LATIN1_CHUNK)));
  }
  return s;
}

/** Where the blank line ending the header section starts, or -1 if not within `limit`. */
function findEndOfHead(buf: Uint8Array, offset: number, limit: number): number {
  for (let i = offset; i + END_OF_HEAD_LEN <= limit; i++) {
    if (buf[i] === CR && buf[i + 1] === LF && buf[i + 2] === CR && buf[i + 3] === LF) return i;
  }
  return -1;
}

function readHead(buf: Uint8Array, offset: number, end: number): HttpDecoded<Head> {
  const limit = Math.min(end, offset + MAX_HEADER_SECTION);
  const eoh = findEndOfHead(buf, offset, limit);
  if (eoh < 0) {
    if (end - offset >= MAX_HEADER_SECTION) {
      return failHttp(offset + MAX_HEADER_SECTION, `no end of headers within ${MAX_HEADER_SECTION} bytes`);
    }
    return failHttp(end, 'incomplete: the header section has not ended (no CRLFCRLF yet)', true);
  }
  // One character per byte, so string indexes are byte offsets from `offset`.
  const text = latin1(buf, offset, eoh);
  const lines = text.split(CRLF);
  let lineAt = offset;
  const headers: HttpHeader[] = [];
  const lengthFields: { value: string; at: number }[] = [];
  let hasTransferEncoding = false;
  for (const [i, line] of lines.entries()) {
    // RFC 9112 §2.2: a bare CR must be rejected; accepting a bare LF is optional and
    // would make framing depend on which parser reads the bytes.
    const bare = line.search(/[\r\n]/);
    if (bare >= 0) return failHttp(lineAt + bare, 'bare CR or LF inside the header section');
    if (i > 0) {
      if (line.startsWith(' ') || line.startsWith('\t')) {
        return failHttp(lineAt, 'obsolete line folding is not accepted (RFC 9112 §5.2)');
      }
      const colon = line.indexOf(':');
      if (colon < 0) return failHttp(lineAt, `header line ${JSON.stringify(line)} has no colon`);
      const name = line.slice(0, colon);
      // Also catches whitespace before the colon, which RFC 9112 §5.1 says to reject.
      if (!TOKEN.test(name)) return failHttp(lineAt, `header name ${JSON.stringify(name)} is not a token`);
      const rawValue = line.slice(colon + 1);
      const value = rawValue.replace(OWS_EDGES, '');
      const valueAt = lineAt + colon + 1 + LEADING_OWS.exec(rawValue)![0].length;
      if (!FIELD_VALUE.test(value)) return failHttp(valueAt, `header ${name} has control characters in its value`);
      const lower = name.toLowerCase();
      if (lower === CONTENT_LENGTH) lengthFields.push({ value, at: valueAt });
      if (lower === TRANSFER_ENCODING) hasTransferEncoding = true;
      headers.push([name, value]);
    }
    lineAt += line.length + CRLF.length;
  }
  return {
    ok: true,
    value: { startLine: lines[0]!, headers, lengthFields, hasTransferEncoding, bodyStart: eoh + END_OF_HEAD_LEN },
    bytesRead: eoh + END_OF_HEAD_LEN - offset,
  };
}

/** RFC 9112 §6.3 rules 3–5: the body length from Content-Length, or null if absent. */
function contentLength(h: Head): HttpDecoded<number | null> {
  if (h.hasTransferEncoding) {
    return failHttp(h.bodyStart, 'Transfer-Encoding is not supported (only Content-Length framing)');
  }
  let length: number | null = null;
  for (const f of h.lengthFields) {
    if (!DIGITS.test(f.value)) return failHttp(f.at, `Content-Length ${JSON.stringify(f.value)} is not a non-negative integer`);
    if (f.value.length > MAX_LENGTH_DIGITS) return failHttp(f.at, `Content-Length ${f.value} is too large`);
    const n = Number(f.value);
    if (length !== null && n !== length) return failHttp(f.at, `Content-Length ${n} disagrees with an earlier ${length}`);
    length = n;
  }
  return { ok: true, value: length, bytesRead: 0 };
}

function body(buf: Uint8Array, start: number, end: number, length: number): HttpDecoded<Uint8Array> {
  const have = end - start;
  if (have < length) return failHttp(end, `incomplete: body has ${have} of ${length} bytes`, true);
  return { ok: true, value: buf.subarray(start, start + length), bytesRead: length };
}

/**
 * Decodes one request at `offset`. `bytesRead` covers the head and the body, so the next
 * pipelined request, if any, starts right after.
 */
export function decodeRequest(buf: Uint8Array, offset = 0, end = buf.length): HttpDecoded<HttpRequest> {
  end = Math.min(end, buf.length);
  const h = readHead(buf, offset, end);
  if (!h.ok) return h;
  const m = REQUEST_LINE.exec(h.value.startLine);
  const [method, target, version] = m ? [m[1]!, m[2]!, m[3]!] : ['', '', ''];
  if (!m || !TOKEN.test(method) || !TARGET.test(target) || !VERSION.test(version)) {
    return failHttp(offset, `malformed request line ${JSON.stringify(h.value.startLine)}; expected "METHOD target HTTP/1.1"`);
  }
  const length = contentLength(h.value);
  if (!length.ok) return length;
  const b = body(buf, h.value.bodyStart, end, length.value ?? 0);
  if (!b.ok) return b;
  return {
    ok: true,
    value: { method, target, version, headers: h.value.headers, body: b.value },
    bytesRead: h.bytesRead + b.bytesRead,
  };
}

export interface ResponseDecodeOptions {
  /** The method of the request this answers; a response to HEAD has no body. */
  readonly requestMethod?: string;
}

/**
 * Decodes one response at `offset`. Without Content-Length the body runs to `end`,
 * because such a response ends when the server closes the connection (RFC 9112 §6.3 rule 8).
 */
export function decodeResponse(
  buf: Uint8Array,
  offset = 0,
  end = buf.length,
  opts: ResponseDecodeOptions = {},
): HttpDecoded<HttpResponse> {
  end = Math.min(end, buf.length);
  const h = readHead(buf, offset, end);
  if (!h.ok) return h;
  const m = STATUS_LINE.exec(h.value.startLine);
  if (!m || !REASON.test(m[3] ?? '')) {
    return failHttp(offset, `malformed status line ${JSON.stringify(h.value.startLine)}; expected "HTTP/1.1 200 OK"`);
  }
  const status = Number(m[2]);
  const length = contentLength(h.value);
  if (!length.ok) return length;
  const bodyStart = h.value.bodyStart;
  let bodyLength: number;
  if (statusHasNoBody(status) || opts.requestMethod === 'HEAD') bodyLength = 0;
  else bodyLength = length.value ?? end - bodyStart;
  const b = body(buf, bodyStart, end, bodyLength);
  if (!b.ok) return b;
  return {
    ok: true,
    value: { version: m[1]!, status, reason: m[3] ?? '', headers: h.value.headers, body: b.value },
    bytesRead: h.bytesRead + b.bytesRead,
  };
}

// ---------------------------------------------------------------------------------------
// Typical messages for lessons

export type Connection = 'keep-alive' | 'close';

export interface GetRequestOptions {
  /** keep-alive (the HTTP/1.1 default, spelled out) or close. */
  readonly connection?: Connection;
}

/** A GET such as a command-line client sends. */
export function getRequest(host: string, path = '/', opts: GetRequestOptions = {}): HttpRequest {
  return {
    method: 'GET',
    target: path,
    version: HTTP_1_1,
    headers: [
      ['Host', host],
      ['User-Agent', 'tcp-tutor'],
      ['Accept', '*/*'],
      ['Connection', opts.connection ?? 'keep-alive'],
    ],
    body: new Uint8Array(0),
  };
}

export type SampleContentType = 'text/html' | 'text/plain';

export interface OkResponseOptions {
  readonly contentType?: SampleContentType;
  /** Adds a Connection field; none by default, as keep-alive is implied in HTTP/1.1. */
  readonly connection?: Connection;
}

const HTML_OPEN = '<!DOCTYPE html>\n<html><body><pre>\n';
const HTML_CLOSE = '</pre></body></html>\n';

/** Readable filler text, so the body is recognisable in a hex view at any size. */
function fillerText(length: number): string {
  let s = '';
  for (let line = 1; s.length < length; line++) {
    s += `line ${String(line).padStart(5, '0')}: the quick brown fox jumps over the lazy dog\n`;
  }
  return s.slice(0, length);
}

/** Exactly `length` bytes of deterministic text; a whole HTML page when there is room. */
export function sampleBody(length: number, contentType: SampleContentType = 'text/html'): Uint8Array {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`body length ${length} is not a byte count`);
  const wrap = HTML_OPEN.length + HTML_CLOSE.length;
  const text = contentType === 'text/html' && length >= wrap
    ? HTML_OPEN + fillerText(length - wrap) + HTML_CLOSE
    : fillerText(length);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** `200 OK` with a body of `bodyLength` bytes and a matching Content-Length. */
export function okResponse(bodyLength: number, opts: OkResponseOptions = {}): HttpResponse {
  const contentType = opts.contentType ?? 'text/html';
  const headers: HttpHeader[] = [
    ['Content-Type', contentType],
    ['Content-Length', String(bodyLength)],
  ];
  if (opts.connection) headers.push(['Connection', opts.connection]);
  return { version: HTTP_1_1, status: 200, reason: 'OK', headers, body: sampleBody(bodyLength, contentType) };
}
