import { BROADCAST_MAC, numberToIpv4, type Ipv4Addr, type MacAddr } from '../wire/address.js';
import * as arpWire from '../wire/arp.js';
import { finishChecksum, pseudoHeaderSum, sumWords } from '../wire/checksum.js';
import * as eth from '../wire/ethernet.js';
import * as icmp from '../wire/icmp.js';
import * as ipv4 from '../wire/ipv4.js';
import { seq, type Seq } from '../wire/seq.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';
import type { AppSocket, TcpApp, TcpAppFactory } from './apps/app.js';
import { ArpService } from './arp.js';
import { buildPacket, decodeEthernet, frameAround, type BuiltPacket, DEFAULT_TTL, ETH_HEADER, icmpPayload, IP_HEADER, lowerLayers, tcpPayload, udpPayload, type IpPayload } from './build.js';
import type { EventHandle } from './engine.js';
import { correctIpChecksum, fcsHex, preview, recordEncap, type EncapLayer } from './fields.js';
import type { SocketSource } from './recorder.js';
import { malformed, type DropReason } from './reasons.js';
import type { Rng } from './rng.js';
import type { Endpoint, TcpConfig, TcpConnection, TcpConnectionOptions, TcpEvent, TcpState } from './tcp/api.js';
import { DEFAULT_MTU, HOST_IFACE, inSubnet, mask, subnetOf, type HostSpec, type Subnet } from './topology.js';
import type { Micros } from './time.js';
import type { CheckKind, FrameId, Layer, NodeName, Protocol, SocketId, SocketSnapshot } from './trace.js';
import { Port, type Arrival, type SimNode, type World } from './world.js';
import { checkStep, dropStep, stripStep } from './trace-writer.js';

/**
 * The TCP a host runs: the connection of source/sim/tcp (sans-I/O, api.ts), and the reply
 * to a segment that finds no connection (RFC 9293 §3.10.7.1: RST, or nothing for a RST).
 */
export interface TcpImplementation {
  createConnection(opts: TcpConnectionOptions): TcpConnection;
  resetForUnexpected(seg: tcp.DecodedTcp): tcp.TcpSegment | null;
}

/** RFC 6335 §6: the dynamic (ephemeral) port range. */
export const EPHEMERAL_MIN = 49152;
export const EPHEMERAL_MAX = 65535;
const LIMITED_BROADCAST = '255.255.255.255';
const MAX_PUMP_ROUNDS = 100_000;
/**
 * The port check records the destination port (actual) and the socket that holds it
 * (expected): its id and state, LISTEN, a UDP service's name, or this mark for none. Each
 * reads the same in every language.
 */
const NO_SOCKET = '-';

export interface UdpHandler {
  /** Who holds the port, for the trace's port check: a service name, the same in every language. */
  readonly label: string;
  receive(payload: Uint8Array, from: Endpoint, frame: FrameId): void;
}

export interface IcmpHandler {
  receive(msg: icmp.DecodedIcmp, from: Ipv4Addr, frame: FrameId): void;
}

interface Listener {
  readonly app: TcpAppFactory | null;
  readonly accepted: SocketId[];
}

const tupleKey = (localPort: number, remoteIp: Ipv4Addr, remotePort: number) => `${localPort}|${remoteIp}|${remotePort}`;

/** A host's TCP socket: the connection, the app's write queue, and when its timer is due. */
export class SimSocket implements SocketSource, AppSocket {
  conn!: TcpConnection;
  readonly writeQueue: Uint8Array[] = [];
  queuedBytes = 0;
  closeRequested = false;
  closeIssued = false;
  timer: EventHandle | null = null;
  timerAt: Micros | null = null;
  timerKind: 'normal' | 'lingering' = 'normal';
  pumping = false;
  again = false;
  opened = false;
  openNotified = false;
  dataReady = false;
  writableSignal = false;
  peerClosedNotified = false;
  closed = false;
  closedNotified = false;

  constructor(
    readonly host: Host,
    readonly id: SocketId,
    readonly local: Endpoint,
    readonly remote: Endpoint,
    public app: TcpApp | null,
  ) {}

  get state(): TcpState {
    return this.conn.state;
  }

  get readable(): number {
    return this.conn.snapshot().recvBuffered;
  }

