// The terminal scenarios of the robustness suite, in a real terminal (tmux): however the
// tutor is left (Ctrl+C in the menu, in a lesson, in a quiz; kill -TERM), the shell gets
// back a sane terminal (echo and canonical mode on, the cursor visible) and the exit code
// says how it ended; a resize down to 40×12 and back never crashes it; and without a
// terminal on standard input the plain mode runs instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli.js');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SKIP = !HAS_TMUX ? 'tmux is not installed' : !existsSync(CLI) ? 'dist/cli.js is not built' : null;
const SOCKET = `tcp-tutor-term-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

let n = 0;

/** A shell in a fresh pane that runs the tutor and then records how it ended. */
async function session(args: string): Promise<{ name: string; home: string; screen: () => string; keys: (...k: string[]) => void; exit: () => string | null; waitFor: (re: RegExp, ms?: number) => Promise<string> }> {
  const name = `t${++n}`;
  const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-term-'));
  const exitFile = join(home, 'exit');
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', 'bash --norc --noprofile');
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  const keys = (...k: string[]) => void tmux('send-keys', '-t', name, ...k);
  const waitFor = async (re: RegExp, ms = 10_000) => {
    const until = Date.now() + ms;
    let text = '';
    while (Date.now() < until) {
      text = screen();
      if (re.test(text)) return text;
      await sleep(20);
    }
    throw new Error(`timed out waiting for ${re}; the screen shows:\n${text}`);
  };
  keys(`cd ${process.cwd()} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 PS1='$ '; clear; node dist/cli.js ${args}; echo EXIT:$? > ${exitFile}; clear`, 'Enter');
  const exit = () => (existsSync(exitFile) ? readFileSync(exitFile, 'utf8').trim() : null);
  return { name, home, screen, keys, exit, waitFor };
}

/** The tutor's process id: the pane's shell's child running dist/cli.js. */
function childOf(name: string): number {
  const pid = tmux('display-message', '-p', '-t', name, '#{pane_pid}').trim();
  return Number(execFileSync('pgrep', ['-P', pid, '-f', 'dist/cli.js'], { encoding: 'utf8' }).trim().split('\n')[0]!);
}

/** The step index saved for the handshake lesson, or null when nothing is saved. */
function savedStep(home: string): number | null {
  try {
    return (JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')) as { lessons: Record<string, { step: number }> }).lessons.handshake?.step ?? null;
  } catch {
    return null;
  }
}

/** echo and icanon as `stty -a` shows them, typed at the pane's shell. */
async function sttyModes(s: { keys: (...k: string[]) => void; waitFor: (re: RegExp, ms?: number) => Promise<string> }, tag: string): Promise<string> {
  s.keys('clear; stty -a | tr " " "\\n" | grep -x -e echo -e -echo -e icanon -e -icanon | tr "\\n" " "; echo ' + tag, 'Enter');
  const text = await s.waitFor(new RegExp(`^(-?echo|-?icanon) (-?echo|-?icanon) ?${tag}$`, 'm'));
  return text.match(new RegExp(`^(.*)${tag}$`, 'm'))![1]!.trim();
}

/** After the tutor is gone: the exit code, and a terminal a person can type into again. */
async function expectSane(s: Awaited<ReturnType<typeof session>>, code: number): Promise<void> {
  for (let i = 0; i < 500 && s.exit() === null; i++) await sleep(20);
  expect(s.exit()).toBe(`EXIT:${code}`);
  expect(tmux('display-message', '-p', '-t', s.name, '#{cursor_flag}').trim()).toBe('1');
  expect(tmux('display-message', '-p', '-t', s.name, '#{alternate_on}').trim()).toBe('0');
  s.keys('stty -a | tr " " "\\n" | grep -x -e echo -e -echo -e icanon -e -icanon | tr "\\n" " "; echo', 'Enter');
  // capture-pane drops trailing spaces.
  const text = await s.waitFor(/^(-?echo|-?icanon) (-?echo|-?icanon) ?$/m);
  expect(text).toMatch(/^(echo icanon|icanon echo) ?$/m);
}

describe.skipIf(SKIP !== null)(`terminal scenarios${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  it('Ctrl+C in the menu exits 130 with the terminal restored', async () => {
    const s = await session('');
    await s.waitFor(/Four layers/);
    s.keys('C-c');
    await expectSane(s, 130);
  });

  it('Ctrl+C in a lesson exits 130 with the terminal restored', async () => {
    const s = await session('play handshake --seed 3');
    await s.waitFor(/step 1\//);
    s.keys('Right', 'Right');
    await s.waitFor(/step 3\//);
    s.keys('C-c');
    await expectSane(s, 130);
  });

  it('Ctrl+C while a quiz prompt is open exits 130 with the terminal restored', async () => {
    const s = await session('play handshake --seed 3');
    await s.waitFor(/step 1\//);
    // n runs to the first quiz in one key.
    s.keys('n');
    await s.waitFor(/Quiz \d/, 15_000);
    s.keys('C-c');
    await expectSane(s, 130);
  }, 60_000);

  it('kill -TERM exits 143 with the terminal restored', async () => {
    const s = await session('play handshake --seed 3');
    await s.waitFor(/step 1\//);
    const pid = tmux('display-message', '-p', '-t', s.name, '#{pane_pid}').trim();
    const child = execFileSync('pgrep', ['-P', pid, '-f', 'dist/cli.js'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(child), 'SIGTERM');
    await expectSane(s, 143);
  });

  // What a signal saves must be where the learner is: the step that q, leaving normally
  // at the same stop, saves. The stepping is quick, so the last step save is still held
  // back by its one-a-second throttle when the signal comes.
  const STOPS = 7; // stop 8 opens the first quiz
  let reference: number | null = null;
  async function stepTo(s: Awaited<ReturnType<typeof session>>, stops: number): Promise<void> {
    await s.waitFor(/step 1\//);
    for (let k = 2; k <= stops; k++) {
      s.keys('Right');
      await s.waitFor(new RegExp(`step ${k}/`));
    }
  }
  async function referenceStep(): Promise<number> {
    if (reference !== null) return reference;
    const s = await session('play handshake --seed 3');
    await stepTo(s, STOPS);
    s.keys('q');
    await expectSane(s, 0);
    reference = savedStep(s.home);
    expect(reference).toBeGreaterThan(0);
    return reference!;
  }

  it('kill -QUIT saves where the learner is and exits 131 with the terminal restored', async () => {
    const want = await referenceStep();
    const s = await session('play handshake --seed 3');
    await stepTo(s, STOPS);
    process.kill(childOf(s.name), 'SIGQUIT');
    await expectSane(s, 131);
    expect(savedStep(s.home)).toBe(want);
  }, 60_000);

  it('kill -USR2 saves and exits 128 + its number with the terminal restored', async () => {
    const want = await referenceStep();
    const s = await session('play handshake --seed 3');
    await stepTo(s, STOPS);
    process.kill(childOf(s.name), 'SIGUSR2');
    await expectSane(s, 128 + constants.signals.SIGUSR2);
    expect(savedStep(s.home)).toBe(want);
  }, 60_000);

  it('survives a resize to 40×12 and back, asking for room while small', async () => {
    const s = await session('play handshake --seed 3');
    await s.waitFor(/step 1\//);
    tmux('resize-window', '-t', s.name, '-x', '40', '-y', '12');
    await s.waitFor(/enlarge|80×24/i);
    tmux('resize-window', '-t', s.name, '-x', '100', '-y', '30');
    await s.waitFor(/step 1\//);
    s.keys('Right');
    await s.waitFor(/step 2\//);
    s.keys('q');
    await expectSane(s, 0);
  });

  it('with no terminal on standard input, plays in plain mode', () => {
    const r = spawnSync(process.execPath, [CLI, 'play', 'handshake', '--seed', '3'], { input: 'x\n', encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('seed 3: run with --seed 3 to get these numbers again');
    expect(r.stdout).toMatch(/score: \d+\/\d+/);
    expect(r.stdout).not.toContain('\u001b[?1049h');
  });
});

describe.skipIf(SKIP !== null)('closing the terminal window', () => {
  it('during a lesson: the steps taken are saved, and Node does not abort on the vanished terminal', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-hup-'));
    const name = `hup${process.pid}`;
    const err = join(home, 'stderr');
    // The tutor is the pane's only process, as in a terminal window: killing the window hangs it up.
    tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30',
      `cd ${process.cwd()} && TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 exec node dist/cli.js play handshake --seed 3 2> ${err}`);
    const screen = () => tmux('capture-pane', '-p', '-t', name);
    for (let i = 0; i < 500 && !/step 1\//.test(screen()); i++) await sleep(20);
    for (let k = 0; k < 12; k++) {
      const before = screen();
      tmux('send-keys', '-t', name, 'Right');
      for (let i = 0; i < 100 && screen() === before; i++) await sleep(20);
    }
    await sleep(1500); // the last step's save may wait out its second
    tmux('kill-session', '-t', name);
    let saved: { lessons: Record<string, { step: number }> } | null = null;
    for (let i = 0; i < 200 && saved === null; i++) {
      await sleep(20);
      try {
        saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
      } catch {
        saved = null;
      }
    }
    expect(saved?.lessons.handshake?.step).toBeGreaterThanOrEqual(10);
    await sleep(500);
    const stderr = existsSync(err) ? readFileSync(err, 'utf8') : '';
    expect(stderr).not.toMatch(/Assertion failed|internal error|node::/);
  }, 60_000);
});

describe.skipIf(SKIP !== null)('Ctrl+Z and fg', () => {
  it('Ctrl+Z saves and gives the shell a sane terminal; fg takes it back and the arrow keys work again', async () => {
    const name = `tstp${process.pid}`;
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-tstp-'));
    tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', 'bash --norc --noprofile');
    const screen = () => tmux('capture-pane', '-p', '-t', name);
    const keys = (...k: string[]) => void tmux('send-keys', '-t', name, ...k);
    const waitFor = async (re: RegExp, ms = 10_000) => {
      const until = Date.now() + ms;
      let text = '';
      while (Date.now() < until) {
        text = screen();
        if (re.test(text)) return text;
        await sleep(20);
      }
      throw new Error(`timed out waiting for ${re}; the screen shows:\n${text}`);
    };
    const flag = (f: string) => tmux('display-message', '-p', '-t', name, `#{${f}}`).trim();
    keys(`cd ${process.cwd()} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 PS1='$ '; clear; node dist/cli.js play handshake --seed 3`, 'Enter');
    await waitFor(/step 1\//);
    for (let k = 2; k <= 7; k++) {
      keys('Right');
      await waitFor(new RegExp(`step ${k}/`));
    }
    keys('C-z');
    await waitFor(/Stopped/);
    // Stopped, not ended: the shell has the terminal, in the state it left it.
    expect(flag('alternate_on')).toBe('0');
    expect(flag('cursor_flag')).toBe('1');
    const atStop = savedStep(home);
    expect(atStop).toBeGreaterThan(0);
    expect(await sttyModes({ keys, waitFor }, 'AFTERSTOP')).toMatch(/^(echo icanon|icanon echo)$/);

    keys('clear; fg', 'Enter');
    await waitFor(/step 7\//);
    expect(flag('alternate_on')).toBe('1');
    keys('Right');
    // An arrow key read in cooked mode would echo ^[[C and never reach the player.
    const after = await waitFor(/step 8\//);
    expect(after).not.toContain('^[[C');
    keys('Left');
    await waitFor(/step 7\//);
    // A second stop and start works as the first did.
    keys('C-z');
    await waitFor(/Stopped/);
    keys('clear; fg', 'Enter');
    await waitFor(/step 7\//);
    // q at the stop where Ctrl+Z saved: the same step as the stop's save.
    keys('q');
    await waitFor(/^\$ ?$/m);
    keys('echo EXIT:$?', 'Enter');
    await waitFor(/^EXIT:0$/m);
    expect(await sttyModes({ keys, waitFor }, 'AFTERQUIT')).toMatch(/^(echo icanon|icanon echo)$/);
    expect(savedStep(home)).toBe(atStop);
  }, 60_000);
});
