// The instructor's guide stays true: its worked example compiles and teaches what its
// narration says, and every field of the format is documented.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';
import { describe, expect, it } from 'vitest';
import { compileLesson, type CompiledLesson } from '../../source/lesson/compile.js';
import { lessonJsonSchema } from '../../source/lesson/json-schema.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { decodeFrame } from '../sim/helpers.js';
import { Readable } from 'node:stream';
import { main } from '../../source/cli/main.js';
import { grade } from '../../source/quiz/checkpoint.js';
import { replayCapture } from '../../source/replay/replay.js';

const GUIDE = readFileSync('docs/writing-lessons.md', 'utf8');
const EXAMPLE = /```yaml\n([\s\S]*?)```/.exec(GUIDE)![1]!;
/** The example under a heading: its first code block. */
const exampleUnder = (heading: string) => new RegExp(`### ${heading}[\\s\\S]*?\`\`\`(?:yaml|text)\\n([\\s\\S]*?)\`\`\``).exec(GUIDE)![1]!;

describe('docs/writing-lessons.md', () => {
  it('has a worked example that validates, compiles under any seed, and is right about what happens', () => {
    const loaded = loadLessonText(EXAMPLE, 'guide-example.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    for (const seed of [1, 2, 3, 99]) {
      const r = compileLesson(loaded.loaded, { seed });
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
      const answers = Object.fromEntries(r.compiled.quizzes.map((q) => [q.id, q.expected]));
      expect(answers).toEqual({ 'ack-1': 501, 'ack-after-gap': 501, 'what-happens': 'queue' });
      const wrong = r.compiled.quizzes.find((q) => q.id === 'ack-after-gap')!;
      expect(wrong.wrong![0]!.answer).toBe('1501');
      // "After three duplicate acks the client resends 501 at once."
      const steps = r.compiled.trace.steps;
      expect(steps.some((s) => s.kind === 'tcp-dup-ack' && s.count === 3)).toBe(true);
      expect(steps.some((s) => s.kind === 'tcp-retransmit' && s.reason === 'fast-retransmit')).toBe(true);
    }
  });

  it('its `tcp-tutor new` example writes a copy that validates', async () => {
    const { main } = await import('../../source/cli/main.js');
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const line = /^tcp-tutor (new \S+\.yaml --from \S+)$/m.exec(GUIDE)![1]!.split(' ');
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-guide-'));
    const file = join(dir, line[1]!);
    let err = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8' } };
    expect(await main([line[0]!, file, ...line.slice(2)], io)).toBe(0);
    err = '';
    expect(await main(['validate', file], io)).toBe(0);
    expect(err).toBe('1 lesson valid\n');
    expect(readFileSync(file, 'utf8')).toMatch(/^id: gap-exercise$/m);
  });

  it("has an order example that compiles: SYN, SYN-ACK, ACK, request, its ACK, shuffled by the seed", () => {
    const lesson = `id: order-example
title: { en: Order, ko: 순서 }
summary: { en: Order., ko: 순서. }
level: beginner
topics: [handshake]
topology: lan
script:
${exampleUnder('Putting frames in order')}`;
    const loaded = loadLessonText(lesson, 'order-example.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    for (const seed of [1, 2, 3]) {
      const r = compileLesson(loaded.loaded, { seed });
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
      const q = r.compiled.quizzes[0]!;
      if (q.kind !== 'order') throw new Error('not an order quiz');
      const flags = q.expected.split(' ').map((k) => /Flags \[([^\]]+)\]/.exec(q.items[Number(k) - 1]!.line)![1]);
      expect(flags).toEqual(['S', 'S.', '.', 'P.', '.']);
      expect(grade(q, q.items.map((_, i) => i + 1).join(' '))).toMatchObject({ graded: true, correct: false });
      expect(q.explanation.en).toMatch(/^In order: [\d ]+\. \d \[S\.\] acknowledges \d \[S\]: ack = \d's seq \+ 1 for the SYN\./);
    }
  });

  it('shows a blanked field as replay prints it, with the answer it names', async () => {
    const shown = exampleUnder('Blanked fields in a replayed capture').trimEnd().split('\n');
    let out = '';
    const code = await main(['replay', 'captures/segmented-40k.pcap', '--plain'], {
      stdout: { write: (x: string) => (out += x) }, stderr: { write: () => true }, env: { LANG: 'en_US.UTF-8' }, stdin: Readable.from([]),
    });
    expect(code).toBe(0);
    expect(out).toContain(shown.join('\n'));
    const r = replayCapture('captures/segmented-40k.pcap', { stream: null });
    if (!r.ok) throw new Error(r.error.en);
    expect(r.replay.quizzes.find((q) => q.ask === 'blank' && q.kind === 'number' && q.field === 'tcp.seq')?.expected).toBe(39238);
  });

  it('documents every field of the format', () => {
    const schema = JSON.parse(lessonJsonSchema());
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') for (const k of Object.keys(n.properties)) names.add(k);
      for (const v of Object.values(n)) walk(v);
    };
    walk(schema);
    const missing = [...names].filter((k) => !GUIDE.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});

/** The guide's `<!-- example: name -->` snippets: a script on the `direct` topology. */
const SNIPPETS = new Map([...GUIDE.matchAll(/<!-- example: ([\w-]+) -->\n```yaml\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]));

export function compileSnippet(name: string, seed = 1): CompiledLesson {
  const body = SNIPPETS.get(name);
  if (body === undefined) throw new Error(`the guide has no example '${name}'`);
  const text = `id: ${name}\ntitle: { en: T, ko: T }\nsummary: { en: S, ko: S }\nlevel: advanced\ntopics: [handshake]\ntopology: direct\n${body}`;
  const loaded = loadLessonText(text, `${name}.yaml`);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled;
}

const trail = (c: CompiledLesson, host: string) => c.trace.steps.flatMap((s) => (s.kind === 'tcp-state' && s.host === host ? [s.to] : []));

describe("docs/writing-lessons.md's examples", () => {
  it('simultaneous: both ends pass SYN_RECEIVED and CLOSING (RFC 9293 Figures 8 and 13)', () => {
    for (const seed of [1, 5]) {
      const c = compileSnippet('simultaneous', seed);
      for (const host of ['client', 'server']) {
        expect(trail(c, host)).toEqual(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
      }
      expect(c.quizzes.find((q) => q.id === 'closing')!.expected).toBe('CLOSING');
    }
  });
});

describe("docs/writing-lessons.md's inject example", () => {
  it('an old duplicate is discarded, a RST outside the window changes nothing, and a closed port resets with SEQ=SEG.ACK', () => {
    for (const seed of [1, 5]) {
      const answers = Object.fromEntries(compileSnippet('inject', seed).quizzes.map((q) => [q.id, q.expected]));
      // RFC 9293 §3.10.7.4 first (not acceptable: dropped), second with RFC 5961 §3 (a RST
      // outside the window is dropped), and §3.10.7.1 (<SEQ=SEG.ACK><CTL=RST>).
      expect(answers).toEqual({ 'old-duplicate': 'duplicate', 'after-rst': 'ESTABLISHED', 'reply-seq': 123456 });
    }
  });
});

describe("docs/writing-lessons.md's keep-alive example", () => {
  it("probes after Linux's 7200 s with seq SND.NXT−1 (relative 0), and both ends use timestamps", () => {
    const c = compileSnippet('keep-alive');
    // The client's first segment after its handshake ACK is the probe: relative seq 1 − 1 = 0.
    expect(c.quizzes.find((q) => q.id === 'probe-seq')!.expected).toBe(0);
    const probe = c.trace.steps.find((s) => s.kind === 'tcp-retransmit' && s.reason === 'keep-alive-probe')!;
    const established = c.trace.steps.find((s) => s.kind === 'tcp-state' && s.host === 'client' && s.to === 'ESTABLISHED')!;
    expect(probe.t - established.t).toBe(7200 * 1_000_000);
    // The SYN offers timestamps (kind 8) and window scale (kind 3); the SYN-ACK offers timestamps only.
    const syn = c.trace.frames.map((f) => decodeFrame(f.bytes).tcp).filter((t) => t?.flags.syn);
    expect(syn.map((t) => t!.options.map((o) => o.kind).filter((k) => k !== 'nop'))).toEqual([['mss', 'timestamps', 'wscale'], ['mss', 'timestamps']]);
  });
});

describe("docs/writing-lessons.md's listen-close example", () => {
  it('a closed listener refuses the SYN with RST,ACK (RFC 9293 §3.10.4, then §3.10.7.1)', () => {
    expect(compileSnippet('listen-close').quizzes.map((q) => q.expected)).toEqual(['R.']);
  });
});

describe("docs/writing-lessons.md's mid-stream example", () => {
  it.skipIf(SKIP_TSHARK)("exports from the quiz's frame on: tshark reads seq_raw 1000 + 1 + 3000 first, relative 1, and no SYN", () => {
    const c = compileSnippet('mid-stream');
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-guide-')), 'mid.pcap');
    writeFileSync(file, cap.bytes);
    const rows = tsharkFields(file, ['tcp.flags.syn', 'tcp.seq', 'tcp.seq_raw']);
    expect(Number(rows[0]!['tcp.seq_raw'])).toBe(4001);
    expect(Number(rows[0]!['tcp.seq'])).toBe(1);
    expect(rows.filter((r) => r['tcp.flags.syn'] === '1' || r['tcp.flags.syn'] === 'True')).toEqual([]);
    expect(cap.frameNumber(c.quizzes.find((q) => q.id === 'first-seen')!.frame!)).toBe(1);
  });
});
