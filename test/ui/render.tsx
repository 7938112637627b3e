// The one way UI tests render: Ink with a fake terminal of a chosen size, keystrokes that
// wait for React to flush, and frames read as text. Modeled on ink-testing-library, which
// cannot set the terminal's size.
import { EventEmitter } from 'node:events';
import { render as inkRender, type Instance } from 'ink';
import type { ReactElement } from 'react';

/** Removes CSI sequences (colours, styles, cursor moves) and OSC strings. */
export function stripAnsi(s: string): string {
  return s.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001B\][^\u0007\u001B]*(\u0007|\u001B\\)/g, '');
}

/** A terminal's output of a chosen size that keeps every frame written to it. */
export class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(public columns: number, public rows: number) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

/** A terminal's keyboard: `write` types. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export const KEY = {
  right: '\u001B[C',
  left: '\u001B[D',
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  space: ' ',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
} as const;

/** Lets Ink parse input (it defers a lone Esc by one setImmediate) and React commit. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}

export interface Rendered {
  /** The last frame with colour codes. */
  readonly raw: () => string;
  /** The last frame as a person reads it. */
  readonly text: () => string;
  readonly lines: () => string[];
  /** Types each key in turn, letting React flush after each one. */
  readonly press: (...keys: string[]) => Promise<void>;
  readonly resize: (columns: number, rows: number) => Promise<void>;
  readonly rerender: (tree: ReactElement) => Promise<void>;
  readonly unmount: () => void;
  readonly frames: string[];
}

export interface RenderOptions {
  readonly columns?: number;
  readonly rows?: number;
}

const mounted: Instance[] = [];

export async function renderInk(tree: ReactElement, opts: RenderOptions = {}): Promise<Rendered> {
  const stdout = new FakeStdout(opts.columns ?? 80, opts.rows ?? 24);
  const stderr = new FakeStdout(opts.columns ?? 80, opts.rows ?? 24);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  mounted.push(instance);
  await settle();
  const raw = () => stdout.frames[stdout.frames.length - 1] ?? '';
  return {
    raw,
    text: () => stripAnsi(raw()),
    lines: () => stripAnsi(raw()).split('\n'),
    press: async (...keys: string[]) => {
      for (const k of keys) {
        stdin.write(k);
        await settle();
      }
    },
    resize: async (columns: number, rows: number) => {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await settle();
    },
    rerender: async (t: ReactElement) => {
      instance.rerender(t);
      await settle();
    },
    unmount: () => instance.unmount(),
    frames: stdout.frames,
  };
}

/** Unmounts everything rendered so far; call from afterEach. */
export function cleanupInk(): void {
  while (mounted.length) {
    const i = mounted.pop()!;
    i.unmount();
    i.cleanup();
  }
}
