// The tutor's state machine: a model, the actions a learner's keys become, and a pure
// `update`. Everything heavy was computed once in `createPlayer` (see views.ts), so each
// action is O(1) apart from a binary search when the detail level changes.
import type { Text } from '../i18n/text.js';
import type { Step, Trace } from '../sim/trace.js';
import {
  acceptsChar, grade, inSequenceSpace, readOrder, type ChoiceCheckpoint, MAX_FIELD_CHARS, MAX_NUMBER_DIGITS, type AnswerProblem, type Checkpoint, type Numbering,
  type OrderCheckpoint,
} from '../quiz/checkpoint.js';
import { frameName } from './text.js';
import { buildViews, type TraceViews } from './views.js';
import {
  answerOf, atEnd, closingIndex, closingStart, currentCheckpoint, isBlocked, moreHere, paragraphIndex, quizzesHere, score, stepIndex, stopsOf,
} from './position.js';

export { answerOf, atEnd, closingIndex, currentCheckpoint, isBlocked, paragraphIndex, score, stepIndex, stopsOf };

/**
 * `field`: field by field where the lesson first builds or takes apart a protocol, header by
 * header after that (see `fieldStops`); `header`: header by header throughout; `step`: every
 * trace step, for a lesson's author and for tests that look at one step's view.
 */
export type Detail = 'field' | 'header' | 'step';

export interface PlayerNote {
  /** Shown at the stop that includes this step. */
  readonly atStep: number;
  readonly text: Text;
}

/** What a lesson adds to a trace. All optional: a bare trace plays too. */
export interface PlayerLesson {
  readonly title?: Text;
  readonly checkpoints?: readonly Checkpoint[];
  /** The lesson's own words (its `say:`), at given steps. */
  readonly notes?: readonly PlayerNote[];
  /**
   * Each frame's number in the capture `export` writes (or, in a replay, the original
   * capture), so that the player says the number Wireshark shows. Without it, frames are
   * numbered in trace order.
   */
  readonly frameNumbers?: ReadonlyMap<number, number>;
  /**
   * Trace steps (inclusive ranges) that are background to the lesson, such as the ARP
   * exchange before a handshake: the player stops there only where a host puts a frame on
   * the wire and at the range's end (and at a quiz or note).
   */
  readonly background?: readonly { readonly from: number; readonly to: number }[];
  /**
   * Whether the lesson teaches congestion control (`lesson/congestion-shown.ts`). When it
   * does not, the simulator still runs it, but cwnd is not beside the ladder and its
   * changes are no stops: a learner meets "slow start" first where it is taught. Shown by
   * default.
   */
  readonly congestion?: boolean;
}

export interface PlayerOptions {
  readonly detail?: Detail;
  readonly numbering?: Numbering;
  readonly hex?: boolean;
}

/** Immutable, computed once per trace: everything that does not depend on the learner. */
export interface PlayerBook {
  readonly trace: Trace;
  readonly title: Text | null;
  readonly views: TraceViews;
  /** Trace step indices the learner stops at, per detail level. */
  readonly stops: Readonly<Record<Detail, readonly number[]>>;
  readonly checkpoints: readonly Checkpoint[];
  /** Several quizzes may ask about one moment; they are asked in lesson order. */
  readonly checkpointAt: ReadonlyMap<number, readonly Checkpoint[]>;
  readonly notes: readonly PlayerNote[];
  /**
   * The lesson's closing words: its notes after the trace's last step (plain mode prints
   * the same ones last, see lesson/walk.ts). Each is read at a stop of its own after the
   * last one, on the full screen (an author's "check the server's copy: TTL 62" points at
   * the hex pane and the ladder), after any quiz there; the summary opens with them again.
   * They are the last `closing.length` entries of every stop list (`closingIndex`).
   */
  readonly closing: readonly Text[];
  /** See `PlayerLesson.congestion`. */
  readonly congestion: boolean;
  /** How a frame is named on screen: its capture number, or `–` for one the capture did not see. */
  readonly frameLabel: (frame: number) => string;
  /** How a sentence names a frame: `frame #7`, or as one the capture does not hold. */
  readonly frameName: (frame: number) => Text;
  /** Checkpoints left out because they do not fit the trace, one line each. */
  readonly problems: readonly string[];
}

export interface QuizAnswer {
  readonly value: string;
  readonly correct: boolean;
}

export type Notice =
  | { readonly kind: 'answerFirst' }
  | { readonly kind: 'atEnd' }
  | { readonly kind: 'atStart' }
  | { readonly kind: 'noHint' }
  | { readonly kind: 'numberingFixed'; readonly numbering: Numbering }
  | { readonly kind: 'badAnswer'; readonly problem: AnswerProblem }
  | { readonly kind: 'alreadyAnswered' }
  | { readonly kind: 'nothingToReview' }
  /** Opened where the learner left off, with the answers given then. */
  | { readonly kind: 'resumed' };

