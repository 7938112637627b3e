// A hand-made trace for the player while the simulator is being written: a client opens
// a connection to a web server one router away (SYN, SYN-ACK, ACK), sends a GET, and the
// server acknowledges it. Every frame is real bytes from the wire codecs, and the steps
// follow the Trace contract: encapsulation field by field, a router rewriting MACs, TTL
// and checksums, and decapsulation with each layer's checks. The client's ISN sits just
// below 2^32, so its sequence numbers wrap during the GET.
import type { Text } from '../i18n/text.js';
import type { SocketSnapshot, Snapshot, Step, Trace, FrameRecord, Layer, Protocol, Pdu, CheckKind, SocketId } from '../sim/trace.js';
import type { TcpState } from '../sim/tcp/api.js';
import { tcpCause, type TcpCause } from '../sim/tcp/transition.js';
import * as ethernet from '../wire/ethernet.js';
import * as http from '../wire/http.js';
import * as ipv4 from '../wire/ipv4.js';
import { fieldOf, writeField } from '../wire/layout.js';
import { seq, seqAdd, type Seq } from '../wire/seq.js';
import * as tcp from '../wire/tcp.js';
import type { Checkpoint } from '../quiz/checkpoint.js';
import { dissect, partOf } from './dissect.js';
import type { PlayerLesson } from './model.js';

type StepBody = Step extends infer S ? (S extends Step ? Omit<S, 't'> : never) : never;

interface Nic {
  readonly node: string;
  readonly iface: string;
  readonly mac: string;
  readonly ip: string;
}

export const CLIENT: Nic = { node: 'client', iface: 'client:eth0', mac: '02:00:00:00:00:0a', ip: '192.168.1.10' };
export const R1_LAN: Nic = { node: 'r1', iface: 'r1:eth0', mac: '02:00:00:00:00:01', ip: '192.168.1.1' };
export const R1_WAN: Nic = { node: 'r1', iface: 'r1:eth1', mac: '02:00:00:00:01:01', ip: '10.0.0.1' };
export const SERVER: Nic = { node: 'server', iface: 'server:eth0', mac: '02:00:00:00:01:50', ip: '10.0.0.80' };
export const CLIENT_PORT = 51000;
export const SERVER_PORT = 80;
/** Just below 2^32: the client's numbers wrap around zero during the GET. */
export const CLIENT_ISN: Seq = seq(0xffff_ffc0);
export const SERVER_ISN: Seq = seq(0x5a17_c3e8);
const WINDOW = 65535;
const LINK_DELAY = 250;

const CLIENT_SOCKET: SocketId = 'client#1';
const SERVER_SOCKET: SocketId = 'server#1';

const TTL = fieldOf(ipv4.LAYOUT, 'ip.ttl');

class TraceBuilder {
  readonly steps: Step[] = [];
  readonly snapshots: Snapshot[] = [];
  readonly frames: FrameRecord[] = [];
  t = 0;
  private snap: Snapshot = { t: 0, sockets: {}, arp: {}, macTables: {}, listening: {} };

  push(body: StepBody): number {
    this.t += 10;
    this.steps.push({ ...body, t: this.t } as Step);
    this.snapshots.push(this.snap);
    return this.steps.length - 1;
  }

  socket(id: SocketId, patch: Partial<SocketSnapshot>): void {
    const old = this.snap.sockets[id];
    if (!old) throw new Error(`no socket ${id}`);
    this.snap = { ...this.snap, t: this.t, sockets: { ...this.snap.sockets, [id]: { ...old, ...patch } } };
  }

  addSocket(s: SocketSnapshot): void {
    this.snap = { ...this.snap, sockets: { ...this.snap.sockets, [s.id]: s } };
  }

  get(id: SocketId): SocketSnapshot {
    return this.snap.sockets[id]!;
  }

  frame(bytes: Uint8Array, from: Nic, to: Nic, link: string, parent: number | null): number {
    const d = dissect(bytes);
    const t = d.tcp;
    const summary = t
      ? `${t.srcIp}.${t.srcPort} > ${t.dstIp}.${t.dstPort}: Flags [${tcp.flagsString(t)}], seq ${t.seq}${t.ack !== null ? `, ack ${t.ack}` : ''}, win ${t.window}, length ${t.length}`
      : `${bytes.length} bytes`;
    const id = this.frames.length;
    this.frames.push({ id, t: this.t, link, from: from.iface, to: to.iface, bytes, summary, parent });
    return id;
  }
}

