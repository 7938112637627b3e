// What a careless or hostile user feeds the CLI besides lesson files: answer streams,
// report paths, captures, progress folders. Each case runs the built CLI as a person would
// and asserts the exit code, the one plain message (with its position where one applies),
// and bounds on time and memory (peak RSS from GNU time). Never an internal error or a stack.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { A, B, capture, tcpFrame } from '../inspect/builder.js';

const CLI = resolve('dist/cli.js');
const HAS_TIME = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;
const SKIP = !existsSync(CLI) ? 'dist/cli.js is not built' : !HAS_TIME ? 'GNU time is not installed' : null;
const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-hostile-inputs-'));
const ROOT = process.getuid?.() === 0;

interface Ran {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
  /** Peak resident memory in MB. */
  readonly mb: number;
}

/** Runs the CLI under GNU time; `input` is its standard input. */
function cli(args: readonly string[], o: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Ran {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', process.execPath, CLI, ...args], {
    input: o.input ?? '', encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: o.timeout ?? 30_000,
    env: { ...process.env, LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: join(dir, 'home'), ...o.env },
  });
  const ms = performance.now() - started;
  const peak = /PEAK_RSS_KB=(\d+)\s*$/.exec(r.stderr ?? '');
  const err = (r.stderr ?? '').replace(/(Command (exited|terminated)[^\n]*\n)?PEAK_RSS_KB=\d+\s*$/, '');
  return { code: r.status, out: r.stdout ?? '', err, ms, mb: peak ? Number(peak[1]) / 1024 : NaN };
}

/** No internal error, no stack trace, no Node assertion: what no input may ever cause. */
function expectNoCrash(r: Ran): void {
  expect(r.code, r.err).not.toBe(70);
  expect(r.err).not.toMatch(/internal error|\n\s+at .*:\d+:\d+|Assertion failed|node::/);
}

