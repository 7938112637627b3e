import { closeSync, openSync, readSync } from 'node:fs';
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

/** A file read with positional reads; the caller closes it. */
export interface FileSource extends ByteSource {
  close(): void;
}

export type OpenedFile =
  | { readonly ok: true; readonly source: FileSource }
  | { readonly ok: false; readonly message: string };

export function openFileSource(path: string): OpenedFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return { ok: false, message: `cannot open ${path}: ${describeError(e)}` };
  }
  let closed = false;
  return {
    ok: true,
    source: {
      read: (into, position) => readSync(fd, into, 0, into.length, position),
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
