// A learner's pace: which stops field detail makes, the n and f keys, and how long autoplay
// waits. The expected stops are written from the header layouts (RFC 9293 §3.1 for TCP,
// RFC 826 for ARP), not read back from the stop list.
import { describe, expect, it } from 'vitest';
import { keyToAction, press } from '../../source/player/keys.js';
import { atEnd, closingIndex, createPlayer, currentCheckpoint, isBlocked, stepIndex, stopsOf, update } from '../../source/player/model.js';
import { autoplayDelay, READING_CHARS_PER_SECOND, selectNarration } from '../../source/player/screen.js';
import type { Step } from '../../source/sim/trace.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { toPlayer } from '../../source/session/to-player.js';
import { apply, at, frameWithFlags, player, stepWhere, TRACE } from './fixtures.js';
import { compiledFile } from '../helpers/builtin.js';

const SYN = frameWithFlags('S');
const SYN_ACK = frameWithFlags('S.');
const ACK = frameWithFlags('.');

/** The steps of one header's build: its encap-begin up to its encap-end. */
function header(frame: number, protocol: string): { begin: number; end: number } {
  const begin = stepWhere((s) => s.kind === 'encap-begin' && s.frame === frame && s.protocol === protocol);
  const end = stepWhere((s) => s.kind === 'encap-end' && s.frame === frame && s.protocol === protocol, begin);
  return { begin, end };
}

/** What each stop inside a header shows last: `begin`, a field key, or `end`. */
function stopsIn(stops: readonly number[], h: { begin: number; end: number }): string[] {
  return stops.filter((i) => i >= h.begin && i <= h.end).map((i) => {
    const s: Step = TRACE.steps[i]!;
    return s.kind === 'encap-field' ? s.key : s.kind === 'encap-begin' ? 'begin' : 'end';
  });
}

describe('field detail at a learner’s pace', () => {
  const stops = player().book.stops.field;

  it('writes the first TCP header field by field, the nine flag bits as one stop', () => {
    // RFC 9293 §3.1, in order; the reserved bits and the eight control bits end at FIN.
    expect(stopsIn(stops, header(SYN, 'tcp'))).toEqual([
      'begin', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.ack', 'tcp.hdr_len', 'tcp.flags.fin',
      'tcp.window_size_value', 'tcp.checksum', 'tcp.urgent_pointer', 'tcp.options', 'end',
    ]);
    // The first IPv4 header likewise: Flags (reserved, DF, MF) is one stop.
    expect(stopsIn(stops, header(SYN, 'ipv4'))).toEqual([
      'begin', 'ip.version', 'ip.hdr_len', 'ip.dsfield.dscp', 'ip.dsfield.ecn', 'ip.len', 'ip.id', 'ip.flags.mf',
      'ip.frag_offset', 'ip.ttl', 'ip.proto', 'ip.checksum', 'ip.src', 'ip.dst', 'end',
    ]);
  });

  it('writes the first ARP message field by field (RFC 826), and the next one in one stop', () => {
    const first = TRACE.frames.find((f) => TRACE.steps.some((s) => s.kind === 'encap-begin' && s.frame === f.id && s.protocol === 'arp'))!.id;
    expect(stopsIn(stops, header(first, 'arp'))).toEqual([
      'begin', 'arp.hw.type', 'arp.proto.type', 'arp.hw.size', 'arp.proto.size', 'arp.opcode',
      'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac', 'arp.dst.proto_ipv4', 'end',
    ]);
    const reply = TRACE.frames.find((f) => f.id > first && TRACE.steps.some((s) => s.kind === 'encap-begin' && s.frame === f.id && s.protocol === 'arp'))!.id;
    expect(stopsIn(stops, header(reply, 'arp'))).toEqual(['end']);
  });

  it('builds a known protocol header by header: the SYN-ACK’s TCP header is one stop', () => {
    // One stop at the header's end: its fields all on screen, and the unit it made named.
    expect(stopsIn(stops, header(SYN_ACK, 'tcp'))).toEqual(['end']);
    expect(stopsIn(stops, header(SYN_ACK, 'ethernet'))).toEqual(['end']);
  });

  it('writes a known header field by field again when a quiz stops inside it', () => {
    // The sample lesson asks for the ACK's acknowledgment number as it is written.
    expect(stopsIn(stops, header(ACK, 'tcp'))).toEqual([
      'begin', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.ack', 'tcp.hdr_len', 'tcp.flags.fin',
      'tcp.window_size_value', 'tcp.checksum', 'tcp.urgent_pointer', 'end',
    ]);
    // Without the quiz it is one stop like the SYN-ACK's.
    expect(stopsIn(player({}, false).book.stops.field, header(ACK, 'tcp'))).toEqual(['end']);
  });

  it('still stops at a lesson note inside a grouped header', () => {
    const inside = stepWhere((s) => s.kind === 'encap-field' && s.frame === SYN_ACK && s.key === 'tcp.seq');
    const m = createPlayer(TRACE, { notes: [{ atStep: inside, text: { en: 'Look: the server’s own ISN.', ko: '보세요: 서버 자신의 ISN.' } }] });
    expect(stopsIn(m.book.stops.field, header(SYN_ACK, 'tcp'))).toEqual(['tcp.seq', 'end']);
  });
});

