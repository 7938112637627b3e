// A captured TCP conversation as a Trace: the same typed steps the simulator emits, so
// the player, the plain and JSON modes and the quizzes take a real capture unchanged.
// Each packet is put on the wire where the capture saw it and reaches the other end,
// which checks it layer by layer and updates the state tcp-tutor infers for it (ends.ts).
import { hostText } from '../i18n/hosts.js';
import type { Text } from '../i18n/text.js';
import type { DropReason } from '../sim/reasons.js';
import type { TcpState } from '../sim/tcp/api.js';
import { tcpCause } from '../sim/tcp/transition.js';
import { createSummarizer } from '../sim/summary.js';
import type { Micros } from '../sim/time.js';
import type {
  CheckKind, FrameId, FrameRecord, Layer, NodeName, SocketId, SocketSnapshot, Step, Trace,
} from '../sim/trace.js';
import { ZERO_MAC, type MacAddr } from '../wire/address.js';
import { internetChecksum } from '../wire/checksum.js';
import { hexValue } from '../wire/dissect.js';
import { seq as toSeq, seqAdd, seqDiff, seqGe, type Seq } from '../wire/seq.js';
import { TH_ACK, TH_FIN, TH_RST, TH_SYN, A_FAST_RETRANSMISSION, A_LOST_SEGMENT, A_RETRANSMISSION, A_SPURIOUS_RETRANSMISSION, type SegmentVerdict as Analysis } from '../capture/analysis/tcp-analysis.js';
import { decodeLinkLayer, LINKTYPE_ETHERNET, LINKTYPE_LOOP, LINKTYPE_NULL, linkTypeName } from '../capture/linklayer.js';
import { InferredEnd, occupied, type Arrival, type SegmentFacts, type StateChange } from './ends.js';
import { rebuildFrame, type FrameResult, type RebuiltFrame } from './frame.js';
import { text, unreadableText, type ReplayMessage } from './messages.js';
import type { StreamPacket, StreamRead } from './read.js';
import { Recorder, type SocketSource } from '../sim/recorder.js';
import { ReceiveWriter } from '../sim/trace-writer.js';

export type Role = 'client' | 'server';

/** One packet of the stream, with what the replay made of it. */
export interface ReplayPacket {
  /** Its frame number in the original capture (1-based, as Wireshark counts). */
  readonly n: number;
  readonly t: Micros;
  readonly from: Role;
  readonly facts: SegmentFacts;
  /** Wireshark's analysis of it: relative numbers and verdict flags. */
  readonly analysis: Analysis;
  /** Its frame in the trace; null when it could not be shown (cut by the snaplen, unreadable). */
  readonly frame: FrameId | null;
  readonly transmitAt: number | null;
  /** The trace step where it reaches the other end; null if it never does (or is not shown). */
  readonly arriveAt: number | null;
  /** The receiver's verdict and RCV.NXT after handling it; null if it never got it or dropped it. */
  readonly arrival: Arrival | null;
  readonly rcvNxtAfter: Seq | null;
}

export interface ReplayTrace {
  readonly trace: Trace;
  readonly narration: readonly { readonly at: number; readonly text: Text }[];
  readonly packets: readonly ReplayPacket[];
  readonly endpoints: Readonly<Record<Role, { readonly ip: string; readonly port: number }>>;
  /** Wireshark's base of each direction's relative numbers. */
  readonly bases: Readonly<Record<Role, Seq>>;
  /** How the capture begins: with the client's SYN, with the SYN-ACK, or mid-connection. */
  readonly opening: 'syn' | 'missed-syn' | 'mid-stream';
  /** Why each packet that is not played is not, in capture order. */
  readonly notPlayed: readonly Text[];
}

const SOCKET: Record<Role, SocketId> = { client: 'client#1', server: 'server#1' };
const PEER: Record<Role, Role> = { client: 'server', server: 'client' };
/** Locally administered (the 02 bit), so they can never be a real card's address. */
const MADE_UP_MAC: Record<Role, MacAddr> = { client: '02:00:00:00:00:01', server: '02:00:00:00:00:02' };
const LINK = 'capture';
const NS_PER_US = 1000;
const US_PER_S = 1_000_000;

const hex16 = (n: number) => hexValue(n, 16);
const hex32 = (n: number) => hexValue(n, 32);

