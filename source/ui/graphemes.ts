// Grapheme clusters for the bundle's text measuring and tokenizing (string-width,
// @alcalzone/ansi-tokenize and slice-ansi, pointed here by scripts/build.mjs), without
// starting ICU until a string needs it. Each of those libraries builds an Intl.Segmenter
// when it is loaded; the first one costs 10–20 ms of the TUI's start (ICU's locale data),
// and Ink runs every line of the first frame through one. A string made only of code units
// that are each a grapheme cluster of their own (STANDALONE, printable ASCII, C0 controls
// but CR) is cut into code units, which is what Intl.Segmenter answers for it
// (test/ui/graphemes.test.ts); anything else goes to Intl.Segmenter, built on first use.

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

/** Per BMP code unit: 0 not yet looked at, 1 its own cluster beside the others, 2 not. */
const alone = new Uint8Array(0x10000);

function standsAlone(c: number): boolean {
  let a = alone[c]!;
  if (a === 0) {
    a = 2;
    // C0 controls break on both sides (only CR LF is one cluster); so do printable ASCII and DEL.
    if (c <= 0x7f) a = c === 0x0d ? 2 : 1;
    else {
      for (const [from, to] of STANDALONE) {
        if (c >= from && c <= to) {
          a = 1;
          break;
        }
      }
    }
    alone[c] = a;
  }
  return a === 1;
}

/** True when every code unit of `text` is a grapheme cluster of its own. */
export function allStandAlone(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!standsAlone(text.charCodeAt(i))) return false;
  return true;
}

interface Segment {
  readonly segment: string;
  readonly index: number;
  readonly input: string;
}

interface Segments extends Iterable<Segment> {
  containing(index?: number): Segment | undefined;
}

/** Intl.Segments for a string whose clusters are its code units. */
class UnitSegments implements Segments {
  constructor(private readonly input: string) {}

  containing(index = 0): Segment | undefined {
    const i = Math.trunc(Number(index));
    if (!(i >= 0 && i < this.input.length)) return undefined;
    return { segment: this.input[i]!, index: i, input: this.input };
  }

  *[Symbol.iterator](): Iterator<Segment> {
    const s = this.input;
    for (let i = 0; i < s.length; i++) yield { segment: s[i]!, index: i, input: s };
  }
}

let icu: Intl.Segmenter | undefined;

/** A grapheme Intl.Segmenter as the libraries use it: `segment(text)`, iterated or asked `containing(i)`. */
export const graphemes = {
  segment(text: string): Segments {
    if (allStandAlone(text)) return new UnitSegments(text);
    return (icu ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text);
  },
};

/** Whether ICU's segmenter has been built (for tests). */
export function icuBuilt(): boolean {
  return icu !== undefined;
}
