import {
  BK_TOTAL_LEN, BK_TYPE, BLOCK_HEADER_LEN, BLOCK_TRAILER_LEN, BLOCK_TYPE_EPB, BLOCK_TYPE_IDB, BLOCK_TYPE_SHB,
  BYTE_ORDER_MAGIC, EPB_CAPLEN, EPB_DATA, EPB_INTERFACE_ID, EPB_ORIGLEN, EPB_TS_HIGH, EPB_TS_LOW, IDB_LINKTYPE,
  IDB_OPTIONS, IDB_RESERVED, IDB_SNAPLEN, MIN_EPB_LEN, MIN_SHB_LEN, OPT_ENDOFOPT, OPT_IF_FCSLEN, OPT_IF_TSRESOL,
  OPTION_HEADER_LEN, padTo32, PCAPNG_VERSION_MAJOR, PCAPNG_VERSION_MINOR, SECTION_LEN_UNKNOWN, SHB_BYTE_ORDER,
  SHB_SECTION_LEN, SHB_VERSION_MAJOR, SHB_VERSION_MINOR, toUnits, TSRESOL_NSEC, TSRESOL_USEC, unitsPerSecond,
} from './pcapng-format.js';

/** What the one interface of a tcp-tutor pcapng file says; checked by the caller (write.ts). */
export interface PcapngInterface {
  readonly linkType: number;
  readonly fcsLen: number;
  readonly snaplen: number;
  readonly nanosecond: boolean;
  readonly littleEndian: boolean;
}

/** One packet, already cut to the snaplen. */
export interface PcapngPacket {
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly data: Uint8Array;
  readonly origLen: number;
}

/** A block with `bodyLen` bytes between its header and trailer, both lengths filled in. */
function newBlock(type: number, bodyLen: number, le: boolean): { out: Uint8Array; v: DataView } {
  const total = BLOCK_HEADER_LEN + padTo32(bodyLen) + BLOCK_TRAILER_LEN;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(BK_TYPE, type, le);
  v.setUint32(BK_TOTAL_LEN, total, le);
  v.setUint32(total - BLOCK_TRAILER_LEN, total, le);
  return { out, v };
}

/** A one-byte option: code, length 1, the value, three bytes of padding. */
const BYTE_OPTION_LEN = OPTION_HEADER_LEN + 4;

function setByteOption(v: DataView, at: number, code: number, value: number, le: boolean): number {
  v.setUint16(at, code, le);
  v.setUint16(at + 2, 1, le);
  v.setUint8(at + OPTION_HEADER_LEN, value);
  return at + BYTE_OPTION_LEN;
}

/** Section Header Block then Interface Description Block: the start of every file. */
export function encodePcapngHeader(i: PcapngInterface): Uint8Array {
  const le = i.littleEndian;
  const shb = newBlock(BLOCK_TYPE_SHB, MIN_SHB_LEN - BLOCK_HEADER_LEN - BLOCK_TRAILER_LEN, le);
  shb.v.setUint32(SHB_BYTE_ORDER, BYTE_ORDER_MAGIC, le);
  shb.v.setUint16(SHB_VERSION_MAJOR, PCAPNG_VERSION_MAJOR, le);
  shb.v.setUint16(SHB_VERSION_MINOR, PCAPNG_VERSION_MINOR, le);
  shb.v.setBigInt64(SHB_SECTION_LEN, SECTION_LEN_UNKNOWN, le);

  // if_tsresol is written even for the microsecond default so the hex view shows it.
  // if_fcslen's unit is muddled in the draft ("in bits", example "4"); Wireshark reads
  // values below 8 as bytes (wiretap/pcap-common.c), and tshark 4.0 honours 4.
  const optionsLen = BYTE_OPTION_LEN * (i.fcsLen ? 2 : 1) + OPTION_HEADER_LEN;
  const idb = newBlock(BLOCK_TYPE_IDB, IDB_OPTIONS - BLOCK_HEADER_LEN + optionsLen, le);
  idb.v.setUint16(IDB_LINKTYPE, i.linkType, le);
  idb.v.setUint16(IDB_RESERVED, 0, le);
  idb.v.setUint32(IDB_SNAPLEN, i.snaplen, le);
  let at = setByteOption(idb.v, IDB_OPTIONS, OPT_IF_TSRESOL, i.nanosecond ? TSRESOL_NSEC : TSRESOL_USEC, le);
  if (i.fcsLen) at = setByteOption(idb.v, at, OPT_IF_FCSLEN, i.fcsLen, le);
  idb.v.setUint32(at, OPT_ENDOFOPT, le);

  const out = new Uint8Array(shb.out.length + idb.out.length);
  out.set(shb.out, 0);
  out.set(idb.out, shb.out.length);
  return out;
}

/** One Enhanced Packet Block on interface 0, without options. */
export function encodeEnhancedPacketBlock(p: PcapngPacket, i: Pick<PcapngInterface, 'nanosecond' | 'littleEndian'>): Uint8Array {
  const le = i.littleEndian;
  const { out, v } = newBlock(BLOCK_TYPE_EPB, MIN_EPB_LEN - BLOCK_HEADER_LEN - BLOCK_TRAILER_LEN + p.data.length, le);
  const units = toUnits(p.tsSec, p.tsNsec, unitsPerSecond(i.nanosecond ? TSRESOL_NSEC : TSRESOL_USEC));
  v.setUint32(EPB_INTERFACE_ID, 0, le);
  v.setUint32(EPB_TS_HIGH, Number(units >> 32n), le);
  v.setUint32(EPB_TS_LOW, Number(units & 0xffffffffn), le);
  v.setUint32(EPB_CAPLEN, p.data.length, le);
  v.setUint32(EPB_ORIGLEN, p.origLen, le);
  out.set(p.data, EPB_DATA);
  return out;
}
