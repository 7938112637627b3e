// A field quiz's answer is not said ahead of its stop by the engine's own words of the same
// moment: a host waiting for ARP names the address its request will ask about (lessons 07
// and 15 asked "Which IP address does the ARP ask about?" some ten stops after
// `client does not know the MAC address of 10.0.1.1`). An answer that a frame already on
// the wire carries (the MAC an ARP reply brought, the address a DNS answer gave) is the
// way to it, and may be said. The answers are the lessons' own.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { createPlayer, currentCheckpoint, stepIndex, update, type PlayerModel } from '../../source/player/model.js';
import { selectHistory, selectNarration } from '../../source/player/screen.js';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';
import { toPlayer } from '../../source/session/to-player.js';

const lessons = builtinLessonFiles();

function lessonPlayer(file: string): PlayerModel {
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(file);
  const c = compileLesson(r.loaded, { seed: 7 });
  if (!c.ok) throw new Error(file);
  const { lesson, options } = toPlayer(c.compiled);
  return createPlayer(c.compiled.trace, lesson, options);
}

const token = (s: string) => new RegExp(`(?<![\\w.:-])${s.replace(/[.]/g, '\\.')}(?![\\w:-]|\\.\\d)`);

/**
 * Every stop a learner passes on the way to each field quiz, the quizzes before it answered
 * as the lesson expects, with the engine's words at that stop and in the history.
 */
function* stopsBefore(start: PlayerModel): Generator<{ m: PlayerModel; cp: Checkpoint; words: string[]; onWire: string[] }> {
  let m = start;
  for (let guard = 0; guard < 5000; guard++) {
    const open = currentCheckpoint(m);
    if (open && !m.answers.has(open.id)) {
      m = update(m, { type: 'answer', value: String(open.expected) });
      continue;
    }
    const before = m.pos;
    m = update(m, { type: 'next' });
    if (m.pos === before) return;
    const step = stepIndex(m);
    // The moment of a field quiz still to come: its host's steps at its instant, up to it.
    for (const cp of m.book.checkpoints) {
      if (cp.kind !== 'field' || m.answers.has(cp.id) || cp.atStep < step) continue;
      const asked = m.book.trace.steps[cp.atStep]!;
      const here = m.book.trace.steps[step]!;
      if (here.t !== asked.t || !('host' in here) || !('host' in asked) || here.host !== asked.host) continue;
      const said = [selectNarration(m), ...selectHistory(m, 3).map((h) => h.narration)];
      // What the frames already sent say: their one-liners and every field of their headers.
      const sent = m.book.trace.steps.slice(0, step).flatMap((s) => (s.kind === 'transmit' ? [s.frame] : []));
      const onWire = sent.flatMap((f) => [m.book.trace.frames[f]!.summary, ...[...m.book.views.dissections[f]!.fields.values()].map((x) => x.value)]);
      yield { m, cp, words: said.flatMap((t) => [t.en, t.ko]), onWire };
    }
  }
}

describe('the engine does not name a field quiz’s answer at the stops before it', () => {
  it.each(lessons.map((f) => [f.replace(/.*\//, ''), f]))('%s', (_name, file) => {
    for (const { cp, words, onWire } of stopsBefore(lessonPlayer(file))) {
      const answer = String(cp.expected);
      // One digit or a flag bit is in too many words to tell; addresses and MACs are not.
      if (answer.length < 4 || onWire.some((w) => token(answer).test(w))) continue;
      for (const w of words) expect(w, cp.id).not.toMatch(token(answer));
    }
  });

  it('lesson 07: the client’s ARP wait names no address until the ARP-target quiz is answered, then names the gateway', () => {
    const start = lessonPlayer(lessons.find((f) => f.endsWith('07-routing.yaml'))!);
    const cp = start.book.checkpoints.find((c) => c.id === 'arp-gateway')!;
    // The lesson's own answer: the client's default gateway, r1.
    expect(cp.expected).toBe('10.0.1.1');
    const wait = start.book.trace.steps.findIndex((s) => s.kind === 'arp-wait' && s.host === 'client');
    let m = update(start, { type: 'goto', step: wait });
    expect(selectNarration(m).en).toBe('client does not know the MAC address of ?: it asks with ARP, and the packet waits.');
    expect(selectNarration(m).ko).toBe('클라이언트는 ?의 MAC 주소를 모릅니다. ARP로 묻는 동안 패킷은 기다립니다.');
    m = update(m, { type: 'goto', step: cp.atStep });
    expect(currentCheckpoint(m)?.id).toBe(cp.id);
    m = update(m, { type: 'answer', value: '10.0.1.1' });
    m = update(m, { type: 'goto', step: wait });
    expect(selectNarration(m).en).toBe('client does not know the MAC address of 10.0.1.1: it asks with ARP, and the packet waits.');
  });
});
