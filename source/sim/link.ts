import { isRule, lazyFacts, RuleState, type ImpairAction, type ImpairChance, type Impairment } from './impair.js';
import { plainFrame } from './recorder.js';
import type { Rng } from './rng.js';
import type { EventHandle } from './engine.js';
import type { ResolvedLink } from './topology.js';
import { MS, type Micros } from './time.js';
import type { FrameId, FrameRecord, LinkName, Step } from './trace.js';
import type { Port, World } from './world.js';

/** A reordered frame waits at most this long for a later frame to overtake it. */
const REORDER_HOLD_MAX: Micros = 100 * MS;
const ETH_HEADER = 14;
const FCS = 4;

type Fate = Extract<Step, { kind: 'link-fate' }>['fate'];

interface Held {
  readonly deliver: (at: Micros) => void;
  readonly timer: EventHandle;
}

/** One direction of a cable: frames leave one after another at the link's bandwidth. */
interface Direction {
  busyUntil: Micros;
  held: Held | null;
}

/**
 * A full-duplex cable between two ports: propagation delay, optional bandwidth (frames
 * queue behind each other), an MTU, and impairments.
 */
export class Link {
  readonly name: LinkName;
  readonly mtu: number;
  private readonly delay: Micros;
  private readonly bitsPerSecond: number | null;
  private readonly dirs: [Direction, Direction] = [{ busyUntil: 0, held: null }, { busyUntil: 0, held: null }];
  private readonly rules: RuleState[] = [];
  private chance: Required<ImpairChance> = { loss: 0, duplicate: 0, reorder: 0, corrupt: 0 };
  private readonly rng: Rng;

  constructor(private readonly world: World, spec: ResolvedLink, readonly a: Port, readonly b: Port) {
    this.name = spec.name;
    this.mtu = spec.mtu;
    this.delay = Math.round(spec.delayMs * MS);
    this.bitsPerSecond = spec.bandwidth;
    this.rng = world.rng.fork(`link:${spec.name}`);
    a.link = this;
    b.link = this;
  }

  impair(i: Impairment): void {
    if (isRule(i)) this.rules.push(new RuleState(i));
    else this.chance = { ...this.chance, ...i };
  }

  peer(p: Port): Port {
    return p === this.a ? this.b : this.a;
  }