function factsOf(p: StreamPacket, built: FrameResult): SegmentFacts {
  const d = p.d;
  const mss = built.ok ? built.frame.tcp.options.find((o) => o.kind === 'mss') : undefined;
  return {
    seq: toSeq(d.seq),
    ack: d.flags & TH_ACK ? toSeq(d.ack) : null,
    syn: (d.flags & TH_SYN) !== 0,
    fin: (d.flags & TH_FIN) !== 0,
    rst: (d.flags & TH_RST) !== 0,
    dataLength: d.seglen ?? 0,
    window: d.window,
    mss: mss?.kind === 'mss' ? mss.value : null,
  };
}

/** Which end is the client: the one that sent the SYN, else the one the SYN-ACK went to, else the higher port. */
function clientIsA(read: StreamRead): boolean {
  const syn = read.packets.find((p) => (p.d.flags & (TH_SYN | TH_ACK)) === TH_SYN);
  if (syn) return syn.v.fromA;
  const synAck = read.packets.find((p) => (p.d.flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK));
  if (synAck) return !synAck.v.fromA;
  const c = read.conversation;
  if (c.aPort !== c.bPort) return c.aPort > c.bPort;
  return read.packets[0]!.v.fromA;
}

/**
 * Where each packet reaches the other end: right after it was captured, unless the other
 * end then sent something whose ack shows it had not yet processed this SYN or FIN (the
 * two were in flight at once, as in a simultaneous open or close). Then it arrives after that,
 * and the packets behind it on the same path keep their order. A SYN or FIN the other end
 * never acknowledged before its sender sent it again is taken as never arrived.
 */
function placeArrivals(facts: readonly SegmentFacts[], from: readonly Role[]): { pos: (number | null)[]; crossed: Map<number, number>; resent: Map<number, number> } {
  const pos: (number | null)[] = [];
  const crossed = new Map<number, number>();
  const resent = new Map<number, number>();
  const last: Record<Role, number> = { client: -1, server: -1 };
  facts.forEach((f, i) => {
    let at = i;
    let copy: number | null = null;
    if ((f.syn || f.fin) && !f.rst) {
      const end = seqAdd(f.seq, occupied(f));
      for (let j = i + 1; j < facts.length; j++) {
        const g = facts[j]!;
        if (from[j] === from[i]) {
          if (copy === null && g.seq === f.seq && g.syn === f.syn && g.fin === f.fin) copy = j;
          continue;
        }
        // A bare SYN from the other end crossed ours: it had not seen ours yet (RFC 9293 Figure 8).
        if (f.syn && g.syn && g.ack === null && !g.rst) {
          at = j;
          continue;
        }
        if (g.ack === null || g.rst) continue;
        if (seqGe(g.ack, end)) break;
        at = j;
      }
    }
    if (copy !== null && at >= copy) {
      resent.set(i, copy);
      pos.push(null);
      return;
    }
    if (at > i) crossed.set(i, at);
    const dir = from[i]!;
    at = Math.max(at, last[dir]);
    last[dir] = at;
    pos.push(at);
  });
  return { pos, crossed, resent };
}

