// Shared helpers for the simulation's tests: a network with a default seed, and frame
// decoding with the wire codecs.
import * as arp from '../../source/wire/arp.js';
import * as eth from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import * as tcp from '../../source/wire/tcp.js';
import * as udp from '../../source/wire/udp.js';
import { createNetwork, type Network, type NetworkOptions } from '../../source/sim/network.js';
import type { BuiltinTopologyName, TopologySpec } from '../../source/sim/topology.js';
import type { FrameRecord, Step, StepKind, Trace } from '../../source/sim/trace.js';
export function sim(topology: TopologySpec | BuiltinTopologyName, opts: Partial<NetworkOptions> = {}): Network {
  return createNetwork(topology, { seed: 1, ...opts });
}

export interface Decoded {
  readonly eth: eth.DecodedEthernet;
  readonly arp?: arp.ArpPacket;
  readonly ip?: ipv4.DecodedIpv4;
  readonly tcp?: tcp.DecodedTcp;
  readonly udp?: udp.DecodedUdp;
}

export function decodeFrame(bytes: Uint8Array): Decoded {
  const e = eth.decode(bytes);
  if (!e.ok) throw new Error(e.error.message);
  const out: { -readonly [K in keyof Decoded]: Decoded[K] } = { eth: e.value };
  if (e.value.etherType === eth.ETHERTYPE_ARP) {
    const a = arp.decode(e.value.payload);
    if (a.ok) out.arp = a.value;
  } else if (e.value.etherType === eth.ETHERTYPE_IPV4) {
    const ip = ipv4.decode(e.value.payload);
    if (!ip.ok) throw new Error(ip.error.message);
    out.ip = ip.value;
    const pseudo = { src: ip.value.src, dst: ip.value.dst };
    if (ip.value.protocol === ipv4.PROTO_TCP) {
      const t = tcp.decode(ip.value.payload, 0, ip.value.payload.length, pseudo);
      if (t.ok) out.tcp = t.value;
    }
    if (ip.value.protocol === ipv4.PROTO_UDP) {
      const u = udp.decode(ip.value.payload, 0, ip.value.payload.length, pseudo);
      if (u.ok) out.udp = u.value;
    }
  }
  return out;
}

export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

export function stepsOf<K extends StepKind>(trace: Trace, kind: K): StepOf<K>[] {
  return trace.steps.filter((s): s is StepOf<K> => s.kind === kind);
}

/** Frames put on the wire by a sender (not copies a switch or router sent on). */
export function sentBy(trace: Trace, iface: string): FrameRecord[] {
  return trace.frames.filter((f) => f.from === iface && f.parent === null);
}

export const text = (s: string) => new TextEncoder().encode(s);
