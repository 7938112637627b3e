import { say as sayText, type Lang, type Text } from '../../i18n/text.js';

/**
 * Everything `inspect` says to a person, in both languages. Placeholders are `{name}`.
 * Wireshark's own English labels stay recognisable in the English text, so a learner can
 * look them up; the Korean says what they mean.
 */
export const INSPECT_MESSAGES = {
  retransmission: { en: 'TCP Retransmission', ko: 'TCP 재전송' },
  fastRetransmission: { en: 'TCP Fast Retransmission', ko: 'TCP 빠른 재전송' },
  spuriousRetransmission: { en: 'TCP Spurious Retransmission', ko: 'TCP 불필요한 재전송' },
  outOfOrder: { en: 'TCP Out-Of-Order', ko: 'TCP 순서 뒤바뀜' },
  dupAck: { en: 'TCP Dup ACK #{n}', ko: 'TCP 중복 ACK #{n}' },
  lostSegment: { en: 'TCP Previous segment not captured', ko: 'TCP 앞 세그먼트가 캡처되지 않음' },
  ackLostSegment: { en: 'TCP ACKed unseen segment', ko: 'TCP 캡처되지 않은 세그먼트를 ACK함' },
  zeroWindow: { en: 'TCP ZeroWindow', ko: 'TCP 제로 윈도우' },
  zeroWindowProbe: { en: 'TCP ZeroWindowProbe', ko: 'TCP 제로 윈도우 탐색' },
  zeroWindowProbeAck: { en: 'TCP ZeroWindowProbeAck', ko: 'TCP 제로 윈도우 탐색 ACK' },
  windowUpdate: { en: 'TCP Window Update', ko: 'TCP 윈도우 업데이트' },
  keepAlive: { en: 'TCP Keep-Alive', ko: 'TCP 킵얼라이브' },
  keepAliveAck: { en: 'TCP Keep-Alive ACK', ko: 'TCP 킵얼라이브 ACK' },
  portsReused: { en: 'TCP Port numbers reused', ko: 'TCP 포트 번호 재사용' },
  badIpChecksum: { en: 'bad IP header checksum', ko: 'IP 헤더 체크섬 오류' },
  badTransportChecksum: { en: 'bad {proto} checksum 0x{field}, should be 0x{expected}', ko: '{proto} 체크섬 오류 0x{field}, 올바른 값은 0x{expected}' },
  badFcs: { en: 'bad FCS', ko: 'FCS 오류' },
  cutBySnaplen: { en: 'cut by snaplen: {captured} of {length} bytes captured', ko: 'snaplen에 잘림: {length}바이트 중 {captured}바이트만 캡처됨' },
  unreadable: { en: 'unreadable: {problem}', ko: '읽을 수 없음: {problem}' },
  fragment: { en: 'not reassembled', ko: '재조립하지 않음' },
  quotesTcp: { en: 'an error about TCP {segment}, stream {stream}', ko: 'TCP {segment}에 대한 오류, 스트림 {stream}' },

  arpRequest: { en: 'ARP, Request who-has {target} tell {sender}', ko: 'ARP, Request who-has {target} tell {sender}' },
  arpReply: { en: 'ARP, Reply {sender} is-at {mac}', ko: 'ARP, Reply {sender} is-at {mac}' },
  arpOther: { en: 'ARP, opcode {op}', ko: 'ARP, opcode {op}' },

  streamsHeading: { en: 'TCP streams: {count}', ko: 'TCP 스트림: {count}개' },
  streamLine: { en: 'stream {stream}: {a} ⇄ {b}, {frames}', ko: '스트림 {stream}: {a} ⇄ {b}, {frames}' },
  frameRange: { en: 'frames {first}–{last}', ko: '프레임 {first}–{last}' },
  oneFrame: { en: 'frame {first}', ko: '프레임 {first}' },
  handshakeComplete: { en: 'handshake: complete (SYN, SYN-ACK, ACK), {client} opened it', ko: '핸드셰이크: 완료 (SYN, SYN-ACK, ACK), {client:이} 연결을 엶' },
  handshakePartial: { en: 'handshake: {client} sent SYN, but the three-way handshake did not complete in the capture', ko: '핸드셰이크: {client:이} SYN을 보냈지만 캡처 안에서 3-way 핸드셰이크가 끝나지 않음' },
  handshakeNone: { en: 'handshake: not captured (the capture began mid-connection)', ko: '핸드셰이크: 캡처되지 않음 (연결 도중부터 캡처함)' },
  direction: { en: '{from} → {to}: {bytes} data bytes in {segments} segment{s}, {retransmitted} retransmitted', ko: '{from} → {to}: 데이터 {bytes}바이트, 세그먼트 {segments}개, 재전송 {retransmitted}개' },
  closedRst: { en: 'ended by RST from {who}', ko: '{who:이} 보낸 RST로 끊김' },
  closedFin: { en: 'closed with FIN from both sides', ko: '양쪽 모두 FIN을 보내 닫힘' },
  halfClosed: { en: 'half-closed: only {who} sent FIN', ko: '반만 닫힘: {who}만 FIN을 보냄' },
  onlyQuoted: { en: 'seen only quoted inside ICMP errors, never on its own', ko: 'ICMP 오류 안에 인용된 모습으로만 보였고, 직접 캡처된 적은 없음' },
  stillOpen: { en: 'still open at the end of the capture', ko: '캡처가 끝날 때까지 열려 있음' },
  moreStreams: { en: '… and {count} more streams (use --stream N to see one)', ko: '… 그리고 스트림 {count}개 더 (--stream N으로 하나씩 볼 수 있음)' },
  otherPackets: { en: 'other packets: {list}', ko: '그 밖의 패킷: {list}' },
  notesHeading: { en: 'notes:', ko: '참고:' },
  offloaded: {
    en: 'checksums of packets sent by this host look offloaded: {hosts}. tcpdump copied those packets before the network card (or loopback) filled in the checksum, so they are not errors.',
    ko: '이 호스트가 보낸 패킷의 체크섬은 오프로드된 것으로 보입니다: {hosts}. 네트워크 카드(또는 루프백)가 체크섬을 채우기 전에 tcpdump가 패킷을 복사했으므로 오류가 아닙니다.',
  },
  snaplenNote: {
    en: 'packets cut short by the capture\'s snaplen: {count}. Their lengths come from their headers; their checksums could not be checked.',
    ko: '패킷 {count}개가 캡처의 snaplen 때문에 잘렸습니다: 길이는 헤더에서 읽었고, 체크섬은 확인할 수 없었습니다.',
  },
  truncatedFile: {
    en: 'the file ends in the middle of a packet, at byte {offset} (perhaps it was copied while tcpdump was still writing): showing the {count} packets before it.',
    ko: '파일이 패킷 중간인 {offset}번째 바이트에서 끝납니다 (tcpdump가 아직 쓰는 중에 복사했을 수 있음): 그 앞의 패킷 {count}개를 보여 줍니다.',
  },
  noSuchStream: { en: 'tcp-tutor inspect: there is no TCP stream {stream} in {file} ({range})', ko: 'tcp-tutor inspect: {file}에 TCP 스트림 {stream:이} 없습니다 ({range})' },
  streamRange: { en: 'it has streams 0–{last}', ko: '스트림은 0–{last}번' },
  noStreams: { en: 'it has no TCP streams', ko: 'TCP 스트림이 하나도 없음' },
  brokenFile: { en: 'tcp-tutor inspect: {file}: {error}', ko: 'tcp-tutor inspect: {file}: {error}' },
  emptyCapture: { en: 'the capture holds no packets', ko: '캡처에 패킷이 하나도 없습니다' },
} as const satisfies Record<string, Text>;

export type InspectMessage = keyof typeof INSPECT_MESSAGES;

export function say(lang: Lang, key: InspectMessage, params: Readonly<Record<string, string | number>> = {}): string {
  return sayText(INSPECT_MESSAGES[key], lang, params);
}