function ethFrame(src: Nic, dstMac: string, packet: Uint8Array): Uint8Array {
  return ethernet.encode({ dst: dstMac, src: src.mac, etherType: ethernet.ETHERTYPE_IPV4, payload: packet });
}

/** Encapsulation steps for every field of every layer, values read back from the bytes. */
function encapsulate(b: TraceBuilder, host: string, frame: number, bytes: Uint8Array): void {
  const d = dissect(bytes);
  const layers: { layer: Layer; protocol: Protocol; pdu: Pdu }[] = [
    { layer: 'application', protocol: 'http', pdu: 'data' },
    { layer: 'transport', protocol: 'tcp', pdu: 'segment' },
    { layer: 'internet', protocol: 'ipv4', pdu: 'packet' },
    { layer: 'link', protocol: 'ethernet', pdu: 'frame' },
  ];
  for (const { layer, protocol, pdu } of layers) {
    const part = partOf(d, layer);
    if (!part) continue;
    b.push({ kind: 'encap-begin', host, frame, layer, protocol });
    const fields = [...d.fields.values()].filter((f) => f.layer === layer).sort((x, y) => x.range.start - y.range.start);
    for (const f of fields) {
      // Bit-exact placement for sub-byte fields comes from the layout; whole-byte fields from the range.
      const spec = layer === 'transport' ? tcp.LAYOUT.find((s) => s.key === f.key)
        : layer === 'internet' ? ipv4.LAYOUT.find((s) => s.key === f.key) : undefined;
      const sub = spec && spec.bitLength > 0 && (spec.bitLength % 8 !== 0 || spec.bitOffset % 8 !== 0);
      const bitOffset = sub ? part.header.start * 8 + spec.bitOffset : f.range.start * 8;
      const bitLength = sub ? spec.bitLength : (f.range.end - f.range.start) * 8;
      b.push({ kind: 'encap-field', host, frame, layer, protocol, key: f.key, value: f.value, bitOffset, bitLength });
    }
    b.push({ kind: 'encap-end', host, frame, layer, protocol, pdu, length: part.pdu.end - part.pdu.start });
  }
}

interface Hop {
  readonly from: Nic;
  readonly to: Nic;
  readonly link: string;
}

function check(b: TraceBuilder, node: string, frame: number, layer: Layer, c: CheckKind, expected: string, actual: string, verdict?: 'in-order' | 'no-data'): void {
  b.push({ kind: 'decap-check', node, frame, layer, check: c, ok: true, expected, actual, ...(verdict ? { verdict } : {}) });
}

/** The router's half: check, strip the link header, check TTL, rewrite and send on. */
function route(b: TraceBuilder, inFrame: number, inHop: Hop, outHop: Hop, nextHop: string, routeText: string): number {
  const bytes = b.frames[inFrame]!.bytes;
  const d = dissect(bytes);
  const node = inHop.to.node;
  check(b, node, inFrame, 'link', 'eth.dst', inHop.to.mac, d.eth!.dst);
  const fcs = d.fields.get('eth.fcs')!.value;
  check(b, node, inFrame, 'link', 'eth.fcs', fcs, fcs);
  const ip = partOf(d, 'internet')!;
  b.push({ kind: 'decap-strip', node, frame: inFrame, layer: 'link', protocol: 'ethernet', pdu: 'packet', length: ip.pdu.end - ip.pdu.start });
  const ipCsum = d.fields.get('ip.checksum')!.value;
  check(b, node, inFrame, 'internet', 'ip.checksum', ipCsum, ipCsum);
  check(b, node, inFrame, 'internet', 'ip.ttl', '> 1', String(d.ip!.ttl));

  const packet = bytes.slice(ip.pdu.start, ip.pdu.end);
  writeField(packet, 0, TTL, d.ip!.ttl - 1);
  ipv4.fillChecksum(packet, 0);
  const outBytes = ethFrame(outHop.from, outHop.to.mac, packet);
  const out = b.frame(outBytes, outHop.from, outHop.to, outHop.link, inFrame);
  const o = dissect(outBytes);
  const changedKeys = ['eth.dst', 'eth.src', 'ip.ttl', 'ip.checksum', 'eth.fcs'];
  const unchangedKeys = ['ip.src', 'ip.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.ack'];
  b.push({
    kind: 'router-forward', node, frame: inFrame, out, route: routeText, nextHop,
    changed: changedKeys.map((key) => ({ key, before: d.fields.get(key)!.value, after: o.fields.get(key)!.value })),
    unchanged: unchangedKeys.map((key) => ({ key, value: o.fields.get(key)!.value })),
  });
  return out;
}

