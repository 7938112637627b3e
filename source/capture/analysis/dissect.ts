/**
 * Reads one captured frame far enough to explain it: link layer, IPv4 or IPv6, then TCP,
 * UDP (DNS on port 53) or ARP. Unlike the strict wire decoders, this copes with what real
 * captures hold: frames cut by the snaplen, Ethernet padding, checksums left to the NIC.
 * It never throws on hostile bytes; anything it cannot read becomes kind 'other' with a
 * reason.
 *
 * This runs once per packet of captures with millions of them, so it reads header fields
 * at fixed offsets (taken from each protocol's layout, the one place they are written
 * down) and builds no per-field objects.
 *
 * Deliberate differences from Wireshark: IP fragments are not reassembled (each shows as
 * a fragment), and the TCP or UDP header quoted inside an ICMP error is not read, so it
 * never starts or joins a TCP stream as it can in Wireshark.
 */
import * as arp from '../../wire/arp.js';
import { finishChecksum, sumWords } from '../../wire/checksum.js';
import { crc32 } from '../../wire/crc32.js';
import * as dns from '../../wire/dns.js';
import { formatIpv6 } from '../../wire/address.js';
import type { WireError } from '../../wire/errors.js';
import * as ipv4 from '../../wire/ipv4.js';
import { fieldOf, type Layout } from '../../wire/layout.js';
import * as tcp from '../../wire/tcp.js';
import * as udp from '../../wire/udp.js';
import * as eth from '../../wire/ethernet.js';
import { decodeLinkLayer, LINKTYPE_ETHERNET } from '../linklayer.js';
import type { CapturedPacket } from '../packet.js';
import { appProtocolOf } from '../../wire/protocols.js';

const byteAt = (layout: Layout, key: string): number => fieldOf(layout, key).bitOffset / 8;

const ETHERTYPE_AT = byteAt(eth.LAYOUT, 'eth.type');

const IP_LEN_AT = byteAt(ipv4.LAYOUT, 'ip.len');
const IP_FRAG_AT = byteAt(ipv4.LAYOUT, 'ip.flags.rb');
const IP_PROTO_AT = byteAt(ipv4.LAYOUT, 'ip.proto');
const IP_SRC_AT = byteAt(ipv4.LAYOUT, 'ip.src');
const IP_DST_AT = byteAt(ipv4.LAYOUT, 'ip.dst');
/** The More Fragments bit and the 13-bit offset share two bytes (RFC 791 §3.1). */
const IP_MF_AND_OFFSET = 0x3fff;
const IP_OFFSET_MASK = 0x1fff;

const TCP_SEQ_AT = byteAt(tcp.LAYOUT, 'tcp.seq');
const TCP_ACK_AT = byteAt(tcp.LAYOUT, 'tcp.ack');
const TCP_OFFSET_AT = byteAt(tcp.LAYOUT, 'tcp.hdr_len');
/** Flags CWR..FIN fill the byte after Data Offset and the reserved bits. */
const TCP_FLAGS_AT = TCP_OFFSET_AT + 1;
const TCP_WINDOW_AT = byteAt(tcp.LAYOUT, 'tcp.window_size_value');
const TCP_CSUM_AT = byteAt(tcp.LAYOUT, 'tcp.checksum');
const UDP_LEN_AT = byteAt(udp.LAYOUT, 'udp.length');
const UDP_CSUM_AT = byteAt(udp.LAYOUT, 'udp.checksum');

/** IPv6 (RFC 8200 §3): fixed 40-byte header; payload length, next header, addresses. */
const IPV6_HEADER_LEN = 40;
const IPV6_PAYLOAD_LEN_AT = 4;
const IPV6_NEXT_AT = 6;
const IPV6_SRC_AT = 8;
const IPV6_DST_AT = 24;
/** Extension headers we step over (RFC 8200 §4): hop-by-hop, routing, destination options. */
const IPV6_SKIPPABLE = new Set([0, 43, 60]);
const IPV6_FRAGMENT = 44;

const ADDRESS_CACHE_LIMIT = 65536;

