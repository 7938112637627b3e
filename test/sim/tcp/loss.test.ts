import { describe, expect, it } from 'vitest';
import { MS, SECOND } from '../../../source/sim/time.js';
import { Net, bytes, established } from './harness.js';
import { firstDifference } from './run-apps.js';

// The handshake ends at 30 ms; its SYN gave an RTT sample of 20 ms, so the RTO is the
// 1 s minimum (RFC 6298 §2.4).

describe('loss and retransmission (RFC 6298, RFC 5681)', () => {
  it('loss of a data segment: retransmission by timeout, the RTO doubling each time', () => {
    const net = established();
    net.fate = ({ n }) => (n === 4 || n === 5 ? 'drop' : 'deliver');
    net.client.send(bytes(100), net.now);
    net.pump();
    net.run();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [P.], seq 4294967281:85, ack 4294967041, win 65535, length 100 (drop)',
      '5 client > server: Flags [P.], seq 4294967281:85, ack 4294967041, win 65535, length 100 (drop)',
      '6 client > server: Flags [P.], seq 4294967281:85, ack 4294967041, win 65535, length 100',
      '7 server > client: Flags [.], seq 4294967041, ack 85, win 65435, length 0',
    ]);
    expect(net.sent.slice(3, 6).map((s) => s.t)).toEqual([30 * MS, 1030 * MS, 3030 * MS]);
    expect(net.eventsOf('client', 'timer').slice(2)).toEqual([
      { kind: 'timer', timer: 'retransmission', action: 'start', due: 1030 * MS },
      { kind: 'timer', timer: 'retransmission', action: 'fire', due: 1030 * MS },
      { kind: 'timer', timer: 'retransmission', action: 'start', due: 3030 * MS },
      { kind: 'timer', timer: 'retransmission', action: 'fire', due: 3030 * MS },
      { kind: 'timer', timer: 'retransmission', action: 'start', due: 7030 * MS },
      { kind: 'timer', timer: 'retransmission', action: 'stop', due: null },
    ]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([
      { kind: 'retransmit', seq: 4294967281, reason: 'timeout' },
      { kind: 'retransmit', seq: 4294967281, reason: 'timeout' },
    ]);

    // Karn's algorithm: that ACK may answer any of the three copies, so it is no sample,
    // and the backed-off RTO of 4 s stays until a segment sent once is acknowledged.
    net.client.send(bytes(10), net.now);
    net.pump();
    expect(net.eventsOf('client', 'timer').at(-1)).toMatchObject({ action: 'start', due: net.now + 4 * SECOND });
    net.run();
    net.client.send(bytes(10), net.now);
    net.pump();
    expect(net.eventsOf('client', 'timer').at(-1)).toMatchObject({ action: 'start', due: net.now + 1 * SECOND });
  });

  // Without congestion control the five segments leave in one burst, so the losses fall
  // where these tests put them; congestion.test.ts runs the same losses under Reno.
  it('fast retransmit on the third duplicate ACK', () => {
    const net = established({ client: { congestion: 'none' } });
    net.fate = ({ n }) => (n === 5 ? 'drop' : 'deliver');
    net.client.send(bytes(5 * 1460), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [.], seq 4294967281:1445, ack 4294967041, win 65535, length 1460',
      '5 client > server: Flags [.], seq 1445:2905, ack 4294967041, win 65535, length 1460 (drop)',
      '6 client > server: Flags [.], seq 2905:4365, ack 4294967041, win 65535, length 1460',
      '7 client > server: Flags [.], seq 4365:5825, ack 4294967041, win 65535, length 1460',
      '8 client > server: Flags [P.], seq 5825:7285, ack 4294967041, win 65535, length 1460',
      '9 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      // Each segment after the gap is answered at once with the same ACK: duplicates.
      '10 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '11 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '12 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '13 client > server: Flags [.], seq 1445:2905, ack 4294967041, win 65535, length 1460',
      // The gap filled, the ACK covers everything reassembled.
      '14 server > client: Flags [.], seq 4294967041, ack 7285, win 58235, length 0',
    ]);
    expect(net.eventsOf('client', 'duplicate-ack')).toEqual([
      { kind: 'duplicate-ack', ack: 1445, count: 1 },
      { kind: 'duplicate-ack', ack: 1445, count: 2 },
      { kind: 'duplicate-ack', ack: 1445, count: 3 },
    ]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([{ kind: 'retransmit', seq: 1445, reason: 'fast-retransmit' }]);
    // Sent the moment the third duplicate arrived, long before the RTO.
    expect(net.sent[12]?.t).toBe(net.sent[11]!.t + 10 * MS);
    expect(net.eventsOf('server', 'segment-check').slice(2).map((e) => e.verdict)).toEqual([
      'in-order', 'out-of-order', 'out-of-order', 'out-of-order', 'in-order',
    ]);
    expect(net.eventsOf('server', 'deliver')).toEqual([{ kind: 'deliver', length: 1460 }, { kind: 'deliver', length: 4 * 1460 }]);
  });

  it('two holes in one flight: the timeout fills the first, the partial ACK shows the second (RFC 6582)', () => {
    const net = established({ client: { congestion: 'none' } });
    net.fate = ({ n }) => (n === 5 || n === 7 ? 'drop' : 'deliver');
    net.client.send(bytes(5 * 1460), net.now);
    net.pump();
    net.run();
    expect(net.transcript(9)).toEqual([
      '9 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '10 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '11 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      // Only two duplicates: no fast retransmit. The RTO expires and resends the first hole.
      '12 client > server: Flags [.], seq 1445:2905, ack 4294967041, win 65535, length 1460',
      '13 server > client: Flags [.], seq 4294967041, ack 4365, win 61155, length 0',
      // That ACK stops short of what was sent: the next hole, resent at once.
      '14 client > server: Flags [.], seq 4365:5825, ack 4294967041, win 65535, length 1460',
      '15 server > client: Flags [.], seq 4294967041, ack 7285, win 58235, length 0',
    ]);
    // The ACK of new data at 50 ms restarted the timer (RFC 6298 §5.3): one RTO from then.
    expect(net.sent[11]?.t).toBe(1050 * MS);
    expect(net.eventsOf('client', 'retransmit')).toEqual([
      { kind: 'retransmit', seq: 1445, reason: 'timeout' },
      { kind: 'retransmit', seq: 4365, reason: 'timeout' },
    ]);
  });

  it('reordering: out-of-order verdict, a duplicate ACK, then reassembly', () => {
    const net = established();
    net.fate = ({ n }) => (n === 5 ? { delay: 1 * MS } : 'deliver');
    net.client.send(bytes(3 * 1460), net.now);
    net.pump();
    net.deliverNext();
    net.deliverNext(); // the third segment overtakes the second
    expect(net.srv.snapshot()).toMatchObject({ rcvNxt: 1445, recvBuffered: 1460, outOfOrder: 1460 });
    expect(net.eventsOf('server', 'segment-check').at(-1)).toEqual({
      kind: 'segment-check', verdict: 'out-of-order', seq: 2905, expected: 1445, length: 1460,
    });
    net.runUntilQuiet();
    expect(net.srv.snapshot()).toMatchObject({ rcvNxt: 4365, recvBuffered: 3 * 1460, outOfOrder: 0 });
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [.], seq 4294967281:1445, ack 4294967041, win 65535, length 1460',
      '5 client > server: Flags [.], seq 1445:2905, ack 4294967041, win 65535, length 1460 (delayed 1 ms)',
      '6 client > server: Flags [P.], seq 2905:4365, ack 4294967041, win 65535, length 1460',
      '7 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '8 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '9 server > client: Flags [.], seq 4294967041, ack 4365, win 61155, length 0',
    ]);
    expect(net.eventsOf('client', 'duplicate-ack')).toEqual([{ kind: 'duplicate-ack', ack: 1445, count: 1 }]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([]);
    expect(net.eventsOf('server', 'deliver')).toEqual([{ kind: 'deliver', length: 1460 }, { kind: 'deliver', length: 2920 }]);
    expect(firstDifference(net.srv.receive(10_000, net.now), bytes(3 * 1460))).toBeNull();
  });

  it('a duplicated segment: the copy is old, dropped, and ACKed again', () => {
    const net = established();
    net.fate = ({ n }) => (n === 4 ? 'duplicate' : 'deliver');
    net.client.send(bytes(100), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [P.], seq 4294967281:85, ack 4294967041, win 65535, length 100 (duplicate)',
      '5 server > client: Flags [.], seq 4294967041, ack 85, win 65435, length 0',
      '6 server > client: Flags [.], seq 4294967041, ack 85, win 65435, length 0',
    ]);
    expect(net.eventsOf('server', 'segment-check').slice(2).map((e) => e.verdict)).toEqual(['in-order', 'duplicate']);
    expect(net.srv.snapshot().recvBuffered).toBe(100);
  });

  it.each([
    ['rfc', ['8 client > server: Flags [R], seq 4294967291, win 65535, length 0 (drop)']],
    // Linux's tcp_write_err closes without a word.
    ['linux', []],
  ] as const)('give-up after the last retransmission (%s): RST as an ABORT sends it, or none under linux; then CLOSED', (profile, rst) => {
    const net = established({ client: { maxRetransmissions: 3, profile } });
    net.fate = ({ n }) => (n >= 4 ? 'drop' : 'deliver');
    // Linux's window: 65535 rounded down to a multiple of the MSS (tcp_select_initial_window).
    const win = profile === 'linux' ? 64240 : 65535;
    net.client.send(bytes(10), net.now);
    net.pump();
    net.run();
    expect(net.transcript(4)).toEqual([
      `4 client > server: Flags [P.], seq 4294967281:4294967291, ack 4294967041, win ${win}, length 10 (drop)`,
      `5 client > server: Flags [P.], seq 4294967281:4294967291, ack 4294967041, win ${win}, length 10 (drop)`,
      `6 client > server: Flags [P.], seq 4294967281:4294967291, ack 4294967041, win ${win}, length 10 (drop)`,
      `7 client > server: Flags [P.], seq 4294967281:4294967291, ack 4294967041, win ${win}, length 10 (drop)`,
      ...rst,
    ]);
    expect(net.sent.slice(3).map((s) => s.t)).toEqual([30 * MS, 1030 * MS, 3030 * MS, 7030 * MS, 15_030 * MS].slice(0, 4 + rst.length));
    expect(net.eventsOf('client', 'give-up')).toEqual([{ kind: 'give-up', retransmissions: 3 }]);
    expect(net.eventsOf('client', 'state').at(-1)).toMatchObject({ from: 'ESTABLISHED', to: 'CLOSED', cause: { code: 'give-up', rfc: '3.8.3', retransmissions: 3 } });
    expect(net.client.nextDeadline()).toBeNull();
  });

  it('give-up on a SYN nobody answers: no RST, since no one holds a connection', () => {
    const net = new Net({ client: { maxRetransmissions: 2 } });
    net.fate = () => 'drop';
    net.client.connect(net.now);
    net.pump();
    net.run();
    expect(net.transcript().map((l) => l.replace(/, win.*/, ''))).toEqual([
      '1 client > server: Flags [S], seq 4294967280',
      '2 client > server: Flags [S], seq 4294967280',
      '3 client > server: Flags [S], seq 4294967280',
    ]);
    expect(net.now).toBe(7 * SECOND);
    expect(net.stateTrail('client')).toEqual(['SYN_SENT', 'CLOSED']);
  });
});
