// The TUI's speed, measured in a real pseudo-terminal (util-linux `script`): time from
// launch to the first drawn menu frame, against a bare `node -e 0` measured interleaved
// in the same run; keypress-to-frame latency on a full player screen; idle memory.
// `node bench/tui.mjs` prints a table; bench/run.mjs can call benchTui().
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtMs, summarize } from './stats.mjs';

const COLS = 120;
const ROWS = 40;

/** A command in a pty of COLS×ROWS; keys go in through `write`, the screen's bytes come out. */
export function inPty(command, env) {
  const t0 = process.hrtime.bigint();
  const child = spawn('script', ['-q', '-e', '-c', `stty cols ${COLS} rows ${ROWS}; exec ${command}`, '/dev/null'], {
    env: { ...process.env, LANG: 'en_US.UTF-8', ...env }, stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    out += d;
    for (const w of [...waiters]) w();
  });
  const exited = new Promise((r) => child.on('exit', () => r(Number(process.hrtime.bigint() - t0) / 1e6)));
  return {
    child,
    exited,
    since: () => Number(process.hrtime.bigint() - t0) / 1e6,
    output: () => out,
    /** Resolves with the time (ms since launch) at which `test(output from offset)` first held. */
    until(test, from = 0, timeout = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (test(out.slice(from))) {
            waiters.splice(waiters.indexOf(check), 1);
            clearTimeout(timer);
            resolve(Number(process.hrtime.bigint() - t0) / 1e6);
          }
        };
        const timer = setTimeout(() => reject(new Error(`timeout; output so far:\n${out.slice(-2000)}`)), timeout);
        waiters.push(check);
        check();
      });
    },
  };
}

/** The node process inside `script` (its only child, after `exec`). */
function nodePid(scriptPid) {
  return execFileSync('pgrep', ['-P', String(scriptPid)], { encoding: 'utf8' }).trim().split('\n')[0];
}

/**
 * CPU time (user + system, ms) the node process inside `script` has used: on a machine
 * shared with other work, a steadier figure than wall time, which waits for the CPU.
 */
export function cpuMs(scriptPid) {
  const fields = readFileSync(`/proc/${nodePid(scriptPid)}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // clock ticks: 100 a second on Linux
}

export function rssMiB(scriptPid) {
  const pid = nodePid(scriptPid);
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `node -e 0`, spawned directly: the launch figure's yardstick. */
export function bareNodeMs() {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** One launch of the menu: ms to its first drawn frame, and its RSS once idle if asked. */
export async function menuLaunch(cli, env, { rss = false } = {}) {
  const p = inPty(`${process.execPath} ${cli}`, env);
  // The footer is the last line of the menu's frame.
  const drawn = await p.until((s) => s.includes('q quit'));
  const cpu = cpuMs(p.child.pid);
  let rssMenu = null;
  if (rss) {
    await sleep(500);
    rssMenu = rssMiB(p.child.pid);
  }
  p.child.stdin.write('q');
  await p.exited;
  return { drawn, cpu, rssMenu };
}

/**
 * A full player screen: the handshake lesson at its first step, → and ← in turn. Returns
 * the key-to-frame latencies (the first 5 keys warm up) and the player's RSS after them.
 */
export async function playerKeys(cli, env, keys = 60) {
  const p = inPty(`${process.execPath} ${cli} play handshake --seed 7`, env);
  await p.until((s) => /step 1\/\d+/.test(s));
  await sleep(300);
  const cpu0 = cpuMs(p.child.pid);
  const latency = [];
  let step = 1;
  for (let i = 0; i < keys + 5; i++) {
    const forward = i % 2 === 0;
    step += forward ? 1 : -1;
    const from = p.output().length;
    const t0 = p.since();
    p.child.stdin.write(forward ? '\u001B[C' : '\u001B[D');
    // The status bar, the frame's last line, shows the new step.
    const t1 = await p.until((s) => s.includes(`step ${step}/`), from);
    if (i >= 5) latency.push(t1 - t0);
    await sleep(40);
  }
  await sleep(300);
  const rssPlayer = rssMiB(p.child.pid);
  const cpuPerKey = (cpuMs(p.child.pid) - cpu0) / (keys + 5);
  p.child.stdin.write('q');
  await p.exited;
  return { latency, rssPlayer, cpuPerKey };
}

export async function benchTui({ runs = Number(process.env.BENCH_RUNS ?? 20), keys = 60 } = {}) {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-bench-tui-'));
  const env = { TCP_TUTOR_HOME: home };
  const first = [];
  const bare = [];
  const bareInPty = [];
  let rssMenu = 0;
  try {
    for (let i = 0; i < runs + 2; i++) {
      // Interleaved, so that a noisy machine slows both alike.
      const bareMs = bareNodeMs();
      const b = inPty(`${process.execPath} -e 0`, env);
      const bareInPtyMs = await b.exited;

      const launch = await menuLaunch(cli, env, { rss: i === runs + 1 });
      if (launch.rssMenu !== null) rssMenu = launch.rssMenu;
      if (i >= 2) {
        first.push(launch.drawn);
        bare.push(bareMs);
        bareInPty.push(bareInPtyMs);
      }
    }

    const { latency, rssPlayer } = await playerKeys(cli, env, keys);

    const firstFrame = summarize(first);
    const node = summarize(bare);
    return {
      firstFrame, node, nodeInPty: summarize(bareInPty), ratio: firstFrame.median / node.median,
      keyToFrame: summarize(latency), rssMenuMiB: rssMenu, rssPlayerMiB: rssPlayer,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchTui();
  const rows = [
    ['TUI: launch → first menu frame (pty)', `${fmtMs(r.firstFrame.median)} (IQR ${fmtMs(r.firstFrame.iqr)}, p95 ${fmtMs(r.firstFrame.p95)}, n=${r.firstFrame.n})`, `${r.ratio.toFixed(2)}× node -e 0 (${fmtMs(r.node.median)}); node -e 0 in the pty ${fmtMs(r.nodeInPty.median)}`],
    ['TUI: keypress → frame, player 120×40', `${fmtMs(r.keyToFrame.median)} (p95 ${fmtMs(r.keyToFrame.p95)}, n=${r.keyToFrame.n})`, ''],
    ['TUI: idle RSS', `menu ${r.rssMenuMiB.toFixed(0)} MiB, player ${r.rssPlayerMiB.toFixed(0)} MiB`, ''],
  ];
  process.stdout.write(`${['| figure | median (spread) | ratio |', '|---|---|---|', ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n')}\n`);
}
