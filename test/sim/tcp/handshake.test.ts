import { describe, expect, it } from 'vitest';
import { DEFAULT_TCP_CONFIG } from '../../../source/sim/tcp/api.js';
import { createConnection, resetForUnexpected } from '../../../source/sim/tcp/connection.js';
import { SECOND } from '../../../source/sim/time.js';
import { CLIENT, CLIENT_ISS, Net, SERVER, SERVER_ISS, bytes, established, segment } from './harness.js';

// Client ISS 4294967280 (2^32 − 16), server ISS 4294967040 (2^32 − 256): the first bytes
// of data cross 2^32, so any comparison made with a raw `<` shows up as a wrong number.

describe('opening a connection (RFC 9293 §3.5)', () => {
  it('3-way handshake', () => {
    const net = new Net();
    expect(net.states()).toBe('CLOSED/LISTEN');

    net.client.connect(net.now);
    net.pump();
    expect(net.states()).toBe('SYN_SENT/LISTEN');
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
    ]);
    expect(net.client.snapshot()).toMatchObject({ iss: 4294967280, sndUna: 4294967280, sndNxt: 4294967281, irs: null, rcvNxt: null });

    net.deliverNext();
    expect(net.states()).toBe('SYN_SENT/SYN_RECEIVED');
    expect(net.transcript(2)).toEqual([
      '2 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 65535, options [mss 1460], length 0',
    ]);

    net.deliverNext();
    expect(net.states()).toBe('ESTABLISHED/SYN_RECEIVED');
    // The ACK takes no sequence number: it carries seq x+1, and SND.NXT stays there.
    expect(net.transcript(3)).toEqual([
      '3 client > server: Flags [.], seq 4294967281, ack 4294967041, win 65535, length 0',
    ]);

    net.deliverNext();
    expect(net.states()).toBe('ESTABLISHED/ESTABLISHED');
    expect(net.client.snapshot()).toMatchObject({
      iss: 4294967280, irs: 4294967040, sndUna: 4294967281, sndNxt: 4294967281, sndWnd: 65535,
      rcvNxt: 4294967041, rcvWnd: 65535, peerMss: 1460,
    });
    expect(net.srv.snapshot()).toMatchObject({
      iss: 4294967040, irs: 4294967280, sndUna: 4294967041, sndNxt: 4294967041, sndWnd: 65535,
      rcvNxt: 4294967281, rcvWnd: 65535, peerMss: 1460,
    });

    const transitions = (side: 'client' | 'server') => net.eventsOf(side, 'state').map((e) => `${e.from} → ${e.to} §${e.cause.rfc}`);
    expect(transitions('client')).toEqual(['CLOSED → SYN_SENT §3.10.1', 'SYN_SENT → ESTABLISHED §3.10.7.3']);
    expect(transitions('server')).toEqual(['LISTEN → SYN_RECEIVED §3.10.7.2', 'SYN_RECEIVED → ESTABLISHED §3.10.7.4']);
    expect(net.eventsOf('client', 'state')[1]?.cause).toEqual({ code: 'rcv-syn-ack', rfc: '3.10.7.3' });
    // The SYN's retransmission timer ran from the SYN until the SYN-ACK.
    expect(net.eventsOf('client', 'timer')).toEqual([
      { kind: 'timer', timer: 'retransmission', action: 'start', due: 1 * SECOND },
      { kind: 'timer', timer: 'retransmission', action: 'stop', due: null },
    ]);
  });

  it('simultaneous open: SYN_SENT meets SYN_SENT, both pass through SYN_RECEIVED', () => {
    const net = new Net({ serverMode: 'active' });
    net.client.connect(net.now);
    net.srv.connect(net.now);
    net.pump();
    expect(net.states()).toBe('SYN_SENT/SYN_SENT');

    net.deliverNext(); // the client's SYN reaches the server
    expect(net.states()).toBe('SYN_SENT/SYN_RECEIVED');
    net.deliverNext(); // the server's SYN reaches the client
    expect(net.states()).toBe('SYN_RECEIVED/SYN_RECEIVED');
    net.deliverNext(); // the server's SYN-ACK: RFC 9293 Figure 8, line 6
    expect(net.states()).toBe('ESTABLISHED/SYN_RECEIVED');
    net.deliverNext();
    expect(net.states()).toBe('ESTABLISHED/ESTABLISHED');

    // Each side sends its SYN again as a SYN-ACK with the same sequence number; nothing else.
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      '2 server > client: Flags [S], seq 4294967040, win 65535, options [mss 1460], length 0',
      '3 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 65535, options [mss 1460], length 0',
      '4 client > server: Flags [S.], seq 4294967280, ack 4294967041, win 65535, options [mss 1460], length 0',
    ]);
    expect(net.stateTrail('client')).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    expect(net.stateTrail('server')).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']);
    expect(net.eventsOf('client', 'state')[1]).toMatchObject({ from: 'SYN_SENT', to: 'SYN_RECEIVED', cause: { code: 'rcv-simultaneous-syn', rfc: '3.10.7.3' } });

    net.client.send(bytes(10), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(5)).toEqual([
      '5 client > server: Flags [P.], seq 4294967281:4294967291, ack 4294967041, win 65535, length 10',
      '6 server > client: Flags [.], seq 4294967041, ack 4294967291, win 65525, length 0',
    ]);
  });

  it('lost SYN: sent again after the RTO; data then starts with a 3 s RTO (RFC 6298 §5.7)', () => {
    const net = new Net();
    net.fate = ({ n }) => (n === 1 ? 'drop' : 'deliver');
    net.client.connect(net.now);
    net.pump();
    net.run();
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0 (drop)',
      '2 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      '3 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 65535, options [mss 1460], length 0',
      '4 client > server: Flags [.], seq 4294967281, ack 4294967041, win 65535, length 0',
    ]);
    expect(net.sent[1]?.t).toBe(1 * SECOND);
    expect(net.eventsOf('client', 'retransmit')).toEqual([{ kind: 'retransmit', seq: 4294967280, reason: 'timeout' }]);
    expect(net.eventsOf('client', 'timer')).toEqual([
      { kind: 'timer', timer: 'retransmission', action: 'start', due: 1 * SECOND },
      { kind: 'timer', timer: 'retransmission', action: 'fire', due: 1 * SECOND },
      { kind: 'timer', timer: 'retransmission', action: 'start', due: 3 * SECOND }, // backed off to 2 s
      { kind: 'timer', timer: 'retransmission', action: 'stop', due: null },
    ]);
    expect(net.states()).toBe('ESTABLISHED/ESTABLISHED');

    // Karn: the SYN-ACK may answer either SYN, so it gives no RTT sample.
    net.client.send(bytes(10), net.now);
    net.pump();
    expect(net.eventsOf('client', 'timer').at(-1)).toEqual({
      kind: 'timer', timer: 'retransmission', action: 'start', due: net.now + 3 * SECOND,
    });
  });

  it('refused connection: a SYN to a port nobody listens on gets RST-ACK', () => {
    const net = new Net({ serverMode: 'closed-port' });
    net.client.connect(net.now);
    net.pump();
    net.run();
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      '2 server > client: Flags [R.], seq 0, ack 4294967281, win 0, length 0',
    ]);
    expect(net.stateTrail('client')).toEqual(['SYN_SENT', 'CLOSED']);
    expect(net.eventsOf('client', 'state')[1]).toMatchObject({
      cause: { code: 'rcv-rst-to-syn', rfc: '3.10.7.3' },
    });
    expect(net.client.nextDeadline()).toBeNull();
  });
});

