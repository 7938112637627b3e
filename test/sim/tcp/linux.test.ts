// profile: linux, judged by values worked out by hand from the kernel's rules and the real
// captures in test/linux-captures/ (the numbers in comments were read there with tshark),
// and by a property over any write sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINUX_TCP_DEFAULTS, tcpConfigWith, type TcpConfig } from '../../../source/sim/tcp/api.js';
import { LinuxAcks, grownSsthresh, linuxSynWindow } from '../../../source/sim/tcp/linux-receiver.js';
import { LinuxPush } from '../../../source/sim/tcp/linux-push.js';
import { nagleHolds, type NagleInput } from '../../../source/sim/tcp/nagle.js';
import { MS } from '../../../source/sim/time.js';
import { seq } from '../../../source/wire/seq.js';
import { Net, ONE_WAY, bytes, type Sent } from './harness.js';
import { simulate } from './run-apps.js';

const LINUX: Partial<TcpConfig> = { ...LINUX_TCP_DEFAULTS, profile: 'linux' };

describe('Linux 6.x defaults under profile: linux', () => {
  it('are applied under linux only, and what a lesson sets wins', () => {
    expect(tcpConfigWith({}).initialWindow).toBeNull();
    expect(tcpConfigWith({ profile: 'linux' })).toMatchObject({
      initialWindow: 10, sackPermitted: true, timestamps: true, windowScale: 7, delayedAck: true, delayedAckTimeout: 40 * MS, nagle: true,
    });
    expect(tcpConfigWith({ profile: 'linux', timestamps: false, initialWindow: 4 })).toMatchObject({ timestamps: false, initialWindow: 4, sackPermitted: true });
  });

  it("the SYN reads as a real one: mss 1460, sackOK, TS, nop, wscale 7, window 64240; the SYN-ACK's window is 65160", () => {
    const net = new Net({ client: LINUX, server: LINUX });
    net.client.connect(net.now);
    net.pump();
    net.runUntilQuiet();
    const [syn, synAck, ack] = net.sent.map((s) => s.seg);
    expect(syn!.options.map((o) => o.kind)).toEqual(['mss', 'sackPermitted', 'timestamps', 'nop', 'wscale']);
    expect(syn!.window).toBe(64240);
    expect(synAck!.window).toBe(65160);
    // After the handshake, 64240 in units of 128, rounded up: 502 (the real capture's first ACK).
    expect(ack!.window).toBe(502);
  });
});

describe('linux-receiver.ts, by hand', () => {
  it('tcp_select_initial_window: 65535 rounded down to the MSS; a small buffer below one MSS stays as it is', () => {
    expect(linuxSynWindow(65535, 1460)).toBe(64240); // 44 × 1460
    expect(linuxSynWindow(65535, 1448)).toBe(65160); // 45 × 1448
    expect(linuxSynWindow(77272, 1460)).toBe(64240);
    expect(linuxSynWindow(4000, 1460)).toBe(2920);
    expect(linuxSynWindow(1000, 1460)).toBe(1000);
  });

  it('tcp_grow_window: two segments per segment, up to the room; nothing for segments under 128 bytes', () => {
    // The real capture's client window: 502, 525, 548, 570, 593 units of 128 bytes.
    let s = 64240;
    const fields: number[] = [];
    for (let i = 0; i < 6; i++) {
      s = grownSsthresh(s, 1448, 1448, 77272 - 1448);
      fields.push(Math.ceil(s / 128));
    }
    expect(fields).toEqual([525, 548, 570, 593, 593, 593]);
    expect(grownSsthresh(65160, 107, 1448, 70000)).toBe(65160);
  });

  it('quick ACKs: 16 at first, one more each time the window grows; ping-pong mode waits', () => {
    const acks = new LinuxAcks(40 * MS);
    acks.dataArrived(0, 64240, 1448); // 64240 / 2896 = 22, capped at 16
    acks.windowGrew(); // 16 | 1 = 17
    let quick = 0;
    while (acks.quickAck) {
      acks.ackSent();
      quick++;
    }
    expect(quick).toBe(17);
    // Without quick ACKs: the second full segment is acked, the first waits.
    expect(acks.ackNow(1448, 1448)).toBe(false);
    expect(acks.ackNow(2896, 1448)).toBe(true);
    const talker = new LinuxAcks(40 * MS);
    talker.dataArrived(0, 64240, 1448);
    talker.dataSent(10 * MS); // an answer within 40 ms: interactive
    expect(talker.quickAck).toBe(false);
    talker.timerFired(); // the ACK had to go alone: not so interactive after all
    expect(talker.quickAck).toBe(true);
  });
});

