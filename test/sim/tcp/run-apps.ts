// The property test's world: an application on each end of the scripted wire that writes
// its chunks as TCP accepts them, reads in a fixed rhythm, and closes when it is done, with
// invariants checked on every segment and after every step.
import type { TcpConfig, TcpConnection } from '../../../source/sim/tcp/api.js';
import { seqAdd, seqGt, seqLe, seqLt, type Seq } from '../../../source/wire/seq.js';
import { Net, bytes, type Fate, type Side } from './harness.js';

export interface Run {
  /** The fate of the first segments on the wire, in order; later ones are delivered. */
  readonly faults: readonly Fate[];
  readonly client: Partial<TcpConfig>;
  readonly server: Partial<TcpConfig>;
  readonly clientIss: Seq;
  readonly serverIss: Seq;
  readonly clientWrites: readonly number[];
  readonly serverWrites: readonly number[];
  /** How much each application reads at each of its turns, in turn; 0 skips a turn. */
  readonly reads: readonly number[];
  /** The server closes as soon as its writes are taken, without waiting for the client's FIN. */
  readonly serverClosesEarly: boolean;
}

export interface Outcome {
  readonly net: Net;
  readonly sent: Record<Side, Uint8Array>;
  readonly received: Record<Side, Uint8Array>;
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Where two byte strings first differ (vitest's deep equality is slow on long typed arrays). */
export function firstDifference(got: Uint8Array, want: Uint8Array): string | null {
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) if (got[i] !== want[i]) return `byte ${i}: got ${got[i]}, want ${want[i]}`;
  return got.length === want.length ? null : `got ${got.length} bytes, want ${want.length}`;
}

class App {
  private readonly pending: Uint8Array[];
  readonly received: Uint8Array[] = [];
  private turn = 0;
  private closed = false;

  constructor(
    private readonly conn: TcpConnection,
    writes: readonly Uint8Array[],
    private readonly reads: readonly number[],
    private readonly closeEarly: boolean,
  ) {
    this.pending = [...writes];
  }

  act(now: number, drain = false): void {
    while (this.pending.length > 0) {
      const head = this.pending[0]!;
      const taken = this.conn.send(head, now);
      if (taken === head.length) this.pending.shift();
      else {
        this.pending[0] = head.subarray(taken);
        break;
      }
    }
    const want = drain ? Number.MAX_SAFE_INTEGER : this.reads[this.turn++ % this.reads.length]!;
    if (want > 0) {
      const got = this.conn.receive(want, now);
      if (got.length > 0) this.received.push(got);
    }
    // close() before the connection is made would abandon it (RFC 9293 §3.10.4), so wait.
    const open = this.conn.state === 'ESTABLISHED' || this.conn.state === 'CLOSE_WAIT';
    if (!this.closed && open && this.pending.length === 0 && (this.closeEarly || this.conn.peerClosed)) {
      this.closed = true;
      this.conn.close(now);
    }
  }
}

/** Wire-level facts that hold for every segment a correct TCP sends. */
function watchSegments(net: Net): void {
  const lastAck: Record<Side, Seq | null> = { client: null, server: null };
  net.onSend.push(({ from, seg }) => {
    const receiver = (from === 'client' ? net.server : net.client)?.snapshot();
    if (!receiver || receiver.rcvNxt === null || seg.flags.rst) return;
    // Data never goes past the receiver's window; its right edge never moves left, so
    // checking against where it is now is enough. A window probe carries one byte past it.
    const edge = seqAdd(receiver.rcvNxt, receiver.rcvWnd);
    const end = seqAdd(seg.seq, seg.payload.length);
    const probe = seg.payload.length === 1 && seg.seq === edge;
    if (seg.payload.length > 0 && seqGt(end, edge) && !probe) {
      throw new Error(`${from} sent data up to ${end}, past the window's edge ${edge}`);
    }
    // RCV.NXT never moves back, so neither does the ACK a side sends.
    const previous = lastAck[from];
    if (seg.ack !== null && previous !== null && seqLt(seg.ack, previous)) throw new Error(`${from} acked ${seg.ack} after ${previous}`);
    if (seg.ack !== null) lastAck[from] = seg.ack;
  });
  for (const side of ['client', 'server'] as const) {
    net.invariants.push(() => {
      const s = (side === 'client' ? net.client : net.srv).snapshot();
      if (!seqLe(s.sndUna, s.sndNxt)) throw new Error(`${side}: SND.UNA ${s.sndUna} is past SND.NXT ${s.sndNxt}`);
    });
  }
}

/** `watch`, if given, adds its own checks to the net before anything is sent. */
export function simulate(p: Run, watch?: (net: Net) => void): Outcome {
  const net = new Net({ client: p.client, server: p.server, clientIss: p.clientIss, serverIss: p.serverIss });
  net.fate = ({ n }) => p.faults[n - 1] ?? 'deliver';
  watchSegments(net);
  watch?.(net);
  const clientWrites = p.clientWrites.map((n, i) => bytes(n, i));
  const serverWrites = p.serverWrites.map((n, i) => bytes(n, 100 + i));
  const client = new App(net.client, clientWrites, p.reads, true);
  const server = new App(net.srv, serverWrites, p.reads, p.serverClosesEarly);
  net.app = () => {
    client.act(net.now);
    server.act(net.now);
  };

  net.client.connect(net.now);
  net.app();
  net.pump();
  // Run to quiet, then let both applications read whatever is left, until nothing changes.
  for (let round = 0; round < 50; round++) {
    net.run();
    const before = net.sent.length;
    client.act(net.now, true);
    server.act(net.now, true);
    net.pump();
    if (net.sent.length === before && net.nextEventTime() === null) break;
  }
  return {
    net,
    sent: { client: concat(clientWrites), server: concat(serverWrites) },
    received: { client: concat(client.received), server: concat(server.received) },
  };
}
