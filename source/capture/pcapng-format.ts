/**
 * The pcapng file format (draft-ietf-opsawg-pcapng). Writer and reader share these
 * constants so that each layout is stated once. Section names below are the draft's.
 */

/** "General Block Structure": type, total length, body, total length again. */
export const BLOCK_HEADER_LEN = 8;
export const BLOCK_TRAILER_LEN = 4;
export const MIN_BLOCK_LEN = BLOCK_HEADER_LEN + BLOCK_TRAILER_LEN;
export const BK_TYPE = 0;
export const BK_TOTAL_LEN = 4;
/** Bodies and option values are padded to 32 bits. */
export const BLOCK_ALIGN = 4;

export const BLOCK_TYPE_SHB = 0x0a0d0d0a;
export const BLOCK_TYPE_IDB = 0x00000001;
/** "Packet Block (obsolete)", appendix of the draft; still found in old files. */
export const BLOCK_TYPE_PB = 0x00000002;
export const BLOCK_TYPE_SPB = 0x00000003;
export const BLOCK_TYPE_EPB = 0x00000006;

/**
 * "Section Header Block". Its type is a palindrome so it reads the same in either byte
 * order; the byte-order magic that follows decides the order for the whole section.
 */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** The byte-order magic as a big-endian reader sees a little-endian writer's. */
export const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
export const SHB_BYTE_ORDER = 8;
export const SHB_VERSION_MAJOR = 12;
export const SHB_VERSION_MINOR = 14;
export const SHB_SECTION_LEN = 16;
export const SHB_OPTIONS = 24;
export const MIN_SHB_LEN = SHB_OPTIONS + BLOCK_TRAILER_LEN;
export const PCAPNG_VERSION_MAJOR = 1;
export const PCAPNG_VERSION_MINOR = 0;
/** Section Length -1: not given, so readers walk the blocks instead of skipping. */
export const SECTION_LEN_UNKNOWN = -1n;

/** "Interface Description Block". */
export const IDB_LINKTYPE = 8;
export const IDB_RESERVED = 10;
export const IDB_SNAPLEN = 12;
export const IDB_OPTIONS = 16;
export const MIN_IDB_LEN = IDB_OPTIONS + BLOCK_TRAILER_LEN;

/** "Enhanced Packet Block". */
export const EPB_INTERFACE_ID = 8;
export const EPB_TS_HIGH = 12;
export const EPB_TS_LOW = 16;
export const EPB_CAPLEN = 20;
export const EPB_ORIGLEN = 24;
export const EPB_DATA = 28;
export const MIN_EPB_LEN = EPB_DATA + BLOCK_TRAILER_LEN;

/** "Simple Packet Block": no interface (always 0), no timestamp, no captured length. */
export const SPB_ORIGLEN = 8;
export const SPB_DATA = 12;
export const MIN_SPB_LEN = SPB_DATA + BLOCK_TRAILER_LEN;

/** Obsolete "Packet Block": a 16-bit interface ID and a drops count, then as the EPB. */
export const PB_INTERFACE_ID = 8;
export const PB_DROPS = 10;
export const PB_TS_HIGH = 12;
export const PB_TS_LOW = 16;
export const PB_CAPLEN = 20;
export const PB_ORIGLEN = 24;
export const PB_DATA = 28;
export const MIN_PB_LEN = PB_DATA + BLOCK_TRAILER_LEN;

/** "Options": code (16 bits), length (16 bits), value padded to 32 bits. */
export const OPTION_HEADER_LEN = 4;
export const OPT_ENDOFOPT = 0;
export const OPT_IF_TSRESOL = 9;
export const OPT_IF_FCSLEN = 13;
export const OPT_IF_TSOFFSET = 14;
export const OPT_EPB_FLAGS = 2;

/**
 * if_tsresol: with the top bit clear, the resolution is 10^-value seconds; with it set,
 * 2^-(value & 0x7f). Absent, it is 6 (microseconds).
 */
export const TSRESOL_POWER_OF_2 = 0x80;
export const TSRESOL_USEC = 6;
export const TSRESOL_NSEC = 9;

/** epb_flags bits 5-8: the FCS length in bytes, overriding if_fcslen when not zero. */
export const EPB_FLAGS_FCS_SHIFT = 5;
export const EPB_FLAGS_FCS_MASK = 0xf;

/** A block bigger than this is taken as corruption rather than allocated. */
export const MAX_BLOCK_LEN = 16 * 1024 * 1024;

/** Arithmetic rather than bit masks: lengths read from a file can exceed 2^31. */
export function padTo32(n: number): number {
  return Math.ceil(n / BLOCK_ALIGN) * BLOCK_ALIGN;
}

/** Timestamp units per second for an if_tsresol value. */
export function unitsPerSecond(tsresol: number): bigint {
  return tsresol & TSRESOL_POWER_OF_2 ? 1n << BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
}

const NSEC_PER_SEC = 1_000_000_000n;

/** Seconds and nanoseconds to a count of units; the fraction is truncated, not rounded. */
export function toUnits(tsSec: number, tsNsec: number, perSecond: bigint): bigint {
  return BigInt(tsSec) * perSecond + (BigInt(tsNsec) * perSecond) / NSEC_PER_SEC;
}

/** A count of units to seconds and nanoseconds (truncating below one nanosecond). */
export function fromUnits(units: bigint, perSecond: bigint): { tsSec: number; tsNsec: number } {
  const sec = units / perSecond;
  const rest = units % perSecond;
  return { tsSec: Number(sec), tsNsec: Number((rest * NSEC_PER_SEC) / perSecond) };
}
