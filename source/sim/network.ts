import type { Ipv4Addr } from '../wire/address.js';
import type { TcpSegment } from '../wire/tcp.js';
import * as icmp from '../wire/icmp.js';
import type { AppSocket, TcpAppFactory } from './apps/app.js';
import { bulkSenderApp, sinkApp, type BulkProgress, type SinkOptions } from './apps/bulk.js';
import { startDnsLookup, startDnsServer, type DnsLookup } from './apps/dns.js';
import { httpServerApp, startHttpGet, type HttpGet, type HttpGetOptions, type HttpServerOptions } from './apps/http.js';
import { createEngine, type Engine, type RunResult } from './engine.js';
import { Host, type SimSocket, type TcpImplementation } from './host.js';
import { checkImpairment, type Impairment } from './impair.js';
import { Link } from './link.js';
import { Recorder, type TraceLevel } from './recorder.js';
import { createRng } from './rng.js';
import { Router } from './router.js';
import { createSummarizer } from './summary.js';
import { Switch } from './switch.js';
import { tcpConfigWith, type TcpConfig } from './tcp/api.js';
import { createConnection, resetForUnexpected } from './tcp/connection.js';
import { MS, type Micros } from './time.js';
import {
  builtinTopology, validateTopology, type BuiltinTopologyName, type Topology, type TopologyError, type TopologySpec,
} from './topology.js';
import type { FrameRecord, LinkName, NodeName, Snapshot, SocketId, SocketSnapshot, Step, Trace } from './trace.js';
import type { Port, SimNode, World } from './world.js';

export interface NetworkOptions {
  readonly seed: number;
  /** Fixed initial sequence numbers by host; other hosts draw theirs from the seed. */
  readonly isn?: Readonly<Record<NodeName, number>>;
  /** Overrides of the TCP defaults, for every host. */
  readonly tcp?: Partial<TcpConfig>;
  /** Overrides for one host, over `tcp`. */
  readonly hostTcp?: Readonly<Record<NodeName, Partial<TcpConfig>>>;
  /** `full` (default) records every step; `frames` only frames and state changes. */
  readonly trace?: TraceLevel;
  /** The TCP to run; default source/sim/tcp/connection.ts. Tests may put in another. */
  readonly tcpImpl?: TcpImplementation;
  /** The most events one `settle()` or `wait()` may run before it reports an error. */
  readonly maxEvents?: number;
  /** Keep steps and frames for `trace()` (default true); turn off for huge runs with sinks. */
  readonly retain?: boolean;
  readonly onFrame?: (frame: FrameRecord) => void;
  readonly onStep?: (step: Step, snapshot: Snapshot) => void;
}

/** What a listener runs for each connection, as plain data a lesson can write. */
export type ServerAppSpec =
  | ({ readonly kind: 'http'; readonly bodyLength: number } & HttpServerOptions)
  | ({ readonly kind: 'sink' } & SinkOptions);

export interface PingReply {
  readonly sequence: number;
  readonly from: Ipv4Addr;
  /** Round-trip time in virtual microseconds. */
  readonly rtt: Micros;
}

export interface Ping {
  readonly target: Ipv4Addr;
  readonly sent: number;
  readonly replies: readonly PingReply[];
  /** ICMP errors instead of replies: `time exceeded from 10.0.0.1`. */
  readonly errors: readonly string[];
}

export interface PingOptions {
  readonly count?: number;
  readonly intervalMs?: number;
  /** ICMP data bytes (ping's -s); default 56, as ping sends. */
  readonly size?: number;
  /** IP TTL of the requests (ping's -t); default 64. A small one shows routers dropping them. */
  readonly ttl?: number;
}

export interface BulkTransfer {
  readonly socket: SocketId;
  readonly progress: BulkProgress;
}

const TCP: TcpImplementation = { createConnection, resetForUnexpected };

