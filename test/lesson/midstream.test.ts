// Lesson 21: a capture that starts mid-stream. What the lesson tells the learner to run
// (`export`, tcpdump, tshark, `replay`) is run here, and the tools themselves are the judges
// of what the lesson says about them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

const FILE = 'lessons/21-midstream.yaml';
const SKIP_TCPDUMP = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' }).status !== 0 && !process.env.TCP_TUTOR_CI;
const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-midstream-'));

async function run(args: string[], lang = 'en'): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: { write: (x: string) => (out += x) }, stderr: { write: (x: string) => (err += x) },
    env: { LANG: lang === 'ko' ? 'ko_KR.UTF-8' : 'en_US.UTF-8' }, stdin: Readable.from([]),
  });
  return { code, out, err };
}

function compiled(seed: number) {
  const loaded = loadLessonFile(FILE);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled;
}

async function exported(seed: number): Promise<string> {
  const file = join(dir, `mid-${seed}.pcap`);
  const r = await run(['export', FILE, '-o', file, '--seed', String(seed)]);
  expect(r.code, r.err).toBe(0);
  return file;
}

describe(`${FILE}: the file it exports starts mid-stream`, () => {
  it.skipIf(SKIP_TSHARK)("tshark finds no SYN, and numbers each direction from the first seq it sees: 1, then 1461", async () => {
    for (const seed of [1, 77]) {
      const c = compiled(seed);
      const answer = (id: string) => Number(c.quizzes.find((q) => q.id === id)!.expected);
      const rows = tsharkFields(await exported(seed), ['ip.src', 'tcp.flags.syn', 'tcp.seq', 'tcp.seq_raw', 'tcp.ack', 'tcp.ack_raw', 'tcp.len']);
      expect(rows.filter((r) => r['tcp.flags.syn'] === '1' || r['tcp.flags.syn'] === 'True')).toEqual([]);
      // Frame 1 is the client's segment the first quiz asks about, and its absolute numbers are the quizzes'.
      expect(rows[0]!['ip.src']).toBe('192.168.1.10');
      expect(Number(rows[0]!['tcp.seq_raw'])).toBe(answer('first-seen'));
      expect(Number(rows[0]!['tcp.ack_raw'])).toBe(answer('first-seen-ack'));
      expect([rows[0]!['tcp.seq'], rows[0]!['tcp.len'], rows[1]!['tcp.seq']]).toEqual(['1', '1460', '1461']);
      const ack = rows.find((r) => r['ip.src'] === '192.168.1.80')!;
      expect(Number(ack['tcp.ack_raw'])).toBe(answer('server-ack'));
      // The narration's "1461" and the quiz's wrong answer 1461: Wireshark's relative ack.
      expect(ack['tcp.ack']).toBe('1461');
    }
  });

  it.skipIf(SKIP_TCPDUMP)('tcpdump prints the first segment absolute, then "seq 1460:2000" and "ack 1460" relative to it', async () => {
    const c = compiled(1);
    const first = Number(c.quizzes.find((q) => q.id === 'first-seen')!.expected);
    const lines = spawnSync('tcpdump', ['-n', '-r', await exported(1)], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(lines[0]).toContain(`seq ${first}:${first + 1460},`);
    expect(lines[1]).toContain('seq 1460:2000,');
    expect(lines[2]).toContain('ack 1460,');
  });

  it('replay reads the exported file as mid-stream, in both languages', async () => {
    const file = await exported(1);
    const en = await run(['replay', file, '--plain']);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain('The capture begins mid-connection: there is no handshake, so both ends start in ESTABLISHED and relative numbers start at 1');
    const ko = await run(['replay', file, '--plain', '--lang', 'ko']);
    expect(ko.code, ko.err).toBe(0);
    expect(ko.out).toContain('캡처가 연결 도중에 시작됩니다. 핸드셰이크가 없으므로 양쪽 모두 ESTABLISHED에서 시작하고');
  });

  it('the player numbers only the frames the file holds', () => {
    const c = compiled(1);
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const syn = c.trace.frames.find((f) => / Flags \[S\]/.test(f.summary))!;
    expect(cap.frameNumber(syn.id)).toBeNull();
    expect(cap.frameNumber(c.quizzes.find((q) => q.id === 'first-seen')!.frame!)).toBe(1);
  });
});
