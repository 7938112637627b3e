// Everything the screen shows at step i, computed once per trace in one pass, so that
// stepping (forward or back) is an index and never a replay. Views hold facts (raw values,
// byte ranges, which step wrote what); selectors in model.ts turn them into what a
// learner reads, in the numbering and detail level of the moment.
import type {
  CheckKind, FrameId, FrameRecord, Layer, NodeName, Pdu, Protocol, SocketId, Step, Trace,
} from '../sim/trace.js';
import { dropText } from '../i18n/reasons.js';
import type { Text } from '../i18n/text.js';
import { LAYERS } from '../sim/trace.js';
import type { SegmentVerdict } from '../sim/tcp/api.js';
import { PROTOCOLS, protocolOfField } from '../wire/protocols.js';
import { dissect, hostOfAddress, partOfProtocol, rangeOfFrameBits, type ByteRange, type Dissection, type LayerPart, type TcpFacts } from './dissect.js';
import { fieldInfo, isSeqKey } from './fields.js';
import { seqBasesOfTrace } from '../sim/relative.js';
import { flowKey, type FlowKey, type SeqBases } from '../wire/relative.js';

export type SceneKind = 'idle' | 'app' | 'encap' | 'wire' | 'decap' | 'router';

export type LayerStatus =
  | 'idle'        // nothing here in this scene
  | 'building'    // encapsulation: the header is being written
  | 'built'       // encapsulation: header written, the PDU went down
  | 'inside'      // decapsulation: still wrapped in the PDU below
  | 'checking'    // decapsulation: this layer checks its header
  | 'stripped'    // decapsulation: header removed, the payload moved up
  | 'delivered'   // the application has read the data
  | 'forwarding'  // a router rewrites or keeps these fields
  | 'dropped';

export type RowMark = 'none' | 'changed' | 'unchanged';

export interface FieldRow {
  readonly key: string;
  readonly name: string;
  /** As the trace or the bytes give it; sequence numbers absolute. */
  readonly value: string;
  /** For tcp.seq and tcp.ack: the direction whose numbering applies. */
  readonly flow: FlowKey | null;
  readonly range: ByteRange | null;
  /** The step that wrote it; -1 for fields that came with the scene (a received header). */
  readonly at: number;
  readonly mark: RowMark;
  /** At a router: the value before the rewrite. */
  readonly before: string | null;
}

export interface CheckRow {
  readonly at: number;
  readonly check: CheckKind;
  readonly ok: boolean;
  readonly expected: string;
  readonly actual: string;
  readonly verdict: SegmentVerdict | null;
  readonly flow: FlowKey | null;
  readonly range: ByteRange | null;
  readonly offload: boolean;
}

export type Summary =
  | { readonly kind: 'tcp'; readonly facts: TcpFacts; readonly flow: FlowKey }
  | { readonly kind: 'text'; readonly text: string };

/** A router's drop, named short for the layer box. */
const TTL_EXPIRED: Text = { en: 'TTL', ko: 'TTL' };
const NO_ROUTE: Text = { en: 'no route', ko: '경로 없음' };


/**
 * One box of the layer stack: one protocol's header in one frame, or, with no protocol, a
 * layer the frame does not use. A layer can hold two boxes (ARP inside Ethernet, ICMP inside
 * IPv4, as the protocol table places them); a header is built and received in the same box.
 */
export interface LayerView {
  readonly layer: Layer;
  readonly pdu: Pdu;
  readonly protocol: Protocol | null;
  readonly status: LayerStatus;
  /** The step at which `status` was entered. */
  readonly since: number;
  readonly rows: readonly FieldRow[];
  readonly checks: readonly CheckRow[];
  readonly headerBytes: number | null;
  readonly trailerBytes: number | null;
  readonly pduBytes: number | null;
  readonly summary: Summary | null;
  /** Why it was dropped. */
  readonly reason: Text | null;
}

