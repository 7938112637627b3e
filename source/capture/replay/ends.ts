// One end of a captured TCP conversation as tcp-tutor infers it. A capture shows only the
// segments; the state each end is in, and the byte it expects next, follow from them by
// RFC 9293's rules. This is that inference: sans-I/O, fed the segments the end sends and
// receives, in the order it handled them, and reporting each state change with its cause.
// The transitions and their wording follow the simulator's connection (sim/tcp/connection.ts).
import type { SegmentVerdict, TcpState } from '../../sim/tcp/api.js';
import { segmentLength, seqAdd, seqGe, seqGt, seqLe, seqLt, type Seq } from '../../wire/seq.js';

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

export interface StateChange {
  readonly from: TcpState;
  readonly to: TcpState;
  readonly cause: string;
  /** The RFC 9293 section behind it. */
  readonly rfc: string;
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

  private enter(to: TcpState, cause: string, rfc: string, out: StateChange[]): void {
    if (to === this.state) return;
    out.push({ from: this.state, to, cause, rfc });
    this.state = to;
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
    if (s.rst) {
      if (this.state !== 'CLOSED' && this.state !== 'LISTEN') this.enter('CLOSED', 'sent RST: the connection is aborted', '3.10.5', out);
      return out;
    }
    if (s.syn && s.ack === null && (this.state === 'CLOSED' || this.state === 'LISTEN')) {
      this.enter('SYN_SENT', 'sent SYN: the application called connect()', '3.10.1', out);
    } else if (s.fin) {
      if (this.state === 'ESTABLISHED' || this.state === 'SYN_RECEIVED') {
        this.enter('FIN_WAIT_1', 'sent FIN: the application called close()', '3.10.4', out);
      } else if (this.state === 'CLOSE_WAIT') {
        this.enter('LAST_ACK', "sent FIN after the peer's FIN: the application called close()", '3.10.4', out);
      }
    }
    return out;
  }

  /** `s` reached this end, and passed the link, IP and TCP checksum checks. */
  received(s: SegmentFacts): Arrival {
    const out: StateChange[] = [];
    const expected = this.rcvNxt ?? s.seq;
    const done = (verdict: SegmentVerdict): Arrival => ({ verdict, expected, changes: out });
    if (s.ack !== null || s.syn) this.sndWnd = s.window;

    switch (this.state) {
      case 'CLOSED':
        return done('no-data');
      case 'LISTEN':
        // §3.10.7.2: only a SYN (without ACK or RST) opens a connection here.
        if (s.syn && s.ack === null && !s.rst) {
          this.learnPeer(s);
          this.enter('SYN_RECEIVED', 'received SYN: reply with SYN-ACK', '3.10.7.2', out);
        }
        return done('no-data');
      case 'SYN_SENT': {
        // §3.10.7.3
        const ackOfSyn = s.ack !== null && seqLt(this.iss, s.ack) && seqLe(s.ack, this.sndNxt);
        if (s.rst) {
          if (ackOfSyn) this.enter('CLOSED', 'received RST acking our SYN: connection refused', '3.10.7.3', out);
          return done('no-data');
        }
        if (!s.syn || (s.ack !== null && !ackOfSyn)) return done('no-data');
        this.learnPeer(s);
        if (s.ack !== null) {
          this.sndUna = s.ack;
          this.enter('ESTABLISHED', 'received SYN-ACK acking our SYN: send ACK', '3.10.7.3', out);
        } else {
          this.enter('SYN_RECEIVED', 'received SYN without ACK (simultaneous open): send SYN-ACK', '3.10.7.3', out);
        }
        return done('no-data');
      }
      default:
        return this.synchronized(s, out, expected);
    }
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
      if (this.state === 'SYN_RECEIVED' && this.passive) this.enter('LISTEN', 'received RST: a passive open returns to LISTEN', '3.10.7.4', out);
      else if (this.state === 'TIME_WAIT') this.enter('CLOSED', 'received RST in TIME_WAIT', '3.10.7.4', out);
      else if (this.state === 'SYN_RECEIVED') this.enter('CLOSED', 'received RST: connection refused', '3.10.7.4', out);
      else this.enter('CLOSED', 'received RST: connection reset by the peer', '3.10.7.4', out);
      return { verdict: 'no-data', expected, changes: out };
    }

    const used = occupied(s);
    let verdict: SegmentVerdict;
    let finReceived = false;
    if (s.syn && this.irs !== null && s.seq === this.irs) {
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

    switch (this.state) {
      case 'SYN_RECEIVED':
        if (synAcked) this.enter('ESTABLISHED', 'received ACK of our SYN', '3.10.7.4', out);
        if (finReceived) this.enter('CLOSE_WAIT', 'received FIN: the peer has no more to send', '3.10.7.4', out);
        break;
      case 'ESTABLISHED':
        if (finReceived) this.enter('CLOSE_WAIT', 'received FIN: the peer has no more to send', '3.10.7.4', out);
        break;
      case 'FIN_WAIT_1':
        if (finAcked && finReceived) this.enter('TIME_WAIT', 'received FIN that also acks our FIN', '3.10.7.4', out);
        else if (finAcked) this.enter('FIN_WAIT_2', 'received ACK of our FIN', '3.10.7.4', out);
        else if (finReceived) this.enter('CLOSING', 'received FIN before the ACK of ours (simultaneous close)', '3.10.7.4', out);
        break;
      case 'FIN_WAIT_2':
        if (finReceived) this.enter('TIME_WAIT', 'received FIN: both directions are closed', '3.10.7.4', out);
        break;
      case 'CLOSING':
        if (finAcked) this.enter('TIME_WAIT', 'received ACK of our FIN', '3.10.7.4', out);
        break;
      case 'LAST_ACK':
        if (finAcked) this.enter('CLOSED', 'received ACK of our FIN', '3.10.7.4', out);
        break;
      default:
        break;
    }
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
