// Writes a synthetic capture for the `inspect` benchmark: many interleaved HTTP-like bulk
// transfers (handshake, request, a response of segments with an ACK every second one,
// an occasional loss answered by duplicate ACKs and a fast retransmission, FIN close).
// Frames come from our own codecs and writer, so every checksum is right.
//
//   node inspect-capture.mjs FILE PACKETS
import { closeSync, openSync, writeSync } from 'node:fs';
import { LINKTYPE_ETHERNET } from '../source/capture/linklayer.js';
import { createCaptureWriter } from '../source/capture/write.js';
import * as eth from '../source/wire/ethernet.js';
import * as ipv4 from '../source/wire/ipv4.js';
import { seq } from '../source/wire/seq.js';
import * as tcp from '../source/wire/tcp.js';

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: inspect-capture FILE PACKETS');
const total = Number(countArg ?? 1_000_000);
const CONNECTIONS = 64;
const MSS = 1448;
/** Response sizes cycle through these, so segments are full, partial and tiny. */
const SIZES = [600, 3_000, 20_000, 64_000, 200_000];

const payloads = new Map<number, Uint8Array>();
const payload = (n: number) => {
  let p = payloads.get(n);
  if (!p) payloads.set(n, (p = new Uint8Array(n).fill(0x61)));
  return p;
};

let ipId = 0;
function frame(src: string, dst: string, sport: number, dport: number, s: number, a: number | null, flags: Partial<tcp.TcpFlags>, len: number, window: number): Uint8Array {
  const segment = tcp.encode(
    { srcPort: sport, dstPort: dport, seq: seq(s), ack: a === null ? null : seq(a), window, urgentPointer: 0,
      flags: { ...tcp.NO_FLAGS, ...flags }, options: [], payload: payload(len) },
    { src, dst },
  );
  const packet = ipv4.encode({ dscp: 0, ecn: 0, identification: ipId++ & 0xffff, dontFragment: true, moreFragments: false,
    fragmentOffset: 0, ttl: 64, protocol: ipv4.PROTO_TCP, src, dst, options: new Uint8Array(0), payload: segment });
  const f = eth.encode({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', etherType: eth.ETHERTYPE_IPV4, payload: packet });
  return f.subarray(0, f.length - eth.FCS_LEN);
}

/** One connection as a generator of frames, so connections can be interleaved. */
function* connection(id: number): Generator<Uint8Array> {
  const client = `10.1.${(id >> 8) & 0xff}.${id & 0xff}`;
  const server = '10.0.0.80';
  const cport = 20000 + (id % 40000);
  let c = (id * 2654435761) >>> 0;
  let s = (id * 40503 + 0xfffff000) >>> 0;
  yield frame(client, server, cport, 80, c, null, { syn: true }, 0, 64240);
  yield frame(server, client, 80, cport, s, c + 1, { syn: true }, 0, 65160);
  c = (c + 1) >>> 0;
  s = (s + 1) >>> 0;
  yield frame(client, server, cport, 80, c, s, {}, 0, 502);
  yield frame(client, server, cport, 80, c, s, { psh: true }, 90, 502);
  c = (c + 90) >>> 0;
  let left = SIZES[id % SIZES.length]!;
  let n = 0;
  while (left > 0) {
    const len = Math.min(MSS, left);
    if (n % 97 === 50) {
      // Lost on the way: three duplicate ACKs, then the fast retransmission.
      const lost = s;
      s = (s + len) >>> 0;
      left -= len;
      const next = Math.min(MSS, left);
      if (next > 0) {
        yield frame(server, client, 80, cport, s, c, {}, next, 509);
        for (let k = 0; k < 3; k++) yield frame(client, server, cport, 80, c, lost, {}, 0, 502);
        s = (s + next) >>> 0;
        left -= next;
      }
      yield frame(server, client, 80, cport, lost, c, {}, len, 509);
      yield frame(client, server, cport, 80, c, s, {}, 0, 502);
    } else {
      yield frame(server, client, 80, cport, s, c, { psh: left <= len }, len, 509);
      s = (s + len) >>> 0;
      left -= len;
      if (n % 2 === 1 || left === 0) yield frame(client, server, cport, 80, c, s, {}, 0, 502);
    }
    n++;
  }
  yield frame(server, client, 80, cport, s, c, { fin: true }, 0, 509);
  yield frame(client, server, cport, 80, c, (s + 1) >>> 0, { fin: true }, 0, 502);
  yield frame(server, client, 80, cport, (s + 1) >>> 0, (c + 1) >>> 0, {}, 0, 509);
}

const writer = createCaptureWriter({ format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 0 });
const fd = openSync(file, 'w');
writeSync(fd, writer.header);
const live: Generator<Uint8Array>[] = [];
let nextId = 0;
let written = 0;
let usec = 0;
const chunks: Uint8Array[] = [];
let buffered = 0;
while (written < total) {
  while (live.length < CONNECTIONS) live.push(connection(nextId++));
  const i = written % live.length;
  const step = live[i]!.next();
  if (step.done) {
    live.splice(i, 1);
    continue;
  }
  usec += 7;
  const rec = writer.encodePacket({ tsSec: 1_700_000_000 + Math.floor(usec / 1e6), tsNsec: (usec % 1e6) * 1000, data: step.value });
  chunks.push(rec);
  buffered += rec.length;
  written++;
  if (buffered > 1 << 20) {
    writeSync(fd, Buffer.concat(chunks));
    chunks.length = 0;
    buffered = 0;
  }
}
writeSync(fd, Buffer.concat(chunks));
closeSync(fd);
process.stdout.write(`${JSON.stringify({ file, packets: written, connections: nextId })}\n`);
