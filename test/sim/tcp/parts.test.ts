import { describe, expect, it } from 'vitest';
import { ReceiveBuffer } from '../../../source/sim/tcp/receive-buffer.js';
import { RtoEstimator } from '../../../source/sim/tcp/rto.js';
import { SendQueue } from '../../../source/sim/tcp/send-queue.js';
import { MS, SECOND } from '../../../source/sim/time.js';
import { seq } from '../../../source/wire/seq.js';
import { bytes } from './harness.js';

describe('RtoEstimator (RFC 6298)', () => {
  const config = { rtoInitial: 1 * SECOND, rtoMin: 200 * MS, rtoMax: 60 * SECOND };

  it('starts at the initial RTO, then follows §2.2 and §2.3', () => {
    const rto = new RtoEstimator(config);
    expect(rto.current).toBe(1 * SECOND);
    rto.sample(100 * MS); // SRTT 100 ms, RTTVAR 50 ms: 100 + 4 × 50
    expect(rto.current).toBe(300 * MS);
    rto.sample(200 * MS); // RTTVAR 3/4 × 50 + 1/4 × 100 = 62.5; SRTT 7/8 × 100 + 1/8 × 200 = 112.5
    expect(rto.current).toBe(362_500);
  });

  it('never goes below the minimum or above the maximum', () => {
    const rto = new RtoEstimator(config);
    rto.sample(1 * MS);
    expect(rto.current).toBe(200 * MS);
    for (let i = 0; i < 20; i++) rto.backOff();
    expect(rto.current).toBe(60 * SECOND);
  });

  it('doubles on each timeout (§5.5)', () => {
    const rto = new RtoEstimator(config);
    rto.backOff();
    rto.backOff();
    expect(rto.current).toBe(4 * SECOND);
  });

  it('after a SYN timeout without a sample, data starts at 3 s (§5.7)', () => {
    const rto = new RtoEstimator(config);
    rto.backOff();
    rto.afterSynTimeout();
    expect(rto.current).toBe(3 * SECOND);
    const sampled = new RtoEstimator(config);
    sampled.sample(100 * MS);
    sampled.afterSynTimeout();
    expect(sampled.current).toBe(300 * MS);
  });
});

describe('ReceiveBuffer: reassembly', () => {
  it('holds data after a gap and delivers it all when the gap fills', () => {
    const buf = new ReceiveBuffer();
    const data = bytes(300);
    expect(buf.place(200, data.subarray(200), 1000)).toEqual({ delivered: 0, filledGap: false });
    expect(buf.place(100, data.subarray(100, 200), 1000)).toEqual({ delivered: 0, filledGap: false });
    expect(buf.outOfOrder).toBe(200);
    expect(buf.place(0, data.subarray(0, 100), 1000)).toEqual({ delivered: 300, filledGap: true });
    expect([buf.unread, buf.outOfOrder]).toEqual([300, 0]);
    expect(buf.read(1000)).toEqual(data);
  });

  it('keeps one copy of overlapping pieces and trims what is already received', () => {
    const buf = new ReceiveBuffer();
    const data = bytes(100);
    buf.place(50, data.subarray(50, 80), 1000);
    buf.place(40, data.subarray(40, 90), 1000);
    expect(buf.outOfOrder).toBe(50);
    expect(buf.place(0, data.subarray(0, 60), 1000).delivered).toBe(90);
    // Starts 30 bytes before RCV.NXT: only the last 10 are new.
    expect(buf.place(-30, data.subarray(60, 100), 1000).delivered).toBe(10);
    expect(buf.read(1000)).toEqual(data);
  });

  it('takes nothing beyond the window', () => {
    const buf = new ReceiveBuffer();
    expect(buf.place(0, bytes(100), 60).delivered).toBe(60);
    expect(buf.place(0, bytes(10), 0).delivered).toBe(0);
    expect(buf.place(70, bytes(10), 60)).toEqual({ delivered: 0, filledGap: false });
    expect(buf.outOfOrder).toBe(0);
  });
});

describe('SendQueue', () => {
  it('keeps segments as first cut, trims a partly acked one, and drops acked bytes', () => {
    const q = new SendQueue(1000, seq(0xfffffff1));
    expect(q.write(bytes(1200))).toBe(1000);
    q.sent({ seq: seq(0xfffffff0), syn: true, fin: false, psh: false, dataLength: 0, firstSent: 0, retransmitted: false });
    q.sent({ seq: seq(0xfffffff1), syn: false, fin: false, psh: false, dataLength: 500, firstSent: 0, retransmitted: false });
    expect(q.unsent(seq(0xfffffff1 + 500 - 2 ** 32))).toBe(500);
    const done = q.acknowledge(seq(0xfffffff1 + 100 - 2 ** 32));
    expect(done.map((f) => f.syn)).toEqual([true]);
    expect(q.flight).toEqual([
      { seq: 0x55, syn: false, fin: false, psh: false, dataLength: 400, firstSent: 0, retransmitted: false },
    ]);
    expect(q.buffered).toBe(900);
    expect(q.read(seq(0x55), 3)).toEqual(bytes(1200).subarray(100, 103));
  });
});
