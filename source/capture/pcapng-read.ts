import { fail, ok, type Decoded, type WireError } from '../wire/errors.js';
import type { ByteReader } from './byte-source.js';
import { fcsBytesInData, type CapturedPacket, type CaptureItem } from './packet.js';
import {
  BK_TOTAL_LEN, BK_TYPE, BLOCK_ALIGN, BLOCK_HEADER_LEN, BLOCK_TRAILER_LEN, BLOCK_TYPE_EPB, BLOCK_TYPE_IDB,
  BLOCK_TYPE_PB, BLOCK_TYPE_SHB, BLOCK_TYPE_SPB, BYTE_ORDER_MAGIC, BYTE_ORDER_MAGIC_SWAPPED, EPB_CAPLEN, EPB_DATA, EPB_FLAGS_FCS_MASK,
  EPB_FLAGS_FCS_SHIFT, EPB_INTERFACE_ID, EPB_ORIGLEN, EPB_TS_HIGH, EPB_TS_LOW, fromUnits, IDB_LINKTYPE, IDB_OPTIONS,
  IDB_SNAPLEN, MAX_BLOCK_LEN, MIN_BLOCK_LEN, MIN_EPB_LEN, MIN_IDB_LEN, MIN_PB_LEN, MIN_SHB_LEN, MIN_SPB_LEN,
  OPT_ENDOFOPT, OPT_EPB_FLAGS, OPT_IF_FCSLEN, OPT_IF_TSOFFSET, OPT_IF_TSRESOL, OPTION_HEADER_LEN, padTo32,
  PB_CAPLEN, PB_DATA, PB_INTERFACE_ID, PB_ORIGLEN, PB_TS_HIGH, PB_TS_LOW, PCAPNG_VERSION_MAJOR, SHB_BYTE_ORDER,
  SHB_VERSION_MAJOR, SHB_VERSION_MINOR, SPB_DATA, SPB_ORIGLEN, TSRESOL_USEC, unitsPerSecond,
} from './pcapng-format.js';

const PROTOCOL = 'pcapng';

/** Far more than any real capture describes; it keeps a hostile file from growing the table. */
export const MAX_INTERFACES_PER_SECTION = 65536;

/** What an Interface Description Block says, as packets on that interface need it. */
interface Interface {
  readonly linkType: number;
  /** 0 means no limit. */
  readonly snaplen: number;
  readonly fcsLen: number;
  readonly unitsPerSecond: bigint;
  /** if_tsoffset: seconds to add to every timestamp. */
  readonly tsOffsetSec: number;
  /** Numbered across sections, as Wireshark numbers interfaces. */
  readonly globalId: number;
}

/** The block being decoded: its bytes (header to trailer), where it sits, its byte order. */
interface Block {
  readonly v: DataView;
  readonly start: number;
  readonly length: number;
  readonly le: boolean;
  readonly name: string;
}

const BLOCK_NAMES: ReadonlyMap<number, string> = new Map([
  [BLOCK_TYPE_SHB, 'Section Header Block'],
  [BLOCK_TYPE_IDB, 'Interface Description Block'],
  [BLOCK_TYPE_PB, 'Packet Block'],
  [BLOCK_TYPE_SPB, 'Simple Packet Block'],
  [0x00000004, 'Name Resolution Block'],
  [0x00000005, 'Interface Statistics Block'],
  [BLOCK_TYPE_EPB, 'Enhanced Packet Block'],
  [0x0000000a, 'Decryption Secrets Block'],
]);

const MIN_LENGTHS: ReadonlyMap<number, number> = new Map([
  [BLOCK_TYPE_SHB, MIN_SHB_LEN],
  [BLOCK_TYPE_IDB, MIN_IDB_LEN],
  [BLOCK_TYPE_PB, MIN_PB_LEN],
  [BLOCK_TYPE_SPB, MIN_SPB_LEN],
  [BLOCK_TYPE_EPB, MIN_EPB_LEN],
]);

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

function blockName(type: number): string {
  return BLOCK_NAMES.get(type) ?? `block of type ${hex32(type)}`;
}

/** The block-type word is a palindrome for the SHB, so it can be recognised before the byte order is known. */
function isShb(first4: DataView): boolean {
  return first4.getUint32(0, false) === BLOCK_TYPE_SHB;
}

