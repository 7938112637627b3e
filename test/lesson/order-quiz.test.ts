// The order quiz in a lesson: the true order is checked against the lesson's own capture
// as tshark reads it (frame numbers in capture order), and against the handshake's flags
// written here by hand; the causal rule against a link without delay and a trace made by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile, loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { orderConstraints } from '../../source/lesson/quiz.js';
import { grade, type OrderCheckpoint } from '../../source/quiz/checkpoint.js';
import type { Trace } from '../../source/sim/trace.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-order-'));

function handshakeOrder(seed: number) {
  const loaded = loadLessonFile('lessons/09-handshake.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  const q = r.compiled.quizzes.find((x) => x.id === 'second-connection-order');
  if (q?.kind !== 'order') throw new Error('no order quiz');
  return { c: r.compiled, q };
}

/** The item numbers of `q` read in the true order, as frame ids. */
const framesInOrder = (q: OrderCheckpoint) => q.expected.split(' ').map((k) => q.items[Number(k) - 1]!.frame);

describe('the handshake lesson ends with an order quiz', () => {
  const { c, q } = handshakeOrder(1);

  it('asks for five segments, shuffled, before the first of them is on screen', () => {
    expect(q.items).toHaveLength(5);
    const first = Math.min(...q.items.map((i) => c.trace.steps.findIndex((s) => 'frame' in s && s.frame === i.frame)));
    expect(q.atStep).toBeLessThan(first);
    // The one-liners are tcpdump's, without frame numbers or times.
    for (const i of q.items) expect(i.line).toMatch(/^192\.168\.1\.\d+\.\d+ > 192\.168\.1\.\d+\.\d+: Flags \[/);
  });

  it('has SYN, SYN-ACK, ACK, the request, its ACK as the true order (written here by hand)', () => {
    const flags = q.expected.split(' ').map((k) => /Flags \[([^\]]+)\]/.exec(q.items[Number(k) - 1]!.line)![1]);
    expect(flags).toEqual(['S', 'S.', '.', 'P.', '.']);
    expect(grade(q, q.expected)).toMatchObject({ graded: true, correct: true });
    // As shown, top to bottom, is never right.
    expect(grade(q, '1 2 3 4 5')).toMatchObject({ graded: true, correct: false });
  });

  it.skipIf(SKIP_TSHARK)("matches the order of the lesson's capture as tshark numbers it", () => {
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const path = join(dir, 'handshake.pcap');
    writeFileSync(path, cap.bytes);
    const rows = tsharkFields(path, ['frame.number', 'tcp.flags.str', 'tcp.seq_raw', 'tcp.ack_raw']);
    const numbers = framesInOrder(q).map((f) => cap.frameNumber(f)!);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // And tshark sees each item's numbers where its one-liner says: the SYN's seq is absolute.
    const syn = rows[numbers[0]! - 1]!;
    expect(q.items[Number(q.expected.split(' ')[0]) - 1]!.line).toContain(`seq ${syn['tcp.seq_raw']}`);
  });

  it('explains the order from the headers: each ack and seq against the one before', () => {
    const [s, sa, a, data, dataAck] = q.expected.split(' ');
    expect(q.explanation.en).toContain(`${sa} [S.] acknowledges ${s} [S]: its ack is ${s}'s seq + 1 for the SYN.`);
    expect(q.explanation.en).toContain(`${a} [.] acknowledges ${sa} [S.]: its ack is ${sa}'s seq + 1 for the SYN.`);
    expect(q.explanation.en).toContain(`${dataAck} [.] acknowledges ${data} [P.]: its ack is ${data}'s seq + 18 bytes.`);
    expect(q.explanation.ko).toContain(`프레임 ${dataAck} [.]의 ACK 번호는 프레임 ${data}의 시퀀스 번호 + 18바이트이므로`);
  });

  it('shuffles by the seed: the same seed, the same shuffle; never one the grader takes', () => {
    const shown = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const a = handshakeOrder(seed).q;
      expect(handshakeOrder(seed).q.items.map((i) => i.line)).toEqual(a.items.map((i) => i.line));
      expect(grade(a, a.items.map((_, i) => i + 1).join(' '))).toMatchObject({ correct: false });
      shown.add(a.expected);
    }
    expect(shown.size).toBeGreaterThan(3);
  });
});

