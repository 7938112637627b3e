import { describe, expect, it } from 'vitest';
import {
  acceptsChar, expectedText, grade, stepsSeen, type ChoiceCheckpoint, type FieldCheckpoint, type NumberCheckpoint,
} from '../../source/quiz/checkpoint.js';

const t = (s: string) => ({ en: s, ko: s });
const base = { id: 'q', atStep: 4, prompt: t('?'), explanation: t('the rule'), hint: t('h'), numbering: 'relative' as const };

const ack: NumberCheckpoint = {
  ...base, kind: 'number', expected: 1,
  wrong: [{ answer: '0', explain: t('0 is the ISN itself; the SYN used it up.') }],
};
const state: ChoiceCheckpoint = {
  ...base, kind: 'choice', expected: 'SYN_RECEIVED',
  options: [
    { value: 'LISTEN', label: { en: 'LISTEN', ko: 'LISTEN' } },
    { value: 'SYN_RECEIVED', label: { en: 'SYN_RECEIVED', ko: 'SYN_RECEIVED' } },
    { value: 'accept', label: { en: 'accepts it in order and acks it', ko: '순서대로 받아들이고 ACK한다' } },
  ],
  wrong: [{ answer: 'LISTEN', explain: t('The SYN has arrived: LISTEN is over.') }],
};
const etherType: FieldCheckpoint = { ...base, kind: 'field', field: 'eth.type', expected: '0x0800' };
const mac: FieldCheckpoint = { ...base, kind: 'field', field: 'eth.dst', expected: '02:00:00:00:01:0a' };

describe('the grader', () => {
  it('reads a number as typed: spaces around it and leading zeros do not matter', () => {
    expect(grade(ack, '1')).toEqual({ graded: true, correct: true, answer: '1', wrongExplain: null });
    expect(grade(ack, ' 001 ')).toMatchObject({ graded: true, correct: true, answer: '1' });
    expect(grade(ack, '2')).toMatchObject({ graded: true, correct: false, wrongExplain: null });
  });

  it("gives the lesson's word on a known wrong answer, however it was typed", () => {
    expect(grade(ack, '0')).toMatchObject({ correct: false, wrongExplain: t('0 is the ISN itself; the SYN used it up.') });
    expect(grade(ack, '00')).toMatchObject({ correct: false, wrongExplain: t('0 is the ISN itself; the SYN used it up.') });
    // LISTEN is option 1: picked by number, it is the same wrong answer.
    expect(grade(state, '1')).toMatchObject({ correct: false, answer: 'LISTEN', wrongExplain: t('The SYN has arrived: LISTEN is over.') });
  });

  it('asks again, rather than marking wrong, an answer it cannot read', () => {
    expect(grade(ack, '')).toEqual({ graded: false, problem: 'empty' });
    expect(grade(ack, '   ')).toEqual({ graded: false, problem: 'empty' });
    expect(grade(ack, 'one')).toEqual({ graded: false, problem: 'notANumber' });
    expect(grade(ack, '-1')).toEqual({ graded: false, problem: 'notANumber' });
    // 2^32 is one past the largest sequence number.
    expect(grade(ack, '4294967296')).toEqual({ graded: false, problem: 'tooLarge' });
    expect(grade(ack, '4294967295')).toMatchObject({ graded: true, correct: false });
    expect(grade(state, '4')).toEqual({ graded: false, problem: 'notAnOption' });
    expect(grade(state, 'ESTABLISHED')).toEqual({ graded: false, problem: 'notAnOption' });
    expect(grade(etherType, '')).toEqual({ graded: false, problem: 'empty' });
  });

  it('takes a choice as displayed: its number, its value, its label in English or Korean', () => {
    for (const given of ['2', 'SYN_RECEIVED', 'syn_received', ' Syn_Received ']) {
      expect(grade(state, given), given).toMatchObject({ graded: true, correct: true, answer: 'SYN_RECEIVED' });
    }
    const receiver: ChoiceCheckpoint = { ...state, expected: 'accept' };
    for (const given of ['3', 'accept', 'accepts it in order and acks it', '순서대로 받아들이고 ACK한다', '순서대로 받아들이고 ack한다']) {
      expect(grade(receiver, given), given).toMatchObject({ graded: true, correct: true, answer: 'accept' });
    }
  });

  it('takes a field in hex or decimal (0x0800 is 2048), and a MAC in either case', () => {
    for (const given of ['0x0800', '0x800', '0X0800', '2048']) expect(grade(etherType, given), given).toMatchObject({ correct: true });
    expect(grade(etherType, '0x0806')).toMatchObject({ graded: true, correct: false });
    expect(grade(etherType, '800')).toMatchObject({ graded: true, correct: false });
    expect(grade(mac, '02:00:00:00:01:0A')).toMatchObject({ correct: true });
    expect(grade(mac, '02:00:00:00:01:0b')).toMatchObject({ correct: false });
  });
});

describe('a checkpoint', () => {
  it('shows its answer as the learner reads it: a choice by its label', () => {
    expect(expectedText(ack)).toBe('1');
    expect(expectedText(etherType)).toBe('0x0800');
    expect(expectedText(state)).toEqual({ en: 'SYN_RECEIVED', ko: 'SYN_RECEIVED' });
  });

  it('is asked once its step is on screen, or on the step that writes its field', () => {
    expect(stepsSeen(ack)).toBe(5);
    expect(stepsSeen(etherType)).toBe(4);
  });

  it('takes digits for a number, field characters for a field, and no typing for a choice', () => {
    expect(['7', 'a', 'x', ':'].map((c) => acceptsChar('number', c))).toEqual([true, false, false, false]);
    expect(['7', 'a', 'x', ':', '.', 'g', ' '].map((c) => acceptsChar('field', c))).toEqual([true, true, true, true, true, false, false]);
    expect(acceptsChar('choice', '1')).toBe(false);
  });
});
