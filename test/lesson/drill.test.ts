import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { DRILL_TOPICS, drillRound } from '../../source/lesson/drill.js';
import type { LessonStep, QuizSpec } from '../../source/lesson/schema.js';
import { judgeQuizzes, ruleAnswers } from '../helpers/quiz-judge.js';
import { SKIP_TSHARK } from '../helpers/tshark.js';

/**
 * A drill's state questions, worked out by hand from the RFC 9293 §3.3.2 diagram: the
 * server that gets a SYN is in SYN_RECEIVED, the client that gets the SYN-ACK in
 * ESTABLISHED, and the end that gets the first FIN in CLOSE_WAIT.
 */
function stateByHand(q: QuizSpec): string | undefined {
  if (q.ask !== 'state') return undefined;
  const flags = q.frame?.flags;
  if (q.host === 'server' && flags === 'S') return 'SYN_RECEIVED';
  if (q.host === 'client' && flags === 'SA') return 'ESTABLISHED';
  if (flags === 'FA' && q.frame?.from !== q.host) return 'CLOSE_WAIT';
  return undefined;
}

/**
 * A congestion drill's answer, worked out by hand from RFC 5681 for its script: W, the
 * initial window in segments (§3.1: 4 up to an SMSS of 1095, else 3); every data segment
 * full-sized and acked at once, in order.
 * - No loss, slow start: the nth ACK leaves cwnd = (W + n) · SMSS. Before ACK k the flight
 *   is W + k − 1 segments; the ACK takes one off and lets two out, so segment j > W leaves
 *   with W + k − 1 (the first of its pair) or W + k (the second) in flight, k = ⌈(j − W) / 2⌉.
 * - The second segment lost: ACK 1 lets segments W + 1 and W + 2 out; the third duplicate
 *   (the fourth pure ACK) finds W + 1 segments in flight, so ssthresh = max((W + 1) · SMSS / 2,
 *   2 · SMSS) and cwnd = ssthresh + 3 · SMSS (§3.2).
 */
function congestionByHand(q: QuizSpec, script: readonly LessonStep[], mss: number): string | undefined {
  if (q.ask !== 'cwnd' && q.ask !== 'ssthresh' && q.ask !== 'inFlight') return undefined;
  const w = mss <= 1095 ? 4 : 3;
  const lossy = script.some((s) => s.impair);
  const n = q.frame?.nth ?? 1;
  if (lossy) {
    const ssthresh = Math.max(Math.floor(((w + 1) * mss) / 2), 2 * mss);
    return String(q.ask === 'ssthresh' ? ssthresh : ssthresh + 3 * mss);
  }
  if (q.ask === 'cwnd') return String((w + n) * mss);
  if (n <= w) return String(n * mss);
  const k = Math.ceil((n - w) / 2);
  return String(((n - w) % 2 === 1 ? w + k - 1 : w + k) * mss);
}

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-drill-'));

describe('drill', () => {
  for (const topic of DRILL_TOPICS) {
    it(`${topic}: nearly every seed gives a round with one question, they vary, and the answers agree with tshark and the RFCs`, () => {
      const answers = new Set<string>();
      let made = 0;
      let judged = 0;
      for (let seed = 0; seed < 40; seed++) {
        const round = drillRound(topic, seed);
        if (!round) continue;
        made++;
        const q = round.quizzes[0]!;
        answers.add(`${q.prompt.en}=${q.expected}`);
        // tshark is slow to start: the first rounds of each topic are judged.
        if (SKIP_TSHARK || judged >= 6) continue;
        judged++;
        const spec = round.lesson.script.find((s) => s.quiz)!.quiz!;
        const state = stateByHand(spec) ?? congestionByHand(spec, round.lesson.script, round.lesson.settings?.mss ?? 1460);
        const hand = { ...ruleAnswers(round.lesson.script), ...(state && { [spec.id]: state }) };
        const j = judgeQuizzes(round, dir, `${topic}-${seed}`, hand);
        expect(j.unjudged, `seed ${seed}`).toEqual([]);
        expect(j.judged.map((x) => `${x.id}: ${x.ours}`), `seed ${seed}: ${j.judged[0]?.source}`).toEqual(j.judged.map((x) => `${x.id}: ${x.theirs}`));
      }
      expect(made).toBeGreaterThanOrEqual(36);
      expect(answers.size).toBeGreaterThan(3);
    });
  }

  it('runs in plain mode until input ends, with a score', async () => {
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: { LANG: 'C' }, stdin: Readable.from(['1\n2\n3\n']) };
    const code = await main(['drill', '--topic', 'seqack', '--seed', '9'], io);
    expect(code).toBe(0);
    expect(out.match(/^\? /gm)).toHaveLength(4);
    expect(out).toMatch(/score: \d\/3\n$/);
  });
});
