import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ByteReader, memorySource, openFileSource, type ByteSource } from '../../source/capture/byte-source.js';
import { readCapture, readCaptureFile } from '../../source/capture/read.js';
import { createCaptureWriter, writeCapture } from '../../source/capture/write.js';
import { formatWireError } from '../../source/wire/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ByteReader', () => {
  it('serves windows across read-ahead boundaries and reports the end', () => {
    const bytes = Uint8Array.from({ length: 50 }, (_, i) => i);
    const r = new ByteReader(memorySource(bytes), 7);
    expect(r.ensure(5)).toBe(true);
    expect(r.view(5)).toEqual(bytes.subarray(0, 5));
    r.advance(5);
    expect(r.ensure(20)).toBe(true);
    expect(r.position).toBe(5);
    expect(r.view(20)).toEqual(bytes.subarray(5, 25));
    r.advance(20);
    expect(r.ensure(26)).toBe(false);
    expect(r.buffered).toBe(25);
    expect(r.ensure(25)).toBe(true);
    expect(r.view(25)).toEqual(bytes.subarray(25));
  });

  it('grows only as far as the bytes that arrive', () => {
    const r = new ByteReader(memorySource(new Uint8Array(100)), 16);
    expect(r.ensure(16 * 1024 * 1024)).toBe(false);
    expect(r.capacity).toBeLessThanOrEqual(128);
  });

  it('turns a failing source into a value', () => {
    const failing: ByteSource = {
      read(into, position) {
        if (position >= 40) throw Object.assign(new Error('i/o error'), { code: 'EIO' });
        into.fill(0);
        return Math.min(into.length, 40 - position);
      },
    };
    const header = writeCapture([], { format: 'pcap', linkType: 1, fcsLen: 0 });
    const source: ByteSource = {
      read(into, position) {
        if (position < header.length) {
          const n = Math.min(into.length, header.length - position);
          into.set(header.subarray(position, position + n));
          return n;
        }
        return failing.read(into, position);
      },
    };
    // Bytes 24-39 read as zeros: an empty record 1. Record 2 cannot be read.
    const items = [...readCapture(source, 8)];
    expect(items.map((i) => i.ok)).toEqual([true, false]);
    const last = items[1]!;
    if (!last.ok) {
      expect(formatWireError(last.error)).toBe(
        'pcap: the header of record 2 could not be read past byte 40: EIO (i/o error) (at byte 40)',
      );
    }
  });
});

describe('reading capture files', () => {
  it('streams a large file through a small, fixed buffer', () => {
    const path = join(dir, 'large.pcapng');
    const writer = createCaptureWriter({ format: 'pcapng', linkType: 1, fcsLen: 4, nanosecond: true });
    const frame = Uint8Array.from({ length: 1514 }, (_, i) => i & 0xff);
    const count = 8000; // about 12 MB
    const fd = openSync(path, 'w');
    writeSync(fd, writer.header);
    for (let i = 0; i < count; i++) writeSync(fd, writer.encodePacket({ tsSec: i, tsNsec: i, data: frame }));
    closeSync(fd);

    const opened = openFileSource(path);
    if (!opened.ok) throw new Error(opened.message);
    let largestRead = 0;
    const watched: ByteSource = {
      read(into, position) {
        largestRead = Math.max(largestRead, into.length);
        return opened.source.read(into, position);
      },
    };
    let seen = 0;
    for (const item of readCapture(watched, 4096)) {
      expect(item.ok).toBe(true);
      if (!item.ok) break;
      expect(item.packet.index).toBe(++seen);
      expect(item.packet.tsNsec).toBe(seen - 1);
      expect(item.packet.data.length).toBe(1514);
    }
    expect(seen).toBe(count);
    opened.source.close();
    // The buffer never grew past the read-ahead: each block fits in it.
    expect(largestRead).toBeLessThanOrEqual(4096);
  });

  it('reports a file it cannot open', () => {
    const items = [...readCaptureFile(join(dir, 'missing.pcap'))];
    expect(items).toHaveLength(1);
    expect(items[0]!.ok).toBe(false);
    if (!items[0]!.ok) expect(items[0]!.error.message).toMatch(/^cannot open .*missing\.pcap: ENOENT/);
  });

  it('closes the file when the reader is abandoned', () => {
    const path = join(dir, 'small.pcap');
    const fd = openSync(path, 'w');
    writeSync(fd, writeCapture([{ tsSec: 0, tsNsec: 0, data: new Uint8Array(60) }], { format: 'pcap', linkType: 1, fcsLen: 0 }));
    closeSync(fd);
    // Without closing, thousands of abandoned readers would run out of file descriptors.
    for (let i = 0; i < 5000; i++) {
      const it = readCaptureFile(path);
      expect(it.next().value).toMatchObject({ ok: true });
      it.return();
    }
  });
});
