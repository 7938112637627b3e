// Selective acknowledgment: the receiver's SACK blocks (RFC 2018) and the sender's
// scoreboard with RFC 6675's loss recovery. Used only when both SYNs carried SACK-permitted
// and the configuration asks for it (`sackRecovery`, on under the `linux` profile).
//
// The receiver side reports the data it holds after a gap, most recent block first; the
// sender side records what was SACKed and answers RFC 6675's questions: IsLost, Pipe
// (SetPipe) and NextSeg. Neither keeps a clock or sends anything; connection.ts asks.
//
// Choices where the RFCs leave one, as Linux makes them:
// - Blocks per ACK: up to 4, or 3 beside timestamps (tcp_established_options: what fits in
//   the 40 bytes of options), and none on a data segment without room for them.
// - A timeout keeps the scoreboard (RFC 6675 §5.1 allows it; Linux's tcp_timeout_mark_lost
//   keeps SACKed segments and marks every other one below SND.NXT lost), so after a timeout
//   only the holes go again, in slow start.
// Not done: D-SACK (RFC 2883), NextSeg's rescue retransmission (rule 4, a MAY), limited
// transmit (RFC 3042), and detecting a receiver that reneges (ours never discards).
import { seqAdd, seqDiff, seqGe, seqGt, seqLt, seqMax, seqMin, type Seq } from '../../wire/seq.js';
import type { SackBlock } from '../../wire/tcp.js';
import { DUPACK_THRESHOLD } from './congestion.js';

/** RFC 2018 §3: 8 bytes a block, behind NOP NOP kind length (Linux aligns them so). */
const SACK_OPTION_BASE = 4;
const SACK_BLOCK_SPACE = 8;
/** TCP_NUM_SACKS: the most blocks Linux remembers and sends. */
export const MAX_SACK_BLOCKS = 4;
/** Beside timestamps (12 bytes) only three blocks fit in 40 bytes of options. */
export const MAX_SACK_BLOCKS_WITH_TIMESTAMPS = 3;

/** How many blocks fit in a segment's options, given its payload and the room a full segment leaves. */
export function sackBlocksThatFit(max: number, payload: number, sendMss: number): number {
  if (payload === 0) return max;
  const room = sendMss - payload - SACK_OPTION_BASE;
  return Math.max(0, Math.min(max, Math.floor(room / SACK_BLOCK_SPACE)));
}

/** A stretch of held data, as the receive buffer keeps it: bytes after RCV.NXT. */
export interface HeldRange {
  readonly offset: number;
  readonly length: number;
}

/**
 * The receiver's side (RFC 2018 §4): "The first SACK block ... MUST specify the contiguous
 * block of data containing the segment which triggered this ACK", and the rest repeat "the
 * most recently reported SACK blocks", newest first, leaving out any now part of another.
 */
export class SackReporter {
  /** A number inside each block, most recent first: blocks grow and merge, a number inside stays inside. */
  private recent: Seq[] = [];

  /** Out-of-order data starting at `seq` was just held. */
  arrived(seq: Seq): void {
    this.recent.unshift(seq);
    if (this.recent.length > 2 * MAX_SACK_BLOCKS) this.recent.length = 2 * MAX_SACK_BLOCKS;
  }

  /** The blocks for an ACK, at most `max`, with RCV.NXT at `rcvNxt` and `held` what waits after it. */
  blocks(rcvNxt: Seq, held: readonly HeldRange[], max: number): SackBlock[] {
    if (held.length === 0) {
      this.recent = [];
      return [];
    }
    const out: SackBlock[] = [];
    const kept: Seq[] = [];
    for (const s of this.recent) {
      const at = seqDiff(s, rcvNxt);
      const piece = held.find((p) => at >= p.offset && at < p.offset + p.length);
      if (!piece) continue; // delivered, now below RCV.NXT
      const left = seqAdd(rcvNxt, piece.offset);
      if (out.some((b) => b.left === left)) continue; // the same block, reported already
      kept.push(s);
      out.push({ left, right: seqAdd(left, piece.length) });
      if (kept.length === MAX_SACK_BLOCKS) break;
    }
    this.recent = kept;
    return out.slice(0, max);
  }
}

