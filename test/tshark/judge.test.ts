// tshark as the outside judge: every frame our codecs write must read back, under
// Wireshark's strictest checks, as the frame we meant.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINKTYPE_ETHERNET } from '../../source/capture/linklayer.js';
import { writeCapture } from '../../source/capture/write.js';
import { crc32 } from '../../source/wire/crc32.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import { seqDiff } from '../../source/wire/seq.js';
import { CLIENT, CLIENT_ISN, conversation, SERVER_ISN, type Frame } from '../helpers/frames.js';
import { complaints, SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

const BAD = '_ws.malformed || _ws.expert.severity==error || tcp.analysis.flags'
  + ' || eth.fcs.status==0 || ip.checksum.status==0 || tcp.checksum.status==0 || udp.checksum.status==0';

function packets(frames: Frame[], stripFcs = false) {
  return frames.map((f, i) => ({
    tsSec: 1_700_000_000 + Math.floor(i / 10),
    tsNsec: (i % 10) * 100_000_000 + 123_456,
    data: stripFcs ? f.bytes.subarray(0, f.bytes.length - 4) : f.bytes,
  }));
}

describe.skipIf(SKIP_TSHARK)('tshark reads our frames as we meant them', () => {
  const frames = conversation();
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-judge-'));
  const files = {
    'pcap with FCS': join(dir, 'fcs.pcap'),
    'pcapng with FCS (nanoseconds)': join(dir, 'fcs.pcapng'),
    'pcap without FCS': join(dir, 'nofcs.pcap'),
    'pcap, big-endian': join(dir, 'be.pcap'),
  };

  beforeAll(() => {
    writeFileSync(files['pcap with FCS'], writeCapture(packets(frames), { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 4 }));
    writeFileSync(files['pcapng with FCS (nanoseconds)'],
      writeCapture(packets(frames), { format: 'pcapng', linkType: LINKTYPE_ETHERNET, fcsLen: 4, nanosecond: true }));
    writeFileSync(files['pcap without FCS'], writeCapture(packets(frames, true), { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 0 }));
    writeFileSync(files['pcap, big-endian'],
      writeCapture(packets(frames), { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 4, byteOrder: 'big' }));
  });

  for (const [what, file] of Object.entries(files)) {
    it(`${what}: no bad checksum, bad FCS, malformed packet, error or TCP analysis warning`, () => {
      expect(complaints(file, BAD)).toBe('');
      const rows = tsharkFields(file, ['frame.number', 'frame.len', 'frame.time_epoch', 'eth.fcs.status', 'ip.checksum.status',
        'tcp.checksum.status', 'udp.checksum.status']);
      expect(rows).toHaveLength(frames.length);
      rows.forEach((row, i) => {
        const label = `${what}, frame ${i + 1} (${frames[i]!.label})`;
        expect(Number(row['frame.len']), label).toBe(frames[i]!.bytes.length - (what.includes('without') ? 4 : 0));
        const p = packets(frames)[i]!;
        const micro = what.includes('nanoseconds') ? p.tsNsec : Math.floor(p.tsNsec / 1000) * 1000;
        expect(row['frame.time_epoch'], label).toBe(`${p.tsSec}.${String(micro).padStart(9, '0')}`);
        // Status 1 is "Good": tshark really checked it. An empty column means it did not apply.
        if (!what.includes('without')) expect(row['eth.fcs.status'], label).toBe('1');
        if (i >= 2) expect(row['ip.checksum.status'], label).toBe('1');
        if (frames[i]!.tcp) expect(row['tcp.checksum.status'], label).toBe('1');
        if (frames[i]!.label.startsWith('DNS')) expect(row['udp.checksum.status'], label).toBe('1');
      });
    });
  }

  it('is a judge that objects: a bad TCP checksum, IP checksum or FCS is flagged', () => {
    const syn = frames.findIndex((f) => f.label === 'SYN');
    const broken = (mutate: (b: Uint8Array) => void) => {
      const copy = frames.map((f) => ({ ...f, bytes: f.bytes.slice() }));
      mutate(copy[syn]!.bytes);
      const file = join(dir, `broken-${Math.random().toString(36).slice(2)}.pcap`);
      writeFileSync(file, writeCapture(packets(copy), { format: 'pcap', linkType: LINKTYPE_ETHERNET, fcsLen: 4 }));
      return file;
    };
    const refcs = (b: Uint8Array) => {
      const fcs = crc32(b, 0, b.length - 4);
      b.set([fcs & 0xff, (fcs >>> 8) & 0xff, (fcs >>> 16) & 0xff, fcs >>> 24], b.length - 4);
    };
    // TCP checksum field: Ethernet 14 + IPv4 20 + offset 16.
    expect(complaints(broken((b) => { b[14 + 20 + 16] = b[14 + 20 + 16]! ^ 0xff; refcs(b); }), 'tcp.checksum.status==0')).not.toBe('');
    expect(complaints(broken((b) => { b[14 + 8] = 1; refcs(b); }), 'ip.checksum.status==0')).not.toBe('');
    expect(complaints(broken((b) => { b[b.length - 1] = b[b.length - 1]! ^ 0x01; }), 'eth.fcs.status==0')).not.toBe('');
  });

  it('reads every TCP field as we wrote it, and the relative numbers we teach', () => {
    const rows = tsharkFields(files['pcap with FCS'], ['tcp.stream', 'ip.src', 'tcp.srcport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.seq',
      'tcp.ack', 'tcp.len', 'tcp.nxtseq', 'tcp.flags.syn', 'tcp.flags.fin', 'tcp.flags.push', 'tcp.flags.ack', 'tcp.options.mss_val',
      'tcp.options.wscale.shift', 'tcp.options.timestamp.tsval', 'tcp.window_size_value']);
    const checked = frames.map((f, i) => [f, rows[i]!] as const).filter(([f]) => f.tcp);
    expect(checked).toHaveLength(11);
    for (const [f, row] of checked) {
      const t = f.tcp!;
      const fromClient = row['ip.src'] === CLIENT.ip;
      const isn = fromClient ? CLIENT_ISN : SERVER_ISN;
      const peerIsn = fromClient ? SERVER_ISN : CLIENT_ISN;
      expect(row['tcp.stream'], f.label).toBe('0');
      expect(Number(row['tcp.seq_raw']), f.label).toBe(t.seq);
      expect(Number(row['tcp.seq']), f.label).toBe(seqDiff(t.seq, isn));
      if (t.ack === null) expect(row['tcp.flags.ack'], f.label).toMatch(/^(0|False)$/);
      else {
        expect(Number(row['tcp.ack_raw']), f.label).toBe(t.ack);
        expect(Number(row['tcp.ack']), f.label).toBe(seqDiff(t.ack, peerIsn));
      }
      expect(Number(row['tcp.len']), f.label).toBe(t.len);
      expect(row['tcp.flags.syn'], f.label).toMatch(t.flags.includes('S') ? /^(1|True)$/ : /^(0|False)$/);
      expect(row['tcp.flags.fin'], f.label).toMatch(t.flags.includes('F') ? /^(1|True)$/ : /^(0|False)$/);
      expect(row['tcp.flags.push'], f.label).toMatch(t.flags.includes('P') ? /^(1|True)$/ : /^(0|False)$/);
      expect(Number(row['tcp.window_size_value']), f.label).toBe(502);
    }
    const byLabel = Object.fromEntries(checked.map(([f, row]) => [f.label, row]));
    // The textbook numbers, in relative terms, as Wireshark shows them.
    expect(byLabel['SYN']!['tcp.seq']).toBe('0');
    expect(byLabel['SYN']!['tcp.options.mss_val']).toBe('1460');
    expect(byLabel['SYN']!['tcp.options.wscale.shift']).toBe('7');
    expect(byLabel['SYN']!['tcp.options.timestamp.tsval']).toBe('1000');
    expect(byLabel['SYN-ACK']!['tcp.ack']).toBe('1');
    expect(byLabel['ACK']!['tcp.seq']).toBe('1');
    expect(byLabel['ACK']!['tcp.ack']).toBe('1');
    expect(byLabel['response 1/2']!['tcp.seq']).toBe('1');
    expect(byLabel['response 2/2']!['tcp.seq']).toBe('1461');
    // nxtseq = seq + len, and the FIN counts one more.
    expect(Number(byLabel['FIN from server']!['tcp.nxtseq'])).toBe(Number(byLabel['FIN from server']!['tcp.seq']) + 1);
    expect(Number(byLabel['last ACK']!['tcp.ack'])).toBe(Number(byLabel['FIN-ACK from client']!['tcp.seq']) + 1);
    // The raw numbers really wrapped past 2^32 inside the conversation.
    expect(Number(byLabel['response 2/2']!['tcp.seq_raw'])).toBeLessThan(Number(byLabel['response 1/2']!['tcp.seq_raw']));
  });

  it('reads the Ethernet, IP, ARP, DNS and HTTP fields as we wrote them', () => {
    const rows = tsharkFields(files['pcapng with FCS (nanoseconds)'], ['eth.src', 'eth.dst', 'eth.type', 'ip.ttl', 'ip.id', 'ip.len',
      'ip.flags.df', 'arp.opcode', 'arp.src.proto_ipv4', 'arp.dst.proto_ipv4', 'arp.src.hw_mac', 'dns.id', 'dns.qry.name',
      'dns.cname', 'dns.a', 'dns.flags.response', 'udp.srcport', 'udp.dstport', 'http.request.method', 'http.request.uri',
      'http.response.code', 'http.content_length']);
    const [arpReq, arpRep, q, a, , , , get, , , resp2] = rows;
    expect(arpReq).toMatchObject({ 'eth.dst': 'ff:ff:ff:ff:ff:ff', 'eth.type': '0x0806', 'arp.opcode': '1',
      'arp.src.proto_ipv4': '192.168.1.10', 'arp.dst.proto_ipv4': '192.168.1.53', 'arp.src.hw_mac': CLIENT.mac });
    expect(arpRep).toMatchObject({ 'arp.opcode': '2', 'arp.src.hw_mac': '02:00:00:00:00:35' });
    expect(q).toMatchObject({ 'eth.type': '0x0800', 'ip.ttl': '64', 'ip.id': '0x1000', 'dns.id': '0x4a2f',
      'dns.qry.name': 'www.example.com', 'dns.flags.response': expect.stringMatching(/^(0|False)$/), 'udp.dstport': '53' });
    const ours = ipv4.decode(frames[2]!.bytes, 14);
    expect(Number(q!['ip.len'])).toBe(ours.ok && ours.value.totalLength);
    expect(q!['ip.flags.df']).toMatch(/^(1|True)$/);
    expect(a).toMatchObject({ 'dns.cname': 'example.com', 'dns.a': '192.168.1.80', 'dns.flags.response': expect.stringMatching(/^(1|True)$/) });
    expect(get).toMatchObject({ 'http.request.method': 'GET', 'http.request.uri': '/' });
    expect(resp2).toMatchObject({ 'http.response.code': '200', 'http.content_length': '2000' });
  });
});
