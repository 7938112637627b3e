// Whole-network properties: whatever the links do to frames (loss, duplication,
// reordering, all drawn from the seed), the application gets exactly the bytes that were
// sent, in order, once; both ends finish closed; and no invariant ever breaks on the way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../source/sim/network.js';
import { seqLe, type Seq } from '../../source/wire/seq.js';

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('a transfer over impaired links', () => {
  it('delivers every byte once and in order, and both ends close', () => {
    const fates = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 20_000 }),
        fc.record({ loss: fc.double({ min: 0, max: 0.15, noNaN: true }), duplicate: fc.double({ min: 0, max: 0.1, noNaN: true }), reorder: fc.double({ min: 0, max: 0.2, noNaN: true }) }),
        fc.integer({ min: 200, max: 1460 }),
        (seed, data, chance, mss) => {
          const net = createNetwork('direct', { seed, trace: 'full', tcp: { mss }, isn: { client: 0xfffff000 } });
          const link = net.topology.links[0]!.name;
          net.impair(link, chance);
          net.listen('server', 80);
          const client = net.connect('client', '192.168.1.80', 80);
          net.send(client, data);
          let server: string | null = null;
          const got: Uint8Array[] = [];
          for (let i = 0; i < 600; i++) {
            net.wait(250);
            server ??= net.accept('server', 80);
            if (server) got.push(net.read(server));
            if (got.reduce((n, g) => n + g.length, 0) >= data.length) break;
          }
          expect(server).not.toBeNull();
          expect(Buffer.from(concat(got)).equals(Buffer.from(data))).toBe(true);
          net.close(client);
          net.wait(2_000);
          net.close(server!);
          // Long enough for retransmissions of the FINs and a full TIME_WAIT (2 × 30 s).
          net.wait(150_000);
          for (const id of [client, server!]) {
            const s = net.socket(id);
            expect(s === null || s.state === 'CLOSED' || s.state === 'TIME_WAIT', `${id}: ${s?.state}`).toBe(true);
          }
          for (const st of net.trace().steps) if (st.kind === 'link-fate') fates.set(st.fate, (fates.get(st.fate) ?? 0) + 1);
          for (const snap of net.trace().snapshots) {
            for (const s of Object.values(snap.sockets)) {
              if (!seqLe(s.sndUna as Seq, s.sndNxt as Seq)) throw new Error(`SND.UNA ${s.sndUna} > SND.NXT ${s.sndNxt} in ${s.id}`);
            }
          }
        },
      ),
      // A fixed seed keeps the count of impairments below stable from run to run.
      { numRuns: 25, seed: 20261121 },
    );
    // The links really did their worst along the way.
    expect(fates.get('dropped') ?? 0).toBeGreaterThan(0);
    expect(fates.get('duplicated') ?? 0).toBeGreaterThan(0);
    expect(fates.get('reordered') ?? 0).toBeGreaterThan(0);
  });
});
