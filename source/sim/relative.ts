// Wireshark's relative numbers for a simulated trace: the bases of every TCP direction,
// learnt from the original frames in the order they first went on a wire (the capture's
// order). The rule itself lives in wire/relative.ts; this only feeds it the trace.
import * as eth from '../wire/ethernet.js';
import * as ipv4 from '../wire/ipv4.js';
import { flowKey, SeqBases, type SegmentSeen } from '../wire/relative.js';
import * as tcp from '../wire/tcp.js';
import type { FrameRecord, Trace } from './trace.js';

const cache = new WeakMap<Trace, SeqBases>();

/** The TCP facts relative numbering needs from a frame; null if it carries no TCP segment. */
export function segmentSeen(f: FrameRecord): SegmentSeen | null {
  const e = eth.decode(f.bytes, 0, f.bytes.length, { hasFcs: true });
  if (!e.ok || e.value.etherType !== eth.ETHERTYPE_IPV4) return null;
  const ip = ipv4.decode(e.value.payload);
  if (!ip.ok || ip.value.protocol !== ipv4.PROTO_TCP) return null;
  const t = tcp.decode(ip.value.payload);
  if (!t.ok) return null;
  const s = t.value;
  return { flow: flowKey(ip.value.src, s.srcPort, ip.value.dst, s.dstPort), seq: s.seq, ack: s.ack, syn: s.flags.syn };
}

/** Original frames (not a router's or switch's copies) in the order they first went on a wire. */
export function captureOrder(trace: Trace): FrameRecord[] {
  const first = new Map<number, number>();
  trace.steps.forEach((s, i) => {
    if (s.kind === 'transmit' && !first.has(s.frame)) first.set(s.frame, i);
  });
  return trace.frames
    .filter((f) => f.parent === null && first.has(f.id))
    .sort((a, b) => first.get(a.id)! - first.get(b.id)! || a.id - b.id);
}

/** Every TCP direction's base in `trace`, computed once per trace. */
export function seqBasesOfTrace(trace: Trace): SeqBases {
  let b = cache.get(trace);
  if (!b) {
    b = new SeqBases();
    for (const f of captureOrder(trace)) {
      const s = segmentSeen(f);
      if (s) b.see(s);
    }
    cache.set(trace, b);
  }
  return b;
}