/** Whether four bytes, read big-endian, begin a pcapng file. */
export function isPcapngMagic(firstWord: number): boolean {
  return firstWord === BLOCK_TYPE_SHB;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface Option {
  readonly code: number;
  /** Offset of the value within the block. */
  readonly at: number;
  readonly length: number;
}

/**
 * The options in block bytes [from, to) ("Options" in the draft). The list may end with
 * opt_endofopt or simply at the end of the block; an option that runs past the end is an
 * error, since everything after it would be misread.
 */
function readOptions(b: Block, from: number, to: number): Decoded<Option[]> {
  const options: Option[] = [];
  let at = from;
  while (at + OPTION_HEADER_LEN <= to) {
    const code = b.v.getUint16(at, b.le);
    const length = b.v.getUint16(at + 2, b.le);
    if (code === OPT_ENDOFOPT) break;
    if (at + OPTION_HEADER_LEN + length > to) {
      return fail(
        PROTOCOL,
        b.start + at,
        `option ${code} in the ${b.name} at byte ${b.start} claims ${length} bytes, more than the block holds`,
      );
    }
    options.push({ code, at: at + OPTION_HEADER_LEN, length });
    at += OPTION_HEADER_LEN + padTo32(length);
  }
  return ok(options, at - from);
}

function readShb(b: Block): WireError | null {
  const major = b.v.getUint16(SHB_VERSION_MAJOR, b.le);
  if (major === PCAPNG_VERSION_MAJOR) return null;
  // A different major version means a different block layout ("Section Header Block").
  const minor = b.v.getUint16(SHB_VERSION_MINOR, b.le);
  return {
    protocol: PROTOCOL,
    offset: b.start + SHB_VERSION_MAJOR,
    message: `the section at byte ${b.start} is pcapng version ${major}.${minor}; this reader knows 1.x`,
  };
}

function readIdb(b: Block, globalId: number): Decoded<Interface> {
  const options = readOptions(b, IDB_OPTIONS, b.length - BLOCK_TRAILER_LEN);
  if (!options.ok) return options;
  let tsresol = TSRESOL_USEC;
  let fcsLen = 0;
  let tsOffsetSec = 0;
  // Options of the wrong size are ignored, as Wireshark ignores them, rather than
  // rejecting a capture that is otherwise readable.
  for (const o of options.value) {
    if (o.code === OPT_IF_TSRESOL && o.length === 1) tsresol = b.v.getUint8(o.at);
    if (o.code === OPT_IF_FCSLEN && o.length === 1) {
      // The draft says bits but its example says 4; Wireshark takes values below 8 as
      // bytes and larger ones as bits (wiretap/pcap-common.c), and so do we.
      const value = b.v.getUint8(o.at);
      fcsLen = value < 8 ? value : Math.floor(value / 8);
    }
    if (o.code === OPT_IF_TSOFFSET && o.length === 8) tsOffsetSec = Number(b.v.getBigInt64(o.at, b.le));
  }
  return ok(
    {
      linkType: b.v.getUint16(IDB_LINKTYPE, b.le),
      snaplen: b.v.getUint32(IDB_SNAPLEN, b.le),
      fcsLen,
      unitsPerSecond: unitsPerSecond(tsresol),
      tsOffsetSec,
      globalId,
    },
    b.length,
  );
}

function lookUpInterface(b: Block, interfaces: readonly Interface[], id: number, index: number, idAt: number): Decoded<Interface> {
  const iface = interfaces[id];
  if (iface) return ok(iface, 0);
  const described = interfaces.length === 1 ? '1 interface was' : `${interfaces.length} interfaces were`;
  return fail(
    PROTOCOL,
    b.start + idAt,
    `packet ${index} (${b.name} at byte ${b.start}) names interface ${id}, but only ${described} described before it`,
  );
}

/** The fixed fields of an Enhanced Packet Block, or of the obsolete Packet Block. */
interface PacketLayout {
  readonly readInterfaceId: (b: Block) => number;
  readonly interfaceIdAt: number;
  readonly tsHigh: number;
  readonly tsLow: number;
  readonly capLen: number;
  readonly origLen: number;
  readonly data: number;
}

const EPB_LAYOUT: PacketLayout = {
  readInterfaceId: (b) => b.v.getUint32(EPB_INTERFACE_ID, b.le),
  interfaceIdAt: EPB_INTERFACE_ID,
  tsHigh: EPB_TS_HIGH,
  tsLow: EPB_TS_LOW,
  capLen: EPB_CAPLEN,
  origLen: EPB_ORIGLEN,
  data: EPB_DATA,
};

const PB_LAYOUT: PacketLayout = {
  readInterfaceId: (b) => b.v.getUint16(PB_INTERFACE_ID, b.le),
  interfaceIdAt: PB_INTERFACE_ID,
  tsHigh: PB_TS_HIGH,
  tsLow: PB_TS_LOW,
  capLen: PB_CAPLEN,
  origLen: PB_ORIGLEN,
  data: PB_DATA,
};

function packetFrom(
  b: Block,
  iface: Interface,
  index: number,
  ts: { tsSec: number; tsNsec: number },
  dataAt: number,
  capLen: number,
  origLen: number,
  fcsLen: number,
): CapturedPacket {
  return {
    index,
    fileOffset: b.start,
    tsSec: ts.tsSec,
    tsNsec: ts.tsNsec,
    capLen,
    origLen,
    data: new Uint8Array(b.v.buffer, b.v.byteOffset + dataAt, capLen).slice(),
    linkType: iface.linkType,
    fcsLen: fcsBytesInData(fcsLen, capLen, origLen),
    interfaceId: iface.globalId,
    cutBySnaplen: capLen < origLen,
  };
}

/** "Enhanced Packet Block", and the obsolete "Packet Block" that it replaced. */
function readPacketBlock(b: Block, layout: PacketLayout, interfaces: readonly Interface[], index: number): Decoded<CapturedPacket> {
  const iface = lookUpInterface(b, interfaces, layout.readInterfaceId(b), index, layout.interfaceIdAt);
  if (!iface.ok) return iface;
  const capLen = b.v.getUint32(layout.capLen, b.le);
  const optionsAt = layout.data + padTo32(capLen);
  if (optionsAt > b.length - BLOCK_TRAILER_LEN) {
    return fail(
      PROTOCOL,
      b.start + layout.capLen,
      `packet ${index} (${b.name} at byte ${b.start}) claims ${capLen} captured bytes, more than its ${b.length}-byte block holds`,
    );
  }
  const options = readOptions(b, optionsAt, b.length - BLOCK_TRAILER_LEN);
  if (!options.ok) return options;
  let fcsLen = iface.value.fcsLen;
  for (const o of options.value) {
    if (o.code === OPT_EPB_FLAGS && o.length === 4) {
      const flagsFcs = (b.v.getUint32(o.at, b.le) >>> EPB_FLAGS_FCS_SHIFT) & EPB_FLAGS_FCS_MASK;
      if (flagsFcs !== 0) fcsLen = flagsFcs;
    }
  }
  const units = (BigInt(b.v.getUint32(layout.tsHigh, b.le)) << 32n) | BigInt(b.v.getUint32(layout.tsLow, b.le));
  const ts = fromUnits(units, iface.value.unitsPerSecond);
  ts.tsSec += iface.value.tsOffsetSec;
  const origLen = b.v.getUint32(layout.origLen, b.le);
  return ok(packetFrom(b, iface.value, index, ts, layout.data, capLen, origLen, fcsLen), b.length);
}

/**
 * "Simple Packet Block": always interface 0 and no timestamp (we report 0). The captured
 * length is the original length, capped by the block and the interface's snaplen.
 */
function readSimplePacketBlock(b: Block, interfaces: readonly Interface[], index: number): Decoded<CapturedPacket> {
  const iface = lookUpInterface(b, interfaces, 0, index, BK_TYPE);
  if (!iface.ok) return iface;
  const origLen = b.v.getUint32(SPB_ORIGLEN, b.le);
  const room = b.length - MIN_SPB_LEN;
  const snaplen = iface.value.snaplen || Infinity;
  const capLen = Math.min(origLen, room, snaplen);
  return ok(packetFrom(b, iface.value, index, { tsSec: 0, tsNsec: 0 }, SPB_DATA, capLen, origLen, iface.value.fcsLen), b.length);
}

/** Reads a pcapng file from the reader's position (the start of the file). */
export function* readPcapng(reader: ByteReader): Generator<CaptureItem, void> {
  let le = true;
  let inSection = false;
  let interfaces: Interface[] = [];
  let interfacesBefore = 0;
  let packets = 0;

  for (;;) {
    const start = reader.position;
    if (!reader.ensure(BLOCK_HEADER_LEN)) {
      if (reader.buffered === 0 && reader.ioError === null && inSection) return;
      yield { ok: false, error: reader.endedEarly(PROTOCOL, 'the next block header', BLOCK_HEADER_LEN) };
      return;
    }
    if (isShb(viewOf(reader.view(BLOCK_HEADER_LEN)))) {
      const need = SHB_BYTE_ORDER + 4;
      if (!reader.ensure(need)) {
        yield { ok: false, error: reader.endedEarly(PROTOCOL, 'the Section Header Block', need) };
        return;
      }
      const magic = viewOf(reader.view(need)).getUint32(SHB_BYTE_ORDER, false);
      if (magic === BYTE_ORDER_MAGIC) le = false;
      else if (magic === BYTE_ORDER_MAGIC_SWAPPED) le = true;
      else {
        const message = `the Section Header Block at byte ${start} has byte-order magic ${hex32(magic)}, not 1a2b3c4d in either order`;
        yield { ok: false, error: { protocol: PROTOCOL, offset: start + SHB_BYTE_ORDER, message } };
        return;
      }
      interfacesBefore += interfaces.length;
      interfaces = [];
      inSection = true;
    } else if (!inSection) {
      const message = 'the file does not begin with a Section Header Block';
      yield { ok: false, error: { protocol: PROTOCOL, offset: start, message } };
      return;
    }

    const head = viewOf(reader.view(BLOCK_HEADER_LEN));
    const type = head.getUint32(BK_TYPE, le);
    const length = head.getUint32(BK_TOTAL_LEN, le);
    const name = blockName(type);
    const lengthProblem =
      length % BLOCK_ALIGN !== 0 ? 'which is not a multiple of 4'
      : length < (MIN_LENGTHS.get(type) ?? MIN_BLOCK_LEN) ? `below the ${MIN_LENGTHS.get(type) ?? MIN_BLOCK_LEN} bytes such a block needs`
      : length > MAX_BLOCK_LEN ? `more than the ${MAX_BLOCK_LEN} bytes this reader accepts in one block`
      : null;
    if (lengthProblem) {
      const message = `the ${name} at byte ${start} has length ${length}, ${lengthProblem}`;
      yield { ok: false, error: { protocol: PROTOCOL, offset: start + BK_TOTAL_LEN, message } };
      return;
    }
    if (!reader.ensure(length)) {
      yield { ok: false, error: reader.endedEarly(PROTOCOL, `the ${name}`, length) };
      return;
    }
    const b: Block = { v: viewOf(reader.view(length)), start, length, le, name };
    const trailer = b.v.getUint32(length - BLOCK_TRAILER_LEN, le);
    if (trailer !== length) {
      const message = `the ${name} at byte ${start} ends with length ${trailer}, but begins with length ${length}`;
      yield { ok: false, error: { protocol: PROTOCOL, offset: start + length - BLOCK_TRAILER_LEN, message } };
      return;
    }

    let packet: Decoded<CapturedPacket> | null = null;
    switch (type) {
      case BLOCK_TYPE_SHB: {
        const error = readShb(b);
        if (error) {
          yield { ok: false, error };
          return;
        }
        break;
      }
      case BLOCK_TYPE_IDB: {
        if (interfaces.length >= MAX_INTERFACES_PER_SECTION) {
          const message = `the ${name} at byte ${start} is interface ${interfaces.length + 1} of its section, more than the ${MAX_INTERFACES_PER_SECTION} this reader accepts`;
          yield { ok: false, error: { protocol: PROTOCOL, offset: start, message } };
          return;
        }
        const iface = readIdb(b, interfacesBefore + interfaces.length);
        if (!iface.ok) {
          yield iface;
          return;
        }
        interfaces.push(iface.value);
        break;
      }
      case BLOCK_TYPE_EPB:
        packet = readPacketBlock(b, EPB_LAYOUT, interfaces, packets + 1);
        break;
      case BLOCK_TYPE_PB:
        packet = readPacketBlock(b, PB_LAYOUT, interfaces, packets + 1);
        break;
      case BLOCK_TYPE_SPB:
        packet = readSimplePacketBlock(b, interfaces, packets + 1);
        break;
      default:
        // Statistics, name resolution, secrets, custom blocks: nothing a packet list needs.
        break;
    }
    reader.advance(length);
    if (packet) {
      if (!packet.ok) {
        yield packet;
        return;
      }
      packets++;
      yield { ok: true, packet: packet.value };
    }
  }
}
