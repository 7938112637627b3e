// The "done when": played in Korean, no narration line holds an English sentence.
// Protocol, field, flag and state names, addresses and tcpdump lines stay as they are; what
// this looks for is three English words in a row ("a socket on port 80"), which no Korean
// sentence has. Every built-in lesson's narration is read at every step.
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { createPlayer, update } from '../../source/player/model.js';
import { selectNarration } from '../../source/player/screen.js';
import { englishRuns } from '../helpers/english.js';
import { recordedSession } from '../helpers/traces.js';
import { basename } from 'node:path';

const LESSONS = builtinLessonFiles().map((f) => basename(f).replace(/^\d+-|\.ya?ml$/g, ''));

describe('Korean narration', () => {
  it('finds an English sentence pasted into Korean, and passes Korean with names in it', () => {
    expect(englishRuns('포트 server#1 (ESTABLISHED) → 소켓 a socket on port 80 ✓')).toEqual(['socket on port']);
    expect(englishRuns('  [프레임 3] 클라이언트: 10.0.0.1.5 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0')).toEqual([]);
    expect(englishRuns('클라이언트: TCP 플래그 쓰기 — SYN 켬, 나머지 비트는 0.')).toEqual([]);
    expect(englishRuns('`ss -tan state time-wait`로 봅니다')).toEqual([]);
  });

  it.each(LESSONS)('%s: every step reads in Korean', (id) => {
    const session = recordedSession(id);
    const trace = session.trace;
    let m = createPlayer(trace, {}, { detail: 'step' });
    const found = new Set<string>();
    for (let i = 0; i < trace.steps.length; i++) {
      m = update(m, { type: 'goto', step: i });
      const ko = selectNarration(m).ko;
      for (const line of ko.split('\n')) {
        if (/^\s*\[?(프레임|frame)? ?#?\d+\]? ?\S+: \S+ > /.test(line)) continue; // a tcpdump line
        for (const run of englishRuns(line)) found.add(`${run}  ⟵ ${line.slice(0, 120)}`);
      }
    }
    expect([...found]).toEqual([]);
  });
});