export interface PlayerModel {
  readonly book: PlayerBook;
  readonly detail: Detail;
  /** Index into `book.stops[detail]`. */
  readonly pos: number;
  readonly numbering: Numbering;
  readonly showHex: boolean;
  readonly showHelp: boolean;
  readonly autoplay: boolean;
  /** Index into SPEEDS_MS. */
  readonly speed: number;
  /** By checkpoint id; kept across back and forward. */
  readonly answers: ReadonlyMap<string, QuizAnswer>;
  /**
   * The quiz just answered, whose feedback stays on screen until the learner moves on; at
   * a step with several quizzes, moving on opens the next one there.
   */
  readonly reviewing: string | null;
  /** What the learner has typed into the open quiz. */
  readonly draft: string;
  /** Checkpoint ids whose hint has been asked for. */
  readonly hints: ReadonlySet<string>;
  readonly notice: Notice | null;
  /** Set by `quit`; the shell leaves the player. */
  readonly quit: boolean;
  /** The end-of-lesson summary when it is open, with the first of its blocks on screen. */
  readonly summary: { readonly top: number } | null;
  /**
   * While reviewing: the missed quizzes asked again in this round, in lesson order. Their
   * answers this round are kept in `retries`; the first tries stay in `answers`.
   */
  readonly review: readonly string[] | null;
  /** Each retried quiz's latest retry, scored apart from its first try. */
  readonly retries: ReadonlyMap<string, QuizAnswer>;
  /**
   * The narration pane's scroll, for the stop it was scrolled at: moving to another stop
   * makes it stale, so the pane opens there at the top of that stop's text.
   */
  readonly scroll?: { readonly pos: number; readonly detail: Detail; readonly to: number };
}

export type PlayerAction =
  | { readonly type: 'next' }
  /** Runs to the next stop with a quiz, or to the end (n). */
  | { readonly type: 'nextQuiz' }
  /** Runs to the next stop that puts a frame on the wire, a `transmit` step (f). */
  | { readonly type: 'nextFrame' }
  | { readonly type: 'back' }
  | { readonly type: 'goto'; readonly step: number }
  | { readonly type: 'toggleAutoplay' }
  | { readonly type: 'faster' }
  | { readonly type: 'slower' }
  /** One autoplay beat; the shell sends it every `autoplayInterval(model)` ms. */
  | { readonly type: 'tick' }
  | { readonly type: 'toggleNumbering' }
  | { readonly type: 'toggleHex' }
  | { readonly type: 'toggleDetail' }
  | { readonly type: 'hint' }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'closeHelp' }
  | { readonly type: 'quizInput'; readonly text: string }
  | { readonly type: 'quizBackspace' }
  /** Moves the highlight in an open choice list or order list (↑ ↓). */
  | { readonly type: 'quizMove'; readonly by: number }
  /** Moves the highlighted frame of an order quiz up or down the list (Shift+↑ ↓, K J). */
  | { readonly type: 'quizShift'; readonly by: number }
  /** Scrolls the narration pane to a line offset (0: the current stop's first line). */
  | { readonly type: 'scrollNarration'; readonly to: number }
  | { readonly type: 'quizSubmit' }
  /** Answers the open quiz directly (a choice picked from the list). */
  | { readonly type: 'answer'; readonly value: string }
  | { readonly type: 'quit' }
  /** From the summary: ask the missed quizzes again, each at its own stop. */
  | { readonly type: 'review' }
  /** Moves the summary by `by` blocks. */
  | { readonly type: 'scrollSummary'; readonly by: number }
  /** Leaves the summary for the lesson's last step. */
  | { readonly type: 'closeSummary' };

/**
 * Autoplay's shortest wait per stop, slowest first: the time to see what changed. A stop
 * with more to read waits longer (see `autoplayDelay` in screen.ts).
 */
export const SPEEDS_MS: readonly number[] = [3000, 2000, 1400, 1000, 700, 500, 350, 250, 150, 100];
export const DEFAULT_SPEED = 5;

function isFieldOf(step: Step | undefined, frame: number, layer: string): boolean {
  return step !== undefined && step.kind === 'encap-field' && step.frame === frame && step.layer === layer;
}

/** The last step of the run of encap-field steps that starts at or after `i` (a header). */
function headerEnd(steps: readonly Step[], i: number): number {
  const s = steps[i]!;
  if (s.kind !== 'encap-begin' && s.kind !== 'encap-field') return i;
  let j = i;
  while (isFieldOf(steps[j + 1], s.frame, s.layer)) j++;
  return j;
}

/**
 * `j`, the last field of the header begun at `i`, or the encap-end right after it that names
 * the unit the header made ("the TCP header is done: the segment (24 bytes) goes down to
 * IPv4"): for a known protocol, that is what a stop on its whole header has to say.
 */
function headerDone(steps: readonly Step[], i: number, j: number): number {
  const s = steps[i]!;
  const done = steps[j + 1];
  return s.kind === 'encap-begin' && done?.kind === 'encap-end' && done.frame === s.frame && done.protocol === s.protocol ? j + 1 : j;
}

/**
 * Header-by-header detail: a layer's encap-begin and the run of encap-field steps after
 * it make one stop, at the last field. A quiz or a lesson note inside the run still
 * stops there, so nothing a lesson asks is skipped.
 */
