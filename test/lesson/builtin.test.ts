// Every built-in lesson, compiled once: it compiles, the player builds and removes each header
// in its own box with its real size (test/helpers/walk.ts), its state quizzes never show their
// answer early, its export reads as clean under tshark (TCP analysis warnings only where the
// lesson breaks the link on purpose), and its one-line summaries are the lines tcpdump -n
// prints for the same frames. One compile per lesson serves every check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson, type CompiledLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { quizLeaks } from '../../source/lesson/leaks.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { CHECKS, complaints, SKIP_TSHARK, tshark } from '../helpers/tshark.js';
import { walk } from '../helpers/walk.js';

const SEED = 31337;

const TCPDUMP = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' }).status === 0;
const SKIP_TCPDUMP = !TCPDUMP && !process.env.TCP_TUTOR_CI;

/**
 * What each impairment, or each lesson about the window, may make Wireshark's TCP
 * analysis say, and nothing more.
 */
const ALLOWED: Record<string, readonly string[]> = {
  drop: ['retransmission', 'fast_retransmission', 'duplicate_ack', 'duplicate_ack_num', 'duplicate_ack_frame', 'lost_segment', 'ack_lost_segment', 'out_of_order'],
  reorder: ['out_of_order', 'duplicate_ack', 'duplicate_ack_num', 'duplicate_ack_frame', 'retransmission', 'lost_segment', 'ack_lost_segment'],
  corrupt: ['retransmission', 'duplicate_ack', 'duplicate_ack_num', 'duplicate_ack_frame', 'lost_segment', 'ack_lost_segment'],
  window: ['window_full', 'zero_window', 'zero_window_probe', 'zero_window_probe_ack', 'window_update'],
  // Each side's SYN goes again as its SYN,ACK with the same seq (RFC 9293 Figure 8).
  'simultaneous-open': ['retransmission'],
  // RFC 9293 §3.8.4's probe: one number below SND.NXT, and its ACK.
  'keep-alive': ['keep_alive', 'keep_alive_ack'],
};
/** Analysis fields that only annotate another one (the number of a dup ACK, and so on). */
const ANNOTATIONS = /^(flags|bytes_in_flight|push_bytes_sent|acks_frame|ack_rtt|initial_rtt|rto|rto_frame)$/;

/**
 * TCP reassembly is off: a capture point before the link that loses a segment sees both it
 * and its retransmission, and Wireshark's reassembly calls that "overlapping data" even
 * when the bytes are identical (the test checks they are). The frames themselves are fine.
 */
const NO_REASSEMBLY = ['-o', 'tcp.desegment_tcp_streams:FALSE'];

/**
 * Lessons whose summaries are compared with tcpdump's (at least three each). Not yet
 * tcp-header: tcpdump ends its 14-byte GET with " [|http]" (a request cut short), which
 * the summary does not say.
 */
const TCP_LESSONS = new Set(['handshake', 'seq-ack', 'close', 'loss', 'rst', 'journey', 'capture-reading', 'simultaneous', 'half-open', 'keep-alive']);

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-builtin-'));

function compiler(file: string): () => CompiledLesson {
  let c: CompiledLesson | null = null;
  return () => {
    if (c) return c;
    const loaded = loadLessonFile(file);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const r = compileLesson(loaded.loaded, { seed: SEED });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    return (c = r.compiled);
  };
}

function exported(c: CompiledLesson, format: 'pcap' | 'pcapng') {
  const cap = c.capture(format);
  if ('error' in cap) throw new Error(cap.error);
  const path = join(dir, `${c.lesson.id}.${format}`);
  writeFileSync(path, cap.bytes);
  return { path, frameNumber: cap.frameNumber };
}

