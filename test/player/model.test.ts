import { describe, expect, it } from 'vitest';
import {
  autoplayInterval, createPlayer, currentCheckpoint, isBlocked, score, SPEEDS_MS, stepIndex, update,
} from '../../source/player/model.js';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';
import { selectHex, selectHistory, selectLadder, selectNarration, selectNote, selectStack, selectStatus, selectQuiz, type LayerBox } from '../../source/player/screen.js';
import {
  apply, at, CLIENT, CLIENT_ISN, forwarded, frameWithFlags, GET_BYTES, player, R1_WAN, RFC_STATES, SERVER, SERVER_ISN, statesLesson, stepWhere, TRACE,
} from './fixtures.js';

const box = (m: Parameters<typeof selectStack>[0], layer: string): LayerBox =>
  selectStack(m).boxes.find((b) => b.layer === layer)!;

const SYN = frameWithFlags('S');
const ACK = frameWithFlags('.');
const GET = frameWithFlags('P.');

const synSeqField = stepWhere((s) => s.kind === 'encap-field' && s.frame === SYN && s.key === 'tcp.seq');
const routerQuiz = stepWhere((s) => s.kind === 'decap-check' && s.frame === SYN && s.check === 'ip.ttl');
const synAckQuiz = stepWhere((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED');
const ackField = stepWhere((s) => s.kind === 'encap-field' && s.frame === ACK && s.key === 'tcp.ack');

describe('stepping', () => {
  it('starts at the first step, with every quiz of the lesson accepted', () => {
    const m = player();
    expect(m.book.problems).toEqual([]);
    expect(m.book.checkpoints.map((c) => c.id)).toEqual(['router-changes', 'synack-ack', 'ack-field', 'get-ack']);
    expect(stepIndex(m)).toBe(0);
    // Field detail groups headers the lesson has built before (see pace.test.ts): fewer stops than steps.
    expect(selectStatus(m)).toMatchObject({ stop: 1, stops: m.book.stops.field.length, step: 1, steps: TRACE.steps.length });
    expect(m.book.stops.field.length).toBeLessThan(TRACE.steps.length);
  });

  it('steps forward and back one stop at a time', () => {
    const m = apply(player(), { type: 'next' }, { type: 'next' }, { type: 'next' });
    expect(stepIndex(m)).toBe(3);
    expect(stepIndex(update(m, { type: 'back' }))).toBe(2);
  });

  it('says so at the first step, and opens the summary past the last one', () => {
    const first = update(player(), { type: 'back' });
    expect(first.pos).toBe(0);
    expect(first.notice).toEqual({ kind: 'atStart' });
    const end = at(player({}, false), TRACE.steps.length - 1);
    expect(end.summary).toBeNull();
    const past = update(end, { type: 'next' });
    expect(past.pos).toBe(end.pos);
    expect(past.summary).toEqual({ top: 0 });
  });

  it('steps back by index: the view of a step is the same object however it is reached', () => {
    const m = at(player({}, false), synSeqField);
    const there = selectStack(m);
    const roundTrip = apply(m, { type: 'next' }, { type: 'next' }, { type: 'back' }, { type: 'back' });
    expect(stepIndex(roundTrip)).toBe(synSeqField);
    expect(selectStack(roundTrip)).toBe(there);
  });
});

describe('the lesson\'s paragraphs', () => {
  const para = (en: string) => ({ en, ko: en });
  const quiz = sampleLessonQuiz();
  function sampleLessonQuiz(): Checkpoint {
    return { ...player().book.checkpoints.find((c) => c.id === 'synack-ack')! };
  }
  const lesson = {
    checkpoints: [quiz],
    notes: [
      { atStep: quiz.atStep, text: para('First paragraph.') },
      { atStep: quiz.atStep, text: para('Second paragraph.') },
      { atStep: TRACE.steps.length + 3, text: para('Closing words.') },
      { atStep: TRACE.steps.length, text: para('Last of all.') },
    ],
  };

  it('reads each paragraph at its own stop, and asks the quiz there after the last', () => {
    const m = at(createPlayer(TRACE, lesson), quiz.atStep);
    expect(selectNote(m)?.en).toBe('First paragraph.');
    expect(currentCheckpoint(m)).toBeNull();
    const second = update(m, { type: 'next' });
    expect(stepIndex(second)).toBe(quiz.atStep);
    expect(selectNote(second)?.en).toBe('Second paragraph.');
    expect(isBlocked(second)).toBe(true);
    // Both are the same moment: what it built is as fresh at either.
    expect(selectStack(second)).toBe(selectStack(m));
    expect(selectNote(update(second, { type: 'back' }))?.en).toBe('First paragraph.');
    // Read back from the next stop, the step is narrated once, with its first paragraph.
    const after = update(update(second, { type: 'answer', value: '1' }), { type: 'next' });
    const history = selectHistory(after, 2);
    expect(history.map((b) => b.note?.en)).toEqual(['First paragraph.', 'Second paragraph.']);
    expect(history[0]!.narration.en).toBe(selectNarration(m).en);
    expect(history[0]!.narration.en).not.toBe('');
    expect(history[1]!.narration.en).toBe('');
  });

  it('keeps words written after the last step for the summary, in the order written', () => {
    const m = at(createPlayer(TRACE, lesson), TRACE.steps.length - 1);
    expect(m.book.closing.map((t) => t.en)).toEqual(['Closing words.', 'Last of all.']);
    expect(selectNote(m)?.en).not.toBe('Closing words.');
  });
});

describe('encapsulation view', () => {
  it('marks the field being written and highlights its bytes', () => {
    const m = at(player({}, false), synSeqField);
    const transport = box(m, 'transport');
    expect(transport.state).toBe('building');
    expect(transport.focused).toBe(true);
    const current = transport.lines.filter((l) => l.kind === 'field' && l.mark === 'current');
    expect(current).toEqual([expect.objectContaining({ name: 'Sequence Number', value: '0' })]);
    // Its one-line meaning follows it.
    const i = transport.lines.indexOf(current[0]!);
    expect(transport.lines[i + 1]).toMatchObject({ kind: 'meaning', text: { en: expect.stringContaining('first data byte') } });
    // Earlier fields are plain; later ones are not written yet.
    expect(transport.lines.filter((l) => l.kind === 'field').map((l) => (l as { name: string }).name))
      .toEqual(['Source Port', 'Destination Port', 'Sequence Number']);
    const hex = selectHex(m)!;
    expect(hex.highlight).toEqual([{ start: 38, end: 42 }]);
    expect(hex.focus).toMatchObject({ key: 'tcp.seq', name: 'Sequence Number' });
    // Bytes below the transport header are not written yet.
    expect(hex.known).toEqual([{ start: 34, end: 36 }, { start: 36, end: 38 }, { start: 38, end: 42 }]);
    expect(selectNarration(m).en).toContain('Sequence Number = 0');
  });

  it('shows absolute numbers when asked', () => {
    const m = update(at(player({}, false), synSeqField), { type: 'toggleNumbering' });
    const current = box(m, 'transport').lines.find((l) => l.kind === 'field' && l.mark === 'current');
    expect(current).toMatchObject({ value: String(CLIENT_ISN) });
    expect(selectNarration(m).en).toContain(`Sequence Number = ${CLIENT_ISN}`);
  });

  it('wraps each finished layer in the one below: header + what came from above', () => {
    const end = stepWhere((s) => s.kind === 'encap-end' && s.frame === SYN && s.layer === 'internet');
    const m = at(player({}, false), end);
    const internet = box(m, 'internet');
    expect(internet.state).toBe('built');
    const wrapLine = internet.lines.find((l) => l.kind === 'note');
    expect(wrapLine).toMatchObject({ text: { en: '20 B header + 24 B segment = 44 B packet' } });
    const link = box(at(player({}, false), stepWhere((s) => s.kind === 'encap-end' && s.frame === SYN && s.layer === 'link')), 'link');
    expect(link.lines.find((l) => l.kind === 'note')).toMatchObject({
      text: { en: '14 B header + 44 B packet + 2 B padding + 4 B FCS = 64 B frame' },
    });
  });

  it('carries the application’s data into the frame that sends it', () => {
    const m = at(player({}, false), stepWhere((s) => s.kind === 'encap-field' && s.frame === GET && s.key === 'tcp.seq'));
    const app = box(m, 'application');
    expect(app.state).toBe('built');
    expect(app.lines).toContainEqual(expect.objectContaining({ text: expect.objectContaining({ en: `${GET_BYTES.length} B from the application: “GET / HTTP/1.1”` }) }));
    expect(GET_BYTES.length).toBe(101);
  });
});

describe('decapsulation view', () => {
  it('shows each check with its result, then drains the header away', () => {
    const serverSyn = forwarded(SYN);
    const ethCheck = stepWhere((s) => s.kind === 'decap-check' && s.frame === serverSyn && s.check === 'eth.dst');
    // Every step: in field detail the server's Ethernet checks are one stop, Ethernet being known by then.
    let m = at(player({ detail: 'step' }, false), ethCheck);
    const link = box(m, 'link');
    expect(link.state).toBe('checking');
    expect(link.lines[0]).toMatchObject({ kind: 'check', ok: true, current: true, text: { en: `dst MAC ${SERVER.mac} = my NIC ✓` } });
    expect(selectHex(m)!.highlight).toEqual([{ start: 0, end: 6 }]);

    const strip = stepWhere((s) => s.kind === 'decap-strip' && s.frame === serverSyn && s.layer === 'link');
    m = at(m, strip);
    // What the note says moves up, and its size, is test/player/walk.test.ts's, for every lesson.
    expect(box(m, 'link').state).toBe('draining');
    // The 14-byte Ethernet header and the 4-byte FCS of the 64-byte frame fade away.
    expect(selectHex(m)!.faded).toEqual([{ start: 0, end: 14 }, { start: 60, end: 64 }]);

    m = update(m, { type: 'next' });
    expect(box(m, 'link').state).toBe('stripped');
    expect(box(m, 'link').lines).toEqual([]);
    expect(box(m, 'internet').lines[0]).toMatchObject({ kind: 'check', text: { en: expect.stringMatching(/^IP header checksum 0x[0-9a-f]{4} ✓$/) } });
  });

  it('reads the port and seq checks in the chosen numbering', () => {
    const serverGet = forwarded(GET);
    const seqCheck = stepWhere((s) => s.kind === 'decap-check' && s.frame === serverGet && s.check === 'tcp.seq');
    const m = at(player({}, false), seqCheck);
    const texts = box(m, 'transport').lines.filter((l) => l.kind === 'check').map((l) => (l as { text: { en: string } }).text.en);
    expect(texts).toEqual([expect.stringMatching(/^TCP checksum 0x[0-9a-f]{4} ✓$/), expect.stringMatching(/^port .* ✓$/), 'seq 1 expected ✓']);
    const abs = box(update(m, { type: 'toggleNumbering' }), 'transport').lines.at(2);
    expect(abs).toMatchObject({ text: { en: `seq ${(CLIENT_ISN + 1) >>> 0} expected ✓` } });
  });
});

describe('port check', () => {
  // It once read "port server#1 (ESTABLISHED) → socket a socket on port 80": the simulator
  // wrote English phrases where the template expects a port and a socket. The check now
  // records the port and who holds it.
  it('names the port and the socket the segment reached, with its state', () => {
    const seqCheck = stepWhere((s) => s.kind === 'decap-check' && s.frame === forwarded(GET) && s.check === 'tcp.seq');
    const texts = box(at(player({}, false), seqCheck), 'transport').lines.filter((l) => l.kind === 'check').map((l) => (l as { text: { en: string } }).text.en);
    expect(texts[1]).toBe('port 80 → its connection, in ESTABLISHED ✓');
  });
});

describe('router view', () => {
  it('marks what the router changed apart from what it kept, not by colour but by mark', () => {
    const fwd = stepWhere((s) => s.kind === 'router-forward' && s.frame === SYN);
    const m = at(player({}, false), fwd);
    const stack = selectStack(m);
    expect(stack.scene).toBe('router');
    const fields = stack.boxes.flatMap((b) => b.lines.filter((l) => l.kind === 'field')) as { name: string; mark: string; value: string; before: string | null }[];
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName['Time to Live']).toMatchObject({ mark: 'changed', before: '64', value: '63' });
    expect(byName['Destination']).toMatchObject({ mark: 'changed', value: SERVER.mac });
    expect(byName['Source']).toMatchObject({ mark: 'changed', value: R1_WAN.mac });
    expect(byName['Header Checksum']?.mark).toBe('changed');
    for (const kept of ['Source Address', 'Destination Address', 'Source Port', 'Destination Port', 'Sequence Number', 'Acknowledgment Number']) {
      expect(byName[kept]?.mark, kept).toBe('unchanged');
    }
    expect(byName['Sequence Number']?.value).toBe('0');
    expect(stack.legend?.en).toBe('* changed   = unchanged');
    // The hex pane shows the new frame, its rewritten bytes highlighted.
    const hex = selectHex(m)!;
    expect(hex.frame).toBe(forwarded(SYN));
    expect(hex.highlight).toContainEqual({ start: 22, end: 23 });
    expect(hex.highlight).toContainEqual({ start: 0, end: 6 });
  });
});

describe('ladder', () => {
  it('labels every arrow as Wireshark would, relative by default', () => {
    const end = at(player({}, false), TRACE.steps.length - 1);
    const ladder = selectLadder(end)!;
    expect(ladder.columns.map((c) => [c.host, c.state])).toEqual([['client', 'ESTABLISHED'], ['server', 'ESTABLISHED']]);
    expect(ladder.rows.map((r) => [r.from, r.label, r.fate])).toEqual([
      [0, 'SYN seq=0', 'delivered'],
      [1, 'SYN, ACK seq=0 ack=1', 'delivered'],
      [0, 'ACK seq=1 ack=1 len=0', 'delivered'],
      [0, `PSH, ACK seq=1 ack=1 len=${GET_BYTES.length}`, 'delivered'],
      [1, `ACK seq=1 ack=${1 + GET_BYTES.length} len=0`, 'delivered'],
    ]);
  });

  it('shows absolute numbers, wrapping past 2^32, with r', () => {
    const end = update(at(player({}, false), TRACE.steps.length - 1), { type: 'toggleNumbering' });
    const labels = selectLadder(end)!.rows.map((r) => r.label);
    expect(labels[0]).toBe(`SYN seq=${CLIENT_ISN}`);
    expect(labels[1]).toBe(`SYN, ACK seq=${SERVER_ISN} ack=${CLIENT_ISN + 1}`);
    expect(labels[4]).toBe(`ACK seq=${SERVER_ISN + 1} ack=${(CLIENT_ISN + 1 + GET_BYTES.length) >>> 0} len=0`);
    expect((CLIENT_ISN + 1 + GET_BYTES.length) >>> 0).toBeLessThan(CLIENT_ISN);
  });

  it('follows the trace: states from the snapshots, arrows once sent, in flight until they arrive', () => {
    // The first step is the client's connect(): SYN_SENT at once (RFC 9293 §3.10.1), while
    // the server already listens.
    const m0 = player({}, false);
    expect(selectLadder(m0)!.columns.map((c) => c.state)).toEqual(['SYN_SENT', 'LISTEN']);
    const sent = stepWhere((s) => s.kind === 'transmit' && s.frame === SYN);
    const flying = selectLadder(at(m0, sent))!;
    expect(flying.columns.map((c) => c.state)).toEqual(['SYN_SENT', 'LISTEN']);
    expect(flying.rows).toEqual([expect.objectContaining({ label: 'SYN seq=0', fate: 'flight', current: true })]);
    const arrived = stepWhere((s) => s.kind === 'arrive' && s.frame === forwarded(SYN));
    expect(selectLadder(at(m0, arrived))!.rows[0]?.fate).toBe('delivered');
    expect(selectLadder(at(m0, sent - 1))!.rows).toEqual([]);
  });
});

describe('quizzes', () => {
  it('stops the learner until answered, then lets them on', () => {
    let m = at(player(), routerQuiz);
    expect(currentCheckpoint(m)?.id).toBe('router-changes');
    expect(isBlocked(m)).toBe(true);
    const stuck = update(m, { type: 'next' });
    expect(stuck.pos).toBe(m.pos);
    expect(stuck.notice).toEqual({ kind: 'answerFirst' });
    m = update(m, { type: 'answer', value: 'macs-ttl' });
    expect(m.answers.get('router-changes')).toEqual({ value: 'macs-ttl', correct: true });
    expect(score(m)).toEqual({ correct: 1, answered: 1, total: 4 });
    expect(stepIndex(update(m, { type: 'next' }))).toBe(routerQuiz + 1);
  });

  it('takes digits only, and explains a wrong answer with the rule', () => {
    let m = at(player(), synAckQuiz);
    m = apply(m, { type: 'quizInput', text: 'a0' }, { type: 'quizInput', text: 'x' });
    expect(m.draft).toBe('0');
    m = update(m, { type: 'quizSubmit' });
    const q = selectQuiz(m)!;
    expect(q.answer).toEqual({ value: '0', correct: false });
    expect(q.expected).toBe('1');
    expect(q.wrongExplain?.en).toContain('ISN itself');
    expect(q.checkpoint.explanation.en).toContain('occupies one sequence number');
    expect(score(m)).toEqual({ correct: 0, answered: 1, total: 4 });
  });

  it('reports an empty or impossible answer and keeps the quiz open', () => {
    let m = at(player(), synAckQuiz);
    m = update(m, { type: 'quizSubmit' });
    expect(m.notice).toEqual({ kind: 'badAnswer', problem: 'empty' });
    m = apply(m, { type: 'quizInput', text: '99999999999' });
    expect(m.draft).toBe('9999999999');
    m = update(m, { type: 'quizSubmit' });
    expect(m.notice).toEqual({ kind: 'badAnswer', problem: 'tooLarge' });
    expect(isBlocked(m)).toBe(true);
    m = apply(m, { type: 'quizBackspace' });
    expect(m.draft).toBe('999999999');
  });

  it('picks a choice by its number, two digits included, and answers only on Enter', () => {
    const m = at(createPlayer(TRACE, statesLesson(TRACE)), synAckQuiz);
    const digits = (...ds: string[]) => apply(m, ...ds.map((text) => ({ type: 'quizInput' as const, text })));
    // 1 then 0 is the tenth option, TIME_WAIT in RFC 9293's list; 1 then 1 the eleventh, CLOSED.
    expect(selectQuiz(digits('1', '0'))!.cursor).toBe(RFC_STATES.indexOf('TIME_WAIT'));
    expect(selectQuiz(digits('1', '1'))!.cursor).toBe(RFC_STATES.indexOf('CLOSED'));
    // No twelfth option: 1 1 2 starts again at 2, SYN_SENT.
    expect(selectQuiz(digits('1', '1', '2'))!.cursor).toBe(RFC_STATES.indexOf('SYN_SENT'));
    const typed = digits('1', '0');
    expect(typed.answers.size).toBe(0);
    expect(update(typed, { type: 'quizSubmit' }).answers.get('server-state')).toEqual({ value: 'TIME_WAIT', correct: false });
    // ↑ ↓ stop at the ends; three down from the top is the fourth option, ESTABLISHED.
    expect(selectQuiz(apply(m, { type: 'quizMove', by: -1 }))!.cursor).toBe(0);
    expect(selectQuiz(apply(m, { type: 'quizMove', by: 1 }, { type: 'quizMove', by: 1 }, { type: 'quizMove', by: 1 }))!.cursor)
      .toBe(RFC_STATES.indexOf('ESTABLISHED'));
    expect(selectQuiz(apply(m, ...Array.from({ length: 20 }, () => ({ type: 'quizMove' as const, by: 1 }))))!.cursor).toBe(10);
    // Enter on the untouched list answers its first option.
    expect(update(m, { type: 'quizSubmit' }).answers.get('server-state')).toEqual({ value: 'LISTEN', correct: false });
  });

  it('keeps answers and the score when stepping back across a quiz and forward again', () => {
    let m = apply(at(player({ detail: 'step' }), synAckQuiz), { type: 'quizInput', text: '1' }, { type: 'quizSubmit' }, { type: 'next' });
    for (let i = 0; i < 5; i++) m = update(m, { type: 'back' });
    expect(stepIndex(m)).toBe(synAckQuiz - 4);
    for (let i = 0; i < 5; i++) m = update(m, { type: 'next' });
    expect(stepIndex(m)).toBe(synAckQuiz + 1);
    m = update(m, { type: 'back' });
    expect(isBlocked(m)).toBe(false);
    expect(selectQuiz(m)?.answer).toEqual({ value: '1', correct: true });
    // An answered quiz cannot be answered again for a better score.
    expect(update(m, { type: 'answer', value: '1' }).notice).toEqual({ kind: 'alreadyAnswered' });
    expect(score(m)).toEqual({ correct: 1, answered: 1, total: 4 });
  });

  it('hides a field to fill in everywhere until it is answered', () => {
    let m = at(player(), ackField);
    expect(currentCheckpoint(m)?.kind).toBe('field');
    const row = box(m, 'transport').lines.find((l) => l.kind === 'field' && l.mark === 'masked');
    expect(row).toMatchObject({ name: 'Acknowledgment Number', value: '' });
    expect(selectNarration(m).en).not.toMatch(/Acknowledgment Number = \d/);
    expect(selectHex(m)!.masked).toEqual([{ start: 42, end: 46 }]);
    m = apply(m, { type: 'quizInput', text: '1' }, { type: 'quizSubmit' });
    expect(m.answers.get('ack-field')?.correct).toBe(true);
    expect(box(m, 'transport').lines.find((l) => l.kind === 'field' && l.mark === 'current')).toMatchObject({ value: '1' });
    expect(selectHex(m)!.masked).toEqual([]);
  });

  it('shows the quiz’s numbering while it is open, whatever r says', () => {
    let m = update(player(), { type: 'toggleNumbering' });
    expect(m.numbering).toBe('absolute');
    m = at(m, ackField);
    expect(selectStatus(m).numbering).toBe('relative');
    expect(update(m, { type: 'toggleNumbering' }).notice).toEqual({ kind: 'numberingFixed', numbering: 'relative' });
  });

  it('gives the hint on h, only at a quiz', () => {
    expect(update(player(), { type: 'hint' }).notice).toEqual({ kind: 'noHint' });
    const m = update(at(player(), synAckQuiz), { type: 'hint' });
    expect(selectQuiz(m)?.hint?.en).toContain('SYN');
  });

  it('leaves out checkpoints that do not fit the trace, saying why', () => {
    const m = createPlayer(TRACE, {
      checkpoints: [
        { id: 'far', kind: 'number', atStep: 99_999, expected: 1, numbering: 'relative', prompt: { en: 'x', ko: 'x' }, explanation: { en: 'x', ko: 'x' }, hint: { en: 'x', ko: 'x' } },
        { id: 'wrong-field', kind: 'field', field: 'tcp.seq', atStep: 0, expected: '1', numbering: 'relative', prompt: { en: 'x', ko: 'x' }, explanation: { en: 'x', ko: 'x' }, hint: { en: 'x', ko: 'x' } },
      ],
    });
    expect(m.book.checkpoints).toEqual([]);
    expect(m.book.problems).toEqual([
      expect.stringContaining('checkpoint far: step 99999 is outside the trace'),
      expect.stringContaining('checkpoint wrong-field: step 0 is tcp-state, not the encap-field that writes tcp.seq'),
    ]);
  });
});

describe('autoplay', () => {
  it('advances on each tick, waits at an open quiz, and goes on once it is answered', () => {
    let m = update(at(player({ detail: 'step' }), routerQuiz - 3), { type: 'toggleAutoplay' });
    expect(m.autoplay).toBe(true);
    m = apply(m, { type: 'tick' }, { type: 'tick' });
    expect(stepIndex(m)).toBe(routerQuiz - 1);
    m = update(m, { type: 'tick' });
    expect(stepIndex(m)).toBe(routerQuiz);
    expect(m.autoplay).toBe(true);
    expect(update(m, { type: 'tick' })).toBe(m);
    m = update(m, { type: 'answer', value: 'macs-ttl' });
    // The feedback's beat, then on.
    m = update(m, { type: 'tick' });
    expect(stepIndex(m)).toBe(routerQuiz + 1);
    expect(m.autoplay).toBe(true);
    // An answered quiz met again (after ←) does not stop it.
    m = apply(m, { type: 'back' }, { type: 'toggleAutoplay' }, { type: 'tick' });
    expect(stepIndex(m)).toBe(routerQuiz + 1);
  });

  it('will not start at an open quiz', () => {
    expect(update(at(player(), routerQuiz), { type: 'toggleAutoplay' }).notice).toEqual({ kind: 'answerFirst' });
  });

  it('ignores ticks when off, and stops at the end', () => {
    const m = player({}, false);
    expect(update(m, { type: 'tick' })).toBe(m);
    let end = update(at(m, TRACE.steps.length - 2), { type: 'toggleAutoplay' });
    end = update(end, { type: 'tick' });
    expect(end.autoplay).toBe(false);
  });

  it('changes speed within its bounds', () => {
    let m = player();
    const base = autoplayInterval(m);
    m = update(m, { type: 'faster' });
    expect(autoplayInterval(m)).toBeLessThan(base);
    for (let i = 0; i < 20; i++) m = update(m, { type: 'faster' });
    expect(autoplayInterval(m)).toBe(SPEEDS_MS.at(-1));
    for (let i = 0; i < 20; i++) m = update(m, { type: 'slower' });
    expect(autoplayInterval(m)).toBe(SPEEDS_MS[0]);
  });
});

describe('toggles', () => {
  it('flips hex, help and numbering', () => {
    const m = player();
    expect(update(m, { type: 'toggleHex' }).showHex).toBe(!m.showHex);
    expect(update(m, { type: 'toggleHelp' }).showHelp).toBe(true);
    expect(update(update(m, { type: 'toggleHelp' }), { type: 'closeHelp' }).showHelp).toBe(false);
    expect(update(m, { type: 'toggleNumbering' }).numbering).toBe('absolute');
    expect(update(m, { type: 'quit' }).quit).toBe(true);
  });
});

describe('header-by-header detail', () => {
  const firstTcpBegin = stepWhere((s) => s.kind === 'encap-begin' && s.frame === SYN && s.layer === 'transport');
  const lastTcpField = stepWhere((s, i) => s.kind === 'encap-field' && s.frame === SYN && s.layer === 'transport'
    && TRACE.steps[i + 1]?.kind === 'encap-end');

  it('makes a layer’s whole header one stop', () => {
    const m = player({ detail: 'header' }, false);
    const stops = m.book.stops.header;
    expect(stops.length).toBeLessThan(m.book.stops.step.length);
    expect(stops).toContain(lastTcpField);
    expect(stops.filter((s) => s >= firstTcpBegin && s <= lastTcpField)).toEqual([lastTcpField]);
    const there = at(m, firstTcpBegin);
    expect(stepIndex(there)).toBe(lastTcpField);
    const fields = box(there, 'transport').lines.filter((l) => l.kind === 'field');
    expect(fields.length).toBe(lastTcpField - firstTcpBegin);
    expect(fields.every((f) => f.kind === 'field' && (f.mark === 'fresh' || f.mark === 'current'))).toBe(true);
    expect(selectNarration(there).en).toBe(`The Transport layer writes its whole TCP header: ${lastTcpField - firstTcpBegin} fields.`);
    expect(selectHex(there)!.highlight.length).toBe(lastTcpField - firstTcpBegin);
  });

  it('keeps the learner on the same step when switching, or on the end of its header', () => {
    const m = at(player({}, false), synSeqField);
    const header = update(m, { type: 'toggleDetail' });
    expect(header.detail).toBe('header');
    expect(stepIndex(header)).toBe(lastTcpField);
    const back = update(header, { type: 'toggleDetail' });
    expect(stepIndex(back)).toBe(lastTcpField);
  });

  it('still stops at a quiz inside a header', () => {
    const m = player({ detail: 'header' });
    expect(m.book.stops.header).toContain(ackField);
    expect(currentCheckpoint(at(m, ackField))?.id).toBe('ack-field');
  });
});

describe('several quizzes at one step', () => {
  it('asks them in order, shows each one’s feedback, and only then moves on', () => {
    const trace = TRACE;
    const at = 5;
    const cps: Checkpoint[] = ['a', 'b', 'c'].map((id, i) => ({
      id, kind: 'number', atStep: at, expected: i, numbering: 'relative',
      prompt: { en: id, ko: id }, explanation: { en: 'x', ko: 'x' }, hint: { en: 'h', ko: 'h' },
    }));
    let m = createPlayer(trace, { checkpoints: cps });
    expect(m.book.problems).toEqual([]);
    m = update(m, { type: 'goto', step: at });
    expect(currentCheckpoint(m)!.id).toBe('a');
    m = update(m, { type: 'answer', value: '0' });
    expect(currentCheckpoint(m)!.id).toBe('a'); // its feedback stays on screen
    m = update(m, { type: 'next' });
    expect(stepIndex(m)).toBe(at);
    expect(currentCheckpoint(m)!.id).toBe('b');
    expect(isBlocked(m)).toBe(true);
    m = update(m, { type: 'answer', value: '7' });
    m = update(m, { type: 'next' });
    m = update(m, { type: 'answer', value: '2' });
    expect(score(m)).toEqual({ correct: 2, answered: 3, total: 3 });
    m = update(m, { type: 'next' });
    expect(stepIndex(m)).toBeGreaterThan(at);
    m = update(m, { type: 'back' });
    expect(currentCheckpoint(m)!.id).toBe('c'); // all answered: the last one's feedback
    expect(isBlocked(m)).toBe(false);
  });
});

describe('going back to answered quizzes', () => {
  // Real lessons ask up to five quizzes at one moment (the handshake asks the SYN-ACK's
  // flags, its ack twice and the client's state together); ← must not skip their feedback.
  const here = 5;
  const three = (): Checkpoint[] => ['a', 'b', 'c'].map((id, i) => ({
    id, kind: 'number', atStep: here, expected: i, numbering: 'relative',
    prompt: { en: id, ko: id }, explanation: { en: `why ${id}`, ko: `why ${id}` }, hint: { en: 'h', ko: 'h' },
  }));
  const answeredAll = () => {
    let m = update(createPlayer(TRACE, { checkpoints: three() }), { type: 'goto', step: here });
    for (const v of ['0', '5', '2']) m = apply(m, { type: 'answer', value: v }, { type: 'next' });
    return m;
  };

  it('walks back through every quiz at a stop, each with its own feedback, then to the step before', () => {
    let m = answeredAll();
    expect(stepIndex(m)).toBe(here + 1);
    const seen: [number, string | undefined, boolean | undefined][] = [];
    for (let i = 0; i < 4; i++) {
      m = update(m, { type: 'back' });
      const q = selectQuiz(m);
      seen.push([stepIndex(m), q?.checkpoint.id, q?.answer?.correct]);
    }
    expect(seen).toEqual([[here, 'c', true], [here, 'b', false], [here, 'a', true], [here - 1, undefined, undefined]]);
    // The feedback shown is the one given at the time: b was answered 5, the answer is 1.
    m = apply(m, { type: 'next' }, { type: 'next' });
    expect(selectQuiz(m)).toMatchObject({ checkpoint: { id: 'b' }, answer: { value: '5', correct: false }, expected: '1' });
    expect(isBlocked(m)).toBe(false);
  });

  it('walks forward through them again, one → each, without asking again', () => {
    let m = apply(answeredAll(), { type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'back' });
    const ids: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      m = update(m, { type: 'next' });
      ids.push(stepIndex(m) === here ? currentCheckpoint(m)?.id : `step ${stepIndex(m) - here}`);
    }
    expect(ids).toEqual(['a', 'b', 'c', 'step 1']);
    expect(score(m)).toEqual({ correct: 2, answered: 3, total: 3 });
  });

  it('from an open quiz, ← shows the feedback of the one answered just before it at the same stop', () => {
    let m = update(createPlayer(TRACE, { checkpoints: three() }), { type: 'goto', step: here });
    m = apply(m, { type: 'answer', value: '0' }, { type: 'next' });
    expect(currentCheckpoint(m)?.id).toBe('b');
    expect(isBlocked(m)).toBe(true);
    m = update(m, { type: 'back' });
    expect(stepIndex(m)).toBe(here);
    expect(selectQuiz(m)).toMatchObject({ checkpoint: { id: 'a' }, answer: { value: '0', correct: true } });
    m = update(m, { type: 'next' });
    expect(currentCheckpoint(m)?.id).toBe('b');
    expect(isBlocked(m)).toBe(true);
  });
});

