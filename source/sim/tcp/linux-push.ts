// Where Linux sets PSH. RFC 9293 §3.9.1 leaves it to the sender ("a sending TCP is allowed
// to collapse buffered data"); Linux marks the last segment of what was written (tcp_push),
// and, within a long write, one segment each time half the largest window the peer ever
// offered has been written since the last mark (tcp.c forced_push, tcp_mark_push): a
// receiver that waits for PSH before waking its reader is then woken at least twice per
// window. We cut segments when they are sent, not when written, so the mark goes on the
// segment whose end passes the line.
import { seqAdd, seqGt, type Seq } from '../../wire/seq.js';

export class LinuxPush {
  /** tp->pushed_seq: the end of the last segment marked. */
  private pushed: Seq;
  /** tp->max_window: the largest window the peer has offered, in bytes. */
  private maxWindow = 0;

  constructor(start: Seq) {
    this.pushed = start;
  }

  peerWindow(bytes: number): void {
    if (bytes > this.maxWindow) this.maxWindow = bytes;
  }

  /** Whether a segment of new data ending at `end` is marked PSH by forced_push; if so it becomes the new mark. */
  forced(end: Seq): boolean {
    if (!seqGt(end, seqAdd(this.pushed, Math.floor(this.maxWindow / 2)))) return false;
    this.pushed = end;
    return true;
  }

  /** A segment marked PSH for another reason (it ends what was written) moves the mark too. */
  marked(end: Seq): void {
    this.pushed = end;
  }
}
