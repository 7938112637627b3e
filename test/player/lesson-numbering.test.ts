// A lesson that asks every seq and ack in absolute numbers is shown in them throughout, and
// a quiz that asks no number of sequence space (flags, a state) does not switch the screen
// to another numbering. Lesson 10 fixes its ISNs at 10 (client) and 20 (server), so its
// client SYN is seq 10 absolute and 0 relative (RFC 9293 §3.4: the SYN carries the ISN).
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { findLesson } from '../../source/lesson/registry.js';
import { createPlayer, currentCheckpoint, effectiveNumbering, update, type PlayerModel } from '../../source/player/model.js';
import { selectStatus } from '../../source/player/screen.js';
import { toPlayer } from '../../source/session/to-player.js';

function lesson(name: string): PlayerModel {
  const found = findLesson(name, 'en');
  if (!found.ok) throw new Error(name);
  const c = compileLesson(found.loaded, { seed: 5 });
  if (!c.ok) throw new Error(name);
  const { trace, lesson: l, options } = toPlayer(c.compiled);
  return createPlayer(trace, l, options);
}

describe('the numbering a lesson is shown in', () => {
  it('lesson 10 starts in absolute numbers, as all its seq and ack quizzes ask', () => {
    const m = lesson('seq-ack');
    expect(selectStatus(m).numbering).toBe('absolute');
    const syn = m.book.trace.frames.find((f) => f.summary?.includes('Flags [S]') && f.parent === null);
    expect(syn?.summary).toContain('seq 10,');
  });

  it('the handshake, which asks in both, starts in relative numbers', () => {
    expect(selectStatus(lesson('handshake')).numbering).toBe('relative');
  });

  it('a flags or state quiz leaves the numbering as the learner set it', () => {
    let m = lesson('seq-ack');
    const asked = m.book.checkpoints.filter((q) => q.ask === 'flags' || q.ask === 'state');
    expect(asked.length).toBeGreaterThan(0);
    for (const cp of asked) {
      m = update(m, { type: 'goto', step: cp.atStep });
      for (let k = 0; k < 10 && currentCheckpoint(m) && currentCheckpoint(m)!.id !== cp.id; k++) {
        m = update(update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) }), { type: 'next' });
      }
      expect(currentCheckpoint(m)?.id).toBe(cp.id);
      expect(effectiveNumbering(m), cp.id).toBe('absolute');
    }
  });
});
