// The contract between a host's stack and one TCP connection. The connection is sans-I/O
// (as smoltcp's socket is): segments go in through `segmentArrives`, come out through
// `pollSegment`, and time is always passed in, never read.
import type { Ipv4Addr } from '../../wire/address.js';
import type { Seq } from '../../wire/seq.js';
import type { DecodedTcp, TcpSegment } from '../../wire/tcp.js';
import type { ResetReason } from '../reasons.js';
import type { Micros } from '../time.js';
import type { CongestionAlgorithm, CongestionChange } from './congestion.js';
import type { TcpCause } from './transition.js';

/** RFC 9293 §3.3.2: the eleven states. */
export type TcpState =
  | 'CLOSED' | 'LISTEN' | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED'
  | 'FIN_WAIT_1' | 'FIN_WAIT_2' | 'CLOSE_WAIT' | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT';


export interface Endpoint {
  readonly ip: Ipv4Addr;
  readonly port: number;
}

/**
 * Whose reading of RFC 9293 a TCP follows where the standard and Linux part ways: `rfc`
 * does what §3.10 says, `linux` what Linux's TCP does (each difference is cited in
 * transition.ts, where the one state machine decides it).
 *
 * `linux` also starts from Linux 6.x's defaults (LINUX_TCP_DEFAULTS, which a lesson's
 * settings.tcp overrides one by one) and sends and acknowledges as Linux does where the
 * RFCs leave a choice: quick ACKs at the start of a connection then delayed ACKs, the
 * receive window growing segment by segment, Minshall's Nagle, a push every half window
 * (linux-receiver.ts, linux-push.ts and nagle.ts say what is modelled and what is not).
 */
export type TcpProfile = 'rfc' | 'linux';
export const TCP_PROFILES: readonly TcpProfile[] = ['rfc', 'linux'];

export interface TcpConfig {
  readonly profile: TcpProfile;
  /** The MSS this side announces: MTU − 20 (IP) − 20 (TCP) = 1460 on Ethernet. */
  readonly mss: number;
  /** Send buffer size in bytes: how much an application may write ahead. */
  readonly sendBuffer: number;
  /** Receive buffer size: the window advertised when the application keeps up. */
  readonly recvBuffer: number;
  /**
   * RFC 9293 §3.8.6.3; off by default so that every data segment is acked at once. Under
   * `linux`, on by default, as Linux's: quick ACKs first, then every second full segment or
   * after the timer (linux-receiver.ts).
   */
  readonly delayedAck: boolean;
  readonly delayedAckTimeout: Micros;
  /** Maximum segment lifetime; TIME_WAIT lasts 2 × MSL (Linux: fixed 60 s in total). */
  readonly msl: Micros;
  /**
   * RFC 6298 §2: initial RTO 1 s, at least 1 s, backed off to the max (at least 60 s, §2.5).
   * Under `linux`: initial 1 s (TCP_TIMEOUT_INIT), floor 200 ms (TCP_RTO_MIN), max 120 s
   * (TCP_RTO_MAX).
   */
  readonly rtoInitial: Micros;
  readonly rtoMin: Micros;
  readonly rtoMax: Micros;
  /**
   * Retransmissions of one segment before the connection gives up (RFC 9293 §3.8.3, R2).
   * Under `linux`, 15, net.ipv4.tcp_retries2's default; Linux then closes without a RST
   * (transition.ts, 'give-up').
   */
  readonly maxRetransmissions: number;
  /**
   * Retransmissions of our SYN (active open), and of our SYN-ACK (passive open), before
   * giving up; null: `maxRetransmissions`. Under `linux`, 6 and 5 (net.ipv4.tcp_syn_retries,
   * tcp_synack_retries): with an RTO of 1 s doubled, an unanswered connect() gives up after
   * 127 s.
   */
  readonly synRetries: number | null;
  readonly synAckRetries: number | null;
  /** Options to offer on SYN; each is used only if the peer offers it too. */
  readonly sackPermitted: boolean;
  /**
   * When both SYNs carried SACK-permitted: the receiver puts SACK blocks (RFC 2018 §4) in
   * its ACKs while it holds data after a gap, and the sender keeps a scoreboard and recovers
   * as RFC 6675 says, resending only the holes (sack.ts). Off under `rfc`, where
   * SACK-permitted may be offered but no block is ever sent; on under `linux`, as Linux
   * does with net.ipv4.tcp_sack = 1. Not a lesson setting: the profile decides it.
   */
  readonly sackRecovery: boolean;
  readonly timestamps: boolean;
  /** Window scale shift to offer, or null to offer none. */
  readonly windowScale: number | null;
  /**
   * Nagle's algorithm (RFC 896, RFC 9293 §3.7.4): a segment shorter than the MSS waits while
   * data is unacknowledged. Under `linux` it is Minshall's variant, as Linux's
   * tcp_nagle_check: it waits only while an earlier short segment is unacknowledged. Off
   * by default (TCP_NODELAY); on under `linux`, as a socket starts there.
   */
  readonly nagle: boolean;
  /**
   * RFC 7323 §5.4: TSval is the connection's clock in ms plus a random offset drawn per
   * connection from the seeded RNG (Linux since 4.10). False: TSval is simulated ms from 0.
   */
  readonly randomTsOffset: boolean;
  /** RFC 5681 congestion control with NewReno recovery (RFC 6582), or none: only the peer's window limits the sender. */
  readonly congestion: CongestionAlgorithm;
  /** The initial congestion window in segments; null: RFC 5681 §3.1 (4, 3 or 2 by SMSS). Linux uses 10 (RFC 6928). */
  readonly initialWindow: number | null;
  /**
   * RFC 9293 §3.8.3 (R2 as a time) and RFC 5482: how long sent data may stay unacknowledged
   * before the connection is given up, like Linux's TCP_USER_TIMEOUT. Null: give up after
   * `maxRetransmissions` instead.
   */
  readonly userTimeout: Micros | null;
  /**
   * RFC 9293 §3.8.4 (RFC 1122 §4.2.3.6): after `time` without hearing from the peer, probe
   * it every `interval`; after `count` unanswered probes the connection is dead. Off (null)
   * by default, as the RFC requires; Linux's defaults are 7200 s, 75 s and 9.
   */
  readonly keepAlive: KeepAlive | null;
}

