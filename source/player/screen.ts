// Selectors from the model to what a learner reads: which lines each layer box holds and
// how they are marked, the ladder's arrows, the hex pane's ranges, the quiz, the status.
// The Ink components only lay these out; every protocol decision is made here.
import type { Text } from '../i18n/text.js';
import type { FrameId, Layer, NodeName, Protocol, SocketId, Step, Trace } from '../sim/trace.js';
import type { TcpState } from '../sim/tcp/api.js';
import { expectedText, grade, type Checkpoint, type Numbering } from '../quiz/checkpoint.js';
import { tcpFlagNames, type ByteRange, type TcpFacts } from './dissect.js';
import { fieldInfo } from './fields.js';
import {
  answerOf, autoplayInterval, choiceCursor, closingIndex, orderArrangement, currentCheckpoint, DEFAULT_SPEED, effectiveNumbering, SPEEDS_MS, freshRange, isBlocked, paragraphIndex, score, stepIndex, stopsOf,
  type Detail, type Notice, type PlayerBook, type PlayerModel, type QuizAnswer,
} from './model.js';
import { describeCheck, narrate, resentBy } from './narration.js';
import { echoesOfAll, rstEchoes, withEchoes, type Echoes, type SegmentOf } from '../lesson/echoes.js';
import { protocolOfField } from '../wire/protocols.js';
import { flowKey, reverseFlow, showSeq, type FlowKey, type SeqBases } from '../wire/relative.js';
import { BOX, fill, joinText, LAYER_NAMES, PDU_NAMES, PROTOCOL_NAMES, same, sentenceStart, unitName } from './text.js';
import { IDLE_STACK, type FieldRow, type LadderHop, type LayerStatus, type LayerView, type StackView, type Summary } from './views.js';

/**
 * `masked`: the field an open quiz asks, to fill in; `withheld`: a field whose value would
 * answer a quiz elsewhere (an earlier RST's seq, see lesson/echoes.ts), shown as `?`.
 */
export type FieldMark = 'current' | 'fresh' | 'none' | 'changed' | 'unchanged' | 'masked' | 'withheld';

export type BoxLine =
  | {
    readonly kind: 'field'; readonly mark: FieldMark; readonly name: string; readonly value: string;
    readonly before: string | null; readonly dim: boolean; readonly meaning: Text | null;
  }
  | { readonly kind: 'meaning'; readonly text: Text }
  | { readonly kind: 'check'; readonly ok: boolean; readonly current: boolean; readonly text: Text }
  | { readonly kind: 'note'; readonly tone: 'plain' | 'dim' | 'ok' | 'bad'; readonly text: Text };

/** `draining`: stripped at this very stop, shown greyed before it disappears. */
export type BoxState = LayerStatus | 'draining' | 'received';

export interface LayerBox {
  readonly layer: Layer;
  readonly name: Text;
  readonly pdu: Text;
  readonly protocol: Text | null;
  readonly state: BoxState;
  readonly focused: boolean;
  /** One line about the header, in the current numbering. */
  readonly summary: string | null;
  readonly pduBytes: number | null;
  readonly lines: readonly BoxLine[];
  /** The line that must stay visible when the box is cut short; -1 for none. */
  readonly anchor: number;
}

export interface StackScreen {
  readonly scene: StackView['scene'];
  readonly node: NodeName | null;
  readonly focus: Layer | null;
  readonly boxes: readonly LayerBox[];
  /** At a router: how changed and unchanged fields are marked. */
  readonly legend: Text | null;
}

export interface HexScreen {
  readonly frame: FrameId;
  /** The frame's name on screen: its number in the exported capture. */
  readonly label: string;
  /** The same as a title: `Frame #7`, or why the capture does not hold it. */
  readonly name: Text;
  readonly bytes: Uint8Array;
  readonly known: readonly ByteRange[] | null;
  readonly faded: readonly ByteRange[];
  readonly highlight: readonly ByteRange[];
  /** Bytes of a field the learner is asked to fill in. */
  readonly masked: readonly ByteRange[];
  readonly focus: { readonly key: string; readonly name: string; readonly range: ByteRange } | null;
  /** The highlight is what a router rewrote, not one field. */
  readonly rewritten: boolean;
}

export interface LadderScreen {
  /** `?` while a quiz asks that host's state. */
  readonly columns: readonly {
    readonly host: NodeName;
    readonly endpoint: string;
    readonly state: TcpState | '?' | null;
    /** The sender's congestion window beside its flight (RFC 5681), once it has one; `?` while a quiz asks it. */
    readonly congestion: { readonly cwnd: number | '?'; readonly ssthresh: number | null | '?'; readonly inFlight: number | '?' } | null;
  }[];
  readonly rows: readonly {
    readonly frame: FrameId;
    readonly label: string;
    readonly from: 0 | 1;
    /** `refused`: it reached the peer, whose checks threw it away (a closed port, a bad checksum). */
    readonly fate: 'flight' | 'delivered' | 'refused' | 'lost';
    /**
     * How far along it is, in hops from the sender (there are `hops.length + 1`): a whole
     * number at a router or at the peer, a half on a link between them.
     */
    readonly progress: number;
    readonly current: boolean;
  }[];
  /** The routers between the two columns, left to right. */
  readonly hops: readonly NodeName[];
  /**
   * Frames sent so far that are not this connection's segments (ARP, DNS, another
   * connection's), with their protocols in the order first sent: the ladder says it does not
   * draw them, rather than look as if nothing had passed.
   */
  readonly undrawn: { readonly count: number; readonly protocols: readonly Protocol[] } | null;
}

