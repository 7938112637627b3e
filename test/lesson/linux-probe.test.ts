// A seq quiz on Linux's zero-window probe: it carries no data at SND.UNA − 1, so the
// explanation must not call it a retransmission of unacknowledged bytes.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';

const LESSON = `
id: linux-probe
title: { en: probe, ko: 탐색 }
summary: { en: probe, ko: 탐색 }
level: advanced
topics: [window]
topology: lan
settings: { seed: 3, profile: linux, window: 4000, mss: 1000, isn: { client: 0, server: 0 }, tcp: { timestamps: false, windowScale: false } }
script:
  - listen: { host: server, port: 9000 }
  - connect: { from: client, to: server, port: 9000 }
  - quiz:
      id: probe-seq
      ask: seq
      frame: { from: client, flags: A, data: false }
  - send: { socket: client, bytes: 6000 }
  - wait: 1000
`;

describe('a seq quiz on a linux zero-window probe', () => {
  it('expects SND.UNA − 1 = 4000 and explains it as a probe with a number already acknowledged', () => {
    const l = loadLessonText(LESSON, '<linux probe>');
    if (!l.ok) throw new Error(l.problems.map(formatProblem).join('\n'));
    const c = compileLesson(l.loaded, { seed: 3 });
    if (!c.ok) throw new Error(c.problems.map(formatProblem).join('\n'));
    const q = c.compiled.quizzes.find((x) => x.id === 'probe-seq')!;
    // 4000 bytes (1 to 4000, relative) fill the window; SND.UNA = 4001, the probe carries 4000.
    // (Timestamps and window scaling off, so that segments carry 1000 bytes and the window
    // is 4000, not rounded to a multiple of 988 or scaled.)
    expect(q.expected).toBe(4000);
    expect(q.explanation.en).toContain('Linux probes it with no data at SND.UNA − 1');
    expect(q.explanation.en).not.toContain('retransmission');
    expect(q.explanation.ko).toContain('SND.UNA − 1');
  });
});
