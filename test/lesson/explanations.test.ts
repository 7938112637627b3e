// Generated explanations say what the frames show. Each case was wrong once; the expected
// words are hand-checked against the rule (RFC 9293, RFC 5681) and the lesson's frames.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';

function quizzes(file: string, seed = 3): Map<string, Checkpoint> {
  const loaded = loadLessonFile(join('lessons', file));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return new Map(r.compiled.quizzes.map((q) => [q.id, q]));
}

describe('generated explanations', () => {
  it('an ACK after a gap names the first missing byte and the bytes held after it (a duplicate ACK)', () => {
    const q = quizzes('12-loss.yaml');
    const gap = q.get('gap-ack')!;
    // The lesson drops the second 1000-byte segment (bytes 1001–2000); the third arrives.
    expect(gap.expected).toBe(1001);
    expect(gap.explanation.en).toContain('byte 1001 has not arrived yet, though 1000 bytes after it have');
    expect(gap.explanation.en).toContain('duplicate ACK');
    expect(gap.explanation.en).not.toContain("peer's seq");
    expect(gap.explanation.ko).toContain('1001을 다시 보냅니다(중복 ACK)');
  });

  it('resuming after a zero window is not a retransmission', () => {
    const resume = quizzes('11-window.yaml').get('resume-seq')!;
    expect(resume.explanation.en).toContain('zero-window probe');
    expect(resume.explanation.en).not.toContain('retransmission');
  });

  it('a real retransmission is called one', () => {
    const again = quizzes('12-loss.yaml').get('retransmit-seq')!;
    expect(again.explanation.en).toContain('sends them again (a retransmission)');
  });

  it('the refused client is CLOSED because a RST acked its SYN (RFC 9293 §3.10.7.3), not because of connect()', () => {
    const refused = quizzes('14-rst.yaml').get('refused-state')!;
    expect(refused.expected).toBe('CLOSED');
    expect(refused.explanation.en).toContain('§3.10.7.3');
    expect(refused.explanation.en).not.toContain('connect()');
  });

  it('a DNS reply comes from the server’s well-known port 53 and goes back to the client’s ephemeral port', () => {
    const q = quizzes('05-dns.yaml');
    expect(q.get('answer-srcport')!.explanation.en).toMatch(/^source port = 53: the sender is the DNS server/);
    expect(q.get('answer-dstport')!.explanation.en).toContain("goes back to the client's ephemeral port");
  });
});

// Every seq and ack explanation in every built-in lesson, in both languages, states a sum
// ("ack = the peer's seq 11 + 100 bytes of data = 111"): the sum adds up, ends at the
// expected answer (which test/lesson/curriculum.test.ts holds to tshark's reading of the
// export), and the Korean states the same numbers as the English.
describe('the numbers an explanation states', () => {
  const files = builtinLessonFiles();
  const checked = new Map<string, number>();
  it.each(files)('%s: seq and ack sums add up to the answer, in English and Korean alike', (file) => {
    const loaded = loadLessonFile(file);
    if (!loaded.ok) throw new Error(file);
    for (const seed of [7, 77]) {
      const r = compileLesson(loaded.loaded, { seed });
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
      for (const q of r.compiled.quizzes) {
        if (q.kind !== 'number' || !/^(seq|ack|next-seq)$/.test(q.ask ?? '')) continue;
        const sums = (text: string) => [...text.matchAll(/(?:seq|ack) (\d+)((?: \+ [^=+]*?\d+[^=+\d]*?)+) = (\d+)/g)]
          .map((m) => ({ terms: [Number(m[1]), ...[...m[2]!.matchAll(/(\d+)/g)].map((t) => Number(t[1]))], total: Number(m[3]) }));
        const en = sums(q.explanation.en);
        const ko = sums(q.explanation.ko);
        if (en.length === 0) continue; // a rule stated without a sum (an ISN, a relative 1)
        expect(ko, `${q.id}: ${q.explanation.ko}`).toEqual(en);
        const last = en.at(-1)!;
        expect(last.terms.reduce((a, b) => a + b, 0) % 2 ** 32, `${q.id}: ${q.explanation.en}`).toBe(last.total);
        expect(last.total, `${q.id}: ${q.explanation.en}`).toBe(Number(q.expected));
        checked.set(file, (checked.get(file) ?? 0) + 1);
      }
    }
  });

  it('reads real sums (the seq-ack lesson alone has more than five)', () => {
    const seqAck = [...checked].find(([f]) => f.endsWith('10-seq-ack.yaml'))?.[1] ?? 0;
    expect(seqAck).toBeGreaterThan(5);
  });
});