function headerStops(steps: readonly Step[], mustStop: ReadonlySet<number>): number[] {
  const stops: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const j = headerEnd(steps, i);
    for (let k = i; k < j; k++) if (mustStop.has(k)) stops.push(k);
    stops.push(j);
    i = j;
  }
  return stops;
}

/**
 * The last step of a receiver's work on one header that starts with the check at `i`: its
 * checks, TCP's verdict on the segment, and the strip, while nothing goes wrong. A failed
 * check or an unexpected segment ends it there: what follows is news and stops on its own.
 */
function decapEnd(steps: readonly Step[], i: number): number {
  const s = steps[i]!;
  if (s.kind !== 'decap-check') return i;
  let j = i;
  for (;;) {
    const here = steps[j]!;
    if (here.kind === 'decap-check' && !here.ok) return j;
    // Data out of order, a duplicate or a segment outside the window is news too.
    if (here.kind === 'tcp-segment' && here.verdict !== 'in-order' && here.verdict !== 'no-data') return j;
    const n = steps[j + 1];
    if (n === undefined) return j;
    const who = n.kind === 'tcp-segment' ? n.host : 'node' in n ? n.node : null;
    if (!('frame' in n) || n.frame !== s.frame || who !== s.node) return j;
    if (n.kind === 'decap-check' && n.layer === s.layer) j++;
    else if (n.kind === 'tcp-segment' && s.layer === 'transport') j++;
    else if (n.kind === 'decap-strip' && n.layer === s.layer) return j + 1;
    else return j;
  }
}

/**
 * A frame's pass through a switch that starts with its arrival at `i`: the switch learns the
 * sender's port, forwards (or floods), and puts the copies on their links. `i` when the
 * arrival is not at a switch.
 */
function switchEnd(steps: readonly Step[], i: number): number {
  const s = steps[i]!;
  if (s.kind !== 'arrive') return i;
  let j = i;
  for (let n = steps[j + 1]; n?.kind === 'switch-learn' && n.node === s.node; n = steps[j + 1]) j++;
  const fwd = steps[j + 1];
  if (fwd?.kind !== 'switch-forward' || fwd.node !== s.node || fwd.frame !== s.frame) return i;
  j++;
  for (let n = steps[j + 1]; n?.kind === 'transmit' && fwd.out.includes(n.frame); n = steps[j + 1]) j++;
  return j;
}

/** `tcp.flags.syn` in frame 5 → `5 tcp.flags`: the bits of one flags field, written one step each. */
function bitGroupOf(step: Step | undefined): string | null {
  if (step?.kind !== 'encap-field') return null;
  const m = /^([a-z0-9]+\.flags)\./.exec(step.key);
  return m ? `${step.frame} ${m[1]!}` : null;
}

/**
 * Field-by-field detail, at a learner's pace: the first time the lesson builds a protocol's
 * header, it is written one field at a time; after that the protocol is known, and each of
 * its headers is one stop (as in header detail), unless a quiz stops inside the header,
 * which is then written field by field again so that the learner watches up to the
 * question. The bits of one flags field (tcp.flags.*, ip.flags.*) are one stop even the
 * first time: nine SYN-ACK bits, eight of them zero, are one fact ("SYN and ACK set").
 * A lesson note inside a grouped header still stops there.
 */
function fieldStops(
  steps: readonly Step[], quizAt: ReadonlySet<number>, mustStop: ReadonlySet<number>, background: (i: number) => boolean,
): number[] {
  const stops: number[] = [];
  const known = new Set<string>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.kind === 'tcp-timer') {
      // A timer starting (or stopping) is news the first time; after that it rides along
      // with the next stop, which says what matters (the state, the next segment).
      const key = `timer ${s.action}`;
      if (known.has(key) && !mustStop.has(i) && i + 1 < steps.length) continue;
      if (!background(i)) known.add(key);
    }
    if (s.kind === 'arrive') {
      // A switch's work, step by step the first time the lesson shows it, one stop after.
      const end = switchEnd(steps, i);
      let quizInside = false;
      for (let k = i; k <= end; k++) if (quizAt.has(k)) quizInside = true;
      if (end > i && known.has('switch') && !quizInside) {
        for (let k = i; k < end; k++) if (mustStop.has(k)) stops.push(k);
        stops.push(end);
        i = end;
        continue;
      }
      // A frame arriving at a host whose checks of that header are known rides along with them.
      const n = steps[i + 1];
      if (end === i && n?.kind === 'decap-check' && n.node === s.node && n.frame === s.frame
        && known.has(`decap ${n.layer}`) && !mustStop.has(i)) continue;
      if (end > i && !background(i)) known.add('switch');
      for (let k = i; k <= end; k++) stops.push(k);
      i = end;
      continue;
    }
    if (s.kind === 'decap-check') {
      // A receiver's checks of one header and its strip: check by check the first time
      // the lesson shows that layer taken apart, one stop after that (as for building).
      const end = decapEnd(steps, i);
      let quizInside = false;
      for (let k = i; k <= end; k++) if (quizAt.has(k)) quizInside = true;
      const key = `decap ${s.layer}`;
      if (known.has(key) && !quizInside) {
        for (let k = i; k < end; k++) if (mustStop.has(k)) stops.push(k);
        stops.push(end);
        i = end;
        continue;
      }
      if (steps[end]!.kind === 'decap-strip' && !background(i)) known.add(key);
      for (let k = i; k <= end; k++) stops.push(k);
      i = end;
      continue;
    }
    if (s.kind !== 'encap-begin') {
      const bits = bitGroupOf(s);
      if (bits === null || quizAt.has(i)) {
        stops.push(i);
        continue;
      }
      // A run of flag bits: one stop at its last bit, or at a quiz or note inside it.
      let j = i;
      while (bitGroupOf(steps[j + 1]) === bits && !quizAt.has(j + 1)) j++;
      for (let k = i; k < j; k++) if (mustStop.has(k)) stops.push(k);
      stops.push(j);
      i = j;
      continue;
    }
    // A known protocol's header is one stop, with the encap-end that says what it made; the
    // first time, the header's end is a stop of its own after the fields.
    const end = headerDone(steps, i, headerEnd(steps, i));
    let quizInside = false;
    for (let k = i; k <= end; k++) if (quizAt.has(k)) quizInside = true;
    if (known.has(s.protocol) && !quizInside) {
      for (let k = i; k < end; k++) if (mustStop.has(k)) stops.push(k);
      stops.push(end);
      i = end;
      continue;
    }
    // A header built in the background was not watched: it is still new after it.
    if (!background(i)) known.add(s.protocol);
    stops.push(i);
  }
  return stops;
}

