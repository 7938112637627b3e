// `tcp-tutor drill`: endless practice, like a textbook's "try another problem". Each round
// is a small lesson made in code with fresh random sizes and a fresh seed, compiled like
// any other, so its answers come from the same simulator and grader as the curriculum's.
import type { Text } from '../i18n/text.js';
import { createRng } from '../sim/rng.js';
import { compileLesson, type CompiledLesson } from './compile.js';
import type { LoadedLesson } from './loader.js';
import type { Lesson, LessonStep, QuizSpec } from './schema.js';

export const DRILL_TOPICS = ['seqack', 'handshake', 'close', 'arp', 'routing', 'congestion'] as const;
export type DrillTopic = (typeof DRILL_TOPICS)[number];

const T = (en: string, ko: string): Text => ({ en, ko });

type Quiz = Omit<QuizSpec, 'id'>;

/** One round's script; `pick` chooses among the questions a round can ask. */
function script(topic: DrillTopic, rnd: { int(lo: number, hi: number): number; pick<X>(xs: readonly X[]): X }, mss: number): LessonStep[] {
  const quiz = (q: Quiz): LessonStep => ({ quiz: { id: 'q', ...q } as QuizSpec });
  const open: LessonStep[] = [{ listen: { host: 'server', port: 80 } }];
  const connect: LessonStep = { connect: { from: 'client', to: 'server', port: 80 } };
  switch (topic) {
    case 'seqack': {
      const a: LessonStep = { send: { socket: 'client', bytes: rnd.int(1, 1460) } };
      const b: LessonStep = { send: { socket: 'server', bytes: rnd.int(1, 1460) } };
      const numbering = rnd.pick(['relative', 'absolute'] as const);
      // A quiz stands before the send that makes its frame: the learner predicts it.
      const beforeClientData = rnd.pick<Quiz>([
        { ask: 'seq', frame: { from: 'client', data: true }, numbering },
        { ask: 'next-seq', frame: { from: 'client', data: true }, numbering },
        { ask: 'ack', frame: { from: 'server', data: false }, numbering },
      ]);
      const beforeServerData = rnd.pick<Quiz>([
        { ask: 'seq', frame: { from: 'server', data: true }, numbering },
        { ask: 'ack', frame: { from: 'server', data: true }, numbering },
        { ask: 'ack', frame: { from: 'client', data: false }, numbering },
      ]);
      return rnd.pick([
        [...open, connect, quiz(beforeClientData), a, b],
        [...open, connect, a, quiz(beforeServerData), b],
      ]);
    }
    case 'handshake':
      return [...open, quiz(rnd.pick<Quiz>([
        { ask: 'ack', frame: { from: 'server', flags: 'SA' }, numbering: 'absolute' },
        { ask: 'seq', frame: { from: 'client', flags: 'A' }, numbering: 'absolute' },
        { ask: 'ack', frame: { from: 'client', flags: 'A' }, numbering: 'absolute' },
        { ask: 'state', host: 'server', frame: { from: 'client', flags: 'S' } },
        { ask: 'state', host: 'client', frame: { from: 'server', flags: 'SA' } },
        { ask: 'flags', frame: { from: 'server', protocol: 'tcp' } },
      ])), connect];
    case 'close': {
      const closer = rnd.pick(['client', 'server'] as const);
      const other = closer === 'client' ? 'server' : 'client';
      return [...open, connect, { send: { socket: 'client', bytes: rnd.int(1, 500) } }, quiz(rnd.pick<Quiz>([
        { ask: 'state', host: other, frame: { from: closer, flags: 'FA' } },
        { ask: 'ack', frame: { from: other, flags: 'A', data: false }, numbering: 'relative' },
        { ask: 'seq', frame: { from: closer, flags: 'FA' }, numbering: 'relative' },
        { ask: 'flags', frame: { from: closer, protocol: 'tcp' } },
      ])), { close: { socket: closer } }, { close: { socket: other } }];
    }
    case 'arp':
      return [quiz(rnd.pick<Quiz>([
        { ask: 'field', field: 'arp.opcode', frame: { from: 'client', protocol: 'arp' } },
        { ask: 'field', field: 'arp.dst.hw_mac', frame: { from: 'client', protocol: 'arp' } },
        { ask: 'field', field: 'eth.dst', frame: { from: 'client', protocol: 'arp' } },
        { ask: 'field', field: 'arp.opcode', frame: { from: 'server', protocol: 'arp' } },
        { ask: 'field', field: 'arp.src.hw_mac', frame: { from: 'server', protocol: 'arp' } },
      ])), { arp: { from: 'client', ip: '192.168.1.80' } }];
    case 'congestion': {
      const port = 5001;
      const segments = rnd.int(6, 14);
      const start: LessonStep[] = [{ listen: { host: 'server', port } }, { connect: { from: 'client', to: 'server', port } }];
      const send: LessonStep = { send: { socket: 'client', bytes: segments * mss } };
      if (rnd.int(0, 2) === 0) {
        // One loss among the first segments: the third duplicate ACK is the server's fourth pure ACK.
        const q = rnd.pick<Quiz>([
          { ask: 'ssthresh', frame: { from: 'server', flags: 'A', data: false, nth: 4 } },
          { ask: 'cwnd', frame: { from: 'server', flags: 'A', data: false, nth: 4 } },
        ]);
        return [...start, { impair: { frame: { from: 'client', protocol: 'tcp', data: true, nth: 2 }, action: 'drop' } }, quiz(q), send];
      }
      return [...start, quiz(rnd.pick<Quiz>([
        { ask: 'cwnd', frame: { from: 'server', flags: 'A', data: false, nth: rnd.int(1, segments) } },
        { ask: 'inFlight', frame: { from: 'client', data: true, nth: rnd.int(1, segments) } },
      ])), send];
    }
    case 'routing': {
      const field = rnd.pick(['eth.src', 'eth.dst', 'ip.ttl', 'ip.checksum', 'ip.src', 'ip.dst', 'tcp.seq', 'tcp.srcport']);
      return [...open, quiz({ ask: 'changes', router: rnd.pick(['r1', 'r2']), field, frame: { from: 'client', flags: 'S' } }), connect];
    }
  }
}

