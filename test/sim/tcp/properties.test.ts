import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS } from '../../../source/sim/time.js';
import { seq } from '../../../source/wire/seq.js';
import type { Fate } from './harness.js';
import { firstDifference, simulate, type Run } from './run-apps.js';

/** At most this many drops per run: fewer than it takes to exhaust 8 retransmissions of one segment. */
const MAX_DROPS = 8;

const arbFate: fc.Arbitrary<Fate> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Fate>('deliver') },
  { weight: 1, arbitrary: fc.constant<Fate>('drop') },
  { weight: 1, arbitrary: fc.constant<Fate>('duplicate') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map((ms): Fate => ({ delay: ms * MS })) },
);

/** Faults for the first segments of a run; later segments are all delivered, so every run can finish. */
const arbFaults = fc.array(arbFate, { maxLength: 40 }).map((faults) => {
  let drops = 0;
  return faults.map((f) => (f === 'drop' && ++drops > MAX_DROPS ? 'deliver' : f));
});

/** One end's configuration. Large shifts on small buffers are window-scale.test.ts's. */
const arbConfig = fc.record({
  mss: fc.integer({ min: 100, max: 1460 }),
  recvBuffer: fc.integer({ min: 600, max: 6000 }),
  delayedAck: fc.boolean(),
  timestamps: fc.boolean(),
  sackPermitted: fc.boolean(),
  windowScale: fc.option(fc.integer({ min: 0, max: 3 })),
});

/** ISNs mostly just below 2^32, so that transfers wrap the sequence space. */
const arbIss = fc.oneof(fc.integer({ min: 0xffff0000, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })).map(seq);

const arbRun: fc.Arbitrary<Run> = fc.record({
  faults: arbFaults,
  client: arbConfig,
  server: arbConfig,
  clientIss: arbIss,
  serverIss: arbIss,
  clientWrites: fc.array(fc.integer({ min: 1, max: 2500 }), { minLength: 1, maxLength: 4 }),
  serverWrites: fc.array(fc.integer({ min: 1, max: 2500 }), { maxLength: 3 }),
  // An application that never reads keeps the window shut, and a zero window is probed
  // forever (RFC 9293 §3.8.6.1), so every reader reads something sometimes. Reads of a
  // few bytes would only make runs long: the window opens in steps of min(MSS, buffer/2).
  reads: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 4000 })), { minLength: 1, maxLength: 6 })
    .map((r) => (r.some((n) => n > 0) ? r : [...r, 4000])),
  serverClosesEarly: fc.boolean(),
});

describe('property: a lossy, duplicating, reordering wire', () => {
  it('delivers exactly the bytes sent, in order, once; keeps SND.UNA ≤ SND.NXT; both ends close', () => {
    fc.assert(
      fc.property(arbRun, (p) => {
        const { net, sent, received } = simulate(p);
        expect(firstDifference(received.server, sent.client)).toBeNull();
        expect(firstDifference(received.client, sent.server)).toBeNull();
        expect(net.states()).toBe('CLOSED/CLOSED');
        expect(net.eventsOf('client', 'give-up')).toEqual([]);
        expect(net.eventsOf('server', 'give-up')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
