import { describe, expect, it } from 'vitest';
import { createEngine } from '../../source/sim/engine.js';

describe('event engine', () => {
  it('runs events in time order, ties in the order they were scheduled', () => {
    const e = createEngine();
    const log: string[] = [];
    e.schedule(30, () => log.push('c'));
    e.schedule(10, () => log.push('a1'));
    e.schedule(10, () => log.push('a2'));
    e.schedule(20, () => log.push('b'));
    e.schedule(10, () => log.push('a3'));
    expect(e.settle()).toEqual({ ok: true, now: 30, events: 5 });
    expect(log).toEqual(['a1', 'a2', 'a3', 'b', 'c']);
  });

  it('orders thousands of random events exactly like a stable sort', () => {
    const e = createEngine();
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 613);
    const log: number[] = [];
    times.forEach((t, i) => e.schedule(t, () => log.push(i)));
    e.settle();
    const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
    expect(log).toEqual(expected);
  });

  it('run({ until }) stops at the boundary and moves the clock to it', () => {
    const e = createEngine();
    const log: number[] = [];
    e.schedule(5, () => log.push(5));
    e.schedule(10, () => log.push(10));
    e.schedule(11, () => log.push(11));
    expect(e.run({ until: 10 })).toEqual({ ok: true, now: 10, events: 2 });
    expect(log).toEqual([5, 10]);
    expect(e.now).toBe(10);
    e.run({ until: 100 });
    expect(e.now).toBe(100);
    expect(log).toEqual([5, 10, 11]);
  });

  it('events scheduled by events run, and cancelled ones do not', () => {
    const e = createEngine();
    const log: string[] = [];
    const h = e.schedule(50, () => log.push('cancelled'));
    e.schedule(10, () => {
      log.push('first');
      e.after(5, () => log.push('child'));
      h.cancel();
    });
    e.settle();
    expect(log).toEqual(['first', 'child']);
    expect(e.now).toBe(15);
    expect(e.pending).toBe(0);
  });

  it('settle() leaves lingering events (TIME_WAIT) queued, and wait() still runs them', () => {
    const e = createEngine();
    const log: string[] = [];
    e.schedule(60_000_000, () => log.push('time-wait over'), 'lingering');
    e.schedule(5, () => log.push('normal'));
    expect(e.settle()).toEqual({ ok: true, now: 5, events: 1 });
    expect(log).toEqual(['normal']);
    e.run({ until: 60_000_000 });
    expect(log).toEqual(['normal', 'time-wait over']);
  });

  it('settle() runs a lingering event that comes before a normal one', () => {
    const e = createEngine();
    const log: string[] = [];
    e.schedule(1, () => log.push('lingering'), 'lingering');
    e.schedule(2, () => log.push('normal'));
    e.settle();
    expect(log).toEqual(['lingering', 'normal']);
  });

  it('a runaway loop stops at the event limit with an error value, not a hang', () => {
    const e = createEngine({ maxEvents: 1000 });
    const loop = () => void e.after(1, loop);
    e.after(1, loop);
    const r = e.settle();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('event-limit');
      expect(r.error.message).toContain('1000 events');
    }
  });
});

describe('settle with a horizon', () => {
  it('stops at the horizon when events keep coming, and leaves later ones queued', () => {
    const e = createEngine();
    let ticks = 0;
    const tick = () => { ticks++; e.after(1_000_000, tick); };
    e.after(1_000_000, tick);
    const r = e.settle({ until: 5_500_000 });
    expect(r.ok).toBe(true);
    expect(ticks).toBe(5);
    expect(e.now).toBe(5_000_000);
    expect(e.pending).toBe(1);
  });
});
