import type { Micros } from './time.js';

/**
 * A discrete-event scheduler: a binary heap of events ordered by (time, insertion order)
 * and a virtual clock. Nothing here reads a real clock; time moves only when an event runs
 * or `run({ until })` says so.
 */

/**
 * `lingering` events (a TIME_WAIT timer) may sit in the queue for a long time without
 * anything else happening; `settle()` does not wait for them.
 */
export type EventKind = 'normal' | 'lingering';

export interface EventHandle {
  readonly at: Micros;
  readonly kind: EventKind;
  readonly cancelled: boolean;
  cancel(): void;
}

export interface EngineError {
  readonly kind: 'event-limit';
  readonly message: string;
  readonly now: Micros;
  readonly events: number;
}

export type RunResult =
  | { readonly ok: true; readonly now: Micros; readonly events: number }
  | { readonly ok: false; readonly error: EngineError };

export interface RunOptions {
  /** Run every event due at or before this time, then set the clock to it. */
  readonly until: Micros;
  /** Stop with an error after this many events (default: the engine's limit). */
  readonly maxEvents?: number;
}

export interface SettleOptions {
  readonly maxEvents?: number;
  /**
   * Stop once the next event is later than this, even if events remain: a persist timer
   * probing a window that never opens would otherwise keep a step from ever ending.
   */
  readonly until?: Micros;
}

export interface Engine {
  readonly now: Micros;
  /** Events run so far. */
  readonly processed: number;
  /** Normal (not lingering) events still queued and not cancelled. */
  readonly pending: number;
  schedule(at: Micros, fn: () => void, kind?: EventKind): EventHandle;
  after(delay: Micros, fn: () => void, kind?: EventKind): EventHandle;
  run(opts: RunOptions): RunResult;
  /** Run until only lingering events (or none) are left. */
  settle(opts?: SettleOptions): RunResult;
}

/** Enough for a 100 MB transfer with loss; a runaway loop stops here instead of hanging. */
export const DEFAULT_MAX_EVENTS = 20_000_000;

class Event implements EventHandle {
  cancelled = false;
  constructor(
    readonly at: Micros,
    readonly order: number,
    readonly fn: () => void,
    readonly kind: EventKind,
    private readonly engine: EngineImpl,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.engine.onCancel(this);
  }
}

function before(x: Event, y: Event): boolean {
  return x.at < y.at || (x.at === y.at && x.order < y.order);
}

class EngineImpl implements Engine {
  now: Micros = 0;
  processed = 0;
  pending = 0;
  private readonly heap: Event[] = [];
  private order = 0;

  constructor(private readonly maxEvents: number) {}

  schedule(at: Micros, fn: () => void, kind: EventKind = 'normal'): EventHandle {
    if (!Number.isFinite(at)) throw new RangeError(`event time ${at} is not finite`);
    const e = new Event(Math.max(at, this.now), this.order++, fn, kind, this);
    if (kind === 'normal') this.pending++;
    this.push(e);
    return e;
  }

  after(delay: Micros, fn: () => void, kind: EventKind = 'normal'): EventHandle {
    return this.schedule(this.now + delay, fn, kind);
  }

  onCancel(e: Event): void {
    if (e.kind === 'normal') this.pending--;
  }

  run(opts: RunOptions): RunResult {
    const limit = opts.maxEvents ?? this.maxEvents;
    let ran = 0;
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > opts.until) break;
      if (ran >= limit) return this.limitError(limit);
      this.runOne(this.pop());
      ran++;
    }
    this.now = Math.max(this.now, opts.until);
    return { ok: true, now: this.now, events: ran };
  }

  settle(opts: SettleOptions = {}): RunResult {
    const limit = opts.maxEvents ?? this.maxEvents;
    let ran = 0;
    while (this.pending > 0) {
      if (opts.until !== undefined && this.heap[0]!.at > opts.until) break;
      if (ran >= limit) return this.limitError(limit);
      this.runOne(this.pop());
      ran++;
    }
    return { ok: true, now: this.now, events: ran };
  }

  private limitError(limit: number): RunResult {
    return {
      ok: false,
      error: {
        kind: 'event-limit',
        message: `stopped after ${limit} events at t=${this.now} µs: the simulation did not settle`,
        now: this.now,
        events: limit,
      },
    };
  }

  private runOne(e: Event): void {
    if (e.cancelled) return;
    if (e.kind === 'normal') this.pending--;
    // Mark it spent, so that a late cancel() does not count it twice.
    e.cancelled = true;
    this.now = e.at;
    this.processed++;
    e.fn();
  }

  private push(e: Event): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (!before(e, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = e;
  }

  private pop(): Event {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

export function createEngine(opts: { maxEvents?: number } = {}): Engine {
  return new EngineImpl(opts.maxEvents ?? DEFAULT_MAX_EVENTS);
}
