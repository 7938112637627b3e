// The learner meets a lesson's words and quizzes in the order its author wrote them: a `say`
// written before a quiz sets it up and is read before it; one written after a quiz follows
// it; two quizzes are asked in the order written. The independent source is the YAML script
// itself, read here without the compiler.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { walk } from '../../source/lesson/walk.js';
import { createBook } from '../../source/player/model.js';
import { toPlayer } from '../../source/session/to-player.js';
import { compiledFile } from '../helpers/builtin.js';

interface Written { readonly kind: 'say' | 'quiz'; readonly key: string }

/** The script's says (by their English text) and quizzes (by id), in the order written. */
function written(file: string): Written[] {
  const doc = parse(readFileSync(file, 'utf8')) as { script: { say?: { en: string }; quiz?: { id: string } }[] };
  return doc.script.flatMap((s) => [
    ...(s.say ? [{ kind: 'say' as const, key: s.say.en }] : []),
    ...(s.quiz ? [{ kind: 'quiz' as const, key: s.quiz.id }] : []),
  ]);
}

const compiled = (file: string) => compiledFile(file);

const lessons = builtinLessonFiles().map((f) => [f.replace(/.*\//, ''), f]);

describe('words and quizzes in the order written', () => {
  it.each(lessons)('%s: plain mode tells them in script order', (_name, file) => {
    const told = walk(compiled(file)).flatMap((e): Written[] => (
      e.kind === 'narration' ? [{ kind: 'say', key: e.text.en }] : e.kind === 'quiz' ? [{ kind: 'quiz', key: e.quiz.id }] : []
    ));
    expect(told).toEqual(written(file));
  });

  it.each(lessons)('%s: the player shows each say at or before the stop of every quiz written after it, and after every quiz written before it', (_name, file) => {
    const script = written(file);
    const { lesson } = toPlayer(compiled(file));
    const c = compiled(file);
    const book = createBook(c.trace, lesson);
    const stepOf = new Map(book.checkpoints.map((q) => [q.id, q.atStep]));
    const notes = [...(lesson.notes ?? [])];
    let n = 0;
    script.forEach((w, k) => {
      if (w.kind !== 'say') return;
      const at = notes[n++]!.atStep;
      for (const before of script.slice(0, k)) if (before.kind === 'quiz') expect(at, `"${w.key.slice(0, 40)}…" after ${before.key}`).toBeGreaterThan(stepOf.get(before.key)!);
      for (const after of script.slice(k + 1)) if (after.kind === 'quiz') expect(at, `"${w.key.slice(0, 40)}…" before ${after.key}`).toBeLessThanOrEqual(stepOf.get(after.key)!);
    });
  });

  it('lesson 07: the words on r1 come after the client’s SYN is on the wire and just before r1’s ARP quiz', () => {
    const file = builtinLessonFiles().find((f) => f.endsWith('07-routing.yaml'))!;
    const events = walk(compiled(file));
    const r1 = events.findIndex((e) => e.kind === 'narration' && e.text.en.startsWith('r1 receives the frame'));
    const syn = events.findIndex((e) => e.kind === 'frame' && e.from === 'client' && e.summary.includes('Flags [S]'));
    const quiz = events.findIndex((e) => e.kind === 'quiz' && e.quiz.id === 'r1-arp');
    expect(syn).toBeGreaterThan(-1);
    expect(r1).toBeGreaterThan(syn);
    expect(events.slice(r1 + 1, quiz).some((e) => e.kind === 'quiz' || e.kind === 'narration')).toBe(false);
  });

  it('lesson 13: the flags of the FIN are asked before the state close() leads to, whose answer would give them away', () => {
    const file = builtinLessonFiles().find((f) => f.endsWith('13-close.yaml'))!;
    const ids = walk(compiled(file)).flatMap((e) => (e.kind === 'quiz' ? [e.quiz.id] : []));
    expect(ids.indexOf('fin-flags')).toBeLessThan(ids.indexOf('client-finwait1'));
  });
});
