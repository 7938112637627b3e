// Relative sequence and acknowledgment numbers, computed exactly as Wireshark does
// (epan/dissectors/packet-tcp.c, tcp_analyze_sequence_number): each direction of a
// connection has a base. The first segment seen in a direction sets its base to its seq
// if it is a SYN, else to seq − 1 (so a capture that missed the handshake still starts
// at 1); a segment with ACK set whose reverse direction has no base yet sets that base
// to ack − 1. A relative number is (n − base) mod 2^32.
//
// This is the one home of that rule: the player, the quizzes, replay, inspect and drill
// all ask it. (tcpdump's one-liners follow tcpdump's own, different rule: sim/summary.ts.)

/** How sequence numbers are shown: Wireshark's relative numbers, or as on the wire. */
export type Numbering = 'relative' | 'absolute';

/** The base a direction's first segment gives it: its ISN if it is a SYN, else seq − 1. */
export function baseOfFirst(syn: boolean, seq: number): number {
  return syn ? seq >>> 0 : (seq - 1) >>> 0;
}

/** The base an ACK gives the reverse direction when that direction has none yet: ack − 1. */
export function baseFromAck(ack: number): number {
  return (ack - 1) >>> 0;
}

/**
 * What a SYN does to a direction that already has a base, as Wireshark 4.0 decides it: a
 * SYN with another ISN starts a new conversation on reused ports ("TCP Port numbers
 * reused"), and a SYN-ACK with another ISN overrides the base (Wireshark issue 16944).
 * The same SYN again (a retransmission) changes nothing.
 */
export function synRebase(syn: boolean, ack: boolean, base: number | null, seq: number): 'new-conversation' | 'override' | null {
  if (!syn || base === null || (seq >>> 0) === base) return null;
  return ack ? 'override' : 'new-conversation';
}

/** The base under which `n` reads as `rel`: what a relative number shown for `n` implies. */
export function baseOf(n: number, rel: number): number {
  return (n - rel) >>> 0;
}

/** `n` relative to `base`, mod 2^32. */
export function relative(n: number, base: number): number {
  return (n - base) >>> 0;
}

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
    const rev = reverseFlow(s.flow);
    switch (synRebase(s.syn, s.ack !== null, this.bases.get(s.flow) ?? null, s.seq)) {
      case 'new-conversation':
        this.bases.delete(s.flow);
        this.bases.delete(rev);
        break;
      case 'override':
        this.bases.set(s.flow, s.seq >>> 0);
        break;
      case null:
        break;
    }
    if (!this.bases.has(s.flow)) this.bases.set(s.flow, baseOfFirst(s.syn, s.seq));
    if (s.ack !== null && !this.bases.has(rev)) this.bases.set(rev, baseFromAck(s.ack));
  }

  /** The base of a direction, or null if no segment has told it yet. */
  base(flow: FlowKey): number | null {
    return this.bases.get(flow) ?? null;
  }

  /** A sequence number of `flow` made relative; unchanged if the base is unknown. */
  relSeq(flow: FlowKey, seq: number): number {
    const b = this.bases.get(flow);
    return b === undefined ? seq : relative(seq, b);
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
