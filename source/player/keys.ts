// Keys to actions: pure, so the whole key map is tested without a terminal. The Ink shell
// passes what `useInput` gives it; a quiz that is open takes the keys it needs first.
import { answerOf, currentCheckpoint, update, type PlayerAction, type PlayerModel } from './model.js';

/** The parts of Ink's `Key` the player reads. */
export interface KeyInfo {
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
}

/** One line per key for the help overlay, in the order shown there. */
export const KEY_HELP = [
  'next', 'nextQuiz', 'nextFrame', 'back', 'scroll', 'autoplay', 'speed', 'numbering', 'hex', 'detail', 'hint', 'help', 'quit', 'typing', 'ordering',
] as const;
export type KeyHelpEntry = (typeof KEY_HELP)[number];

/** The action for a key press, or null when the key means nothing here. */
export function keyToAction(m: PlayerModel, input: string, key: KeyInfo): PlayerAction | null {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (m.showHelp) {
    if (input === '?' || key.escape || key.return || input === ' ') return { type: 'closeHelp' };
    if (input === 'q') return { type: 'quit' };
    return null;
  }
  if (m.summary !== null) return summaryKey(input, key);
  if (key.leftArrow) return { type: 'back' };
  if (key.escape) return { type: 'quit' };

  const cp = currentCheckpoint(m);
  const open = cp !== null && answerOf(m, cp.id) === null;
  if (open && cp.kind === 'order') {
    // ↑ ↓ (k j) move the highlight, Shift+↑ ↓ (K J) move the highlighted frame, a digit
    // highlights that frame, Enter submits the list top first.
    if ((key.upArrow && key.shift) || input === 'K') return { type: 'quizShift', by: -1 };
    if ((key.downArrow && key.shift) || input === 'J') return { type: 'quizShift', by: 1 };
    if (key.upArrow || input === 'k') return { type: 'quizMove', by: -1 };
    if (key.downArrow || input === 'j') return { type: 'quizMove', by: 1 };
    if (key.return) return { type: 'quizSubmit' };
    if (/^[0-9]$/.test(input)) return { type: 'quizInput', text: input };
  }
  if (open && cp.kind !== 'choice' && cp.kind !== 'order') {
    if (key.backspace || key.delete) return { type: 'quizBackspace' };
    if (key.return) return { type: 'quizSubmit' };
    // Typed characters go into the answer first: in a field, a d x are hex digits.
    const accepted = cp.kind === 'number' ? /^[0-9]+$/ : /^[0-9a-fA-FxX:.]+$/;
    if (input !== '' && accepted.test(input)) return { type: 'quizInput', text: input };
  }
  if (open && cp.kind === 'choice') {
    // ↑ ↓ (or k j) move the highlight, digits pick an option by number (1 then 1 is the
    // eleventh), Enter submits: a digit alone never answers.
    if (key.upArrow || input === 'k') return { type: 'quizMove', by: -1 };
    if (key.downArrow || input === 'j') return { type: 'quizMove', by: 1 };
    if (key.backspace || key.delete) return { type: 'quizBackspace' };
    if (key.return) return { type: 'quizSubmit' };
    if (/^[0-9]$/.test(input)) return { type: 'quizInput', text: input };
  }

  if (key.rightArrow || key.return || input === ' ') return { type: 'next' };
  switch (input) {
    case 'n':
      return { type: 'nextQuiz' };
    case 'f':
      return { type: 'nextFrame' };
    case 'a':
      return { type: 'toggleAutoplay' };
    case '+':
    case '=':
      return { type: 'faster' };
    case '-':
    case '_':
      return { type: 'slower' };
    case 'r':
      return { type: 'toggleNumbering' };
    case 'x':
      return { type: 'toggleHex' };
    case 'd':
      return { type: 'toggleDetail' };
    case 'h':
      return { type: 'hint' };
    case '?':
      return { type: 'toggleHelp' };
    case 'q':
      return { type: 'quit' };
    default:
      return null;
  }
}

/** The end-of-lesson summary: r reviews the missed quizzes, ↑ ↓ scroll, ← goes back to the lesson, q Esc Enter leave. */
function summaryKey(input: string, key: KeyInfo): PlayerAction | null {
  if (input === 'r') return { type: 'review' };
  if (key.leftArrow) return { type: 'closeSummary' };
  if (key.upArrow || key.pageUp || input === 'k') return { type: 'scrollSummary', by: -1 };
  if (key.downArrow || key.pageDown || input === 'j' || input === ' ') return { type: 'scrollSummary', by: 1 };
  if (input === 'q' || key.escape || key.return) return { type: 'quit' };
  return null;
}

/**
 * Several characters in one read (a pasted answer, or typing faster than the terminal is
 * read) while a quiz is open: the text up to the first line break, and whether a line
 * break (Enter) followed it. Null for a single key or an escape sequence.
 */
export function burst(m: PlayerModel, input: string, key: KeyInfo): { readonly text: string; readonly submit: boolean } | null {
  if (key.ctrl || key.meta || [...input].length < 2 || input.includes('\u001B')) return null;
  const cp = currentCheckpoint(m);
  if (cp === null || answerOf(m, cp.id) !== null || m.showHelp) return null;
  const cut = input.search(/[\r\n]/);
  return cut < 0 ? { text: input, submit: false } : { text: input.slice(0, cut), submit: true };
}

/** A key press applied to the model: the reducer the shell runs, so a key always sees the latest state. */
export function press(m: PlayerModel, input: string, key: KeyInfo): PlayerModel {
  const pasted = burst(m, input, key);
  if (pasted) {
    // Backspace held down, or pressed quickly, comes as several DEL (or BS) in one read.
    let typed = m;
    for (const part of pasted.text.split(/([\u007F\b])/)) {
      if (part === '\u007F' || part === '\b') typed = update(typed, { type: 'quizBackspace' });
      else if (part !== '') typed = update(typed, { type: 'quizInput', text: part });
    }
    return pasted.submit ? update(typed, { type: 'quizSubmit' }) : typed;
  }
  const action = keyToAction(m, input, key);
  return action ? update(m, action) : m;
}
