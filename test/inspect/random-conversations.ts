// Seeded soups of TCP conversations for differential tests against tshark: loss, late
// and early retransmissions, reordering, duplicate ACKs, zero windows, keep-alives, port
// reuse, captures that start mid-stream, ISNs near 2^32. Plausible rather than faithful:
// the point is to walk every branch of the sequence analysis, not to be a TCP.
import { A, B, tcpFrame, type Endpoint } from './builder.js';

/** mulberry32: small, fast, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TimedFrame {
  readonly us: number;
  readonly data: Uint8Array;
}

interface Side {
  ep: Endpoint;
  next: number;
  ackOf: number;
  window: number;
}

/** One conversation's frames, with times relative to its start. */
function conversation(r: () => number, client: Endpoint, server: Endpoint, frames: TimedFrame[], start: number): number {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const isn = () => (r() < 0.3 ? 0xffffffff - Math.floor(r() * 20000) : Math.floor(r() * 2 ** 32)) >>> 0;
  const c: Side = { ep: client, next: isn(), ackOf: 0, window: 502 };
  const s: Side = { ep: server, next: isn(), ackOf: 0, window: 509 };
  let t = start;
  const gap = () => pick([0, 10, 200, 900, 2500, 4000, 15000, 30000, 250000]);
  const emit = (from: Side, to: Side, spec: { seq: number; ack: number | null; flags?: string; len?: number; window?: number }) => {
    frames.push({ us: t, data: tcpFrame(from.ep, to.ep, { window: from.window, ...spec }) });
  };
  const handshake = r() < 0.75;
  if (handshake) {
    emit(c, s, { seq: c.next, ack: null, flags: 'S', window: 64240 });
    if (r() < 0.15) {
      t += 1_000_000;
      emit(c, s, { seq: c.next, ack: null, flags: 'S', window: 64240 });
    }
    c.next = (c.next + 1) >>> 0;
    t += pick([100, 800, 3000]);
    emit(s, c, { seq: s.next, ack: c.next, flags: 'S', window: 65160 });
    s.next = (s.next + 1) >>> 0;
    t += pick([100, 800, 3000]);
    if (r() < 0.1) {
      // A SYN-ACK retransmitted, sometimes with a new ISN.
      t += 1000;
      if (r() < 0.5) s.next = isn();
      emit(s, c, { seq: (s.next - 1) >>> 0, ack: c.next, flags: 'S', window: 65160 });
    }
    if (r() < 0.9) emit(c, s, { seq: c.next, ack: s.next, len: r() < 0.1 ? 20 : 0 });
  }
  c.ackOf = s.next;
  s.ackOf = c.next;
  const sent: { from: Side; seq: number; len: number }[] = [];
  const steps = 5 + Math.floor(r() * 40);
  for (let i = 0; i < steps; i++) {
    t += gap();
    const [from, to] = r() < 0.7 ? [s, c] : [c, s];
    const roll = r();
    if (roll < 0.45) {
      const len = pick([1, 10, 100, 536, 1448, 1460]);
      const drop = r() < 0.12;
      if (!drop) emit(from, to, { seq: from.next, ack: from.ackOf, len, flags: r() < 0.3 ? 'P' : '' });
      sent.push({ from, seq: from.next, len });
      from.next = (from.next + len) >>> 0;
      if (r() < 0.6) to.ackOf = from.next;
    } else if (roll < 0.6) {
      // A retransmission or a reordered segment, of something already sent.
      const old = sent.filter((x) => x.from === from);
      if (old.length) {
        const o = pick(old);
        emit(from, to, { seq: o.seq, ack: from.ackOf, len: o.len });
      }
    } else if (roll < 0.75) {
      // ACKs, sometimes several identical ones in a row (duplicate ACKs).
      const n = r() < 0.4 ? 3 : 1;
      for (let k = 0; k < n; k++) {
        emit(from, to, { seq: from.next, ack: from.ackOf });
        t += pick([0, 50, 300]);
      }
    } else if (roll < 0.82) {
      // The window closes, then opens again.
      from.window = 0;
      emit(from, to, { seq: from.next, ack: from.ackOf });
      t += gap();
      if (r() < 0.5) emit(to, from, { seq: to.next, ack: to.ackOf, len: 1 });
      t += gap();
      from.window = pick([100, 502, 1000]);
      emit(from, to, { seq: from.next, ack: from.ackOf });
    } else if (roll < 0.86) {
      // A keep-alive: one byte before the next sequence number.
      emit(from, to, { seq: (from.next - 1) >>> 0, ack: from.ackOf, len: r() < 0.5 ? 0 : 1 });
    } else if (roll < 0.9) {
      from.window = pick([200, 502, 800]);
      emit(from, to, { seq: from.next, ack: from.ackOf });
    } else if (roll < 0.905) {
      // A zero window probe: one byte at the next seq while the peer's window is closed.
      to.window = 0;
      emit(to, from, { seq: to.next, ack: to.ackOf });
      t += pick([100, 5000]);
      emit(from, to, { seq: from.next, ack: from.ackOf, len: 1 });
      t += pick([0, 100]);
      emit(to, from, { seq: to.next, ack: r() < 0.5 ? to.ackOf : (to.ackOf + 1) >>> 0 });
      to.window = 502;
      if (r() < 0.5) emit(to, from, { seq: to.next, ack: to.ackOf });
    } else if (roll < 0.91) {
      // Something without the ACK flag, or with odd flags.
      emit(from, to, { seq: from.next, ack: null, flags: pick(['', 'P', 'U', 'E', 'C', 'FS']), len: pick([0, 5]) });
    } else if (roll < 0.915) {
      // Time goes backwards (a capture merged from two interfaces can do that).
      t -= pick([1000, 100000]);
      emit(from, to, { seq: from.next, ack: from.ackOf, len: 10 });
      from.next = (from.next + 10) >>> 0;
    } else if (roll < 0.92) {
      // Fast retransmission: three duplicate ACKs, then the missing segment within 20 ms.
      const len = 100;
      sent.push({ from, seq: from.next, len });
      from.next = (from.next + len) >>> 0;
      emit(from, to, { seq: from.next, ack: from.ackOf, len });
      sent.push({ from, seq: from.next, len });
      from.next = (from.next + len) >>> 0;
      for (let k = 0; k < 3; k++) {
        t += pick([10, 100]);
        emit(to, from, { seq: to.next, ack: (from.next - 2 * len) >>> 0 });
      }
      t += pick([100, 1000, 25000]);
      emit(from, to, { seq: (from.next - 2 * len) >>> 0, ack: from.ackOf, len });
    } else if (roll < 0.925) {
      // Data that wraps exactly to sequence number 0, then a gap after it.
      const len = (0x100000000 - from.next) % 0x100000000;
      if (len > 0 && len <= 1460) {
        emit(from, to, { seq: from.next, ack: from.ackOf, len });
        from.next = 0;
        t += 10;
        emit(from, to, { seq: 100, ack: from.ackOf, len: 10 });
      }
    } else if (roll < 0.93) {
      // The peer acknowledges more than we saw (ACKed unseen segment).
      to.ackOf = (from.next + pick([0, 100, 1448])) >>> 0;
      emit(to, from, { seq: to.next, ack: to.ackOf });
    } else {
      to.ackOf = from.next;
      emit(to, from, { seq: to.next, ack: to.ackOf });
    }
  }
  t += gap();
  const end = r();
  if (end < 0.5) {
    emit(c, s, { seq: c.next, ack: c.ackOf, flags: 'F' });
    c.next = (c.next + 1) >>> 0;
    s.ackOf = c.next;
    t += gap();
    emit(s, c, { seq: s.next, ack: s.ackOf, flags: 'F' });
    s.next = (s.next + 1) >>> 0;
    c.ackOf = s.next;
    t += gap();
    emit(c, s, { seq: c.next, ack: c.ackOf });
    if (r() < 0.2) emit(s, c, { seq: (s.next - 1) >>> 0, ack: s.ackOf, flags: 'F' });
  } else if (end < 0.7) {
    emit(pick([c, s]), pick([c, s]), { seq: c.next, ack: null, flags: 'R' });
  }
  return t;
}

/**
 * Several conversations on a few address and port pairs, so that ports are reused,
 * interleaved by time the way a capture would interleave them.
 */
export function randomCapture(seed: number): TimedFrame[] {
  const r = rng(seed);
  const frames: TimedFrame[] = [];
  const clients: Endpoint[] = [A, { ...A, port: 40001 }, { ...A, ip: '10.0.0.3', mac: '02:00:00:00:00:0c', port: 40000 }];
  const n = 1 + Math.floor(r() * 4);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const client = clients[Math.floor(r() * clients.length)]!;
    const end = conversation(r, client, B, frames, start);
    // Overlap some conversations, run others one after another (port reuse).
    start = r() < 0.5 ? start + Math.floor(r() * 5000) : end + 1000;
  }
  // A stable sort by time keeps each conversation's own order for equal times.
  return frames.map((f, i) => ({ f, i })).sort((x, y) => x.f.us - y.f.us || x.i - y.i).map((x) => x.f);
}
