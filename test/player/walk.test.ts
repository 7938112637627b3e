// Every shipped capture, replayed and walked through the player's views: the same checks as
// for every built-in lesson (test/lesson/builtin.test.ts), by test/helpers/walk.ts.
// WALK_DUMP=06-arp.yaml prints a lesson's narration and boxes step by step, for a reader.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { narrate, type NarrationContext } from '../../source/player/narration.js';
import { buildViews } from '../../source/player/views.js';
import { replayCapture } from '../../source/replay/replay.js';
import { walk } from '../helpers/walk.js';

function compile(file: string) {
  const loaded = loadLessonFile(join('lessons', file));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed: 1 });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled;
}

if (process.env.WALK_DUMP) {
  const c = compile(process.env.WALK_DUMP);
  const tv = buildViews(c.trace);
  const ctx: NarrationContext = {
    frames: c.trace.frames, dissections: tv.dissections, bases: tv.bases, numbering: 'relative', hideValue: false,
    headerFields: null, frameLabel: (f) => `#${f}`, socketFlows: null,
  };
  c.trace.steps.forEach((s, i) => {
    const boxes = tv.views[i]!.stack.layers.map((l) => `${l.layer}/${l.protocol ?? '-'}:${l.status}${l.pduBytes ?? ''}`).join(' ');
    const n = narrate(s, ctx);
    console.log(`${i} ${s.kind} | ${n.en} | ${n.ko} | ${boxes}`);
  });
}

describe('every shipped capture, replayed and walked step by step', () => {
  for (const name of readdirSync('captures').sort()) {
    it(`${name}: each header is removed in its own box, with its real size, as in a lesson`, () => {
      const r = replayCapture(join('captures', name), { stream: null });
      if (!r.ok) throw new Error(JSON.stringify(r));
      expect(walk(r.replay.trace).slice(0, 10)).toEqual([]);
    });
  }
});
