// Relative sequence and acknowledgment numbers, computed exactly as Wireshark does
// (epan/dissectors/packet-tcp.c, tcp_analyze_sequence_number): each direction of a
// connection has a base. The first segment seen in a direction sets its base to its seq
// if it is a SYN, else to seq − 1 (so a capture that missed the handshake still starts
// at 1); a segment with ACK set whose reverse direction has no base yet sets that base
// to ack − 1. A relative number is (n − base) mod 2^32.
import type { Numbering } from '../quiz/checkpoint.js';

/** One direction of a connection: `192.168.1.10:51000>10.0.0.80:80`. */
export type FlowKey = string;

export function flowKey(srcIp: string, srcPort: number, dstIp: string, dstPort: number): FlowKey {
  return `${srcIp}:${srcPort}>${dstIp}:${dstPort}`;
}

export function reverseFlow(key: FlowKey): FlowKey {
  const [a = '', b = ''] = key.split('>');
  return `${b}>${a}`;
}

export interface SegmentSeen {
  readonly flow: FlowKey;
  readonly seq: number;
  /** Null when the ACK flag is clear. */
  readonly ack: number | null;
  readonly syn: boolean;
}

/** The base of each direction, learnt from segments in the order a capture saw them. */
export class SeqBases {
  private readonly bases = new Map<FlowKey, number>();

  /** Feeds one segment, in capture order. */
  see(s: SegmentSeen): void {
    if (!this.bases.has(s.flow)) this.bases.set(s.flow, s.syn ? s.seq : (s.seq - 1) >>> 0);
    const rev = reverseFlow(s.flow);
    if (s.ack !== null && !this.bases.has(rev)) this.bases.set(rev, (s.ack - 1) >>> 0);
  }

  /** The base of a direction, or null if no segment has told it yet. */
  base(flow: FlowKey): number | null {
    return this.bases.get(flow) ?? null;
  }

  /** A sequence number of `flow` made relative; unchanged if the base is unknown. */
  relSeq(flow: FlowKey, seq: number): number {
    const b = this.bases.get(flow);
    return b === undefined ? seq : (seq - b) >>> 0;
  }

  /** An acknowledgment number carried by `flow` counts the reverse direction's bytes. */
  relAck(flow: FlowKey, ack: number): number {
    return this.relSeq(reverseFlow(flow), ack);
  }

  static from(segments: Iterable<SegmentSeen>): SeqBases {
    const b = new SeqBases();
    for (const s of segments) b.see(s);
    return b;
  }
}

/** A number of `flow`'s sequence space as shown in the chosen numbering. */
export function showSeq(bases: SeqBases, flow: FlowKey, n: number, numbering: Numbering): string {
  return String(numbering === 'relative' ? bases.relSeq(flow, n) : n >>> 0);
}
