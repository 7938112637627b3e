import type { MacAddr } from '../wire/address.js';
import type { Engine } from './engine.js';
import type { Link } from './link.js';
import type { Recorder } from './recorder.js';
import type { Rng } from './rng.js';
import type { Summarizer } from './summary.js';
import type { FrameId, FrameRecord, InterfaceName, NodeName } from './trace.js';

/** What every part of the simulation shares: the clock, the trace, chance, frame one-liners. */
export interface World {
  readonly engine: Engine;
  readonly rec: Recorder;
  readonly rng: Rng;
  readonly summarizer: Summarizer;
}

/** A frame as it comes off a link. */
export interface Arrival {
  /** The frame record the receiver got (a corrupted copy has its own record). */
  readonly id: FrameId;
  readonly bytes: Uint8Array;
  /**
   * Set when the link flipped a bit. Receivers still run the real FCS check; the flag
   * only lets the trace say why it failed.
   */
  readonly corrupted: boolean;
  /** The record itself: a switch or router that sends the frame on reuses its one-liner. */
  readonly record: FrameRecord;
}

export interface SimNode {
  readonly name: NodeName;
  readonly kind: 'host' | 'switch' | 'router';
  receive(port: Port, frame: Arrival): void;
}

/** One network interface: a NIC of a host, a port of a switch, an interface of a router. */
export class Port {
  link: Link | null = null;
  constructor(
    readonly node: SimNode,
    readonly name: InterfaceName,
    readonly mac: MacAddr,
    /** The node's own MTU for this interface. */
    private readonly ownMtu: number,
  ) {}

  /** The largest IP packet that fits both the interface and its link. */
  get mtu(): number {
    return Math.min(this.ownMtu, this.link?.mtu ?? this.ownMtu);
  }

  /** Puts a built frame on the link; without a cable it goes nowhere. */
  transmit(bytes: Uint8Array, id: FrameId, parent: FrameId | null, summary?: FrameRecord): void {
    if (!this.link) throw new Error(`${this.name} is not cabled`);
    this.link.send(this, bytes, id, parent, summary);
  }
}
