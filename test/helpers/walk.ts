// The player's views of a trace, walked step by step and checked against the frames'
// bytes, decoded here by hand with offsets written out (RFC 791, 768, 793, 826), and
// against RFC 1122's layers. Used for every built-in lesson (test/lesson/builtin.test.ts)
// and every shipped capture's replay (test/player/walk.test.ts).
import { narrate, type NarrationContext } from '../../source/player/narration.js';
import { buildViews, type LayerView } from '../../source/player/views.js';
import type { Protocol, Step, Trace } from '../../source/sim/trace.js';

/** RFC 1122: ARP is part of the link layer (§2.3.2), ICMP of the internet layer (§3.2.2). */
const LAYER: Record<Protocol, string> = {
  http: 'application', dns: 'application', data: 'application',
  tcp: 'transport', udp: 'transport', icmp: 'internet', ipv4: 'internet', arp: 'link', ethernet: 'link',
};
const UNIT_EN: Record<Protocol, string> = {
  http: 'HTTP message', dns: 'DNS message', data: 'data', tcp: 'TCP segment', udp: 'UDP datagram',
  icmp: 'ICMP message', ipv4: 'IPv4 packet', arp: 'ARP message', ethernet: 'Ethernet frame',
};
/** Which header a receiving check reads. */
const CHECK_OWNER: Record<string, Protocol[]> = {
  'eth.dst': ['ethernet'], 'eth.fcs': ['ethernet'], 'ip.checksum': ['ipv4'], 'ip.dst': ['ipv4'], 'ip.ttl': ['ipv4'],
  'tcp.checksum': ['tcp'], 'udp.checksum': ['udp'], 'tcp.seq': ['tcp'], port: ['tcp', 'udp'],
};

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;

/**
 * Port 80 says HTTP may be spoken; the bytes are an HTTP message only where one starts
 * (RFC 9112 §3, §4): a request line with a method, or a status line. The rest is data.
 */
function startsHttp(b: Uint8Array, at: number, end: number): boolean {
  const head = String.fromCharCode(...b.subarray(at, Math.min(end, at + 16)));
  return /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH) |^HTTP\/1\.[01] \d{3}/.test(head);
}

/** Each protocol's PDU in a frame as [start, end), decoded by hand from the header fields. */
function pdus(b: Uint8Array): Map<Protocol, [number, number]> {
  const m = new Map<Protocol, [number, number]>([['ethernet', [0, b.length]]]);
  const type = u16(b, 12);
  if (type === 0x0806) {
    m.set('arp', [14, 14 + 28]);
    return m;
  }
  if (type !== 0x0800) return m;
  const ipEnd = 14 + u16(b, 16);
  const l4 = 14 + (b[14]! & 0x0f) * 4;
  m.set('ipv4', [14, ipEnd]);
  const proto = b[23]!;
  if (proto === 1) m.set('icmp', [l4, ipEnd]);
  if (proto === 6) {
    m.set('tcp', [l4, ipEnd]);
    const data = l4 + (b[l4 + 12]! >> 4) * 4;
    const ports = [u16(b, l4), u16(b, l4 + 2)];
    if (ipEnd > data) m.set(ports.includes(80) && startsHttp(b, data, ipEnd) ? 'http' : 'data', [data, ipEnd]);
  }
  if (proto === 17) {
    const end = l4 + u16(b, l4 + 4);
    m.set('udp', [l4, end]);
    const ports = [u16(b, l4), u16(b, l4 + 2)];
    if (end > l4 + 8) m.set(ports.includes(53) ? 'dns' : 'data', [l4 + 8, end]);
  }
  return m;
}


function boxOf(layers: readonly LayerView[], p: Protocol): LayerView[] {
  return layers.filter((l) => l.protocol === p);
}

/**
 * Walks a trace through the player's views and returns what disagrees with the bytes: an
 * empty list when every header is built and removed in its own box, in its RFC 1122 layer,
 * with its real size, the hex pane marks the bytes being written, and the unit named going
 * up is the one inside.
 */
