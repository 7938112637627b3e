// The one TCP state machine, checked against RFC 9293 as written: Figure 5 (the state
// diagram), §3.10.4 CLOSE, §3.10.5 ABORT, and §3.10.7 SEGMENT ARRIVES. Each expectation
// below was transcribed from the RFC, not from the code.
import { describe, expect, it } from 'vitest';
import type { TcpState } from '../../../source/sim/tcp/api.js';
import { ackOfSyn, tcpTransition, type CheckedSegment, type TcpInput } from '../../../source/sim/tcp/transition.js';
import { seq } from '../../../source/wire/seq.js';

const ALL: readonly TcpState[] = [
  'CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
];

const syn: TcpInput = { kind: 'segment', syn: true, rst: false, ack: 'none' };
const synAck: TcpInput = { kind: 'segment', syn: true, rst: false, ack: 'acks-our-syn' };
const checked = (outcome: CheckedSegment): TcpInput => ({ kind: 'checked', outcome });
const accepted = (o: { synAcked?: boolean; finAcked?: boolean; finReceived?: boolean }) =>
  checked({ kind: 'accepted', synAcked: o.synAcked ?? false, finAcked: o.finAcked ?? false, finReceived: o.finReceived ?? false });
const reset = checked({ kind: 'reset' });

/** "from --input--> to / send", as the RFC draws it. */
function run(state: TcpState, input: TcpInput, passive = false): string {
  const t = tcpTransition({ state, passive, profile: 'rfc' }, input);
  const to = t.changes.map((c) => c.to).join(' → ') || state;
  return `${to}${t.send ? ` / ${t.send.kind}` : ''}`;
}

describe('RFC 9293 Figure 5: the state diagram', () => {
  it.each([
    ['CLOSED', { kind: 'connect' }, false, 'SYN_SENT / syn'],                   // active OPEN, snd SYN
    ['LISTEN', syn, true, 'SYN_RECEIVED / syn-ack'],                           // rcv SYN, snd SYN,ACK
    ['LISTEN', { kind: 'connect' }, true, 'SYN_SENT / syn'],                    // SEND, snd SYN
    ['LISTEN', { kind: 'close', queued: false }, true, 'CLOSED'],                              // CLOSE, delete TCB
    ['SYN_SENT', syn, false, 'SYN_RECEIVED / syn-ack'],                        // rcv SYN, snd SYN,ACK
    ['SYN_SENT', synAck, false, 'ESTABLISHED / ack'],                          // rcv SYN,ACK, snd ACK
    ['SYN_SENT', { kind: 'close', queued: false }, false, 'CLOSED'],                           // CLOSE, delete TCB
    ['SYN_RECEIVED', accepted({ synAcked: true }), true, 'ESTABLISHED'],        // rcv ACK of SYN
    ['SYN_RECEIVED', { kind: 'close', queued: false }, true, 'FIN_WAIT_1 / fin'],              // CLOSE, snd FIN
    ['ESTABLISHED', { kind: 'close', queued: false }, false, 'FIN_WAIT_1 / fin'],              // CLOSE, snd FIN
    ['ESTABLISHED', accepted({ finReceived: true }), false, 'CLOSE_WAIT / ack'], // rcv FIN, snd ACK
    ['CLOSE_WAIT', { kind: 'close', queued: false }, false, 'LAST_ACK / fin'],                 // CLOSE, snd FIN
    ['FIN_WAIT_1', accepted({ finAcked: true }), false, 'FIN_WAIT_2'],          // rcv ACK of FIN
    ['FIN_WAIT_1', accepted({ finReceived: true }), false, 'CLOSING / ack'],    // rcv FIN, snd ACK
    ['FIN_WAIT_2', accepted({ finReceived: true }), false, 'TIME_WAIT / ack'],  // rcv FIN, snd ACK
    ['CLOSING', accepted({ finAcked: true }), false, 'TIME_WAIT'],              // rcv ACK of FIN
    ['LAST_ACK', accepted({ finAcked: true }), false, 'CLOSED'],                // rcv ACK of FIN
    ['TIME_WAIT', { kind: 'time-wait-expired' }, false, 'CLOSED'],              // Timeout=2MSL
  ] as const)('%s, %j → %s', (state, input, passive, expected) => {
    expect(run(state, input as TcpInput, passive)).toBe(expected);
  });

  it('§3.10.7.4 eighth: a FIN that also acknowledges ours takes FIN_WAIT_1 straight to TIME_WAIT', () => {
    expect(run('FIN_WAIT_1', accepted({ finAcked: true, finReceived: true }))).toBe('TIME_WAIT / ack');
  });

  it('§3.10.7.4: the ACK of our SYN and the peer\'s FIN in one segment pass through ESTABLISHED', () => {
    const t = tcpTransition({ state: 'SYN_RECEIVED', passive: true, profile: 'rfc' }, accepted({ synAcked: true, finReceived: true }));
    expect(t.changes.map((c) => `${c.from}→${c.to}`)).toEqual(['SYN_RECEIVED→ESTABLISHED', 'ESTABLISHED→CLOSE_WAIT']);
  });
});

