// `npm run bench`: every speed figure in one table, medians with their spread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { benchInspect } from './inspect.mjs';
import { benchStartup } from './startup.mjs';
import { benchTui } from './tui.mjs';
import { fmtMs, summarize } from './stats.mjs';

const rows = [];

for (const s of benchStartup()) {
  rows.push([`startup: ${s.name}`, `${fmtMs(s.median)} (IQR ${fmtMs(s.iqr)}, n=${s.n})`, `${s.ratio.toFixed(2)}× node -e 0`]);
}

const tui = await benchTui();
rows.push(['TUI: launch to first menu frame (pty)', `${fmtMs(tui.firstFrame.median)} (IQR ${fmtMs(tui.firstFrame.iqr)}, n=${tui.firstFrame.n})`, `${tui.ratio.toFixed(2)}× node -e 0; target ≤ 3.0× (issue 11)`]);
rows.push(['TUI: keypress to frame, full player', `median ${fmtMs(tui.keyToFrame.median)}, p95 ${fmtMs(tui.keyToFrame.p95)} (n=${tui.keyToFrame.n})`, 'target p95 < 16 ms (issue 11)']);
rows.push(['TUI: idle RSS', `menu ${tui.rssMenuMiB?.toFixed(0)} MiB, player ${tui.rssPlayerMiB?.toFixed(0)} MiB`, 'target player < 80 MB (issue 11)']);

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-bench-'));
await build({ entryPoints: ['bench/codecs.ts'], outfile: join(dir, 'codecs.mjs'), bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const codec = spawnSync(process.execPath, [join(dir, 'codecs.mjs')], { encoding: 'utf8' });
if (codec.status !== 0) throw new Error(codec.stderr);
const rounds = JSON.parse(codec.stdout);
const enc = summarize(rounds.map((r) => r.encode));
const dec = summarize(rounds.map((r) => r.decode));
const k = (x) => `${Math.round(x / 1000)}k frames/s`;
rows.push(['codec: encode Eth+IPv4+TCP 1460 B', `${k(enc.median)} (range ${k(enc.min)}–${k(enc.max)})`, '']);
rows.push(['codec: decode + verify all checksums', `${k(dec.median)} (range ${k(dec.min)}–${k(dec.max)})`, '']);

// Bundled inside the checkout (bench/out is ignored by git), so that the lesson registry
// finds lessons/ beside package.json as it does when installed.
await build({
  entryPoints: ['bench/sim.ts'], outfile: 'bench/out/sim.mjs', bundle: true, format: 'esm', platform: 'node', logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const simRun = spawnSync(process.execPath, ['bench/out/sim.mjs'], { encoding: 'utf8' });
if (simRun.status !== 0) throw new Error(simRun.stderr);
const simOut = JSON.parse(simRun.stdout);
const lessonMs = summarize(simOut.allLessonsMs);
rows.push([`sim: all ${simOut.lessons} lessons (simulate + resolve quizzes)`, `${fmtMs(lessonMs.median)} (range ${fmtMs(lessonMs.min)}–${fmtMs(lessonMs.max)}, n=${lessonMs.n})`, `target < 100 ms`]);
const b = simOut.bulk;
rows.push([`sim: ${b.mb} MB bulk, 1% loss`, `${(b.wallMs / 1000).toFixed(2)} s wall, ${(b.cpuMs / 1000).toFixed(2)} s CPU, ${Math.round(b.frames / (b.wallMs / 1000) / 1000)}k frames/s, peak RSS ${simOut.peakRssMb.toFixed(0)} MB`, 'target < 5 s']);

// One run each: tshark alone takes about a minute on a million packets.
const packets = Number(process.env.BENCH_INSPECT_PACKETS ?? 1_000_000);
const ins = await benchInspect({ packets });
rows.push([`inspect --json, ${(packets / 1e6).toFixed(1)}M packets (${ins.fileMb.toFixed(0)} MB)`, `${(ins.oursMs / 1000).toFixed(1)} s, peak RSS ${ins.oursMaxRssMb?.toFixed(0) ?? '?'} MB`, `${ins.ratio.toFixed(1)}× faster than tshark`]);
rows.push([`tshark, the same fields`, `${(ins.tsharkMs / 1000).toFixed(1)} s, peak RSS ${ins.tsharkMaxRssMb?.toFixed(0) ?? '?'} MB`, '1.00×']);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
const table = ['| figure | median (spread) | ratio |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
process.stdout.write(`${table}\n`);

const results = `# Benchmark results\n\nLatest \`npm run bench\`: ${date}, ${machine}.\n\n${table}\n`;
const path = 'bench/RESULTS.md';
const previous = (() => { try { return readFileSync(path, 'utf8'); } catch { return ''; } })();
// Every hand-written section after the first table stays (before/after comparisons, notes,
// robustness counts): only the latest table and its heading line are replaced.
const firstSection = previous.indexOf('\n## ');
const notes = firstSection >= 0 ? previous.slice(firstSection) : '';
writeFileSync(path, results + notes);
