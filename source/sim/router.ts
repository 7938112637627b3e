import { BROADCAST_MAC, ipv4ToNumber, type Ipv4Addr } from '../wire/address.js';
import * as arpWire from '../wire/arp.js';
import * as eth from '../wire/ethernet.js';
import * as icmp from '../wire/icmp.js';
import * as ipv4 from '../wire/ipv4.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';
import { ArpService } from './arp.js';
import { buildFrame, buildPacket, decodeEthernet, DEFAULT_TTL, frameAround, icmpPayload } from './build.js';
import { malformed, type DropReason } from './reasons.js';
import { correctIpChecksum, fcsHex, readFcs, readKey } from './fields.js';
import { DEFAULT_MTU, formatSubnet, inSubnet, parsePrefix, subnetOf, type RouterSpec, type Subnet } from './topology.js';
import type { FieldChange, FieldValue, FrameId, Layer, NodeName } from './trace.js';
import { Port, type Arrival, type SimNode, type World } from './world.js';
import { checkStep, dropStep } from './trace-writer.js';

interface Route {
  readonly subnet: Subnet;
  readonly via: Ipv4Addr | null;
  readonly port: RouterPort;
  /** As `ip route` prints it: `10.0.2.0/24 via 10.0.0.2 dev eth1`. */
  readonly text: string;
}

interface RouterPort {
  readonly port: Port;
  readonly ip: Ipv4Addr;
  readonly subnet: Subnet;
  readonly arp: ArpService;
  readonly short: string;
}

/** The fields a router rewrites, in the order a learner should look at them. */
const REWRITTEN = ['eth.dst', 'eth.src', 'ip.ttl', 'ip.checksum', 'eth.fcs'] as const;

/**
 * An IPv4 router (RFC 1812): it checks the frame is for it and intact, looks the
 * destination up by longest prefix, decrements TTL (dropping at 0), recomputes the header
 * checksum, and sends a new frame from its own MAC to the next hop's, resolved by ARP.
 */
export class Router implements SimNode {
  readonly kind = 'router';
  readonly ports: RouterPort[] = [];
  private readonly routes: Route[] = [];
  private ipId: number;

  constructor(private readonly world: World, private readonly spec: RouterSpec) {
    for (const f of spec.interfaces) {
      const port = new Port(this, `${spec.name}:${f.name}`, f.mac.toLowerCase(), f.mtu ?? DEFAULT_MTU);
      const rp: RouterPort = { port, ip: f.ip, subnet: subnetOf(f.ip, f.prefix), arp: new ArpService(world, port, f.ip), short: f.name };
      this.ports.push(rp);
      this.routes.push({ subnet: rp.subnet, via: null, port: rp, text: `${formatSubnet(rp.subnet)} dev ${f.name} (connected)` });
    }
    for (const r of spec.routes ?? []) {
      const subnet = parsePrefix(r.prefix);
      const rp = this.ports.find((p) => p.short === r.iface);
      if ('en' in subnet || !rp) throw new Error(`router ${spec.name}: bad route ${r.prefix}`);
      this.routes.push({ subnet, via: r.via ?? null, port: rp, text: `${formatSubnet(subnet)}${r.via ? ` via ${r.via}` : ''} dev ${r.iface}` });
    }
    this.ipId = world.rng.fork(`router:${spec.name}`).int(0, 0xffff);
    world.rec.declareTables(spec.name, 'arp');
  }

  get name(): NodeName {
    return this.spec.name;
  }

  portNamed(iface: string): Port | undefined {
    return this.ports.find((p) => p.port.name === iface)?.port;
  }

  /** Longest-prefix match; connected routes were added first, so they win ties. */
  lookup(dst: Ipv4Addr): Route | null {
    let best: Route | null = null;
    const n = ipv4ToNumber(dst);
    for (const r of this.routes) {
      const m = r.subnet.prefix === 0 ? 0 : (0xffffffff << (32 - r.subnet.prefix)) >>> 0;
      if (((n & m) >>> 0) !== r.subnet.network) continue;
      if (!best || r.subnet.prefix > best.subnet.prefix) best = r;
    }
    return best;
  }

  private check(frame: FrameId, layer: Layer, check: 'eth.dst' | 'eth.fcs' | 'ip.checksum' | 'ip.ttl', ok: boolean, expected: string, actual: string): void {
    const { rec, engine } = this.world;
    if (rec.full || !ok) rec.step(checkStep(engine.now, this.name, frame, layer, check, ok, expected, actual));
  }