  get queued(): number {
    return this.queuedBytes;
  }

  get peerClosed(): boolean {
    return this.conn.peerClosed;
  }

  get now(): Micros {
    return this.host.world.engine.now;
  }

  snapshot(): SocketSnapshot {
    return { ...this.conn.snapshot(), id: this.id, host: this.host.name, protocol: 'tcp' };
  }

  write(data: Uint8Array): void {
    if (data.length === 0) return;
    this.writeQueue.push(data);
    this.queuedBytes += data.length;
    this.host.pump(this);
  }

  read(max?: number): Uint8Array {
    return this.host.readSocket(this, max);
  }

  close(): void {
    this.closeRequested = true;
    this.host.pump(this);
  }

  abort(): void {
    this.host.abortSocket(this);
  }

  later(delay: Micros, fn: () => void): void {
    this.host.world.engine.after(delay, fn);
  }
}

/**
 * A host: one NIC, IPv4 with a connected subnet and a default gateway, ARP, UDP and TCP
 * sockets, ICMP echo. Receiving runs the checks of decapsulation in order, bottom-up, and
 * records each of them.
 */
export class Host implements SimNode {
  readonly kind = 'host';
  readonly name: NodeName;
  readonly ip: Ipv4Addr;
  readonly mac: MacAddr;
  readonly port: Port;
  readonly arp: ArpService;
  readonly resolver: Ipv4Addr | null;
  readonly tcpConfig: TcpConfig;
  private readonly subnet: Subnet;
  private readonly subnetBroadcast: Ipv4Addr;
  private readonly gateway: Ipv4Addr | null;
  private ipId: number;
  private readonly isnRng: Rng;
  /** Timestamp offsets (RFC 7323 §5.4), a stream of their own so that no ISN or port moves. */
  private readonly tsRng: Rng;
  private readonly portRng: Rng;
  private readonly rng: Rng;
  private readonly streams = new Map<string, Rng>();
  private readonly byTuple = new Map<string, SimSocket>();
  readonly sockets = new Map<SocketId, SimSocket>();
  private readonly listeners = new Map<number, Listener>();
  private readonly udpPorts = new Map<number, UdpHandler>();
  readonly icmpHandlers = new Map<number, IcmpHandler>();
  private socketCount = 0;
  /** Next hops already worked out, by destination. */
  private readonly hops = new Map<Ipv4Addr, Ipv4Addr | null>();
  /** The frame being decapsulated, while TCP processes its segment. */
  private currentFrame: FrameId | null = null;
  /** Bytes of the TCP segment being processed, header and data: what its strip step removes. */
  private currentSegmentBytes = 0;

  constructor(
    readonly world: World,
    spec: HostSpec,
    tcpConfig: TcpConfig,
    private readonly tcpImpl: TcpImplementation,
    /** When set, every connection of this host starts at this ISN (a lesson's fixed numbers). */
    private readonly fixedIsn: number | null = null,
  ) {
    this.name = spec.name;
    this.ip = spec.ip;
    this.mac = spec.mac.toLowerCase();
    this.port = new Port(this, `${spec.name}:${HOST_IFACE}`, this.mac, spec.mtu ?? DEFAULT_MTU);
    this.arp = new ArpService(world, this.port, spec.ip);
    this.resolver = spec.resolver ?? null;
    this.subnet = subnetOf(spec.ip, spec.prefix);
    this.subnetBroadcast = numberToIpv4((this.subnet.network | ~mask(spec.prefix)) >>> 0);
    this.gateway = spec.gateway ?? null;
    const rng = world.rng.fork(`host:${spec.name}`);
    this.isnRng = rng.fork('isn');
    this.tsRng = rng.fork('ts-offset');
    this.portRng = rng.fork('ports');
    this.rng = rng;
    this.ipId = rng.fork('ip-id').int(0, 0xffff);
    this.tcpConfig = tcpConfig;
    world.rec.declareTables(spec.name, 'arp');
  }

  /** This host's own random stream for `label` (DNS IDs, ping identifiers), made once. */
  stream(label: string): Rng {
    let r = this.streams.get(label);
    if (!r) this.streams.set(label, (r = this.rng.fork(label)));
    return r;
  }

