import type { WireError } from '../wire/errors.js';

/** A packet to write: a timestamp and the link-layer frame bytes. */
export interface CapturePacket {
  readonly tsSec: number;
  /** 0 to 999 999 999. Microsecond files keep the whole microseconds. */
  readonly tsNsec: number;
  readonly data: Uint8Array;
  /** The frame's length on the wire, when `data` holds only its start; default data.length. */
  readonly origLen?: number;
}

export type CaptureFormat = 'pcap' | 'pcapng';

export interface CaptureWriteOptions {
  readonly format: CaptureFormat;
  /** A LINKTYPE_ value (linklayer.ts), e.g. LINKTYPE_ETHERNET. */
  readonly linkType: number;
  /** Bytes of FCS at the end of every frame: our simulated Ethernet frames carry 4. */
  readonly fcsLen: 0 | 4;
  /** Frames longer than this are cut, as a capture would; default 262144. */
  readonly snaplen?: number;
  /** Nanosecond timestamps; default microseconds. */
  readonly nanosecond?: boolean;
  /** Byte order of the headers; default little-endian, as x86 and ARM hosts write. */
  readonly byteOrder?: 'little' | 'big';
}

/** A packet as read from a capture. */
export interface CapturedPacket {
  /** 1-based, as Wireshark numbers frames. */
  readonly index: number;
  /** File offset of the record or block that held this packet. */
  readonly fileOffset: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly capLen: number;
  readonly origLen: number;
  /** capLen bytes; owned by the caller. */
  readonly data: Uint8Array;
  readonly linkType: number;
  /**
   * How many bytes at the end of `data` are FCS: 0 when the file declares none or says
   * nothing. Fewer than the interface's FCS length when the snaplen cut into the FCS.
   */
  readonly fcsLen: number;
  /** The interface, numbered across all sections of a pcapng file; 0 for classic pcap. */
  readonly interfaceId: number;
  /** capLen < origLen: the capture kept only the first capLen bytes (a snaplen cut). */
  readonly cutBySnaplen: boolean;
}

/**
 * What a capture reader yields: packets, and at most one error, always last. Packets
 * before the error are good, so a cut-off file still shows what it holds.
 */
export type CaptureItem =
  | { readonly ok: true; readonly packet: CapturedPacket }
  | { readonly ok: false; readonly error: WireError };

/**
 * How many of an interface's `fcsLen` FCS bytes made it into a record: all of them unless
 * the snaplen cut into the end of the frame, where the FCS sits.
 */
export function fcsBytesInData(fcsLen: number, capLen: number, origLen: number): number {
  const missing = Math.max(0, origLen - capLen);
  return Math.min(capLen, Math.max(0, fcsLen - missing));
}
