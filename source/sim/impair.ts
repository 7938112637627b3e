import type { Ipv4Addr } from '../wire/address.js';
import * as arp from '../wire/arp.js';
import * as eth from '../wire/ethernet.js';
import * as ipv4 from '../wire/ipv4.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';
import type { NodeName } from './trace.js';
import { appProtocolOf } from '../wire/protocols.js';

/**
 * What can go wrong on a link, as plain data a lesson writes. A rule picks frames by what
 * they are and by ordinal ("the 3rd data segment from the client"); a chance impairs any
 * frame with a seeded probability.
 */
export type ImpairAction = 'drop' | 'duplicate' | 'reorder' | 'corrupt' | { readonly delayMs: number };

export type MatchProtocol = 'arp' | 'ipv4' | 'icmp' | 'udp' | 'dns' | 'tcp' | 'http';

export interface FrameMatch {
  /** Only frames this node puts on the link (one direction). */
  readonly from?: NodeName;
  /** Only frames from this address: the IPv4 source, or an ARP message's sender. */
  readonly fromIp?: Ipv4Addr;
  /** Only frames to this address: the IPv4 destination, or the address an ARP message is about. */
  readonly toIp?: Ipv4Addr;
  readonly protocol?: MatchProtocol;
  /** TCP flags, all and only these, as letters from CEUAPRSF (`.` also means ACK). */
  readonly flags?: string;
  /** TCP flags that must be set, others allowed. */
  readonly hasFlags?: string;
  /** true: the TCP/UDP payload is not empty; false: it is. */
  readonly data?: boolean;
  /** The TCP/UDP payload contains this text. */
  readonly contains?: string;
}

export interface ImpairRule {
  readonly match?: FrameMatch;
  /**
   * The first matching frame to act on, counting from 1 the frames that match on this link
   * from when the rule is added (retransmissions included); absent: every matching frame.
   */
  readonly nth?: number;
  /** How many matching frames from the nth on (default 1 when nth is given). */
  readonly count?: number;
  readonly action: ImpairAction;
}

/** Probabilities from 0 to 1, drawn from the link's own seeded stream. */
export interface ImpairChance {
  readonly loss?: number;
  readonly duplicate?: number;
  readonly reorder?: number;
  readonly corrupt?: number;
}

export type Impairment = ImpairRule | ImpairChance;

export function isRule(i: Impairment): i is ImpairRule {
  return 'action' in i;
}

const FLAG_LETTERS = /^[SAFRPUEC.]*$/;
const PROTOCOLS: readonly MatchProtocol[] = ['arp', 'ipv4', 'icmp', 'udp', 'dns', 'tcp', 'http'];

/** An error message, or null when the impairment is well formed. */
export function checkImpairment(i: Impairment): string | null {
  if (isRule(i)) {
    const a = i.action;
    if (typeof a === 'string') {
      if (!['drop', 'duplicate', 'reorder', 'corrupt'].includes(a)) return `unknown action "${a}"`;
    } else if (typeof a !== 'object' || !(a.delayMs >= 0) || !Number.isFinite(a.delayMs)) {
      return 'a delay action needs delayMs, a number of milliseconds ≥ 0';
    }
    if (i.nth !== undefined && (!Number.isInteger(i.nth) || i.nth < 1)) return `nth ${i.nth} must be a whole number from 1`;
    if (i.count !== undefined && (!Number.isInteger(i.count) || i.count < 1)) return `count ${i.count} must be a whole number from 1`;
    const m = i.match ?? {};
    if (m.protocol !== undefined && !PROTOCOLS.includes(m.protocol)) return `unknown protocol "${m.protocol}"`;
    if (m.flags !== undefined && !FLAG_LETTERS.test(m.flags.toUpperCase())) return `flags "${m.flags}" must be letters from SAFRPUEC`;
    if (m.hasFlags !== undefined && !FLAG_LETTERS.test(m.hasFlags.toUpperCase())) return `hasFlags "${m.hasFlags}" must be letters from SAFRPUEC`;
    return null;
  }
  for (const [k, v] of Object.entries(i)) {
    if (!['loss', 'duplicate', 'reorder', 'corrupt'].includes(k)) return `unknown impairment "${k}"`;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `${k} must be a probability from 0 to 1`;
  }
  return null;
}

