import { ZERO_MAC, type Ipv4Addr, type MacAddr } from '../wire/address.js';
import * as arp from '../wire/arp.js';
import { arpFrame, arpLayers } from './build.js';
import type { EventHandle } from './engine.js';
import { recordEncap } from './fields.js';
import { SECOND, type Micros } from './time.js';
import type { FrameId } from './trace.js';
import type { Port, World } from './world.js';

/** Linux's defaults: three requests, a second apart (mcast_solicit, retrans_time_ms). */
const ARP_TRIES = 3;
const ARP_RETRY: Micros = SECOND;

interface Pending {
  readonly waiting: ((mac: MacAddr) => void)[];
  tries: number;
  timer: EventHandle | null;
}

/**
 * ARP on one interface (RFC 826): a cache, requests broadcast for unknown addresses with
 * the packets that need them held until the reply, and the receive rule that a request
 * also teaches its target the asker's address.
 */
export class ArpService {
  private readonly cache = new Map<Ipv4Addr, MacAddr>();
  private readonly pending = new Map<Ipv4Addr, Pending>();

  constructor(
    private readonly world: World,
    private readonly port: Port,
    private readonly ip: Ipv4Addr,
  ) {}

  lookup(ip: Ipv4Addr): MacAddr | undefined {
    return this.cache.get(ip);
  }

  /** Calls `then` with the MAC at once if cached; otherwise after a reply (or never). */
  resolve(ip: Ipv4Addr, then: (mac: MacAddr) => void): void {
    const mac = this.cache.get(ip);
    if (mac !== undefined) return then(mac);
    const { rec, engine } = this.world;
    rec.step({ t: engine.now, kind: 'arp-wait', host: this.port.node.name, ip });
    const p = this.pending.get(ip);
    if (p) {
      p.waiting.push(then);
      return;
    }
    this.pending.set(ip, { waiting: [then], tries: 0, timer: null });
    this.sendRequest(ip);
  }

  /** Asks for `ip` now, unless the answer is cached or a request is already out. */
  request(ip: Ipv4Addr): void {
    if (this.cache.has(ip) || this.pending.has(ip)) return;
    this.pending.set(ip, { waiting: [], tries: 0, timer: null });
    this.sendRequest(ip);
  }

  private sendRequest(ip: Ipv4Addr): void {
    const p = this.pending.get(ip);
    if (!p) return;
    if (p.tries >= ARP_TRIES) {
      // No answer: the held packets are dropped, as Linux does (the socket sees EHOSTUNREACH).
      this.pending.delete(ip);
      return;
    }
    p.tries++;
    this.send({ op: arp.OP_REQUEST, senderMac: this.port.mac, senderIp: this.ip, targetMac: ZERO_MAC, targetIp: ip });
    p.timer = this.world.engine.after(ARP_RETRY, () => this.sendRequest(ip));
  }

  private send(p: arp.ArpPacket): void {
    if (this.port.link === null) return;
    const { rec, engine } = this.world;
    const frame = arpFrame(p);
    const id: FrameId = rec.allocFrameId();
    if (rec.full) recordEncap(rec, engine.now, this.port.node.name, id, frame, arpLayers(frame));
    this.port.transmit(frame, id, null);
  }

  private learn(ip: Ipv4Addr, mac: MacAddr): void {
    if (this.cache.get(ip) === mac) return;
    this.cache.set(ip, mac);
    const { rec, engine } = this.world;
    rec.setArp(this.port.node.name, ip, mac);
    rec.step({ t: engine.now, kind: 'arp-learn', host: this.port.node.name, ip, mac });
    const p = this.pending.get(ip);
    if (p) {
      this.pending.delete(ip);
      p.timer?.cancel();
      for (const then of p.waiting) then(mac);
    }
  }

  /**
   * RFC 826 "Packet Reception": update the sender's entry if we have one; if we are the
   * target, add it, and answer a request with a unicast reply. Returns false when the
   * packet was not for us (the caller records the drop).
   */
  receive(p: arp.ArpPacket): boolean {
    const merge = this.cache.has(p.senderIp);
    if (merge) this.learn(p.senderIp, p.senderMac);
    if (p.targetIp !== this.ip) return false;
    if (!merge) this.learn(p.senderIp, p.senderMac);
    if (p.op === arp.OP_REQUEST) {
      this.send({ op: arp.OP_REPLY, senderMac: this.port.mac, senderIp: this.ip, targetMac: p.senderMac, targetIp: p.senderIp });
    }
    return true;
  }
}