export interface StackView {
  readonly scene: SceneKind;
  /** Whose stack: the host encapsulating, the node receiving, the router forwarding. */
  readonly node: NodeName | null;
  readonly frame: FrameId | null;
  /**
   * Top-down, application to link: each layer once, or once per protocol the frame has in
   * it (ARP and Ethernet are two boxes of the link layer).
   */
  readonly layers: readonly LayerView[];
  readonly focus: Layer | null;
  readonly route: { readonly route: string; readonly nextHop: string; readonly from: FrameId } | null;
}

export interface HexView {
  readonly frame: FrameId;
  /** Bytes written so far, during encapsulation; null when every byte is there. */
  readonly known: readonly ByteRange[] | null;
  /** Headers already stripped by the receiver. */
  readonly faded: readonly ByteRange[];
  readonly highlight: readonly ByteRange[];
  /** The field whose bytes are highlighted. */
  readonly focusKey: string | null;
}

export interface StepView {
  readonly stack: StackView;
  readonly hex: HexView | null;
  /** Index into the ladder's connections, or -1 when the trace has none. */
  readonly connection: number;
  /** The original frame (before any router) this step is about, for the ladder's marker. */
  readonly rootFrame: FrameId | null;
}

export interface LadderColumn {
  readonly host: NodeName;
  readonly socket: SocketId | null;
  readonly endpoint: string;
}

export interface LadderRow {
  readonly frame: FrameId;
  /** Column index of the sender. */
  readonly from: 0 | 1;
  readonly facts: TcpFacts;
  readonly flow: FlowKey;
  /** Step of its first transmit; the arrow appears there. */
  readonly sentAt: number;
  /** Step at which it (or its forwarded copy) reached the peer; null if never. */
  readonly deliveredAt: number | null;
  /** Step at which it was dropped on the way; null if never. */
  readonly lostAt: number | null;
  /** The connection's routers in the order it passes them: when it reached each, and when it left. */
  readonly hops: readonly LadderHop[];
}

export interface LadderHop {
  readonly node: NodeName;
  readonly arrivedAt: number | null;
  readonly forwardedAt: number | null;
}

export interface LadderConnection {
  readonly columns: readonly [LadderColumn, LadderColumn];
  /** The routers between the two columns, from column 0's side (RFC 1812 forwarding steps). */
  readonly hops: readonly NodeName[];
  readonly rows: readonly LadderRow[];
}

/** An original frame (not a router's or switch's copy) and when it was first put on a wire. */
export interface SentFrame {
  readonly frame: FrameId;
  readonly sentAt: number;
  /** Its innermost protocol, as a learner names the frame: ARP, DNS, ICMP, TCP. */
  readonly protocol: Protocol;
}

export interface TraceViews {
  readonly views: readonly StepView[];
  readonly dissections: readonly Dissection[];
  readonly bases: SeqBases;
  readonly connections: readonly LadderConnection[];
  /** Every original frame in capture order, for what a ladder does not draw. */
  readonly sent: readonly SentFrame[];
}

const CHECK_FIELD: Readonly<Record<CheckKind, string>> = {
  'eth.dst': 'eth.dst',
  'eth.fcs': 'eth.fcs',
  'ip.checksum': 'ip.checksum',
  'ip.dst': 'ip.dst',
  'ip.ttl': 'ip.ttl',
  'tcp.checksum': 'tcp.checksum',
  'udp.checksum': 'udp.checksum',
  port: 'tcp.dstport',
  'tcp.seq': 'tcp.seq',
};

/** The field a check reads, for highlighting its bytes. */
export function checkField(check: CheckKind, d: Dissection | null): string {
  if (check === 'port' && d && !d.fields.has('tcp.dstport') && d.fields.has('udp.dstport')) return 'udp.dstport';
  return CHECK_FIELD[check];
}

/** What an idle layer box is called before any frame says otherwise: TCP over IPv4 over Ethernet. */
const DEFAULT_PROTOCOL: Readonly<Record<Layer, Protocol>> = { application: 'data', transport: 'tcp', internet: 'ipv4', link: 'ethernet' };

function idleLayer(layer: Layer): LayerView {
  return {
    layer, pdu: PROTOCOLS[DEFAULT_PROTOCOL[layer]].pdu, protocol: null, status: 'idle', since: -1, rows: [], checks: [],
    headerBytes: null, trailerBytes: null, pduBytes: null, summary: null, reason: null,
  };
}

