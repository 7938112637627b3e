import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../source/cli/args.js';
import { COMMANDS } from '../../source/cli/commands.js';

const EN = { LANG: 'en_US.UTF-8' };

function ok(argv: string[], env: NodeJS.ProcessEnv = EN) {
  const r = parseArgv(argv, env);
  if (!r.ok) throw new Error(r.message);
  return r.invocation;
}

function err(argv: string[], env: NodeJS.ProcessEnv = EN) {
  const r = parseArgv(argv, env);
  if (r.ok) throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.message;
}

describe('parseArgv', () => {
  it('opens the menu with no command', () => {
    expect(ok([])).toMatchObject({ command: null, help: false, lang: 'en', seed: null, plain: false, color: true });
  });

  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG, and --lang over all', () => {
    expect(ok([], { LANG: 'ko_KR.UTF-8' }).lang).toBe('ko');
    expect(ok([], { LANG: 'ko' }).lang).toBe('ko');
    expect(ok([], { LANG: 'ko_KR.UTF-8', LC_ALL: 'C' }).lang).toBe('en');
    expect(ok([], { LC_ALL: 'ko_KR.UTF-8', LANG: 'en_US' }).lang).toBe('ko');
    expect(ok([], { LANG: 'kok_IN' }).lang).toBe('en'); // Konkani is not Korean
    expect(ok([], {}).lang).toBe('en');
    expect(ok(['--lang', 'ko'], EN).lang).toBe('ko');
    expect(ok(['--lang=en'], { LANG: 'ko_KR.UTF-8' }).lang).toBe('en');
  });

  it('writes its own errors in the chosen language', () => {
    expect(err(['bogus'], { LANG: 'ko_KR.UTF-8' })).toContain('알 수 없는 명령');
    expect(err(['bogus', '--lang', 'en'], { LANG: 'ko_KR.UTF-8' })).toContain('unknown command');
  });

  it('honours NO_COLOR only when it is non-empty, and --no-color always', () => {
    expect(ok([], { NO_COLOR: '1' }).color).toBe(false);
    expect(ok([], { NO_COLOR: '' }).color).toBe(true);
    expect(ok(['--no-color']).color).toBe(false);
  });

  it('parses the seed and refuses anything but a 32-bit whole number', () => {
    expect(ok(['play', 'handshake', '--seed', '42']).seed).toBe(42);
    expect(ok(['--seed=4294967295']).seed).toBe(4294967295);
    expect(err(['--seed', '4294967296'])).toContain('--seed');
    expect(err(['--seed', '-1'])).toContain('--seed');
    expect(err(['--seed', '1e3'])).toContain('--seed');
    expect(err(['--seed'])).toContain("needs a value");
  });

  it('accepts global options before or after the command', () => {
    expect(ok(['--plain', 'play', 'x'])).toMatchObject({ command: 'play', positionals: ['x'], plain: true });
    expect(ok(['play', 'x', '--plain'])).toMatchObject({ command: 'play', positionals: ['x'], plain: true });
  });

  it("parses a command's own options, long, short and with =", () => {
    expect(ok(['export', 'handshake', '-o', 'h.pcap', '--format=pcapng']).options).toEqual({ out: 'h.pcap', format: 'pcapng' });
    expect(ok(['inspect', 'c.pcap', '--stream', '3', '--json']).options).toEqual({ stream: 3, json: true });
    expect(ok(['validate', 'a.yaml', 'b.yaml']).positionals).toEqual(['a.yaml', 'b.yaml']);
    expect(ok(['inspect', '--', '-weird.pcap']).positionals).toEqual(['-weird.pcap']);
  });

  it('suggests the closest command or option for a typo', () => {
    expect(err(['inpsect'])).toBe("tcp-tutor: unknown command 'inpsect' (did you mean 'inspect'?)");
    expect(err(['--sed', '1'])).toContain("did you mean '--seed'");
    expect(err(['export', 'x', '--fromat', 'pcap'])).toContain("did you mean '--format'");
    expect(err(['--zzzzzzzz'])).toBe("tcp-tutor: unknown option '--zzzzzzzz'");
  });

  it("refuses an option that belongs to another command", () => {
    expect(err(['list', '--out', 'x'])).toContain("unknown option '--out'");
  });

  it('checks required and extra arguments, but not under --help', () => {
    expect(err(['export'])).toBe('tcp-tutor export: missing LESSON');
    expect(err(['list', 'a', 'extra'])).toContain("unexpected argument 'extra'");
    expect(ok(['export', '--help'])).toMatchObject({ command: 'export', help: true });
    expect(ok(['help'])).toMatchObject({ command: null, help: true });
  });

  it('takes `tcp-tutor DIR` for a course folder only when it is one; otherwise a word is a mistyped command', () => {
    const folders = new Set(['week-3', 'list']);
    const parse = (argv: string[]) => parseArgv(argv, EN, (p) => folders.has(p));
    expect(parse(['week-3'])).toMatchObject({ ok: true, invocation: { command: null, positionals: ['week-3'] } });
    expect(parse(['week-3', '--seed', '7'])).toMatchObject({ ok: true, invocation: { command: null, positionals: ['week-3'], seed: 7 } });
    // A command wins over a folder of the same name (`./list` opens the folder).
    expect(parse(['list'])).toMatchObject({ ok: true, invocation: { command: 'list', positionals: [] } });
    expect(parse(['week-4'])).toMatchObject({ ok: false, message: "tcp-tutor: unknown command 'week-4'" });
    expect(parse(['week-3', 'more'])).toMatchObject({ ok: false });
    expect((parse(['week-3', 'more']) as { message: string }).message).toContain("unexpected argument 'more'");
  });

  it('validates choices', () => {
    expect(err(['--lang', 'fr'])).toContain("'ko' or 'en'");
    expect(err(['drill', '--topic', 'dns'])).toContain('seqack, handshake, close, arp, routing');
  });

  it('knows every subcommand the issues name', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(
      ['drill', 'export', 'grade', 'inspect', 'list', 'new', 'play', 'progress', 'replay', 'validate'],
    );
  });
});
