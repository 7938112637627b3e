// A hand-written conversation, built frame by frame with our codecs, for judging our
// bytes with tshark: ARP, a DNS lookup, a handshake with options, HTTP data whose
// sequence numbers cross 2^32, and a 4-way close. The numbers are computed here, the way
// a textbook would; the simulator will compute its own and be judged the same way.
import * as arp from '../../source/wire/arp.js';
import * as dns from '../../source/wire/dns.js';
import * as eth from '../../source/wire/ethernet.js';
import * as http from '../../source/wire/http.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import * as tcp from '../../source/wire/tcp.js';
import * as udp from '../../source/wire/udp.js';
import { seq, seqAdd, type Seq } from '../../source/wire/seq.js';

export const CLIENT = { mac: '02:00:00:00:00:0a', ip: '192.168.1.10', port: 51000 };
export const SERVER = { mac: '02:00:00:00:00:50', ip: '192.168.1.80', port: 80 };
export const RESOLVER = { mac: '02:00:00:00:00:35', ip: '192.168.1.53', port: 53 };
export const CLIENT_ISN = seq(0xfffffff0);
export const SERVER_ISN = seq(0xffffff00);

export interface Frame {
  readonly bytes: Uint8Array;
  /** What the frame is, for failure messages. */
  readonly label: string;
  readonly tcp?: { readonly seq: Seq; readonly ack: Seq | null; readonly flags: string; readonly len: number };
}

let ipId = 0x1000;

function ipFrame(from: typeof CLIENT, to: typeof CLIENT, protocol: number, payload: Uint8Array): Uint8Array {
  const packet = ipv4.encode({
    dscp: 0, ecn: 0, identification: ipId++ & 0xffff, dontFragment: true, moreFragments: false, fragmentOffset: 0,
    ttl: 64, protocol, src: from.ip, dst: to.ip, options: new Uint8Array(0), payload,
  });
  return eth.encode({ dst: to.mac, src: from.mac, etherType: eth.ETHERTYPE_IPV4, payload: packet });
}

function segment(
  from: typeof CLIENT, to: typeof CLIENT, label: string,
  s: { seq: Seq; ack: Seq | null; flags?: Partial<tcp.TcpFlags>; options?: tcp.TcpOption[]; payload?: Uint8Array },
): Frame {
  const seg: tcp.TcpSegment = {
    srcPort: from.port, dstPort: to.port, seq: s.seq, ack: s.ack, window: 502, urgentPointer: 0,
    flags: { ...tcp.NO_FLAGS, ...s.flags }, options: s.options ?? [], payload: s.payload ?? new Uint8Array(0),
  };
  const bytes = ipFrame(from, to, ipv4.PROTO_TCP, tcp.encode(seg, { src: from.ip, dst: to.ip }));
  return { bytes, label, tcp: { seq: seg.seq, ack: seg.ack, flags: tcp.flagsString(seg), len: seg.payload.length } };
}

function arpFrame(label: string, dstMac: string, p: arp.ArpPacket): Frame {
  return { label, bytes: eth.encode({ dst: dstMac, src: p.senderMac, etherType: eth.ETHERTYPE_ARP, payload: arp.encode(p) }) };
}

function dnsFrame(label: string, from: typeof CLIENT, to: typeof CLIENT, msg: dns.DnsMessage): Frame {
  const d = udp.encode({ srcPort: from.port, dstPort: to.port, payload: dns.encode(msg) }, { src: from.ip, dst: to.ip });
  return { label, bytes: ipFrame(from, to, ipv4.PROTO_UDP, d) };
}

export const RESPONSE_BODY_LENGTH = 2000;
export const MSS = 1460;