/** A range of sequence numbers [left, right). */
interface Range {
  left: Seq;
  right: Seq;
}

/** Which kind of loss recovery runs, and where it ends. */
export interface SackRecoveryPhase {
  /** `fast`: entered on SACK evidence (RFC 6675 §5 step 4); `loss`: after a timeout. */
  readonly kind: 'fast' | 'loss';
  /** RecoveryPoint (RFC 6675 §5 step 4.1), exclusive: recovery ends once SND.UNA reaches it. */
  readonly point: Seq;
}

/** What NextSeg picked: the range to resend, and which of its rules picked it. */
export interface NextSegment {
  readonly from: Seq;
  /** Exclusive; the caller cuts it to one segment as first sent and to SMSS. */
  readonly to: Seq;
  readonly rule: 1 | 3;
}

/**
 * The sender's scoreboard (RFC 6675 §3, §4): the SACKed octets between HighACK (SND.UNA)
 * and HighData (SND.NXT), HighRxt, and the recovery phase. Octets, not segments, as the RFC
 * counts them; a FIN counts as one.
 */
export class Scoreboard {
  /** SACKed, sorted, disjoint and not touching; all inside [SND.UNA, SND.NXT). */
  private sacked: Range[] = [];
  /** HighRxt as the first number after it: every octet below was retransmitted or acknowledged. */
  private highRxtEnd: Seq;
  private recovery: SackRecoveryPhase | null = null;

  constructor(private readonly smss: number, sndUna: Seq) {
    this.highRxtEnd = sndUna;
  }

  get phase(): SackRecoveryPhase | null {
    return this.recovery;
  }

  /** Bytes SACKed and not yet cumulatively acknowledged. */
  get sackedBytes(): number {
    let n = 0;
    for (const r of this.sacked) n += seqDiff(r.right, r.left);
    return n;
  }

  isSacked(s: Seq): boolean {
    return this.sacked.some((r) => !seqLt(s, r.left) && seqLt(s, r.right));
  }

  /**
   * Update() (RFC 6675 §4): records an ACK's blocks. Blocks not wholly inside
   * [SND.UNA, SND.NXT) are cut to it (a D-SACK block below SND.UNA vanishes). Returns
   * whether any octet was SACKed for the first time: RFC 6675 §2's duplicate acknowledgment.
   */
  update(blocks: readonly SackBlock[], sndUna: Seq, sndNxt: Seq): boolean {
    this.acknowledged(sndUna);
    if (blocks.length === 0) return false;
    const before = this.sackedBytes;
    for (const b of blocks) {
      const left = seqMax(b.left, sndUna);
      const right = seqMin(b.right, sndNxt);
      if (seqLt(left, right) && seqLt(b.left, b.right)) this.add(left, right);
    }
    return this.sackedBytes > before;
  }

  /** SND.UNA moved to `sndUna`: what lies below is no longer the scoreboard's. */
  acknowledged(sndUna: Seq): void {
    while (this.sacked.length > 0 && !seqGt(this.sacked[0]!.right, sndUna)) this.sacked.shift();
    const first = this.sacked[0];
    if (first && seqLt(first.left, sndUna)) first.left = sndUna;
    this.highRxtEnd = seqMax(this.highRxtEnd, sndUna);
    if (this.recovery && seqGe(sndUna, this.recovery.point)) this.recovery = null; // §5 (A)
  }

  /**
   * IsLost(SeqNum) (RFC 6675 §4): DupThresh discontiguous SACKed ranges lie above it, or
   * more than (DupThresh − 1) × SMSS SACKed octets. After a timeout, every unSACKed octet
   * below RecoveryPoint is lost as well (Linux: tcp_timeout_mark_lost).
   */
  isLost(s: Seq): boolean {
    if (this.recovery?.kind === 'loss' && seqLt(s, this.recovery.point) && !this.isSacked(s)) return true;
    let ranges = 0;
    let octets = 0;
    for (const r of this.sacked) {
      if (!seqGt(r.right, s)) continue;
      ranges++;
      octets += seqDiff(r.right, seqMax(r.left, seqAdd(s, 1)));
    }
    return ranges >= DUPACK_THRESHOLD || octets > (DUPACK_THRESHOLD - 1) * this.smss;
  }

