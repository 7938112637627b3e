import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';
import { statesByHand } from './states-by-hand.js';

async function run(argv: string[], answers: string[] = [], env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }) {
  let out = '';
  let err = '';
  const stdin = Readable.from(answers.length ? [answers.join('\n') + '\n'] : []);
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env, stdin });
  const events = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, out, err, get events() { return events(); } };
}

const DIR = 'captures';
const tmp = mkdtempSync(join(tmpdir(), 'tcp-tutor-replay-cli-'));

describe('replay --json', () => {
  for (const name of ['handshake-get-close.pcap', 'segmented-40k.pcap', 'loss-retransmissions.pcap', 'loopback-offload.pcap', 'any-sll2.pcapng']) {
    it(`${name}: full marks with the right answers; quiz frames are the capture's own frame numbers`, async () => {
      const path = join(DIR, name);
      const probe = await run(['replay', path, '--json']);
      expect(probe.code).toBe(0);
      expect(probe.err).toBe('');
      const start = probe.events[0]!;
      expect(start).toMatchObject({ type: 'start', lesson: 'replay', capture: path, stream: 0 });
      const quizzes = probe.events.filter((e) => e.type === 'quiz');
      const expected = probe.events.filter((e) => e.type === 'feedback').map((e) => String(e.expected));
      expect(quizzes.length).toBeGreaterThanOrEqual(3);
      expect(start.quizzes).toBe(quizzes.length);
      expect(probe.events.at(-1)).toEqual({ type: 'end', score: 0, total: quizzes.length });

      const right = await run(['replay', path, '--json'], expected);
      expect(right.events.at(-1)).toEqual({ type: 'end', score: quizzes.length, total: quizzes.length });

      const wrongAnswers = quizzes.map((q, i) => (q.kind === 'choice' ? (q.options as string[]).find((o) => o !== expected[i])! : '999999'));
      const wrong = await run(['replay', path, '--json'], wrongAnswers);
      expect(wrong.events.filter((e) => e.type === 'feedback').every((f) => f.correct === false)).toBe(true);

      if (SKIP_TSHARK) return;
      const rows = tsharkFields(path, ['frame.number', 'tcp.seq', 'tcp.ack', 'ip.ttl', 'tcp.analysis.lost_segment', 'tcp.analysis.out_of_order']);
      const frames = probe.events.filter((e) => e.type === 'step' && e.kind === 'frame');
      for (const f of frames) expect(rows[(f.frame as number) - 1]).toBeDefined();
      // Every answer given above comes from outside the replay: seq and ack from tshark,
      // states worked out by hand, and a held segment from tshark's analysis of a gap.
      const states = statesByHand(name);
      quizzes.forEach((q, i) => {
        const row = rows[(q.frame as number) - 1]!;
        const label = `${q.id}: frame ${q.frame}`;
        if (q.field === 'seq' || q.field === 'ack') expect(row[`tcp.${q.field as string}`], label).toBe(expected[i]);
        else if (q.field === 'blank') expect(row[q.key as string], label).toBe(expected[i]);
        else if (q.field === 'state') expect(states[q.id as string], label).toBe(expected[i]);
        else if (q.field === 'receiver') expect(row['tcp.analysis.lost_segment'] || row['tcp.analysis.out_of_order'] ? 'queue' : 'not held', label).toBe(expected[i]);
        else expect.unreachable(`${label}: no outside answer for ${q.field as string}`);
      });
    });
  }

  it('--seed is accepted and changes nothing: a capture has its own numbers', async () => {
    const a = await run(['replay', join(DIR, 'handshake-get-close.pcap'), '--json']);
    const b = await run(['replay', join(DIR, 'handshake-get-close.pcap'), '--json', '--seed', '42']);
    expect(b.code).toBe(0);
    expect(b.out).toBe(a.out);
  });
});

