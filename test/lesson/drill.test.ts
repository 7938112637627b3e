import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { DRILL_TOPICS, drillRound } from '../../source/lesson/drill.js';
import { gradeAnswer } from '../../source/lesson/quiz.js';

describe('drill', () => {
  for (const topic of DRILL_TOPICS) {
    it(`${topic}: nearly every seed gives a round with one answerable question, and they vary`, () => {
      const answers = new Set<string>();
      let made = 0;
      for (let seed = 0; seed < 40; seed++) {
        const round = drillRound(topic, seed);
        if (!round) continue;
        made++;
        const q = round.quizzes[0]!;
        expect(gradeAnswer(q, q.expected).correct).toBe(true);
        answers.add(`${q.prompt.en}=${q.expected}`);
      }
      expect(made).toBeGreaterThanOrEqual(36);
      expect(answers.size).toBeGreaterThan(3);
    });
  }

  it('runs in plain mode until input ends, with a score', async () => {
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: { LANG: 'C' }, stdin: Readable.from(['1\n2\n3\n']) };
    const code = await main(['drill', '--topic', 'seqack', '--seed', '9'], io);
    expect(code).toBe(0);
    expect(out.match(/^\? /gm)).toHaveLength(4);
    expect(out).toMatch(/score: \d\/3\n$/);
  });
});