  /** RFC 6675 §5 step 4: loss recovery begins; RecoveryPoint = HighData. */
  enterRecovery(sndNxt: Seq): void {
    this.recovery = { kind: 'fast', point: sndNxt };
  }

  /**
   * A retransmission timeout (RFC 6675 §5.1): RecoveryPoint = HighData, and HighRxt falls
   * back to HighACK, since the timer's resend starts the holes over.
   */
  timedOut(sndUna: Seq, sndNxt: Seq): void {
    this.recovery = { kind: 'loss', point: sndNxt };
    this.highRxtEnd = sndUna;
  }

  /** §5 step 4.3 and (C.2): HighRxt = the highest octet resent, here `end` − 1. */
  retransmitted(end: Seq): void {
    this.highRxtEnd = seqMax(this.highRxtEnd, end);
  }

  /**
   * SetPipe() (RFC 6675 §4): of the octets from HighACK to HighData not SACKed, one each if
   * not lost, and one more each if retransmitted (at or below HighRxt).
   */
  pipe(sndUna: Seq, sndNxt: Seq): number {
    let pipe = 0;
    this.eachHole(sndUna, sndNxt, (from, to) => {
      if (!this.isLost(from)) pipe += seqDiff(to, from);
      const rxtEnd = seqMin(to, this.highRxtEnd);
      if (seqLt(from, rxtEnd)) pipe += seqDiff(rxtEnd, from);
      return false;
    });
    return pipe;
  }

  /**
   * NextSeg() (RFC 6675 §4), rules 1 and 3; rule 2 (new data) is the caller's, between them.
   * Rule 1: the first unSACKed octet above HighRxt, below the highest SACKed one, and lost.
   * Rule 3: the same without "lost".
   */
  nextSeg(sndUna: Seq, sndNxt: Seq, rule: 1 | 3): NextSegment | null {
    const top = this.sacked.at(-1);
    let found: NextSegment | null = null;
    if (top) this.eachHole(sndUna, top.left, (from, to) => {
      const start = seqMax(from, this.highRxtEnd);
      if (!seqLt(start, to)) return false;
      if (rule === 1 && !this.isLost(start)) return false;
      found = { from: start, to, rule };
      return true;
    });
    // After a timeout, a hole above every SACKed octet is lost too (rule 1 only).
    if (!found && rule === 1 && this.recovery?.kind === 'loss') {
      const start = seqMax(top?.right ?? sndUna, this.highRxtEnd);
      const end = seqMin(sndNxt, this.recovery.point);
      if (seqLt(start, end)) found = { from: start, to: end, rule };
    }
    return found;
  }

  /** Calls `f` on each unSACKed range of [from, to) in order, until it returns true. */
  private eachHole(from: Seq, to: Seq, f: (from: Seq, to: Seq) => boolean): void {
    let at = from;
    for (const r of this.sacked) {
      if (!seqLt(at, to)) return;
      if (seqLt(at, r.left) && f(at, seqMin(r.left, to))) return;
      at = seqMax(at, r.right);
    }
    if (seqLt(at, to)) f(at, to);
  }

  private add(left: Seq, right: Seq): void {
    const apart: Range[] = [];
    let l = left;
    let r = right;
    for (const x of this.sacked) {
      if (seqLt(x.right, l) || seqGt(x.left, r)) apart.push(x);
      else {
        l = seqMin(l, x.left);
        r = seqMax(r, x.right);
      }
    }
    apart.push({ left: l, right: r });
    this.sacked = apart.sort((a, b) => seqDiff(a.left, b.left));
  }
}