/** Congestion rounds draw the MSS, and with it the initial window (RFC 5681 §3.1: 4 segments up to 1095 bytes, else 3). */
const DRILL_MSS = [500, 1000, 1460] as const;

/** A fresh round: compiled, with exactly one quiz. Null only if the round cannot compile. */
export function drillRound(topic: DrillTopic, seed: number): CompiledLesson | null {
  const r = createRng(seed).fork('drill');
  const rnd = { int: (lo: number, hi: number) => r.int(lo, hi), pick: <X>(xs: readonly X[]) => xs[r.int(0, xs.length - 1)]! };
  const mss = topic === 'congestion' ? rnd.pick(DRILL_MSS) : null;
  const steps = script(topic, rnd, mss ?? 1460);
  const lesson: Lesson = {
    id: `drill-${topic}`,
    title: T(`Drill: ${topic}`, `연습: ${topic}`),
    summary: T('One more question from a fresh simulation.', '새 시뮬레이션에서 나온 문제 하나 더.'),
    level: 'intermediate',
    topics: ['seqack'],
    topology: topic === 'routing' ? 'two-routers' : topic === 'arp' ? 'lan' : 'direct',
    script: steps,
    ...(mss !== null && { settings: { mss } }),
  };
  const loaded: LoadedLesson = { file: `<drill ${topic}>`, lesson, positionOf: () => ({ line: 1, col: 1 }) };
  const c = compileLesson(loaded, { seed });
  return c.ok && c.compiled.quizzes.length === 1 ? c.compiled : null;
}
