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

function closeOrder(seed: number) {
  const loaded = loadLessonFile('lessons/13-close.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  const q = r.compiled.quizzes.find((x) => x.id === 'page-and-close-order');
  if (q?.kind !== 'order') throw new Error('no order quiz');
  return { c: r.compiled, q };
}

/** The item numbers of `q` read in the true order, as frame ids. */
const framesInOrder = (q: OrderCheckpoint) => q.expected.split(' ').map((k) => q.items[Number(k) - 1]!.frame);

describe('the close lesson ends with an order quiz', () => {
  const { c, q } = closeOrder(1);
  /** Sender and flags of each item, in the quiz's true order. */
  const told = (order: string) => order.split(' ').map((k) => {
    const line = q.items[Number(k) - 1]!.line;
    return `${line.startsWith('192.168.1.80.') ? 'server' : 'client'} ${/Flags \[([^\]]+)\]/.exec(line)![1]}`;
  });

  it('asks for six segments, shuffled, before the first of them is on screen', () => {
    expect(q.items).toHaveLength(6);
    const first = Math.min(...q.items.map((i) => c.trace.steps.findIndex((s) => 'frame' in s && s.frame === i.frame)));
    expect(q.atStep).toBeLessThan(first);
    // The one-liners are tcpdump's, without frame numbers or times.
    for (const i of q.items) expect(i.line).toMatch(/^192\.168\.1\.\d+\.\d+ > 192\.168\.1\.\d+\.\d+: Flags \[/);
  });

  it('has the page, its ACK and the client FIN together, the server ACK and FIN together, the last ACK (by hand)', () => {
    expect(told(q.expected)).toEqual(['server P.', 'client .', 'client F.', 'server .', 'server F.', 'client .']);
    expect(grade(q, q.expected)).toMatchObject({ graded: true, correct: true });
    // Each host sends its ACK and FIN in one go, neither in answer to the other: both orders are right.
    const [page, ack, fin, finAck, fin2, last] = q.expected.split(' ');
    for (const right of [[page, fin, ack, finAck, fin2, last], [page, ack, fin, fin2, finAck, last], [page, fin, ack, fin2, finAck, last]]) {
      expect(grade(q, right.join(' ')), right.join(' ')).toMatchObject({ graded: true, correct: true });
    }
    // The server's answer to the FIN before the FIN, or the last ACK before the server's FIN: wrong.
    for (const wrong of [[page, ack, finAck, fin, fin2, last], [page, ack, fin, finAck, last, fin2], [ack, page, fin, finAck, fin2, last]]) {
      expect(grade(q, wrong.join(' ')), wrong.join(' ')).toMatchObject({ graded: true, correct: false });
    }
    // As shown, top to bottom, is never right.
    expect(grade(q, '1 2 3 4 5 6')).toMatchObject({ graded: true, correct: false });
  });

  it.skipIf(SKIP_TSHARK)("matches the order of the lesson's capture as tshark numbers it", () => {
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const path = join(dir, 'close.pcap');
    writeFileSync(path, cap.bytes);
    const rows = tsharkFields(path, ['frame.number']);
    const numbers = framesInOrder(q).map((f) => cap.frameNumber(f)!);
    expect(numbers.every((n) => rows[n - 1]!['frame.number'] === String(n))).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // (test/helpers/quiz-judge.ts checks each item's flags against tshark's reading of its frame.)
  });

  it('explains the order from the headers: each ack against the one it answers, and what may go either way', () => {
    const [page, ack, fin, finAck, fin2, last] = q.expected.split(' ');
    expect(q.explanation.en).toContain(`${ack} [.] acknowledges ${page} [P.]: ack = ${page}'s seq + 124 bytes.`);
    expect(q.explanation.en).toContain(`${fin} [F.] and ${ack} [.] leave together, neither answering the other: either may go first.`);
    expect(q.explanation.en).toContain(`${finAck} [.] acknowledges ${fin} [F.]: ack = ${fin}'s seq + 1 for the FIN.`);
    expect(q.explanation.en).toContain(`${last} [.] acknowledges ${fin2} [F.]: ack = ${fin2}'s seq + 1 for the FIN.`);
    expect(q.explanation.ko).toContain(`프레임 ${ack} [.]의 ACK 번호는 프레임 ${page}의 seq + 124바이트입니다.`);
  });

  it('shuffles by the seed: the same seed, the same shuffle; never one the grader takes', () => {
    const shown = new Set<string>();
    for (let seed = 1; seed <= 8; seed++) {
      const a = closeOrder(seed).q;
      expect(closeOrder(seed).q.items.map((i) => i.line)).toEqual(a.items.map((i) => i.line));
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

  it('frames sent at one instant, neither answering the other, may go either way', () => {
    // a and b send at t=0, each unaware of the other; b sends again once a's frame has arrived:
    // that one follows a's, but not b's own first one (a host's two frames at one instant).
    const frames = [0, 1, 2].map((id) => ({ id, parent: null, from: id === 0 ? 'a:eth0' : 'b:eth0' }));
    const steps = [
      { kind: 'transmit', frame: 0, t: 0 }, { kind: 'transmit', frame: 1, t: 0 },
      { kind: 'arrive', frame: 0, node: 'b', iface: 'b:eth0', t: 0 }, { kind: 'transmit', frame: 2, t: 0 },
    ];
    const trace = { frames, steps } as unknown as Trace;
    expect(orderConstraints(trace, [0, 1, 2])).toEqual([[1, 3]]);
    // Without the arrival, all three are free; a millisecond later, b's second follows both.
    const apart = { frames, steps: steps.filter((s) => s.kind !== 'arrive') } as unknown as Trace;
    expect(orderConstraints(apart, [0, 1, 2])).toEqual([]);
    const later = { frames, steps: steps.map((s) => (s.frame === 2 ? { ...s, t: 1000 } : s)) } as unknown as Trace;
    expect(orderConstraints(later, [0, 1, 2])).toEqual([[1, 3], [2, 3]]);
  });
});

