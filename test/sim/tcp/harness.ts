// Two TCP connections back to back through a scripted wire. The test decides each
// segment's fate (deliver, drop, duplicate, delay), time is virtual, and timers fire only
// when the clock reaches them: no network, no real time, fully deterministic.
import { DEFAULT_TCP_CONFIG, type TcpConfig, type TcpConnection, type TcpEvent, type TcpState } from '../../../source/sim/tcp/api.js';
import { createConnection, resetForUnexpected } from '../../../source/sim/tcp/connection.js';
import { MS, type Micros } from '../../../source/sim/time.js';
import { seq, type Seq } from '../../../source/wire/seq.js';
import { NO_FLAGS, decode, encode, flagsString, type DecodedTcp, type TcpFlags, type TcpOption, type TcpSegment } from '../../../source/wire/tcp.js';

/** ISNs just below 2^32, so the first kilobytes of every test wrap the sequence space. */
export const CLIENT_ISS: Seq = seq(0xfffffff0);
export const SERVER_ISS: Seq = seq(0xffffff00);
/** One-way delay of the wire. */
export const ONE_WAY: Micros = 10 * MS;
export const CLIENT = { ip: '10.0.0.1', port: 50000 } as const;
export const SERVER = { ip: '10.0.0.2', port: 80 } as const;

export type Side = 'client' | 'server';
/** What the wire does with one segment; `delay` is added to the one-way delay. */
export type Fate = 'deliver' | 'drop' | 'duplicate' | { readonly delay: Micros };

export interface Sent {
  /** 1-based, in the order segments left either side. */
  readonly n: number;
  readonly t: Micros;
  readonly from: Side;
  readonly seg: TcpSegment;
  readonly fate: Fate;
}

interface InFlight {
  readonly at: Micros;
  readonly order: number;
  readonly to: Side;
  readonly seg: TcpSegment;
}

export interface NetOptions {
  readonly client?: Partial<TcpConfig>;
  readonly server?: Partial<TcpConfig>;
  /** `listen` (the default): a passive server; `active`: both ends connect (simultaneous open); `closed-port`: no server connection at all. */
  readonly serverMode?: 'listen' | 'active' | 'closed-port';
  readonly clientIss?: Seq;
  readonly serverIss?: Seq;
}

/** Sequence arithmetic for expected values, written out independently of the code under test. */
export function plus(base: number, n: number): number {
  return (((base + n) % 2 ** 32) + 2 ** 32) % 2 ** 32;
}

export class Net {
  now: Micros = 0;
  readonly client: TcpConnection;
  readonly server: TcpConnection | null;
  readonly events: Record<Side, TcpEvent[]> = { client: [], server: [] };
  readonly sent: Sent[] = [];
  /** Decides each segment's fate as it leaves; by default everything is delivered. */
  fate: (s: { readonly n: number; readonly from: Side; readonly seg: TcpSegment }) => Fate = () => 'deliver';
  /** The applications' turn: runs after every delivery or timer, before output is collected. */
  app: () => void = () => {};
  /** Checks run after every step. */
  readonly invariants: Array<() => void> = [];
  /** Checks run on every segment as it leaves. */
  readonly onSend: Array<(s: Sent) => void> = [];
  private inFlight: InFlight[] = [];
  private order = 0;

  constructor(opts: NetOptions = {}) {
    const mode = opts.serverMode ?? 'listen';
    this.client = createConnection({
      local: CLIENT, remote: SERVER, iss: opts.clientIss ?? CLIENT_ISS, passive: false,
      config: { ...DEFAULT_TCP_CONFIG, ...opts.client },
      onEvent: (e) => this.events.client.push(e),
    });
    this.server = mode === 'closed-port' ? null : createConnection({
      local: SERVER, remote: CLIENT, iss: opts.serverIss ?? SERVER_ISS, passive: mode === 'listen',
      config: { ...DEFAULT_TCP_CONFIG, ...opts.server },
      onEvent: (e) => this.events.server.push(e),
    });
  }

  get srv(): TcpConnection {
    if (!this.server) throw new Error('this net has no server connection');
    return this.server;
  }