  /** MSS for this host: what its configuration says, but never more than the path's MTU allows. */
  private get mss(): number {
    return Math.min(this.tcpConfig.mss, this.port.mtu - IP_HEADER - tcp.MIN_HEADER_LEN);
  }

  // ---------------------------------------------------------------------------------------
  // Steps

  private check(frame: FrameId, layer: Layer, check: CheckKind, ok: boolean, expected: string, actual: string): void {
    const { rec, engine } = this.world;
    if (rec.full) rec.step(checkStep(engine.now, this.name, frame, layer, check, ok, expected, actual));
  }

  private strip(frame: FrameId, protocol: Protocol, length: number): void {
    const { rec, engine } = this.world;
    if (rec.full) rec.step(stripStep(engine.now, this.name, frame, protocol, length));
  }

  private drop(frame: FrameId, layer: Layer, reason: DropReason): void {
    const { rec, engine } = this.world;
    rec.step(dropStep(engine.now, this.name, frame, layer, reason));
  }

  // ---------------------------------------------------------------------------------------
  // Receive: link, internet, transport

  receive(_port: Port, a: Arrival): void {
    const bytes = a.bytes;
    const id = a.id;
    const d = decodeEthernet(bytes, this.world.rec.full || a.corrupted);
    if (!d.ok) return this.drop(id, 'link', malformed(d.error));
    const f = d.value;
    const forMe = f.dst === this.mac || f.dst === BROADCAST_MAC;
    if (this.world.rec.full) this.check(id, 'link', 'eth.dst', forMe, this.mac, f.dst);
    if (!forMe) return this.drop(id, 'link', { code: 'not-my-mac', dst: f.dst, mine: this.mac });
    if (this.world.rec.full || !f.fcsOk) {
      const computed = eth.computeFcs(bytes, 0, bytes.length - eth.FCS_LEN);
      this.check(id, 'link', 'eth.fcs', f.fcsOk === true, fcsHex(computed), fcsHex(f.fcs ?? 0));
    }
    if (!f.fcsOk) return this.drop(id, 'link', { code: 'bad-fcs' });
    this.strip(id, 'ethernet', bytes.length);
    if (f.etherType === eth.ETHERTYPE_ARP) return this.arpInput(id, f.payload);
    if (f.etherType === eth.ETHERTYPE_IPV4) return this.ipInput(id, f.payload);
    this.drop(id, 'link', { code: 'unknown-ethertype', etherType: `0x${f.etherType.toString(16).padStart(4, '0')}` });
  }

  private arpInput(id: FrameId, payload: Uint8Array): void {
    const d = arpWire.decode(payload);
    if (!d.ok) return this.drop(id, 'link', malformed(d.error));
    this.strip(id, 'arp', arpWire.PACKET_LEN);
    if (!this.arp.receive(d.value)) {
      this.drop(id, 'link', { code: 'arp-not-for-me', target: d.value.targetIp, mine: this.ip });
    }
  }

  private ipInput(id: FrameId, payload: Uint8Array): void {
    const d = ipv4.decode(payload);
    if (!d.ok) return this.drop(id, 'internet', malformed(d.error));
    const p = d.value;
    if (this.world.rec.full || !p.checksumOk) {
      this.check(id, 'internet', 'ip.checksum', p.checksumOk, hex16(correctIpChecksum(payload, p.headerLength)), hex16(p.checksum));
    }
    if (!p.checksumOk) return this.drop(id, 'internet', { code: 'bad-ip-checksum' });
    const mine = p.dst === this.ip || p.dst === LIMITED_BROADCAST || p.dst === this.subnetBroadcast;
    if (this.world.rec.full) this.check(id, 'internet', 'ip.dst', mine, this.ip, p.dst);
    if (!mine) return this.drop(id, 'internet', { code: 'not-my-ip', dst: p.dst, mine: this.ip });
    this.strip(id, 'ipv4', p.totalLength);
    switch (p.protocol) {
      case ipv4.PROTO_TCP:
        return this.tcpInput(id, p);
      case ipv4.PROTO_UDP:
        return this.udpInput(id, p);
      case ipv4.PROTO_ICMP:
        return this.icmpInput(id, p);
      default:
        return this.drop(id, 'internet', { code: 'unknown-ip-protocol', protocol: p.protocol });
    }
  }