export type ChecksumState = 'ok' | 'bad' | 'unchecked';

export interface IpInfo {
  readonly version: 4 | 6;
  readonly src: string;
  readonly dst: string;
  /** Exact identity of each address: the IPv4 value as a number, or the IPv6 text. */
  readonly srcKey: number | string;
  readonly dstKey: number | string;
  /** IPv4 header checksum; 'unchecked' for IPv6, which has none. */
  readonly headerChecksum: ChecksumState;
  /** Whether this is one fragment of a bigger datagram (not reassembled). */
  readonly fragment: boolean;
}

export interface TransportChecksum {
  readonly state: ChecksumState;
  /** The field's value, and what it should be when state is 'bad'. */
  readonly field: number;
  readonly expected: number;
  /** A bad value that is exactly what a sender leaves for its NIC to finish (checksum offload). */
  readonly looksOffloaded: boolean;
}

interface Base {
  /** The FCS, when the capture kept one: 'unchecked' when it did not. */
  readonly fcs: ChecksumState;
  /** The frame was cut by the snaplen. */
  readonly cut: boolean;
}

export interface TcpPacket extends Base {
  readonly kind: 'tcp';
  readonly ip: IpInfo;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  readonly headerLength: number;
  /** The capture cut the fixed 20-byte header short (the window was kept, little more). */
  readonly headerCut: boolean;
  /** Payload bytes as the IP length gives them, or null when that cannot be known. */
  readonly seglen: number | null;
  readonly checksum: TransportChecksum;
  /** The frame, and where in it the TCP options start and end (as far as captured). */
  readonly frame: Uint8Array;
  readonly optionsAt: number;
  readonly optionsEnd: number;
}

/** A segment's option bytes, as far as captured. */
export function tcpOptions(d: TcpPacket): Uint8Array {
  return d.frame.subarray(d.optionsAt, d.optionsEnd);
}

export interface UdpPacket extends Base {
  readonly kind: 'udp';
  readonly ip: IpInfo;
  readonly srcPort: number;
  readonly dstPort: number;
  /** Payload bytes per the UDP length field. */
  readonly length: number;
  readonly checksum: TransportChecksum;
  /** For port 53: the DNS message, or why it could not be read. */
  readonly dns: dns.DnsMessage | WireError | null;
}

export interface ArpInfo extends Base {
  readonly kind: 'arp';
  readonly src: string | null;
  readonly dst: string | null;
  readonly arp: arp.ArpPacket | WireError;
}

export interface OtherPacket extends Base {
  readonly kind: 'other';
  readonly src: string | null;
  readonly dst: string | null;
  /** What it is, in English (protocol names are the same in Korean). */
  readonly what: string;
  /** Why it could not be read further, when that is the reason. */
  readonly problem: WireError | null;
  /** For an ICMP error about a TCP segment: the quoted header, which Wireshark files under a stream. */
  readonly quotedTcp?: QuotedTcp;
}

/** The start of a TCP header quoted in an ICMP error (RFC 792, RFC 4443 §2.4(c)). */
export interface QuotedTcp {
  readonly src: string;
  readonly dst: string;
  readonly srcKey: number | string;
  readonly dstKey: number | string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly flags: number;
}

/** ICMP messages that quote the packet they are about: unreachable, source quench, redirect, time exceeded, parameter problem. */
const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);
/** ICMPv6 errors (RFC 4443 §3): unreachable, packet too big, time exceeded, parameter problem. */
const ICMPV6_ERRORS = new Set([1, 2, 3, 4]);
const PROTO_ICMPV6 = 58;
/** Type, code, checksum and four more bytes come before the quoted packet. */
const ICMP_HEADER_LEN = 8;

export type Dissected = TcpPacket | UdpPacket | ArpInfo | OtherPacket;

const ipv4Names = new Map<number, string>();

