// Codec throughput: encode and decode a full Ethernet/IPv4/TCP data frame with checksums
// and FCS, the per-packet path of the simulator and of `inspect`.
import * as eth from '../source/wire/ethernet.js';
import * as ipv4 from '../source/wire/ipv4.js';
import * as tcp from '../source/wire/tcp.js';
import { seq } from '../source/wire/seq.js';

const src = '10.0.0.1';
const dst = '10.0.0.2';
const payload = new Uint8Array(1460).fill(0x61);

function encodeFrame(i: number): Uint8Array {
  const segment = tcp.encode(
    { srcPort: 40000, dstPort: 80, seq: seq(0xfffff000 + i * 1460), ack: seq(1), window: 64240, urgentPointer: 0,
      flags: { cwr: false, ece: false, urg: false, psh: true, rst: false, syn: false, fin: false }, options: [], payload },
    { src, dst },
  );
  const packet = ipv4.encode({ dscp: 0, ecn: 0, identification: i & 0xffff, dontFragment: true, moreFragments: false,
    fragmentOffset: 0, ttl: 64, protocol: ipv4.PROTO_TCP, src, dst, options: new Uint8Array(0), payload: segment });
  return eth.encode({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01', etherType: eth.ETHERTYPE_IPV4, payload: packet });
}

function decodeFrame(b: Uint8Array): number {
  const f = eth.decode(b);
  if (!f.ok || !f.value.fcsOk) throw new Error('bad frame');
  const p = ipv4.decode(f.value.payload);
  if (!p.ok || !p.value.checksumOk) throw new Error('bad packet');
  const s = tcp.decode(p.value.payload, 0, p.value.payload.length, { src: p.value.src, dst: p.value.dst });
  if (!s.ok || !s.value.checksumOk) throw new Error('bad segment');
  return s.value.payload.length;
}

const N = 20_000;
const rounds: { encode: number; decode: number }[] = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  const frames: Uint8Array[] = [];
  for (let i = 0; i < N; i++) frames.push(encodeFrame(i));
  const t1 = performance.now();
  let bytes = 0;
  for (const f of frames) bytes += decodeFrame(f);
  const t2 = performance.now();
  if (bytes !== N * 1460) throw new Error('lost bytes');
  rounds.push({ encode: N / ((t1 - t0) / 1000), decode: N / ((t2 - t1) / 1000) });
}
process.stdout.write(JSON.stringify(rounds.slice(2)) + '\n');