export interface QuizScreen {
  readonly checkpoint: Checkpoint;
  /** 1-based position among the lesson's quizzes. */
  readonly number: number;
  readonly total: number;
  readonly draft: string;
  /** The highlighted option of a choice list (0 otherwise). */
  readonly cursor: number;
  /** An order quiz's list as arranged so far (item numbers, top first) and its highlighted row. */
  readonly order: { readonly order: readonly number[]; readonly cursor: number } | null;
  readonly hint: Text | null;
  readonly answer: QuizAnswer | null;
  readonly expected: string | Text;
  /** The lesson's word on this particular wrong answer. */
  readonly wrongExplain: Text | null;
}

export interface StatusScreen {
  readonly stop: number;
  readonly stops: number;
  readonly step: number;
  readonly steps: number;
  readonly score: { readonly correct: number; readonly answered: number; readonly total: number };
  readonly autoplay: boolean;
  readonly intervalMs: number;
  readonly numbering: Numbering;
  readonly detail: Detail;
  readonly showHex: boolean;
  readonly notice: Notice | null;
  readonly blocked: boolean;
}

export interface Screen {
  readonly title: Text | null;
  readonly narration: Text;
  /** The lesson's own words for this stop. */
  readonly note: Text | null;
  readonly stack: StackScreen;
  readonly hex: HexScreen | null;
  readonly ladder: LadderScreen | null;
  readonly quiz: QuizScreen | null;
  readonly status: StatusScreen;
  readonly showHelp: boolean;
}

// ---------------------------------------------------------------------------------------

export function summarize(s: Summary | null, bases: SeqBases, numbering: Numbering, hidden = NOTHING_HIDDEN): string | null {
  if (s === null) return null;
  if (s.kind === 'text') return s.text;
  const f = s.facts;
  const port = (n: number, keys: readonly string[]) => (keys.some((k) => hidden.has(k)) ? '?' : String(n));
  return `${port(f.srcPort, ['tcp.srcport'])} → ${port(f.dstPort, ['tcp.dstport'])} [${hidden.has('tcp.flags') ? '?' : tcpFlagNames(f)}] ${segmentNumbers(f, s.flow, bases, numbering, hidden)}`;
}

const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

/**
 * `seq=1 ack=1 len=0`; a SYN leaves out len (it carries no data), as in `SYN seq=0`. A
 * number an open quiz asks (`tcp.seq`, `tcp.ack`, or `tcp.len` for the payload length) is `?`.
 * SACK blocks follow as Wireshark's Info column writes them, `SLE=1977 SRE=2965`, numbered
 * like ack (and hidden with it, since they sit just above it).
 */
function segmentNumbers(f: TcpFacts, flow: FlowKey, bases: SeqBases, numbering: Numbering, hidden = NOTHING_HIDDEN): string {
  let s = `seq=${hidden.has('tcp.seq') ? '?' : showSeq(bases, flow, f.seq, numbering)}`;
  // With its flags hidden, whether a segment has an ack at all is hidden too.
  if (f.ack !== null || hidden.has('tcp.flags')) s += ` ack=${hidden.has('tcp.ack') || f.ack === null ? '?' : showSeq(bases, reverseFlow(flow), f.ack, numbering)}`;
  if (!f.flags.syn) s += ` len=${hidden.has('tcp.len') ? '?' : f.length}`;
  for (const b of f.sack ?? []) {
    const edge = (n: number) => (hidden.has('tcp.ack') ? '?' : showSeq(bases, reverseFlow(flow), n, numbering));
    s += ` SLE=${edge(b.left)} SRE=${edge(b.right)}`;
  }
  return s;
}

/** A ladder arrow's label: `SYN seq=0`, `SYN, ACK seq=0 ack=1`, `ACK seq=1 ack=1 len=0`. */
export function segmentLabel(f: TcpFacts, bases: SeqBases, numbering: Numbering, hidden = NOTHING_HIDDEN): string {
  const flow = flowKey(f.srcIp, f.srcPort, f.dstIp, f.dstPort);
  return `${hidden.has('tcp.flags') ? '?' : tcpFlagNames(f)} ${segmentNumbers(f, flow, bases, numbering, hidden)}`;
}

function rowValue(r: Pick<FieldRow, 'key' | 'flow'>, value: string, bases: SeqBases, numbering: Numbering): string {
  if (r.flow === null || !/^\d+$/.test(value)) return value;
  // tcp.ack counts the other direction's bytes.
  const flow = r.key === 'tcp.ack' ? reverseFlow(r.flow) : r.flow;
  return showSeq(bases, flow, Number(value), numbering);
}

interface BoxContext {
  readonly step: number;
  readonly fresh: { readonly from: number; readonly to: number };
  readonly numbering: Numbering;
  readonly bases: SeqBases;
  readonly detail: Detail;
  /** The step whose field is a quiz still to answer; -1 for none. */
  readonly maskedAt: number;
  /** Fields of the frame on screen that an open number quiz asks: shown masked. */
  readonly hiddenKeys: ReadonlySet<string>;
  /** Fields of the frame on screen that would answer a quiz about another frame: `?`. */
  readonly withheldKeys: ReadonlySet<string>;
  /** The host whose next ack an open quiz asks: its sequence checks do not say what they expected. */
  readonly ackOf: string | null;
}

const inRange = (i: number, r: { from: number; to: number }) => i >= r.from && i <= r.to;