  private drop(frame: FrameId, layer: Layer, reason: DropReason): void {
    const { rec, engine } = this.world;
    rec.step(dropStep(engine.now, this.name, frame, layer, reason));
  }

  receive(port: Port, a: Arrival): void {
    const rp = this.ports.find((p) => p.port === port)!;
    const { id, bytes } = a;
    const d = decodeEthernet(bytes, this.world.rec.full || a.corrupted);
    if (!d.ok) return this.drop(id, 'link', malformed(d.error));
    const f = d.value;
    const forMe = f.dst === port.mac || f.dst === BROADCAST_MAC;
    if (this.world.rec.full || !forMe) this.check(id, 'link', 'eth.dst', forMe, port.mac, f.dst);
    if (!forMe) return this.drop(id, 'link', { code: 'not-my-mac', dst: f.dst, mine: port.mac });
    if (this.world.rec.full || !f.fcsOk) {
      this.check(id, 'link', 'eth.fcs', f.fcsOk === true, fcsHex(eth.computeFcs(bytes, 0, bytes.length - eth.FCS_LEN)), fcsHex(f.fcs ?? 0));
    }
    if (!f.fcsOk) return this.drop(id, 'link', { code: 'bad-fcs' });
    if (f.etherType === eth.ETHERTYPE_ARP) {
      const p = arpWire.decode(f.payload);
      if (!p.ok) return this.drop(id, 'link', malformed(p.error));
      if (!rp.arp.receive(p.value)) this.drop(id, 'link', { code: 'arp-not-for-me', target: p.value.targetIp, mine: rp.ip });
      return;
    }
    if (f.etherType !== eth.ETHERTYPE_IPV4) return this.drop(id, 'link', { code: 'not-routed-ethertype', etherType: `0x${f.etherType.toString(16).padStart(4, '0')}` });
    const ip = ipv4.decode(f.payload);
    if (!ip.ok) return this.drop(id, 'internet', malformed(ip.error));
    const p = ip.value;
    if (this.world.rec.full || !p.checksumOk) {
      this.check(id, 'internet', 'ip.checksum', p.checksumOk, hex16(correctIpChecksum(f.payload, p.headerLength)), hex16(p.checksum));
    }
    if (!p.checksumOk) return this.drop(id, 'internet', { code: 'bad-ip-checksum' });
    if (this.ports.some((x) => x.ip === p.dst)) return this.local(id, p);

    const route = this.lookup(p.dst);
    if (!route) {
      this.world.rec.step({ t: this.world.engine.now, kind: 'router-drop', node: this.name, frame: id, reason: 'no-route' });
      return;
    }
    // RFC 1812 §5.3.1: a packet whose TTL would reach 0 is dropped, and the sender told.
    const ttlOk = p.ttl > 1;
    if (this.world.rec.full || !ttlOk) this.check(id, 'internet', 'ip.ttl', ttlOk, '> 1', String(p.ttl));
    if (!ttlOk) {
      this.world.rec.step({ t: this.world.engine.now, kind: 'router-drop', node: this.name, frame: id, reason: 'ttl-expired' });
      this.sendIcmpError(p, f.payload, icmp.TYPE_TIME_EXCEEDED, 0);
      return;
    }
    const out = route.port;
    if (out.port.link === null) return this.drop(id, 'link', { code: 'port-not-cabled', port: out.port.name });
    if (p.totalLength > out.port.mtu) {
      return this.drop(id, 'internet', { code: p.dontFragment ? 'mtu-exceeded-df' : 'mtu-exceeded', length: p.totalLength, mtu: out.port.mtu, port: out.port.name });
    }
    const packet = f.payload.slice(0, p.totalLength);
    packet[8] = p.ttl - 1;
    ipv4.fillChecksum(packet, 0);
    const hop = route.via ?? p.dst;
    out.arp.resolve(hop, (mac) => {
      const { rec, engine } = this.world;
      const frame = buildFrame(out.port.mac, mac, eth.ETHERTYPE_IPV4, packet);
      const outId = rec.allocFrameId();
      if (rec.full) {
        const { changed, unchanged } = compareFrames(bytes, frame, p.headerLength, p.protocol);
        rec.step({ t: engine.now, kind: 'router-forward', node: this.name, frame: id, out: outId, route: route.text, nextHop: hop, changed, unchanged });
      }
      out.port.transmit(frame, outId, id, a.record);
    });
  }