/**
 * One authored paragraph, one stop: a stop whose new steps carry several of the lesson's
 * notes is repeated once per note, so that each paragraph is read on its own. A quiz at
 * that step waits for the last of them.
 */
function paragraphStops(stops: readonly number[], notes: readonly PlayerNote[]): number[] {
  const out: number[] = [];
  let n = 0;
  for (const s of stops) {
    let here = 0;
    for (; n < notes.length && notes[n]!.atStep <= s; n++) here++;
    for (let i = 0; i < Math.max(1, here); i++) out.push(s);
  }
  return out;
}

/**
 * What a background range still stops at besides the frames put on the wire: what the
 * sender's congestion control makes of them (RFC 5681: a window grown or cut, a duplicate
 * ACK counted, a segment sent again). The frames are background to a lesson about the
 * window, not what the window does with them; an exchange with no data (ARP, a
 * handshake) has none of these.
 */
const CONNECTION_NEWS: ReadonlySet<Step['kind']> = new Set(['tcp-congestion', 'tcp-dup-ack', 'tcp-retransmit']);

/** `stops` with only a few kept inside background ranges: see `PlayerLesson.background`. */
function skipBackground(
  stops: readonly number[], trace: Trace, background: readonly { from: number; to: number }[], mustStop: ReadonlySet<number>,
): number[] {
  if (background.length === 0) return [...stops];
  const rangeOf = (i: number) => background.find((b) => i >= b.from && i <= b.to);
  const kept = new Set(stops.filter((i) => {
    const r = rangeOf(i);
    if (!r || i === r.to || mustStop.has(i)) return true;
    const s = trace.steps[i]!;
    return (s.kind === 'transmit' && trace.frames[s.frame]?.parent === null) || CONNECTION_NEWS.has(s.kind);
  }));
  for (const b of background) if (b.to >= 0 && b.to < trace.steps.length) kept.add(b.to);
  return [...kept].sort((a, b) => a - b);
}

function checkpointProblem(cp: Checkpoint, trace: Trace): string | null {
  if (!Number.isInteger(cp.atStep) || cp.atStep < 0 || cp.atStep >= trace.steps.length) {
    return `checkpoint ${cp.id}: step ${cp.atStep} is outside the trace (0–${trace.steps.length - 1})`;
  }
  if (cp.kind === 'field') {
    const s = trace.steps[cp.atStep]!;
    if (s.kind !== 'encap-field' || s.key !== cp.field) {
      return `checkpoint ${cp.id}: step ${cp.atStep} is ${s.kind}, not the encap-field that writes ${cp.field}`;
    }
  }
  if (cp.kind === 'choice' && !cp.options.some((o) => o.value === cp.expected)) {
    return `checkpoint ${cp.id}: the expected answer ${cp.expected} is not one of the options`;
  }
  return null;
}

