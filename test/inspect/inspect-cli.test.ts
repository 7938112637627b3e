// `tcp-tutor inspect` as a learner meets it: tcpdump-style lines, the per-stream summary,
// notes said once, both languages, --json keys, --stream, and plain one-line errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../source/capture/read.js';
import { main } from '../../source/cli/main.js';
import { inspectItems } from '../../source/cli/commands/inspect.js';
import { A, B, capture, ipFrame, tcpFrame, withFcs } from './builder.js';
import { SCENARIOS } from './scenarios.js';

const CAPTURES = 'captures';
const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-inspect-cli-'));

async function run(argv: string[], lang: 'en' | 'ko' = 'en') {
  let out = '';
  let err = '';
  const env = { LANG: lang === 'ko' ? 'ko_KR.UTF-8' : 'en_US.UTF-8' };
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env });
  return { code, out, err, lines: out.split('\n').filter((l) => l.length > 0) };
}

function write(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const HANDSHAKE = join(CAPTURES, 'handshake-get-close.pcap');

describe('inspect, text', () => {
  it('prints one tcpdump-style line per packet: ARP, DNS, then the TCP conversation with relative numbers', async () => {
    const { code, lines, err } = await run(['inspect', HANDSHAKE]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(lines[0]).toMatch(/^ {3}1 \d\d:\d\d:\d\d\.\d{6} ARP, Request who-has 10\.200\.0\.2 tell 10\.200\.0\.1$/);
    expect(lines[1]).toMatch(/ARP, Reply 10\.200\.0\.2 is-at ([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(lines[2]).toMatch(/IP 10\.200\.0\.1\.\d+ > 10\.200\.0\.2\.53: 18991\+ A\? server\.test\. \(29\)$/);
    expect(lines[3]).toMatch(/IP 10\.200\.0\.2\.53 > 10\.200\.0\.1\.\d+: 18991 1\/0\/0 A 10\.200\.0\.2 \(45\)$/);
    expect(lines[4]).toMatch(/IP 10\.200\.0\.1\.\d+ > 10\.200\.0\.2\.8000: Flags \[S\], seq 0, win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 10\], length 0$/);
    expect(lines[5]).toMatch(/Flags \[S\.\], seq 0, ack 1, win 65160, options \[mss 1460,sackOK,TS val \d+ ecr \d+,nop,wscale 10\], length 0$/);
    expect(lines[6]).toMatch(/Flags \[\.\], seq 1, ack 1, win \d+, length 0$/);
    expect(lines[7]).toMatch(/Flags \[P\.\], seq 1:90, ack 1, win \d+, length 89$/);
    expect(lines[13]).toMatch(/Flags \[F\.\], seq 260, ack 90, win \d+, length 0$/);
  });

  it('ends with a summary of each stream: endpoints, handshake, bytes each way, retransmissions, how it closed', async () => {
    const { out } = await run(['inspect', HANDSHAKE]);
    expect(out).toMatch(/TCP streams: 1\nstream 0: 10\.200\.0\.1:\d+ ⇄ 10\.200\.0\.2:8000, frames 5–16\n/);
    expect(out).toContain('  handshake: complete (SYN, SYN-ACK, ACK), 10.200.0.1:');
    expect(out).toMatch(/10\.200\.0\.1:\d+ → 10\.200\.0\.2:8000: 89 data bytes in 6 segments, 0 retransmitted/);
    expect(out).toMatch(/10\.200\.0\.2:8000 → 10\.200\.0\.1:\d+: 259 data bytes in 6 segments, 0 retransmitted/);
    expect(out).toContain('  closed with FIN from both sides');
    expect(out).toContain('other packets: 2 ARP, 2 DNS');
  });

  it('speaks Korean', async () => {
    const { out } = await run(['inspect', HANDSHAKE], 'ko');
    expect(out).toContain('TCP 스트림: 1개');
    expect(out).toContain('핸드셰이크: 완료 (SYN, SYN-ACK, ACK)');
    expect(out).toContain('양쪽 모두 FIN을 보내 닫힘');
    expect(out).toContain('그 밖의 패킷: ARP 2개, DNS 2개');
    const loss = await run(['inspect', join(CAPTURES, 'loss-retransmissions.pcap')], 'ko');
    expect(loss.out).toContain('[TCP 빠른 재전송]');
    expect(loss.out).toContain('[TCP 앞 세그먼트가 캡처되지 않음]');
    expect(loss.out).toMatch(/\[TCP 중복 ACK #1\]/);
  });

  it('shows raw sequence numbers with --absolute', async () => {
    const json = (await run(['inspect', HANDSHAKE, '--json'])).lines.map((l) => JSON.parse(l) as { seq?: number; ack?: number | null });
    const { lines } = await run(['inspect', HANDSHAKE, '--absolute']);
    expect(lines[7]).toContain(`seq ${json[7]!.seq}:${json[7]!.seq! + 89}, ack ${json[7]!.ack}`);
  });

  it('names every analysis verdict the way Wireshark does, with the duplicate ACK count', async () => {
    const { out } = await run(['inspect', join(CAPTURES, 'loss-retransmissions.pcap')]);
    for (const note of ['[TCP Previous segment not captured]', '[TCP Dup ACK #1]', '[TCP Dup ACK #2]', '[TCP Fast Retransmission]']) {
      expect(out).toContain(note);
    }
    expect(out).toMatch(/10\.200\.0\.2:8000 → 10\.200\.0\.1:\d+: 90,141 data bytes in \d+ segments, [1-9]\d* retransmitted/);
  });

  it('says once, not per packet, that loopback checksums look offloaded', async () => {
    const { out } = await run(['inspect', join(CAPTURES, 'loopback-offload.pcap')]);
    expect(out.match(/checksums of packets sent by this host look offloaded: 127\.0\.0\.1\./g)).toHaveLength(1);
    expect(out).not.toContain('bad TCP checksum');
  });

  it('marks a checksum that is simply wrong on its packet, with the value it should have', async () => {
    const good = tcpFrame(A, B, { seq: 1, ack: 1, len: 10 });
    const badTcp = good.slice();
    badTcp[14 + 20 + 16] = badTcp[14 + 20 + 16]! ^ 0x5a; // TCP checksum field
    const badIp = tcpFrame(A, B, { seq: 11, ack: 1, len: 10 }).slice();
    badIp[14 + 10] = badIp[14 + 10]! ^ 0x01; // IP header checksum field
    const file = write('bad-checksums.pcap', capture([{ us: 0, data: good }, { us: 1, data: badTcp }, { us: 2, data: badIp }]));
    const { lines, out } = await run(['inspect', file]);
    expect(lines[0]).not.toContain('[bad');
    expect(lines[1]).toMatch(/\[bad TCP checksum 0x[0-9a-f]{4}, should be 0x[0-9a-f]{4}\]$/);
    expect(lines[2]).toContain('[bad IP header checksum]');
    expect(out).not.toContain('offloaded');
  });

  it('checks the FCS when the capture keeps one', async () => {
    const frame = withFcs(tcpFrame(A, B, { seq: 1, ack: 1, len: 10 }));
    const broken = frame.slice();
    broken[broken.length - 1] = broken[broken.length - 1]! ^ 0xff;
    const file = write('fcs.pcap', capture([{ us: 0, data: frame }, { us: 1, data: broken }], { fcsLen: 4 }));
    const { lines } = await run(['inspect', file]);
    expect(lines[0]).not.toContain('[bad FCS]');
    expect(lines[1]).toContain('[bad FCS]');
  });

  it('notes frames cut by the snaplen on the packet and once in the notes', async () => {
    const { out } = await run(['inspect', join(CAPTURES, 'snaplen-80.pcap')]);
    expect(out).toMatch(/length 1448 \[cut by snaplen: 80 of 1514 bytes captured\]/);
    expect(out.match(/packets cut short by the capture's snaplen: \d+\./g)).toHaveLength(1);
  });

  it('shows what it cannot read instead of failing', async () => {
    const icmp = ipFrame(A, B, 1, new Uint8Array([8, 0, 0xf7, 0xff, 0, 0, 0, 0]));
    const notIp = icmp.slice();
    notIp[14] = 0x35; // version 3
    const { code, lines } = await run(['inspect', write('odd.pcap', capture([{ us: 0, data: icmp }, { us: 1, data: notIp }]))]);
    expect(code).toBe(0);
    expect(lines[0]).toContain('IPv4 ICMP (protocol 1) 10.0.0.1 > 10.0.0.2');
    expect(lines[1]).toContain('[unreadable: ipv4: version is 3, not 4 (at byte 14)]');
  });
});

describe('inspect --json', () => {
  it('writes one object per packet with exactly the documented keys, in order', async () => {
    const file = write('arp-dns-tcp.pcap', capture(SCENARIOS['ARP and DNS, then TCP']().frames));
    const { code, lines } = await run(['inspect', file, '--json']);
    expect(code).toBe(0);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const common = ['n', 'time', 'stream', 'proto', 'src', 'dst'];
    expect(Object.keys(objects[0]!)).toEqual([...common, 'op', 'senderMac', 'senderIp', 'targetMac', 'targetIp']);
    expect(objects[0]).toMatchObject({ n: 1, stream: null, proto: 'arp', op: 1, senderIp: '10.0.0.1', targetIp: '10.0.0.53', targetMac: '00:00:00:00:00:00' });
    expect(Object.keys(objects[2]!)).toEqual([...common, 'srcPort', 'dstPort', 'id', 'qr', 'qname', 'qtype', 'answers']);
    expect(objects[3]).toMatchObject({ proto: 'dns', id: 0x1234, qr: true, qname: 'example.com', qtype: 1, answers: [{ name: 'example.com', type: 1, ttl: 60, data: '10.0.0.2' }] });
    expect(Object.keys(objects[4]!)).toEqual([...common, 'srcPort', 'dstPort', 'flags', 'seq', 'ack', 'relSeq', 'relAck', 'len', 'nextSeq', 'window', 'analysis']);
    expect(objects[4]).toMatchObject({ n: 5, stream: 0, proto: 'tcp', flags: 'S', seq: 10, ack: null, relSeq: 0, relAck: null, len: 0, nextSeq: 1, analysis: [] });
    expect(objects[5]).toMatchObject({ flags: 'AS', seq: 20, ack: 11, relSeq: 0, relAck: 1 });
    // The time is the capture's, to the nanosecond, as tshark's frame.time_epoch prints it.
    expect(lines[4]).toMatch(/"time":1700000000\.000500000,/);
  });

  it('filters to one TCP stream with --stream N', async () => {
    const file = write('two-streams.pcap', capture(SCENARIOS['two streams and a reused port']().frames));
    const { code, lines } = await run(['inspect', file, '--json', '--stream', '1']);
    expect(code).toBe(0);
    const streams = new Set(lines.map((l) => (JSON.parse(l) as { stream: number }).stream));
    expect([...streams]).toEqual([1]);
    const text = await run(['inspect', file, '--stream', '2']);
    expect(text.out).toContain('TCP streams: 1\nstream 2:');
    expect(text.out).not.toContain('stream 0:');
  });

  it('says plainly when --stream names no stream', async () => {
    const { code, err } = await run(['inspect', HANDSHAKE, '--stream', '7']);
    expect(code).toBe(1);
    expect(err).toMatch(/^tcp-tutor inspect: there is no TCP stream 7 in .*handshake-get-close\.pcap \(it has streams 0–0\)\n$/);
  });
});

describe('inspect on damaged files', () => {
  const whole = readFileSync(HANDSHAKE);

  it('shows what a file cut off mid-packet holds, with one note, and succeeds', async () => {
    const file = write('cut.pcap', whole.subarray(0, whole.length - 30));
    const text = await run(['inspect', file]);
    expect(text.code).toBe(0);
    expect(text.out.match(/the file ends in the middle of a packet/g)).toHaveLength(1);
    expect(text.out).toContain('showing the 15 packets before it');
    const json = await run(['inspect', file, '--json']);
    expect(json.code).toBe(0);
    expect(json.lines).toHaveLength(15);
    expect(json.err.trim().split('\n')).toHaveLength(1);
    expect(json.err).toContain('the file ends in the middle of a packet');
  });

  it('gives one plain line naming the byte offset, and exit 1, for a file that is not a capture', async () => {
    const file = write('notes.txt', new TextEncoder().encode('these are my notes, not a capture\n'));
    const { code, out, err } = await run(['inspect', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`tcp-tutor inspect: ${file}: capture: not a pcap or pcapng file: it begins with 74 68 65 73 (at byte 0)\n`);
  });

  it('reports a missing file the same way', async () => {
    const { code, err } = await run(['inspect', join(dir, 'nope.pcap')]);
    expect(code).toBe(1);
    expect(err.split('\n')).toHaveLength(2);
    expect(err).toMatch(/cannot open .*nope\.pcap: ENOENT/);
  });

  it('stops quietly when the reader goes away (inspect big.pcap | head)', () => {
    let writes = 0;
    const stdout = { write: () => { writes++; }, destroyed: false, on: () => stdout };
    const many = Array.from({ length: 5000 }, (_, i) => ({ us: i, data: tcpFrame(A, B, { seq: 1 + i * 10, ack: 1, len: 10 }) }));
    const items = readCaptureBytes(capture(many));
    let err = '';
    const io = { stdout: new Proxy(stdout, { get: (t, k) => (k === 'destroyed' ? writes > 0 : t[k as keyof typeof t]) }), stderr: { write: (s: string) => (err += s) }, env: {} };
    expect(inspectItems(items, 'big.pcap', {}, 'en', io)).toBe(0);
    expect(writes).toBe(1);
    expect(err).toBe('');
  });
});
