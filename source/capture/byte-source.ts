import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { WireError } from '../wire/errors.js';

/**
 * Where capture bytes come from. Readers pull bytes through a ByteReader, which keeps a
 * bounded window of the source in memory, so a capture of any size can be read.
 */
export interface ByteSource {
  /**
   * Copies up to `into.length` bytes, starting at byte `position` of the source, into
   * `into` and returns how many were copied; 0 means the source has ended. May throw on an
   * I/O failure; ByteReader turns that into a value.
   */
  read(into: Uint8Array, position: number): number;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    read(into, position) {
      if (position >= bytes.length) return 0;
      const chunk = bytes.subarray(position, Math.min(bytes.length, position + into.length));
      into.set(chunk);
      return chunk.length;
    },
  };
}

/** A file read with positional reads, or a pipe read in order; the caller closes it. */
export interface FileSource extends ByteSource {
  close(): void;
}

export type OpenedFile =
  | { readonly ok: true; readonly source: FileSource }
  | { readonly ok: false; readonly message: string };

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * A source that can only be read in order (a pipe, a FIFO, a terminal, `/dev/stdin`):
 * positional reads fail there with ESPIPE. ByteReader asks for bytes in order, so each
 * `position` is where the last read ended; a position further on skips, one before fails.
 */
export function streamSource(fd: number): ByteSource {
  let at = 0;
  const readOnce = (into: Uint8Array): number => {
    for (;;) {
      try {
        return readSync(fd, into, 0, into.length, null);
      } catch (e) {
        // A descriptor someone left non-blocking: wait for bytes as a blocking read would.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(pause, 0, 0, 5);
      }
    }
  };
  return {
    read(into, position) {
      if (position < at) throw new Error(`cannot go back to byte ${position} in a stream already read to byte ${at}`);
      const skip = new Uint8Array(Math.min(DEFAULT_READ_AHEAD, Math.max(1, position - at)));
      while (at < position) {
        const n = readOnce(skip.subarray(0, Math.min(skip.length, position - at)));
        if (n === 0) return 0;
        at += n;
      }
      const n = readOnce(into);
      at += n;
      return n;
    },
  };
}

/** `-` is standard input. */
export function openFileSource(path: string): OpenedFile {
  let fd: number;
  const stdin = path === '-' || path === '/dev/stdin';
  try {
    // /dev/stdin opens standard input afresh, in blocking mode even when Node made fd 0
    // non-blocking. Where it cannot be opened (Windows; a socket, ENXIO) fd 0 itself is read.
    fd = path === '-' && process.platform === 'win32' ? 0 : openSync(path === '-' ? '/dev/stdin' : path, 'r');
  } catch (e) {
    if (stdin && (e as NodeJS.ErrnoException).code === 'ENXIO') fd = 0;
    else return { ok: false, message: `cannot open ${path}: ${describeError(e)}` };
  }
  let seekable = true;
  try {
    const st = fstatSync(fd);
    seekable = st.isFile() || st.isBlockDevice();
  } catch {
    // fstat failing is rare; the positional read will say what is wrong
  }
  let closed = fd === 0;
  const inOrder = seekable ? null : streamSource(fd);
  return {
    ok: true,
    source: {
      read: inOrder ? inOrder.read : (into, position) => readSync(fd, into, 0, into.length, position),
      close() {
        if (closed) return;
        closed = true;
        closeSync(fd);
      },
    },
  };
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return 'code' in e && typeof e.code === 'string' ? `${e.code} (${e.message})` : e.message;
  return String(e);
}

/** How much a ByteReader asks its source for at a time, unless a bigger window is needed. */
export const DEFAULT_READ_AHEAD = 64 * 1024;

/**
 * A cursor over a ByteSource. It keeps one buffer that holds the bytes from the cursor
 * onwards; the buffer grows only to the largest window a caller ensures, and the capture
 * readers bound that window (a record or block size limit), so memory stays bounded.
 */
export class ByteReader {
  private buf: Uint8Array;
  /** File position of buf[0]. */
  private bufPos = 0;
  /** The cursor, as an index into buf. */
  private start = 0;
  /** buf[start, end) holds valid bytes. */
  private end = 0;
  private ended = false;
  private failure: string | null = null;

  constructor(
    private readonly source: ByteSource,
    readAhead = DEFAULT_READ_AHEAD,
  ) {
    this.buf = new Uint8Array(Number.isSafeInteger(readAhead) && readAhead > 0 ? readAhead : DEFAULT_READ_AHEAD);
  }

  /** File offset of the cursor. */
  get position(): number {
    return this.bufPos + this.start;
  }

  /** The message of an I/O failure that ended the source early, or null. */
  get ioError(): string | null {
    return this.failure;
  }

  /** Size of the buffer: the read-ahead, or the largest window ensured so far. */
  get capacity(): number {
    return this.buf.length;
  }

  /** Bytes known to be available at the cursor without reading further. */
  get buffered(): number {
    return this.end - this.start;
  }

  /**
   * Makes `n` bytes at the cursor available to `view`. Returns false when the source ends
   * (or fails) first; `buffered` then says how many bytes were left.
   */
  ensure(n: number): boolean {
    if (this.end - this.start >= n) return true;
    if (this.ended) return false;
    this.compact();
    while (this.end < n) {
      // Grow by doubling as bytes arrive, not to `n` at once: a cut-off file that claims
      // a 16 MiB block then costs only what it holds.
      if (this.end === this.buf.length) this.grow(Math.min(n, this.buf.length * 2));
      let got: number;
      try {
        got = this.source.read(this.buf.subarray(this.end), this.bufPos + this.end);
      } catch (e) {
        this.failure = describeError(e);
        got = 0;
      }
      if (got <= 0) {
        this.ended = true;
        return false;
      }
      this.end += got;
    }
    return true;
  }

  /** The next `n` bytes, which `ensure(n)` made available. Valid until the next `ensure`. */
  view(n: number): Uint8Array {
    if (this.end - this.start < n) throw new RangeError(`ByteReader.view(${n}) without ensure`);
    return this.buf.subarray(this.start, this.start + n);
  }

  /**
   * The error for a structure of `need` bytes at the cursor that the file does not hold:
   * cut off (the usual case: a capture copied while still being written) or unreadable.
   */
  endedEarly(protocol: string, what: string, need: number): WireError {
    const at = this.position;
    const endsAt = at + this.buffered;
    const message = this.failure
      ? `${what} could not be read past byte ${endsAt}: ${this.failure}`
      : `${what} needs ${need} bytes, but the file ends at byte ${endsAt}: it was cut off`;
    return { protocol, offset: at, message };
  }

  advance(n: number): void {
    if (this.end - this.start < n) throw new RangeError(`ByteReader.advance(${n}) past the buffered bytes`);
    this.start += n;
  }

  /** Moves the unread bytes to the front of the buffer. */
  private compact(): void {
    if (this.start === 0) return;
    this.buf.copyWithin(0, this.start, this.end);
    this.bufPos += this.start;
    this.end -= this.start;
    this.start = 0;
  }

  private grow(capacity: number): void {
    const bigger = new Uint8Array(capacity);
    bigger.set(this.buf.subarray(0, this.end));
    this.buf = bigger;
  }
}
