// Startup: the time from spawning the CLI to its exit for --version and --help, against a
// bare `node -e 0` measured interleaved in the same run, so the ratio survives a noisy
// machine. (Time to the first drawn menu frame comes with the TUI.)
import { spawnSync } from 'node:child_process';
import { summarize } from './stats.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const cases = {
  'node -e 0': ['-e', '0'],
  'tcp-tutor --version': ['dist/cli.js', '--version'],
  'tcp-tutor --help': ['dist/cli.js', '--help'],
};

export function benchStartup() {
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < RUNS + 3; i++) {
    for (const [name, args] of Object.entries(cases)) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
      if (i >= 3) times[name].push(ms); // the first runs warm the disk cache
    }
  }
  const base = summarize(times['node -e 0']);
  return Object.entries(times).map(([name, t]) => {
    const s = summarize(t);
    return { name, ...s, ratio: s.median / base.median };
  });
}
