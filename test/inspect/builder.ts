// Builds captures frame by frame with our own wire codecs, for judging `inspect` against
// tshark on content a real capture rarely shows on demand: starts mid-stream, sequence
// numbers that wrap, retransmissions, reordering, duplicate ACKs and zero windows.
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL } from '../../source/capture/linklayer.js';
import { parseIpv6 } from '../../source/wire/address.js';
import { finishChecksum, sumWords } from '../../source/wire/checksum.js';
import type { CapturePacket } from '../../source/capture/packet.js';
import { writeCapture } from '../../source/capture/write.js';
import * as arp from '../../source/wire/arp.js';
import * as dns from '../../source/wire/dns.js';
import * as eth from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import { seq } from '../../source/wire/seq.js';
import * as tcp from '../../source/wire/tcp.js';
import * as udp from '../../source/wire/udp.js';

export interface Endpoint {
  readonly mac: string;
  readonly ip: string;
  readonly port: number;
}

export interface SegmentSpec {
  readonly seq: number;
  /** null leaves the ACK flag clear. */
  readonly ack: number | null;
  /** Letters from "CEUPRSF" (A comes from `ack`). */
  readonly flags?: string;
  readonly window?: number;
  readonly len?: number;
  readonly options?: tcp.TcpOption[];
  /** The bytes to carry; otherwise `len` bytes of A to Z. */
  readonly payload?: Uint8Array;
}

const payloadCache = new Map<number, Uint8Array>();
function payloadOf(len: number): Uint8Array {
  let p = payloadCache.get(len);
  if (!p) {
    p = new Uint8Array(len);
    for (let i = 0; i < len; i++) p[i] = 0x41 + (i % 26);
    payloadCache.set(len, p);
  }
  return p;
}

let ipId = 1;

export function ipFrame(from: Endpoint, to: Endpoint, protocol: number, payload: Uint8Array): Uint8Array {
  const packet = ipv4.encode({
    dscp: 0, ecn: 0, identification: ipId++ & 0xffff, dontFragment: true, moreFragments: false, fragmentOffset: 0,
    ttl: 64, protocol, src: from.ip, dst: to.ip, options: new Uint8Array(0), payload,
  });
  const frame = eth.encode({ dst: to.mac, src: from.mac, etherType: eth.ETHERTYPE_IPV4, payload: packet });
  // Captures on Linux hold no FCS; keep the frames that way.
  return frame.subarray(0, frame.length - eth.FCS_LEN);
}

export function tcpFrame(from: Endpoint, to: Endpoint, s: SegmentSpec): Uint8Array {
  const f = s.flags ?? '';
  const seg: tcp.TcpSegment = {
    srcPort: from.port, dstPort: to.port, seq: seq(s.seq), ack: s.ack === null ? null : seq(s.ack),
    window: s.window ?? 502, urgentPointer: 0,
    flags: {
      cwr: f.includes('C'), ece: f.includes('E'), urg: f.includes('U'), psh: f.includes('P'),
      rst: f.includes('R'), syn: f.includes('S'), fin: f.includes('F'),
    },
    options: s.options ?? [], payload: s.payload ?? payloadOf(s.len ?? 0),
  };
  return ipFrame(from, to, ipv4.PROTO_TCP, tcp.encode(seg, { src: from.ip, dst: to.ip }));
}

/** An Ethernet frame that keeps its FCS, for captures that say they carry one. */
export function withFcs(frameWithoutFcs: Uint8Array): Uint8Array {
  const view = frameWithoutFcs.subarray(eth.HEADER_LEN);
  return eth.encode({
    dst: readMacAt(frameWithoutFcs, 0), src: readMacAt(frameWithoutFcs, 6),
    etherType: (frameWithoutFcs[12]! << 8) | frameWithoutFcs[13]!, payload: view,
  });
}

function readMacAt(b: Uint8Array, at: number): string {
  return Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
}

export type Endpoint6 = Endpoint;

/** An IPv6 packet (RFC 8200) carrying a TCP segment, checksummed over the IPv6 pseudo-header. */
export function tcp6Packet(from: Endpoint6, to: Endpoint6, s: SegmentSpec): Uint8Array {
  const f = s.flags ?? '';
  const seg = tcp.encode({
    srcPort: from.port, dstPort: to.port, seq: seq(s.seq), ack: s.ack === null ? null : seq(s.ack), window: s.window ?? 502,
    urgentPointer: 0, options: s.options ?? [], payload: s.payload ?? payloadOf(s.len ?? 0),
    flags: { cwr: false, ece: false, urg: false, psh: f.includes('P'), rst: f.includes('R'), syn: f.includes('S'), fin: f.includes('F') },
  }, { src: '0.0.0.0', dst: '0.0.0.0' });
  const out = new Uint8Array(40 + seg.length);
  out[0] = 0x60;
  out[4] = seg.length >> 8;
  out[5] = seg.length & 0xff;
  out[6] = ipv4.PROTO_TCP;
  out[7] = 64;
  out.set(parseIpv6(from.ip), 8);
  out.set(parseIpv6(to.ip), 24);
  out.set(seg, 40);
  // Replace the checksum: IPv6 pseudo-header (RFC 8200 §8.1) instead of IPv4's.
  out[40 + 16] = 0;
  out[40 + 17] = 0;
  const pseudo = sumWords(out, 8, 40, seg.length + ipv4.PROTO_TCP);
  const sum = finishChecksum(sumWords(out, 40, out.length, pseudo));
  out[40 + 16] = sum >> 8;
  out[40 + 17] = sum & 0xff;
  return out;
}