export function createBook(trace: Trace, lesson: PlayerLesson = {}): PlayerBook {
  const problems: string[] = [];
  const checkpointAt = new Map<number, Checkpoint[]>();
  const checkpoints: Checkpoint[] = [];
  const ids = new Set<string>();
  for (const cp of lesson.checkpoints ?? []) {
    const problem = checkpointProblem(cp, trace)
      ?? (ids.has(cp.id) ? `checkpoint ${cp.id}: the id is used twice` : null);
    if (problem) {
      problems.push(problem);
      continue;
    }
    ids.add(cp.id);
    checkpointAt.set(cp.atStep, [...(checkpointAt.get(cp.atStep) ?? []), cp]);
    checkpoints.push(cp);
  }
  checkpoints.sort((a, b) => a.atStep - b.atStep);
  const notes = [...(lesson.notes ?? [])].filter((n) => n.atStep >= 0 && n.atStep < trace.steps.length).sort((a, b) => a.atStep - b.atStep);
  const closing = (lesson.notes ?? []).filter((n) => n.atStep >= trace.steps.length).map((n) => n.text);
  const quizAt = new Set<number>(checkpointAt.keys());
  const inBackground = (i: number) => (lesson.background ?? []).some((b) => i >= b.from && i <= b.to);
  const mustStop = new Set<number>([...quizAt, ...notes.map((n) => n.atStep)]);
  const congestion = lesson.congestion ?? true;
  // A lesson that does not teach congestion control does not stop at what it does.
  const untaught = (stops: number[]) => (congestion ? stops : stops.filter((i) => trace.steps[i]!.kind !== 'tcp-congestion' || mustStop.has(i)));
  const frameLabel = lesson.frameNumbers
    ? (f: number) => String(lesson.frameNumbers!.get(f) ?? '–')
    : (f: number) => String(f + 1);
  // A frame dropped on a link never reaches a capture taken past it.
  // The closing paragraphs, one stop each, on the last stop's screen.
  const closed = (stops: number[]) => (stops.length === 0 ? stops : [...stops, ...closing.map(() => stops[stops.length - 1]!)]);
  return {
    trace,
    title: lesson.title ?? null,
    views: buildViews(trace),
    stops: {
      field: closed(paragraphStops(untaught(skipBackground(fieldStops(trace.steps, quizAt, mustStop, inBackground), trace, lesson.background ?? [], mustStop)), notes)),
      header: closed(paragraphStops(untaught(skipBackground(headerStops(trace.steps, mustStop), trace, lesson.background ?? [], mustStop)), notes)),
      step: closed(paragraphStops(untaught(trace.steps.map((_, i) => i)), notes)),
    },
    congestion,
    checkpoints,
    checkpointAt,
    notes,
    closing,
    frameLabel,
    frameName: (f) => frameName(frameLabel(f)),
    problems,
  };
}

export function initialModel(book: PlayerBook, options: PlayerOptions = {}): PlayerModel {
  return {
    book,
    detail: options.detail ?? 'field',
    pos: 0,
    numbering: options.numbering ?? 'relative',
    showHex: options.hex ?? true,
    showHelp: false,
    autoplay: false,
    speed: DEFAULT_SPEED,
    answers: new Map(),
    reviewing: null,
    draft: '',
    hints: new Set(),
    notice: null,
    quit: false,
    summary: null,
    review: null,
    retries: new Map(),
  };
}

/** A fresh player at the first step of `trace`. */
export function createPlayer(trace: Trace, lesson: PlayerLesson = {}, options: PlayerOptions = {}): PlayerModel {
  return initialModel(createBook(trace, lesson), options);
}

// ---------------------------------------------------------------------------------------
// Selectors

/** Steps that are new on screen at this stop: (previous stop, this stop]. */
export function freshRange(m: PlayerModel): { readonly from: number; readonly to: number } {
  const to = stepIndex(m);
  // A step read over several paragraphs is as fresh at each of them.
  const first = m.pos - paragraphIndex(m);
  const prev = first > 0 ? stopsOf(m)[first - 1]! : -1;
  return { from: prev + 1, to };
}

/** Quizzes whose first try was not right (or that were never answered), in lesson order. */
export function missedQuizzes(m: PlayerModel): Checkpoint[] {
  return m.book.checkpoints.filter((cp) => m.answers.get(cp.id)?.correct !== true);
}

/** What review would ask again: the missed quizzes not yet put right by a retry. */
export function toReview(m: PlayerModel): Checkpoint[] {
  return missedQuizzes(m).filter((cp) => m.retries.get(cp.id)?.correct !== true);
}

/**
 * The summary's blocks, top to bottom: the closing paragraphs, the score by kind, then one
 * per missed quiz. `scrollSummary` moves by these; player/summary.ts builds them.
 */
export function summaryBlockCount(m: PlayerModel): number {
  return m.book.closing.length + 1 + missedQuizzes(m).length;
}

/**
 * While a quiz about sequence space is on screen its numbering rules, so that the numbers
 * match the question; a quiz on flags or a state leaves the learner's numbering as it is.
 */
export function effectiveNumbering(m: PlayerModel): Numbering {
  const cp = currentCheckpoint(m);
  return cp && inSequenceSpace(cp) ? cp.numbering : m.numbering;
}

/**
 * The highlighted option of a choice list. The draft holds the option's number (typed
 * digits, or set by ↑ ↓), so that 1 then 1 reaches option 11; for a draft that is not a
 * number in the list (a pasted label) it is the first option.
 */
export function choiceCursor(cp: Checkpoint, draft: string): number {
  if (cp.kind !== 'choice' || !/^\d+$/.test(draft)) return 0;
  const n = Number(draft);
  return n >= 1 && n <= cp.options.length ? n - 1 : 0;
}

/** The draft after a digit is typed into a choice list: appended if that names an option, else the digit alone. */
function choiceDigit(count: number, draft: string, digit: string): string {
  const named = (d: string) => /^\d+$/.test(d) && Number(d) >= 1 && Number(d) <= count && !d.startsWith('0');
  if (named(draft + digit)) return draft + digit;
  return named(digit) ? digit : draft;
}