describe.skipIf(SKIP !== null)(`answer streams${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  // Node alone, with the CLI loaded, is about 60 MB: a 50 MB line held whole costs 240 MB.
  const BOUND_MB = 130;
  const huge = (n: number) => `${'x'.repeat(n)}\n`;

  it('a 50 MB answer line in --plain is refused in one line and asked again, in bounded memory', () => {
    const r = cli(['play', 'handshake', '--plain', '--seed', '7', '--no-save'], { input: `${huge(50_000_000)}2\n` });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(r.out).toContain('? That line is longer than 4096 characters; type a shorter answer. Try again:');
    // The next line answered the quiz that was asked again (LISTEN is option 2).
    expect(r.out).toMatch(/Try again:\n✓ Right\./);
    expect(r.mb).toBeLessThan(BOUND_MB);
    expect(r.ms).toBeLessThan(15_000);
  });

  it('a 50 MB answer line in --json gives a retry event, in bounded memory', () => {
    const r = cli(['play', 'handshake', '--json', '--seed', '7', '--no-save'], { input: huge(50_000_000) });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    const retries = r.out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; reason?: string }).filter((e) => e.type === 'retry');
    expect(retries).toEqual([{ type: 'retry', id: expect.any(String), reason: 'That line is longer than 4096 characters; type a shorter answer.' }]);
    expect(r.mb).toBeLessThan(BOUND_MB);
  });

  it('a 50 MB line with no newline at all, then end of input, in drill', () => {
    const r = cli(['drill', '--topic', 'seqack', '--seed', '1'], { input: 'y'.repeat(50_000_000) });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    expect(r.out).toContain('That line is longer than 4096 characters');
    expect(r.out).toMatch(/score: 0\/0\s*$/);
    expect(r.mb).toBeLessThan(BOUND_MB);
  });

  it('in Korean the refusal is Korean', () => {
    const r = cli(['play', 'handshake', '--plain', '--seed', '7', '--no-save', '--lang', 'ko'], { input: huge(5000) });
    expect(r.out).toContain('줄이 4096자보다 깁니다. 더 짧게 입력하세요.');
  });

  it('a line of exactly 4096 characters is read and graded, not refused', () => {
    const r = cli(['play', 'handshake', '--plain', '--seed', '7', '--no-save'], { input: huge(4096) });
    expect(r.out).not.toContain('longer than 4096');
    expect(r.out).toContain('Pick one of the options');
  });
});

describe.skipIf(SKIP !== null)('--report is checked before the first step', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a folder', () => dir, /it is a folder/],
    ['a file in a folder that does not exist', () => join(dir, 'nope', 'r.json'), /the folder .*nope does not exist/],
    ['a file under a regular file', () => {
      writeFileSync(join(dir, 'plain-file'), 'x');
      return join(dir, 'plain-file', 'r.json');
    }, /plain-file is not a folder/],
  ];
  if (!ROOT) {
    cases.push(['a file in a read-only folder', () => {
      const ro = join(dir, 'ro');
      mkdirSync(ro, { recursive: true });
      chmodSync(ro, 0o500);
      return join(ro, 'r.json');
    }, /the folder .*ro cannot be written in \(EACCES\)/]);
    cases.push(['a read-only file', () => {
      const f = join(dir, 'ro-file.json');
      writeFileSync(f, '{}');
      chmodSync(f, 0o400);
      return f;
    }, /it cannot be written \(EACCES\)/]);
  }
  for (const [what, path, says] of cases) {
    it(what, () => {
      const file = path();
      const r = cli(['play', 'handshake', '--seed', '7', '--report', file, '--no-save'], { input: '2\n' });
      expectNoCrash(r);
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`tcp-tutor play: cannot write the report to ${file}: `);
      expect(r.err).toMatch(says);
      // Before any step: nothing of the lesson was told.
      expect(r.out).toBe('');
      expect(r.ms).toBeLessThan(5000);
    });
  }

  it('in Korean', () => {
    const r = cli(['play', 'handshake', '--report', join(dir, 'nope', 'r.json'), '--lang', 'ko', '--no-save']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^tcp-tutor play: 보고서를 .*r\.json에 쓸 수 없습니다: .*nope 폴더가 없습니다\n$/);
  });

  it('a writable path still gets its report', () => {
    const file = join(dir, 'ok.json');
    const r = cli(['play', 'handshake', '--seed', '7', '--report', file, '--no-save'], { input: '2\n' });
    expect(r.code).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});

describe.skipIf(SKIP !== null)('captures read from a pipe stream, in order', () => {
  const files = ['captures/handshake-get-close.pcap', 'captures/any-sll2.pcapng', 'captures/segmented-40k.pcap'];
  for (const file of files) {
    it(`${file} piped into inspect - and inspect /dev/stdin prints what inspect FILE prints`, () => {
      const bytes = readFileSync(file);
      for (const args of [[], ['--json']]) {
        const direct = cli(['inspect', file, ...args]);
        expect(direct.code).toBe(0);
        for (const path of ['-', '/dev/stdin']) {
          const piped = cli(['inspect', path, ...args], { input: bytes });
          expectNoCrash(piped);
          expect(piped.err).not.toContain('ESPIPE');
          expect(piped.code).toBe(0);
          expect(piped.out).toBe(direct.out);
        }
      }
    });
  }

  it('through a shell pipe, as `tcpdump -w - | tcp-tutor inspect /dev/stdin` does', () => {
    const direct = cli(['inspect', 'captures/any-sll2.pcapng']).out;
    for (const path of ['-', '/dev/stdin']) {
      const r = spawnSync('sh', ['-c', `cat captures/any-sll2.pcapng | "${process.execPath}" "${CLI}" inspect ${path}`], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(direct);
    }
  });

  it('a FIFO written by another process', () => {
    const fifo = join(dir, 'capture.fifo');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat captures/handshake-get-close.pcap > ${fifo}`]);
    const r = cli(['inspect', fifo]);
    writer.kill();
    expect(r.code).toBe(0);
    expect(r.out).toBe(cli(['inspect', 'captures/handshake-get-close.pcap']).out);
  });

  it('a capture cut off in the pipe names the byte where it ends, exit 0 with the packets before', () => {
    const bytes = readFileSync('captures/handshake-get-close.pcap').subarray(0, 200);
    const r = cli(['inspect', '-'], { input: bytes });
    expectNoCrash(r);
    expect(r.code).toBe(0);
    // The third packet's record starts at byte 140 (24-byte header, 2 × (16 + 42)) and is cut.
    expect(r.out).toContain('the file ends in the middle of a packet, at byte 140');
    expect(r.out).toContain('showing the 2 packets before it');
  });

  it('bytes that are not a capture, piped: one line naming byte 0, exit 1', () => {
    const r = cli(['inspect', '-'], { input: 'hello, this is not a capture\n' });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a pcap or pcapng file.*byte 0/);
  });
});

