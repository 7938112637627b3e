// `inspect` against tshark on the same synthetic capture, in the same run: wall time of
// `tcp-tutor inspect --json` and of tshark printing the same fields, their ratio, and
// the peak RSS of each. Not part of the test suite (it takes a minute or two).
//
//   node bench/inspect.mjs [PACKETS]        prints one JSON line
//   import { benchInspect } from './inspect.mjs'; await benchInspect({ packets })
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The fields `inspect --json` reports for TCP, as tshark names them. */
const TSHARK_FIELDS = [
  'frame.number', 'frame.time_epoch', 'ip.src', 'ip.dst', 'tcp.stream', 'tcp.srcport', 'tcp.dstport', 'tcp.flags',
  'tcp.seq', 'tcp.ack', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len', 'tcp.nxtseq', 'tcp.window_size_value',
  'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.out_of_order',
  'tcp.analysis.duplicate_ack', 'tcp.analysis.lost_segment', 'tcp.analysis.zero_window', 'tcp.analysis.window_update',
];

// Runs a command with stdout to /dev/null and reports its wall time and peak RSS, measured
// by Python's getrusage(RUSAGE_CHILDREN) since Node cannot see a child's rusage.
const MEASURE = `
import json, resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
ms = (time.perf_counter() - t) * 1000
print(json.dumps({"ms": ms, "maxRssKb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "status": r.returncode, "stderr": r.stderr.decode()[-500:]}))
`;

function measure(cmd, args) {
  const python = spawnSync('python3', ['-c', MEASURE, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (python.status === 0) {
    const r = JSON.parse(python.stdout);
    if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
    return { ms: r.ms, maxRssMb: r.maxRssKb / 1024 };
  }
  // No Python: time it from here, without the RSS.
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
  return { ms: performance.now() - t, maxRssMb: null };
}

export async function benchInspect({ packets = 1_000_000, runs = 1 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-bench-inspect-'));
  try {
    await build({ entryPoints: [join(ROOT, 'bench/inspect-capture.ts')], outfile: join(dir, 'capture.mjs'), bundle: true,
      format: 'esm', platform: 'node', logLevel: 'warning' });
    const file = join(dir, 'bench.pcap');
    const made = spawnSync(process.execPath, [join(dir, 'capture.mjs'), file, String(packets)], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(made.stderr);
    const cli = join(ROOT, 'dist/cli.js');
    if (!existsSync(cli)) {
      const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(b.stderr);
    }
    const ours = [];
    const theirs = [];
    for (let i = 0; i < runs; i++) {
      ours.push(measure(process.execPath, [cli, 'inspect', file, '--json']));
      theirs.push(measure('tshark', ['-r', file, '-T', 'fields', ...TSHARK_FIELDS.flatMap((f) => ['-e', f])]));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const oursMs = median(ours.map((r) => r.ms));
    const tsharkMs = median(theirs.map((r) => r.ms));
    const rss = (rs) => (rs.every((r) => r.maxRssMb !== null) ? Math.max(...rs.map((r) => r.maxRssMb)) : null);
    return {
      packets,
      fileMb: statSync(file).size / 2 ** 20,
      oursMs,
      tsharkMs,
      ratio: tsharkMs / oursMs,
      oursMaxRssMb: rss(ours),
      tsharkMaxRssMb: rss(theirs),
      oursPacketsPerSecond: packets / (oursMs / 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const packets = Number(process.argv[2] ?? 1_000_000);
  const r = await benchInspect({ packets });
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
