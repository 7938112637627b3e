import { BROADCAST_MAC, type Ipv4Addr, type MacAddr } from '../wire/address.js';
import * as arp from '../wire/arp.js';
import type { PseudoHeader } from '../wire/checksum.js';
import * as dns from '../wire/dns.js';
import * as eth from '../wire/ethernet.js';
import * as icmp from '../wire/icmp.js';
import * as ipv4 from '../wire/ipv4.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';
import { appProtocolOf, appProtocolOfSegment, PROTOCOLS, type AppProtocol, type Protocol } from '../wire/protocols.js';
import type { EncapLayer } from './fields.js';

/**
 * Frames are built with the wire codecs, each layer encoded in place into one buffer:
 * transport first (its checksum needs the addresses), then IP, then Ethernet with its FCS.
 * What the trace says about a frame is read back from these bytes, never from the values
 * that went in.
 */

export const ETH_HEADER = eth.HEADER_LEN;
export const IP_HEADER = ipv4.MIN_HEADER_LEN;
export const DEFAULT_TTL = 64;

/** The layer above IP, ready to be encoded at any offset. */
export interface IpPayload {
  readonly protocol: number;
  readonly length: number;
  write(buf: Uint8Array, offset: number, pseudo: PseudoHeader): void;
  /** The layers this payload adds, top-down, for a payload encoded at `start`. */
  layers(start: number): EncapLayer[];
}

export type { AppProtocol } from '../wire/protocols.js';

/** One layer of a frame being built; its layer and unit name come from the protocol table. */
function part(protocol: Protocol, start: number, length: number, header?: Pick<EncapLayer, 'layout' | 'headerLength' | 'trailer'>): EncapLayer {
  const { layer, pdu } = PROTOCOLS[protocol];
  return { layer, protocol, pdu, start, length, ...header };
}

function appLayer(protocol: AppProtocol, start: number, length: number): EncapLayer {
  return protocol === 'dns'
    ? part(protocol, start, length, { layout: dns.LAYOUT, headerLength: dns.HEADER_LEN })
    : part(protocol, start, length);
}

/**
 * A TCP segment as an IP payload. What its data is called follows the protocol table's
 * rule: the port names HTTP, and the bytes must start an HTTP message (`appProtocolOfSegment`).
 */
export function tcpPayload(seg: tcp.TcpSegment): IpPayload {
  const app = appProtocolOfSegment(seg.srcPort, seg.dstPort, seg.payload);
  const hlen = tcp.headerLength(seg);
  const length = hlen + seg.payload.length;
  return {
    protocol: ipv4.PROTO_TCP,
    length,
    write: (buf, offset, pseudo) => void tcp.encode(seg, pseudo, buf, offset),
    layers: (start) => {
      const t = part('tcp', start, length, { layout: tcp.LAYOUT, headerLength: hlen });
      return seg.payload.length > 0 ? [appLayer(app, start + hlen, seg.payload.length), t] : [t];
    },
  };
}

export function udpPayload(d: udp.UdpDatagram): IpPayload {
  const app = appProtocolOf('udp', d.srcPort, d.dstPort);
  const length = udp.encodingLength(d);
  return {
    protocol: ipv4.PROTO_UDP,
    length,
    write: (buf, offset, pseudo) => void udp.encode(d, pseudo, buf, offset),
    layers: (start) => {
      const u = part('udp', start, length, { layout: udp.LAYOUT, headerLength: udp.HEADER_LEN });
      return d.payload.length > 0 ? [appLayer(app, start + udp.HEADER_LEN, d.payload.length), u] : [u];
    },
  };
}

export function icmpPayload(m: icmp.IcmpMessage): IpPayload {
  const length = icmp.encodingLength(m);
  return {
    protocol: ipv4.PROTO_ICMP,
    length,
    write: (buf, offset) => void icmp.encode(m, buf, offset),
    layers: (start) => [part('icmp', start, length, { layout: icmp.LAYOUT, headerLength: icmp.HEADER_LEN })],
  };
}

export interface IpHeaderFields {
  readonly src: Ipv4Addr;
  readonly dst: Ipv4Addr;
  readonly identification: number;
  readonly ttl: number;
  readonly dontFragment: boolean;
}

const NO_OPTIONS = new Uint8Array(0);

