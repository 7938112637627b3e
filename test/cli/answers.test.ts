// Answer lines cut from a stream however it is chunked: a line within the limit is read as
// written (a CRLF end is a line end), a longer one is one TOO_LONG, and input that ends
// without a newline still gives its last line.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stdinAnswers } from '../../source/cli/answers.js';
import { TOO_LONG, type AnswerLine } from '../../source/cli/io.js';

async function readAll(chunks: (string | Buffer)[], max: number): Promise<AnswerLine[]> {
  const src = stdinAnswers(Readable.from(chunks), max);
  const out: AnswerLine[] = [];
  for (let l = await src.next(); l !== null; l = await src.next()) out.push(l);
  return out;
}

/** Cuts `bytes` at the given points (bytes, so a Korean character may be split in two). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) parts.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return parts;
}

describe('stdinAnswers', () => {
  it('hand-picked lines: CRLF, a blank line, one over the limit, a last line with no newline', async () => {
    expect(await readAll(['ab\r\n\nabcdefghi\n12345678\nq'], 8)).toEqual(['ab', '', TOO_LONG, '12345678', 'q']);
  });

  it('any chunking of any lines gives the lines, each too long one as TOO_LONG', async () => {
    const lineArb = fc.array(fc.constantFrom('a', '7', ' ', '가', '\r'), { maxLength: 14 }).map((cs) => cs.join(''));
    await fc.assert(fc.asyncProperty(fc.array(lineArb, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), async (lines, points) => {
      const max = 6;
      const text = lines.map((l) => `${l}\n`).join('');
      const expected = lines.map((l) => {
        const body = l.endsWith('\r') ? l.slice(0, -1) : l;
        return body.length > max ? TOO_LONG : body;
      });
      expect(await readAll(cut(Buffer.from(text), points), max)).toEqual(expected);
    }), { numRuns: 300 });
  });
});
