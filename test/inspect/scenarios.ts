// Named captures with the content a learner asks about, built with our codecs. Each
// scenario is judged field by field against tshark, and each must also show the analysis
// verdict it is named after, so that a scenario cannot quietly stop testing anything.
import * as arp from '../../source/wire/arp.js';
import * as dns from '../../source/wire/dns.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import { A, arpFrame, B, dnsFrame, ipFrame, ipPacketOf, tcp6Frame, tcpFrame, type Endpoint, type SegmentSpec } from './builder.js';

export interface Scenario {
  readonly frames: { readonly us: number; readonly data: Uint8Array }[];
  /** Verdicts `inspect --json` must report somewhere in the capture. */
  readonly shows: readonly string[];
}

/** Appends frames with a running clock; `after` is microseconds since the previous frame. */
class Script {
  readonly frames: { us: number; data: Uint8Array }[] = [];
  private t = 0;

  send(from: Endpoint, to: Endpoint, s: SegmentSpec, after = 100): this {
    this.t += after;
    this.frames.push({ us: this.t, data: tcpFrame(from, to, s) });
    return this;
  }

  raw(data: Uint8Array, after = 100): this {
    this.t += after;
    this.frames.push({ us: this.t, data });
    return this;
  }
}

const MSS = 1448;

/**
 * Sequence numbers that wrap: the client's data ends exactly at 2^32, so the next
 * expected number is 0, which Wireshark takes to mean "none yet"; then a gap after the
 * wrap, and the server's numbers wrap too.
 */
export function wraparound(): Scenario {
  const c = 0xffffffff - 100;
  const s = 0xffffffff - 2000;
  const x = new Script()
    .send(A, B, { seq: c, ack: null, flags: 'S', window: 64240 })
    .send(B, A, { seq: s, ack: c + 1, flags: 'S', window: 65160 })
    .send(A, B, { seq: c + 1, ack: s + 1 })
    .send(A, B, { seq: c + 1, ack: s + 1, len: 100, flags: 'P' }) // ends at 2^32: nextseq is 0
    .send(A, B, { seq: 300, ack: s + 1, len: 50 }) // a gap Wireshark cannot see
    .send(A, B, { seq: 350, ack: s + 1, len: 50 })
    .send(B, A, { seq: s + 1, ack: 400, len: MSS })
    .send(B, A, { seq: (s + 1 + MSS) >>> 0, ack: 400, len: MSS }) // crosses 2^32
    .send(A, B, { seq: 400, ack: (s + 1 + 2 * MSS) >>> 0 })
    .send(B, A, { seq: (s + 1 + 2 * MSS) >>> 0, ack: 400, len: 10 }, 400_000)
    .send(A, B, { seq: 600, ack: (s + 11 + 2 * MSS) >>> 0, len: 10 }); // previous segment not captured
  return { frames: x.frames, shows: ['lost-segment'] };
}

/** The capture starts in the middle of a transfer: no SYN in either direction. */
export function midStream(): Scenario {
  const c = 123_456_789;
  const s = 987_654_321;
  const x = new Script()
    .send(B, A, { seq: s, ack: c, len: MSS })
    .send(B, A, { seq: s + MSS, ack: c, len: MSS })
    .send(A, B, { seq: c, ack: s + 2 * MSS })
    .send(A, B, { seq: c, ack: s + 2 * MSS, len: 20, flags: 'P' })
    .send(B, A, { seq: s + 2 * MSS, ack: c + 20, len: 500, flags: 'P' })
    .send(A, B, { seq: c + 20, ack: s + 2 * MSS + 500, flags: 'F' })
    .send(B, A, { seq: s + 2 * MSS + 500, ack: c + 21, flags: 'F' })
    .send(A, B, { seq: c + 21, ack: s + 2 * MSS + 501 });
  return { frames: x.frames, shows: [] };
}

/**
 * Two connections at once, then the first client's port used again for a new connection
 * (a new ISN: Wireshark starts a new stream), and a retransmitted SYN (same ISN: same
 * stream).
 */
