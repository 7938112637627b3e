// How a Linux receiver decides when to acknowledge, and how far its window opens: the part
// of `profile: linux` that RFC 9293 leaves to the implementation (§3.8.6.2.2 window,
// §3.8.6.3 delayed ACK). Pure state, fed by connection.ts; the names are Linux's
// (net/ipv4/tcp_input.c, tcp_output.c, include/net/inet_connection_sock.h).
//
// Modelled:
// - Quick ACKs (tcp_incr_quickack): when the first data arrives, the receiver acks each
//   segment at once for the next min(RCV.WND / (2 × MSS), 16) ACKs; each time the window
//   grows, one more (tcp_grow_window: icsk_ack.quick |= 1). Every segment that acks data
//   waiting for an ACK uses one up.
// - Ping-pong (interactive) mode: a host that sends data within the ACK timeout of
//   receiving some, or that receives a FIN, delays its ACKs even while quick ACKs are left,
//   hoping to carry them on its own data or FIN. A delayed-ACK timer that fires leaves
//   the mode (tcp_delack_timer_handler).
// - Otherwise (__tcp_ack_snd_check) an ACK goes out once more than one full segment is
//   unacknowledged, that is on every second full segment, else when the delayed-ACK timer
//   (40 ms, TCP_DELACK_MIN) fires.
// - The window (__tcp_select_window, tcp_grow_window): it starts at the SYN's, and each
//   in-order segment of 128 bytes or more raises rcv_ssthresh by max(2 × MSS, 2 × length)
//   while the buffer has room; the window offered is min(free space, rcv_ssthresh),
//   rounded up to the scale unit, and never shrinks (connection.ts windowField).
// Not modelled: the ACK timeout adapting to the arrival gaps (icsk_ack.ato, 40 to 200 ms),
// ACKs sent when the application reads (tcp_cleanup_rbuf: our apps read at once, so the
// rule of two segments covers it), buffer memory counted by packet size (truesize) rather
// than payload, and receive-buffer autotuning (tcp_rcv_space_adjust).
import type { Micros } from '../time.js';

/** TCP_MAX_QUICKACKS: the most quick ACKs one burst of data earns. */
export const MAX_QUICKACKS = 16;
/** tcp_grow_window is called only for segments of at least this many bytes (tcp_event_data_recv). */
const GROW_MIN_LENGTH = 128;
/** The largest window a SYN can offer (RFC 7323 §2.2: a SYN's window is never scaled). */
const MAX_SYN_WINDOW = 0xffff;

/**
 * tcp_select_initial_window: the window a SYN or SYN-ACK offers, the buffer's space cut to
 * 65535 and rounded down to a multiple of the MSS the peer will send: 64 240 = 44 × 1460 on
 * a SYN, 65 160 = 45 × 1448 on a SYN-ACK when timestamps take 12 bytes of each segment.
 */
export function linuxSynWindow(space: number, mss: number): number {
  const capped = Math.min(space, MAX_SYN_WINDOW);
  return capped > mss ? capped - (capped % mss) : capped;
}

/** tcp_grow_window: rcv_ssthresh after an in-order segment of `length` bytes, given the room the buffer has. */
export function grownSsthresh(ssthresh: number, length: number, mss: number, space: number): number {
  const room = space - ssthresh;
  if (room <= 0 || length < GROW_MIN_LENGTH) return ssthresh;
  return ssthresh + Math.min(room, Math.max(2 * mss, 2 * length));
}

/** The ACK side of a Linux receiver: quick ACKs, ping-pong mode, and when data must be acked. */
export class LinuxAcks {
  /** icsk_ack.quick: ACKs still to be sent at once. */
  private quick = 0;
  /** The ACK timeout is set once the first data arrives (icsk_ack.ato = TCP_ATO_MIN). */
  private started = false;
  private pingpong = false;
  /** When data last arrived (icsk_ack.lrcvtime). */
  private lastReceived: Micros | null = null;

  constructor(private readonly timeout: Micros) {}

  /** tcp_event_data_recv: data arrived; the first of it earns quick ACKs (tcp_incr_quickack). */
  dataArrived(now: Micros, rcvWnd: number, mss: number): void {
    this.lastReceived = now;
    if (this.started) return;
    this.started = true;
    const earned = Math.max(Math.floor(rcvWnd / (2 * mss)), 2);
    this.quick = Math.max(this.quick, Math.min(earned, MAX_QUICKACKS));
  }

  /** tcp_grow_window: the window grew, so one more ACK goes out at once to tell the sender. */
  windowGrew(): void {
    this.quick |= 1;
  }

  /** tcp_fin in ESTABLISHED: the peer is done, and our reply (our FIN, say) may carry the ACK. */
  finArrived(): void {
    this.pingpong = true;
  }

  /** tcp_event_data_sent: sending data soon after receiving some looks like a conversation. */
  dataSent(now: Micros): void {
    if (this.lastReceived !== null && now - this.lastReceived < this.timeout) this.pingpong = true;
  }

  /** tcp_event_ack_sent → tcp_dec_quickack_mode: a segment that acks data waiting for an ACK uses one quick ACK. */
  ackSent(): void {
    if (this.quick > 0) this.quick--;
  }

  /** tcp_delack_timer_handler: the delayed ACK was not carried by data, so stop waiting for data to carry it. */
  timerFired(): void {
    this.pingpong = false;
  }

  /** tcp_in_quickack_mode. */
  get quickAck(): boolean {
    return this.quick > 0 && !this.pingpong;
  }

  /** __tcp_ack_snd_check: ACK now, or wait for the timer? `unacked` counts bytes received since our last ACK. */
  ackNow(unacked: number, mss: number): boolean {
    return unacked > mss || this.quickAck;
  }
}
