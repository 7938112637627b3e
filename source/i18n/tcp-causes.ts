// Why a TCP connection changed state, in both languages. The state machine (and replay's
// inference of a real capture's states) reports causes as English sentences; this table
// gives each its Korean, and a test keeps it complete.
import type { Text } from './text.js';

const KO: Readonly<Record<string, string>> = {
  'the application called connect(): send SYN': '애플리케이션이 connect()를 호출: SYN을 보냄',
  'the application called close() before the connection was made': '연결이 맺어지기 전에 애플리케이션이 close()를 호출',
  'the application called close(): FIN follows the data': '애플리케이션이 close()를 호출: 데이터 뒤에 FIN을 보냄',
  "the application called close() after the peer's FIN: send our FIN": '상대의 FIN을 받은 뒤 애플리케이션이 close()를 호출: 우리 FIN을 보냄',
  'the application aborted the connection': '애플리케이션이 연결을 강제로 끊음(abort)',
  '2×MSL passed in TIME_WAIT': 'TIME_WAIT에서 2×MSL이 지남',
  'received ACK of our FIN': '우리 FIN에 대한 ACK를 받음',
  'received ACK of our SYN': '우리 SYN에 대한 ACK를 받음',
  'received FIN before the ACK of ours (simultaneous close)': '우리 FIN의 ACK보다 상대 FIN이 먼저 도착(동시 종료)',
  'received FIN that also acks our FIN': '우리 FIN을 ACK하는 FIN을 받음',
  'received FIN: both directions are closed': 'FIN을 받음: 양방향이 모두 닫힘',
  'received FIN: the peer has no more to send': 'FIN을 받음: 상대는 더 보낼 데이터가 없음',
  'received RST acking our SYN: connection refused': '우리 SYN을 ACK하는 RST를 받음: 연결 거부',
  'received RST in TIME_WAIT': 'TIME_WAIT에서 RST를 받음',
  'received RST: a passive open returns to LISTEN': 'RST를 받음: 수동 열기였으므로 LISTEN으로 돌아감',
  'received RST: connection refused': 'RST를 받음: 연결 거부',
  'received RST: connection reset by the peer': 'RST를 받음: 상대가 연결을 끊음',
  'received SYN without ACK (simultaneous open): send SYN-ACK': 'ACK 없는 SYN을 받음(동시 열기): SYN-ACK를 보냄',
  'received SYN-ACK acking our SYN: send ACK': '우리 SYN을 ACK하는 SYN-ACK를 받음: ACK를 보냄',
  'received SYN: reply with SYN-ACK': 'SYN을 받음: SYN-ACK로 응답',
  'the SYN-ACK also carried FIN': 'SYN-ACK에 FIN도 실려 있었음',
  "sent FIN after the peer's FIN: the application called close()": '상대의 FIN 뒤에 FIN을 보냄: 애플리케이션이 close()를 호출',
  'sent FIN: the application called close()': 'FIN을 보냄: 애플리케이션이 close()를 호출',
  'sent RST: the connection is aborted': 'RST를 보냄: 연결을 강제로 끊음',
  'sent SYN: the application called connect()': 'SYN을 보냄: 애플리케이션이 connect()를 호출',
};

/** A cause in both languages; one the table does not know stays English in both. */
export function tcpCause(cause: string): Text {
  if (cause.startsWith('gave up: ')) return { en: cause, ko: `재전송을 포기함: ${cause.slice('gave up: '.length)}` };
  return { en: cause, ko: KO[cause] ?? cause };
}

/** For the test that keeps the table complete. */
export const KNOWN_TCP_CAUSES: readonly string[] = Object.keys(KO);