export interface KeepAlive {
  readonly time: Micros;
  readonly interval: Micros;
  readonly count: number;
}

export const DEFAULT_TCP_CONFIG: TcpConfig = {
  profile: 'rfc',
  mss: 1460,
  sendBuffer: 65_536,
  recvBuffer: 65_535,
  delayedAck: false,
  delayedAckTimeout: 40_000,
  msl: 30_000_000,
  rtoInitial: 1_000_000,
  rtoMin: 1_000_000,
  rtoMax: 60_000_000,
  maxRetransmissions: 8,
  synRetries: null,
  synAckRetries: null,
  sackPermitted: false,
  sackRecovery: false,
  timestamps: false,
  windowScale: null,
  userTimeout: null,
  keepAlive: null,
  congestion: 'reno',
  initialWindow: null,
  nagle: false,
  randomTsOffset: false,
};

/**
 * The loss and timer side of what `settings.profile: linux` changes in the defaults; a
 * lesson's settings.tcp still wins over each. From include/net/tcp.h and the sysctl
 * defaults (Documentation/networking/ip-sysctl.rst).
 */
export const LINUX_LOSS_DEFAULTS: Partial<TcpConfig> = {
  rtoInitial: 1_000_000, // TCP_TIMEOUT_INIT (1 * HZ), as RFC 6298 §2.1
  rtoMin: 200_000, // TCP_RTO_MIN (HZ / 5)
  rtoMax: 120_000_000, // TCP_RTO_MAX (120 * HZ)
  maxRetransmissions: 15, // net.ipv4.tcp_retries2
  synRetries: 6, // net.ipv4.tcp_syn_retries
  synAckRetries: 5, // net.ipv4.tcp_synack_retries
  sackRecovery: true, // net.ipv4.tcp_sack
};