/** A handshake, then a GET to port 80 whose request line carries `path` as it is, and its ACK. */
function getWith(path: string): Uint8Array {
  const request = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: server\r\n\r\n`, 'latin1');
  return capture([
    { us: 0, data: tcpFrame(A, B, { seq: 1000, ack: null, flags: 'S' }) },
    { us: 100, data: tcpFrame(B, A, { seq: 5000, ack: 1001, flags: 'S' }) },
    { us: 200, data: tcpFrame(A, B, { seq: 1001, ack: 5001 }) },
    { us: 300, data: tcpFrame(A, B, { seq: 1001, ack: 5001, flags: 'P', payload: request }) },
    { us: 400, data: tcpFrame(B, A, { seq: 5001, ack: 1001 + request.length }) },
  ]);
}

describe.skipIf(SKIP !== null)('terminal escapes in a replayed capture are shown as escapes in every mode', () => {
  const file = join(dir, 'esc-in-request.pcap');
  // ESC [2J clears a terminal's screen; ESC ]0; sets its title; BEL ends that.
  writeFileSync(file, getWith('/\u001b[2J\u001b]0;owned\u0007'));

  for (const mode of ['--plain', '--json']) {
    it(`replay ${mode}`, () => {
      const r = cli(['replay', file, mode]);
      expectNoCrash(r);
      expect(r.code).toBe(0);
      expect(r.out + r.err).not.toContain('\u001b');
      // ESC is byte 27: RFC 1035's \DDD, as inspect writes DNS names.
      expect(r.out).toContain(mode === '--json' ? 'HTTP: GET /\\\\027[2J\\\\027]0;owned\\\\007 HTTP/1.1' : 'HTTP: GET /\\027[2J\\027]0;owned\\007 HTTP/1.1');
    });
  }
});

describe.skipIf(SKIP !== null)('a progress folder that is not one never hangs: one warning, and the lesson runs unsaved', () => {
  const cases: [string, () => string, RegExp][] = [
    // Node's recursive mkdir loops forever on /proc's ENOENT; this was a hang.
    ['a new folder under /proc', () => '/proc/tcp-tutor-test', /cannot save progress in \/proc\/tcp-tutor-test \(ENOENT on \/proc\/tcp-tutor-test\)/],
    ['three new folders under /proc', () => '/proc/a/b/c', /cannot save progress in \/proc\/a\/b\/c \(ENOENT on \/proc\/a\)/],
    ['/proc itself', () => '/proc', /cannot save progress in \/proc \(ENOENT on \/proc\/progress\.json\.lock\)/],
    ['a folder under /sys', () => '/sys/kernel/tcp-tutor-test', /cannot save progress in \/sys\/kernel\/tcp-tutor-test \((EPERM|EACCES|ENOENT)/],
    ['a device', () => '/dev/null', /cannot save progress in \/dev\/null \(ENOTDIR on \/dev\/null\)/],
    ['a folder under a device', () => '/dev/null/x', /cannot save progress in \/dev\/null\/x \(ENOTDIR/],
  ];
  for (const [what, home, says] of cases) {
    it(what, () => {
      const r = cli(['play', 'handshake', '--plain', '--seed', '1'], { env: { TCP_TUTOR_HOME: home() }, timeout: 10_000 });
      expectNoCrash(r);
      expect(r.code).toBe(0);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(says);
      expect(r.out).toMatch(/score: 0\/11/);
      expect(r.ms).toBeLessThan(5000);
    });
  }

  for (const [what, make] of [
    ['progress.json is a FIFO (a read would wait forever)', (f: string) => spawnSync('mkfifo', [f])],
    ['progress.json is a link to /dev/zero (a read would never end)', (f: string) => symlinkSync('/dev/zero', f)],
  ] as const) {
    it(what, () => {
      const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-special-'));
      make(join(home, 'progress.json'));
      const r = cli(['play', 'handshake', '--plain', '--seed', '1'], { env: { TCP_TUTOR_HOME: home }, input: '2\n', timeout: 10_000 });
      expectNoCrash(r);
      expect(r.code).toBe(0);
      expect(r.err).toContain(`${join(home, 'progress.json')} is not a regular file; starting without saved progress.`);
      expect(r.ms).toBeLessThan(5000);
      // Set aside, not written through, and the answer saved in a new file beside it.
      expect(readdirSync(home).some((n) => n.startsWith('progress.json.unreadable-'))).toBe(true);
      expect(lstatSync(join(home, 'progress.json')).isFile()).toBe(true);
      expect(readFileSync(join(home, 'progress.json'), 'utf8')).toContain('"handshake"');
    });
  }
});
