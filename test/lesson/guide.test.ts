// The instructor's guide stays true: its worked example compiles and teaches what its
// narration says, and every field of the format is documented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { lessonJsonSchema } from '../../source/lesson/json-schema.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { Readable } from 'node:stream';
import { main } from '../../source/cli/main.js';
import { grade } from '../../source/quiz/checkpoint.js';
import { replayCapture } from '../../source/replay/replay.js';

const GUIDE = readFileSync('docs/writing-lessons.md', 'utf8');
const EXAMPLE = /```yaml\n([\s\S]*?)```/.exec(GUIDE)![1]!;
/** The example under a heading: its first code block. */
const exampleUnder = (heading: string) => new RegExp(`### ${heading}[\\s\\S]*?\`\`\`(?:yaml|text)\\n([\\s\\S]*?)\`\`\``).exec(GUIDE)![1]!;

describe('docs/writing-lessons.md', () => {
  it('has a worked example that validates, compiles under any seed, and is right about what happens', () => {
    const loaded = loadLessonText(EXAMPLE, 'guide-example.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    for (const seed of [1, 2, 3, 99]) {
      const r = compileLesson(loaded.loaded, { seed });
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
      const answers = Object.fromEntries(r.compiled.quizzes.map((q) => [q.id, q.expected]));
      expect(answers).toEqual({ 'ack-1': 501, 'ack-after-gap': 501, 'what-happens': 'queue' });
      const wrong = r.compiled.quizzes.find((q) => q.id === 'ack-after-gap')!;
      expect(wrong.wrong![0]!.answer).toBe('1501');
      // "After three duplicate acks the client resends 501 at once."
      const steps = r.compiled.trace.steps;
      expect(steps.some((s) => s.kind === 'tcp-dup-ack' && s.count === 3)).toBe(true);
      expect(steps.some((s) => s.kind === 'tcp-retransmit' && s.reason === 'fast-retransmit')).toBe(true);
    }
  });

  it("has an order example that compiles: SYN, SYN-ACK, ACK, request, its ACK, shuffled by the seed", () => {
    const lesson = `id: order-example
title: { en: Order, ko: 순서 }
summary: { en: Order., ko: 순서. }
level: beginner
topics: [handshake]
topology: lan
script:
${exampleUnder('Putting frames in order')}`;
    const loaded = loadLessonText(lesson, 'order-example.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    for (const seed of [1, 2, 3]) {
      const r = compileLesson(loaded.loaded, { seed });
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
      const q = r.compiled.quizzes[0]!;
      if (q.kind !== 'order') throw new Error('not an order quiz');
      const flags = q.expected.split(' ').map((k) => /Flags \[([^\]]+)\]/.exec(q.items[Number(k) - 1]!.line)![1]);
      expect(flags).toEqual(['S', 'S.', '.', 'P.', '.']);
      expect(grade(q, q.items.map((_, i) => i + 1).join(' '))).toMatchObject({ graded: true, correct: false });
      expect(q.explanation.en).toMatch(/^In order: [\d ]+\. \d \[S\.\] acknowledges \d \[S\]: ack = \d's seq \+ 1 for the SYN\./);
    }
  });

  it('shows a blanked field as replay prints it, with the answer it names', async () => {
    const shown = exampleUnder('Blanked fields in a replayed capture').trimEnd().split('\n');
    let out = '';
    const code = await main(['replay', 'captures/segmented-40k.pcap', '--plain'], {
      stdout: { write: (x: string) => (out += x) }, stderr: { write: () => true }, env: { LANG: 'en_US.UTF-8' }, stdin: Readable.from([]),
    });
    expect(code).toBe(0);
    expect(out).toContain(shown.join('\n'));
    const r = replayCapture('captures/segmented-40k.pcap', { stream: null });
    if (!r.ok) throw new Error(r.error.en);
    expect(r.replay.quizzes.find((q) => q.ask === 'blank' && q.kind === 'number' && q.field === 'tcp.seq')?.expected).toBe(39238);
  });

  it('documents every field of the format', () => {
    const schema = JSON.parse(lessonJsonSchema());
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') for (const k of Object.keys(n.properties)) names.add(k);
      for (const v of Object.values(n)) walk(v);
    };
    walk(schema);
    const missing = [...names].filter((k) => !GUIDE.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});