/** An idle box for a protocol the frame is about to carry. */
function idleBox(protocol: Protocol): LayerView {
  return { ...idleLayer(PROTOCOLS[protocol].layer), protocol, pdu: PROTOCOLS[protocol].pdu };
}

/** Each layer's boxes for a frame's parts, top-down: the parts of that layer, or an idle box. */
function boxesFor(d: Dissection | null, box: (p: LayerPart) => LayerView): LayerView[] {
  if (!d || d.parts.length === 0) return [...IDLE_LAYERS];
  return LAYERS.flatMap((layer) => {
    const parts = d.parts.filter((p) => p.layer === layer);
    return parts.length ? parts.map(box) : [idleLayer(layer)];
  });
}

const IDLE_LAYERS: readonly LayerView[] = LAYERS.map(idleLayer);

export const IDLE_STACK: StackView = { scene: 'idle', node: null, frame: null, layers: IDLE_LAYERS, focus: null, route: null };

function nodeOf(iface: string): NodeName {
  const i = iface.indexOf(':');
  return i < 0 ? iface : iface.slice(0, i);
}

function size(r: ByteRange): number {
  return r.end - r.start;
}

/** A header in one line, as tcpdump would print it. */
function summaryOf(d: Dissection, protocol: Protocol): Summary | null {
  const v = (key: string) => d.fields.get(key)?.value ?? '?';
  switch (protocol) {
    case 'http':
    case 'dns':
    case 'data':
      return d.appPreview === null ? null : { kind: 'text', text: d.appPreview };
    case 'tcp':
      return d.tcp ? { kind: 'tcp', facts: d.tcp, flow: flowKey(d.tcp.srcIp, d.tcp.srcPort, d.tcp.dstIp, d.tcp.dstPort) } : null;
    case 'udp':
      return d.fields.has('udp.srcport') ? { kind: 'text', text: `${v('udp.srcport')} → ${v('udp.dstport')}` } : null;
    case 'icmp': {
      if (!d.fields.has('icmp.type')) return null;
      const type = v('icmp.type');
      const name = type === '8' ? 'echo request' : type === '0' ? 'echo reply' : type === '11' ? 'time exceeded' : type === '3' ? 'unreachable' : `type ${type}`;
      return { kind: 'text', text: type === '8' || type === '0' ? `${name}, id ${v('icmp.ident')}, seq ${v('icmp.seq')}` : name };
    }
    case 'ipv4':
      return d.ip ? { kind: 'text', text: `${d.ip.src} → ${d.ip.dst}  TTL ${d.ip.ttl}` } : null;
    case 'arp':
      if (!d.fields.has('arp.opcode')) return null;
      return {
        kind: 'text',
        text: v('arp.opcode') === '1' ? `who-has ${v('arp.dst.proto_ipv4')} tell ${v('arp.src.proto_ipv4')}` : `${v('arp.src.proto_ipv4')} is-at ${v('arp.src.hw_mac')}`,
      };
    case 'ethernet':
      return d.eth ? { kind: 'text', text: `${d.eth.src} → ${d.eth.dst}` } : null;
  }
}

function flowOf(d: Dissection): FlowKey | null {
  return d.tcp ? flowKey(d.tcp.srcIp, d.tcp.srcPort, d.tcp.dstIp, d.tcp.dstPort) : null;
}

/**
 * The direction whose numbering a seq or ack field is read in; null for other fields, and
 * for the ack field of a segment without ACK (its value means nothing, Wireshark shows it raw).
 */
function seqFlow(key: string, d: Dissection): FlowKey | null {
  if (!isSeqKey(key) || !d.tcp) return null;
  if (key === 'tcp.ack' && d.tcp.ack === null) return null;
  return flowOf(d);
}

/** The header fields of one protocol as a receiver sees them, in wire order. */
function receivedRows(d: Dissection, protocol: Protocol): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const f of d.fields.values()) {
    if (protocolOfField(f.key) !== protocol) continue;
    rows.push({ key: f.key, name: f.name, value: f.value, flow: seqFlow(f.key, d), range: f.range, at: -1, mark: 'none', before: null });
  }
  return rows.sort((a, b) => a.range!.start - b.range!.start);
}