/** A receiving host's decapsulation, bottom-up, with every check. */
function receive(b: TraceBuilder, frame: number, me: Nic, socket: SocketId, opts: { checkSeq: boolean }): void {
  const bytes = b.frames[frame]!.bytes;
  const d = dissect(bytes);
  const node = me.node;
  check(b, node, frame, 'link', 'eth.dst', me.mac, d.eth!.dst);
  const fcs = d.fields.get('eth.fcs')!.value;
  check(b, node, frame, 'link', 'eth.fcs', fcs, fcs);
  const ip = partOf(d, 'internet')!;
  b.push({ kind: 'decap-strip', node, frame, layer: 'link', protocol: 'ethernet', pdu: 'packet', length: ip.pdu.end - ip.pdu.start });
  const ipCsum = d.fields.get('ip.checksum')!.value;
  check(b, node, frame, 'internet', 'ip.checksum', ipCsum, ipCsum);
  check(b, node, frame, 'internet', 'ip.dst', me.ip, d.ip!.dst);
  const seg = partOf(d, 'transport')!;
  b.push({ kind: 'decap-strip', node, frame, layer: 'internet', protocol: 'ipv4', pdu: 'segment', length: seg.pdu.end - seg.pdu.start });
  const tcpCsum = d.fields.get('tcp.checksum')!.value;
  check(b, node, frame, 'transport', 'tcp.checksum', tcpCsum, tcpCsum);
  check(b, node, frame, 'transport', 'port', socket, String(d.tcp!.dstPort));
  const t = d.tcp!;
  const verdict = t.length > 0 ? 'in-order' : 'no-data';
  if (opts.checkSeq) {
    const expected = b.get(socket).rcvNxt ?? t.seq;
    check(b, node, frame, 'transport', 'tcp.seq', String(expected), String(t.seq), verdict);
  }
  b.push({ kind: 'decap-strip', node, frame, layer: 'transport', protocol: 'tcp', pdu: 'data', length: t.length });
  if (opts.checkSeq) {
    b.push({ kind: 'tcp-segment', host: node, socket, frame, verdict, seq: seq(t.seq), expected: b.get(socket).rcvNxt ?? seq(t.seq), length: t.length });
  }
}

const HOPS = {
  up: [{ from: CLIENT, to: R1_LAN, link: 'lan' }, { from: R1_WAN, to: SERVER, link: 'wan' }] as const,
  down: [{ from: SERVER, to: R1_WAN, link: 'wan' }, { from: R1_LAN, to: CLIENT, link: 'lan' }] as const,
};

function send(b: TraceBuilder, dir: 'up' | 'down', seg: tcp.TcpSegment): number {
  const [first, second] = HOPS[dir];
  const src = first.from;
  const dst = second.to;
  const packet = ipv4.encode({
    dscp: 0, ecn: 0, identification: 0x1c46 + b.frames.length, dontFragment: true, moreFragments: false, fragmentOffset: 0,
    ttl: 64, protocol: ipv4.PROTO_TCP, src: src.ip, dst: dst.ip, options: new Uint8Array(0),
    payload: tcp.encode(seg, { src: src.ip, dst: dst.ip }),
  });
  const bytes = ethFrame(src, first.to.mac, packet);
  const id = b.frame(bytes, first.from, first.to, first.link, null);
  encapsulate(b, src.node, id, bytes);
  b.push({ kind: 'transmit', frame: id });
  b.t += LINK_DELAY;
  b.push({ kind: 'arrive', frame: id, node: first.to.node, iface: first.to.iface });
  const nextHop = dst.ip;
  const routeText = dir === 'up' ? '10.0.0.0/24 dev eth1' : '192.168.1.0/24 dev eth0';
  const out = route(b, id, first, second, nextHop, routeText);
  b.push({ kind: 'transmit', frame: out });
  b.t += LINK_DELAY;
  b.push({ kind: 'arrive', frame: out, node: dst.node, iface: dst.iface });
  return out;
}

