import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { COMMANDS } from '../../source/cli/commands.js';
import pkg from '../../package.json' with { type: 'json' };
import { readCatalog } from '../../source/lesson/catalog.js';
import { findLesson } from '../../source/lesson/registry.js';
import { markOf, markText, menuEntries } from '../../source/ui/menu-model.js';

async function run(argv: string[], env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env });
  return { code, out, err };
}

describe('main', () => {
  it('prints the version from package.json', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    expect((await run(['-V'])).out).toBe(`${pkg.version}\n`);
  });

  it('teaches in --help: every command, every global option, examples and the environment', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const c of COMMANDS) expect(out).toContain(c.summary.en);
    for (const o of ['--lang', '--seed', '--plain', '--no-color', '--version']) expect(out).toContain(o);
    expect(out).toContain('NO_COLOR');
    expect(out).toContain('TCP_TUTOR_HOME');
    expect(out).toContain('Examples:');
  });

  it('gives --help in Korean for a Korean locale', async () => {
    const { out } = await run(['--help'], { LANG: 'ko_KR.UTF-8' });
    expect(out).toContain('사용법');
    expect(out).toContain('레슨 하나를 한 단계씩 진행');
  });

  it('gives per-command help with its own options', async () => {
    const { code, out } = await run(['export', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: tcp-tutor export LESSON');
    expect(out).toContain('--format pcap|pcapng');
    expect((await run(['help', 'export'])).out).toBe(out);
  });

  it('answers a mistake with one clear line, the usage, and exit code 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toBe("tcp-tutor: unknown command 'frobnicate'");
    expect(lines[1]).toMatch(/^Usage: tcp-tutor/);
    const opt = await run(['inspect', 'x.pcap', '--bogus']);
    expect(opt.code).toBe(2);
    expect(opt.err.split('\n')[1]).toBe('Usage: tcp-tutor inspect CAPTURE [options]');
  });

});

