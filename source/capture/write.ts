import type { CapturePacket, CaptureWriteOptions } from './packet.js';
import { DEFAULT_SNAPLEN, MAX_PCAP_RECORD_LEN } from './pcap-format.js';
import { encodePcapFileHeader, encodePcapRecord } from './pcap-write.js';
import { encodeEnhancedPacketBlock, encodePcapngHeader } from './pcapng-write.js';

/**
 * Writes a capture piece by piece: `header` once, then one chunk per packet, so an export
 * of any size can go straight to a file without one big buffer.
 *
 * The packets come from our own simulator, so bad input is a bug: it throws RangeError,
 * as the wire encoders do. Reading untrusted files is where errors are values (read.ts).
 */
export interface CaptureWriter {
  /** The pcap file header, or the pcapng Section Header and Interface Description Blocks. */
  readonly header: Uint8Array;
  /** One pcap record or one pcapng Enhanced Packet Block. */
  encodePacket(packet: CapturePacket): Uint8Array;
}

const MAX_U32 = 0xffffffff;

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, not ${value}`);
  }
}

export function createCaptureWriter(options: CaptureWriteOptions): CaptureWriter {
  const { format, linkType, fcsLen } = options;
  const snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
  const nanosecond = options.nanosecond ?? false;
  const littleEndian = (options.byteOrder ?? 'little') === 'little';
  if (format !== 'pcap' && format !== 'pcapng') throw new RangeError(`unknown capture format ${String(format)}`);
  checkInteger('linkType', linkType, 0, 0xffff);
  if (fcsLen !== 0 && fcsLen !== 4) throw new RangeError(`fcsLen must be 0 or 4, not ${String(fcsLen)}`);
  // Capped at what our reader (and Wireshark) accept in one record, so every file we
  // write can be read back.
  checkInteger('snaplen', snaplen, 1, MAX_PCAP_RECORD_LEN);

  const header = { linkType, fcsLen, snaplen, nanosecond, littleEndian };
  const encodeRecord = format === 'pcap' ? encodePcapRecord : encodeEnhancedPacketBlock;
  return {
    header: format === 'pcap' ? encodePcapFileHeader(header) : encodePcapngHeader(header),
    encodePacket(packet) {
      const { tsSec, tsNsec, data } = packet;
      const origLen = packet.origLen ?? data.length;
      checkInteger('tsSec', tsSec, 0, MAX_U32);
      checkInteger('tsNsec', tsNsec, 0, 999_999_999);
      checkInteger('origLen', origLen, data.length, MAX_U32);
      // A frame longer than the snaplen is cut, exactly as a real capture would cut it.
      const kept = data.length > snaplen ? data.subarray(0, snaplen) : data;
      return encodeRecord({ tsSec, tsNsec, data: kept, origLen }, header);
    },
  };
}

/** The whole capture in one buffer, for small exports and tests. */
export function writeCapture(packets: Iterable<CapturePacket>, options: CaptureWriteOptions): Uint8Array {
  const writer = createCaptureWriter(options);
  const chunks = [writer.header];
  let total = writer.header.length;
  for (const p of packets) {
    const chunk = writer.encodePacket(p);
    chunks.push(chunk);
    total += chunk.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
