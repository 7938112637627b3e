// One TCP connection: the TCB of RFC 9293 §3.3.1 and the state machine that runs it.
//
// It is sans-I/O, as smoltcp's socket is: segments come in through `segmentArrives`, go out
// through `pollSegment`, and time is passed in. Which state comes next, and why,
// is decided by the one transition function (transition.ts) that replay's inference uses
// too; this file keeps the TCB and does the work. The numbered steps of §3.10.7.4 live in
// `synchronizedArrival`, which reports what happened and leaves the state to that function.
//
// Congestion control (RFC 5681, NewReno) is congestion.ts's; this file asks it how much may
// be in flight and tells it what each ACK and timeout did.
//
// SACK (RFC 2018 blocks, RFC 6675 recovery) is sack.ts's, when both SYNs offered it and
// `sackRecovery` is on (the `linux` profile); under `rfc` SACK-permitted may be offered,
// but no SACK blocks are ever sent.
//
// Under `profile: linux` the receiver acks and opens its window as Linux does
// (linux-receiver.ts), and the sender pushes as Linux does (linux-push.ts). Nagle's
// algorithm (nagle.ts) is off unless configured, and on by default under `linux`.
//
// What this TCP does not do, on purpose: urgent data. Keep-alive (off unless configured)
// and the user timeout follow Linux where the RFCs leave a choice.
import type { ResetReason } from '../reasons.js';
import { MS, type Micros } from '../time.js';
import {
  segmentLength, seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt, seqMax, seq, type Seq,
} from '../../wire/seq.js';
import { NO_FLAGS, tcpSegmentLength, type TcpOption, type TcpSegment } from '../../wire/tcp.js';
import type {
  Endpoint, SegmentVerdict, TcpConfig, TcpConnection, TcpConnectionOptions, TcpEvent, TcpSnapshot, TcpState,
} from './api.js';
import {
  DEFAULT_SEND_MSS, MAX_WINDOW_FIELD, MAX_WINDOW_SHIFT, TIMESTAMPS_SPACE, readSynOffer, readTimestamps, synOptions,
  timestampOptions,
} from './options.js';
import { Congestion, type CongestionDecision, type RecoveryReason } from './congestion.js';
import { LinuxAcks, grownSsthresh, linuxSynWindow } from './linux-receiver.js';
import { LinuxPush } from './linux-push.js';
import { nagleHolds } from './nagle.js';
import { ReceiveBuffer } from './receive-buffer.js';
import { resetForUnexpected } from './reset.js';
import { RtoEstimator } from './rto.js';
import {
  MAX_SACK_BLOCKS, MAX_SACK_BLOCKS_WITH_TIMESTAMPS, SackReporter, Scoreboard, sackBlocksThatFit,
} from './sack.js';
import { SendQueue, flightDataSeq, flightEnd, type FlightSegment } from './send-queue.js';
import { Timers } from './timers.js';
import { ackOfSyn, tcpTransition, type CheckedSegment, type TcpCause, type TcpInput, type TcpTransition } from './transition.js';

export { resetForUnexpected } from './reset.js';

/** The sequence numbers a SYN and a FIN occupy (the rule itself lives in seq.ts). */
const SYN_SPAN = segmentLength({ syn: true, fin: false, dataLength: 0 });
const FIN_SPAN = segmentLength({ syn: false, fin: true, dataLength: 0 });
/** RFC 9293 §3.8.6.2.2: Fr, the fraction of the buffer by which the window must be able to open. */
const RECEIVER_SWS_FRACTION = 1 / 2;
/** A persist probe carries one byte of new data (RFC 9293 §3.8.6.1). */
const PROBE_LENGTH = 1;
const EMPTY = new Uint8Array(0);

