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

  it('leaves ↑ ↓ Enter and digits to the choice list', () => {
    const m = at(player(), choiceQuiz);
    expect(keyToAction(m, '\r', { return: true })).toBeNull();
    expect(keyToAction(m, '', { downArrow: true })).toBeNull();
    expect(keyToAction(m, '2', {})).toBeNull();
    expect(keyToAction(m, 'h', {})).toEqual({ type: 'hint' });
  });

  it('walks the whole trace with → alone when there are no quizzes', () => {
    let m = player({}, false);
    for (let i = 0; i < TRACE.steps.length + 3; i++) m = press(m, '', { rightArrow: true });
    expect(stepIndex(m)).toBe(TRACE.steps.length - 1);
  });
});
