// A lesson in wire order: the order its capture numbers the frames. Two frames sent at the
// same instant from the two ends cross on the cable, and the capture point sees its own
// host's first, though the simulator may have handled the far end first (lesson 18's
// SYN-ACKs and ACKs). The one rule for that order lives here; plain and JSON modes
// (lesson/walk.ts) and the full-screen player (session/to-player.ts) both tell it.
import { stepsSeen, type Checkpoint } from '../quiz/checkpoint.js';
import type { Snapshot, Step, Trace } from '../sim/trace.js';
import type { PlayableLesson } from './compile.js';

/** The frames in a lesson's capture, or none when it cannot be written. */
export function capturedNumbers(c: Pick<PlayableLesson, 'capture'>): (frame: number) => number | null {
  const captured = c.capture('pcap');
  return 'error' in captured ? () => null : captured.frameNumber;
}

/** The node a step happens at: its host, its node, or for a frame put on a wire, the sender. */
function nodeOf(trace: Trace, s: Step): string | null {
  if ('host' in s) return s.host;
  if ('node' in s) return s.node;
  if (s.kind === 'transmit') return trace.frames[s.frame]?.from.split(':')[0] ?? null;
  return null;
}

/** Steps told together: one step, or the building and sending of one frame. */
interface Unit {
  /** Old step indices, in order. */
  readonly steps: readonly number[];
  /** The nodes it happens at, and the frames it is about (a copy as the frame it came from): `n:client`, `f:3`. */
  readonly keys: readonly string[];
  /** A step that is no node's nor a frame's (time running on): everything before it comes before, everything after, after. */
  readonly barrier: boolean;
  /** The capture's number of the frame it puts on the wire, if it sends one. */
  readonly number: number | null;
}

function unitOf(trace: Trace, steps: readonly number[], number: number | null): Unit {
  const keys = new Set<string>();
  let barrier = false;
  const root = (f: number) => {
    let r = f;
    for (let p = trace.frames[r]?.parent ?? null; p !== null; p = trace.frames[p]?.parent ?? null) r = p;
    return `f:${r}`;
  };
  for (const i of steps) {
    const s = trace.steps[i]!;
    const node = nodeOf(trace, s);
    // A frame's fate on a link is that frame's; only time running on is no one's.
    if (node !== null) keys.add(`n:${node}`);
    else if (!('frame' in s)) barrier = true;
    if ('frame' in s) keys.add(root(s.frame));
    if (s.kind === 'switch-forward') for (const f of s.out) keys.add(root(f));
    if (s.kind === 'router-forward') keys.add(root(s.out));
  }
  return { steps, keys: [...keys], barrier, number };
}

/**
 * The trace's step indices in wire order (position → index in `trace.steps`): the trace's
 * own order, except that a frame a host builds and sends (its encapsulation steps and its
 * transmit, told together) whose number in the capture comes after one not yet sent waits
 * for that one. Waiting holds up only what must come after it: its node's later steps and
 * its frame's, so each node's and each frame's steps keep their order (what a node knows
 * never runs ahead of what it was told), and time running on waits for everything.
 */
