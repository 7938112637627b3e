// What the player needs from a lesson's quiz: where it stops the learner, what it asks,
// the answer the simulation computed, and the words that teach the rule. The lesson
// compiler produces these; the player only shows them, takes an answer and grades it.
import type { Text } from '../i18n/text.js';

/** How sequence and acknowledgment numbers are shown, and in which the answer is given. */
export type { Numbering } from '../wire/relative.js';
import type { Numbering } from '../wire/relative.js';

export interface ChoiceOption {
  /** What is graded: compared with `expected`. */
  readonly value: string;
  readonly label: Text;
}

interface CheckpointBase {
  /** Stable within a lesson; answers are remembered by it. */
  readonly id: string;
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
  readonly wrong?: readonly { readonly answer: string; readonly explain: Text }[];
}

/** Type a whole number: digits and Backspace, Enter submits. */
export interface NumberCheckpoint extends CheckpointBase {
  readonly kind: 'number';
  readonly expected: number;
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

export type Checkpoint = NumberCheckpoint | ChoiceCheckpoint | FieldCheckpoint;
export type CheckpointKind = Checkpoint['kind'];

/** The largest number a quiz asks for: sequence numbers are 32 bits. */
export const MAX_NUMBER_ANSWER = 0xffff_ffff;
/** Digits in MAX_NUMBER_ANSWER. */
export const MAX_NUMBER_DIGITS = 10;
/** Longest field answer: a MAC address with colons is 17. */
export const MAX_FIELD_CHARS = 24;

/** Characters that may be typed for each kind; everything else is ignored. */
export function acceptsChar(kind: CheckpointKind, ch: string): boolean {
  switch (kind) {
    case 'number':
      return /^[0-9]$/.test(ch);
    case 'field':
      // Decimal, hex (0x0800), MACs (02:00:…) and IPv4 addresses.
      return /^[0-9a-fA-FxX:.]$/.test(ch);
    case 'choice':
      return false;
  }
}

export type AnswerProblem = 'empty' | 'notANumber' | 'tooLarge' | 'notAnOption';

/** Whether an answer can be graded at all; a problem is reported and the quiz stays open. */
export function checkAnswer(cp: Checkpoint, answer: string): AnswerProblem | null {
  const a = answer.trim();
  if (a === '') return 'empty';
  switch (cp.kind) {
    case 'number':
      if (!/^\d+$/.test(a)) return 'notANumber';
      if (a.length > MAX_NUMBER_DIGITS || Number(a) > MAX_NUMBER_ANSWER) return 'tooLarge';
      return null;
    case 'choice':
      return cp.options.some((o) => o.value === a) ? null : 'notAnOption';
    case 'field':
      return null;
  }
}

/** A field value as numbers or canonical text, so `0x0800`, `0x800` and `2048` agree. */
function normalizeField(s: string): string {
  const v = s.trim().toLowerCase();
  if (/^0x[0-9a-f]+$/.test(v)) return String(parseInt(v.slice(2), 16));
  if (/^\d+$/.test(v)) return String(Number(v));
  return v;
}

/** Grades a checked answer. Pure; the lesson work may supply its own grader. */
export function grade(cp: Checkpoint, answer: string): boolean {
  const a = answer.trim();
  switch (cp.kind) {
    case 'number':
      return Number(a) === cp.expected;
    case 'choice':
      return a === cp.expected;
    case 'field':
      return normalizeField(a) === normalizeField(cp.expected);
  }
}

/** The right answer as a learner reads it. */
export function expectedText(cp: Checkpoint): string | Text {
  switch (cp.kind) {
    case 'number':
      return String(cp.expected);
    case 'field':
      return cp.expected;
    case 'choice':
      return cp.options.find((o) => o.value === cp.expected)?.label ?? cp.expected;
  }
}