  private tcpInput(id: FrameId, p: ipv4.DecodedIpv4): void {
    const d = tcp.decode(p.payload, 0, p.payload.length, this.world.rec.full ? { src: p.src, dst: p.dst } : undefined);
    if (!d.ok) return this.drop(id, 'transport', malformed(d.error));
    const s = d.value;
    // At level 'frames' it is not computed (null): the FCS check already caught any damage.
    const checksumOk = s.checksumOk !== false;
    if (this.world.rec.full || !checksumOk) {
      this.check(id, 'transport', 'tcp.checksum', checksumOk, hex16(correctTransportChecksum(p, ipv4.PROTO_TCP, 16)), hex16(s.checksum));
    }
    if (!checksumOk) return this.drop(id, 'transport', { code: 'bad-tcp-checksum' });
    const sock = this.byTuple.get(tupleKey(s.dstPort, p.src, s.srcPort));
    const listener = this.listeners.get(s.dstPort);
    // A SYN that reopens a TIME_WAIT connection goes to the listener (tcp_v4_rcv, TCP_TW_SYN).
    const reuseIss = sock && listener ? sock.conn.takeNewSyn?.(s, this.world.engine.now) ?? null : null;
    if (sock && reuseIss !== null) this.pump(sock);
    if (sock && reuseIss === null) {
      if (this.world.rec.full) this.check(id, 'transport', 'port', true, `${sock.id} (${sock.conn.state})`, String(s.dstPort));
      return this.segmentTo(sock, s, id, p.payload.length);
    }
    if (listener && s.flags.syn && s.ack === null && !s.flags.rst) {
      if (this.world.rec.full) this.check(id, 'transport', 'port', true, 'LISTEN', String(s.dstPort));
      const created = this.createSocket({ ip: this.ip, port: s.dstPort }, { ip: p.src, port: s.srcPort }, true, listener.app?.() ?? null, reuseIss);
      listener.accepted.push(created.id);
      return this.segmentTo(created, s, id, p.payload.length);
    }
    // Only a SYN asks for a connection, and is refused when nothing listens; any other
    // segment here belongs to no connection, listener or not (RFC 9293 §3.10.7.1).
    const opening = s.flags.syn && s.ack === null;
    if (this.world.rec.full) this.check(id, 'transport', 'port', false, listener && !opening ? 'LISTEN' : NO_SOCKET, String(s.dstPort));
    if (s.flags.rst) return this.drop(id, 'transport', { code: 'rst-no-connection', port: s.dstPort });
    this.drop(id, 'transport', { code: opening ? 'no-socket' : 'no-connection', port: s.dstPort });
    const reply = this.tcpImpl.resetForUnexpected(s);
    if (!reply) return;
    const { rec, engine } = this.world;
    rec.step({ t: engine.now, kind: 'tcp-reset', host: this.name, socket: null, reason: { code: opening ? 'no-listener' : 'no-connection', port: s.dstPort } });
    this.ipOutput(p.src, tcpPayload(reply));
  }

  private segmentTo(sock: SimSocket, s: tcp.DecodedTcp, frame: FrameId, segmentBytes: number): void {
    this.currentFrame = frame;
    this.currentSegmentBytes = segmentBytes;
    try {
      sock.conn.segmentArrives(s, this.world.engine.now);
    } finally {
      this.currentFrame = null;
    }
    this.world.rec.touchSocket(sock);
    this.pump(sock);
  }

  private udpInput(id: FrameId, p: ipv4.DecodedIpv4): void {
    const d = udp.decode(p.payload, 0, p.payload.length, { src: p.src, dst: p.dst });
    if (!d.ok) return this.drop(id, 'transport', malformed(d.error));
    const u = d.value;
    // A zero checksum means the sender did not compute one (RFC 768): nothing to check.
    const ok = u.checksumOk !== false;
    if (this.world.rec.full || !ok) {
      this.check(id, 'transport', 'udp.checksum', ok, hex16(correctTransportChecksum(p, ipv4.PROTO_UDP, 6)), hex16(u.checksum));
    }
    if (!ok) return this.drop(id, 'transport', { code: 'bad-udp-checksum' });
    const handler = this.udpPorts.get(u.dstPort);
    if (this.world.rec.full) this.check(id, 'transport', 'port', handler !== undefined, handler?.label ?? NO_SOCKET, String(u.dstPort));
    if (!handler) return this.drop(id, 'transport', { code: 'no-udp-socket', port: u.dstPort });
    this.strip(id, 'udp', u.length);
    handler.receive(u.payload, { ip: p.src, port: u.srcPort }, id);
  }

