import { describe, expect, it } from 'vitest';
import { DEFAULT_TCP_CONFIG, type TcpEvent } from '../../../source/sim/tcp/api.js';
import { createConnection } from '../../../source/sim/tcp/connection.js';
import { SECOND } from '../../../source/sim/time.js';
import { CLIENT, CLIENT_ISS, Net, SERVER, SERVER_ISS, bytes, established, segment } from './harness.js';

/** TIME_WAIT lasts 2 × MSL: 60 s with the default MSL of 30 s. */
const TWO_MSL = 2 * DEFAULT_TCP_CONFIG.msl;

describe('closing (RFC 9293 §3.6)', () => {
  it('normal close, client first: FIN_WAIT_1, CLOSE_WAIT, FIN_WAIT_2, LAST_ACK, TIME_WAIT, CLOSED', () => {
    const net = established();
    net.client.close(net.now);
    net.pump();
    expect(net.states()).toBe('FIN_WAIT_1/ESTABLISHED');
    expect(net.transcript(4)).toEqual(['4 client > server: Flags [F.], seq 4294967281, ack 4294967041, win 65535, length 0']);

    net.deliverNext();
    // The server acks the FIN, which takes one number: ack x+1. It may still send data.
    expect(net.states()).toBe('FIN_WAIT_1/CLOSE_WAIT');
    expect(net.srv.peerClosed).toBe(true);
    expect(net.transcript(5)).toEqual(['5 server > client: Flags [.], seq 4294967041, ack 4294967282, win 65535, length 0']);

    net.deliverNext();
    expect(net.states()).toBe('FIN_WAIT_2/CLOSE_WAIT');

    net.srv.close(net.now);
    net.pump();
    expect(net.states()).toBe('FIN_WAIT_2/LAST_ACK');
    expect(net.transcript(6)).toEqual(['6 server > client: Flags [F.], seq 4294967041, ack 4294967282, win 65535, length 0']);

    net.deliverNext();
    expect(net.states()).toBe('TIME_WAIT/LAST_ACK');
    expect(net.transcript(7)).toEqual(['7 client > server: Flags [.], seq 4294967282, ack 4294967042, win 65535, length 0']);
    const enteredTimeWait = net.now;
    expect(net.client.nextDeadline()).toBe(enteredTimeWait + TWO_MSL);

    net.deliverNext();
    expect(net.states()).toBe('TIME_WAIT/CLOSED');

    net.run();
    expect(net.states()).toBe('CLOSED/CLOSED');
    expect(net.now).toBe(enteredTimeWait + TWO_MSL);
    expect(net.eventsOf('client', 'state').at(-1)).toMatchObject({ from: 'TIME_WAIT', to: 'CLOSED', cause: { code: 'time-wait-expired', rfc: '3.10.8' } });
    expect(net.stateTrail('client')).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
    expect(net.stateTrail('server')).toEqual(['SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('normal close, server first: the roles swap, and TIME_WAIT falls to the server', () => {
    const net = established();
    net.srv.close(net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.states()).toBe('CLOSE_WAIT/FIN_WAIT_2');
    net.client.close(net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.states()).toBe('CLOSED/TIME_WAIT');
    expect(net.transcript(4)).toEqual([
      '4 server > client: Flags [F.], seq 4294967041, ack 4294967281, win 65535, length 0',
      '5 client > server: Flags [.], seq 4294967281, ack 4294967042, win 65535, length 0',
      '6 client > server: Flags [F.], seq 4294967281, ack 4294967042, win 65535, length 0',
      '7 server > client: Flags [.], seq 4294967042, ack 4294967282, win 65535, length 0',
    ]);
    net.run();
    expect(net.states()).toBe('CLOSED/CLOSED');
    expect(net.stateTrail('server')).toEqual(['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
    expect(net.stateTrail('client')).toEqual(['SYN_SENT', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('close after data: the FIN rides on the last segment and takes the number after it', () => {
    const net = established();
    net.client.send(bytes(100), net.now);
    net.client.close(net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [FP.], seq 4294967281:85, ack 4294967041, win 65535, length 100',
      '5 server > client: Flags [.], seq 4294967041, ack 86, win 65435, length 0',
    ]);
    expect(net.states()).toBe('FIN_WAIT_2/CLOSE_WAIT');
  });

  it('FIN and ACK together in FIN_WAIT_1: straight to TIME_WAIT', () => {
    const net = established();
    // The server's application closes as soon as it sees the FIN, before TCP answers it.
    net.app = () => {
      if (net.srv.state === 'CLOSE_WAIT') net.srv.close(net.now);
    };
    net.client.close(net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [F.], seq 4294967281, ack 4294967041, win 65535, length 0',
      '5 server > client: Flags [F.], seq 4294967041, ack 4294967282, win 65535, length 0',
      '6 client > server: Flags [.], seq 4294967282, ack 4294967042, win 65535, length 0',
    ]);
    expect(net.stateTrail('client')).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT']);
    expect(net.eventsOf('client', 'state').at(-1)?.cause).toEqual({ code: 'rcv-fin-acking-fin', rfc: '3.10.7.4' });
    expect(net.states()).toBe('TIME_WAIT/CLOSED');
  });

  it('simultaneous close: both in FIN_WAIT_1, then CLOSING, then TIME_WAIT', () => {
    const net = established();
    net.client.close(net.now);
    net.srv.close(net.now);
    net.pump();
    expect(net.states()).toBe('FIN_WAIT_1/FIN_WAIT_1');
    net.deliverNext();
    expect(net.states()).toBe('FIN_WAIT_1/CLOSING');
    net.deliverNext();
    expect(net.states()).toBe('CLOSING/CLOSING');
    net.runUntilQuiet();
    expect(net.states()).toBe('TIME_WAIT/TIME_WAIT');
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [F.], seq 4294967281, ack 4294967041, win 65535, length 0',
      '5 server > client: Flags [F.], seq 4294967041, ack 4294967281, win 65535, length 0',
      '6 server > client: Flags [.], seq 4294967042, ack 4294967282, win 65535, length 0',
      '7 client > server: Flags [.], seq 4294967282, ack 4294967042, win 65535, length 0',
    ]);
    net.run();
    expect(net.states()).toBe('CLOSED/CLOSED');
    for (const side of ['client', 'server'] as const) {
      expect(net.stateTrail(side).slice(-4)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT', 'CLOSED']);
    }
  });

  it('TIME_WAIT re-ACKs a retransmitted FIN and restarts the 2MSL wait', () => {
    const net = established();
    net.client.close(net.now);
    net.pump();
    net.runUntilQuiet();
    net.fate = ({ n }) => (n === 7 ? 'drop' : 'deliver'); // the client's last ACK
    net.srv.close(net.now);
    net.pump();
    net.run();
    expect(net.transcript(6)).toEqual([
      '6 server > client: Flags [F.], seq 4294967041, ack 4294967282, win 65535, length 0',
      '7 client > server: Flags [.], seq 4294967282, ack 4294967042, win 65535, length 0 (drop)',
      '8 server > client: Flags [F.], seq 4294967041, ack 4294967282, win 65535, length 0',
      '9 client > server: Flags [.], seq 4294967282, ack 4294967042, win 65535, length 0',
    ]);
    const firstAck = net.sent[6]!.t;
    const secondAck = net.sent[8]!.t;
    expect(net.eventsOf('client', 'timer').filter((e) => e.timer === 'time-wait')).toEqual([
      { kind: 'timer', timer: 'time-wait', action: 'start', due: firstAck + TWO_MSL },
      { kind: 'timer', timer: 'time-wait', action: 'start', due: secondAck + TWO_MSL },
      { kind: 'timer', timer: 'time-wait', action: 'fire', due: secondAck + TWO_MSL },
    ]);
    expect(net.eventsOf('client', 'segment-check').at(-1)).toMatchObject({ verdict: 'duplicate', seq: 4294967041, expected: 4294967042 });
    expect(net.eventsOf('server', 'retransmit')).toEqual([{ kind: 'retransmit', seq: 4294967041, reason: 'timeout' }]);
    expect(net.states()).toBe('CLOSED/CLOSED');
  });
});

describe('resets (RFC 9293 §3.10.7.4, RFC 5961 §3)', () => {
  it.each([
    ['rfc', 'Flags [R], seq 4294967291, win 65535'],
    // Linux's window: 65535 rounded down to a multiple of the MSS (tcp_select_initial_window).
    ['linux', 'Flags [R.], seq 4294967291, ack 4294967041, win 64240'],
  ] as const)('RST on abort (%s: %s): the peer, finding it exactly at RCV.NXT, resets at once', (profile, rst) => {
    // RFC 9293 §3.10.5: <SEQ=SND.NXT><CTL=RST>; Linux's tcp_send_active_reset sets ACK too.
    const net = established({ client: { profile } });
    net.client.send(bytes(10), net.now);
    net.pump();
    net.runUntilQuiet();
    net.client.abort(net.now);
    net.pump();
    expect(net.states()).toBe('CLOSED/ESTABLISHED');
    net.runUntilQuiet();
    expect(net.transcript(6)).toEqual([`6 client > server: ${rst}, length 0`]);
    expect(net.states()).toBe('CLOSED/CLOSED');
    expect(net.eventsOf('server', 'reset')).toEqual([{ kind: 'reset', reason: { code: 'peer-reset' } }]);
    expect(net.eventsOf('server', 'state').at(-1)).toMatchObject({ from: 'ESTABLISHED', to: 'CLOSED', cause: { code: 'rcv-rst-reset', rfc: '3.10.7.4' } });
    // A reset flushes the queues: the 10 unread bytes are gone.
    expect(net.srv.snapshot().recvBuffered).toBe(0);
    expect(net.client.nextDeadline()).toBeNull();
    expect(net.srv.nextDeadline()).toBeNull();
  });

  it('an RST inside the window but not at RCV.NXT gets a challenge ACK', () => {
    const net = established();
    net.srv.segmentArrives(segment('client', { seq: 4294967281 + 5, flags: { rst: true } }), net.now);
    net.pump();
    expect(net.transcript(4)).toEqual(['4 server > client: Flags [.], seq 4294967041, ack 4294967281, win 65535, length 0']);
    expect(net.srv.state).toBe('ESTABLISHED');
  });

  it('an RST outside the window is dropped without a word', () => {
    const net = established();
    net.srv.segmentArrives(segment('client', { seq: 4294967281 + 70_000, flags: { rst: true } }), net.now);
    net.pump();
    expect(net.transcript(4)).toEqual([]);
    expect(net.srv.state).toBe('ESTABLISHED');
    expect(net.eventsOf('server', 'segment-check').at(-1)?.verdict).toBe('outside-window');
  });

  it('a SYN in ESTABLISHED gets a challenge ACK', () => {
    const net = established();
    net.srv.segmentArrives(segment('client', { seq: 4294967281 + 100, flags: { syn: true } }), net.now);
    net.pump();
    expect(net.transcript(4)).toEqual(['4 server > client: Flags [.], seq 4294967041, ack 4294967281, win 65535, length 0']);
    expect(net.srv.state).toBe('ESTABLISHED');
  });

  it('in SYN_SENT, an RST is believed only if it acknowledges our SYN', () => {
    const net = new Net({ serverMode: 'closed-port' });
    net.client.connect(net.now);
    net.pump();
    net.client.segmentArrives(segment('server', { seq: 0, flags: { rst: true } }), net.now);
    expect(net.client.state).toBe('SYN_SENT');
    net.client.segmentArrives(segment('server', { seq: 0, ack: 4294967280, flags: { rst: true } }), net.now);
    expect(net.client.state).toBe('SYN_SENT');
    net.client.segmentArrives(segment('server', { seq: 0, ack: 4294967281, flags: { rst: true } }), net.now);
    expect(net.client.state).toBe('CLOSED');
  });

  it('in SYN_SENT, an ACK of something else is answered with <SEQ=SEG.ACK><CTL=RST>', () => {
    const net = new Net({ serverMode: 'closed-port' });
    net.client.connect(net.now);
    net.pump();
    net.client.segmentArrives(segment('server', { seq: 7, ack: 12345, flags: { syn: true } }), net.now);
    net.pump();
    expect(net.transcript(2)).toEqual(['2 client > server: Flags [R], seq 12345, win 0, length 0']);
    expect(net.client.state).toBe('SYN_SENT');
  });

  it('a connection in LISTEN ignores RST and answers a bare ACK with RST', () => {
    const events: TcpEvent[] = [];
    const server = createConnection({
      local: SERVER, remote: CLIENT, iss: SERVER_ISS, passive: true, config: DEFAULT_TCP_CONFIG, onEvent: (e) => events.push(e),
    });
    server.segmentArrives(segment('client', { seq: 5, flags: { rst: true } }), 0);
    expect(server.pollSegment(0)).toBeNull();
    server.segmentArrives(segment('client', { seq: 5, ack: 0xfffffffe }), 0);
    expect(server.pollSegment(0)).toMatchObject({ seq: 0xfffffffe, ack: null, flags: { rst: true } });
    expect(server.state).toBe('LISTEN');
  });

  it('a passive connection reset in SYN_RECEIVED goes back to LISTEN', () => {
    const net = new Net();
    net.client.connect(net.now);
    net.pump();
    net.deliverNext();
    expect(net.srv.state).toBe('SYN_RECEIVED');
    net.srv.segmentArrives(segment('client', { seq: CLIENT_ISS + 1, flags: { rst: true } }), net.now);
    expect(net.srv.state).toBe('LISTEN');
    expect(net.srv.snapshot()).toMatchObject({ irs: null, rcvNxt: null, sndNxt: SERVER_ISS });
    expect(net.srv.nextDeadline()).toBeNull();
  });

  it('rfc: a retransmitted SYN in SYN_RECEIVED is unacceptable (§3.10.7.4 first) and gets a bare ACK; the SYN-ACK comes on its own timer', () => {
    const net = new Net({ client: { rtoInitial: SECOND / 2, rtoMin: SECOND / 2 } });
    net.fate = ({ n }) => (n === 2 ? 'drop' : 'deliver'); // the SYN-ACK
    net.client.connect(net.now);
    net.pump();
    net.run(2 * SECOND);
    expect(net.transcript().slice(0, 6)).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      '2 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 65535, options [mss 1460], length 0 (drop)',
      '3 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: SND.NXT = ISS+1, RCV.NXT = IRS+1.
      '4 server > client: Flags [.], seq 4294967041, ack 4294967281, win 65535, length 0',
      // SYN_SENT drops a segment with neither SYN nor RST (§3.10.7.3 fifth); the server's RTO (1 s) resends.
      '5 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 65535, options [mss 1460], length 0',
      '6 client > server: Flags [.], seq 4294967281, ack 4294967041, win 65535, length 0',
    ]);
    expect(net.sent[4]?.t).toBe(1_010_000); // the SYN arrived at 10 ms, the RTO is 1 s
    expect(net.states()).toBe('ESTABLISHED/ESTABLISHED');
  });

  it('linux: a retransmitted SYN in SYN_RECEIVED brings the SYN-ACK again', () => {
    // A shorter RTO on the client, so that its second SYN, not the server's own timer,
    // is what brings the SYN-ACK back.
    const net = new Net({ client: { rtoInitial: SECOND / 2, rtoMin: SECOND / 2 }, server: { profile: 'linux' } });
    net.fate = ({ n }) => (n === 2 ? 'drop' : 'deliver'); // the SYN-ACK
    net.client.connect(net.now);
    net.pump();
    net.run(2 * SECOND);
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      '2 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 64240, options [mss 1460], length 0 (drop)',
      '3 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      '4 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 64240, options [mss 1460], length 0',
      '5 client > server: Flags [.], seq 4294967281, ack 4294967041, win 65535, length 0',
    ]);
    expect(net.sent[3]?.t).toBe(510_000);
    expect(net.states()).toBe('ESTABLISHED/ESTABLISHED');
  });

  it('abort in SYN_SENT sends nothing; close in LISTEN just ends it', () => {
    const net = new Net();
    net.client.connect(net.now);
    net.client.abort(net.now);
    expect(net.client.pollSegment(net.now)).toBeNull();
    expect(net.client.state).toBe('CLOSED');
    net.srv.close(net.now);
    expect(net.srv.state).toBe('CLOSED');
  });
});
