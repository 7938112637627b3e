// Nagle's algorithm (RFC 896; RFC 9293 §3.7.4, RFC 1122 §4.2.3.4): a sender holds back a
// segment shorter than the MSS while earlier data is unacknowledged, so that a stream of
// small writes goes out as few full segments. Two readings:
// - `rfc`: as RFC 9293 §3.7.4 states it, any unacknowledged data holds the short segment.
// - `linux`: Minshall's variant (draft-minshall-nagle), as Linux's tcp_nagle_check: only an
//   earlier *short* segment still unacknowledged holds it (tcp_minshall_check: SND.SML,
//   the end of the last short segment sent, is past SND.UNA). A response written in one
//   go so ends in one short segment sent at once, as the captures show.
// A FIN is never held (Linux's tcp_send_fin pushes with TCP_NAGLE_OFF), nor a full-sized
// segment; the caller asks only about the last piece of what was written (Linux:
// tcp_skb_is_last), since only that one can be short for want of data.
import { seqGt, seqLe, type Seq } from '../../wire/seq.js';
import type { TcpProfile } from './api.js';

export interface NagleInput {
  readonly profile: TcpProfile;
  /** Data bytes the segment would carry, and the most it may carry. */
  readonly length: number;
  readonly mss: number;
  readonly fin: boolean;
  readonly sndUna: Seq;
  readonly sndNxt: Seq;
  /** Data bytes sent and not yet acknowledged (FlightSize). */
  readonly inFlight: number;
  /** SND.SML: where the last short segment sent ends, or null if none was sent. */
  readonly sndSml: Seq | null;
}

/** True when Nagle holds this segment back for now. */
export function nagleHolds(n: NagleInput): boolean {
  if (n.fin || n.length === 0 || n.length >= n.mss || n.inFlight === 0) return false;
  if (n.profile === 'rfc') return true;
  return n.sndSml !== null && seqGt(n.sndSml, n.sndUna) && seqLe(n.sndSml, n.sndNxt);
}
