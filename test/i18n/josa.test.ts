// Particles checked against how a Korean speaker reads each word aloud (hand-checked).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { josa, withJosa } from '../../source/i18n/josa.js';
import { say } from '../../source/i18n/text.js';

describe('Korean particles', () => {
  it('follow the final consonant of Hangul words', () => {
    expect(withJosa('서버', '이')).toBe('서버가');
    expect(withJosa('클라이언트', '을')).toBe('클라이언트를');
    expect(withJosa('패킷', '을')).toBe('패킷을');
    expect(withJosa('프레임', '은')).toBe('프레임은');
    expect(withJosa('이더넷', '과')).toBe('이더넷과');
    expect(withJosa('계층', '로')).toBe('계층으로');
    expect(withJosa('파일', '으로')).toBe('파일로'); // ㄹ takes 로
    expect(withJosa('서버', '으로')).toBe('서버로');
  });

  it('read digits in Sino-Korean: 일 이 삼 사 오 육 칠 팔 구, and 십 백 천 for trailing zeros', () => {
    expect(withJosa('r1', '이')).toBe('r1이'); // 일
    expect(withJosa('r2', '이')).toBe('r2가'); // 이
    expect(withJosa('63', '로')).toBe('63으로'); // 삼
    expect(withJosa('61', '로')).toBe('61로'); // 일: ㄹ
    expect(withJosa('1460', '을')).toBe('1460을'); // 육십
    expect(withJosa('1000', '는')).toBe('1000은'); // 천
    expect(withJosa('IPv4', '가')).toBe('IPv4가'); // 사
    expect(withJosa('port 80', '이')).toBe('port 80이'); // 팔
    expect(withJosa('19', '를')).toBe('19를'); // 구
  });

  it('read Latin letters by their names: 엘 알 end in ㄹ, 엠 엔 in another consonant', () => {
    expect(withJosa('FIN', '을')).toBe('FIN을');
    expect(withJosa('SYN', '가')).toBe('SYN이');
    expect(withJosa('TCP', '은')).toBe('TCP는');
    expect(withJosa('URL', '으로')).toBe('URL로');
    expect(withJosa('ARP', '와')).toBe('ARP와');
  });

  it('read the built-in host names as the loanwords they are: 서버, 클라이언트', () => {
    expect(withJosa('server', '이')).toBe('server가');
    expect(withJosa('client', '은')).toBe('client는');
    expect(withJosa('r1', '이')).toBe('r1이');
  });

  it('look past closing quotes and brackets', () => {
    expect(withJosa('“GET /”', '을')).toBe('“GET /”를'); // T: 티
    expect(withJosa('서버(10.0.0.80)', '이')).toBe('서버(10.0.0.80)가'); // agrees with 서버
    expect(withJosa('IPv4 패킷(84바이트)', '을')).toBe('IPv4 패킷(84바이트)을'); // with 패킷
  });

  it('keep both forms when the reading cannot be told', () => {
    expect(josa('→', '을')).toBe('을(를)');
  });

  it('are written by {name:particle} placeholders, in Korean only', () => {
    const t = { en: '{host} sends', ko: '{host:이} 보냅니다' };
    expect(say(t, 'ko', { host: 'r1' })).toBe('r1이 보냅니다');
    expect(say(t, 'ko', { host: { en: 'server', ko: '서버' } })).toBe('서버가 보냅니다');
    expect(say(t, 'en', { host: 'r1' })).toBe('r1 sends');
  });

  it('always give exactly one of the pair for a Hangul word', () => {
    fc.assert(fc.property(fc.integer({ min: 0xac00, max: 0xd7a3 }), fc.constantFrom('이', '을', '은', '과', '으로'), (code, p) => {
      const word = String.fromCodePoint(code);
      const got = josa(word, p);
      const jong = (code - 0xac00) % 28;
      const expected = p === '으로' ? (jong === 0 || jong === 8 ? '로' : '으로')
        : jong === 0 ? { 이: '가', 을: '를', 은: '는', 과: '와' }[p] : p;
      return got === expected;
    }));
  });
});