  /** Collects every segment both sides have to send now and puts each on the wire. */
  pump(): void {
    for (let quiet = false; !quiet;) {
      quiet = true;
      for (const side of ['client', 'server'] as const) {
        const conn = side === 'client' ? this.client : this.server;
        for (let seg = conn?.pollSegment(this.now) ?? null; seg !== null; seg = conn?.pollSegment(this.now) ?? null) {
          this.transmit(side, seg);
          quiet = false;
        }
      }
    }
  }

  /** The time of the next arrival or timer, or null when nothing is pending. */
  nextEventTime(): Micros | null {
    let next: Micros | null = null;
    const consider = (t: Micros | null) => {
      if (t !== null && (next === null || t < next)) next = t;
    };
    for (const f of this.inFlight) consider(f.at);
    consider(this.client.nextDeadline());
    consider(this.server?.nextDeadline() ?? null);
    return next;
  }

  /**
   * Advances to the next event and handles it: arrivals due at that instant first (in the
   * order they were sent), else timers. Returns the arrival delivered, or null for a timer;
   * undefined when nothing was pending.
   */
  step(): InFlight | null | undefined {
    const t = this.nextEventTime();
    if (t === null) return undefined;
    this.now = Math.max(this.now, t);
    let due = -1;
    this.inFlight.forEach((f, i) => {
      const best = this.inFlight[due];
      if (f.at <= this.now && (!best || f.at < best.at || (f.at === best.at && f.order < best.order))) due = i;
    });
    const arrived = due >= 0 ? this.inFlight.splice(due, 1)[0]! : null;
    if (arrived) this.arrive(arrived);
    else {
      this.client.onDeadline(this.now);
      this.server?.onDeadline(this.now);
    }
    this.app();
    this.pump();
    for (const check of this.invariants) check();
    return arrived;
  }

  /** Delivers the next segment in flight (firing any timer due before it) and returns it. */
  deliverNext(): TcpSegment {
    for (;;) {
      const r = this.step();
      if (r === undefined) throw new Error('nothing in flight to deliver');
      if (r !== null) return r.seg;
    }
  }

  /** Runs until nothing is pending or the next event lies beyond `until`. */
  run(until: Micros = Number.POSITIVE_INFINITY, maxSteps = 100_000): void {
    for (let i = 0; i < maxSteps; i++) {
      const t = this.nextEventTime();
      if (t === null || t > until) return;
      this.step();
    }
    throw new Error(`no quiet after ${maxSteps} steps`);
  }

  /** Runs until no segment is in flight, leaving later timers (such as TIME_WAIT's) pending. */
  runUntilQuiet(maxSteps = 100_000): void {
    for (let i = 0; i < maxSteps; i++) {
      if (this.inFlight.length === 0) return;
      this.step();
    }
    throw new Error(`still busy after ${maxSteps} steps`);
  }

  /** The state of each end, as `client/server`. */
  states(): string {
    return `${this.client.state}/${this.server?.state ?? '-'}`;
  }

  /** The states one side passed through, in order. */
  stateTrail(side: Side): TcpState[] {
    return this.events[side].flatMap((e) => (e.kind === 'state' ? [e.to] : []));
  }

  eventsOf<K extends TcpEvent['kind']>(side: Side, kind: K): Extract<TcpEvent, { kind: K }>[] {
    return this.events[side].filter((e): e is Extract<TcpEvent, { kind: K }> => e.kind === kind);
  }

  /** The wire as tcpdump would print it, one line per segment sent, fate appended. */
  transcript(from = 1): string[] {
    return this.sent.filter((s) => s.n >= from).map(line);
  }

  private transmit(from: Side, produced: TcpSegment): void {
    const n = this.sent.length + 1;
    const seg = throughTheWire(from, produced);
    const fate = this.fate({ n, from, seg });
    const sent: Sent = { n, t: this.now, from, seg, fate };
    this.sent.push(sent);
    for (const check of this.onSend) check(sent);
    const to: Side = from === 'client' ? 'server' : 'client';
    const at = this.now + ONE_WAY;
    if (fate === 'drop') return;
    if (fate === 'deliver') this.inFlight.push({ at, order: this.order++, to, seg });
    else if (fate === 'duplicate') {
      this.inFlight.push({ at, order: this.order++, to, seg });
      this.inFlight.push({ at, order: this.order++, to, seg });
    } else this.inFlight.push({ at: at + fate.delay, order: this.order++, to, seg });
  }

