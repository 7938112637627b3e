// Why a frame was dropped and why a RST was sent or taken, said in each language. The
// trace carries typed reasons (sim/reasons.ts); this is the one place each is worded.
// Korean is in 합니다체.
import { hostText } from './hosts.js';
import type { DropCode, DropReason, ResetCode, ResetReason } from '../sim/reasons.js';
import { say, type Text } from './text.js';

export const DROP_TEXT: Readonly<Record<DropCode, Text>> = {
  malformed: {
    en: 'malformed {protocol} at byte {offset}: {detail}',
    ko: '{protocol} 형식이 잘못되었습니다(바이트 {offset}: {detail})',
  },
  'not-my-mac': {
    en: "destination MAC {dst} is not this interface's ({mine}), so the frame is ignored",
    ko: '목적지 MAC {dst:은} 이 인터페이스의 주소({mine})가 아니므로 프레임을 무시합니다',
  },
  'bad-fcs': {
    en: 'the FCS does not match the frame: it was damaged on the wire, so it is discarded',
    ko: 'FCS가 프레임과 맞지 않습니다. 전송 중에 손상되었으므로 버립니다',
  },
  'unknown-ethertype': {
    en: 'EtherType {etherType} is not spoken here',
    ko: 'EtherType {etherType:은} 이 노드가 처리하지 않습니다',
  },
  'arp-not-for-me': {
    en: 'ARP for {target}, not this host ({mine}): ignored',
    ko: '{target:을} 찾는 ARP이며 이 호스트({mine})가 아니므로 무시합니다',
  },
  'bad-ip-checksum': {
    en: 'the IP header checksum does not match: the header was damaged',
    ko: 'IP 헤더 체크섬이 맞지 않습니다. 헤더가 손상되었습니다',
  },
  'not-my-ip': {
    en: 'the packet is for {dst}, not this host ({mine}); a host does not forward',
    ko: '이 패킷의 목적지는 {dst}이며 이 호스트({mine})가 아닙니다. 호스트는 패킷을 전달하지 않습니다',
  },
  'unknown-ip-protocol': {
    en: 'IP protocol {protocol} is not spoken here',
    ko: 'IP 프로토콜 {protocol:은} 이 호스트가 처리하지 않습니다',
  },
  'bad-tcp-checksum': {
    en: 'the TCP checksum does not match: the segment was damaged',
    ko: 'TCP 체크섬이 맞지 않습니다. 세그먼트가 손상되었습니다',
  },
  'rst-no-connection': {
    en: 'a RST for no connection on port {port} is ignored (RFC 9293 §3.10.7.1)',
    ko: '포트 {port}에 연결이 없으므로 RST를 무시합니다(RFC 9293 §3.10.7.1)',
  },
  'no-socket': {
    // How the host answers (RST, §3.10.7.1) is the reset step's to tell, and a flags quiz's to ask.
    en: 'no socket listens on port {port}',
    ko: '포트 {port}에서 기다리는 소켓이 없습니다',
  },
  'no-connection': {
    en: 'no connection on port {port} matches this segment (RFC 9293 §3.10.7.1)',
    ko: '포트 {port}에 이 세그먼트가 속한 연결이 없습니다(RFC 9293 §3.10.7.1)',
  },
  'bad-udp-checksum': {
    en: 'the UDP checksum does not match: the datagram was damaged',
    ko: 'UDP 체크섬이 맞지 않습니다. 데이터그램이 손상되었습니다',
  },
  'no-udp-socket': {
    en: 'no socket on UDP port {port} (the ICMP port unreachable reply is not simulated)',
    ko: 'UDP 포트 {port}에 소켓이 없습니다(ICMP 포트 도달 불가 응답은 시뮬레이션하지 않습니다)',
  },
  'bad-icmp-checksum': {
    en: 'the ICMP checksum does not match',
    ko: 'ICMP 체크섬이 맞지 않습니다',
  },
  'icmp-unclaimed': {
    en: 'ICMP type {type} for no one here',
    ko: '이 호스트에는 ICMP 타입 {type:을} 받을 곳이 없습니다',
  },
  'not-routed-ethertype': {
    en: 'EtherType {etherType} is not routed',
    ko: 'EtherType {etherType:은} 라우팅하지 않습니다',
  },
  'port-not-cabled': {
    en: 'the route leads out of {port}, which is not cabled',
    ko: '경로는 {port:으로} 나가지만 그 포트에는 케이블이 없습니다',
  },
  'mtu-exceeded': {
    en: 'the {length}-byte packet does not fit the {mtu}-byte MTU of {port} (fragmentation is not simulated)',
    ko: '{length}바이트 패킷은 {port}의 MTU {mtu}바이트에 맞지 않습니다(단편화는 시뮬레이션하지 않습니다)',
  },
  'mtu-exceeded-df': {
    en: 'the {length}-byte packet does not fit the {mtu}-byte MTU of {port} and DF is set (ICMP "fragmentation needed" is not simulated)',
    ko: '{length}바이트 패킷은 {port}의 MTU {mtu}바이트에 맞지 않고 DF가 설정되어 있습니다(ICMP "단편화 필요"는 시뮬레이션하지 않습니다)',
  },
  'no-router-service': {
    en: 'the router has no service for IP protocol {protocol}',
    ko: '라우터에는 IP 프로토콜 {protocol:을} 처리하는 서비스가 없습니다',
  },
  filtered: {
    en: '{dst} is behind the port the frame came from: filtered',
    ko: '{dst:은} 프레임이 들어온 포트 쪽에 있으므로 걸러 냅니다',
  },
  'copy-lost': {
    en: "no sign that this copy reached {receiver}: {receiver}'s next segments do not acknowledge it, and {sender} sent it again (frame {frame})",
    ko: '이 사본이 {receiver}에 도착했다는 흔적이 없습니다. {receiver}의 다음 세그먼트가 이를 확인하지 않고, {sender:이} 다시 보냈습니다(프레임 {frame})',
  },
};