describe('every built-in lesson', () => {
  for (const file of builtinLessonFiles()) {
    const name = basename(file);
    const compiled = compiler(file);

    describe(name, () => {
      it('compiles', () => {
        expect(compiled().trace.steps.length).toBeGreaterThan(0);
      });

      it('builds and removes each header in its own box, in its RFC 1122 layer, with its real size', () => {
        expect(walk(compiled().trace).slice(0, 10)).toEqual([]);
      });

      it('never shows a state quiz\'s answer before it is asked', () => {
        const c = compiled();
        for (const q of c.quizzes.filter((x) => x.ask === 'state' && x.frame !== undefined)) {
          const host = c.lesson.script.find((s) => s.quiz?.id === q.id)!.quiz!.host!;
          // The ladder at the stop shows the snapshot just before it.
          const seen = c.trace.snapshots[q.atStep];
          const shown = seen ? Object.values(seen.sockets).filter((s) => s.host === host).map((s) => s.state) : [];
          expect(shown, `${q.id}: ${host} already shows ${q.expected}`).not.toContain(q.expected);
        }
      });

      it('does not give a quiz\'s answer away in its own text (validate warns of none)', () => {
        const loaded = loadLessonFile(file);
        if (!loaded.ok) throw new Error(file);
        const leaks = quizLeaks(loaded.loaded, compiled(), 'en').map((p) => `${p.line}: ${p.message}`);
        expect(leaks).toEqual([]);
      });

      it.skipIf(SKIP_TSHARK)('exports a capture tshark reads as clean', () => {
        const c = compiled();
        const { path } = exported(c, 'pcapng');
        const actions = new Set<string>(c.lesson.script.flatMap((s) => (s.impair ? [s.impair.action] : [])));
        const bad = complaints(path, '_ws.malformed || _ws.expert.severity==error || eth.fcs.status==0 || ip.checksum.status==0 || tcp.checksum.status==0 || udp.checksum.status==0', NO_REASSEMBLY);
        expect(bad).toBe('');
        const pdml = tshark(['-r', path, ...CHECKS, ...NO_REASSEMBLY, '-T', 'pdml']);
        const fired = new Set([...pdml.matchAll(/name="tcp\.analysis\.(\w+)"/g)].map((m) => m[1]!).filter((f) => !ANNOTATIONS.test(f)));
        const simultaneous = c.lesson.script.some((s) => (s.together ?? []).filter((t) => t.connect).length > 1);
        const keepAlive = JSON.stringify(c.lesson.settings?.tcp ?? {}).includes('"keepAlive"');
        const reasons = [...actions, ...(c.lesson.topics.includes('window') ? ['window'] : []),
          ...(simultaneous ? ['simultaneous-open'] : []), ...(keepAlive ? ['keep-alive'] : [])];
        const allowed = new Set(reasons.flatMap((r) => ALLOWED[r] ?? []));
        expect([...fired].filter((f) => !allowed.has(f)), `${name}: analysis beyond what the lesson causes`).toEqual([]);
        // A lost segment that takes sequence space is sent again; a lost RST is not.
        const lostRst = (id: number) => c.trace.frames[id]!.summary.includes('Flags [R');
        const lost = c.trace.steps.filter((s) => s.kind === 'link-fate' && s.fate === 'dropped').map((s) => (s as { frame: number }).frame);
        if (actions.has('drop') && !lost.every(lostRst)) expect(fired.has('retransmission') || fired.has('fast_retransmission')).toBe(true);
        if (reasons.includes('window')) expect(fired.has('zero_window')).toBe(true);
        if (simultaneous) expect(fired.has('retransmission')).toBe(true);
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

      // As a learner opens it: Wireshark's defaults reassemble TCP streams for the
      // application dissectors, which the check above turns off. Bytes on a port a dissector
      // claims must then be that protocol, or its reassembly reports an error.
      it.skipIf(SKIP_TSHARK)('exports a capture in which Wireshark, with its default reassembly, finds no error-level expert item', () => {
        const { path } = exported(compiled(), 'pcapng');
        expect(complaints(path, '_ws.expert.severity == error || _ws.malformed')).toBe('');
        expect(tshark(['-r', path, '-q', '-z', 'expert,error'])).not.toMatch(/Errors \(\d+\)/);
      });

      // The one-liners a learner reads in the tutor must be the lines tcpdump prints for
      // the same frames, so that reading their own captures later is the same skill.
      it.skipIf(SKIP_TCPDUMP)('summarises TCP frames as tcpdump -n prints them', (ctx) => {
        const c = compiled();
        if (!TCP_LESSONS.has(c.lesson.id)) return ctx.skip();
        const { path, frameNumber } = exported(c, 'pcap');
        const lines = spawnSync('tcpdump', ['-n', '-r', path], { encoding: 'utf8' }).stdout.trim().split('\n');
        let compared = 0;
        for (const f of c.trace.frames) {
          const n = frameNumber(f.id);
          if (n === null || c.trace.frames.some((g) => g.parent === f.id && frameNumber(g.id) === n)) continue;
          const theirs = lines[n - 1]!.replace(/^\S+ IP /, '');
          if (!/ (Flags|UDP)/.test(theirs) || !f.summary.includes('Flags')) continue;
          expect(f.summary, `frame ${n}`).toBe(theirs);
          compared++;
        }
        expect(compared).toBeGreaterThanOrEqual(3);
      });
    });
  }
});