/** Bytes of the Ethernet frame around a payload: header, padding to the minimum, FCS. */
function frameLength(payloadLength: number): number {
  return Math.max(ETH_HEADER + payloadLength, eth.MIN_FRAME_LEN) + eth.FCS_LEN;
}

/** An encoded IPv4 packet, already in the buffer its frame will use. */
export interface BuiltPacket {
  /** The packet: bytes 14 onward of `buffer`. */
  readonly bytes: Uint8Array;
  /** Sized for the whole frame; the Ethernet header and FCS are written into it later. */
  readonly buffer: Uint8Array;
}

/**
 * An IPv4 packet carrying `payload`, encoded where it will sit in its frame, so that
 * `frameAround` can add the Ethernet header and FCS (once ARP has answered) without a copy.
 */
export function buildPacket(h: IpHeaderFields, payload: IpPayload): BuiltPacket {
  const length = IP_HEADER + payload.length;
  const buffer = new Uint8Array(frameLength(length));
  payload.write(buffer, ETH_HEADER + IP_HEADER, { src: h.src, dst: h.dst });
  ipv4.encode({
    dscp: 0, ecn: 0, identification: h.identification, dontFragment: h.dontFragment, moreFragments: false, fragmentOffset: 0,
    ttl: h.ttl, protocol: payload.protocol, src: h.src, dst: h.dst, options: NO_OPTIONS,
    payload: buffer.subarray(ETH_HEADER + IP_HEADER, ETH_HEADER + length),
  }, buffer, ETH_HEADER);
  return { bytes: buffer.subarray(ETH_HEADER, ETH_HEADER + length), buffer };
}

/** The frame for a built packet, made in the packet's own buffer. */
export function frameAround(src: MacAddr, dst: MacAddr, p: BuiltPacket): Uint8Array {
  return eth.encode({ dst, src, etherType: eth.ETHERTYPE_IPV4, payload: p.bytes }, p.buffer, 0);
}

/** Wraps a payload (an ARP message, a forwarded packet) in a new Ethernet frame with padding and FCS. */
export function buildFrame(src: MacAddr, dst: MacAddr, etherType: number, payload: Uint8Array): Uint8Array {
  return eth.encode({ dst, src, etherType, payload });
}

/** The IP and Ethernet layers of a frame built from a packet, for the encapsulation steps. */
export function lowerLayers(frame: Uint8Array, packetLength: number, ipHeaderLength = IP_HEADER): EncapLayer[] {
  return [
    part('ipv4', ETH_HEADER, packetLength, { layout: ipv4.LAYOUT, headerLength: ipHeaderLength }),
    part('ethernet', 0, frame.length, { layout: eth.LAYOUT, headerLength: ETH_HEADER, trailer: true }),
  ];
}

export function arpFrame(p: arp.ArpPacket): Uint8Array {
  const dst = p.op === arp.OP_REQUEST ? BROADCAST_MAC : p.targetMac;
  return buildFrame(p.senderMac, dst, eth.ETHERTYPE_ARP, arp.encode(p));
}

/** ARP's layers: an ARP message directly in an Ethernet frame, never in an IP packet. */
export function arpLayers(frame: Uint8Array): EncapLayer[] {
  return [
    part('arp', ETH_HEADER, arp.PACKET_LEN, { layout: arp.LAYOUT, headerLength: arp.PACKET_LEN }),
    part('ethernet', 0, frame.length, { layout: eth.LAYOUT, headerLength: ETH_HEADER, trailer: true }),
  ];
}

/**
 * Decodes a frame, checking its FCS only when asked. A link's corrupt action is the only
 * thing that changes bytes in flight, so a receiver at trace level 'frames' checks the
 * CRC of exactly the frames that could fail it; the outcome is the same, at less cost.
 */
export function decodeEthernet(bytes: Uint8Array, checkFcs: boolean): ReturnType<typeof eth.decode> {
  if (checkFcs) return eth.decode(bytes);
  const d = eth.decode(bytes, 0, bytes.length - eth.FCS_LEN, { hasFcs: false });
  if (!d.ok) return d;
  const at = bytes.length - eth.FCS_LEN;
  const fcs = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  return { ok: true, value: { ...d.value, fcs, fcsOk: true }, bytesRead: bytes.length };
}