/**
 * What `profile: linux` changes in the defaults: Linux 6.x's, as a fresh socket has them
 * with stock sysctls (checked against the captures in test/linux-captures/). A lesson's
 * settings.tcp still overrides each one. The loss side (RTO floor, retries) is in
 * LINUX_LOSS_DEFAULTS.
 * - IW10 (RFC 6928; Linux's TCP_INIT_CWND).
 * - SYN options MSS, SACK-permitted, timestamps, window scale 7 (net.ipv4.tcp_sack,
 *   tcp_timestamps, tcp_window_scaling; 7 = ilog2(tcp_rmem[2] = 6 MiB) − 15), so a full
 *   segment carries 1460 − 12 = 1448 bytes.
 * - Delayed ACK, 40 ms (TCP_DELACK_MIN), with quick ACKs first (linux-receiver.ts).
 * - Nagle on (Minshall's variant), random TSval offsets.
 * - recvBuffer 77 272: the most the window may offer. Linux's limit is tcp_rmem[1] =
 *   131 072 bytes of buffer memory, of which the window offers the share its packets'
 *   payload takes (tp->scaling_ratio, learned per packet); in the captures the window stops
 *   growing at 75 824 bytes with one segment unread, and 75 824 + 1448 is what we take.
 * - sendBuffer 4 MiB: Linux grows the send buffer as the window grows (tcp_sndbuf_expand,
 *   up to tcp_wmem[2]), so a write of a few hundred KB never waits for room.
 * Congestion control stays RFC 5681 Reno (recovery by RFC 6675 SACK where agreed, else
 * NewReno); Linux's default is CUBIC (RFC 9438),
 * which grows cwnd by a cubic function of time since the last loss rather than one SMSS
 * per RTT, and on a loss cuts it to 0.7 × cwnd rather than half. Without loss both are in
 * slow start, so a loss-free exchange below ssthresh looks the same.
 */
export const LINUX_TCP_DEFAULTS: Partial<TcpConfig> = {
  initialWindow: 10,
  sackPermitted: true,
  timestamps: true,
  windowScale: 7,
  delayedAck: true,
  delayedAckTimeout: 40_000,
  nagle: true,
  randomTsOffset: true,
  recvBuffer: 77_272,
  sendBuffer: 4 * 1024 * 1024,
};

/** The defaults a profile starts from, before a lesson's own settings. */
export function profileDefaults(profile: TcpProfile): TcpConfig {
  return profile === 'linux' ? { ...DEFAULT_TCP_CONFIG, profile, ...LINUX_LOSS_DEFAULTS, ...LINUX_TCP_DEFAULTS } : DEFAULT_TCP_CONFIG;
}

/** The configuration a host's TCP runs with: the profile's defaults, then what was set. */
export function tcpConfigWith(set: Partial<TcpConfig> = {}): TcpConfig {
  return { ...profileDefaults(set.profile ?? 'rfc'), ...set };
}

/** Linux's keep-alive defaults (net.ipv4.tcp_keepalive_time, _intvl, _probes); RFC 1122 asks for no less than two hours idle. */
export const LINUX_KEEPALIVE: KeepAlive = { time: 7_200_000_000, interval: 75_000_000, count: 9 };

export type TimerKind = 'retransmission' | 'persist' | 'time-wait' | 'delayed-ack' | 'keep-alive';

/** What the receive side decided about an arriving segment (RFC 9293 §3.10.7.4 "first"). */
export type SegmentVerdict =
  | 'in-order'        // starts at RCV.NXT: accepted and passed up
  | 'out-of-order'    // inside the window but after a gap: queued, a duplicate ACK goes out
  | 'duplicate'       // entirely old: dropped, re-ACKed
  | 'outside-window'  // beyond the window: dropped, ACKed
  | 'no-data';        // a pure ACK or control segment: nothing to place

/**
 * Why a segment goes out again: the timer, the third duplicate ACK, a hole SACK blocks show
 * (RFC 6675 NextSeg, rules 1 and 3), or a probe of a zero window or an idle peer.
 */
export type RetransmitReason = 'timeout' | 'fast-retransmit' | 'sack-recovery' | 'persist-probe' | 'keep-alive-probe';

/** Everything a connection reports, in order, so the trace can show it. */
export type TcpEvent =
  | { readonly kind: 'state'; readonly from: TcpState; readonly to: TcpState; readonly cause: TcpCause }
  | { readonly kind: 'timer'; readonly timer: TimerKind; readonly action: 'start' | 'stop' | 'fire'; readonly due: Micros | null }
  | { readonly kind: 'segment-check'; readonly verdict: SegmentVerdict; readonly seq: Seq; readonly expected: Seq; readonly length: number }
  | { readonly kind: 'retransmit'; readonly seq: Seq; readonly reason: RetransmitReason }
  | { readonly kind: 'duplicate-ack'; readonly ack: Seq; readonly count: number }
  | { readonly kind: 'window'; readonly advertised: number; readonly peer: number }
  | ({ readonly kind: 'congestion' } & CongestionChange)
  | { readonly kind: 'deliver'; readonly length: number }
  | { readonly kind: 'reset'; readonly reason: ResetReason }
  | { readonly kind: 'give-up'; readonly retransmissions: number };

