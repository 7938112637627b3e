// A course folder and play --watch in a real terminal (tmux): the course's title and
// lessons in the menu, progress saved under the course's namespace with the seed
// course.yaml gives; a lesson reloaded at the same step when its file is saved, and kept
// when the saved file is broken.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli.js');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SKIP = !HAS_TMUX ? 'tmux is not installed' : !existsSync(CLI) ? 'dist/cli.js is not built (node scripts/build.mjs)' : null;
const SOCKET = `tcp-tutor-course-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = (s: string) => tmux('capture-pane', '-p', '-t', s);
const keys = (s: string, ...k: string[]) => tmux('send-keys', '-t', s, ...k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(s: string, test: (text: string) => boolean, what: string, ms = 6000): Promise<string> {
  const until = Date.now() + ms;
  let text = '';
  while (Date.now() < until) {
    text = screen(s);
    if (test(text)) return text;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}; the screen shows:\n${text}`);
}

const BASE = readFileSync('test/lesson/fixtures/valid.yaml', 'utf8');
const stepOf = (text: string) => /step (\d+)\/(\d+)/.exec(text);

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(SKIP !== null)(`courses and play --watch in a real terminal${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  it('tcp-tutor DIR: the course menu; progress saved as week-3/<id> with the seed of course.yaml', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-course-e2e-'));
    const dir = join(home, 'week-3');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), BASE);
    writeFileSync(join(dir, 'course.yaml'), 'title: { en: "Week 3: opening a connection", ko: "3주차: 연결 열기" }\nseed: 4242\n');
    tmux('new-session', '-d', '-s', 'course', '-x', '100', '-y', '30', 'bash --norc --noprofile');
    keys('course', `cd ${home} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 PS1='$ '; node ${CLI} week-3; echo EXIT:$?`, 'Enter');
    await waitFor('course', (t) => t.includes('Week 3: opening a connection') && t.includes('1 lessons'), 'the course menu');
    expect(screen('course')).toMatch(/❯\s+1\. A tiny handshake/);
    keys('course', 'Enter');
    await waitFor('course', (t) => stepOf(t) !== null, 'the player');
    keys('course', 'Right');
    await waitFor('course', (t) => stepOf(t)?.[1] === '2', 'step 2');
    keys('course', 'q');
    await waitFor('course', (t) => t.includes('Week 3: opening a connection') && /step 2\/\d+/.test(t), 'the menu with the step reached');
    keys('course', 'q');
    await waitFor('course', (t) => t.includes('EXIT:0'), 'the exit');
    const saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')) as { lessons: Record<string, { seed: number }> };
    expect(Object.keys(saved.lessons)).toEqual(['week-3/tiny-handshake']);
    expect(saved.lessons['week-3/tiny-handshake']!.seed).toBe(4242);
  }, 30_000);

  it('play --watch: a save reloads the lesson at the same step; a broken save keeps the old one and says why', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-watch-e2e-'));
    const file = join(home, 'mine.yaml');
    writeFileSync(file, BASE);
    tmux('new-session', '-d', '-s', 'watch', '-x', '100', '-y', '30', 'bash --norc --noprofile');
    keys('watch', `cd ${home} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 PS1='$ '; node ${CLI} play mine.yaml --watch --seed 3; echo EXIT:$?`, 'Enter');
    await waitFor('watch', (t) => stepOf(t) !== null, 'the player');
    for (let i = 2; i <= 4; i++) {
      keys('watch', 'Right');
      await waitFor('watch', (t) => stepOf(t)?.[1] === String(i), `step ${i}`);
    }
    const stops = stepOf(screen('watch'))![2];
    // A broken save: the old lesson plays on, and the status line says why.
    writeFileSync(file, BASE.replace('topology: lan', 'topology: [lan'));
    const broken = await waitFor('watch', (t) => t.includes('not reloaded'), 'the problem in the status line');
    expect(stepOf(broken)?.[1]).toBe('4');
    expect(broken).toContain('mine.yaml:');
    // A good save with a ping at the end: the same step, more stops, no problem shown.
    writeFileSync(file, `${BASE}  - ping: { from: client, to: server }\n`);
    const good = await waitFor('watch', (t) => !t.includes('not reloaded') && stepOf(t) !== null && stepOf(t)![2] !== stops, 'the reloaded lesson');
    expect(stepOf(good)?.[1]).toBe('4');
    expect(Number(stepOf(good)![2])).toBeGreaterThan(Number(stops));
    keys('watch', 'q');
    await waitFor('watch', (t) => t.includes('EXIT:0'), 'the exit');
  }, 30_000);
});
