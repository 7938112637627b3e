// RFC 9293 §3.10 ("Event Processing"), row by row: every user call, every arriving segment
// (in the order of the first to eighth checks) and every timeout, in every state the
// section names. Each scenario drives one connection through its sans-I/O API with
// segments made by hand and asserts what it sends (flags, seq, ack) and the state it is in
// afterwards. The expected values were worked out from the RFC's text and written down
// as literals; nothing here asks the code under test what the answer should be.
//
// The numbers sit at the top of the sequence space so that every scenario wraps:
//   ISS = 2^32 − 2 = 4294967294: SND.NXT is 4294967295 after our SYN and 0 after our FIN;
//   IRS = 2^32 − 3 = 4294967293: RCV.NXT is 4294967294 after the peer's SYN, 4294967295 after its FIN.
// Our receive window is 65535, so RCV.NXT + RCV.WND is 65533 before the peer's FIN and
// 65534 after it. Under `linux` it is 64240: Linux rounds the window a SYN offers down to a
// multiple of the MSS (tcp_select_initial_window: 44 × 1460), 1295 less, and the edge with it.
//
// Rows run under both profiles (settings.profile). Where Linux parts from the RFC, a row
// states both answers; the Linux one names the kernel function that decides it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TCP_CONFIG, type TcpConnection, type TcpProfile, type TcpState } from '../../../source/sim/tcp/api.js';
import { createConnection } from '../../../source/sim/tcp/connection.js';
import { SECOND } from '../../../source/sim/time.js';
import { seq } from '../../../source/wire/seq.js';
import { decode, encode, type TcpFlags, type TcpSegment } from '../../../source/wire/tcp.js';
import { CLIENT, SERVER, segment } from './harness.js';

const ISS = 4294967294;
const IRS = 4294967293;
/** 2 × MSL with the default MSL of 30 s. */
const TWO_MSL = 60 * SECOND;
const PROFILES: readonly TcpProfile[] = ['rfc', 'linux'];

/** A segment as the RFC writes one: its control bits by name in header order, then SEQ, ACK and the data length. */
function describeSent(s: TcpSegment): string {
  const bits = [
    s.flags.cwr && 'CWR', s.flags.ece && 'ECE', s.flags.urg && 'URG', s.ack !== null && 'ACK',
    s.flags.psh && 'PSH', s.flags.rst && 'RST', s.flags.syn && 'SYN', s.flags.fin && 'FIN',
  ].filter(Boolean).join(',');
  return `${bits} seq=${s.seq}${s.ack !== null ? ` ack=${s.ack}` : ''}${s.payload.length > 0 ? ` len=${s.payload.length}` : ''}`;
}

/** One connection, ours, at 10.0.0.1:50000; the peer's segments are written by hand. */
class Fix {
  now = 0;
  readonly conn: TcpConnection;

  constructor(readonly profile: TcpProfile, passive: boolean) {
    this.conn = createConnection({
      local: CLIENT, remote: SERVER, iss: seq(ISS), passive,
      config: { ...DEFAULT_TCP_CONFIG, profile },
      onEvent: () => {},
    });
  }

  get state(): TcpState {
    return this.conn.state;
  }

  /** The peer's segment arrives, through the wire's bytes. */
  arrive(p: { seq: number; ack?: number | null; flags?: Partial<TcpFlags>; data?: string }): this {
    const made = segment('server', { seq: p.seq, ack: p.ack, flags: p.flags, payload: new TextEncoder().encode(p.data ?? '') });
    this.conn.segmentArrives(wire(made, 'in'), this.now);
    return this;
  }

  /** Everything the connection sends now, as the RFC would write it. */
  sent(): string[] {
    const out: string[] = [];
    for (let s = this.conn.pollSegment(this.now); s !== null; s = this.conn.pollSegment(this.now)) out.push(describeSent(wire(s, 'out')));
    return out;
  }

  /** Runs a step of building a fixture and checks it went as the RFC says. */
  expect(sent: string[], state: TcpState): this {
    const got = this.sent();
    if (JSON.stringify(got) !== JSON.stringify(sent) || this.state !== state) {
      throw new Error(`fixture went wrong: sent ${JSON.stringify(got)}, now ${this.state}; wanted ${JSON.stringify(sent)}, ${state}`);
    }
    return this;
  }

  /** Fires the timers due by `t`. */
  advance(t: number): this {
    this.now = t;
    this.conn.onDeadline(t);
    return this;
  }
}

/** Encodes and decodes a segment as it would cross the wire, so every field is one a header can hold. */
function wire(seg: TcpSegment, dir: 'in' | 'out'): TcpSegment {
  const pseudo = dir === 'out' ? { src: CLIENT.ip, dst: SERVER.ip } : { src: SERVER.ip, dst: CLIENT.ip };
  const bytes = encode(seg, pseudo);
  const d = decode(bytes, 0, bytes.length, pseudo);
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
}

