// Frames as a Linux host's own capture shows them (export --no-fcs): no FCS, no padding.
// Lengths are worked out by hand from the protocols' own sizes (Ethernet header 14,
// ARP for IPv4 over Ethernet 28 (RFC 826), IPv4 header 20, TCP header 20), and the
// exported files are judged by tshark.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../source/capture/read.js';
import { exportCapture } from '../../source/capture/trace-export.js';
import * as eth from '../../source/wire/ethernet.js';
import { complaints, SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';
import { sim } from '../sim/helpers.js';

const MAC_A = '02:00:00:00:00:01';
const MAC_B = '02:00:00:00:00:02';

function frame(etherType: number, payload: Uint8Array): Uint8Array {
  return eth.encode({ dst: MAC_B, src: MAC_A, etherType, payload });
}

/** An IPv4 header's first bytes with only the total length filled in: all the trimming reads. */
function ipv4Of(totalLength: number): Uint8Array {
  const p = new Uint8Array(totalLength);
  p[0] = 0x45;
  p[2] = totalLength >> 8;
  p[3] = totalLength & 0xff;
  return p;
}

describe('withoutFcsAndPadding', () => {
  it('cuts the FCS and the zeros that pad a short payload to 46 bytes', () => {
    // A pure ACK: 20 + 20 = 40 bytes of IPv4, padded to 60 + FCS 4 = 64 on the wire; 54 on Linux.
    const ack = frame(eth.ETHERTYPE_IPV4, ipv4Of(40));
    expect(ack.length).toBe(64);
    expect(eth.withoutFcsAndPadding(ack).length).toBe(54);
    // ARP for IPv4 over Ethernet: 8 + 2×6 + 2×4 = 28 bytes; 42 on Linux.
    const arp = new Uint8Array(28);
    arp.set([0, 1, 8, 0, 6, 4, 0, 1]);
    expect(eth.withoutFcsAndPadding(frame(eth.ETHERTYPE_ARP, arp)).length).toBe(42);
    // A full segment: 1500 bytes of IPv4, 1518 on the wire, 1514 on Linux.
    expect(eth.withoutFcsAndPadding(frame(eth.ETHERTYPE_IPV4, ipv4Of(1500))).length).toBe(1514);
    // Exactly 46 bytes of payload: nothing was padded, only the FCS goes.
    expect(eth.withoutFcsAndPadding(frame(eth.ETHERTYPE_IPV4, ipv4Of(46))).length).toBe(60);
    // The bytes kept are the frame's own.
    expect([...eth.withoutFcsAndPadding(ack)]).toEqual([...ack.subarray(0, 54)]);
  });

  it('keeps bytes after the stated length that are not zero padding, and unknown EtherTypes whole', () => {
    const p = ipv4Of(46);
    p[3] = 40; // says 40, but carries 46 bytes, the last ones not zero
    p[45] = 0xaa;
    expect(eth.withoutFcsAndPadding(frame(eth.ETHERTYPE_IPV4, p)).length).toBe(60);
    expect(eth.withoutFcsAndPadding(frame(0x88b5, new Uint8Array(10))).length).toBe(60);
  });
});

describe('exportCapture with fcs: false', () => {
  const net = sim('lan', { seed: 2024 });
  net.serveHttp('server', 80, 4000);
  net.httpGet('client', 'http://www.example.com/');
  expect(net.settle().ok).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-nofcs-'));

  for (const format of ['pcap', 'pcapng'] as const) {
    it(`${format}: declares no FCS and holds each frame without FCS and padding`, () => {
      const r = exportCapture(net.trace(), net.topology, { format, fcs: false });
      if (!r.ok) throw new Error(r.error);
      const read = [...readCaptureBytes(r.value.bytes)];
      read.forEach((item, i) => {
        if (!item.ok) throw new Error(item.error.message);
        expect(item.packet.fcsLen).toBe(0);
        const wire = net.trace().frames[r.value.frames[i]!]!.bytes;
        expect([...item.packet.data]).toEqual([...wire.subarray(0, item.packet.data.length)]);
      });
    });

    it.skipIf(SKIP_TSHARK)(`${format}: tshark sees 54-byte ACKs, 1514-byte full segments, no eth.fcs, valid checksums`, () => {
      const r = exportCapture(net.trace(), net.topology, { format, fcs: false });
      if (!r.ok) throw new Error(r.error);
      const file = join(dir, `nofcs.${format}`);
      writeFileSync(file, r.value.bytes);
      const rows = tsharkFields(file, ['frame.len', 'frame.cap_len', 'eth.type', 'ip.len', 'tcp.len', 'eth.fcs', 'eth.padding', 'tcp.checksum.status', 'ip.checksum.status']);
      expect(rows.length).toBe(r.value.frames.length);
      for (const row of rows) {
        expect(row['eth.fcs']).toBe('');
        expect(row['eth.padding']).toBe('');
        expect(row['frame.cap_len']).toBe(row['frame.len']);
        if (row['eth.type'] === '0x0806') expect(row['frame.len']).toBe('42');
        else {
          expect(row['eth.type']).toBe('0x0800');
          expect(Number(row['frame.len'])).toBe(14 + Number(row['ip.len']));
          expect(row['ip.checksum.status']).toBe('1');
          if (row['tcp.len'] !== '') expect(row['tcp.checksum.status']).toBe('1');
        }
        if (row['tcp.len'] === '0' && row['ip.len'] === '40') expect(row['frame.len']).toBe('54');
        if (row['tcp.len'] === '1460') expect(row['frame.len']).toBe('1514');
      }
      expect(rows.some((row) => row['frame.len'] === '54')).toBe(true);
      expect(rows.some((row) => row['frame.len'] === '1514')).toBe(true);
      expect(complaints(file, '_ws.malformed || _ws.expert.severity==error || ip.checksum.status==0 || tcp.checksum.status==0 || udp.checksum.status==0')).toBe('');
    });
  }
});
