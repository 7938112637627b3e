// The protocol table: for each protocol the tutor speaks, which TCP/IP layer it belongs to,
// what its unit of data is called, which field-key prefix its layout uses, and which
// well-known ports name an application. Every other module asks this table: the codecs'
// dissection, the simulator's encapsulation and decapsulation steps, the player's layer
// boxes and hex highlight, the narration and the quizzes. Nothing else says "ARP is Link".

/** TCP/IP's four layers (RFC 1122 §1.3.1), top to bottom. */
export type Layer = 'application' | 'transport' | 'internet' | 'link';
export const LAYERS: readonly Layer[] = ['application', 'transport', 'internet', 'link'];

/** What a protocol's unit of data is called. */
export type Pdu = 'data' | 'message' | 'segment' | 'datagram' | 'packet' | 'frame';

export type Protocol = 'http' | 'dns' | 'data' | 'tcp' | 'udp' | 'icmp' | 'ipv4' | 'arp' | 'ethernet';

/** The protocols an application payload can be recognised as. */
export type AppProtocol = Extract<Protocol, 'http' | 'dns' | 'data'>;

export interface ProtocolFacts {
  readonly layer: Layer;
  readonly pdu: Pdu;
  /** The prefix of its field keys, as in Wireshark's display filters: `eth.dst`, `ip.ttl`. */
  readonly fieldPrefix: string;
  /** Where it is defined. */
  readonly spec: string;
  /**
   * How its multi-byte fields go on the wire. Every header here is in network byte order
   * (big-endian, RFC 1700); the Ethernet FCS is the exception, sent least significant byte
   * first (IEEE 802.3 §3.2.9), which is how a capture shows it.
   */
  readonly byteOrder: 'big-endian' | 'text';
}

/**
 * RFC 1122 puts ARP in the link layer (§2.3.2: it rides directly in an Ethernet frame) and
 * ICMP in the internet layer (§3.2.2: "ICMP is a control protocol that is considered to be
 * an integral part of IP", carried in an IP packet). A DNS or HTTP unit is a message
 * (RFC 1035 §4, RFC 9110 §6); ICMP and ARP send messages too (RFC 792, RFC 826).
 */
export const PROTOCOLS: Readonly<Record<Protocol, ProtocolFacts>> = {
  http: { layer: 'application', pdu: 'message', fieldPrefix: 'http', spec: 'RFC 9110', byteOrder: 'text' },
  dns: { layer: 'application', pdu: 'message', fieldPrefix: 'dns', spec: 'RFC 1035', byteOrder: 'big-endian' },
  data: { layer: 'application', pdu: 'data', fieldPrefix: 'data', spec: '', byteOrder: 'text' },
  tcp: { layer: 'transport', pdu: 'segment', fieldPrefix: 'tcp', spec: 'RFC 9293', byteOrder: 'big-endian' },
  udp: { layer: 'transport', pdu: 'datagram', fieldPrefix: 'udp', spec: 'RFC 768', byteOrder: 'big-endian' },
  icmp: { layer: 'internet', pdu: 'message', fieldPrefix: 'icmp', spec: 'RFC 792', byteOrder: 'big-endian' },
  ipv4: { layer: 'internet', pdu: 'packet', fieldPrefix: 'ip', spec: 'RFC 791', byteOrder: 'big-endian' },
  arp: { layer: 'link', pdu: 'message', fieldPrefix: 'arp', spec: 'RFC 826', byteOrder: 'big-endian' },
  ethernet: { layer: 'link', pdu: 'frame', fieldPrefix: 'eth', spec: 'IEEE 802.3', byteOrder: 'big-endian' },
};

export function layerOf(p: Protocol): Layer {
  return PROTOCOLS[p].layer;
}


const BY_PREFIX: ReadonlyMap<string, Protocol> = new Map(
  (Object.keys(PROTOCOLS) as Protocol[]).map((p) => [PROTOCOLS[p].fieldPrefix, p]),
);

/** The protocol whose header holds a field: `tcp.seq` → tcp, `eth.fcs` → ethernet; null if unknown. */
export function protocolOfField(key: string): Protocol | null {
  const dot = key.indexOf('.');
  return BY_PREFIX.get(dot < 0 ? key : key.slice(0, dot)) ?? null;
}

/** The layer that writes a field, from the protocol that owns it. */
export function layerOfField(key: string): Layer | null {
  const p = protocolOfField(key);
  return p === null ? null : PROTOCOLS[p].layer;
}

/** A well-known port (IANA's registry) and what listens there. */
export interface WellKnownPort {
  readonly port: number;
  readonly protocol: AppProtocol;
  /** IANA's service name, as tcpdump and /etc/services print it. */
  readonly service: string;
  readonly transports: readonly ('tcp' | 'udp')[];
}

export const WELL_KNOWN_PORTS: readonly WellKnownPort[] = [
  // DNS also runs over TCP (RFC 7766) with a length prefix; the tutor simulates only UDP.
  { port: 53, protocol: 'dns', service: 'domain', transports: ['udp'] },
  { port: 80, protocol: 'http', service: 'http', transports: ['tcp'] },
];

/**
 * What an application payload is, by its ports, as Wireshark and tcpdump decide it: the
 * well-known port on either side names it (the server's is well known, the client's is an
 * ephemeral port). Unknown ports carry plain data.
 */
export function appProtocolOf(transport: 'tcp' | 'udp', srcPort: number, dstPort: number): AppProtocol {
  for (const w of WELL_KNOWN_PORTS) {
    if (!w.transports.includes(transport)) continue;
    if (srcPort === w.port || dstPort === w.port) return w.protocol;
  }
  return 'data';
}

/**
 * An HTTP/1.x message's first line (RFC 9112 §3, §4): a request line (`GET / HTTP/1.1`) or
 * a status line (`HTTP/1.1 200 OK`), ended by CRLF or by the segment (a line split over
 * segments, or lesson 08's bare `GET / HTTP/1.1`).
 */
const HTTP_START_LINE = /^(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+ [\x21-\x7e]+ HTTP\/\d\.\d|HTTP\/\d\.\d [1-9]\d\d(?: [\x09\x20-\x7e]*)?)(?:\r?\n|$)/;

/**
 * What a TCP segment's data is called in the tutor's sentences and layer boxes. The
 * well-known port says which protocol *may* be spoken (as `appProtocolOf`), but bytes are
 * HTTP only when an HTTP message starts in them: a request or status line. Anything else
 * on port 80 (lesson 13's "bye", lesson 03's letters, the middle of a long response) is
 * data; Wireshark likewise shows an HTTP layer only where a message begins or is reassembled.
 * tcpdump's one-liner, which names every port-80 payload HTTP, keeps `appProtocolOf`.
 */
export function appProtocolOfSegment(srcPort: number, dstPort: number, bytes: Uint8Array, start = 0, end = bytes.length): AppProtocol {
  const byPort = appProtocolOf('tcp', srcPort, dstPort);
  if (byPort !== 'http') return byPort;
  let line = '';
  for (let i = start; i < end && i < start + 8192; i++) {
    line += String.fromCharCode(bytes[i]!);
    if (bytes[i] === 0x0a) break;
  }
  return HTTP_START_LINE.test(line) ? 'http' : 'data';
}

