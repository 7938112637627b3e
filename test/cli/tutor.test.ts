// `tcp-tutor` and `tcp-tutor play` choose between the TUI and the plain modes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseArgv, type Invocation } from '../../source/cli/args.js';
import { wantsTui, type CliIo } from '../../source/cli/io.js';
import { main } from '../../source/cli/main.js';

const home = () => mkdtempSync(join(tmpdir(), 'tcp-tutor-tutor-'));

function inv(argv: string[]): Invocation {
  const r = parseArgv(argv, { LANG: 'en_US.UTF-8' });
  if (!r.ok) throw new Error(r.message);
  return r.invocation;
}

const tty = { isTTY: true, write: () => true };
const io = (stdin: unknown, stdout: unknown): CliIo => ({ stdout: stdout as CliIo['stdout'], stderr: { write: () => true }, env: {}, stdin: stdin as NodeJS.ReadableStream });

describe('choosing the TUI', () => {
  it('plays in the TUI only with a terminal at both ends and no --plain, --json or --report', () => {
    expect(wantsTui(inv(['play', 'handshake']), io(tty, tty))).toBe(true);
    expect(wantsTui(inv(['play', 'handshake']), io({}, tty))).toBe(false);
    expect(wantsTui(inv(['play', 'handshake']), io(tty, {}))).toBe(false);
    for (const flag of [['--plain'], ['--json'], ['--report', 'r.json']]) expect(wantsTui(inv(['play', 'handshake', ...flag]), io(tty, tty))).toBe(false);
  });

  it('without a terminal, `tcp-tutor` prints the lessons and how to play one, and exits 0', async () => {
    let out = '';
    let err = '';
    const code = await main([], {
      stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: home() },
      stdin: Readable.from([]),
    });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^ 1\. layers/);
    expect(out).toContain(' 9. handshake');
    expect(out.trim().split('\n').at(-1)).toBe("The lesson menu needs a terminal. Without one, play a lesson as text: 'tcp-tutor play ID --plain'.");
  });

  it('knows whether --lang was given, so that it can win over the language chosen in the menu', () => {
    expect(inv(['--lang', 'ko']).langGiven).toBe(true);
    expect(inv(['play', 'x', '--lang=en']).langGiven).toBe(true);
    expect(inv([]).langGiven).toBe(false);
  });
});