export function walk(trace: Trace): string[] {
  const tv = buildViews(trace);
  const ctx: NarrationContext = {
    frames: trace.frames, dissections: tv.dissections, bases: tv.bases, numbering: 'relative', hideValue: false,
    headerFields: null, frameLabel: (f) => `#${f}`, socketFlows: null,
  };
  const problems: string[] = [];
  const say = (i: number, s: Step, what: string) => problems.push(`step ${i} (${s.kind}${'protocol' in s ? ` ${s.protocol}` : ''}): ${what}`);
  trace.steps.forEach((s, i) => {
    const view = tv.views[i]!;
    const layers = view.stack.layers;
    if (s.kind === 'encap-begin' || s.kind === 'encap-field' || s.kind === 'encap-end' || s.kind === 'decap-strip') {
      if (s.layer !== LAYER[s.protocol]) say(i, s, `says layer ${s.layer}, RFC 1122 says ${LAYER[s.protocol]}`);
      const boxes = boxOf(layers, s.protocol);
      if (boxes.length !== 1) return say(i, s, `${boxes.length} boxes for ${s.protocol}`);
      const box = boxes[0]!;
      if (box.layer !== LAYER[s.protocol]) say(i, s, `box in layer ${box.layer}`);
      const expectStatus = s.kind === 'encap-end' ? 'built' : s.kind === 'decap-strip' ? 'stripped' : 'building';
      if (box.status !== expectStatus) say(i, s, `box is ${box.status}, not ${expectStatus}`);
      const real = pdus(trace.frames[s.frame]!.bytes).get(s.protocol);
      if (!real) return say(i, s, 'the frame has no such PDU');
      const length = real[1] - real[0];
      if (s.kind === 'encap-end' || s.kind === 'decap-strip') {
        if (s.length !== length) say(i, s, `length ${s.length}, the bytes say ${length}`);
        if (box.pduBytes !== length) say(i, s, `box shows ${box.pduBytes} B, the bytes say ${length}`);
      }
      if (s.kind === 'encap-end' && view.hex) {
        // The hex pane marks this protocol's own bytes: its header (and the FCS), not another's.
        const marked = view.hex.highlight.map((r): [number, number] => [r.start, r.end]);
        if (s.protocol !== 'ethernet' && (marked.length !== 1 || marked[0]![0] !== real[0] || marked[0]![1] > real[1])) {
          say(i, s, `hex marks ${JSON.stringify(marked)}, the ${s.protocol} PDU is ${JSON.stringify(real)}`);
        }
      }
      if (s.kind === 'decap-strip') {
        const text = narrate(s, ctx).en;
        const frame = pdus(trace.frames[s.frame]!.bytes);
        // What goes up: the PDU right inside this one, by its own name and size.
        const inner = [...frame.entries()].filter(([p, r]) => p !== s.protocol && r[0] >= real[0] && r[1] <= real[1] && (r[0] > real[0] || r[1] < real[1]))
          .sort((a, b) => a[1][0] - b[1][0]);
        const up = inner[0];
        if (up) {
          const n = up[1][1] - up[1][0];
          const want = `${UNIT_EN[up[0]]} inside (${n} byte${n === 1 ? '' : 's'})`;
          const wantTop = `${UNIT_EN[up[0]]} (${n} byte${n === 1 ? '' : 's'}) reaches the application`;
          if (!text.includes(want) && !text.includes(wantTop)) say(i, s, `narration "${text}" should name ${want}`);
          const upBox = boxOf(layers, up[0])[0];
          if (upBox?.pduBytes !== n) say(i, s, `the ${up[0]} box above shows ${upBox?.pduBytes} B, the bytes say ${n}`);
        } else if (/\d+ bytes? /.test(text)) {
          say(i, s, `nothing is inside, yet the narration says "${text}"`);
        }
      }
    }
    if (s.kind === 'decap-check') {
      const owners = CHECK_OWNER[s.check]!;
      const changed = layers.filter((l) => l.checks.some((c) => c.at === i));
      if (changed.length !== 1 || !owners.includes(changed[0]!.protocol!)) {
        say(i, s, `check ${s.check} landed in ${changed.map((l) => l.protocol).join(',') || 'no box'}`);
      }
    }
  });
  return problems;
}