function state(b: TraceBuilder, host: string, socket: SocketId, from: TcpState, to: TcpState, cause: TcpCause): number {
  b.socket(socket, { state: to });
  return b.push({ kind: 'tcp-state', host, socket, from, to, cause });
}

function segment(src: number, dst: number, s: Seq, ack: Seq | null, flags: Partial<tcp.TcpFlags>, payload: Uint8Array = new Uint8Array(0), options: tcp.TcpOption[] = []): tcp.TcpSegment {
  return { srcPort: src, dstPort: dst, seq: s, ack, flags: { ...tcp.NO_FLAGS, ...flags }, window: WINDOW, urgentPointer: 0, options, payload };
}

function socketSnapshot(id: SocketId, host: string, local: Nic, lport: number, remote: Nic, rport: number, iss: Seq): SocketSnapshot {
  return {
    id, host, protocol: 'tcp', state: 'CLOSED',
    local: { ip: local.ip, port: lport }, remote: { ip: remote.ip, port: rport },
    iss, irs: null, sndUna: iss, sndNxt: iss, sndWnd: 0, rcvNxt: null, rcvWnd: WINDOW,
    sendBuffered: 0, recvBuffered: 0, outOfOrder: 0, peerMss: null,
  };
}

/** The GET the client sends. */
export const GET_BYTES: Uint8Array = http.encodeRequest(http.getRequest('www.example.com'));

export function sampleTrace(): Trace {
  const b = new TraceBuilder();
  b.addSocket(socketSnapshot(SERVER_SOCKET, SERVER.node, SERVER, SERVER_PORT, CLIENT, CLIENT_PORT, SERVER_ISN));
  b.addSocket(socketSnapshot(CLIENT_SOCKET, CLIENT.node, CLIENT, CLIENT_PORT, SERVER, SERVER_PORT, CLIENT_ISN));

  state(b, SERVER.node, SERVER_SOCKET, 'CLOSED', 'LISTEN', tcpCause('app-listen', { port: SERVER_PORT }));
  state(b, CLIENT.node, CLIENT_SOCKET, 'CLOSED', 'SYN_SENT', tcpCause('app-connect'));
  let c = CLIENT_ISN;
  let s = SERVER_ISN;
  b.socket(CLIENT_SOCKET, { sndNxt: seqAdd(c, 1) });

  // SYN
  const syn = send(b, 'up', segment(CLIENT_PORT, SERVER_PORT, c, null, { syn: true }, undefined, [{ kind: 'mss', value: 1460 }]));
  receive(b, syn, SERVER, SERVER_SOCKET, { checkSeq: false });
  c = seqAdd(c, 1);
  b.socket(SERVER_SOCKET, { irs: CLIENT_ISN, rcvNxt: c, sndNxt: seqAdd(s, 1), peerMss: 1460, sndWnd: WINDOW });
  state(b, SERVER.node, SERVER_SOCKET, 'LISTEN', 'SYN_RECEIVED', tcpCause('rcv-syn'));

  // SYN-ACK
  const synAck = send(b, 'down', segment(SERVER_PORT, CLIENT_PORT, s, c, { syn: true }, undefined, [{ kind: 'mss', value: 1460 }]));
  receive(b, synAck, CLIENT, CLIENT_SOCKET, { checkSeq: false });
  s = seqAdd(s, 1);
  b.socket(CLIENT_SOCKET, { irs: SERVER_ISN, rcvNxt: s, sndUna: c, peerMss: 1460, sndWnd: WINDOW });
  state(b, CLIENT.node, CLIENT_SOCKET, 'SYN_SENT', 'ESTABLISHED', tcpCause('rcv-syn-ack'));

  // ACK
  const ack = send(b, 'up', segment(CLIENT_PORT, SERVER_PORT, c, s, {}));
  receive(b, ack, SERVER, SERVER_SOCKET, { checkSeq: true });
  b.socket(SERVER_SOCKET, { sndUna: s });
  state(b, SERVER.node, SERVER_SOCKET, 'SYN_RECEIVED', 'ESTABLISHED', tcpCause('rcv-ack-of-syn'));

  // GET
  const preview = 'GET / HTTP/1.1';
  b.socket(CLIENT_SOCKET, { sendBuffered: GET_BYTES.length, sndNxt: seqAdd(c, GET_BYTES.length) });
  b.push({ kind: 'app-write', host: CLIENT.node, socket: CLIENT_SOCKET, length: GET_BYTES.length, preview });
  const get = send(b, 'up', segment(CLIENT_PORT, SERVER_PORT, c, s, { psh: true }, GET_BYTES));
  receive(b, get, SERVER, SERVER_SOCKET, { checkSeq: true });
  c = seqAdd(c, GET_BYTES.length);
  b.socket(SERVER_SOCKET, { rcvNxt: c, recvBuffered: GET_BYTES.length });
  b.socket(SERVER_SOCKET, { recvBuffered: 0 });
  b.push({ kind: 'app-read', host: SERVER.node, socket: SERVER_SOCKET, length: GET_BYTES.length, preview });

  // The server's ACK of the GET: ack = seq + len, across the wrap.
  const getAck = send(b, 'down', segment(SERVER_PORT, CLIENT_PORT, s, c, {}));
  receive(b, getAck, CLIENT, CLIENT_SOCKET, { checkSeq: true });
  b.socket(CLIENT_SOCKET, { sndUna: c, sendBuffered: 0 });
  b.push({ kind: 'buffer', host: CLIENT.node, socket: CLIENT_SOCKET, sendBuffered: 0, recvBuffered: 0, window: WINDOW });

  return {
    seed: 1,
    steps: b.steps,
    snapshots: b.snapshots,
    frames: b.frames,
    sockets: [
      { id: CLIENT_SOCKET, host: CLIENT.node, local: { ip: CLIENT.ip, port: CLIENT_PORT }, remote: { ip: SERVER.ip, port: SERVER_PORT } },
      { id: SERVER_SOCKET, host: SERVER.node, local: { ip: SERVER.ip, port: SERVER_PORT }, remote: { ip: CLIENT.ip, port: CLIENT_PORT } },
    ],
  };
}

