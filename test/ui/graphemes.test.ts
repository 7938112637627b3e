import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allStandAlone, graphemes, STANDALONE } from '../../source/ui/graphemes.js';

// The outside judge: ICU's grapheme segmenter, as Node ships it.
const icu = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clusters = (s: string) => [...icu.segment(s)].map(({ segment, index }) => [segment, index]);
const ours = (s: string) => [...graphemes.segment(s)].map(({ segment, index }) => [segment, index]);

const standalone: string[] = [];
const anyStandalone = () => fc.nat(0xffff).map((n) => standalone[n % standalone.length]!);
for (let c = 0; c < 0x80; c++) if (c !== 0x0d) standalone.push(String.fromCharCode(c));
for (const [from, to] of STANDALONE) for (let c = from; c <= to; c++) standalone.push(String.fromCharCode(c));

describe('grapheme clusters without ICU for the usual text', () => {
  it('cuts any mix of the stand-alone characters where ICU does', () => {
    // Every stand-alone character, beside neighbours in several shuffled orders.
    let seed = 20261203;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let round = 0; round < 8; round++) {
      const order = standalone.slice();
      for (let i = order.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      // In pieces that overlap by one character, so that every neighbouring pair is tried
      // (ICU takes quadratic time over one long string).
      for (let at = 0; at < order.length - 1; at += 99) {
        const text = order.slice(at, at + 100).join('');
        expect(allStandAlone(text)).toBe(true);
        expect(clusters(text).length, `order ${round}: ${JSON.stringify(text)}`).toBe(text.length);
      }
    }
    fc.assert(fc.property(fc.array(anyStandalone(), { maxLength: 40 }).map((a) => a.join('')), (s) => {
      expect(ours(s)).toEqual(clusters(s));
    }));
  });

  it('hands anything else to ICU, with the same answers', () => {
    const other = fc.constantFrom('e\u0301', '\r\n', '\r', '\u00ad', '\u1100\u1161\u11a8', '가\u11a8', '👍🏽', '👨\u200d👩', '❤\ufe0f', '1\u20e3', '🇰🇷', '\u202e', '\u3164', '\u0915\u094d\u0937');
    const text = fc.array(fc.oneof(anyStandalone(), other), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (s) => {
      expect(ours(s)).toEqual(clusters(s));
      const segs = graphemes.segment(s);
      for (let i = 0; i < s.length; i++) {
        const a = segs.containing(i);
        const b = icu.segment(s).containing(i);
        expect([a?.segment, a?.index]).toEqual([b?.segment, b?.index]);
      }
      expect(segs.containing(s.length)).toBeUndefined();
    }));
    for (const s of ['e\u0301', 'a\r\nb', '가\u11a8', '👍🏽', '\u202e']) expect(allStandAlone(s), s).toBe(false);
  });

  it('lets Ink\'s menu lines through without ICU', () => {
    for (const line of ['\u001B[2m 23 lessons · 0 done\u001B[22m', '\u001B[1m\u001B[33m❯ \u001B[39m\u001B[22m', 'Language: English (Enter or l: 한국어로)', '│ ┌─ ↑↓ choose …']) {
      expect(allStandAlone(line), line).toBe(true);
    }
  });
});