describe('resetForUnexpected (RFC 9293 §3.10.7.1)', () => {
  it('answers a SYN with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, ports swapped', () => {
    const reply = resetForUnexpected(segment('client', { seq: CLIENT_ISS, flags: { syn: true } }));
    expect(reply).toMatchObject({ srcPort: SERVER.port, dstPort: CLIENT.port, seq: 0, ack: 4294967281, window: 0 });
    expect(reply?.flags).toMatchObject({ rst: true, syn: false, fin: false });
  });

  it('counts data and FIN in SEG.LEN, wrapping past 2^32', () => {
    const reply = resetForUnexpected(segment('client', { seq: 0xfffffffe, payload: bytes(3), flags: { fin: true } }));
    expect(reply).toMatchObject({ seq: 0, ack: 2 });
  });

  it('answers a segment with ACK by <SEQ=SEG.ACK><CTL=RST>, without ACK', () => {
    const reply = resetForUnexpected(segment('client', { seq: 100, ack: 0xfffffff5, payload: bytes(5) }));
    expect(reply).toMatchObject({ seq: 0xfffffff5, ack: null });
    expect(reply?.flags.rst).toBe(true);
  });

  it('never answers a RST', () => {
    expect(resetForUnexpected(segment('client', { seq: 1, flags: { rst: true } }))).toBeNull();
    expect(resetForUnexpected(segment('client', { seq: 1, ack: 5, flags: { rst: true } }))).toBeNull();
  });
});

