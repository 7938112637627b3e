/**
 * The classic pcap file format (libpcap's savefile format, described in
 * draft-ietf-opsawg-pcap, sections "File Header" and "Packet Record"). Writer and reader
 * share these constants so that the layout is stated once.
 */

/** The magic as a 32-bit number in the writer's byte order: microsecond timestamps. */
export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
/** Same layout, but the fraction field holds nanoseconds. */
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;

export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;

/** File header field offsets. */
export const FILE_HEADER_LEN = 24;
export const FH_MAGIC = 0;
export const FH_VERSION_MAJOR = 4;
export const FH_VERSION_MINOR = 6;
/** thiszone and sigfigs: always written as 0 and ignored on read, as libpcap does. */
export const FH_THISZONE = 8;
export const FH_SIGFIGS = 12;
export const FH_SNAPLEN = 16;
export const FH_LINKTYPE = 20;

/** Packet record header field offsets. */
export const RECORD_HEADER_LEN = 16;
export const RH_TS_SEC = 0;
/** Microseconds or nanoseconds, as the magic says. */
export const RH_TS_FRAC = 4;
export const RH_CAPLEN = 8;
export const RH_ORIGLEN = 12;

/**
 * The link-type field carries more than the link type (libpcap pcap/pcap.h, the LT_*
 * macros, and the draft's "LinkType and additional information"): the low 16 bits are the
 * LINKTYPE_ value, 0x03ff0000 is reserved and must be zero, bit 0x04000000 ("P") says an
 * FCS length is present, and the top four bits hold that FCS length in 16-bit words.
 * So a 4-byte Ethernet FCS is 0x24000001, not 0x50000001: Wireshark (wiretap/libpcap.c)
 * ignores the length unless P is set, and tshark 4.0 confirms it.
 */
export const LT_LINKTYPE_MASK = 0x0000ffff;
export const LT_RESERVED1_MASK = 0x03ff0000;
export const LT_FCS_LENGTH_PRESENT = 0x04000000;
export const LT_FCS_LENGTH_SHIFT = 28;

/** The link-type field for a link type whose frames end in `fcsLen` bytes of FCS. */
export function linkTypeField(linkType: number, fcsLen: number): number {
  if (fcsLen === 0) return linkType;
  const words = fcsLen / 2;
  return ((words << LT_FCS_LENGTH_SHIFT) | LT_FCS_LENGTH_PRESENT | linkType) >>> 0;
}

/** FCS length in bytes that the link-type field declares; 0 when it declares none. */
export function fcsLenOfLinkTypeField(field: number): number {
  if ((field & LT_FCS_LENGTH_PRESENT) === 0) return 0;
  return (field >>> LT_FCS_LENGTH_SHIFT) * 2;
}

/** The default snaplen of tcpdump and Wireshark, and the most we accept in a record. */
export const DEFAULT_SNAPLEN = 262144;
/**
 * Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD. A record larger than this is taken as
 * corruption rather than allocated.
 */
export const MAX_PCAP_RECORD_LEN = 262144;