export const RESET_TEXT: Readonly<Record<ResetCode, Text>> = {
  closed: {
    en: 'sent RST: a segment arrived for a closed connection',
    ko: 'RST를 보냅니다. 닫힌 연결에 세그먼트가 도착했습니다',
  },
  'ack-in-listen': {
    en: 'sent RST: an ACK arrived in LISTEN, where nothing has been sent to acknowledge',
    ko: 'RST를 보냅니다. LISTEN에서는 확인받을 것을 보낸 적이 없는데 ACK가 도착했습니다',
  },
  'ack-not-of-our-syn': {
    en: 'sent RST: the ACK does not acknowledge our SYN',
    ko: 'RST를 보냅니다. 그 ACK는 자기가 보낸 SYN을 확인하지 않습니다',
  },
  'ack-not-of-our-syn-ack': {
    en: 'sent RST: the ACK does not acknowledge our SYN-ACK',
    ko: 'RST를 보냅니다. 그 ACK는 자기가 보낸 SYN-ACK를 확인하지 않습니다',
  },
  'syn-in-window': {
    en: 'sent RST: a new SYN arrived inside the window of a connection still being opened, so Linux drops that half-open connection',
    ko: 'RST를 보냅니다. 아직 열리는 중인 연결의 윈도 안에 새 SYN이 도착해, 리눅스는 그 반쯤 열린 연결을 버립니다',
  },
  'app-abort': {
    en: 'the application aborted the connection',
    ko: '애플리케이션이 연결을 강제로 끊었습니다(abort)',
  },
  'give-up': {
    en: 'giving up: no ACK after {retransmissions} retransmissions',
    ko: '{retransmissions}번 재전송해도 ACK가 없어 포기하고 RST를 보냅니다',
  },
  'keep-alive-timeout': {
    en: 'giving up: {probes} keep-alive probes went unanswered, so the peer is taken as gone; RST',
    ko: '킵얼라이브 탐색 {probes}개에 답이 없어 상대가 사라졌다고 보고 포기합니다. RST를 보냅니다',
  },
  'no-listener': {
    en: 'connection refused: nothing listens on port {port}',
    ko: '연결을 거부합니다. 포트 {port}에서 기다리는 소켓이 없습니다',
  },
  'no-connection': {
    en: 'no connection on port {port} matches this segment, so it is answered with RST (RFC 9293 §3.10.7.1)',
    ko: '포트 {port}에 이 세그먼트가 속한 연결이 없으므로 RST로 답합니다(RFC 9293 §3.10.7.1)',
  },
  'peer-refused': {
    en: 'its SYN was answered with RST: the connection is refused, and closed',
    ko: '보낸 SYN에 상대가 RST로 답했습니다. 연결이 거부되어 닫힙니다',
  },
  'peer-reset': {
    en: 'a RST from the peer arrived: the connection is dropped at once, with any data not yet delivered',
    ko: '상대의 RST가 도착했습니다. 연결은 곧바로 끊기고, 아직 전달되지 않은 데이터도 버려집니다',
  },
  'gave-up': {
    en: 'gave up: no ACK after {retransmissions} retransmissions',
    ko: '{retransmissions}번 재전송해도 ACK가 없어 포기했습니다',
  },
};

/** A drop reason in both languages, its parameters filled in. */
export function dropText(reason: DropReason): Text {
  const t = DROP_TEXT[reason.code];
  // The hosts a reason names read as the learner's language calls them (서버, 클라이언트).
  const params = reason.code === 'copy-lost' ? { ...reason, receiver: hostText(reason.receiver), sender: hostText(reason.sender) } : reason;
  return { en: say(t, 'en', params), ko: say(t, 'ko', params) };
}

/** A reset reason in both languages, its parameters filled in. */
export function resetText(reason: ResetReason): Text {
  const t = RESET_TEXT[reason.code];
  return { en: say(t, 'en', reason), ko: say(t, 'ko', reason) };
}
