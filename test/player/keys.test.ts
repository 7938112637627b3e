import { describe, expect, it } from 'vitest';
import { keyToAction, press } from '../../source/player/keys.js';
import { stepIndex, update } from '../../source/player/model.js';
import { at, player, stepWhere, TRACE, frameWithFlags } from './fixtures.js';

const ACK = frameWithFlags('.');
const numberQuiz = stepWhere((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED');
const fieldQuiz = stepWhere((s) => s.kind === 'encap-field' && s.frame === ACK && s.key === 'tcp.ack');
const choiceQuiz = stepWhere((s) => s.kind === 'decap-check' && s.check === 'ip.ttl');

describe('keys', () => {
  it('maps the player’s keys', () => {
    const m = player();
    expect(keyToAction(m, '', { rightArrow: true })).toEqual({ type: 'next' });
    expect(keyToAction(m, ' ', {})).toEqual({ type: 'next' });
    expect(keyToAction(m, '\r', { return: true })).toEqual({ type: 'next' });
    expect(keyToAction(m, '', { leftArrow: true })).toEqual({ type: 'back' });
    expect(keyToAction(m, 'a', {})).toEqual({ type: 'toggleAutoplay' });
    expect(keyToAction(m, '+', {})).toEqual({ type: 'faster' });
    expect(keyToAction(m, '-', {})).toEqual({ type: 'slower' });
    expect(keyToAction(m, 'r', {})).toEqual({ type: 'toggleNumbering' });
    expect(keyToAction(m, 'x', {})).toEqual({ type: 'toggleHex' });
    expect(keyToAction(m, 'd', {})).toEqual({ type: 'toggleDetail' });
    expect(keyToAction(m, 'h', {})).toEqual({ type: 'hint' });
    expect(keyToAction(m, '?', {})).toEqual({ type: 'toggleHelp' });
    expect(keyToAction(m, 'q', {})).toEqual({ type: 'quit' });
    expect(keyToAction(m, '', { escape: true })).toEqual({ type: 'quit' });
    expect(keyToAction(m, 'z', {})).toBeNull();
  });

  it('closes help with ? or Esc instead of leaving', () => {
    const m = update(player(), { type: 'toggleHelp' });
    expect(keyToAction(m, '', { escape: true })).toEqual({ type: 'closeHelp' });
    expect(keyToAction(m, '?', {})).toEqual({ type: 'closeHelp' });
    expect(keyToAction(m, '', { rightArrow: true })).toBeNull();
  });

  it('sends digits, Backspace and Enter to an open number quiz', () => {
    let m = at(player({ detail: 'step' }), numberQuiz);
    m = press(press(press(m, '1', {}), '2', {}), '', { delete: true });
    expect(m.draft).toBe('1');
    expect(keyToAction(m, 'a', {})).toEqual({ type: 'toggleAutoplay' });
    m = press(m, '\r', { return: true });
    expect(m.answers.get('synack-ack')).toEqual({ value: '1', correct: true });
    // Answered: Enter goes on again.
    expect(stepIndex(press(m, '\r', { return: true }))).toBe(numberQuiz + 1);
  });

  it('lets hex letters into a field quiz, though a, d and x mean something elsewhere', () => {
    const m = at(player(), fieldQuiz);
    expect(keyToAction(m, 'a', {})).toEqual({ type: 'quizInput', text: 'a' });
    expect(keyToAction(m, 'x', {})).toEqual({ type: 'quizInput', text: 'x' });
    expect(keyToAction(m, 'q', {})).toEqual({ type: 'quit' });
    expect(keyToAction(m, '', { leftArrow: true })).toEqual({ type: 'back' });
  });

  it('moves a choice list with ↑ ↓, picks by number, and answers only on Enter', () => {
    const m = at(player(), choiceQuiz);
    expect(keyToAction(m, '', { downArrow: true })).toEqual({ type: 'quizMove', by: 1 });
    expect(keyToAction(m, '', { upArrow: true })).toEqual({ type: 'quizMove', by: -1 });
    expect(keyToAction(m, '2', {})).toEqual({ type: 'quizInput', text: '2' });
    expect(keyToAction(m, '\r', { return: true })).toEqual({ type: 'quizSubmit' });
    expect(keyToAction(m, 'h', {})).toEqual({ type: 'hint' });
    // The fixture's option 2 is "The source and destination IP addresses" (value ips).
    const typed = press(m, '2', {});
    expect(typed.answers.has('router-changes')).toBe(false);
    expect(press(typed, '\r', { return: true }).answers.get('router-changes')).toEqual({ value: 'ips', correct: false });
  });

  it('takes several backspaces in one read as that many backspaces', () => {
    // Backspace held down: the terminal sends DEL (0x7f) again and again, and Ink may hand
    // several to useInput at once.
    const typed = press(at(player(), numberQuiz), '1234', {});
    expect(typed.draft).toBe('1234');
    expect(press(typed, '\u007F\u007F\u007F', {}).draft).toBe('1');
    expect(press(typed, '\b\b', {}).draft).toBe('12');
    expect(press(typed, '\u007F\u007F5\r', {}).answers.get('synack-ack')).toEqual({ value: '125', correct: false });
  });

  it('takes a pasted answer as typed, Enter and all', () => {
    // One read of several characters, as Ink hands a paste to useInput.
    const field = press(at(player(), fieldQuiz), '0x01', {});
    expect(field.draft).toBe('0x01');
    // The expected ack is relative 1 (the fixture); 0x01 is 1.
    expect(press(at(player(), fieldQuiz), '0x01\r', {}).answers.get('ack-field')).toEqual({ value: '0x01', correct: true });
    expect(press(at(player(), numberQuiz), '1\r', {}).answers.get('synack-ack')).toEqual({ value: '1', correct: true });
    // A choice answered by its label, pasted, as the list prints it.
    const choice = press(at(player(), choiceQuiz), 'The MAC addresses, TTL and the checksums\n', {});
    expect(choice.answers.get('router-changes')).toEqual({ value: 'macs-ttl', correct: true });
    // Not an option: asked again with the reason, not graded wrong.
    const bad = press(at(player(), choiceQuiz), 'routers\r', {});
    expect(bad.answers.has('router-changes')).toBe(false);
    expect(bad.notice).toEqual({ kind: 'badAnswer', problem: 'notAnOption' });
  });

  it('walks the whole trace with → alone when there are no quizzes', () => {
    let m = player({}, false);
    for (let i = 0; i < TRACE.steps.length + 3; i++) m = press(m, '', { rightArrow: true });
    expect(stepIndex(m)).toBe(TRACE.steps.length - 1);
  });
});

describe('keys on the summary at the end of a lesson', () => {
  const summary = () => update(at(player({}, false), TRACE.steps.length - 1), { type: 'next' });

  it('maps r to review, ↑ ↓ and page keys to scrolling, ← to the lesson, and q Esc Enter to leaving', () => {
    const m = summary();
    expect(m.summary).not.toBeNull();
    expect(keyToAction(m, 'r', {})).toEqual({ type: 'review' });
    expect(keyToAction(m, '', { downArrow: true })).toEqual({ type: 'scrollSummary', by: 1 });
    expect(keyToAction(m, '', { pageDown: true })).toEqual({ type: 'scrollSummary', by: 1 });
    expect(keyToAction(m, '', { upArrow: true })).toEqual({ type: 'scrollSummary', by: -1 });
    expect(keyToAction(m, '', { leftArrow: true })).toEqual({ type: 'closeSummary' });
    for (const [input, key] of [['q', {}], ['', { escape: true }], ['\r', { return: true }]] as const) {
      expect(keyToAction(m, input, key)).toEqual({ type: 'quit' });
    }
    // The player's keys mean nothing here.
    expect(keyToAction(m, 'x', {})).toBeNull();
    expect(keyToAction(m, 'a', {})).toBeNull();
  });
});
