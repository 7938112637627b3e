// The one checkpoint model and its one grader. A checkpoint is a question with its answer:
// where the player stops the learner, what it asks, the answer the trace gives, and the
// words that teach the rule. Lessons and drill (lesson/quiz.ts) and replays
// (replay/quizzes.ts) produce checkpoints; the player, plain mode and JSON mode
// consume them and grade with `grade` below.
//
// It lives here, beside neither producer nor consumer, so that data keeps flowing one way:
// lesson and capture import it to make checkpoints, the player imports it to ask them, and
// it imports nothing but the i18n Text type and the numbering's name.
import type { Text } from '../i18n/text.js';

/** What a quiz asks about; a lesson names it in `ask:`. */
export const QUIZ_ASKS = [
  'seq', 'ack', 'window', 'ttl', 'src-port', 'dst-port', 'length', 'next-seq',
  'state', 'flags', 'layer', 'changes', 'receiver', 'field', 'cwnd', 'ssthresh', 'inFlight', 'order', 'blank',
] as const;
export type QuizAsk = (typeof QUIZ_ASKS)[number];

/** How sequence and acknowledgment numbers are shown, and in which the answer is given. */
export type { Numbering } from '../wire/relative.js';
import type { Numbering } from '../wire/relative.js';

export interface ChoiceOption {
  /** What is graded: compared with `expected`. */
  readonly value: string;
  readonly label: Text;
}

export interface WrongAnswer {
  readonly answer: string;
  readonly explain: Text;
}

interface CheckpointBase {
  /** Stable within a lesson; answers are remembered by it. */
  readonly id: string;
  /** What the question is about (absent for a hand-made checkpoint that says nothing). */
  readonly ask?: QuizAsk;
  /** The frame the question is about (index in `Trace.frames`), if any. */
  readonly frame?: number;
  /** For a `state`, `cwnd`, `ssthresh` or `inFlight` quiz: whose, so that the screen can hide it until answered. */
  readonly host?: string;
  /**
   * Index into `Trace.steps`. The learner is stopped after this step has happened and
   * cannot step past it before answering. For `field`, it is the `encap-field` step that
   * writes the field; its value stays hidden until answered.
   */
  readonly atStep: number;
  readonly prompt: Text;
  /** Shown after answering, right or wrong: the rule, not just the number. */
  readonly explanation: Text;
  /** Shown on `h` before answering. */
  readonly hint: Text;
  /** The numbering the question is asked in; the screen switches to it while it is shown. */
  readonly numbering: Numbering;
  /** Explanations for likely wrong answers (a common mistake and why it is wrong). */
  readonly wrong?: readonly WrongAnswer[];
}

/** Type a whole number: digits and Backspace, Enter submits. */
export interface NumberCheckpoint extends CheckpointBase {
  readonly kind: 'number';
  readonly expected: number;
  /**
   * For `blank`: the field key (`tcp.seq`) blanked in the frame on screen, whose value is
   * the answer. The frame is shown whole, every other field in view.
   */
  readonly field?: string;
}

/** Pick one of a few options (↑ ↓ Enter, or the option's number). */
export interface ChoiceCheckpoint extends CheckpointBase {
  readonly kind: 'choice';
  readonly options: readonly ChoiceOption[];
  /** The `value` of the right option. */
  readonly expected: string;
}

/** Fill in a header field inside the header being built, as it is shown (`80`, `0x0800`, a MAC). */
export interface FieldCheckpoint extends CheckpointBase {
  readonly kind: 'field';
  /** The field key (`tcp.ack`); it must be the key written at `atStep`. */
  readonly field: string;
  readonly expected: string;
}

/** One frame of an order quiz, as shown: a tcpdump one-liner, without frame number or time. */
export interface OrderItem {
  /** The frame in `Trace.frames`. */
  readonly frame: number;
  readonly line: string;
  /** The same, cut to fit a list on an 80-column screen (sim/summary.ts `briefOneLiner`). */
  readonly brief: string;
}

/**
 * Put shuffled frames in the order they were sent. The answer is the items' numbers
 * (1-based, as shown) first sent first: `3 1 2`.
 */
export interface OrderCheckpoint extends CheckpointBase {
  readonly kind: 'order';
  /** The frames in the order shown (shuffled; never an order the grader accepts). */
  readonly items: readonly OrderItem[];
  /** One true order: the items' numbers as sent, space-separated. */
  readonly expected: string;
  /**
   * Which item must come before which, as pairs of item numbers: [a, b] when a was sent
   * before b, or at the same instant and b follows from a through the network. Items not
   * ordered by these (two frames sent at the same instant, neither in answer to the other)
   * may go either way.
   */
  readonly before: readonly (readonly [number, number])[];
  /**
   * Why item `first` goes before item `then`, for frames next to each other in the true order
   * that the frames tie together; said when a learner puts `then` first.
   */
  readonly slips?: readonly { readonly first: number; readonly then: number; readonly explain: Text }[];
}