/** States in which data and our FIN may still be sent (once our SYN is acknowledged). */
const SENDING_STATES: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'CLOSING', 'LAST_ACK']);
/** Where keep-alive watches an idle connection (Linux: not after our FIN, whose own timers end it). */
const KEEPALIVE_STATES: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'CLOSE_WAIT']);
/** RFC 9293 §3.10.2: SEND is accepted in these states (queued until ESTABLISHED if need be). */
const WRITABLE_STATES: ReadonlySet<TcpState> = new Set(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT']);

/**
 * What the peer's SYN taught us. It exists only once that SYN has arrived, so no receive
 * variable can be read before it has a value (RFC 9293 §3.3.1, receive sequence space).
 */
interface PeerTcb {
  readonly irs: Seq;
  rcvNxt: Seq;
  /**
   * RCV.NXT + RCV.WND as last advertised. It never moves left: shrinking the window is
   * "strongly discouraged" (RFC 9293 §3.8.6).
   */
  rcvEdge: Seq;
  /** Where the peer's FIN sits, once a segment carrying it was accepted (perhaps after a gap). */
  finSeq: Seq | null;
  /** RCV.NXT has passed the peer's FIN. */
  finReceived: boolean;
  readonly announcedMss: number | null;
  /** Eff.snd.MSS (RFC 9293 §3.7.1): the most data one of our segments may carry. */
  readonly sendMss: number;
  readonly windowScaling: boolean;
  /** Shift applied to the peer's window field, and to ours (RFC 7323 §2.3). */
  readonly sndShift: number;
  readonly rcvShift: number;
  readonly sackPermitted: boolean;
  readonly timestamps: boolean;
  /** TS.Recent and Last.ACK.sent (RFC 7323 §4.3). */
  tsRecent: number;
  lastAckSent: Seq;
}

const DROPPED: CheckedSegment = { kind: 'dropped' };
const RESET: CheckedSegment = { kind: 'reset' };
const SYN_IN_WINDOW: CheckedSegment = { kind: 'syn' };
const SYN_AGAIN: CheckedSegment = { kind: 'syn-again' };
const NEW_SYN: CheckedSegment = { kind: 'new-syn' };
/** tcp_timewait_state_process: the new incarnation's ISS is tw_snd_nxt + 65535 + 2. */
const REUSE_ISS_GAP = 65_537;

export function createConnection(opts: TcpConnectionOptions): TcpConnection {
  return new Connection(opts);
}

/** TSval ticks in milliseconds of simulated time (RFC 7323 §5.4 allows 1 ms to 1 s). */
function tsClock(now: Micros): number {
  return Math.floor(now / MS) >>> 0;
}

/** Timestamps wrap like sequence numbers and are compared the same way (RFC 7323 §5.2). */
function tsNotOlder(a: number, b: number): boolean {
  return seqGe(seq(a), seq(b));
}

class Connection implements TcpConnection {
  readonly local: Endpoint;
  readonly remote: Endpoint;
  private tcpState: TcpState;
  private readonly config: TcpConfig;
  private readonly emit: (e: TcpEvent) => void;
  /**
   * Opened by a passive OPEN: a RST in SYN_RECEIVED returns it to LISTEN (§3.10.7.4). An
   * active OPEN or SEND in LISTEN makes it active (§3.10.1).
   */
  private passive: boolean;
  private readonly iss: Seq;
  private readonly timers: Timers;
  private readonly rto: RtoEstimator;

  // Send sequence variables (RFC 9293 §3.3.1). SND.NXT moves when a segment goes out.
  private sndUna: Seq;
  private sndNxt: Seq;
  private sndWnd = 0;
  private sndWl1: Seq;
  private sndWl2: Seq;
  private sendQueue: SendQueue;
  /** close() was called: a FIN follows the last byte written. */
  private finQueued = false;
  /** close() in SYN_RECEIVED with data queued: done once ESTABLISHED is reached (§3.10.4). */
  private closeQueued = false;
  /** Our FIN's sequence number, once sent. */
  private finSeq: Seq | null = null;

  private peer: PeerTcb | null = null;
  private readonly recv = new ReceiveBuffer();

  // Output owed at the next poll.
  private readonly resets: TcpSegment[] = [];
  private ackOwed = false;
  /** In-order bytes received since our last ACK (delayed ACK, RFC 9293 §3.8.6.3). */
  private bytesSinceAck = 0;
  /** The oldest segment in flight must go out again. */
  private resendOwed = false;
  private probeOwed = false;
  /** The sequence number of a persist probe's byte sent beyond SND.NXT (see `probe`). */
  private probeSeq: Seq | null = null;

  // Loss recovery.
  /** Timeouts in a row for the oldest segment in flight. */
  private retries = 0;
  /**
   * cwnd, ssthresh, the duplicate ACK count and RFC 6582's "recover" (while SND.UNA is below
   * it, each partial ACK resends the next hole). It exists once the peer's SYN tells us SMSS.
   */
  private cc: Congestion | null = null;
  /** RFC 6675's scoreboard, when SACK is in use on this connection (see sack.ts). */
  private scoreboard: Scoreboard | null = null;
  /** RFC 2018's receiver side: which blocks our ACKs report, most recent first. */
  private readonly sackReporter = new SackReporter();
  private synTimedOut = false;
  private persistBackoff = 0;
  /** When a segment last arrived from the peer, and keep-alive probes unanswered since (RFC 9293 §3.8.4). */
  private lastHeard: Micros = 0;
  private keepAliveProbes = 0;
  private keepAliveOwed = false;
  private reportedWindows: { advertised: number; peer: number } | null = null;

  // Linux's ways (profile: linux), each null or unused under `rfc`.
  /** Quick ACKs and ping-pong mode, when delayed ACKs are on (linux-receiver.ts). */
  private linuxAcks: LinuxAcks | null;
  /** Where PSH is forced within a long write (linux-push.ts). */
  private readonly linuxPush: LinuxPush | null;
  /** rcv_ssthresh: how far the window may open for now; it grows with each segment received. */
  private rcvSsthresh = 0;
  /** SND.SML: the end of the last segment shorter than the MSS (Minshall's Nagle, nagle.ts). */
  private sndSml: Seq | null = null;
  /** Added to TSval (RFC 7323 §5.4). */
  private readonly tsOffset: number;
  /**
   * The FIN just accepted is acked late (Linux, ESTABLISHED): the ACK the transition owes
   * for it (§3.10.7.4 eighth) is left to the delayed-ACK timer, or to our own FIN.
   */
  private finAckLate = false;

  constructor(opts: TcpConnectionOptions) {
    this.local = opts.local;
    this.remote = opts.remote;
    this.config = opts.config;
    this.emit = opts.onEvent;
    this.passive = opts.passive;
    this.iss = opts.iss;
    // A passive connection starts listening at once; no event, since the host is still creating it.
    this.tcpState = opts.passive ? 'LISTEN' : 'CLOSED';
    this.timers = new Timers(opts.onEvent);
    this.rto = new RtoEstimator(opts.config);
    this.sndUna = this.sndNxt = this.sndWl1 = this.sndWl2 = opts.iss;
    this.sendQueue = new SendQueue(opts.config.sendBuffer, seqAdd(opts.iss, SYN_SPAN));
    const linux = opts.config.profile === 'linux';
    this.linuxAcks = this.newLinuxAcks();
    this.linuxPush = linux ? new LinuxPush(seqAdd(opts.iss, SYN_SPAN)) : null;
    this.tsOffset = opts.config.randomTsOffset ? (opts.tsOffset ?? 0) : 0;
  }

  get state(): TcpState {
    return this.tcpState;
  }

  get peerClosed(): boolean {
    return this.peer !== null && this.peer.finReceived && this.recv.unread === 0;
  }

  // ── User calls (RFC 9293 §3.10.1–§3.10.5) ────────────────────────────────────────────

  connect(now: Micros): void {
    // §3.10.1: an active OPEN; the SYN <SEQ=ISS><CTL=SYN> goes out at the next poll.
    if (this.sndNxt !== this.iss) return;
    const next = this.transition({ kind: 'connect' });
    if (next.changes.length === 0) return;
    // "change the connection from passive to active" (§3.10.1, LISTEN STATE)
    this.passive = false;
    this.follow(next, null, now);
    this.settle(now);
  }

  send(data: Uint8Array, now: Micros): number {
    // §3.10.2: a SEND in LISTEN is an active open, its data queued behind the SYN.
    if (this.tcpState === 'LISTEN') this.connect(now);
    if (!WRITABLE_STATES.has(this.tcpState) || this.finQueued || this.closeQueued) return 0;
    const taken = this.sendQueue.write(data);
    this.settle(now);
    return taken;
  }

  receive(max: number, now: Micros): Uint8Array {
    const data = this.recv.read(max);
    const peer = this.peer;
    if (data.length > 0 && peer && this.tcpState !== 'CLOSED') {
      // Announce the opened window at once only if it at least doubled (so from zero
      // always): a peer that may be waiting for it learns of it now, and otherwise the
      // next ACK carries it. Linux decides the same way (tcp_cleanup_rbuf). After the
      // peer's FIN nobody is waiting for it.
      const before = this.rcvWnd();
      if (this.openWindow(peer) && this.rcvWnd() >= 2 * before && !peer.finReceived) this.ackOwed = true;
    }
    this.settle(now);
    return data;
  }

  close(now: Micros): void {
    // §3.10.4: the FIN, if one is owed, is queued behind the data.
    this.follow(this.transition({ kind: 'close', queued: this.sendQueue.unsent(this.sndNxt) > 0 }), null, now);
    this.settle(now);
  }

  abort(now: Micros): void {
    // §3.10.5: a RST only if the peer holds state that must be reset.
    const next = this.transition({ kind: 'abort' });
    if (next.changes.length === 0) return;
    // The queues go before CLOSED is entered, so no one sees a closed connection still holding data.
    this.follow(next, null, now, () => this.discardQueues());
    this.settle(now);
  }

  // ── Arriving segments (RFC 9293 §3.10.7) ────────────────────────────────────────────

  segmentArrives(seg: TcpSegment, now: Micros): void {
    switch (this.tcpState) {
      case 'CLOSED':
      case 'LISTEN':
      case 'SYN_SENT': {
        // §3.10.7.1–§3.10.7.3: no receive sequence is synchronized yet, so there is no window
        // to check against, and the header alone decides.
        this.check(seg, 'no-data', seg.seq);
        const next = this.transition({ kind: 'segment', syn: seg.flags.syn, rst: seg.flags.rst, ack: ackOfSyn(seg.ack, this.iss, this.sndNxt) });
        if (seg.flags.rst && next.changes.length > 0) {
          this.emit({ kind: 'reset', reason: { code: 'peer-refused' } });
          this.discardQueues();
        }
        if (next.takesSyn) {
          this.learnPeer(seg);
          if (seg.ack !== null) {
            this.ackNewData(seg.ack, now);
            this.sndWl2 = seg.ack;
          }
        }
        this.follow(next, seg, now);
        // A SYN-ACK may carry data, and a FIN after it (§3.10.7.3: "continue processing at the sixth step").
        if (next.changes.at(-1)?.to === 'ESTABLISHED' && this.acceptText(seg, 'in-order', now)) {
          this.follow(this.transition({ kind: 'checked', outcome: { kind: 'accepted', synAcked: true, finAcked: false, finReceived: true } }), seg, now);
        }
        break;
      }
      case 'SYN_RECEIVED':
      case 'ESTABLISHED':
      case 'FIN_WAIT_1':
      case 'FIN_WAIT_2':
      case 'CLOSE_WAIT':
      case 'CLOSING':
      case 'LAST_ACK':
      case 'TIME_WAIT': {
        // §3.10.7.4
        const before = this.tcpState;
        // Anything from the peer shows it is alive (Linux: lrcvtime, icsk_probes_out = 0).
        this.lastHeard = now;
        this.keepAliveProbes = 0;
        const outcome = this.synchronizedArrival(seg, now);
        const next = this.transition({ kind: 'checked', outcome });
        if (next.send?.kind !== 'ack') this.finAckLate = false;
        // A passive open that is reset forgets the peer and listens again.
        if (next.changes[0]?.to === 'LISTEN') this.forgetPeer();
        this.follow(next, seg, now);
        if (this.closeQueued && (this.tcpState === 'ESTABLISHED' || this.tcpState === 'CLOSE_WAIT')) {
          // §3.10.4: the CLOSE queued in SYN_RECEIVED is processed now that ESTABLISHED was reached.
          this.closeQueued = false;
          this.follow(this.transition({ kind: 'close', queued: this.sendQueue.unsent(this.sndNxt) > 0 }), null, now);
        }
        if (before === 'TIME_WAIT' && outcome.kind !== 'reset' && this.isPeerFinAgain(seg)) {
          // The only thing that can arrive here is the peer's FIN again, because our ACK of it
          // was lost: step one has already owed the ACK; the 2MSL wait starts over.
          this.timers.start('time-wait', now + 2 * this.config.msl);
        }
        break;
      }
    }
    this.settle(now);
  }

  /**
   * Linux's TCP_TW_SYN (tcp_timewait_state_process): in TIME_WAIT, a SYN without ACK that
   * is not PAWS-rejected and lies above RCV.NXT, or carries a newer timestamp, ends this
   * incarnation (transition.ts decides, by profile) and gets the new one's ISS.
   */
  takeNewSyn(seg: TcpSegment, now: Micros): Seq | null {
    if (this.tcpState !== 'TIME_WAIT' || this.config.profile !== 'linux') return null;
    if (!seg.flags.syn || seg.flags.rst || seg.ack !== null) return null;
    const peer = this.requirePeer();
    const ts = peer.timestamps ? readTimestamps(seg.options) : null;
    // PAWS (RFC 7323 §5): a timestamp older than TS.Recent marks an old duplicate.
    if (ts && !tsNotOlder(ts.tsval, peer.tsRecent)) return null;
    const newer = seqGt(seg.seq, peer.rcvNxt) || (ts !== null && ts.tsval !== peer.tsRecent);
    if (!newer) return null;
    const next = this.transition({ kind: 'checked', outcome: NEW_SYN });
    if (next.changes.length === 0) return null;
    this.follow(next, seg, now);
    const iss = seqAdd(this.sndNxt, REUSE_ISS_GAP);
    return iss === 0 ? seqAdd(iss, 1) : iss;
  }

  /** The one state machine (transition.ts), asked about this connection. */
  private transition(input: TcpInput): TcpTransition {
    return tcpTransition({ state: this.tcpState, passive: this.passive, profile: this.config.profile }, input);
  }

  /**
   * Does what a transition says: owes its segment, then (after `beforeEntering`, if given)
   * enters its states in order.
   */
  private follow(next: TcpTransition, seg: TcpSegment | null, now: Micros, beforeEntering?: () => void): void {
    const send = next.send;
    if (send) {
      switch (send.kind) {
        case 'syn':
          break; // it goes out while SND.NXT = ISS (nextSegment)
        case 'syn-ack':
          // From LISTEN nothing is in flight yet; in a simultaneous open our SYN goes out again.
          if (this.sendQueue.resendOldest()) this.resendOwed = true;
          break;
        case 'ack':
          if (this.finAckLate) this.finAckLate = false;
          else this.ackOwed = true;
          break;
        case 'fin':
          this.finQueued = true;
          break;
        case 'close-queued':
          this.closeQueued = true;
          break;
        case 'rst':
          this.sendOurReset(send.reason, send.ack, now);
          break;
        case 'rst-reply':
          if (seg) this.replyReset(seg, send.reason);
          break;
      }
    }
    beforeEntering?.();
    for (const c of next.changes) this.enter(c.to, c.cause, now);
  }

  /**
   * RFC 9293 §3.10.7.4 "Otherwise", steps one to eight, for every state from SYN_RECEIVED
   * on. ACKs and window updates are applied here; state changes are left to the caller.
   */
  private synchronizedArrival(seg: TcpSegment, now: Micros): CheckedSegment {
    const peer = this.requirePeer();
    // Two segments that only a SYN_RECEIVED connection sees again:
    // - the peer's SYN once more, which the transition answers by profile;
    // - in a simultaneous open, the peer's SYN-ACK (RFC 9293 Figure 7, line 6): its SYN
    //   is one we already hold, and its ACK completes our side of the handshake. The
    //   figure takes it; Linux does too (tcp_validate_incoming).
    const synAgain = this.tcpState === 'SYN_RECEIVED' && seg.flags.syn && !seg.flags.rst && seg.seq === peer.irs;
    if (synAgain && seg.ack === null) {
      this.check(seg, 'duplicate', peer.rcvNxt);
      return SYN_AGAIN;
    }
    const simultaneousSynAck = synAgain && seg.ack === this.sndNxt;

    // First: is anything in the segment new and inside the receive window?
    const verdict = simultaneousSynAck ? 'no-data' : this.sequenceVerdict(seg, peer);
    this.check(seg, verdict, peer.rcvNxt);
    if (verdict === 'duplicate' || verdict === 'outside-window') {
      // "an acknowledgment should be sent in reply (unless the RST bit is set)"
      if (!seg.flags.rst) this.ackOwed = true;
      return DROPPED;
    }
    this.noteTimestamp(seg, peer);

    // Second: RST. RFC 5961 §3.2: reset only if it sits exactly at RCV.NXT; one merely
    // inside the window may be forged, so it is answered with a challenge ACK.
    if (seg.flags.rst) {
      if (seg.seq === peer.rcvNxt) {
        this.emit({ kind: 'reset', reason: { code: 'peer-reset' } });
        this.discardQueues();
        return RESET;
      }
      this.ackOwed = true;
      return DROPPED;
    }

    // Fourth: a SYN inside the window; the transition says what it does (RFC 5961 §4.2's
    // challenge ACK, or LISTEN again for a passive SYN_RECEIVED).
    if (seg.flags.syn && !simultaneousSynAck) return SYN_IN_WINDOW;

    // Fifth: the ACK field. Without it, the segment is dropped.
    if (seg.ack === null) return DROPPED;
    if (!this.processAck(seg, seg.ack, now)) return DROPPED;

    // Seventh and eighth: the data, then the FIN.
    const finReceived = verdict === 'no-data' ? false : this.acceptText(seg, verdict, now);
    return { kind: 'accepted', synAcked: this.synAcked(), finAcked: this.finAcked(), finReceived };
  }

  /**
   * Step one's acceptability test (RFC 9293 §3.10.7.4, the table of four cases), stated
   * as "does anything new fit in the window [RCV.NXT, RCV.NXT + RCV.WND)?". The `linux`
   * profile, like Linux (tcp_sequence, tcp_data_queue), also allows the right edge itself
   * for what takes no buffer space: a pure ACK from a peer that has filled our window,
   * and a FIN; the table does not (a FIN into a zero window waits until it opens).
   */
  private sequenceVerdict(seg: TcpSegment, peer: PeerTcb): SegmentVerdict {
    const start = seg.seq;
    const length = tcpSegmentLength(seg);
    if (length === 0) {
      if (seqLt(start, peer.rcvNxt)) return 'duplicate';
      // RCV.NXT+RCV.WND is outside the window (Table 6), unless the window is zero and
      // that is RCV.NXT itself. A RST there is outside in both profiles (RFC 5961 §3).
      const edgeAllowed = this.config.profile === 'linux' && !seg.flags.rst;
      if (start === peer.rcvEdge && start !== peer.rcvNxt && !edgeAllowed) return 'outside-window';
      return seqGt(start, peer.rcvEdge) ? 'outside-window' : 'no-data';
    }
    const end = seqAdd(start, length);
    if (seqLe(end, peer.rcvNxt)) return 'duplicate';
    const firstNew = seqMax(start, peer.rcvNxt);
    const finNumber = seg.flags.fin ? seqAdd(end, -FIN_SPAN) : null;
    const bareFinOnEdge = this.config.profile === 'linux' && finNumber === firstNew && finNumber === peer.rcvEdge;
    if (!seqLt(firstNew, peer.rcvEdge) && !bareFinOnEdge) return 'outside-window';
    return seqLe(start, peer.rcvNxt) ? 'in-order' : 'out-of-order';
  }

  /** Step five (RFC 9293 §3.10.7.4 fifth). Returns false when the segment is to be dropped. */
  private processAck(seg: TcpSegment, ack: Seq, now: Micros): boolean {
    if (this.tcpState === 'SYN_RECEIVED' && !(seqLt(this.sndUna, ack) && seqLe(ack, this.sndNxt))) {
      this.replyReset(seg, { code: 'ack-not-of-our-syn-ack' });
      return false;
    }
    if (this.probeSeq !== null && this.probeSeq === this.sndNxt && ack === seqAdd(this.sndNxt, PROBE_LENGTH)) {
      // The peer took the probe's byte after all: only now does it count as sent.
      this.sendQueue.sent({ seq: this.sndNxt, syn: false, fin: false, psh: false, dataLength: PROBE_LENGTH, firstSent: now, retransmitted: true });
      this.sndNxt = ack;
    }
    if (seqGt(ack, this.sndNxt)) {
      // It acknowledges something not yet sent: "send an ACK, drop the segment".
      this.ackOwed = true;
      return false;
    }
    const peer = this.requirePeer();
    // RFC 7323 §2.2: the window of a SYN is never scaled.
    const window = seg.flags.syn ? seg.window : seg.window * 2 ** peer.sndShift;
    const acksNewData = seqGt(ack, this.sndUna);
    if (acksNewData) this.ackNewData(ack, now);
    if (this.scoreboard) this.sackArrived(seg, this.scoreboard);
    else if (!acksNewData && ack === this.sndUna) this.countDuplicateAck(seg, window);
    // The window is taken only from a segment no older than the one that last set it
    // (SND.WL1, SND.WL2). Like Linux (tcp_may_update_window), an ACK of new data counts as
    // newer even when its sequence number is old, as on a retransmission: the peer wrote
    // it later. Without this, SND.UNA would move while SND.WND stayed, pushing the right
    // edge SND.UNA + SND.WND past anything the peer offered.
    const newer = acksNewData || seqLt(this.sndWl1, seg.seq) || (this.sndWl1 === seg.seq && seqLe(this.sndWl2, ack));
    if (seqGe(ack, this.sndUna) && newer) {
      this.sndWnd = window;
      this.linuxPush?.peerWindow(window);
      this.sndWl1 = seg.seq;
      this.sndWl2 = ack;
    }
    return true;
  }

  /** SND.UNA < ack ≤ SND.NXT: data (or our SYN or FIN) has been acknowledged. */
  private ackNewData(ack: Seq, now: Micros): void {
    const flightBefore = this.inFlight();
    const acked = this.sendQueue.acknowledge(ack);
    this.sndUna = ack;
    this.scoreboard?.acknowledged(ack);
    // New data bytes acknowledged (not our SYN or FIN): what congestion control counts.
    const ackedData = flightBefore - this.inFlight();
    this.retries = 0;
    this.resendOwed = false;
    // RFC 6298 §3 (Karn): a segment sent twice gives no sample, since either copy may have been acked.
    const oldest = acked[0];
    if (oldest && !acked.some((f) => f.retransmitted)) this.rto.sample(now - oldest.firstSent);
    if (this.synTimedOut && acked.some((f) => f.syn)) this.rto.afterSynTimeout();
    // RFC 6298 §5.2 and §5.3.
    if (this.sendQueue.flight.length === 0) this.timers.stop('retransmission');
    else this.timers.start('retransmission', this.retransmissionDue(now));
    // RFC 6582 §3.2: a full ACK ends recovery; a partial one shows where the next hole is.
    if (this.cc) this.follow5681(this.cc.newAck(ack, ackedData));
  }

  /** RFC 5681 §2: the five conditions of a duplicate ACK, then fast retransmit (§3.2). */
  private countDuplicateAck(seg: TcpSegment, window: number): void {
    const duplicate =
      this.sendQueue.flight.length > 0 &&
      seg.payload.length === 0 &&
      !seg.flags.syn &&
      !seg.flags.fin &&
      window === this.sndWnd;
    if (!duplicate || !this.cc) return;
    const decision = this.cc.duplicateAck(this.inFlight(), this.sndNxt);
    this.emit({ kind: 'duplicate-ack', ack: this.sndUna, count: this.cc.dupAcks });
    // RFC 6582 §3.2: at most one fast retransmit per window of data.
    this.follow5681(decision);
  }

  /**
   * RFC 6675 §5 for any ACK while SACK is in use: Update() records its blocks; one that
   * SACKs new octets is a duplicate ACK (§2), and outside recovery the third such, or the
   * scoreboard's IsLost(HighACK + 1), starts it: RecoveryPoint = HighData, the first
   * segment goes again (step 4.3), and `nextSegment` sends what Pipe allows (step C).
   */
  private sackArrived(seg: TcpSegment, board: Scoreboard): void {
    const option = seg.options.find((o) => o.kind === 'sack');
    const newlySacked = board.update(option?.kind === 'sack' ? option.blocks : [], this.sndUna, this.sndNxt);
    if (!newlySacked || !this.cc || this.sendQueue.flight.length === 0) return;
    const decision = this.cc.duplicateAck(this.inFlight(), this.sndNxt, board.isLost(this.sndUna));
    this.emit({ kind: 'duplicate-ack', ack: this.sndUna, count: this.cc.dupAcks });
    if (decision.resend === 'fast-retransmit') board.enterRecovery(this.sndNxt);
    this.follow5681(decision);
  }

  /**
   * Steps seven and eight: places the data, notes the FIN, and decides when to ACK.
   * Returns true when RCV.NXT has just passed the peer's FIN.
   */
  private acceptText(seg: TcpSegment, verdict: SegmentVerdict, now: Micros): boolean {
    const peer = this.requirePeer();
    // After the peer's FIN nothing more can come: "ignore the segment text".
    if (peer.finReceived) return false;
    const dataSeq = seqAdd(seg.seq, segmentLength({ syn: seg.flags.syn, fin: false, dataLength: 0 }));
    let delivered = 0;
    let filledGap = false;
    const windowBefore = seqDiff(peer.rcvEdge, peer.rcvNxt);
    if (seg.payload.length > 0) {
      const window = seqDiff(peer.rcvEdge, peer.rcvNxt);
      ({ delivered, filledGap } = this.recv.place(seqDiff(dataSeq, peer.rcvNxt), seg.payload, window));
      // RFC 2018 §4: the block holding what just arrived goes first in the next ACK.
      if (verdict === 'out-of-order' && this.sacking()) this.sackReporter.arrived(dataSeq);
      if (delivered > 0) {
        peer.rcvNxt = seqAdd(peer.rcvNxt, delivered);
        this.emit({ kind: 'deliver', length: delivered });
      }
    }
    if (seg.flags.fin && peer.finSeq === null) {
      // A FIN counts only if all the data before it fitted in the window.
      const finNumber = seqAdd(dataSeq, seg.payload.length);
      if (seqLe(finNumber, peer.rcvEdge)) peer.finSeq = finNumber;
    }
    const finReached = peer.finSeq !== null && peer.rcvNxt === peer.finSeq;
    if (finReached) {
      // The FIN takes a sequence number but no buffer space, so the right edge moves with
      // RCV.NXT and the window stays as it was (zero stays zero).
      peer.rcvNxt = seqAdd(peer.rcvNxt, FIN_SPAN);
      peer.rcvEdge = seqAdd(peer.rcvEdge, FIN_SPAN);
      peer.finReceived = true;
    }
    // Out-of-order data gets an immediate (duplicate) ACK, and so does data that fills a
    // gap (RFC 5681 §4.2), a FIN, and anything the window cut off. Only plain in-order
    // data may wait for a delayed ACK.
    const plainInOrder = verdict === 'in-order' && delivered > 0 && !filledGap && !finReached;
    const grew = this.config.profile === 'linux' && delivered > 0 && this.growWindow(delivered, peer);
    if (this.linuxAcks) {
      // Linux: a FIN in ESTABLISHED is acked late too (tcp_fin enters ping-pong mode), so
      // that the application's close sends one FIN-ACK instead of an ACK and a FIN.
      const lateFin = finReached && this.tcpState === 'ESTABLISHED' && verdict === 'in-order' && !filledGap;
      if (plainInOrder || lateFin) this.linuxDelayAck(delivered, windowBefore, grew, lateFin, peer, now);
      else this.ackOwed = true;
      this.finAckLate = lateFin && !this.ackOwed;
    } else if (plainInOrder && this.config.delayedAck) this.delayAck(delivered, peer, now);
    else this.ackOwed = true;
    return finReached;
  }

  /** Linux's __tcp_ack_snd_check after tcp_event_data_recv (linux-receiver.ts). */
  private linuxDelayAck(delivered: number, windowBefore: number, grew: boolean, fin: boolean, peer: PeerTcb, now: Micros): void {
    const acks = this.linuxAcks!;
    if (delivered > 0) acks.dataArrived(now, windowBefore, peer.sendMss);
    if (grew) acks.windowGrew();
    if (fin) acks.finArrived();
    this.bytesSinceAck += delivered;
    if (acks.ackNow(this.bytesSinceAck, peer.sendMss)) this.ackOwed = true;
    else if (!this.timers.running('delayed-ack')) this.timers.start('delayed-ack', now + this.config.delayedAckTimeout);
  }

  /**
   * Linux's tcp_grow_window: rcv_ssthresh, the most the window may offer for now, rises with
   * each segment while the buffer has room; the window itself follows at the next segment
   * we send (windowField). Returns whether it rose.
   */
  private growWindow(delivered: number, peer: PeerTcb): boolean {
    const space = Math.min(this.config.recvBuffer - this.recv.unread, MAX_WINDOW_FIELD * 2 ** peer.rcvShift);
    const grown = grownSsthresh(this.rcvSsthresh, delivered, this.advertisedMss(peer), space);
    if (grown === this.rcvSsthresh) return false;
    this.rcvSsthresh = grown;
    return true;
  }

  /** The MSS we announced, less the timestamps each segment carries (Linux's tp->advmss). */
  private advertisedMss(peer: PeerTcb | null): number {
    return this.config.mss - (peer?.timestamps ? TIMESTAMPS_SPACE : 0);
  }

  /** RFC 9293 §3.8.6.3: ACK at least every second full-sized segment, and within the delay. */
  private delayAck(delivered: number, peer: PeerTcb, now: Micros): void {
    this.bytesSinceAck += delivered;
    if (this.bytesSinceAck >= 2 * peer.sendMss) this.ackOwed = true;
    else if (!this.timers.running('delayed-ack')) this.timers.start('delayed-ack', now + this.config.delayedAckTimeout);
  }

  /** RFC 7323 §4.3: TS.Recent follows the peer's TSval for segments up to our last ACK. */
  private noteTimestamp(seg: TcpSegment, peer: PeerTcb): void {
    if (!peer.timestamps) return;
    const ts = readTimestamps(seg.options);
    if (ts && tsNotOlder(ts.tsval, peer.tsRecent) && seqLe(seg.seq, peer.lastAckSent)) peer.tsRecent = ts.tsval;
  }

  private isPeerFinAgain(seg: TcpSegment): boolean {
    const peer = this.requirePeer();
    return seg.flags.fin && !seg.flags.rst && seqAdd(seg.seq, tcpSegmentLength(seg)) === peer.rcvNxt;
  }

  /** From the peer's SYN (RFC 9293 §3.10.7.2, §3.10.7.3): IRS, RCV.NXT, and the options both offered. */
  private learnPeer(syn: TcpSegment): void {
    const offer = readSynOffer(syn.options);
    const timestamps = this.config.timestamps && offer.timestamps !== null;
    const ourShift = this.config.windowScale;
    const theirShift = offer.windowShift;
    const windowScaling = ourShift !== null && theirShift !== null;
    const rcvNxt = seqAdd(syn.seq, SYN_SPAN);
    // Linux rounds a SYN-ACK's window to the MSS less the timestamps it now knows are on.
    const firstWindow = this.initialWindow(syn.ack === null && timestamps ? TIMESTAMPS_SPACE : 0);
    this.rcvSsthresh = firstWindow;
    this.peer = {
      irs: syn.seq,
      rcvNxt,
      rcvEdge: seqAdd(rcvNxt, firstWindow),
      finSeq: null,
      finReceived: false,
      announcedMss: offer.mss,
      // RFC 9293 §3.7.1: the smaller of the two MSS values, less the options every segment carries.
      sendMss: Math.min(offer.mss ?? DEFAULT_SEND_MSS, this.config.mss) - (timestamps ? TIMESTAMPS_SPACE : 0),
      windowScaling,
      sndShift: windowScaling ? theirShift : 0,
      rcvShift: windowScaling ? Math.min(ourShift, MAX_WINDOW_SHIFT) : 0,
      sackPermitted: this.config.sackPermitted && offer.sackPermitted,
      timestamps,
      tsRecent: offer.timestamps?.tsval ?? 0,
      lastAckSent: rcvNxt,
    };
    const sack = this.peer.sackPermitted && this.config.sackRecovery;
    this.cc = new Congestion({
      algorithm: this.config.congestion, smss: this.peer.sendMss, initialWindow: this.config.initialWindow, synLost: this.synTimedOut, sack,
    });
    this.scoreboard = sack ? new Scoreboard(this.peer.sendMss, this.sndUna) : null;
    // RFC 7323 §2.2: the window of a SYN is never scaled.
    this.sndWnd = syn.window;
    this.linuxPush?.peerWindow(syn.window);
    this.sndWl1 = syn.seq;
    this.sndWl2 = this.sndUna;
  }

  private newLinuxAcks(): LinuxAcks | null {
    return this.config.profile === 'linux' && this.config.delayedAck ? new LinuxAcks(this.config.delayedAckTimeout) : null;
  }

  /** A passive connection reset in SYN_RECEIVED forgets the peer and listens again. */
  private forgetPeer(): void {
    this.timers.stopAll();
    this.peer = null;
    this.recv.clear();
    this.sndUna = this.sndNxt = this.sndWl1 = this.sndWl2 = this.iss;
    this.sndWnd = 0;
    this.sendQueue = new SendQueue(this.config.sendBuffer, seqAdd(this.iss, SYN_SPAN));
    this.ackOwed = this.resendOwed = this.probeOwed = this.synTimedOut = this.finQueued = this.closeQueued = false;
    this.probeSeq = this.cc = this.finSeq = this.scoreboard = null;
    this.retries = this.persistBackoff = this.rcvSsthresh = 0;
    this.reportedWindows = this.sndSml = null;
    this.linuxAcks = this.newLinuxAcks();
  }

  // ── Timers (RFC 9293 §3.10.8) ───────────────────────────────────────────────────────

  nextDeadline(): Micros | null {
    return this.timers.next();
  }

  get lingering(): boolean {
    return this.tcpState === 'TIME_WAIT' || this.timers.onlyRunning('keep-alive');
  }

  onDeadline(now: Micros): void {
    for (let timer = this.timers.takeExpired(now); timer !== null; timer = this.timers.takeExpired(now)) {
      switch (timer) {
        case 'retransmission':
          this.retransmissionTimeout(now);
          break;
        case 'persist':
          this.persistTimeout(now);
          break;
        case 'delayed-ack':
          this.ackOwed = true;
          this.linuxAcks?.timerFired();
          break;
        case 'time-wait':
          this.follow(this.transition({ kind: 'time-wait-expired' }), null, now);
          break;
        case 'keep-alive':
          this.keepAliveTimeout(now);
          break;
      }
    }
    this.settle(now);
  }

  /**
   * RFC 9293 §3.8.4, as Linux's tcp_keepalive_timer: after `time` of silence a probe goes
   * out, then one every `interval`; with `count` unanswered the connection is dead. While
   * data is in flight or waiting, the retransmission and persist timers watch the peer instead.
   */
  private keepAliveTimeout(now: Micros): void {
    const ka = this.config.keepAlive;
    if (!ka || !KEEPALIVE_STATES.has(this.tcpState)) return;
    if (this.sendQueue.flight.length > 0 || this.sendQueue.unsent(this.sndNxt) > 0) {
      this.timers.start('keep-alive', now + ka.time);
      return;
    }
    const idle = now - this.lastHeard;
    if (idle < ka.time) {
      this.timers.start('keep-alive', this.lastHeard + ka.time);
      return;
    }
    if (this.keepAliveProbes >= ka.count) {
      this.follow(this.transition({ kind: 'keep-alive-timeout', probes: this.keepAliveProbes }), null, now, () => this.discardQueues());
      return;
    }
    this.keepAliveProbes++;
    this.keepAliveOwed = true;
    this.emit({ kind: 'retransmit', seq: seqAdd(this.sndUna, -1), reason: 'keep-alive-probe' });
    this.timers.start('keep-alive', now + ka.interval);
  }

  /** RFC 6298 §5.1: RTO from now, but never past the user timeout (Linux: tcp_clamp_rto_to_user_timeout). */
  private retransmissionDue(now: Micros): Micros {
    const due = now + this.rto.current;
    const head = this.sendQueue.flight[0];
    const limit = this.config.userTimeout;
    return limit === null || !head ? due : Math.max(now, Math.min(due, head.firstSent + limit));
  }

  /** RFC 6298 §5.4–§5.6, and giving up after too many tries or the user timeout (RFC 9293 §3.8.3, R2; RFC 5482). */
  private retransmissionTimeout(now: Micros): void {
    const head = this.sendQueue.flight[0];
    if (!head) return;
    const limit = this.config.userTimeout;
    if (limit === null ? this.retries >= this.retryLimit(head) : now - head.firstSent >= limit) {
      this.giveUp(now);
      return;
    }
    this.retries++;
    this.rto.backOff();
    if (head.syn) {
      // A lost SYN or SYN-ACK says nothing about the path's capacity but that IW is one segment.
      this.synTimedOut = true;
      this.cc?.synResent();
      this.resend('timeout');
    } else if (this.cc) {
      this.scoreboard?.timedOut(this.sndUna, this.sndNxt);
      this.follow5681(this.cc.timeout(this.inFlight(), this.sndNxt, this.retries > 1));
    }
    this.timers.start('retransmission', this.retransmissionDue(now));
  }

  /** How many times `head` may go again: a SYN or SYN-ACK may have its own limit (tcp_syn_retries, tcp_synack_retries). */
  private retryLimit(head: FlightSegment): number {
    const own = head.syn ? (this.passive ? this.config.synAckRetries : this.config.synRetries) : null;
    return own ?? this.config.maxRetransmissions;
  }

  private giveUp(now: Micros): void {
    const retransmissions = this.retries;
    this.emit({ kind: 'give-up', retransmissions });
    this.follow(this.transition({ kind: 'give-up', retransmissions }), null, now, () => this.discardQueues());
  }

  /** RFC 9293 §3.8.6.1: a zero window is probed, with backoff, for as long as it stays shut. */
  private persistTimeout(now: Micros): void {
    if (!this.shouldPersist()) return;
    this.probeOwed = true;
    this.emit({ kind: 'retransmit', seq: this.probeSeqNumber(), reason: 'persist-probe' });
    this.persistBackoff++;
    this.timers.start('persist', now + this.persistInterval());
  }

  /** Where a zero-window probe sits: SND.NXT under `rfc`, SND.UNA − 1 under `linux` (see `probe`). */
  private probeSeqNumber(): Seq {
    return this.config.profile === 'linux' ? seqAdd(this.sndUna, -1) : this.sndNxt;
  }

  private shouldPersist(): boolean {
    return this.mayDataGoOut() && this.sndWnd === 0 && this.sendQueue.flight.length === 0 && this.sendQueue.unsent(this.sndNxt) > 0;
  }

  private persistInterval(): Micros {
    return Math.min(this.rto.current * 2 ** this.persistBackoff, this.config.rtoMax);
  }

  // ── Output ──────────────────────────────────────────────────────────────────────────

  pollSegment(now: Micros): TcpSegment | null {
    const reset = this.resets.shift();
    if (reset) return reset;
    const seg = this.nextSegment(now);
    this.settle(now);
    return seg;
  }

  /** What a real stack sends next: its SYN, then repairs, then new data or FIN, then a bare ACK. */
  private nextSegment(now: Micros): TcpSegment | null {
    if (this.tcpState === 'CLOSED' || this.tcpState === 'LISTEN') return null;
    if (this.sndNxt === this.iss) return this.sendSyn(now);
    if (this.resendOwed) {
      this.resendOwed = false;
      const head = this.sendQueue.flight[0];
      if (head) return this.transmit(head, now);
    }
    if (this.probeOwed) {
      this.probeOwed = false;
      const probe = this.probe(now);
      if (probe) return probe;
    }
    // RFC 6675 §5 (C): in SACK recovery NextSeg's rule 1 (a lost hole) comes before new
    // data (rule 2), and rule 3 (any hole) after it.
    const hole = this.sackResend(1, now);
    if (hole) return hole;
    const fresh = this.sendNew(now);
    if (fresh) return fresh;
    const anyHole = this.sackResend(3, now);
    if (anyHole) return anyHole;
    if (this.keepAliveOwed) {
      // RFC 9293 §3.8.4: <SEQ=SND.NXT−1>, no data (Linux: tcp_xmit_probe_skb, at SND.UNA − 1).
      this.keepAliveOwed = false;
      return this.makeSegment({ seq: seqAdd(this.sndUna, -1), syn: false, fin: false, psh: false, payload: EMPTY }, now);
    }
    // A pure ACK occupies no sequence number: it carries SND.NXT and leaves it where it is.
    if (this.ackOwed) return this.makeSegment({ seq: this.sndNxt, syn: false, fin: false, psh: false, payload: EMPTY }, now);
    return null;
  }

  /** §3.10.1 (SYN) or §3.10.7.2 (SYN-ACK): the segment that carries our ISS. */
  private sendSyn(now: Micros): TcpSegment {
    const syn: FlightSegment = { seq: this.iss, syn: true, fin: false, psh: false, dataLength: 0, firstSent: now, retransmitted: false };
    this.sendQueue.sent(syn);
    this.sndNxt = flightEnd(syn);
    return this.transmit(syn, now);
  }

  /**
   * Cuts the next segment of new data at SND.NXT: at most one MSS, and never past the
   * peer's window (SND.UNA + SND.WND). PSH marks the segment that empties the queue of
   * written data; the FIN rides on it, or goes alone once all data is out. The FIN takes
   * no room in the peer's buffer, so it does not wait for the window.
   */
  private sendNew(now: Micros): TcpSegment | null {
    // §3.10.4: a CLOSE in SYN_RECEIVED with nothing queued sends its FIN at once, before
    // our SYN is acknowledged; any other FIN waits for the data ahead of it.
    const finAlone = this.tcpState === 'FIN_WAIT_1' && this.finQueued && this.finSeq === null && this.sendQueue.unsent(this.sndNxt) === 0;
    if (!this.mayDataGoOut() && !finAlone) return null;
    const mss = this.requirePeer().sendMss;
    const unsent = this.sendQueue.unsent(this.sndNxt);
    const usable = Math.max(0, seqDiff(seqAdd(this.sndUna, this.sndWnd), this.sndNxt));
    let length = Math.min(unsent, usable, mss);
    // RFC 5681 §3.1: never more than cwnd in flight; in SACK recovery, RFC 6675's pipe counts instead.
    if (length > 0 && this.cc && !this.cc.allows(this.sackPipe() ?? this.inFlight(), length)) length = 0;
    const emptiesQueue = length === unsent;
    const fin = this.finQueued && emptiesQueue;
    if (length === 0 && !fin) return null;
    // Sender-side silly window avoidance (RFC 9293 §3.8.6.2.1), as Linux's tcp_snd_wnd_test:
    // a segment the peer's window would cut short waits while data is in flight, whose ACK
    // will move the window on. (The `rfc` profile sends the sliver.)
    if (this.config.profile === 'linux' && length > 0 && length < mss && length < unsent && this.inFlight() > 0) return null;
    // Nagle looks only at the last piece of what was written (Linux: tcp_skb_is_last).
    if (this.config.nagle && emptiesQueue && nagleHolds({
      profile: this.config.profile, length, mss, fin, sndUna: this.sndUna, sndNxt: this.sndNxt, inFlight: this.inFlight(), sndSml: this.sndSml,
    })) return null;
    const end = seqAdd(this.sndNxt, length);
    let psh = length > 0 && emptiesQueue;
    if (this.linuxPush && length > 0) {
      if (psh) this.linuxPush.marked(end);
      else psh = this.linuxPush.forced(end);
    }
    if (length > 0 && length < mss) this.sndSml = end;
    const segment: FlightSegment = {
      seq: this.sndNxt, syn: false, fin, psh, dataLength: length, firstSent: now, retransmitted: false,
    };
    this.sendQueue.sent(segment);
    if (fin) this.finSeq = seqAdd(segment.seq, length);
    this.sndNxt = flightEnd(segment);
    this.probeSeq = null;
    return this.transmit(segment, now);
  }

  /**
   * A window probe. Under `rfc`, one byte of new data at SND.NXT (RFC 9293 §3.8.6.1).
   * SND.NXT does not move, because the peer's window has no room for the byte; if the peer
   * takes it anyway, its ACK covers SND.NXT + 1 and only then does the byte count as sent
   * (see processAck). Under `linux`, no data at all: <SEQ=SND.UNA−1>, a number already
   * acknowledged, which the peer must answer with an ACK carrying its window
   * (tcp_send_probe0 → tcp_write_wakeup → tcp_xmit_probe_skb, "Use a previous sequence.
   * This should cause the other end to send an ack.").
   */
  private probe(now: Micros): TcpSegment | null {
    if (!this.shouldPersist()) return null;
    if (this.config.profile === 'linux') {
      return this.makeSegment({ seq: this.probeSeqNumber(), syn: false, fin: false, psh: false, payload: EMPTY }, now);
    }
    this.probeSeq = this.sndNxt;
    const psh = this.sendQueue.unsent(this.sndNxt) === PROBE_LENGTH;
    return this.makeSegment({ seq: this.sndNxt, syn: false, fin: false, psh, payload: this.sendQueue.read(this.sndNxt, PROBE_LENGTH) }, now);
  }

  /** Puts a segment of the flight on the wire, first time or again. */
  private transmit(f: FlightSegment, now: Micros): TcpSegment {
    const seg = this.makeSegment(
      { seq: f.seq, syn: f.syn, fin: f.fin, psh: f.psh, payload: this.sendQueue.read(flightDataSeq(f), f.dataLength) },
      now,
    );
    // RFC 6298 §5.1: the timer runs whenever something is in flight.
    if (!this.timers.running('retransmission')) this.timers.start('retransmission', this.retransmissionDue(now));
    return seg;
  }

  /** Pipe (RFC 6675 SetPipe) while SACK recovery runs, else null. */
  private sackPipe(): number | null {
    const board = this.scoreboard;
    return board?.phase ? board.pipe(this.sndUna, this.sndNxt) : null;
  }

  /**
   * RFC 6675 §5 (C), one segment: if cwnd − pipe ≥ SMSS, the hole NextSeg picks by `rule`,
   * as much of one segment as first sent as the hole holds; HighRxt moves past it (C.2).
   */
  private sackResend(rule: 1 | 3, now: Micros): TcpSegment | null {
    const board = this.scoreboard;
    const cc = this.cc;
    if (!board?.phase || !cc || this.sendQueue.flight.length === 0) return null;
    if (cc.cwnd - board.pipe(this.sndUna, this.sndNxt) < cc.smss) return null;
    const next = board.nextSeg(this.sndUna, this.sndNxt, rule);
    if (!next) return null;
    const part = this.sendQueue.resendPart(next.from, next.to, cc.smss);
    if (!part) return null;
    board.retransmitted(flightEnd(part));
    this.emit({ kind: 'retransmit', seq: part.seq, reason: 'sack-recovery' });
    return this.transmit(part, now);
  }

  /** Whether this connection sends SACK blocks: SACK was agreed and is in use (sack.ts). */
  private sacking(): boolean {
    return this.peer !== null && this.peer.sackPermitted && this.config.sackRecovery;
  }

  /** Does what congestion control decided: reports each change of cwnd or ssthresh, then resends. */
  private follow5681(d: CongestionDecision): void {
    for (const c of d.changes) this.emit({ kind: 'congestion', ...c });
    if (d.resend) this.resend(d.resend);
  }

  /** FlightSize (RFC 5681 §2) in data bytes: SND.NXT − SND.UNA, less a SYN or FIN among them. */
  private inFlight(): number {
    const span = seqDiff(this.sndNxt, this.sndUna);
    const syn = this.synAcked() || span === 0 ? 0 : SYN_SPAN;
    const fin = this.finSeq !== null && seqGe(this.finSeq, this.sndUna) && seqLt(this.finSeq, this.sndNxt) ? FIN_SPAN : 0;
    return span - syn - fin;
  }

  private resend(reason: RecoveryReason): void {
    const head = this.sendQueue.resendOldest();
    if (!head) return;
    this.resendOwed = true;
    // RFC 6675 §5 step 4.3: HighRxt = the highest octet of the segment resent.
    this.scoreboard?.retransmitted(flightEnd(head));
    this.emit({ kind: 'retransmit', seq: head.seq, reason });
  }

  private mayDataGoOut(): boolean {
    return SENDING_STATES.has(this.tcpState) && this.finSeq === null && this.synAcked();
  }

  private synAcked(): boolean {
    return seqGt(this.sndUna, this.iss);
  }

  private finAcked(): boolean {
    return this.finSeq !== null && seqGt(this.sndUna, this.finSeq);
  }

  /**
   * Every segment but a SYN before the peer's SYN carries ACK = RCV.NXT; sending it
   * settles any ACK owed.
   */
  private makeSegment(
    p: { readonly seq: Seq; readonly syn: boolean; readonly fin: boolean; readonly psh: boolean; readonly rst?: boolean; readonly payload: Uint8Array },
    now: Micros,
  ): TcpSegment {
    const peer = this.peer;
    const seg: TcpSegment = {
      srcPort: this.local.port,
      dstPort: this.remote.port,
      seq: p.seq,
      ack: peer ? peer.rcvNxt : null,
      flags: { ...NO_FLAGS, syn: p.syn, fin: p.fin, psh: p.psh, rst: p.rst ?? false },
      window: this.windowField(p.syn),
      urgentPointer: 0,
      options: this.optionsFor(p.syn, p.payload.length, now),
      payload: p.payload,
    };
    if (peer) {
      // Linux's inet_csk_ack_scheduled: this segment answers data that was waiting for an ACK.
      const ackScheduled = this.ackOwed || this.timers.running('delayed-ack');
      peer.lastAckSent = peer.rcvNxt;
      this.ackOwed = false;
      this.bytesSinceAck = 0;
      this.timers.stop('delayed-ack');
      // Linux's __tcp_transmit_skb: tcp_event_ack_sent (a quick ACK is used up only by a
      // segment that acks what was waiting: tcp_dec_quickack_mode), then tcp_event_data_sent.
      if (ackScheduled) this.linuxAcks?.ackSent();
      if (p.payload.length > 0) this.linuxAcks?.dataSent(now);
    }
    return seg;
  }

  /** Our RST for a connection we end: <SEQ=SND.NXT><CTL=RST>, or with ACK as Linux sends it ("R."). */
  private sendOurReset(reason: ResetReason, ack: boolean, now: Micros): void {
    const seg = this.makeSegment({ seq: this.sndNxt, syn: false, fin: false, psh: false, rst: true, payload: EMPTY }, now);
    this.resets.push(ack ? seg : { ...seg, ack: null });
    this.emit({ kind: 'reset', reason });
  }

  /** The §3.10.7.1 reply to a segment that does not belong here. */
  private replyReset(seg: TcpSegment, reason: ResetReason): void {
    const reply = resetForUnexpected(seg);
    if (!reply) return;
    this.resets.push(reply);
    this.emit({ kind: 'reset', reason });
  }

  /**
   * The window field: RCV.WND, scaled down after the handshake if scaling was agreed (a
   * SYN's window is never scaled, RFC 7323 §2.2). Scaling rounds UP, and the right edge
   * this advertises becomes RCV.NXT + RCV.WND: rounding down would offer an edge left of
   * one already offered (shift 7, 4000 bytes: the SYN's 4000, then 31 × 128 = 3968), the
   * shrinking RFC 9293 §3.8.6 and RFC 7323 §2.4 tell a receiver not to do. Linux does the
   * same (tcp_select_window: "Never shrink the offered window", ALIGN(cur_win, 1 << rcv_wscale)),
   * so the edge may pass the buffer by less than one unit of 2^shift bytes.
   */
  private windowField(syn: boolean): number {
    const peer = this.peer;
    if (syn || !peer) return Math.min(this.rcvWnd(), MAX_WINDOW_FIELD);
    // Linux works the window out afresh for every segment (tcp_select_window), so a grown
    // rcv_ssthresh shows at once.
    if (this.config.profile === 'linux' && this.tcpState !== 'SYN_RECEIVED') this.openWindow(peer);
    const unit = 2 ** peer.rcvShift;
    // openWindow keeps RCV.WND within 65535 units, so the cap never cuts the edge back.
    const field = Math.min(Math.ceil(this.rcvWnd() / unit), MAX_WINDOW_FIELD);
    peer.rcvEdge = seqMax(peer.rcvEdge, seqAdd(peer.rcvNxt, field * unit));
    return field;
  }

  private optionsFor(syn: boolean, payload: number, now: Micros): TcpOption[] {
    const peer = this.peer;
    const tsval = (tsClock(now) + this.tsOffset) >>> 0;
    if (syn) {
      // A SYN offers what is configured; a SYN-ACK only what the peer's SYN offered too.
      const timestamps = peer ? peer.timestamps : this.config.timestamps;
      const windowScaling = peer ? peer.windowScaling : this.config.windowScale !== null;
      return synOptions({
        mss: this.config.mss,
        windowShift: windowScaling && this.config.windowScale !== null ? Math.min(this.config.windowScale, MAX_WINDOW_SHIFT) : null,
        sackPermitted: peer ? peer.sackPermitted : this.config.sackPermitted,
        timestamps: timestamps ? { tsval, tsecr: peer?.tsRecent ?? 0 } : null,
      });
    }
    const options = peer?.timestamps ? timestampOptions(tsval, peer.tsRecent) : [];
    return peer && this.recv.holding && this.sacking() ? [...options, ...this.sackOptions(peer, payload)] : options;
  }

  /**
   * RFC 2018 §4: while data waits after a gap, every segment reports it, as NOP NOP and a
   * SACK option after the timestamps (Linux's tcp_options_write), with as many blocks as fit.
   */
  private sackOptions(peer: PeerTcb, payload: number): TcpOption[] {
    const max = sackBlocksThatFit(peer.timestamps ? MAX_SACK_BLOCKS_WITH_TIMESTAMPS : MAX_SACK_BLOCKS, payload, peer.sendMss);
    const blocks = max > 0 ? this.sackReporter.blocks(peer.rcvNxt, this.recv.heldRanges(), max) : [];
    return blocks.length > 0 ? [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks }] : [];
  }

  // ── The receive window (RFC 9293 §3.8.6) ────────────────────────────────────────────

  /** RCV.WND: what we advertise. Before the peer's SYN, the window our own SYN offers. */
  private rcvWnd(): number {
    return this.peer ? seqDiff(this.peer.rcvEdge, this.peer.rcvNxt) : this.initialWindow();
  }

  /**
   * The window our SYN or SYN-ACK offers. Linux rounds it down to a multiple of the MSS the
   * peer may send (tcp_select_initial_window: 64 240 = 44 × 1460), less `optionSpace` on a
   * SYN-ACK when timestamps are agreed (65 160 = 45 × 1448).
   */
  private initialWindow(optionSpace = 0): number {
    const space = Math.min(this.config.recvBuffer, MAX_WINDOW_FIELD);
    return this.config.profile === 'linux' ? linuxSynWindow(space, this.config.mss - optionSpace) : space;
  }

  /**
   * RFC 9293 §3.8.6.2.2, receiver-side silly window avoidance: the right edge moves only
   * once it can move by min(Fr × buffer, MSS), so the peer is never offered a sliver.
   * Returns whether it moved.
   */
  private openWindow(peer: PeerTcb): boolean {
    const free = this.config.recvBuffer - this.recv.unread;
    // Linux offers no more than rcv_ssthresh, which grows as segments arrive (growWindow).
    const allowed = this.config.profile === 'linux' ? Math.min(free, this.rcvSsthresh) : free;
    const possible = Math.min(allowed, MAX_WINDOW_FIELD * 2 ** peer.rcvShift);
    const current = seqDiff(peer.rcvEdge, peer.rcvNxt);
    const threshold = Math.min(this.config.recvBuffer * RECEIVER_SWS_FRACTION, peer.sendMss);
    if (possible - current < threshold) return false;
    peer.rcvEdge = seqAdd(peer.rcvNxt, possible);
    return true;
  }

  // ── State changes and bookkeeping ───────────────────────────────────────────────────

  /** Every state change goes through here, with its cause and the RFC section behind it. */
  private enter(to: TcpState, cause: TcpCause, now: Micros): void {
    const from = this.tcpState;
    this.tcpState = to;
    this.emit({ kind: 'state', from, to, cause });
    switch (to) {
      case 'ESTABLISHED':
        // With window scaling the window may now grow past what a SYN can say.
        if (this.peer) this.openWindow(this.peer);
        if (this.config.keepAlive) {
          this.lastHeard = now;
          this.timers.start('keep-alive', now + this.config.keepAlive.time);
        }
        break;
      case 'TIME_WAIT':
        // Nothing is left to send but the ACK of the peer's FIN; wait 2×MSL for stray
        // segments of this connection to die out before the port pair can be reused.
        this.timers.stop('retransmission');
        this.timers.stop('persist');
        this.timers.stop('delayed-ack');
        this.timers.stop('keep-alive');
        this.timers.start('time-wait', now + 2 * this.config.msl);
        break;
      case 'CLOSED':
        // The TCB is gone and its timers with it. Data already received stays readable
        // unless the connection was reset (see discardQueues).
        this.timers.stopAll();
        this.ackOwed = this.resendOwed = this.probeOwed = this.keepAliveOwed = false;
        break;
      case 'LISTEN':
      case 'SYN_SENT':
      case 'SYN_RECEIVED':
      case 'FIN_WAIT_1':
      case 'FIN_WAIT_2':
      case 'CLOSE_WAIT':
      case 'CLOSING':
      case 'LAST_ACK':
        break;
    }
  }

  /** After every input: the persist timer runs exactly while a zero window blocks data. */
  private settle(now: Micros): void {
    if (this.shouldPersist()) {
      if (!this.timers.running('persist')) this.timers.start('persist', now + this.persistInterval());
    } else {
      this.timers.stop('persist');
      this.persistBackoff = 0;
    }
    this.reportWindows();
  }

  private reportWindows(): void {
    if (!this.peer || this.tcpState === 'CLOSED') return;
    const advertised = this.rcvWnd();
    const last = this.reportedWindows;
    if (last && last.advertised === advertised && last.peer === this.sndWnd) return;
    this.reportedWindows = { advertised, peer: this.sndWnd };
    this.emit({ kind: 'window', advertised, peer: this.sndWnd });
  }

  /** A reset, sent or received, flushes every queue (RFC 9293 §3.10.5, §3.10.7.4 second). */
  private discardQueues(): void {
    this.recv.clear();
    this.sendQueue = new SendQueue(this.config.sendBuffer, this.sndNxt);
  }

  private check(seg: TcpSegment, verdict: SegmentVerdict, expected: Seq): void {
    this.emit({ kind: 'segment-check', verdict, seq: seg.seq, expected, length: tcpSegmentLength(seg) });
  }

  private requirePeer(): PeerTcb {
    if (!this.peer) throw new Error(`TCP in ${this.tcpState} has no receive state: the peer's SYN never arrived`);
    return this.peer;
  }

  snapshot(): TcpSnapshot {
    const peer = this.peer;
    return {
      state: this.tcpState,
      local: this.local,
      remote: this.remote,
      iss: this.iss,
      irs: peer ? peer.irs : null,
      sndUna: this.sndUna,
      sndNxt: this.sndNxt,
      sndWnd: this.sndWnd,
      rcvNxt: peer ? peer.rcvNxt : null,
      rcvWnd: this.rcvWnd(),
      sendBuffered: this.sendQueue.buffered,
      recvBuffered: this.recv.unread,
      outOfOrder: this.recv.outOfOrder,
      rcvSpace: Math.max(0, this.config.recvBuffer - this.recv.unread - this.recv.outOfOrder),
      peerMss: peer ? (peer.announcedMss ?? DEFAULT_SEND_MSS) : null,
      cwnd: this.cc && this.cc.algorithm === 'reno' ? this.cc.cwnd : null,
      ssthresh: this.cc && Number.isFinite(this.cc.ssthresh) ? this.cc.ssthresh : null,
      inFlight: this.synAcked() ? this.inFlight() : 0,
    };
  }
}