function wrapLine(l: LayerView, above: LayerView | null): BoxLine | null {
  if (l.pduBytes === null || l.headerBytes === null) return null;
  // A segment with nothing from the application (a SYN, a bare ACK) still says so: 0 B of data.
  const inner = above && above.pduBytes !== null && above.status !== 'idle' ? above.pduBytes
    : l.layer === 'transport' ? 0 : null;
  const trailer = l.trailerBytes ?? 0;
  const parts: Text[] = [fill(BOX.wrapHeader, { n: l.headerBytes })];
  if (inner !== null) parts.push(fill(BOX.wrapInner, { n: inner, pdu: PDU_NAMES[above?.pdu ?? 'data'] }));
  const padding = l.pduBytes - l.headerBytes - (inner ?? 0) - trailer;
  if (inner !== null && padding > 0) parts.push(fill(BOX.wrapPadding, { n: padding }));
  if (trailer > 0) parts.push(fill(BOX.wrapTrailer, { n: trailer }));
  const lhs = joinText(parts, ' + ');
  return { kind: 'note', tone: 'plain', text: joinText([lhs, fill(BOX.wrapTotal, { n: l.pduBytes, pdu: PDU_NAMES[l.pdu] })], ' = ') };
}

function fieldLines(l: LayerView, ctx: BoxContext, opts: { dim: boolean; meanings: boolean }): { lines: BoxLine[]; anchor: number } {
  const lines: BoxLine[] = [];
  let anchor = -1;
  for (const r of l.rows) {
    let mark: FieldMark = r.mark === 'none' ? 'none' : r.mark;
    if (isHidden(ctx.hiddenKeys, r.key)) mark = 'masked';
    else if (isHidden(ctx.withheldKeys, r.key)) mark = 'withheld';
    else if (r.mark === 'none' && r.at >= 0) {
      if (r.at === ctx.maskedAt) mark = 'masked';
      else if (r.at === ctx.step) mark = 'current';
      else if (inRange(r.at, ctx.fresh)) mark = 'fresh';
    }
    const value = mark === 'masked' ? '' : mark === 'withheld' ? '?' : rowValue(r, r.value, ctx.bases, ctx.numbering);
    const before = r.before === null ? null : rowValue(r, r.before, ctx.bases, ctx.numbering);
    lines.push({ kind: 'field', mark, name: r.name, value, before, dim: opts.dim, meaning: fieldInfo(r.key).meaning });
    if (mark === 'current' || mark === 'masked' || (mark === 'changed' && anchor < 0)) anchor = lines.length - 1;
    // A field the learner is asked to fill in shows no meaning: meanings name typical values
    // ("0x0800 is IPv4", "6"), which would give the answer away.
    if (opts.meanings && mark === 'current' && ctx.detail !== 'header') {
      const meaning = fieldInfo(r.key).meaning;
      if (meaning) {
        lines.push({ kind: 'meaning', text: meaning });
        anchor = lines.length - 1;
      }
    }
  }
  return { lines, anchor };
}

/** A header's one-liner, with what an open quiz asks left out. */
function boxSummary(l: LayerView, ctx: BoxContext): string | null {
  const hidden = ctx.withheldKeys.size === 0 ? ctx.hiddenKeys : new Set([...ctx.hiddenKeys, ...ctx.withheldKeys]);
  if (hidden.size === 0 || l.summary?.kind !== 'text') return summarize(l.summary, ctx.bases, ctx.numbering, hidden);
  // A text one-liner (`192.168.1.10 → 192.168.1.80  TTL 64`) is left out when it holds an asked field.
  return [...hidden].some((k) => protocolOfField(k) === l.protocol) ? '?' : l.summary.text;
}

function boxOf(l: LayerView, i: number, stack: StackView, ctx: BoxContext): LayerBox {
  const above = i > 0 ? stack.layers[i - 1]! : null;
  const below = stack.layers[i + 1] ?? null;
  const draining = l.status === 'stripped' && inRange(l.since, ctx.fresh);
  const received = l.status === 'inside' && below !== null && below.status === 'stripped';
  const state: BoxState = draining ? 'draining' : received ? 'received' : l.status;
  let lines: BoxLine[] = [];
  let anchor = -1;
  const preview = l.summary?.kind === 'text' ? l.summary.text : '';
  switch (state) {
    case 'idle':
      break;
    case 'building':
    case 'built': {
      ({ lines, anchor } = fieldLines(l, ctx, { dim: false, meanings: state === 'building' }));
      if (l.layer === 'application' && l.rows.length === 0 && l.pduBytes !== null) {
        lines.push({ kind: 'note', tone: 'plain', text: fill(BOX.appData, { n: l.pduBytes, preview }) });
      }
      const wrap = state === 'built' ? wrapLine(l, above) : null;
      if (wrap) {
        lines.push(wrap);
        if (l.since === ctx.step) anchor = lines.length - 1;
      }
      break;
    }
    case 'inside':
    case 'received': {
      if (state === 'received' && l.pduBytes !== null) {
        const t = l.layer === 'application' ? BOX.arrivedData : BOX.arrivedFromBelow;
        lines.push({ kind: 'note', tone: 'plain', text: fill(t, { pdu: PDU_NAMES[l.pdu], n: l.pduBytes }) });
      } else if (stack.scene === 'router' && l.layer === 'application') {
        lines.push({ kind: 'note', tone: 'dim', text: BOX.untouched });
      } else if (below !== null && below.status !== 'idle') {
        lines.push({ kind: 'note', tone: 'dim', text: fill(BOX.inside, { pdu: PDU_NAMES[below.pdu] }) });
      }
      if (stack.focus === l.layer) lines.push(...fieldLines(l, ctx, { dim: false, meanings: false }).lines);
      break;
    }
    case 'checking':
    case 'dropped': {
      let checked: number | null = null;
      for (const c of l.checks) {
        const current = c.at === ctx.step || inRange(c.at, ctx.fresh);
        lines.push({ kind: 'check', ok: c.ok, current, text: describeCheck(c, { ...ctx, hideExpected: stack.node === ctx.ackOf }) });
        if (current) {
          anchor = lines.length - 1;
          checked = c.range?.start ?? null;
        }
      }
      // The drop step that follows a failed check gives the reason; until then (and for a
      // duplicate or out-of-window segment, which has none) the check's line says it all.
      if (state === 'dropped' && l.reason) {
        lines.push({ kind: 'note', tone: 'bad', text: fill(BOX.dropped, { reason: l.reason }) });
        anchor = lines.length - 1;
      }
      // The field the current check reads is marked in the header below it.
      const rows = fieldLines(l, ctx, { dim: false, meanings: false }).lines;
      lines.push(...rows.map((row, k) => (row.kind === 'field' && checked !== null && l.rows[k]?.range?.start === checked
        ? { ...row, mark: 'current' as const } : row)));
      break;
    }
    case 'draining': {
      for (const c of l.checks) lines.push({ kind: 'check', ok: c.ok, current: false, text: describeCheck(c, { ...ctx, hideExpected: stack.node === ctx.ackOf }) });
      // What moves up is the box above, if the frame has one there (an ARP message and a
      // SYN carry nothing further up).
      const carried = above !== null && above.protocol !== null && above.pduBytes !== null ? above : null;
      const up = carried === null ? BOX.drainingLast
        : carried.layer === 'application' ? fill(BOX.drainingTop, { n: carried.pduBytes! })
          : fill(BOX.draining, { pdu: carried.protocol ? unitName(carried.protocol) : PDU_NAMES[carried.pdu], n: carried.pduBytes! });
      lines.push({ kind: 'note', tone: 'dim', text: up });
      anchor = lines.length - 1;
      lines.push(...fieldLines(l, ctx, { dim: true, meanings: false }).lines);
      break;
    }
    case 'stripped':
      break;
    case 'delivered':
      lines.push({ kind: 'note', tone: 'ok', text: fill(BOX.delivered, { n: l.pduBytes ?? 0, preview }) });
      anchor = 0;
      break;
    case 'forwarding':
      ({ lines, anchor } = fieldLines(l, ctx, { dim: false, meanings: false }));
      break;
  }
  return {
    layer: l.layer,
    name: LAYER_NAMES[l.layer],
    // Two boxes can share a layer (ARP and Ethernet): the title names the protocol's unit.
    pdu: l.protocol ? unitName(l.protocol) : PDU_NAMES[l.pdu],
    protocol: l.protocol ? PROTOCOL_NAMES[l.protocol] : null,
    state,
    focused: stack.focus === l.layer,
    summary: boxSummary(l, ctx),
    pduBytes: l.pduBytes,
    lines,
    anchor,
  };
}

