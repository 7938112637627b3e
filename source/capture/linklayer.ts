import { readMac, type MacAddr } from '../wire/address.js';
import { fail, ok, type Decoded } from '../wire/errors.js';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, HEADER_LEN as ETHERNET_HEADER_LEN } from '../wire/ethernet.js';

/**
 * LINKTYPE_ values from the tcpdump.org link-layer header types registry: what a capture
 * file says its frames begin with.
 */
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_LINUX_SLL2 = 276;

const LINKTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [LINKTYPE_NULL, 'BSD loopback (NULL)'],
  [LINKTYPE_ETHERNET, 'Ethernet'],
  [LINKTYPE_LOOP, 'OpenBSD loopback (LOOP)'],
  [LINKTYPE_LINUX_SLL, 'Linux cooked capture (SLL)'],
  [LINKTYPE_LINUX_SLL2, 'Linux cooked capture v2 (SLL2)'],
]);

export function linkTypeName(linkType: number): string {
  return LINKTYPE_NAMES.get(linkType) ?? `link type ${linkType}`;
}

export type NetworkProtocol = 'ipv4' | 'ipv6' | 'arp' | 'other';

export interface LinkLayerFrame {
  readonly linkType: number;
  readonly networkProtocol: NetworkProtocol;
  /** The EtherType (Ethernet, after any VLAN tags) or protocol type (Linux cooked). */
  readonly etherType?: number;
  /** The address family of a NULL or LOOP header. */
  readonly addressFamily?: number;
  readonly src?: MacAddr;
  readonly dst?: MacAddr;
  /** 802.1Q / 802.1ad VLAN IDs, outermost first, when an Ethernet frame carries tags. */
  readonly vlanIds?: readonly number[];
  /**
   * The network-layer bytes, FCS removed. Ethernet padding is still there: the IPv4
   * decoder trims it by Total Length.
   */
  readonly payload: Uint8Array;
  readonly headerLength: number;
}

const PROTOCOL = 'linklayer';

/** IEEE 802.3 §3.2.6: values up to 1500 are a length (802.3 with LLC), from 0x0600 an EtherType. */
const MIN_ETHERTYPE = 0x0600;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const VLAN_TAG_LEN = 4;
const VLAN_ID_MASK = 0x0fff;

/**
 * Address families in NULL and LOOP headers (tcpdump.org, LINKTYPE_NULL): AF_INET is 2
 * everywhere, but AF_INET6 differs by OS: 24 on NetBSD and OpenBSD, 28 on FreeBSD, 30 on
 * macOS.
 */
const AF_INET = 2;
const AF_INET6_BSD = 24;
const AF_INET6_FREEBSD = 28;
const AF_INET6_DARWIN = 30;
const NULL_HEADER_LEN = 4;

/** Linux cooked capture, v1: https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html */
const SLL_HEADER_LEN = 16;
const SLL_ARPHRD = 2;
const SLL_ADDR_LEN = 4;
const SLL_ADDR = 6;
const SLL_PROTOCOL = 14;
/** v2: https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html */
const SLL2_HEADER_LEN = 20;
const SLL2_PROTOCOL = 0;
const SLL2_ARPHRD = 8;
const SLL2_ADDR_LEN = 11;
const SLL2_ADDR = 12;
/** ARPHRD_ETHER (Linux if_arp.h): the address field then holds a 6-byte source MAC. */
const ARPHRD_ETHER = 1;
const MAC_LEN = 6;

function protocolOfEtherType(etherType: number): NetworkProtocol {
  switch (etherType) {
    case ETHERTYPE_IPV4: return 'ipv4';
    case ETHERTYPE_IPV6: return 'ipv6';
    case ETHERTYPE_ARP: return 'arp';
    default: return 'other';
  }
}

function protocolOfFamily(family: number): NetworkProtocol {
  switch (family) {
    case AF_INET: return 'ipv4';
    case AF_INET6_BSD:
    case AF_INET6_FREEBSD:
    case AF_INET6_DARWIN: return 'ipv6';
    default: return 'other';
  }
}

function u16(buf: Uint8Array, at: number): number {
  return (buf[at]! << 8) | buf[at + 1]!;
}

function u32be(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

function u32le(buf: Uint8Array, at: number): number {
  return (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24)) >>> 0;
}

