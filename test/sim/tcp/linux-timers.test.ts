// The timer side of `settings.profile: linux`: the RTO's floor and ceiling, how many
// retransmissions before giving up, and the zero-window probe. The expected numbers were
// worked out by hand from Linux's constants (include/net/tcp.h: TCP_RTO_MIN = HZ/5,
// TCP_TIMEOUT_INIT = HZ, TCP_RTO_MAX = 120*HZ) and Documentation/networking/ip-sysctl.rst
// (tcp_retries2 = 15, "a hypothetical timeout of 924.6 seconds"), not read off the code.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TCP_CONFIG, LINUX_LOSS_DEFAULTS, profileDefaults, type TcpConfig } from '../../../source/sim/tcp/api.js';
import { MS, SECOND } from '../../../source/sim/time.js';
import { bytes, established, Net } from './harness.js';
import { concat, firstDifference } from './run-apps.js';

/**
 * The loss and timer side of `linux` alone: the scenarios below were worked out with every
 * segment acked at once and no options, so Linux's delayed ACKs, timestamps, window scale
 * and Nagle (the rest of profileDefaults('linux'), checked against real captures in
 * linux.test.ts and test/tshark/linux-profile.test.ts) are left out.
 */
const LINUX: TcpConfig = { ...DEFAULT_TCP_CONFIG, profile: 'linux', ...LINUX_LOSS_DEFAULTS };

describe('linux profile defaults', () => {
  it('start from the rfc defaults and change the loss and timer side, and the wire side (linux.test.ts)', () => {
    expect(profileDefaults('rfc')).toEqual(DEFAULT_TCP_CONFIG);
    expect(profileDefaults('linux')).toEqual({
      ...DEFAULT_TCP_CONFIG, profile: 'linux',
      rtoInitial: 1 * SECOND, rtoMin: 200 * MS, rtoMax: 120 * SECOND, maxRetransmissions: 15, synRetries: 6, synAckRetries: 5,
      sackRecovery: true,
      initialWindow: 10, sackPermitted: true, timestamps: true, windowScale: 7, delayedAck: true, delayedAckTimeout: 40 * MS,
      nagle: true, randomTsOffset: true, recvBuffer: 77_272, sendBuffer: 4 * 1024 * 1024,
    });
  });
});

describe('linux retransmission timer', () => {
  it('initial RTO 1 s: a lost SYN goes again after 1 s, then 2 s', () => {
    const net = new Net({ client: LINUX, server: LINUX });
    net.fate = ({ n }) => (n <= 2 ? 'drop' : 'deliver');
    net.client.connect(net.now);
    net.pump();
    net.run(4 * SECOND);
    expect(net.sent.slice(0, 3).map((s) => [s.from, s.t])).toEqual([['client', 0], ['client', 1 * SECOND], ['client', 3 * SECOND]]);
  });

  it('floor 200 ms: after a 20 ms round trip the RTO is 200 ms, not RFC 6298\'s 1 s', () => {
    // SRTT = 20 ms, RTTVAR = 10 ms: SRTT + 4 × RTTVAR = 60 ms, raised to TCP_RTO_MIN.
    const net = established({ client: LINUX, server: LINUX });
    const sentAt = net.now;
    net.fate = ({ n }) => (n === 4 ? 'drop' : 'deliver');
    net.client.send(bytes(10), net.now);
    net.pump();
    net.run(sentAt + 300 * MS);
    expect(net.sent[4]).toMatchObject({ from: 'client', t: sentAt + 200 * MS });
    expect(net.eventsOf('client', 'retransmit')).toEqual([{ kind: 'retransmit', seq: 4294967281, reason: 'timeout' }]);
  });

  it('gives up after 15 retransmissions, 924.6 s after the first send, without a RST (tcp_retries2)', () => {
    const net = established({ client: LINUX, server: LINUX });
    const t0 = net.now;
    net.fate = ({ n }) => (n >= 4 ? 'drop' : 'deliver');
    net.client.send(bytes(10), net.now);
    net.pump();
    net.run();
    const resent = net.sent.slice(4);
    expect(resent).toHaveLength(15);
    expect(resent.every((s) => s.from === 'client' && s.seg.payload.length === 10 && !s.seg.flags.rst)).toBe(true);
    // 200 ms doubled: 0.2, 0.4, … 102.4 s (ten of them, 204.6 s in all), then five at the 120 s ceiling.
    const gaps = [200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 51_200, 102_400, 120_000, 120_000, 120_000, 120_000, 120_000];
    let t = t0;
    expect(resent.map((s) => s.t)).toEqual(gaps.map((g) => (t += g * MS)));
    expect(net.eventsOf('client', 'give-up')).toEqual([{ kind: 'give-up', retransmissions: 15 }]);
    // The last wait is 120 s too: the connection ends 924.6 s after the data first went out.
    expect(net.now - t0).toBe(924_600 * MS);
    expect(net.client.state).toBe('CLOSED');
    expect(net.sent).toHaveLength(4 + 15);
  });
});

