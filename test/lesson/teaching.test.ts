// docs/teaching.md and docs/teaching.ko.md stay true: every command in them is run here,
// in the documents' order, in an empty folder, with the built CLI; the course.yaml they
// show is the one used, and grade reads the report the walk-through's learner handed in.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli.js');
const EN = readFileSync('docs/teaching.md', 'utf8');
const KO = readFileSync('docs/teaching.ko.md', 'utf8');

/** The fenced blocks of a document, in order: their language and text. */
const blocks = (doc: string) => [...doc.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
const commands = (doc: string) => blocks(doc).filter((b) => b.lang === 'sh').flatMap((b) => b.text.trim().split('\n'));

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `tcp-tutor-teaching-${process.pid}`;
afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

async function until(test: () => boolean, what: string, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('docs/teaching.md', () => {
  it('says the same commands and course.yaml in English and Korean', () => {
    expect(commands(KO)).toEqual(commands(EN));
    expect(blocks(KO).filter((b) => b.lang === 'yaml')).toEqual(blocks(EN).filter((b) => b.lang === 'yaml'));
    // The grade command's synopsis, as its --help gives it.
    expect(EN).toContain('`tcp-tutor grade REPORT... [--csv FILE] [--json]`');
    expect(KO).toContain('`tcp-tutor grade REPORT... [--csv FILE] [--json]`');
  });

  it('walks through a week: every command runs, in order, and does what the text says', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tcp-tutor-teaching-'));
    const env = { ...process.env, LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: join(cwd, '.home') };
    const cli = (args: string[], input = '') => spawnSync(process.execPath, [CLI, ...args], { cwd, env, input, encoding: 'utf8' });
    let ran = 0;
    for (const block of blocks(EN)) {
      if (block.lang === 'yaml' && block.text.startsWith('title:')) {
        // The course.yaml of section 2, as the instructor saves it.
        writeFileSync(join(cwd, 'week-3', 'course.yaml'), block.text);
        continue;
      }
      if (block.lang !== 'sh') continue;
      for (const line of block.text.trim().split('\n')) {
        const [cmd, ...args] = line.split(/\s+/);
        if (cmd === 'mkdir') {
          mkdirSync(join(cwd, args[0]!));
          ran++;
          continue;
        }
        expect(cmd).toBe('tcp-tutor');
        const sub = args[0];
        ran++;
        if (sub === 'new') {
          const r = cli(args);
          expect(r.status, r.stderr).toBe(0);
          const text = readFileSync(join(cwd, args[1]!), 'utf8');
          // The schema line the text shows, pointing at a file that is there.
          const schema = /^# yaml-language-server: \$schema=(\S+lessons\/lesson\.schema\.json)\n/.exec(text)![1]!;
          expect(existsSync(resolve(cwd, 'week-3', schema))).toBe(true);
        } else if (sub === 'validate' && args.includes('--watch')) {
          const p = spawn(process.execPath, [CLI, ...args], { cwd, env });
          let out = '';
          let err = '';
          p.stdout.on('data', (d) => (out += d));
          p.stderr.on('data', (d) => (err += d));
          await until(() => err.includes('Ctrl+C stops'), 'the watch to start');
          expect(out).toBe('3 files valid (lessons and course.yaml)\n');
          // "prints which problems the save fixed and which are new"
          const file = join(cwd, 'week-3', 'first-ack.yaml');
          const good = readFileSync(file, 'utf8');
          writeFileSync(file, good.replace('ask: ack', 'ask: akc'));
          await until(() => out.includes('1 of 3 files invalid'), 'the broken save to be reported');
          expect(out).toMatch(/new: {3}week-3\/first-ack\.yaml:\d+:\d+: 'ask' must be one of/);
          writeFileSync(file, good);
          await until(() => out.includes('1 fixed'), 'the fix to be reported');
          const exit = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
          p.kill('SIGINT');
          expect(await exit).toBe(130);
        } else if (sub === 'play' && args.includes('--watch')) {
          if (!HAS_TMUX) continue;
          const tmux = (...a: string[]) => execFileSync('tmux', ['-L', SOCKET, ...a], { encoding: 'utf8' });
          tmux('new-session', '-d', '-s', 'doc', '-x', '100', '-y', '30', 'bash --norc --noprofile');
          tmux('send-keys', '-t', 'doc', `cd ${cwd} && export TCP_TUTOR_HOME=${env.TCP_TUTOR_HOME} LANG=en_US.UTF-8; node ${CLI} ${args.join(' ')}; echo EXIT:$?`, 'Enter');
          await until(() => /step 1\/\d+/.test(tmux('capture-pane', '-p', '-t', 'doc')), 'the player');
          tmux('send-keys', '-t', 'doc', 'q');
          await until(() => tmux('capture-pane', '-p', '-t', 'doc').includes('EXIT:0'), 'the player to close');
        } else if (sub === 'play' && args.includes('--report')) {
          const r = cli(args, '1\n2\n3\n');
          expect(r.status, r.stderr).toBe(0);
          const report = JSON.parse(readFileSync(join(cwd, args[args.indexOf('--report') + 1]!), 'utf8')) as { lesson: string; seed: number; total: number };
          // "takes the seed course.yaml gives it (here 7)"; the copy's id comes from its file name.
          expect(report).toMatchObject({ lesson: 'handshake', seed: 7 });
          expect(report.total).toBeGreaterThan(0);
        } else if (sub === 'validate') {
          expect(cli(args)).toMatchObject({ status: 0, stdout: '', stderr: '3 files valid (lessons and course.yaml)\n' });
        } else if (sub === 'list') {
          const r = cli(args);
          expect(r.status).toBe(0);
          const quizzes = (readFileSync('lessons/09-handshake.yaml', 'utf8').match(/^\s*- quiz:/gm) ?? []).length;
          const lines = r.stdout.split('\n');
          expect(lines.slice(0, 2)).toEqual(['Week 3: TCP connections', '']);
          // The minutes are worked out from each lesson's text (session/reading-time.ts).
          expect(lines[2]).toMatch(/^ 1\. first-ack  What the server acknowledges  \(beginner, about \d+ min, 1 quizzes\)/);
          expect(lines[3]).toMatch(new RegExp(`^ 2\\. handshake  The 3-way handshake  \\(beginner, about \\d+ min, ${quizzes} quizzes\\)$`));
          // The run with --watch above was saved with the course, not as a lesson of its own.
          if (HAS_TMUX) {
            expect(lines[2]).toMatch(/… step 1\/\d+$/);
            expect(Object.keys(JSON.parse(readFileSync(join(env.TCP_TUTOR_HOME, 'progress.json'), 'utf8')).lessons)).toEqual(['week-3/first-ack']);
          }
        } else if (sub === 'grade') {
          // "Collect the reports into one folder": the report handed in above.
          mkdirSync(join(cwd, 'reports'), { recursive: true });
          copyFileSync(join(cwd, 'ada-handshake.json'), join(cwd, 'reports', 'ada-handshake.json'));
          const expanded = args.flatMap((a) => (a === 'reports/*.json' ? readdirSync(join(cwd, 'reports')).map((f) => `reports/${f}`) : [a]));
          const r = cli(expanded);
          expect(r.status, r.stderr).toBe(0);
          // One row per learner and lesson, re-graded from the lesson and seed: an honest report has no flag.
          expect(r.stdout).toContain('ada-handshake');
          expect(r.stdout).not.toMatch(/answer altered|lesson changed/);
          const csv = readFileSync(join(cwd, args[args.indexOf('--csv') + 1]!), 'utf8').trim().split('\n');
          expect(csv.length).toBe(2);
          expect(csv[1]).toContain('handshake');
        } else if (sub === 'week-3') {
          // Without a terminal the course's menu is a list and a hint (the menu itself: test/e2e/course-tui.test.ts).
          const r = cli(args);
          expect(r.status).toBe(0);
          expect(r.stdout).toContain(' 1. first-ack');
        } else {
          throw new Error(`the test does not know how to run: ${line}`);
        }
      }
    }
    expect(ran).toBe(commands(EN).length - (HAS_TMUX ? 0 : 1));
  }, 120_000);
});