export function wireOrder(trace: Trace, numberOf: (frame: number) => number | null): number[] {
  const steps = trace.steps;
  // Most traces (every replayed capture) are in wire order already.
  let last = -Infinity;
  let sorted = true;
  for (const s of steps) {
    if (s.kind !== 'transmit' || trace.frames[s.frame]?.parent !== null) continue;
    const n = numberOf(s.frame);
    if (n === null) continue;
    if (n < last) {
      sorted = false;
      break;
    }
    last = n;
  }
  if (sorted) return steps.map((_, i) => i);
  const units: Unit[] = [];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const f = s.kind === 'encap-begin' && trace.frames[s.frame]?.parent === null ? s.frame : null;
    let end = i;
    if (f !== null) {
      while (end + 1 < steps.length && steps[end]!.kind !== 'transmit' && (steps[end + 1] as { frame?: number }).frame === f) end++;
    }
    if (f === null || steps[end]!.kind !== 'transmit') {
      const lone = s.kind === 'transmit' && trace.frames[s.frame]?.parent === null ? numberOf(s.frame) : null;
      units.push(unitOf(trace, [i], lone));
      continue;
    }
    units.push(unitOf(trace, Array.from({ length: end - i + 1 }, (_, k) => i + k), numberOf(f)));
    i = end;
  }
  // Each key's units in order; a unit may go when it heads every queue it is in.
  const queues = new Map<string, number[]>();
  units.forEach((u, k) => {
    for (const key of u.keys) (queues.get(key) ?? queues.set(key, []).get(key)!).push(k);
  });
  const heads = new Map<string, number>([...queues.keys()].map((key) => [key, 0]));
  const unitWithNumber = new Map<number, number>();
  units.forEach((u, k) => u.number !== null && !unitWithNumber.has(u.number) && unitWithNumber.set(u.number, k));
  const done = new Array<boolean>(units.length).fill(false);
  let lowest = 0;
  // The first barrier at or after each unit.
  const barrierFrom = new Array<number>(units.length + 1).fill(units.length);
  for (let k = units.length - 1; k >= 0; k--) barrierFrom[k] = units[k]!.barrier ? k : barrierFrom[k + 1]!;
  const ready = (k: number): boolean => {
    const u = units[k]!;
    if (u.barrier && k !== lowest) return false;
    if (!u.barrier && barrierFrom[lowest]! < k) return false;
    if (!u.keys.every((key) => queues.get(key)![heads.get(key)!] === k)) return false;
    const before = u.number === null ? undefined : unitWithNumber.get(u.number - 1);
    return before === undefined || done[before]!;
  };
  const order: number[] = [];
  const take = (k: number) => {
    done[k] = true;
    order.push(...units[k]!.steps);
    for (const key of units[k]!.keys) heads.set(key, heads.get(key)! + 1);
    while (lowest < units.length && done[lowest]) lowest++;
  };
  while (lowest < units.length) {
    let k = lowest;
    const last = Math.min(units.length, barrierFrom[lowest]! + 1);
    while (k < last && (done[k] || !ready(k))) k++;
    if (k === last) k = units.length;
    // Numbers that contradict what the trace says happened first: the trace wins.
    take(k < units.length ? k : lowest);
  }
  return order;
}

/** The world after a prefix of reordered steps: each node as of its own last step in it. */
function snapshotsInOrder(trace: Trace, order: readonly number[]): Snapshot[] {
  // Each node's steps in order, and how many of them have been told: wireOrder keeps each
  // node's steps in their order, so the next one not told is the first still to come.
  const ofNode = new Map<string, number[]>();
  trace.steps.forEach((s, i) => {
    const node = nodeOf(trace, s);
    if (node !== null) (ofNode.get(node) ?? ofNode.set(node, []).get(node)!).push(i);
  });
  const told = new Map<string, number>([...ofNode.keys()].map((n) => [n, 0]));
  const out: Snapshot[] = [];
  const seen = new Set<number>();
  let max = -1;
  // The first step not yet told.
  let low = 0;
  for (const i of order) {
    seen.add(i);
    if (i > max) max = i;
    while (seen.has(low)) low++;
    const node = nodeOf(trace, trace.steps[i]!);
    if (node !== null) told.set(node, told.get(node)! + 1);
    if (low > max) {
      out.push(trace.snapshots[max]!);
      continue;
    }
    // A node with a step before `max` still to come is as it was before that step.
    const asOf = new Map<string, number>();
    for (const [n, steps] of ofNode) {
      const next = steps[told.get(n)!];
      if (next !== undefined && next < max) asOf.set(n, next - 1);
    }
    out.push(mixed(trace, trace.snapshots[max]!, trace.steps[i]!.t, asOf));
  }
  return out;
}

const EMPTY: Snapshot = { t: 0, sockets: {}, arp: {}, macTables: {}, listening: {} };