export function twoStreamsAndPortReuse(): Scenario {
  const A2: Endpoint = { ...A, port: 40001 };
  const x = new Script();
  x.send(A, B, { seq: 1000, ack: null, flags: 'S' })
    .send(A2, B, { seq: 5000, ack: null, flags: 'S' })
    .send(B, A, { seq: 9000, ack: 1001, flags: 'S' })
    .send(B, A2, { seq: 7000, ack: 5001, flags: 'S' })
    .send(A, B, { seq: 1001, ack: 9001 })
    .send(A2, B, { seq: 5001, ack: 7001 })
    .send(A, B, { seq: 1001, ack: 9001, len: 10 })
    .send(A2, B, { seq: 5001, ack: 7001, len: 20 })
    .send(A, B, { seq: 1011, ack: 9001, flags: 'F' })
    .send(B, A, { seq: 9001, ack: 1012, flags: 'F' })
    .send(A, B, { seq: 1012, ack: 9002 })
    .send(A, B, { seq: 77_000, ack: null, flags: 'S' }, 2_000_000) // new ISN, same ports
    .send(A, B, { seq: 77_000, ack: null, flags: 'S' }, 1_000_000) // the same SYN again
    .send(B, A, { seq: 4242, ack: 77_001, flags: 'S' })
    .send(A, B, { seq: 77_001, ack: 4243 })
    .send(A2, B, { seq: 5021, ack: 7001, flags: 'R' });
  return { frames: x.frames, shows: ['retransmission'] };
}

/**
 * The same SYN again after data with a gap in it: the same stream, and Wireshark winds
 * its next expected number back to the end of the contiguous data, so the segment that
 * fills the gap reads as ordinary.
 */
export function synAgainAfterGap(): Scenario {
  const x = new Script()
    .send(A, B, { seq: 100, ack: null, flags: 'S' }, 1_000_000)
    .send(B, A, { seq: 500, ack: 101, flags: 'S' }, 1_000_000)
    .send(A, B, { seq: 101, ack: 501, len: 10 }, 1_000_000)
    .send(A, B, { seq: 121, ack: 501, len: 10 }, 1_000_000)
    .send(A, B, { seq: 100, ack: null, flags: 'S' }, 1_000_000)
    .send(A, B, { seq: 111, ack: 501, len: 10 }, 1_000_000);
  return { frames: x.frames, shows: ['lost-segment', 'out-of-order'] };
}

/**
 * Retransmission after a timeout, a segment arriving out of order within the first RTT,
 * and a spurious retransmission of data the receiver had already acknowledged.
 */
export function retransmissionAndReordering(): Scenario {
  const x = new Script()
    .send(A, B, { seq: 100, ack: null, flags: 'S' })
    .send(B, A, { seq: 500, ack: 101, flags: 'S' }, 5000)
    .send(A, B, { seq: 101, ack: 501 }, 5000) // initial RTT 10 ms
    .send(B, A, { seq: 501, ack: 101, len: MSS }, 100)
    .send(B, A, { seq: 501 + 2 * MSS, ack: 101, len: MSS }, 100) // arrives before the one below
    .send(B, A, { seq: 501 + MSS, ack: 101, len: MSS }, 100) // out of order
    .send(A, B, { seq: 101, ack: 501 + 3 * MSS }, 100)
    .send(B, A, { seq: 501 + 3 * MSS, ack: 101, len: MSS }, 100)
    .send(B, A, { seq: 501 + 3 * MSS, ack: 101, len: MSS }, 300_000) // timeout: retransmission
    .send(A, B, { seq: 101, ack: 501 + 4 * MSS }, 100)
    .send(B, A, { seq: 501 + 3 * MSS, ack: 101, len: MSS }, 100_000); // already acknowledged: spurious
  return { frames: x.frames, shows: ['out-of-order', 'retransmission', 'lost-segment'] };
}

