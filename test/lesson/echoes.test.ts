// An earlier RST that states a later quiz's answer (lesson/echoes.ts) is hidden alike in
// plain mode, which prints each frame once as it is sent, and in the full-screen player,
// whose ladder shows it from then on: the same fields, for the same quizzes.
import { describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../source/lesson/compile.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { walk } from '../../source/lesson/walk.js';
import { atEnd, createPlayer, currentCheckpoint, update } from '../../source/player/model.js';
import { selectLadder } from '../../source/player/screen.js';
import { toPlayer } from '../../source/session/to-player.js';
import { compiledFile } from '../helpers/builtin.js';

const lessons = builtinLessonFiles();

const compiled = (name: string): CompiledLesson => compiledFile(lessons.find((f) => f.endsWith(name))!);

/** Which of flags, seq and ack a tcpdump one-liner shows as `?` (`Flags ?, seq ?, ack ?`). */
function hiddenInLine(line: string): string[] {
  return [/\bFlags \?/.test(line) && 'flags', /\bseq \?/.test(line) && 'seq', /\back \?/.test(line) && 'ack'].filter((k): k is string => k !== false);
}

/** Which of flags, seq and ack a ladder label shows as `?` (`? seq=? ack=? len=0`). */
function hiddenInLabel(label: string): string[] {
  return [/^\?/.test(label) && 'flags', /\bseq=\?/.test(label) && 'seq', /\back=\?/.test(label) && 'ack'].filter((k): k is string => k !== false);
}

/** Each TCP frame's line in plain mode, by frame. */
function plainLines(c: CompiledLesson): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of walk(c)) if (e.kind === 'frame' && e.summary.includes(' Flags ')) out.set(e.frame, e.summary);
  return out;
}

/**
 * Each TCP frame's ladder label in the player when it first appears, played through as a
 * learner who answers every quiz right: what plain mode's one line stands for.
 */
function firstLabels(c: CompiledLesson): Map<number, string> {
  const { trace, lesson, options } = toPlayer(c);
  let m = createPlayer(trace, lesson, options);
  const out = new Map<number, string>();
  for (let guard = 0; guard < 5000; guard++) {
    for (const row of selectLadder(m)?.rows ?? []) if (!out.has(row.frame)) out.set(row.frame, row.label);
    const open = currentCheckpoint(m);
    if (open && !m.answers.has(open.id)) m = update(m, { type: 'answer', value: String(open.expected) });
    else if (atEnd(m)) break;
    else m = update(m, { type: 'next' });
  }
  expect(atEnd(m)).toBe(true);
  return out;
}

/** The frame the lesson drops on its link (the RST lost at the crash). */
function lostFrame(c: CompiledLesson): number {
  const lost = c.trace.steps.find((s) => s.kind === 'link-fate' && s.fate === 'dropped');
  if (lost?.kind !== 'link-fate') throw new Error('no lost frame');
  return lost.frame;
}

describe('an earlier RST that would answer a quiz still to come', () => {
  it('lesson 19: the RST lost at the crash hides its flags, seq and ack in plain mode and in the player, while the server’s next RST’s flags and seq are still to ask', () => {
    const c = compiled('19-half-open.yaml');
    // The quizzes ask the next RST's flags and relative seq: R and 201 (RFC 9293 §3.10.7.1,
    // <SEQ=SEG.ACK><CTL=RST>, the client having acked the server's 200 bytes); the lost RST,
    // sent by the same connection's end at the crash, carries the same R and seq 201.
    const quiz = (id: string) => c.quizzes.find((q) => q.id === id)!;
    expect(quiz('server-reply-flags').expected).toBe('R');
    expect(quiz('server-rst-seq').expected).toBe(201);
    const lost = lostFrame(c);
    const line = plainLines(c).get(lost)!;
    expect(line).toMatch(/^192\.168\.1\.80\.7000 > 192\.168\.1\.10\.\d+: Flags \?, seq \?, ack \?, win \d+, length 0$/);
    expect(hiddenInLine(line)).toEqual(['flags', 'seq', 'ack']);
    expect(firstLabels(c).get(lost)).toBe('? seq=? ack=? len=0');
  });

  it('lesson 20: the RST lost at the crash hides its flags (and so whether it has an ack) in both, and not its seq, which no quiz asks', () => {
    const c = compiled('20-keepalive.yaml');
    expect(c.quizzes.find((q) => q.id === 'dead-peer-flags')!.expected).toBe('R');
    const lost = lostFrame(c);
    const line = plainLines(c).get(lost)!;
    expect(line).toMatch(/: Flags \?, seq \d+, ack \?, win \d+, length 0$/);
    expect(hiddenInLine(line)).toEqual(['flags', 'ack']);
    expect(firstLabels(c).get(lost)).toBe('? seq=1 ack=? len=0');
  });

  it.each(lessons.map((f) => [f.replace(/.*\//, '')]))('%s: every TCP frame hides the same fields in plain mode’s line as in the player’s ladder when it first appears', (name) => {
    const c = compiled(name);
    const labels = firstLabels(c);
    const lines = plainLines(c);
    for (const [frame, line] of lines) {
      const label = labels.get(frame);
      if (label === undefined) continue;
      expect(hiddenInLine(line), `frame ${frame}: ${line} | ${label}`).toEqual(hiddenInLabel(label));
    }
    // The comparison is not empty: the player's ladder drew the frames plain mode printed.
    if (lines.size > 0) expect([...lines.keys()].some((f) => labels.has(f))).toBe(true);
  });
});
