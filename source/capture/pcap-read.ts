import type { WireError } from '../wire/errors.js';
import type { ByteReader } from './byte-source.js';
import { fcsBytesInData, type CaptureItem } from './packet.js';
import {
  fcsLenOfLinkTypeField, FH_LINKTYPE, FH_MAGIC, FH_SNAPLEN, FH_VERSION_MAJOR, FH_VERSION_MINOR, FILE_HEADER_LEN,
  LT_LINKTYPE_MASK, LT_RESERVED1_MASK, MAX_PCAP_RECORD_LEN, PCAP_MAGIC_NSEC, PCAP_MAGIC_USEC, PCAP_VERSION_MAJOR,
  RECORD_HEADER_LEN, RH_CAPLEN, RH_ORIGLEN, RH_TS_FRAC, RH_TS_SEC,
} from './pcap-format.js';

const PROTOCOL = 'pcap';
const NSEC_PER_SEC = 1_000_000_000;

function byteSwap32(n: number): number {
  return (((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | (n >>> 24)) >>> 0;
}

/** The magics as they read big-endian; the swapped ones mean a little-endian writer. */
const MAGICS: ReadonlyMap<number, { littleEndian: boolean; nanosecond: boolean }> = new Map([
  [PCAP_MAGIC_USEC, { littleEndian: false, nanosecond: false }],
  [byteSwap32(PCAP_MAGIC_USEC), { littleEndian: true, nanosecond: false }],
  [PCAP_MAGIC_NSEC, { littleEndian: false, nanosecond: true }],
  [byteSwap32(PCAP_MAGIC_NSEC), { littleEndian: true, nanosecond: true }],
]);

/** Whether four bytes, read big-endian, are a classic pcap magic in either byte order. */
export function isPcapMagic(firstWord: number): boolean {
  return MAGICS.has(firstWord);
}

function fail(offset: number, message: string): CaptureItem {
  return { ok: false, error: { protocol: PROTOCOL, offset, message } };
}

function failWith(error: WireError): CaptureItem {
  return { ok: false, error };
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** Reads a classic pcap file from the reader's position (the start of the file). */
export function* readPcap(reader: ByteReader): Generator<CaptureItem, void> {
  if (!reader.ensure(FILE_HEADER_LEN)) {
    yield failWith(reader.endedEarly(PROTOCOL, 'the file header', FILE_HEADER_LEN));
    return;
  }
  const base = reader.position;
  const header = reader.view(FILE_HEADER_LEN);
  const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const magic = hv.getUint32(FH_MAGIC, false);
  const kind = MAGICS.get(magic);
  if (!kind) {
    yield fail(base + FH_MAGIC, `the magic number ${hex32(magic)} is not a pcap magic (a1b2c3d4 or a1b23c4d)`);
    return;
  }
  const le = kind.littleEndian;
  const major = hv.getUint16(FH_VERSION_MAJOR, le);
  if (major !== PCAP_VERSION_MAJOR) {
    const minor = hv.getUint16(FH_VERSION_MINOR, le);
    yield fail(base + FH_VERSION_MAJOR, `version ${major}.${minor} is not a pcap version this reader knows (2.x)`);
    return;
  }
  const snaplen = hv.getUint32(FH_SNAPLEN, le);
  if (snaplen === 0) {
    // libpcap never writes 0, and records cannot be checked against it: the header lies.
    yield fail(base + FH_SNAPLEN, 'the file header gives a snaplen of 0, which no capture can have');
    return;
  }
  const linkTypeField = hv.getUint32(FH_LINKTYPE, le);
  if ((linkTypeField & LT_RESERVED1_MASK) !== 0) {
    // Wireshark rejects these too (wiretap/libpcap.c): the field means something we do not know.
    yield fail(base + FH_LINKTYPE, `the link-type field ${hex32(linkTypeField)} has reserved bits set`);
    return;
  }
  const linkType = linkTypeField & LT_LINKTYPE_MASK;
  const fcsLen = fcsLenOfLinkTypeField(linkTypeField);
  reader.advance(FILE_HEADER_LEN);

  for (let index = 1; ; index++) {
    const start = reader.position;
    if (!reader.ensure(RECORD_HEADER_LEN)) {
      if (reader.buffered === 0 && reader.ioError === null) return;
      yield failWith(reader.endedEarly(PROTOCOL, `the header of record ${index}`, RECORD_HEADER_LEN));
      return;
    }
    const rh = reader.view(RECORD_HEADER_LEN);
    const rv = new DataView(rh.buffer, rh.byteOffset, rh.byteLength);
    const capLen = rv.getUint32(RH_CAPLEN, le);
    const origLen = rv.getUint32(RH_ORIGLEN, le);
    if (capLen > snaplen) {
      yield fail(start, `record ${index} claims ${capLen} bytes, more than the snaplen ${snaplen} in the file header`);
      return;
    }
    if (capLen > MAX_PCAP_RECORD_LEN) {
      yield fail(start, `record ${index} claims ${capLen} bytes, more than the ${MAX_PCAP_RECORD_LEN} a record may hold`);
      return;
    }
    let tsSec = rv.getUint32(RH_TS_SEC, le);
    let tsNsec = rv.getUint32(RH_TS_FRAC, le) * (kind.nanosecond ? 1 : 1000);
    // A fraction of a second or more is out of spec but lossless to carry into seconds.
    if (tsNsec >= NSEC_PER_SEC) {
      tsSec += Math.floor(tsNsec / NSEC_PER_SEC);
      tsNsec %= NSEC_PER_SEC;
    }
    const recordLen = RECORD_HEADER_LEN + capLen;
    if (!reader.ensure(recordLen)) {
      yield failWith(reader.endedEarly(PROTOCOL, `record ${index} (${capLen} bytes of data)`, recordLen));
      return;
    }
    const data = reader.view(recordLen).slice(RECORD_HEADER_LEN);
    reader.advance(recordLen);
    yield {
      ok: true,
      packet: {
        index,
        fileOffset: start,
        tsSec,
        tsNsec,
        capLen,
        origLen,
        data,
        linkType,
        fcsLen: fcsBytesInData(fcsLen, capLen, origLen),
        interfaceId: 0,
        cutBySnaplen: capLen < origLen,
      },
    };
  }
}