// Per-book caches: the same stop in the same numbering yields the same object, so that
// memoized components skip re-rendering what did not change.
const stackCache = new WeakMap<PlayerBook, Map<string, StackScreen>>();
const ladderCache = new WeakMap<PlayerBook, Map<string, LadderScreen | null>>();
const hexCache = new WeakMap<PlayerBook, Map<string, HexScreen | null>>();
const CACHE_LIMIT = 256;

function cached<T>(store: WeakMap<PlayerBook, Map<string, T>>, book: PlayerBook, key: string, make: () => T): T {
  let m = store.get(book);
  if (!m) store.set(book, (m = new Map()));
  const hit = m.get(key);
  if (hit !== undefined || m.has(key)) return hit as T;
  const v = make();
  if (m.size >= CACHE_LIMIT) m.delete(m.keys().next().value!);
  m.set(key, v);
  return v;
}

function maskedStep(m: PlayerModel): number {
  const cp = currentCheckpoint(m);
  return cp && cp.kind === 'field' && answerOf(m, cp.id) === null ? cp.atStep : -1;
}

/** The header fields whose values answer a number quiz; `tcp.len` stands for the payload length. */
const ASKED_FIELDS: Partial<Record<NonNullable<Checkpoint['ask']>, readonly string[]>> = {
  seq: ['tcp.seq'],
  ack: ['tcp.ack'],
  window: ['tcp.window_size_value'],
  ttl: ['ip.ttl'],
  'src-port': ['tcp.srcport', 'udp.srcport'],
  'dst-port': ['tcp.dstport', 'udp.dstport'],
  length: ['tcp.len', 'ip.len', 'udp.length'],
};

/** What an open, unanswered quiz keeps off the screen, besides a field quiz's own field. */
export interface Hidden {
  /** Whose TCP state a `state` quiz asks: the ladder shows `?` for it. */
  readonly stateOf: string | null;
  /** The (original) frame a number quiz asks about, and the fields that hold its answer. */
  readonly frame: number | null;
  readonly keys: ReadonlySet<string>;
  /** A seq, ack or next-seq quiz: a one-liner's `seq 1:1461` loses the end of its range. */
  readonly seqEnd: boolean;
  /** A cwnd, ssthresh or inFlight quiz: that number of that host shows as `?` beside the ladder. */
  readonly congestion: { readonly host: string; readonly ask: 'cwnd' | 'ssthresh' | 'inFlight' } | null;
  /** A flags quiz: whose next segment it asks, so that host's decision to reset is not told yet. */
  readonly flagsOf?: string | null;
  /**
   * Other frames that would state an answer still to give at this stop: earlier segments in
   * the same direction whose seq, ack or flags are the asked ones (a lost RST before the
   * RST asked about), with those fields, shown as `?` wherever that frame is on screen.
   */
  readonly echoes?: ReadonlyMap<number, ReadonlySet<string>>;
  /**
   * An ack quiz: the host whose ack is asked does not say which byte it expects next (its
   * sequence checks), and its peer does not say what a duplicate ACK acknowledged.
   */
  readonly ackOf?: { readonly host: string; readonly peer: string } | null;
  /** A window quiz: the host whose window is asked does not say what it will advertise. */
  readonly windowOf?: string | null;
}

