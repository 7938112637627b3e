// The trace is the product of a simulation: a list of typed steps at layer granularity
// that the TUI, the plain mode, the quizzes and `export` all read. Steps are facts that
// happened; nothing in here is computed by a lesson author.
import type { Ipv4Addr, MacAddr } from '../wire/address.js';
import type { Seq } from '../wire/seq.js';
import type { DropReason, ResetReason } from './reasons.js';
import type { Endpoint, RetransmitReason, SegmentVerdict, TcpSnapshot, TcpState, TimerKind } from './tcp/api.js';
import type { CongestionChange } from './tcp/congestion.js';
import type { TcpCause } from './tcp/transition.js';
import type { Micros } from './time.js';

import type { Layer, Pdu, Protocol } from '../wire/protocols.js';

// Layers, units and protocols are the protocol table's (source/wire/protocols.ts).
export type { Layer, Pdu, Protocol } from '../wire/protocols.js';
export { LAYERS } from '../wire/protocols.js';

/** Index of a frame in `Trace.frames`. */
export type FrameId = number;
/** A node's name in the topology: `client`, `r1`, `sw`. */
export type NodeName = string;
/** `client:eth0` — a node's interface. */
export type InterfaceName = string;
/** A link's name in the topology. */
export type LinkName = string;
/** `client#1`: a host's socket, numbered in order of creation. */
export type SocketId = string;

/** One frame put on one link, with every byte of it, FCS included. */
export interface FrameRecord {
  readonly id: FrameId;
  /** When its first bit left the sender. */
  readonly t: Micros;
  readonly link: LinkName;
  readonly from: InterfaceName;
  readonly to: InterfaceName;
  readonly bytes: Uint8Array;
  /** tcpdump-style one-liner: `192.168.1.10.51000 > 192.168.1.80.80: Flags [S], seq 0, …`. */
  readonly summary: string;
  /** For a frame a router or switch sent on: the frame it came from. */
  readonly parent: FrameId | null;
}

/** A field value as the learner reads it (already formatted: MACs, IPs, hex). */
export interface FieldValue {
  readonly key: string;
  readonly value: string;
}

