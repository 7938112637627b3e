// string-width with a memory and a short way, for the bundle only: scripts/build.mjs points
// every `import 'string-width'` in Ink and its helpers (widest-line, wrap-ansi, cli-truncate)
// here. Ink measures every text node of the screen again on every frame (render-node-to-output
// calls widestLine uncached), and any line with a box-drawing character, an arrow or Hangul
// takes string-width's slow path: grapheme segmentation and a test against a regular
// expression of every emoji, whose construction alone costs tens of milliseconds at start.
//
// The short way: a string made only of printable ASCII and of the characters in STANDALONE
// is as wide as the sum of its characters' East Asian Widths, which is what string-width
// answers for it (each of those characters is a grapheme cluster of its own beside any other
// of them; test/ui/string-width-memo.test.ts checks every one against string-width and
// Intl.Segmenter). Anything else is asked of string-width, and the answer remembered.
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth, { type Options } from 'string-width';
import stripAnsi from 'strip-ansi';

/**
 * Code points (all in the BMP) that are a grapheme cluster on their own beside printable
 * ASCII, a Hangul syllable and each other, and as wide as their East Asian Width: Latin-1,
 * punctuation, super- and subscripts, currency, letterlike symbols, arrows, mathematical
 * and technical symbols, box drawing, blocks, shapes, dingbats, CJK punctuation, Hangul
 * compatibility jamo and syllables, full-width forms. Left out: soft hyphen, bidirectional
 * controls, the CJK tone marks (combining) and the Hangul filler (zero width).
 */
export const STANDALONE: readonly (readonly [number, number])[] = [
  [0xa0, 0xac], [0xae, 0xff], [0x2010, 0x2029], [0x202f, 0x205e], [0x2070, 0x209f], [0x20a0, 0x20c0], [0x2100, 0x218f],
  [0x2190, 0x23ff], [0x2500, 0x27bf], [0x3000, 0x3029], [0x3030, 0x303f], [0x3131, 0x3163], [0x3165, 0x318e],
  [0xac00, 0xd7a3], [0xff01, 0xff60], [0xffe0, 0xffe6],
];

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
