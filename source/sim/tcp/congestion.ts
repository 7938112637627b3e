// Congestion control: RFC 5681 (slow start, congestion avoidance, fast retransmit and fast
// recovery) with NewReno's partial acknowledgments (RFC 6582). A pure state object: the
// connection tells it what an ACK or a timer did, and it answers with what to resend and
// how cwnd and ssthresh changed. It keeps no clock and sends nothing.
//
// Choices where the RFCs leave one:
// - Slow start grows by min(N, SMSS) per ACK of N new bytes: Appropriate Byte Counting with
//   L = 1 SMSS (RFC 5681 §3.1, equation 2; RFC 3465 §2.1).
// - Congestion avoidance counts bytes: once the bytes acked since the last increase reach
//   cwnd, cwnd grows by SMSS (RFC 5681 §3.1, the RECOMMENDED way), so it grows by one SMSS a
//   round trip in whole segments.
// - cwnd = ssthresh is congestion avoidance (slow start only while cwnd < ssthresh), as Linux
//   decides (tcp_in_slow_start).
// - A full ACK ends fast recovery with cwnd = ssthresh (RFC 6582 §3.2 step 3, option 2;
//   RFC 5681 §3.2 step 6, "deflating" the window).
// - `none` keeps no window at all: the sender is limited by the peer's window only, as a
//   sender whose cwnd never binds. Fast retransmit and the resending of holes after a
//   partial ACK stay, since they are loss recovery, not congestion control.
//
// With SACK (`sack`, see sack.ts) the loss side is RFC 6675's: the scoreboard says when a
// loss is seen and what to resend, and this object only sets cwnd and ssthresh (§5 step 4.2:
// both to half the flight, no inflation by duplicate ACKs, since Pipe counts what left).
//
// Not done: limited transmit (RFC 3042), restarting from the
// initial window after an idle period (RFC 5681 §4.1), and CUBIC (RFC 9438: Linux's default
// grows cwnd by a cubic function of the time since the last loss, not by one SMSS a round
// trip, and cuts it to 0.7 × cwnd instead of half the flight).
import { seqGe, type Seq } from '../../wire/seq.js';

export type CongestionAlgorithm = 'reno' | 'none';

/** RFC 5681 §3.2: the third duplicate ACK is taken as a loss, not a reordering. */
export const DUPACK_THRESHOLD = 3;

/** Why cwnd or ssthresh changed. */
export type CongestionCause =
  /** cwnd < ssthresh: cwnd += min(N, SMSS) for an ACK of N new bytes (RFC 5681 §3.1). */
  | 'slow-start'
  /** cwnd ≥ ssthresh: cwnd += SMSS once a cwnd's worth of bytes has been acked (RFC 5681 §3.1). */
  | 'congestion-avoidance'
  /** Third duplicate ACK: ssthresh = max(FlightSize / 2, 2·SMSS), cwnd = ssthresh + 3·SMSS (RFC 5681 §3.2). */
  | 'fast-retransmit'
  /** A further duplicate ACK during fast recovery: cwnd += SMSS (RFC 5681 §3.2 step 4). */
  | 'fast-recovery'
  /** A partial ACK: cwnd −= N, then += SMSS if N ≥ SMSS (RFC 6582 §3.2 step 3). */
  | 'partial-ack'
  /** A full ACK: cwnd = ssthresh (RFC 6582 §3.2 step 3; RFC 5681 §3.2 step 6). */
  | 'recovery-exit'
  /** The retransmission timer: ssthresh = max(FlightSize / 2, 2·SMSS), cwnd = 1 SMSS (RFC 5681 §3.1). */
  | 'timeout'
  /** SACK shows a loss: ssthresh = cwnd = max(FlightSize / 2, 2·SMSS) (RFC 6675 §5 step 4.2). */
  | 'sack-loss';

