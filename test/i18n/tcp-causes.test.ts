import { describe, expect, it } from 'vitest';
import { DROP_TEXT, RESET_TEXT, dropText, resetText } from '../../source/i18n/reasons.js';
import { CAUSE_TEXT, causeText } from '../../source/i18n/tcp-causes.js';
import type { Text } from '../../source/i18n/text.js';
import { TCP_CAUSE_CODES, TCP_CAUSE_RFC, tcpCause } from '../../source/sim/tcp/transition.js';

const HANGUL = /[\uac00-\ud7a3]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]!).sort();

/** Each code has an English and a Korean sentence, with the same placeholders in both. */
function expectComplete(table: Readonly<Record<string, Text | undefined>>, codes: readonly string[]) {
  for (const code of codes) {
    const t = table[code];
    expect(t, `${code} has no text`).toBeDefined();
    expect(t!.en.trim(), `${code}: English`).not.toBe('');
    expect(t!.en, `${code}: English is not Korean`).not.toMatch(HANGUL);
    expect(t!.ko, `${code}: Korean`).toMatch(HANGUL);
    expect(placeholders(t!.ko), `${code}: the same placeholders`).toEqual(placeholders(t!.en));
  }
  // Nothing in the table that no code can reach.
  expect(Object.keys(table).sort()).toEqual([...codes].sort());
}

describe('typed causes and reasons, said in both languages', () => {
  it('every state-change cause has English and Korean', () => {
    expect(TCP_CAUSE_CODES.length).toBeGreaterThan(20);
    expectComplete(CAUSE_TEXT, TCP_CAUSE_CODES);
  });

  it('every drop reason and every reset reason has English and Korean', () => {
    // The tables are typed Record<code, Text>: a missing code does not compile. What is
    // left to check is each text itself.
    expectComplete(DROP_TEXT, Object.keys(DROP_TEXT));
    expectComplete(RESET_TEXT, Object.keys(RESET_TEXT));
  });

  it('a test table missing a language fails the check', () => {
    expect(() => expectComplete({ a: { en: 'x', ko: '' } }, ['a'])).toThrow();
    expect(() => expectComplete({ a: { en: 'x', ko: '가' } }, ['a', 'b'])).toThrow();
  });

  it('fills in the parameters in each language', () => {
    expect(causeText(tcpCause('give-up', { retransmissions: 8 }))).toEqual({
      en: 'gave up: no ACK after 8 retransmissions',
      ko: '8번 재전송해도 ACK가 없어 포기했습니다',
    });
    expect(resetText({ code: 'no-listener', port: 81 }).en).toBe('connection refused: nothing listens on port 81');
    expect(resetText({ code: 'no-connection', port: 7000 }).en).toBe('no connection on port 7000 matches this segment, so it is answered with RST (RFC 9293 §3.10.7.1)');
    expect(dropText({ code: 'no-socket', port: 81 }).ko).toContain('포트 81');
  });

  it('each cause cites the RFC 9293 section that defines the transition (hand-checked against the RFC)', () => {
    // §3.10.1 OPEN, §3.10.4 CLOSE, §3.10.5 ABORT, §3.10.7.2 LISTEN, §3.10.7.3 SYN-SENT,
    // §3.10.7.4 the other states, §3.10.8 timeouts, §3.8.3 retransmission give-up (R2).
    expect(TCP_CAUSE_RFC['app-connect']).toBe('3.10.1');
    expect(TCP_CAUSE_RFC['app-close']).toBe('3.10.4');
    expect(TCP_CAUSE_RFC['app-abort']).toBe('3.10.5');
    expect(TCP_CAUSE_RFC['rcv-syn']).toBe('3.10.7.2');
    expect(TCP_CAUSE_RFC['rcv-syn-ack']).toBe('3.10.7.3');
    expect(TCP_CAUSE_RFC['rcv-fin']).toBe('3.10.7.4');
    expect(TCP_CAUSE_RFC['time-wait-expired']).toBe('3.10.8');
    expect(TCP_CAUSE_RFC['give-up']).toBe('3.8.3');
  });
});

describe('the Korean is in 합니다체', () => {
  it('every sentence of every cause and reason ends in -니다 (a closing parenthesis aside)', () => {
    const all = [...Object.values(CAUSE_TEXT), ...Object.values(DROP_TEXT), ...Object.values(RESET_TEXT)];
    for (const t of all) {
      for (const sentence of t.ko.split(/\. /)) {
        expect(sentence.replace(/\([^()]*\)$/, '').trim(), t.ko).toMatch(/니다$/);
      }
    }
  });
});