const NOTHING: Hidden = { stateOf: null, frame: null, keys: NOTHING_HIDDEN, seqEnd: false, congestion: null };
const NO_ECHOES: Echoes = new Map();

/** The trace's segments as the player already dissected them. */
function segmentOf(book: PlayerBook): SegmentOf {
  return (frame) => book.views.dissections[frame]?.tcp ?? null;
}

/** The echoes (lesson/echoes.ts) of every quiz still to answer at the current one's stop: each is asked in turn, and none may be read off before its turn. */
function echoesAt(m: PlayerModel, cp: Checkpoint): Echoes {
  const waiting = (m.book.checkpointAt.get(cp.atStep) ?? []).filter((q) => answerOf(m, q.id) === null);
  return echoesOfAll(m.book.trace, segmentOf(m.book), waiting);
}

/** The RST echoes of every quiz still to answer, wherever the learner is (lesson/echoes.ts `rstEchoes`). */
function earlierRsts(m: PlayerModel): Echoes {
  return rstEchoes(m.book.trace, segmentOf(m.book), m.book.checkpoints.filter((q) => answerOf(m, q.id) === null));
}

const hiddenKeysCache = new Map<string, ReadonlySet<string>>();

export function hiddenByQuiz(m: PlayerModel): Hidden {
  const cp = currentCheckpoint(m);
  const early = earlierRsts(m);
  if (!cp || answerOf(m, cp.id) !== null) return early.size === 0 ? NOTHING : { ...NOTHING, echoes: early };
  const echoes = withEchoes(echoesAt(m, cp), early);
  if (cp.kind === 'choice' && cp.ask === 'state') return { ...NOTHING, stateOf: cp.host ?? null, echoes };
  if (cp.kind === 'choice' && cp.ask === 'flags' && cp.frame !== undefined) {
    return { ...NOTHING, flagsOf: m.book.trace.frames[cp.frame]?.from.split(':')[0] ?? null, echoes };
  }
  if ((cp.ask === 'cwnd' || cp.ask === 'ssthresh' || cp.ask === 'inFlight') && cp.host) return { ...NOTHING, congestion: { host: cp.host, ask: cp.ask }, echoes };
  if (cp.kind !== 'number' || cp.ask === undefined) return { ...NOTHING, echoes };
  const sent = cp.frame === undefined ? undefined : m.book.trace.frames[cp.frame];
  const sender = sent?.from.split(':')[0] ?? null;
  const receiver = sent?.to.split(':')[0] ?? null;
  // A blank quiz hides the one field it names, in the frame on screen.
  const fields = cp.ask === 'blank' ? (cp.field === undefined ? [] : [cp.field]) : ASKED_FIELDS[cp.ask] ?? [];
  const cacheKey = cp.ask === 'blank' ? `blank:${cp.field}` : cp.ask;
  let keys = hiddenKeysCache.get(cacheKey);
  if (!keys) hiddenKeysCache.set(cacheKey, (keys = new Set(fields)));
  return {
    stateOf: null,
    frame: cp.frame ?? null,
    keys,
    seqEnd: cp.ask === 'seq' || cp.ask === 'ack' || cp.ask === 'next-seq' || (cp.ask === 'blank' && cp.field === 'tcp.seq'),
    congestion: null,
    echoes,
    ackOf: (cp.ask === 'ack' || (cp.ask === 'blank' && cp.field === 'tcp.ack')) && sender !== null && receiver !== null ? { host: sender, peer: receiver } : null,
    windowOf: cp.ask === 'window' || (cp.ask === 'blank' && cp.field === 'tcp.window_size_value') ? sender : null,
  };
}

/** The asked fields, if the step on screen shows the frame the quiz asks about (or a router's copy of it). */
function hiddenKeysAt(m: PlayerModel, step: number, hidden: Hidden): ReadonlySet<string> {
  const root = m.book.views.views[step]?.rootFrame ?? null;
  return root === null ? NOTHING_HIDDEN : keysOfFrame(hidden, root);
}

/** The fields of the frame on screen that are hidden as echoes, not as the asked frame's own. */
function echoKeysAt(m: PlayerModel, step: number, hidden: Hidden): ReadonlySet<string> {
  const root = m.book.views.views[step]?.rootFrame ?? null;
  return (root === null ? undefined : hidden.echoes?.get(root)) ?? NOTHING_HIDDEN;
}

/** What an open quiz hides of one frame: the asked fields of its own frame, an echo's field of another. */
function keysOfFrame(hidden: Hidden, frame: number): ReadonlySet<string> {
  const own = frame === hidden.frame ? hidden.keys : NOTHING_HIDDEN;
  const echo = hidden.echoes?.get(frame);
  if (!echo) return own;
  return own.size === 0 ? echo : new Set([...own, ...echo]);
}

/** Whether a header field is hidden: `tcp.flags` stands for each of its bits. */
function isHidden(keys: ReadonlySet<string>, key: string): boolean {
  return keys.has(key) || (key.startsWith('tcp.flags.') && keys.has('tcp.flags'));
}

/** Once a stripped header has drained away, the eye follows the data up a layer. */
function withLiveFocus(stack: StackView, fresh: { from: number; to: number }): StackView {
  const i = stack.layers.findIndex((l) => l.layer === stack.focus);
  const f = stack.layers[i];
  if (!f || f.status !== 'stripped' || inRange(f.since, fresh) || i === 0) return stack;
  return { ...stack, focus: stack.layers[i - 1]!.layer };
}