/** One change of cwnd or ssthresh, with the numbers the rule used. */
export interface CongestionChange {
  readonly cause: CongestionCause;
  readonly cwnd: number;
  /** Null while it is still "arbitrarily high" (RFC 5681 §3.1): no loss seen yet. */
  readonly ssthresh: number | null;
  readonly before: { readonly cwnd: number; readonly ssthresh: number | null };
  readonly smss: number;
  /** New data bytes the ACK acknowledged (slow start, congestion avoidance, partial ACK). */
  readonly acked: number;
  /** FlightSize when the loss was detected (fast retransmit, timeout). */
  readonly flight: number;
  /** A timeout of a segment the timer had already resent: ssthresh was held (RFC 5681 §3.1). */
  readonly again: boolean;
}

export type RecoveryReason = 'timeout' | 'fast-retransmit';

/** What the connection is to do after an ACK or a timer. */
export interface CongestionDecision {
  /** Resend the oldest unacknowledged segment, for this reason; null: nothing to resend. */
  readonly resend: RecoveryReason | null;
  readonly changes: readonly CongestionChange[];
}

/** RFC 5681 §3.1: the initial window, in segments of SMSS bytes. */
export function rfc5681InitialSegments(smss: number): number {
  if (smss > 2190) return 2;
  if (smss > 1095) return 3;
  return 4;
}

export interface CongestionOptions {
  readonly algorithm: CongestionAlgorithm;
  /** SMSS: the largest segment this sender sends (Eff.snd.MSS). */
  readonly smss: number;
  /** IW in segments; null: RFC 5681 §3.1's rule. */
  readonly initialWindow: number | null;
  /**
   * Our SYN (or SYN-ACK) had to be sent again: "the initial window used by a sender after a
   * correctly transmitted SYN MUST be one segment" (RFC 5681 §3.1).
   */
  readonly synLost: boolean;
  /** SACK-based loss recovery (RFC 6675) decides what to resend; see the top of this file. */
  readonly sack?: boolean;
}

const NONE: readonly CongestionChange[] = [];
const NO_DECISION: CongestionDecision = { resend: null, changes: NONE };
const RESEND_AFTER_TIMEOUT: CongestionDecision = { resend: 'timeout', changes: NONE };

export class Congestion {
  readonly algorithm: CongestionAlgorithm;
  readonly smss: number;
  readonly sack: boolean;
  private cwndBytes: number;
  /** Infinity until the first loss: "arbitrarily high" (RFC 5681 §3.1). */
  private ssthreshBytes = Number.POSITIVE_INFINITY;
  /** Congestion avoidance: bytes acked since cwnd last grew. */
  private bytesAcked = 0;
  private dupAckCount = 0;
  /** RFC 6582's "recover" (here the first number after it) and why recovery began. */
  private recovery: { readonly point: Seq; readonly reason: RecoveryReason } | null = null;

  constructor(opts: CongestionOptions) {
    this.algorithm = opts.algorithm;
    this.smss = opts.smss;
    this.sack = opts.sack ?? false;
    const segments = opts.synLost ? 1 : opts.initialWindow ?? rfc5681InitialSegments(opts.smss);
    this.cwndBytes = segments * opts.smss;
  }

  /** cwnd in bytes; Infinity when no congestion control runs. */
  get cwnd(): number {
    return this.algorithm === 'none' ? Number.POSITIVE_INFINITY : this.cwndBytes;
  }

  get ssthresh(): number {
    return this.algorithm === 'none' ? Number.POSITIVE_INFINITY : this.ssthreshBytes;
  }

  /** Our SYN or SYN-ACK timed out before any data: IW is one segment (RFC 5681 §3.1). */
  synResent(): void {
    this.cwndBytes = this.smss;
  }

  get dupAcks(): number {
    return this.dupAckCount;
  }

  get inRecovery(): RecoveryReason | null {
    return this.recovery?.reason ?? null;
  }

