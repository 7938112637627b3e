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

  it('read the TCP state names as a Korean network engineer says them (RFC 9293 §3.3.2)', () => {
    // Each hand-checked against the spoken name: the particle follows its last syllable.
    const cases: Array<[string, string, string]> = [
      ['CLOSED', '은', 'CLOSED는'], // 클로즈드
      ['LISTEN', '은', 'LISTEN은'], // 리슨
      ['SYN_SENT', '은', 'SYN_SENT는'], // 신 센트
      ['SYN_RECEIVED', '은', 'SYN_RECEIVED는'], // 신 리시브드
      ['ESTABLISHED', '은', 'ESTABLISHED는'], // 에스태블리시드
      ['FIN_WAIT_1', '은', 'FIN_WAIT_1은'], // 핀 웨이트 원
      ['FIN_WAIT_1', '로', 'FIN_WAIT_1으로'], // 원: ㄴ, not 일's ㄹ
      ['FIN_WAIT_2', '로', 'FIN_WAIT_2로'], // 투
      ['CLOSE_WAIT', '은', 'CLOSE_WAIT는'], // 클로즈 웨이트
      ['CLOSING', '은', 'CLOSING은'], // 클로징
      ['CLOSING', '로', 'CLOSING으로'],
      ['LAST_ACK', '은', 'LAST_ACK은'], // 라스트 액
      ['LAST_ACK', '로', 'LAST_ACK으로'],
      ['TIME_WAIT', '은', 'TIME_WAIT는'], // 타임 웨이트
    ];
    for (const [word, particle, expected] of cases) expect(withJosa(word, particle), `${word} ${particle}`).toBe(expected);
  });

  it('read flag names letter by letter or as their one syllable, and keep ACK as it was', () => {
    expect(withJosa('SYN', '을')).toBe('SYN을'); // 신
    expect(withJosa('FIN', '이')).toBe('FIN이'); // 핀
    expect(withJosa('RST', '를')).toBe('RST를'); // 알에스티
    expect(withJosa('PSH', '가')).toBe('PSH가'); // 피에스에이치
    expect(withJosa('URG', '는')).toBe('URG는'); // 유알지
    // ACK is said both 액 and 에이씨케이; it keeps the reading it had (에이씨케이).
    expect(withJosa('ACK', '를')).toBe('ACK를');
    expect(withJosa('[S.] SYN+ACK', '은')).toBe('[S.] SYN+ACK는');
  });

  it('read header field names as the English words they are: 넘버, 포인터, 오프셋, 타입, 어베일러블', () => {
    expect(withJosa('Sequence Number', '은')).toBe('Sequence Number는'); // 넘버, not 알
    expect(withJosa('Acknowledgment Number', '이')).toBe('Acknowledgment Number가');
    expect(withJosa('Urgent Pointer', '은')).toBe('Urgent Pointer는');
    expect(withJosa('Identifier', '을')).toBe('Identifier를');
    expect(withJosa('Authoritative Answer (AA)', '은')).toBe('Authoritative Answer (AA)는'); // 앤서
    expect(withJosa('Data Offset', '은')).toBe('Data Offset은'); // 오프셋
    expect(withJosa('Fragment Offset (ip.frag_offset)', '은')).toBe('Fragment Offset (ip.frag_offset)은');
    expect(withJosa('Hardware type', '은')).toBe('Hardware type은'); // 타입
    expect(withJosa('Recursion Available (RA)', '은')).toBe('Recursion Available (RA)은'); // 어베일러블
    expect(withJosa('Sender MAC address (arp.src.hw_mac)', '은')).toBe('Sender MAC address (arp.src.hw_mac)는'); // 어드레스, not the key's 맥
    expect(withJosa('MAC', '을')).toBe('MAC을'); // 맥
    expect(withJosa('Padding', '은')).toBe('Padding은'); // 패딩
    // Those whose last letter already reads right stay as they were.
    expect(withJosa('Destination Port', '은')).toBe('Destination Port는'); // 포트
    expect(withJosa('Time to Live', '은')).toBe('Time to Live는'); // 리브
    expect(withJosa('Protocol', '은')).toBe('Protocol은'); // 프로토콜
    expect(withJosa('Checksum', '을')).toBe('Checksum을'); // 체크섬
    expect(withJosa('TTL', '로')).toBe('TTL로'); // 티티엘
    expect(withJosa('MSS', '은')).toBe('MSS는'); // 엠에스에스
    expect(withJosa('seq', '는')).toBe('seq는'); // 시퀀스, 시크
  });

  it('read host names a lesson might give as loanwords: 랩톱, 프린터, 폰', () => {
    expect(withJosa('laptop', '이')).toBe('laptop이');
    expect(withJosa('printer', '이')).toBe('printer가');
    expect(withJosa('phone', '은')).toBe('phone은');
    expect(withJosa('alice', '가')).toBe('alice가'); // 앨리스
  });

  it('agree with the word before a bracket, whatever the bracket holds', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z_]{0,11}[A-Za-z]$/);
    const inside = fc.stringMatching(/^[a-z0-9._]{1,16}$/);
    fc.assert(fc.property(word, inside, fc.constantFrom('이', '을', '은', '과', '으로'), (w, x, p) => josa(`${w} (${x})`, p) === josa(w, p)));
  });

  it('always give exactly one of the pair after Latin letters and digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_]{0,15}[A-Za-z0-9]$/), fc.constantFrom('이', '을', '은', '과', '으로'), (w, p) => !josa(w, p).includes('(')));
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
