// Generated explanations say what the frames show. Each case was wrong once; the expected
// words are hand-checked against the rule (RFC 9293, RFC 5681) and the lesson's frames.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';
import { afterHandshake, compileText } from '../helpers/lesson-text.js';

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

  // A state entered long before the quiz is explained by what has (not) arrived since, not
  // by the cause of that old change (lesson 19's client once read "received SYN-ACK acking
  // our SYN: send ACK" while the point was that the server's word never reached it).
  it('lesson 19: the client still in ESTABLISHED is explained by the silence since the server’s data and its lost segment, not by the handshake', () => {
    const q = quizzes('19-half-open.yaml').get('client-believes')!;
    expect(q.expected).toBe('ESTABLISHED');
    // The frames (plain mode, any seed): the server's [P.] with 200 bytes is the last to reach
    // the client; the client acks it; the server aborts, and its one segment is dropped.
    expect(q.explanation).toEqual({
      en: "The client is still in ESTABLISHED: nothing has reached it since the server's [P.] segment with 200 bytes, which did not change its state. "
        + "The server's segment after that was lost on the way, so the client does not know that the server no longer has the connection.",
      ko: '클라이언트는 여전히 ESTABLISHED 상태입니다. 서버의 [P.] 세그먼트(200바이트)가 도착한 뒤로 아무것도 도착하지 않았고, 그 세그먼트도 상태를 바꾸지 않았습니다. '
        + '그 뒤 서버가 보낸 세그먼트는 도중에 손실되었으므로, 클라이언트는 서버에는 더 이상 연결이 없다는 것을 알지 못합니다.',
    });
  });

  it('lesson 20: after an hour of silence the client is still ESTABLISHED because nothing arrived in that hour', () => {
    const q = quizzes('20-keepalive.yaml').get('after-an-hour')!;
    expect(q.explanation).toEqual({
      en: "The client is still in ESTABLISHED: nothing has reached it in the 1 h since the server's [.] segment, which did not change its state.",
      ko: '클라이언트는 여전히 ESTABLISHED 상태입니다. 서버의 [.] 세그먼트가 도착한 뒤 1시간 동안 아무것도 도착하지 않았고, 그 세그먼트도 상태를 바꾸지 않았습니다.',
    });
  });

  it('a state changed by the very segment asked about keeps that change’s cause (lessons 09, 13, 14, 18)', () => {
    expect(quizzes('09-handshake.yaml').get('client-established')!.explanation.en)
      .toBe('The client will be in ESTABLISHED (received SYN-ACK acking our SYN: send ACK; RFC 9293 §3.10.7.3).');
    expect(quizzes('13-close.yaml').get('client-closed')!.explanation.en).toBe('The client is in CLOSED (2×MSL passed in TIME_WAIT; RFC 9293 §3.10.8).');
    expect(quizzes('14-rst.yaml').get('abort-server-state')!.explanation.en)
      .toBe('The server will be in CLOSED (received RST: connection reset by the peer; RFC 9293 §3.10.7.4).');
    expect(quizzes('18-simultaneous.yaml').get('client-closing')!.explanation.ko)
      .toBe('클라이언트는 CLOSING 상태가 됩니다 (자기가 보낸 FIN의 ACK보다 상대 FIN이 먼저 도착했습니다(동시 종료); RFC 9293 §3.10.7.4).');
  });

  it('a state nothing has touched since the handshake, and a segment that changes no state', () => {
    const c = compileText(afterHandshake(`
  - wait: 1000
  - quiz: { id: client-now, ask: state, host: client }
  - quiz: { id: server-data, ask: state, host: server, frame: { from: client, data: true } }
  - send: { socket: client, bytes: 100 }
`));
    const q = new Map(c.quizzes.map((x) => [x.id, x]));
    // The client entered ESTABLISHED on the SYN-ACK; after its ACK nothing came back.
    expect(q.get('client-now')!.explanation).toEqual({
      en: 'The client is still in ESTABLISHED: nothing has reached it since it entered ESTABLISHED (received SYN-ACK acking our SYN: send ACK; RFC 9293 §3.10.7.3).',
      ko: '클라이언트는 여전히 ESTABLISHED 상태입니다. ESTABLISHED 상태가 된 뒤로(자기가 보낸 SYN을 확인하는 SYN-ACK를 받았습니다. ACK를 보냅니다; RFC 9293 §3.10.7.3) 아무것도 도착하지 않았습니다.',
    });
    // Data in ESTABLISHED is acked; no transition (RFC 9293 §3.10.7.4).
    expect(q.get('server-data')!.explanation).toEqual({
      en: 'The server will still be in ESTABLISHED: the [P.] segment with 100 bytes does not change its state.',
      ko: '[P.] 세그먼트(100바이트)가 도착해도 서버는 여전히 ESTABLISHED 상태입니다. 이 세그먼트는 상태를 바꾸지 않습니다.',
    });
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