// ── Per-state fixtures: each reached by the RFC's own path, each step checked ───────────

const at: Record<string, (p: TcpProfile) => Fix> = {
  CLOSED: (p) => new Fix(p, false),
  // §3.10.1 passive OPEN.
  LISTEN: (p) => new Fix(p, true),
  SYN_SENT: (p) => {
    const f = new Fix(p, false);
    f.conn.connect(f.now);
    return f.expect(['SYN seq=4294967294'], 'SYN_SENT');
  },
  /** Passive: LISTEN took the peer's SYN. */
  SYN_RECEIVED: (p) => at.LISTEN!(p).arrive({ seq: IRS, flags: { syn: true } }).expect(['ACK,SYN seq=4294967294 ack=4294967294'], 'SYN_RECEIVED'),
  /** Active: a simultaneous open, the peer's SYN met ours. */
  SYN_RECEIVED_ACTIVE: (p) => at.SYN_SENT!(p).arrive({ seq: IRS, flags: { syn: true } }).expect(['ACK,SYN seq=4294967294 ack=4294967294'], 'SYN_RECEIVED'),
  ESTABLISHED: (p) => at.SYN_SENT!(p).arrive({ seq: IRS, ack: 4294967295, flags: { syn: true } }).expect(['ACK seq=4294967295 ack=4294967294'], 'ESTABLISHED'),
  FIN_WAIT_1: (p) => {
    const f = at.ESTABLISHED!(p);
    f.conn.close(f.now);
    return f.expect(['ACK,FIN seq=4294967295 ack=4294967294'], 'FIN_WAIT_1');
  },
  FIN_WAIT_2: (p) => at.FIN_WAIT_1!(p).arrive({ seq: 4294967294, ack: 0 }).expect([], 'FIN_WAIT_2'),
  CLOSE_WAIT: (p) => at.ESTABLISHED!(p).arrive({ seq: 4294967294, ack: 4294967295, flags: { fin: true } }).expect(['ACK seq=4294967295 ack=4294967295'], 'CLOSE_WAIT'),
  CLOSING: (p) => at.FIN_WAIT_1!(p).arrive({ seq: 4294967294, ack: 4294967295, flags: { fin: true } }).expect(['ACK seq=0 ack=4294967295'], 'CLOSING'),
  LAST_ACK: (p) => {
    const f = at.CLOSE_WAIT!(p);
    f.conn.close(f.now);
    return f.expect(['ACK,FIN seq=4294967295 ack=4294967295'], 'LAST_ACK');
  },
  TIME_WAIT: (p) => at.FIN_WAIT_2!(p).arrive({ seq: 4294967294, ack: 0, flags: { fin: true } }).expect(['ACK seq=0 ack=4294967295'], 'TIME_WAIT'),
};

/** SND.NXT and RCV.NXT in each synchronized fixture, worked out by hand from the path above. */
const NXT: Record<string, { snd: number; rcv: number }> = {
  SYN_RECEIVED: { snd: 4294967295, rcv: 4294967294 },
  SYN_RECEIVED_ACTIVE: { snd: 4294967295, rcv: 4294967294 },
  ESTABLISHED: { snd: 4294967295, rcv: 4294967294 },
  FIN_WAIT_1: { snd: 0, rcv: 4294967294 },
  FIN_WAIT_2: { snd: 0, rcv: 4294967294 },
  CLOSE_WAIT: { snd: 4294967295, rcv: 4294967295 },
  CLOSING: { snd: 0, rcv: 4294967295 },
  LAST_ACK: { snd: 0, rcv: 4294967295 },
  TIME_WAIT: { snd: 0, rcv: 4294967295 },
};
/** SND.UNA after the peer's FIN: an ACK of this much does not acknowledge a FIN of ours still in flight. */
const UNA_AFTER_PEER_FIN: Record<string, number> = { CLOSE_WAIT: 4294967295, CLOSING: 4294967295, LAST_ACK: 4294967295, TIME_WAIT: 0 };
/** RCV.NXT + RCV.WND (65535), mod 2^32; under `linux` see `edge`. */
const EDGE: Record<string, number> = {
  SYN_RECEIVED: 65533, SYN_RECEIVED_ACTIVE: 65533, ESTABLISHED: 65533, FIN_WAIT_1: 65533, FIN_WAIT_2: 65533,
  CLOSE_WAIT: 65534, CLOSING: 65534, LAST_ACK: 65534, TIME_WAIT: 65534,
};
/** RCV.NXT + RCV.WND in state `s`: Linux's window is 64240, not 65535 (see the top). */
function edge(f: Fix, s: string): number {
  return EDGE[s]! - (f.profile === 'linux' ? 65535 - 64240 : 0);
}

// ── The rows ─────────────────────────────────────────────────────────────────────────────

