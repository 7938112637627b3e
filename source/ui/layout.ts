// How the screen is divided at a given terminal size. At 80×24 every pane fits in a
// compact form; more rows go to the hex pane and the layer stack, more columns to the
// ladder and to longer lines.

export const MIN_COLS = 80;
export const MIN_ROWS = 24;

export interface Geometry {
  readonly cols: number;
  /** Rows the screen draws: one less than the terminal, so Ink never has to clear it. */
  readonly rows: number;
  readonly narration: number;
  readonly main: number;
  readonly stackWidth: number;
  readonly ladderWidth: number;
  readonly hex: number;
  readonly quiz: number;
}

export interface Needs {
  readonly narration: number;
  /** 0 when the hex pane is off. */
  readonly hex: number;
  /** 0 when no quiz is open. */
  readonly quiz: number;
  /** The quiz is answered: its feedback (why, and the rule) is what the learner reads now. */
  readonly feedback?: boolean;
}

/** The layer stack needs its four titles, two borders and a few field lines. */
const MIN_MAIN = 11;
/**
 * While a quiz's feedback is read, the stack may shrink to its four titles and borders: the
 * explanation of a wrong answer and the rule are the moment's text, and at 80×24 they
 * would not fit the box beside a full stack.
 */
const MIN_MAIN_FEEDBACK = 6;

export function tooSmall(cols: number, rows: number): boolean {
  return cols < MIN_COLS || rows < MIN_ROWS;
}

export function ladderWidthFor(cols: number): number {
  if (cols >= 140) return 50;
  if (cols >= 110) return 44;
  if (cols >= 96) return 38;
  return 32;
}

export function geometry(cols: number, terminalRows: number, need: Needs): Geometry {
  // A frame as tall as the terminal makes Ink clear the screen on every redraw (flicker).
  const rows = terminalRows - 1;
  const status = 1;
  const roomy = rows >= 31;
  // The narration scrolls (PgUp PgDn), so it need not fit; but a paragraph should mostly show.
  let narration = Math.max(1, Math.min(need.narration, roomy ? 5 : need.quiz > 0 ? 1 : 3));
  const minMain = need.feedback ? MIN_MAIN_FEEDBACK : MIN_MAIN;
  let quiz = Math.min(need.quiz, rows - status - narration - minMain);
  let hex = Math.min(need.hex, rows >= 39 ? 14 : roomy ? 9 : 5);
  let main = rows - status - narration - quiz - hex;
  if (main < minMain) {
    const cut = Math.min(hex, minMain - main);
    hex -= cut;
    main += cut;
    // A caption and one row of bytes is not worth its room.
    if (hex < 3) {
      main += hex;
      hex = 0;
    }
  }
  if (quiz < 0) quiz = 0;
  if (narration < 1) narration = 1;
  const ladderWidth = ladderWidthFor(cols);
  return { cols, rows, narration, main, stackWidth: cols - ladderWidth - 1, ladderWidth, hex, quiz };
}
