// Congestion control against RFC 5681 and RFC 6582, worked by hand. Every expected cwnd and
// ssthresh below was computed on paper from the RFCs' rules, with SMSS = 1460 (both ends
// announce 1460 and no options are used) and a one-way delay of 10 ms:
//
// - IW (RFC 5681 §3.1): 1095 < SMSS ≤ 2190, so 3 segments = 4380 bytes.
// - Slow start (§3.1, equation 2, ABC with L = 1 SMSS): cwnd += min(N, SMSS) per ACK.
// - Congestion avoidance (§3.1, byte counting): cwnd += SMSS once cwnd bytes have been acked.
// - Fast retransmit (§3.2, equation 4): ssthresh = max(FlightSize / 2, 2·SMSS), cwnd = ssthresh + 3·SMSS;
//   +SMSS for each further duplicate.
// - NewReno (RFC 6582 §3.2): a partial ACK resends the next hole and sets cwnd −= N, += SMSS
//   if N ≥ SMSS; a full ACK sets cwnd = ssthresh.
// - Timeout (RFC 5681 §3.1): ssthresh = max(FlightSize / 2, 2·SMSS), cwnd = 1 SMSS.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Congestion } from '../../../source/sim/tcp/congestion.js';
import { MS } from '../../../source/sim/time.js';
import { seq } from '../../../source/wire/seq.js';
import { Net, bytes, established, type Fate } from './harness.js';

const SMSS = 1460;

/** Drops the client's data segments numbered in `lost` (1-based, in the order they leave, retransmissions included). */
function dropping(net: Net, lost: readonly number[]): void {
  let dataSent = 0;
  net.fate = ({ from, seg }) => {
    if (from !== 'client' || seg.payload.length === 0) return 'deliver';
    return lost.includes(++dataSent) ? 'drop' : 'deliver';
  };
}

/** The client's congestion changes as [cause, cwnd, ssthresh]. */
function changes(net: Net): [string, number, number | null][] {
  return net.eventsOf('client', 'congestion').map((e) => [e.cause, e.cwnd, e.ssthresh]);
}

/** How many data segments the client sent at each instant, in order. */
function burstSizes(net: Net): number[] {
  const at = new Map<number, number>();
  for (const s of net.sent) if (s.from === 'client' && s.seg.payload.length > 0) at.set(s.t, (at.get(s.t) ?? 0) + 1);
  return [...at.values()];
}

describe('the initial window (RFC 5681 §3.1, RFC 6928)', () => {
  it('is 4, 3 or 2 segments by SMSS, or what is configured', () => {
    const iw = (smss: number, initialWindow: number | null = null) =>
      new Congestion({ algorithm: 'reno', smss, initialWindow, synLost: false }).cwnd;
    expect(iw(536)).toBe(2144);
    expect(iw(1095)).toBe(4380);
    expect(iw(1096)).toBe(3288);
    expect(iw(1460)).toBe(4380);
    expect(iw(2190)).toBe(6570);
    expect(iw(2191)).toBe(4382);
    expect(iw(1448, 10)).toBe(14480);
    // "the initial window used by a sender after a correctly transmitted SYN MUST be one segment"
    expect(new Congestion({ algorithm: 'reno', smss: 1460, initialWindow: null, synLost: true }).cwnd).toBe(1460);
  });

  it('after a lost SYN the sender starts with one segment', () => {
    const net = new Net();
    net.fate = ({ n }) => (n === 1 ? 'drop' : 'deliver');
    net.client.connect(net.now);
    net.pump();
    net.run();
    expect(net.states()).toBe('ESTABLISHED/ESTABLISHED');
    expect(net.client.snapshot().cwnd).toBe(SMSS);
    net.client.send(bytes(3 * SMSS), net.now);
    net.pump();
    net.runUntilQuiet();
    // One segment, then (cwnd 2920) two.
    expect(burstSizes(net)).toEqual([1, 2]);
  });
});