/** A frame as it arrives: one box per header, each wrapped in the one below. */
function receivedLayers(d: Dissection): LayerView[] {
  return boxesFor(d, (part) => ({
    ...idleBox(part.protocol),
    status: 'inside',
    rows: receivedRows(d, part.protocol),
    headerBytes: part.layer === 'application' && part.header.end === part.pdu.end ? null : size(part.header),
    trailerBytes: part.trailer ? size(part.trailer) : null,
    pduBytes: size(part.pdu),
    summary: summaryOf(d, part.protocol),
  }));
}

/**
 * The box a step is about: the one of its protocol, else the application box (data the
 * application wrote before the frame was known), else the first box of its layer.
 */
function boxIndex(stack: StackView, layer: Layer, protocol: Protocol | null): number {
  let i = protocol === null ? -1 : stack.layers.findIndex((l) => l.protocol === protocol);
  if (i < 0) i = stack.layers.findIndex((l) => l.layer === layer && l.protocol === null);
  if (i < 0) i = stack.layers.findIndex((l) => l.layer === layer);
  return i;
}

function replaceBox(stack: StackView, i: number, patch: Partial<LayerView>): StackView {
  return i < 0 ? stack : { ...stack, layers: stack.layers.map((l, k) => (k === i ? { ...l, ...patch } : l)) };
}

function boxAt(stack: StackView, i: number): LayerView {
  return stack.layers[i] ?? idleLayer('application');
}

/** The box a receiving layer drops a frame in: the outermost one of that layer still holding its header. */
function dropBox(stack: StackView, layer: Layer): number {
  let last = -1;
  stack.layers.forEach((l, k) => {
    if (l.layer === layer && l.protocol !== null && l.status !== 'stripped') last = k;
  });
  return last >= 0 ? last : boxIndex(stack, layer, null);
}

