// `tcp-tutor replay` in a real terminal (tmux): the player opens on the capture, the ladder
// shows both ends' inferred states, a quiz is answered, q leaves with exit 0, and no
// progress is written for a replay.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli.js');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SKIP = !HAS_TMUX ? 'tmux is not installed' : !existsSync(CLI) ? 'dist/cli.js is not built (node scripts/build.mjs)' : null;
const SOCKET = `tcp-tutor-replay-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'e2e');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'e2e', ...k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(test: (text: string) => boolean, what: string, ms = 6000): Promise<string> {
  const until = Date.now() + ms;
  let text = '';
  while (Date.now() < until) {
    text = screen();
    if (test(text)) return text;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}; the screen shows:\n${text}`);
}

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(SKIP !== null)(`replay in a real terminal${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  it('opens the player on the capture; a state quiz answered right; q exits 0', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-replay-e2e-'));
    tmux('new-session', '-d', '-s', 'e2e', '-x', '120', '-y', '40', 'bash --norc --noprofile');
    keys(`cd ${process.cwd()} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 PS1='$ '; node dist/cli.js replay captures/handshake-get-close.pcap; echo EXIT:$? > ${join(home, 'exit')}`, 'Enter');

    // The replay opens on its notes, one paragraph a stop; n runs to the first quiz.
    await waitFor((t) => /step 1\/\d+/.test(t), 'the player');
    keys('n');
    const first = await waitFor((t) => t.includes('Quiz 1/'), 'the first quiz');
    expect(first).toContain('Which state will the server be in');
    expect(first).toMatch(/client\s+server/);
    // The asked host's state is hidden until the answer is in; the other side's is shown.
    expect(first).toMatch(/CLOSED\s+\?/);
    keys('4'); // SYN_RECEIVED
    await waitFor((t) => /❯ 4\./.test(t), 'option 4 picked');
    keys('Enter');
    await waitFor((t) => /✓ Right: \W?SYN_RECEIVED/.test(t), 'the feedback');
    keys('q');
    const exit = join(home, 'exit');
    for (let i = 0; i < 300 && !existsSync(exit); i++) await sleep(20);
    expect(readFileSync(exit, 'utf8').trim()).toBe('EXIT:0');
    // Replays are not lessons: nothing about them is saved.
    const saved = readdirSync(home).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(home, f), 'utf8')).join('');
    expect(saved).not.toContain('"replay"');
  });
});