describe('options on the SYN (RFC 9293 §3.7.1, RFC 7323, RFC 2018)', () => {
  it('without an MSS option the peer is assumed to take 536 bytes', () => {
    const events: unknown[] = [];
    const server = createConnection({
      local: SERVER, remote: CLIENT, iss: SERVER_ISS, passive: true, config: DEFAULT_TCP_CONFIG, onEvent: (e) => events.push(e),
    });
    server.segmentArrives(segment('client', { seq: CLIENT_ISS, flags: { syn: true } }), 0);
    expect(server.pollSegment(0)?.options).toEqual([{ kind: 'mss', value: 1460 }]);
    server.segmentArrives(segment('client', { seq: CLIENT_ISS + 1, ack: SERVER_ISS + 1 }), 0);
    expect(server.state).toBe('ESTABLISHED');
    expect(server.snapshot().peerMss).toBe(536);
    server.send(bytes(1000), 0);
    expect([server.pollSegment(0)?.payload.length, server.pollSegment(0)?.payload.length, server.pollSegment(0)]).toEqual([536, 464, null]);
  });

  it('timestamps, window scale and SACK-permitted, when both ends offer them', () => {
    const all = { timestamps: true, windowScale: 7, sackPermitted: true, recvBuffer: 200_000 };
    const net = established({ client: all, server: all });
    net.client.send(bytes(3000), net.now);
    net.pump();
    net.runUntilQuiet();
    // TSval counts milliseconds; TSecr echoes the peer's latest TSval. The window field
    // is scaled on every segment but the SYNs, rounded up as Linux's tcp_select_window
    // does (200000 / 2^7 = 1562.5, so 1563: the edge is never offered short of the buffer).
    // The server's edge after 7 is 1448 + 1552 × 128 = 200104; then
    // ceil((200104 − 2896) / 128) = 1541, and that edge, 2896 + 1541 × 128 = 200144,
    // gives ceil((200144 − 3000) / 128) = 1541. With 12 bytes of timestamps on every
    // segment, the MSS leaves 1448 bytes of data.
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0',
      '2 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 65535, options [mss 1460,sackOK,TS val 10 ecr 0,nop,wscale 7], length 0',
      '3 client > server: Flags [.], seq 4294967281, ack 4294967041, win 1563, options [nop,nop,TS val 20 ecr 10], length 0',
      '4 client > server: Flags [.], seq 4294967281:1433, ack 4294967041, win 1563, options [nop,nop,TS val 30 ecr 10], length 1448',
      '5 client > server: Flags [.], seq 1433:2881, ack 4294967041, win 1563, options [nop,nop,TS val 30 ecr 10], length 1448',
      '6 client > server: Flags [P.], seq 2881:2985, ack 4294967041, win 1563, options [nop,nop,TS val 30 ecr 10], length 104',
      '7 server > client: Flags [.], seq 4294967041, ack 1433, win 1552, options [nop,nop,TS val 40 ecr 30], length 0',
      '8 server > client: Flags [.], seq 4294967041, ack 2881, win 1541, options [nop,nop,TS val 40 ecr 30], length 0',
      '9 server > client: Flags [.], seq 4294967041, ack 2985, win 1541, options [nop,nop,TS val 40 ecr 30], length 0',
    ]);
    expect(net.srv.snapshot().sndWnd).toBe(1563 * 2 ** 7);
  });

  it('an option one end offers and the other does not is not used', () => {
    const net = established({ client: { timestamps: true, windowScale: 2, sackPermitted: true } });
    net.client.send(bytes(100), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 2], length 0',
      '2 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 65535, options [mss 1460], length 0',
      '3 client > server: Flags [.], seq 4294967281, ack 4294967041, win 65535, length 0',
      '4 client > server: Flags [P.], seq 4294967281:85, ack 4294967041, win 65535, length 100',
      '5 server > client: Flags [.], seq 4294967041, ack 85, win 65435, length 0',
    ]);
  });
});
