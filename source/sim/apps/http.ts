import { isIpv4 } from '../../wire/address.js';
import * as http from '../../wire/http.js';
import type { Host } from '../host.js';
import type { SocketId } from '../trace.js';
import type { AppSocket, TcpApp, TcpAppFactory } from './app.js';
import { startDnsLookup } from './dns.js';

/** Bytes received so far on a stream, joined only when a decoder needs to look. */
class StreamBuffer {
  private chunks: Uint8Array[] = [];
  length = 0;

  push(b: Uint8Array): void {
    if (b.length === 0) return;
    this.chunks.push(b);
    this.length += b.length;
  }

  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks = out.length ? [out] : [];
    return out;
  }

  consume(n: number): void {
    const b = this.bytes().subarray(n);
    this.chunks = b.length ? [b] : [];
    this.length = b.length;
  }
}

export interface HttpServerOptions {
  /** Keep the connection open for more requests (the HTTP/1.1 default); else close after one. */
  readonly keepAlive?: boolean;
}

/**
 * A web server that answers every GET with `200 OK` and a body of `bodyLength` bytes. It
 * reads requests as bytes arrive, so a request split over segments is still understood.
 */
export function httpServerApp(bodyLength: number, opts: HttpServerOptions = {}): TcpAppFactory {
  const keepAlive = opts.keepAlive ?? true;
  return () => {
    const received = new StreamBuffer();
    return {
      protocol: 'http',
      onData(s: AppSocket) {
        received.push(s.read());
        while (received.length > 0) {
          const bytes = received.bytes();
          const d = http.decodeRequest(bytes);
          if (!d.ok) {
            if (!d.error.incomplete) s.close();
            return;
          }
          received.consume(d.bytesRead);
          const wantsClose = !keepAlive || http.findHeader(d.value.headers, 'Connection')?.toLowerCase() === 'close';
          s.write(http.encodeResponse(http.okResponse(bodyLength, wantsClose ? { connection: 'close' } : {})));
          if (wantsClose) {
            s.close();
            return;
          }
        }
      },
      onPeerClosed(s: AppSocket) {
        s.close();
      },
    } satisfies TcpApp;
  };
}

export type HttpGetStatus = 'resolving' | 'connecting' | 'waiting' | 'done' | 'failed';

/** A GET in progress; its fields fill in as the exchange goes on. */
export interface HttpGet {
  readonly url: string;
  readonly status: HttpGetStatus;
  readonly socket: SocketId | null;
  readonly response: http.HttpResponse | null;
  readonly error: string | null;
}

export interface HttpGetOptions {
  /** What the request's Connection field says; default keep-alive. The client closes once it has the response. */
  readonly connection?: http.Connection;
}

const URL_RE = /^http:\/\/([^/:?#]+)(?::(\d{1,5}))?(\/[^#]*)?$/;

/**
 * Why `url` cannot be fetched by the simulated client, or null: it must be http://host[:port]/path
 * with a port from 1 to 65535 and no spaces or control characters, which would break the
 * request line (RFC 9112 §3: a request line is method SP target SP version CRLF).
 */
export type UrlProblem =
  | { readonly code: 'not-http' }
  | { readonly code: 'bad-port'; readonly port: string }
  | { readonly code: 'control' };

export function httpUrlProblem(url: string): UrlProblem | null {
  const m = URL_RE.exec(url);
  if (!m) return { code: 'not-http' };
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535)) return { code: 'bad-port', port: m[2] };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return { code: 'control' };
  return null;
}

/** `curl http://www.example.com/`: DNS if the host is a name, connect, GET, read the response, close. */
export function startHttpGet(host: Host, url: string, opts: HttpGetOptions = {}): HttpGet {
  const g: { url: string; status: HttpGetStatus; socket: SocketId | null; response: http.HttpResponse | null; error: string | null } = {
    url, status: 'resolving', socket: null, response: null, error: null,
  };
  const m = URL_RE.exec(url);
  if (!m) {
    g.status = 'failed';
    g.error = `"${url}" is not an http:// URL`;
    return g;
  }
  const hostname = m[1]!;
  const port = m[2] ? Number(m[2]) : 80;
  const path = m[3] ?? '/';
  const received = new StreamBuffer();
  const fail = (why: string) => {
    if (g.status === 'done' || g.status === 'failed') return;
    g.status = 'failed';
    g.error = why;
  };
  const tryDecode = (s: AppSocket, final: boolean): void => {
    const bytes = received.bytes();
    const d = http.decodeResponse(bytes, 0, bytes.length);
    if (d.ok) {
      // Without Content-Length the body runs until the server closes (RFC 9112 §6.3).
      if (!final && http.findHeader(d.value.headers, 'Content-Length') === undefined) return;
      g.response = d.value;
      g.status = 'done';
      s.close();
    } else if (!d.error.incomplete || final) {
      fail(d.error.message);
      s.close();
    }
  };
  const app: TcpApp = {
    protocol: 'http',
    onOpen(s) {
      g.status = 'waiting';
      s.write(http.encodeRequest(http.getRequest(hostname, path, { connection: opts.connection ?? 'keep-alive' })));
    },
    onData(s) {
      received.push(s.read());
      if (g.status === 'waiting') tryDecode(s, false);
    },
    onPeerClosed(s) {
      if (g.status === 'waiting') tryDecode(s, true);
      s.close();
    },
    onClosed() {
      fail('the connection closed before the response was complete');
    },
  };
  const connect = (ip: string) => {
    g.status = 'connecting';
    g.socket = host.connect({ ip, port }, app).id;
  };
  if (isIpv4(hostname)) connect(hostname);
  else {
    startDnsLookup(host, hostname, (l) => {
      const ip = l.addresses?.[0];
      if (ip) connect(ip);
      else fail(l.error ?? `${hostname}: no address (DNS rcode ${l.rcode})`);
    });
  }
  return g;
}
