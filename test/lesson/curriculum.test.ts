import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { TOPICS } from '../../source/lesson/schema.js';
import { grade } from '../../source/quiz/checkpoint.js';
import { judgeQuizzes, ruleAnswers } from '../helpers/quiz-judge.js';
import { SKIP_TSHARK } from '../helpers/tshark.js';

const DIR = 'lessons';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

function compile(file: string, seed: number) {
  const loaded = loadLessonFile(join(DIR, file));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled;
}

describe('the built-in curriculum', () => {
  it('covers every topic', () => {
    const covered = new Set(FILES.flatMap((f) => compile(f, 1).lesson.topics));
    expect(TOPICS.filter((t) => !covered.has(t))).toEqual([]);
  });

  for (const file of FILES) {
    it(`${file}: compiles under several seeds; each quiz is asked in time and a wrong answer grades wrong`, () => {
      for (const seed of [1, 2, 77]) {
        const c = compile(file, seed);
        expect(c.quizzes.length, 'at least three checkpoints').toBeGreaterThanOrEqual(3);
        for (const q of c.quizzes) {
          expect(q.explanation.en.length).toBeGreaterThan(0);
          expect(q.explanation.ko.length).toBeGreaterThan(0);
          expect(q.atStep).toBeGreaterThanOrEqual(0);
          expect(q.atStep).toBeLessThan(c.trace.steps.length);
          const wrong = q.kind === 'number' ? String(q.expected + 1) : q.kind === 'choice' ? q.options.find((o) => o.value !== q.expected)!.value
            : q.kind === 'order' ? q.items.map((_, i) => i + 1).join(' ') : 'nope';
          expect(grade(q, wrong), `${q.id}: ${wrong} is wrong`).toMatchObject({ graded: true, correct: false });
        }
      }
    });
  }
});

/**
 * Answers worked out by hand, for what tshark cannot say: each TCP state from the RFC 9293
 * §3.3.2 diagram, and what a receiver does with a segment (RFC 9293 §3.10.7.4; a bad FCS
 * is dropped by the link layer, IEEE 802.3 §3.2.9).
 */
const BY_HAND: Record<string, Record<string, string>> = {
  decapsulation: { 'corrupt-fate': 'drop', 'retransmit-fate': 'accept' },
  handshake: {
    'server-listen': 'LISTEN', 'client-synsent': 'SYN_SENT', 'server-synrcvd': 'SYN_RECEIVED',
    'client-established': 'ESTABLISHED', 'server-established': 'ESTABLISHED',
  },
  loss: { 'gap-receiver': 'queue', 'retransmit-receiver': 'accept', 'early-receiver': 'queue', 'late-receiver': 'accept' },
  close: {
    'client-finwait1': 'FIN_WAIT_1', 'server-closewait': 'CLOSE_WAIT', 'client-finwait2': 'FIN_WAIT_2', 'server-lastack': 'LAST_ACK',
    'client-timewait': 'TIME_WAIT', 'server-closed': 'CLOSED', 'client-closed': 'CLOSED',
  },
  // A RST answering a SYN sends the client back to CLOSED (§3.10.7.3); a RST in ESTABLISHED closes the server (§3.10.7.4).
  // r1's ARP request is on the transit link, which the lesson's capture does not see. RFC 1812
  // §5.2.2: a router resolves its next hop, r2's transit address in the two-routers topology.
  routing: { 'r1-arp': '10.0.0.2' },
  rst: { 'refused-state': 'CLOSED', 'abort-server-state': 'CLOSED' },
  journey: { 'client-established': 'ESTABLISHED', 'server-closewait': 'CLOSE_WAIT', 'client-timewait': 'TIME_WAIT' },
  // RFC 9293 Figure 8 (simultaneous open) and Figure 13 (simultaneous close), read line by line.
  // A segment that finds no connection is dropped at the port check and answered by RST (§3.10.7.1).
  'half-open': { 'client-believes': 'ESTABLISHED', 'server-receiver': 'drop', 'client-closed': 'CLOSED' },
  // RFC 1122 §4.2.3.6: no probe before two idle hours; a probe (SND.NXT − 1) is not acceptable, so it is re-acked (§3.10.7.4).
  'keep-alive': { 'after-an-hour': 'ESTABLISHED', 'probe-receiver': 'duplicate', 'client-after-probe': 'CLOSED' },
  // A FIN received in ESTABLISHED (RFC 9293 §3.10.7.4, eighth: CLOSE-WAIT).
  midstream: { 'server-after-fin': 'CLOSE_WAIT' },
  simultaneous: {
    'client-synsent': 'SYN_SENT', 'client-synrcvd': 'SYN_RECEIVED', 'client-established': 'ESTABLISHED',
    'client-closing': 'CLOSING', 'client-timewait': 'TIME_WAIT', 'server-closed': 'CLOSED',
  },
  // RFC 5681 with SMSS 1000, so IW = 4 segments (§3.1), one ACK per segment. Slow start: ACK n
  // gives cwnd 4000 + n × 1000; the 12th segment leaves with 4 + 4 − 1 + 1 = 8 in flight.
  // The loss: cwnd 16000 + 1000 after segment 1's ACK; at the third duplicate 6 segments are
  // in flight, ssthresh = 3000, cwnd = 3000 + 3000 (§3.2); the full ACK deflates to 3000.
  // Congestion avoidance counts 1000, 2000, 3000 acked bytes: cwnd 3000, then 4000 (§3.1).
  // The tail loss: 1000 in flight at the timeout, ssthresh = max(500, 2000), cwnd 1000; the
  // resend adds nothing to the flight; its ACK, slow start, gives 2000.
  congestion: {
    'first-ack-cwnd': '5000', 'round2-in-flight': '8000', 'slow-start-cwnd': '16000',
    'loss-ssthresh': '3000', 'loss-cwnd': '6000', 'recovered-cwnd': '3000',
    'avoidance-first-ack': '3000', 'avoidance-third-ack': '4000',
    'timeout-in-flight': '1000', 'timeout-cwnd': '2000',
  },
};

describe.skipIf(SKIP_TSHARK)('every curriculum answer agrees with an outside source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-curriculum-'));
  for (const file of FILES) {
    it(`${file}: tshark's reading of the export, the RFCs' layers and router rules, and states worked out by hand`, () => {
      for (const seed of [1, 77]) {
        const c = compile(file, seed);
        const hand = { ...ruleAnswers(c.lesson.script), ...BY_HAND[c.lesson.id] };
        const { judged, unjudged } = judgeQuizzes(c, dir, `${c.lesson.id}-${seed}`, hand);
        expect(unjudged, `seed ${seed}`).toEqual([]);
        expect(judged.filter((j) => j.ours !== j.theirs).map((j) => `${j.id}: the quiz says ${j.ours}, ${j.source} says ${j.theirs}`), `seed ${seed}`).toEqual([]);
        expect(judged).toHaveLength(c.quizzes.length);
      }
    });
  }
});
