// An order quiz's keys in the pure reducer: Shift+↑ ↓ move the highlighted frame as K J do,
// a pasted order replaces the list (and Enter after it submits), a digit that names no frame
// changes nothing, and the list cannot be moved past its ends.
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { openLoaded } from '../../source/session/lesson.js';
import { answerOf, createPlayer, currentCheckpoint, orderArrangement, update, type PlayerModel } from '../../source/player/model.js';
import { press } from '../../source/player/keys.js';
import type { OrderCheckpoint } from '../../source/quiz/checkpoint.js';

function atOrderQuiz(): { m: PlayerModel; cp: OrderCheckpoint } {
  const r = loadLessonFile('lessons/13-close.yaml', 'en');
  if (!r.ok) throw new Error('no close lesson');
  const o = openLoaded(r.loaded, (s) => s ?? 1);
  if (!o.ok) throw new Error(o.reason);
  const cp = o.session.lesson.checkpoints!.find((q) => q.kind === 'order') as OrderCheckpoint;
  let m = createPlayer(o.session.trace, o.session.lesson, o.session.options);
  m = update(m, { type: 'goto', step: cp.atStep });
  for (let k = 0; k < 20 && currentCheckpoint(m)?.id !== cp.id; k++) {
    m = update(update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) }), { type: 'next' });
  }
  expect(currentCheckpoint(m)?.id).toBe(cp.id);
  return { m, cp };
}

describe('keys in an order quiz', () => {
  const { m: start, cp } = atOrderQuiz();
  const list = (m: PlayerModel) => orderArrangement(cp, m.draft);

  it('Shift+↓ and Shift+↑ move the highlighted frame, like J and K', () => {
    expect(list(start)).toEqual({ order: [1, 2, 3, 4, 5, 6], cursor: 0 });
    const down = press(start, '', { downArrow: true, shift: true });
    expect(list(down)).toEqual({ order: [2, 1, 3, 4, 5, 6], cursor: 1 });
    expect(list(press(start, 'J', { shift: true }))).toEqual(list(down));
    const back = press(down, '', { upArrow: true, shift: true });
    expect(list(back)).toEqual({ order: [1, 2, 3, 4, 5, 6], cursor: 0 });
    // Not past the top or the bottom.
    expect(list(press(start, 'K', { shift: true }))).toEqual({ order: [1, 2, 3, 4, 5, 6], cursor: 0 });
    const last = press(start, '6', {});
    expect(list(press(last, 'J', { shift: true }))).toEqual({ order: [1, 2, 3, 4, 5, 6], cursor: 5 });
    // A digit that names no frame does nothing.
    expect(press(start, '9', {}).draft).toBe(start.draft);
  });

  it('takes a pasted order, and submits it when Enter came with it', () => {
    const pasted = press(start, cp.expected, {});
    expect(list(pasted).order).toEqual(cp.expected.split(' ').map(Number));
    expect(answerOf(pasted, cp.id)).toBeNull();
    const sent = press(start, `${cp.expected}\r`, {});
    expect(answerOf(sent, cp.id)).toEqual({ value: cp.expected, correct: true });
    // Enter on the list as shown answers it, wrongly: the shuffle is never right.
    expect(answerOf(press(start, '', { return: true }), cp.id)).toEqual({ value: '1 2 3 4 5 6', correct: false });
  });
});