export function selectStack(m: PlayerModel): StackScreen {
  const step = stepIndex(m);
  const fresh = freshRange(m);
  const numbering = effectiveNumbering(m);
  const maskedAt = maskedStep(m);
  const hidden = hiddenByQuiz(m);
  const root = m.book.views.views[step]?.rootFrame ?? null;
  const hiddenKeys = root === hidden.frame ? hidden.keys : NOTHING_HIDDEN;
  const withheldKeys = echoKeysAt(m, step, hidden);
  const ackOf = hidden.ackOf?.host ?? null;
  return cached(stackCache, m.book, `${step}/${fresh.from}/${numbering}/${maskedAt}/${m.detail}/${[...hiddenKeys]}/${[...withheldKeys]}/${ackOf ?? ''}`, () => {
    const stack = withLiveFocus(m.book.views.views[step]?.stack ?? IDLE_STACK, fresh);
    const ctx: BoxContext = { step, fresh, numbering, bases: m.book.views.bases, detail: m.detail, maskedAt, hiddenKeys, withheldKeys, ackOf };
    return {
      scene: stack.scene,
      node: stack.node,
      focus: stack.focus,
      boxes: stack.layers.map((l, i) => boxOf(l, i, stack, ctx)),
      legend: stack.scene === 'router' ? BOX.routerLegend : null,
    };
  });
}

export function selectHex(m: PlayerModel): HexScreen | null {
  const step = stepIndex(m);
  const fresh = freshRange(m);
  const maskedAt = maskedStep(m);
  const hiddenKeys = hiddenKeysAt(m, step, hiddenByQuiz(m));
  return cached(hexCache, m.book, `${step}/${fresh.from}/${maskedAt}/${[...hiddenKeys]}`, () => {
    const view = m.book.views.views[step];
    const hex = view?.hex;
    const rec = hex ? m.book.trace.frames[hex.frame] : undefined;
    if (!view || !hex || !rec) return null;
    let highlight = hex.highlight;
    let focusKey = hex.focusKey;
    const s = m.book.trace.steps[step];
    if (s?.kind === 'encap-field' && fresh.from < fresh.to) {
      // Header-by-header: the whole header written at this stop lights up.
      const layer = view.stack.layers.find((l) => l.layer === s.layer);
      highlight = (layer?.rows ?? []).filter((r) => inRange(r.at, fresh) && r.range).map((r) => r.range!);
      focusKey = null;
    }
    const masked: ByteRange[] = [];
    if (maskedAt === step && s?.kind === 'encap-field') {
      const row = view.stack.layers.flatMap((l) => l.rows).find((r) => r.at === step);
      if (row?.range) masked.push(row.range);
    }
    if (hiddenKeys.size > 0) {
      for (const [key, field] of m.book.views.dissections[hex.frame]?.fields ?? []) if (isHidden(hiddenKeys, key) && field.range) masked.push(field.range);
    }
    const focusRange = focusKey ? m.book.views.dissections[hex.frame]?.fields.get(focusKey)?.range ?? highlight[0] ?? null : null;
    return {
      frame: hex.frame,
      label: m.book.frameLabel(hex.frame),
      name: sentenceStart(m.book.frameName(hex.frame)),
      bytes: rec.bytes,
      known: hex.known,
      faded: hex.faded,
      highlight,
      masked,
      focus: focusKey && focusRange ? { key: focusKey, name: fieldInfo(focusKey).name, range: focusRange } : null,
      rewritten: s?.kind === 'router-forward',
    };
  });
}

function stateOf(trace: Trace, step: number, socket: SocketId | null, host: string, endpoint: string): TcpState | null {
  const snap = trace.snapshots[step];
  const state = socket === null ? null : snap?.sockets[socket]?.state ?? null;
  if (state !== null) return state;
  // No connection yet, but the application listens on this port: a passive open (RFC 9293 §3.10.1).
  const port = Number(/(\d+)$/.exec(endpoint)?.[1]);
  return snap?.listening?.[host]?.includes(port) ? 'LISTEN' : null;
}

function congestionOf(
  trace: Trace, step: number, socket: SocketId | null, asked: 'cwnd' | 'ssthresh' | 'inFlight' | null,
): LadderScreen['columns'][number]['congestion'] {
  const s = socket === null ? undefined : trace.snapshots[step]?.sockets[socket];
  if (!s || s.cwnd === null) return null;
  return {
    cwnd: asked === 'cwnd' ? '?' : s.cwnd,
    ssthresh: asked === 'ssthresh' ? '?' : s.ssthresh,
    inFlight: asked === 'inFlight' ? '?' : s.inFlight,
  };
}

/** Hops a segment not yet delivered has made: at the last router it reached, or half way to the next one. */
function progressOf(hops: readonly LadderHop[], step: number): number {
  let reached = 0;
  while (reached < hops.length && hops[reached]!.arrivedAt !== null && hops[reached]!.arrivedAt! <= step) reached++;
  const last = reached > 0 ? hops[reached - 1]! : null;
  const moving = last === null || (last.forwardedAt !== null && last.forwardedAt <= step);
  return moving ? reached + 0.5 : reached;
}

