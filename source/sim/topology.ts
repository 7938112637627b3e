import { ipv4ToNumber, isIpv4, isMac, numberToIpv4, type Ipv4Addr, type MacAddr } from '../wire/address.js';
import type { InterfaceName, LinkName, NodeName } from './trace.js';
import type { Text } from '../i18n/text.js';
import { withJosa } from '../i18n/josa.js';

/**
 * The network a lesson runs on, as plain data (a lesson's YAML `topology`). Validation
 * turns it into a `Topology` in which every name is resolved, or into error values that
 * name the offending path (`links[2].a`) for the loader to map to a file position.
 */

export type DnsRecordSpec =
  | { readonly name: string; readonly type: 'A'; readonly address: Ipv4Addr; readonly ttl?: number }
  | { readonly name: string; readonly type: 'CNAME'; readonly target: string; readonly ttl?: number };

export interface HostSpec {
  readonly name: NodeName;
  readonly mac: MacAddr;
  readonly ip: Ipv4Addr;
  /** Prefix length of the host's subnet: 24 for a /24. */
  readonly prefix: number;
  /** The default gateway: a router's address in the host's subnet. */
  readonly gateway?: Ipv4Addr;
  /** Default 1500 (Ethernet). */
  readonly mtu?: number;
  /** The DNS server this host asks. */
  readonly resolver?: Ipv4Addr;
  /** When present, the host answers DNS queries on UDP port 53 from these records. */
  readonly dns?: { readonly records: readonly DnsRecordSpec[] };
}

export interface SwitchSpec {
  readonly name: NodeName;
}

export interface RouterInterfaceSpec {
  /** Short name, such as `eth0`; the interface is then `r1:eth0`. */
  readonly name: string;
  readonly mac: MacAddr;
  readonly ip: Ipv4Addr;
  readonly prefix: number;
  readonly mtu?: number;
}

export interface RouteSpec {
  /** `10.0.2.0/24`; `0.0.0.0/0` for a default route. */
  readonly prefix: string;
  /** The next router; absent for a network reached directly on `iface`. */
  readonly via?: Ipv4Addr;
  readonly iface: string;
}

export interface RouterSpec {
  readonly name: NodeName;
  readonly interfaces: readonly RouterInterfaceSpec[];
  /** Static routes; every interface's own subnet is a connected route already. */
  readonly routes?: readonly RouteSpec[];
}

export interface LinkSpec {
  readonly name?: LinkName;
  /** `node:iface`, or a bare node name for a host (its one NIC) or a switch (next free port). */
  readonly a: string;
  readonly b: string;
  /** One-way propagation delay. */
  readonly delayMs: number;
  /** The largest IP packet the link carries; default 1500. */
  readonly mtu?: number;
  /** Bits per second; absent means frames take no time to serialize. */
  readonly bandwidth?: number;
}

export interface TopologySpec {
  readonly hosts: readonly HostSpec[];
  readonly switches?: readonly SwitchSpec[];
  readonly routers?: readonly RouterSpec[];
  readonly links: readonly LinkSpec[];
}

export interface TopologyError {
  /** Where in the spec: `hosts[1].ip`, `links[0].b`. */
  readonly path: string;
  readonly message: string;
  /** The message in each language, for a lesson's problems. */
  readonly text: Text;
}

// ---------------------------------------------------------------------------------------
// Resolved form

export interface Subnet {
  readonly network: number;
  readonly prefix: number;
}

export interface ResolvedEndpoint {
  readonly node: NodeName;
  /** The full interface name: `client:eth0`, `sw:p1`. */
  readonly iface: InterfaceName;
}

export interface ResolvedLink {
  readonly name: LinkName;
  readonly a: ResolvedEndpoint;
  readonly b: ResolvedEndpoint;
  readonly delayMs: number;
  readonly mtu: number;
  readonly bandwidth: number | null;
}

export interface Topology {
  readonly spec: TopologySpec;
  readonly hosts: readonly HostSpec[];
  readonly switches: readonly SwitchSpec[];
  readonly routers: readonly RouterSpec[];
  readonly links: readonly ResolvedLink[];
  /** Switch name → its port names, in the order links were attached. */
  readonly switchPorts: ReadonlyMap<NodeName, readonly InterfaceName[]>;
}

export const DEFAULT_MTU = 1500;
/** RFC 791: every host must accept 576-byte datagrams; 68 is the least an IP link may carry. */
const MIN_MTU = 68;
const MAX_MTU = 9216;
export const HOST_IFACE = 'eth0';