describe('n: to the next quiz', () => {
  const quizSteps = player().book.checkpoints.map((cp) => cp.atStep);

  it('runs to each quiz in turn, waits for its answer, and ends at the last stop', () => {
    let m = update(player(), { type: 'nextQuiz' });
    expect(stepIndex(m)).toBe(quizSteps[0]);
    const stuck = update(m, { type: 'nextQuiz' });
    expect(stuck.pos).toBe(m.pos);
    expect(stuck.notice).toEqual({ kind: 'answerFirst' });
    m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
    m = update(m, { type: 'nextQuiz' });
    expect(stepIndex(m)).toBe(quizSteps[1]);
    const bare = update(player({}, false), { type: 'nextQuiz' });
    expect(stepIndex(bare)).toBe(TRACE.steps.length - 1);
  });

  it('is the n key (and f the next frame), but f is a hex digit in a field quiz', () => {
    const m = player();
    expect(keyToAction(m, 'n', {})).toEqual({ type: 'nextQuiz' });
    expect(keyToAction(m, 'f', {})).toEqual({ type: 'nextFrame' });
    const field = at(m, quizSteps[2]!);
    expect(currentCheckpoint(field)?.kind).toBe('field');
    // f is a hex digit there.
    expect(keyToAction(field, 'f', {})).toEqual({ type: 'quizInput', text: 'f' });
  });
});

describe('f: to the next frame on the wire', () => {
  const transmits = TRACE.steps.flatMap((s, i) => (s.kind === 'transmit' ? [i] : []));

  it('runs from transmit to transmit', () => {
    let m = player({}, false);
    for (const t of transmits.slice(0, 6)) {
      m = press(m, 'f', {});
      expect(stepIndex(m)).toBe(t);
    }
  });

  it('stops at an unanswered quiz on the way, then goes on to the frame', () => {
    const quiz = player().book.checkpoints[0]!.atStep;
    const after = transmits.find((t) => t > quiz)!;
    let m = at(player(), quiz - 1);
    m = update(m, { type: 'nextFrame' });
    expect(stepIndex(m)).toBe(quiz);
    expect(isBlocked(m)).toBe(true);
    m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
    m = update(m, { type: 'nextFrame' });
    expect(stepIndex(m)).toBe(after);
  });
});