/**
 * An order quiz's arrangement so far and its highlighted row. The draft holds both as
 * `3 1 2@1` (item numbers top to bottom, then the highlighted row); an empty draft is the
 * items as shown, the first highlighted.
 */
export function orderArrangement(cp: OrderCheckpoint, draft: string): { readonly order: readonly number[]; readonly cursor: number } {
  const [list = '', at = '0'] = draft.split('@');
  const order = readOrder(list, cp.items.length) ?? cp.items.map((_, i) => i + 1);
  return { order, cursor: Math.max(0, Math.min(order.length - 1, Number(at) || 0)) };
}

const orderDraft = (order: readonly number[], cursor: number) => `${order.join(' ')}@${cursor}`;

/** The draft after a key or a paste in an order quiz: a digit highlights that frame, a whole order typed or pasted replaces the list. */
function orderInput(cp: OrderCheckpoint, draft: string, text: string): string {
  const { order, cursor } = orderArrangement(cp, draft);
  if (/^\d$/.test(text)) {
    const row = order.indexOf(Number(text));
    return row < 0 ? draft : orderDraft(order, row);
  }
  const typed = readOrder(text, cp.items.length);
  return typed ? orderDraft(typed, cursor) : draft;
}

/** Enough for any option's label as printed, pasted whole. */
const MAX_CHOICE_CHARS = 120;

/** The draft as the learner typed or pasted it into a choice quiz: digits pick an option, text is an answer to grade. */
function choiceInput(cp: ChoiceCheckpoint, draft: string, text: string): string {
  // One key: a digit of the option's number.
  if (/^\d$/.test(text)) return choiceDigit(cp.options.length, draft, text);
  // A burst (a paste, or keys faster than one read): taken as a whole answer.
  const typed = text.trim();
  return typed === '' ? draft : typed.slice(0, MAX_CHOICE_CHARS);
}

/** The scroll offset of the narration pane at this stop (it returns to 0 on another stop). */
export function narrationScroll(m: PlayerModel): number {
  const s = m.scroll;
  return s !== undefined && s.pos === m.pos && s.detail === m.detail ? s.to : 0;
}

export function autoplayInterval(m: PlayerModel): number {
  return SPEEDS_MS[m.speed] ?? SPEEDS_MS[DEFAULT_SPEED]!;
}

/** First index in sorted `xs` whose value is ≥ `x` (xs.length if none). */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------
// Update

/** Going forward into a stop: its first quiz, or that quiz's feedback when it was answered before. */
function moveTo(m: PlayerModel, pos: number): PlayerModel {
  const arrived: PlayerModel = { ...m, pos, draft: '', notice: null, reviewing: null };
  const first = quizzesHere(arrived)[0];
  const moved = first && answerOf(arrived, first.id) !== null ? { ...arrived, reviewing: first.id } : arrived;
  // Autoplay ends at the end. At an unanswered quiz it stays on but waits (see `tick`), and
  // goes on once the learner has answered and read the feedback.
  if (moved.autoplay && atEnd(moved)) return { ...moved, autoplay: false };
  return moved;
}

/**
 * Moves on by one stop, or to the first stop after this one where `arrived` holds; an
 * unanswered quiz on the way stops the run there, since a learner cannot pass it.
 */
function advance(m: PlayerModel, arrived: (stop: number, previous: number) => boolean): PlayerModel {
  if (isBlocked(m)) return { ...m, notice: { kind: 'answerFirst' } };
  // In review, a retry answered leads straight to the next quiz to retry, or back to the summary.
  const cp = currentCheckpoint(m);
  if (m.review !== null && cp !== null && m.review.includes(cp.id)) {
    const pending = m.review.find((id) => !m.retries.has(id));
    return pending === undefined ? openSummary({ ...m, review: null }) : jumpToQuiz(m, pending);
  }
  // Several quizzes at one stop are met one after another, answered ones with their feedback.
  const here = quizzesHere(m);
  const k = cp === null ? -1 : here.indexOf(cp);
  if (k >= 0 && k < here.length - 1) {
    const following = here[k + 1]!;
    return { ...m, reviewing: answerOf(m, following.id) === null ? null : following.id, draft: '', notice: null };
  }
  if (atEnd(m)) return openSummary({ ...m, review: null });
  const stops = stopsOf(m);
  const closing = closingStart(m);
  for (let p = m.pos + 1; p < stops.length; p++) {
    const waiting = p < closing && (m.book.checkpointAt.get(stops[p]!) ?? []).some((cp) => answerOf(m, cp.id) === null);
    // A run to the next quiz or frame ends at the first closing paragraph, not past it.
    if (waiting || p === closing || arrived(stops[p]!, stops[p - 1]!)) return moveTo(m, p);
  }
  return moveTo(m, stops.length - 1);
}

const anyStop = () => true;

const switchCopyCache = new WeakMap<Trace, ReadonlySet<number>>();

/**
 * The frames a switch put on a link: the frame it received, the same bytes, on another
 * port, and not a new frame on the wire (`f` passes them). A router's is new: it builds
 * another Ethernet header and lowers the TTL (RFC 1812 §5.3.1).
 */