describe('replay --plain', () => {
  it('tells the conversation as text with the capture frame numbers, states of both ends, quizzes and the score', async () => {
    const { code, out } = await run(['replay', join(DIR, 'handshake-get-close.pcap'), '--plain'], ['SYN_RECEIVED', '1']);
    expect(code).toBe(0);
    expect(out).toContain('Replay: handshake-get-close.pcap, TCP stream 0');
    expect(out).toMatch(/\[frame 5\] client: 10\.200\.0\.1\.55926 > 10\.200\.0\.2\.8000: Flags \[S\]/);
    expect(out).toContain('server: CLOSED → LISTEN');
    expect(out).toContain('client: LAST_ACK → CLOSED');
    expect(out).toContain('✓ Right.');
    expect(out).toContain('✗ No answer (input ended)');
    expect(out).toMatch(/score: 2\/\d+/);
  });

  it('speaks Korean with --lang ko', async () => {
    const { code, out } = await run(['replay', join(DIR, 'any-sll2.pcapng'), '--plain', '--lang', 'ko']);
    expect(code).toBe(0);
    expect(out).toContain('재생: any-sll2.pcapng, TCP 스트림 0');
    expect(out).toContain('이더넷 헤더가 없습니다');
  });
});

describe('replay errors: one line, exit 1, no stack trace', () => {
  const oneLine = (err: string) => {
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
  };

  it('--stream N that does not exist lists the streams there are', async () => {
    const r = await run(['replay', join(DIR, 'handshake-get-close.pcap'), '--stream', '3', '--plain']);
    expect(r.code).toBe(1);
    oneLine(r.err);
    expect(r.err).toMatch(/there is no TCP stream 3 in .*handshake-get-close\.pcap; its streams: 0 \(10\.200\.0\.1:55926 ⇄ 10\.200\.0\.2:8000\)/);
    expect(r.out).toBe('');
  });

  it('a file that is not a capture', async () => {
    const path = join(tmp, 'notes.pcap');
    writeFileSync(path, 'hello, this is text and not a capture at all\n');
    const r = await run(['replay', path, '--json']);
    expect(r.code).toBe(1);
    oneLine(r.err);
    expect(r.err).toContain('not a pcap or pcapng file');
  });

  it('a capture truncated inside its file header, an empty file, and a missing file', async () => {
    const whole = readFileSync(join(DIR, 'handshake-get-close.pcap'));
    const header = join(tmp, 'header.pcap');
    writeFileSync(header, whole.subarray(0, 16));
    const empty = join(tmp, 'empty.pcap');
    writeFileSync(empty, '');
    for (const path of [header, empty, join(tmp, 'missing.pcap')]) {
      const r = await run(['replay', path, '--plain']);
      expect(r.code, path).toBe(1);
      oneLine(r.err);
    }
  });

  it('a capture with garbage in the middle of a record', async () => {
    const whole = new Uint8Array(readFileSync(join(DIR, 'handshake-get-close.pcap')));
    // The 6th record's length fields become absurd.
    let at = 24;
    for (let i = 0; i < 5; i++) at += 16 + new DataView(whole.buffer).getUint32(at + 8, true);
    whole.fill(0xff, at + 8, at + 16);
    const path = join(tmp, 'corrupt.pcap');
    writeFileSync(path, whole);
    const r = await run(['replay', path, '--json']);
    expect(r.code).toBe(1);
    oneLine(r.err);
  });

  it('a capture cut off inside a packet replays what it holds, and says so once', async () => {
    const whole = readFileSync(join(DIR, 'handshake-get-close.pcap'));
    const path = join(tmp, 'cut.pcap');
    writeFileSync(path, whole.subarray(0, whole.length - 30));
    const r = await run(['replay', path, '--json']);
    expect(r.code).toBe(0);
    oneLine(r.err);
    expect(r.err).toMatch(/ends in the middle of a packet/);
    expect(r.events.at(-1)!.type).toBe('end');
  });
});
