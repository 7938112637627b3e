// Capture text shown to a learner: nothing that is not printable ASCII reaches the
// terminal, and the escapes can be read back to the very bytes (RFC 1035 §5.1's \DDD and \c).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeBytes } from '../../source/wire/escape.js';

/** Reads RFC 1035 master-file escapes back into bytes: the outside definition, not our writer. */
function unescape(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') out.push(s.charCodeAt(i));
    else if (/^\d{3}$/.test(s.slice(i + 1, i + 4))) {
      out.push(Number(s.slice(i + 1, i + 4)));
      i += 3;
    } else out.push(s.charCodeAt(++i));
  }
  return out;
}

describe('escapeBytes', () => {
  it('hand-checked: ESC is \\027, BEL \\007, DEL \\127, 0xff \\255, a backslash \\\\; a space stays unless told', () => {
    const b = Uint8Array.from([0x47, 0x20, 0x1b, 0x5b, 0x07, 0x7f, 0xff, 0x5c, 0x2e]);
    expect(escapeBytes(b)).toBe('G \\027[\\007\\127\\255\\\\.');
    expect(escapeBytes(b, 0, b.length, { space: false, quoted: [0x2e] })).toBe('G\\032\\027[\\007\\127\\255\\\\\\.');
    expect(escapeBytes(b, 2, 4)).toBe('\\027[');
  });

  it('any bytes: the text is printable ASCII only and reads back to the bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, space) => {
      const s = escapeBytes(bytes, 0, bytes.length, { space });
      expect(s).toMatch(/^[\x20-\x7e]*$/);
      if (!space) expect(s).not.toContain(' ');
      expect(unescape(s)).toEqual([...bytes]);
    }));
  });
});
