// The TCP state machine of RFC 9293 §3.10 as one pure function: where a connection is,
// plus what happened to it (a user call, a timeout, or an arriving segment's facts), gives
// the states it enters, each with a typed cause and its RFC section, and what it owes the
// wire. It holds no TCB: the simulator's connection (connection.ts) keeps the sequence
// variables and runs §3.10.7.4's checks, replay's inference (replay/ends.ts) reads
// them off a capture, and both ask this function what the state does next. The causes
// are codes, not sentences; i18n/tcp-causes.ts says them in each language.
import { seqLe, seqLt, type Seq } from '../../wire/seq.js';
import type { TcpProfile, TcpState } from './api.js';
import type { ResetReason } from '../reasons.js';

/** Every reason a connection changes state. */
export const TCP_CAUSE_CODES = [
  'app-connect',
  'app-listen',
  'listening-before-capture',
  'app-close-unsynchronized',
  'app-close',
  'app-close-after-fin',
  'app-abort',
  'time-wait-expired',
  'give-up',
  'keep-alive-timeout',
  'rcv-syn',
  'rcv-syn-ack',
  'rcv-simultaneous-syn',
  'rcv-rst-to-syn',
  'rcv-rst-refused',
  'rcv-rst-listen-again',
  'rcv-syn-listen-again',
  'rcv-rst-reset',
  'rcv-rst-time-wait',
  'rcv-syn-time-wait-reuse',
  'rcv-ack-of-syn',
  'rcv-fin',
  'rcv-fin-acking-fin',
  'rcv-ack-of-fin',
  'rcv-fin-simultaneous-close',
  'rcv-fin-both-closed',
] as const;

export type TcpCauseCode = (typeof TCP_CAUSE_CODES)[number];

/** The section of RFC 9293 behind each cause: the one place it is written. */
export const TCP_CAUSE_RFC: Readonly<Record<TcpCauseCode, string>> = {
  'app-connect': '3.10.1',
  'app-listen': '3.10.1',
  'listening-before-capture': '3.10.1',
  'app-close-unsynchronized': '3.10.4',
  'app-close': '3.10.4',
  'app-close-after-fin': '3.10.4',
  'app-abort': '3.10.5',
  'time-wait-expired': '3.10.8',
  'give-up': '3.8.3',
  'keep-alive-timeout': '3.8.4',
  'rcv-syn': '3.10.7.2',
  'rcv-syn-ack': '3.10.7.3',
  'rcv-simultaneous-syn': '3.10.7.3',
  'rcv-rst-to-syn': '3.10.7.3',
  'rcv-rst-refused': '3.10.7.4',
  'rcv-rst-listen-again': '3.10.7.4',
  'rcv-syn-listen-again': '3.10.7.4',
  'rcv-rst-reset': '3.10.7.4',
  'rcv-rst-time-wait': '3.10.7.4',
  'rcv-syn-time-wait-reuse': '3.6',
  'rcv-ack-of-syn': '3.10.7.4',
  'rcv-fin': '3.10.7.4',
  'rcv-fin-acking-fin': '3.10.7.4',
  'rcv-ack-of-fin': '3.10.7.4',
  'rcv-fin-simultaneous-close': '3.10.7.4',
  'rcv-fin-both-closed': '3.10.7.4',
};

/** The parameters a cause carries, by code; most carry none. */
interface CauseParams {
  readonly 'give-up': { readonly retransmissions: number };
  readonly 'keep-alive-timeout': { readonly probes: number };
  readonly 'app-listen': { readonly port: number };
  readonly 'listening-before-capture': { readonly port: number };
}

type PlainCode = Exclude<TcpCauseCode, keyof CauseParams>;

/** Why a connection changed state: a code, its RFC 9293 section, and its parameters. */
export type TcpCause =
  | { readonly code: PlainCode; readonly rfc: string }
  | ({ readonly code: 'give-up'; readonly rfc: string } & CauseParams['give-up'])
  | ({ readonly code: 'keep-alive-timeout'; readonly rfc: string } & CauseParams['keep-alive-timeout'])
  | ({ readonly code: 'app-listen'; readonly rfc: string } & CauseParams['app-listen'])
  | ({ readonly code: 'listening-before-capture'; readonly rfc: string } & CauseParams['listening-before-capture']);

/** A cause with the RFC section its code has. */
export function tcpCause(code: PlainCode): TcpCause;
export function tcpCause<C extends keyof CauseParams>(code: C, params: CauseParams[C]): TcpCause;
export function tcpCause(code: TcpCauseCode, params: object = {}): TcpCause {
  return { code, rfc: TCP_CAUSE_RFC[code], ...params } as TcpCause;
}

