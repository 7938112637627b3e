import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCapture } from '../../source/replay/replay.js';
import { createPlayer, update } from '../../source/player/model.js';
import { selectNarration } from '../../source/player/screen.js';
import { A, B, capture, tcpFrame } from '../inspect/builder.js';

describe('a packet replay cannot show says why, in both languages', () => {
  it('an IP packet longer than its frame (not the snaplen\'s doing)', () => {
    const data = tcpFrame(A, B, { seq: 1001, ack: 5001, flags: 'P', len: 100 });
    // 14 (Ethernet) + 20 (IP) + 20 (TCP) + 100: the IP header says 140; keep 30 bytes fewer.
    const short = data.subarray(0, data.length - 30);
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-unreadable-')), 'short.pcap');
    writeFileSync(file, capture([
      { us: 0, data: tcpFrame(A, B, { seq: 1000, ack: null, flags: 'S' }) },
      { us: 100, data: tcpFrame(B, A, { seq: 5000, ack: 1001, flags: 'S' }) },
      { us: 200, data: tcpFrame(A, B, { seq: 1001, ack: 5001 }) },
      { us: 300, data: short },
    ]));
    const r = replayCapture(file, { stream: null });
    if (!r.ok) throw new Error(r.error.en);
    const note = r.replay.narration.find((n) => n.text.en.startsWith('Frame 4 '));
    expect(note?.text).toEqual({
      en: 'Frame 4 is not played: its IP header says 140 bytes, but the frame holds only 110.',
      ko: '프레임 4는 재생하지 않습니다: IP 헤더에는 140바이트라고 적혀 있지만 프레임에는 110바이트뿐입니다.',
    });
  });
});

describe('a checksum left to offload is said as such, in both languages', () => {
  it('loopback-offload.pcap: the TCP checksum check names offload and the right value', () => {
    const r = replayCapture('captures/loopback-offload.pcap', { stream: null });
    if (!r.ok) throw new Error(r.error.en);
    const trace = r.replay.trace;
    const i = trace.steps.findIndex((s) => s.kind === 'decap-check' && s.check === 'tcp.checksum' && s.offload === true);
    expect(i).toBeGreaterThanOrEqual(0);
    const step = trace.steps[i]! as Extract<(typeof trace.steps)[number], { kind: 'decap-check' }>;
    // The field and the right value are the capture's own; the sentence around them is the language's.
    expect(step.actual).toMatch(/^0x[0-9a-f]{4}$/);
    expect(step.actual).not.toBe(step.expected);
    const said = selectNarration(update(createPlayer(trace), { type: 'goto', step: i }));
    expect(said.en).toContain(`TCP checksum ${step.actual}: left for the card to fill in (offload; the right value is ${step.expected}) ✓`);
    expect(said.ko).toContain(`TCP 체크섬 ${step.actual}: 네트워크 카드가 채울 자리입니다(오프로드, 올바른 값은 ${step.expected}) ✓`);
  });
});

describe('a stream with nothing playable', () => {
  it('names the first packet that could not be played, in both languages', () => {
    const cut = (f: Uint8Array) => f.subarray(0, f.length - 10);
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-unreadable-')), 'all-short.pcap');
    writeFileSync(file, capture([
      { us: 0, data: cut(tcpFrame(A, B, { seq: 1000, ack: null, flags: 'S', len: 20 })) },
      { us: 100, data: cut(tcpFrame(B, A, { seq: 5000, ack: 1001, flags: 'S', len: 20 })) },
    ]));
    const r = replayCapture(file, { stream: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // 20 (IP) + 20 (TCP) + 20 bytes of data = 60 in the header; 10 fewer in the frame.
    expect(r.error.en).toContain('Frame 1 is not played: its IP header says 60 bytes, but the frame holds only 50.');
    expect(r.error.ko).toContain('프레임 1은 재생하지 않습니다: IP 헤더에는 60바이트라고 적혀 있지만 프레임에는 50바이트뿐입니다.');
  });
});