function switchCopies(trace: Trace): ReadonlySet<number> {
  let out = switchCopyCache.get(trace);
  if (!out) {
    const copies = new Set<number>();
    for (const s of trace.steps) if (s.kind === 'switch-forward') for (const f of s.out) copies.add(f);
    switchCopyCache.set(trace, (out = copies));
  }
  return out;
}

function next(m: PlayerModel): PlayerModel {
  return advance(m, anyStop);
}

function openSummary(m: PlayerModel): PlayerModel {
  return { ...m, autoplay: false, draft: '', notice: null, reviewing: null, summary: { top: 0 } };
}

/** To the stop that asks quiz `id`, with that quiz open. */
function jumpToQuiz(m: PlayerModel, id: string): PlayerModel {
  const cp = m.book.checkpoints.find((c) => c.id === id)!;
  const stops = stopsOf(m);
  // A step read over several paragraphs asks its quizzes after the last of them.
  let pos = Math.min(lowerBound(stops, cp.atStep), stops.length - 1);
  while (pos + 1 < closingStart(m) && stops[pos + 1] === cp.atStep) pos++;
  return { ...m, pos, reviewing: null, draft: '', notice: null, autoplay: false, summary: null };
}

/** Asks each quiz still missed again; the first tries stay as they were. */
function startReview(m: PlayerModel): PlayerModel {
  const ids = toReview(m).map((cp) => cp.id);
  if (ids.length === 0) return { ...m, notice: { kind: 'nothingToReview' } };
  const retries = new Map(m.retries);
  for (const id of ids) retries.delete(id);
  return jumpToQuiz({ ...m, review: ids, retries }, ids[0]!);
}

/**
 * One step back: to the previous quiz at this stop when there is one (its feedback again),
 * else to the previous stop, showing the feedback of the last quiz answered there.
 */
function back(m: PlayerModel): PlayerModel {
  const here = quizzesHere(m);
  const k = here.indexOf(currentCheckpoint(m)!);
  const before = k > 0 ? here[k - 1]! : null;
  if (before && answerOf(m, before.id) !== null) return { ...m, reviewing: before.id, draft: '', notice: null, autoplay: false };
  if (m.pos === 0) return { ...m, notice: { kind: 'atStart' } };
  const moved: PlayerModel = { ...m, pos: m.pos - 1, draft: '', notice: null, autoplay: false, reviewing: null };
  const last = [...quizzesHere(moved)].reverse().find((cp) => answerOf(moved, cp.id) !== null);
  return last ? { ...moved, reviewing: last.id } : moved;
}

function submit(m: PlayerModel, value: string): PlayerModel {
  const cp = currentCheckpoint(m);
  if (!cp) return m;
  if (answerOf(m, cp.id) !== null) return { ...m, notice: { kind: 'alreadyAnswered' } };
  const verdict = grade(cp, value);
  if (!verdict.graded) return { ...m, notice: { kind: 'badAnswer', problem: verdict.problem } };
  if (m.review?.includes(cp.id)) {
    const retries = new Map(m.retries);
    retries.set(cp.id, { value: verdict.answer, correct: verdict.correct });
    return { ...m, retries, reviewing: cp.id, draft: '', notice: null };
  }
  const answers = new Map(m.answers);
  answers.set(cp.id, { value: verdict.answer, correct: verdict.correct });
  return { ...m, answers, reviewing: cp.id, draft: '', notice: null };
}

