// The grade table's layout, whatever a class sends in: long and Korean names, control
// characters, many quizzes, long times, large seeds.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { clock, tableOf, type Row } from '../../source/cli/commands/grade.js';
import { buildReport } from '../../source/report/format.js';
import { regrade } from '../../source/report/regrade.js';

function row(learner: string, lesson: string, seed: number, seconds: number, rights: boolean[]): Row {
  const report = buildReport({
    learner, lesson, lessonSource: { kind: 'file', path: '/x.yaml' }, lessonHash: `sha256:${'0'.repeat(64)}`, seed, lang: 'en', tutor: '0',
    started: 0, finished: seconds * 1000,
    questions: rights.map((correct, i) => ({ id: `quiz-${'q'.repeat(i % 90)}-${i}`, kind: 'seq', given: '1', expected: correct ? '1' : '2', correct, ms: 0 })),
  });
  return { file: 'r.json', learner, run: regrade(report, null), notReplayed: '! lesson not found: a very long explanation that has to wrap across more than one line of the table' };
}

describe('clock', () => {
  it('minutes and seconds, hours from an hour (hand-checked)', () => {
    expect([0, 59, 192, 3600, 3725].map(clock)).toEqual(['0:00', '0:59', '3:12', '1:00:00', '1:02:05']);
  });
});

describe('tableOf', () => {
  it('a row: name, score, time, seed, marks in fives', () => {
    const lines = tableOf([row('ann', 'demo', 9, 192, [true, true, false, true, true, false, true])], 'en');
    expect(lines).toContain(`  ${'ann'.padEnd(18)}${'5/7'.padStart(7)}${'3:12'.padStart(7)}  ${'9'.padEnd(11)}✓✓✗✓✓ ✗✓`);
  });

  it('property: every line fits 80 columns and no control character gets through', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '김', '민', '\u001b', '\u0007', '\u009b', 'é'), maxLength: 60 }).filter((s) => s.length > 0);
    const arb = fc.array(fc.tuple(name, fc.constantFrom('demo', 'handshake', 'x'.repeat(120)), fc.nat(0xffffffff), fc.nat(10_000_000), fc.array(fc.boolean(), { maxLength: 80 })), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(arb, fc.constantFrom('en' as const, 'ko' as const), (rows, lang) => {
      const lines = tableOf(rows.map(([n, l, s, t, r]) => row(n, l, s, t, r)), lang);
      for (const line of lines) {
        expect(stringWidth(line), line).toBeLessThanOrEqual(80);
        // eslint-disable-next-line no-control-regex
        expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
      // Every mark is there: as many ✓ and ✗ as quizzes.
      const marks = lines.join('').match(/[✓✗]/g)?.length ?? 0;
      expect(marks).toBe(rows.reduce((n, [, , , , r]) => n + r.length, 0));
    }), { numRuns: 60 });
  });
});