/** A segment lost before the capture point, three duplicate ACKs, and a fast retransmission. */
export function duplicateAcksAndFastRetransmission(): Scenario {
  const x = new Script()
    .send(A, B, { seq: 1, ack: null, flags: 'S' })
    .send(B, A, { seq: 1, ack: 2, flags: 'S' })
    .send(A, B, { seq: 2, ack: 2 })
    .send(B, A, { seq: 2, ack: 2, len: MSS })
    // seq 2 + MSS is lost
    .send(B, A, { seq: 2 + 2 * MSS, ack: 2, len: MSS })
    .send(A, B, { seq: 2, ack: 2 + MSS })
    .send(A, B, { seq: 2, ack: 2 + MSS })
    .send(A, B, { seq: 2, ack: 2 + MSS })
    .send(A, B, { seq: 2, ack: 2 + MSS })
    .send(B, A, { seq: 2 + MSS, ack: 2, len: MSS }, 500) // within 20 ms: fast retransmission
    .send(A, B, { seq: 2, ack: 2 + 3 * MSS })
    .send(B, A, { seq: 2 + 3 * MSS, ack: 2, len: MSS })
    // and once more, but the resend comes too late to be "fast"
    .send(B, A, { seq: 2 + 5 * MSS, ack: 2, len: MSS })
    .send(A, B, { seq: 2, ack: 2 + 4 * MSS })
    .send(A, B, { seq: 2, ack: 2 + 4 * MSS })
    .send(A, B, { seq: 2, ack: 2 + 4 * MSS })
    .send(B, A, { seq: 2 + 4 * MSS, ack: 2, len: MSS }, 50_000);
  return { frames: x.frames, shows: ['lost-segment', 'duplicate-ack', 'fast-retransmission', 'retransmission'] };
}

/** The receiver's buffer fills: zero window, a probe, the probe's ACK, then a window update. */
export function zeroWindow(): Scenario {
  const x = new Script()
    .send(A, B, { seq: 1, ack: null, flags: 'S' })
    .send(B, A, { seq: 1, ack: 2, flags: 'S' })
    .send(A, B, { seq: 2, ack: 2, window: 1000 })
    .send(B, A, { seq: 2, ack: 2, len: 1000 })
    .send(A, B, { seq: 2, ack: 1002, window: 0 }) // zero window
    .send(B, A, { seq: 1002, ack: 2, len: 1 }, 200_000) // zero window probe
    .send(A, B, { seq: 2, ack: 1002, window: 0 }) // its ACK, window still zero
    .send(A, B, { seq: 2, ack: 1002, window: 4000 }, 100_000) // window update
    .send(B, A, { seq: 1002, ack: 2, len: 1000 })
    .send(A, B, { seq: 2, ack: 2002, window: 3000 })
    .send(A, B, { seq: 2, ack: 2002, window: 5000 }); // another window update
  return { frames: x.frames, shows: ['zero-window', 'window-update'] };
}

/** A keep-alive (one byte before the next sequence number) and its ACK, after idling. */
export function keepAlive(): Scenario {
  const x = new Script()
    .send(A, B, { seq: 1, ack: null, flags: 'S' })
    .send(B, A, { seq: 1, ack: 2, flags: 'S' })
    .send(A, B, { seq: 2, ack: 2 })
    .send(A, B, { seq: 1, ack: 2 }, 60_000_000)
    .send(B, A, { seq: 2, ack: 2 })
    .send(A, B, { seq: 1, ack: 2, len: 1 }, 60_000_000)
    .send(B, A, { seq: 2, ack: 2 });
  return { frames: x.frames, shows: [] };
}