describe('slow start (RFC 5681 §3.1)', () => {
  it('grows cwnd by one SMSS per ACK of a full segment: 3, 6, 12 segments per round trip', () => {
    const net = established();
    net.client.send(bytes(21 * SMSS), net.now);
    net.pump();
    net.runUntilQuiet();
    // A round trip is 20 ms: the ACKs of one round arrive together, and each frees one
    // segment and grows cwnd by one, so each lets two out.
    expect(burstSizes(net)).toEqual([3, 6, 12]);
    expect(net.sent.filter((s) => s.from === 'client' && s.seg.payload.length > 0).map((s) => s.t / MS))
      .toEqual([...Array(3).fill(30), ...Array(6).fill(50), ...Array(12).fill(70)]);
    const cwnds = net.eventsOf('client', 'congestion').map((e) => e.cwnd);
    expect(cwnds).toEqual(Array.from({ length: 21 }, (_, i) => 4380 + (i + 1) * 1460));
    expect(net.eventsOf('client', 'congestion').every((e) => e.cause === 'slow-start' && e.ssthresh === null)).toBe(true);
    expect(net.client.snapshot()).toMatchObject({ cwnd: 35040, ssthresh: null, inFlight: 0 });
  });
});

describe('fast retransmit and fast recovery (RFC 5681 §3.2, RFC 6582)', () => {
  it('one loss: ssthresh = FlightSize/2, cwnd inflates per duplicate, deflates to ssthresh on the full ACK', () => {
    const net = established();
    dropping(net, [4]);
    net.client.send(bytes(12 * SMSS), net.now);
    net.pump();
    net.runUntilQuiet();
    // Segments 1–3 (IW), then two per ACK: 4–9; segment 4 is lost, 5–9 give five duplicates.
    // Third duplicate: FlightSize = 6 × 1460 = 8760, ssthresh = 4380, cwnd = 4380 + 3 × 1460 = 8760.
    // Fourth and fifth: 10220 and 11680, each letting one new segment (10, 11) out.
    // The retransmission's ACK covers 1–9 (all sent before the loss): cwnd = ssthresh = 4380,
    // and with 10 and 11 in flight (2920) segment 12 goes. Then congestion avoidance: the ACKs
    // of 10, 11 and 12 count 4380 bytes = cwnd, so cwnd = 5840.
    expect(changes(net)).toEqual([
      ['slow-start', 5840, null], ['slow-start', 7300, null], ['slow-start', 8760, null],
      ['fast-retransmit', 8760, 4380],
      ['fast-recovery', 10220, 4380], ['fast-recovery', 11680, 4380],
      ['recovery-exit', 4380, 4380],
      ['congestion-avoidance', 5840, 4380],
    ]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([{ kind: 'retransmit', seq: 4365, reason: 'fast-retransmit' }]);
  });

  it('two losses in one window: the partial ACK resends the second hole at once (NewReno)', () => {
    const net = established();
    dropping(net, [4, 6]);
    net.client.send(bytes(12 * SMSS), net.now);
    net.pump();
    net.runUntilQuiet();
    // 5, 7, 8, 9 arrive: four duplicates. Third: ssthresh 4380, cwnd 8760; fourth: 10220 (segment 10 goes).
    // The retransmitted 4 fills the first hole: a partial ACK of 4 and 5 (N = 2920):
    // cwnd = 10220 − 2920 + 1460 = 8760; segment 6 is resent, and with 6–10 in flight (7300)
    // segment 11 goes. Segment 10's duplicate: 10220, segment 12 goes. The resent 6 completes
    // 1–10, past everything sent before the loss (1–9): full ACK, cwnd = 4380.
    expect(changes(net)).toEqual([
      ['slow-start', 5840, null], ['slow-start', 7300, null], ['slow-start', 8760, null],
      ['fast-retransmit', 8760, 4380],
      ['fast-recovery', 10220, 4380],
      ['partial-ack', 8760, 4380],
      ['fast-recovery', 10220, 4380],
      ['recovery-exit', 4380, 4380],
    ]);
    expect(net.eventsOf('client', 'retransmit').map((e) => [e.seq, e.reason])).toEqual([
      [4365, 'fast-retransmit'], [7285, 'fast-retransmit'],
    ]);
  });
});

describe('retransmission timeout (RFC 5681 §3.1)', () => {
  it('a lost last segment: no duplicates, the timer fires, cwnd = 1 SMSS, ssthresh = max(FlightSize/2, 2·SMSS)', () => {
    const net = established();
    dropping(net, [3]);
    net.client.send(bytes(3 * SMSS), net.now);
    net.pump();
    net.run();
    // Two ACKs: 5840, 7300. Then only segment 3 (1460) is in flight when the timer fires:
    // ssthresh = max(730, 2920) = 2920, cwnd = 1460. Its ACK: slow start, 1460 + 1460 = 2920.
    expect(changes(net)).toEqual([
      ['slow-start', 5840, null], ['slow-start', 7300, null],
      ['timeout', 1460, 2920],
      ['slow-start', 2920, 2920],
    ]);
  });

  it('a lost flight: ssthresh halves it, slow start climbs back from one segment', () => {
    const net = established();
    // The whole second round (segments 4–9) is lost.
    dropping(net, [4, 5, 6, 7, 8, 9]);
    net.client.send(bytes(9 * SMSS), net.now);
    net.pump();
    net.run();
    // FlightSize at the timeout: 6 × 1460 = 8760, so ssthresh = 4380 and cwnd = 1460.
    // Each ACK then covers one resent segment: 2920, 4380 (slow start up to ssthresh), then
    // congestion avoidance counts 1460 + 1460 + 1460 = 4380 bytes: 5840.
    expect(changes(net)).toEqual([
      ['slow-start', 5840, null], ['slow-start', 7300, null], ['slow-start', 8760, null],
      ['timeout', 1460, 4380],
      ['slow-start', 2920, 4380], ['slow-start', 4380, 4380],
      ['congestion-avoidance', 5840, 4380],
    ]);
  });

  it('the same segment timing out again keeps ssthresh (RFC 5681 §3.1, after equation 4)', () => {
    const cc = new Congestion({ algorithm: 'reno', smss: 1000, initialWindow: null, synLost: false });
    expect(cc.timeout(9000, seq(100), false).changes.map((c) => [c.cwnd, c.ssthresh])).toEqual([[1000, 4500]]);
    cc.timeout(3000, seq(100), true);
    expect([cc.cwnd, cc.ssthresh]).toEqual([1000, 4500]);
  });
});

describe('congestion: none', () => {
  it('sends the whole peer window at once and keeps no cwnd', () => {
    const net = established({ client: { congestion: 'none' } });
    net.client.send(bytes(12 * SMSS), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(burstSizes(net)).toEqual([12]);
    expect(net.eventsOf('client', 'congestion')).toEqual([]);
    expect(net.client.snapshot()).toMatchObject({ cwnd: null, ssthresh: null });
  });
});

describe('invariants under random loss (fast-check)', () => {
  const arbLoss = fc.array(fc.oneof(
    { weight: 8, arbitrary: fc.constant<Fate>('deliver') },
    { weight: 1, arbitrary: fc.constant<Fate>('drop') },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 15 }).map((ms): Fate => ({ delay: ms * MS })) },
  ), { maxLength: 60 });

  it('cwnd ≥ 1 SMSS; new data only while in flight ≤ min(cwnd, rwnd); slow start grows ≤ SMSS per ACK', () => {
    fc.assert(fc.property(
      arbLoss, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 200, max: 1460 }), fc.integer({ min: 2000, max: 30000 }), fc.option(fc.integer({ min: 1, max: 10 })),
      (faults, segments, mss, window, initialWindow) => {
        const net = established({ client: { mss, initialWindow }, server: { mss, recvBuffer: window } });
        let n = 0;
        let drops = 0;
        net.fate = ({ from }) => {
          if (from !== 'client') return 'deliver';
          const f = faults[n++] ?? 'deliver';
          return f === 'drop' && ++drops > 6 ? 'deliver' : f;
        };
        net.app = () => void net.srv.receive(1 << 20, net.now);
        let highest = net.client.snapshot().sndNxt;
        net.onSend.push((s) => {
          if (s.from !== 'client' || s.seg.payload.length === 0) return;
          const snap = net.client.snapshot();
          const end = (s.seg.seq + s.seg.payload.length) >>> 0;
          const fresh = ((end - highest) | 0) > 0;
          if (!fresh) return;
          highest = seq(end);
          expect(snap.cwnd).not.toBeNull();
          expect(snap.inFlight).toBeLessThanOrEqual(Math.min(snap.cwnd!, snap.sndWnd));
        });
        net.client.send(bytes(segments * mss), net.now);
        net.pump();
        net.run();
        for (const e of net.eventsOf('client', 'congestion')) {
          expect(e.cwnd).toBeGreaterThanOrEqual(mss);
          if (e.cause === 'slow-start') {
            expect(e.cwnd - e.before.cwnd).toBeGreaterThan(0);
            expect(e.cwnd - e.before.cwnd).toBeLessThanOrEqual(mss);
          }
        }
        expect(net.client.snapshot().sndUna).toBe(net.client.snapshot().sndNxt);
      },
    ), { numRuns: Number(process.env.FUZZ_RUNS ?? 120) });
  });
});
