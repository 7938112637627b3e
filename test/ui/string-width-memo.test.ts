import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import memoStringWidth, { MEMO_LIMIT, memoSize } from '../../source/ui/string-width-memo.js';

const alphabet = fc.constantFrom(...'ab Z09·─│┌▶✓✗→↳한국어전송계층'.split(''), '\u001B[1m', '\u001B[22m', 'e\u0301', '👍🏽', '\u200d');

describe('the bundle\'s remembering string-width', () => {
  it('answers as string-width does, the first time and again', () => {
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (s) => {
      expect(memoStringWidth(s)).toBe(stringWidth(s));
      expect(memoStringWidth(s)).toBe(stringWidth(s));
    }));
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
