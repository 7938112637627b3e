import { describe, expect, it } from 'vitest';
import { MS, SECOND } from '../../../source/sim/time.js';
import { bytes, established } from './harness.js';
import { concat, firstDifference } from './run-apps.js';

// After the handshake the client's next sequence number is 4294967281 and the server's
// 4294967041; client data crosses 2^32 after 15 bytes.

describe('moving data (RFC 9293 §3.4, §3.8)', () => {
  it('data both ways: ack = seq + len, and a pure ACK takes no sequence number', () => {
    const net = established();
    net.client.send(bytes(100), net.now);
    net.pump();
    net.runUntilQuiet();
    // The server reads the request, then answers. The 100 bytes it read are not yet worth
    // a bigger window (receiver SWS avoidance, RFC 9293 §3.8.6.2.2), so it stays 65435.
    expect(net.srv.receive(1000, net.now)).toHaveLength(100);
    net.srv.send(bytes(300, 1), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [P.], seq 4294967281:85, ack 4294967041, win 65535, length 100',
      '5 server > client: Flags [.], seq 4294967041, ack 85, win 65435, length 0',
      // 4294967041 + 300 passes 2^32: the server's data ends at 45.
      '6 server > client: Flags [P.], seq 4294967041:45, ack 85, win 65435, length 300',
      '7 client > server: Flags [.], seq 85, ack 45, win 65235, length 0',
    ]);
    expect(net.client.snapshot()).toMatchObject({ sndUna: 85, sndNxt: 85, rcvNxt: 45, recvBuffered: 300, rcvWnd: 65235 });
    expect(net.srv.snapshot()).toMatchObject({ sndUna: 45, sndNxt: 45, rcvNxt: 85, recvBuffered: 0 });
    expect(net.eventsOf('server', 'deliver')).toEqual([{ kind: 'deliver', length: 100 }]);
  });

  it('segmentation of a 4000-byte write with MSS 1460: three segments, PSH only on the last', () => {
    const net = established();
    expect(net.client.send(bytes(4000), net.now)).toBe(4000);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [.], seq 4294967281:1445, ack 4294967041, win 65535, length 1460',
      '5 client > server: Flags [.], seq 1445:2905, ack 4294967041, win 65535, length 1460',
      '6 client > server: Flags [P.], seq 2905:3985, ack 4294967041, win 65535, length 1080',
      '7 server > client: Flags [.], seq 4294967041, ack 1445, win 64075, length 0',
      '8 server > client: Flags [.], seq 4294967041, ack 2905, win 62615, length 0',
      '9 server > client: Flags [.], seq 4294967041, ack 3985, win 61535, length 0',
    ]);
    expect(firstDifference(net.srv.receive(10_000, net.now), bytes(4000))).toBeNull();
  });

  it('each write sent on its own ends in its own PSH', () => {
    const net = established();
    net.client.send(bytes(10), net.now);
    net.pump();
    net.client.send(bytes(20), net.now);
    net.pump();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [P.], seq 4294967281:4294967291, ack 4294967041, win 65535, length 10',
      '5 client > server: Flags [P.], seq 4294967291:15, ack 4294967041, win 65535, length 20',
    ]);
  });

  it('the send buffer takes what fits and no more', () => {
    const net = established({ client: { sendBuffer: 3000 } });
    expect(net.client.send(bytes(5000), net.now)).toBe(3000);
    expect(net.client.send(bytes(1), net.now)).toBe(0);
    net.pump();
    net.runUntilQuiet();
    expect(net.client.snapshot().sendBuffered).toBe(0);
    expect(net.client.send(bytes(2000), net.now)).toBe(2000);
  });
});

