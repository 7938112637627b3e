import type { WireError } from '../../source/wire/errors.js';
import type { CapturedPacket } from '../../source/capture/packet.js';
import { readCaptureBytes } from '../../source/capture/read.js';
import { concat } from '../helpers/bytes.js';

export { concat, hex } from '../helpers/bytes.js';

export interface ReadResult {
  readonly packets: CapturedPacket[];
  readonly error: WireError | null;
  /** Items after the first error: always 0, checked by the tests. */
  readonly itemsAfterError: number;
}

export function readAll(bytes: Uint8Array): ReadResult {
  const packets: CapturedPacket[] = [];
  let error: WireError | null = null;
  let itemsAfterError = 0;
  for (const item of readCaptureBytes(bytes)) {
    if (error) itemsAfterError++;
    if (item.ok) packets.push(item.packet);
    else error ??= item.error;
  }
  return { packets, error, itemsAfterError };
}

/**
 * A test-only pcapng block builder, independent of the writer under test, for files the
 * writer never makes: big-endian sections, several interfaces, old block types.
 */
export class BlockBuilder {
  constructor(readonly littleEndian: boolean) {}

  u16(n: number): Uint8Array {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, n, this.littleEndian);
    return b;
  }

  u32(n: number): Uint8Array {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, this.littleEndian);
    return b;
  }

  u64(n: bigint): Uint8Array {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, n), this.littleEndian);
    return b;
  }

  padded(bytes: Uint8Array): Uint8Array {
    return concat(bytes, new Uint8Array((4 - (bytes.length % 4)) % 4));
  }

  option(code: number, value: Uint8Array): Uint8Array {
    return concat(this.u16(code), this.u16(value.length), this.padded(value));
  }

  endOfOptions(): Uint8Array {
    return new Uint8Array(4);
  }

  block(type: number, ...body: Uint8Array[]): Uint8Array {
    const inner = concat(...body);
    const total = 12 + inner.length;
    return concat(this.u32(type), this.u32(total), inner, this.u32(total));
  }

  shb(...options: Uint8Array[]): Uint8Array {
    return this.block(0x0a0d0d0a, this.u32(0x1a2b3c4d), this.u16(1), this.u16(0), this.u64(-1n), ...options);
  }

  idb(linkType: number, snaplen: number, ...options: Uint8Array[]): Uint8Array {
    return this.block(1, this.u16(linkType), this.u16(0), this.u32(snaplen), ...options);
  }

  epb(interfaceId: number, units: bigint, data: Uint8Array, origLen = data.length, ...options: Uint8Array[]): Uint8Array {
    return this.block(
      6, this.u32(interfaceId), this.u32(Number(units >> 32n)), this.u32(Number(units & 0xffffffffn)),
      this.u32(data.length), this.u32(origLen), this.padded(data), ...options,
    );
  }

  spb(origLen: number, data: Uint8Array): Uint8Array {
    return this.block(3, this.u32(origLen), this.padded(data));
  }

  pb(interfaceId: number, units: bigint, data: Uint8Array, origLen = data.length): Uint8Array {
    return this.block(
      2, this.u16(interfaceId), this.u16(0), this.u32(Number(units >> 32n)), this.u32(Number(units & 0xffffffffn)),
      this.u32(data.length), this.u32(origLen), this.padded(data),
    );
  }
}