/** Builds every step's view. O(steps × fields of one frame). */
export function buildViews(trace: Trace): TraceViews {
  const dissections = trace.frames.map((f) => dissect(f.bytes));
  const rootOf = (id: FrameId): FrameId => {
    let f: FrameRecord | undefined = trace.frames[id];
    let guard = trace.frames.length;
    while (f && f.parent !== null && guard-- > 0) f = trace.frames[f.parent];
    return f ? f.id : id;
  };

  // Capture order of original frames: when each was first put on a wire.
  const firstTransmit = new Map<FrameId, number>();
  trace.steps.forEach((s, i) => {
    if (s.kind === 'transmit' && !firstTransmit.has(s.frame)) firstTransmit.set(s.frame, i);
  });
  const roots = trace.frames
    .filter((f) => f.parent === null && dissections[f.id]?.tcp)
    .sort((a, b) => (firstTransmit.get(a.id) ?? Infinity) - (firstTransmit.get(b.id) ?? Infinity) || a.id - b.id);
  const bases = seqBasesOfTrace(trace);
  const sent: SentFrame[] = trace.frames
    .filter((f) => f.parent === null && firstTransmit.has(f.id))
    .map((f) => ({ frame: f.id, sentAt: firstTransmit.get(f.id)!, protocol: namedProtocol(dissections[f.id]) }))
    .sort((a, b) => a.sentAt - b.sentAt || a.frame - b.frame);

  const connections = buildConnections(trace, dissections, roots, rootOf, firstTransmit);
  const connOfFrame = new Map<FrameId, number>();
  const connOfSocket = new Map<SocketId, number>();
  connections.forEach((c, ci) => {
    for (const r of c.rows) connOfFrame.set(r.frame, ci);
    for (const col of c.columns) if (col.socket) connOfSocket.set(col.socket, ci);
  });

  const views: StepView[] = [];
  let stack: StackView = IDLE_STACK;
  let hex: HexView | null = null;
  let connection = connections.length > 0 ? 0 : -1;
  let rootFrame: FrameId | null = null;

  const startDecap = (node: NodeName, frame: FrameId): void => {
    const d = dissections[frame];
    stack = { scene: 'decap', node, frame, layers: d ? receivedLayers(d) : IDLE_LAYERS, focus: 'link', route: null };
    hex = { frame, known: null, faded: [], highlight: [], focusKey: null };
  };
  const ensureEncap = (host: NodeName, frame: FrameId): void => {
    if (stack.scene === 'encap' && stack.node === host && stack.frame === frame) return;
    // Data the application just wrote is what this frame carries: keep its box.
    const carried = stack.scene === 'app' && stack.node === host ? stack.layers.find((l) => l.layer === 'application') ?? null : null;
    const layers = boxesFor(dissections[frame] ?? null, (p) => (p.layer === 'application' && carried
      ? { ...carried, protocol: p.protocol, pdu: PROTOCOLS[p.protocol].pdu } : idleBox(p.protocol)));
    stack = { scene: 'encap', node: host, frame, focus: null, route: null, layers };
    hex = { frame, known: [], faded: [], highlight: [], focusKey: null };
  };
  const ensureDecap = (node: NodeName, frame: FrameId): void => {
    if (stack.scene === 'decap' && stack.node === node && stack.frame === frame) return;
    startDecap(node, frame);
  };
  const setHex = (patch: Partial<HexView>): void => {
    if (hex) hex = { ...hex, ...patch };
  };

  trace.steps.forEach((step, i) => {
    const frameOf = frameOfStep(step);
    if (frameOf !== null) {
      rootFrame = rootOf(frameOf);
      connection = connOfFrame.get(rootFrame) ?? connection;
    }
    const socket = socketOfStep(step);
    if (socket !== null) connection = connOfSocket.get(socket) ?? connection;

    switch (step.kind) {
      case 'app-write': {
        const app: LayerView = {
          ...idleLayer('application'), status: 'building', since: i, pduBytes: step.length,
          summary: { kind: 'text', text: step.preview },
        };
        stack = { scene: 'app', node: step.host, frame: null, focus: 'application', route: null, layers: [app, ...IDLE_LAYERS.slice(1)] };
        hex = null;
        break;
      }
      case 'app-read': {
        const patch: Partial<LayerView> = {
          status: 'delivered', since: i, pduBytes: step.length, summary: { kind: 'text', text: step.preview },
        };
        if (stack.node !== step.host || stack.scene !== 'decap') {
          stack = { scene: 'app', node: step.host, frame: null, focus: 'application', route: null, layers: IDLE_LAYERS };
          hex = null;
        }
        stack = { ...replaceBox(stack, stack.layers.findIndex((l) => l.layer === 'application'), patch), focus: 'application' };
        break;
      }
      case 'encap-begin': {
        ensureEncap(step.host, step.frame);
        const b = boxIndex(stack, step.layer, step.protocol);
        stack = {
          ...replaceBox(stack, b, { status: 'building', since: i, protocol: step.protocol, rows: [], pdu: PROTOCOLS[step.protocol].pdu }),
          focus: step.layer,
        };
        setHex({ highlight: [], focusKey: null });
        break;
      }
      case 'encap-field': {
        ensureEncap(step.host, step.frame);
        const d = dissections[step.frame] ?? null;
        const range = step.bitLength > 0 ? rangeOfFrameBits(step.bitOffset, step.bitLength) : d?.fields.get(step.key)?.range ?? null;
        const row: FieldRow = {
          key: step.key, name: fieldInfo(step.key).name, value: step.value,
          flow: d ? seqFlow(step.key, d) : null, range, at: i, mark: 'none', before: null,
        };
        const b = boxIndex(stack, step.layer, step.protocol);
        const l = boxAt(stack, b);
        stack = {
          ...replaceBox(stack, b, {
            status: 'building', since: l.status === 'building' ? l.since : i, protocol: step.protocol, rows: [...l.rows, row],
          }),
          focus: step.layer,
        };
        if (hex && range) setHex({ known: [...(hex.known ?? []), range], highlight: [range], focusKey: step.key });
        break;
      }
      case 'encap-end': {
        ensureEncap(step.host, step.frame);
        const d = dissections[step.frame] ?? null;
        const part = d ? partOfProtocol(d, step.protocol) : null;
        const header = part && !(part.layer === 'application' && part.header.end === part.pdu.end) ? part.header : null;
        const b = boxIndex(stack, step.layer, step.protocol);
        stack = {
          ...replaceBox(stack, b, {
            status: 'built', since: i, protocol: step.protocol, pdu: step.pdu, pduBytes: step.length,
            headerBytes: header ? size(header) : null, trailerBytes: part?.trailer ? size(part.trailer) : null,
            summary: (d && summaryOf(d, step.protocol)) ?? boxAt(stack, b).summary,
          }),
          focus: step.layer,
        };
        if (hex && part) {
          const marks = [header ?? part.pdu, ...(part.trailer ? [part.trailer] : [])];
          setHex({ known: [...(hex.known ?? []), part.pdu], highlight: marks, focusKey: null });
        }
        break;
      }
      case 'transmit': {
        const rec = trace.frames[step.frame];
        const keep = (stack.frame === step.frame && (stack.scene === 'encap' || stack.scene === 'wire'))
          || (stack.scene === 'router' && stack.frame === step.frame);
        if (!keep) {
          const d = dissections[step.frame];
          stack = {
            scene: 'wire', node: rec ? nodeOf(rec.from) : null, frame: step.frame, route: null, focus: null,
            layers: d ? receivedLayers(d).map((l) => (l.status === 'inside' ? { ...l, status: 'built' as const } : l)) : IDLE_LAYERS,
          };
        } else if (stack.scene === 'encap') {
          stack = { ...stack, scene: 'wire', focus: null };
        }
        hex = { frame: step.frame, known: null, faded: [], highlight: [], focusKey: null };
        break;
      }
      case 'arrive':
        startDecap(step.node, step.frame);
        break;
      case 'decap-check': {
        ensureDecap(step.node, step.frame);
        const d = dissections[step.frame] ?? null;
        const key = checkField(step.check, d);
        const range = d?.fields.get(key)?.range ?? null;
        const b = boxIndex(stack, step.layer, protocolOfField(key));
        const l = boxAt(stack, b);
        const row: CheckRow = {
          at: i, check: step.check, ok: step.ok, expected: step.expected, actual: step.actual,
          verdict: step.verdict ?? null, flow: d ? flowOf(d) : null, range, offload: step.offload === true,
        };
        // A segment after a gap fails the seq check but is held for later, not thrown away
        // (RFC 9293 §3.10.7.4); the check's own line says so.
        const held = step.verdict === 'out-of-order';
        stack = {
          ...replaceBox(stack, b, {
            status: step.ok || held || l.status === 'dropped' ? 'checking' : 'dropped',
            since: l.status === 'checking' ? l.since : i,
            checks: [...l.checks, row],
          }),
          focus: step.layer,
        };
        setHex({ highlight: range ? [range] : [], focusKey: range ? key : null });
        break;
      }
      case 'decap-strip': {
        ensureDecap(step.node, step.frame);
        const d = dissections[step.frame] ?? null;
        const part = d ? partOfProtocol(d, step.protocol) : null;
        const b = boxIndex(stack, step.layer, step.protocol);
        stack = replaceBox(stack, b, { status: 'stripped', since: i });
        // The payload moves up into the box above, which already knows its own unit and size
        // (a SYN carries nothing up: the application box stays idle).
        stack = { ...stack, focus: step.layer };
        if (hex && part) {
          const gone = [part.header, ...(part.trailer ? [part.trailer] : [])];
          setHex({ faded: [...hex.faded, ...gone], highlight: gone, focusKey: null });
        }
        break;
      }
      case 'drop': {
        ensureDecap(step.node, step.frame);
        stack = { ...replaceBox(stack, dropBox(stack, step.layer), { status: 'dropped', since: i, reason: dropText(step.reason) }), focus: step.layer };
        break;
      }
      case 'router-forward': {
        stack = routerStack(step, i, dissections);
        const changed = stack.layers.flatMap((l) => l.rows.filter((r) => r.mark === 'changed' && r.range).map((r) => r.range!));
        hex = { frame: step.out, known: null, faded: [], highlight: changed, focusKey: null };
        break;
      }
      case 'router-drop': {
        ensureDecap(step.node, step.frame);
        const reason = step.reason === 'ttl-expired' ? TTL_EXPIRED : NO_ROUTE;
        stack = { ...replaceBox(stack, boxIndex(stack, 'internet', 'ipv4'), { status: 'dropped', since: i, reason }), focus: 'internet' };
        break;
      }
      default:
        // Steps about sockets, timers, ARP, DNS and switches leave the layer stack as it was.
        break;
    }
    views.push({ stack, hex, connection, rootFrame });
  });

  return { views, dissections, bases, connections, sent };
}

