// Exported captures judged by tshark: what the simulator writes must read, under
// Wireshark's strictest checks, as a clean conversation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../source/capture/read.js';
import { seqDiff } from '../../source/wire/seq.js';
import { exportCapture, type CaptureOptions } from '../../source/capture/trace-export.js';
import type { Network } from '../../source/sim/network.js';
import { complaints, SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';
import { decodeFrame, sim, stepsOf } from '../sim/helpers.js';

const BAD = '_ws.malformed || _ws.expert.severity==error || tcp.analysis.flags'
  + ' || eth.fcs.status==0 || ip.checksum.status==0 || tcp.checksum.status==0 || udp.checksum.status==0';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-sim-'));
let fileNo = 0;

function save(net: Network, opts: CaptureOptions = {}) {
  const r = exportCapture(net.trace(), net.topology, opts);
  if (!r.ok) throw new Error(r.error);
  const file = join(dir, `capture-${++fileNo}.${opts.format ?? 'pcapng'}`);
  writeFileSync(file, r.value.bytes);
  return { file, ...r.value };
}

/** The whole journey: DNS, ARP, handshake, HTTP GET, a response in several segments, close. */
function journey(topology: 'lan' | 'two-routers', bodyLength = 4000) {
  const net = sim(topology, { seed: 2024 });
  net.serveHttp('server', 80, bodyLength);
  const get = net.httpGet('client', 'http://www.example.com/');
  expect(net.settle().ok).toBe(true);
  expect(get.status).toBe('done');
  expect(get.response!.body.length).toBe(bodyLength);
  return { net, get };
}

describe('capture export', () => {
  it('captures on the first host by default, numbering frames from 1 in time order', () => {
    const { net } = journey('lan');
    const c = save(net);
    const t = net.trace();
    expect(c.point).toBe('iface client:eth0');
    // Every frame the client sent, and every frame that reached it, once.
    const expected = t.frames.filter((f) => f.from === 'client:eth0' || f.to === 'client:eth0').map((f) => f.id);
    expect([...c.frames].sort((a, b) => a - b)).toEqual(expected);
    expect(c.frames.map((id) => c.frameNumbers.get(id))).toEqual(c.frames.map((_, i) => i + 1));
    const read = [...readCaptureBytes(c.bytes)];
    expect(read).toHaveLength(c.frames.length);
    read.forEach((item, i) => {
      if (!item.ok) throw new Error(item.error.message);
      expect(item.packet.data).toEqual(t.frames[c.frames[i]!]!.bytes);
      expect(item.packet.fcsLen).toBe(4);
    });
  });

  it('refuses a capture point that would see a frame twice or does not exist', () => {
    const net = sim('two-routers');
    const capture = (point: CaptureOptions['point']) => exportCapture(net.trace(), net.topology, { point });
    expect(capture({ node: 'r1' })).toMatchObject({ ok: false, error: expect.stringMatching(/2 interfaces/) });
    expect(capture({ link: 'nope' })).toMatchObject({ ok: false });
    expect(capture({ node: 'server' })).toMatchObject({ ok: true, value: { point: 'iface server:eth0' } });
  });
});

describe.skipIf(SKIP_TSHARK)('tshark judges the simulator', () => {
  it('lan journey, captured on the client: clean, and the relative seq/ack Wireshark shows', () => {
    const { net } = journey('lan');
    const c = save(net);
    expect(complaints(c.file, BAD)).toBe('');
    const rows = tsharkFields(c.file, ['frame.number', 'eth.fcs.status', 'ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status',
      'arp.opcode', 'dns.qry.name', 'dns.a', 'tcp.stream', 'tcp.flags.str', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.seq_raw', 'http.request.method', 'http.response.code']);
    expect(rows).toHaveLength(c.frames.length);
    for (const r of rows) {
      expect(r['eth.fcs.status']).toBe('1');
      if (r['ip.checksum.status']) expect(r['ip.checksum.status']).toBe('1');
      if (r['tcp.checksum.status']) expect(r['tcp.checksum.status']).toBe('1');
      if (r['udp.checksum.status']) expect(r['udp.checksum.status']).toBe('1');
    }
    // DNS → ARP → handshake → GET → response → close, in that order.
    const firstRow = (pred: (r: Record<string, string>) => boolean) => rows.findIndex(pred);
    const dnsQuery = firstRow((r) => r['dns.qry.name'] === 'www.example.com');
    const dnsAnswer = firstRow((r) => r['dns.a'] === '192.168.1.80');
    const arpForServer = rows.findIndex((r, i) => i > dnsAnswer && r['arp.opcode'] === '1');
    const syn = firstRow((r) => r['tcp.flags.str']?.includes('S') === true && !r['tcp.flags.str'].includes('A'));
    const getReq = firstRow((r) => r['http.request.method'] === 'GET');
    const ok = firstRow((r) => r['http.response.code'] === '200');
    const fin = firstRow((r) => r['tcp.flags.str']?.includes('F') === true);
    expect([dnsQuery, dnsAnswer, arpForServer, syn, getReq, ok, fin].every((x) => x >= 0)).toBe(true);
    expect(dnsQuery).toBeLessThan(dnsAnswer);
    expect(dnsAnswer).toBeLessThan(arpForServer);
    expect(arpForServer).toBeLessThan(syn);
    expect(syn).toBeLessThan(getReq);
    expect(getReq).toBeLessThan(ok);
    expect(ok).toBeLessThan(fin);
    // The textbook numbers.
    const tcpRows = rows.filter((r) => r['tcp.stream'] === '0');
    expect(tcpRows[0]).toMatchObject({ 'tcp.seq': '0', 'tcp.len': '0' });
    expect(tcpRows[1]).toMatchObject({ 'tcp.seq': '0', 'tcp.ack': '1' });
    expect(tcpRows[2]).toMatchObject({ 'tcp.seq': '1', 'tcp.ack': '1' });
    const request = rows[getReq]!;
    expect(request['tcp.seq']).toBe('1');
    // The response came in several segments, each with its own seq, MSS apart.
    const fromServer = tcpRows.filter((r) => Number(r['tcp.len']) > 0 && r !== request && r['http.request.method'] === '');
    expect(fromServer.length).toBeGreaterThanOrEqual(3);
    expect(fromServer.slice(0, 3).map((r) => r['tcp.seq'])).toEqual(['1', '1461', '2921']);
    // And they match the trace's own relative numbers.
    const t = net.trace();
    const synFrame = decodeFrame(t.frames[c.frames[syn]!]!.bytes).tcp!;
    expect(Number(tcpRows[2]!['tcp.seq_raw'])).toBe((synFrame.seq + 1) >>> 0);
    expect(seqDiff(decodeFrame(t.frames[c.frames[getReq]!]!.bytes).tcp!.seq, synFrame.seq)).toBe(1);
  });

  it('two-routers journey: clean on the client LAN and on the transit link, TTL 63 on transit', () => {
    const { net } = journey('two-routers', 3000);
    const client = save(net, { format: 'pcap' });
    expect(complaints(client.file, BAD)).toBe('');
    const transit = save(net, { point: { link: 'transit' } });
    expect(complaints(transit.file, BAD)).toBe('');
    const rows = tsharkFields(transit.file, ['ip.src', 'ip.ttl', 'eth.src']);
    const fromClient = rows.filter((r) => r['ip.src'] === '10.0.1.10');
    expect(fromClient.length).toBeGreaterThan(3);
    expect(fromClient.every((r) => r['ip.ttl'] === '63' && r['eth.src'] === '02:00:00:00:00:01')).toBe(true);
  });

  it('ping and an ICMP time exceeded are clean too', () => {
    const net = sim('two-routers');
    const ok = net.ping('client', '10.0.2.80', { count: 2 });
    net.settle();
    const expired = net.ping('client', '10.0.2.80', { ttl: 2 });
    net.settle();
    expect(ok.replies).toHaveLength(2);
    expect(expired.errors).toEqual(['time exceeded from 10.0.0.2']);
    const c = save(net);
    expect(complaints(c.file, `${BAD} || icmp.checksum.status==0`)).toBe('');
    const rows = tsharkFields(c.file, ['icmp.type', 'icmp.checksum.status', 'icmp.seq']);
    expect(rows.filter((r) => r['icmp.type'] !== '').map((r) => r['icmp.type'])).toEqual(['8', '0', '8', '0', '8', '11']);
    expect(rows.filter((r) => r['icmp.type'] !== '').every((r) => r['icmp.checksum.status'] === '1')).toBe(true);
  });

  it('a corrupted frame shows as a bad FCS at the receiver, and nowhere else', () => {
    const net = sim('direct');
    net.impair('client-server', { match: { from: 'server', protocol: 'tcp', flags: 'SA' }, nth: 1, action: 'corrupt' });
    net.listen('server', 80);
    net.connect('client', '192.168.1.80', 80);
    net.settle();
    const atServer = save(net, { point: { iface: 'server:eth0' } });
    expect(complaints(atServer.file, 'eth.fcs.status==0')).toBe('');
    const atClient = save(net);
    expect(complaints(atClient.file, 'eth.fcs.status==0')).not.toBe('');
    expect(stepsOf(net.trace(), 'link-fate')).toHaveLength(1);
  });
});
