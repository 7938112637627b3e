import { describe, expect, it } from 'vitest';
import { builtinPlayer } from '../helpers/builtin.js';

// RFC 9293 §3.10.7.4: a segment inside the window but after a gap is kept for later
// processing, not thrown away; the receiver sends an ACK for the byte it still expects.
describe('a segment that arrives after a gap', () => {
  it('is shown held, not dropped, in the lesson on loss', () => {
    const m = builtinPlayer('loss');
    let seen = 0;
    m.book.views.views.forEach((v, step) => {
      for (const l of v.stack.layers) {
        if (!l.checks.some((c) => c.verdict === 'out-of-order')) continue;
        seen++;
        expect(l.status, `step ${step + 1}`).not.toBe('dropped');
      }
    });
    expect(seen).toBeGreaterThan(0);
  });
});
