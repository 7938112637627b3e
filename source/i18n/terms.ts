// The terms tcp-tutor uses, one Korean word for each English one, from the curriculum's term
// list (CURRICULUM.md) and the words the product added (퀴즈, 연습, 패딩). `avoid` lists the
// variants that drifted in before; a test reads every lesson and message table for them.

export interface Term {
  readonly en: string;
  readonly ko: string;
  /** Korean spellings that mean the same and must not appear beside `ko`. */
  readonly avoid: readonly string[];
}

export const TERMS: readonly Term[] = [
  { en: 'encapsulation', ko: '캡슐화', avoid: ['캡슐레이션', '인캡슐레이션'] },
  { en: 'decapsulation', ko: '역캡슐화', avoid: ['디캡슐화', '디캡슐레이션', '탈캡슐화'] },
  { en: 'segment', ko: '세그먼트', avoid: ['세그멘트'] },
  { en: 'trailer', ko: '트레일러', avoid: ['트레일러 필드'] },
  { en: 'sequence number', ko: '시퀀스 번호', avoid: ['순서 번호', '일련 번호', 'SYN 번호'] },
  { en: 'acknowledgment number', ko: '확인 응답 번호', avoid: ['승인 번호', '확인 번호'] },
  { en: '3-way handshake', ko: '3-way 핸드셰이크', avoid: ['핸드쉐이크', '3웨이', '세 방향 악수'] },
  { en: 'window', ko: '윈도우', avoid: ['윈도 크기', '창 크기'] },
  { en: 'retransmission', ko: '재전송', avoid: ['재송신'] },
  { en: 'default gateway', ko: '기본 게이트웨이', avoid: ['디폴트 게이트웨이'] },
  { en: 'well-known port', ko: '잘 알려진 포트', avoid: ['잘알려진 포트', '웰노운 포트'] },
  { en: 'ephemeral port', ko: '임시 포트', avoid: ['에페메랄 포트', '임시포트'] },
  { en: 'application layer', ko: '응용 계층', avoid: ['애플리케이션 계층', '응용층'] },
  { en: 'padding', ko: '패딩', avoid: ['채움 바이트'] },
  { en: 'quiz', ko: '퀴즈', avoid: ['틀린 문제'] },
  { en: 'drill', ko: '연습', avoid: ['드릴'] },
];
