// A connection's five timers. Time is never read here: callers pass the due time in, and
// every start and stop is reported so the trace can show it.
import type { Micros } from '../time.js';
import type { TcpEvent, TimerKind } from './api.js';

/** When two timers fall due at the same instant, they fire in this order. */
const FIRING_ORDER: readonly TimerKind[] = ['retransmission', 'persist', 'delayed-ack', 'keep-alive', 'time-wait'];

export class Timers {
  private readonly due = new Map<TimerKind, Micros>();

  constructor(private readonly emit: (e: TcpEvent) => void) {}

  running(timer: TimerKind): boolean {
    return this.due.has(timer);
  }

  /** Starts the timer, or restarts it if it was running. */
  start(timer: TimerKind, due: Micros): void {
    this.due.set(timer, due);
    this.emit({ kind: 'timer', timer, action: 'start', due });
  }

  stop(timer: TimerKind): void {
    if (!this.due.delete(timer)) return;
    this.emit({ kind: 'timer', timer, action: 'stop', due: null });
  }

  stopAll(): void {
    for (const timer of FIRING_ORDER) this.stop(timer);
  }

  /** Whether `timer` is the only one running. */
  onlyRunning(timer: TimerKind): boolean {
    return this.due.size === 1 && this.due.has(timer);
  }

  next(): Micros | null {
    let earliest: Micros | null = null;
    for (const t of this.due.values()) if (earliest === null || t < earliest) earliest = t;
    return earliest;
  }

  /** Removes and returns the first timer due at or before `now`, reporting that it fired. */
  takeExpired(now: Micros): TimerKind | null {
    let found: TimerKind | null = null;
    let foundDue = Infinity;
    for (const timer of FIRING_ORDER) {
      const due = this.due.get(timer);
      if (due !== undefined && due <= now && due < foundDue) {
        found = timer;
        foundDue = due;
      }
    }
    if (found === null) return null;
    this.due.delete(found);
    this.emit({ kind: 'timer', timer: found, action: 'fire', due: foundDue });
    return found;
  }
}
