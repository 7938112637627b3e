// Every lesson, exported, read by tshark with every check on: nothing malformed, no bad
// checksum, and TCP analysis warnings only where a lesson breaks the link on purpose.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { CHECKS, complaints, SKIP_TSHARK, tshark } from '../helpers/tshark.js';

/**
 * What each impairment, or each lesson about the window, may make Wireshark's TCP
 * analysis say, and nothing more.
 */
const ALLOWED: Record<string, readonly string[]> = {
  drop: ['retransmission', 'fast_retransmission', 'duplicate_ack', 'duplicate_ack_num', 'duplicate_ack_frame', 'lost_segment', 'ack_lost_segment', 'out_of_order'],
  reorder: ['out_of_order', 'duplicate_ack', 'duplicate_ack_num', 'duplicate_ack_frame', 'retransmission', 'lost_segment', 'ack_lost_segment'],
  corrupt: ['retransmission', 'duplicate_ack', 'duplicate_ack_num', 'duplicate_ack_frame', 'lost_segment', 'ack_lost_segment'],
  window: ['window_full', 'zero_window', 'zero_window_probe', 'zero_window_probe_ack', 'window_update'],
};
/** Analysis fields that only annotate another one (the number of a dup ACK, and so on). */
const ANNOTATIONS = /^(flags|bytes_in_flight|push_bytes_sent|acks_frame|ack_rtt|initial_rtt|rto|rto_frame)$/;

/**
 * TCP reassembly is off: a capture point before the link that loses a segment sees both it
 * and its retransmission, and Wireshark's reassembly calls that "overlapping data" even
 * when the bytes are identical (the test checks they are). The frames themselves are fine.
 */
const NO_REASSEMBLY = ['-o', 'tcp.desegment_tcp_streams:FALSE'];

describe.skipIf(SKIP_TSHARK)('exported lessons under tshark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-captures-'));
  for (const file of builtinLessonFiles()) {
    const name = file.replace(/^.*\//, '');
    it(name, () => {
      const loaded = loadLessonFile(file);
      if (!loaded.ok) throw new Error(name);
      const c = compileLesson(loaded.loaded, { seed: 31337 });
      if (!c.ok) throw new Error(JSON.stringify(c.problems));
      const cap = c.compiled.capture('pcapng');
      if ('error' in cap) throw new Error(cap.error);
      const path = join(dir, `${name}.pcapng`);
      writeFileSync(path, cap.bytes);
      const actions = new Set<string>(c.compiled.lesson.script.flatMap((s) => (s.impair ? [s.impair.action] : [])));
      const bad = complaints(path, '_ws.malformed || _ws.expert.severity==error || eth.fcs.status==0 || ip.checksum.status==0 || tcp.checksum.status==0 || udp.checksum.status==0', NO_REASSEMBLY);
      expect(bad).toBe('');
      const pdml = tshark(['-r', path, ...CHECKS, ...NO_REASSEMBLY, '-T', 'pdml']);
      const fired = new Set([...pdml.matchAll(/name="tcp\.analysis\.(\w+)"/g)].map((m) => m[1]!).filter((f) => !ANNOTATIONS.test(f)));
      const reasons = [...actions, ...(c.compiled.lesson.topics.includes('window') ? ['window'] : [])];
      const allowed = new Set(reasons.flatMap((r) => ALLOWED[r] ?? []));
      expect([...fired].filter((f) => !allowed.has(f)), `${name}: analysis beyond what the lesson causes`).toEqual([]);
      if (actions.has('drop')) expect(fired.has('retransmission') || fired.has('fast_retransmission')).toBe(true);
      if (reasons.includes('window')) expect(fired.has('zero_window')).toBe(true);
      // A retransmission repeats exactly the bytes it replaces.
      const payloads = new Map<string, string>();
      for (const line of tshark(['-r', path, '-Y', 'tcp.len > 0', '-T', 'fields', '-e', 'tcp.stream', '-e', 'tcp.seq_raw', '-e', 'tcp.payload']).split('\n')) {
        const [stream, seq, data] = line.split('\t');
        if (!data) continue;
        const key = `${stream}:${seq}`;
        const seen = payloads.get(key);
        if (seen !== undefined) expect(data.startsWith(seen) || seen.startsWith(data), `${name}: resent bytes at ${key}`).toBe(true);
        else payloads.set(key, data);
      }
    });
  }
});