export function conversation(): Frame[] {
  ipId = 0x1000;
  const query: dns.DnsMessage = {
    id: 0x4a2f, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, z: false, ad: false, cd: false, rcode: 0,
    questions: [{ name: 'www.example.com', type: dns.TYPE_A, class: dns.CLASS_IN }], answers: [], authorities: [], additionals: [],
  };
  const answer: dns.DnsMessage = {
    ...query, qr: true, ra: true,
    answers: [
      { name: 'www.example.com', type: dns.TYPE_CNAME, class: dns.CLASS_IN, ttl: 300, data: 'example.com' },
      { name: 'example.com', type: dns.TYPE_A, class: dns.CLASS_IN, ttl: 300, data: SERVER.ip },
    ],
  };
  const dnsClient = { ...CLIENT, port: 40000 };
  const get = http.encodeRequest(http.getRequest('www.example.com', '/', { connection: 'close' }));
  const response = http.encodeResponse(http.okResponse(RESPONSE_BODY_LENGTH, { connection: 'close' }));
  const first = response.subarray(0, MSS);
  const second = response.subarray(MSS);

  let c = CLIENT_ISN;
  let s = SERVER_ISN;
  const frames: Frame[] = [
    arpFrame('ARP request', 'ff:ff:ff:ff:ff:ff', { op: arp.OP_REQUEST, senderMac: CLIENT.mac, senderIp: CLIENT.ip, targetMac: '00:00:00:00:00:00', targetIp: RESOLVER.ip }),
    arpFrame('ARP reply', CLIENT.mac, { op: arp.OP_REPLY, senderMac: RESOLVER.mac, senderIp: RESOLVER.ip, targetMac: CLIENT.mac, targetIp: CLIENT.ip }),
    dnsFrame('DNS query', dnsClient, RESOLVER, query),
    dnsFrame('DNS response', RESOLVER, dnsClient, answer),
    segment(CLIENT, SERVER, 'SYN', {
      seq: c, ack: null, flags: { syn: true },
      options: [{ kind: 'mss', value: MSS }, { kind: 'sackPermitted' }, { kind: 'timestamps', tsval: 1000, tsecr: 0 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }],
    }),
  ];
  c = seqAdd(c, 1); // SYN occupies one sequence number
  frames.push(segment(SERVER, CLIENT, 'SYN-ACK', {
    seq: s, ack: c, flags: { syn: true },
    options: [{ kind: 'mss', value: MSS }, { kind: 'sackPermitted' }, { kind: 'timestamps', tsval: 5000, tsecr: 1000 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }],
  }));
  s = seqAdd(s, 1);
  const ts = (tsval: number, tsecr: number): tcp.TcpOption[] => [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval, tsecr }];
  frames.push(segment(CLIENT, SERVER, 'ACK', { seq: c, ack: s, options: ts(1001, 5000) }));
  frames.push(segment(CLIENT, SERVER, 'GET', { seq: c, ack: s, flags: { psh: true }, payload: get, options: ts(1001, 5000) }));
  c = seqAdd(c, get.length);
  frames.push(segment(SERVER, CLIENT, 'ACK of GET', { seq: s, ack: c, options: ts(5001, 1001) }));
  frames.push(segment(SERVER, CLIENT, 'response 1/2', { seq: s, ack: c, payload: first, options: ts(5001, 1001) }));
  s = seqAdd(s, first.length);
  frames.push(segment(SERVER, CLIENT, 'response 2/2', { seq: s, ack: c, flags: { psh: true }, payload: second, options: ts(5001, 1001) }));
  s = seqAdd(s, second.length);
  frames.push(segment(CLIENT, SERVER, 'ACK of response', { seq: c, ack: s, options: ts(1002, 5001) }));
  frames.push(segment(SERVER, CLIENT, 'FIN from server', { seq: s, ack: c, flags: { fin: true }, options: ts(5002, 1002) }));
  s = seqAdd(s, 1); // FIN occupies one sequence number
  frames.push(segment(CLIENT, SERVER, 'FIN-ACK from client', { seq: c, ack: s, flags: { fin: true }, options: ts(1003, 5002) }));
  c = seqAdd(c, 1);
  frames.push(segment(SERVER, CLIENT, 'last ACK', { seq: s, ack: c, options: ts(5003, 1003) }));
  return frames;
}
