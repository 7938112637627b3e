// Simulation speed: every built-in lesson compiled (simulated, quizzes resolved), and a
// 100 MB bulk transfer over a link that loses 1% of frames, at trace level 'frames' with
// frames streamed to a counter instead of kept. Prints one JSON line.
import { compileLesson } from '../source/lesson/compile.js';
import { loadLessonFile, type LoadedLesson } from '../source/lesson/loader.js';
import { builtinLessonFiles } from '../source/lesson/registry.js';
import { createNetwork } from '../source/sim/network.js';

const lessons: LoadedLesson[] = builtinLessonFiles().map((f) => {
  const r = loadLessonFile(f);
  if (!r.ok) throw new Error(`${f} does not load`);
  return r.loaded;
});

const allLessons: number[] = [];
for (let round = 0; round < 9; round++) {
  const t0 = performance.now();
  for (const l of lessons) if (!compileLesson(l, { seed: round }).ok) throw new Error(`${l.lesson.id} does not compile`);
  allLessons.push(performance.now() - t0);
}

const mb = Number(process.env.BENCH_MB ?? 100);
// BENCH_PROFILE=linux: the same transfer under the linux profile with SACK offered, so
// that RFC 6675 recovery runs (the default is the rfc profile's NewReno).
const linux = process.env.BENCH_PROFILE === 'linux';
let frames = 0;
const net = createNetwork('lan', {
  seed: 1, trace: 'frames', retain: false, onFrame: () => void frames++,
  ...(linux && { tcp: { profile: 'linux', sackPermitted: true } }),
});
net.impair(net.topology.links.find((l) => l.a.node === 'client' || l.b.node === 'client')!.name, { loss: 0.01 });
net.listen('server', 5001, { kind: 'sink' });
const cpu = process.cpuUsage();
const t0 = performance.now();
const bulk = net.sendBulk('client', '192.168.1.80', 5001, mb * 1_000_000);
const r = net.settle();
const wall = performance.now() - t0;
if (!r.ok || !bulk.progress.finished) throw new Error('the transfer did not finish');
process.stdout.write(`${JSON.stringify({
  lessons: lessons.length,
  allLessonsMs: allLessons.slice(2),
  bulk: { mb, profile: linux ? 'linux+sack' : 'rfc', wallMs: wall, cpuMs: process.cpuUsage(cpu).user / 1000, frames, virtualSeconds: net.now / 1e6 },
  peakRssMb: process.resourceUsage().maxRSS / 1024,
})}\n`);