/** Index of the first step that matches, from `from` on; throws if there is none. */
export function findStep(trace: Trace, pred: (s: Step, i: number) => boolean, from = 0): number {
  for (let i = from; i < trace.steps.length; i++) if (pred(trace.steps[i]!, i)) return i;
  throw new Error('no such step in the sample trace');
}

const t = (en: string, ko: string): Text => ({ en, ko });

/** Four quizzes on the sample: a choice, two numbers and a field. */
export function sampleLesson(trace: Trace): PlayerLesson {
  const frameOf = (flags: string, n = 1) => {
    let seen = 0;
    for (const f of trace.frames) {
      if (f.parent !== null) continue;
      const d = dissect(f.bytes);
      if (d.tcp && tcp.flagsString(d.tcp) === flags && ++seen === n) return f.id;
    }
    throw new Error(`no ${flags} frame`);
  };
  const syn = frameOf('S');
  const ackFrame = frameOf('.');
  const get = frameOf('P.');
  const checkpoints: Checkpoint[] = [
    {
      id: 'router-changes', kind: 'choice', numbering: 'relative',
      atStep: findStep(trace, (s) => s.kind === 'decap-check' && s.check === 'ip.ttl' && s.frame === syn),
      prompt: t('Router r1 is about to forward the SYN. Which fields will it change?', '라우터 r1이 SYN을 전달하려 합니다. 어떤 필드가 바뀔까요?'),
      options: [
        { value: 'macs-ttl', label: t('The MAC addresses, TTL and the checksums', 'MAC 주소, TTL, 체크섬') },
        { value: 'ips', label: t('The source and destination IP addresses', '출발지와 목적지 IP 주소') },
        { value: 'ports', label: t('The ports and the sequence number', '포트와 시퀀스 번호') },
        { value: 'nothing', label: t('Nothing: a router passes frames on as they are', '없음: 라우터는 프레임을 그대로 넘긴다') },
      ],
      expected: 'macs-ttl',
      explanation: t(
        'Each link has its own MAC addresses, so a router writes a new Ethernet header (and FCS) for the next link. It lowers TTL by one, so the IP header checksum is recomputed. IP addresses, ports, seq and ack stay the same end to end.',
        '링크마다 MAC 주소가 다르므로 라우터는 다음 링크를 위한 새 이더넷 헤더(와 FCS)를 씁니다. TTL을 1 줄이므로 IP 헤더 체크섬도 다시 계산합니다. IP 주소, 포트, seq와 ack는 끝까지 그대로입니다.',
      ),
      hint: t('Which addresses only make sense on one link?', '한 링크 안에서만 의미가 있는 주소는 무엇일까요?'),
    },
    {
      id: 'synack-ack', kind: 'number', numbering: 'relative',
      atStep: findStep(trace, (s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED'),
      prompt: t(
        "The server answers with a SYN-ACK. What acknowledgment number will it carry? (relative numbers: the client's ISN is 0)",
        '서버가 SYN-ACK로 답합니다. 확인 응답 번호(ACK 번호)는 얼마일까요? (상대 번호: 클라이언트의 ISN이 0)',
      ),
      expected: 1,
      explanation: t(
        "A SYN occupies one sequence number, so the next byte the server expects is the client's ISN + 1: relative 1.",
        'SYN은 시퀀스 번호 하나를 차지하므로, 서버가 다음에 기대하는 번호는 클라이언트 ISN + 1, 즉 상대 번호 1입니다.',
      ),
      hint: t('ack = the next sequence number expected. Does a SYN count?', 'ack = 다음에 받기를 기대하는 시퀀스 번호. SYN도 번호를 차지할까요?'),
      wrong: [{ answer: '0', explain: t("0 is the client's ISN itself, and the SYN used it up.", '0은 클라이언트의 ISN 자체이고, SYN이 그 번호를 써 버렸습니다.') }],
    },
    {
      id: 'ack-field', kind: 'field', numbering: 'relative', field: 'tcp.ack',
      atStep: findStep(trace, (s) => s.kind === 'encap-field' && s.key === 'tcp.ack' && s.frame === ackFrame),
      prompt: t("Fill in the client's Acknowledgment Number for the server's SYN-ACK (relative).", '서버의 SYN-ACK에 대한 클라이언트의 ACK 번호를 채우세요 (상대 번호).'),
      expected: '1',
      explanation: t(
        "The server's SYN also occupies one number: the client acknowledges the server's ISN + 1, relative 1.",
        '서버의 SYN도 번호 하나를 차지합니다: 클라이언트는 서버 ISN + 1, 즉 상대 번호 1을 확인 응답합니다.',
      ),
      hint: t("Relative to the server's ISN, which is 0 here.", '서버의 ISN(여기서는 0)을 기준으로 생각하세요.'),
    },
    {
      id: 'get-ack', kind: 'number', numbering: 'relative',
      atStep: findStep(trace, (s) => s.kind === 'tcp-segment' && s.frame !== undefined && trace.frames[s.frame]?.parent === get),
      prompt: t(
        `The GET (${GET_BYTES.length} bytes) arrived at relative seq 1. What ack will the server send back?`,
        `GET(${GET_BYTES.length}바이트)이 상대 seq 1로 도착했습니다. 서버가 돌려보낼 ack는 얼마일까요?`,
      ),
      expected: 1 + GET_BYTES.length,
      explanation: t(
        `ack = received seq + payload length = 1 + ${GET_BYTES.length} = ${1 + GET_BYTES.length}. In absolute numbers this crosses 2^32 and wraps around zero.`,
        `ack = 받은 seq + 데이터 길이 = 1 + ${GET_BYTES.length} = ${1 + GET_BYTES.length}. 절대 번호로는 2^32를 넘어 0 근처로 돌아갑니다.`,
      ),
      hint: t('Add the number of data bytes to the seq of the first byte.', '첫 바이트의 seq에 데이터 바이트 수를 더하세요.'),
    },
  ];
  return {
    title: t('Handshake and a GET, one router away', '라우터 하나 너머로: 핸드셰이크와 GET'),
    checkpoints,
    notes: [
      {
        atStep: 0,
        text: t('Watch the headers fill in as the client opens a connection.', '클라이언트가 연결을 여는 동안 헤더가 채워지는 모습을 보세요.'),
      },
    ],
  };
}
