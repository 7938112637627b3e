// Bytes from the wire as text that cannot steer a terminal. Printable ASCII shows as itself;
// every other byte (ESC and the other controls, DEL, bytes above 0x7f) as `\DDD` in decimal,
// and the backslash as `\\`, as RFC 1035 §5.1 writes DNS names and as inspect shows them.
// Every piece of capture text shown to a learner (DNS names, HTTP lines) goes through here.

const BACKSLASH = 0x5c;
const SPACE = 0x20;
const LAST_PRINTABLE = 0x7e;

export interface EscapeOptions {
  /** Whether a space shows as itself (an HTTP line) or as `\032` (a DNS label). Default true. */
  readonly space?: boolean;
  /** Printable bytes that mean something in the text around them, shown as `\c` (a DNS label's dot). */
  readonly quoted?: readonly number[];
}

export function escapeBytes(buf: Uint8Array, start = 0, end = buf.length, o: EscapeOptions = {}): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b === BACKSLASH || o.quoted?.includes(b)) s += `\\${String.fromCharCode(b)}`;
    else if ((b > SPACE && b <= LAST_PRINTABLE) || (b === SPACE && o.space !== false)) s += String.fromCharCode(b);
    else s += `\\${String(b).padStart(3, '0')}`;
  }
  return s;
}