/** ARP and DNS before the TCP, as a first capture on a LAN usually has. */
export function arpDnsThenTcp(): Scenario {
  const R: Endpoint = { mac: '02:00:00:00:00:35', ip: '10.0.0.53', port: 53 };
  const query: dns.DnsMessage = {
    id: 0x1234, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, z: false, ad: false, cd: false, rcode: 0,
    questions: [{ name: 'example.com', type: dns.TYPE_A, class: dns.CLASS_IN }], answers: [], authorities: [], additionals: [],
  };
  const answer: dns.DnsMessage = {
    ...query, qr: true, ra: true,
    answers: [{ name: 'example.com', type: dns.TYPE_A, class: dns.CLASS_IN, ttl: 60, data: B.ip }],
  };
  const client: Endpoint = { ...A, port: 33333 };
  const x = new Script()
    .raw(arpFrame(arp.OP_REQUEST, A, R, 'ff:ff:ff:ff:ff:ff'))
    .raw(arpFrame(arp.OP_REPLY, R, A, A.mac))
    .raw(dnsFrame(client, R, query))
    .raw(dnsFrame(R, client, answer))
    .send(A, B, { seq: 10, ack: null, flags: 'S' })
    .send(B, A, { seq: 20, ack: 11, flags: 'S' })
    .send(A, B, { seq: 11, ack: 21 });
  return { frames: x.frames, shows: [] };
}

/**
 * ICMP errors that quote a TCP header. Wireshark files the quoted header under a TCP
 * stream, starting a new one for ports it has not seen, so the numbers of later streams
 * depend on it.
 */
export function icmpAboutTcp(): Scenario {
  const router: Endpoint = { mac: '02:00:00:00:00:01', ip: '10.0.0.254', port: 0 };
  const quote = (data: Uint8Array, bytes: number) => {
    const packet = ipPacketOf(data);
    const body = new Uint8Array(8 + Math.min(bytes, packet.length));
    body[0] = 3; // destination unreachable
    body[1] = 13; // administratively prohibited
    body.set(packet.subarray(0, body.length - 8), 8);
    return ipFrame(router, A, ipv4.PROTO_ICMP, body);
  };
  const other: Endpoint = { ...A, port: 41000 };
  const x = new Script()
    .raw(quote(tcpFrame(other, B, { seq: 7, ack: null, flags: 'S' }), 60)) // ports never seen: a new stream
    .send(A, B, { seq: 1, ack: null, flags: 'S' })
    .raw(quote(tcpFrame(A, B, { seq: 1, ack: null, flags: 'S' }), 60)) // about the SYN just sent
    .raw(quote(tcpFrame({ ...A, port: 41001 }, B, { seq: 1, ack: null, flags: 'S' }), 28)) // only 8 bytes of TCP: no stream
    .send({ ...A, port: 41002 }, B, { seq: 1, ack: null, flags: 'S' });
  return { frames: x.frames, shows: [] };
}

/** The same short exchange over IPv6. */
export function ipv6(): Scenario {
  const a = { mac: A.mac, ip: '2001:db8::1', port: 40000 };
  const b = { mac: B.mac, ip: '2001:db8::2', port: 443 };
  const frames = [
    tcp6Frame(a, b, { seq: 1, ack: null, flags: 'S' }),
    tcp6Frame(b, a, { seq: 1, ack: 2, flags: 'S' }),
    tcp6Frame(a, b, { seq: 2, ack: 2 }),
    tcp6Frame(a, b, { seq: 2, ack: 2, len: 100 }),
    tcp6Frame(a, b, { seq: 2, ack: 2, len: 100 }),
    tcp6Frame(b, a, { seq: 2, ack: 102 }),
  ].map((data, i) => ({ us: i * 100_000, data }));
  return { frames, shows: ['retransmission'] };
}

export const SCENARIOS = {
  'sequence numbers that wrap past 2^32': wraparound,
  'a capture that starts mid-stream': midStream,
  'two streams and a reused port': twoStreamsAndPortReuse,
  'the same SYN again after a gap': synAgainAfterGap,
  'retransmission, reordering and a spurious resend': retransmissionAndReordering,
  'duplicate ACKs and a fast retransmission': duplicateAcksAndFastRetransmission,
  'zero window, probe and window update': zeroWindow,
  'keep-alive': keepAlive,
  'ARP and DNS, then TCP': arpDnsThenTcp,
  'IPv6': ipv6,
  'ICMP errors about TCP segments': icmpAboutTcp,
} as const;
