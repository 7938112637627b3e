import { describe, expect, it } from 'vitest';
import * as dns from '../../source/wire/dns.js';
import { decodeFrame, sim, stepsOf } from './helpers.js';

describe('DNS over UDP 53', () => {
  it('asks the configured resolver for an A record and follows the CNAME in the answer', () => {
    const net = sim('lan', { seed: 11 });
    const lookup = net.dnsLookup('client', 'www.example.com');
    net.settle();
    expect(lookup).toMatchObject({ done: true, addresses: ['192.168.1.80'], rcode: 0, error: null });
    const t = net.trace();
    const udps = t.frames.filter((f) => f.parent === null).map((f) => decodeFrame(f.bytes)).filter((d) => d.udp);
    expect(udps).toHaveLength(2);
    const [q, a] = udps as [ReturnType<typeof decodeFrame>, ReturnType<typeof decodeFrame>];
    expect(q.ip).toMatchObject({ src: '192.168.1.10', dst: '192.168.1.53' });
    expect(q.udp!.dstPort).toBe(53);
    expect(q.udp!.srcPort).toBeGreaterThanOrEqual(49152);
    expect(q.udp!.checksumOk).toBe(true);
    const query = dns.decode(q.udp!.payload);
    const answer = dns.decode(a.udp!.payload);
    if (!query.ok || !answer.ok) throw new Error('undecodable DNS');
    expect(query.value).toMatchObject({ qr: false, rd: true, questions: [{ name: 'www.example.com', type: dns.TYPE_A, class: dns.CLASS_IN }], answers: [] });
    expect(a.udp!.srcPort).toBe(53);
    expect(a.udp!.dstPort).toBe(q.udp!.srcPort);
    expect(answer.value.id).toBe(query.value.id);
    expect(answer.value).toMatchObject({ qr: true, aa: true, rcode: 0 });
    expect(answer.value.answers).toEqual([
      { name: 'www.example.com', type: dns.TYPE_CNAME, class: dns.CLASS_IN, ttl: 300, data: 'example.com' },
      { name: 'example.com', type: dns.TYPE_A, class: dns.CLASS_IN, ttl: 300, data: '192.168.1.80' },
    ]);
    expect(stepsOf(t, 'dns-query')).toMatchObject([{ host: 'client', name: 'www.example.com' }]);
    expect(stepsOf(t, 'dns-answer')).toMatchObject([{ host: 'client', name: 'www.example.com', addresses: ['192.168.1.80'] }]);
    expect(t.frames.find((f) => f.parent === null && decodeFrame(f.bytes).udp)!.summary).toMatch(/> 192\.168\.1\.53\.53: \d+\+ A\? www\.example\.com\. \(33\)$/);
  });

  it('an unknown name gets NXDOMAIN and no addresses', () => {
    const net = sim('lan');
    const lookup = net.dnsLookup('client', 'nothing.example');
    net.settle();
    expect(lookup).toMatchObject({ done: true, addresses: [], rcode: dns.RCODE_NXDOMAIN });
  });

  it('asks again after 5 s when the query is lost', () => {
    const net = sim('lan');
    net.impair('client-sw', { match: { protocol: 'dns' }, nth: 1, action: 'drop' });
    const lookup = net.dnsLookup('client', 'example.com');
    net.settle();
    expect(lookup.addresses).toEqual(['192.168.1.80']);
    expect(stepsOf(net.trace(), 'dns-query').map((s) => s.t)).toEqual([0, 5_000_000]);
  });
});
