import type { WireError } from '../wire/errors.js';
import { ByteReader, memorySource, openFileSource, describeError, type ByteSource } from './byte-source.js';
import type { CaptureFormat, CaptureItem } from './packet.js';
import { isPcapMagic, readPcap } from './pcap-read.js';
import { isPcapngMagic, readPcapng } from './pcapng-read.js';

const PROTOCOL = 'capture';
const MAGIC_LEN = 4;
/** gzip's magic bytes (RFC 1952 §2.3.1): Wireshark opens such captures, we do not. */
const GZIP_MAGIC = 0x1f8b;

/** Which format four leading bytes announce, or null. */
export function sniffCaptureFormat(first: Uint8Array): CaptureFormat | null {
  if (first.length < MAGIC_LEN) return null;
  const word = new DataView(first.buffer, first.byteOffset, MAGIC_LEN).getUint32(0, false);
  if (isPcapngMagic(word)) return 'pcapng';
  if (isPcapMagic(word)) return 'pcap';
  return null;
}

function failure(offset: number, message: string): CaptureItem {
  return { ok: false, error: { protocol: PROTOCOL, offset, message } };
}

function notACapture(first: Uint8Array): WireError {
  const shown = Array.from(first, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const gzip = first.length >= 2 && ((first[0]! << 8) | first[1]!) === GZIP_MAGIC;
  const message = gzip
    ? 'the file is gzip-compressed; decompress it (gunzip) and try again'
    : `not a pcap or pcapng file: it begins with ${shown}`;
  return { protocol: PROTOCOL, offset: 0, message };
}

/**
 * Reads a pcap or pcapng capture, whichever the first bytes say, packet by packet. Only a
 * bounded window of the source is held in memory. Nothing escapes as an exception: a
 * problem ends the sequence with one error item that names its byte offset.
 */
export function* readCapture(source: ByteSource, readAhead?: number): Generator<CaptureItem, void> {
  try {
    const reader = new ByteReader(source, readAhead);
    if (!reader.ensure(MAGIC_LEN)) {
      if (reader.ioError !== null) yield { ok: false, error: reader.endedEarly(PROTOCOL, 'the file', MAGIC_LEN) };
      else if (reader.buffered === 0) yield failure(0, 'the file is empty');
      else yield failure(0, `the file is only ${reader.buffered} bytes long, too short to be a capture`);
      return;
    }
    const first = reader.view(MAGIC_LEN);
    const format = sniffCaptureFormat(first);
    if (format === null) {
      yield { ok: false, error: notACapture(first) };
      return;
    }
    yield* format === 'pcap' ? readPcap(reader) : readPcapng(reader);
  } catch (e) {
    // Every check above is meant to make this unreachable; should a bug slip through, the
    // caller still gets a value, and the fuzz tests look for this wording.
    yield failure(0, `internal error while reading the capture: ${describeError(e)}`);
  }
}

export function readCaptureBytes(bytes: Uint8Array): Generator<CaptureItem, void> {
  return readCapture(memorySource(bytes));
}

/** Reads a capture file from disk, closing it when the sequence ends or is abandoned. */
export function* readCaptureFile(path: string, readAhead?: number): Generator<CaptureItem, void> {
  const opened = openFileSource(path);
  if (!opened.ok) {
    yield failure(0, opened.message);
    return;
  }
  try {
    yield* readCapture(opened.source, readAhead);
  } finally {
    try {
      opened.source.close();
    } catch {
      // Closing a file we only read cannot lose data; nothing to report.
    }
  }
}
