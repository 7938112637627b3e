/** A FIFO of bytes: written at the tail, read and consumed from the head. */
export class ByteQueue {
  private buf = new Uint8Array(0);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  push(data: Uint8Array): void {
    if (data.length === 0) return;
    if (this.end + data.length > this.buf.length) this.makeRoom(data.length);
    this.buf.set(data, this.end);
    this.end += data.length;
  }

  /** A copy of `length` bytes starting `offset` bytes after the head. */
  peek(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.length) {
      throw new RangeError(`bytes ${offset}..${offset + length} are outside a queue of ${this.length}`);
    }
    return this.buf.slice(this.start + offset, this.start + offset + length);
  }

  drop(n: number): void {
    if (n < 0 || n > this.length) throw new RangeError(`cannot drop ${n} of ${this.length} bytes`);
    this.start += n;
    if (this.start === this.end) this.start = this.end = 0;
  }

  take(n: number): Uint8Array {
    const out = this.peek(0, n);
    this.drop(n);
    return out;
  }

  clear(): void {
    this.start = this.end = 0;
  }

  private makeRoom(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buf.length) {
      this.buf.copyWithin(0, this.start, this.end);
    } else {
      const bigger = new Uint8Array(Math.max(needed, this.buf.length * 2));
      bigger.set(this.buf.subarray(this.start, this.end));
      this.buf = bigger;
    }
    this.end = this.length;
    this.start = 0;
  }
}
