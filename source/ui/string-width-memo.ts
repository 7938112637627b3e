// string-width with a memory and a short way, for the bundle only: scripts/build.mjs points
// every `import 'string-width'` in Ink and its helpers (widest-line, wrap-ansi, cli-truncate)
// here. Ink measures every text node of the screen again on every frame (render-node-to-output
// calls widestLine uncached), and any line with a box-drawing character, an arrow or Hangul
// takes string-width's slow path: grapheme segmentation and a test against a regular
// expression of every emoji, whose construction alone costs tens of milliseconds at start.
//
// The short way: a string made only of printable ASCII and of the characters in STANDALONE
// (source/ui/graphemes.ts) is as wide as the sum of its characters' East Asian Widths,
// which is what string-width answers for it (each of those characters is a grapheme cluster
// of its own beside any other of them; test/ui/string-width-memo.test.ts checks every one
// against string-width and Intl.Segmenter). Anything else is asked of string-width, and the answer remembered.
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth, { type Options } from 'string-width';
import stripAnsi from 'strip-ansi';
import { STANDALONE } from './graphemes.js';

/** Per BMP code unit: 0 not yet looked at, 1 or 2 its width, 3 not standalone. */
const widths = new Uint8Array(0x10000);
const OTHER = 3;

function unitWidth(c: number): number {
  let w = widths[c]!;
  if (w === 0) {
    w = OTHER;
    if (c >= 0x20 && c < 0x7f) w = 1;
    else {
      for (const [from, to] of STANDALONE) {
        if (c >= from && c <= to) {
          w = eastAsianWidth(c, { ambiguousAsWide: false });
          break;
        }
      }
    }
    widths[c] = w;
  }
  return w;
}

/** The width by the short way, or -1 when the string holds anything else. */
export function standaloneWidth(text: string): number {
  const s = text.includes('\u001B') || text.includes('\u009B') ? stripAnsi(text) : text;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const w = unitWidth(s.charCodeAt(i));
    if (w === OTHER) return -1;
    total += w;
  }
  return total;
}

/** Enough for a few full screens of distinct lines; past it, start again rather than grow. */
export const MEMO_LIMIT = 4096;

const memo = new Map<string, number>();

/** stringWidth, the same answer for the same string; options other than the default are not remembered. */
export default function memoStringWidth(text: string, options?: Options): number {
  if (options !== undefined) return stringWidth(text, options);
  let w = memo.get(text);
  if (w === undefined) {
    w = standaloneWidth(text);
    if (w < 0) w = stringWidth(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, w);
  }
  return w;
}

/** How many answers are remembered (for tests). */
export function memoSize(): number {
  return memo.size;
}