  private icmpInput(id: FrameId, p: ipv4.DecodedIpv4): void {
    const d = icmp.decode(p.payload);
    if (!d.ok) return this.drop(id, 'internet', malformed(d.error));
    const m = d.value;
    if (!m.checksumOk) return this.drop(id, 'internet', { code: 'bad-icmp-checksum' });
    this.strip(id, 'icmp', p.payload.length);
    if (m.type === icmp.TYPE_ECHO_REQUEST) {
      this.ipOutput(p.src, icmpPayload({ type: icmp.TYPE_ECHO_REPLY, code: 0, identifier: m.identifier, sequence: m.sequence, payload: m.payload }));
      return;
    }
    let ident = m.identifier;
    if (m.type === icmp.TYPE_TIME_EXCEEDED || m.type === icmp.TYPE_DEST_UNREACHABLE) {
      // The error quotes the packet that caused it: its IP header and first 8 bytes (RFC 792).
      const q = m.payload;
      const ihl = ((q[0] ?? 0) & 0x0f) * 4;
      if (q.length >= ihl + 8 && q[9] === ipv4.PROTO_ICMP) ident = (q[ihl + 4]! << 8) | q[ihl + 5]!;
    }
    const h = this.icmpHandlers.get(ident);
    if (!h) return this.drop(id, 'internet', { code: 'icmp-unclaimed', type: m.type });
    h.receive(m, p.src, id);
  }

  // ---------------------------------------------------------------------------------------
  // Send: IP with routing and ARP

  /** The neighbour a packet for `dst` goes to: dst itself on the subnet, else the gateway. */
  nextHop(dst: Ipv4Addr): Ipv4Addr | null {
    let hop = this.hops.get(dst);
    if (hop === undefined) {
      hop = inSubnet(dst, this.subnet) || dst === LIMITED_BROADCAST ? dst : this.gateway;
      this.hops.set(dst, hop);
    }
    return hop;
  }

  /** Builds the packet now and sends it once the next hop's MAC is known. False if there is no route. */
  ipOutput(dst: Ipv4Addr, payload: IpPayload, ttl = DEFAULT_TTL): boolean {
    const hop = this.nextHop(dst);
    if (hop === null) return false;
    const packet = buildPacket({ src: this.ip, dst, identification: this.nextIpId(), ttl, dontFragment: true }, payload);
    const upper = this.world.rec.full ? payload.layers(ETH_HEADER + IP_HEADER) : null;
    if (hop === LIMITED_BROADCAST || hop === this.subnetBroadcast) this.sendPacket(packet, BROADCAST_MAC, upper);
    else this.arp.resolve(hop, (mac) => this.sendPacket(packet, mac, upper));
    return true;
  }

  private nextIpId(): number {
    const id = this.ipId;
    this.ipId = (this.ipId + 1) & 0xffff;
    return id;
  }

  private sendPacket(packet: BuiltPacket, dstMac: MacAddr, upper: EncapLayer[] | null): void {
    const { rec, engine } = this.world;
    const frame = frameAround(this.mac, dstMac, packet);
    const id = rec.allocFrameId();
    if (upper) recordEncap(rec, engine.now, this.name, id, frame, [...upper, ...lowerLayers(frame, packet.bytes.length)]);
    this.port.transmit(frame, id, null);
  }

  // ---------------------------------------------------------------------------------------
  // UDP and ICMP for apps

  /** A free port in 49152–65535, drawn from this host's own seeded stream. */
  ephemeralPort(): number {
    for (;;) {
      const p = this.portRng.int(EPHEMERAL_MIN, EPHEMERAL_MAX);
      if (!this.udpPorts.has(p) && !this.listeners.has(p) && ![...this.sockets.values()].some((s) => s.local.port === p && !s.closed)) return p;
    }
  }

