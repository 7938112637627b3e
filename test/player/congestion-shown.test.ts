// Congestion control is shown where it is taught. Every lesson's TCP runs RFC 5681 (the
// frames are the same either way), but the close lesson (topics: close, no cwnd quiz, no
// congestion setting) shows no cwnd beside its ladder, does not stop at a window change and
// prints no cwnd line in plain mode; lesson 22 (topics: congestion) shows all three.
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { walk } from '../../source/lesson/walk.js';
import { selectLadder, selectNarration } from '../../source/player/screen.js';
import { update } from '../../source/player/model.js';
import { builtinPlayer, compiledFile } from '../helpers/builtin.js';

const file = (id: string) => builtinLessonFiles().find((f) => f.endsWith(`-${id}.yaml`))!;

describe('congestion control where it is taught', () => {
  it('the close lesson: no cwnd by the ladder, no stop at a window change, no cwnd line in plain mode', () => {
    let m = builtinPlayer('close');
    const changes = m.book.trace.steps.filter((s) => s.kind === 'tcp-congestion').length;
    // The simulator did grow the window (slow start on each ACK of data).
    expect(changes).toBeGreaterThan(0);
    // A window change is a stop only where a quiz or a note stops anyway, and is not told there.
    const quizAt = new Set(m.book.checkpoints.map((q) => q.atStep));
    expect(m.book.stops.field.filter((i) => m.book.trace.steps[i]!.kind === 'tcp-congestion' && !quizAt.has(i))).toEqual([]);
    for (const i of new Set(m.book.stops.field)) {
      m = update(m, { type: 'goto', step: i });
      for (const c of selectLadder(m)?.columns ?? []) expect(c.congestion, `step ${i}`).toBeNull();
      expect(selectNarration(m).en, `step ${i}`).not.toMatch(/cwnd|slow start/);
    }
    expect(walk(compiledFile(file('close'))).some((e) => e.kind === 'congestion')).toBe(false);
  });

  it('lesson 22 shows them', () => {
    const m = builtinPlayer('congestion');
    expect(m.book.stops.field.some((i) => m.book.trace.steps[i]!.kind === 'tcp-congestion')).toBe(true);
    expect(walk(compiledFile(file('congestion'))).some((e) => e.kind === 'congestion')).toBe(true);
  });
});
