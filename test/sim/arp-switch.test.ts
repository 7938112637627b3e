import { describe, expect, it } from 'vitest';
import { BROADCAST_MAC } from '../../source/wire/address.js';
import { decodeFrame, sim, stepsOf } from './helpers.js';

const CLIENT_MAC = '02:00:00:00:01:0a';
const SERVER_MAC = '02:00:00:00:01:50';

describe('ARP', () => {
  it('broadcasts a request, gets a unicast reply, fills both caches, then sends the queued packet', () => {
    const net = sim('direct');
    net.listen('server', 80);
    net.connect('client', '192.168.1.80', 80);
    net.settle();
    const t = net.trace();
    const [req, reply, syn] = t.frames.map((f) => decodeFrame(f.bytes));
    expect(req!.eth.dst).toBe(BROADCAST_MAC);
    expect(req!.arp).toMatchObject({ op: 1, senderMac: CLIENT_MAC, senderIp: '192.168.1.10', targetMac: '00:00:00:00:00:00', targetIp: '192.168.1.80' });
    expect(reply!.eth.dst).toBe(CLIENT_MAC);
    expect(reply!.arp).toMatchObject({ op: 2, senderMac: SERVER_MAC, senderIp: '192.168.1.80', targetMac: CLIENT_MAC, targetIp: '192.168.1.10' });
    // The SYN waited for the reply, and then went to the MAC it taught.
    expect(syn!.tcp?.flags.syn).toBe(true);
    expect(syn!.eth.dst).toBe(SERVER_MAC);
    const wait = t.steps.findIndex((s) => s.kind === 'arp-wait');
    const firstTransmit = t.steps.findIndex((s) => s.kind === 'transmit');
    expect(wait).toBeGreaterThanOrEqual(0);
    expect(wait).toBeLessThan(firstTransmit);
    expect(t.steps[wait]).toMatchObject({ host: 'client', ip: '192.168.1.80' });
    // RFC 826: the request taught the server the client's address, so it never asks.
    const learned = stepsOf(t, 'arp-learn');
    expect(learned.map((s) => [s.host, s.ip, s.mac])).toEqual([
      ['server', '192.168.1.10', CLIENT_MAC],
      ['client', '192.168.1.80', SERVER_MAC],
    ]);
    expect(t.frames.filter((f) => decodeFrame(f.bytes).arp)).toHaveLength(2);
    const last = t.snapshots.at(-1)!;
    expect(last.arp['client']).toEqual({ '192.168.1.80': SERVER_MAC });
    expect(last.arp['server']).toEqual({ '192.168.1.10': CLIENT_MAC });
  });

  it('a cached address needs no second request', () => {
    const net = sim('direct');
    net.arp('client', '192.168.1.80');
    net.settle();
    net.listen('server', 80);
    net.connect('client', '192.168.1.80', 80);
    net.settle();
    expect(net.trace().frames.filter((f) => decodeFrame(f.bytes).arp)).toHaveLength(2);
  });

  it('asks three times, a second apart, when no one answers', () => {
    const net = sim('direct');
    net.arp('client', '192.168.1.99');
    net.settle();
    const reqs = net.trace().frames.filter((f) => decodeFrame(f.bytes).arp);
    expect(reqs.map((f) => f.t)).toEqual([0, 1_000_000, 2_000_000]);
  });
});

describe('learning switch', () => {
  it('floods a broadcast out of every other port, learns the sender, forwards the reply to one port', () => {
    const net = sim('lan');
    net.arp('client', '192.168.1.80');
    net.settle();
    const t = net.trace();
    const fwd = stepsOf(t, 'switch-forward');
    expect(fwd[0]).toMatchObject({ node: 'sw', frame: 0, flooded: true });
    expect(fwd[0]!.out.map((id) => t.frames[id]!.to)).toEqual(['server:eth0', 'dns:eth0']);
    // Copies keep every byte and point at the frame they came from.
    for (const id of fwd[0]!.out) {
      expect(t.frames[id]!.parent).toBe(0);
      expect(t.frames[id]!.bytes).toEqual(t.frames[0]!.bytes);
    }
    // The reply is to a learned MAC: one port, no flooding.
    expect(fwd[1]).toMatchObject({ flooded: false });
    expect(fwd[1]!.out.map((id) => t.frames[id]!.to)).toEqual(['client:eth0']);
    expect(stepsOf(t, 'switch-learn').map((s) => [s.mac, s.port])).toEqual([
      [CLIENT_MAC, 'sw:p1'],
      [SERVER_MAC, 'sw:p2'],
    ]);
    expect(t.snapshots.at(-1)!.macTables['sw']).toEqual({ [CLIENT_MAC]: 'sw:p1', [SERVER_MAC]: 'sw:p2' });
    // The DNS server saw the flooded request and ignored it: not its address.
    const ignored = stepsOf(t, 'drop').find((d) => d.node === 'dns');
    expect(ignored?.reason).toMatchObject({ code: 'arp-not-for-me', target: '192.168.1.80' });
  });

  it('forgets a MAC after 300 s, then floods unicast to it; hosts it is not for drop it at the eth.dst check', () => {
    const net = sim('lan');
    net.ping('client', '192.168.1.80');
    net.settle();
    net.wait(301_000);
    const before = net.trace().frames.length;
    net.ping('client', '192.168.1.80');
    net.settle();
    const t = net.trace();
    const request = t.frames[before]!;
    expect(decodeFrame(request.bytes).eth.dst).toBe(SERVER_MAC);
    const fwd = stepsOf(t, 'switch-forward').find((s) => s.frame === request.id)!;
    expect(fwd.flooded).toBe(true);
    expect(fwd.out.map((id) => t.frames[id]!.to)).toEqual(['server:eth0', 'dns:eth0']);
    const check = stepsOf(t, 'decap-check').find((c) => c.node === 'dns' && c.check === 'eth.dst' && fwd.out.includes(c.frame))!;
    expect(check).toMatchObject({ ok: false, actual: SERVER_MAC, expected: '02:00:00:00:01:35' });
    expect(stepsOf(t, 'drop').some((d) => d.node === 'dns' && d.frame === check.frame && d.layer === 'link')).toBe(true);
  });
});
