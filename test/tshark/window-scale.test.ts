// The right edge of the window as Wireshark computes it from the bytes of an exported
// capture: tcp.ack + tcp.window_size, where Wireshark scales the window field by the shift
// it saw in the SYN (Wireshark 4 always does; older ones had tcp.calculate_window_size). Under RFC 9293 §3.8.6 and RFC 7323 §2.4 it
// never moves left, in either direction, over the whole connection.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

const LESSON = `
id: scaled-window
title: { en: a scaled window, ko: 배율을 적용한 윈도우 }
summary: { en: a scaled window, ko: 배율을 적용한 윈도우 }
level: advanced
topics: [window]
topology: lan
capture: client
settings: { seed: 7, tcp: { windowScale: 7, window: 4000 } }
script:
  - listen: { host: server, port: 80 }
  - connect: { from: client, to: server, port: 80 }
  - send: { socket: client, bytes: 3000 }
  - read: { socket: server, bytes: 1000 }
  - read: { socket: server, bytes: 2000 }
  - send: { socket: client, bytes: 9000 }
  - read: { socket: server, bytes: 500 }
  - read: { socket: server }
  - send: { socket: server, bytes: 5000 }
  - read: { socket: client }
  - close: { socket: client }
  - close: { socket: server }
`;

describe.skipIf(SKIP_TSHARK)('window scale 7 in an exported capture, judged by tshark', () => {
  it('tcp.ack + tcp.window_size never decreases in either direction', () => {
    const l = loadLessonText(LESSON, '<window-scale test>');
    if (!l.ok) throw new Error(JSON.stringify(l));
    const c = compileLesson(l.loaded, { seed: 7 });
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const cap = c.compiled.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-wscale-')), 'scaled.pcap');
    writeFileSync(file, cap.bytes);
    const rows = tsharkFields(
      file,
      ['tcp.srcport', 'tcp.flags.syn', 'tcp.flags.reset', 'tcp.ack', 'tcp.window_size_value', 'tcp.window_size', 'tcp.window_size_scalefactor'],
      ['-o', 'tcp.relative_sequence_numbers:TRUE', '-Y', 'tcp'],
    );
    const edges = new Map<string, number[]>();
    let scaled = 0;
    for (const r of rows) {
      if (r['tcp.flags.syn'] === '1' && r['tcp.ack'] === '0') continue; // the first SYN acknowledges nothing
      if (r['tcp.flags.reset'] === '1') continue;
      const side = r['tcp.srcport']!;
      const list = edges.get(side) ?? [];
      list.push(Number(r['tcp.ack']) + Number(r['tcp.window_size']));
      edges.set(side, list);
      if (r['tcp.window_size_scalefactor'] === '128') scaled++;
    }
    // Wireshark did scale the fields (it saw both SYNs), and both directions were seen.
    expect(scaled).toBeGreaterThan(10);
    expect(edges.size).toBe(2);
    for (const [, list] of edges) {
      for (let i = 1; i < list.length; i++) expect(list[i]!, `edge ${i} after ${list[i - 1]}`).toBeGreaterThanOrEqual(list[i - 1]!);
    }
    // The SYN-ACK's 4000 is not a whole number of 128-byte units: rounding the next field
    // down would have put the edge left of it (the bug this guards against).
    const server = rows.find((r) => r['tcp.flags.syn'] === '1' && r['tcp.ack'] !== '0')!;
    expect(server['tcp.window_size']).toBe('4000');
  });
});