export function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function subnetOf(ip: Ipv4Addr, prefix: number): Subnet {
  return { network: (ipv4ToNumber(ip) & mask(prefix)) >>> 0, prefix };
}

export function inSubnet(ip: Ipv4Addr, s: Subnet): boolean {
  return ((ipv4ToNumber(ip) & mask(s.prefix)) >>> 0) === s.network;
}

export function formatSubnet(s: Subnet): string {
  return `${numberToIpv4(s.network)}/${s.prefix}`;
}

/** `10.0.2.0/24` → a subnet, or what is wrong with it. */
export function parsePrefix(text: string): Subnet | Text {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (!m || !isIpv4(m[1]!)) return { en: `"${text}" is not a prefix such as 10.0.2.0/24`, ko: `"${text}": 10.0.2.0/24 같은 프리픽스가 아닙니다` };
  const prefix = Number(m[2]);
  if (prefix > 32) return { en: `prefix length ${prefix} is more than 32`, ko: `프리픽스 길이 ${prefix}: 32보다 큽니다` };
  const n = ipv4ToNumber(m[1]!);
  if (((n & mask(prefix)) >>> 0) !== n) {
    const meant = `${numberToIpv4((n & mask(prefix)) >>> 0)}/${prefix}`;
    return { en: `"${text}" has host bits set; did you mean ${meant}?`, ko: `"${text}": 호스트 부분의 비트가 켜져 있습니다. ${withJosa(meant, '를')} 뜻했나요?` };
  }
  return { network: n, prefix };
}

function isPrefixLength(p: unknown): p is number {
  return typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 32;
}

const NAME_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const DNS_NAME_RE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export type TopologyResult =
  | { readonly ok: true; readonly value: Topology }
  | { readonly ok: false; readonly errors: readonly TopologyError[] };

