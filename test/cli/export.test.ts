// `tcp-tutor export`, with and without --no-fcs, judged by tshark: the flag drops the FCS
// and the padding and nothing else; without it the export is what it always was.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { complaints, SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

async function run(argv: string[], lang = 'en_US.UTF-8') {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: lang } });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-export-'));
const CHECKSUMS = ['-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE'];

describe('tcp-tutor export --no-fcs', () => {
  it('is in --help, in English and in Korean', async () => {
    expect((await run(['export', '--help'])).out).toMatch(/--no-fcs\s+frames as a Linux capture shows them: no Ethernet FCS, no padding to 60 bytes/);
    expect((await run(['export', '--help'], 'ko_KR.UTF-8')).out).toMatch(/--no-fcs\s+Linux에서 뜬 캡처처럼 이더넷 FCS와 60바이트 패딩 없이 저장/);
  });

  it('says so when it writes, in both languages', async () => {
    const en = await run(['export', 'handshake', '--seed', '7', '--no-fcs', '--out', join(dir, 'en.pcap')]);
    expect(en.code).toBe(0);
    expect(en.err).toContain('(pcap, seed 7, no FCS or padding)');
    const ko = await run(['export', 'handshake', '--seed', '7', '--no-fcs', '--out', join(dir, 'ko.pcap')], 'ko_KR.UTF-8');
    expect(ko.err).toContain('(pcap, 시드 7, FCS와 패딩 없음)');
  });

  it('leaves the default export as it was: the lesson\'s own capture, every frame with its FCS', async () => {
    const file = join(dir, 'default.pcapng');
    expect((await run(['export', 'journey', '--seed', '7', '--out', file])).code).toBe(0);
    const l = loadLessonFile(join('lessons', '15-journey.yaml'));
    if (!l.ok) throw new Error(JSON.stringify(l));
    const c = compileLesson(l.loaded, { seed: 7 });
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const cap = c.compiled.capture('pcapng');
    if ('error' in cap) throw new Error(cap.error);
    expect(Buffer.compare(readFileSync(file), Buffer.from(cap.bytes))).toBe(0);
  });

  it.skipIf(SKIP_TSHARK)('journey: 54-byte ACKs and 1514-byte segments, no eth.fcs, nothing malformed, checksums good; the default keeps FCS and 60-byte minimum', async () => {
    const bare = join(dir, 'journey-nofcs.pcap');
    const full = join(dir, 'journey.pcap');
    expect((await run(['export', 'journey', '--seed', '7', '--no-fcs', '--out', bare])).code).toBe(0);
    expect((await run(['export', 'journey', '--seed', '7', '--out', full])).code).toBe(0);
    const fields = ['frame.len', 'eth.type', 'ip.len', 'tcp.len', 'eth.fcs', 'eth.fcs.status', 'ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status'];
    const rows = tsharkFields(bare, fields, CHECKSUMS);
    const wire = tsharkFields(full, fields, CHECKSUMS);
    expect(rows.length).toBe(wire.length);
    rows.forEach((row, i) => {
      expect(row['eth.fcs']).toBe('');
      // Ethernet header 14 + the IPv4 packet; ARP for IPv4 is 14 + 28 (RFC 826).
      expect(Number(row['frame.len'])).toBe(row['eth.type'] === '0x0806' ? 42 : 14 + Number(row['ip.len']));
      if (row['eth.type'] === '0x0800') {
        expect(row['ip.checksum.status']).toBe('1');
        expect(row['tcp.checksum.status'] || row['udp.checksum.status']).toBe('1');
      }
      // The same frame with FCS: 4 bytes more, and at least 64 (60 + FCS).
      expect(Number(wire[i]!['frame.len'])).toBe(Math.max(Number(row['frame.len']), 60) + 4);
      expect(wire[i]!['eth.fcs.status']).toBe('1');
    });
    const lens = rows.map((r) => r['frame.len']);
    expect(lens).toContain('54');
    expect(lens).toContain('1514');
    expect(rows.filter((r) => r['tcp.len'] === '1460').every((r) => r['frame.len'] === '1514')).toBe(true);
    expect(complaints(bare, '_ws.malformed || _ws.expert.severity==error || eth.fcs || ip.checksum.status==0 || tcp.checksum.status==0', CHECKSUMS)).toBe('');
  });
});