describe('linux: giving up on a handshake (tcp_syn_retries 6, tcp_synack_retries 5)', () => {
  it('a SYN goes 7 times, the last at 63 s, and connect() gives up at 127 s; a SYN-ACK 6 times, giving up at 63 s', () => {
    // ip-sysctl.rst: tcp_syn_retries 6 "corresponds to 63seconds till the last
    // retransmission with the current initial RTO of 1second", "the final timeout ... after
    // 127seconds". Only the first SYN reaches the server; nothing reaches the client.
    const net = new Net({ client: LINUX, server: LINUX });
    net.fate = ({ n, from }) => (from === 'client' && n === 1 ? 'deliver' : 'drop');
    net.client.connect(net.now);
    net.pump();
    net.run();
    const at = (side: 'client' | 'server') => net.sent.filter((x) => x.from === side).map((x) => x.t / SECOND);
    expect(at('client')).toEqual([0, 1, 3, 7, 15, 31, 63]);
    // The SYN-ACK leaves when the SYN arrives, 10 ms later.
    expect(at('server')).toEqual([0.01, 1.01, 3.01, 7.01, 15.01, 31.01]);
    expect(net.eventsOf('client', 'give-up')).toEqual([{ kind: 'give-up', retransmissions: 6 }]);
    expect(net.eventsOf('server', 'give-up')).toEqual([{ kind: 'give-up', retransmissions: 5 }]);
    expect(net.states()).toBe('CLOSED/CLOSED');
    expect(net.now).toBe(127 * SECOND);
    expect(net.sent.some((x) => x.seg.flags.rst)).toBe(false);
  });
});

describe('linux zero-window probe (tcp_write_wakeup, tcp_xmit_probe_skb)', () => {
  it('no data: <SEQ=SND.UNA−1>, answered by an ACK that repeats the closed window', () => {
    const net = established({ client: LINUX, server: { ...LINUX, recvBuffer: 2920 } });
    net.client.send(bytes(5000), net.now);
    net.pump();
    net.run(700 * MS);
    expect(net.client.snapshot()).toMatchObject({ sndWnd: 0, sndUna: 2905, sndNxt: 2905 });
    expect(net.srv.receive(10_000, net.now)).toHaveLength(2920);
    net.pump();
    net.runUntilQuiet();
    // The client's window is Linux's 64240: 65535 rounded down to a multiple of the MSS (tcp_select_initial_window).
    expect(net.transcript(6)).toEqual([
      '6 server > client: Flags [.], seq 4294967041, ack 1445, win 1460, length 0',
      '7 server > client: Flags [.], seq 4294967041, ack 2905, win 0, length 0',
      // SND.UNA − 1 = 2904: a number the receiver has already acknowledged.
      '8 client > server: Flags [.], seq 2904, ack 4294967041, win 64240, length 0',
      '9 server > client: Flags [.], seq 4294967041, ack 2905, win 0, length 0',
      '10 client > server: Flags [.], seq 2904, ack 4294967041, win 64240, length 0',
      '11 server > client: Flags [.], seq 4294967041, ack 2905, win 0, length 0',
      '12 server > client: Flags [.], seq 4294967041, ack 2905, win 2920, length 0',
      '13 client > server: Flags [.], seq 2905:4365, ack 4294967041, win 64240, length 1460',
      '14 client > server: Flags [P.], seq 4365:4985, ack 4294967041, win 64240, length 620',
      '15 server > client: Flags [.], seq 4294967041, ack 4365, win 1460, length 0',
      '16 server > client: Flags [.], seq 4294967041, ack 4985, win 840, length 0',
    ]);
    // The window closed at 50 ms; the persist timer runs one RTO (200 ms), then twice that.
    expect([net.sent[7]?.t, net.sent[9]?.t]).toEqual([250 * MS, 650 * MS]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([
      { kind: 'retransmit', seq: 2904, reason: 'persist-probe' },
      { kind: 'retransmit', seq: 2904, reason: 'persist-probe' },
    ]);
    expect(net.eventsOf('server', 'segment-check').filter((e) => e.seq === 2904).map((e) => e.verdict)).toEqual(['duplicate', 'duplicate']);
    const received = concat([bytes(5000).subarray(0, 2920), net.srv.receive(10_000, net.now)]);
    expect(firstDifference(received, bytes(5000))).toBeNull();
  });
});