/** The bad topology, for a caller that did not validate first. */
export class TopologyInvalid extends Error {
  constructor(readonly errors: readonly TopologyError[]) {
    super(`invalid topology: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}

/**
 * A simulated network a lesson scripts, call by call: each call acts at the current
 * virtual time, and `wait` or `settle` lets time run. Calls that name a host, socket or
 * link that does not exist are programming errors and throw; a lesson's names are
 * checked against the topology when it is compiled.
 */
export class Network {
  readonly topology: Topology;
  private readonly engine: Engine;
  private readonly rec: Recorder;
  private readonly world: World;
  private readonly nodes = new Map<NodeName, SimNode>();
  private readonly hosts = new Map<NodeName, Host>();
  private readonly links = new Map<LinkName, Link>();
  private readonly socketsById = new Map<SocketId, SimSocket>();
  private readonly seed: number;
  private readonly encoder = new TextEncoder();

  constructor(topology: Topology, opts: NetworkOptions) {
    this.topology = topology;
    this.seed = opts.seed;
    this.engine = createEngine({ maxEvents: opts.maxEvents });
    const engine = this.engine;
    this.rec = new Recorder({ level: opts.trace ?? 'full', retain: opts.retain, onFrame: opts.onFrame, onStep: opts.onStep }, () => engine.now);
    this.world = { engine, rec: this.rec, rng: createRng(opts.seed), summarizer: createSummarizer() };
    // A profile brings its own defaults (api.ts profileDefaults); what the lesson set wins.
    const tcp: TcpConfig = tcpConfigWith(opts.tcp);
    const ports = new Map<string, Port>();
    for (const h of topology.hosts) {
      const host = new Host(this.world, h, { ...tcp, ...opts.hostTcp?.[h.name] }, opts.tcpImpl ?? TCP, opts.isn?.[h.name] ?? null);
      this.nodes.set(h.name, host);
      this.hosts.set(h.name, host);
      ports.set(host.port.name, host.port);
      if (h.dns) startDnsServer(host, h.dns.records);
    }
    for (const s of topology.switches) {
      const sw = new Switch(this.world, s.name);
      this.nodes.set(s.name, sw);
      for (const p of topology.switchPorts.get(s.name) ?? []) ports.set(p, sw.addPort(p));
    }
    for (const r of topology.routers) {
      const router = new Router(this.world, r);
      this.nodes.set(r.name, router);
      for (const p of router.ports) ports.set(p.port.name, p.port);
    }
    for (const l of topology.links) {
      this.links.set(l.name, new Link(this.world, l, ports.get(l.a.iface)!, ports.get(l.b.iface)!));
    }
  }

  get now(): Micros {
    return this.engine.now;
  }

  private host(name: NodeName): Host {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no host named "${name}"`);
    return h;
  }

  private sock(id: SocketId): SimSocket {
    const s = this.socketsById.get(id) ?? this.findSocket(id);
    if (!s) throw new Error(`no socket "${id}"`);
    return s;
  }

