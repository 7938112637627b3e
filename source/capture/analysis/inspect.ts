/**
 * The analysis behind `tcp-tutor inspect`: packets go in one at a time and a report for
 * each comes out, so a capture of any size is read in bounded memory. What is kept is
 * per TCP stream (one Conversation each) and per sending host (checksum counts).
 */
import { MIN_HEADER_LEN as MIN_TCP_HEADER } from '../../wire/tcp.js';
import type { CapturedPacket } from '../packet.js';
import { dissect, type Dissected } from './dissect.js';
import { TcpTracker, type Conversation, type SegmentVerdict } from './tcp-analysis.js';

export interface PacketReport {
  /** 1-based frame number, as Wireshark counts. */
  readonly n: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly capLen: number;
  readonly origLen: number;
  readonly packet: Dissected;
  /** The TCP analysis, for TCP segments. */
  readonly tcp: SegmentVerdict | null;
  /** For an ICMP error quoting a TCP header, the stream Wireshark files it under. */
  readonly quotedStream: number | null;
}

export interface InspectOptions {
  /** Verify IP, TCP and UDP checksums and the FCS (costs a pass over every payload). */
  readonly verify: boolean;
}

interface HostChecksums {
  checked: number;
  bad: number;
  offloadLike: number;
}

const NS_PER_S = 1e9;

export class Inspector {
  private readonly tracker = new TcpTracker();
  private origin: { sec: number; nsec: number } | null = null;
  private readonly hosts = new Map<string, HostChecksums>();
  /** Packets by kind, for the summary: 'arp', 'dns', 'udp', and 'other' by description. */
  readonly counts = new Map<string, number>();
  packets = 0;
  cutBySnaplen = 0;

  constructor(private readonly options: InspectOptions) {}

  get conversations(): readonly Conversation[] {
    return this.tracker.conversations;
  }

  push(p: CapturedPacket): PacketReport {
    this.packets++;
    const origin = this.origin ?? (this.origin = { sec: p.tsSec, nsec: p.tsNsec });
    // Time on the first packet's origin keeps nanoseconds exact in a double for 104 days.
    const time = (p.tsSec - origin.sec) * NS_PER_S + (p.tsNsec - origin.nsec);
    const d = dissect(p, this.options.verify);
    if (d.cut) this.cutBySnaplen++;
    let verdict: SegmentVerdict | null = null;
    let quotedStream: number | null = null;
    if (d.kind === 'tcp') {
      verdict = this.tracker.analyze({
        frame: p.index, time, srcKey: d.ip.srcKey, dstKey: d.ip.dstKey, srcAddr: d.ip.src, dstAddr: d.ip.dst,
        srcPort: d.srcPort, dstPort: d.dstPort, seq: d.seq, ack: d.ack, flags: d.flags, window: d.window, seglen: d.seglen,
        bogusHeader: d.headerLength < MIN_TCP_HEADER,
      });
      // Wireshark updates its analysis from a segment whose header the snaplen cut, but
      // stops reading before it shows the verdicts; so do we.
      if (d.headerCut) verdict = { ...verdict, flags: 0, dupAckNum: 0 };
      this.noteChecksum(d.ip.src, d.checksum.state, d.checksum.looksOffloaded);
    } else if (d.kind === 'udp') {
      this.count(d.dns !== null && !('protocol' in d.dns) ? 'DNS' : 'UDP');
      this.noteChecksum(d.ip.src, d.checksum.state, d.checksum.looksOffloaded);
    } else if (d.kind === 'arp') {
      this.count('ARP');
    } else {
      this.count(d.what);
      if (d.quotedTcp) quotedStream = this.tracker.quoted({ frame: p.index, ...d.quotedTcp, srcAddr: d.quotedTcp.src, dstAddr: d.quotedTcp.dst });
    }
    return { n: p.index, tsSec: p.tsSec, tsNsec: p.tsNsec, capLen: p.capLen, origLen: p.origLen, packet: d, tcp: verdict, quotedStream };
  }

  private count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  private noteChecksum(host: string, state: 'ok' | 'bad' | 'unchecked', offloadLike: boolean): void {
    if (state === 'unchecked') return;
    let h = this.hosts.get(host);
    if (!h) {
      h = { checked: 0, bad: 0, offloadLike: 0 };
      this.hosts.set(host, h);
    }
    h.checked++;
    if (state === 'bad') {
      h.bad++;
      if (offloadLike) h.offloadLike++;
    }
  }

  /**
   * Hosts whose TCP/UDP checksums look left to the NIC: some bad checksum holds exactly
   * the pseudo-header sum a stack leaves for offload, or every checksum from it is bad.
   */
  offloadedHosts(): string[] {
    const out: string[] = [];
    for (const [host, h] of this.hosts) {
      if (h.offloadLike > 0 || (h.bad === h.checked && h.checked > 1)) out.push(host);
    }
    return out;
  }
}