/** The numbers a learner is quizzed on, read at one instant (RFC 9293 §3.3.1 names). */
export interface TcpSnapshot {
  readonly state: TcpState;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly iss: Seq;
  readonly irs: Seq | null;
  readonly sndUna: Seq;
  readonly sndNxt: Seq;
  readonly sndWnd: number;
  readonly rcvNxt: Seq | null;
  readonly rcvWnd: number;
  /** Bytes written by the application and not yet acknowledged. */
  readonly sendBuffered: number;
  /** Bytes received in order and not yet read by the application. */
  readonly recvBuffered: number;
  /** Out-of-order bytes held for reassembly. */
  readonly outOfOrder: number;
  /**
   * Room free in the receive buffer (its size less unread and out-of-order bytes); the
   * window may offer less (it moves in steps; Linux grows it). Absent where unknown (replays).
   */
  readonly rcvSpace?: number;
  readonly peerMss: number | null;
  /** The congestion window in bytes (RFC 5681 §2); null without congestion control or before the handshake. */
  readonly cwnd: number | null;
  /** The slow start threshold; null while it is still "arbitrarily high" (no loss yet) or without congestion control. */
  readonly ssthresh: number | null;
  /** FlightSize (RFC 5681 §2): data bytes sent and not yet acknowledged, SND.NXT − SND.UNA less SYN and FIN. */
  readonly inFlight: number;
}

/** One connection: a TCB and the state machine that runs it. */
export interface TcpConnection {
  readonly state: TcpState;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** RFC 9293 §3.10.1 OPEN, active: sends SYN. */
  connect(now: Micros): void;
  /** RFC 9293 §3.10.2 SEND: copies what fits in the send buffer, returns bytes taken. */
  send(data: Uint8Array, now: Micros): number;
  /** RFC 9293 §3.10.3 RECEIVE: takes up to `max` in-order bytes; may open the window. */
  receive(max: number, now: Micros): Uint8Array;
  /** True once the peer's FIN has been received and all data before it read. */
  readonly peerClosed: boolean;
  /** RFC 9293 §3.10.4 CLOSE: FIN after the queued data. */
  close(now: Micros): void;
  /** RFC 9293 §3.10.5 ABORT: RST, and the TCB is gone. */
  abort(now: Micros): void;
  /** A segment for this connection's 4-tuple, already checksum-verified by the host. */
  segmentArrives(seg: DecodedTcp | TcpSegment, now: Micros): void;
  /**
   * A SYN for this connection's 4-tuple arrived while a listener waits on the local port:
   * under `linux`, a TIME_WAIT connection that takes it as a new incarnation (RFC 9293 §3.6,
   * RFC 6191, tcp_timewait_state_process) goes to CLOSED and returns the ISS the new
   * connection is to use; otherwise it returns null and the segment is still to be
   * delivered with `segmentArrives`.
   */
  takeNewSyn?(seg: DecodedTcp | TcpSegment, now: Micros): Seq | null;
  /** The next segment to put on the wire now, or null. Call until null. */
  pollSegment(now: Micros): TcpSegment | null;
  /** The earliest time a timer is due, or null. */
  nextDeadline(): Micros | null;
  /**
   * True when what is due is only time passing on a quiet connection (TIME_WAIT's 2×MSL, or
   * keep-alive's idle wait): a lesson step does not wait for it (Engine `lingering` events).
   */
  readonly lingering: boolean;
  /** Fires every timer due at or before `now`. */
  onDeadline(now: Micros): void;
  snapshot(): TcpSnapshot;
}

/** How a host asks for a connection; `listen` gives one in LISTEN that takes the next SYN. */
export interface TcpConnectionOptions {
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly iss: Seq;
  readonly config: TcpConfig;
  readonly passive: boolean;
  readonly onEvent: (e: TcpEvent) => void;
  /** Added to every TSval this connection sends, if `config.randomTsOffset` (RFC 7323 §5.4); default 0. */
  readonly tsOffset?: number;
}
