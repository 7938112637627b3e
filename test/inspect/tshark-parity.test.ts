// `inspect --json` against tshark 4.0, field by field: stream numbers, raw and relative
// sequence numbers, lengths, next sequence numbers, the analysis verdicts and the dup
// ACK count. On real captures from scripts/captures/make.sh and on captures we write.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL } from '../../source/capture/linklayer.js';
import { capture, ipPacketOf, relink } from './builder.js';
import { compareWithTshark, ourJson } from './compare.js';
import { randomCapture } from './random-conversations.js';
import { SCENARIOS } from './scenarios.js';
import { SKIP_TSHARK, tshark } from '../helpers/tshark.js';

const CAPTURES = 'captures';
const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-inspect-'));

function write(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Many seeded random conversations one after another in one file: one tshark run. */
function randomSoup(seeds: number, snaplen?: number): Uint8Array {
  const frames: { us: number; data: Uint8Array }[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    for (const f of randomCapture(seed)) frames.push({ us: seed * 100_000_000 + f.us, data: f.data });
  }
  return capture(frames, snaplen === undefined ? {} : { snaplen });
}

describe.skipIf(SKIP_TSHARK)('inspect agrees with tshark', () => {
  // The analysis follows Wireshark 4.0 (Debian 12's tshark) where later versions changed
  // the rules (see source/capture/analysis/tcp-analysis.ts); another judge would disagree.
  it('is judged by tshark 4.0', () => {
    expect(tshark(['--version']).split('\n')[0]).toMatch(/^TShark \(Wireshark\) 4\.0\./);
  });

  for (const name of readdirSync(CAPTURES).sort()) {
    it(`on the real capture ${name}`, async () => {
      expect(await compareWithTshark(join(CAPTURES, name))).toEqual([]);
    });
  }

  for (const [name, make] of Object.entries(SCENARIOS)) {
    it(`on ${name}`, async () => {
      const scenario = make();
      const file = write(`${name.replace(/\W+/g, '-')}.pcap`, capture(scenario.frames));
      expect(await compareWithTshark(file)).toEqual([]);
      const seen = new Set((await ourJson(file)).packets.flatMap((p) => p.analysis ?? []));
      for (const verdict of scenario.shows) expect(seen, `${name} shows ${verdict}`).toContain(verdict);
    });
  }

  it('on 60 seeded random conversations with loss, reordering, probes and port reuse', async () => {
    expect(await compareWithTshark(write('soup.pcap', randomSoup(60)))).toEqual([]);
  });

  // Wireshark tracks a segment once it has the window field (16 bytes of TCP header).
  for (const snaplen of [48, 50, 54, 62]) {
    it(`on frames cut by a snaplen of ${snaplen}`, async () => {
      expect(await compareWithTshark(write(`soup-${snaplen}.pcap`, randomSoup(12, snaplen)))).toEqual([]);
    });
  }

  const links = { 'BSD loopback (NULL)': LINKTYPE_NULL, 'OpenBSD loopback (LOOP)': LINKTYPE_LOOP, 'Linux cooked (SLL)': LINKTYPE_LINUX_SLL, 'Linux cooked v2 (SLL2)': LINKTYPE_LINUX_SLL2 };
  for (const [name, linkType] of Object.entries(links)) {
    it(`over ${name}, IPv4 and IPv6`, async () => {
      const v4 = SCENARIOS['duplicate ACKs and a fast retransmission']().frames.map((f) => ({ us: f.us, data: relink(linkType, ipPacketOf(f.data), 4) }));
      const v6 = SCENARIOS.IPv6().frames.map((f) => ({ us: 10_000_000 + f.us, data: relink(linkType, ipPacketOf(f.data), 6) }));
      const file = write(`link-${linkType}.pcapng`, capture([...v4, ...v6], { linkType, format: 'pcapng' }));
      expect(await compareWithTshark(file)).toEqual([]);
    });
  }
});