function routerStack(
  step: Extract<Step, { kind: 'router-forward' }>, i: number, dissections: readonly Dissection[],
): StackView {
  const d = dissections[step.out] ?? dissections[step.frame] ?? null;
  const rowsBy = new Map<Protocol | null, FieldRow[]>();
  const put = (key: string, value: string, mark: RowMark, before: string | null) => {
    const layer = protocolOfField(key);
    const range = d?.fields.get(key)?.range ?? null;
    const row: FieldRow = { key, name: fieldInfo(key).name, value, flow: d ? seqFlow(key, d) : null, range, at: i, mark, before };
    rowsBy.set(layer, [...(rowsBy.get(layer) ?? []), row]);
  };
  for (const c of step.changed) put(c.key, c.after, 'changed', c.before);
  for (const u of step.unchanged) put(u.key, u.value, 'unchanged', null);
  const base = d ? receivedLayers(d) : IDLE_LAYERS;
  const layers = base.map((l): LayerView => {
    const rows = (rowsBy.get(l.protocol) ?? []).sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
    if (rows.length === 0) return l.status === 'idle' ? l : { ...l, rows: [], status: 'inside', since: i };
    return { ...l, rows, status: 'forwarding', since: i };
  });
  return {
    scene: 'router', node: step.node, frame: step.out, layers, focus: 'internet',
    route: { route: step.route, nextHop: step.nextHop, from: step.frame },
  };
}

