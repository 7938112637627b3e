import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fit, fitStart, truncate, widthOf, wrap } from '../../source/ui/text-width.js';

const alphabet = fc.constantFrom(...'ab Z09·─│┌▶✓✗→↳한국어전송계층세그먼트패킷'.split(''), '한', ' ');

describe('display width', () => {
  it('counts Hangul as two columns and box drawing as one, as Ink does', () => {
    expect(widthOf('전송 계층')).toBe(9);
    expect(widthOf('├─ Link ─┤')).toBe(10);
    expect(widthOf('')).toBe(0);
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (s) => {
      expect(widthOf(s)).toBe(stringWidth(s));
    }));
  });

  it('cuts and pads to exactly the columns asked for, never splitting a wide character', () => {
    expect(truncate('전송 계층 · 세그먼트', 8)).toBe('전송 계…');
    expect(widthOf(fit('전송 계층', 12))).toBe(12);
    expect(fitStart('LISTEN', 10)).toBe('    LISTEN');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), fc.integer({ min: 1, max: 30 }), (s, w) => {
      expect(widthOf(fit(s, w))).toBe(w);
      expect(widthOf(truncate(s, w))).toBeLessThanOrEqual(w);
    }));
  });

  it('wraps Korean and English by words within the width', () => {
    const lines = wrap('SYN은 시퀀스 번호 하나를 차지하므로, 서버가 다음에 기대하는 번호는 클라이언트 ISN + 1입니다.', 24);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => widthOf(l) <= 24)).toBe(true);
    expect(lines.join(' ')).toBe('SYN은 시퀀스 번호 하나를 차지하므로, 서버가 다음에 기대하는 번호는 클라이언트 ISN + 1입니다.');
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
