// Progress is written as the learner steps, at most once a second, and always the latest.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LessonProgress } from '../../source/progress/data.js';
import { makeSaver, type SaveCmd } from '../../source/ui/Tutor.js';
import { player } from '../player/fixtures.js';
import { update } from '../../source/player/model.js';

afterEach(() => vi.useRealTimers());

function fixture() {
  const writes: LessonProgress[] = [];
  const store = { read: () => ({ lessons: {}, settings: null }), saveLesson: (_id: string, l: LessonProgress) => void writes.push(l), saveLang: () => {}, warnings: () => [] };
  const saver = makeSaver(() => ({ store, now: () => new Date('2026-01-01T00:00:00.000Z') }));
  let m = player({}, false);
  const cmd = (throttle: boolean): SaveCmd => {
    m = update(m, { type: 'next' });
    return { kind: 'save', id: 'handshake', model: m, context: { seed: 1, previous: undefined, done: false }, ...(throttle && { throttle: true as const }) };
  };
  return { writes, saver, cmd };
}

describe('saving as the learner steps', () => {
  it('writes the first step at once, then at most once a second, and the last step always', () => {
    vi.useFakeTimers();
    const { writes, saver, cmd } = fixture();
    saver.save(cmd(true));
    expect(writes).toHaveLength(1);
    for (let i = 0; i < 20; i++) saver.save(cmd(true));
    expect(writes).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.step).toBeGreaterThan(writes[0]!.step + 19);
  });

  it('an answer is written at once and takes the place of a pending step save', () => {
    vi.useFakeTimers();
    const { writes, saver, cmd } = fixture();
    saver.save(cmd(true));
    saver.save(cmd(true));
    saver.save(cmd(false));
    expect(writes).toHaveLength(2);
    vi.advanceTimersByTime(5000);
    expect(writes).toHaveLength(2);
  });
});
