// string-width with a memory, for the bundle only: scripts/build.mjs points every
// `import 'string-width'` in Ink and its helpers (widest-line, wrap-ansi, cli-truncate) here.
// Ink measures every text node of the screen again on every frame (render-node-to-output
// calls widestLine uncached), and any line with a box-drawing character, an arrow or Hangul
// takes string-width's slow path: grapheme segmentation and an emoji regex per cluster.
// Between two keypresses almost every line is the same string, so the answer is remembered.
import stringWidth, { type Options } from 'string-width';

/** Enough for a few full screens of distinct lines; past it, start again rather than grow. */
export const MEMO_LIMIT = 4096;

const memo = new Map<string, number>();

/** stringWidth, the same answer for the same string; options other than the default are not remembered. */
export default function memoStringWidth(text: string, options?: Options): number {
  if (options !== undefined) return stringWidth(text, options);
  let w = memo.get(text);
  if (w === undefined) {
    w = stringWidth(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, w);
  }
  return w;
}

/** How many answers are remembered (for tests). */
export function memoSize(): number {
  return memo.size;
}
