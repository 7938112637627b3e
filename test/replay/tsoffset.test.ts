// pcapng's if_tsoffset is signed (draft-ietf-opsawg-pcapng, section 4.2: "a signed integer"):
// a capture whose interface says its clock ran ahead has times before its offset, even
// before 1970. Replay and inspect read it with the offset applied and keep relative times.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { readCaptureBytes } from '../../source/capture/read.js';
import { replayCapture } from '../../source/replay/replay.js';
import { BlockBuilder, concat } from '../capture/helpers.js';
import { SKIP_TSHARK, tshark } from '../helpers/tshark.js';

const le = new BlockBuilder(true);

/** The shipped handshake capture as pcapng (microseconds) with the given if_tsoffset. */
function withTsOffset(offsetSec: bigint): Uint8Array {
  const packets = [...readCaptureBytes(new Uint8Array(readFileSync('captures/handshake-get-close.pcap')))].flatMap((i) => (i.ok ? [i.packet] : []));
  return concat(
    le.shb(),
    le.idb(1, 65535, le.option(14, le.u64(BigInt.asUintN(64, offsetSec))), le.endOfOptions()),
    ...packets.map((p) => le.epb(0, BigInt(p.tsSec) * 1_000_000n + BigInt(p.tsNsec / 1000), p.data)),
  );
}

describe('a negative if_tsoffset', () => {
  it('moves every packet back by the offset, before 1970 if need be', () => {
    const shipped = [...readCaptureBytes(new Uint8Array(readFileSync('captures/handshake-get-close.pcap')))].flatMap((i) => (i.ok ? [i.packet] : []));
    const shifted = [...readCaptureBytes(withTsOffset(-5_000_000_000n))].flatMap((i) => (i.ok ? [i.packet] : []));
    expect(shifted.map((p) => p.tsSec)).toEqual(shipped.map((p) => p.tsSec - 5_000_000_000));
  });
});


describe('a capture with a negative if_tsoffset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-tsoffset-'));
  const file = join(dir, 'behind.pcapng');
  writeFileSync(file, withTsOffset(-5_000_000_000n));
  const inspect = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['inspect', file, ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8' } });
    return { code, out, err };
  };

  it('replays: the frames shown keep the times between them, moved to start at 0', () => {
    const r = replayCapture(file, { stream: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const captured = r.replay.capture('pcap');
    expect('error' in captured).toBe(false);
    if ('error' in captured) return;
    const shown = [...readCaptureBytes(captured.bytes)].flatMap((i) => (i.ok ? [i.packet] : []));
    const original = [...readCaptureBytes(new Uint8Array(readFileSync('captures/handshake-get-close.pcap')))].flatMap((i) => (i.ok ? [i.packet] : []));
    const us = (p: { tsSec: number; tsNsec: number }) => p.tsSec * 1_000_000 + p.tsNsec / 1000;
    const byNumber = new Map(original.map((p) => [p.index, p]));
    const firstShown = byNumber.get(r.replay.trace.frames.map((f) => captured.frameNumber(f.id)).find((n) => n !== null)!)!;
    expect(shown[0]!.tsSec).toBe(0);
    r.replay.trace.frames.forEach((f, i) => {
      const n = captured.frameNumber(f.id);
      if (n !== null) expect(us(shown[i]!) - us(shown[0]!)).toBe(us(byNumber.get(n)!) - us(firstShown));
    });
  });

  it('inspect prints its times before 1970: the JSON epoch time is the signed number (hand-checked), not an internal error', async () => {
    const r = await inspect('--json');
    expect(r.code, r.err).toBe(0);
    const first = JSON.parse(r.out.split('\n')[0]!) as { time: number };
    // The shipped capture's first packet is at 1795262968.884643; 5e9 s earlier is
    // -3204737031.115357 (1868-06-12 03:16:08.884643 UTC).
    expect(r.out.split('\n')[0]).toContain('"time":-3204737031.115357000,');
    expect(first.time).toBeCloseTo(-3204737031.115357, 5);
  });

  it.skipIf(SKIP_TSHARK)('inspect shows the time of day tshark shows (-t ad, UTC)', async () => {
    const ours = (await inspect()).out.split('\n').filter((l) => /^\s+\d+ /.test(l)).map((l) => l.trim().split(' ')[1]);
    const theirs = tshark(['-r', file, '-t', 'ud', '-T', 'fields', '-e', '_ws.col.Time']).trim().split('\n').map((l) => l.trim().split(' ')[1]);
    expect(ours.length).toBeGreaterThan(5);
    expect(ours).toEqual(theirs);
  });
});