export function selectLadder(m: PlayerModel): LadderScreen | null {
  const step = stepIndex(m);
  const numbering = effectiveNumbering(m);
  const hidden = hiddenByQuiz(m);
  const masked = hidden.congestion ? `${hidden.congestion.host}:${hidden.congestion.ask}` : '';
  const echoes = [...(hidden.echoes ?? NO_ECHOES)].map(([f, keys]) => `${f}:${[...keys]}`).join(',');
  return cached(ladderCache, m.book, `${step}/${numbering}/${hidden.stateOf ?? ''}/${hidden.frame ?? ''}/${[...hidden.keys]}/${masked}/${echoes}`, () => {
    const view = m.book.views.views[step];
    const ci = view?.connection ?? (m.book.views.connections.length ? 0 : -1);
    const conn = m.book.views.connections[ci];
    if (!conn) return null;
    const { bases, sent } = m.book.views;
    const drawn = new Set(conn.rows.map((r) => r.frame));
    const undrawn = sent.filter((f) => f.sentAt <= step && !drawn.has(f.frame));
    return {
      undrawn: undrawn.length === 0 ? null : { count: undrawn.length, protocols: [...new Set(undrawn.map((f) => f.protocol))] },
      columns: conn.columns.map((c) => ({
        host: c.host,
        endpoint: c.endpoint,
        state: c.host === hidden.stateOf ? '?' as const : stateOf(m.book.trace, step, c.socket, c.host, c.endpoint),
        congestion: m.book.congestion ? congestionOf(m.book.trace, step, c.socket, c.host === hidden.congestion?.host ? hidden.congestion.ask : null) : null,
      })),
      rows: conn.rows
        .filter((r) => r.sentAt <= step)
        .map((r) => {
          const arrived = r.deliveredAt !== null && r.deliveredAt <= step;
          const fate = arrived && r.lostAt !== null && r.lostAt >= r.deliveredAt! && r.lostAt <= step ? 'refused' as const
            : arrived ? 'delivered' as const
            : r.lostAt !== null && r.lostAt <= step ? 'lost' as const : 'flight' as const;
          return {
            frame: r.frame,
            label: segmentLabel(r.facts, bases, numbering, keysOfFrame(hidden, r.frame)),
            from: r.from,
            fate,
            progress: fate === 'delivered' || fate === 'refused' ? r.hops.length + 1 : progressOf(r.hops, step),
            current: view?.rootFrame === r.frame,
          };
        }),
      hops: conn.hops,
    };
  });
}

export function selectQuiz(m: PlayerModel): QuizScreen | null {
  const cp = currentCheckpoint(m);
  if (!cp) return null;
  const answer = answerOf(m, cp.id);
  const verdict = answer && !answer.correct ? grade(cp, answer.value) : null;
  return {
    checkpoint: cp,
    number: m.book.checkpoints.indexOf(cp) + 1,
    total: m.book.checkpoints.length,
    draft: m.draft,
    cursor: choiceCursor(cp, m.draft),
    order: cp.kind === 'order' ? orderArrangement(cp, m.draft) : null,
    hint: m.hints.has(cp.id) && !answer ? cp.hint : null,
    answer,
    expected: expectedText(cp),
    wrongExplain: verdict?.graded ? verdict.wrongExplain : null,
  };
}

function socketFlows(trace: Trace, socket: SocketId | null): { out: FlowKey; in: FlowKey } | null {
  const s = socket === null ? undefined : trace.sockets.find((x) => x.id === socket);
  if (!s) return null;
  const out = flowKey(s.local.ip, s.local.port, s.remote.ip, s.remote.port);
  return { out, in: reverseFlow(out) };
}

/** The names of the bits set, when `steps` are the bits of one flags field written together (field detail). */
function flagBitsOf(steps: readonly Step[]): string[] | null {
  if (steps.length < 2) return null;
  const group = /^[a-z0-9]+\.flags\./;
  const set: string[] = [];
  for (const s of steps) {
    if (s.kind !== 'encap-field' || !group.test(s.key)) return null;
    if (/[1-9a-f]/i.test(s.value.replace(/^0x/i, ''))) set.push(fieldInfo(s.key).name);
  }
  return set;
}

/**
 * Engine words that name ahead of time a header field the same host is about to write: a
 * host waiting for ARP names the address its request will ask about. (A DNS lookup names its
 * query's name too, but no header field holds it: no quiz can ask it.) By step index, the
 * step that writes that field.
 */
const foretoldCache = new WeakMap<PlayerBook, ReadonlyMap<number, number>>();

function foretoldFields(book: PlayerBook): ReadonlyMap<number, number> {
  let out = foretoldCache.get(book);
  if (out) return out;
  const found = new Map<number, number>();
  const steps = book.trace.steps;
  steps.forEach((s, i) => {
    if (s.kind !== 'arp-wait') return;
    // This host's next ARP target, if it is the address it waits on: a second packet
    // waiting on a request already out finds none (the request was built before).
    for (let j = i + 1; j < steps.length; j++) {
      const t = steps[j]!;
      if (t.kind !== 'encap-field' || t.host !== s.host || t.key !== 'arp.dst.proto_ipv4') continue;
      if (t.value === s.ip) found.set(i, j);
      break;
    }
  });
  foretoldCache.set(book, (out = found));
  return out;
}

/**
 * A step whose words name a field that a quiz still to answer asks (the ARP target of
 * lessons 07 and 15, some ten stops before its quiz): said with `?` in its place, at its
 * own stop and in the history, until that quiz is answered.
 */
function withoutForetold(m: PlayerModel, i: number, step: Step): Step {
  if (step.kind !== 'arp-wait') return step;
  const j = foretoldFields(m.book).get(i);
  const written = j === undefined ? undefined : m.book.trace.steps[j];
  if (written?.kind !== 'encap-field') return step;
  const asked = m.book.checkpoints.some((cp) => answerOf(m, cp.id) === null && cp.atStep >= i
    && ((cp.kind === 'field' && cp.atStep === j) || (cp.kind === 'number' && cp.ask === 'blank' && cp.field === written.key && cp.frame === written.frame)));
  return asked ? { ...step, ip: '?' } : step;
}

