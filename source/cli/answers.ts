// Quiz answers read from standard input, one per line, for the plain, JSON and drill
// modes. Lines are cut from the stream as it arrives, and a line longer than
// MAX_ANSWER_CHARS is thrown away as it streams (only its first characters are ever held),
// so a 50 MB line costs no more memory than a short one. Reading pauses while nobody
// waits for an answer: a run that ends early leaves the rest of the input unread.
import { StringDecoder } from 'node:string_decoder';
import { grade, MAX_ANSWER_CHARS, type Checkpoint, type Verdict } from '../quiz/checkpoint.js';
import { TOO_LONG, type AnswerLine, type AnswerSource } from './io.js';

export function stdinAnswers(input: NodeJS.ReadableStream, max = MAX_ANSWER_CHARS): AnswerSource {
  const decoder = new StringDecoder('utf8');
  const ready: AnswerLine[] = [];
  let line = '';
  let over = false;
  let ended = false;
  let wake: (() => void) | null = null;
  let listening = false;

  const take = (text: string) => {
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const part = text.slice(from, nl < 0 ? text.length : nl);
      if (!over) {
        line += part;
        if (line.length > max + 1) {
          // +1: the \r of a CRLF line end may still be on it.
          over = true;
          line = '';
        }
      }
      if (nl < 0) return;
      const done = line.endsWith('\r') ? line.slice(0, -1) : line;
      ready.push(over || done.length > max ? TOO_LONG : done);
      line = '';
      over = false;
      from = nl + 1;
    }
  };
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const listen = () => {
    listening = true;
    input.on('data', (chunk: Buffer | string) => {
      take(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      if (ready.length > 0) {
        input.pause();
        notify();
      }
    });
    const finish = () => {
      if (ended) return;
      take(decoder.end());
      if (line !== '' || over) ready.push(over || line.length > max ? TOO_LONG : line);
      line = '';
      ended = true;
      notify();
    };
    input.on('end', finish);
    input.on('close', finish);
    input.on('error', finish);
  };

  return {
    async next() {
      for (;;) {
        if (ready.length > 0) return ready.shift()!;
        if (ended) return null;
        if (!listening) listen();
        await new Promise<void>((resolve) => {
          wake = resolve;
          input.resume();
        });
      }
    },
  };
}

/** Grades a line as read: one that was too long is never graded, only asked again. */
export function gradeLine(q: Checkpoint, line: AnswerLine): Verdict {
  return line === TOO_LONG ? { graded: false, problem: 'tooLong' } : grade(q, line);
}
