// Quiz answers read from standard input, one per line, for the plain and JSON modes.
import { createInterface } from 'node:readline';
import type { AnswerSource } from './io.js';

export function stdinAnswers(input: NodeJS.ReadableStream): AnswerSource {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  let ended = false;
  return {
    async next() {
      if (ended) return null;
      const r = await lines.next();
      if (r.done) {
        ended = true;
        return null;
      }
      return r.value;
    },
  };
}
