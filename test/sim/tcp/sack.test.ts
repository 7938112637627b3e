// SACK under the `linux` profile: the receiver's blocks (RFC 2018) and the sender's
// recovery (RFC 6675). Expected segments are the RFCs' own examples or worked out by hand
// from their rules, step by step in the comments; nothing here asks the code under test.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TCP_CONFIG, LINUX_LOSS_DEFAULTS, type TcpConfig } from '../../../source/sim/tcp/api.js';
import { MS } from '../../../source/sim/time.js';
import { seq } from '../../../source/wire/seq.js';
import { bytes, established, type Fate } from './harness.js';
import { firstDifference } from './run-apps.js';

/** Linux with SACK offered, 500-byte segments as in RFC 2018's examples, 8 segments at once. */
// Linux's loss side only: the examples are worked with every segment acked at once and no
// timestamps, so Linux's delayed ACKs and other wire defaults (linux.test.ts) are left out.
const SACK_500: Partial<TcpConfig> = { ...DEFAULT_TCP_CONFIG, profile: 'linux', ...LINUX_LOSS_DEFAULTS, sackPermitted: true, mss: 500, initialWindow: 8 };

/** The client's data starts at 5000, RFC 2018 §6's "left window edge". */
function rfc2018Net(fates: Record<number, Fate>) {
  const net = established({ client: SACK_500, server: SACK_500, clientIss: seq(4999), serverIss: seq(100) });
  net.fate = ({ n }) => fates[n] ?? 'deliver';
  net.client.send(bytes(4000), net.now);
  net.pump();
  return net;
}

describe('RFC 2018 §6 examples: the receiver\'s SACK blocks', () => {
  // Segments 4 to 11 carry 5000:5500, 5500:6000, … 8500:9000.
  it('case 2: the first segment is lost; each of the other seven is answered with ack 5000 and one growing block', () => {
    const net = rfc2018Net({ 4: 'drop' });
    net.run(net.now + 15 * MS);
    expect(net.transcript(12).map((l) => l.replace(/, win \d+/, ''))).toEqual([
      '12 server > client: Flags [.], seq 101, ack 5000, options [nop,nop,sack 1 {5500:6000}], length 0',
      '13 server > client: Flags [.], seq 101, ack 5000, options [nop,nop,sack 1 {5500:6500}], length 0',
      '14 server > client: Flags [.], seq 101, ack 5000, options [nop,nop,sack 1 {5500:7000}], length 0',
      '15 server > client: Flags [.], seq 101, ack 5000, options [nop,nop,sack 1 {5500:7500}], length 0',
      '16 server > client: Flags [.], seq 101, ack 5000, options [nop,nop,sack 1 {5500:8000}], length 0',
      '17 server > client: Flags [.], seq 101, ack 5000, options [nop,nop,sack 1 {5500:8500}], length 0',
      '18 server > client: Flags [.], seq 101, ack 5000, options [nop,nop,sack 1 {5500:9000}], length 0',
    ]);
  });

  it('case 3: the 2nd, 4th, 6th and 8th are lost, then the 4th and the 2nd arrive late: newest block first', () => {
    // Instead of lost, the 4th (6500) comes 4 ms late and the 2nd (5500) 8 ms late, as the
    // RFC's "suppose the 4th packet is received out of order at this point".
    const net = rfc2018Net({ 5: { delay: 8 * MS }, 7: { delay: 4 * MS }, 9: 'drop', 11: 'drop' });
    net.run(net.now + 19 * MS);
    expect(net.transcript(12).map((l) => l.replace(/, win \d+/, ''))).toEqual([
      '12 server > client: Flags [.], seq 101, ack 5500, length 0',
      '13 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 1 {6000:6500}], length 0',
      '14 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7000:7500}{6000:6500}], length 0',
      '15 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 3 {8000:8500}{7000:7500}{6000:6500}], length 0',
      '16 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {6000:7500}{8000:8500}], length 0',
      '17 server > client: Flags [.], seq 101, ack 7500, options [nop,nop,sack 1 {8000:8500}], length 0',
    ]);
  });
});