/** `base`, with each node in `asOf` as it was after that step (-1: before the first). */
function mixed(trace: Trace, base: Snapshot, t: number, asOf: ReadonlyMap<string, number>): Snapshot {
  const then = (node: string) => (asOf.get(node)! < 0 ? EMPTY : trace.snapshots[asOf.get(node)!]!);
  const sockets: Record<string, Snapshot['sockets'][string]> = {};
  for (const [id, s] of Object.entries(base.sockets)) if (!asOf.has(s.host)) sockets[id] = s;
  for (const node of asOf.keys()) for (const [id, s] of Object.entries(then(node).sockets)) if (s.host === node) sockets[id] = s;
  const perNode = <T>(pick: (s: Snapshot) => Readonly<Record<string, T>>): Record<string, T> => {
    const r: Record<string, T> = { ...pick(base) };
    for (const node of asOf.keys()) {
      const v = pick(then(node))[node];
      if (v === undefined) delete r[node];
      else r[node] = v;
    }
    return r;
  };
  return { t, sockets, arp: perNode((s) => s.arp), macTables: perNode((s) => s.macTables), listening: perNode((s) => s.listening) };
}

/**
 * `c` with its trace's steps in wire order, and everything that points at a step (quizzes,
 * narration, view changes, background ranges) pointing at the same step where it now is.
 * Frames keep their ids, so the capture and its numbers are the same. `c` itself when the
 * order is already the wire's.
 */
export function inWireOrder<C extends PlayableLesson>(c: C, frameNumber?: (frame: number) => number | null): C {
  const order = wireOrder(c.trace, frameNumber ?? capturedNumbers(c));
  if (order.every((i, k) => i === k)) return c;
  const position = new Array<number>(order.length);
  order.forEach((i, k) => (position[i] = k));
  const at = (i: number) => (i >= 0 && i < position.length ? position[i]! : i);
  const trace: Trace = { ...c.trace, steps: order.map((i) => c.trace.steps[i]!), snapshots: snapshotsInOrder(c.trace, order) };
  // A quiz stops before the step that followed its stop, even when the step it stopped
  // after has moved later: a frame that waits for one sent later (over a slow link, lesson
  // 22's ACKs) would take the quiz along past what it asks to predict (the client's cwnd
  // growing on the first ACK). A quiz about a frame already on the wire when it stopped
  // waits until that frame is on the wire here too.
  const transmitted = new Map<number, number>();
  c.trace.steps.forEach((s, i) => s.kind === 'transmit' && !transmitted.has(s.frame) && transmitted.set(s.frame, i));
  const stopOf = (q: Checkpoint): number => {
    const after = at(q.atStep);
    if (q.atStep + 1 >= position.length) return after;
    const before = at(q.atStep + 1) - 1;
    const sentAt = q.frame === undefined ? undefined : transmitted.get(q.frame);
    const stop = Math.min(after, before);
    return sentAt !== undefined && sentAt <= q.atStep && at(sentAt) <= before ? Math.max(stop, at(sentAt)) : stop;
  };
  // The quizzes keep the order they had: one the author wrote after another waits at the
  // same stop rather than come first (a field quiz stays at its field).
  let floor = -1;
  const quizzes = c.quizzes.map((q): Checkpoint => {
    const moved = q.kind === 'field' ? at(q.atStep) : stopOf(q);
    const atStep = q.kind === 'field' ? moved : Math.max(moved, floor);
    floor = Math.max(floor, atStep);
    return { ...q, atStep };
  }).sort((a, b) => stepsSeen(a) - stepsSeen(b));
  const background = c.background?.map((b) => {
    const moved = [];
    for (let i = b.from; i <= b.to; i++) moved.push(at(i));
    return moved.length ? { from: Math.min(...moved), to: Math.max(...moved) } : b;
  });
  return {
    ...c,
    trace,
    quizzes,
    narration: c.narration.map((n) => ({ ...n, at: at(n.at) })),
    views: c.views.map((v) => ({ ...v, at: at(v.at) })),
    ...(background && { background }),
  } as C;
}
