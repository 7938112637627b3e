import { describe, expect, it } from 'vitest';
import { dissect, partOf, tcpFlagNames } from '../../source/player/dissect.js';
import { CLIENT, CLIENT_ISN, GET_BYTES, R1_LAN, TRACE, frameWithFlags } from './fixtures.js';

describe('dissect', () => {
  it('finds every layer and field of the SYN in its bytes', () => {
    const d = dissect(TRACE.frames[frameWithFlags('S')]!.bytes);
    expect(d.parts.map((p) => [p.layer, p.protocol])).toEqual([
      ['transport', 'tcp'], ['internet', 'ipv4'], ['link', 'ethernet'],
    ]);
    expect(d.fields.get('eth.dst')).toMatchObject({ value: R1_LAN.mac, range: { start: 0, end: 6 } });
    expect(d.fields.get('eth.src')?.value).toBe(CLIENT.mac);
    expect(d.fields.get('eth.type')?.value).toBe('0x0800');
    expect(d.fields.get('ip.ttl')).toMatchObject({ value: '64', range: { start: 22, end: 23 } });
    expect(d.fields.get('tcp.seq')).toMatchObject({ value: String(CLIENT_ISN), range: { start: 38, end: 42 } });
    // MSS option: 4 bytes after the fixed header.
    expect(d.fields.get('tcp.options')?.range).toEqual({ start: 54, end: 58 });
    // Minimum frame: 60 bytes padded, then 4 bytes of FCS.
    expect(d.length).toBe(64);
    expect(d.fields.get('eth.fcs')?.range).toEqual({ start: 60, end: 64 });
    expect(partOf(d, 'internet')?.pdu).toEqual({ start: 14, end: 58 });
    expect(tcpFlagNames(d.tcp!)).toBe('SYN');
  });

  it('names flags as Wireshark does, lowest bit first', () => {
    expect(tcpFlagNames(dissect(TRACE.frames[frameWithFlags('S.')]!.bytes).tcp!)).toBe('SYN, ACK');
    expect(tcpFlagNames(dissect(TRACE.frames[frameWithFlags('P.')]!.bytes).tcp!)).toBe('PSH, ACK');
  });

  it('finds the HTTP request line and Host in the GET', () => {
    const d = dissect(TRACE.frames[frameWithFlags('P.')]!.bytes);
    const app = partOf(d, 'application')!;
    expect(app.protocol).toBe('http');
    expect(app.pdu.end - app.pdu.start).toBe(GET_BYTES.length);
    expect(d.fields.get('http.request.method')).toMatchObject({ value: 'GET', range: { start: app.pdu.start, end: app.pdu.start + 3 } });
    expect(d.fields.get('http.host')?.value).toBe('www.example.com');
    expect(d.appPreview).toBe('GET / HTTP/1.1');
  });

  it('dissects what it can of bytes the codecs refuse', () => {
    expect(dissect(new Uint8Array(5)).parts).toEqual([]);
  });
});