describe('how many blocks fit (Linux: TCP_NUM_SACKS 4; 3 beside the 12 bytes of timestamps)', () => {
  // Twelve segments from 5000; every other one from 5500 is lost, so five pieces wait:
  // 6000, 7000, 8000, 9000, 10000, each 500 bytes. The ACK of the last one reports the
  // newest first, as many as fit in 40 bytes of options.
  for (const [timestamps, want] of [
    [false, 'sack 4 {10000:10500}{9000:9500}{8000:8500}{7000:7500}'],
    [true, 'sack 3 {10000:10500}{9000:9500}{8000:8500}'],
  ] as const) {
    it(`${timestamps ? 'with' : 'without'} timestamps: ${want.slice(0, 6)} blocks`, () => {
      // Timestamps take 12 bytes of each segment: an MSS of 512 leaves 500 bytes of data.
      const config = { ...SACK_500, initialWindow: 12, timestamps, mss: timestamps ? 512 : 500 };
      const net = established({ client: config, server: config, clientIss: seq(4999), serverIss: seq(100) });
      net.fate = ({ n }) => (n >= 5 && n <= 15 && n % 2 === 1 ? 'drop' : 'deliver');
      net.client.send(bytes(6000), net.now);
      net.pump();
      net.run(net.now + 15 * MS);
      const acks = net.sent.filter((x) => x.from === 'server').map((x) => x.seg);
      const last = acks.at(-1)!;
      const sack = last.options.find((o) => o.kind === 'sack');
      expect(sack?.kind === 'sack' && `sack ${sack.blocks.length} ${sack.blocks.map((b) => `{${b.left}:${b.right}}`).join('')}`).toBe(want);
      expect(last.ack).toBe(5500);
    });
  }
});

