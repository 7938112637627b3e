import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINKTYPE_ETHERNET } from '../../source/capture/linklayer.js';
import { writeCapture } from '../../source/capture/write.js';
import { dissect, layerOfField } from '../../source/wire/dissect.js';
import { toHex } from '../helpers/bytes.js';
import { conversation } from '../helpers/frames.js';
import { SKIP_TSHARK, tshark } from '../helpers/tshark.js';

const frames = conversation();

describe('dissect', () => {
  it('walks every frame of a conversation into its layers, in order and nested', () => {
    const protocols = frames.map((f) => dissect(f.bytes)!.layers.map((l) => l.protocol).join('/'));
    expect(protocols[0]).toBe('ethernet/arp');
    expect(protocols[2]).toBe('ethernet/ipv4/udp/dns');
    expect(protocols[4]).toBe('ethernet/ipv4/tcp');
    expect(protocols[7]).toBe('ethernet/ipv4/tcp/http');
    for (const f of frames) {
      const d = dissect(f.bytes)!;
      for (let i = 1; i < d.layers.length; i++) {
        const outer = d.layers[i - 1]!;
        const inner = d.layers[i]!;
        expect(inner.start, f.label).toBe(outer.headerEnd);
        expect(inner.end, f.label).toBeLessThanOrEqual(outer.end);
      }
      expect(d.fcs?.bitOffset).toBe((f.bytes.length - 4) * 8);
    }
  });

  it('reads values through the layouts that agree with the decoders', () => {
    const syn = dissect(frames[4]!.bytes)!;
    const tcpLayer = syn.layers.find((l) => l.protocol === 'tcp')!;
    const field = (k: string) => tcpLayer.fields.find((f) => f.key === k)!;
    expect(field('tcp.seq').raw).toBe(syn.tcp!.seq);
    expect(field('tcp.flags.syn').value).toBe('1');
    expect(field('tcp.hdr_len').raw).toBe(syn.tcp!.dataOffset / 4);
    expect(field('tcp.options').bitLength).toBe((syn.tcp!.dataOffset - 20) * 8);
    const ipLayer = syn.layers.find((l) => l.protocol === 'ipv4')!;
    expect(ipLayer.fields.find((f) => f.key === 'ip.src')!.value).toBe('192.168.1.10');
    expect(ipLayer.fields.some((f) => f.key === 'ip.options')).toBe(false); // no options, no empty field
  });

  it('names the layer that writes a field', () => {
    expect(layerOfField('eth.dst')).toBe('link');
    expect(layerOfField('ip.ttl')).toBe('internet');
    expect(layerOfField('tcp.seq')).toBe('transport');
    expect(layerOfField('dns.id')).toBe('application');
    expect(layerOfField('nope.x')).toBeNull();
  });

  it('stops cleanly at a layer that does not decode', () => {
    const cut = frames[4]!.bytes.slice(0, 40);
    expect(dissect(cut, { hasFcs: false })!.layers.map((l) => l.protocol)).toEqual(['ethernet']);
    expect(dissect(new Uint8Array(5))).toBeNull();
  });

  it.skipIf(SKIP_TSHARK)("puts every byte-aligned field where Wireshark's dissectors put it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-dissect-'));
    const file = join(dir, 'c.pcap');
    writeFileSync(file, writeCapture(frames.map((f, i) => ({ tsSec: i, tsNsec: 0, data: f.bytes })), { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 4 }));
    const pdml = tshark(['-r', file, '-T', 'pdml']);
    const packets = pdml.split('<packet>').slice(1);
    expect(packets).toHaveLength(frames.length);
    let compared = 0;
    packets.forEach((xml, i) => {
      const d = dissect(frames[i]!.bytes)!;
      const theirs = new Map<string, { pos: number; size: number; value: string }>();
      for (const m of xml.matchAll(/<field name="([^"]+)"[^>]*?size="(\d+)" pos="(\d+)"[^>]*?value="([0-9a-f]*)"/g)) {
        if (!theirs.has(m[1]!)) theirs.set(m[1]!, { size: Number(m[2]), pos: Number(m[3]), value: m[4]! });
      }
      for (const layer of d.layers) {
        for (const f of layer.fields) {
          if (f.bitOffset % 8 || f.bitLength % 8) continue;
          const t = theirs.get(f.key);
          if (!t) continue;
          const bytes = frames[i]!.bytes.subarray(f.bitOffset / 8, (f.bitOffset + f.bitLength) / 8);
          expect({ key: f.key, pos: f.bitOffset / 8, size: f.bitLength / 8, value: toHex(bytes) }, `frame ${i + 1}`)
            .toEqual({ key: f.key, pos: t.pos, size: t.size, value: t.value });
          compared++;
        }
      }
    });
    expect(compared).toBeGreaterThan(150);
  });
});
