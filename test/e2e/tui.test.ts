// The TUI as a person meets it: the built CLI in a real terminal (tmux), keys typed one by
// one, the screen read as text. The quiz answers come from the JSON mode under the same
// seed, not from the TUI itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';

const CLI = resolve('dist/cli.js');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SKIP = !HAS_TMUX ? 'tmux is not installed' : !existsSync(CLI) ? 'dist/cli.js is not built (node scripts/build.mjs)' : null;
const SEED = 7;

/** A tmux server of our own, so the test never touches a user's sessions. */
const SOCKET = `tcp-tutor-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'e2e');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'e2e', ...k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the screen until `test` holds; fails with the last screen after `ms`. */
async function waitFor(test: (text: string) => boolean, what: string, ms = 4000): Promise<string> {
  const until = Date.now() + ms;
  let text = '';
  while (Date.now() < until) {
    text = screen();
    if (test(text)) return text;
    await sleep(15);
  }
  throw new Error(`timed out waiting for ${what}; the screen shows:\n${text}`);
}

const stepOf = (text: string) => Number(/step (\d+)\/\d+/.exec(text)?.[1] ?? NaN);

interface QuizEvent {
  readonly id: string;
  readonly kind: 'choice' | 'number' | 'field';
  readonly field: string;
  readonly options: readonly string[];
}

/** The lesson's quizzes and their answers, from `play --json` under the same seed. */
function answersFromJson(): { quizzes: QuizEvent[]; expected: string[] } {
  const out = execFileSync(process.execPath, [CLI, 'play', 'handshake', '--json', '--seed', String(SEED)], { encoding: 'utf8', input: '' });
  const events = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    quizzes: events.filter((e) => e.type === 'quiz') as unknown as QuizEvent[],
    expected: events.filter((e) => e.type === 'feedback').map((e) => String(e.expected)),
  };
}

afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(SKIP !== null)(`the TUI in a real terminal${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  it('menu → handshake → step, answer right then wrong, back, q to the menu, Ctrl+C exits 130 with the terminal sane', async () => {
    const { quizzes, expected } = answersFromJson();
    const seqAck = quizzes.map((q, i) => ({ q, i })).filter(({ q }) => q.kind === 'number' && (q.field === 'seq' || q.field === 'ack'));
    expect(seqAck.length).toBeGreaterThanOrEqual(2);
    const right = seqAck[0]!;
    const wrong = seqAck[1]!;

    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-e2e-'));
    tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', 'bash --norc --noprofile');
    // Everything the program writes, to check the escapes that restore the terminal.
    tmux('pipe-pane', '-t', 'e2e', `cat >> ${join(home, 'pane.log')}`);
    // CI=true too: a CI variable left in a learner's shell must not blank the TUI.
    keys(`cd ${process.cwd()} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 CI=true PS1='$ '; node dist/cli.js --seed ${SEED}; echo EXIT:$? > ${join(home, 'exit')}`, 'Enter');

    // The menu, in curriculum order; the pointer walks down to the handshake.
    await waitFor((t) => t.includes(`${builtinLessonFiles().length} lessons · 0 done · 0 in progress`), 'the menu');
    const pointer = (t: string) => /^❯.*$/m.exec(t)?.[0] ?? '';
    for (let i = 0; i < 20 && !pointer(screen()).includes('The 3-way handshake'); i++) {
      const was = pointer(screen());
      keys('Down');
      await waitFor((t) => pointer(t) !== was, 'the pointer to move', 1000);
    }
    expect(screen()).toMatch(/❯\s+9\. The 3-way handshake\s+handshake/);
    keys('Enter');
    await waitFor((t) => /step 1\/\d+/.test(t), 'the player');

    // Step with → and Space; answer every quiz on the way (choices by their number) until
    // the first seq/ack quiz, answered right, and the next one, answered wrong.
    let step = 1;
    let answeredWrong = false;
    const seen = new Set<number>();
    for (let guard = 0; guard < 400 && !answeredWrong; guard++) {
      const text = screen();
      const open = /Quiz (\d+)\/\d+/.exec(text);
      const n = open ? Number(open[1]) - 1 : -1;
      if (open && !/✓ Right|✗ Not quite/.test(text) && !seen.has(n)) {
        seen.add(n);
        const q = quizzes[n]!;
        if (n === wrong.i) {
          keys('-l', String(BigInt(expected[n]!) + 1n));
          keys('Enter');
          const after = await waitFor((t) => t.includes('✗ Not quite'), 'the wrong-answer feedback');
          expect(after).toContain(`the answer is ${expected[n]}`);
          answeredWrong = true;
          break;
        }
        // A choice is picked by its number, then Enter: a digit alone does not answer.
        if (q.kind === 'choice') keys(String(q.options.indexOf(expected[n]!) + 1), 'Enter');
        else {
          keys('-l', expected[n]!);
          keys('Enter');
        }
        const after = await waitFor((t) => t.includes('✓ Right'), `the feedback to quiz ${n + 1}`);
        if (n === right.i) expect(after).toContain(`✓ Right: ${expected[n]}.`);
        continue;
      }
      // A few steps at a time: an open quiz stops the player, so none is skipped.
      keys('Right', 'Space', 'Right', 'Space');
      await waitFor((t) => stepOf(t) > step || (/Quiz (\d+)/.exec(t)?.[1] !== open?.[1]), 'the next step', 2000);
      step = stepOf(screen());
    }
    expect(answeredWrong).toBe(true);
    expect(seen.has(right.i)).toBe(true);
    const scored = screen();
    expect(scored).toMatch(new RegExp(`score ${right.i + 1}/${wrong.i + 1}`));

    // ← goes back through the quizzes answered at this moment, each with its feedback (the
    // handshake asks the SYN-ACK's flags and both its acks together), then to the step
    // before; q leaves the lesson for the menu, which remembers it.
    const before = stepOf(scored);
    const reread = new Set<number>();
    for (let i = 0; i < 8 && stepOf(screen()) !== before - 1; i++) {
      const was = screen();
      keys('Left');
      const now = await waitFor((t) => t !== was, 'the previous quiz or step', 2000);
      const quiz = /Quiz (\d+)\/\d+/.exec(now);
      if (quiz && stepOf(now) === before && /✓ Right|✗ Not quite/.test(now)) reread.add(Number(quiz[1]));
    }
    expect(stepOf(screen())).toBe(before - 1);
    // The quiz answered right just before the wrong one (1-based number wrong.i) shows its feedback again.
    expect(reread).toContain(wrong.i);
    keys('q');
    const menu = await waitFor((t) => t.includes('Resume: The 3-way handshake'), 'the menu again');
    expect(menu).toMatch(/❯\s+9\. The 3-way handshake\s+handshake\s+… step \d+\/\d+/);
    expect(menu).toContain('0 done · 1 in progress');

    // Ctrl+C quits at once with 130, and the shell gets a sane terminal back.
    keys('C-c');
    const exit = join(home, 'exit');
    for (let i = 0; i < 200 && !existsSync(exit); i++) await sleep(15);
    expect(readFileSync(exit, 'utf8').trim()).toBe('EXIT:130');
    keys(`stty -a | tr ' ' '\\n' | grep -xE -- '-?(echo|icanon)' | tr '\\n' ' '; echo`, 'Enter');
    // capture-pane drops trailing spaces.
    const sane = await waitFor((t) => /^(-?echo|-?icanon) (-?echo|-?icanon)$/m.test(t), 'stty');
    expect(sane).toMatch(/^(echo icanon|icanon echo)$/m);
    expect(tmux('display', '-p', '-t', 'e2e', '#{cursor_flag} #{alternate_on}').trim()).toBe('1 0');
    const log = readFileSync(join(home, 'pane.log'), 'latin1');
    expect(log.lastIndexOf('\u001B[?25h')).toBeGreaterThan(log.lastIndexOf('\u001B[?25l'));
    expect(log.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(log.lastIndexOf('\u001B[?1049h'));

    const saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8')) as { lessons: Record<string, { seed: number; answers: Record<string, { correct: boolean }> }> };
    expect(saved.lessons.handshake?.seed).toBe(SEED);
    expect(saved.lessons.handshake?.answers[quizzes[right.i]!.id]?.correct).toBe(true);
    expect(saved.lessons.handshake?.answers[quizzes[wrong.i]!.id]?.correct).toBe(false);
  }, 20_000);

  it('finishes the handshake with n and the answers in at most 2 presses per quiz + 10', async () => {
    const { quizzes, expected } = answersFromJson();
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-e2e-pace-'));
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', 'e2e']);
    tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', 'bash --norc --noprofile');
    keys(`cd ${process.cwd()} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 PS1='$ '; node dist/cli.js play handshake --seed ${SEED}`, 'Enter');
    await waitFor((t) => /step 1\/\d+/.test(t), 'the player');
    // An answer is one press (a digit, or the typed number's Enter), as in test/player/lesson-pace.test.ts.
    let presses = 0;
    const answered = new Set<number>();
    for (let guard = 0; guard < 200; guard++) {
      const text = screen();
      if (text.includes('This is the last step') || text.includes('End of the lesson')) break;
      const open = /Quiz (\d+)\/\d+/.exec(text);
      const n = open ? Number(open[1]) - 1 : -1;
      if (open && !/✓ Right|✗ Not quite/.test(text) && !answered.has(n)) {
        answered.add(n);
        const q = quizzes[n]!;
        if (q.kind === 'choice') {
          // A digit picks the option, Enter answers: together, one answer.
          const k = String(q.options.indexOf(expected[n]!) + 1);
          keys(k);
          await waitFor((t) => new RegExp(`❯ ${k}\\.`).test(t), `option ${k} of quiz ${n + 1} picked`);
          keys('Enter');
        } else {
          keys('-l', expected[n]!);
          // Enter only once the digits show: sent together, they may reach the player as one chunk.
          await waitFor((t) => t.includes(`Your answer: [${expected[n]!}`), `the answer to quiz ${n + 1} typed`);
          keys('Enter');
        }
        presses++;
        await waitFor((t) => t.includes('✓ Right'), `the feedback to quiz ${n + 1}`);
        continue;
      }
      const step = stepOf(text);
      keys('n');
      const moved = await waitFor((t) => stepOf(t) !== step || /Quiz (\d+)/.exec(t)?.[1] !== open?.[1] || t.includes('This is the last step') || t.includes('End of the lesson'), 'n to move on', 2000);
      if (!moved.includes('This is the last step') && !moved.includes('End of the lesson')) presses++;
    }
    expect(answered.size).toBe(quizzes.length);
    expect(presses).toBeLessThanOrEqual(2 * quizzes.length + 10);
    keys('q');
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', 'e2e']);
  });

  it('play LESSON --no-save keeps nothing: an answer and the step reached are not written', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-e2e-nosave-'));
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', 'e2e']);
    tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', 'bash --norc --noprofile');
    keys(`cd ${process.cwd()} && export TCP_TUTOR_HOME=${home} LANG=en_US.UTF-8 PS1='$ '; node dist/cli.js play handshake --seed ${SEED} --no-save; echo "exit=$?"`, 'Enter');
    await waitFor((t) => /step 1\/\d+/.test(t), 'the player');
    keys('n');
    await waitFor((t) => /Quiz 1\/\d+/.test(t), 'the first quiz');
    keys('1');
    keys('Enter');
    await waitFor((t) => /✓ Right|✗ Not quite/.test(t), 'the feedback');
    keys('q');
    await waitFor((t) => t.includes('exit=0'), 'the exit');
    const file = join(home, 'progress.json');
    const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as { lessons?: Record<string, unknown> } : {};
    expect(saved.lessons?.handshake).toBeUndefined();
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', 'e2e']);
  });
});