const LESSON = (quiz: string, topology = 'lan') => `
id: order-check
title: { en: Order, ko: 순서 }
summary: { en: Order., ko: 순서. }
level: beginner
topics: [handshake]
topology: ${topology}
script:
  - listen: { host: server, port: 80 }
  - arp: { from: client, ip: 192.168.1.80 }
  - quiz:
${quiz.replace(/^/gm, '      ')}
  - connect: { from: client, to: server, port: 80 }
  - send: { text: hello }
`;

function problemsOf(text: string): string[] {
  const loaded = loadLessonText(text, 'o.yaml');
  if (!loaded.ok) return loaded.problems.map(formatProblem);
  const r = compileLesson(loaded.loaded);
  return r.ok ? [] : r.problems.map(formatProblem);
}

describe('misuse is an error at its place in the file', () => {
  it('order without count, count elsewhere, too many frames, more frames than are sent', () => {
    expect(problemsOf(LESSON('id: o\nask: order'))).toEqual(["o.yaml:13:12: 'ask': order needs count: how many frames to put in order (3 to 8)"]);
    expect(problemsOf(LESSON('id: o\nask: seq\ncount: 3\nframe: { from: client }'))).toEqual(["o.yaml:14:14: 'count': only for ask: order"]);
    expect(problemsOf(LESSON('id: o\nask: order\ncount: 9'))[0]).toMatch(/^o\.yaml:14:14: .*8/);
    expect(problemsOf(LESSON('id: o\nask: order\ncount: 8'))).toEqual(['o.yaml:12:7: only 5 frames of that conversation are sent after this point, not 8']);
  });

  it('blank needs one of its fields, and a frame that appears whole: not one a lesson builds', () => {
    expect(problemsOf(LESSON('id: o\nask: blank\nfield: eth.src\nframe: { from: client }'))[0])
      .toBe("o.yaml:14:14: 'field': blank needs field: one of tcp.seq, tcp.ack, tcp.window_size_value, ip.ttl");
    expect(problemsOf(LESSON('id: o\nask: blank\nfield: tcp.seq\nframe: { from: client }'))[0]).toMatch(/^o\.yaml:12:7: 'blank' asks about a frame that appears whole.*ask: field instead$/);
  });

  it('a good order quiz compiles', () => {
    expect(problemsOf(LESSON('id: o\nask: order\ncount: 4\nframe: { from: client, flags: S }'))).toEqual([]);
  });
});

describe('what must come first', () => {
  it('over a link without delay, a reply leaves at the same instant and still comes after', () => {
    const text = LESSON('id: o\nask: order\ncount: 3\nframe: { from: client, flags: S }', `
  hosts:
    - { name: client, ip: 192.168.1.10, prefix: 24 }
    - { name: server, ip: 192.168.1.80, prefix: 24 }
  links: [{ a: client, b: server, delay: 0 }]`);
    const loaded = loadLessonText(text, 'o.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const r = compileLesson(loaded.loaded);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const q = r.compiled.quizzes[0] as OrderCheckpoint;
    const sentAt = framesInOrder(q).map((f) => r.compiled.trace.steps.find((s) => s.kind === 'transmit' && s.frame === f)!.t);
    expect(new Set(sentAt).size).toBe(1);
    // SYN, SYN-ACK, ACK: each follows from the one before, so exactly one order is right.
    const [a, b, c] = q.expected.split(' ').map(Number);
    expect([...q.before].map((p) => p.join('<')).sort()).toEqual([`${a}<${b}`, `${a}<${c}`, `${b}<${c}`].sort());
  });

  it('frames sent at one instant by hosts that know nothing of each other may go either way', () => {
    // a and b send at t=0, each unaware of the other; b sends again once a's frame has arrived.
    const frames = [0, 1, 2].map((id) => ({ id, parent: null, from: id === 0 ? 'a:eth0' : 'b:eth0' }));
    const steps = [
      { kind: 'transmit', frame: 0, t: 0 }, { kind: 'transmit', frame: 1, t: 0 },
      { kind: 'arrive', frame: 0, node: 'b', iface: 'b:eth0', t: 0 }, { kind: 'transmit', frame: 2, t: 0 },
    ];
    const trace = { frames, steps } as unknown as Trace;
    expect(orderConstraints(trace, [0, 1, 2])).toEqual([[1, 3], [2, 3]]);
    // Without the arrival, a's frame and b's second are independent too.
    const apart = { frames, steps: steps.filter((s) => s.kind !== 'arrive') } as unknown as Trace;
    expect(orderConstraints(apart, [0, 1, 2])).toEqual([[2, 3]]);
  });
});

