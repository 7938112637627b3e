import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

async function run(argv: string[], answers: string[] = [], env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }) {
  let out = '';
  let err = '';
  const stdin = Readable.from(answers.length ? [answers.join('\n') + '\n'] : []);
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env, stdin });
  const events = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, out, err, get events() { return events(); } };
}

const IDS = builtinLessonFiles().map((f) => {
  const r = loadLessonFile(f);
  if (!r.ok) throw new Error(f);
  return r.loaded.lesson.id;
});
const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-play-'));

/** tshark's names for each numeric quiz field; the first one present in the frame counts. */
const TSHARK_FIELDS: Record<string, string[]> = {
  seq: ['tcp.seq'], ack: ['tcp.ack'], 'next-seq': ['tcp.nxtseq'], window: ['tcp.window_size_value'],
  'src-port': ['tcp.srcport', 'udp.srcport'], 'dst-port': ['tcp.dstport', 'udp.dstport'], length: ['tcp.len'],
};

describe('an answer that cannot be read is asked again, never graded wrong', () => {
  it('in plain mode: one line says why, and the next line answers', async () => {
    const probe = await run(['play', 'handshake', '--json', '--seed', '7']);
    const quizzes = probe.events.filter((e) => e.type === 'quiz');
    const expected = probe.events.filter((e) => e.type === 'feedback').map((e) => String(e.expected));
    const first = quizzes.findIndex((q) => q.kind === 'number');
    expect(first).toBeGreaterThanOrEqual(0);
    // Before the number quiz, the right answers; at it, a blank line and letters, then the answer.
    const answers = [...expected.slice(0, first), '', 'abc', expected[first]!, ...expected.slice(first + 1)];
    const plain = await run(['play', 'handshake', '--plain', '--seed', '7'], answers);
    expect(plain.out).toContain('? Type an answer first. Try again:');
    expect(plain.out).toContain('? Digits only, please. Try again:');
    expect(plain.out).not.toContain('Not quite');
    const json = await run(['play', 'handshake', '--json', '--seed', '7'], answers);
    expect(json.events.filter((e) => e.type === 'retry').map((e) => e.reason)).toEqual(['Type an answer first.', 'Digits only, please.']);
    expect(json.events.at(-1)).toEqual({ type: 'end', score: quizzes.length, total: quizzes.length });
  });

  it('a choice answered by its number, its name or its Korean label is read as that option', async () => {
    const probe = await run(['play', 'handshake', '--json', '--seed', '7']);
    const quiz = probe.events.find((e) => e.type === 'quiz' && e.kind === 'choice')!;
    const options = quiz.options as string[];
    const feedback = probe.events.find((e) => e.type === 'feedback' && e.id === quiz.id)!;
    const n = options.indexOf(String(feedback.expected)) + 1;
    const before = probe.events.filter((e) => e.type === 'quiz').findIndex((q) => q.id === quiz.id);
    const rightBefore = probe.events.filter((e) => e.type === 'feedback').slice(0, before).map((e) => String(e.expected));
    const byNumber = await run(['play', 'handshake', '--json', '--seed', '7'], [...rightBefore, String(n)]);
    expect(byNumber.events.find((e) => e.type === 'feedback' && e.id === quiz.id)?.correct).toBe(true);
  });

  it('says the right option by its label, not by an internal id, in Korean too', async () => {
    const ko = await run(['play', 'layers', '--plain', '--seed', '7', '--lang', 'ko'], Array(20).fill('1'), { LANG: 'ko_KR.UTF-8' });
    const verdicts = ko.out.split('\n').filter((l) => l.startsWith('✗'));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts).toContain('✗ 아쉽습니다. 정답은 “전송 계층”입니다.');
    for (const line of verdicts) {
      expect(line, line).not.toMatch(/정답은 (application|transport|internet|link|yes|no)입니다/);
    }
  });
});