  /**
   * What holds a local TCP port, so that a connect from it would fail as bind(2) does
   * (EADDRINUSE): a listener, or a socket that is not yet CLOSED (TIME_WAIT included), or
   * null when the port is free.
   */
  portHolder(port: number): { readonly kind: 'listener' } | { readonly kind: 'socket'; readonly id: SocketId; readonly state: TcpState } | null {
    if (this.listeners.has(port)) return { kind: 'listener' };
    for (const s of this.sockets.values()) {
      if (s.local.port === port && !s.closed) return { kind: 'socket', id: s.id, state: s.conn.state };
    }
    return null;
  }

  /**
   * Sends a crafted segment with this host's addresses, past its own TCP, which neither
   * sends nor learns of it: a raw socket's packet, or an old duplicate the network held.
   */
  injectTcp(dst: Ipv4Addr, seg: tcp.TcpSegment): boolean {
    return this.ipOutput(dst, tcpPayload(seg));
  }

  udpBind(port: number, handler: UdpHandler): void {
    if (this.udpPorts.has(port)) throw new Error(`${this.name}: UDP port ${port} is already bound`);
    this.udpPorts.set(port, handler);
  }

  udpUnbind(port: number): void {
    this.udpPorts.delete(port);
  }

  sendUdp(srcPort: number, dst: Endpoint, payload: Uint8Array): boolean {
    return this.ipOutput(dst.ip, udpPayload({ srcPort, dstPort: dst.port, payload }));
  }

  sendIcmp(dst: Ipv4Addr, m: icmp.IcmpMessage, ttl?: number): boolean {
    return this.ipOutput(dst, icmpPayload(m), ttl);
  }

  // ---------------------------------------------------------------------------------------
  // TCP sockets


  listen(port: number, app: TcpAppFactory | null): void {
    if (this.listeners.has(port)) throw new Error(`${this.name}: port ${port} is already listening`);
    this.listeners.set(port, { app, accepted: [] });
    this.world.rec.listen(this.name, port);
  }

  /**
   * RFC 9293 §3.10.4 and §3.10.5 in LISTEN: the listener is deleted and the port is
   * CLOSED; connections it already accepted are not touched, as close(2) on a listening
   * socket leaves them.
   */
  unlisten(port: number): void {
    if (!this.listeners.delete(port)) return;
    this.world.rec.unlisten(this.name, port);
  }

  /** The oldest connection accepted on `port` not yet handed out, like accept(2). */
  accept(port: number): SocketId | null {
    return this.listeners.get(port)?.accepted.shift() ?? null;
  }

  /** Active open from `localPort`, or from an ephemeral port; see `portHolder` for a port in use. */
  connect(remote: Endpoint, app: TcpApp | null, localPort?: number): SimSocket {
    const sock = this.createSocket({ ip: this.ip, port: localPort ?? this.ephemeralPort() }, remote, false, app);
    sock.conn.connect(this.world.engine.now);
    this.world.rec.touchSocket(sock);
    this.pump(sock);
    return sock;
  }

  /** `iss`: the ISS a new incarnation of a TIME_WAIT connection must use; else one is drawn. */
  private createSocket(local: Endpoint, remote: Endpoint, passive: boolean, app: TcpApp | null, iss: Seq | null = null): SimSocket {
    const impl = this.tcpImpl;
    const id = `${this.name}#${++this.socketCount}`;
    const sock = new SimSocket(this, id, local, remote, app);
    // Drawn even when the ISN is fixed, so that fixing one number shifts no other.
    const drawnIsn = this.isnRng.u32();
    const tsOffset = this.tsRng.u32();
    sock.conn = impl.createConnection({
      local, remote, passive, tsOffset,
      iss: iss ?? seq(this.fixedIsn ?? drawnIsn),
      config: { ...this.tcpConfig, mss: this.mss },
      onEvent: (e) => this.onTcpEvent(sock, e),
    });
    this.sockets.set(id, sock);
    this.byTuple.set(tupleKey(local.port, remote.ip, remote.port), sock);
    this.world.rec.addSocket({ id, host: this.name, local, remote }, sock);
    return sock;
  }

