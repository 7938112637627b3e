// `capture: { at, from }`: a lesson's capture that starts mid-stream, as a learner's own
// capture often does. tshark is the judge of what the file holds and how Wireshark numbers it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../source/i18n/text.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

/** ISNs fixed, so the numbers below are worked by hand: client data starts at 1001, server's seq is 5001. */
function lesson(capture: string, quizId = 'first-seen'): string {
  return `id: mid-try
title: { en: t, ko: t }
summary: { en: s, ko: s }
level: advanced
topics: [capture]
topology: lan
capture: ${capture}
settings:
  isn: { client: 1000, server: 5000 }
script:
  - listen: { host: server, port: 80 }
  - connect: { from: client, to: server, port: 80 }
  - send: { bytes: 3000 }
  - quiz:
      id: ${quizId}
      ask: seq
      numbering: absolute
      frame: { from: client, data: true }
  - send: { bytes: 2000 }
  - close: {}
`;
}

function compile(text: string, lang: Lang = 'en') {
  const loaded = loadLessonText(text, 'mid.yaml', lang);
  if (!loaded.ok) return { problems: loaded.problems.map(formatProblem) };
  const r = compileLesson(loaded.loaded, { lang });
  return r.ok ? { compiled: r.compiled } : { problems: r.problems.map(formatProblem) };
}

describe('capture.from', () => {
  it('names a quiz that exists, else says so at capture.from in both languages', () => {
    const text = lesson('{ at: client, from: first-sen }');
    expect(compile(text).problems).toEqual([
      "mid.yaml:7:30: 'first-sen' names no quiz in this lesson (did you mean 'first-seen'?); from names the quiz where the capture starts; quizzes: first-seen",
    ]);
    expect(compile(text, 'ko').problems).toEqual([
      "mid.yaml:7:30: 'first-sen'은 이 레슨의 퀴즈가 아닙니다 (혹시 'first-seen' 말인가요?). from에는 캡처가 시작되는 곳의 퀴즈 id를 씁니다. 있는 퀴즈: first-seen",
    ]);
  });

  it('refuses a capture point that is neither a host nor a link, at capture.at', () => {
    const p = compile(lesson('{ at: clinet, from: first-seen }')).problems;
    expect(p).toHaveLength(1);
    expect(p![0]).toMatch(/^mid\.yaml:7:16: 'clinet' is not a host or link in this lesson \(did you mean 'client'\?\)/);
  });

  it('refuses a start after which the capture point sees nothing, in both languages', () => {
    // Capture on the server; after the quiz the client only talks to the DNS server, whose
    // MAC it already has, so the switch never sends the server a frame.
    const text = lesson('{ at: server, from: after-all }')
      .replace('  - close: {}\n', '  - close: {}\n  - arp: { from: client, ip: 192.168.1.53 }\n  - quiz: { id: after-all, ask: dst-port, frame: { from: client } }\n  - dns-lookup: { from: client, name: example.com }\n');
    expect(compile(text).problems).toEqual([
      "mid.yaml:7:30: the capture would be empty: no frame passes the capture point after quiz 'after-all'; start it earlier",
    ]);
    expect(compile(text, 'ko').problems).toEqual([
      "mid.yaml:7:30: 캡처가 비게 됩니다. 퀴즈 'after-all' 뒤에는 캡처 지점을 지나는 프레임이 없습니다. 더 앞에서 시작하세요",
    ]);
  });

  it('keeps the string form: the whole conversation, handshake first', () => {
    const c = compile(lesson('client')).compiled!;
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    expect(cap.bytes.length).toBeGreaterThan(0);
  });

  describe.skipIf(SKIP_TSHARK)('as tshark reads the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-from-'));
    const read = (capture: string) => {
      const c = compile(lesson(capture)).compiled!;
      const cap = c.capture('pcap');
      if ('error' in cap) throw new Error(cap.error);
      const file = join(dir, `${Math.random().toString(36).slice(2)}.pcap`);
      writeFileSync(file, cap.bytes);
      return { c, cap, rows: tsharkFields(file, ['frame.number', 'ip.src', 'tcp.flags.syn', 'tcp.seq', 'tcp.seq_raw', 'tcp.ack', 'tcp.ack_raw', 'tcp.len']) };
    };

    it('starts with the first frame after the quiz: the second send, at seq 1000 + 1 + 3000', () => {
      const { rows } = read('{ at: client, from: first-seen }');
      // 2000 bytes in segments of at most 1460, their two ACKs, the client's FIN and its ACK.
      expect(rows.map((r) => r['tcp.len'])).toEqual(['1460', '540', '0', '0', '0', '0']);
      expect(rows.some((r) => r['tcp.flags.syn'] === '1' || r['tcp.flags.syn'] === 'True')).toBe(false);
      expect(rows[0]!['ip.src']).toBe('192.168.1.10');
      expect(Number(rows[0]!['tcp.seq_raw'])).toBe(4001);
      // No SYN: Wireshark numbers each direction from the first seq it saw, shown as 1.
      expect(Number(rows[0]!['tcp.seq'])).toBe(1);
      expect(Number(rows[1]!['tcp.seq'])).toBe(1461);
      const fromServer = rows.find((r) => r['ip.src'] === '192.168.1.80')!;
      expect(Number(fromServer['tcp.seq_raw'])).toBe(5001);
      expect(Number(fromServer['tcp.seq'])).toBe(1);
    });

    it('numbers a quiz frame by its place in the shorter file, and leaves earlier frames unnumbered', () => {
      const { c, cap, rows } = read('{ at: client, from: first-seen }');
      const q = c.quizzes.find((x) => x.id === 'first-seen')!;
      const n = cap.frameNumber(q.frame!);
      expect(n).toBe(1);
      expect(Number(rows[n! - 1]!['tcp.seq_raw'])).toBe(Number(q.expected));
      // The trace's first frame (the client's ARP request) happened before the capture began.
      expect(cap.frameNumber(c.trace.frames[0]!.id)).toBeNull();
    });

    it('the whole capture still starts at the SYN, relative 0', () => {
      const { rows } = read('client');
      const first = rows.find((r) => r['tcp.flags.syn'] === '1' || r['tcp.flags.syn'] === 'True')!;
      expect(Number(first['tcp.seq_raw'])).toBe(1000);
      expect(Number(first['tcp.seq'])).toBe(0);
    });
  });
});