  private arrive(f: InFlight): void {
    const conn = f.to === 'client' ? this.client : this.server;
    if (conn) {
      conn.segmentArrives(f.seg, this.now);
      return;
    }
    // No socket on the server's port: the host answers for the missing connection.
    const reply = resetForUnexpected(f.seg);
    if (reply) this.transmit('server', reply);
  }
}

/**
 * Encodes the segment to bytes and decodes it again, as it would cross a real network:
 * the encoder refuses any field out of range, and the receiver gets a DecodedTcp, as it
 * does from a host.
 */
function throughTheWire(from: Side, seg: TcpSegment): DecodedTcp {
  const pseudo = from === 'client' ? { src: CLIENT.ip, dst: SERVER.ip } : { src: SERVER.ip, dst: CLIENT.ip };
  const bytes = encode(seg, pseudo);
  const decoded = decode(bytes, 0, bytes.length, pseudo);
  if (!decoded.ok) throw new Error(`a segment does not decode: ${decoded.error.message}`);
  if (decoded.value.checksumOk !== true) throw new Error('a segment fails its checksum');
  return decoded.value;
}

function fateName(f: Fate): string {
  return typeof f === 'string' ? f : `delayed ${f.delay / MS} ms`;
}

function option(o: TcpOption): string {
  switch (o.kind) {
    case 'mss':
      return `mss ${o.value}`;
    case 'wscale':
      return `wscale ${o.shift}`;
    case 'sackPermitted':
      return 'sackOK';
    case 'timestamps':
      return `TS val ${o.tsval} ecr ${o.tsecr}`;
    case 'sack':
      return `sack ${o.blocks.length} ${o.blocks.map((b) => `{${b.left}:${b.right}}`).join('')}`;
    default:
      return o.kind;
  }
}

/** tcpdump's line for a segment, with absolute sequence numbers (tcpdump -S). */
export function describeSegment(seg: TcpSegment): string {
  const len = seg.payload.length;
  let s = `Flags [${flagsString(seg)}], seq ${seg.seq}`;
  if (len > 0) s += `:${plus(seg.seq, len)}`;
  if (seg.ack !== null) s += `, ack ${seg.ack}`;
  s += `, win ${seg.window}`;
  if (seg.options.length > 0) s += `, options [${seg.options.map(option).join(',')}]`;
  return `${s}, length ${len}`;
}

function line(s: Sent): string {
  const to = s.from === 'client' ? 'server' : 'client';
  const fate = s.fate === 'deliver' ? '' : ` (${fateName(s.fate)})`;
  return `${s.n} ${s.from} > ${to}: ${describeSegment(s.seg)}${fate}`;
}

/** A hand-made segment from `from`, for injecting what the other end would never send. */
export function segment(
  from: Side,
  p: { readonly seq: number; readonly ack?: number | null; readonly flags?: Partial<TcpFlags>; readonly window?: number; readonly payload?: Uint8Array; readonly options?: readonly TcpOption[] },
): TcpSegment {
  const [src, dst] = from === 'client' ? [CLIENT, SERVER] : [SERVER, CLIENT];
  return {
    srcPort: src.port,
    dstPort: dst.port,
    seq: seq(p.seq),
    ack: p.ack === undefined || p.ack === null ? null : seq(p.ack),
    flags: { ...NO_FLAGS, ...p.flags },
    window: p.window ?? 65535,
    urgentPointer: 0,
    options: p.options ?? [],
    payload: p.payload ?? new Uint8Array(0),
  };
}

/** `n` bytes of a recognisable pattern, different for each `salt`. */
export function bytes(n: number, salt = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + salt * 13 + (i >> 8)) & 0xff;
  return out;
}

/** Connects client to server and runs the handshake to the end. */
export function established(opts: NetOptions = {}): Net {
  const net = new Net(opts);
  net.client.connect(net.now);
  net.pump();
  net.runUntilQuiet();
  if (net.states() !== 'ESTABLISHED/ESTABLISHED') throw new Error(`handshake ended in ${net.states()}`);
  return net;
}
