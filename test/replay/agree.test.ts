// The simulator and replay's inference share one TCP state machine (sim/tcp/transition.ts).
// So a lesson, exported and replayed, must tell the same story of each end's states, with
// the same causes, as the simulation that made it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCapture } from '../../source/replay/replay.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import type { Step, Trace } from '../../source/sim/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-agree-'));

function trail(steps: readonly Step[], keep: (s: Extract<Step, { kind: 'tcp-state' }>) => boolean): string[] {
  return steps.flatMap((s) => (s.kind === 'tcp-state' && keep(s) ? [`${s.from}→${s.to} ${s.cause.code} §${s.cause.rfc}`] : []));
}

function socketOf(trace: Trace, ep: { readonly ip: string; readonly port: number }) {
  return trace.sockets.find((s) => s.local.ip === ep.ip && s.local.port === ep.port);
}

describe('the simulator and replay agree on every state change', () => {
  for (const file of builtinLessonFiles()) {
    const name = file.replace(/^.*\//, '');
    it(name, () => {
      const loaded = loadLessonFile(file);
      if (!loaded.ok) throw new Error(name);
      const c = compileLesson(loaded.loaded, { seed: 31337 });
      if (!c.ok) throw new Error(JSON.stringify(c.problems));
      const cap = c.compiled.capture('pcapng');
      if ('error' in cap) throw new Error(cap.error);
      const path = join(dir, `${name}.pcapng`);
      writeFileSync(path, cap.bytes);
      const r = replayCapture(path, { stream: null });
      const sim = c.compiled.trace;
      if (sim.sockets.length === 0) {
        expect(r.ok, 'a lesson without TCP has nothing to replay').toBe(false);
        return;
      }
      if (!r.ok) throw new Error(r.error.en);
      for (const role of ['client', 'server'] as const) {
        const sock = socketOf(sim, r.replay.replayTrace.endpoints[role]);
        expect(sock, `${role}'s socket in the simulation`).toBeDefined();
        const all = trail(sim.steps, (s) => s.socket === sock!.id);
        // A capture that starts mid-stream (lesson 21's capture.from) never saw the handshake:
        // replay starts both ends in ESTABLISHED, so the story is compared from there on.
        const simmed = r.replay.replayTrace.opening === 'mid-stream' ? all.slice(all.findIndex((t) => /→ESTABLISHED /.test(t)) + 1) : all;
        // Before the capture began the server was already listening; the simulator made it so silently.
        const replayed = trail(r.replay.trace.steps, (s) => s.host === role && s.cause.code !== 'listening-before-capture');
        // A capture ends with its last frame; the simulation may run on to TIME_WAIT's end.
        expect(replayed.length, `${role}: some state changes to compare`).toBeGreaterThanOrEqual(2);
        expect(replayed, `${role}`).toEqual(simmed.slice(0, replayed.length));
        expect(simmed.slice(replayed.length).every((t) => t.includes('time-wait-expired')), `${role}: only TIME_WAIT's end is left`).toBe(true);
      }
    });
  }
});
