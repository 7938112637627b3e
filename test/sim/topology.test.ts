import { describe, expect, it } from 'vitest';
import {
  BUILTIN_TOPOLOGIES, builtinTopology, parsePrefix, validateTopology, type TopologySpec,
} from '../../source/sim/topology.js';

const errorsOf = (spec: TopologySpec) => {
  const r = validateTopology(spec);
  return r.ok ? [] : r.errors;
};

describe('topology', () => {
  it.each(BUILTIN_TOPOLOGIES)('the built-in %s is valid, with locally administered MACs', (name) => {
    const r = validateTopology(builtinTopology(name));
    expect(r.ok).toBe(true);
    for (const h of builtinTopology(name).hosts) expect(parseInt(h.mac.slice(0, 2), 16) & 0x02).toBe(2);
  });

  it('names switch ports in cabling order and links after their ends', () => {
    const r = validateTopology(builtinTopology('lan'));
    if (!r.ok) throw new Error('invalid');
    expect(r.value.switchPorts.get('sw')).toEqual(['sw:p1', 'sw:p2', 'sw:p3']);
    expect(r.value.links.map((l) => l.name)).toEqual(['client-sw', 'server-sw', 'dns-sw']);
    expect(r.value.links[0]!.a).toEqual({ node: 'client', iface: 'client:eth0' });
  });

  it('reports every problem with its path', () => {
    const spec: TopologySpec = {
      hosts: [
        { name: 'a', mac: '02:00:00:00:00:01', ip: '10.0.0.1', prefix: 24, gateway: '10.0.1.1' },
        { name: 'a', mac: '02:00:00:00:00:01', ip: '10.0.0.300', prefix: 33 },
        { name: 'c', mac: '03:00:00:00:00:09', ip: '10.0.0.1', prefix: 24 },
      ],
      routers: [{ name: 'r', interfaces: [{ name: 'eth0', mac: '02:00:00:00:00:aa', ip: '10.0.0.254', prefix: 24 }, { name: 'eth1', mac: '02:00:00:00:00:bb', ip: '10.9.0.1', prefix: 24 }],
        routes: [{ prefix: '10.5.0.1/16', iface: 'eth9' }] }],
      links: [
        { a: 'a', b: 'nowhere', delayMs: 1 },
        { a: 'a', b: 'r', delayMs: -1 },
        { a: 'c', b: 'r:eth0', delayMs: 1, bandwidth: 0 },
      ],
    };
    const errs = errorsOf(spec);
    const at = (path: string) => errs.filter((e) => e.path === path).map((e) => e.message).join(' | ');
    expect(at('hosts[0].gateway')).toMatch(/not in a's subnet/);
    expect(at('hosts[1].name')).toMatch(/used twice/);
    expect(at('hosts[1].mac')).toMatch(/already used/);
    expect(at('hosts[1].ip')).toMatch(/not an IPv4 address/);
    expect(at('hosts[2].mac')).toMatch(/multicast/);
    expect(at('hosts[2].ip')).toMatch(/already used/);
    expect(at('routers[0].routes[0].prefix')).toMatch(/host bits set/);
    expect(at('routers[0].routes[0].iface')).toMatch(/no interface "eth9"/);
    expect(at('links[0].b')).toMatch(/no node named "nowhere"/);
    expect(at('links[1].b')).toMatch(/2 interfaces; say which/);
    expect(at('links[1].a')).toMatch(/already cabled/);
    expect(at('links[1].delayMs')).toMatch(/0 or more/);
    expect(at('links[2].bandwidth')).toMatch(/positive/);
  });

  it('an uncabled host is an error', () => {
    expect(errorsOf({ hosts: [{ name: 'lonely', mac: '02:00:00:00:00:01', ip: '10.0.0.1', prefix: 24 }], links: [] })[0]?.message)
      .toMatch(/not cabled/);
  });

  it('parses prefixes', () => {
    expect(parsePrefix('10.0.2.0/24')).toEqual({ network: 0x0a000200, prefix: 24 });
    expect(parsePrefix('0.0.0.0/0')).toEqual({ network: 0, prefix: 0 });
    expect((parsePrefix('10.0.2.0') as { en: string }).en).toMatch(/not a prefix/);
    expect((parsePrefix('10.0.2.1/24') as { ko: string }).ko).toBe('"10.0.2.1/24": 호스트 부분의 비트가 켜져 있습니다. 10.0.2.0/24를 뜻했나요?');
  });
});
