// The send side's memory: the bytes the application wrote that the peer has not yet
// acknowledged (RFC 9293 §3.3.1: from SND.UNA on, both sent and unsent), and the list of
// segments in flight, kept as they were first cut so that a retransmission repeats the
// same segment (as Linux does) rather than re-cutting the stream.
import type { Micros } from '../time.js';
import { segmentLength, seqAdd, seqDiff, seqLe, type Seq } from '../../wire/seq.js';
import { ByteQueue } from './byte-queue.js';

/** One segment that occupies sequence numbers (SYN, data, FIN) and awaits its ACK. */
export interface FlightSegment {
  /** Its first sequence number: the SYN's own number when `syn` is set. */
  readonly seq: Seq;
  readonly syn: boolean;
  readonly fin: boolean;
  readonly psh: boolean;
  readonly dataLength: number;
  /** When it was first sent: the start of an RTT sample (RFC 6298 §3). */
  readonly firstSent: Micros;
  /** Sent more than once: its ACK is ambiguous and gives no RTT sample (Karn). */
  readonly retransmitted: boolean;
}

/** SEG.LEN of a segment in flight. */
export function flightLength(f: FlightSegment): number {
  return segmentLength({ syn: f.syn, fin: f.fin, dataLength: f.dataLength });
}

export function flightEnd(f: FlightSegment): Seq {
  return seqAdd(f.seq, flightLength(f));
}

/** The sequence number of a segment's first data byte: after its SYN, if it has one. */
export function flightDataSeq(f: FlightSegment): Seq {
  return seqAdd(f.seq, segmentLength({ syn: f.syn, fin: false, dataLength: 0 }));
}

export class SendQueue {
  private readonly bytes = new ByteQueue();
  /** Oldest first; consecutive and without gaps, from SND.UNA to SND.NXT. */
  private segments: FlightSegment[] = [];

  /**
   * @param capacity the send buffer: unacknowledged plus unsent bytes
   * @param dataStart the sequence number of the first data byte (ISS + 1, after the SYN)
   */
  constructor(private readonly capacity: number, private dataStart: Seq) {}

  /** Bytes written and not yet acknowledged. */
  get buffered(): number {
    return this.bytes.length;
  }

  get flight(): readonly FlightSegment[] {
    return this.segments;
  }

  /** RFC 9293 §3.10.2: takes what fits in the buffer and returns how much that was. */
  write(data: Uint8Array): number {
    const taken = Math.min(data.length, this.capacity - this.bytes.length);
    this.bytes.push(data.subarray(0, taken));
    return taken;
  }

  /** Bytes written but not yet sent, when SND.NXT is `sndNxt`. */
  unsent(sndNxt: Seq): number {
    const sent = seqDiff(sndNxt, this.dataStart);
    return this.bytes.length - Math.max(0, sent);
  }

  /** A copy of the data bytes [from, from + length). */
  read(from: Seq, length: number): Uint8Array {
    return this.bytes.peek(seqDiff(from, this.dataStart), length);
  }

  /** Records a segment just sent for the first time. */
  sent(segment: FlightSegment): void {
    this.segments.push(segment);
  }

  /** Marks the oldest segment as sent again; returns it, or null if nothing is in flight. */
  resendOldest(): FlightSegment | null {
    const head = this.segments[0];
    if (!head) return null;
    const again = { ...head, retransmitted: true };
    this.segments[0] = again;
    return again;
  }

  /**
   * Marks the segment holding `from` as sent again and returns the part of it to resend:
   * from `from` to the segment's end, cut short at `to` and at `max` data bytes (SACK
   * recovery resends a hole, RFC 6675 NextSeg). Null if no segment in flight holds `from`.
   */
  resendPart(from: Seq, to: Seq, max: number): FlightSegment | null {
    const i = this.segments.findIndex((f) => seqLe(f.seq, from) && seqDiff(flightEnd(f), from) > 0);
    if (i < 0) return null;
    const again = { ...this.segments[i]!, retransmitted: true };
    this.segments[i] = again;
    const front = seqDiff(from, again.seq) > 0 ? trimFront(again, from) : again;
    const room = Math.min(seqDiff(to, flightDataSeq(front)), max);
    if (room >= front.dataLength) return front;
    return { ...front, fin: false, psh: false, dataLength: Math.max(0, room) };
  }

  /**
   * Everything before `ack` has arrived (RFC 9293 §3.10.7.4 fifth, "remove any segments on
   * the retransmission queue that are thereby entirely acknowledged"). A segment acked only
   * in part keeps its unacknowledged tail. Returns the segments fully acknowledged.
   */
  acknowledge(ack: Seq): FlightSegment[] {
    const done: FlightSegment[] = [];
    while (this.segments.length > 0) {
      const head = this.segments[0]!;
      if (seqLe(flightEnd(head), ack)) {
        done.push(head);
        this.segments.shift();
        continue;
      }
      if (seqDiff(ack, head.seq) > 0) this.segments[0] = trimFront(head, ack);
      break;
    }
    const ackedData = Math.min(Math.max(0, seqDiff(ack, this.dataStart)), this.bytes.length);
    this.bytes.drop(ackedData);
    this.dataStart = seqAdd(this.dataStart, ackedData);
    return done;
  }
}

/** The part of `f` from `ack` on: a partial ACK covers its SYN (if any) and first bytes. */
function trimFront(f: FlightSegment, ack: Seq): FlightSegment {
  const dataSeq = flightDataSeq(f);
  const dataCut = Math.max(0, seqDiff(ack, dataSeq));
  return { ...f, seq: ack, syn: false, dataLength: f.dataLength - dataCut };
}
