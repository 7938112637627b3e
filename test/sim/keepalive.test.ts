// settings.tcp's keep-alive and user timeout, against the RFCs' rules and Linux's defaults,
// with every time worked out by hand. RFC 9293 §3.8.4 (RFC 1122 §4.2.3.6): off by default,
// no less than two hours idle by default (Linux: 7200 s, then 75 s apart, 9 probes), a probe
// is <SEQ=SND.NXT-1> with no data. RFC 5482 / Linux TCP_USER_TIMEOUT: give up when sent
// data has gone unacknowledged for the user timeout.
import { describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../source/lesson/compile.js';
import { SECOND } from '../../source/sim/time.js';
import { compileText, problemsOf, stateTrail } from '../helpers/lesson-text.js';
import { decodeFrame } from './helpers.js';

const head = (settings: string) => `
id: keepalive-test
title: { en: Keep-alive, ko: 킵얼라이브 }
summary: { en: Idle., ko: 유휴. }
level: advanced
topics: [close]
topology: direct
settings: { isn: { client: 1000, server: 5000 }, tcp: ${settings} }
script:
  - listen: { host: server, port: 80 }
  - connect: { from: client, to: server, port: 80 }
`;

/** Every TCP segment after the handshake: when it left (seconds after the client's last ACK of it), who sent it, and its numbers. */
function tcpAfterHandshake(c: CompiledLesson): string[] {
  const frames = c.trace.frames.filter((f) => decodeFrame(f.bytes).tcp);
  const t0 = frames[2]!.t;
  return frames.slice(3).map((f) => {
    const t = decodeFrame(f.bytes).tcp!;
    const who = f.from.startsWith('client') ? 'client' : 'server';
    const flags = `${t.flags.syn ? 'S' : ''}${t.flags.fin ? 'F' : ''}${t.flags.rst ? 'R' : ''}${t.flags.psh ? 'P' : ''}${t.ack !== null ? 'A' : ''}`;
    return `${(f.t - t0) / SECOND}s ${who} ${flags} seq=${t.seq} ack=${t.ack ?? '-'} len=${t.payload.length}`;
  });
}

describe('keep-alive (RFC 9293 §3.8.4)', () => {
  it('is off by default: two idle hours pass without a segment', () => {
    const c = compileText(`${head('{}')}  - wait: 7300000\n`);
    expect(tcpAfterHandshake(c)).toEqual([]);
  });

  it("keepAlive: true takes Linux's 7200 s: a probe at SND.NXT−1, and the live peer's ACK restarts the wait", () => {
    const c = compileText(`${head('{ hosts: { client: { keepAlive: true } } }')}  - wait: 14500000\n`);
    // The client's SND.NXT is ISS + 1 = 1001, the server's RCV.NXT too. Link delay 1 ms each way.
    expect(tcpAfterHandshake(c)).toEqual([
      '7200s client A seq=1000 ack=5001 len=0',
      '7200.001s server A seq=5001 ack=1001 len=0',
      // The wait starts again when the ACK arrives, 1 ms after it left.
      '14400.002s client A seq=1000 ack=5001 len=0',
      '14400.003s server A seq=5001 ack=1001 len=0',
    ]);
    expect(stateTrail(c, 'client').at(-1)).toBe('ESTABLISHED');
  });

  it('finds a half-open connection: the peer that lost it answers the probe with RST', () => {
    const c = compileText(`${head('{ keepAlive: { time: 600000 } }')}  - impair: { frame: { from: server, protocol: tcp }, action: drop }
  - abort: { socket: server }
  - wait: 700000
`);
    const seen = tcpAfterHandshake(c);
    // The server's RST is lost; 600 s after the handshake the client probes; the server has
    // no connection and answers the probe's ACK with <SEQ=SEG.ACK><CTL=RST> (§3.10.7.1).
    const abortAt = Number(seen[0]!.split('s ')[0]);
    expect(seen[0]).toMatch(/ server R/);
    expect(seen.slice(1)).toEqual([
      `${abortAt === 0 ? 600 : 600} client A seq=1000 ack=5001 len=0`,
      '600.001s server R seq=5001 ack=- len=0',
    ].map((l, i) => (i === 0 ? '600s client A seq=1000 ack=5001 len=0' : l)));
    expect(stateTrail(c, 'client').at(-1)).toBe('CLOSED');
  });

  it('after count unanswered probes, interval apart, the connection is dead: RST and CLOSED at time + count × interval', () => {
    const c = compileText(`${head('{ hosts: { client: { keepAlive: { time: 10000, interval: 1000, count: 2 } } } }')}  - impair: { frame: { from: client, protocol: tcp, nth: 1 }, action: drop }
  - impair: { frame: { from: client, protocol: tcp, nth: 2 }, action: drop }
  - wait: 20000
`);
    expect(tcpAfterHandshake(c)).toEqual([
      '10s client A seq=1000 ack=5001 len=0',
      '11s client A seq=1000 ack=5001 len=0',
      // At the third firing, probes_out (2) ≥ count: the connection is aborted with the
      // RFC profile's <SEQ=SND.NXT><CTL=RST> (§3.10.5); Linux's tcp_send_active_reset adds ACK.
      '12s client R seq=1001 ack=- len=0',
    ]);
    const closed = c.trace.steps.find((s) => s.kind === 'tcp-state' && s.host === 'client' && s.to === 'CLOSED');
    expect(closed).toMatchObject({ cause: { code: 'keep-alive-timeout', rfc: '3.8.4', probes: 2 } });
  });
});

describe('user timeout (RFC 5482, RFC 9293 §3.8.3)', () => {
  it('gives up when data stays unacknowledged for the user timeout, the last RTO cut short to meet it', () => {
    const drops = [1, 2, 3].map((n) => `  - impair: { frame: { from: client, data: true, nth: ${n} }, action: drop }\n`).join('');
    const c = compileText(`${head('{ userTimeout: 5000 }')}${drops}  - send: { socket: client, bytes: 100 }\n`);
    // Sent at 0, RTO 1 s (RFC 6298): again at 1 s, backed off to 2 s: again at 3 s; the next
    // RTO (4 s, at 7 s) is cut to 0 + 5 s, when the user timeout ends the connection.
    // Times from the handshake's last ACK; the data leaves 1 ms later (the send step follows the settle).
    const t = tcpAfterHandshake(c).map((l) => l.split(' ').slice(0, 3).join(' '));
    expect(t).toEqual(['0.001s client PA', '1.001s client PA', '3.001s client PA', '5.001s client R',
      // The RST is inside the server's window but not at RCV.NXT (the data never came): a
      // challenge ACK (RFC 5961 §3.2), which the closed client answers with RST (§3.10.7.1).
      '5.002s server A', '5.003s client R']);
    expect(stateTrail(c, 'client').at(-1)).toBe('CLOSED');
  });
});

describe('settings.tcp: validate', () => {
  it('refuses a setting given both at the top and in tcp, at the tcp one', () => {
    expect(problemsOf(head('{ mss: 500 }').replace('settings: {', 'settings: { mss: 600,'))).toEqual([
      'l.yaml:8:72: mss is given twice, as settings.mss and settings.tcp.mss; keep one',
    ]);
  });
  it('names an unknown host in tcp.hosts, and an unknown option with the closest one', () => {
    expect(problemsOf(head('{ hosts: { clinet: { sack: true } } }'))).toEqual([
      "l.yaml:8:74: 'clinet' is not a host in this lesson (did you mean 'client'?); hosts: client, server",
    ]);
    expect(problemsOf(head('{ keepalive: true }'))).toEqual([
      "l.yaml:8:57: unknown field 'keepalive' (did you mean 'keepAlive'?)",
    ]);
  });
});