/** A path of switches from `from` to `to` over `links`, or null: breadth first, so the shortest. */
function switchPath(links: readonly (readonly [string, string])[], from: string, to: string): string[] | null {
  const prev = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const n = queue.shift()!;
    if (n === to) {
      const path: string[] = [];
      for (let at: string | null = n; at !== null; at = prev.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const [x, y] of links) {
      const next = x === n ? y : y === n ? x : null;
      if (next !== null && !prev.has(next)) {
        prev.set(next, n);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Checks every name, address and reference; all problems are reported, not just the first. */
export function validateTopology(spec: TopologySpec): TopologyResult {
  const errors: TopologyError[] = [];
  const err = (path: string, message: string, ko: string) => errors.push({ path, message, text: { en: message, ko } });
  const switches = spec.switches ?? [];
  const routers = spec.routers ?? [];

  const kinds = new Map<string, 'host' | 'switch' | 'router'>();
  const macs = new Map<string, string>();
  const ips = new Map<string, string>();
  const claimName = (name: unknown, path: string, kind: 'host' | 'switch' | 'router') => {
    if (typeof name !== 'string' || !NAME_RE.test(name)) {
      err(path, `name ${JSON.stringify(name)} must start with a letter and use letters, digits, - or _`, `이름 ${JSON.stringify(name)}: 영문자로 시작하고 영문자, 숫자, -, _만 쓰세요`);
      return;
    }
    if (kinds.has(name)) err(path, `the name "${name}" is used twice`, `"${name}" 이름이 두 번 쓰였습니다`);
    else kinds.set(name, kind);
  };
  const claimMac = (mac: unknown, path: string) => {
    if (typeof mac !== 'string' || !isMac(mac)) return err(path, `${JSON.stringify(mac)} is not a MAC address such as 02:00:00:00:00:01`, `${JSON.stringify(mac)}: MAC 주소가 아닙니다(예: 02:00:00:00:00:01)`);
    const lower = mac.toLowerCase();
    const other = macs.get(lower);
    if (other) return err(path, `MAC ${mac} is already used by ${other}`, `MAC ${mac}: 이미 ${other}에서 쓰고 있습니다`);
    macs.set(lower, path);
    if (parseInt(lower.slice(0, 2), 16) & 1) err(path, `MAC ${mac} is a multicast address; a NIC needs a unicast one`, `MAC ${mac}: 멀티캐스트 주소입니다. NIC에는 유니캐스트 주소가 필요합니다`);
  };
  const claimIp = (ip: unknown, prefix: unknown, path: string, prefixPath: string) => {
    if (typeof ip !== 'string' || !isIpv4(ip)) return err(path, `${JSON.stringify(ip)} is not an IPv4 address`, `${JSON.stringify(ip)}: IPv4 주소가 아닙니다`);
    const other = ips.get(ip);
    if (other) err(path, `IP ${ip} is already used by ${other}`, `IP ${ip}: 이미 ${other}에서 쓰고 있습니다`);
    else ips.set(ip, path);
    if (!isPrefixLength(prefix)) return err(prefixPath, `prefix ${JSON.stringify(prefix)} must be a whole number from 0 to 32`, `프리픽스 ${JSON.stringify(prefix)}: 0부터 32까지의 정수여야 합니다`);
    const s = subnetOf(ip, prefix);
    if (prefix < 31) {
      const n = ipv4ToNumber(ip);
      if (n === s.network) err(path, `${ip} is the network address of ${formatSubnet(s)}, not a host address`, `${ip}: ${formatSubnet(s)}의 네트워크 주소라서 호스트 주소로 쓸 수 없습니다`);
      if (n === (s.network | ~mask(prefix)) >>> 0) err(path, `${ip} is the broadcast address of ${formatSubnet(s)}`, `${ip}: ${formatSubnet(s)}의 브로드캐스트 주소입니다`);
    }
  };
  const checkMtu = (mtu: unknown, path: string) => {
    if (mtu === undefined) return;
    if (typeof mtu !== 'number' || !Number.isInteger(mtu) || mtu < MIN_MTU || mtu > MAX_MTU) {
      err(path, `MTU ${JSON.stringify(mtu)} must be a whole number from ${MIN_MTU} to ${MAX_MTU}`, `MTU ${JSON.stringify(mtu)}: ${MIN_MTU}부터 ${MAX_MTU}까지의 정수여야 합니다`);
    }
  };

  spec.hosts.forEach((h, i) => {
    const p = `hosts[${i}]`;
    claimName(h.name, `${p}.name`, 'host');
    claimMac(h.mac, `${p}.mac`);
    claimIp(h.ip, h.prefix, `${p}.ip`, `${p}.prefix`);
    checkMtu(h.mtu, `${p}.mtu`);
    if (h.gateway !== undefined) {
      if (!isIpv4(h.gateway)) err(`${p}.gateway`, `${JSON.stringify(h.gateway)} is not an IPv4 address`, `${JSON.stringify(h.gateway)}: IPv4 주소가 아닙니다`);
      else if (isIpv4(h.ip) && isPrefixLength(h.prefix) && !inSubnet(h.gateway, subnetOf(h.ip, h.prefix))) {
        err(`${p}.gateway`, `gateway ${h.gateway} is not in ${h.name}'s subnet ${formatSubnet(subnetOf(h.ip, h.prefix))}`, `게이트웨이 ${h.gateway}: ${h.name}의 서브넷 ${formatSubnet(subnetOf(h.ip, h.prefix))} 안에 있지 않습니다`);
      } else if (h.gateway === h.ip) err(`${p}.gateway`, `a host cannot be its own gateway`, `호스트는 자기 자신을 게이트웨이로 둘 수 없습니다`);
    }
    if (h.resolver !== undefined && !isIpv4(h.resolver)) err(`${p}.resolver`, `${JSON.stringify(h.resolver)} is not an IPv4 address`, `${JSON.stringify(h.resolver)}: IPv4 주소가 아닙니다`);
    h.dns?.records.forEach((r, j) => {
      const rp = `${p}.dns.records[${j}]`;
      if (typeof r.name !== 'string' || !DNS_NAME_RE.test(r.name)) err(`${rp}.name`, `${JSON.stringify(r.name)} is not a domain name`, `${JSON.stringify(r.name)}: 도메인 이름이 아닙니다`);
      if (r.type === 'A') {
        if (!isIpv4(r.address)) err(`${rp}.address`, `${JSON.stringify(r.address)} is not an IPv4 address`, `${JSON.stringify(r.address)}: IPv4 주소가 아닙니다`);
      } else if (r.type === 'CNAME') {
        if (typeof r.target !== 'string' || !DNS_NAME_RE.test(r.target)) err(`${rp}.target`, `${JSON.stringify(r.target)} is not a domain name`, `${JSON.stringify(r.target)}: 도메인 이름이 아닙니다`);
      } else {
        err(`${rp}.type`, `record type ${JSON.stringify((r as { type: unknown }).type)} is not A or CNAME`, `레코드 타입 ${JSON.stringify((r as { type: unknown }).type)}: A나 CNAME이 아닙니다`);
      }
    });
  });
  switches.forEach((s, i) => claimName(s.name, `switches[${i}].name`, 'switch'));
  routers.forEach((r, i) => {
    const p = `routers[${i}]`;
    claimName(r.name, `${p}.name`, 'router');
    if (r.interfaces.length === 0) err(`${p}.interfaces`, `router ${r.name} has no interfaces`, `라우터 ${r.name}에 인터페이스가 없습니다`);
    const ifNames = new Set<string>();
    r.interfaces.forEach((f, j) => {
      const fp = `${p}.interfaces[${j}]`;
      if (typeof f.name !== 'string' || !NAME_RE.test(f.name)) err(`${fp}.name`, `interface name ${JSON.stringify(f.name)} is not valid`, `인터페이스 이름 ${JSON.stringify(f.name)}: 쓸 수 없는 이름입니다`);
      else if (ifNames.has(f.name)) err(`${fp}.name`, `interface ${r.name}:${f.name} is defined twice`, `인터페이스 ${r.name}:${f.name}: 두 번 정의되었습니다`);
      ifNames.add(f.name);
      claimMac(f.mac, `${fp}.mac`);
      claimIp(f.ip, f.prefix, `${fp}.ip`, `${fp}.prefix`);
      checkMtu(f.mtu, `${fp}.mtu`);
    });
    (r.routes ?? []).forEach((route, j) => {
      const rp = `${p}.routes[${j}]`;
      const s = parsePrefix(route.prefix);
      if ('en' in s) err(`${rp}.prefix`, s.en, s.ko);
      const iface = r.interfaces.find((f) => f.name === route.iface);
      if (!iface) {
        err(`${rp}.iface`, `router ${r.name} has no interface "${route.iface}"`, `라우터 ${r.name}에는 "${route.iface}" 인터페이스가 없습니다`);
        return;
      }
      if (route.via !== undefined) {
        if (!isIpv4(route.via)) err(`${rp}.via`, `${JSON.stringify(route.via)} is not an IPv4 address`, `${JSON.stringify(route.via)}: IPv4 주소가 아닙니다`);
        else if (isIpv4(iface.ip) && isPrefixLength(iface.prefix) && !inSubnet(route.via, subnetOf(iface.ip, iface.prefix))) {
          err(`${rp}.via`, `next hop ${route.via} is not on ${r.name}:${iface.name}'s subnet`, `다음 홉 ${route.via}: ${r.name}:${iface.name}의 서브넷에 있지 않습니다`);
        }
      }
    });
  });

  // Links: resolve each end to an interface, and use each interface once.
  const used = new Map<InterfaceName, string>();
  const switchPorts = new Map<NodeName, InterfaceName[]>(switches.map((s) => [s.name, []]));
  const linkNames = new Set<string>();
  const links: ResolvedLink[] = [];
  const resolveEnd = (text: unknown, path: string): ResolvedEndpoint | null => {
    if (typeof text !== 'string' || text === '') {
      err(path, `link end ${JSON.stringify(text)} must be "node" or "node:iface"`, `링크 끝 ${JSON.stringify(text)}: "노드"나 "노드:인터페이스" 형식이어야 합니다`);
      return null;
    }
    const colon = text.indexOf(':');
    const node = colon < 0 ? text : text.slice(0, colon);
    const ifPart = colon < 0 ? null : text.slice(colon + 1);
    const kind = kinds.get(node);
    if (!kind) {
      err(path, `no node named "${node}"`, `없는 노드입니다: "${node}"`);
      return null;
    }
    let iface: InterfaceName;
    if (kind === 'host') {
      if (ifPart !== null && ifPart !== HOST_IFACE) {
        err(path, `host ${node} has one interface, ${HOST_IFACE}`, `호스트 ${node}의 인터페이스는 ${HOST_IFACE} 하나뿐입니다`);
        return null;
      }
      iface = `${node}:${HOST_IFACE}`;
    } else if (kind === 'switch') {
      const ports = switchPorts.get(node)!;
      iface = `${node}:${ifPart ?? `p${ports.length + 1}`}`;
      if (ifPart !== null && !NAME_RE.test(ifPart)) {
        err(path, `port name "${ifPart}" is not valid`, `포트 이름 "${ifPart}": 쓸 수 없는 이름입니다`);
        return null;
      }
      if (!used.has(iface)) ports.push(iface);
    } else {
      const r = routers.find((x) => x.name === node)!;
      let f: RouterInterfaceSpec | undefined;
      if (ifPart === null) {
        if (r.interfaces.length !== 1) {
          err(path, `router ${node} has ${r.interfaces.length} interfaces; say which, as ${node}:${r.interfaces[0]?.name ?? 'eth0'}`, `라우터 ${node}에는 인터페이스가 ${r.interfaces.length}개 있습니다. ${node}:${r.interfaces[0]?.name ?? 'eth0'}처럼 어느 것인지 쓰세요`);
          return null;
        }
        f = r.interfaces[0];
      } else f = r.interfaces.find((x) => x.name === ifPart);
      if (!f) {
        err(path, `router ${node} has no interface "${ifPart}"`, `라우터 ${node}에는 "${ifPart}" 인터페이스가 없습니다`);
        return null;
      }
      iface = `${node}:${f.name}`;
    }
    const other = used.get(iface);
    if (other) {
      err(path, `${iface} is already cabled by ${other}`, `${iface}: 이미 ${other}에 연결되어 있습니다`);
      return null;
    }
    used.set(iface, path);
    return { node, iface };
  };
  const switchLinks: [string, string][] = [];
  spec.links.forEach((l, i) => {
    const p = `links[${i}]`;
    const a = resolveEnd(l.a, `${p}.a`);
    const b = resolveEnd(l.b, `${p}.b`);
    if (typeof l.delayMs !== 'number' || !Number.isFinite(l.delayMs) || l.delayMs < 0) {
      err(`${p}.delayMs`, `delay ${JSON.stringify(l.delayMs)} must be a number of milliseconds, 0 or more`, `지연 ${JSON.stringify(l.delayMs)}: 0 이상의 밀리초 값이어야 합니다`);
    }
    checkMtu(l.mtu, `${p}.mtu`);
    if (l.bandwidth !== undefined && (typeof l.bandwidth !== 'number' || !(l.bandwidth > 0) || !Number.isFinite(l.bandwidth))) {
      err(`${p}.bandwidth`, `bandwidth ${JSON.stringify(l.bandwidth)} must be a positive number of bits per second`, `대역폭 ${JSON.stringify(l.bandwidth)}: 0보다 큰 초당 비트 수여야 합니다`);
    }
    if (!a || !b) return;
    if (a.node === b.node) err(p, `link ${a.iface}–${b.iface} connects ${a.node} to itself`, `링크 ${a.iface}–${b.iface}: ${withJosa(a.node, '을')} 자기 자신에 연결합니다`);
    let name = l.name ?? `${a.node}-${b.node}`;
    if (l.name !== undefined) {
      if (!NAME_RE.test(l.name)) err(`${p}.name`, `link name "${l.name}" is not valid`, `링크 이름 "${l.name}": 쓸 수 없는 이름입니다`);
      if (linkNames.has(l.name)) err(`${p}.name`, `the link name "${l.name}" is used twice`, `"${l.name}" 링크 이름이 두 번 쓰였습니다`);
    } else {
      for (let k = 2; linkNames.has(name); k++) name = `${a.node}-${b.node}-${k}`;
    }
    linkNames.add(name);
    links.push({ name, a, b, delayMs: l.delayMs, mtu: l.mtu ?? DEFAULT_MTU, bandwidth: l.bandwidth ?? null });
    // A loop of switches floods every broadcast around it for ever (a broadcast storm):
    // the simulator has no spanning tree, so such a topology is refused.
    if (switches.some((w) => w.name === a.node) && switches.some((w) => w.name === b.node)) {
      const path = switchPath(switchLinks, a.node, b.node);
      if (path) err(p, `switches ${[...path, a.node].join(' – ')} form a loop: every broadcast would circle it for ever (a broadcast storm). Real networks break such loops with the Spanning Tree Protocol (IEEE 802.1D); remove one of these links`, `스위치 ${[...path, a.node].join(' – ')} 사이에 고리를 이룹니다. 브로드캐스트가 이 고리를 끝없이 돌게 됩니다(브로드캐스트 스톰). 실제 네트워크는 스패닝 트리 프로토콜(IEEE 802.1D)로 이런 고리를 끊습니다. 이 링크 중 하나를 지우세요`);
      else switchLinks.push([a.node, b.node]);
    }
  });

  spec.hosts.forEach((h, i) => {
    if (typeof h.name === 'string' && !used.has(`${h.name}:${HOST_IFACE}`)) err(`hosts[${i}]`, `host ${h.name} is not cabled to anything`, `호스트 ${h.name}: 아무 데도 연결되어 있지 않습니다`);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { spec, hosts: spec.hosts, switches, routers, links, switchPorts } };
}

// ---------------------------------------------------------------------------------------
// Built-in topologies

export type BuiltinTopologyName = 'lan' | 'two-routers' | 'direct';
export const BUILTIN_TOPOLOGIES: readonly BuiltinTopologyName[] = ['lan', 'two-routers', 'direct'];

/** The records every built-in DNS server holds. */
const EXAMPLE_RECORDS = (server: Ipv4Addr): DnsRecordSpec[] => [
  { name: 'www.example.com', type: 'CNAME', target: 'example.com' },
  { name: 'example.com', type: 'A', address: server },
  { name: 'server.lan', type: 'A', address: server },
];

/**
 * Locally administered unicast MACs (the 0x02 bit of the first byte, IEEE 802): the last
 * byte matches the host part of the IP, so a learner can tell frames apart at a glance.
 */
export function builtinTopology(name: BuiltinTopologyName): TopologySpec {
  switch (name) {
    case 'lan':
      // One switch, one subnet: client, web server and DNS server.
      return {
        hosts: [
          { name: 'client', mac: '02:00:00:00:01:0a', ip: '192.168.1.10', prefix: 24, resolver: '192.168.1.53' },
          { name: 'server', mac: '02:00:00:00:01:50', ip: '192.168.1.80', prefix: 24 },
          { name: 'dns', mac: '02:00:00:00:01:35', ip: '192.168.1.53', prefix: 24, dns: { records: EXAMPLE_RECORDS('192.168.1.80') } },
        ],
        switches: [{ name: 'sw' }],
        links: [
          { a: 'client', b: 'sw', delayMs: 1 },
          { a: 'server', b: 'sw', delayMs: 1 },
          { a: 'dns', b: 'sw', delayMs: 1 },
        ],
      };
    case 'two-routers':
      // client LAN 10.0.1.0/24 — r1 — transit 10.0.0.0/30 — r2 — server LAN 10.0.2.0/24.
      return {
        hosts: [
          { name: 'client', mac: '02:00:00:00:01:0a', ip: '10.0.1.10', prefix: 24, gateway: '10.0.1.1', resolver: '10.0.2.53' },
          { name: 'server', mac: '02:00:00:00:02:50', ip: '10.0.2.80', prefix: 24, gateway: '10.0.2.1' },
          { name: 'dns', mac: '02:00:00:00:02:35', ip: '10.0.2.53', prefix: 24, gateway: '10.0.2.1', dns: { records: EXAMPLE_RECORDS('10.0.2.80') } },
        ],
        switches: [{ name: 'sw1' }, { name: 'sw2' }],
        routers: [
          {
            name: 'r1',
            interfaces: [
              { name: 'eth0', mac: '02:00:00:00:01:01', ip: '10.0.1.1', prefix: 24 },
              { name: 'eth1', mac: '02:00:00:00:00:01', ip: '10.0.0.1', prefix: 30 },
            ],
            routes: [{ prefix: '10.0.2.0/24', via: '10.0.0.2', iface: 'eth1' }],
          },
          {
            name: 'r2',
            interfaces: [
              { name: 'eth0', mac: '02:00:00:00:02:01', ip: '10.0.2.1', prefix: 24 },
              { name: 'eth1', mac: '02:00:00:00:00:02', ip: '10.0.0.2', prefix: 30 },
            ],
            routes: [{ prefix: '10.0.1.0/24', via: '10.0.0.1', iface: 'eth1' }],
          },
        ],
        links: [
          { a: 'client', b: 'sw1', delayMs: 1 },
          { a: 'r1:eth0', b: 'sw1', delayMs: 1 },
          { name: 'transit', a: 'r1:eth1', b: 'r2:eth1', delayMs: 10 },
          { a: 'r2:eth0', b: 'sw2', delayMs: 1 },
          { a: 'server', b: 'sw2', delayMs: 1 },
          { a: 'dns', b: 'sw2', delayMs: 1 },
        ],
      };
    case 'direct':
      // Two hosts on one cable: nothing in the way of TCP.
      return {
        hosts: [
          { name: 'client', mac: '02:00:00:00:01:0a', ip: '192.168.1.10', prefix: 24 },
          { name: 'server', mac: '02:00:00:00:01:50', ip: '192.168.1.80', prefix: 24 },
        ],
        links: [{ a: 'client', b: 'server', delayMs: 1 }],
      };
  }
}

