import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { walk } from '../../source/lesson/walk.js';
import { capturedNumbers, wireOrder } from '../../source/lesson/wire-order.js';
import { compiledFile } from '../helpers/builtin.js';

// A cwnd or ssthresh quiz asks what the host makes of an ACK. The simulator's trace says
// which congestion changes that ACK caused: those of the host after the ACK arrives there,
// before anything else arrives. The quiz must come after the ACK is on the wire and before
// any of those changes is told (plain mode prints them; the player draws them in the ladder).
describe('a congestion quiz stops between its ACK on the wire and what the ACK does', () => {
  const file = builtinLessonFiles().find((f) => f.endsWith('-congestion.yaml'))!;
  for (const seed of [1, 7, 23]) {
    it(`lesson congestion, seed ${seed}`, () => {
      const c = compiledFile(file, seed);
      const steps = c.trace.steps;
      const position: number[] = [];
      wireOrder(c.trace, capturedNumbers(c)).forEach((i, k) => (position[i] = k));
      const events = walk(c);
      let checked = 0;
      for (const q of c.quizzes) {
        if ((q.ask !== 'cwnd' && q.ask !== 'ssthresh') || q.frame === undefined || !q.host) continue;
        const arrive = steps.findIndex((s) => s.kind === 'arrive' && s.frame === q.frame && s.node === q.host);
        expect(arrive, q.id).toBeGreaterThan(0);
        let next = steps.findIndex((s, i) => i > arrive && s.kind === 'arrive' && s.node === q.host);
        if (next < 0) next = steps.length;
        const caused = new Set<number>();
        steps.forEach((s, i) => i > arrive && i < next && s.kind === 'tcp-congestion' && s.host === q.host && caused.add(position[i]!));
        const asked = events.findIndex((e) => e.kind === 'quiz' && e.quiz.id === q.id);
        const onWire = events.findIndex((e) => e.kind === 'frame' && e.frame === q.frame);
        const told = events.findIndex((e) => e.kind === 'congestion' && caused.has(e.at));
        expect(onWire, `${q.id}: its ACK is shown`).toBeGreaterThanOrEqual(0);
        expect(onWire, `${q.id}: its ACK comes before it`).toBeLessThan(asked);
        if (told >= 0) expect(asked, `${q.id}: asked before the change it asks about is told`).toBeLessThan(told);
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(6);
    });
  }
});