export type Checkpoint = NumberCheckpoint | ChoiceCheckpoint | FieldCheckpoint | OrderCheckpoint;
export type CheckpointKind = Checkpoint['kind'];

/** The largest number a quiz asks for: sequence numbers are 32 bits. */
export const MAX_NUMBER_ANSWER = 0xffff_ffff;
/** Digits in MAX_NUMBER_ANSWER. */
export const MAX_NUMBER_DIGITS = 10;
/** Longest field answer: a MAC address with colons is 17. */
export const MAX_FIELD_CHARS = 24;

/**
 * How many trace steps the learner has seen in full when the question is asked: every
 * step before this index. A field quiz is asked on the step that writes the field, with
 * its value hidden; any other quiz after its step has happened.
 */
export function stepsSeen(cp: Checkpoint): number {
  return cp.kind === 'field' ? cp.atStep : cp.atStep + 1;
}

/**
 * Whether a quiz asks a number of sequence space (a seq or an ack, or such a field): only
 * those are asked in a numbering, and only while they are on screen does theirs rule.
 */
export function inSequenceSpace(cp: Checkpoint): boolean {
  return cp.ask === 'seq' || cp.ask === 'ack' || cp.ask === 'next-seq'
    || ((cp.kind === 'field' || (cp.kind === 'number' && cp.ask === 'blank')) && /^tcp\.(seq|ack)$/.test(cp.field ?? ''));
}

/** Characters that may be typed for each kind; everything else is ignored. */
export function acceptsChar(kind: CheckpointKind, ch: string): boolean {
  switch (kind) {
    case 'number':
      return /^[0-9]$/.test(ch);
    case 'field':
      // Decimal, hex (0x0800), MACs (02:00:…) and IPv4 addresses.
      return /^[0-9a-fA-FxX:.]$/.test(ch);
    case 'order':
      return /^[0-9 ,]$/.test(ch);
    case 'choice':
      return false;
  }
}

/** Why an answer cannot be graded: the question is asked again. */
export type AnswerProblem = 'empty' | 'notANumber' | 'tooLarge' | 'notAnOption' | 'tooLong' | 'notAnOrder';

/** The longest answer line the plain, JSON and drill modes read; a longer one is thrown away as it streams in. */
export const MAX_ANSWER_CHARS = 4096;

/** Why an answer could not be read, in one line, as the TUI and plain mode both say it. */
export const ANSWER_PROBLEMS: Readonly<Record<AnswerProblem, Text>> = {
  empty: { en: 'Type an answer first.', ko: '먼저 답을 입력하세요.' },
  notANumber: { en: 'Digits only, please.', ko: '숫자만 입력하세요.' },
  tooLarge: { en: 'Too large: sequence numbers go up to 4294967295.', ko: '너무 큽니다: 시퀀스 번호는 4294967295까지입니다.' },
  notAnOption: { en: 'Pick one of the options, by its number or its name.', ko: '보기 중에서 번호나 이름으로 고르세요.' },
  tooLong: { en: `That line is longer than ${MAX_ANSWER_CHARS} characters; type a shorter answer.`, ko: `줄이 ${MAX_ANSWER_CHARS}자보다 깁니다. 더 짧게 입력하세요.` },
  notAnOrder: { en: 'Give every frame\'s number once, first sent first, like 3 1 2.', ko: '모든 프레임 번호를 한 번씩, 먼저 보낸 것부터 적으세요(예: 3 1 2).' },
};

export type Verdict =
  | { readonly graded: false; readonly problem: AnswerProblem }
  | {
    readonly graded: true;
    readonly correct: boolean;
    /** The answer as read: a number in decimal, an option's value, or the field as typed. */
    readonly answer: string;
    /** The lesson's word on this particular wrong answer, if it has one. */
    readonly wrongExplain: Text | null;
  };

/** Case and spaces do not matter: `SYN_SENT`, `syn_sent`, ` Syn_Sent `. */
const loose = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

/** A field value as numbers or canonical text, so `0x0800`, `0x800` and `2048` agree. */
function fieldValue(s: string): string {
  const v = loose(s);
  if (/^0x[0-9a-f]+$/.test(v)) return String(parseInt(v.slice(2), 16));
  if (/^\d+$/.test(v)) return String(Number(v));
  return v;
}

