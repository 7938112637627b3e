// Terminal columns, not string length: Hangul and other East Asian wide characters take
// two columns. Uses the same measure as Ink (string-width), so that what we pad and what
// Ink lays out agree and box borders line up.
import stringWidth from 'string-width';

const charWidths = new Map<string, number>();

function charWidth(ch: string): number {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code >= 0x20 && code < 0x7f) return 1;
  let w = charWidths.get(ch);
  if (w === undefined) {
    w = stringWidth(ch);
    charWidths.set(ch, w);
  }
  return w;
}

/**
 * Characters whose width depends on their neighbours (combining marks, joiners, variation
 * selectors, Hangul jamo, emoji modifiers): a string with any of them is measured whole.
 */
const CLUSTERING = /[\u0300-\u036f\u1100-\u11ff\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f\ud800-\udfff]/;

/** Columns the string takes in a terminal. */
export function widthOf(s: string): number {
  // Printable ASCII is by far the common case: one column per character.
  if (/^[\x20-\x7e]*$/.test(s)) return s.length;
  if (CLUSTERING.test(s)) return stringWidth(s);
  // Box drawing, arrows and Hangul syllables stand alone: sum cached per-character widths.
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Cuts to at most `width` columns, ending in `…` when something was cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (widthOf(s) <= width) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Exactly `width` columns: cut with `…` or padded with spaces on the right. */
export function fit(s: string, width: number): string {
  const t = truncate(s, width);
  return t + ' '.repeat(Math.max(0, width - widthOf(t)));
}

/** Exactly `width` columns, padded on the left. */
export function fitStart(s: string, width: number): string {
  const t = truncate(s, width);
  return ' '.repeat(Math.max(0, width - widthOf(t))) + t;
}

/**
 * Word-wraps to lines of at most `width` columns. Korean separates words with spaces too,
 * so the same rule serves both languages; a word longer than a line is broken.
 */
export function wrap(s: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  for (const paragraph of s.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(' ')) {
      const w = widthOf(word);
      if (used > 0 && used + 1 + w <= width) {
        line += ` ${word}`;
        used += 1 + w;
        continue;
      }
      if (used > 0) lines.push(line);
      if (w <= width) {
        line = word;
        used = w;
        continue;
      }
      // Break a long word at the column limit.
      line = '';
      used = 0;
      for (const ch of word) {
        const cw = charWidth(ch);
        if (used + cw > width) {
          lines.push(line);
          line = '';
          used = 0;
        }
        line += ch;
        used += cw;
      }
    }
    lines.push(line);
  }
  return lines;
}
