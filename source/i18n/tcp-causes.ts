// Why a TCP connection changed state, said in each language. The state machine
// (sim/tcp/transition.ts) reports a typed cause: a code and its parameters. This table is
// the one place each is worded; Korean is in 합니다체.
import type { TcpCause, TcpCauseCode } from '../sim/tcp/transition.js';
import { say, type Text } from './text.js';

export const CAUSE_TEXT: Readonly<Record<TcpCauseCode, Text>> = {
  'app-connect': {
    en: 'the application called connect(): send SYN',
    ko: '애플리케이션이 connect()를 호출했습니다. SYN을 보냅니다',
  },
  'app-listen': {
    en: 'the application listens on port {port} (a passive OPEN)',
    ko: '애플리케이션이 포트 {port}에서 연결을 기다립니다(수동 열기)',
  },
  'listening-before-capture': {
    en: 'was listening on port {port} before the capture began (it answers the SYN)',
    ko: '캡처가 시작되기 전부터 포트 {port}에서 기다리고 있었습니다(SYN에 응답하므로 알 수 있습니다)',
  },
  'app-close-unsynchronized': {
    en: 'the application called close() before the connection was made',
    ko: '연결이 맺어지기 전에 애플리케이션이 close()를 호출했습니다',
  },
  'app-close': {
    en: 'the application called close(): a FIN goes after any data still waiting to be sent',
    ko: '애플리케이션이 close()를 호출했습니다. 보낼 데이터가 남아 있으면 그 뒤에 FIN을 보냅니다',
  },
  'app-close-after-fin': {
    en: "the application called close() after the peer's FIN: send our FIN",
    ko: '상대의 FIN을 받은 뒤 애플리케이션이 close()를 호출했습니다. 이제 자기 FIN을 보냅니다',
  },
  'app-abort': {
    en: 'the application aborted the connection',
    ko: '애플리케이션이 연결을 강제로 끊었습니다(abort)',
  },
  'time-wait-expired': {
    en: '2×MSL passed in TIME_WAIT',
    ko: 'TIME_WAIT에서 2×MSL이 지났습니다',
  },
  'give-up': {
    en: 'gave up: no ACK after {retransmissions} retransmissions',
    ko: '{retransmissions}번 재전송해도 ACK가 없어 포기했습니다',
  },
  'keep-alive-timeout': {
    en: 'no answer to {probes} keep-alive probes: the peer is taken as gone',
    ko: '킵얼라이브 탐색 {probes}개에 답이 없어 상대가 사라졌다고 봅니다',
  },
  'rcv-syn': {
    en: 'received SYN: reply with SYN-ACK',
    ko: 'SYN을 받았습니다. SYN-ACK로 응답합니다',
  },
  'rcv-syn-ack': {
    en: 'received SYN-ACK acking our SYN: send ACK',
    ko: '자기가 보낸 SYN을 확인하는 SYN-ACK를 받았습니다. ACK를 보냅니다',
  },
  'rcv-simultaneous-syn': {
    en: 'received SYN without ACK (simultaneous open): send SYN-ACK',
    ko: 'ACK 없는 SYN을 받았습니다(동시 열기). SYN-ACK를 보냅니다',
  },
  'rcv-rst-to-syn': {
    en: 'received RST acking our SYN: connection refused',
    ko: '자기가 보낸 SYN을 확인하는 RST를 받았습니다. 연결이 거부되었습니다',
  },
  'rcv-rst-refused': {
    en: 'received RST: connection refused',
    ko: 'RST를 받았습니다. 연결이 거부되었습니다',
  },
  'rcv-rst-listen-again': {
    en: 'received RST: a passive open returns to LISTEN',
    ko: 'RST를 받았습니다. 수동 열기였으므로 LISTEN으로 돌아갑니다',
  },
  'rcv-syn-listen-again': {
    en: 'received a SYN inside the window: a passive open returns to LISTEN',
    ko: '윈도 안에서 SYN을 받았습니다. 수동 열기였으므로 LISTEN으로 돌아갑니다',
  },
  'rcv-rst-reset': {
    en: 'received RST: connection reset by the peer',
    ko: 'RST를 받았습니다. 상대가 연결을 끊었습니다',
  },
  'rcv-rst-time-wait': {
    en: 'received RST in TIME_WAIT',
    ko: 'TIME_WAIT에서 RST를 받았습니다',
  },
  'rcv-syn-time-wait-reuse': {
    en: 'received a new SYN in TIME_WAIT, numbered past this connection: it ends, and the listener takes the SYN as a new connection on the same ports',
    ko: 'TIME_WAIT에서 이 연결의 번호보다 뒤에 있는 새 SYN을 받았습니다. 이 연결은 끝나고, 기다리던 소켓이 같은 포트로 새 연결을 받습니다',
  },
  'rcv-ack-of-syn': {
    en: 'received ACK of our SYN',
    ko: '자기가 보낸 SYN에 대한 ACK를 받았습니다',
  },
  'rcv-fin': {
    en: 'received FIN: the peer has no more to send',
    ko: 'FIN을 받았습니다. 상대는 더 보낼 데이터가 없습니다',
  },
  'rcv-fin-acking-fin': {
    en: 'received FIN that also acks our FIN',
    ko: '자기가 보낸 FIN을 확인하는 FIN을 받았습니다',
  },
  'rcv-ack-of-fin': {
    en: 'received ACK of our FIN',
    ko: '자기가 보낸 FIN에 대한 ACK를 받았습니다',
  },
  'rcv-fin-simultaneous-close': {
    en: 'received FIN before the ACK of ours (simultaneous close)',
    ko: '자기가 보낸 FIN의 ACK보다 상대 FIN이 먼저 도착했습니다(동시 종료)',
  },
  'rcv-fin-both-closed': {
    en: 'received FIN: both directions are closed',
    ko: 'FIN을 받았습니다. 양방향이 모두 닫혔습니다',
  },
};

/** A cause in both languages, its parameters filled in. */
export function causeText(cause: TcpCause): Text {
  const t = CAUSE_TEXT[cause.code];
  return { en: say(t, 'en', cause), ko: say(t, 'ko', cause) };
}
