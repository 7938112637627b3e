// Which TCP options a connection offers, what the peer's SYN offered, and the bytes the
// options take. Option lists are laid out as Linux's tcp_options_write lays them out, so
// that a simulated SYN reads like a captured one ("mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7").
import type { TcpOption } from '../../wire/tcp.js';

/** RFC 9293 §3.7.1: without an MSS option, assume 536 (the IPv4 default). */
export const DEFAULT_SEND_MSS = 536;
/** RFC 7323 §2.3: a shift above 14 is treated as 14. */
export const MAX_WINDOW_SHIFT = 14;
/** The 16-bit window field; also the largest window without scaling (RFC 7323 §2.2). */
export const MAX_WINDOW_FIELD = 0xffff;
/** NOP, NOP, timestamps: what every segment carries once timestamps are on (RFC 7323 App. A). */
export const TIMESTAMPS_SPACE = 12;

/** What a SYN or SYN-ACK offered. */
export interface SynOffer {
  readonly mss: number | null;
  readonly windowShift: number | null;
  readonly sackPermitted: boolean;
  readonly timestamps: { readonly tsval: number; readonly tsecr: number } | null;
}

export function readSynOffer(options: readonly TcpOption[]): SynOffer {
  let mss: number | null = null;
  let windowShift: number | null = null;
  let sackPermitted = false;
  let timestamps: SynOffer['timestamps'] = null;
  for (const o of options) {
    switch (o.kind) {
      case 'mss':
        mss = o.value;
        break;
      case 'wscale':
        windowShift = Math.min(o.shift, MAX_WINDOW_SHIFT);
        break;
      case 'sackPermitted':
        sackPermitted = true;
        break;
      case 'timestamps':
        timestamps = { tsval: o.tsval, tsecr: o.tsecr };
        break;
      default:
        break;
    }
  }
  return { mss, windowShift, sackPermitted, timestamps };
}

/** The timestamps option of a segment, if it has one. */
export function readTimestamps(options: readonly TcpOption[]): { readonly tsval: number; readonly tsecr: number } | null {
  for (const o of options) if (o.kind === 'timestamps') return { tsval: o.tsval, tsecr: o.tsecr };
  return null;
}

/** Options for a SYN or SYN-ACK, in Linux's order. */
export function synOptions(offer: SynOffer): TcpOption[] {
  const out: TcpOption[] = [];
  if (offer.mss !== null) out.push({ kind: 'mss', value: offer.mss });
  if (offer.timestamps !== null) {
    // SACK-permitted fills the two bytes NOP NOP would otherwise pad.
    if (offer.sackPermitted) out.push({ kind: 'sackPermitted' });
    else out.push({ kind: 'nop' }, { kind: 'nop' });
    out.push({ kind: 'timestamps', ...offer.timestamps });
  } else if (offer.sackPermitted) {
    out.push({ kind: 'nop' }, { kind: 'nop' }, { kind: 'sackPermitted' });
  }
  if (offer.windowShift !== null) out.push({ kind: 'nop' }, { kind: 'wscale', shift: offer.windowShift });
  return out;
}

/** Options for any segment after the SYN: only timestamps, when negotiated. */
export function timestampOptions(tsval: number, tsecr: number): TcpOption[] {
  return [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval, tsecr }];
}
