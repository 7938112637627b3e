// One end of a captured TCP conversation as tcp-tutor infers it. A capture shows only the
// segments; the state each end is in, and the byte it expects next, follow from them by
// RFC 9293's rules. This is that inference: sans-I/O, fed the segments the end sends and
// receives, in the order it handled them, and reporting each state change with its cause.
// Which state comes next, and why, is asked of the same transition function the
// simulator's connection uses (sim/tcp/transition.ts); this file only reads the facts it
// needs off the captured segments.
import type { SegmentVerdict, TcpState } from '../sim/tcp/api.js';
import {
  ackOfSyn, SYNCHRONIZED_STATES, tcpTransition, type CheckedSegment, type StateChange, type TcpInput,
} from '../sim/tcp/transition.js';
import { segmentLength, seqAdd, seqGe, seqGt, seqLe, type Seq } from '../wire/seq.js';

export type { StateChange } from '../sim/tcp/transition.js';

/** What a segment says, as far as the ends care. */
export interface SegmentFacts {
  readonly seq: Seq;
  /** Null exactly when the ACK flag is clear. */
  readonly ack: Seq | null;
  readonly syn: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
  readonly dataLength: number;
  readonly window: number;
  /** The MSS option, on a SYN. */
  readonly mss: number | null;
}

export interface Arrival {
  readonly verdict: SegmentVerdict;
  /** RCV.NXT when the segment arrived: the sequence number it was expected to start at. */
  readonly expected: Seq;
  readonly changes: readonly StateChange[];
}

interface Held {
  readonly seq: Seq;
  /** seq plus the data, plus one for a FIN. */
  readonly end: Seq;
  readonly fin: boolean;
  readonly dataLength: number;
}

/** Sequence space a segment occupies (RFC 9293 §3.4). */
export function occupied(s: SegmentFacts): number {
  return segmentLength({ syn: s.syn, fin: s.fin, dataLength: s.dataLength });
}

export class InferredEnd {
  state: TcpState;
  irs: Seq | null = null;
  sndUna: Seq;
  sndNxt: Seq;
  rcvNxt: Seq | null = null;
  /** The window the peer advertised last, and this end's own. Raw header values. */
  sndWnd = 0;
  rcvWnd = 0;
  peerMss: number | null = null;
  /** The sequence number this end's FIN took, once it sent one. */
  private finSeq: Seq | null = null;
  /** Data that arrived after a gap, held until the gap fills (RFC 9293 §3.10.7.4, "seventh"). */
  private held: Held[] = [];

  constructor(
    state: TcpState,
    /** Its initial send sequence number: from its SYN, or its first seq − 1 mid-stream. */
    readonly iss: Seq,
    /** Opened by a listener: a RST in SYN_RECEIVED sends it back to LISTEN. */
    readonly passive: boolean,
  ) {
    this.state = state;
    this.sndUna = iss;
    this.sndNxt = iss;
  }

  /** Bytes held out of order. */
  get outOfOrder(): number {
    return this.held.reduce((n, h) => n + h.dataLength, 0);
  }

  /** Starts a capture that missed the opening: what this end is known to hold already. */
  assume(s: { readonly irs?: Seq; readonly rcvNxt?: Seq; readonly sndNxt?: Seq }): void {
    if (s.irs !== undefined) this.irs = s.irs;
    if (s.rcvNxt !== undefined) this.rcvNxt = s.rcvNxt;
    if (s.sndNxt !== undefined) this.sndNxt = this.sndUna = s.sndNxt;
  }

  /** Asks the state machine what `input` does here, and records the states it enters. */
  private step(input: TcpInput, out: StateChange[]): { readonly takesSyn: boolean } {
    // A capture shows what an end did, and the RFC's rules allow every call it can show (a
    // SYN from a LISTEN, a FIN that was sent): the inference follows them.
    const next = tcpTransition({ state: this.state, passive: this.passive, profile: 'rfc' }, input);
    for (const c of next.changes) {
      out.push(c);
      this.state = c.to;
    }
    return next;
  }

  /** This end put `s` on the wire. */
  sent(s: SegmentFacts): StateChange[] {
    const out: StateChange[] = [];
    const used = occupied(s);
    if (used > 0 && seqGt(seqAdd(s.seq, used), this.sndNxt)) this.sndNxt = seqAdd(s.seq, used);
    if (s.fin) this.finSeq = seqAdd(s.seq, s.dataLength);
    this.rcvWnd = s.window;
    // Mid-stream, the first ACK this end sends is the first word on what it expects.
    if (this.rcvNxt === null && s.ack !== null && this.state === 'ESTABLISHED') this.rcvNxt = s.ack;
    // What the end was told to do is read off what it sent: a RST outside LISTEN (where it
    // only answers a stray segment) is an ABORT, a SYN without ACK a connect(), a FIN in a
    // synchronized state a close().
    if (s.rst) {
      if (this.state !== 'LISTEN') this.step({ kind: 'abort' }, out);
      return out;
    }
    if (s.syn && s.ack === null && (this.state === 'CLOSED' || this.state === 'LISTEN')) this.step({ kind: 'connect' }, out);
    else if (s.fin && SYNCHRONIZED_STATES.has(this.state)) this.step({ kind: 'close', queued: false }, out);
    return out;
  }