describe('RFC 6675 §5: SACK-based loss recovery, worked by hand', () => {
  it('two holes in ten segments: only the holes go again, the second when NextSeg finds it lost', () => {
    // SMSS 500, IW 10 segments (cwnd 5000), 6000 bytes written: 5000:10000 go out as n 4–13,
    // 10000:11000 waits. n 5 (5500:6000) and n 8 (7000:7500) are lost.
    const net = established({ client: { ...SACK_500, initialWindow: 10 }, server: SACK_500, clientIss: seq(4999), serverIss: seq(100) });
    net.fate = ({ n }) => (n === 5 || n === 8 ? 'drop' : 'deliver');
    net.client.send(bytes(6000), net.now);
    net.pump();
    net.runUntilQuiet();
    const wire = net.transcript(4).map((l) => l.replace(/, win \d+/, ''));
    expect(wire.slice(0, 10).every((l) => l.includes('client > server'))).toBe(true);
    expect(wire.slice(10)).toEqual([
      // The receiver: an ACK per arrival, blocks newest first (RFC 2018 §4).
      '14 server > client: Flags [.], seq 101, ack 5500, length 0',
      '15 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 1 {6000:6500}], length 0',
      '16 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 1 {6000:7000}], length 0',
      '17 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7500:8000}{6000:7000}], length 0',
      '18 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7500:8500}{6000:7000}], length 0',
      '19 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7500:9000}{6000:7000}], length 0',
      '20 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7500:9500}{6000:7000}], length 0',
      '21 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7500:10000}{6000:7000}], length 0',
      // n 14 acks 500 new bytes: slow start, cwnd 5000 + 500 = 5500, and FlightSize 4500
      // leaves room for the last two segments.
      '22 client > server: Flags [.], seq 10000:10500, ack 101, length 500',
      '23 client > server: Flags [P.], seq 10500:11000, ack 101, length 500',
      // n 15, 16, 17 SACK new octets: duplicate ACKs 1, 2, 3 (§2). At the third, recovery
      // (§5 step 4): RecoveryPoint = 11000, ssthresh = cwnd = 5500 / 2 = 2750, and
      // 5500:6000 goes again (4.3). Pipe: 500 (that hole, resent) + 500 (7000:7500, not yet
      // lost: one range above) + 3000 (8000:11000) = 4000 > cwnd.
      '24 client > server: Flags [.], seq 5500:6000, ack 101, length 500',
      // n 18: pipe 500 + 500 + 2500; n 19: 7000:7500 now has 1500 SACKed octets above it,
      // more than 2 × SMSS, so it is lost: pipe 500 + 0 + 2000 = 2500. n 20: pipe 2000,
      // cwnd − pipe = 750 ≥ SMSS, NextSeg rule 1 picks 7000, the lost hole above HighRxt.
      '25 client > server: Flags [.], seq 7000:7500, ack 101, length 500',
      // The receiver gets 10000:11000 above the holes, then both holes.
      '26 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7500:10500}{6000:7000}], length 0',
      '27 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 2 {7500:11000}{6000:7000}], length 0',
      '28 server > client: Flags [.], seq 101, ack 7000, options [nop,nop,sack 1 {7500:11000}], length 0',
      '29 server > client: Flags [.], seq 101, ack 11000, length 0',
    ]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([
      { kind: 'retransmit', seq: 5500, reason: 'fast-retransmit' },
      { kind: 'retransmit', seq: 7000, reason: 'sack-recovery' },
    ]);
    expect(net.eventsOf('client', 'congestion').map((c) => [c.cause, c.cwnd, c.ssthresh, c.flight])).toEqual([
      ['slow-start', 5500, null, 0],
      ['sack-loss', 2750, 2750, 5500],
    ]);
    expect(net.eventsOf('client', 'duplicate-ack').map((e) => e.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(firstDifference(net.srv.receive(10_000, net.now), bytes(6000))).toBeNull();
  });

  it('the fast retransmission lost too: a second hole goes by NextSeg, then the timer resends only the first', () => {
    // 5000 bytes, IW 10: n 4–13 carry 5000:10000. Lost: n 5 (5500:6000), n 8 (7000:7500),
    // and n 22, the fast retransmission of 5500:6000.
    const net = established({ client: { ...SACK_500, initialWindow: 10 }, server: SACK_500, clientIss: seq(4999), serverIss: seq(100) });
    const t0 = net.now;
    net.fate = ({ n }) => (n === 5 || n === 8 || n === 22 ? 'drop' : 'deliver');
    net.client.send(bytes(5000), net.now);
    net.pump();
    net.runUntilQuiet();
    net.run(t0 + 300 * MS);
    net.runUntilQuiet();
    const fromClient = net.sent.filter((x) => x.from === 'client' && x.n > 13);
    expect(fromClient.map((x) => [x.n, x.t - t0, x.seg.seq, x.seg.payload.length, x.fate])).toEqual([
      // n 17, the third duplicate: recovery, FlightSize 4500, ssthresh = cwnd = 2250; 5500 again (lost).
      [22, 20 * MS, 5500, 500, 'drop'],
      // n 19: 7000:7500 has 1500 SACKed octets above it, so it is lost; pipe 500 + 0 + 1000
      // = 1500 leaves 750 of cwnd: NextSeg rule 1 sends it.
      [23, 20 * MS, 7000, 500, 'deliver'],
      // Nothing else is lost, and pipe never falls below cwnd − SMSS with a new hole to send,
      // so the retransmission timer (restarted by n 14 at +20 ms, RTO 200 ms) fires at +220 ms:
      // cwnd = 1 SMSS, and only the first unacknowledged segment goes.
      [25, 220 * MS, 5500, 500, 'deliver'],
    ]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([
      { kind: 'retransmit', seq: 5500, reason: 'fast-retransmit' },
      { kind: 'retransmit', seq: 7000, reason: 'sack-recovery' },
      { kind: 'retransmit', seq: 5500, reason: 'timeout' },
    ]);
    expect(net.eventsOf('client', 'congestion').map((c) => [c.cause, c.cwnd, c.ssthresh, c.flight])).toEqual([
      ['slow-start', 5500, null, 0],
      ['sack-loss', 2250, 2250, 4500],
      ['timeout', 500, 2250, 4500],
      // The ACK of 10000 ends recovery; slow start again.
      ['slow-start', 1000, 2250, 0],
    ]);
    expect(net.eventsOf('client', 'duplicate-ack').map((e) => e.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // 7000:7500 filled the gap between the two blocks: one block now, 6000:10000.
    expect(net.transcript(24).filter((l) => l.includes('server > client')).map((l) => l.replace(/, win \d+/, ''))).toEqual([
      '24 server > client: Flags [.], seq 101, ack 5500, options [nop,nop,sack 1 {6000:10000}], length 0',
      '26 server > client: Flags [.], seq 101, ack 10000, length 0',
    ]);
    expect(firstDifference(net.srv.receive(10_000, net.now), bytes(5000))).toBeNull();
  });

  it('NextSeg rule 3: with no lost hole and no new data, a hole not yet lost goes', () => {
    // 5000 bytes, IW 10, n 4–13 carry 5000:10000. Lost: n 5 (5500:6000) and n 11 (8500:9000).
    const net = established({ client: { ...SACK_500, initialWindow: 10 }, server: SACK_500, clientIss: seq(4999), serverIss: seq(100) });
    net.fate = ({ n }) => (n === 5 || n === 11 ? 'drop' : 'deliver');
    net.client.send(bytes(5000), net.now);
    net.pump();
    net.runUntilQuiet();
    // n 17, the third duplicate: ssthresh = cwnd = 4500 / 2 = 2250; 5500 goes (4.3).
    // n 20 SACKs 9000:9500: pipe = 500 (5500, resent) + 500 (8500:9000: only 500 SACKed
    // octets above it, not lost) + 500 (9500:10000) = 1500, so 750 of cwnd is free. Rule 1
    // finds no lost hole above HighRxt, rule 2 no new data; rule 3 sends 8500:9000.
    expect(net.eventsOf('client', 'retransmit')).toEqual([
      { kind: 'retransmit', seq: 5500, reason: 'fast-retransmit' },
      { kind: 'retransmit', seq: 8500, reason: 'sack-recovery' },
    ]);
    expect(net.sent.filter((x) => x.from === 'client' && x.n > 13).map((x) => [x.n, x.seg.seq, x.seg.payload.length])).toEqual([[22, 5500, 500], [23, 8500, 500]]);
    expect(net.transcript(24).map((l) => l.replace(/, win \d+/, ''))).toEqual([
      '24 server > client: Flags [.], seq 101, ack 8500, options [nop,nop,sack 1 {9000:10000}], length 0',
      '25 server > client: Flags [.], seq 101, ack 10000, length 0',
    ]);
    expect(firstDifference(net.srv.receive(10_000, net.now), bytes(5000))).toBeNull();
  });
});
