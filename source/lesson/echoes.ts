// Which earlier frames state a quiz's answer: segments of the same connection in the same
// direction that carry the asked seq, ack or flags. The one rule for what an open quiz keeps
// off other frames; the full-screen player (player/screen.ts `hiddenByQuiz`) and plain and
// JSON modes (lesson/walk.ts) both ask it.
import { stepsSeen, type Checkpoint } from '../quiz/checkpoint.js';
import type { Trace } from '../sim/trace.js';
import { dissect } from '../wire/dissect.js';
import { flowKey } from '../wire/relative.js';
import type { Seq } from '../wire/seq.js';
import { flagsString, type TcpFlags } from '../wire/tcp.js';

/** What a TCP segment says that a quiz can ask: its direction, seq, ack and flags. */
export interface SegmentFacts {
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: Seq;
  /** Null when the ACK flag is clear. */
  readonly ack: Seq | null;
  readonly flags: TcpFlags;
}

/** A frame's TCP segment, or null when it carries none. */
export type SegmentOf = (frame: number) => SegmentFacts | null;

/** Frames, each with the fields of it that would state an answer. */
export type Echoes = ReadonlyMap<number, ReadonlySet<string>>;

const NO_ECHOES: Echoes = new Map();

/** The field a quiz asks of its frame, where another frame of the same direction could state the same answer. */
export function echoedField(cp: Checkpoint): 'tcp.seq' | 'tcp.ack' | 'tcp.flags' | null {
  if (cp.kind === 'choice' && cp.ask === 'flags') return 'tcp.flags';
  if (cp.kind !== 'number') return null;
  if (cp.ask === 'seq' || (cp.ask === 'blank' && cp.field === 'tcp.seq')) return 'tcp.seq';
  if (cp.ask === 'ack' || (cp.ask === 'blank' && cp.field === 'tcp.ack')) return 'tcp.ack';
  return null;
}

const segmentCache = new WeakMap<Trace, SegmentOf>();

/** The trace's segments as the one dissector reads their bytes, each read once. */
export function segmentsOfTrace(trace: Trace): SegmentOf {
  let out = segmentCache.get(trace);
  if (!out) {
    const read = new Map<number, SegmentFacts | null>();
    out = (frame) => {
      if (!read.has(frame)) {
        const bytes = trace.frames[frame]?.bytes;
        const d = bytes ? dissect(bytes) : null;
        read.set(frame, d?.ipv4 && d.tcp ? { srcIp: d.ipv4.src, dstIp: d.ipv4.dst, srcPort: d.tcp.srcPort, dstPort: d.tcp.dstPort, seq: d.tcp.seq, ack: d.tcp.ack, flags: d.tcp.flags } : null);
      }
      return read.get(frame)!;
    };
    segmentCache.set(trace, out);
  }
  return out;
}

const firstStepCache = new WeakMap<Trace, ReadonlyMap<number, number>>();

/** Each frame's first step (where its sender starts building it). */
function firstSteps(trace: Trace): ReadonlyMap<number, number> {
  let out = firstStepCache.get(trace);
  if (!out) {
    const first = new Map<number, number>();
    trace.steps.forEach((s, i) => {
      if ('frame' in s && !first.has(s.frame)) first.set(s.frame, i);
    });
    firstStepCache.set(trace, (out = first));
  }
  return out;
}

const echoCache = new WeakMap<Trace, WeakMap<Checkpoint, Echoes>>();

/**
 * The frames besides a quiz's own, built by its stop, that carry its answer in the asked
 * field: segments of the same connection in the same direction with the same value. A
 * frame of the other direction, or another field, is the way to the answer (the peer's ack
 * for a seq), not the answer, and stays. A flags answer brings the acknowledgment number
 * with it: whether a segment carries ACK shows there too (0, and no ack, without one).
 */
export function echoesOf(trace: Trace, segmentOf: SegmentOf, cp: Checkpoint): Echoes {
  const key = echoedField(cp);
  if (key === null || cp.frame === undefined) return NO_ECHOES;
  let byQuiz = echoCache.get(trace);
  if (!byQuiz) echoCache.set(trace, (byQuiz = new WeakMap()));
  const hit = byQuiz.get(cp);
  if (hit) return hit;
  const asked = segmentOf(cp.frame);
  const out = new Map<number, ReadonlySet<string>>();
  if (asked) {
    const flow = flowKey(asked.srcIp, asked.srcPort, asked.dstIp, asked.dstPort);
    const keys = new Set(key === 'tcp.flags' ? [key, 'tcp.ack'] : [key]);
    const first = firstSteps(trace);
    for (const f of trace.frames) {
      // Only frames on screen by the quiz's stop: a later one is not drawn until it is answered.
      if (f.id === cp.frame || f.parent !== null || (first.get(f.id) ?? Infinity) > cp.atStep) continue;
      const t = segmentOf(f.id);
      if (!t || flowKey(t.srcIp, t.srcPort, t.dstIp, t.dstPort) !== flow) continue;
      const same = key === 'tcp.seq' ? t.seq === asked.seq
        : key === 'tcp.ack' ? t.ack !== null && t.ack === asked.ack
          : flagsString(t) === flagsString(asked);
      if (same) out.set(f.id, keys);
    }
  }
  byQuiz.set(cp, out);
  return out;
}

/** Two sets of echoes as one: each frame with the fields either hides. */
export function withEchoes(a: Echoes, b: Echoes): Echoes {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const out = new Map<number, ReadonlySet<string>>(a);
  for (const [frame, keys] of b) out.set(frame, new Set([...(out.get(frame) ?? []), ...keys]));
  return out;
}

/** Several quizzes' echoes as one, of the frames `only` keeps. */
export function echoesOfAll(trace: Trace, segmentOf: SegmentOf, quizzes: Iterable<Checkpoint>, only?: (frame: number) => boolean): Echoes {
  let out = NO_ECHOES;
  for (const q of quizzes) {
    const echoes = echoesOf(trace, segmentOf, q);
    if (echoes.size === 0) continue;
    out = withEchoes(out, only ? new Map([...echoes].filter(([frame]) => only(frame))) : echoes);
  }
  return out;
}

/**
 * The echoes that are RSTs, of the given quizzes (those still to answer): a RST takes no
 * sequence space and nothing resends it (RFC 9293 §3.4: only what takes sequence space is
 * acknowledged and retransmitted), so an earlier one with the same seq or flags is not the
 * way to a later segment's, as a lost segment is to its retransmission, but the same rule
 * applied once before, and copying it would answer. They stay hidden wherever the learner
 * is, not only at the quiz's stop: lesson 19's lost RST at the crash, `RST seq=201`, is
 * `? seq=?` from the moment it is built until the quizzes on the server's next RST are
 * answered.
 */
export function rstEchoes(trace: Trace, segmentOf: SegmentOf, quizzes: Iterable<Checkpoint>): Echoes {
  return echoesOfAll(trace, segmentOf, quizzes, (frame) => segmentOf(frame)?.flags.rst === true);
}

/**
 * What a line told once, at step `at` (plain and JSON modes print each frame once, as it is
 * sent), keeps hidden: the RST echoes of every quiz asked after it.
 */
export function rstEchoesAt(trace: Trace, quizzes: readonly Checkpoint[], at: number): Echoes {
  return rstEchoes(trace, segmentsOfTrace(trace), quizzes.filter((q) => stepsSeen(q) > at));
}
