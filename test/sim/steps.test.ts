import { describe, expect, it } from 'vitest';
import * as arpWire from '../../source/wire/arp.js';
import * as eth from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import * as tcp from '../../source/wire/tcp.js';
import { decodeFrame, sim, stepsOf } from './helpers.js';
import type { Trace } from '../../source/sim/trace.js';

function handshakeTrace(): Trace {
  const net = sim('direct');
  net.serveHttp('server', 80, 100);
  net.httpGet('client', 'http://192.168.1.80/');
  net.settle();
  return net.trace();
}

describe('encapsulation steps', () => {
  it('for one TCP frame: transport, internet, link, each field in layout order, values as the bytes decode', () => {
    const t = handshakeTrace();
    const syn = t.frames.find((f) => decodeFrame(f.bytes).tcp?.flags.syn && f.from === 'client:eth0')!;
    const steps = t.steps.filter((s) => 'frame' in s && s.frame === syn.id && s.kind.startsWith('encap'));
    const layers = steps.filter((s) => s.kind === 'encap-begin').map((s) => 'protocol' in s && s.protocol);
    expect(layers).toEqual(['tcp', 'ipv4', 'ethernet']);
    const ends = stepsOf({ ...t, steps }, 'encap-end');
    expect(ends.map((e) => [e.layer, e.pdu, e.length])).toEqual([
      ['transport', 'segment', 24], ['internet', 'packet', 44], ['link', 'frame', 64],
    ]);
    const fields = stepsOf({ ...t, steps }, 'encap-field');
    const keysOf = (p: string) => fields.filter((f) => f.protocol === p).map((f) => f.key);
    expect(keysOf('tcp')).toEqual(tcp.LAYOUT.map((f) => f.key));
    expect(keysOf('ipv4')).toEqual(ipv4.LAYOUT.filter((f) => f.bitLength > 0).map((f) => f.key));
    expect(keysOf('ethernet')).toEqual([...eth.LAYOUT.map((f) => f.key), 'eth.fcs']);
    const d = decodeFrame(syn.bytes);
    const value = (k: string) => fields.find((f) => f.key === k)!;
    expect(value('tcp.seq').value).toBe(String(d.tcp!.seq));
    expect(value('tcp.srcport').value).toBe(String(d.tcp!.srcPort));
    expect(value('tcp.flags.syn').value).toBe('1');
    expect(value('tcp.flags.ack').value).toBe('0');
    expect(value('tcp.checksum').value).toBe(`0x${d.tcp!.checksum.toString(16).padStart(4, '0')}`);
    expect(value('tcp.options').value).toBe('02 04 05 b4');
    expect(value('ip.ttl').value).toBe('64');
    expect(value('ip.src').value).toBe('192.168.1.10');
    expect(value('ip.checksum').value).toBe(`0x${d.ip!.checksum.toString(16).padStart(4, '0')}`);
    expect(value('eth.dst').value).toBe(d.eth.dst);
    expect(value('eth.type').value).toBe('0x0800');
    expect(value('eth.fcs').value).toBe(`0x${d.eth.fcs!.toString(16).padStart(8, '0')}`);
    // Bit offsets are places in the whole frame.
    expect(value('eth.dst').bitOffset).toBe(0);
    expect(value('ip.version').bitOffset).toBe(14 * 8);
    expect(value('tcp.srcport').bitOffset).toBe(34 * 8);
    expect(value('tcp.options').bitLength).toBe(32);
    expect(value('eth.fcs').bitOffset).toBe((syn.bytes.length - 4) * 8);
    // And everything before the transmit step.
    const transmitAt = t.steps.findIndex((s) => s.kind === 'transmit' && s.frame === syn.id);
    expect(t.steps.indexOf(steps.at(-1)!)).toBeLessThan(transmitAt);
  });

  it('an HTTP request adds the application layer first, and ARP rides straight in Ethernet', () => {
    const t = handshakeTrace();
    const get = t.frames.find((f) => f.from === 'client:eth0' && (decodeFrame(f.bytes).tcp?.payload.length ?? 0) > 0)!;
    const begins = stepsOf(t, 'encap-begin').filter((s) => s.frame === get.id);
    expect(begins.map((b) => [b.layer, b.protocol])).toEqual([['application', 'http'], ['transport', 'tcp'], ['internet', 'ipv4'], ['link', 'ethernet']]);
    const app = stepsOf(t, 'encap-end').find((e) => e.frame === get.id && e.layer === 'application')!;
    // RFC 9110 §6: what HTTP sends is a message.
    expect(app).toMatchObject({ pdu: 'message', length: decodeFrame(get.bytes).tcp!.payload.length });
    const arpBegins = stepsOf(t, 'encap-begin').filter((s) => s.frame === 0);
    expect(arpBegins.map((b) => b.protocol)).toEqual(['arp', 'ethernet']);
    // RFC 1122 §2.3.2: ARP belongs to the link layer, like the Ethernet frame that carries it.
    expect(arpBegins.map((b) => b.layer)).toEqual(['link', 'link']);
    expect(stepsOf(t, 'encap-field').filter((s) => s.frame === 0 && s.protocol === 'arp').map((s) => s.key)).toEqual(arpWire.LAYOUT.map((f) => f.key));
    expect(stepsOf(t, 'encap-field').find((s) => s.frame === 0 && s.key === 'arp.opcode')!.value).toBe('1');
  });

  it('the app-write step comes before the segment that carries it', () => {
    const t = handshakeTrace();
    const w = t.steps.findIndex((s) => s.kind === 'app-write' && s.host === 'client');
    expect(t.steps[w]).toMatchObject({ preview: 'GET / HTTP/1.1\\r\\nHost: 192.168.1.80\\r\\nUser…' });
    const enc = t.steps.indexOf(stepsOf(t, 'encap-begin').find((s) => s.layer === 'application')!);
    expect(w).toBeLessThan(enc);
  });
});

