import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { STANDALONE } from '../../source/ui/graphemes.js';
import memoStringWidth, { MEMO_LIMIT, memoSize, standaloneWidth } from '../../source/ui/string-width-memo.js';

const alphabet = fc.constantFrom(...'ab Z09·─│┌▶✓✗→↳한국어전송계층'.split(''), '\u001B[1m', '\u001B[22m', 'e\u0301', '👍🏽', '\u200d');

describe('the bundle\'s remembering string-width', () => {
  it('answers as string-width does, the first time and again', () => {
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (s) => {
      expect(memoStringWidth(s)).toBe(stringWidth(s));
      expect(memoStringWidth(s)).toBe(stringWidth(s));
    }));
  });

  it('takes the short way only for characters that stand alone, and then agrees with string-width', () => {
    const segments = new Intl.Segmenter();
    const clusters = (s: string) => [...segments.segment(s)].length;
    let checked = 0;
    for (const [from, to] of STANDALONE) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        expect(standaloneWidth(ch), ch).toBe(stringWidth(ch));
        // Its own grapheme cluster beside ASCII, a Hangul syllable and itself (combining
        // marks, prepended marks, jamo and regional indicators would join one of these).
        for (const other of ['a', '가', ch]) {
          expect(clusters(other + ch), `${other}${ch}`).toBe(2);
          expect(clusters(ch + other), `${ch}${other}`).toBe(2);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(13_000);
    // Anything else is left to string-width.
    for (const s of ['e\u0301', '\u00ad', '\u1100\u1161', '👍', '❤\ufe0f', '1\u20e3', 'a\tb', '\u202e', '\u3164']) expect(standaloneWidth(s), s).toBe(-1);
    expect(standaloneWidth('\u001B[1m전송 계층 ─ ↑↓ ❯ ·\u001B[22m')).toBe(stringWidth('\u001B[1m전송 계층 ─ ↑↓ ❯ ·\u001B[22m'));
  });

  it('passes options through unremembered', () => {
    expect(memoStringWidth('\u001B[1mab\u001B[22m', { countAnsiEscapeCodes: true })).toBe(stringWidth('\u001B[1mab\u001B[22m', { countAnsiEscapeCodes: true }));
    expect(memoStringWidth('±', { ambiguousIsNarrow: false })).toBe(2);
  });

  it('stays bounded', () => {
    for (let i = 0; i < MEMO_LIMIT * 2 + 10; i++) memoStringWidth(`line ${i} ─`);
    expect(memoSize()).toBeLessThanOrEqual(MEMO_LIMIT);
  });
});
