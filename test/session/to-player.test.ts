import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileLesson } from '../../source/lesson/compile.js';
import { findLesson } from '../../source/lesson/registry.js';
import { toPlayer } from '../../source/session/to-player.js';
import { createPlayer, currentCheckpoint, isBlocked, update } from '../../source/player/model.js';
import { topicOf } from '../../source/player/summary.js';
import { selectNote } from '../../source/player/screen.js';
import { judgeQuizzes } from '../helpers/quiz-judge.js';
import { SKIP_TSHARK } from '../helpers/tshark.js';

function compiled(id: string, seed = 5) {
  const r = findLesson(id, 'en');
  if (!r.ok) throw new Error(id);
  const c = compileLesson(r.loaded, { seed });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.compiled;
}

describe('a compiled lesson in the player', () => {
  for (const id of ['handshake', 'seq-ack', 'routing', 'encapsulation']) {
    it(`${id}: every quiz is a checkpoint the player keeps, in the lesson's order`, () => {
      const c = compiled(id);
      const { trace, lesson, options } = toPlayer(c);
      const model = createPlayer(trace, lesson, options);
      expect(model.book.problems ?? []).toEqual([]);
      expect(model.book.checkpoints.map((cp) => cp.id)).toEqual(c.quizzes.map((q) => q.id));
    });
  }

  it.skipIf(SKIP_TSHARK)('plays a whole lesson forward, answering as a learner reads tshark and the RFC, to a full score', () => {
    const c = compiled('handshake');
    const { trace, lesson, options } = toPlayer(c);
    let m = createPlayer(trace, lesson, options);
    // The states by hand from RFC 9293 §3.3.2; the numbers and flags as tshark reads the export.
    const { judged, unjudged } = judgeQuizzes(c, mkdtempSync(join(tmpdir(), 'tcp-tutor-to-player-')), 'handshake', {
      'server-listen': 'LISTEN', 'client-synsent': 'SYN_SENT', 'server-synrcvd': 'SYN_RECEIVED',
      'client-established': 'ESTABLISHED', 'server-established': 'ESTABLISHED',
    });
    expect(unjudged).toEqual([]);
    // A choice is answered by its number on screen, as a learner would type it.
    const answers = new Map(judged.map((j) => {
      const q = c.quizzes.find((x) => x.id === j.id)!;
      return [j.id, q.kind === 'choice' ? String(q.options.findIndex((o) => o.value.toLowerCase() === j.theirs) + 1) : j.theirs];
    }));
    expect(answers.size).toBe(c.quizzes.length);
    for (let guard = 0; guard < 100_000; guard++) {
      if (isBlocked(m)) {
        m = update(m, { type: 'answer', value: answers.get(currentCheckpoint(m)!.id)! });
        continue;
      }
      const before = m;
      m = update(m, { type: 'next' });
      if (m.pos === before.pos && m.reviewing === before.reviewing) break;
    }
    expect(m.answers.size).toBe(c.quizzes.length);
    expect([...m.answers.values()].every((a) => a.correct)).toBe(true);
  });
});

describe('the lesson author\'s words in the player', () => {
  const files: Record<string, string> = {
    handshake: '09-handshake', 'seq-ack': '10-seq-ack', close: '13-close', routing: '07-routing', journey: '15-journey',
  };
  for (const [id, file] of Object.entries(files)) {
    it(`${id}: every paragraph the author wrote is read, one per stop, in order, the closing ones last`, () => {
      // The paragraphs straight from the lesson file, not through the loader.
      const script = (parse(readFileSync(`lessons/${file}.yaml`, 'utf8')) as { script: { say?: { en: string } }[] }).script;
      const written = script.flatMap((s) => (s.say ? [s.say.en] : []));
      const c = compiled(id);
      const { trace, lesson, options } = toPlayer(c);
      let m = createPlayer(trace, lesson, options);
      const read: string[] = [];
      let lastPos = -1;
      for (let guard = 0; guard < 100_000; guard++) {
        if (m.pos !== lastPos) {
          const note = selectNote(m);
          if (note) read.push(note.en);
          lastPos = m.pos;
        }
        // Answers do not matter here: only moving on.
        const cp = currentCheckpoint(m);
        if (isBlocked(m) && cp) {
          m = update(m, { type: 'answer', value: String(cp.expected) });
          continue;
        }
        const before = m;
        m = update(m, { type: 'next' });
        if (m.pos === before.pos && m.reviewing === before.reviewing) break;
      }
      // Words written after the last step close the lesson, read on the player's screen
      // (the summary opens with them again).
      expect(read).toEqual(written);
      expect(m.summary).not.toBeNull();
    });
  }
});

describe('frame numbers in the player', () => {
  it('are the numbers of the exported capture, as Wireshark shows them', () => {
    const c = compiled('handshake');
    const { trace, lesson, options } = toPlayer(c);
    const model = createPlayer(trace, lesson, options);
    const cap = c.capture('pcapng');
    if ('error' in cap) throw new Error(cap.error);
    const syn = c.trace.frames.find((f) => f.parent === null && / Flags \[S\]/.test(f.summary))!;
    expect(model.book.frameLabel(syn.id)).toBe(String(cap.frameNumber(syn.id)));
    // The switch's copy of the SYN towards the server is the same packet: same number.
    const copy = c.trace.frames.find((f) => f.parent === syn.id)!;
    expect(model.book.frameLabel(copy.id)).toBe(String(cap.frameNumber(syn.id)));
    expect(Number(model.book.frameLabel(syn.id))).not.toBe(syn.id + 1);
  });
});

describe('the end of a compiled lesson in the player', () => {
  it('handshake: the summary opens with the paragraphs the YAML says after its last action, and scores by the quizzes’ asks', () => {
    const c = compiled('handshake');
    const { trace, lesson, options } = toPlayer(c);
    const book = createPlayer(trace, lesson, options).book;
    // lessons/09-handshake.yaml ends with two `say:` after its last `connect:`.
    expect(book.closing.map((t) => t.en.slice(0, 28))).toEqual(['Both sides are ESTABLISHED a', 'Why not two segments? With t']);
    expect(book.closing[1]!.ko).toContain('세 번째 세그먼트가 이 두 구멍을 막습니다');
    // The YAML's `ask:` lines: 5 state, 3 ack, 1 flags, 1 seq, 1 next-seq.
    const count = new Map<string, number>();
    for (const cp of book.checkpoints) count.set(topicOf(cp), (count.get(topicOf(cp)) ?? 0) + 1);
    expect(Object.fromEntries(count)).toEqual({ state: 5, ack: 3, flags: 1, seq: 1, 'next-seq': 1 });
  });
});
