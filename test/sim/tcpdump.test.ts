// The one-liners a learner reads in the tutor must be the lines tcpdump prints for the
// same frames, so that reading their own captures later is the same skill.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { findLesson } from '../../source/lesson/registry.js';

const HAVE = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' }).status === 0;
const SKIP = !HAVE && !process.env.TCP_TUTOR_CI;

describe.skipIf(SKIP)('frame summaries read as tcpdump -n prints them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-tcpdump-'));
  for (const id of ['handshake', 'seq-ack', 'close', 'loss', 'rst', 'journey', 'capture-reading']) {
    it(id, () => {
      const found = findLesson(id, 'en');
      if (!found.ok) throw new Error(id);
      const r = compileLesson(found.loaded, { seed: 11 });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const c = r.compiled;
      const cap = c.capture('pcap');
      if ('error' in cap) throw new Error(cap.error);
      const file = join(dir, `${id}.pcap`);
      writeFileSync(file, cap.bytes);
      const lines = spawnSync('tcpdump', ['-n', '-r', file], { encoding: 'utf8' }).stdout.trim().split('\n');
      let compared = 0;
      for (const f of c.trace.frames) {
        const n = cap.frameNumber(f.id);
        if (n === null || c.trace.frames.some((g) => g.parent === f.id && cap.frameNumber(g.id) === n)) continue;
        const theirs = lines[n - 1]!.replace(/^\S+ IP /, '');
        if (!/ (Flags|UDP)/.test(theirs) || !f.summary.includes('Flags')) continue;
        expect(f.summary, `frame ${n}`).toBe(theirs);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(3);
    });
  }
});
