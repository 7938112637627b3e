import { MS, type Micros } from '../time.js';
import type { AppSocket, TcpApp, TcpAppFactory } from './app.js';

const CHUNK = 64 * 1024;
const PATTERN = 'tcp-tutor bulk data 0123456789 abcdefghijklmnopqrstuvwxyz\n';

/** One chunk of readable filler, shared by every write (the queue only keeps views of it). */
const FILLER = (() => {
  const b = new Uint8Array(CHUNK);
  for (let i = 0; i < CHUNK; i++) b[i] = PATTERN.charCodeAt(i % PATTERN.length);
  return b;
})();

export interface BulkProgress {
  /** Bytes handed to TCP so far (sender) or read by the app (receiver). */
  bytes: number;
  /** The sender closed after its last byte, or the receiver saw the peer's FIN. */
  finished: boolean;
}

/** Writes `length` bytes as fast as TCP takes them, then closes. */
export function bulkSenderApp(length: number, progress: BulkProgress = { bytes: 0, finished: false }): TcpApp {
  let written = 0;
  return {
    protocol: 'data',
    onWritable(s: AppSocket) {
      if (written >= length) return;
      const n = Math.min(CHUNK - (written % CHUNK), length - written);
      const start = written % CHUNK;
      written += n;
      progress.bytes = written;
      s.write(FILLER.subarray(start, start + n));
      if (written >= length) {
        progress.finished = true;
        s.close();
      }
    },
    onPeerClosed(s: AppSocket) {
      s.close();
    },
  };
}

export interface SinkOptions {
  /** Bytes per second the app reads; absent: it reads everything as soon as it arrives. */
  readonly readRate?: number;
  /** How often a rate-limited reader wakes up (default 100 ms). */
  readonly intervalMs?: number;
}

/**
 * A receiver that discards what it reads. With a read rate it falls behind a fast sender,
 * its receive buffer fills and the window it advertises shrinks to zero: flow control.
 */
export function sinkApp(opts: SinkOptions = {}, progress: BulkProgress = { bytes: 0, finished: false }): TcpAppFactory {
  const interval: Micros = Math.max(1, Math.round((opts.intervalMs ?? 100) * MS));
  return () => {
    let ticking = false;
    const finishIfDone = (s: AppSocket) => {
      if (s.peerClosed && s.readable === 0 && !progress.finished) {
        progress.finished = true;
        s.close();
      }
    };
    const tick = (s: AppSocket) => {
      const budget = Math.max(1, Math.floor(((opts.readRate ?? 0) * interval) / 1_000_000));
      progress.bytes += s.read(budget).length;
      if (s.readable > 0) s.later(interval, () => tick(s));
      else ticking = false;
      finishIfDone(s);
    };
    return {
      protocol: 'data',
      onData(s: AppSocket) {
        if (opts.readRate === undefined) {
          progress.bytes += s.read().length;
          return;
        }
        if (!ticking) {
          ticking = true;
          s.later(interval, () => tick(s));
        }
      },
      onPeerClosed(s: AppSocket) {
        finishIfDone(s);
      },
    };
  };
}