export function buildReplayTrace(read: StreamRead, displayName: string): ReplayTrace {
  const conv = read.conversation;
  const aIsClient = clientIsA(read);
  const roleOf = (p: StreamPacket): Role => (p.v.fromA === aIsClient ? 'client' : 'server');
  const endpoints: Record<Role, { ip: string; port: number }> = aIsClient
    ? { client: { ip: conv.aAddr, port: conv.aPort }, server: { ip: conv.bAddr, port: conv.bPort } }
    : { client: { ip: conv.bAddr, port: conv.bPort }, server: { ip: conv.aAddr, port: conv.aPort } };
  const bases: Record<Role, Seq> = aIsClient
    ? { client: toSeq(conv.a.baseSeq), server: toSeq(conv.b.baseSeq) }
    : { client: toSeq(conv.b.baseSeq), server: toSeq(conv.a.baseSeq) };

  const packets = read.packets;
  const from = packets.map(roleOf);
  const t0 = packets[0]!.packet;
  const timeOf = (p: StreamPacket): Micros =>
    (p.packet.tsSec - t0.tsSec) * US_PER_S + Math.round((p.packet.tsNsec - t0.tsNsec) / NS_PER_US);

  // Link layer: the capture's own Ethernet header, or one made for it.
  const ethernet = packets.every((p) => p.packet.linkType === LINKTYPE_ETHERNET);
  const cooked: Partial<Record<Role, MacAddr>> = {};
  packets.forEach((p, i) => {
    if (p.packet.linkType === LINKTYPE_ETHERNET || cooked[from[i]!]) return;
    const l = decodeLinkLayer(p.packet.linkType, p.packet.data, p.packet.fcsLen);
    if (l.ok && l.value.src && l.value.src !== ZERO_MAC) cooked[from[i]!] = l.value.src;
  });
  const useCooked = cooked.client !== undefined && cooked.server !== undefined && cooked.client !== cooked.server;
  const macOf = (r: Role): MacAddr => (useCooked ? cooked[r]! : MADE_UP_MAC[r]);
  const built = packets.map((p, i) => rebuildFrame(p.packet, { src: macOf(from[i]!), dst: macOf(PEER[from[i]!]) }));
  const facts = packets.map((p, i) => factsOf(p, built[i]!));
  const loopback = packets.some((p) => p.packet.linkType === LINKTYPE_NULL || p.packet.linkType === LINKTYPE_LOOP)
    || (endpoints.client.ip.startsWith('127.') && endpoints.server.ip.startsWith('127.'));
  const ifname = loopback ? 'lo' : 'eth0';
  const iface = (r: Role) => `${r}:${ifname}`;

  // The ends, as they were when the capture began.
  const firstFacts = facts[0]!;
  const opening: ReplayTrace['opening'] = firstFacts.syn && firstFacts.ack === null && from[0] === 'client' ? 'syn'
    : firstFacts.syn && firstFacts.ack !== null ? 'missed-syn' : 'mid-stream';
  const issOf = (r: Role): Seq => {
    const syn = facts.find((f, i) => from[i] === r && f.syn);
    return syn ? syn.seq : bases[r];
  };
  const answersSyn = facts.some((f, i) => from[i] === 'server' && f.syn && f.ack !== null);
  // A SYN without ACK from the server too: both opened actively (RFC 9293 Figure 8), nobody listened.
  const simultaneousOpen = facts.some((f, i) => from[i] === 'server' && f.syn && f.ack === null);
  const ends: Record<Role, InferredEnd> = opening === 'syn'
    ? { client: new InferredEnd('CLOSED', issOf('client'), false), server: new InferredEnd('CLOSED', issOf('server'), !simultaneousOpen) }
    : opening === 'missed-syn'
      ? { client: new InferredEnd('SYN_SENT', issOf('client'), false), server: new InferredEnd('SYN_RECEIVED', issOf('server'), true) }
      : { client: new InferredEnd('ESTABLISHED', issOf('client'), false), server: new InferredEnd('ESTABLISHED', issOf('server'), true) };
  if (opening === 'missed-syn') {
    const synAck = firstFacts;
    ends.server.assume({ irs: seqAdd(synAck.ack!, -1), rcvNxt: synAck.ack! });
    ends.client.assume({ sndNxt: synAck.ack! });
  } else if (opening === 'mid-stream') {
    for (const r of ['client', 'server'] as const) ends[r].assume({ sndNxt: seqAdd(bases[r], 1) });
  }

  // The trace is written as the simulator writes its own (sim/recorder.ts, sim/trace-writer.ts).
  let now: Micros = 0;
  const rec = new Recorder({ level: 'full' }, () => now);

  // Frames, in capture order; one-liners as tcpdump prints them.
  const frames: FrameRecord[] = [];
  const frameOf: (FrameId | null)[] = [];
  const summarizer = createSummarizer();
  built.forEach((b, i) => {
    if (!b.ok) {
      frameOf.push(null);
      return;
    }
    const id = rec.allocFrameId();
    summarizer.observe(id, b.frame.bytes);
    frames.push({ id, t: timeOf(packets[i]!), link: LINK, from: iface(from[i]!), to: iface(PEER[from[i]!]), bytes: b.frame.bytes, summary: '', parent: null });
    frameOf.push(id);
  });
  for (const f of frames) rec.addFrame({ ...f, summary: summarizer.summarize(f.id, f.bytes) });

  const narration: { at: number; text: Text }[] = [];
  const note = (key: ReplayMessage, params: Readonly<Record<string, string | number | Text>> = {}) => narration.push({ at: rec.stepCount, text: text(key, params) });
  const notPlayed: Text[] = [];
  const shownState: Record<Role, TcpState> = { client: ends.client.state, server: ends.server.state };
  const socketSnapshot = (r: Role): SocketSnapshot => {
    const e = ends[r];
    return {
      id: SOCKET[r], host: r, protocol: 'tcp', state: shownState[r],
      local: endpoints[r], remote: endpoints[PEER[r]],
      iss: e.iss, irs: e.irs, sndUna: e.sndUna, sndNxt: e.sndNxt, sndWnd: e.sndWnd, rcvNxt: e.rcvNxt, rcvWnd: e.rcvWnd,
      sendBuffered: 0, recvBuffered: 0, outOfOrder: e.outOfOrder, peerMss: e.peerMss,
      // A capture does not show the sender's congestion window.
      cwnd: null, ssthresh: null, inFlight: Math.max(0, seqDiff(e.sndNxt, e.sndUna)),
    };
  };
  const sources: Record<Role, SocketSource> = {
    client: { id: SOCKET.client, snapshot: () => socketSnapshot('client') },
    server: { id: SOCKET.server, snapshot: () => socketSnapshot('server') },
  };
  for (const r of ['client', 'server'] as const) {
    rec.addSocket({ id: SOCKET[r], host: r as NodeName, local: endpoints[r], remote: endpoints[PEER[r]] }, sources[r]);
  }
  /** Either end's numbers may have changed: the next step's snapshot reads them again. */
  const touched = () => {
    rec.touchSocket(sources.client);
    rec.touchSocket(sources.server);
  };
  const push = (step: Step) => rec.step(step);
  const stateSteps = (r: Role, changes: readonly StateChange[]) => {
    for (const c of changes) {
      shownState[r] = c.to;
      touched();
      push({ t: now, kind: 'tcp-state', host: r, socket: SOCKET[r], from: c.from, to: c.to, cause: c.cause });
    }
  };

  // What the learner is told first.
  note('intro', {
    stream: read.stream, file: displayName, count: read.total,
    client: `${endpoints.client.ip}:${endpoints.client.port}`, server: `${endpoints.server.ip}:${endpoints.server.port}`,
    first: packets[0]!.packet.index, last: packets[packets.length - 1]!.packet.index,
  });
  if (opening === 'syn') note('roles', { client: `${endpoints.client.ip}:${endpoints.client.port}`, server: `${endpoints.server.ip}:${endpoints.server.port}` });
  else if (opening === 'missed-syn') note('missedSyn');
  else note('midStream', { port: endpoints.server.port });
  if (read.total > packets.length) note('limited', { total: read.total, max: packets.length });
  if (read.cutOff) note('cutOffFile', { offset: read.cutOff.offset, count: read.cutOff.count });
  // What the link layer shown is made of: said where the first frame's FCS is checked.
  const shownFrames = built.filter((b): b is { ok: true; frame: RebuiltFrame } => b.ok).map((b) => b.frame);
  const linkNotes: Text[] = [];
  if (!ethernet) {
    const linkTypes = [...new Set(packets.filter((p) => p.packet.linkType !== LINKTYPE_ETHERNET).map((p) => linkTypeName(p.packet.linkType)))].join(', ');
    linkNotes.push(text('syntheticLink', { linkType: linkTypes, macs: text(useCooked ? 'macsCooked' : 'macsMadeUp') }));
  } else {
    linkNotes.push(text(shownFrames.some((f) => f.fcs.kind === 'captured') ? 'fcsCaptured' : 'fcsComputed'));
    const vlans = [...new Set(shownFrames.flatMap((f) => f.vlanIds))];
    if (vlans.length) linkNotes.push(text('vlan', { ids: vlans.join(', ') }));
    if (shownFrames[0]?.bytes.subarray(0, 12).every((b) => b === 0)) linkNotes.push(text('zeroMacs'));
  }

  // The server was listening before the capture began: the SYN-ACK it sent says so.
  if (opening === 'syn' && answersSyn && !simultaneousOpen) {
    ends.server.state = 'LISTEN';
    stateSteps('server', [{ from: 'CLOSED', to: 'LISTEN', cause: tcpCause('listening-before-capture', { port: endpoints.server.port }) }]);
  }

  const { pos, crossed, resent } = placeArrivals(facts, from);
  const arrivingAfter = new Map<number, number[]>();
  pos.forEach((p, i) => {
    if (p !== null) arrivingAfter.set(p, [...(arrivingAfter.get(p) ?? []), i]);
  });
  const transmitAt: (number | null)[] = packets.map(() => null);
  const arriveAt: (number | null)[] = packets.map(() => null);
  const arrivals: (Arrival | null)[] = packets.map(() => null);
  const rcvNxtAfter: (Seq | null)[] = packets.map(() => null);
  let offloadNoted = false;

  const arrive = (i: number) => {
    const r = PEER[from[i]!];
    const end = ends[r];
    const f = facts[i]!;
    const b = built[i]!;
    const id = frameOf[i] ?? null;
    if (!b.ok || id === null) {
      // Not shown, but the receiver still counts its bytes.
      const a = end.received(f);
      touched();
      arrivals[i] = a;
      rcvNxtAfter[i] = end.rcvNxt;
      stateSteps(r, a.changes);
      return;
    }
    const frame = b.frame;
    const w = new ReceiveWriter(rec, () => now, r, id);
    const check = (layer: Layer, kind: CheckKind, ok: boolean, expected: string, actual: string) => w.check(layer, kind, ok, expected, actual);
    const drop = (layer: Layer, reason: DropReason) => w.drop(layer, reason);

    arriveAt[i] = rec.stepCount;
    push({ t: now, kind: 'arrive', frame: id, node: r, iface: iface(r) });
    for (const t of linkNotes.splice(0)) narration.push({ at: rec.stepCount, text: t });
    const fcs = frame.fcs;
    if (fcs.kind === 'computed') check('link', 'eth.fcs', true, hex32(fcs.value), hex32(fcs.value));
    else check('link', 'eth.fcs', fcs.ok, hex32(fcs.computed), hex32(fcs.value));
    if (fcs.kind === 'captured' && !fcs.ok) return drop('link', { code: 'bad-fcs' });
    w.strip('ethernet', frame.bytes.length);

    const ip = frame.ip;
    if (!ip.checksumOk) {
      const header = frame.bytes.slice(14, 14 + ip.headerLength);
      header[10] = 0;
      header[11] = 0;
      const correct = internetChecksum(header);
      // Zero is what a stack leaves for the card to fill in (IP checksum offload).
      if (ip.checksum === 0) w.check('internet', 'ip.checksum', true, hex16(correct), hex16(0), { offload: true });
      else {
        check('internet', 'ip.checksum', false, hex16(correct), hex16(ip.checksum));
        return drop('internet', { code: 'bad-ip-checksum' });
      }
    } else check('internet', 'ip.checksum', true, hex16(ip.checksum), hex16(ip.checksum));
    check('internet', 'ip.dst', true, endpoints[r].ip, ip.dst);
    w.strip('ipv4', ip.totalLength);

    const sum = packets[i]!.d.checksum;
    if (sum.state === 'bad') {
      const offloaded = sum.looksOffloaded || read.offloaded.has(endpoints[from[i]!].ip);
      if (offloaded) {
        w.check('transport', 'tcp.checksum', true, hex16(sum.expected), hex16(sum.field), { offload: true });
        if (!offloadNoted) {
          offloadNoted = true;
          narration.push({ at: arriveAt[i]!, text: text('offload', { n: packets[i]!.packet.index, field: hex16(sum.field), expected: hex16(sum.expected), host: hostText(from[i]!) }) });
        }
      } else {
        check('transport', 'tcp.checksum', false, hex16(sum.expected), hex16(sum.field));
        return drop('transport', { code: 'bad-tcp-checksum' });
      }
    } else check('transport', 'tcp.checksum', true, hex16(frame.tcp.checksum), hex16(frame.tcp.checksum));

    const port = endpoints[r].port;
    const listening = end.state === 'LISTEN';
    if (end.state === 'CLOSED' || (listening && !(f.syn && f.ack === null && !f.rst))) {
      // As the simulator words it: a SYN is refused when nothing listens; any other segment
      // belongs to no connection (RFC 9293 §3.10.7.1).
      const opening = f.syn && f.ack === null;
      check('transport', 'port', false, listening && !opening ? 'LISTEN' : '-', String(port));
      return drop('transport', { code: f.rst ? 'rst-no-connection' : opening ? 'no-socket' : 'no-connection', port });
    }
    check('transport', 'port', true, listening ? 'LISTEN' : `${SOCKET[r]} (${end.state})`, String(port));

    const a = end.received(f);
    touched();
    arrivals[i] = a;
    rcvNxtAfter[i] = end.rcvNxt;
    const accepted = a.verdict === 'in-order' || a.verdict === 'no-data';
    w.check('transport', 'tcp.seq', accepted, String(a.expected), String(f.seq), { verdict: a.verdict });
    push({ t: now, kind: 'tcp-segment', host: r, socket: SOCKET[r], frame: id, verdict: a.verdict, seq: f.seq, expected: a.expected, length: f.dataLength });
    // The segment's bytes, header and data, as the IP header's lengths give them.
    if (accepted) w.strip('tcp', ip.totalLength - ip.headerLength);
    stateSteps(r, a.changes);
  };

  packets.forEach((p, i) => {
    const sender = from[i]!;
    const f = facts[i]!;
    const b = built[i]!;
    now = Math.max(now, timeOf(p));
    const a = p.v;
    if (a.flags & A_LOST_SEGMENT) {
      const prior = packets.slice(0, i).filter((_, k) => from[k] === sender);
      const reached = prior.reduce<number | null>((m, q) => (q.v.nextSeq !== null && (m === null || q.v.nextSeq > m) ? q.v.nextSeq : m), null);
      // The missing bytes end just before this segment's first: `to` is the last one.
      if (reached !== null) note('lost', { n: p.packet.index, from: reached, to: a.relSeq - 1, sender: hostText(sender) });
    }
    if (a.flags & (A_RETRANSMISSION | A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION) && f.dataLength > 0) {
      const what = a.flags & A_FAST_RETRANSMISSION ? 'TCP Fast Retransmission' : a.flags & A_SPURIOUS_RETRANSMISSION ? 'TCP Spurious Retransmission' : 'TCP Retransmission';
      note('retransmission', { n: p.packet.index, what, sender: hostText(sender), seq: a.relSeq });
    }
    if (b.ok) {
      transmitAt[i] = rec.stepCount;
      push({ t: now, kind: 'transmit', frame: frameOf[i]! });
    } else if (b.cut) {
      const facts2 = `${sender} → ${PEER[sender]}, seq ${a.relSeq}${f.ack !== null ? `, ack ${a.relAck}` : ''}, len ${f.dataLength}`;
      note('cut', { n: p.packet.index, facts: facts2, captured: p.packet.capLen, length: p.packet.origLen, len: f.dataLength });
      notPlayed.push(narration.at(-1)!.text);
    } else {
      note('unreadable', { n: p.packet.index, reason: unreadableText(b.reason) });
      notPlayed.push(narration.at(-1)!.text);
    }
    const changes = ends[sender].sent(f);
    touched();
    stateSteps(sender, changes);

    const copy = resent.get(i);
    if (copy !== undefined && b.ok) {
      const r = PEER[sender];
      // Reached in order with the rest of the story: the next step shows it lost.
      push({
        t: now, kind: 'drop', node: r, frame: frameOf[i]!, layer: 'link',
        reason: { code: 'copy-lost', receiver: r, sender, frame: packets[copy]!.packet.index },
      });
    }
    const m = crossed.get(i);
    if (m !== undefined) {
      narration.push({
        at: rec.stepCount,
        text: text('crossed', { n: p.packet.index, m: packets[m]!.packet.index, receiver: hostText(PEER[sender]), what: f.syn ? 'SYN' : 'FIN' }),
      });
    }
    for (const j of arrivingAfter.get(i) ?? []) arrive(j);
  });

  const trace: Trace = rec.trace(0);
  const steps = trace.steps;
  // TIME_WAIT outlasts any capture: say so where the end enters it.
  for (const r of ['client', 'server'] as const) {
    if (shownState[r] !== 'TIME_WAIT') continue;
    const entered = steps.findLastIndex((s) => s.kind === 'tcp-state' && s.host === r && s.to === 'TIME_WAIT');
    narration.push({ at: Math.min(entered + 1, steps.length - 1), text: text('timeWait', { host: hostText(r) }) });
  }

  const replayPackets: ReplayPacket[] = packets.map((p, i) => ({
    n: p.packet.index, t: timeOf(p), from: from[i]!, facts: facts[i]!, analysis: p.v,
    frame: frameOf[i] ?? null, transmitAt: transmitAt[i] ?? null, arriveAt: arriveAt[i] ?? null,
    arrival: arrivals[i] ?? null, rcvNxtAfter: rcvNxtAfter[i] ?? null,
  }));
  return { trace, narration: narration.sort((x, y) => x.at - y.at), packets: replayPackets, endpoints, bases, opening, notPlayed };
}