export interface StateChange {
  readonly from: TcpState;
  readonly to: TcpState;
  readonly cause: TcpCause;
}

/** What an arriving segment's ACK field says to a connection that has sent only its SYN (§3.10.7.3). */
export type AckOfSyn = 'none' | 'acks-our-syn' | 'unacceptable';

/** ISS < SEG.ACK ≤ SND.NXT: the ACK covers our SYN and nothing we have not sent (RFC 9293 §3.10.7.3). */
export function ackOfSyn(ack: Seq | null, iss: Seq, sndNxt: Seq): AckOfSyn {
  if (ack === null) return 'none';
  return seqLt(iss, ack) && seqLe(ack, sndNxt) ? 'acks-our-syn' : 'unacceptable';
}

/** What happened to a connection. */
export type TcpInput =
  /** §3.10.1: an active OPEN (or §3.10.2, SEND on a listening connection). */
  | { readonly kind: 'connect' }
  /** §3.10.4 CLOSE; `queued`: data written and not yet sent (SYN_RECEIVED then waits for ESTABLISHED). */
  | { readonly kind: 'close'; readonly queued: boolean }
  /** §3.10.5 ABORT. */
  | { readonly kind: 'abort' }
  /** §3.10.8: the 2×MSL wait of TIME_WAIT is over. */
  | { readonly kind: 'time-wait-expired' }
  /** §3.8.3, R2: retransmission gave up. */
  | { readonly kind: 'give-up'; readonly retransmissions: number }
  /** §3.8.4: `probes` keep-alive probes went unanswered. */
  | { readonly kind: 'keep-alive-timeout'; readonly probes: number }
  /** A segment reaching CLOSED, LISTEN or SYN_SENT, where its header alone decides (§3.10.7.1–§3.10.7.3). */
  | { readonly kind: 'segment'; readonly syn: boolean; readonly rst: boolean; readonly ack: AckOfSyn }
  /** A segment reaching a synchronized state, after the checks of §3.10.7.4. */
  | { readonly kind: 'checked'; readonly outcome: CheckedSegment };

/** What §3.10.7.4's steps made of a segment in a synchronized state. */
export type CheckedSegment =
  /** Unacceptable, or nothing the state machine acts on. */
  | { readonly kind: 'dropped' }
  /** An acceptable RST (second step). */
  | { readonly kind: 'reset' }
  /** A SYN inside the window (fourth step), other than a simultaneous open's SYN-ACK. */
  | { readonly kind: 'syn' }
  /** In SYN_RECEIVED, the peer's SYN once more (SEG.SEQ = IRS, no ACK): our SYN-ACK was lost, or it is a late copy. */
  | { readonly kind: 'syn-again' }
  /**
   * In TIME_WAIT, a SYN without ACK that cannot be an old duplicate: its sequence number is
   * above RCV.NXT, or its timestamp newer than TS.Recent (RFC 6191 §2).
   */
  | { readonly kind: 'new-syn' }
  /** Its ACK was taken (fifth) and its FIN, if RCV.NXT reached it (eighth). */
  | { readonly kind: 'accepted'; readonly synAcked: boolean; readonly finAcked: boolean; readonly finReceived: boolean };

/** What a connection owes the wire after a transition. */
export type TcpSend =
  /** Our SYN (§3.10.1); it goes out while SND.NXT = ISS. */
  | { readonly kind: 'syn' }
  /** Our SYN again, now with an ACK (§3.10.7.2; §3.10.7.3 for a simultaneous open). */
  | { readonly kind: 'syn-ack' }
  | { readonly kind: 'ack' }
  /** Our FIN, after the data already queued (§3.10.4). */
  | { readonly kind: 'fin' }
  /** <SEQ=SND.NXT><CTL=RST>: this end ends the connection (§3.10.5); with ACK=RCV.NXT as Linux sends it. */
  | { readonly kind: 'rst'; readonly reason: ResetReason; readonly ack: boolean }
  /** §3.10.4 in SYN_RECEIVED with data queued: the CLOSE waits for ESTABLISHED, then is done there. */
  | { readonly kind: 'close-queued' }
  /** §3.10.7.1's answer to a segment that does not belong to the connection. */
  | { readonly kind: 'rst-reply'; readonly reason: ResetReason };

export interface TcpTransition {
  /** The states entered, in order: none, one, or two (an ACK of our SYN and a FIN in one segment). */
  readonly changes: readonly StateChange[];
  readonly send: TcpSend | null;
  /** The segment's SYN sets IRS and RCV.NXT (§3.10.7.2, §3.10.7.3). */
  readonly takesSyn: boolean;
}