  /**
   * May a segment of `length` data bytes go out with `flight` bytes in flight? The sender
   * "MUST NOT send data with a sequence number higher than the sum of the highest
   * acknowledged sequence number and the minimum of cwnd and rwnd" (RFC 5681 §3.1); the
   * peer's window is checked by the caller. A segment that would not fit whole waits for
   * the next ACK rather than going out cut short, as Linux counts cwnd in segments.
   */
  allows(flight: number, length: number): boolean {
    return flight + length <= this.cwnd;
  }

  /** An ACK that moved SND.UNA to `ack`, acknowledging `acked` new data bytes. */
  newAck(ack: Seq, acked: number): CongestionDecision {
    this.dupAckCount = 0;
    const before = this.cwndBytes;
    const ssthreshBefore = this.ssthreshBytes;
    const recovery = this.recovery;
    if (recovery && !seqGe(ack, recovery.point) && this.sack) {
      // RFC 6675 §5 (B): cwnd holds during recovery, and the scoreboard picks what goes
      // again. After a timeout the sender is in slow start again.
      return { resend: null, changes: recovery.reason === 'timeout' ? this.grow(before, ssthreshBefore, acked) : NONE };
    }
    if (recovery && !seqGe(ack, recovery.point)) {
      // RFC 6582 §3.2 step 3, a partial ACK: the next hole is resent at once.
      if (recovery.reason === 'fast-retransmit') {
        if (this.algorithm === 'none') return { resend: recovery.reason, changes: NONE };
        this.cwndBytes = Math.max(this.smss, this.cwndBytes - acked + (acked >= this.smss ? this.smss : 0));
        return { resend: recovery.reason, changes: this.changed('partial-ack', before, ssthreshBefore, acked, 0) };
      }
      // After a timeout the sender is in slow start again, and grows as below.
      return { resend: recovery.reason, changes: this.grow(before, ssthreshBefore, acked) };
    }
    if (recovery) {
      // A full ACK ends recovery.
      this.recovery = null;
      if (recovery.reason === 'fast-retransmit' && this.algorithm === 'reno') {
        this.cwndBytes = this.ssthreshBytes;
        this.bytesAcked = 0;
        return { resend: null, changes: this.changed('recovery-exit', before, ssthreshBefore, acked, 0) };
      }
    }
    const changes = this.grow(before, ssthreshBefore, acked);
    return changes === NONE ? NO_DECISION : { resend: null, changes };
  }

  /**
   * A duplicate ACK (the five conditions of RFC 5681 §2, checked by the caller) with `flight`
   * bytes in flight and SND.NXT at `sndNxt`.
   */
  duplicateAck(flight: number, sndNxt: Seq, lossShown = false): CongestionDecision {
    this.dupAckCount++;
    const before = this.cwndBytes;
    const ssthreshBefore = this.ssthreshBytes;
    if (this.sack) return this.sackDuplicate(flight, sndNxt, lossShown, before, ssthreshBefore);
    if (this.recovery?.reason === 'fast-retransmit') {
      if (this.algorithm === 'none') return NO_DECISION;
      // RFC 5681 §3.2 step 4: each further duplicate ACK means a segment has left the network.
      this.cwndBytes += this.smss;
      return { resend: null, changes: this.changed('fast-recovery', before, ssthreshBefore, 0, flight) };
    }
    // RFC 6582 §3.2 step 1: not while recovering from a timeout, at most once a window.
    if (this.dupAckCount !== DUPACK_THRESHOLD || this.recovery !== null) return NO_DECISION;
    this.recovery = { point: sndNxt, reason: 'fast-retransmit' };
    if (this.algorithm === 'none') return { resend: 'fast-retransmit', changes: NONE };
    // RFC 5681 §3.2 steps 2 and 3 (equation 4).
    this.ssthreshBytes = this.halfFlight(flight);
    this.cwndBytes = this.ssthreshBytes + DUPACK_THRESHOLD * this.smss;
    this.bytesAcked = 0;
    return { resend: 'fast-retransmit', changes: this.changed('fast-retransmit', before, ssthreshBefore, 0, flight) };
  }