  private onTcpEvent(sock: SimSocket, e: TcpEvent): void {
    const { rec, engine } = this.world;
    const t = engine.now;
    const host = this.name;
    const socket = sock.id;
    switch (e.kind) {
      case 'state':
        rec.step({ t, kind: 'tcp-state', host, socket, from: e.from, to: e.to, cause: e.cause });
        if (e.to === 'ESTABLISHED' && (e.from === 'SYN_SENT' || e.from === 'SYN_RECEIVED')) sock.opened = true;
        if (e.to === 'CLOSED') sock.closed = true;
        break;
      case 'timer':
        if (rec.full) rec.step({ t, kind: 'tcp-timer', host, socket, timer: e.timer, action: e.action, due: e.due });
        break;
      case 'segment-check': {
        const frame = this.currentFrame;
        if (frame !== null && rec.full) {
          const ok = e.verdict === 'in-order' || e.verdict === 'no-data';
          rec.step({ t, kind: 'decap-check', node: host, frame, layer: 'transport', check: 'tcp.seq', ok, expected: String(e.expected), actual: String(e.seq), verdict: e.verdict });
          rec.step({ t, kind: 'tcp-segment', host, socket, frame, verdict: e.verdict, seq: e.seq, expected: e.expected, length: e.length });
          if (ok) this.strip(frame, 'tcp', this.currentSegmentBytes);
        }
        break;
      }
      case 'retransmit':
        rec.step({ t, kind: 'tcp-retransmit', host, socket, seq: e.seq, reason: e.reason });
        break;
      case 'duplicate-ack':
        if (rec.full) rec.step({ t, kind: 'tcp-dup-ack', host, socket, ack: e.ack, count: e.count });
        break;
      case 'deliver':
        sock.dataReady = true;
        break;
      case 'reset':
        rec.step({ t, kind: 'tcp-reset', host, socket, reason: e.reason });
        break;
      case 'give-up':
        rec.step({ t, kind: 'tcp-reset', host, socket, reason: { code: 'gave-up', retransmissions: e.retransmissions } });
        break;
      case 'window':
        break;
      case 'congestion':
        if (rec.full) {
          const { kind: _, ...change } = e;
          rec.step({ t, kind: 'tcp-congestion', host, socket, ...change });
        }
        break;
    }
    rec.touchSocket(sock);
  }

  private sendSegment(sock: SimSocket, seg: tcp.TcpSegment): void {
    this.ipOutput(sock.remote.ip, tcpPayload(seg));
  }

  /** Moves queued app data into TCP, sends what TCP has to send, and tells the app what changed. */
  pump(sock: SimSocket): void {
    if (sock.pumping) {
      sock.again = true;
      return;
    }
    sock.pumping = true;
    const engine = this.world.engine;
    try {
      let rounds = 0;
      do {
        sock.again = false;
        this.flush(sock);
        for (let seg = sock.conn.pollSegment(engine.now); seg !== null; seg = sock.conn.pollSegment(engine.now)) {
          this.world.rec.touchSocket(sock);
          this.sendSegment(sock, seg);
        }
        this.notify(sock);
        if (++rounds > MAX_PUMP_ROUNDS) throw new Error(`${sock.id}: the socket did not settle after ${MAX_PUMP_ROUNDS} rounds`);
      } while (sock.again);
    } finally {
      sock.pumping = false;
    }
    this.syncTimer(sock);
  }

  private flush(sock: SimSocket): void {
    const { rec, engine } = this.world;
    const state = sock.conn.state;
    if (sock.writeQueue.length > 0 && (state === 'ESTABLISHED' || state === 'CLOSE_WAIT')) {
      while (sock.writeQueue.length > 0) {
        const head = sock.writeQueue[0]!;
        const taken = sock.conn.send(head, engine.now);
        if (taken > 0) {
          sock.queuedBytes -= taken;
          rec.touchSocket(sock);
          if (rec.full) {
            const piece = head.subarray(0, taken);
            rec.step({ t: engine.now, kind: 'app-write', host: this.name, socket: sock.id, length: taken, preview: preview(piece) });
            const s = sock.conn.snapshot();
            rec.step({ t: engine.now, kind: 'buffer', host: this.name, socket: sock.id, sendBuffered: s.sendBuffered, recvBuffered: s.recvBuffered, window: s.rcvWnd });
          }
        }
        if (taken < head.length) {
          sock.writeQueue[0] = head.subarray(taken);
          break;
        }
        sock.writeQueue.shift();
        if (sock.writeQueue.length === 0) sock.writableSignal = true;
      }
    }
    if (sock.closeRequested && !sock.closeIssued && sock.writeQueue.length === 0 && !sock.closed) {
      sock.closeIssued = true;
      sock.conn.close(engine.now);
      rec.touchSocket(sock);
    }
  }