/** Where a connection is: its state, whether a passive OPEN made it, and whose rules it follows. */
export interface TcpPosition {
  readonly state: TcpState;
  /** A RST in SYN_RECEIVED returns a passive connection to LISTEN (§3.10.7.4). */
  readonly passive: boolean;
  readonly profile: TcpProfile;
}

const NOTHING: TcpTransition = { changes: [], send: null, takesSyn: false };

/** The states after the handshake's first SYN was answered: §3.10.7.4 applies to them. */
export const SYNCHRONIZED_STATES: ReadonlySet<TcpState> = new Set([
  'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
]);

/** The one TCP state machine: (state, input) → states entered, their causes, and what to send. */
export function tcpTransition(at: TcpPosition, input: TcpInput): TcpTransition {
  const from = at.state;
  const go = (to: TcpState, cause: TcpCause, send: TcpSend | null = null, takesSyn = false): TcpTransition =>
    ({ changes: [{ from, to, cause }], send, takesSyn });

  switch (input.kind) {
    case 'connect':
      switch (from) {
        case 'CLOSED':
          // §3.10.1: an active OPEN sends <SEQ=ISS><CTL=SYN>.
          return go('SYN_SENT', tcpCause('app-connect'), { kind: 'syn' });
        case 'LISTEN':
          // §3.10.1 and §3.10.2: an active OPEN or a SEND turns a LISTEN into an active open.
          // Linux refuses both on a listening socket: connect() gets EISCONN
          // (inet_stream_connect: only TCP_CLOSE may connect), send() EPIPE
          // (sk_stream_wait_connect).
          return at.profile === 'rfc' ? go('SYN_SENT', tcpCause('app-connect'), { kind: 'syn' }) : NOTHING;
        case 'SYN_SENT':
        case 'SYN_RECEIVED':
        case 'ESTABLISHED':
        case 'FIN_WAIT_1':
        case 'FIN_WAIT_2':
        case 'CLOSE_WAIT':
        case 'CLOSING':
        case 'LAST_ACK':
        case 'TIME_WAIT':
          return NOTHING; // §3.10.1: "error: connection already exists"
      }
      break;

    case 'close':
      switch (from) {
        case 'LISTEN':
        case 'SYN_SENT':
          // §3.10.4: nothing was synchronized, so the TCB is simply deleted.
          return go('CLOSED', tcpCause('app-close-unsynchronized'));
        case 'SYN_RECEIVED':
          // §3.10.4: with nothing to send, form a FIN, send it and enter FIN_WAIT_1; otherwise
          // queue the CLOSE until ESTABLISHED. Linux enters FIN_WAIT1 at once either way
          // (tcp_close_state: SYN_RECV → FIN_WAIT1 | ACTION_FIN), the FIN after any data.
          if (input.queued && at.profile === 'rfc') return { ...NOTHING, send: { kind: 'close-queued' } };
          return go('FIN_WAIT_1', tcpCause('app-close'), { kind: 'fin' });
        case 'ESTABLISHED':
          // §3.10.4: the FIN is queued behind the data; FIN_WAIT_1 starts now either way.
          return go('FIN_WAIT_1', tcpCause('app-close'), { kind: 'fin' });
        case 'CLOSE_WAIT':
          // §3.10.4: a FIN after the queued data, and LAST-ACK.
          return go('LAST_ACK', tcpCause('app-close-after-fin'), { kind: 'fin' });
        case 'CLOSED':
        case 'FIN_WAIT_1':
        case 'FIN_WAIT_2':
        case 'CLOSING':
        case 'LAST_ACK':
        case 'TIME_WAIT':
          return NOTHING; // §3.10.4: "connection closing" (or does not exist)
      }
      break;

    case 'abort':
      switch (from) {
        case 'CLOSED':
          return NOTHING; // §3.10.5: "connection does not exist"
        case 'SYN_RECEIVED':
        case 'ESTABLISHED':
        case 'FIN_WAIT_1':
        case 'FIN_WAIT_2':
        case 'CLOSE_WAIT':
          // §3.10.5: the peer holds state that must be reset: <SEQ=SND.NXT><CTL=RST>. Linux
          // sets ACK too (tcp_send_active_reset: TCPHDR_ACK | TCPHDR_RST).
          return go('CLOSED', tcpCause('app-abort'), { kind: 'rst', reason: { code: 'app-abort' }, ack: at.profile === 'linux' });
        case 'LISTEN':
        case 'SYN_SENT':
        case 'CLOSING':
        case 'LAST_ACK':
        case 'TIME_WAIT':
          // §3.10.5: no RST; the peer has no connection yet, or has finished with it.
          return go('CLOSED', tcpCause('app-abort'));
      }
      break;

    case 'time-wait-expired':
      // §3.10.8 TIME-WAIT TIMEOUT: delete the TCB, enter CLOSED.
      return from === 'TIME_WAIT' ? go('CLOSED', tcpCause('time-wait-expired')) : NOTHING;

    case 'give-up': {
      if (from === 'CLOSED') return NOTHING;
      const cause = tcpCause('give-up', { retransmissions: input.retransmissions });
      // In SYN_SENT the peer has never answered, so there is nothing to reset (as in §3.10.5).
      if (from === 'SYN_SENT' || from === 'LISTEN') return go('CLOSED', cause);
      // §3.8.3 R2 says only "close the connection": the `rfc` profile ends it as an ABORT
      // does (§3.10.5), with <SEQ=SND.NXT><CTL=RST>. Linux sends nothing (tcp_write_err →
      // tcp_done: no tcp_send_active_reset).
      if (at.profile === 'linux') return go('CLOSED', cause);
      return go('CLOSED', cause, { kind: 'rst', reason: { code: 'give-up', retransmissions: input.retransmissions }, ack: false });
    }

    case 'keep-alive-timeout':
      // Keep-alive runs only on a synchronized connection; like Linux (tcp_keepalive_timer),
      // the peer is told with a RST in case it is there after all: an ABORT's bare RST under
      // `rfc` (§3.10.5), tcp_send_active_reset's RST,ACK under `linux`.
      if (!SYNCHRONIZED_STATES.has(from)) return NOTHING;
      return go('CLOSED', tcpCause('keep-alive-timeout', { probes: input.probes }), { kind: 'rst', reason: { code: 'keep-alive-timeout', probes: input.probes }, ack: at.profile === 'linux' });

    case 'segment':
      switch (from) {
        case 'CLOSED':
          // §3.10.7.1: no TCB, so the segment is answered as a closed port answers it.
          return input.rst ? NOTHING : { ...NOTHING, send: { kind: 'rst-reply', reason: { code: 'closed' } } };
        case 'LISTEN':
          // §3.10.7.2: a RST cannot concern a connection not yet made; an ACK acknowledges
          // nothing sent; only a SYN opens.
          if (input.rst) return NOTHING;
          if (input.ack !== 'none') return { ...NOTHING, send: { kind: 'rst-reply', reason: { code: 'ack-in-listen' } } };
          if (!input.syn) return NOTHING;
          return go('SYN_RECEIVED', tcpCause('rcv-syn'), { kind: 'syn-ack' }, true);
        case 'SYN_SENT':
          // §3.10.7.3
          if (input.ack === 'unacceptable') {
            return input.rst ? NOTHING : { ...NOTHING, send: { kind: 'rst-reply', reason: { code: 'ack-not-of-our-syn' } } };
          }
          if (input.rst) {
            // Only a RST that acknowledges our SYN is believed (RFC 5961 §3.2 keeps this rule).
            return input.ack === 'acks-our-syn' ? go('CLOSED', tcpCause('rcv-rst-to-syn')) : NOTHING;
          }
          if (!input.syn) return NOTHING;
          if (input.ack === 'acks-our-syn') return go('ESTABLISHED', tcpCause('rcv-syn-ack'), { kind: 'ack' }, true);
          // Both sides sent SYN at once: our SYN goes out again, now with an ACK.
          return go('SYN_RECEIVED', tcpCause('rcv-simultaneous-syn'), { kind: 'syn-ack' }, true);
        default:
          throw new Error(`a segment in ${from} is checked by §3.10.7.4 first: pass its outcome`);
      }

    case 'checked':
      if (!SYNCHRONIZED_STATES.has(from)) throw new Error(`${from} is not synchronized: pass the segment's header facts`);
      return synchronized(at, input.outcome);
  }
  return NOTHING;
}

