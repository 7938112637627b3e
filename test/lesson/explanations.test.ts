// Generated explanations say what the frames show. Each case was wrong once; the expected
// words are hand-checked against the rule (RFC 9293, RFC 5681) and the lesson's frames.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
