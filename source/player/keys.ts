// Keys to actions: pure, so the whole key map is tested without a terminal. The Ink shell
// passes what `useInput` gives it; a quiz that is open takes the keys it needs first.
import { currentCheckpoint, update, type PlayerAction, type PlayerModel } from './model.js';

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
}

/** One line per key for the help overlay, in the order shown there. */
export const KEY_HELP = [
  'next', 'nextQuiz', 'nextFrame', 'back', 'autoplay', 'speed', 'numbering', 'hex', 'detail', 'hint', 'help', 'quit', 'typing',
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
  if (key.leftArrow) return { type: 'back' };
  if (key.escape) return { type: 'quit' };

  const cp = currentCheckpoint(m);
  const open = cp !== null && !m.answers.has(cp.id);
  if (open && cp.kind !== 'choice') {
    if (key.backspace || key.delete) return { type: 'quizBackspace' };
    if (key.return) return { type: 'quizSubmit' };
    // Typed characters go into the answer first: in a field, a d x are hex digits.
    const accepted = cp.kind === 'number' ? /^[0-9]+$/ : /^[0-9a-fA-FxX:.]+$/;
    if (input !== '' && accepted.test(input)) return { type: 'quizInput', text: input };
  }
  // An open choice list takes ↑ ↓ Enter and 1–9 itself (ink-select-input).
  if (open && cp.kind === 'choice' && (key.return || key.upArrow || key.downArrow || /^[1-9jk]$/.test(input))) return null;

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

/** A key press applied to the model: the reducer the shell runs, so a key always sees the latest state. */
export function press(m: PlayerModel, input: string, key: KeyInfo): PlayerModel {
  const action = keyToAction(m, input, key);
  return action ? update(m, action) : m;
}
