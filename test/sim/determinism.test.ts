import { describe, expect, it } from 'vitest';
import { decodeFrame, sim } from './helpers.js';

function run(seed: number) {
  const net = sim('lan', { seed });
  net.serveHttp('server', 80, 4000);
  const get = net.httpGet('client', 'http://www.example.com/');
  expect(net.settle().ok).toBe(true);
  expect(get.status).toBe('done');
  return net.trace();
}

describe('determinism: the seed decides everything', () => {
  it('the same topology and seed give byte-identical frames and identical steps', () => {
    const a = run(7);
    const b = run(7);
    expect(a.frames.length).toBeGreaterThan(20);
    expect(b.frames.map((f) => Buffer.from(f.bytes).toString('hex'))).toEqual(a.frames.map((f) => Buffer.from(f.bytes).toString('hex')));
    expect(JSON.stringify(b.steps)).toBe(JSON.stringify(a.steps));
    expect(JSON.stringify(b.snapshots)).toBe(JSON.stringify(a.snapshots));
  });

  it('a different seed gives different ISNs, ephemeral ports and DNS IDs', () => {
    const a = run(7);
    const b = run(8);
    const syn = (t: ReturnType<typeof run>) => t.frames.map((f) => decodeFrame(f.bytes)).find((d) => d.tcp?.flags.syn && d.tcp.ack === null)!;
    expect(syn(a).tcp!.seq).not.toBe(syn(b).tcp!.seq);
    expect(syn(a).tcp!.srcPort).not.toBe(syn(b).tcp!.srcPort);
    const dnsId = (t: ReturnType<typeof run>) => t.frames.map((f) => decodeFrame(f.bytes)).find((d) => d.udp)!.udp!.payload.subarray(0, 2).join();
    expect(dnsId(a)).not.toBe(dnsId(b));
  });

  it('ephemeral ports are in the dynamic range 49152–65535', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = run(seed);
      for (const s of t.sockets.filter((x) => x.host === 'client')) {
        expect(s.local.port).toBeGreaterThanOrEqual(49152);
        expect(s.local.port).toBeLessThanOrEqual(65535);
      }
    }
  });

  it("one host's extra traffic does not shift another host's ISNs", () => {
    const isns = (extraPings: number) => {
      const net = sim('lan', { seed: 3 });
      net.serveHttp('server', 80, 100);
      if (extraPings) net.ping('dns', '192.168.1.10', { count: extraPings, intervalMs: 1 });
      const get = net.httpGet('client', 'http://192.168.1.80/');
      net.settle();
      const client = net.socket(get.socket!)!;
      const server = net.socket(net.trace().sockets.find((s) => s.host === 'server')!.id)!;
      return [client.iss, server.iss, client.local.port];
    };
    expect(isns(3)).toEqual(isns(0));
  });
});