/** §3.10.7.4 for the states from SYN_RECEIVED on: what the outcome of the checks changes. */
function synchronized(at: TcpPosition, seg: CheckedSegment): TcpTransition {
  const from = at.state;
  if (seg.kind === 'dropped') return NOTHING;
  if (seg.kind === 'syn-again') {
    // §3.10.7.4 first: SEG.SEQ = IRS lies before RCV.NXT = IRS+1, so the segment is not
    // acceptable and is answered <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. Linux takes it as
    // a sign that its SYN-ACK was lost and sends that again (tcp_check_req: "pure
    // retransmitted SYN" → inet_rtx_syn_ack).
    return { ...NOTHING, send: at.profile === 'rfc' ? { kind: 'ack' } : { kind: 'syn-ack' } };
  }
  if (seg.kind === 'new-syn' && from === 'TIME_WAIT' && at.profile === 'linux') {
    // RFC 9293 §3.6 (MAY-2, after RFC 1122 §4.2.2.13): TIME-WAIT "MAY accept a new SYN from
    // the remote TCP endpoint to reopen the connection directly" if the new ISN is larger,
    // and RFC 6191 lets newer timestamps decide instead. Linux does so
    // (tcp_timewait_state_process: "after(seq, tw_rcv_nxt) || tw_ts_recent < rcv_tsval" →
    // TCP_TW_SYN): this incarnation ends, and the listener takes the SYN with an ISS above
    // all we sent (tw_snd_nxt + 65535 + 2). Linux does not return to TIME-WAIT if the SYN
    // proves an old duplicate after all (its "RED-PEN" comment); neither does this.
    return { changes: [{ from, to: 'CLOSED', cause: tcpCause('rcv-syn-time-wait-reuse') }], send: null, takesSyn: false };
  }
  if (seg.kind === 'syn' || seg.kind === 'new-syn') {
    // Fourth step. A passive SYN_RECEIVED returns to LISTEN; Linux resets the embryonic
    // connection and drops it, which leaves the listener as it was (tcp_check_req:
    // embryonic_reset answers the SYN as a closed port would). Every other state sends
    // RFC 5961 §4.2's challenge ACK, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
    if (from === 'SYN_RECEIVED' && at.passive) {
      const send: TcpSend | null = at.profile === 'rfc' ? null : { kind: 'rst-reply', reason: { code: 'syn-in-window' } };
      return { changes: [{ from, to: 'LISTEN', cause: tcpCause('rcv-syn-listen-again') }], send, takesSyn: false };
    }
    return { ...NOTHING, send: { kind: 'ack' } };
  }
  const changes: StateChange[] = [];
  const enter = (to: TcpState, code: PlainCode) => changes.push({ from: changes.at(-1)?.to ?? from, to, cause: tcpCause(code) });
  if (seg.kind === 'reset') {
    // Second step: "If the RST bit is set".
    if (from === 'SYN_RECEIVED') enter(at.passive ? 'LISTEN' : 'CLOSED', at.passive ? 'rcv-rst-listen-again' : 'rcv-rst-refused');
    else if (from === 'TIME_WAIT') enter('CLOSED', 'rcv-rst-time-wait');
    else enter('CLOSED', 'rcv-rst-reset');
    return { changes, send: null, takesSyn: false };
  }
  switch (from) {
    case 'SYN_RECEIVED':
      // Fifth: SND.UNA < SEG.ACK =< SND.NXT enters ESTABLISHED; eighth: a FIN then CLOSE-WAIT.
      if (seg.synAcked) enter('ESTABLISHED', 'rcv-ack-of-syn');
      if (seg.finReceived) enter('CLOSE_WAIT', 'rcv-fin');
      break;
    case 'ESTABLISHED':
      // Eighth: enter CLOSE-WAIT.
      if (seg.finReceived) enter('CLOSE_WAIT', 'rcv-fin');
      break;
    case 'FIN_WAIT_1':
      // Fifth: our FIN acknowledged, FIN-WAIT-2; eighth: a FIN, TIME-WAIT if ours is
      // acknowledged (perhaps by this segment), else CLOSING.
      if (seg.finAcked && seg.finReceived) enter('TIME_WAIT', 'rcv-fin-acking-fin');
      else if (seg.finAcked) enter('FIN_WAIT_2', 'rcv-ack-of-fin');
      else if (seg.finReceived) enter('CLOSING', 'rcv-fin-simultaneous-close');
      break;
    case 'FIN_WAIT_2':
      // Eighth: enter TIME-WAIT.
      if (seg.finReceived) enter('TIME_WAIT', 'rcv-fin-both-closed');
      break;
    case 'CLOSING':
      // Fifth: the ACK of our FIN enters TIME-WAIT; anything else is ignored.
      if (seg.finAcked) enter('TIME_WAIT', 'rcv-ack-of-fin');
      break;
    case 'LAST_ACK':
      // Fifth: the ACK of our FIN deletes the TCB.
      if (seg.finAcked) enter('CLOSED', 'rcv-ack-of-fin');
      break;
    default:
      // CLOSE_WAIT and TIME_WAIT: the peer's FIN is already in, and ours is not yet sent
      // (CLOSE_WAIT) or already acknowledged (TIME_WAIT).
      break;
  }
  // Eighth step: a FIN is acknowledged.
  return { changes, send: seg.finReceived ? { kind: 'ack' } : null, takesSyn: false };
}