describe('play --json', () => {
  for (const id of IDS) {
    it(`${id}: full marks with the right answers, explanations for wrong ones, and the capture agrees`, async () => {
      const seed = '4242';
      const probe = await run(['play', id, '--json', '--seed', seed]);
      expect(probe.code).toBe(0);
      const quizzes = probe.events.filter((e) => e.type === 'quiz');
      const expected = probe.events.filter((e) => e.type === 'feedback').map((e) => String(e.expected));
      expect(quizzes.length).toBeGreaterThanOrEqual(3);
      expect(probe.events.at(-1)).toEqual({ type: 'end', score: 0, total: quizzes.length });

      const right = await run(['play', id, '--json', '--seed', seed], expected);
      expect(right.events.at(-1)).toEqual({ type: 'end', score: quizzes.length, total: quizzes.length });

      // Readable but wrong: another option, another number, another value.
      const wrongAnswers = quizzes.map((q, i) => (q.kind === 'choice' ? (q.options as string[]).find((o) => o !== expected[i])!
        : q.kind === 'number' ? String(Number(expected[i]) + 1) : 'zzz'));
      const wrong = await run(['play', id, '--json', '--seed', seed], wrongAnswers);
      const feedback = wrong.events.filter((e) => e.type === 'feedback');
      expect(feedback.every((f) => f.correct === false && typeof f.explanation === 'string' && (f.explanation as string).length > 10)).toBe(true);

      if (SKIP_TSHARK) return;
      const file = join(dir, `${id}.pcap`);
      expect((await run(['export', id, '--seed', seed, '--out', file])).code).toBe(0);
      const fields = ['frame.number', ...new Set(Object.values(TSHARK_FIELDS).flat())];
      const relative = tsharkFields(file, fields);
      const absolute = tsharkFields(file, fields, ['-o', 'tcp.relative_sequence_numbers:FALSE']);
      let checked = 0;
      quizzes.forEach((q, i) => {
        const names = TSHARK_FIELDS[q.field as string];
        if (!names || q.frame === null) return;
        const row = (q.numbering === 'absolute' ? absolute : relative)[(q.frame as number) - 1]!;
        const name = names.find((n) => row[n] !== '')!;
        expect(row[name], `${id} ${q.id}: frame ${q.frame} ${name}`).toBe(expected[i]);
        checked++;
      });
      if (['seq-ack', 'handshake', 'close', 'capture-reading'].includes(id)) expect(checked).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('play --plain', () => {
  it('tells the lesson as text, reads answers, explains, and ends with the score', async () => {
    // RFC 9293 §3.3.2: a passive OPEN puts the server in LISTEN; a client that has sent its SYN is in SYN-SENT.
    const { code, out } = await run(['play', 'handshake', '--plain', '--seed', '3'], ['LISTEN', 'CLOSED']);
    expect(code).toBe(0);
    expect(out).toContain('seed 3: run with --seed 3 to get these numbers again');
    expect(out).toMatch(/client: .*Flags \[S\], seq \d+/);
    expect(out).toMatch(/\? The server's application has called listen\(\).*\n(.*\n)*✓ Right\.\n/);
    expect(out).toMatch(/\? The client's application calls connect\(\), and its TCP sends a SYN\..*\n(.*\n)*✗ Not quite: the answer is SYN_SENT\.\n/);
    expect(out).toContain('✗ No answer (input ended)');
    expect(out).toMatch(/\nscore: \d+\/\d+\n$/);
  });

  it('speaks Korean with --lang ko', async () => {
    const { out } = await run(['play', 'handshake', '--plain', '--seed', '3', '--lang', 'ko']);
    expect(out).toContain('시드 3');
    expect(out).toContain('정답은');
  });

  it('writes a report an instructor can collect', async () => {
    const report = join(dir, 'report.json');
    // The first two quizzes ask the server's state after listen() (LISTEN) and the client's after its SYN (SYN_SENT).
    await run(['play', 'handshake', '--json', '--seed', '9', '--report', report], ['LISTEN', 'CLOSED']);
    const r = JSON.parse(readFileSync(report, 'utf8'));
    expect(r).toMatchObject({ lesson: 'handshake', seed: 9, score: 1, total: r.questions.length });
    expect(r).toMatchObject({ format: 'tcp-tutor-report', version: 2, learner: null, lessonSource: { kind: 'builtin', name: '09-handshake.yaml' } });
    expect(r.lessonHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.questions.slice(0, 2)).toMatchObject([
      { id: 'server-listen', given: 'LISTEN', expected: 'LISTEN', correct: true },
      { id: 'client-synsent', given: 'CLOSED', expected: 'SYN_SENT', correct: false },
    ]);
    expect(r.questions.at(-1).given).toBeNull();
  });

  it('does not tell a state change just before the quiz that asks it', async () => {
    // The close lesson waits out TIME_WAIT, then asks the client's state: by RFC 9293 §3.10.8
    // the time-wait timeout deletes the connection, so the answer is CLOSED.
    const { events } = await run(['play', 'close', '--json', '--seed', '5']);
    const quiz = events.findIndex((e) => e.type === 'quiz' && e.id === 'client-closed');
    expect(quiz).toBeGreaterThan(0);
    const since = events.slice(0, quiz).reverse();
    const lastQuiz = since.findIndex((e) => e.type === 'feedback');
    const between = since.slice(0, lastQuiz);
    expect(between.filter((e) => e.kind === 'state' && e.host === 'client')).toEqual([]);
    expect(between.map((e) => String(e.text ?? ''))).not.toContainEqual(expect.stringContaining('ping still goes through'));
    const after = events.slice(quiz);
    expect(after.find((e) => e.kind === 'state' && e.host === 'client')).toMatchObject({ from: 'TIME_WAIT', to: 'CLOSED' });
  });

  it('says when a link loses, damages or holds back a frame, in plain and JSON modes', async () => {
    // Lesson 12 loses its second data segment on the cable (seq 1001:2001, the capture's
    // frame 7 after ARP, the handshake and the first segment) and later holds one back.
    const plain = await run(['play', 'loss', '--plain', '--seed', '7']);
    const lines = plain.out.split('\n');
    const sent = lines.findIndex((l) => l.includes('[frame 7] client:') && l.includes('seq 1001:2001'));
    expect(sent).toBeGreaterThan(0);
    expect(lines[sent + 1]).toBe("    The client's frame #7 is lost on the way: it never reaches the server.");
    expect(plain.out).toContain('is held back on the way, so a frame sent after it can overtake it.');
    const ko = await run(['play', 'loss', '--plain', '--seed', '7', '--lang', 'ko']);
    expect(ko.out).toContain('클라이언트가 보낸 프레임 #7이 도중에 손실되어 서버에는 끝내 도착하지 않습니다.');
    const json = await run(['play', 'loss', '--json', '--seed', '7']);
    expect(json.events.filter((e) => e.kind === 'fate').map((e) => [e.frame, e.fate])).toEqual([[7, 'dropped'], [17, 'reordered']]);
    // Lesson 4 damages one bit of its HTTP request.
    expect((await run(['play', 'decapsulation', '--plain', '--seed', '7'])).out).toContain("The client's frame #6 is damaged on the way: one of its bits flips.");
  });

  it('names the lessons there are when one is not found', async () => {
    const { code, err } = await run(['play', 'handshak', '--plain']);
    expect(code).toBe(1);
    expect(err).toContain("no lesson 'handshak'");
    expect(err).toContain('handshake');
  });
});

describe("lesson 19's RST seq, as a learner types it in plain mode", () => {
  // The client's 50 bytes are relative seq 101:151 with ack 201; the server, which lost the
  // connection, answers <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.1): seq 201.
  const cases: Record<string, { en: string; ko: string }> = {
    101: { en: "101 is the seq of the client's segment", ko: '101은 클라이언트의 세그먼트에 실린 seq로' },
    151: { en: "151 = 101 + 50 bytes is what an ACK of the client's segment would carry", ko: '151은 101 + 50바이트, 곧 클라이언트의 세그먼트를 확인하는 ACK에 실릴 번호입니다' },
    200: { en: '200 is the last byte the client has received from the server', ko: '200은 클라이언트가 서버에게서 마지막으로 받은 바이트입니다' },
    0: { en: '0 starts a numbering afresh', ko: '0은 새 연결처럼 번호를 처음부터 시작한 값입니다' },
    1: { en: '1 starts a numbering afresh', ko: '1은 새 연결처럼 번호를 처음부터 시작한 값입니다' },
  };
  for (const [given, line] of Object.entries(cases)) {
    it(`${given}: the reason it is wrong, before the rule`, async () => {
      for (const lang of ['en', 'ko'] as const) {
        const r = await run(['play', 'half-open', '--plain', '--seed', '7', '--no-save', '--lang', lang], ['5', '4', '6', given, '1']);
        const at = r.out.indexOf(lang === 'en' ? 'the answer is 201' : '정답은 201');
        expect(at, r.out).toBeGreaterThan(0);
        const next = r.out.slice(at).split('\n')[1]!.trim();
        expect(next.startsWith(line[lang]), next).toBe(true);
      }
    });
  }
});