export function update(m: PlayerModel, action: PlayerAction): PlayerModel {
  if (m.summary !== null) return updateSummary(m, m.summary, action);
  switch (action.type) {
    case 'next':
      return next(m);
    case 'nextQuiz':
      return advance(m, (stop) => m.book.checkpointAt.has(stop));
    case 'nextFrame': {
      const trace = m.book.trace;
      const copies = switchCopies(trace);
      return advance(m, (stop, previous) => {
        for (let i = previous + 1; i <= stop; i++) {
          const s = trace.steps[i]!;
          if (s.kind === 'transmit' && !copies.has(s.frame)) return true;
        }
        return false;
      });
    }
    case 'back':
      return back(m);
    case 'goto': {
      const stops = stopsOf(m);
      if (stops.length === 0) return m;
      return moveTo(m, Math.min(lowerBound(stops, action.step), stops.length - 1));
    }
    case 'toggleAutoplay':
      if (m.autoplay) return { ...m, autoplay: false, notice: null };
      if (isBlocked(m)) return { ...m, notice: { kind: 'answerFirst' } };
      if (atEnd(m)) return { ...m, notice: { kind: 'atEnd' } };
      return { ...m, autoplay: true, notice: null };
    case 'faster':
      return { ...m, speed: Math.min(m.speed + 1, SPEEDS_MS.length - 1), notice: null };
    case 'slower':
      return { ...m, speed: Math.max(m.speed - 1, 0), notice: null };
    case 'tick':
      // An open quiz waits for its answer; the feedback of an answered one has had its beat.
      if (!m.autoplay || isBlocked(m)) return m;
      if (atEnd(m) && !moreHere(m)) return { ...m, autoplay: false };
      return next(m);
    case 'toggleNumbering': {
      const cp = currentCheckpoint(m);
      if (cp && inSequenceSpace(cp)) return { ...m, notice: { kind: 'numberingFixed', numbering: cp.numbering } };
      return { ...m, numbering: m.numbering === 'relative' ? 'absolute' : 'relative', notice: null };
    }
    case 'toggleHex':
      return { ...m, showHex: !m.showHex, notice: null };
    case 'toggleDetail': {
      const detail: Detail = m.detail === 'field' ? 'header' : 'field';
      const stops = m.book.stops[detail];
      // The stop that shows this step: in header detail, the end of its group; a closing
      // paragraph stays the same paragraph.
      const k = closingIndex(m);
      const pos = k !== null ? stops.length - m.book.closing.length + k
        : Math.min(lowerBound(stops, stepIndex(m)), Math.max(stops.length - 1, 0));
      return { ...m, detail, pos, notice: null };
    }
    case 'hint': {
      const cp = currentCheckpoint(m);
      if (!cp) return { ...m, notice: { kind: 'noHint' } };
      const hints = new Set(m.hints);
      hints.add(cp.id);
      return { ...m, hints, notice: null };
    }
    case 'toggleHelp':
      return { ...m, showHelp: !m.showHelp, notice: null };
    case 'closeHelp':
      return m.showHelp ? { ...m, showHelp: false } : m;
    case 'quizInput': {
      const cp = currentCheckpoint(m);
      if (!cp || answerOf(m, cp.id) !== null) return m;
      if (cp.kind === 'choice') {
        const draft = choiceInput(cp, m.draft, action.text);
        return draft === m.draft ? m : { ...m, draft, notice: null };
      }
      if (cp.kind === 'order') {
        const draft = orderInput(cp, m.draft, action.text);
        return draft === m.draft ? m : { ...m, draft, notice: null };
      }
      const max = cp.kind === 'number' ? MAX_NUMBER_DIGITS : MAX_FIELD_CHARS;
      let draft = m.draft;
      for (const ch of action.text) if (acceptsChar(cp.kind, ch) && draft.length < max) draft += ch;
      return draft === m.draft ? m : { ...m, draft, notice: null };
    }
    case 'quizBackspace':
      return m.draft === '' ? m : { ...m, draft: m.draft.slice(0, -1), notice: null };
    case 'quizShift': {
      const cp = currentCheckpoint(m);
      if (!cp || cp.kind !== 'order' || answerOf(m, cp.id) !== null) return m;
      const { order, cursor } = orderArrangement(cp, m.draft);
      const to = cursor + action.by;
      if (to < 0 || to >= order.length) return m;
      const moved = [...order];
      [moved[cursor], moved[to]] = [moved[to]!, moved[cursor]!];
      return { ...m, draft: orderDraft(moved, to), notice: null };
    }
    case 'quizMove': {
      const cp = currentCheckpoint(m);
      if (cp && cp.kind === 'order' && answerOf(m, cp.id) === null) {
        const { order, cursor } = orderArrangement(cp, m.draft);
        return { ...m, draft: orderDraft(order, Math.max(0, Math.min(order.length - 1, cursor + action.by))), notice: null };
      }
      if (!cp || cp.kind !== 'choice' || answerOf(m, cp.id) !== null) return m;
      const to = Math.max(0, Math.min(cp.options.length - 1, choiceCursor(cp, m.draft) + action.by));
      return { ...m, draft: String(to + 1), notice: null };
    }
    case 'scrollNarration':
      return { ...m, scroll: { pos: m.pos, detail: m.detail, to: action.to } };
    case 'quizSubmit': {
      const cp = currentCheckpoint(m);
      // A choice list submits the highlighted option, or a pasted answer as written.
      if (cp && cp.kind === 'choice' && m.draft === '') return submit(m, cp.options[0]?.value ?? '');
      if (cp && cp.kind === 'choice' && /^\d+$/.test(m.draft) && Number(m.draft) >= 1 && Number(m.draft) <= cp.options.length) {
        return submit(m, cp.options[choiceCursor(cp, m.draft)]?.value ?? '');
      }
      // An order quiz submits the list as arranged, top first.
      if (cp && cp.kind === 'order') return submit(m, orderArrangement(cp, m.draft).order.join(' '));
      return submit(m, m.draft);
    }
    case 'answer':
      return submit(m, action.value);
    case 'quit':
      return { ...m, quit: true, autoplay: false };
    case 'review':
    case 'scrollSummary':
    case 'closeSummary':
      return m;
  }
}

/** The summary screen takes only its own actions, and quitting. */
function updateSummary(m: PlayerModel, summary: { readonly top: number }, action: PlayerAction): PlayerModel {
  switch (action.type) {
    case 'review':
      return startReview(m);
    case 'scrollSummary': {
      const top = Math.max(0, Math.min(summary.top + action.by, summaryBlockCount(m) - 1));
      return top === summary.top ? m : { ...m, summary: { top }, notice: null };
    }
    case 'closeSummary':
    case 'back':
      return { ...m, summary: null, notice: null };
    case 'quit':
      return { ...m, quit: true, autoplay: false };
    default:
      return m;
  }
}