/** What a matcher needs to know about a frame, parsed once. */
interface FrameFacts {
  readonly protocols: ReadonlySet<MatchProtocol>;
  /** The TCP header, if the frame carries one. */
  readonly tcp: Pick<tcp.TcpSegment, 'flags' | 'ack'> | null;
  readonly payload: Uint8Array;
  readonly src: Ipv4Addr | null;
  readonly dst: Ipv4Addr | null;
}

function factsOf(frame: Uint8Array): FrameFacts {
  const protocols = new Set<MatchProtocol>();
  let segment: FrameFacts['tcp'] = null;
  let payload: Uint8Array = new Uint8Array(0);
  let src: Ipv4Addr | null = null;
  let dst: Ipv4Addr | null = null;
  const e = eth.decode(frame, 0, frame.length - eth.FCS_LEN, { hasFcs: false });
  if (e.ok) {
    if (e.value.etherType === eth.ETHERTYPE_ARP) {
      protocols.add('arp');
      const a = arp.decode(e.value.payload);
      if (a.ok) ({ senderIp: src, targetIp: dst } = a.value);
    }
    if (e.value.etherType === eth.ETHERTYPE_IPV4) {
      const ip = ipv4.decode(e.value.payload);
      if (ip.ok) {
        protocols.add('ipv4');
        const p = ip.value;
        src = p.src;
        dst = p.dst;
        if (p.protocol === ipv4.PROTO_ICMP) protocols.add('icmp');
        if (p.protocol === ipv4.PROTO_TCP) {
          const t = tcp.decode(p.payload);
          if (t.ok) {
            protocols.add('tcp');
            const s = t.value;
            segment = s;
            payload = s.payload;
            if (appProtocolOf('tcp', s.srcPort, s.dstPort) === 'http' && payload.length > 0) protocols.add('http');
          }
        }
        if (p.protocol === ipv4.PROTO_UDP) {
          const u = udp.decode(p.payload);
          if (u.ok) {
            protocols.add('udp');
            payload = u.value.payload;
            if (appProtocolOf('udp', u.value.srcPort, u.value.dstPort) === 'dns') protocols.add('dns');
          }
        }
      }
    }
  }
  return { protocols, tcp: segment, payload, src, dst };
}

function contains(hay: Uint8Array, needle: string): boolean {
  if (needle.length === 0) return true;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** A rule with its own count of the frames it has matched on its link. */
export class RuleState {
  private seen = 0;
  constructor(readonly rule: ImpairRule) {}

  /** Counts the frame if it matches, and says whether the rule acts on it. */
  apply(from: NodeName, facts: () => FrameFacts): boolean {
    const m = this.rule.match ?? {};
    if (m.from !== undefined && m.from !== from) return false;
    if (
      m.fromIp !== undefined || m.toIp !== undefined || m.protocol !== undefined || m.flags !== undefined
      || m.hasFlags !== undefined || m.data !== undefined || m.contains !== undefined
    ) {
      const f = facts();
      if (m.fromIp !== undefined && f.src !== m.fromIp) return false;
      if (m.toIp !== undefined && f.dst !== m.toIp) return false;
      if (m.protocol !== undefined && !f.protocols.has(m.protocol)) return false;
      if (m.flags !== undefined || m.hasFlags !== undefined) {
        if (!f.tcp || !tcp.flagsMatch(f.tcp, m)) return false;
      }
      if (m.data !== undefined && (f.payload.length > 0) !== m.data) return false;
      if (m.contains !== undefined && !contains(f.payload, m.contains)) return false;
    }
    this.seen++;
    const { nth } = this.rule;
    if (nth === undefined) return true;
    const count = this.rule.count ?? 1;
    return this.seen >= nth && this.seen < nth + count;
  }
}

/** Parses a frame's facts at most once, and only if some rule asks. */
export function lazyFacts(frame: Uint8Array): () => FrameFacts {
  let f: FrameFacts | null = null;
  return () => (f ??= factsOf(frame));
}