describe('decapsulation steps', () => {
  it('the server checks a SYN bottom-up: dst MAC, FCS, IP checksum, dst IP, TCP checksum, port, seq', () => {
    const t = handshakeTrace();
    const syn = t.frames.find((f) => decodeFrame(f.bytes).tcp?.flags.syn && f.from === 'client:eth0')!;
    const steps = t.steps.filter((s) => (s.kind === 'decap-check' || s.kind === 'decap-strip') && s.frame === syn.id);
    expect(steps.map((s) => (s.kind === 'decap-check' ? s.check : s.kind === 'decap-strip' ? `strip ${s.layer}` : s.kind))).toEqual([
      'eth.dst', 'eth.fcs', 'strip link', 'ip.checksum', 'ip.dst', 'strip internet', 'tcp.checksum', 'port', 'tcp.seq', 'strip transport',
    ]);
    const checks = stepsOf({ ...t, steps }, 'decap-check');
    expect(checks.every((c) => c.ok && c.node === 'server')).toBe(true);
    expect(checks.find((c) => c.check === 'ip.dst')).toMatchObject({ expected: '192.168.1.80', actual: '192.168.1.80' });
    expect(checks.find((c) => c.check === 'eth.fcs')!.expected).toBe(checks.find((c) => c.check === 'eth.fcs')!.actual);
    expect(checks.find((c) => c.check === 'port')).toMatchObject({ expected: 'LISTEN', actual: '80' });
    expect(checks.find((c) => c.check === 'tcp.seq')!.verdict).toBe('no-data');
    // The arrive step comes first, and a TCP state change follows.
    const arrive = t.steps.findIndex((s) => s.kind === 'arrive' && s.frame === syn.id);
    expect(arrive).toBeLessThan(t.steps.indexOf(steps[0]!));
    const state = t.steps.findIndex((s) => s.kind === 'tcp-state' && s.host === 'server' && s.to === 'SYN_RECEIVED');
    expect(state).toBeGreaterThan(t.steps.indexOf(steps[0]!));
  });

  it('a segment to a closed port fails the port check and is answered with RST', () => {
    const net = sim('direct');
    const c = net.connect('client', '192.168.1.80', 81);
    net.settle();
    const t = net.trace();
    expect(stepsOf(t, 'decap-check').find((x) => x.check === 'port')).toMatchObject({ ok: false, node: 'server', actual: '81' });
    expect(stepsOf(t, 'tcp-reset').find((x) => x.host === 'server')).toMatchObject({ socket: null, reason: { code: 'no-listener', port: 81 } });
    const rst = t.frames.map((f) => decodeFrame(f.bytes).tcp).find((s) => s?.flags.rst)!;
    const syn = t.frames.map((f) => decodeFrame(f.bytes).tcp).find((s) => s?.flags.syn)!;
    expect(rst.ack).toBe((syn.seq + 1) >>> 0);
    expect(net.socket(c)!.state).toBe('CLOSED');
  });
});

describe('snapshots', () => {
  it('one per step, shared while nothing changes, and showing the sockets as they are', () => {
    const t = handshakeTrace();
    expect(t.snapshots).toHaveLength(t.steps.length);
    const distinct = new Set(t.snapshots).size;
    expect(distinct).toBeLessThan(t.steps.length / 4);
    const established = t.steps.findIndex((s) => s.kind === 'tcp-state' && s.host === 'client' && s.to === 'ESTABLISHED');
    expect(t.snapshots[established]!.sockets['client#1']!.state).toBe('ESTABLISHED');
    expect(t.snapshots[0]!.sockets['client#1']!.state).toBe('SYN_SENT');
    expect(t.sockets.map((s) => s.id)).toEqual(['client#1', 'server#1']);
  });
});