export function frameOfStep(step: Step): FrameId | null {
  switch (step.kind) {
    case 'encap-begin':
    case 'encap-field':
    case 'encap-end':
    case 'transmit':
    case 'link-fate':
    case 'arrive':
    case 'switch-forward':
    case 'router-forward':
    case 'router-drop':
    case 'decap-check':
    case 'decap-strip':
    case 'drop':
    case 'tcp-segment':
      return step.frame;
    default:
      return null;
  }
}

function socketOfStep(step: Step): SocketId | null {
  switch (step.kind) {
    case 'app-write':
    case 'app-read':
    case 'buffer':
    case 'tcp-state':
    case 'tcp-timer':
    case 'tcp-segment':
    case 'tcp-retransmit':
    case 'tcp-dup-ack':
      return step.socket;
    case 'tcp-reset':
      return step.socket;
    default:
      return null;
  }
}

/** A frame's innermost protocol but plain data: a DNS query is DNS, a segment of data TCP. */
function namedProtocol(d: Dissection | undefined): Protocol {
  return d?.parts.find((p) => p.protocol !== 'data')?.protocol ?? 'ethernet';
}

const endpointKey = (ip: string, port: number) => `${ip}:${port}`;

/**
 * One ladder per TCP connection: columns from the trace's sockets (paired when one's
 * local endpoint is the other's remote), rows from the original frames between them.
 */
