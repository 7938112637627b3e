import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { serialize, type LessonProgress } from '../../source/progress/data.js';
import { FILE_NAME } from '../../source/progress/store.js';

function home(lessons: Record<string, Partial<LessonProgress>> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-progress-cli-'));
  const full = Object.fromEntries(Object.entries(lessons).map(([id, l]) => [id, {
    step: 0, steps: 100, answers: {}, score: 0, total: 10, best: 0, seed: 1, done: false, updated: '2025-03-01T10:00:00.000Z', ...l,
  }]));
  writeFileSync(join(dir, FILE_NAME), serialize({ lessons: full, settings: null }));
  return dir;
}

async function run(argv: string[], dir: string) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: dir } });
  return { code, out, err };
}

describe('tcp-tutor progress', () => {
  it('shows each lesson: done or in progress, score and best', async () => {
    const dir = home({ handshake: { step: 11, steps: 248, score: 3, best: 5 }, arp: { done: true, score: 11, best: 11, total: 11 } });
    const r = await run(['progress'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(join(dir, FILE_NAME));
    expect(r.out).toMatch(/handshake\s+… step 12\/248\s+score 3\/10\s+best 5\/10\s+The 3-way handshake/);
    expect(r.out).toMatch(/arp\s+✓ done\s+score 11\/11\s+best 11\/11/);
    expect(r.out).toMatch(/layers\s+— not started/);
    expect(r.out).toContain('1 of 18 lessons done, 1 in progress.');
    expect((await run(['progress', 'arp'], dir)).out).not.toContain('handshake');
    const unknown = await run(['progress', 'nope'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^tcp-tutor progress: no lesson 'nope'/);
  });

  it('--reset without a terminal asks for --yes instead of guessing', async () => {
    const dir = home({ handshake: { step: 11 }, arp: {} });
    const refused = await run(['progress', '--reset', 'handshake'], dir);
    expect(refused.code).toBe(1);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toContain('--reset handshake --yes');
    expect(readFileSync(join(dir, FILE_NAME), 'utf8')).toContain('handshake');
    const one = await run(['progress', '--reset', 'handshake', '--yes'], dir);
    expect(one).toMatchObject({ code: 0, out: 'Progress in handshake forgotten.\n' });
    expect(readFileSync(join(dir, FILE_NAME), 'utf8')).not.toContain('handshake');
    expect((await run(['progress', '--reset', '-y'], dir)).out).toBe('All progress forgotten.\n');
    expect(readFileSync(join(dir, FILE_NAME), 'utf8')).not.toContain('"arp"');
  });

  it('--export then --import on another machine merges, the newer record of a lesson winning', async () => {
    const here = home({ handshake: { step: 50, updated: '2025-03-05T00:00:00.000Z' }, arp: { done: true } });
    const file = join(here, 'moved.json');
    expect((await run(['progress', '--export', file], here)).out).toBe(`Exported 2 lessons to ${file}.\n`);
    const there = home({ handshake: { step: 5, updated: '2025-03-01T00:00:00.000Z' }, dns: { step: 3 } });
    const r = await run(['progress', '--import', file], there);
    expect(r.code).toBe(0);
    const merged = JSON.parse(readFileSync(join(there, FILE_NAME), 'utf8')) as { lessons: Record<string, LessonProgress> };
    expect(Object.keys(merged.lessons).sort()).toEqual(['arp', 'dns', 'handshake']);
    expect(merged.lessons.handshake?.step).toBe(50);
  });

  it('--import of a bad file is one clear line and changes nothing', async () => {
    const dir = home({ handshake: { step: 11 } });
    const before = readFileSync(join(dir, FILE_NAME), 'utf8');
    const bad = join(dir, 'bad.json');
    for (const text of ['{"hello": 1}', '{ nope', '']) {
      writeFileSync(bad, text);
      const r = await run(['progress', '--import', bad], dir);
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(new RegExp(`^tcp-tutor progress: cannot import ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    }
    const missing = await run(['progress', '--import', join(dir, 'missing.json')], dir);
    expect(missing.err).toContain('ENOENT');
    expect(readFileSync(join(dir, FILE_NAME), 'utf8')).toBe(before);
    expect((await run(['progress', '--import', bad, '--reset'], dir)).code).toBe(2);
  });

  it('a corrupt progress file is set aside with one warning, and the summary still prints', async () => {
    const dir = home();
    writeFileSync(join(dir, FILE_NAME), '{"format":');
    const r = await run(['progress'], dir);
    expect(r.code).toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/progress\.json was unreadable .* moved it to .*progress\.json\.corrupt-/);
    expect(r.out).toContain('0 of 18 lessons done');
  });
});

describe('progress with several writers at once', () => {
  const lesson = (step: number): LessonProgress => ({
    step, steps: 40, answers: {}, score: 0, total: 5, best: 0, seed: 1, done: false, updated: '2026-01-01T00:00:00.000Z',
  });

  it('four concurrent --import runs, round after round, lose no lesson (the file is locked around read-merge-write)', async () => {
    const { spawn } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-concurrent-'));
    const ids = ['arp', 'dns', 'handshake', 'close'];
    const files = ids.map((id, i) => {
      const f = join(dir, `${id}.json`);
      writeFileSync(f, serialize({ lessons: { [id]: lesson(i + 1) }, settings: null }));
      return f;
    });
    for (let round = 0; round < 5; round++) {
      const home = join(dir, `home-${round}`);
      const codes = await Promise.all(files.map((f) => new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['dist/cli.js', 'progress', '--import', f], { env: { ...process.env, TCP_TUTOR_HOME: home, LANG: 'en_US.UTF-8' }, stdio: 'ignore' });
        p.on('close', (code) => resolve(code ?? -1));
      })));
      expect(codes).toEqual([0, 0, 0, 0]);
      const saved = JSON.parse(readFileSync(join(home, FILE_NAME), 'utf8')) as { lessons: Record<string, unknown> };
      expect(Object.keys(saved.lessons).sort(), `round ${round}`).toEqual([...ids].sort());
    }
  });

  it('--export does not replace a symlink or a device, and --import reports records it left out', async () => {
    const { symlinkSync } = await import('node:fs');
    const dir = home({ arp: {} });
    const link = join(dir, 'link.json');
    symlinkSync('/dev/null', link);
    const exported = await run(['progress', '--export', link], dir);
    expect(exported.code).toBe(1);
    expect(exported.err).toContain('not a regular file');
    const bad = join(dir, 'partly.json');
    writeFileSync(bad, `{"format":"tcp-tutor-progress","version":1,"settings":null,"lessons":{"dns":${JSON.stringify(lesson(2))},"x":{"step":-1}}}`);
    const imported = await run(['progress', '--import', bad], dir);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Imported 1 lessons');
    expect(imported.out).toContain('Left out 1 record(s)');
  });
});
