import { describe, expect, it } from 'vitest';
import * as ipv4 from '../../source/wire/ipv4.js';
import { decodeFrame, sim, stepsOf } from './helpers.js';

const MAC = {
  client: '02:00:00:00:01:0a', r1in: '02:00:00:00:01:01', r1out: '02:00:00:00:00:01',
  r2in: '02:00:00:00:00:02', r2out: '02:00:00:00:02:01', server: '02:00:00:00:02:50',
};

describe('routing across two routers', () => {
  it('rewrites the MACs at every hop, keeps the IPs, takes one from TTL per router, and recomputes a valid checksum', () => {
    const net = sim('two-routers');
    const ping = net.ping('client', '10.0.2.80');
    expect(net.settle().ok).toBe(true);
    expect(ping.replies).toHaveLength(1);
    expect(ping.replies[0]!.from).toBe('10.0.2.80');
    const t = net.trace();
    const hops = t.frames
      .map((f) => ({ f, d: decodeFrame(f.bytes) }))
      .filter(({ d }) => d.ip?.protocol === ipv4.PROTO_ICMP && d.ip.src === '10.0.1.10');
    // client→sw1, sw1→r1, r1→r2, r2→sw2, sw2→server
    expect(hops.map(({ f }) => f.link)).toEqual(['client-sw1', 'r1-sw1', 'transit', 'r2-sw2', 'server-sw2']);
    const view = hops.map(({ d }) => [d.eth.src, d.eth.dst, d.ip!.src, d.ip!.dst, d.ip!.ttl, d.ip!.checksumOk]);
    expect(view).toEqual([
      [MAC.client, MAC.r1in, '10.0.1.10', '10.0.2.80', 64, true],
      [MAC.client, MAC.r1in, '10.0.1.10', '10.0.2.80', 64, true],
      [MAC.r1out, MAC.r2in, '10.0.1.10', '10.0.2.80', 63, true],
      [MAC.r2out, MAC.server, '10.0.1.10', '10.0.2.80', 62, true],
      [MAC.r2out, MAC.server, '10.0.1.10', '10.0.2.80', 62, true],
    ]);
    // The checksum really changed with the TTL.
    expect(hops[2]!.d.ip!.checksum).not.toBe(hops[0]!.d.ip!.checksum);
    // Each router's forward step names exactly what changed, with before and after.
    const fwd = stepsOf(t, 'router-forward').filter((s) => s.frame === hops[1]!.f.id || s.frame === hops[2]!.f.id);
    expect(fwd.map((s) => s.node)).toEqual(['r1', 'r2']);
    const r1 = fwd[0]!;
    expect(r1.out).toBe(hops[2]!.f.id);
    expect(r1.nextHop).toBe('10.0.0.2');
    expect(r1.route).toBe('10.0.2.0/24 via 10.0.0.2 dev eth1');
    expect(r1.changed.map((c) => c.key)).toEqual(['eth.dst', 'eth.src', 'ip.ttl', 'ip.checksum', 'eth.fcs']);
    expect(r1.changed.find((c) => c.key === 'ip.ttl')).toEqual({ key: 'ip.ttl', before: '64', after: '63' });
    expect(r1.changed.find((c) => c.key === 'eth.src')).toEqual({ key: 'eth.src', before: MAC.client, after: MAC.r1out });
    expect(r1.unchanged.map((u) => [u.key, u.value])).toEqual([
      ['ip.src', '10.0.1.10'], ['ip.dst', '10.0.2.80'], ['icmp.ident', String(decodeFrame(hops[0]!.f.bytes).ip!.payload[4]! * 256 + decodeFrame(hops[0]!.f.bytes).ip!.payload[5]!)], ['icmp.seq', '1'],
    ]);
    expect(fwd[1]!.route).toBe('10.0.2.0/24 dev eth0 (connected)');
    expect(fwd[1]!.nextHop).toBe('10.0.2.80');
  });

  it('a TCP segment keeps its ports, seq and ack across routers', () => {
    const net = sim('two-routers');
    net.serveHttp('server', 80, 500);
    const get = net.httpGet('client', 'http://10.0.2.80/');
    net.settle();
    expect(get.status).toBe('done');
    const t = net.trace();
    const fwd = stepsOf(t, 'router-forward');
    const syn = fwd.find((s) => decodeFrame(t.frames[s.frame]!.bytes).tcp?.flags.syn)!;
    const d = decodeFrame(t.frames[syn.frame]!.bytes).tcp!;
    expect(syn.unchanged.map((u) => u.key)).toEqual(['ip.src', 'ip.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.ack']);
    expect(syn.unchanged.find((u) => u.key === 'tcp.seq')!.value).toBe(String(d.seq));
    expect(syn.unchanged.find((u) => u.key === 'tcp.dstport')!.value).toBe('80');
    const out = decodeFrame(t.frames[syn.out]!.bytes).tcp!;
    expect(out.checksumOk).toBe(true);
    expect([out.srcPort, out.dstPort, out.seq]).toEqual([d.srcPort, d.dstPort, d.seq]);
  });

  it('the client ARPs for its gateway, not for the far server', () => {
    const net = sim('two-routers');
    net.ping('client', '10.0.2.80');
    net.settle();
    const first = decodeFrame(net.trace().frames[0]!.bytes);
    expect(first.arp).toMatchObject({ op: 1, senderIp: '10.0.1.10', targetIp: '10.0.1.1' });
  });

  it('a router drops a packet whose TTL would reach 0 and sends ICMP time exceeded back', () => {
    for (const [ttl, router, from] of [[1, 'r1', '10.0.1.1'], [2, 'r2', '10.0.0.2']] as const) {
      const net = sim('two-routers');
      const ping = net.ping('client', '10.0.2.80', { ttl });
      net.settle();
      const t = net.trace();
      const drops = stepsOf(t, 'router-drop');
      expect(drops).toHaveLength(1);
      expect(drops[0]).toMatchObject({ node: router, reason: 'ttl-expired' });
      const check = stepsOf(t, 'decap-check').find((c) => c.check === 'ip.ttl' && !c.ok)!;
      expect(check).toMatchObject({ node: router, actual: '1', expected: '> 1' });
      expect(ping.replies).toHaveLength(0);
      expect(ping.errors).toEqual([`time exceeded from ${from}`]);
      expect(stepsOf(t, 'arrive').some((a) => a.node === 'server')).toBe(false);
    }
  });

  it('a router answers a ping to its own address', () => {
    const net = sim('two-routers');
    const ping = net.ping('client', '10.0.0.2', { count: 2 });
    net.settle();
    expect(ping.replies.map((r) => [r.sequence, r.from])).toEqual([[1, '10.0.0.2'], [2, '10.0.0.2']]);
    // Four link hops each way at 1 + 1 + 10 ms... : client–sw1–r1–r2 is 12 ms one way.
    expect(ping.replies[1]!.rtt).toBe(24_000);
  });

  it('no route: the router drops the packet', () => {
    const net = sim('two-routers');
    net.ping('client', '172.16.0.1');
    net.settle();
    expect(stepsOf(net.trace(), 'router-drop')).toMatchObject([{ node: 'r1', reason: 'no-route' }]);
  });
});