describe('f where frames cross switches: each press is a new frame, never the same one leaving a switch', () => {
  it.each([['07-routing.yaml', 'field'], ['07-routing.yaml', 'header'], ['15-journey.yaml', 'field']] as const)('%s in %s detail', (name, detail) => {
    const c = compiledFile(builtinLessonFiles().find((f) => f.endsWith(name))!);
    const { trace, lesson, options } = toPlayer(c);
    // A new frame is one a host or router put on a wire: the lesson's topology says which
    // nodes are switches, and a switch sends on the bytes it received.
    const switches = new Set(c.topology.switches.map((s) => s.name));
    expect(switches.size).toBeGreaterThan(0);
    const isNew = (i: number) => {
      const s = trace.steps[i]!;
      return s.kind === 'transmit' && !switches.has(trace.frames[s.frame]!.from.split(':')[0]!);
    };
    let m = createPlayer(trace, lesson, { ...options, detail });
    const stops = stopsOf(m);
    let presses = 0;
    let quizzes = 0;
    let routed = 0;
    for (let guard = 0; guard < 2000 && m.summary === null; guard++) {
      const open = currentCheckpoint(m);
      if (open && !m.answers.has(open.id)) {
        quizzes++;
        m = update(m, { type: 'answer', value: String(open.expected) });
        continue;
      }
      const from = stepIndex(m);
      m = press(m, 'f', {});
      if (m.summary !== null) break;
      presses++;
      const to = stepIndex(m);
      const waiting = currentCheckpoint(m);
      if (waiting && !m.answers.has(waiting.id)) continue;
      // The first stop that shows a new frame sent since the last one, and not before.
      let first = from + 1;
      while (first <= to && !isNew(first)) first++;
      // With no new frame left, f runs to the end: to the first of the lesson's closing
      // paragraphs, read each at a stop of its own after the last step, if it has any.
      if (first > to && (atEnd(m) || closingIndex(m) === 0)) {
        expect(trace.steps.slice(from + 1).some((_, k) => isNew(from + 1 + k))).toBe(false);
        break;
      }
      expect(first, `f from step ${from} to ${to}: no new frame on the wire`).toBeLessThanOrEqual(to);
      expect(to, `f from step ${from}`).toBe(stops.find((stop) => stop >= first));
      const sent = trace.steps[first]!;
      if (sent.kind === 'transmit' && trace.frames[sent.frame]!.parent !== null) routed++;
    }
    expect(atEnd(m) || closingIndex(m) === 0).toBe(true);
    // f still stops at every quiz on the way, and a router's new frame is a frame of its own.
    expect(quizzes).toBe(c.quizzes.length);
    if (c.topology.routers.length > 0) expect(routed).toBeGreaterThan(0);
    expect(presses).toBeGreaterThan(0);
  });
});

describe('autoplay at reading speed', () => {
  // 150 characters, counted by hand: ten times "Read this one. " (15 characters).
  const NOTE = 'Read this one. '.repeat(10);
  const withNote = createPlayer(TRACE, { notes: [{ atStep: 0, text: { en: NOTE, ko: '이것을 읽으세요. '.repeat(10) } }] });
  const without = createPlayer(TRACE, {});

  it('waits 1 s for each 15 characters on screen at the default speed', () => {
    expect(NOTE.length).toBe(150);
    expect(READING_CHARS_PER_SECOND).toBe(15);
    expect(autoplayDelay(withNote) - autoplayDelay(without)).toBe(10_000);
  });

  it('scales the reading time with the speed, and never waits less than the beat', () => {
    const fastest = (m: typeof withNote) => apply(m, ...Array.from({ length: 10 }, () => ({ type: 'faster' as const })));
    // The fastest beat is 100 ms against the default 500 ms: a fifth of the time.
    expect(autoplayDelay(fastest(withNote)) - autoplayDelay(fastest(without))).toBe(2_000);
    const empty = createPlayer(TRACE, { notes: [] });
    expect(autoplayDelay(empty)).toBeGreaterThanOrEqual(500);
  });

  it('reads an answered quiz’s feedback before going on', () => {
    let m = update(player(), { type: 'nextQuiz' });
    const open = autoplayDelay(m);
    m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
    const cp = currentCheckpoint(m)!;
    // Its prompt and explanation join the words on screen.
    expect(autoplayDelay(m) - open).toBe(Math.round(((cp.prompt.en.length + cp.explanation.en.length) * 1000) / 15));
  });
});

describe('stops', () => {
  it('are in order and end at the trace’s last step, in both details', () => {
    for (const detail of ['field', 'header'] as const) {
      const s = stopsOf(player({ detail }));
      expect(s.every((x, i) => i === 0 || x > s[i - 1]!)).toBe(true);
      expect(s.at(-1)).toBe(TRACE.steps.length - 1);
    }
  });
});