  /**
   * The retransmission timer expired with `flight` bytes in flight. `again`: the segment had
   * already been resent by the timer, so ssthresh is held (RFC 5681 §3.1, after equation 4).
   */
  timeout(flight: number, sndNxt: Seq, again: boolean): CongestionDecision {
    this.dupAckCount = 0;
    // RFC 6582 §3.2 step 4: record recover and leave fast recovery.
    this.recovery = { point: sndNxt, reason: 'timeout' };
    if (this.algorithm === 'none') return RESEND_AFTER_TIMEOUT;
    const before = this.cwndBytes;
    const ssthreshBefore = this.ssthreshBytes;
    if (!again) this.ssthreshBytes = this.halfFlight(flight);
    // The loss window, LW: one full-sized segment.
    this.cwndBytes = this.smss;
    this.bytesAcked = 0;
    return { resend: 'timeout', changes: this.changed('timeout', before, ssthreshBefore, 0, flight, again) };
  }

  /**
   * RFC 6675 §5: a duplicate ACK is one that SACKs new octets. Outside recovery, the third
   * one (step 1), or SACK evidence that the first unacknowledged segment is lost (step 2,
   * `lossShown`: IsLost(HighACK + 1)), starts recovery; inside it, cwnd holds.
   */
  private sackDuplicate(flight: number, sndNxt: Seq, lossShown: boolean, before: number, ssthreshBefore: number): CongestionDecision {
    if (this.recovery !== null) return NO_DECISION;
    if (this.dupAckCount < DUPACK_THRESHOLD && !lossShown) return NO_DECISION;
    this.recovery = { point: sndNxt, reason: 'fast-retransmit' };
    if (this.algorithm === 'none') return { resend: 'fast-retransmit', changes: NONE };
    // Step 4.2: "cwnd and ssthresh are reduced to half of FlightSize per [RFC5681]".
    this.ssthreshBytes = this.halfFlight(flight);
    this.cwndBytes = this.ssthreshBytes;
    this.bytesAcked = 0;
    return { resend: 'fast-retransmit', changes: this.changed('sack-loss', before, ssthreshBefore, 0, flight) };
  }

  /** RFC 5681 equation (4): ssthresh = max(FlightSize / 2, 2·SMSS). */
  private halfFlight(flight: number): number {
    return Math.max(Math.floor(flight / 2), 2 * this.smss);
  }

  private grow(before: number, ssthreshBefore: number, acked: number): readonly CongestionChange[] {
    if (this.algorithm === 'none' || acked <= 0) return NONE;
    if (this.cwndBytes < this.ssthreshBytes) {
      this.cwndBytes += Math.min(acked, this.smss);
      return this.changed('slow-start', before, ssthreshBefore, acked, 0);
    }
    this.bytesAcked += acked;
    if (this.bytesAcked < this.cwndBytes) return NONE;
    this.bytesAcked -= this.cwndBytes;
    this.cwndBytes += this.smss;
    return this.changed('congestion-avoidance', before, ssthreshBefore, acked, 0);
  }

  private changed(
    cause: CongestionCause, cwndBefore: number, ssthreshBefore: number, acked: number, flight: number, again = false,
  ): readonly CongestionChange[] {
    if (this.cwndBytes === cwndBefore && this.ssthreshBytes === ssthreshBefore) return NONE;
    return [{
      cause, cwnd: this.cwndBytes, ssthresh: shown(this.ssthreshBytes), before: { cwnd: cwndBefore, ssthresh: shown(ssthreshBefore) },
      smss: this.smss, acked, flight, again,
    }];
  }
}

/** Infinity, "arbitrarily high", is reported as null. */
function shown(ssthresh: number): number | null {
  return Number.isFinite(ssthresh) ? ssthresh : null;
}
