// Replay takes untrusted captures: damaged bytes and odd conversations must give a replay
// or one plain line, never an exception, and every quiz it asks must be one the player can ask.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../source/capture/read.js';
import { replayCapture } from '../../source/replay/replay.js';
import { toPlayer } from '../../source/session/to-player.js';
import { createBook } from '../../source/player/model.js';
import { A, B, capture, tcpFrame } from '../inspect/builder.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

function check(bytes: Uint8Array, stream: number | null = null): void {
  const r = replayCapture('fuzz.pcap', { stream, items: () => readCaptureBytes(bytes) });
  if (!r.ok) {
    expect(r.error.en).not.toContain('\n');
    expect(r.error.ko).not.toContain('\n');
    return;
  }
  // No outside judge reads a damaged capture; the player must still take every quiz (an
  // answer among its options, a step inside the trace).
  const { trace, lesson } = toPlayer(r.replay);
  expect(createBook(trace, lesson).problems).toEqual([]);
}

describe('replay robustness', () => {
  const real = ['handshake-get-close.pcap', 'loss-retransmissions.pcap', 'any-sll2.pcapng', 'snaplen-80.pcap']
    .map((f) => new Uint8Array(readFileSync(`captures/${f}`)));

  it('damaged real captures: a replay or one line', () => {
    fc.assert(fc.property(
      fc.nat(real.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }), fc.option(fc.nat()),
      (which, edits, cut) => {
        const bytes = real[which]!.slice();
        for (const [at, v] of edits) bytes[24 + (at % (bytes.length - 24))] = v;
        check(cut === null ? bytes : bytes.subarray(0, cut % bytes.length));
      },
    ), { numRuns: RUNS });
  });

  it('timestamps a damaged file makes absurd (past 32 bits, or backwards) still export', () => {
    // Counterexamples fast-check found: a flipped timestamp byte made the export's seconds
    // overflow pcap's 32-bit field, and the writer refused them.
    for (const edits of [[[1251467334, 15], [0, 0]], [[895174471, 1]]] as const) {
      const bytes = real[2]!.slice();
      for (const [at, v] of edits) bytes[24 + (at % (bytes.length - 24))] = v;
      check(bytes);
    }
  });

  it('any order of segments with any flags and numbers: no exception, and quizzes that grade', () => {
    const segment = fc.record({
      fromA: fc.boolean(),
      seq: fc.oneof(fc.nat(40), fc.constant(0xfffffff0), fc.nat()),
      ack: fc.option(fc.oneof(fc.nat(40), fc.nat())),
      flags: fc.subarray(['S', 'F', 'R', 'P'], { maxLength: 2 }).map((f) => f.join('')),
      len: fc.oneof(fc.constant(0), fc.nat(20)),
    });
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 25 }), (segs) => {
      const frames = segs.map((s, i) => ({
        us: i * 10,
        data: s.fromA ? tcpFrame(A, B, { seq: s.seq, ack: s.ack, flags: s.flags, len: s.len }) : tcpFrame(B, A, { seq: s.seq, ack: s.ack, flags: s.flags, len: s.len }),
      }));
      check(capture(frames));
    }), { numRuns: RUNS });
  });
});