describe('RFC 9293 §3.10.7.1–§3.10.7.3: segments before synchronization', () => {
  it('CLOSED answers anything but a RST with a RST, and a RST with nothing', () => {
    expect(run('CLOSED', syn)).toBe('CLOSED / rst-reply');
    expect(run('CLOSED', { kind: 'segment', syn: false, rst: true, ack: 'none' })).toBe('CLOSED');
  });

  it('LISTEN ignores a RST, answers an ACK with a RST, and ignores anything without SYN', () => {
    expect(run('LISTEN', { kind: 'segment', syn: false, rst: true, ack: 'unacceptable' }, true)).toBe('LISTEN');
    expect(run('LISTEN', { kind: 'segment', syn: false, rst: false, ack: 'unacceptable' }, true)).toBe('LISTEN / rst-reply');
    expect(run('LISTEN', { kind: 'segment', syn: false, rst: false, ack: 'none' }, true)).toBe('LISTEN');
  });

  it('SYN_SENT: an unacceptable ACK gets a RST (unless it is one); only a RST acking our SYN closes', () => {
    expect(run('SYN_SENT', { kind: 'segment', syn: true, rst: false, ack: 'unacceptable' })).toBe('SYN_SENT / rst-reply');
    expect(run('SYN_SENT', { kind: 'segment', syn: false, rst: true, ack: 'unacceptable' })).toBe('SYN_SENT');
    expect(run('SYN_SENT', { kind: 'segment', syn: false, rst: true, ack: 'none' })).toBe('SYN_SENT');
    expect(run('SYN_SENT', { kind: 'segment', syn: false, rst: true, ack: 'acks-our-syn' })).toBe('CLOSED');
    expect(run('SYN_SENT', { kind: 'segment', syn: false, rst: false, ack: 'acks-our-syn' })).toBe('SYN_SENT');
  });

  it('a SYN is taken as IRS exactly where it opens the receive sequence', () => {
    expect(tcpTransition({ state: 'LISTEN', passive: true, profile: 'rfc' }, syn).takesSyn).toBe(true);
    expect(tcpTransition({ state: 'SYN_SENT', passive: false, profile: 'rfc' }, synAck).takesSyn).toBe(true);
    expect(tcpTransition({ state: 'SYN_SENT', passive: false, profile: 'rfc' }, syn).takesSyn).toBe(true);
    expect(tcpTransition({ state: 'CLOSED', passive: false, profile: 'rfc' }, syn).takesSyn).toBe(false);
  });

  it('ACK acceptability in SYN_SENT is ISS < SEG.ACK =< SND.NXT, across the 2^32 wrap', () => {
    const iss = seq(0xffff_ffff);
    const nxt = seq(0); // ISS + 1, wrapped
    expect(ackOfSyn(null, iss, nxt)).toBe('none');
    expect(ackOfSyn(seq(0), iss, nxt)).toBe('acks-our-syn');
    expect(ackOfSyn(iss, iss, nxt)).toBe('unacceptable');
    expect(ackOfSyn(seq(1), iss, nxt)).toBe('unacceptable');
  });
});

describe('RFC 9293 §3.10.7.4 second: a RST in a synchronized state', () => {
  it('returns a passive SYN_RECEIVED to LISTEN, and closes an active one as refused', () => {
    expect(tcpTransition({ state: 'SYN_RECEIVED', passive: true, profile: 'rfc' }, reset).changes[0]).toMatchObject({ to: 'LISTEN', cause: { code: 'rcv-rst-listen-again', rfc: '3.10.7.4' } });
    expect(tcpTransition({ state: 'SYN_RECEIVED', passive: false, profile: 'rfc' }, reset).changes[0]).toMatchObject({ to: 'CLOSED', cause: { code: 'rcv-rst-refused' } });
  });

  it.each(['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const)('%s → CLOSED, sending nothing', (state) => {
    expect(run(state, reset)).toBe('CLOSED');
  });
});

describe('RFC 9293 §3.10.4 CLOSE and §3.10.5 ABORT', () => {
  it('CLOSE in the closing states changes nothing ("connection closing")', () => {
    for (const s of ['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) expect(run(s, { kind: 'close', queued: false })).toBe(s);
  });

  it('ABORT sends a RST only where the peer holds a synchronized connection', () => {
    for (const s of ['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT'] as const) expect(run(s, { kind: 'abort' })).toBe('CLOSED / rst');
    for (const s of ['LISTEN', 'SYN_SENT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) expect(run(s, { kind: 'abort' })).toBe('CLOSED');
    expect(run('CLOSED', { kind: 'abort' })).toBe('CLOSED');
  });
});

describe('the machine as a whole', () => {
  const inputs: readonly TcpInput[] = [
    { kind: 'connect' }, { kind: 'close', queued: false }, { kind: 'close', queued: true }, { kind: 'abort' }, { kind: 'time-wait-expired' }, { kind: 'give-up', retransmissions: 3 },
  ];

  it('every change starts where the last one ended, and never stays in place', () => {
    for (const state of ALL) {
      for (const [passive, profile] of [[false, 'rfc'], [true, 'rfc'], [false, 'linux'], [true, 'linux']] as const) {
        for (const input of inputs) {
          let at = state;
          for (const c of tcpTransition({ state, passive, profile }, input).changes) {
            expect(c.from).toBe(at);
            expect(c.to).not.toBe(c.from);
            at = c.to;
          }
        }
      }
    }
  });

  it('refuses a segment fed to the wrong half: header facts to a synchronized state, checks to an unsynchronized one', () => {
    expect(() => tcpTransition({ state: 'ESTABLISHED', passive: false, profile: 'rfc' }, syn)).toThrow(/§3\.10\.7\.4/);
    expect(() => tcpTransition({ state: 'LISTEN', passive: true, profile: 'rfc' }, reset)).toThrow(/not synchronized/);
  });
});
