// The scaled window field never moves the right edge left (RFC 9293 §3.8.6: shrinking the
// window is strongly discouraged; RFC 7323 §2.4 on the scale factor's granularity). The
// expected fields below were worked out by hand with Linux's rule (tcp_select_window:
// the new window is never less than the one already offered, rounded UP to 2^shift),
// not read from the code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seqDiff, seq, type Seq } from '../../../source/wire/seq.js';
import { CLIENT_ISS, SERVER_ISS, bytes, established, type Sent, type Side } from './harness.js';
import { simulate, type Run } from './run-apps.js';

/** The right edge a segment offers, in bytes after `base`: ack + window × 2^shift. */
function edge(s: Sent, base: Seq, shift: number): number {
  return seqDiff(s.seg.ack!, base) + s.seg.window * 2 ** (s.seg.flags.syn ? 0 : shift);
}

describe('window scaling rounds the window field up (shift 7, a 4000-byte buffer)', () => {
  it('a hand-computed sequence of window fields, and an edge that only moves right', () => {
    const scaled = { windowScale: 7 };
    const net = established({ client: scaled, server: { ...scaled, recvBuffer: 4000 } });
    // Relative to the client's ISN + 1, the SYN-ACK (never scaled) offers the edge 4000.
    net.client.send(bytes(3000), net.now);
    net.pump();
    net.runUntilQuiet();
    // 1460 in: 4000 − 1460 = 2540 = 19.84 units, so 20 (2560), edge 1460 + 2560 = 4020.
    //   Rounding down (19 = 2432) would have offered 3892, left of 4000.
    // 2920 in: 4020 − 2920 = 1100 = 8.59 units, so 9 (1152), edge 4072.
    // 3000 in: 4072 − 3000 = 1072 = 8.38 units, so 9 (1152), edge 4152.
    // Reading 1000 frees 2000 bytes, but the window could open by only 2000 − 1152 = 848,
    // less than min(4000 / 2, MSS 1460) (receiver SWS avoidance, RFC 9293 §3.8.6.2.2): no
    // update. Reading the other 2000 opens it to 4000, more than double 1152, so an update
    // goes out at once: 4000 = 31.25 units, so 32 (4096), edge 3000 + 4096 = 7096.
    expect(net.srv.receive(1000, net.now)).toHaveLength(1000);
    net.pump();
    expect(net.srv.receive(2000, net.now)).toHaveLength(2000);
    net.pump();
    net.runUntilQuiet();
    // The client may now send 4096 bytes: 1460, 1460 and 1176.
    net.client.send(bytes(4096, 1), net.now);
    net.pump();
    net.runUntilQuiet();
    // 4460 in: 7096 − 4460 = 2636 = 20.59 units, so 21 (2688), edge 7148.
    // 5920 in: 7148 − 5920 = 1228 = 9.59 units, so 10 (1280), edge 7200.
    // 7096 in: 7200 − 7096 = 104 = 0.81 units, so 1 (128), edge 7224.
    const base = seq(CLIENT_ISS + 1);
    const fromServer = net.sent.filter((s) => s.from === 'server');
    expect(fromServer.map((s) => [seqDiff(s.seg.ack!, base), s.seg.window])).toEqual([
      [0, 4000], [1460, 20], [2920, 9], [3000, 9], [3000, 32], [4460, 21], [5920, 10], [7096, 1],
    ]);
    expect(fromServer.map((s) => edge(s, base, 7))).toEqual([4000, 4020, 4072, 4152, 7096, 7148, 7200, 7224]);
    // The client read each field with the same shift.
    expect(net.client.snapshot().sndWnd).toBe(128);
  });
});

/** Every segment one side sent after its SYN, with the edge it offered. */
function edges(sent: readonly Sent[], side: Side, base: Seq, shift: number): number[] {
  return sent.filter((s) => s.from === side && s.seg.ack !== null && !s.seg.flags.rst).map((s) => edge(s, base, shift));
}

const arbConfig = fc.record({
  mss: fc.integer({ min: 100, max: 1460 }),
  recvBuffer: fc.integer({ min: 600, max: 6000 }),
  delayedAck: fc.boolean(),
  timestamps: fc.boolean(),
  windowScale: fc.integer({ min: 0, max: 9 }),
});

describe('property: RCV.NXT + the advertised window (scaled) never decreases', () => {
  it('on every segment each end sends, over a connection with loss, duplicates and delays', () => {
    fc.assert(
      fc.property(
        fc.record({
          faults: fc.array(fc.constantFrom<'deliver' | 'drop' | 'duplicate'>('deliver', 'deliver', 'deliver', 'drop', 'duplicate'), { maxLength: 30 })
            .map((f) => { let d = 0; return f.map((x) => (x === 'drop' && ++d > 6 ? 'deliver' : x)); }),
          client: arbConfig,
          server: arbConfig,
          clientWrites: fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 4 }),
          serverWrites: fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 3 }),
          reads: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4000 })), { minLength: 1, maxLength: 6 })
            .map((r) => (r.some((n) => n > 0) ? r : [...r, 4000])),
          serverClosesEarly: fc.boolean(),
        }),
        (p) => {
          const run: Run = { ...p, clientIss: CLIENT_ISS, serverIss: SERVER_ISS };
          const { net } = simulate(run);
          // Both ends offered a shift, so both use them (RFC 7323 §2.2).
          const toServer = edges(net.sent, 'server', seq(CLIENT_ISS + 1), p.server.windowScale);
          const toClient = edges(net.sent, 'client', seq(SERVER_ISS + 1), p.client.windowScale);
          for (const list of [toServer, toClient]) {
            for (let i = 1; i < list.length; i++) expect(list[i]!).toBeGreaterThanOrEqual(list[i - 1]!);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
