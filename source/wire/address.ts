/**
 * Link and network addresses as they appear in representations: canonical strings
 * (`02:00:00:00:00:01`, `192.168.0.10`). Strings read well in lessons, traces and tests;
 * these helpers move them to and from bytes.
 */
export type MacAddr = string;
export type Ipv4Addr = string;

export const BROADCAST_MAC: MacAddr = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC: MacAddr = '00:00:00:00:00:00';

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isMac(s: string): boolean {
  return MAC_RE.test(s);
}

export function isIpv4(s: string): boolean {
  return IPV4_RE.test(s);
}

export function writeMac(buf: Uint8Array, offset: number, mac: MacAddr): void {
  if (!isMac(mac)) throw new RangeError(`not a MAC address: ${mac}`);
  for (let i = 0; i < 6; i++) buf[offset + i] = parseInt(mac.slice(i * 3, i * 3 + 2), 16);
}

export function readMac(buf: Uint8Array, offset: number): MacAddr {
  let s = '';
  for (let i = 0; i < 6; i++) {
    if (i) s += ':';
    s += buf[offset + i]!.toString(16).padStart(2, '0');
  }
  return s;
}

/** An IPv4 address as an unsigned 32-bit number, for masks and longest-prefix match. */
export function ipv4ToNumber(ip: Ipv4Addr): number {
  if (!isIpv4(ip)) throw new RangeError(`not an IPv4 address: ${ip}`);
  const p = ip.split('.');
  return ((+p[0]! << 24) | (+p[1]! << 16) | (+p[2]! << 8) | +p[3]!) >>> 0;
}

export function numberToIpv4(n: number): Ipv4Addr {
  return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

export function writeIpv4(buf: Uint8Array, offset: number, ip: Ipv4Addr): void {
  const n = ipv4ToNumber(ip);
  buf[offset] = n >>> 24;
  buf[offset + 1] = (n >>> 16) & 0xff;
  buf[offset + 2] = (n >>> 8) & 0xff;
  buf[offset + 3] = n & 0xff;
}

export function readIpv4(buf: Uint8Array, offset: number): Ipv4Addr {
  return `${buf[offset]}.${buf[offset + 1]}.${buf[offset + 2]}.${buf[offset + 3]}`;
}

// IPv6 text (RFC 4291 §2.2 in, RFC 5952 out), for AAAA records and IPv6 captures.

export type Ipv6Addr = string;

const IPV6_GROUPS = 8;
const IPV6_BYTES = 16;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** Parses any RFC 4291 §2.2 spelling, including a trailing dotted IPv4 part. */
export function parseIpv6(text: string): Uint8Array {
  const bad = () => new RangeError(`not an IPv6 address: ${text}`);
  const halves = text.split('::');
  if (halves.length > 2) throw bad();
  const groupsOf = (part: string, mayEndInIpv4: boolean): number[] => {
    if (part === '') return [];
    const pieces = part.split(':');
    const groups: number[] = [];
    pieces.forEach((piece, i) => {
      if (mayEndInIpv4 && i === pieces.length - 1 && isIpv4(piece)) {
        const n = ipv4ToNumber(piece);
        groups.push(n >>> 16, n & 0xffff);
      } else if (HEX_GROUP.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        throw bad();
      }
    });
    return groups;
  };
  let groups: number[];
  if (halves.length === 1) {
    groups = groupsOf(text, true);
    if (groups.length !== IPV6_GROUPS) throw bad();
  } else {
    const head = groupsOf(halves[0]!, false);
    const tail = groupsOf(halves[1]!, true);
    const zeros = IPV6_GROUPS - head.length - tail.length;
    // "::" stands for one or more groups of zeros.
    if (zeros < 1) throw bad();
    groups = [...head, ...new Array<number>(zeros).fill(0), ...tail];
  }
  const out = new Uint8Array(IPV6_BYTES);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/**
 * RFC 5952 §4: lowercase, no leading zeros, the longest run of two or more zero groups
 * (the first on a tie) becomes `::`. IPv4-mapped addresses keep their dotted tail, as
 * §5 recommends.
 */
export function formatIpv6(buf: Uint8Array, offset = 0): string {
  const g: number[] = [];
  for (let i = 0; i < IPV6_GROUPS; i++) g.push((buf[offset + i * 2]! << 8) | buf[offset + i * 2 + 1]!);
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return `::ffff:${readIpv4(buf, offset + 12)}`;
  let bestStart = -1, bestLen = 1;
  for (let i = 0; i < IPV6_GROUPS; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < IPV6_GROUPS && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => g.slice(from, to).map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(0, IPV6_GROUPS);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, IPV6_GROUPS)}`;
}
