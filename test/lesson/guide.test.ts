// The instructor's guide stays true: its worked example compiles and teaches what its
// narration says, and every field of the format is documented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { lessonJsonSchema } from '../../source/lesson/json-schema.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';

const GUIDE = readFileSync('docs/writing-lessons.md', 'utf8');
const EXAMPLE = /```yaml\n([\s\S]*?)```/.exec(GUIDE)![1]!;

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

  it('its `tcp-tutor new` example writes a copy that validates', async () => {
    const { main } = await import('../../source/cli/main.js');
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const line = /^tcp-tutor (new \S+\.yaml --from \S+)$/m.exec(GUIDE)![1]!.split(' ');
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-guide-'));
    const file = join(dir, line[1]!);
    let err = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8' } };
    expect(await main([line[0]!, file, ...line.slice(2)], io)).toBe(0);
    err = '';
    expect(await main(['validate', file], io)).toBe(0);
    expect(err).toBe('1 lesson valid\n');
    expect(readFileSync(file, 'utf8')).toMatch(/^id: gap-exercise$/m);
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