/**
 * Reads an answer as a learner gives it. A choice may be answered by its number in the
 * list (1-based), its value, or its label as printed in either language.
 */
function read(cp: Checkpoint, given: string): { ok: true; answer: string } | { ok: false; problem: AnswerProblem } {
  const a = given.trim();
  if (a === '') return { ok: false, problem: 'empty' };
  switch (cp.kind) {
    case 'number': {
      if (!/^\d+$/.test(a)) return { ok: false, problem: 'notANumber' };
      const digits = a.replace(/^0+(?=\d)/, '');
      if (digits.length > MAX_NUMBER_DIGITS || Number(digits) > MAX_NUMBER_ANSWER) return { ok: false, problem: 'tooLarge' };
      return { ok: true, answer: digits };
    }
    case 'choice': {
      const g = loose(a);
      const chosen = cp.options.find((o, i) => loose(o.value) === g || String(i + 1) === g || loose(o.label.en) === g || loose(o.label.ko) === g);
      return chosen ? { ok: true, answer: chosen.value } : { ok: false, problem: 'notAnOption' };
    }
    case 'field':
      return { ok: true, answer: a };
    case 'order': {
      const order = readOrder(a, cp.items.length);
      return order ? { ok: true, answer: order.join(' ') } : { ok: false, problem: 'notAnOrder' };
    }
  }
}

/**
 * An order as typed: item numbers separated by spaces or commas (`3 1 2`, `3,1,2`), or run
 * together when every number is one digit (`312`). Null unless it names each of the `n`
 * items exactly once.
 */
export function readOrder(given: string, n: number): number[] | null {
  const a = given.trim();
  const parts = /^\d+$/.test(a) && n <= 9 ? [...a] : a.split(/[\s,]+/);
  const order = parts.map(Number);
  if (order.length !== n || !order.every((k) => Number.isInteger(k) && k >= 1 && k <= n)) return null;
  return new Set(order).size === n ? order : null;
}

/** Whether an order (item numbers, first sent first) keeps every `before` pair of the quiz. */
export function keepsOrder(before: OrderCheckpoint['before'], order: readonly number[]): boolean {
  const at = new Map(order.map((k, i) => [k, i]));
  return before.every(([a, b]) => (at.get(a) ?? -1) < (at.get(b) ?? -1));
}

function same(cp: Checkpoint, a: string, b: string): boolean {
  return sameAnswer(cp.kind, a, b);
}

/** Whether two answers of a kind are the same answer: `0x0800` and `2048` for a field, `007` and `7` for a number. */
export function sameAnswer(kind: CheckpointKind, a: string, b: string): boolean {
  switch (kind) {
    case 'number':
      return Number(a) === Number(b);
    case 'choice':
      return a === b;
    case 'field':
      return fieldValue(a) === fieldValue(b);
    case 'order':
      return a === b;
  }
}

/**
 * The one grader. Pure. An answer that cannot be read (blank, letters for a number, no
 * such option) is not wrong: the verdict says why, and the question stays open.
 */
export function grade(cp: Checkpoint, given: string): Verdict {
  const r = read(cp, given);
  if (!r.ok) return { graded: false, problem: r.problem };
  // Any order that keeps what the frames determine is right, not only the one in `expected`.
  const correct = cp.kind === 'order' ? keepsOrder(cp.before, r.answer.split(' ').map(Number)) : same(cp, r.answer, String(cp.expected));
  const specific = correct ? undefined : cp.wrong?.find((w) => {
    const known = read(cp, w.answer);
    return known.ok && same(cp, known.answer, r.answer);
  });
  const slip = correct || specific || cp.kind !== 'order' ? undefined : orderSlip(cp, r.answer.split(' ').map(Number));
  return { graded: true, correct, answer: r.answer, wrongExplain: specific?.explain ?? slip ?? null };
}

/** The first pair of neighbouring frames a wrong order puts the other way round, and why it cannot go so. */
function orderSlip(cp: OrderCheckpoint, order: readonly number[]): Text | undefined {
  const at = new Map(order.map((k, i) => [k, i]));
  return cp.slips?.find((s) => (at.get(s.then) ?? -1) < (at.get(s.first) ?? -1))?.explain;
}

/** The right answer as a learner reads it. */
export function expectedText(cp: Checkpoint): string | Text {
  switch (cp.kind) {
    case 'number':
      return String(cp.expected);
    case 'field':
    case 'order':
      return cp.expected;
    case 'choice':
      return cp.options.find((o) => o.value === cp.expected)?.label ?? cp.expected;
  }
}