  private notify(sock: SimSocket): void {
    const app = sock.app;
    if (sock.opened && !sock.openNotified) {
      sock.openNotified = true;
      sock.writableSignal = true;
      app?.onOpen?.(sock);
    }
    if (sock.dataReady) {
      sock.dataReady = false;
      app?.onData?.(sock);
    }
    if (sock.writableSignal && sock.writeQueue.length === 0 && !sock.closeRequested) {
      sock.writableSignal = false;
      const st = sock.conn.state;
      if (st === 'ESTABLISHED' || st === 'CLOSE_WAIT') app?.onWritable?.(sock);
    }
    if (!sock.peerClosedNotified && sock.conn.peerClosed) {
      sock.peerClosedNotified = true;
      app?.onPeerClosed?.(sock);
    }
    if (sock.closed && !sock.closedNotified) {
      sock.closedNotified = true;
      // A new connection on the same 4-tuple may already hold the key.
      const key = tupleKey(sock.local.port, sock.remote.ip, sock.remote.port);
      if (this.byTuple.get(key) === sock) this.byTuple.delete(key);
      app?.onClosed?.(sock);
    }
  }

  /**
   * Keeps one engine event per socket at the connection's next deadline. A deadline that
   * moves later (every ACK restarts the retransmission timer) keeps the event it has: when
   * it runs early it only schedules itself again, which is cheaper than a cancel and a new
   * event per ACK.
   */
  private syncTimer(sock: SimSocket): void {
    const due = sock.closed ? null : sock.conn.nextDeadline();
    const kind = sock.conn.lingering ? 'lingering' : 'normal';
    if (due !== null && sock.timer !== null && kind === sock.timerKind && due >= sock.timerAt!) return;
    sock.timer?.cancel();
    sock.timer = null;
    sock.timerAt = due;
    sock.timerKind = kind;
    if (due === null) return;
    sock.timer = this.world.engine.schedule(due, () => {
      sock.timer = null;
      const now = this.world.engine.now;
      const next = sock.closed ? null : sock.conn.nextDeadline();
      if (next !== null && next > now) return this.syncTimer(sock);
      if (next === null) return;
      sock.conn.onDeadline(now);
      this.world.rec.touchSocket(sock);
      this.pump(sock);
    }, kind);
  }

  readSocket(sock: SimSocket, max?: number): Uint8Array {
    const { rec, engine } = this.world;
    const data = sock.conn.receive(max ?? Number.MAX_SAFE_INTEGER, engine.now);
    rec.touchSocket(sock);
    if (data.length > 0 && rec.full) {
      rec.step({ t: engine.now, kind: 'app-read', host: this.name, socket: sock.id, length: data.length, preview: preview(data) });
      const s = sock.conn.snapshot();
      rec.step({ t: engine.now, kind: 'buffer', host: this.name, socket: sock.id, sendBuffered: s.sendBuffered, recvBuffered: s.recvBuffered, window: s.rcvWnd });
    }
    this.pump(sock);
    return data;
  }

  abortSocket(sock: SimSocket): void {
    if (sock.closed) return;
    sock.writeQueue.length = 0;
    sock.queuedBytes = 0;
    sock.conn.abort(this.world.engine.now);
    this.world.rec.touchSocket(sock);
    this.pump(sock);
  }
}

function hex16(n: number): string {
  return `0x${n.toString(16).padStart(4, '0')}`;
}

/** The TCP or UDP checksum over pseudo-header, header and data, with the field taken as zero. */
function correctTransportChecksum(p: ipv4.DecodedIpv4, protocol: number, fieldOffset: number): number {
  const seg = p.payload.slice();
  seg[fieldOffset] = 0;
  seg[fieldOffset + 1] = 0;
  const sum = finishChecksum(sumWords(seg, 0, seg.length, pseudoHeaderSum(p.src, p.dst, protocol, seg.length)));
  return protocol === ipv4.PROTO_UDP && sum === 0 ? 0xffff : sum;
}

