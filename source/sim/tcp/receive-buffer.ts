// The receive side's memory: bytes that arrived in order and wait for the application,
// and out-of-order bytes held until the gap before them fills (RFC 9293 §3.10.7.4 seventh:
// "segments with higher beginning sequence numbers ... may be held for later processing").
// Positions are offsets from RCV.NXT, which the connection owns; this module never sees a
// sequence number, so no wraparound arithmetic happens here.
import { ByteQueue } from './byte-queue.js';

interface HeldPiece {
  /** Bytes after RCV.NXT where this piece starts; always > 0 (else it would be readable). */
  readonly offset: number;
  readonly data: Uint8Array;
}

export interface Placement {
  /** Bytes that became readable in order: RCV.NXT moves forward by exactly this much. */
  readonly delivered: number;
  /** True when the segment joined data that was waiting behind a gap (RFC 5681 §4.2). */
  readonly filledGap: boolean;
}

export class ReceiveBuffer {
  private readonly readable = new ByteQueue();
  /** Sorted by offset; no two pieces overlap or touch (touching pieces are merged). */
  private held: HeldPiece[] = [];

  /** In-order bytes the application has not read yet. */
  get unread(): number {
    return this.readable.length;
  }

  /** Bytes held after a gap. */
  get outOfOrder(): number {
    let n = 0;
    for (const p of this.held) n += p.data.length;
    return n;
  }

  /**
   * Places `data` that starts `offset` bytes after RCV.NXT (negative when it begins with
   * bytes already received), keeping only what lies inside the window [0, window).
   */
  place(offset: number, data: Uint8Array, window: number): Placement {
    const from = Math.max(offset, 0);
    const to = Math.min(offset + data.length, window);
    if (to <= from) return { delivered: 0, filledGap: false };
    const wasHolding = this.held.length > 0;
    this.hold(from, data.slice(from - offset, to - offset));
    const first = this.held[0];
    if (!first || first.offset !== 0) return { delivered: 0, filledGap: false };
    this.held.shift();
    this.readable.push(first.data);
    const delivered = first.data.length;
    this.held = this.held.map((p) => ({ offset: p.offset - delivered, data: p.data }));
    return { delivered, filledGap: wasHolding };
  }

  /** Whether anything is held after a gap. */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /** What is held after gaps, as offsets from RCV.NXT: the blocks a SACK reports (RFC 2018). */
  heldRanges(): readonly { readonly offset: number; readonly length: number }[] {
    return this.held.map((p) => ({ offset: p.offset, length: p.data.length }));
  }

  /** RFC 9293 §3.10.3: up to `max` bytes, in order. */
  read(max: number): Uint8Array {
    return this.readable.take(Math.min(max, this.readable.length));
  }

  clear(): void {
    this.readable.clear();
    this.held = [];
  }

  /** Adds [from, from + piece.length), merging with every piece it overlaps or touches. */
  private hold(from: number, piece: Uint8Array): void {
    const to = from + piece.length;
    const apart: HeldPiece[] = [];
    const joined: HeldPiece[] = [];
    for (const p of this.held) {
      const separate = p.offset + p.data.length < from || p.offset > to;
      (separate ? apart : joined).push(p);
    }
    let start = from;
    let end = to;
    for (const p of joined) {
      start = Math.min(start, p.offset);
      end = Math.max(end, p.offset + p.data.length);
    }
    const merged = new Uint8Array(end - start);
    merged.set(piece, from - start);
    // Bytes already held win over a retransmitted copy; in this simulation they are equal.
    for (const p of joined) merged.set(p.data, p.offset - start);
    apart.push({ offset: start, data: merged });
    this.held = apart.sort((a, b) => a.offset - b.offset);
  }
}
