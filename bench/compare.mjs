// Before and after in one run: `node bench/compare.mjs REV_OR_DIR...`, e.g.
// `node bench/compare.mjs main .`. Each argument is a git revision (exported with
// `git archive` to a temporary folder, node_modules linked, built there) or a folder holding
// a built checkout (`.` is this one, as last built). The TUI figures of all of them are
// measured interleaved, round by round, with `node -e 0` in every round, so that a machine
// shared with other work slows each alike; then every build's lessons figure (bench/sim.ts
// without the bulk transfer), again interleaved. Prints one markdown table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmtMs, summarize } from './stats.mjs';
import { bareNodeMs, menuLaunch, playerKeys } from './tui.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const KEY_SESSIONS = Number(process.env.BENCH_KEY_SESSIONS ?? 3);
const KEYS = 40;

const args = process.argv.slice(2);
if (args.length === 0) {
  process.stderr.write('usage: node bench/compare.mjs REV_OR_DIR...\n');
  process.exit(2);
}

const temp = mkdtempSync(join(tmpdir(), 'tcp-tutor-compare-'));
const here = resolve('.');

/** A folder with a built checkout for `what`: a folder as it is, or a revision exported and built. */
function checkout(what, i) {
  if (existsSync(join(what, 'package.json'))) return resolve(what);
  const dir = join(temp, `${i}`);
  mkdirSync(dir);
  execFileSync('sh', ['-c', `git archive ${JSON.stringify(what)} | tar -x -C ${JSON.stringify(dir)}`]);
  symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

/** bench/sim.ts bundled in `dir` (inside it, so that the registry finds its lessons/). */
function simBundle(dir) {
  const out = join(dir, 'bench/out/sim-compare.mjs');
  execFileSync(join(here, 'node_modules/.bin/esbuild'), [
    'bench/sim.ts', '--bundle', '--format=esm', '--platform=node', `--outfile=${out}`, '--log-level=warning',
    "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  ], { cwd: dir });
  return out;
}

try {
  const builds = args.map((a, i) => ({ name: a, dir: checkout(a, i) }));
  const home = join(temp, 'home');
  mkdirSync(home);
  const env = { TCP_TUTOR_HOME: home };
  const bare = [];
  const m = builds.map(() => ({ launch: [], launchCpu: [], rssMenu: [], latency: [], keyCpu: [], rssPlayer: [], lessons: [] }));

  for (let round = 0; round < RUNS + 2; round++) {
    bare.push(bareNodeMs());
    // Alternate which build goes first, so that neither always follows `node -e 0`.
    const order = round % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => builds.length - 1 - i);
    for (const i of order) {
      const r = await menuLaunch(join(builds[i].dir, 'dist/cli.js'), env, { rss: round % 4 === 3 });
      if (round >= 2) {
        m[i].launch.push(r.drawn);
        m[i].launchCpu.push(r.cpu);
      }
      if (r.rssMenu !== null) m[i].rssMenu.push(r.rssMenu);
    }
  }
  const node = summarize(bare.slice(2));

  for (let s = 0; s < KEY_SESSIONS; s++) {
    const order = s % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => builds.length - 1 - i);
    for (const i of order) {
      const r = await playerKeys(join(builds[i].dir, 'dist/cli.js'), env, KEYS);
      m[i].latency.push(...r.latency);
      m[i].rssPlayer.push(r.rssPlayer);
      m[i].keyCpu.push(r.cpuPerKey);
    }
  }

  const sims = builds.map((b) => simBundle(b.dir));
  for (let s = 0; s < 3; s++) {
    for (const [i, b] of builds.entries()) {
      const r = spawnSync(process.execPath, [sims[i]], { cwd: b.dir, encoding: 'utf8', env: { ...process.env, BENCH_MB: '1' } });
      if (r.status !== 0) throw new Error(r.stderr);
      m[i].lessons.push(...JSON.parse(r.stdout).allLessonsMs);
    }
  }

  const cols = builds.map((b) => b.name);
  const row = (label, f) => `| ${label} | ${m.map(f).join(' | ')} |`;
  const med = (xs) => summarize(xs).median;
  const lines = [
    `| figure | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    row('launch to first menu frame (pty)', (x) => { const s = summarize(x.launch); return `${fmtMs(s.median)} (IQR ${fmtMs(s.iqr)}), ${(s.median / node.median).toFixed(2)}× node -e 0`; }),
    row('CPU used by the first menu frame', (x) => `${fmtMs(med(x.launchCpu))}`),
    row('keypress to frame, full player', (x) => { const s = summarize(x.latency); return `median ${fmtMs(s.median)}, p95 ${fmtMs(s.p95)} (n=${s.n})`; }),
    row('CPU per keypress, full player', (x) => `${fmtMs(med(x.keyCpu))}`),
    row('idle RSS, menu / player', (x) => `${med(x.rssMenu).toFixed(0)} / ${med(x.rssPlayer).toFixed(0)} MiB`),
    row('all lessons, simulate + resolve', (x) => { const s = summarize(x.lessons); return `${fmtMs(s.median)} (IQR ${fmtMs(s.iqr)}, n=${s.n})`; }),
  ];
  process.stdout.write(`node -e 0: ${fmtMs(node.median)} (IQR ${fmtMs(node.iqr)}, n=${node.n})\n\n${lines.join('\n')}\n`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
