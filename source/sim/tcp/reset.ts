import { seq, seqAdd } from '../../wire/seq.js';
import { NO_FLAGS, tcpSegmentLength, type TcpSegment } from '../../wire/tcp.js';

const EMPTY = new Uint8Array(0);

/**
 * RFC 9293 §3.10.7.1: the reply to a segment that finds no connection (a closed port, or
 * a TCB that no longer exists). It is a pure function of the arriving segment:
 * - a RST is never answered (that could loop);
 * - if the segment carries an ACK, the reset takes its sequence number from it,
 *   `<SEQ=SEG.ACK><CTL=RST>`, so that it lands exactly where the sender expects;
 * - otherwise `<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>`, which acknowledges exactly the
 *   segment being refused (a SYN counts one): "connection refused".
 * The reply goes back the way the segment came: the host swaps the addresses.
 */
export function resetForUnexpected(seg: TcpSegment): TcpSegment | null {
  if (seg.flags.rst) return null;
  const reply = {
    srcPort: seg.dstPort,
    dstPort: seg.srcPort,
    flags: { ...NO_FLAGS, rst: true },
    // Linux's tcp_v4_send_reset leaves the window at zero: nothing will be received.
    window: 0,
    urgentPointer: 0,
    options: [],
    payload: EMPTY,
  };
  if (seg.ack !== null) return { ...reply, seq: seg.ack, ack: null };
  return { ...reply, seq: seq(0), ack: seqAdd(seg.seq, tcpSegmentLength(seg)) };
}
