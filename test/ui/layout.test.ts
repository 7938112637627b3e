import { describe, expect, it } from 'vitest';
import { geometry, tooSmall } from '../../source/ui/layout.js';

describe('screen layout', () => {
  it('fits every pane into 80×24, one row short so Ink never clears the screen', () => {
    const g = geometry(80, 24, { narration: 2, hex: 5, quiz: 0 });
    expect(g.rows).toBe(23);
    expect(g.narration + g.main + g.hex + g.quiz + 1).toBe(23);
    expect(g.stackWidth + 1 + g.ladderWidth).toBe(80);
    expect(g.main).toBeGreaterThanOrEqual(11);
  });

  it('makes room for a quiz by shrinking the hex pane first', () => {
    const g = geometry(80, 24, { narration: 2, hex: 5, quiz: 8 });
    expect(g.narration).toBe(1);
    expect(g.main).toBeGreaterThanOrEqual(11);
    expect(g.hex).toBeLessThan(5);
    expect(g.narration + g.main + g.hex + g.quiz + 1).toBe(23);
  });

  it('gives a quiz’s feedback the rows of the layer stack beyond its titles, so that why and the rule fit at 80×24', () => {
    const asked = geometry(80, 24, { narration: 3, hex: 5, quiz: 15 });
    const answered = geometry(80, 24, { narration: 3, hex: 5, quiz: 15, feedback: true });
    expect(asked.quiz).toBe(23 - 1 - 1 - 11);
    // Four layer titles and two borders stay: the stack is still there to come back to.
    expect(answered.main).toBe(6);
    expect(answered.quiz).toBe(15);
    expect(answered.narration + answered.main + answered.hex + answered.quiz + 1).toBe(23);
  });

  it('gives a big terminal to the hex pane, the narration and a wider ladder', () => {
    const g = geometry(120, 40, { narration: 3, hex: 11, quiz: 0 });
    expect(g.narration).toBe(3);
    expect(g.hex).toBe(11);
    expect(g.ladderWidth).toBeGreaterThan(geometry(80, 24, { narration: 1, hex: 0, quiz: 0 }).ladderWidth);
    expect(g.narration + g.main + g.hex + 1).toBe(39);
  });

  it('knows when the terminal is too small', () => {
    expect(tooSmall(79, 24)).toBe(true);
    expect(tooSmall(80, 23)).toBe(true);
    expect(tooSmall(80, 24)).toBe(false);
  });
});