  private findSocket(id: SocketId): SimSocket | undefined {
    for (const h of this.hosts.values()) {
      const s = h.sockets.get(id);
      if (s) {
        this.socketsById.set(id, s);
        return s;
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------
  // TCP

  /** Opens a listening socket; each connection it accepts runs `app` (or waits for `read`). */
  listen(host: NodeName, port: number, app?: ServerAppSpec | TcpAppFactory): void {
    let factory: TcpAppFactory | null = null;
    if (typeof app === 'function') factory = app;
    else if (app?.kind === 'http') factory = httpServerApp(app.bodyLength, app);
    else if (app?.kind === 'sink') factory = sinkApp(app);
    this.host(host).listen(port, factory);
  }

  /** Closes a listening port (CLOSE or ABORT in LISTEN): SYNs to it are refused from now on. */
  unlisten(host: NodeName, port: number): void {
    this.host(host).unlisten(port);
  }

  /** The next connection accepted on a listening port, or null: accept(2). */
  accept(host: NodeName, port: number): SocketId | null {
    return this.host(host).accept(port);
  }

  /** Active open: a SYN leaves now (after ARP if needed), from `fromPort` or an ephemeral port. */
  connect(host: NodeName, ip: Ipv4Addr, port: number, opts: { readonly fromPort?: number } = {}): SocketId {
    return this.host(host).connect({ ip, port }, null, opts.fromPort).id;
  }

  /** What holds a host's local TCP port (a listener, or a socket not yet CLOSED), or null. */
  portHolder(host: NodeName, port: number): ReturnType<Host['portHolder']> {
    return this.host(host).portHolder(port);
  }

  send(socket: SocketId, data: Uint8Array | string): void {
    this.sock(socket).write(typeof data === 'string' ? this.encoder.encode(data) : data);
  }

  read(socket: SocketId, max?: number): Uint8Array {
    return this.sock(socket).read(max);
  }

  close(socket: SocketId): void {
    this.sock(socket).close();
  }

  abort(socket: SocketId): void {
    this.sock(socket).abort();
  }

  /** The largest IP packet a host's NIC and its link carry. */
  mtuOf(host: NodeName): number {
    return this.host(host).port.mtu;
  }

  /** Puts a crafted TCP segment on the wire from `host` (see Host.injectTcp). False without a route. */
  inject(host: NodeName, dst: Ipv4Addr, segment: TcpSegment): boolean {
    return this.host(host).injectTcp(dst, segment);
  }

  socket(id: SocketId): SocketSnapshot | null {
    const s = this.socketsById.get(id) ?? this.findSocket(id);
    return s ? s.snapshot() : null;
  }

  // ---------------------------------------------------------------------------------------
  // Applications

  serveHttp(host: NodeName, port: number, bodyLength: number, opts: HttpServerOptions = {}): void {
    this.host(host).listen(port, httpServerApp(bodyLength, opts));
  }

  httpGet(host: NodeName, url: string, opts: HttpGetOptions = {}): HttpGet {
    return startHttpGet(this.host(host), url, opts);
  }

  /** Sends `length` bytes to a listener (a `sink` reads them) and closes. */
  sendBulk(host: NodeName, ip: Ipv4Addr, port: number, length: number): BulkTransfer {
    const progress: BulkProgress = { bytes: 0, finished: false };
    const sock = this.host(host).connect({ ip, port }, bulkSenderApp(length, progress));
    return { socket: sock.id, progress };
  }

  dnsLookup(host: NodeName, name: string): DnsLookup {
    return startDnsLookup(this.host(host), name);
  }

  /** Sends an ARP request for `ip` now, unless the answer is already cached. */
  arp(host: NodeName, ip: Ipv4Addr): void {
    this.host(host).arp.request(ip);
  }

  /** ICMP echo requests, `count` of them (default 1), a second apart. */
  ping(host: NodeName, ip: Ipv4Addr, opts: PingOptions = {}): Ping {
    const h = this.host(host);
    const count = opts.count ?? 1;
    const interval = Math.round((opts.intervalMs ?? 1000) * MS);
    const size = opts.size ?? 56;
    const packet = 20 + icmp.HEADER_LEN + size;
    if (packet > h.port.mtu) throw new Error(`a ${packet}-byte ping does not fit ${h.name}'s MTU of ${h.port.mtu}; fragmentation is not simulated`);
    const identifier = h.stream('ping').int(1, 0xffff);
    const sentAt = new Map<number, Micros>();
    const result: { target: Ipv4Addr; sent: number; replies: PingReply[]; errors: string[] } = { target: ip, sent: 0, replies: [], errors: [] };
    const data = new Uint8Array(size).map((_, i) => (0x10 + i) & 0xff);
    h.icmpHandlers.set(identifier, {
      receive: (m, from) => {
        if (m.type === icmp.TYPE_ECHO_REPLY) {
          const t0 = sentAt.get(m.sequence);
          if (t0 !== undefined) result.replies.push({ sequence: m.sequence, from, rtt: this.engine.now - t0 });
        } else if (m.type === icmp.TYPE_TIME_EXCEEDED) result.errors.push(`time exceeded from ${from}`);
        else if (m.type === icmp.TYPE_DEST_UNREACHABLE) result.errors.push(`destination unreachable from ${from}`);
      },
    });
    const sendOne = (sequence: number) => {
      sentAt.set(sequence, this.engine.now);
      result.sent++;
      h.sendIcmp(ip, { type: icmp.TYPE_ECHO_REQUEST, code: 0, identifier, sequence, payload: data }, opts.ttl);
      if (sequence < count) this.engine.after(interval, () => sendOne(sequence + 1));
    };
    if (count > 0) sendOne(1);
    return result;
  }

  // ---------------------------------------------------------------------------------------
  // The wire and time

  impair(link: LinkName, impairment: Impairment): void {
    const l = this.links.get(link);
    if (!l) throw new Error(`no link named "${link}" (links: ${[...this.links.keys()].join(', ')})`);
    const problem = checkImpairment(impairment);
    if (problem) throw new Error(`impairment on ${link}: ${problem}`);
    l.impair(impairment);
  }

  /** Lets `ms` of virtual time pass. */
  wait(ms: number): RunResult {
    return this.engine.run({ until: this.engine.now + Math.round(ms * MS) });
  }

  /**
   * A lesson's wait: lets `ms` pass, then records the quiet stretch at its end as an `idle`
   * step, so that a learner sees the time go by (an hour of silence is a stop of its own).
   */
  passTime(ms: number): RunResult {
    const start = this.engine.now;
    const r = this.wait(ms);
    const last = this.rec.lastStepTime;
    const since = last === null || last < start ? start : last;
    if (r.ok && this.engine.now > since) this.rec.step({ t: this.engine.now, kind: 'idle', since });
    return r;
  }

  /**
   * Runs until nothing is left to happen but TIME_WAIT timers, or, given `withinMs`, until
   * that much virtual time has passed with events still to come.
   */
  settle(opts: { readonly withinMs?: number } = {}): RunResult {
    const until = opts.withinMs === undefined ? undefined : this.engine.now + Math.round(opts.withinMs * MS);
    return this.engine.settle({ until });
  }

  /** Steps recorded so far, without copying the trace. */
  get stepCount(): number {
    return this.rec.stepCount;
  }

  trace(): Trace {
    return this.rec.trace(this.seed);
  }
}

/** Builds a network from a topology (a built-in's name, or a spec); throws TopologyInvalid. */
export function createNetwork(topology: TopologySpec | BuiltinTopologyName, opts: NetworkOptions): Network {
  const spec = typeof topology === 'string' ? builtinTopology(topology) : topology;
  const v = validateTopology(spec);
  if (!v.ok) throw new TopologyInvalid(v.errors);
  return new Network(v.value, opts);
}

export type { AppSocket };
