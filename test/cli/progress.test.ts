import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { serialize, type LessonProgress } from '../../source/progress/data.js';
import { FILE_NAME } from '../../source/progress/store.js';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { createPlayer, currentCheckpoint, isBlocked, update } from '../../source/player/model.js';
import { openLoaded } from '../../source/session/lesson.js';

const LESSONS = builtinLessonFiles().length;

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
    expect(r.out).toContain(`1 of ${LESSONS} lessons done, 1 in progress.`);
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
    expect(r.out).toContain(`0 of ${LESSONS} lessons done`);
  });
});

describe('progress with several writers at once', () => {
  const lesson = (step: number): LessonProgress => ({
    step, steps: 40, answers: {}, score: 0, total: 5, best: 0, seed: 1, done: false, updated: '2026-01-01T00:00:00.000Z',
  });

  it('four concurrent --import runs, round after round, lose no lesson and all exit 0 (the folder is made by whoever comes first; the file is locked around read-merge-write)', async () => {
    const { spawn } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-concurrent-'));
    const ids = ['arp', 'dns', 'handshake', 'close'];
    const files = ids.map((id, i) => {
      const f = join(dir, `${id}.json`);
      writeFileSync(f, serialize({ lessons: { [id]: lesson(i + 1) }, settings: null }));
      return f;
    });
    for (let round = 0; round < 5; round++) {
      // Two folders deep and missing: all four make them at once, and none may fail for it.
      const home = join(dir, `home-${round}`, 'tcp-tutor');
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

describe('plain and JSON modes save progress as the TUI does', () => {
  const answered = async (argv: string[], dir: string, answers: string[]) => {
    let out = '';
    let err = '';
    const stdin = Readable.from(answers.length ? [`${answers.join('\n')}\n`] : []);
    const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: dir }, stdin });
    return { code, out, err };
  };
  const saved = (dir: string) => (JSON.parse(readFileSync(join(dir, FILE_NAME), 'utf8')) as { lessons: Record<string, LessonProgress> }).lessons;
  // The handshake lesson's answers at seed 7, as its JSON run states them (with --no-save: the probe keeps nothing).
  const expected = async () => {
    const probe = await answered(['play', 'handshake', '--json', '--seed', '7', '--no-save'], mkdtempSync(join(tmpdir(), 'tcp-tutor-probe-')), []);
    return probe.out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; expected?: string }).filter((e) => e.type === 'feedback').map((e) => e.expected!);
  };

  it('answers given in --plain are saved; input ending early leaves the lesson in progress, and the next run keeps its seed', async () => {
    const right = await expected();
    expect(right.length).toBe(11); // the handshake lesson asks 11 quizzes
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-plain-save-'));
    const wrong = right[2] === '1' ? '2' : '1';
    const r = await answered(['play', 'handshake', '--plain', '--seed', '7'], dir, [right[0]!, right[1]!, wrong]);
    expect(r.code).toBe(0);
    const l = saved(dir).handshake!;
    expect(Object.values(l.answers)).toEqual([{ value: right[0], correct: true }, { value: right[1], correct: true }, { value: wrong, correct: false }]);
    expect(l).toMatchObject({ score: 2, best: 2, total: 11, seed: 7, done: false });
    expect(l.step).toBeGreaterThan(0);
    expect(l.step).toBeLessThan(l.steps - 1);
    expect((await run(['progress', 'handshake'], dir)).out).toMatch(/handshake\s+… step \d+\/\d+\s+score 2\/11\s+best 2\/11/);
    // The TUI resumes at the saved step with the saved answers: the fourth quiz, still open.
    const file = builtinLessonFiles().find((f) => f.endsWith('-handshake.yaml'))!;
    const loaded = loadLessonFile(file, 'en');
    if (!loaded.ok) throw new Error('handshake does not load');
    const opened = openLoaded(loaded.loaded, () => 7);
    if (!opened.ok) throw new Error(opened.reason);
    const fresh = createPlayer(opened.session.trace, opened.session.lesson, opened.session.options);
    const resumed = update({ ...fresh, answers: new Map(Object.entries(l.answers)) }, { type: 'goto', step: l.step });
    expect(currentCheckpoint(resumed)?.id).toBe(fresh.book.checkpoints[3]!.id);
    expect(isBlocked(resumed)).toBe(true);
    // No --seed: the unfinished run is continued with its numbers.
    const again = await answered(['play', 'handshake', '--plain'], dir, []);
    expect(again.out).toContain('seed 7: run with --seed 7');
    expect(Object.keys(saved(dir).handshake!.answers)).toHaveLength(3);
  });

  it('a whole lesson answered in --json is saved as done, with its score', async () => {
    const right = await expected();
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-json-save-'));
    expect((await answered(['play', 'handshake', '--json', '--seed', '7'], dir, right)).code).toBe(0);
    expect(saved(dir).handshake).toMatchObject({ score: 11, best: 11, total: 11, done: true, seed: 7 });
    expect((await run(['progress', 'handshake'], dir)).out).toMatch(/handshake\s+✓ done\s+score 11\/11\s+best 11\/11/);
  });

  it('--no-save leaves nothing behind', async () => {
    const right = await expected();
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-no-save-'));
    expect((await answered(['play', 'handshake', '--plain', '--seed', '7', '--no-save'], dir, right)).code).toBe(0);
    expect((await answered(['play', 'handshake', '--json', '--seed', '7', '--no-save'], dir, right)).code).toBe(0);
    expect(existsSync(join(dir, FILE_NAME))).toBe(false);
    expect((await run(['progress', 'handshake'], dir)).out).toMatch(/handshake\s+— not started/);
  });

  it('--help names --no-save in both languages', async () => {
    const en = await run(['play', '--help'], mkdtempSync(join(tmpdir(), 'tcp-tutor-help-')));
    expect(en.out).toMatch(/--no-save\s+do not save progress/);
    const ko = await run(['play', '--help', '--lang', 'ko'], mkdtempSync(join(tmpdir(), 'tcp-tutor-help-')));
    expect(ko.out).toMatch(/--no-save\s+진행 상황을 저장하지 않음/);
  });
});
