// The speed target, measured not asserted: a 100 MB bulk transfer with 1% loss at trace
// level 'frames', frames streamed to a sink instead of kept. Run with SIM_BENCH=1
// (SIM_BENCH_MB to change the size).
import { describe, expect, it } from 'vitest';
import { sim } from './helpers.js';

describe.skipIf(!process.env['SIM_BENCH'])('bulk transfer benchmark', () => {
  it('100 MB with 1% loss, trace level frames', () => {
    const mb = Number(process.env['SIM_BENCH_MB'] ?? 100);
    const length = mb * 1_000_000;
    let frames = 0;
    const net = sim('lan', { seed: 1, trace: 'frames', retain: false, onFrame: () => void frames++ });
    net.impair('client-sw', { loss: 0.01 });
    net.listen('server', 5001, { kind: 'sink' });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const bulk = net.sendBulk('client', '192.168.1.80', 5001, length);
    const r = net.settle();
    const ms = performance.now() - started;
    const user = process.cpuUsage(cpu).user / 1000;
    expect(r.ok).toBe(true);
    expect(bulk.progress.finished).toBe(true);
    console.log(`${mb} MB: ${ms.toFixed(0)} ms wall, ${user.toFixed(0)} ms CPU, ${frames} frames, virtual ${(net.now / 1e6).toFixed(2)} s`);
  }, 600_000);
});
