import { readIpv4, readMac, writeIpv4, writeMac, type Ipv4Addr, type MacAddr } from './address.js';
import { ETHERTYPE_IPV4 } from './ethernet.js';
import { fail, ok, type Decoded } from './errors.js';
import { fieldOf, readField, writeField, type Layout } from './layout.js';
import type { Text } from '../i18n/text.js';

export const HTYPE_ETHERNET = 1;
export const PACKET_LEN = 28;

/** Opcodes: 1 and 2 from RFC 826; 3 and 4 are RARP's (RFC 903). */
export const OP_REQUEST = 1;
export const OP_REPLY = 2;
export const OP_RARP_REQUEST = 3;
export const OP_RARP_REPLY = 4;

export const OPCODE_NAMES: Readonly<Record<number, Text>> = {
  [OP_REQUEST]: { en: 'request', ko: '요청' },
  [OP_REPLY]: { en: 'reply', ko: '응답' },
  [OP_RARP_REQUEST]: { en: 'RARP request', ko: 'RARP 요청' },
  [OP_RARP_REPLY]: { en: 'RARP reply', ko: 'RARP 응답' },
};

/** RFC 826, "Packet format", for Ethernet hardware and IPv4 protocol addresses. */
export const LAYOUT: Layout = [
  {
    key: 'arp.hw.type', name: 'Hardware type', nameKo: '하드웨어 종류', bitOffset: 0, bitLength: 16, display: 'dec',
    meaning: { en: 'Kind of link: 1 is Ethernet', ko: '링크의 종류입니다. 1은 이더넷입니다' },
  },
  {
    key: 'arp.proto.type', name: 'Protocol type', nameKo: '프로토콜 종류', bitOffset: 16, bitLength: 16, display: 'hex',
    meaning: { en: 'Address being resolved: 0x0800 is IPv4', ko: '알아내려는 주소의 종류입니다. 0x0800은 IPv4입니다' },
  },
  {
    key: 'arp.hw.size', name: 'Hardware size', nameKo: '하드웨어 주소 길이', bitOffset: 32, bitLength: 8, display: 'dec',
    meaning: { en: 'Bytes in a MAC address: 6', ko: 'MAC 주소의 바이트 수로, 6입니다' },
  },
  {
    key: 'arp.proto.size', name: 'Protocol size', nameKo: '프로토콜 주소 길이', bitOffset: 40, bitLength: 8, display: 'dec',
    meaning: { en: 'Bytes in an IPv4 address: 4', ko: 'IPv4 주소의 바이트 수로, 4입니다' },
  },
  {
    key: 'arp.opcode', name: 'Opcode', nameKo: '동작 코드', bitOffset: 48, bitLength: 16, display: 'dec',
    meaning: { en: '1 request ("who has?"), 2 reply ("is at")', ko: '1은 요청("누가 가지고 있나?"), 2는 응답("여기 있다")입니다' },
  },
  {
    key: 'arp.src.hw_mac', name: 'Sender MAC address', nameKo: '보내는 쪽 MAC 주소', bitOffset: 64, bitLength: 48, display: 'mac',
    meaning: { en: "The asker's (or replier's) own MAC", ko: '묻는(또는 답하는) 쪽 자신의 MAC 주소입니다' },
  },
  {
    key: 'arp.src.proto_ipv4', name: 'Sender IP address', nameKo: '보내는 쪽 IP 주소', bitOffset: 112, bitLength: 32, display: 'ipv4',
    meaning: { en: "The asker's (or replier's) own IP", ko: '묻는(또는 답하는) 쪽 자신의 IP 주소입니다' },
  },
  {
    key: 'arp.dst.hw_mac', name: 'Target MAC address', nameKo: '대상 MAC 주소', bitOffset: 144, bitLength: 48, display: 'mac',
    meaning: { en: 'Unknown in a request, so all zeros', ko: '요청에서는 아직 모르므로 모두 0으로 둡니다' },
  },
  {
    key: 'arp.dst.proto_ipv4', name: 'Target IP address', nameKo: '대상 IP 주소', bitOffset: 192, bitLength: 32, display: 'ipv4',
    meaning: { en: 'The IP whose MAC is wanted', ko: 'MAC 주소를 알고 싶은 IP 주소입니다' },
  },
];

const HTYPE = fieldOf(LAYOUT, 'arp.hw.type');
const PTYPE = fieldOf(LAYOUT, 'arp.proto.type');
const HLEN = fieldOf(LAYOUT, 'arp.hw.size');
const PLEN = fieldOf(LAYOUT, 'arp.proto.size');
const OPER = fieldOf(LAYOUT, 'arp.opcode');

export interface ArpPacket {
  readonly op: number;
  readonly senderMac: MacAddr;
  readonly senderIp: Ipv4Addr;
  readonly targetMac: MacAddr;
  readonly targetIp: Ipv4Addr;
}

export function encodingLength(_p?: ArpPacket): number {
  return PACKET_LEN;
}

export function encode(p: ArpPacket, buf?: Uint8Array, offset = 0): Uint8Array {
  const out = buf ?? new Uint8Array(offset + PACKET_LEN);
  if (out.length < offset + PACKET_LEN) throw new RangeError('buffer too small for ARP packet');
  writeField(out, offset, HTYPE, HTYPE_ETHERNET);
  writeField(out, offset, PTYPE, ETHERTYPE_IPV4);
  writeField(out, offset, HLEN, 6);
  writeField(out, offset, PLEN, 4);
  writeField(out, offset, OPER, p.op);
  writeMac(out, offset + 8, p.senderMac);
  writeIpv4(out, offset + 14, p.senderIp);
  writeMac(out, offset + 18, p.targetMac);
  writeIpv4(out, offset + 24, p.targetIp);
  return out;
}

/** Decodes ARP for Ethernet and IPv4; other hardware or protocol types are refused. */
export function decode(buf: Uint8Array, offset = 0, end = buf.length): Decoded<ArpPacket> {
  if (end - offset < PACKET_LEN) {
    return fail('arp', offset, `${end - offset} bytes is shorter than the 28-byte ARP packet`);
  }
  const htype = readField(buf, offset, HTYPE);
  if (htype !== HTYPE_ETHERNET) return fail('arp', offset, `hardware type ${htype} is not Ethernet (1)`);
  const ptype = readField(buf, offset, PTYPE);
  if (ptype !== ETHERTYPE_IPV4) return fail('arp', offset + 2, `protocol type 0x${ptype.toString(16)} is not IPv4 (0x0800)`);
  const hlen = readField(buf, offset, HLEN);
  const plen = readField(buf, offset, PLEN);
  if (hlen !== 6 || plen !== 4) return fail('arp', offset + 4, `address sizes ${hlen}/${plen} are not 6/4`);
  return ok(
    {
      op: readField(buf, offset, OPER),
      senderMac: readMac(buf, offset + 8),
      senderIp: readIpv4(buf, offset + 14),
      targetMac: readMac(buf, offset + 18),
      targetIp: readIpv4(buf, offset + 24),
    },
    PACKET_LEN,
  );
}