describe('a receiver’s checks', () => {
  const stops = player({}, false).book.stops.field;
  const steps = TRACE.steps;

  it('go check by check the first time a layer is taken apart, then one stop per header', () => {
    // The client takes apart the router's ARP reply: Ethernet's two checks (dst MAC, FCS), then the strip.
    const first = stepWhere((s) => s.kind === 'decap-strip' && s.layer === 'link') - 2;
    expect([first, first + 1, first + 2].map((i) => steps[i]!.kind)).toEqual(['decap-check', 'decap-check', 'decap-strip']);
    expect(stops).toEqual(expect.arrayContaining([first, first + 1, first + 2]));
    const serverSyn = TRACE.frames.find((f) => f.parent !== null && TRACE.frames[f.parent]!.id === SYN && TRACE.steps.some((s) => s.kind === 'decap-check' && s.frame === f.id && s.node === 'server'))!.id;
    const ethDst = stepWhere((s) => s.kind === 'decap-check' && s.frame === serverSyn && s.check === 'eth.dst');
    expect(stops.filter((i) => i >= ethDst && i <= ethDst + 2)).toEqual([ethDst + 2]);
    expect(steps[ethDst + 2]).toMatchObject({ kind: 'decap-strip', layer: 'link' });
  });
});

describe('background steps', () => {
  // In the fixture the client connects, then asks for its router's MAC (a request, a reply)
  // and learns it: that is the background, up to the client's arp-learn.
  const from = stepWhere((s) => s.kind === 'arp-wait');
  const to = stepWhere((s) => s.kind === 'arp-learn' && s.host === 'client');
  const m = createPlayer(TRACE, { background: [{ from, to }] });
  const stops = m.book.stops.field;

  it('stop only where a host sends a frame, and at their end', () => {
    const inside = stops.filter((i) => i >= from && i <= to);
    expect(inside.map((i) => TRACE.steps[i]!.kind)).toEqual(['transmit', 'transmit', 'arp-learn']);
    expect(inside.at(-1)).toBe(to);
    expect(m.book.stops.header.filter((i) => i >= from && i <= to)).toEqual(inside);
  });

  it('do not count as watched: Ethernet is written field by field the first time outside them', () => {
    expect(stopsIn(stops, header(SYN, 'ethernet'))).toEqual(['begin', 'eth.dst', 'eth.src', 'eth.type', 'eth.fcs', 'end']);
  });
});

describe('news once', () => {
  const stops = player().book.stops.field;

  it('stops at the first timer start, and lets a later one ride along with the next stop', () => {
    const first = stepWhere((s) => s.kind === 'tcp-timer' && s.action === 'start');
    const later = stepWhere((s) => s.kind === 'tcp-timer' && s.action === 'start' && s.host === 'server');
    expect(first).toBeLessThan(later);
    expect(stops).toContain(first);
    expect(stops).not.toContain(later);
    // The stop after it still shows it among its fresh steps.
    const m = at(player(), later);
    expect(stepIndex(m)).toBeGreaterThan(later);
  });
});

describe('flag bits written as one stop', () => {
  it('say which bits are set, in each language', () => {
    const synFin = stepWhere((s) => s.kind === 'encap-field' && s.frame === SYN && s.key === 'tcp.flags.fin');
    const said = selectNarration(at(player(), synFin));
    // A SYN opening a connection carries SYN alone (RFC 9293 §3.5).
    expect(said.en).toBe('client writes its TCP flags: SYN set, the other bits 0.');
    expect(said.ko).toBe('클라이언트가 TCP 플래그를 씁니다. SYN을 켜고 나머지 비트는 0으로 둡니다.');
    // The IPv4 flags of a TCP packet: Don't Fragment (path MTU discovery, RFC 1191).
    const ipMf = stepWhere((s) => s.kind === 'encap-field' && s.frame === SYN && s.key === 'ip.flags.mf');
    expect(selectNarration(at(player(), ipMf)).en).toBe("client writes its IPv4 flags: Don't Fragment set, the other bits 0.");
  });
});