describe('flow control (RFC 9293 §3.8.6)', () => {
  it('zero window: the sender stops, probes with one byte, and resumes on the window update', () => {
    const net = established({ server: { recvBuffer: 2920 } });
    net.client.send(bytes(5000), net.now);
    net.pump();
    net.run(4 * SECOND);
    expect(net.client.snapshot()).toMatchObject({ sndWnd: 0, sndUna: 2905, sndNxt: 2905, sendBuffered: 2080 });
    expect(net.srv.snapshot()).toMatchObject({ rcvWnd: 0, recvBuffered: 2920 });

    // The application reads everything: the window opens from zero and is announced at once.
    expect(net.srv.receive(10_000, net.now)).toHaveLength(2920);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript()).toEqual([
      '1 client > server: Flags [S], seq 4294967280, win 65535, options [mss 1460], length 0',
      '2 server > client: Flags [S.], seq 4294967040, ack 4294967281, win 2920, options [mss 1460], length 0',
      '3 client > server: Flags [.], seq 4294967281, ack 4294967041, win 65535, length 0',
      '4 client > server: Flags [.], seq 4294967281:1445, ack 4294967041, win 65535, length 1460',
      '5 client > server: Flags [.], seq 1445:2905, ack 4294967041, win 65535, length 1460',
      '6 server > client: Flags [.], seq 4294967041, ack 1445, win 1460, length 0',
      '7 server > client: Flags [.], seq 4294967041, ack 2905, win 0, length 0',
      // Persist probes: one byte past the closed window; the receiver drops it and repeats window 0.
      '8 client > server: Flags [.], seq 2905:2906, ack 4294967041, win 65535, length 1',
      '9 server > client: Flags [.], seq 4294967041, ack 2905, win 0, length 0',
      '10 client > server: Flags [.], seq 2905:2906, ack 4294967041, win 65535, length 1',
      '11 server > client: Flags [.], seq 4294967041, ack 2905, win 0, length 0',
      // The window update, then the rest of the data.
      '12 server > client: Flags [.], seq 4294967041, ack 2905, win 2920, length 0',
      '13 client > server: Flags [.], seq 2905:4365, ack 4294967041, win 65535, length 1460',
      '14 client > server: Flags [P.], seq 4365:4985, ack 4294967041, win 65535, length 620',
      '15 server > client: Flags [.], seq 4294967041, ack 4365, win 1460, length 0',
      '16 server > client: Flags [.], seq 4294967041, ack 4985, win 840, length 0',
    ]);
    // The window closed at 50 ms; probes follow after one RTO, then twice that.
    expect([net.sent[7]?.t, net.sent[9]?.t]).toEqual([1050 * MS, 3050 * MS]);
    expect(net.eventsOf('client', 'timer').filter((e) => e.timer === 'persist')).toEqual([
      { kind: 'timer', timer: 'persist', action: 'start', due: 1050 * MS },
      { kind: 'timer', timer: 'persist', action: 'fire', due: 1050 * MS },
      { kind: 'timer', timer: 'persist', action: 'start', due: 3050 * MS },
      { kind: 'timer', timer: 'persist', action: 'fire', due: 3050 * MS },
      { kind: 'timer', timer: 'persist', action: 'start', due: 7050 * MS },
      { kind: 'timer', timer: 'persist', action: 'stop', due: null },
    ]);
    expect(net.eventsOf('client', 'retransmit')).toEqual([
      { kind: 'retransmit', seq: 2905, reason: 'persist-probe' },
      { kind: 'retransmit', seq: 2905, reason: 'persist-probe' },
    ]);
    // The receiver reports its window as it shrinks to zero and opens; the sender sees the same.
    expect(net.eventsOf('server', 'window').map((e) => e.advertised)).toEqual([2920, 1460, 0, 2920, 1460, 840]);
    expect(net.eventsOf('client', 'window').map((e) => e.peer)).toEqual([2920, 1460, 0, 2920, 1460, 840]);
    // Both probes, then the data segment that follows the window update.
    expect(net.eventsOf('server', 'segment-check').filter((e) => e.seq === 2905).map((e) => e.verdict)).toEqual([
      'outside-window', 'outside-window', 'in-order',
    ]);
    const received = concat([bytes(5000).subarray(0, 2920), net.srv.receive(10_000, net.now)]);
    expect(firstDifference(received, bytes(5000))).toBeNull();
  });

  it('a lost window update: the next probe finds room, is acknowledged, and counts as sent', () => {
    const net = established({ server: { recvBuffer: 2920 } });
    net.client.send(bytes(3000), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.client.snapshot()).toMatchObject({ sndWnd: 0, sndNxt: 2905 });
    net.fate = ({ n }) => (n === 8 ? 'drop' : 'deliver');
    net.srv.receive(10_000, net.now);
    net.pump();
    net.run(2 * SECOND);
    expect(net.transcript(8)).toEqual([
      '8 server > client: Flags [.], seq 4294967041, ack 2905, win 2920, length 0 (drop)',
      '9 client > server: Flags [.], seq 2905:2906, ack 4294967041, win 65535, length 1',
      '10 server > client: Flags [.], seq 4294967041, ack 2906, win 2919, length 0',
      '11 client > server: Flags [P.], seq 2906:2985, ack 4294967041, win 65535, length 79',
      '12 server > client: Flags [.], seq 4294967041, ack 2985, win 2840, length 0',
    ]);
    expect(net.client.snapshot()).toMatchObject({ sndUna: 2985, sndNxt: 2985, sendBuffered: 0 });
  });

  it('delayed ACK: one ACK for every second full segment, or after the timeout', () => {
    const net = established({ server: { delayedAck: true } });
    net.client.send(bytes(3000), net.now);
    net.pump();
    net.run();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [.], seq 4294967281:1445, ack 4294967041, win 65535, length 1460',
      '5 client > server: Flags [.], seq 1445:2905, ack 4294967041, win 65535, length 1460',
      '6 client > server: Flags [P.], seq 2905:2985, ack 4294967041, win 65535, length 80',
      '7 server > client: Flags [.], seq 4294967041, ack 2905, win 62615, length 0',
      '8 server > client: Flags [.], seq 4294967041, ack 2985, win 62535, length 0',
    ]);
    // The data arrives at 40 ms; the last 80 bytes wait the 40 ms delayed-ACK timeout.
    expect([net.sent[6]?.t, net.sent[7]?.t]).toEqual([40 * MS, 80 * MS]);
    expect(net.eventsOf('server', 'timer').filter((e) => e.timer === 'delayed-ack').map((e) => e.action)).toEqual([
      'start', 'stop', 'start', 'fire',
    ]);
  });

  it('delayed ACK rides on data when the application answers in time', () => {
    const net = established({ server: { delayedAck: true } });
    net.client.send(bytes(100), net.now);
    net.pump();
    net.deliverNext();
    net.srv.send(bytes(50, 1), net.now);
    net.pump();
    net.runUntilQuiet();
    expect(net.transcript(4)).toEqual([
      '4 client > server: Flags [P.], seq 4294967281:85, ack 4294967041, win 65535, length 100',
      '5 server > client: Flags [P.], seq 4294967041:4294967091, ack 85, win 65435, length 50',
      '6 client > server: Flags [.], seq 85, ack 4294967091, win 65485, length 0',
    ]);
  });
});
