// What every command shares: the streams and environment it may touch, exit codes, whether
// a person sits at a terminal, and the shape of plain-mode answers (read by answers.ts,
// loaded only by the commands that ask). Commands import this, and each other never.
import type { Invocation } from './args.js';

/** What the CLI may touch; tests pass their own. */
export interface CliIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  /** Where quiz answers come from in plain and JSON modes. */
  readonly stdin?: NodeJS.ReadableStream;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The TUI needs a terminal at both ends: keys in, frames out. */
export function isTerminal(io: CliIo): boolean {
  const tty = (s: unknown) => Boolean(s && (s as { isTTY?: boolean }).isTTY);
  return tty(io.stdin) && tty(io.stdout);
}

/**
 * Whether `play` (or `replay`) should open the TUI rather than the plain or JSON mode.
 * `--report` keeps the plain mode, whose report times every answer.
 */
export function wantsTui(inv: Invocation, io: CliIo): boolean {
  return !inv.plain && inv.options.json !== true && inv.options.report === undefined && isTerminal(io);
}

/** A line longer than the answer limit: it was read and thrown away, never held whole. */
export const TOO_LONG: unique symbol = Symbol('answer line too long');

export type AnswerLine = string | typeof TOO_LONG;

/** Lines of standard input, one answer each; null once input has ended. */
export interface AnswerSource {
  next(): Promise<AnswerLine | null>;
}