export function tcp6Frame(from: Endpoint6, to: Endpoint6, s: SegmentSpec): Uint8Array {
  const frame = eth.encode({ dst: to.mac, src: from.mac, etherType: eth.ETHERTYPE_IPV6, payload: tcp6Packet(from, to, s) });
  return frame.subarray(0, frame.length - eth.FCS_LEN);
}

/** The IP packet inside an Ethernet frame without FCS. */
export function ipPacketOf(frame: Uint8Array): Uint8Array {
  return frame.subarray(eth.HEADER_LEN);
}

/** Wraps an IP packet in another link layer's header. */
export function relink(linkType: number, packet: Uint8Array, version: 4 | 6 = 4): Uint8Array {
  const etherType = version === 4 ? eth.ETHERTYPE_IPV4 : eth.ETHERTYPE_IPV6;
  let head: number[];
  switch (linkType) {
    case LINKTYPE_NULL: // address family in host (here little-endian) byte order
      head = version === 4 ? [2, 0, 0, 0] : [24, 0, 0, 0];
      break;
    case LINKTYPE_LOOP: // address family in network byte order
      head = version === 4 ? [0, 0, 0, 2] : [0, 0, 0, 24];
      break;
    case LINKTYPE_LINUX_SLL: // packet type, ARPHRD_ETHER, address length, address (8), protocol
      head = [0, 4, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0x0a, 0, 0, etherType >> 8, etherType & 0xff];
      break;
    case LINKTYPE_LINUX_SLL2: // protocol, reserved, ifindex, ARPHRD_ETHER, packet type, address length, address (8)
      head = [etherType >> 8, etherType & 0xff, 0, 0, 0, 0, 0, 2, 0, 1, 4, 6, 2, 0, 0, 0, 0, 0x0a, 0, 0];
      break;
    default:
      throw new Error(`relink: link type ${linkType}`);
  }
  const out = new Uint8Array(head.length + packet.length);
  out.set(head);
  out.set(packet, head.length);
  return out;
}

export function arpFrame(op: number, sender: Endpoint, target: Endpoint, dstMac: string): Uint8Array {
  const frame = eth.encode({
    dst: dstMac, src: sender.mac, etherType: eth.ETHERTYPE_ARP,
    payload: arp.encode({
      op, senderMac: sender.mac, senderIp: sender.ip,
      targetMac: op === arp.OP_REQUEST ? '00:00:00:00:00:00' : target.mac, targetIp: target.ip,
    }),
  });
  return frame.subarray(0, frame.length - eth.FCS_LEN);
}

export function dnsFrame(from: Endpoint, to: Endpoint, msg: dns.DnsMessage): Uint8Array {
  const d = udp.encode({ srcPort: from.port, dstPort: to.port, payload: dns.encode(msg) }, { src: from.ip, dst: to.ip });
  return ipFrame(from, to, ipv4.PROTO_UDP, d);
}

/** Frames with timestamps in microseconds from a base, as a pcap file (Ethernet without FCS unless told). */
export function capture(frames: readonly { readonly us: number; readonly data: Uint8Array; readonly origLen?: number }[],
  opts: { format?: 'pcap' | 'pcapng'; snaplen?: number; linkType?: number; fcsLen?: 0 | 4 } = {}): Uint8Array {
  const base = 1_700_000_000;
  const packets: CapturePacket[] = frames.map((f) => ({
    tsSec: base + Math.floor(f.us / 1e6), tsNsec: (f.us - Math.floor(f.us / 1e6) * 1e6) * 1000, data: f.data,
    ...(f.origLen !== undefined ? { origLen: f.origLen } : {}),
  }));
  return writeCapture(packets, {
    format: opts.format ?? 'pcap', linkType: opts.linkType ?? LINKTYPE_ETHERNET, fcsLen: opts.fcsLen ?? 0,
    ...(opts.snaplen !== undefined ? { snaplen: opts.snaplen } : {}),
  });
}

export const A: Endpoint = { mac: '02:00:00:00:00:0a', ip: '10.0.0.1', port: 40000 };
export const B: Endpoint = { mac: '02:00:00:00:00:0b', ip: '10.0.0.2', port: 80 };
