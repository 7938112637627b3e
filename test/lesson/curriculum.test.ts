import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { gradeAnswer } from '../../source/lesson/quiz.js';
import { TOPICS } from '../../source/lesson/schema.js';

const DIR = 'lessons';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

function compile(file: string, seed: number) {
  const loaded = loadLessonFile(join(DIR, file));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled;
}

describe('the built-in curriculum', () => {
  it('covers every topic', () => {
    const covered = new Set(FILES.flatMap((f) => compile(f, 1).lesson.topics));
    expect(TOPICS.filter((t) => !covered.has(t))).toEqual([]);
  });

  for (const file of FILES) {
    it(`${file}: compiles under several seeds; each quiz has an answer that grades as right`, () => {
      for (const seed of [1, 2, 77]) {
        const c = compile(file, seed);
        expect(c.quizzes.length, 'at least three checkpoints').toBeGreaterThanOrEqual(3);
        for (const q of c.quizzes) {
          expect(gradeAnswer(q, q.expected).correct, `${q.id} = ${q.expected}`).toBe(true);
          expect(q.explanation.en.length).toBeGreaterThan(0);
          expect(q.explanation.ko.length).toBeGreaterThan(0);
          expect(q.stopAt).toBeLessThan(c.trace.steps.length);
          const wrong = q.kind === 'number' ? String(Number(q.expected) + 1) : q.kind === 'choice' ? q.options.find((o) => o.id !== q.expected)!.id : 'nope';
          expect(gradeAnswer(q, wrong).correct, `${q.id}: ${wrong} is wrong`).toBe(false);
        }
      }
    });
  }
});
