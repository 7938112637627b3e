import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINKTYPE_ETHERNET } from '../../source/capture/linklayer.js';
import type { CapturedPacket, CaptureWriteOptions } from '../../source/capture/packet.js';
import { readCaptureFile } from '../../source/capture/read.js';
import { writeCapture } from '../../source/capture/write.js';
import * as udpCodec from '../../source/wire/udp.js';
import { SKIP_TSHARK } from '../helpers/tshark.js';
import * as ethernet from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';

/**
 * Wireshark is the learner's reference: these tests check that it reads our exports as we
 * mean them. CI installs tshark, so there a missing tshark fails; elsewhere the suites are
 * skipped and their names say why.
 */
const SKIP_EDITCAP = !!spawnSync('editcap', ['--version'], { stdio: 'ignore' }).error && !process.env.TCP_TUTOR_CI;

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-tshark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SRC = '10.0.0.1';
const DST = '10.0.0.2';

function udp(payload: Uint8Array): Uint8Array {
  return udpCodec.encode({ srcPort: 40000, dstPort: 53, payload }, { src: SRC, dst: DST });
}

function ipPacket(payload: Uint8Array): Uint8Array {
  return ipv4.encode({
    dscp: 0, ecn: 0, identification: 0x1234, dontFragment: true, moreFragments: false, fragmentOffset: 0,
    ttl: 64, protocol: ipv4.PROTO_UDP, src: SRC, dst: DST, options: new Uint8Array(0), payload: udp(payload),
  });
}

/** As our simulator sends it: padded to 60 bytes, then the FCS. */
const padded = ethernet.encode({
  dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01', etherType: ethernet.ETHERTYPE_IPV4,
  payload: ipPacket(new TextEncoder().encode('hi')),
});

/**
 * 42 bytes and an FCS, without the padding a real NIC would add. Wireshark only takes the
 * last four bytes of a frame under 64 bytes as an FCS when the file says there is one, so
 * this frame shows that the FCS signalling itself is understood, not guessed.
 */
const short = (() => {
  const ip = ipPacket(new Uint8Array(0));
  const frame = new Uint8Array(ethernet.HEADER_LEN + ip.length + ethernet.FCS_LEN);
  frame.set(padded.subarray(0, ethernet.HEADER_LEN));
  frame.set(ip, ethernet.HEADER_LEN);
  const fcsAt = frame.length - ethernet.FCS_LEN;
  new DataView(frame.buffer).setUint32(fcsAt, ethernet.computeFcs(frame, 0, fcsAt), true);
  return frame;
})();

const corrupted = padded.slice();
corrupted[corrupted.length - 1]! ^= 0xff;

function tshark(path: string, fields: string[]): string[][] {
  const args = ['-r', path, '-o', 'eth.check_fcs:TRUE', '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-T', 'fields'];
  for (const f of fields) args.push('-e', f);
  const run = spawnSync('tshark', args, { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

const FIELDS = ['frame.number', 'eth.fcs.status', 'ip.checksum.status', 'udp.checksum.status', 'eth.trailer'];
// Wireshark's checksum status values (epan/proto.h): 0 bad, 1 good.
const GOOD = '1';
const BAD = '0';

const variants: { name: string; options: Omit<CaptureWriteOptions, 'fcsLen'> }[] = [
  { name: 'pcap, microseconds', options: { format: 'pcap', linkType: LINKTYPE_ETHERNET } },
  { name: 'pcap, nanoseconds, big-endian', options: { format: 'pcap', linkType: LINKTYPE_ETHERNET, nanosecond: true, byteOrder: 'big' } },
  { name: 'pcapng, microseconds', options: { format: 'pcapng', linkType: LINKTYPE_ETHERNET } },
  { name: 'pcapng, nanoseconds, big-endian', options: { format: 'pcapng', linkType: LINKTYPE_ETHERNET, nanosecond: true, byteOrder: 'big' } },
];

const timestamps = [
  { tsSec: 1700000000, tsNsec: 123456789 },
  { tsSec: 1700000001, tsNsec: 5000 },
  { tsSec: 1700000002, tsNsec: 999999999 },
];

describe.skipIf(SKIP_TSHARK)(`tshark reads our captures${SKIP_TSHARK ? ' (skipped: tshark is not on PATH)' : ''}`, () => {
  it.each(variants)('$name with the FCS: checked, and bad when corrupted', ({ name, options }) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.${options.format}`);
    const frames = [padded, short, corrupted];
    writeFileSync(path, writeCapture(frames.map((data, i) => ({ ...timestamps[i]!, data })), { ...options, fcsLen: 4 }));
    expect(tshark(path, FIELDS)).toEqual([
      ['1', GOOD, GOOD, GOOD, ''],
      ['2', GOOD, GOOD, GOOD, ''],
      ['3', BAD, GOOD, GOOD, ''],
    ]);
    const precision = options.nanosecond ? timestamps.map((t) => t.tsNsec) : timestamps.map((t) => Math.floor(t.tsNsec / 1000) * 1000);
    expect(tshark(path, ['frame.time_epoch']).map(([t]) => t)).toEqual(
      timestamps.map((t, i) => `${t.tsSec}.${String(precision[i]).padStart(9, '0')}`),
    );
  }, 30_000);

  it.each(variants)('$name without the FCS: no FCS is claimed', ({ name, options }) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}-nofcs.${options.format}`);
    const strip = (f: Uint8Array) => f.subarray(0, f.length - ethernet.FCS_LEN);
    writeFileSync(path, writeCapture([padded, short].map((f, i) => ({ ...timestamps[i]!, data: strip(f) })), { ...options, fcsLen: 0 }));
    expect(tshark(path, FIELDS)).toEqual([
      ['1', '', GOOD, GOOD, ''],
      ['2', '', GOOD, GOOD, ''],
    ]);
  }, 30_000);
});

function readFile(path: string): CapturedPacket[] {
  const packets: CapturedPacket[] = [];
  for (const item of readCaptureFile(path)) {
    if (!item.ok) throw new Error(item.error.message);
    packets.push(item.packet);
  }
  return packets;
}

describe.skipIf(SKIP_EDITCAP)(`files Wireshark writes${SKIP_EDITCAP ? ' (skipped: editcap is not on PATH)' : ''}`, () => {
  it.each(['pcapng', 'nsecpcap', 'pcap'])('editcap -F %s gives back the same packets', (format) => {
    const ours = join(dir, 'ours.pcapng');
    const theirs = join(dir, `theirs.${format}`);
    const packets = [padded, short].map((data, i) => ({ ...timestamps[i]!, data }));
    writeFileSync(ours, writeCapture(packets, { format: 'pcapng', linkType: LINKTYPE_ETHERNET, fcsLen: 4, nanosecond: true }));
    const run = spawnSync('editcap', ['-F', format, ours, theirs], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const nsec = format !== 'pcap';
    expect(readFile(theirs).map((p) => ({ tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data, linkType: p.linkType }))).toEqual(
      packets.map((p) => ({ tsSec: p.tsSec, tsNsec: nsec ? p.tsNsec : Math.floor(p.tsNsec / 1000) * 1000, data: p.data, linkType: 1 })),
    );
  }, 30_000);
});