describe('a quiz does not give itself away', () => {
  const t = (en: string) => ({ en, ko: en });
  const base = { numbering: 'relative' as const, prompt: t('?'), explanation: t('.'), hint: t('.') };
  const STATES = ['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED'].map((s) => ({ value: s, label: t(s) }));
  /** The server's own move from LISTEN to SYN-RECEIVED on the client's SYN (RFC 9293 §3.10.7.2). */
  const serverSynRcvd = stepWhere((s) => s.kind === 'tcp-state' && s.host === SERVER.node && s.to === 'SYN_RECEIVED');
  const stateQuiz: Checkpoint = {
    ...base, id: 'server-state', kind: 'choice', ask: 'state', host: SERVER.node, atStep: serverSynRcvd,
    options: STATES, expected: 'SYN_RECEIVED',
  };

  it('shows ? for the asked host’s state in the ladder, and narrates the change without its end, until answered', () => {
    let m = at(createPlayer(TRACE, { checkpoints: [stateQuiz] }), serverSynRcvd);
    expect(currentCheckpoint(m)?.id).toBe('server-state');
    const columns = selectLadder(m)!.columns;
    expect(columns.find((c) => c.host === SERVER.node)?.state).toBe('?');
    // The other side's state is not the question: it stays readable.
    expect(columns.find((c) => c.host === CLIENT.node)?.state).toBe('SYN_SENT');
    expect(selectNarration(m).en).not.toContain('SYN_RECEIVED');
    expect(selectNarration(m).ko).not.toContain('SYN_RECEIVED');
    expect(selectNarration(m).en).toContain('LISTEN');
    m = update(m, { type: 'answer', value: 'SYN_RECEIVED' });
    expect(selectLadder(m)!.columns.find((c) => c.host === SERVER.node)?.state).toBe('SYN_RECEIVED');
    expect(selectNarration(m).en).toContain('LISTEN → SYN_RECEIVED');
  });

  it('masks the asked number of a frame already on screen: ladder label, header box, hex bytes', () => {
    // The client's ACK has arrived at the server; the quiz asks its ack number.
    const arrived = stepWhere((s) => s.kind === 'decap-check' && s.node === SERVER.node && s.check === 'tcp.checksum'
      && TRACE.frames[s.frame]?.parent === ACK);
    const quiz: Checkpoint = { ...base, id: 'ack-ack', kind: 'number', ask: 'ack', frame: ACK, atStep: arrived, expected: 1 };
    let m = at(createPlayer(TRACE, { checkpoints: [quiz] }), arrived);
    expect(currentCheckpoint(m)?.id).toBe('ack-ack');
    const row = selectLadder(m)!.rows.find((r) => r.frame === ACK)!;
    expect(row.label).toBe('ACK seq=1 ack=? len=0');
    const transport = box(m, 'transport');
    expect(transport.summary).toContain('ack=?');
    expect(transport.lines.find((l) => l.kind === 'field' && l.name === 'Acknowledgment Number')).toMatchObject({ mark: 'masked', value: '' });
    // RFC 9293 §3.1: the acknowledgment number is bytes 8–11 of the TCP header, which starts
    // after 14 bytes of Ethernet and 20 of IPv4.
    expect(selectHex(m)!.masked).toContainEqual({ start: 42, end: 46 });
    // The other segments' numbers are what the learner reasons from: they stay.
    expect(selectLadder(m)!.rows.find((r) => r.frame === frameWithFlags('S.'))!.label).toBe('SYN, ACK seq=0 ack=1');
    m = update(m, { type: 'answer', value: '1' });
    expect(selectLadder(m)!.rows.find((r) => r.frame === ACK)!.label).toBe('ACK seq=1 ack=1 len=0');
    expect(selectHex(m)!.masked).toEqual([]);
  });

  it('hides the end of a one-liner’s seq range and a retransmission’s seq while a seq quiz waits', () => {
    const sent = stepWhere((s) => s.kind === 'transmit' && s.frame === GET);
    const quiz: Checkpoint = { ...base, id: 'next', kind: 'number', ask: 'next-seq', frame: GET, atStep: sent, expected: 1 + GET_BYTES.length };
    let m = at(createPlayer(TRACE, { checkpoints: [quiz] }), sent);
    // tcpdump writes a data segment's range as first:last+1, relative to the ISN.
    expect(selectNarration(m).en).toContain('seq 1:?');
    expect(selectNarration(m).en).not.toContain(`1:${1 + GET_BYTES.length}`);
    m = update(m, { type: 'answer', value: String(1 + GET_BYTES.length) });
    expect(selectNarration(m).en).toContain(`seq 1:${1 + GET_BYTES.length}`);
  });
});
