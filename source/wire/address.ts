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