/** `frame` is the data without its FCS. */
function decodeEthernet(frame: Uint8Array): Decoded<LinkLayerFrame> {
  if (frame.length < ETHERNET_HEADER_LEN) {
    return fail(PROTOCOL, 0, `an Ethernet frame of ${frame.length} bytes is shorter than its ${ETHERNET_HEADER_LEN}-byte header`);
  }
  let typeAt = ETHERNET_HEADER_LEN - 2;
  let etherType = u16(frame, typeAt);
  const vlanIds: number[] = [];
  while (etherType === ETHERTYPE_VLAN || etherType === ETHERTYPE_QINQ) {
    if (typeAt + 2 + VLAN_TAG_LEN > frame.length) {
      return fail(PROTOCOL, typeAt + 2, `a VLAN tag at byte ${typeAt + 2} runs past the end of the ${frame.length}-byte frame`);
    }
    vlanIds.push(u16(frame, typeAt + 2) & VLAN_ID_MASK);
    typeAt += VLAN_TAG_LEN;
    etherType = u16(frame, typeAt);
  }
  const headerLength = typeAt + 2;
  const isEtherType = etherType >= MIN_ETHERTYPE;
  return ok(
    {
      linkType: LINKTYPE_ETHERNET,
      networkProtocol: isEtherType ? protocolOfEtherType(etherType) : 'other',
      ...(isEtherType ? { etherType } : {}),
      dst: readMac(frame, 0),
      src: readMac(frame, MAC_LEN),
      ...(vlanIds.length ? { vlanIds } : {}),
      payload: frame.subarray(headerLength),
      headerLength,
    },
    frame.length,
  );
}

function decodeLoopback(frame: Uint8Array, linkType: number): Decoded<LinkLayerFrame> {
  if (frame.length < NULL_HEADER_LEN) {
    return fail(PROTOCOL, 0, `a ${linkTypeName(linkType)} frame of ${frame.length} bytes is shorter than its 4-byte header`);
  }
  let addressFamily: number;
  if (linkType === LINKTYPE_LOOP) {
    addressFamily = u32be(frame, 0);
  } else {
    // NULL writes the family in the capturing host's byte order, which the file does not
    // record. Families are small numbers, so the order that gives one is the right one.
    const le = u32le(frame, 0);
    addressFamily = le <= 0xffff ? le : u32be(frame, 0);
  }
  return ok(
    {
      linkType,
      networkProtocol: protocolOfFamily(addressFamily),
      addressFamily,
      payload: frame.subarray(NULL_HEADER_LEN),
      headerLength: NULL_HEADER_LEN,
    },
    frame.length,
  );
}

function decodeCooked(frame: Uint8Array, linkType: number): Decoded<LinkLayerFrame> {
  const v2 = linkType === LINKTYPE_LINUX_SLL2;
  const headerLength = v2 ? SLL2_HEADER_LEN : SLL_HEADER_LEN;
  if (frame.length < headerLength) {
    return fail(PROTOCOL, 0, `a ${linkTypeName(linkType)} frame of ${frame.length} bytes is shorter than its ${headerLength}-byte header`);
  }
  const etherType = u16(frame, v2 ? SLL2_PROTOCOL : SLL_PROTOCOL);
  const arphrd = u16(frame, v2 ? SLL2_ARPHRD : SLL_ARPHRD);
  const addrLen = v2 ? frame[SLL2_ADDR_LEN]! : u16(frame, SLL_ADDR_LEN);
  const hasMac = arphrd === ARPHRD_ETHER && addrLen === MAC_LEN;
  return ok(
    {
      linkType,
      networkProtocol: protocolOfEtherType(etherType),
      etherType,
      // Cooked captures record only the sender's address, not the destination.
      ...(hasMac ? { src: readMac(frame, v2 ? SLL2_ADDR : SLL_ADDR) } : {}),
      payload: frame.subarray(headerLength),
      headerLength,
    },
    frame.length,
  );
}

/**
 * Finds the network-layer bytes in a captured frame. `fcsLen` is how many bytes at the
 * end of `data` are FCS (CapturedPacket.fcsLen); they are left out of the payload.
 * `bytesRead` is the whole frame, FCS included.
 */
export function decodeLinkLayer(linkType: number, data: Uint8Array, fcsLen: number): Decoded<LinkLayerFrame> {
  if (fcsLen > data.length) {
    return fail(PROTOCOL, 0, `the frame has ${data.length} bytes, too few to hold a ${fcsLen}-byte FCS`);
  }
  const frame = data.subarray(0, data.length - fcsLen);
  let decoded: Decoded<LinkLayerFrame>;
  switch (linkType) {
    case LINKTYPE_ETHERNET: decoded = decodeEthernet(frame); break;
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: decoded = decodeLoopback(frame, linkType); break;
    case LINKTYPE_LINUX_SLL:
    case LINKTYPE_LINUX_SLL2: decoded = decodeCooked(frame, linkType); break;
    default:
      return fail(PROTOCOL, 0, `${linkTypeName(linkType)} is not one tcp-tutor can read (Ethernet, BSD loopback, Linux cooked)`);
  }
  return decoded.ok ? ok(decoded.value, data.length) : decoded;
}