function buildConnections(
  trace: Trace, dissections: readonly Dissection[], roots: readonly FrameRecord[],
  rootOf: (id: FrameId) => FrameId, firstTransmit: ReadonlyMap<FrameId, number>,
): LadderConnection[] {
  interface Draft { columns: [LadderColumn, LadderColumn]; ends: [string, string]; rows: LadderRow[] }
  // A port no socket has (a SYN to a closed port) still belongs to the host with that address.
  const hostOfIp = (ip: string): NodeName | null => hostOfAddress(trace.frames, dissections, ip);
  const drafts: Draft[] = [];
  const used = new Set<SocketId>();
  for (const s of trace.sockets) {
    if (used.has(s.id)) continue;
    used.add(s.id);
    const local = endpointKey(s.local.ip, s.local.port);
    const remote = endpointKey(s.remote.ip, s.remote.port);
    const peer = trace.sockets.find((p) => !used.has(p.id)
      && endpointKey(p.local.ip, p.local.port) === remote && endpointKey(p.remote.ip, p.remote.port) === local)
      ?? trace.sockets.find((p) => !used.has(p.id) && endpointKey(p.local.ip, p.local.port) === remote);
    if (peer) used.add(peer.id);
    drafts.push({
      ends: [local, remote],
      columns: [
        { host: s.host, socket: s.id, endpoint: local },
        { host: peer?.host ?? hostOfIp(s.remote.ip) ?? s.remote.ip, socket: peer?.id ?? null, endpoint: remote },
      ],
      rows: [],
    });
  }

  // When each frame family reached which node, and where it was lost.
  const arrivals = new Map<FrameId, { node: NodeName; at: number }[]>();
  const forwards = new Map<FrameId, { node: NodeName; at: number }[]>();
  const losses = new Map<FrameId, number>();
  trace.steps.forEach((s, i) => {
    if (s.kind === 'arrive') {
      const r = rootOf(s.frame);
      arrivals.set(r, [...(arrivals.get(r) ?? []), { node: s.node, at: i }]);
    } else if (s.kind === 'router-forward') {
      const r = rootOf(s.frame);
      forwards.set(r, [...(forwards.get(r) ?? []), { node: s.node, at: i }]);
    } else if ((s.kind === 'link-fate' && s.fate === 'dropped') || s.kind === 'router-drop' || s.kind === 'drop') {
      const r = rootOf(s.frame);
      if (!losses.has(r)) losses.set(r, i);
    }
  });

  for (const f of roots) {
    const t = dissections[f.id]!.tcp!;
    const src = endpointKey(t.srcIp, t.srcPort);
    const dst = endpointKey(t.dstIp, t.dstPort);
    let draft = drafts.find((c) => (c.ends[0] === src && c.ends[1] === dst) || (c.ends[0] === dst && c.ends[1] === src));
    if (!draft) {
      const dstHost = trace.sockets.find((s) => endpointKey(s.local.ip, s.local.port) === dst)?.host ?? hostOfIp(t.dstIp) ?? t.dstIp;
      draft = {
        ends: [src, dst],
        columns: [{ host: nodeOf(f.from), socket: null, endpoint: src }, { host: dstHost, socket: null, endpoint: dst }],
        rows: [],
      };
      drafts.push(draft);
    }
    const from: 0 | 1 = draft.ends[0] === src ? 0 : 1;
    const peerHost = draft.columns[from === 0 ? 1 : 0].host;
    const sentAt = firstTransmit.get(f.id);
    if (sentAt === undefined) continue;
    const delivered = (arrivals.get(f.id) ?? []).find((a) => a.node === peerHost && a.at > sentAt);
    draft.rows.push({
      frame: f.id, from, facts: t, flow: flowKey(t.srcIp, t.srcPort, t.dstIp, t.dstPort),
      sentAt, deliveredAt: delivered?.at ?? null, lostAt: losses.get(f.id) ?? null, hops: [],
    });
  }
  return drafts.map((d) => {
    // The routers the first segment that crossed one went through, in column 0's order.
    const crossed = d.rows.find((r) => forwards.has(r.frame));
    const route = crossed ? forwards.get(crossed.frame)!.map((x) => x.node) : [];
    const hops = crossed?.from === 1 ? [...route].reverse() : route;
    const rows = d.rows.map((r) => {
      const own = r.from === 0 ? hops : [...hops].reverse();
      return {
        ...r,
        hops: own.map((node) => ({
          node,
          arrivedAt: (arrivals.get(r.frame) ?? []).find((a) => a.node === node && a.at > r.sentAt)?.at ?? null,
          forwardedAt: (forwards.get(r.frame) ?? []).find((a) => a.node === node)?.at ?? null,
        })),
      };
    });
    return { columns: d.columns, hops, rows };
  });
}
