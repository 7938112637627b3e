// A captured packet as the Ethernet frame the player shows, ending in its FCS. What the
// capture holds is kept; what it lacks is either added and said so (an Ethernet header
// for cooked or loopback captures, an FCS that the network card stripped) or, when it is
// the packet's own bytes that are missing, not made up at all.
import type { MacAddr } from '../wire/address.js';
import { crc32 } from '../wire/crc32.js';
import type { WireError } from '../wire/errors.js';
import * as eth from '../wire/ethernet.js';
import * as ipv4 from '../wire/ipv4.js';
import * as tcp from '../wire/tcp.js';
import { decodeLinkLayer, LINKTYPE_ETHERNET } from '../capture/linklayer.js';
import type { CapturedPacket } from '../capture/packet.js';

export type FcsSource =
  /** Computed by tcp-tutor: the capture did not keep one. */
  | { readonly kind: 'computed'; readonly value: number }
  /** The capture's own, and whether it matches the frame. */
  | { readonly kind: 'captured'; readonly value: number; readonly computed: number; readonly ok: boolean };

export interface RebuiltFrame {
  readonly bytes: Uint8Array;
  readonly fcs: FcsSource;
  /** The capture's Ethernet header was kept (with its VLAN tags removed, if any). */
  readonly realHeader: boolean;
  readonly vlanIds: readonly number[];
  /** The sending MAC a cooked capture recorded, if any. */
  readonly cookedSrc: MacAddr | null;
  readonly ip: ipv4.DecodedIpv4;
  readonly tcp: tcp.DecodedTcp;
}

export type FrameResult =
  | { readonly ok: true; readonly frame: RebuiltFrame }
  /** The snaplen kept only part of the IP packet: `captured` of `length` bytes. */
  | { readonly ok: false; readonly cut: { readonly captured: number; readonly length: number } }
  | { readonly ok: false; readonly cut?: undefined; readonly reason: UnreadableReason };

/** Why a captured packet cannot be shown: a code and its parameters (messages.ts words them). */
export type UnreadableReason =
  /** A decoder refused the bytes; `detail` is its own technical message. */
  | { readonly code: 'malformed'; readonly protocol: string; readonly offset: number; readonly detail: string }
  | { readonly code: 'ip-header-cut'; readonly captured: number }
  | { readonly code: 'ip-length'; readonly length: number; readonly holds: number }
  | { readonly code: 'rebuild-failed' };

function malformed(e: WireError): FrameResult {
  return { ok: false, reason: { code: 'malformed', protocol: e.protocol, offset: e.offset, detail: e.message } };
}

function readFcs(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/**
 * `macs` are the addresses to use when the capture has no Ethernet header. A packet the
 * snaplen cut inside its IP datagram gives `cut`: its payload is not in the file.
 */
export function rebuildFrame(p: CapturedPacket, macs: { readonly src: MacAddr; readonly dst: MacAddr }): FrameResult {
  const link = decodeLinkLayer(p.linkType, p.data, p.fcsLen);
  if (!link.ok) return malformed(link.error);
  const net = link.value.payload;
  if (net.length < ipv4.MIN_HEADER_LEN) return { ok: false, reason: { code: 'ip-header-cut', captured: net.length } };
  const totalLength = (net[2]! << 8) | net[3]!;
  if (net.length < totalLength) {
    if (p.cutBySnaplen) return { ok: false, cut: { captured: net.length, length: totalLength } };
    return { ok: false, reason: { code: 'ip-length', length: totalLength, holds: net.length } };
  }
  const packet = net.subarray(0, totalLength);
  const ip = ipv4.decode(packet);
  if (!ip.ok) return malformed(ip.error);
  const seg = tcp.decode(ip.value.payload);
  if (!seg.ok) return malformed(seg.error);

  const ethernet = p.linkType === LINKTYPE_ETHERNET;
  const vlanIds = link.value.vlanIds ?? [];
  const cookedSrc = !ethernet ? link.value.src ?? null : null;
  // An untagged Ethernet frame that kept its FCS is shown byte for byte: the FCS is the capture's own.
  if (ethernet && vlanIds.length === 0 && p.fcsLen === eth.FCS_LEN && !p.cutBySnaplen && p.data.length >= eth.MIN_FRAME_LEN + eth.FCS_LEN) {
    const bytes = p.data.slice();
    const at = bytes.length - eth.FCS_LEN;
    const value = readFcs(bytes, at);
    const computed = crc32(bytes, 0, at);
    const kept = decodeAgain(bytes);
    if (kept) return { ok: true, frame: { bytes, fcs: { kind: 'captured', value, computed, ok: value === computed }, realHeader: true, vlanIds, cookedSrc, ...kept } };
  }
  const src = ethernet ? link.value.src! : macs.src;
  const dst = ethernet ? link.value.dst! : macs.dst;
  const bytes = eth.encode({ dst, src, etherType: eth.ETHERTYPE_IPV4, payload: packet });
  const again = decodeAgain(bytes);
  if (!again) return { ok: false, reason: { code: 'rebuild-failed' } };
  return {
    ok: true,
    frame: { bytes, fcs: { kind: 'computed', value: readFcs(bytes, bytes.length - eth.FCS_LEN) }, realHeader: ethernet, vlanIds, cookedSrc, ...again },
  };
}

/** The IP and TCP headers of the frame as the player will read them. */
function decodeAgain(bytes: Uint8Array): { ip: ipv4.DecodedIpv4; tcp: tcp.DecodedTcp } | null {
  const e = eth.decode(bytes, 0, bytes.length, { hasFcs: true });
  if (!e.ok || e.value.etherType !== eth.ETHERTYPE_IPV4) return null;
  const ip = ipv4.decode(e.value.payload);
  if (!ip.ok) return null;
  const seg = tcp.decode(ip.value.payload);
  if (!seg.ok) return null;
  return { ip: ip.value, tcp: seg.value };
}
