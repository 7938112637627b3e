// Properties of SACK recovery under the `linux` profile, on a wire that loses, duplicates
// and reorders at random: every byte arrives once and in order, a byte the sender has
// been told is SACKed is never sent again, and the scoreboard's pipe is never negative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileDefaults, type TcpConnection } from '../../../source/sim/tcp/api.js';
import { Scoreboard } from '../../../source/sim/tcp/sack.js';
import { MS } from '../../../source/sim/time.js';
import { seq, seqAdd, seqGt, seqLt, type Seq } from '../../../source/wire/seq.js';
import type { TcpSegment } from '../../../source/wire/tcp.js';
import type { Fate, Net, Side } from './harness.js';
import { firstDifference, simulate, type Run } from './run-apps.js';

const LINUX = profileDefaults('linux');

const arbFate: fc.Arbitrary<Fate> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Fate>('deliver') },
  { weight: 2, arbitrary: fc.constant<Fate>('drop') },
  { weight: 1, arbitrary: fc.constant<Fate>('duplicate') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map((ms): Fate => ({ delay: ms * MS })) },
);

const arbConfig = fc.record({
  mss: fc.integer({ min: 100, max: 1460 }),
  recvBuffer: fc.integer({ min: 4000, max: 30_000 }),
  delayedAck: fc.boolean(),
  timestamps: fc.boolean(),
  initialWindow: fc.option(fc.integer({ min: 2, max: 10 }), { nil: undefined }),
}).map((c) => ({ ...LINUX, ...c, initialWindow: c.initialWindow ?? null, sackPermitted: true }));

const arbIss = fc.oneof(fc.integer({ min: 0xffff0000, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })).map(seq);

const arbRun: fc.Arbitrary<Run> = fc.record({
  // At most 12 drops, fewer than the 15 retransmissions a segment may take.
  faults: fc.array(arbFate, { maxLength: 80 }).map((faults) => {
    let drops = 0;
    return faults.map((f) => (f === 'drop' && ++drops > 12 ? 'deliver' : f));
  }),
  client: arbConfig,
  server: arbConfig,
  clientIss: arbIss,
  serverIss: arbIss,
  clientWrites: fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 3 }),
  serverWrites: fc.array(fc.integer({ min: 1, max: 8000 }), { maxLength: 2 }),
  reads: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 500, max: 30_000 })), { minLength: 1, maxLength: 4 })
    .map((r) => (r.some((n) => n > 0) ? r : [...r, 30_000])),
  serverClosesEarly: fc.boolean(),
});

/**
 * Records, per side, what SACK blocks have reached it (so its TCP knows them) and fails if
 * that side then sends a data byte inside one of them above its SND.UNA.
 */
function watchSackedNeverResent(net: Net): { sackedBlocksSeen: () => number } {
  const known: Record<Side, { left: Seq; right: Seq }[]> = { client: [], server: [] };
  let seen = 0;
  for (const side of ['client', 'server'] as const) {
    const conn: TcpConnection = side === 'client' ? net.client : net.srv;
    const arrives = conn.segmentArrives.bind(conn);
    conn.segmentArrives = (seg: TcpSegment, now: number) => {
      for (const o of seg.options) if (o.kind === 'sack') for (const b of o.blocks) {
        known[side].push({ left: b.left, right: b.right });
        seen++;
      }
      arrives(seg, now);
    };
  }
  net.onSend.push(({ from, seg }) => {
    if (seg.payload.length === 0) return;
    const una = (from === 'client' ? net.client : net.srv).snapshot().sndUna;
    const start = seg.seq;
    const end = seqAdd(seg.seq, seg.payload.length);
    for (const b of known[from]) {
      const left = seqGt(b.left, una) ? b.left : una;
      if (seqLt(left, b.right) && seqLt(start, b.right) && seqLt(left, end)) {
        throw new Error(`${from} resent ${start}:${end}, inside ${b.left}:${b.right}, which the peer had SACKed`);
      }
    }
  });
  return { sackedBlocksSeen: () => seen };
}

describe('property: SACK recovery on a lossy, duplicating, reordering wire (linux profile)', () => {
  it('delivers every byte once and in order, and never resends a byte the sender knows is SACKed', () => {
    let runsWithSack = 0;
    let runsWithHoleResent = 0;
    fc.assert(
      fc.property(arbRun, (p) => {
        let watch: ReturnType<typeof watchSackedNeverResent> | null = null;
        const { net, sent, received } = simulate(p, (n) => {
          watch = watchSackedNeverResent(n);
        });
        expect(firstDifference(received.server, sent.client)).toBeNull();
        expect(firstDifference(received.client, sent.server)).toBeNull();
        expect(net.states()).toBe('CLOSED/CLOSED');
        if (watch!.sackedBlocksSeen() > 0) runsWithSack++;
        if ([...net.eventsOf('client', 'retransmit'), ...net.eventsOf('server', 'retransmit')].some((e) => e.reason === 'sack-recovery')) runsWithHoleResent++;
      }),
      // SACK_RUNS=1500 (with --testTimeout=300000) for a longer hunt; 1500 passed when written.
      { numRuns: Number(process.env.SACK_RUNS ?? 150) },
    );
    // The runs did exercise SACK: blocks were sent in many, and holes resent by NextSeg in some.
    expect(runsWithSack).toBeGreaterThan(30);
    expect(runsWithHoleResent).toBeGreaterThan(3);
  });
});

describe('property: the scoreboard (RFC 6675 §4)', () => {
  const arbBlocks = fc.array(fc.array(fc.record({ at: fc.integer({ min: -2000, max: 40_000 }), len: fc.integer({ min: 1, max: 4000 }) }), { maxLength: 4 }), { maxLength: 30 });

  it('pipe is never negative nor more than twice HighData − HighACK, and holes NextSeg picks are never SACKed', () => {
    fc.assert(
      fc.property(arbIss, arbBlocks, fc.integer({ min: 100, max: 1460 }), fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 30 }), (iss, acks, smss, moves) => {
        let una = iss;
        const nxt = seqAdd(iss, 36_000);
        const board = new Scoreboard(smss, una);
        acks.forEach((blocks, i) => {
          if (i === 5) board.enterRecovery(nxt);
          if (i === 20) board.timedOut(una, nxt);
          una = seqAdd(una, moves[i] ?? 0);
          if (seqGt(una, nxt)) una = nxt;
          board.acknowledged(una);
          board.update(blocks.map((b) => ({ left: seqAdd(una, b.at), right: seqAdd(una, b.at + b.len) })), una, nxt);
          const pipe = board.pipe(una, nxt);
          expect(pipe).toBeGreaterThanOrEqual(0);
          expect(pipe).toBeLessThanOrEqual(2 * 36_000);
          for (const rule of [1, 3] as const) {
            const next = board.nextSeg(una, nxt, rule);
            if (!next) continue;
            expect(board.isSacked(next.from)).toBe(false);
            expect(seqLt(next.from, next.to)).toBe(true);
            board.retransmitted(seqAdd(next.from, Math.min(smss, 1)));
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