export function selectNarration(m: PlayerModel, hiddenNow?: Hidden, past = false): Text {
  // A closing paragraph is read on its own; the last step's words were read at its stop.
  if (closingIndex(m) !== null) return same('');
  let i = stepIndex(m);
  // A lesson that does not teach congestion control stops at a window change only for a
  // quiz or a note there: it tells the step before, not "slow start (cwnd …)".
  while (!m.book.congestion && i > 0 && m.book.trace.steps[i]?.kind === 'tcp-congestion') i--;
  const found = m.book.trace.steps[i];
  if (!found) return same('');
  const step = withoutForetold(m, i, found);
  const fresh = freshRange(m);
  const socket = 'socket' in step ? step.socket : null;
  const hidden = hiddenNow ?? hiddenByQuiz(m);
  const asked = hiddenKeysAt(m, i, hidden);
  return narrate(step, {
    frames: m.book.trace.frames,
    past,
    resent: resentBy(m.book.trace.steps, i),
    dissections: m.book.views.dissections,
    bases: m.book.views.bases,
    numbering: effectiveNumbering(m),
    hideValue: maskedStep(m) === i || (step.kind === 'encap-field' && isHidden(asked, step.key)),
    hideStateOf: hidden.stateOf,
    hideResetOf: hidden.flagsOf ?? null,
    hideAckOf: hidden.ackOf ?? null,
    hideWindowOf: hidden.windowOf ?? null,
    hideNextSeq: hidden.seqEnd,
    hideInSummary: asked,
    headerFields: step.kind === 'encap-field' && fresh.from < fresh.to
      ? m.book.trace.steps.slice(fresh.from, fresh.to + 1).filter((s) => s.kind === 'encap-field').length
      : null,
    flagBits: asked.has('tcp.flags') ? null : flagBitsOf(m.book.trace.steps.slice(fresh.from, fresh.to + 1)),
    socketFlows: socketFlows(m.book.trace, socket),
    frameLabel: m.book.frameLabel,
    frameName: m.book.frameName,
    labels: m.book.trace.labels,
  });
}

/** The lesson's paragraph for this stop: one per stop, in the order written (see paragraphStops). */
export function selectNote(m: PlayerModel): Text | null {
  const closing = closingIndex(m);
  if (closing !== null) return m.book.closing[closing] ?? null;
  const fresh = freshRange(m);
  const notes = m.book.notes.filter((n) => inRange(n.atStep, fresh));
  return notes[Math.min(paragraphIndex(m), notes.length - 1)]?.text ?? null;
}

/**
 * What the `count` stops before this one said, oldest first, for the narration pane's
 * history. While a quiz is open the learner can read back to the words that set it up, but
 * the engine's narration of those stops hides what the open quiz hides, as its own stop
 * does: a frame told before its quiz must not tell the answer in the history either.
 */
export function selectHistory(m: PlayerModel, count: number): { readonly note: Text | null; readonly narration: Text }[] {
  const hidden = isBlocked(m) ? hiddenByQuiz(m) : undefined;
  const out: { note: Text | null; narration: Text }[] = [];
  for (let pos = Math.max(0, m.pos - count); pos < m.pos; pos++) {
    const earlier: PlayerModel = { ...m, pos, reviewing: null };
    // A step read over several paragraphs is narrated once, after its first.
    const again = pos > m.pos - count && paragraphIndex(earlier) > 0;
    out.push({ note: selectNote(earlier), narration: again ? same('') : selectNarration(earlier, hidden, true) });
  }
  return out;
}

export function selectStatus(m: PlayerModel): StatusScreen {
  const cp = currentCheckpoint(m);
  return {
    stop: m.pos + 1,
    stops: stopsOf(m).length,
    step: stepIndex(m) + 1,
    steps: m.book.trace.steps.length,
    score: score(m),
    autoplay: m.autoplay,
    // Only shown while autoplay runs; reading the words again for it costs a narration per frame.
    intervalMs: m.autoplay ? autoplayDelay(m) : autoplayInterval(m),
    numbering: effectiveNumbering(m),
    detail: m.detail,
    showHex: m.showHex,
    notice: m.notice,
    blocked: cp !== null && answerOf(m, cp.id) === null,
  };
}

/**
 * Autoplay reads at 15 characters a second at the default speed. Adults read easy prose at
 * about 200–250 words a minute, 17–20 characters a second; this narration is dense with
 * numbers to check against the boxes and the ladder (ports, seq, ack, MACs), and many
 * learners read it in their second language, so 15 is the floor, not the average.
 */
export const READING_CHARS_PER_SECOND = 15;

/**
 * How long autoplay stays on this stop: long enough to read the words on screen (the step's
 * narration, the lesson's note, an answered quiz's feedback) and never less than the beat of
 * the chosen speed; + and − scale the reading time too. The English text measures how much
 * there is to read in either language, so that the wait, shown in the status bar, does not
 * depend on the language: the Korean has fewer characters for the same sentence, and each
 * takes longer to read.
 */
export function autoplayDelay(m: PlayerModel): number {
  const beat = autoplayInterval(m);
  const texts: (Text | null)[] = [selectNarration(m), selectNote(m)];
  const cp = currentCheckpoint(m);
  const answer = cp ? answerOf(m, cp.id) : null;
  if (cp && answer) {
    const verdict = answer.correct ? null : grade(cp, answer.value);
    texts.push(cp.prompt, cp.explanation, verdict?.graded ? verdict.wrongExplain : null);
  }
  let chars = 0;
  for (const t of texts) if (t) chars += t.en.length;
  const reading = (chars * 1000) / READING_CHARS_PER_SECOND;
  return Math.max(beat, Math.round(reading * (beat / SPEEDS_MS[DEFAULT_SPEED]!)));
}

/** Everything on screen at once. */
export function selectScreen(m: PlayerModel): Screen {
  return {
    title: m.book.title,
    narration: selectNarration(m),
    note: selectNote(m),
    stack: selectStack(m),
    hex: m.showHex ? selectHex(m) : null,
    ladder: selectLadder(m),
    quiz: selectQuiz(m),
    status: selectStatus(m),
    showHelp: m.showHelp,
  };
}
