// A simulated trace written as a capture file: the frames one capture point saw, as
// tcpdump or a tap would have recorded them. It lives with the capture formats (it uses
// the simulator's types, the simulator never uses it), so data flows sim → capture.
import type { Topology } from '../sim/topology.js';
import type { Micros } from '../sim/time.js';
import type { FrameId, InterfaceName, LinkName, NodeName, Trace } from '../sim/trace.js';
import { FCS_LEN, withoutFcsAndPadding } from '../wire/ethernet.js';
import { LINKTYPE_ETHERNET } from './linklayer.js';
import type { CaptureFormat, CapturePacket } from './packet.js';
import { writeCapture } from './write.js';

/**
 * Where a capture listens. An interface sees what it sends (before the wire can lose it)
 * and what reaches it, like tcpdump on a host. A link sees every frame put on it, in both
 * directions, like a tap. A node means its only cabled interface. A frame a switch sends
 * on is a new frame on each link, so any one point sees it at most once, and Wireshark
 * never mistakes it for a retransmission.
 */
export type CapturePoint =
  | { readonly iface: InterfaceName }
  | { readonly link: LinkName }
  | { readonly node: NodeName };

export interface CaptureOptions {
  /** Default: the first host's interface, as tcpdump on the client. */
  readonly point?: CapturePoint;
  /** Default pcapng. */
  readonly format?: CaptureFormat;
  /**
   * The trace step the capture starts at (tcpdump started mid-stream): frames the point
   * saw at earlier steps are left out. Default: the whole trace.
   */
  readonly fromStep?: number;
  /** Wall-clock second that virtual time 0 maps to (default 1 700 000 000: Nov 2023). */
  readonly epochSeconds?: number;
  /**
   * true (the default): frames as the wire carries them, padded to 60 bytes and ending in
   * their FCS (fcsLen 4). false: as a Linux host's own capture shows them, with neither
   * (a pure ACK 54 bytes, a full 1500-byte packet 1514): see `withoutFcsAndPadding`.
   */
  readonly fcs?: boolean;
}

export interface CaptureExport {
  readonly bytes: Uint8Array;
  /** Frame → its 1-based number in the file, as Wireshark numbers it. */
  readonly frameNumbers: ReadonlyMap<FrameId, number>;
  /** The frames in file order. */
  readonly frames: readonly FrameId[];
  /** The resolved point: `iface client:eth0` or `link transit`. */
  readonly point: string;
}

export type CaptureResult = { readonly ok: true; readonly value: CaptureExport } | { readonly ok: false; readonly error: string };

type Resolved = { readonly iface: InterfaceName; readonly link?: undefined } | { readonly link: LinkName; readonly iface?: undefined };

export const DEFAULT_EPOCH_SECONDS = 1_700_000_000;

function resolve(topology: Topology, point: CapturePoint | undefined): Resolved | string {
  const ifaces = new Set(topology.links.flatMap((l) => [l.a.iface, l.b.iface]));
  if (point === undefined) {
    const first = topology.hosts[0];
    if (!first) return 'the topology has no host to capture on';
    return { iface: `${first.name}:eth0` };
  }
  if ('iface' in point) return ifaces.has(point.iface) ? { iface: point.iface } : `no cabled interface "${point.iface}"`;
  if ('link' in point) {
    return topology.links.some((l) => l.name === point.link) ? { link: point.link } : `no link named "${point.link}"`;
  }
  const mine = [...ifaces].filter((i) => i.startsWith(`${point.node}:`));
  if (mine.length === 0) return `no node "${point.node}" with a cabled interface`;
  if (mine.length > 1) return `${point.node} has ${mine.length} interfaces (${mine.join(', ')}); capture on one of them`;
  return { iface: mine[0]! };
}

/** The frames a capture point sees, with the time each passed it, in time order. */
export function framesAt(trace: Trace, point: Resolved, fromStep = 0): { id: FrameId; t: Micros }[] {
  const seen: { id: FrameId; t: Micros }[] = [];
  for (const s of trace.steps.slice(fromStep)) {
    if (s.kind === 'transmit') {
      const f = trace.frames[s.frame];
      if (!f) continue;
      if (point.iface !== undefined ? f.from === point.iface : f.link === point.link) seen.push({ id: f.id, t: f.t });
    } else if (s.kind === 'arrive' && point.iface !== undefined && s.iface === point.iface) {
      seen.push({ id: s.frame, t: s.t });
    }
  }
  // Stable: frames queued behind each other keep their order.
  return seen.map((x, i) => ({ ...x, i })).sort((a, b) => a.t - b.t || a.i - b.i).map(({ id, t }) => ({ id, t }));
}

/** Writes the frames one point saw as pcap or pcapng, FCS included (fcsLen 4) unless `fcs` is false. */
export function exportCapture(trace: Trace, topology: Topology, opts: CaptureOptions = {}): CaptureResult {
  const point = resolve(topology, opts.point);
  if (typeof point === 'string') return { ok: false, error: point };
  const epoch = opts.epochSeconds ?? DEFAULT_EPOCH_SECONDS;
  const seen = framesAt(trace, point, opts.fromStep);
  const fcs = opts.fcs ?? true;
  const frameNumbers = new Map<FrameId, number>();
  const packets: CapturePacket[] = seen.map(({ id, t }, i) => {
    frameNumbers.set(id, i + 1);
    // A replayed capture's times come from its file and may be anything, even backwards:
    // whole seconds by floor, so the remainder is never negative, and the seconds wrapped
    // into pcap's 32 bits.
    const sec = Math.floor(t / 1_000_000);
    const bytes = trace.frames[id]!.bytes;
    return { tsSec: (((epoch + sec) % 2 ** 32) + 2 ** 32) % 2 ** 32, tsNsec: Math.round(t - sec * 1_000_000) * 1000, data: fcs ? bytes : withoutFcsAndPadding(bytes) };
  });
  const bytes = writeCapture(packets, { format: opts.format ?? 'pcapng', linkType: LINKTYPE_ETHERNET, fcsLen: fcs ? FCS_LEN : 0 });
  return {
    ok: true,
    value: { bytes, frameNumbers, frames: seen.map((s) => s.id), point: point.iface !== undefined ? `iface ${point.iface}` : `link ${point.link}` },
  };
}
