// A state quiz about no frame of its own asks what everything before its place made of the
// host. It stops where the learner has seen that, with the state still to tell: at the
// host's last change when that came after the last frame (TIME_WAIT running out in a wait),
// else at the end of what came before, a lesson's wait included, which is a stop of its own
// (an idle step: "Time passes: 1 h with nothing on the wire").
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { createPlayer, currentCheckpoint, update, type PlayerModel } from '../../source/player/model.js';
import { selectLadder, selectNarration } from '../../source/player/screen.js';
import { toPlayer } from '../../source/session/to-player.js';
import { walk } from '../../source/lesson/walk.js';

function compiled(name: string) {
  const r = loadLessonFile(builtinLessonFiles().find((f) => f.endsWith(name))!, 'en');
  if (!r.ok) throw new Error(name);
  const c = compileLesson(r.loaded, { seed: 5 });
  if (!c.ok) throw new Error(name);
  return c.compiled;
}

function atQuiz(c: ReturnType<typeof compiled>, id: string): PlayerModel {
  const { trace, lesson, options } = toPlayer(c);
  let m = createPlayer(trace, lesson, options);
  for (let guard = 0; guard < 2000 && currentCheckpoint(m)?.id !== id; guard++) {
    const open = currentCheckpoint(m);
    m = open && !m.answers.has(open.id) ? update(m, { type: 'answer', value: String(open.expected) }) : update(m, { type: 'nextQuiz' });
  }
  expect(currentCheckpoint(m)?.id).toBe(id);
  return m;
}

const stateOf = (m: PlayerModel, host: string) => selectLadder(m)!.columns.find((c) => c.host === host)!.state;

describe('a state quiz without a frame', () => {
  it('lesson 20: “after an hour” stops once the hour has passed, the hello exchanged, the client’s state a ?', () => {
    const c = compiled('20-keepalive.yaml');
    const q = c.quizzes.find((x) => x.id === 'after-an-hour')!;
    const step = c.trace.steps[q.atStep]!;
    expect(step.kind).toBe('idle');
    if (step.kind !== 'idle') return;
    expect(step.t - step.since).toBeGreaterThanOrEqual(3_600_000_000 - 10_000);
    // The hello and the server's ACK of it went before the stop.
    const sent = c.trace.steps.slice(0, q.atStep).flatMap((s) => (s.kind === 'transmit' ? [c.trace.frames[s.frame]!.summary] : []));
    expect(sent.some((l) => /Flags \[P\.\], seq 1:11,.* length 10/.test(l))).toBe(true);
    expect(sent.some((l) => /Flags \[\.\], ack 11,/.test(l))).toBe(true);
    const m = atQuiz(c, 'after-an-hour');
    expect(stateOf(m, 'client')).toBe('?');
    expect(selectNarration(m)).toEqual({ en: 'Time passes: 1 h with nothing on the wire.', ko: '시간이 흐릅니다. 1시간 동안 선로에 아무것도 오가지 않습니다.' });
  });

  it('plain and JSON modes tell the hour too, just before the question', () => {
    const events = walk(compiled('20-keepalive.yaml'));
    const quiz = events.findIndex((e) => e.kind === 'quiz' && e.quiz.id === 'after-an-hour');
    expect(events[quiz - 1]).toMatchObject({ kind: 'idle' });
    const idle = events[quiz - 1]!;
    if (idle.kind === 'idle') expect(Math.round(idle.micros / 1e6)).toBe(3600);
  });

  it('lesson 18: “2.5 seconds have passed” stops at the server’s TIME_WAIT running out, told as a question', () => {
    const c = compiled('18-simultaneous.yaml');
    const q = c.quizzes.find((x) => x.id === 'server-closed')!;
    const step = c.trace.steps[q.atStep]!;
    // RFC 9293 §3.10.8: the time-wait timeout (2 MSL; this lesson's MSL is 1 s) deletes the TCB.
    expect(step).toMatchObject({ kind: 'tcp-state', host: 'server', from: 'TIME_WAIT', to: 'CLOSED' });
    expect(step.t).toBeGreaterThanOrEqual(2_000_000);
    const m = atQuiz(c, 'server-closed');
    expect(stateOf(m, 'server')).toBe('?');
    expect(selectNarration(m).en).toBe('server leaves TIME_WAIT. Which state does it enter? Answer below.');
  });

  it.each(builtinLessonFiles().map((f) => [f.replace(/.*\//, '')]))('%s: each stops where the host is in the state it asks, and no earlier stop showed a change after the last frame', (name) => {
    const c = compiled(name);
    const { trace, lesson, options } = toPlayer(c);
    const stops = createPlayer(trace, lesson, options).book.stops.field;
    for (const q of lesson.checkpoints!) {
      if (q.ask !== 'state' || q.frame !== undefined) continue;
      const snap = trace.snapshots[q.atStep]!;
      const socket = Object.values(snap.sockets).find((s) => s.host === q.host);
      expect(socket?.state ?? (snap.listening[q.host!]?.length ? 'LISTEN' : undefined), q.id).toBe(q.expected);
      const lastFrame = trace.steps.findLastIndex((s, i) => i <= q.atStep && 'frame' in s);
      const change = trace.steps.findLastIndex((s, i) => i <= q.atStep && s.kind === 'tcp-state' && s.host === q.host);
      if (change > lastFrame) expect(stops.filter((s) => s >= change && s < q.atStep), q.id).toEqual([]);
    }
  });
});