type Outcome = { readonly sent: readonly string[]; readonly state: TcpState; readonly also?: (f: Fix) => void };
interface Row {
  /** RFC 9293 section, event and state, as the section lists them. */
  readonly name: string;
  readonly fixture: string;
  readonly act: (f: Fix) => void;
  readonly rfc: Outcome;
  /** Only where Linux differs. */
  readonly linux?: Outcome;
}

const rows: Row[] = [];
const row = (name: string, fixture: string, act: (f: Fix) => void, rfc: Outcome, linux?: Outcome) => rows.push({ name, fixture, act, rfc, linux });
const same = (fixture: string): Outcome => ({ sent: [], state: stateOf(fixture) });
const stateOf = (fixture: string): TcpState => (fixture === 'SYN_RECEIVED_ACTIVE' ? 'SYN_RECEIVED' : fixture as TcpState);

const STATES = ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const;
const SYNCHRONIZED = ['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const;
const hello = new TextEncoder().encode('hello');

// §3.10.1 OPEN
row('§3.10.1 OPEN, CLOSED: active, <SEQ=ISS><CTL=SYN>, SYN-SENT', 'CLOSED', (f) => f.conn.connect(f.now),
  { sent: ['SYN seq=4294967294'], state: 'SYN_SENT' });
row('§3.10.1 OPEN, CLOSED: passive, enter LISTEN', 'CLOSED', (f) => {
  // A passive OPEN is the making of a passive connection: the CLOSED fixture is replaced by one.
  const g = at.LISTEN!(f.profile);
  expect(g.state).toBe('LISTEN');
  expect(g.sent()).toEqual([]);
}, same('CLOSED'));
row('§3.10.1 OPEN, LISTEN: active, change to active and send SYN (Linux: EISCONN)', 'LISTEN', (f) => f.conn.connect(f.now),
  { sent: ['SYN seq=4294967294'], state: 'SYN_SENT' }, same('LISTEN'));
for (const s of STATES.slice(2)) row(`§3.10.1 OPEN, ${s}: "connection already exists"`, s, (f) => f.conn.connect(f.now), same(s));

// §3.10.2 SEND
const sendHello = (f: Fix) => f.conn.send(hello, f.now);
row('§3.10.2 SEND, CLOSED: "connection does not exist"', 'CLOSED', (f) => expect(sendHello(f)).toBe(0), same('CLOSED'));
row('§3.10.2 SEND, LISTEN: change to active, send SYN, queue the data (Linux: EPIPE)', 'LISTEN', (f) => expect(sendHello(f)).toBe(f.profile === 'rfc' ? 5 : 0),
  { sent: ['SYN seq=4294967294'], state: 'SYN_SENT' }, same('LISTEN'));
row('§3.10.2 SEND, SYN-SENT: queue until ESTABLISHED', 'SYN_SENT', (f) => expect(sendHello(f)).toBe(5), same('SYN_SENT'));
row('§3.10.2 SEND, SYN-RECEIVED: queue until ESTABLISHED', 'SYN_RECEIVED', (f) => expect(sendHello(f)).toBe(5), same('SYN_RECEIVED'));
row('§3.10.2 SEND, ESTABLISHED: segmentize, ACK = RCV.NXT', 'ESTABLISHED', sendHello,
  { sent: ['ACK,PSH seq=4294967295 ack=4294967294 len=5'], state: 'ESTABLISHED' });
row('§3.10.2 SEND, CLOSE-WAIT: segmentize, ACK = RCV.NXT', 'CLOSE_WAIT', sendHello,
  { sent: ['ACK,PSH seq=4294967295 ack=4294967295 len=5'], state: 'CLOSE_WAIT' });
for (const s of ['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) {
  row(`§3.10.2 SEND, ${s}: "connection closing"`, s, (f) => expect(sendHello(f)).toBe(0), same(s));
}

// §3.10.3 RECEIVE
const receiveNothing = (f: Fix) => expect(f.conn.receive(100, f.now).length).toBe(0);
const receiveAbc = (f: Fix) => expect(new TextDecoder().decode(f.conn.receive(100, f.now))).toBe('abc');
for (const s of ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED'] as const) {
  row(`§3.10.3 RECEIVE, ${s}: nothing to return yet`, s, receiveNothing, same(s));
}
// Three bytes from the peer at RCV.NXT, acknowledged at once (seventh step), then read.
row('§3.10.3 RECEIVE, ESTABLISHED: return the queued data', 'ESTABLISHED', (f) => {
  f.arrive({ seq: 4294967294, ack: 4294967295, data: 'abc' }).expect(['ACK seq=4294967295 ack=1'], 'ESTABLISHED');
  receiveAbc(f);
}, same('ESTABLISHED'));
row('§3.10.3 RECEIVE, FIN-WAIT-1: return the queued data', 'FIN_WAIT_1', (f) => {
  f.arrive({ seq: 4294967294, ack: 4294967295, data: 'abc' }).expect(['ACK seq=0 ack=1'], 'FIN_WAIT_1');
  receiveAbc(f);
}, same('FIN_WAIT_1'));
row('§3.10.3 RECEIVE, FIN-WAIT-2: return the queued data', 'FIN_WAIT_2', (f) => {
  f.arrive({ seq: 4294967294, ack: 0, data: 'abc' }).expect(['ACK seq=0 ack=1'], 'FIN_WAIT_2');
  receiveAbc(f);
}, same('FIN_WAIT_2'));
row('§3.10.3 RECEIVE, CLOSE-WAIT: data already on hand is returned', 'ESTABLISHED', (f) => {
  f.arrive({ seq: 4294967294, ack: 4294967295, data: 'abc', flags: { fin: true } }).expect(['ACK seq=4294967295 ack=2'], 'CLOSE_WAIT');
  receiveAbc(f);
  receiveNothing(f); // then "connection closing"
}, same('CLOSE_WAIT'));
for (const s of ['CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) row(`§3.10.3 RECEIVE, ${s}: "connection closing"`, s, receiveNothing, same(s));

// §3.10.4 CLOSE
const close = (f: Fix) => f.conn.close(f.now);
row('§3.10.4 CLOSE, CLOSED: "connection does not exist"', 'CLOSED', close, same('CLOSED'));
row('§3.10.4 CLOSE, LISTEN: delete the TCB, CLOSED', 'LISTEN', close, { sent: [], state: 'CLOSED' });
row('§3.10.4 CLOSE, SYN-SENT: delete the TCB', 'SYN_SENT', close, { sent: [], state: 'CLOSED' });
row('§3.10.4 CLOSE, SYN-RECEIVED, nothing to send: form a FIN, send it, FIN-WAIT-1', 'SYN_RECEIVED', close,
  { sent: ['ACK,FIN seq=4294967295 ack=4294967294'], state: 'FIN_WAIT_1' });
row('§3.10.4 CLOSE, SYN-RECEIVED, data queued: queue the CLOSE until ESTABLISHED (Linux: FIN-WAIT-1 at once)', 'SYN_RECEIVED', (f) => {
  expect(sendHello(f)).toBe(5);
  close(f);
  f.expect([], f.profile === 'rfc' ? 'SYN_RECEIVED' : 'FIN_WAIT_1');
  // The ACK of our SYN: the data goes, and the FIN after it.
  f.arrive({ seq: 4294967294, ack: 4294967295 });
}, { sent: ['ACK,PSH,FIN seq=4294967295 ack=4294967294 len=5'], state: 'FIN_WAIT_1' });
row('§3.10.4 CLOSE, ESTABLISHED: FIN after the queued data, FIN-WAIT-1', 'ESTABLISHED', close,
  { sent: ['ACK,FIN seq=4294967295 ack=4294967294'], state: 'FIN_WAIT_1' });
row('§3.10.4 CLOSE, FIN-WAIT-1: no second FIN', 'FIN_WAIT_1', close, same('FIN_WAIT_1'));
row('§3.10.4 CLOSE, FIN-WAIT-2: no second FIN', 'FIN_WAIT_2', close, same('FIN_WAIT_2'));
row('§3.10.4 CLOSE, CLOSE-WAIT: send a FIN, LAST-ACK', 'CLOSE_WAIT', close,
  { sent: ['ACK,FIN seq=4294967295 ack=4294967295'], state: 'LAST_ACK' });
for (const s of ['CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) row(`§3.10.4 CLOSE, ${s}: "connection closing"`, s, close, same(s));

// §3.10.5 ABORT: <SEQ=SND.NXT><CTL=RST>; Linux's tcp_send_active_reset adds ACK = RCV.NXT.
const abort = (f: Fix) => f.conn.abort(f.now);
row('§3.10.5 ABORT, CLOSED: "connection does not exist"', 'CLOSED', abort, same('CLOSED'));
for (const s of ['LISTEN', 'SYN_SENT'] as const) row(`§3.10.5 ABORT, ${s}: delete the TCB, no RST`, s, abort, { sent: [], state: 'CLOSED' });
for (const s of ['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT'] as const) {
  row(`§3.10.5 ABORT, ${s}: <SEQ=SND.NXT><CTL=RST>, CLOSED`, s, abort,
    { sent: [`RST seq=${NXT[s]!.snd}`], state: 'CLOSED' },
    { sent: [`ACK,RST seq=${NXT[s]!.snd} ack=${NXT[s]!.rcv}`], state: 'CLOSED' });
}
for (const s of ['CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) row(`§3.10.5 ABORT, ${s}: "ok", delete the TCB, no RST`, s, abort, { sent: [], state: 'CLOSED' });

// §3.10.7.1 CLOSED
row('§3.10.7.1 CLOSED: a RST is discarded', 'CLOSED', (f) => f.arrive({ seq: 1000, flags: { rst: true } }), same('CLOSED'));
row('§3.10.7.1 CLOSED: ACK off, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', 'CLOSED', (f) => f.arrive({ seq: 4294967295, flags: { syn: true }, data: 'ab' }),
  { sent: ['ACK,RST seq=0 ack=2'], state: 'CLOSED' });
row('§3.10.7.1 CLOSED: ACK on, <SEQ=SEG.ACK><CTL=RST>', 'CLOSED', (f) => f.arrive({ seq: 1000, ack: 4294967290 }),
  { sent: ['RST seq=4294967290'], state: 'CLOSED' });

// §3.10.7.2 LISTEN
row('§3.10.7.2 LISTEN first: a RST is ignored', 'LISTEN', (f) => f.arrive({ seq: 1000, flags: { rst: true } }), same('LISTEN'));
row('§3.10.7.2 LISTEN second: an ACK gets <SEQ=SEG.ACK><CTL=RST>', 'LISTEN', (f) => f.arrive({ seq: 1000, ack: 4294967295 }),
  { sent: ['RST seq=4294967295'], state: 'LISTEN' });
row('§3.10.7.2 LISTEN third: a SYN, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED', 'LISTEN', (f) => f.arrive({ seq: IRS, flags: { syn: true } }),
  { sent: ['ACK,SYN seq=4294967294 ack=4294967294'], state: 'SYN_RECEIVED' });
row('§3.10.7.2 LISTEN fourth: anything else is dropped', 'LISTEN', (f) => f.arrive({ seq: 1000, flags: { fin: true }, data: 'x' }), same('LISTEN'));

// §3.10.7.3 SYN-SENT
row('§3.10.7.3 SYN-SENT first: SEG.ACK =< ISS, <SEQ=SEG.ACK><CTL=RST>', 'SYN_SENT', (f) => f.arrive({ seq: IRS, ack: ISS, flags: { syn: true } }),
  { sent: ['RST seq=4294967294'], state: 'SYN_SENT' });
row('§3.10.7.3 SYN-SENT first: SEG.ACK > SND.NXT with RST, dropped', 'SYN_SENT', (f) => f.arrive({ seq: IRS, ack: 0, flags: { rst: true } }), same('SYN_SENT'));
row('§3.10.7.3 SYN-SENT second: RST with an acceptable ACK, "connection reset", CLOSED', 'SYN_SENT', (f) => f.arrive({ seq: 0, ack: 4294967295, flags: { rst: true } }),
  { sent: [], state: 'CLOSED' });
row('§3.10.7.3 SYN-SENT second: RST without ACK, dropped', 'SYN_SENT', (f) => f.arrive({ seq: 0, flags: { rst: true } }), same('SYN_SENT'));
row('§3.10.7.3 SYN-SENT fourth: SYN acking ours, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, ESTABLISHED', 'SYN_SENT', (f) => f.arrive({ seq: IRS, ack: 4294967295, flags: { syn: true } }),
  { sent: ['ACK seq=4294967295 ack=4294967294'], state: 'ESTABLISHED' });
row('§3.10.7.3 SYN-SENT fourth: SYN without ACK, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED', 'SYN_SENT', (f) => f.arrive({ seq: IRS, flags: { syn: true } }),
  { sent: ['ACK,SYN seq=4294967294 ack=4294967294'], state: 'SYN_RECEIVED' });
row('§3.10.7.3 SYN-SENT fifth: neither SYN nor RST, dropped', 'SYN_SENT', (f) => f.arrive({ seq: IRS, ack: 4294967295 }), same('SYN_SENT'));

// §3.10.7.4 first: an unacceptable segment is answered <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
for (const s of SYNCHRONIZED) {
  const { snd, rcv } = NXT[s]!;
  row(`§3.10.7.4 first, ${s}: a segment past RCV.NXT+RCV.WND gets an ACK and is dropped`, s, (f) => f.arrive({ seq: edge(f, s) + 1, ack: snd }),
    { sent: [`ACK seq=${snd} ack=${rcv}`], state: stateOf(s) });
}
row('§3.10.7.4 first, ESTABLISHED: an empty segment at RCV.NXT+RCV.WND fails RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND (Linux allows the edge, tcp_sequence)', 'ESTABLISHED',
  (f) => f.arrive({ seq: edge(f, 'ESTABLISHED'), ack: 4294967295 }),
  { sent: ['ACK seq=4294967295 ack=4294967294'], state: 'ESTABLISHED' },
  { sent: [], state: 'ESTABLISHED' });
// Table 6 would find this SYN-ACK old (SEG.SEQ = IRS), but Figure 7, line 6 shows it taking
// a simultaneous open to ESTABLISHED: its SYN is trimmed as old and its ACK is acceptable.
row('§3.10.7.4 first, SYN-RECEIVED (active): the simultaneous open\'s SYN,ACK, ESTABLISHED (Figure 7, line 6)', 'SYN_RECEIVED_ACTIVE',
  (f) => f.arrive({ seq: IRS, ack: 4294967295, flags: { syn: true } }),
  { sent: [], state: 'ESTABLISHED' });
row('§3.10.7.4 first, SYN-RECEIVED: the peer\'s SYN again (SEG.SEQ = IRS < RCV.NXT) is unacceptable (Linux: SYN-ACK again, tcp_check_req)', 'SYN_RECEIVED',
  (f) => f.arrive({ seq: IRS, flags: { syn: true } }),
  { sent: ['ACK seq=4294967295 ack=4294967294'], state: 'SYN_RECEIVED' },
  { sent: ['ACK,SYN seq=4294967294 ack=4294967294'], state: 'SYN_RECEIVED' });

// §3.10.7.4 second: RST, with RFC 5961 §3's three cases.
for (const s of [...SYNCHRONIZED, 'SYN_RECEIVED_ACTIVE'] as const) {
  const { snd, rcv } = NXT[s]!;
  const after: TcpState = s === 'SYN_RECEIVED' ? 'LISTEN' : 'CLOSED';
  row(`§3.10.7.4 second, ${s}: RST at RCV.NXT, ${after}`, s, (f) => f.arrive({ seq: rcv, flags: { rst: true } }), { sent: [], state: after });
  row(`§3.10.7.4 second 1), ${s}: RST at RCV.NXT+RCV.WND is outside the window, dropped silently`, s, (f) => f.arrive({ seq: edge(f, s), flags: { rst: true } }), same(s));
  row(`§3.10.7.4 second 3), ${s}: RST inside the window but not at RCV.NXT, challenge ACK`, s, (f) => f.arrive({ seq: (rcv + 1) % 2 ** 32, flags: { rst: true } }),
    { sent: [`ACK seq=${snd} ack=${rcv}`], state: stateOf(s) });
}

// §3.10.7.4 fourth: a SYN inside the window.
for (const s of [...SYNCHRONIZED, 'SYN_RECEIVED_ACTIVE'] as const) {
  const { snd, rcv } = NXT[s]!;
  const synAt = (rcv + 10) % 2 ** 32;
  if (s === 'SYN_RECEIVED') {
    row('§3.10.7.4 fourth, SYN-RECEIVED (passive): return to LISTEN (Linux: embryonic reset, tcp_check_req)', s, (f) => f.arrive({ seq: synAt, flags: { syn: true } }),
      { sent: [], state: 'LISTEN' },
      // Linux answers as a closed port would: no ACK on the SYN, so <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>.
      { sent: [`ACK,RST seq=0 ack=${(synAt + 1) % 2 ** 32}`], state: 'LISTEN' });
  } else {
    row(`§3.10.7.4 fourth, ${s}: challenge ACK (RFC 5961 §4.2)`, s, (f) => f.arrive({ seq: synAt, flags: { syn: true } }),
      { sent: [`ACK seq=${snd} ack=${rcv}`], state: stateOf(s) });
  }
}

// §3.10.7.4 fifth: the ACK field.
for (const s of SYNCHRONIZED) {
  row(`§3.10.7.4 fifth, ${s}: ACK bit off, dropped`, s, (f) => f.arrive({ seq: NXT[s]!.rcv, data: 'abc' }), same(s));
}
row('§3.10.7.4 fifth, SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT, ESTABLISHED', 'SYN_RECEIVED', (f) => f.arrive({ seq: 4294967294, ack: 4294967295 }),
  { sent: [], state: 'ESTABLISHED' });
row('§3.10.7.4 fifth, SYN-RECEIVED: an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST>', 'SYN_RECEIVED', (f) => f.arrive({ seq: 4294967294, ack: 7 }),
  { sent: ['RST seq=7'], state: 'SYN_RECEIVED' });
row('§3.10.7.4 fifth, ESTABLISHED: SEG.ACK > SND.NXT, send an ACK, drop', 'ESTABLISHED', (f) => f.arrive({ seq: 4294967294, ack: 5 }),
  { sent: ['ACK seq=4294967295 ack=4294967294'], state: 'ESTABLISHED' });
row('§3.10.7.4 fifth, ESTABLISHED: SND.UNA < SEG.ACK =< SND.NXT, SND.UNA <- SEG.ACK', 'ESTABLISHED', (f) => {
  sendHello(f);
  f.expect(['ACK,PSH seq=4294967295 ack=4294967294 len=5'], 'ESTABLISHED');
  f.arrive({ seq: 4294967294, ack: 2 }); // 4294967295 + 3
}, { sent: [], state: 'ESTABLISHED', also: (f) => expect(f.conn.snapshot().sndUna).toBe(2) });
row('§3.10.7.4 fifth, ESTABLISHED: a duplicate ACK is ignored', 'ESTABLISHED', (f) => f.arrive({ seq: 4294967294, ack: 4294967294 }), same('ESTABLISHED'));
row('§3.10.7.4 fifth, FIN-WAIT-1: our FIN acknowledged, FIN-WAIT-2', 'FIN_WAIT_1', (f) => f.arrive({ seq: 4294967294, ack: 0 }),
  { sent: [], state: 'FIN_WAIT_2' });
row('§3.10.7.4 fifth, FIN-WAIT-2: an ACK keeps the TCB', 'FIN_WAIT_2', (f) => f.arrive({ seq: 4294967294, ack: 0 }), same('FIN_WAIT_2'));
row('§3.10.7.4 fifth, CLOSE-WAIT: as in ESTABLISHED', 'CLOSE_WAIT', (f) => {
  sendHello(f);
  f.expect(['ACK,PSH seq=4294967295 ack=4294967295 len=5'], 'CLOSE_WAIT');
  f.arrive({ seq: 4294967295, ack: 4 });
}, { sent: [], state: 'CLOSE_WAIT', also: (f) => expect(f.conn.snapshot().sndUna).toBe(4) });
row('§3.10.7.4 fifth, CLOSING: the ACK of our FIN, TIME-WAIT', 'CLOSING', (f) => f.arrive({ seq: 4294967295, ack: 0 }),
  { sent: [], state: 'TIME_WAIT', also: (f) => expect(f.conn.nextDeadline()).toBe(TWO_MSL) });
row('§3.10.7.4 fifth, CLOSING: an ACK not of our FIN is ignored', 'CLOSING', (f) => f.arrive({ seq: 4294967295, ack: 4294967295 }), same('CLOSING'));
row('§3.10.7.4 fifth, LAST-ACK: the ACK of our FIN, CLOSED', 'LAST_ACK', (f) => f.arrive({ seq: 4294967295, ack: 0 }),
  { sent: [], state: 'CLOSED', also: (f) => expect(f.conn.nextDeadline()).toBeNull() });
row('§3.10.7.4 fifth, TIME-WAIT: the peer\'s FIN again, acknowledge it, restart 2 MSL', 'TIME_WAIT', (f) => {
  f.now = 5 * SECOND;
  f.arrive({ seq: 4294967294, ack: 0, flags: { fin: true } });
}, { sent: ['ACK seq=0 ack=4294967295'], state: 'TIME_WAIT', also: (f) => expect(f.conn.nextDeadline()).toBe(5 * SECOND + TWO_MSL) });

// §3.10.7.4 seventh: the segment text.
row('§3.10.7.4 seventh, SYN-RECEIVED: the ACK of our SYN with data, ESTABLISHED, data acknowledged', 'SYN_RECEIVED', (f) => f.arrive({ seq: 4294967294, ack: 4294967295, data: 'abc' }),
  { sent: ['ACK seq=4294967295 ack=1'], state: 'ESTABLISHED' });
for (const [s, ack, reply] of [['ESTABLISHED', 4294967295, 'ACK seq=4294967295 ack=1'], ['FIN_WAIT_1', 4294967295, 'ACK seq=0 ack=1'], ['FIN_WAIT_2', 0, 'ACK seq=0 ack=1']] as const) {
  row(`§3.10.7.4 seventh, ${s}: data at RCV.NXT, RCV.NXT advances, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>`, s, (f) => f.arrive({ seq: 4294967294, ack, data: 'abc' }),
    { sent: [reply], state: s });
}
for (const s of ['CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) {
  row(`§3.10.7.4 seventh, ${s}: text after the peer's FIN is ignored`, s, (f) => f.arrive({ seq: 4294967295, ack: UNA_AFTER_PEER_FIN[s]!, data: 'abc' }),
    { sent: [], state: s, also: (f) => expect(f.conn.snapshot().rcvNxt).toBe(4294967295) });
}

// §3.10.7.4 eighth: the FIN.
row('§3.10.7.4 eighth, SYN-RECEIVED: FIN with the ACK of our SYN, ESTABLISHED then CLOSE-WAIT', 'SYN_RECEIVED', (f) => f.arrive({ seq: 4294967294, ack: 4294967295, flags: { fin: true } }),
  { sent: ['ACK seq=4294967295 ack=4294967295'], state: 'CLOSE_WAIT' });
row('§3.10.7.4 eighth, ESTABLISHED: FIN, CLOSE-WAIT', 'ESTABLISHED', (f) => f.arrive({ seq: 4294967294, ack: 4294967295, flags: { fin: true } }),
  { sent: ['ACK seq=4294967295 ack=4294967295'], state: 'CLOSE_WAIT' });
row('§3.10.7.4 eighth, FIN-WAIT-1: FIN not acking ours, CLOSING', 'FIN_WAIT_1', (f) => f.arrive({ seq: 4294967294, ack: 4294967295, flags: { fin: true } }),
  { sent: ['ACK seq=0 ack=4294967295'], state: 'CLOSING' });
row('§3.10.7.4 eighth, FIN-WAIT-1: FIN acking ours, TIME-WAIT, other timers off', 'FIN_WAIT_1', (f) => f.arrive({ seq: 4294967294, ack: 0, flags: { fin: true } }),
  { sent: ['ACK seq=0 ack=4294967295'], state: 'TIME_WAIT', also: (f) => expect(f.conn.nextDeadline()).toBe(TWO_MSL) });
row('§3.10.7.4 eighth, FIN-WAIT-2: FIN, TIME-WAIT', 'FIN_WAIT_2', (f) => f.arrive({ seq: 4294967294, ack: 0, flags: { fin: true } }),
  { sent: ['ACK seq=0 ack=4294967295'], state: 'TIME_WAIT', also: (f) => expect(f.conn.nextDeadline()).toBe(TWO_MSL) });
for (const s of ['CLOSE_WAIT', 'CLOSING', 'LAST_ACK'] as const) {
  row(`§3.10.7.4 eighth, ${s}: the FIN again, remain`, s, (f) => f.arrive({ seq: 4294967294, ack: UNA_AFTER_PEER_FIN[s]!, flags: { fin: true } }),
    { sent: [`ACK seq=${NXT[s]!.snd} ack=4294967295`], state: s });
}
row('§3.10.7.4 eighth, TIME-WAIT: the FIN again, remain, restart 2 MSL', 'TIME_WAIT', (f) => {
  f.now = 7 * SECOND;
  f.arrive({ seq: 4294967294, ack: 0, flags: { fin: true } });
}, { sent: ['ACK seq=0 ack=4294967295'], state: 'TIME_WAIT', also: (f) => expect(f.conn.nextDeadline()).toBe(7 * SECOND + TWO_MSL) });

// §3.10.8 timeouts. The initial RTO is 1 s (RFC 6298 §2.1).
row('§3.10.8 RETRANSMISSION TIMEOUT, SYN-SENT: the SYN again', 'SYN_SENT', (f) => f.advance(SECOND),
  { sent: ['SYN seq=4294967294'], state: 'SYN_SENT' });
row('§3.10.8 RETRANSMISSION TIMEOUT, ESTABLISHED: the front of the queue again', 'ESTABLISHED', (f) => {
  sendHello(f);
  f.expect(['ACK,PSH seq=4294967295 ack=4294967294 len=5'], 'ESTABLISHED');
  f.advance(SECOND);
}, { sent: ['ACK,PSH seq=4294967295 ack=4294967294 len=5'], state: 'ESTABLISHED' });
row('§3.10.8 TIME-WAIT TIMEOUT: delete the TCB, CLOSED', 'TIME_WAIT', (f) => f.advance(TWO_MSL), { sent: [], state: 'CLOSED' });

/** Rows of §3.10 this test cannot stage, and why. */
const NOT_COVERED: readonly string[] = [
  ...STATES.map((s) => `§3.10.6 STATUS, ${s}: no effect on the wire or the state (snapshot() is the simulator's STATUS, read by every row above)`),
  '§3.10.7.3 SYN-SENT third: security/compartment (the simulator has no IP security option)',
  ...SYNCHRONIZED.map((s) => `§3.10.7.4 third, ${s}: security/compartment (no IP security option)`),
  ...SYNCHRONIZED.filter((s) => s !== 'SYN_RECEIVED').map((s) => `§3.10.7.4 sixth, ${s}: URG (urgent data is not implemented)`),
  '§3.10.8 USER TIMEOUT: not implemented in this TCP',
];

describe('RFC 9293 §3.10, row by row', () => {
  for (const r of rows) {
    for (const profile of PROFILES) {
      const want = profile === 'linux' && r.linux ? r.linux : r.rfc;
      it(`${profile}: ${r.name}`, () => {
        const f = at[r.fixture]!(profile);
        r.act(f);
        expect(f.sent()).toEqual(want.sent);
        expect(f.state).toBe(want.state);
        expect(f.conn.snapshot().state).toBe(want.state);
        want.also?.(f);
      });
    }
  }

  it('counts the rows: covered, and not coverable here', () => {
    // The figures in bench/RESULTS.md.
    expect(rows.length).toBe(ROWS_COVERED);
    expect(NOT_COVERED.length).toBe(ROWS_NOT_COVERED);
    expect(rows.filter((r) => r.linux).length).toBe(ROWS_DIFFERING);
  });
});

const ROWS_COVERED = 158;
const ROWS_NOT_COVERED = 28;
const ROWS_DIFFERING = 10;