describe('the built executable', () => {
  const cli = 'dist/cli.js';
  it('runs as a user would run it (npm test builds dist/ first)', () => {
    expect(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' })).toBe(`${pkg.version}\n`);
    const bad = spawnSync(process.execPath, [cli, '--nope'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(bad.stderr.split('\n')[0]).toBe("tcp-tutor: unknown option '--nope'");
  });
});

describe('validate', () => {
  it('exits 0 for valid lessons and 1 with file:line:col lines otherwise', async () => {
    const good = await run(['validate', 'test/lesson/fixtures/valid.yaml']);
    expect(good).toMatchObject({ code: 0, out: '' });
    expect(good.err).toBe('1 lesson valid\n');
    const bad = await run(['validate', 'test/lesson/fixtures/valid.yaml', 'no/such/lesson.yaml']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('no/such/lesson.yaml:1:1: cannot read the file: no such file\n');
    expect(bad.err).toBe('1 of 2 lessons invalid\n');
  });
});

describe('validate runs the lesson', () => {
  const base = readFileSync('test/lesson/fixtures/valid.yaml', 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-validate-'));
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('passes the fixture, whose quiz asks about a SYN-ACK the script really causes', async () => {
    expect((await run(['validate', write('ok.yaml', base)])).code).toBe(0);
  });

  it('points at a quiz about a frame that never happens', async () => {
    const f = write('never.yaml', base.replace('flags: SA', 'flags: R'));
    const r = await run(['validate', f]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`${f}:18:7: no frame matching { from: server, flags: R } is sent after this point in the script\n`);
  });

  it('points at a quiz placed after the frame it asks about', async () => {
    const moved = base.replace(/  - quiz:\n(      .*\n){3}/, '').replace(/(  - connect: .*\n)/, `$1  - quiz:\n      id: late\n      ask: ack\n      frame: { from: server, flags: SA }\n`);
    const f = write('late.yaml', moved);
    const r = await run(['validate', f]);
    expect(r.out).toMatch(/late\.yaml:\d+:7: no frame matching \{ from: server, flags: SA \}/);
  });

  it('names a host that does not exist, with the closest one', async () => {
    const f = write('host.yaml', base.replace('listen: { host: server', 'listen: { host: sever'));
    const r = await run(['validate', f]);
    expect(r.out).toBe(`${f}:16:21: 'sever' is not a host in this lesson (did you mean 'server'?); hosts: client, server, dns\n`);
  });

  it('warns, without failing, when the text shown at a quiz’s stop already gives its answer, in either language', async () => {
    // The fixture's quiz asks the SYN-ACK's relative ack; by RFC 9293 a SYN takes one number, so it is 1.
    const leak = base.replace('  - say: { en: The server listens., ko: 서버가 기다립니다. }',
      '  - say: { en: The server listens. Its SYN-ACK will carry ack 1., ko: 서버가 기다립니다. }');
    const f = write('leak.yaml', leak);
    const r = await run(['validate', f]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${f}:18:7: warning: the answer (1) is already in the text shown at this quiz’s stop (the say at line 15), so it can be read off the screen; reword the text or move the quiz before it\n`);
    expect(r.err).toBe('1 lesson valid\n');
    const ko = await run(['validate', write('leak-ko.yaml', base.replace('ko: 서버가 기다립니다. }', 'ko: 서버가 기다립니다. SYN-ACK의 ack는 1입니다. }'))], { LANG: 'ko_KR.UTF-8' });
    expect(ko.code).toBe(0);
    expect(ko.out).toMatch(/leak-ko\.yaml:18:7: 경고: 답\(1\)이 .*줄 15의 say/);
    // A number inside another (an RFC section, an address) is not the answer.
    const fine = base.replace('ko: 서버가 기다립니다. }', 'ko: "서버가 기다립니다 (RFC 9293 §3.10.1, 192.168.1.1)." }');
    expect((await run(['validate', write('fine.yaml', fine)])).out).toBe('');
  });

  // That every built-in lesson compiles is test/lesson/builtin.test.ts's; here, that validate says nothing and exits 0 for several.
  it('accepts built-in lessons', async () => {
    const files = ['01-layers.yaml', '09-handshake.yaml'].map((x) => join('lessons', x));
    const r = await run(['validate', ...files]);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('list', () => {
  it('shows each lesson with its progress, in text and JSON', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-list-'));
    writeFileSync(join(home, 'progress.json'), JSON.stringify({
      format: 'tcp-tutor-progress', version: 1, settings: null,
      lessons: {
        handshake: { step: 248, steps: 248, answers: {}, score: 9, total: 10, best: 9, seed: 1, done: true, updated: '2026-01-01T00:00:00.000Z' },
        arp: { step: 12, steps: 90, answers: {}, score: 1, total: 11, best: 0, seed: 1, done: false, updated: '2026-01-01T00:00:00.000Z' },
      },
    }));
    const env = { LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: home };
    const text = await run(['list'], env);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/handshake .*✓ best 9\/10/);
    // Saved at step index 12: the 13th step, as the menu and `progress` count too.
    expect(text.out).toMatch(/arp .*… step 13\/90/);
    expect(text.out).toMatch(/seq-ack .*quizzes\)\n/);
    const rows = (await run(['list', '--json'], env)).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.find((r) => r.id === 'arp').progress).toEqual({ done: false, step: 12, steps: 90, score: 1, best: 0, total: 11 });
    expect(rows.find((r) => r.id === 'dns').progress).toBeNull();
  });

  it('counts the step reached as `progress` and the menu do, from the same saved record', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-steps-'));
    const arp = { step: 0, steps: 90, answers: {}, score: 0, total: 11, best: 0, seed: 1, done: false, updated: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(home, 'progress.json'), JSON.stringify({ format: 'tcp-tutor-progress', version: 1, settings: null, lessons: { arp } }));
    const env = { LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: home };
    // Saved on the first step (index 0): step 1 of 90 everywhere.
    expect((await run(['list'], env)).out).toMatch(/arp .*… step 1\/90\n/);
    expect((await run(['progress', 'arp'], env)).out).toMatch(/arp\s+… step 1\/90/);
    expect(markText(markOf(arp), 'en')).toBe('… step 1/90');
  });

  it('numbers the lessons as the menu does, and play takes that number as well as the id', async () => {
    const listed = (await run(['list'])).out.split('\n').filter((l) => /^\s*\d+\. /.test(l));
    const catalog = await readCatalog();
    // The menu numbers its lesson entries 1, 2, … in catalog order.
    const menu = menuEntries(catalog.entries, { lessons: {}, settings: null }).filter((e) => e.kind === 'lesson');
    expect(listed.map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual(menu.map((e) => `${e.n}. ${e.id}`));
    const ninth = menu.find((e) => e.n === 9)!;
    expect(ninth.id).toBe('handshake');
    // `play` finds its lesson through findLesson (cli/lesson-arg.ts, session/lesson.ts).
    for (const e of menu) {
      const found = findLesson(String(e.n), 'en');
      expect(found.ok && found.loaded.lesson.id).toBe(e.id);
    }
    expect((await run(['play', '99', '--plain'])).err).toContain("no lesson '99'");
  });
});