describe("Nagle's algorithm (nagle.ts)", () => {
  const base: NagleInput = { profile: 'rfc', length: 100, mss: 1448, fin: false, sndUna: seq(1000), sndNxt: seq(2000), inFlight: 1000, sndSml: null };
  it('RFC 9293 §3.7.4: any data in flight holds a short segment; a full one, a FIN, or nothing in flight does not', () => {
    expect(nagleHolds(base)).toBe(true);
    expect(nagleHolds({ ...base, length: 1448 })).toBe(false);
    expect(nagleHolds({ ...base, fin: true })).toBe(false);
    expect(nagleHolds({ ...base, inFlight: 0, sndNxt: seq(1000) })).toBe(false);
  });
  it("Minshall's (Linux): only an earlier short segment still unacknowledged holds it", () => {
    const linux = { ...base, profile: 'linux' as const };
    expect(nagleHolds(linux)).toBe(false);
    expect(nagleHolds({ ...linux, sndSml: seq(1500) })).toBe(true);
    expect(nagleHolds({ ...linux, sndSml: seq(1000) })).toBe(false); // acknowledged
  });
  it('in a connection: under linux a second small write waits for the ACK of the first; with nagle off it does not', () => {
    const sendTimes = (client: Partial<TcpConfig>) => {
      const net = new Net({ client, server: { ...LINUX, delayedAck: false } });
      net.client.connect(net.now);
      net.pump();
      net.runUntilQuiet();
      net.client.send(bytes(10), net.now);
      net.pump();
      net.client.send(bytes(10, 1), net.now);
      net.pump();
      net.runUntilQuiet();
      const data = net.sent.filter((s) => s.from === 'client' && s.seg.payload.length > 0);
      return data.map((s) => s.t - data[0]!.t);
    };
    // The second goes once the first is acked: one round trip later.
    expect(sendTimes(LINUX)).toEqual([0, 2 * ONE_WAY]);
    expect(sendTimes({ ...LINUX, nagle: false })).toEqual([0, 0]);
  });
});

describe('linux-push.ts: forced_push', () => {
  it('marks the segment whose end passes half the largest window since the last mark', () => {
    const push = new LinuxPush(seq(1));
    push.peerWindow(64256);
    // 1 + 32128 = 32129: the segment 31857–33305 is the first to end past it.
    expect(push.forced(seq(31857))).toBe(false);
    expect(push.forced(seq(33305))).toBe(true);
    expect(push.forced(seq(33305 + 32128))).toBe(false);
    expect(push.forced(seq(33305 + 32129))).toBe(true);
  });
});

/** Data segments one side sends and the pure ACKs the other answers with, in a loss-free run. */
function acksFor(sent: readonly Sent[], sender: 'client' | 'server') {
  const data = sent.filter((s) => s.from === sender && s.seg.payload.length > 0);
  const receiver = sent.filter((s) => s.from !== sender);
  const pureAcks = receiver.filter((s) => s.seg.payload.length === 0 && !s.seg.flags.syn && !s.seg.flags.fin && !s.seg.flags.rst);
  return { data, receiver, pureAcks };
}

describe('property: a Linux receiver on a loss-free wire, any write sizes', () => {
  it('sends no more pure ACKs than data segments arrive, and acks every segment within the delayed-ACK timeout', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 536, max: 1460 }),
        (writes, mss) => {
          const config = { ...LINUX, mss };
          const { net } = simulate({
            faults: [], client: config, server: config, clientIss: seq(0xfffff000), serverIss: seq(0xffff0000),
            clientWrites: writes, serverWrites: [], reads: [1 << 20], serverClosesEarly: false,
          });
          const { data, receiver, pureAcks } = acksFor(net.sent, 'client');
          expect(pureAcks.length).toBeLessThanOrEqual(data.length);
          for (const d of data) {
            const end = (d.seg.seq + d.seg.payload.length) >>> 0;
            const arrives = d.t + ONE_WAY;
            const ack = receiver.find((r) => r.t >= arrives && r.seg.ack !== null && ((r.seg.ack - end) | 0) >= 0);
            expect(ack, `segment ending at ${end}`).toBeDefined();
            expect(ack!.t - arrives).toBeLessThanOrEqual(LINUX_TCP_DEFAULTS.delayedAckTimeout!);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
