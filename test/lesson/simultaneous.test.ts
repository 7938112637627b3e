// `together` and `connect.fromPort` stage RFC 9293's simultaneous open (Figure 8) and
// simultaneous close (Figure 13). The expected states and segments are the figures'
// own lines, with the figures' own sequence numbers (ISS 100 and 300).
import { describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../source/lesson/compile.js';
import { compileText as compile, problemsOf, stateTrail as states } from '../helpers/lesson-text.js';
import { decodeFrame } from '../sim/helpers.js';

const HEAD = `
id: simultaneous-test
title: { en: Simultaneous, ko: 동시 }
summary: { en: Both at once., ko: 둘이 동시에. }
level: advanced
topics: [handshake]
topology: direct
settings: { isn: { client: 100, server: 300 } }
script:
  - arp: { from: client, ip: 192.168.1.80 }
    background: true
`;

const OPEN = `${HEAD}
  - together:
      - connect: { from: client, to: server, port: 7000, fromPort: 6000 }
      - connect: { from: server, to: client, port: 6000, fromPort: 7000 }
`;

/** TCP segments each host sent, as RFC 9293's figures write them. */
function segments(c: CompiledLesson, from: string): string[] {
  const mac = c.topology.hosts.find((h) => h.name === from)!.mac;
  return c.trace.frames.flatMap((f) => {
    const d = decodeFrame(f.bytes);
    if (!d.tcp || d.eth.src !== mac) return [];
    const t = d.tcp;
    const ctl = [t.flags.syn && 'SYN', t.flags.fin && 'FIN', t.flags.rst && 'RST', t.ack !== null && 'ACK'].filter(Boolean).join(',');
    return [`<SEQ=${t.seq}>${t.ack !== null ? `<ACK=${t.ack}>` : ''}<CTL=${ctl}>`];
  });
}

describe('together: two hosts act at one instant', () => {
  it('a simultaneous open follows RFC 9293 Figure 8 line by line', () => {
    const c = compile(OPEN);
    // Lines 2–6: CLOSED → SYN-SENT → SYN-RECEIVED → ESTABLISHED, on both sides.
    expect(states(c, 'client')).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    expect(states(c, 'server')).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    // Line 2 and 5 for A (client), lines 3 and 6 for B (server).
    expect(segments(c, 'client')).toEqual(['<SEQ=100><CTL=SYN>', '<SEQ=100><ACK=301><CTL=SYN,ACK>']);
    expect(segments(c, 'server')).toEqual(['<SEQ=300><CTL=SYN>', '<SEQ=300><ACK=101><CTL=SYN,ACK>']);
    // Both SYNs leave before either arrives: they cross on the wire.
    const sent = c.trace.frames.filter((f) => decodeFrame(f.bytes).tcp?.flags.syn);
    expect(sent[0]!.t).toBe(sent[1]!.t);
  });

  it('a simultaneous close follows RFC 9293 Figure 13: FIN-WAIT-1, CLOSING, TIME-WAIT on both sides', () => {
    const c = compile(`${OPEN}
  - together:
      - close: { socket: client }
      - close: { socket: server }
  - wait: 70000
`);
    expect(states(c, 'client').slice(3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT', 'CLOSED']);
    expect(states(c, 'server').slice(3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT', 'CLOSED']);
    // Figure 13 with ISS 100 and 300: after the handshake A is at 101, B at 301.
    expect(segments(c, 'client').slice(2)).toEqual(['<SEQ=101><ACK=301><CTL=FIN,ACK>', '<SEQ=102><ACK=302><CTL=ACK>']);
    expect(segments(c, 'server').slice(2)).toEqual(['<SEQ=301><ACK=101><CTL=FIN,ACK>', '<SEQ=302><ACK=102><CTL=ACK>']);
  });

  it('refuses an entry of together with no action or two', () => {
    expect(problemsOf(`${HEAD}
  - together:
      - connect: { from: client, to: server, port: 7000 }
        close: { socket: client }
      - {}
`)).toEqual([
      "l.yaml:14:9: each entry of together takes exactly one of listen, connect, send, read, close, abort, arp, ping, inject, not connect and close",
      "l.yaml:16:9: each entry of together takes exactly one of listen, connect, send, read, close, abort, arp, ping, inject",
    ]);
  });
});

describe('connect.fromPort', () => {
  it('sends the SYN from the chosen port', () => {
    const c = compile(OPEN);
    const syn = c.trace.frames.map((f) => decodeFrame(f.bytes).tcp).find((t) => t?.flags.syn && t.dstPort === 7000)!;
    expect(syn.srcPort).toBe(6000);
  });

  it('refuses a port the host is listening on, at the fromPort', () => {
    expect(problemsOf(`${HEAD}
  - listen: { host: client, port: 6000 }
  - connect: { from: client, to: server, port: 80, fromPort: 6000 }
`)).toEqual([
      "l.yaml:14:62: client's port 6000 is in use by a listening socket: a connect from it would fail (EADDRINUSE); choose another port, or wait until that socket is CLOSED",
    ]);
  });

  it('refuses a port whose earlier connection is still in TIME_WAIT on this host', () => {
    const text = `${HEAD}
  - listen: { host: server, port: 80 }
  - connect: { from: client, to: server, port: 80, fromPort: 6000 }
  - close: { socket: client }
  - close: { socket: server }
  - connect: { from: client, to: server, port: 80, fromPort: 6000, socket: again }
`;
    expect(problemsOf(text)).toEqual([
      "l.yaml:17:62: client's port 6000 is in use by the socket client#1 (TIME_WAIT): a connect from it would fail (EADDRINUSE); choose another port, or wait until that socket is CLOSED",
    ]);
    // After 2×MSL (60 s by default) the port is free again.
    expect(problemsOf(text.replace('  - connect: { from: client, to: server, port: 80, fromPort: 6000, socket: again }', '  - wait: 60001\n  - connect: { from: client, to: server, port: 80, fromPort: 6000, socket: again }'))).toEqual([]);
  });
});

describe('connect.fromPort onto a 4-tuple the server still holds in TIME_WAIT', () => {
  it('the old SYN draws a challenge ACK, the client resets the old connection, and its next SYN opens a new one', () => {
    const c = compile(`${HEAD}
  - listen: { host: server, port: 80 }
  - connect: { from: client, to: server, port: 80, fromPort: 40000 }
  - close: { socket: server }
  - close: { socket: client }
  - connect: { from: client, to: server, port: 80, fromPort: 40000, socket: again }
`);
    // ISS 100 (client) and 300 (server); the server closed first, so it is the one in TIME_WAIT.
    const after = c.trace.frames.filter((f) => decodeFrame(f.bytes).tcp).slice(7).map((f) => {
      const t = decodeFrame(f.bytes).tcp!;
      return `${f.from.split(':')[0]} <SEQ=${t.seq}>${t.ack !== null ? `<ACK=${t.ack}>` : ''}<CTL=${[t.flags.syn && 'SYN', t.flags.rst && 'RST', t.ack !== null && 'ACK'].filter(Boolean).join(',')}>`;
    });
    expect(after).toEqual([
      'client <SEQ=100><CTL=SYN>',
      // RFC 5961 §4 (RFC 9293 §3.10.7.4 fourth): a SYN in a synchronized state gets an ACK of RCV.NXT.
      'server <SEQ=302><ACK=102><CTL=ACK>',
      // §3.10.7.3: in SYN_SENT an ACK outside ISS..SND.NXT is answered <SEQ=SEG.ACK><CTL=RST>.
      'client <SEQ=102><CTL=RST>',
      // The RST sits at the server's RCV.NXT: TIME_WAIT → CLOSED (§3.10.7.4 second); the SYN
      // retransmitted after the 1 s RTO (RFC 6298) finds the listener.
      'client <SEQ=100><CTL=SYN>',
      'server <SEQ=300><ACK=101><CTL=SYN,ACK>',
      'client <SEQ=101><ACK=301><CTL=ACK>',
    ]);
    expect(states(c, 'server').slice(-4)).toEqual(['TIME_WAIT', 'CLOSED', 'SYN_RECEIVED', 'ESTABLISHED']);
  });
});