  /** `s` reached this end, and passed the link, IP and TCP checksum checks. */
  received(s: SegmentFacts): Arrival {
    const out: StateChange[] = [];
    const expected = this.rcvNxt ?? s.seq;
    const done = (verdict: SegmentVerdict): Arrival => ({ verdict, expected, changes: out });
    if (s.ack !== null || s.syn) this.sndWnd = s.window;

    if (SYNCHRONIZED_STATES.has(this.state)) return this.synchronized(s, out, expected);
    // §3.10.7.1–§3.10.7.3: the header alone decides.
    const next = this.step({ kind: 'segment', syn: s.syn, rst: s.rst, ack: ackOfSyn(s.ack, this.iss, this.sndNxt) }, out);
    if (next.takesSyn) {
      this.learnPeer(s);
      if (s.ack !== null) this.sndUna = s.ack;
    }
    return done('no-data');
  }

  private learnPeer(s: SegmentFacts): void {
    this.irs = s.seq;
    this.rcvNxt = seqAdd(s.seq, 1);
    if (s.mss !== null) this.peerMss = s.mss;
  }

  /** §3.10.7.4 for the states from SYN_RECEIVED on: the sequence check, RST, ACK, then FIN. */
  private synchronized(s: SegmentFacts, out: StateChange[], expectedIn: Seq): Arrival {
    if (this.rcvNxt === null) this.rcvNxt = s.seq;
    const expected = this.rcvNxt ?? expectedIn;
    if (s.rst) {
      this.step({ kind: 'checked', outcome: { kind: 'reset' } }, out);
      return { verdict: 'no-data', expected, changes: out };
    }

    const used = occupied(s);
    let verdict: SegmentVerdict;
    let finReceived = false;
    // In a simultaneous open (RFC 9293 Figure 8, line 6) the peer's SYN,ACK repeats the SYN we
    // hold and acknowledges ours: its ACK completes the handshake, as in the simulator.
    const simultaneousSynAck = this.state === 'SYN_RECEIVED' && s.syn && s.ack !== null && this.irs !== null && s.seq === this.irs && s.ack === this.sndNxt;
    if (simultaneousSynAck) {
      verdict = 'no-data';
    } else if (s.syn && this.irs !== null && s.seq === this.irs) {
      verdict = 'duplicate'; // the peer's SYN (or SYN-ACK) again: ours or our ACK of it was lost
    } else if (used === 0) {
      verdict = 'no-data';
    } else if (s.seq === this.rcvNxt) {
      verdict = 'in-order';
      finReceived = this.advance(seqAdd(s.seq, used), s.fin);
    } else if (seqGt(s.seq, this.rcvNxt)) {
      verdict = 'out-of-order';
      this.hold({ seq: s.seq, end: seqAdd(s.seq, used), fin: s.fin, dataLength: s.dataLength });
    } else if (seqLe(seqAdd(s.seq, used), this.rcvNxt)) {
      verdict = 'duplicate';
    } else {
      // Starts before RCV.NXT but reaches past it: the new part is taken.
      verdict = 'in-order';
      finReceived = this.advance(seqAdd(s.seq, used), s.fin);
    }
    // An unacceptable segment is dropped after the check; an acceptable one's ACK counts (§3.10.7.4 "fifth").
    let synAcked = false;
    let finAcked = false;
    if (verdict !== 'duplicate' && s.ack !== null) {
      if (seqGt(s.ack, this.sndUna)) this.sndUna = s.ack;
      synAcked = seqGt(s.ack, this.iss);
      finAcked = this.finSeq !== null && seqGt(s.ack, this.finSeq);
    }

    const outcome: CheckedSegment = { kind: 'accepted', synAcked, finAcked, finReceived };
    this.step({ kind: 'checked', outcome }, out);
    return { verdict, expected, changes: out };
  }

  /** Moves RCV.NXT to `end` and on through held data the gap was keeping back. Returns whether a FIN came in order. */
  private advance(end: Seq, fin: boolean): boolean {
    let finReceived = fin;
    this.rcvNxt = end;
    for (;;) {
      const next = this.held.find((h) => seqLe(h.seq, this.rcvNxt!) && seqGt(h.end, this.rcvNxt!));
      if (!next) break;
      this.rcvNxt = next.end;
      if (next.fin) finReceived = true;
    }
    this.held = this.held.filter((h) => seqGt(h.end, this.rcvNxt!));
    return finReceived;
  }

  private hold(h: Held): void {
    if (!this.held.some((x) => x.seq === h.seq && seqGe(x.end, h.end))) this.held.push(h);
  }
}