function ipv4Text(n: number): string {
  let s = ipv4Names.get(n);
  if (s === undefined) {
    if (ipv4Names.size >= ADDRESS_CACHE_LIMIT) ipv4Names.clear();
    s = `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
    ipv4Names.set(n, s);
  }
  return s;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function problem(protocol: string, offset: number, message: string): WireError {
  return { protocol, offset, message };
}

const IP_PROTOCOL_NAMES: Readonly<Record<number, string>> = { 1: 'ICMP', 2: 'IGMP', 6: 'TCP', 17: 'UDP', 47: 'GRE', 50: 'ESP', 58: 'ICMPv6', 132: 'SCTP' };

function protocolName(p: number): string {
  const name = IP_PROTOCOL_NAMES[p];
  return name ? `${name} (protocol ${p})` : `protocol ${p}`;
}

/**
 * sumWords, eight bytes a turn: the same unfolded sum of big-endian 16-bit words, for the
 * payloads that make up most of a capture's bytes. Sixteen-bit words added four at a
 * time stay far below 2^53 for any IP datagram.
 */
function sumPayload(b: Uint8Array, start: number, end: number, acc: number): number {
  let sum = acc;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    sum += ((b[i]! << 8) | b[i + 1]!) + ((b[i + 2]! << 8) | b[i + 3]!) + ((b[i + 4]! << 8) | b[i + 5]!) + ((b[i + 6]! << 8) | b[i + 7]!);
  }
  return sumWords(b, i, end, sum);
}

/** The pseudo-header sum for IPv4 (RFC 9293 §3.1) or IPv6 (RFC 8200 §8.1). */
function pseudoSum(b: Uint8Array, ipAt: number, version: 4 | 6, protocol: number, length: number): number {
  if (version === 4) return sumWords(b, ipAt + IP_SRC_AT, ipAt + IP_DST_AT + 4, protocol + length);
  return sumWords(b, ipAt + IPV6_SRC_AT, ipAt + IPV6_DST_AT + 16, protocol + (length >>> 16) + (length & 0xffff));
}

/**
 * Verifies a TCP or UDP checksum over [start, end). When it is wrong, also says whether
 * the field holds just the folded pseudo-header sum: what Linux (and most stacks) write
 * before handing the packet to a NIC that computes the real checksum, which is what a
 * capture on the sending host sees.
 */
function transportChecksum(b: Uint8Array, ipAt: number, version: 4 | 6, protocol: number, start: number, end: number,
  fieldAt: number, udpZeroIsNone: boolean): TransportChecksum {
  const field = u16(b, fieldAt);
  if (udpZeroIsNone && field === 0 && version === 4) return { state: 'unchecked', field, expected: 0, looksOffloaded: false };
  const pseudo = pseudoSum(b, ipAt, version, protocol, end - start);
  const sum = sumPayload(b, start, end, pseudo);
  if (finishChecksum(sum) === 0) return { state: 'ok', field, expected: field, looksOffloaded: false };
  // What the field should hold: the checksum computed with the field taken as zero.
  const withoutField = finishChecksum(sum + (~field & 0xffff));
  let expected = withoutField;
  if (protocol === ipv4.PROTO_UDP && expected === 0) expected = 0xffff;
  const partial = ~finishChecksum(pseudo) & 0xffff;
  const looksOffloaded = field === partial || field === 0;
  return { state: 'bad', field, expected, looksOffloaded };
}

/** Reads one captured frame. `verify` turns checksum and FCS checks on. */
export function dissect(packet: CapturedPacket, verify: boolean): Dissected {
  const data = packet.data;
  const cut = packet.cutBySnaplen;
  let fcs: ChecksumState = 'unchecked';
  if (verify && packet.fcsLen === eth.FCS_LEN && !cut && data.length >= eth.FCS_LEN) {
    const at = data.length - eth.FCS_LEN;
    const carried = (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0;
    fcs = carried === crc32(data, 0, at) ? 'ok' : 'bad';
  }
  const base = { fcs, cut };
  // The common case, plain Ethernet carrying IP, without building MAC address strings.
  if (packet.linkType === LINKTYPE_ETHERNET && data.length - packet.fcsLen >= eth.HEADER_LEN) {
    const end = data.length - packet.fcsLen;
    const etherType = u16(data, ETHERTYPE_AT);
    if (etherType === eth.ETHERTYPE_IPV4) return dissectIpv4(data, eth.HEADER_LEN, end, base, verify);
    if (etherType === eth.ETHERTYPE_IPV6) return dissectIpv6(data, eth.HEADER_LEN, end, base, verify);
  }
  const link = decodeLinkLayer(packet.linkType, data, packet.fcsLen);
  if (!link.ok) return { kind: 'other', fcs, cut, src: null, dst: null, what: 'frame', problem: link.error };
  const frame = link.value;
  const src = frame.src ?? null;
  const dst = frame.dst ?? null;
  const netAt = frame.headerLength;
  switch (frame.networkProtocol) {
    case 'arp': {
      const decoded = arp.decode(data, netAt, netAt + frame.payload.length);
      return { kind: 'arp', ...base, src, dst, arp: decoded.ok ? decoded.value : decoded.error };
    }
    case 'ipv4':
      return dissectIpv4(data, netAt, netAt + frame.payload.length, base, verify);
    case 'ipv6':
      return dissectIpv6(data, netAt, netAt + frame.payload.length, base, verify);
    default: {
      const what = frame.etherType !== undefined
        ? `EtherType 0x${frame.etherType.toString(16).padStart(4, '0')}`
        : `address family ${frame.addressFamily ?? '?'}`;
      return { kind: 'other', ...base, src, dst, what, problem: null };
    }
  }
}

/**
 * `end` is where the captured bytes of the network layer end. Lengths come from the
 * headers, so a frame cut by the snaplen still reports them, as Wireshark does.
 */
function dissectIpv4(b: Uint8Array, at: number, end: number, base: Base, verify: boolean): Dissected {
  const avail = end - at;
  if (avail < ipv4.MIN_HEADER_LEN) {
    return { kind: 'other', ...base, src: null, dst: null, what: 'IPv4', problem: problem('ipv4', at, `${avail} bytes is shorter than the 20-byte header`) };
  }
  const version = b[at]! >> 4;
  const hlen = (b[at]! & 0x0f) * 4;
  const srcN = u32(b, at + IP_SRC_AT);
  const dstN = u32(b, at + IP_DST_AT);
  const srcText = ipv4Text(srcN);
  const dstText = ipv4Text(dstN);
  if (version !== 4 || hlen < ipv4.MIN_HEADER_LEN || hlen > avail) {
    const message = version !== 4 ? `version is ${version}, not 4` : `header length ${hlen} is not between 20 and the ${avail} bytes captured`;
    return { kind: 'other', ...base, src: srcText, dst: dstText, what: 'IPv4', problem: problem('ipv4', at, message) };
  }
  const totalLength = u16(b, at + IP_LEN_AT);
  if (totalLength < hlen) {
    return { kind: 'other', ...base, src: srcText, dst: dstText, what: 'IPv4', problem: problem('ipv4', at + IP_LEN_AT, `total length ${totalLength} is shorter than the ${hlen}-byte header`) };
  }
  const fragment = (u16(b, at + IP_FRAG_AT) & IP_MF_AND_OFFSET) !== 0;
  const headerChecksum: ChecksumState = !verify ? 'unchecked' : finishChecksum(sumWords(b, at, at + hlen)) === 0 ? 'ok' : 'bad';
  const ip: IpInfo = { version: 4, src: srcText, dst: dstText, srcKey: srcN, dstKey: dstN, headerChecksum, fragment };
  const protocol = b[at + IP_PROTO_AT]!;
  // Bytes past Total Length are link padding; bytes short of it were cut by the snaplen.
  const payloadStart = at + hlen;
  const payloadLength = totalLength - hlen;
  return dissectTransport(b, at, 4, protocol, payloadStart, payloadLength, Math.min(end, at + totalLength), ip, base, verify);
}

function dissectIpv6(b: Uint8Array, at: number, end: number, base: Base, verify: boolean): Dissected {
  const avail = end - at;
  if (avail < IPV6_HEADER_LEN || b[at]! >> 4 !== 6) {
    const message = avail < IPV6_HEADER_LEN ? `${avail} bytes is shorter than the 40-byte header` : `version is ${b[at]! >> 4}, not 6`;
    return { kind: 'other', ...base, src: null, dst: null, what: 'IPv6', problem: problem('ipv6', at, message) };
  }
  const srcText = formatIpv6(b, at + IPV6_SRC_AT);
  const dstText = formatIpv6(b, at + IPV6_DST_AT);
  const ipEnd = at + IPV6_HEADER_LEN + u16(b, at + IPV6_PAYLOAD_LEN_AT);
  let next = b[at + IPV6_NEXT_AT]!;
  let p = at + IPV6_HEADER_LEN;
  let fragment = false;
  // Step over extension headers: each starts with Next Header and a length in 8-byte units.
  while (IPV6_SKIPPABLE.has(next) || next === IPV6_FRAGMENT) {
    if (p + 8 > Math.min(end, ipEnd)) {
      return { kind: 'other', ...base, src: srcText, dst: dstText, what: 'IPv6', problem: problem('ipv6', p, 'an extension header runs past the captured bytes') };
    }
    if (next === IPV6_FRAGMENT) {
      fragment = true;
      next = b[p]!;
      p += 8;
      break;
    }
    next = b[p]!;
    p += (b[p + 1]! + 1) * 8;
  }
  const ip: IpInfo = { version: 6, src: srcText, dst: dstText, srcKey: srcText, dstKey: dstText, headerChecksum: 'unchecked', fragment };
  if (p > ipEnd) {
    return { kind: 'other', ...base, src: srcText, dst: dstText, what: 'IPv6', problem: problem('ipv6', p, 'extension headers run past the payload length') };
  }
  return dissectTransport(b, at, 6, next, p, ipEnd - p, Math.min(end, ipEnd), ip, base, verify);
}

/**
 * `payloadLength` is what the IP header says; `capturedEnd` is where captured bytes of the
 * datagram stop (earlier when the snaplen cut it).
 */
function dissectTransport(b: Uint8Array, ipAt: number, version: 4 | 6, protocol: number, at: number, payloadLength: number,
  capturedEnd: number, ip: IpInfo, base: Base, verify: boolean): Dissected {
  const other = (what: string, p: WireError | null): OtherPacket =>
    ({ kind: 'other', ...base, src: ip.src, dst: ip.dst, what, problem: p });
  if (ip.fragment) return other(`IPv${version} fragment of ${protocolName(protocol)}`, null);
  const captured = capturedEnd - at;
  const whole = captured >= payloadLength;
  if (protocol === ipv4.PROTO_TCP) {
    // Ports, numbers, flags and window are all Wireshark needs to track the segment; it
    // gives up on one cut before the window ends, and so do we.
    if (captured < TCP_WINDOW_AT + 2) {
      return other('TCP', problem('tcp', at, `only ${Math.max(0, captured)} bytes of the 20-byte header were captured`));
    }
    const hlen = (b[at + TCP_OFFSET_AT]! >> 4) * 4;
    // The length comes from the IP header whenever the TCP header fits in it, as in
    // Wireshark, even for a bogus header length below 20.
    const seglen = payloadLength >= hlen ? payloadLength - hlen : null;
    const checksum = verify && whole && seglen !== null && hlen >= tcp.MIN_HEADER_LEN
      ? transportChecksum(b, ipAt, version, ipv4.PROTO_TCP, at, at + payloadLength, at + TCP_CSUM_AT, false)
      : UNCHECKED;
    // Written out field by field (no spread): this object is made for every TCP packet.
    return {
      kind: 'tcp', fcs: base.fcs, cut: base.cut, ip,
      srcPort: u16(b, at), dstPort: u16(b, at + 2),
      seq: u32(b, at + TCP_SEQ_AT), ack: u32(b, at + TCP_ACK_AT),
      flags: b[at + TCP_FLAGS_AT]!, window: u16(b, at + TCP_WINDOW_AT),
      headerLength: hlen, headerCut: captured < tcp.MIN_HEADER_LEN, seglen, checksum,
      frame: b, optionsAt: at + tcp.MIN_HEADER_LEN, optionsEnd: Math.min(capturedEnd, at + Math.max(hlen, tcp.MIN_HEADER_LEN)),
    };
  }
  if (protocol === ipv4.PROTO_UDP) {
    if (captured < udp.HEADER_LEN) return other('UDP', problem('udp', at, `only ${Math.max(0, captured)} bytes of the 8-byte header were captured`));
    const length = u16(b, at + UDP_LEN_AT);
    if (length < udp.HEADER_LEN || length > payloadLength) {
      return other('UDP', problem('udp', at + UDP_LEN_AT, `length ${length} is not between 8 and the ${payloadLength} bytes the IP header gives`));
    }
    const srcPort = u16(b, at);
    const dstPort = u16(b, at + 2);
    const checksum = verify && captured >= length
      ? transportChecksum(b, ipAt, version, ipv4.PROTO_UDP, at, at + length, at + UDP_CSUM_AT, true)
      : UNCHECKED;
    let message: dns.DnsMessage | WireError | null = null;
    if (appProtocolOf('udp', srcPort, dstPort) === 'dns') {
      const end = Math.min(capturedEnd, at + length);
      const decoded = dns.decode(b, at + udp.HEADER_LEN, end);
      message = decoded.ok ? decoded.value : decoded.error;
    }
    return { kind: 'udp', ...base, ip, srcPort, dstPort, length: length - udp.HEADER_LEN, checksum, dns: message };
  }
  const quotedTcp = protocol === ipv4.PROTO_ICMP || protocol === PROTO_ICMPV6
    ? quotedTcpHeader(b, at, capturedEnd, protocol === ipv4.PROTO_ICMP ? 4 : 6)
    : null;
  const described = other(`IPv${version} ${protocolName(protocol)}`, null);
  return quotedTcp ? { ...described, quotedTcp } : described;
}

/** The TCP header an ICMP error quotes, when enough of it (up to the window) is there. */
function quotedTcpHeader(b: Uint8Array, at: number, end: number, version: 4 | 6): QuotedTcp | null {
  if (end - at < ICMP_HEADER_LEN || !(version === 4 ? ICMP_ERRORS : ICMPV6_ERRORS).has(b[at]!)) return null;
  const ip = at + ICMP_HEADER_LEN;
  let tcpAt: number;
  let src: string, dst: string, srcKey: number | string, dstKey: number | string;
  if (version === 4) {
    if (end - ip < ipv4.MIN_HEADER_LEN || b[ip]! >> 4 !== 4 || b[ip + IP_PROTO_AT] !== ipv4.PROTO_TCP) return null;
    if ((u16(b, ip + IP_FRAG_AT) & IP_OFFSET_MASK) !== 0) return null;
    tcpAt = ip + (b[ip]! & 0x0f) * 4;
    srcKey = u32(b, ip + IP_SRC_AT);
    dstKey = u32(b, ip + IP_DST_AT);
    src = ipv4Text(srcKey);
    dst = ipv4Text(dstKey);
  } else {
    if (end - ip < IPV6_HEADER_LEN || b[ip]! >> 4 !== 6 || b[ip + IPV6_NEXT_AT] !== ipv4.PROTO_TCP) return null;
    tcpAt = ip + IPV6_HEADER_LEN;
    src = srcKey = formatIpv6(b, ip + IPV6_SRC_AT);
    dst = dstKey = formatIpv6(b, ip + IPV6_DST_AT);
  }
  if (end - tcpAt < TCP_WINDOW_AT + 2) return null;
  return { src, dst, srcKey, dstKey, srcPort: u16(b, tcpAt), dstPort: u16(b, tcpAt + 2), seq: u32(b, tcpAt + TCP_SEQ_AT), flags: b[tcpAt + TCP_FLAGS_AT]! };
}

const UNCHECKED: TransportChecksum = { state: 'unchecked', field: 0, expected: 0, looksOffloaded: false };