  /**
   * Puts a frame on the wire. `summary` may be given for a frame sent on unchanged in
   * everything a one-liner shows (a switch's copy; a router's, whose TTL it does not show).
   */
  send(from: Port, bytes: Uint8Array, id: FrameId, parent: FrameId | null, summary?: FrameRecord): void {
    const { engine, rec } = this.world;
    const now = engine.now;
    const to = this.peer(from);
    const dir = this.dirs[from === this.a ? 0 : 1];
    const start = Math.max(now, dir.busyUntil);
    const serialization = this.bitsPerSecond === null ? 0 : Math.ceil((bytes.length * 8 * 1_000_000) / this.bitsPerSecond);
    dir.busyUntil = start + serialization;
    const record = this.world.rec.active || this.world.rec.hasFrameSink
      ? frameRecord(this.world, id, start, this.name, from.name, to.name, bytes, parent, summary)
      : { id, t: start, link: this.name, from: from.name, to: to.name, bytes, summary: '', parent } satisfies FrameRecord;
    this.world.summarizer.observe(id, bytes);
    rec.addFrame(record);
    if (rec.active) rec.step({ t: now, kind: 'transmit', frame: id });

    // Rules first, in the order they were given, then chance.
    const acts: { action: ImpairAction; why: 'rule' | 'chance' }[] = [];
    if (this.rules.length > 0) {
      const facts = lazyFacts(bytes);
      for (const r of this.rules) if (r.apply(from.node.name, facts)) acts.push({ action: r.rule.action, why: 'rule' });
    }
    const c = this.chance;
    if (c.loss > 0 && this.rng.chance(c.loss)) acts.push({ action: 'drop', why: 'chance' });
    if (c.corrupt > 0 && this.rng.chance(c.corrupt)) acts.push({ action: 'corrupt', why: 'chance' });
    if (c.duplicate > 0 && this.rng.chance(c.duplicate)) acts.push({ action: 'duplicate', why: 'chance' });
    if (c.reorder > 0 && this.rng.chance(c.reorder)) acts.push({ action: 'reorder', why: 'chance' });

    let arrival = start + serialization + this.delay;
    const fate = (f: Fate, why: 'rule' | 'chance') => rec.step({ t: now, kind: 'link-fate', frame: id, link: this.name, fate: f, why });
    const drop = acts.find((x) => x.action === 'drop');
    if (drop) {
      fate('dropped', drop.why);
      return;
    }
    let delivered: FrameRecord = record;
    let corrupted = false;
    let duplicate = false;
    let reorder = false;
    for (const { action, why } of acts) {
      if (typeof action === 'object') {
        arrival += Math.round(action.delayMs * MS);
        fate('delayed', why);
      } else if (action === 'corrupt' && !corrupted) {
        fate('corrupted', why);
        corrupted = true;
        delivered = this.corruptCopy(record, bytes);
      } else if (action === 'duplicate' && !duplicate) {
        fate('duplicated', why);
        duplicate = true;
      } else if (action === 'reorder' && !reorder) {
        fate('reordered', why);
        reorder = true;
      }
    }

    if (acts.length === 0 && !dir.held) {
      engine.schedule(arrival, () => this.deliver(to, record, false));
      return;
    }
    const deliverAll = (at: Micros) => {
      engine.schedule(at, () => this.deliver(to, delivered, corrupted));
      if (duplicate) {
        const copy = frameRecord(this.world, rec.allocFrameId(), record.t, record.link, record.from, record.to, record.bytes, id, record);
        rec.addFrame(copy);
        engine.schedule(at, () => this.deliver(to, copy, false));
      }
    };

    if (reorder && !dir.held) {
      const timer = engine.schedule(arrival + REORDER_HOLD_MAX, () => {
        dir.held = null;
        deliverAll(engine.now);
      });
      dir.held = { deliver: deliverAll, timer };
      return;
    }
    deliverAll(arrival);
    // A held frame is let go right behind the first frame that overtakes it.
    const held = dir.held;
    if (held) {
      dir.held = null;
      held.timer.cancel();
      held.deliver(arrival);
    }
  }

  /** A copy with one bit flipped between the header and the FCS, so the FCS no longer matches. */
  private corruptCopy(record: FrameRecord, bytes: Uint8Array): FrameRecord {
    const { rec } = this.world;
    const copy = bytes.slice();
    const at = this.rng.int(ETH_HEADER, Math.max(ETH_HEADER, copy.length - FCS - 1));
    copy[at] = copy[at]! ^ (1 << this.rng.int(0, 7));
    const c = frameRecord(this.world, rec.allocFrameId(), record.t, record.link, record.from, record.to, copy, record.id, record);
    rec.addFrame(c);
    return c;
  }

  private deliver(to: Port, f: FrameRecord, corrupted: boolean): void {
    const { rec, engine } = this.world;
    if (rec.active) rec.step({ t: engine.now, kind: 'arrive', frame: f.id, node: to.node.name, iface: to.name });
    to.node.receive(to, { id: f.id, bytes: f.bytes, corrupted, record: f });
  }
}

/**
 * A frame record whose one-liner is made only when read: most frames of a big transfer
 * are never looked at. The summarizer has seen every frame in order, so a late summary is
 * the same as an early one.
 */
class Frame implements FrameRecord {
  readonly #world: World;
  #text: string | FrameRecord | undefined;
  constructor(
    world: World,
    readonly id: FrameId,
    readonly t: Micros,
    readonly link: LinkName,
    readonly from: string,
    readonly to: string,
    readonly bytes: Uint8Array,
    readonly parent: FrameId | null,
    summary: FrameRecord | undefined,
  ) {
    this.#world = world;
    this.#text = summary;
  }

  get summary(): string {
    if (typeof this.#text === 'string') return this.#text;
    this.#text = this.#text ? this.#text.summary : this.#world.summarizer.summarize(this.id, this.bytes);
    return this.#text;
  }

  toJSON(): FrameRecord {
    return plainFrame(this);
  }
}

function frameRecord(
  world: World, id: FrameId, t: Micros, link: LinkName, from: string, to: string, bytes: Uint8Array, parent: FrameId | null, summary?: FrameRecord,
): FrameRecord {
  return new Frame(world, id, t, link, from, to, bytes, parent, summary);
}
