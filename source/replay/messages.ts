import { say as sayText, type Lang, type Text } from '../i18n/text.js';
import type { UnreadableReason } from './frame.js';

/**
 * Everything `replay` says to a person, in both languages. Placeholders are `{name}`.
 * Errors are one line each; the rest are notes the player shows beside the steps.
 */
export const REPLAY_MESSAGES = {
  title: { en: 'Replay: {file}, TCP stream {stream}', ko: '재생: {file}, TCP 스트림 {stream}' },
  intro: {
    en: 'Replaying TCP stream {stream} of {file}: {client} ⇄ {server}, {count} packets (frames {first}–{last}). The frames are real; what each end checks, expects and which state it is in are inferred from them, because a capture cannot see inside a host.',
    ko: '{file}의 TCP 스트림 {stream} 재생: {client} ⇄ {server}, 패킷 {count}개 (프레임 {first}–{last}). 프레임은 실제 캡처 그대로이고, 각 끝점이 무엇을 검사하고 기다리며 어떤 상태인지는 프레임에서 추론한 것입니다. 캡처로는 호스트 안을 볼 수 없기 때문입니다.',
  },
  roles: {
    en: '{client} sent the SYN, so tcp-tutor calls it the client; {server} answered it, so it is the server.',
    ko: '{client:이} SYN을 보냈으므로 클라이언트, {server:이} 응답했으므로 서버라고 부릅니다.',
  },
  midStream: {
    en: 'The capture begins mid-connection: there is no handshake, so both ends start in ESTABLISHED and relative numbers start at 1, as in Wireshark. tcp-tutor calls the end on port {port} the server.',
    ko: '캡처가 연결 도중에 시작됩니다. 핸드셰이크가 없으므로 양쪽 모두 ESTABLISHED에서 시작하고, Wireshark처럼 상대 번호는 1부터 셉니다. 포트 {port:을} 쓰는 쪽을 서버라고 부릅니다.',
  },
  missedSyn: {
    en: 'The capture begins with the SYN-ACK: the SYN itself was not captured, so the client starts in SYN_SENT and the server in SYN_RECEIVED.',
    ko: '캡처가 SYN-ACK로 시작합니다. SYN 자체는 캡처되지 않았으므로 클라이언트는 SYN_SENT, 서버는 SYN_RECEIVED에서 시작합니다.',
  },
  syntheticLink: {
    en: 'This capture has no Ethernet header ({linkType}); tcp-tutor shows one so that every layer is present. Its MAC addresses {macs}, and its FCS is computed by tcp-tutor.',
    ko: '이 캡처에는 이더넷 헤더가 없습니다 ({linkType}). 모든 계층이 보이도록 tcp-tutor가 헤더를 붙여 보여 줍니다. MAC 주소는 {macs}, FCS는 tcp-tutor가 계산한 값입니다.',
  },
  macsMadeUp: { en: 'are made up (locally administered, 02:…)', ko: '지어낸 것이고(로컬 관리 주소 02:…)' },
  macsCooked: { en: "come from the capture's cooked header", ko: '캡처의 cooked 헤더에 있던 것이고' },
  fcsComputed: {
    en: 'Like most captures, this one holds no FCS: the network card checks it and strips it before tcpdump sees the frame. The FCS shown is computed by tcp-tutor, so its check always passes.',
    ko: '대부분의 캡처처럼 이 캡처에도 FCS가 없습니다. 네트워크 카드가 검사한 뒤 떼어 내고 나서 tcpdump가 프레임을 보기 때문입니다. 보이는 FCS는 tcp-tutor가 계산한 값이라 검사는 늘 통과합니다.',
  },
  fcsCaptured: {
    en: "This capture kept each frame's FCS: the FCS checks below are the capture's own.",
    ko: '이 캡처는 프레임마다 FCS를 담고 있습니다. 아래의 FCS 검사는 캡처에 있던 값 그대로입니다.',
  },
  vlan: {
    en: 'The frames carried 802.1Q VLAN tags ({ids}); tcp-tutor shows them without the tags.',
    ko: '프레임에 802.1Q VLAN 태그({ids})가 있었습니다. tcp-tutor는 태그를 뺀 프레임을 보여 줍니다.',
  },
  zeroMacs: {
    en: 'Both MAC addresses are all zeros: on Linux the loopback interface has no hardware address.',
    ko: 'MAC 주소가 모두 0입니다. 리눅스의 루프백 인터페이스에는 하드웨어 주소가 없기 때문입니다.',
  },
  offload: {
    en: 'Frame {n}: its TCP checksum {field} is not the real one ({expected}). {host} captured its own segment before the network card (or the loopback driver) filled the checksum in. This is checksum offload, not damage, so the check counts as passed.',
    ko: '프레임 {n}: TCP 체크섬 {field:은} 올바른 값({expected})이 아닙니다. {host:이} 네트워크 카드(또는 루프백 드라이버)가 체크섬을 채우기 전에 자기 세그먼트를 캡처했기 때문입니다. 손상이 아니라 체크섬 오프로드이므로 검사는 통과로 봅니다.',
  },
  cut: {
    en: "Frame {n} ({facts}) was cut by the capture's snaplen: only {captured} of its {length} bytes were saved. tcp-tutor does not invent the missing bytes, so this segment is not played; both ends still count its {len} data bytes.",
    ko: '프레임 {n:은} 캡처의 snaplen 때문에 잘렸습니다({facts}). {length}바이트 중 {captured}바이트만 저장되었습니다. tcp-tutor는 빠진 바이트를 지어내지 않으므로 이 세그먼트는 재생하지 않습니다. 다만 양쪽 끝점은 데이터 {len}바이트를 그대로 셉니다.',
  },
  unreadable: {
    en: 'Frame {n} is not played: {reason}.',
    ko: '프레임 {n:은} 재생하지 않습니다: {reason}.',
  },
  unreadableMalformed: {
    en: 'malformed {protocol} at byte {offset}: {detail}',
    ko: '{protocol} 형식이 잘못되었습니다(바이트 {offset}: {detail})',
  },
  unreadableIpHeaderCut: {
    en: 'only {captured} bytes of the IP header were captured',
    ko: 'IP 헤더 중 {captured}바이트만 캡처되었습니다',
  },
  unreadableIpLength: {
    en: 'its IP header says {length} bytes, but the frame holds only {holds}',
    ko: 'IP 헤더에는 {length}바이트라고 적혀 있지만 프레임에는 {holds}바이트뿐입니다',
  },
  unreadableRebuildFailed: {
    en: 'the rebuilt frame does not decode',
    ko: '다시 만든 프레임을 해석할 수 없습니다',
  },
  lost: {
    en: 'Frame {n}: Wireshark says "previous segment not captured". Bytes {from}–{to} from {sender} never appear in the capture: they were lost before they reached the capture point, or the capture missed them.',
    ko: '프레임 {n}: Wireshark는 "앞 세그먼트가 캡처되지 않음"이라고 표시합니다. {sender}의 {from}–{to}번 바이트가 캡처에 없습니다. 캡처 지점에 닿기 전에 사라졌거나, 캡처가 놓친 것입니다.',
  },
  retransmission: {
    en: 'Frame {n}: Wireshark says "{what}". {sender} sends bytes from {seq} again.',
    ko: '프레임 {n}: Wireshark는 이 프레임에 "{what}" 표시를 붙입니다. {sender:이} {seq}번 바이트부터 다시 보냅니다.',
  },
  crossed: {
    en: 'Frame {n}: {receiver} had not received it yet when it sent frame {m}, whose ack does not cover its {what}. The two were in flight at the same time, so here it reaches {receiver} after frame {m} leaves.',
    ko: '프레임 {n}: {receiver:이} 프레임 {m:을} 보낼 때는 아직 이 프레임을 받지 못했습니다. 프레임 {m}의 ACK가 이 프레임의 {what:을} 포함하지 않기 때문입니다. 두 프레임이 동시에 날아가고 있었으므로, 여기서는 프레임 {m:이} 떠난 뒤에 {receiver}에 도착합니다.',
  },
  limited: {
    en: 'This stream has {total} packets; replay shows the first {max}.',
    ko: '이 스트림의 패킷은 {total}개입니다. 처음 {max}개만 재생합니다.',
  },
  timeWait: {
    en: '{host} is now in TIME_WAIT: it waits 2×MSL (60 seconds on Linux) before it closes, in case its last ACK is lost and the FIN comes again. The capture ends before that.',
    ko: '{host:은} 이제 TIME_WAIT입니다. 마지막 ACK가 사라져 FIN이 다시 올 경우에 대비해 닫기 전에 2×MSL(리눅스에서는 60초)을 기다립니다. 캡처는 그 전에 끝납니다.',
  },
  cutOffFile: {
    en: 'the file ends in the middle of a packet, at byte {offset} (perhaps it was copied while tcpdump was still writing): replaying the {count} packets before it.',
    ko: '파일이 패킷 중간인 {offset}번째 바이트에서 끝납니다 (tcpdump가 아직 쓰는 중에 복사했을 수 있음): 그 앞의 패킷 {count}개를 재생합니다.',
  },

  gapAck: {
    en: 'ack = {ack}: bytes {ack}–{last} are missing, and an ACK names only the next byte expected in order. So {host} says ack {ack} again (a duplicate ACK); the {len} bytes at seq {seq} wait in its out-of-order queue.',
    ko: 'ack = {ack}: {ack}–{last}번 바이트가 빠져 있고, ACK는 순서대로 다음에 받을 바이트만 가리킵니다. 그래서 {host:은} ack {ack:을} 다시 보냅니다(중복 ACK). seq {seq}의 {len}바이트는 순서 어긋남 큐에서 기다립니다.',
  },
  finAck: {
    en: "ack = the FIN's seq {seq}{data} + 1 for the FIN = {ack}: a FIN takes one sequence number, as a byte would, so acknowledging it moves the ack on by one.",
    ko: 'ack = FIN의 seq {seq}{data} + FIN 1 = {ack}: FIN은 바이트 하나처럼 시퀀스 번호 하나를 차지하므로, FIN을 확인 응답하면 ACK 번호가 1 늘어납니다.',
  },
  finData: { en: ' + {len} bytes of data', ko: ' + 데이터 {len}바이트' },
  fillAck: {
    en: 'ack = {ack}: the retransmitted bytes from {seq} fill the hole, and {host} already holds everything after it up to {ack}, out of order. One cumulative ACK acknowledges all of it.',
    ko: 'ack = {ack}: {seq}번부터 다시 보낸 바이트가 빈 곳을 채웠고, {host:은} 그 뒤 {ack}번까지를 이미 순서 어긋남 큐에 갖고 있습니다. 누적 ACK 하나로 전부 확인 응답합니다.',
  },

  errBroken: { en: 'tcp-tutor replay: {file}: {error}', ko: 'tcp-tutor replay: {file}: {error}' },
  errNoTcp: { en: 'tcp-tutor replay: {file} holds no TCP conversation to replay', ko: 'tcp-tutor replay: {file}에는 재생할 TCP 연결이 없습니다' },
  errNoStream: {
    en: 'tcp-tutor replay: there is no TCP stream {stream} in {file}; its streams: {list}',
    ko: 'tcp-tutor replay: {file}에 TCP 스트림 {stream:이} 없습니다. 있는 스트림: {list}',
  },
  errMoreStreams: { en: '… and {count} more', ko: '… 외 {count}개' },
  errIpv6: {
    en: 'tcp-tutor replay: stream {stream} of {file} is IPv6; replay shows IPv4 conversations (tcp-tutor inspect explains IPv6 ones)',
    ko: 'tcp-tutor replay: {file}의 스트림 {stream:은} IPv6입니다. 재생은 IPv4 연결만 보여 줍니다 (IPv6는 tcp-tutor inspect로 볼 수 있음)',
  },
  errNothingToShow: {
    en: 'tcp-tutor replay: no segment of stream {stream} in {file} can be shown: {reason}',
    ko: 'tcp-tutor replay: {file}의 스트림 {stream}에는 보여 줄 수 있는 세그먼트가 없습니다: {reason}',
  },
  errNotShipped: {
    en: "tcp-tutor replay: no shipped capture '{name}'; there are: {list}",
    ko: "tcp-tutor replay: 이름이 '{name}'인 내장 캡처가 없습니다. 있는 것: {list}",
  },
} as const satisfies Record<string, Text>;

export type ReplayMessage = keyof typeof REPLAY_MESSAGES;

export function say(lang: Lang, key: ReplayMessage, params: Readonly<Record<string, string | number | Text>> = {}): string {
  return sayText(REPLAY_MESSAGES[key], lang, params);
}

/** A message in both languages, for notes the player shows in the learner's language. */
export function text(key: ReplayMessage, params: Readonly<Record<string, string | number | Text>> = {}): Text {
  return { en: say('en', key, params), ko: say('ko', key, params) };
}

const UNREADABLE: Readonly<Record<UnreadableReason['code'], ReplayMessage>> = {
  malformed: 'unreadableMalformed',
  'ip-header-cut': 'unreadableIpHeaderCut',
  'ip-length': 'unreadableIpLength',
  'rebuild-failed': 'unreadableRebuildFailed',
};

/** Why a packet is not played, in both languages. */
export function unreadableText(reason: UnreadableReason): Text {
  return text(UNREADABLE[reason.code], reason);
}
