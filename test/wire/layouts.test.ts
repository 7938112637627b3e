import { describe, expect, it } from 'vitest';
import * as arp from '../../source/wire/arp.js';
import * as dns from '../../source/wire/dns.js';
import * as eth from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import * as tcp from '../../source/wire/tcp.js';
import * as udp from '../../source/wire/udp.js';
import { layoutBytes, type Layout } from '../../source/wire/layout.js';
import { SKIP_TSHARK, tshark } from '../helpers/tshark.js';

/** Every fixed header and the size the RFCs give it. */
const LAYOUTS: Record<string, [Layout, number]> = {
  ethernet: [eth.LAYOUT, 14],
  arp: [arp.LAYOUT, 28],
  ipv4: [ipv4.LAYOUT, 20],
  udp: [udp.LAYOUT, 8],
  tcp: [tcp.LAYOUT, 20],
  dns: [dns.LAYOUT, 12],
};

describe('field layouts', () => {
  for (const [name, [layout, bytes]] of Object.entries(LAYOUTS)) {
    it(`${name}: fields tile the ${bytes}-byte header in order, with no gap or overlap`, () => {
      expect(layoutBytes(layout)).toBe(bytes);
      let next = 0;
      for (const f of layout) {
        if (f.bitLength === 0) {
          expect(f.bitOffset, `${f.key} (variable) starts where the fixed header ends`).toBe(bytes * 8);
          continue;
        }
        expect(f.bitOffset, `${f.key} starts where the previous field ends`).toBe(next);
        next = f.bitOffset + f.bitLength;
      }
      expect(next).toBe(bytes * 8);
    });

    it(`${name}: every field means something in both languages, and keys are unique`, () => {
      for (const f of layout) {
        expect(f.meaning.en.length, f.key).toBeGreaterThan(5);
        expect(f.meaning.ko.length, f.key).toBeGreaterThan(3);
        expect(f.meaning.ko, `${f.key} is written in Korean`).toMatch(/[\uac00-\ud7a3]/);
        expect(f.name.length, f.key).toBeGreaterThan(0);
      }
      expect(new Set(layout.map((f) => f.key)).size).toBe(layout.length);
    });
  }

  it.skipIf(SKIP_TSHARK)("uses Wireshark's own display-filter names, so learners can type them into Wireshark", () => {
    const known = new Set(tshark(['-G', 'fields']).split('\n').map((l) => l.split('\t')[2]).filter(Boolean));
    const all = [...Object.values(LAYOUTS).flatMap(([l]) => l.map((f) => f.key)), eth.FCS_FIELD.key];
    // Wireshark shows IPv4 options only as a subtree of per-option fields (ip.opt.*), with
    // no field for the whole region; ours names the region.
    const regions = new Set(['ip.options']);
    const unknown = all.filter((k) => !known.has(k) && !regions.has(k));
    expect(unknown).toEqual([]);
  });
});