export interface FieldChange {
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

export type CheckKind =
  | 'eth.dst'       // the destination MAC is this NIC's, or broadcast
  | 'eth.fcs'       // the CRC-32 matches
  | 'ip.checksum'
  | 'ip.dst'        // the destination IP is this host's
  | 'ip.ttl'        // a router: TTL > 1, so the packet may be forwarded
  | 'tcp.checksum'
  | 'udp.checksum'
  | 'port'          // a socket is bound to the destination port
  | 'tcp.seq';      // the sequence number is acceptable (RFC 9293 §3.10.7.4)

interface At {
  /** Virtual time of the step. */
  readonly t: Micros;
}

export type Step = At & (
  // Applications and socket buffers.
  | { readonly kind: 'app-write'; readonly host: NodeName; readonly socket: SocketId; readonly length: number; readonly preview: string }
  | { readonly kind: 'app-read'; readonly host: NodeName; readonly socket: SocketId; readonly length: number; readonly preview: string }
  | { readonly kind: 'buffer'; readonly host: NodeName; readonly socket: SocketId; readonly sendBuffered: number; readonly recvBuffered: number; readonly window: number }
  // Encapsulation, top-down: a layer starts its header, writes each field in layout
  // order, and names the PDU it made. `bitOffset` is the field's place in the final frame.
  | { readonly kind: 'encap-begin'; readonly host: NodeName; readonly frame: FrameId; readonly layer: Layer; readonly protocol: Protocol }
  | { readonly kind: 'encap-field'; readonly host: NodeName; readonly frame: FrameId; readonly layer: Layer; readonly protocol: Protocol; readonly key: string; readonly value: string; readonly bitOffset: number; readonly bitLength: number }
  | { readonly kind: 'encap-end'; readonly host: NodeName; readonly frame: FrameId; readonly layer: Layer; readonly protocol: Protocol; readonly pdu: Pdu; readonly length: number }
  // The wire.
  | { readonly kind: 'transmit'; readonly frame: FrameId }
  | { readonly kind: 'link-fate'; readonly frame: FrameId; readonly link: LinkName; readonly fate: 'dropped' | 'corrupted' | 'duplicated' | 'delayed' | 'reordered'; readonly why: 'rule' | 'chance' }
  | { readonly kind: 'arrive'; readonly frame: FrameId; readonly node: NodeName; readonly iface: InterfaceName }
  // Switches and routers.
  | { readonly kind: 'switch-learn'; readonly node: NodeName; readonly mac: MacAddr; readonly port: InterfaceName }
  | { readonly kind: 'switch-forward'; readonly node: NodeName; readonly frame: FrameId; readonly out: readonly FrameId[]; readonly flooded: boolean }
  | { readonly kind: 'router-forward'; readonly node: NodeName; readonly frame: FrameId; readonly out: FrameId; readonly route: string; readonly nextHop: Ipv4Addr; readonly changed: readonly FieldChange[]; readonly unchanged: readonly FieldValue[] }
  | { readonly kind: 'router-drop'; readonly node: NodeName; readonly frame: FrameId; readonly reason: 'ttl-expired' | 'no-route' }
  // Decapsulation, bottom-up: each check with its result, then the header is stripped.
  | { readonly kind: 'decap-check'; readonly node: NodeName; readonly frame: FrameId; readonly layer: Layer; readonly check: CheckKind; readonly ok: boolean; readonly expected: string; readonly actual: string; readonly verdict?: SegmentVerdict; /** A checksum left for the card to fill in (replay of a capture taken before it did). */ readonly offload?: true }
  | { readonly kind: 'decap-strip'; readonly node: NodeName; readonly frame: FrameId; readonly layer: Layer; readonly protocol: Protocol; readonly pdu: Pdu; readonly length: number }
  | { readonly kind: 'drop'; readonly node: NodeName; readonly frame: FrameId; readonly layer: Layer; readonly reason: DropReason }
  // ARP.
  | { readonly kind: 'arp-wait'; readonly host: NodeName; readonly ip: Ipv4Addr }
  | { readonly kind: 'arp-learn'; readonly host: NodeName; readonly ip: Ipv4Addr; readonly mac: MacAddr }
  // TCP.
  | { readonly kind: 'tcp-state'; readonly host: NodeName; readonly socket: SocketId; readonly from: TcpState; readonly to: TcpState; readonly cause: TcpCause }
  | { readonly kind: 'tcp-timer'; readonly host: NodeName; readonly socket: SocketId; readonly timer: TimerKind; readonly action: 'start' | 'stop' | 'fire'; readonly due: Micros | null }
  | { readonly kind: 'tcp-segment'; readonly host: NodeName; readonly socket: SocketId; readonly frame: FrameId; readonly verdict: SegmentVerdict; readonly seq: Seq; readonly expected: Seq; readonly length: number }
  | { readonly kind: 'tcp-retransmit'; readonly host: NodeName; readonly socket: SocketId; readonly seq: Seq; readonly reason: RetransmitReason }
  | { readonly kind: 'tcp-dup-ack'; readonly host: NodeName; readonly socket: SocketId; readonly ack: Seq; readonly count: number }
  /** cwnd or ssthresh changed (RFC 5681, RFC 6582), with the numbers its rule used. */
  | ({ readonly kind: 'tcp-congestion'; readonly host: NodeName; readonly socket: SocketId } & CongestionChange)
  | { readonly kind: 'tcp-reset'; readonly host: NodeName; readonly socket: SocketId | null; readonly reason: ResetReason }
  // DNS.
  | { readonly kind: 'dns-query'; readonly host: NodeName; readonly name: string }
  | { readonly kind: 'dns-answer'; readonly host: NodeName; readonly name: string; readonly addresses: readonly Ipv4Addr[] }
  // Time.
  /** A lesson's wait: virtual time ran on from `since` to `t` and nothing more happened. */
  | { readonly kind: 'idle'; readonly since: Micros }
);

export type StepKind = Step['kind'];

/** The state of the world after a step: enough to draw any screen without replaying. */
export interface Snapshot {
  readonly t: Micros;
  readonly sockets: Readonly<Record<SocketId, SocketSnapshot>>;
  readonly arp: Readonly<Record<NodeName, Readonly<Record<Ipv4Addr, MacAddr>>>>;
  readonly macTables: Readonly<Record<NodeName, Readonly<Record<MacAddr, InterfaceName>>>>;
  /**
   * Ports each host listens on (RFC 9293 §3.10.1, a passive OPEN: LISTEN). A listener has
   * no connection yet, so it is not among `sockets`.
   */
  readonly listening: Readonly<Record<NodeName, readonly number[]>>;
}

export interface SocketSnapshot extends TcpSnapshot {
  readonly id: SocketId;
  readonly host: NodeName;
  readonly protocol: 'tcp';
}

export interface Trace {
  readonly seed: number;
  readonly steps: readonly Step[];
  /**
   * `snapshots[i]` is the world after `steps[i]`. Consecutive steps that change nothing
   * share one object, so stepping back is an index, not a replay.
   */
  readonly snapshots: readonly Snapshot[];
  readonly frames: readonly FrameRecord[];
  /** Every socket that existed, for ladder columns and quizzes. */
  readonly sockets: readonly { readonly id: SocketId; readonly host: NodeName; readonly local: Endpoint; readonly remote: Endpoint }[];
  /** What the lesson calls its nodes in sentences, where it says (its topology's `label`s). */
  readonly labels?: Readonly<Record<NodeName, { readonly en: string; readonly ko: string }>>;
}
