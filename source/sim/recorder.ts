import type { Ipv4Addr, MacAddr } from '../wire/address.js';
import type { Endpoint } from './tcp/api.js';
import type { Micros } from './time.js';
import type {
  FrameId, FrameRecord, InterfaceName, NodeName, Snapshot, SocketId, SocketSnapshot, Step, StepKind, Trace,
} from './trace.js';

/**
 * Collects the trace while the simulation runs: steps in causal order, a snapshot per
 * step (shared while nothing changes), every frame, every socket.
 */

/** `full`: every step. `frames`: frames and state changes only, for big transfers. */
export type TraceLevel = 'full' | 'frames';

/** The kinds kept at level `frames`. */
const FRAMES_LEVEL: ReadonlySet<StepKind> = new Set<StepKind>([
  'transmit', 'link-fate', 'arrive', 'drop', 'router-drop', 'switch-learn', 'arp-learn',
  'tcp-state', 'tcp-retransmit', 'tcp-reset', 'dns-query', 'dns-answer',
]);

export interface RecorderOptions {
  readonly level: TraceLevel;
  /** Keep steps, snapshots and frames in memory for `trace()` (default true). */
  readonly retain?: boolean;
  /** Called with each frame as it is put on a link. */
  readonly onFrame?: (frame: FrameRecord) => void;
  /** Called with each recorded step and the snapshot after it. */
  readonly onStep?: (step: Step, snapshot: Snapshot) => void;
}

/** Anything that can report a socket's numbers for a snapshot. */
export interface SocketSource {
  readonly id: SocketId;
  snapshot(): SocketSnapshot;
}

export interface SocketInfo {
  readonly id: SocketId;
  readonly host: NodeName;
  readonly local: Endpoint;
  readonly remote: Endpoint;
}

export class Recorder {
  readonly full: boolean;
  private readonly retain: boolean;
  /** Whether anyone reads steps: if not, callers on hot paths need not even make them. */
  readonly active: boolean;
  readonly hasFrameSink: boolean;
  private readonly steps: Step[] = [];
  private readonly snapshots: Snapshot[] = [];
  private readonly frames: FrameRecord[] = [];
  private readonly sockets: SocketInfo[] = [];
  private nextFrame = 0;
  private lastT: Micros | null = null;

  private snap: Snapshot;
  private stale = false;
  private readonly dirtySockets = new Set<SocketSource>();
  private socketTable: Record<SocketId, SocketSnapshot> = {};
  private arpTables: Record<NodeName, Record<Ipv4Addr, MacAddr>> = {};
  private macTables: Record<NodeName, Record<MacAddr, InterfaceName>> = {};
  private listening: Record<NodeName, readonly number[]> = {};

  constructor(private readonly opts: RecorderOptions, private readonly clock: () => Micros) {
    this.full = opts.level === 'full';
    this.retain = opts.retain ?? true;
    this.active = this.retain || opts.onStep !== undefined;
    this.hasFrameSink = opts.onFrame !== undefined;
    this.snap = { t: 0, sockets: this.socketTable, arp: this.arpTables, macTables: this.macTables, listening: this.listening };
  }

  /** Whether a step of this kind is recorded at the current level. */
  wants(kind: StepKind): boolean {
    return this.full || FRAMES_LEVEL.has(kind);
  }

  step(s: Step): void {
    if (!this.active || (!this.full && !FRAMES_LEVEL.has(s.kind))) return;
    this.lastT = s.t;
    const snap = this.snapshot();
    if (this.retain) {
      this.steps.push(s);
      this.snapshots.push(snap);
    }
    this.opts.onStep?.(s, snap);
  }

  /** The world as it is now; a new object only if something changed since the last one. */
  snapshot(): Snapshot {
    if (this.dirtySockets.size > 0) {
      const table = { ...this.socketTable };
      for (const s of this.dirtySockets) table[s.id] = s.snapshot();
      this.dirtySockets.clear();
      this.socketTable = table;
      this.stale = true;
    }
    if (this.stale) {
      this.snap = { t: this.clock(), sockets: this.socketTable, arp: this.arpTables, macTables: this.macTables, listening: this.listening };
      this.stale = false;
    }
    return this.snap;
  }

  allocFrameId(): FrameId {
    return this.nextFrame++;
  }

  addFrame(f: FrameRecord): void {
    if (this.retain) this.frames[f.id] = f;
    this.opts.onFrame?.(f);
  }

  frame(id: FrameId): FrameRecord | undefined {
    return this.frames[id];
  }

  /** A host opened `port` passively: from now on it is in LISTEN there. */
  listen(host: NodeName, port: number): void {
    this.listening = { ...this.listening, [host]: [...(this.listening[host] ?? []), port] };
    this.stale = true;
  }

  /** A host closed its passive OPEN on `port` (RFC 9293 §3.10.4 CLOSE in LISTEN). */
  unlisten(host: NodeName, port: number): void {
    this.listening = { ...this.listening, [host]: (this.listening[host] ?? []).filter((p) => p !== port) };
    this.stale = true;
  }

  addSocket(info: SocketInfo, source: SocketSource): void {
    this.sockets.push(info);
    this.dirtySockets.add(source);
  }

  touchSocket(source: SocketSource): void {
    if (this.active) this.dirtySockets.add(source);
  }

  setArp(node: NodeName, ip: Ipv4Addr, mac: MacAddr): void {
    this.arpTables = { ...this.arpTables, [node]: { ...this.arpTables[node], [ip]: mac } };
    this.stale = true;
  }

  setMac(node: NodeName, mac: MacAddr, port: InterfaceName): void {
    this.macTables = { ...this.macTables, [node]: { ...this.macTables[node], [mac]: port } };
    this.stale = true;
  }

  deleteMac(node: NodeName, mac: MacAddr): void {
    const { [mac]: _gone, ...rest } = this.macTables[node] ?? {};
    this.macTables = { ...this.macTables, [node]: rest };
    this.stale = true;
  }

  /** Makes sure a node has a (possibly empty) table, so views can list it. */
  declareTables(node: NodeName, kind: 'arp' | 'mac'): void {
    if (kind === 'arp') this.arpTables = { ...this.arpTables, [node]: {} };
    else this.macTables = { ...this.macTables, [node]: {} };
    this.stale = true;
  }

  /** Steps recorded so far: where the next step will stand in the trace. */
  /** The time of the last step recorded, or null before the first. */
  get lastStepTime(): Micros | null {
    return this.lastT;
  }

    get stepCount(): number {
    return this.steps.length;
  }

  trace(seed: number): Trace {
    // Every allocated id gets its record, so the array has no holes. Records become plain
    // objects here (one-liners made lazily are made now).
    return {
      seed,
      steps: this.steps.slice(),
      snapshots: this.snapshots.slice(),
      frames: this.frames.map(plainFrame),
      sockets: this.sockets.slice(),
    };
  }
}

/** The same record as a plain object (what `trace()` hands out: it survives structuredClone). */
export function plainFrame(f: FrameRecord): FrameRecord {
  const { id, t, link, from, to, bytes, summary, parent } = f;
  return { id, t, link, from, to, bytes, summary, parent };
}
