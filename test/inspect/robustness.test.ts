// Damaged input gives what can be read and at most one complaint: never an exception,
// never a hang. Every truncation of a small capture, and random damage to each of the
// committed captures, in both output modes.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../source/capture/read.js';
import { inspectItems } from '../../source/cli/commands/inspect.js';

const CAPTURES = 'captures';

function inspectBytes(bytes: Uint8Array, json: boolean) {
  let out = '';
  let err = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {} };
  const code = inspectItems(readCaptureBytes(bytes), 'damaged.pcap', json ? { json: true } : {}, 'en', io);
  return { code, out, err };
}

function checkJson(out: string): number {
  const lines = out.split('\n').filter((l) => l.length > 0);
  for (const l of lines) expect(() => JSON.parse(l), l).not.toThrow();
  return lines.length;
}

describe('inspect on damaged captures', () => {
  it('reads every truncation of a small capture: packets before the cut, then one note or one error', () => {
    const whole = readFileSync(join(CAPTURES, 'handshake-get-close.pcap'));
    const full = inspectBytes(whole, true);
    expect(full.code).toBe(0);
    const total = checkJson(full.out);
    // Where records start: a cut exactly there leaves a shorter but whole capture.
    const boundaries = new Set([whole.length]);
    for (const item of readCaptureBytes(whole)) if (item.ok) boundaries.add(item.packet.fileOffset);
    const firstRecordEnd = [...boundaries].sort((a, b) => a - b)[1]!;
    for (let len = 0; len < whole.length; len++) {
      const r = inspectBytes(whole.subarray(0, len), true);
      const shown = checkJson(r.out);
      const complaints = r.err.split('\n').filter((l) => l.length > 0);
      expect(shown).toBeLessThan(total);
      if (len >= firstRecordEnd) {
        // Packets before the cut, and one note unless the cut fell between records.
        expect(r.code, `length ${len}`).toBe(0);
        expect(complaints, `length ${len}`).toHaveLength(boundaries.has(len) ? 0 : 1);
        if (complaints.length) expect(r.err).toContain('the file ends in the middle of a packet');
      } else if (len === 24) {
        expect(r.code, 'a bare file header is a valid, empty capture').toBe(0);
      } else {
        // Nothing readable: one plain line naming the byte offset.
        expect(r.code, `length ${len}`).toBe(1);
        expect(r.err).toMatch(/^tcp-tutor inspect: damaged\.pcap: (capture|pcap): .* \(at byte \d+\)\n$/);
      }
    }
  });

  for (const name of readdirSync(CAPTURES).sort()) {
    it(`survives random damage to ${name}`, () => {
      const original = readFileSync(join(CAPTURES, name));
      const damage = fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 });
      fc.assert(
        fc.property(damage, fc.boolean(), fc.nat(original.length), (edits, json, keep) => {
          const bytes = original.slice(0, Math.max(keep, original.length / 2));
          for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
          const r = inspectBytes(bytes, json);
          expect([0, 1]).toContain(r.code);
          if (json) checkJson(r.out);
          else expect(r.out).not.toMatch(/undefined|NaN|\[object/);
          expect(r.err).not.toMatch(/internal error|at .*\.ts:\d+/);
        }),
        { numRuns: 150, seed: 0x1c9 },
      );
    });
  }
});