  /** A packet for one of the router's own addresses: it answers ping, and nothing else. */
  private local(id: FrameId, p: ipv4.DecodedIpv4): void {
    if (p.protocol === ipv4.PROTO_ICMP) {
      const m = icmp.decode(p.payload);
      if (m.ok && m.value.checksumOk && m.value.type === icmp.TYPE_ECHO_REQUEST) {
        const v = m.value;
        this.originate(p.dst, p.src, icmpPayload({ type: icmp.TYPE_ECHO_REPLY, code: 0, identifier: v.identifier, sequence: v.sequence, payload: v.payload }));
        return;
      }
    }
    this.drop(id, 'internet', { code: 'no-router-service', protocol: p.protocol });
  }

  private sendIcmpError(p: ipv4.DecodedIpv4, packet: Uint8Array, type: number, code: number): void {
    // Never answer an ICMP error with another (RFC 1812 §4.3.2.7).
    if (p.protocol === ipv4.PROTO_ICMP && packet[p.headerLength] !== icmp.TYPE_ECHO_REQUEST && packet[p.headerLength] !== icmp.TYPE_ECHO_REPLY) return;
    const back = this.lookup(p.src);
    if (!back) return;
    const quote = packet.slice(0, Math.min(p.totalLength, p.headerLength + 8));
    this.originate(back.port.ip, p.src, icmpPayload({ type, code, identifier: 0, sequence: 0, payload: quote }));
  }

  /** A packet the router itself sends (ICMP), routed like any other. */
  private originate(src: Ipv4Addr, dst: Ipv4Addr, payload: ReturnType<typeof icmpPayload>): void {
    const route = this.lookup(dst);
    if (!route) return;
    const identification = this.ipId;
    this.ipId = (this.ipId + 1) & 0xffff;
    const packet = buildPacket({ src, dst, identification, ttl: DEFAULT_TTL, dontFragment: false }, payload);
    const out = route.port;
    if (out.port.link === null) return;
    out.arp.resolve(route.via ?? dst, (mac) => {
      const frame = frameAround(out.port.mac, mac, packet);
      out.port.transmit(frame, this.world.rec.allocFrameId(), null);
    });
  }

  /** ARP on the interface facing `ip`, for the facade's `arp()`. */
  arpFor(ip: Ipv4Addr): ArpService | null {
    return this.ports.find((p) => inSubnet(ip, p.subnet))?.arp ?? null;
  }
}

function hex16(n: number): string {
  return `0x${n.toString(16).padStart(4, '0')}`;
}

/** Which of the rewritten fields really changed between the frame in and the frame out, and what stayed. */
export function compareFrames(before: Uint8Array, after: Uint8Array, ipHeaderLength: number, protocol: number): { changed: FieldChange[]; unchanged: FieldValue[] } {
  const read = (b: Uint8Array, key: string): string => {
    if (key === 'eth.fcs') return readFcs(b).value;
    if (key.startsWith('eth.')) return readKey(b, 0, eth.LAYOUT, key);
    if (key.startsWith('ip.')) return readKey(b, eth.HEADER_LEN, ipv4.LAYOUT, key);
    const at = eth.HEADER_LEN + ipHeaderLength;
    if (key.startsWith('tcp.')) return readKey(b, at, tcp.LAYOUT, key);
    if (key.startsWith('udp.')) return readKey(b, at, udp.LAYOUT, key);
    return readKey(b, at, icmp.LAYOUT, key);
  };
  const kept = ['ip.src', 'ip.dst'];
  if (protocol === ipv4.PROTO_TCP) kept.push('tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.ack');
  else if (protocol === ipv4.PROTO_UDP) kept.push('udp.srcport', 'udp.dstport');
  else if (protocol === ipv4.PROTO_ICMP) kept.push('icmp.ident', 'icmp.seq');
  const changed: FieldChange[] = [];
  const unchanged: FieldValue[] = [];
  for (const key of REWRITTEN) {
    const x = read(before, key), y = read(after, key);
    if (x !== y) changed.push({ key, before: x, after: y });
    else unchanged.push({ key, value: x });
  }
  for (const key of kept) unchanged.push({ key, value: read(after, key) });
  return { changed, unchanged };
}

