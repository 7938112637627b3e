import {
  FH_LINKTYPE, FH_MAGIC, FH_SIGFIGS, FH_SNAPLEN, FH_THISZONE, FH_VERSION_MAJOR, FH_VERSION_MINOR,
  FILE_HEADER_LEN, linkTypeField, PCAP_MAGIC_NSEC, PCAP_MAGIC_USEC, PCAP_VERSION_MAJOR, PCAP_VERSION_MINOR,
  RECORD_HEADER_LEN, RH_CAPLEN, RH_ORIGLEN, RH_TS_FRAC, RH_TS_SEC,
} from './pcap-format.js';

/** What the classic pcap file header says; values are checked by the caller (write.ts). */
export interface PcapFileHeader {
  readonly linkType: number;
  readonly fcsLen: number;
  readonly snaplen: number;
  readonly nanosecond: boolean;
  readonly littleEndian: boolean;
}

/** One record, already cut to the snaplen. */
export interface PcapRecord {
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly data: Uint8Array;
  readonly origLen: number;
}

export function encodePcapFileHeader(h: PcapFileHeader): Uint8Array {
  const out = new Uint8Array(FILE_HEADER_LEN);
  const v = new DataView(out.buffer);
  const le = h.littleEndian;
  v.setUint32(FH_MAGIC, h.nanosecond ? PCAP_MAGIC_NSEC : PCAP_MAGIC_USEC, le);
  v.setUint16(FH_VERSION_MAJOR, PCAP_VERSION_MAJOR, le);
  v.setUint16(FH_VERSION_MINOR, PCAP_VERSION_MINOR, le);
  v.setInt32(FH_THISZONE, 0, le);
  v.setUint32(FH_SIGFIGS, 0, le);
  v.setUint32(FH_SNAPLEN, h.snaplen, le);
  v.setUint32(FH_LINKTYPE, linkTypeField(h.linkType, h.fcsLen), le);
  return out;
}

export function encodePcapRecord(r: PcapRecord, h: Pick<PcapFileHeader, 'nanosecond' | 'littleEndian'>): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_LEN + r.data.length);
  const v = new DataView(out.buffer);
  const le = h.littleEndian;
  v.setUint32(RH_TS_SEC, r.tsSec, le);
  v.setUint32(RH_TS_FRAC, h.nanosecond ? r.tsNsec : Math.floor(r.tsNsec / 1000), le);
  v.setUint32(RH_CAPLEN, r.data.length, le);
  v.setUint32(RH_ORIGLEN, r.origLen, le);
  out.set(r.data, RECORD_HEADER_LEN);
  return out;
}
