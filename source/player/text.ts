// The words the player composes from a trace: layer and PDU names, narration of each
// step, and the sentence each receiving check reads as. Korean is written for Korean
// learners (terms as in CURRICULUM.md); state and flag names stay in English.
import { say, type Text } from '../i18n/text.js';
import type { Layer, Pdu, Protocol } from '../sim/trace.js';
import { PROTOCOLS } from '../wire/protocols.js';

export type Params = Readonly<Record<string, string | number | Text>>;

/** Fills `{name}` placeholders in both languages; a Text parameter is taken per language. */
export function fill(template: Text, params: Params = {}): Text {
  return { en: say(template, 'en', params), ko: say(template, 'ko', params) };
}

/** A string that reads the same in both languages (numbers, addresses, summaries). */
export function same(s: string): Text {
  return { en: s, ko: s };
}

export function joinText(parts: readonly Text[], sep = ' '): Text {
  return { en: parts.map((p) => p.en).join(sep), ko: parts.map((p) => p.ko).join(sep) };
}

export const LAYER_NAMES: Readonly<Record<Layer, Text>> = {
  application: { en: 'Application', ko: '응용 계층' },
  transport: { en: 'Transport', ko: '전송 계층' },
  internet: { en: 'Internet', ko: '인터넷 계층' },
  link: { en: 'Link', ko: '링크 계층' },
};

export const PDU_NAMES: Readonly<Record<Pdu, Text>> = {
  data: { en: 'data', ko: '데이터' },
  message: { en: 'message', ko: '메시지' },
  segment: { en: 'segment', ko: '세그먼트' },
  datagram: { en: 'datagram', ko: '데이터그램' },
  packet: { en: 'packet', ko: '패킷' },
  frame: { en: 'frame', ko: '프레임' },
};

/** A stretch of virtual time as a learner reads it: `2.5 s`, `1 h 1 min 40 s`, `2.5초`, `1시간 1분 40초`. */
export function duration(micros: number): Text {
  const ms = Math.round(micros / 1000);
  if (ms < 60_000) {
    const sec = String(Math.round(ms / 100) / 10);
    return { en: `${sec} s`, ko: `${sec}초` };
  }
  const total = Math.round(ms / 1000);
  const parts = [[Math.floor(total / 3600), 'h', '시간'], [Math.floor(total / 60) % 60, 'min', '분'], [total % 60, 's', '초']] as const;
  const kept = parts.filter(([n]) => n > 0);
  return { en: kept.map(([n, u]) => `${n} ${u}`).join(' '), ko: kept.map(([n, , u]) => `${n}${u}`).join(' ') };
}

/** A byte count as a learner reads it: `1 byte`, `20 bytes`, `20바이트`. */
export function byteCount(n: number): Text {
  return { en: n === 1 ? '1 byte' : `${n} bytes`, ko: `${n}바이트` };
}

/** A unit with its size, as Korean writes it before a particle: `IPv4 패킷(84바이트)`. */
export function sizedUnit(p: Protocol, bytes: number): Text {
  const u = unitName(p);
  const n = byteCount(bytes);
  return { en: `${u.en} (${n.en})`, ko: `${u.ko}(${n.ko})` };
}

/** A protocol's unit by name: `TCP segment`, `ARP message`, `이더넷 프레임`; plain `data` for data. */
export function unitName(p: Protocol): Text {
  if (p === 'data') return PDU_NAMES.data;
  const pdu = PDU_NAMES[PROTOCOLS[p].pdu];
  const name = PROTOCOL_NAMES[p];
  return { en: `${name.en} ${pdu.en}`, ko: `${name.ko} ${pdu.ko}` };
}

export const PROTOCOL_NAMES: Readonly<Record<Protocol, Text>> = {
  http: same('HTTP'),
  dns: same('DNS'),
  data: { en: 'data', ko: '데이터' },
  tcp: same('TCP'),
  udp: same('UDP'),
  icmp: same('ICMP'),
  ipv4: same('IPv4'),
  arp: same('ARP'),
  ethernet: { en: 'Ethernet', ko: '이더넷' },
};

/**
 * What a sentence calls a TCP socket. Its id (`client#1`) stays in the trace, JSON and the
 * ladder: a sentence says the host, and a host's later socket by its port (lesson 13's second
 * connection, lesson 14's second try), so two connections of one host are told apart.
 */
export const SOCKET_NAMES = {
  /** A TCP step's subject: `client`, or `client's connection on port 58864`. */
  connectionOnPort: { en: "{host}'s connection on port {port}", ko: '{host}의 포트 {port} 연결' },
  /** Where an application writes or reads. */
  socket: { en: 'its socket', ko: '소켓' },
  socketOnPort: { en: 'its socket on port {port}', ko: '포트 {port} 소켓' },
} as const satisfies Record<string, Text>;

/** Narration templates, one per step kind (and per variant where the sentence differs). */
export const NARRATION = {
  appWrite: {
    en: '{host}: the application writes {length} bytes to {socket}: “{preview}”.',
    ko: '{host}의 애플리케이션이 {socket}에 {length}바이트를 씁니다: “{preview}”.',
  },
  appRead: {
    en: '{host}: the application reads {length} bytes from {socket}: “{preview}”.',
    ko: '{host}의 애플리케이션이 {socket}에서 {length}바이트를 읽습니다: “{preview}”.',
  },
  buffer: {
    en: '{who} has {send} B waiting to be sent and {recv} B waiting to be read; it advertises window {window}.',
    ko: '{who}에는 보낼 데이터가 {send}바이트, 아직 읽지 않은 데이터가 {recv}바이트 있습니다. 알리는 윈도우는 {window}입니다.',
  },
  encapBegin: {
    en: 'Encapsulation at {host}: the {layer} layer starts its {protocol} header.',
    ko: '{host}에서 캡슐화가 진행됩니다. {layer:이} {protocol} 헤더를 쓰기 시작합니다.',
  },
  /** Plain data has no header: the application hands its bytes down as they are. */
  encapBeginData: {
    en: 'Encapsulation at {host} starts with the application’s data: plain bytes, with no header of their own.',
    ko: '{host}에서 캡슐화는 애플리케이션의 데이터에서 시작합니다. 이 데이터에는 따로 헤더가 없습니다.',
  },
  encapField: {
    en: '{host} writes its {protocol} header: {name} = {value}',
    ko: '{host:이} {protocol} 헤더의 {name} 필드에 {value:을} 씁니다.',
  },
  encapFieldHidden: {
    en: '{host} writes its {protocol} header: {name} = ?  Fill it in.',
    ko: '{host:이} {protocol} 헤더의 {name} 필드를 씁니다. 그 값은 직접 채워 보세요.',
  },
  encapFlags: {
    en: '{host} writes its {protocol} flags: {set} set, the other bits 0.',
    ko: '{host:이} {protocol} 플래그를 씁니다. {set:을} 켜고 나머지 비트는 0으로 둡니다.',
  },
  encapFlagsNone: {
    en: '{host} writes its {protocol} flags: every bit 0.',
    ko: '{host:이} {protocol} 플래그를 씁니다. 모든 비트가 0입니다.',
  },
  encapHeader: {
    en: 'The {layer} layer writes its whole {protocol} header: {count} fields.',
    ko: '{layer:이} {protocol} 헤더 전체를 씁니다. 필드는 {count}개입니다.',
  },
  encapEnd: {
    en: 'The {protocol} header is done: the {unit} ({size}) goes down to {below} in the {belowLayer} layer, which wraps it.',
    ko: '{protocol} 헤더가 완성되었습니다. {what:을} {belowLayer}의 {below}에 넘겨 감싸게 합니다.',
  },
  encapEndSame: {
    en: 'The {protocol} header is done: the {unit} ({size}) goes to {below}, in the same {belowLayer} layer, which wraps it.',
    ko: '{protocol} 헤더가 완성되었습니다. {what:을} 같은 {belowLayer}의 {below}에 넘겨 감싸게 합니다.',
  },
  encapEndApp: {
    en: 'The application’s {unit} ({size}) is ready and goes down to {below} in the Transport layer.',
    ko: '애플리케이션의 {unit:이} 준비되었습니다. {size:이} 전송 계층의 {below:으로} 내려갑니다.',
  },
  /** The bytes of a retransmission or a probe: TCP's own copy, not a new write. */
  encapBeginResent: {
    en: 'Encapsulation at {host} starts from bytes TCP still holds in its send buffer: the application wrote them earlier, and they go out again.',
    ko: '{host}에서 캡슐화는 TCP가 송신 버퍼에 아직 갖고 있는 바이트에서 시작합니다. 애플리케이션이 앞서 쓴 데이터이고, 이것을 다시 보냅니다.',
  },
  encapBeginProbe: {
    en: 'Encapsulation at {host} starts from TCP’s send buffer: a byte the application wrote earlier goes into a probe of the zero window.',
    ko: '{host}에서 캡슐화는 TCP의 송신 버퍼에서 시작합니다. 애플리케이션이 앞서 쓴 바이트 하나로 0 윈도우를 확인하는 탐색 세그먼트를 만듭니다.',
  },
  encapEndResent: {
    en: 'TCP takes the {unit} ({size}) from its send buffer again and hands it to {below}.',
    ko: 'TCP가 송신 버퍼에서 {unit:을} 다시 꺼내 {below:으로} 넘깁니다({size}).',
  },
  encapEndProbe: {
    en: 'TCP takes {size} from its send buffer for the probe and hands it to {below}.',
    ko: 'TCP가 탐색에 쓸 {size:을} 송신 버퍼에서 꺼내 {below:으로} 넘깁니다.',
  },
  encapEndLink: {
    en: 'The frame is complete: {length} bytes with header and FCS trailer, ready for the wire.',
    ko: '프레임이 완성되었습니다. 헤더와 트레일러(FCS)를 더해 {length}바이트이고, 이제 선로로 나갑니다.',
  },
  transmit: {
    en: '{Frame} leaves {from} on link {link}: {summary}',
    ko: '{frame:이} {from}에서 링크 {link:으로} 나갑니다: {summary}',
  },
  arrive: {
    en: '{Frame} arrives at {node} on {iface}. Decapsulation starts at the bottom, with the Link layer.',
    ko: '{frame:이} {node}의 {iface} 인터페이스에 도착합니다. 역캡슐화는 맨 아래 링크 계층부터 시작합니다.',
  },
  switchLearn: {
    en: 'Switch {node} learns that {mac} is reached through {port}.',
    ko: '{node:은} {mac:이} {port} 쪽에 있다고 학습합니다.',
  },
  switchFlood: {
    en: 'Switch {node} does not know where the destination is yet, so it floods {frame} out of every other port.',
    ko: '{node:은} 목적지가 어디 있는지 아직 모르므로 {frame:을} 다른 모든 포트로 내보냅니다(플러딩).',
  },
  switchForward: {
    en: 'Switch {node} forwards {frame} out of the one port it learnt for the destination.',
    ko: '{node:은} {frame:을} 목적지로 학습한 포트 하나로만 내보냅니다.',
  },
  routerForward: {
    en: 'Router {node} forwards to next hop {nextHop} (route {route}): {changed} fields change (*), the rest stay the same (=).',
    ko: '{node:은} 다음 홉 {nextHop:으로} 패킷을 전달합니다(경로 {route}). 필드 {changed}개가 바뀌고(*), 나머지는 그대로입니다(=).',
  },
  routerDropTtl: {
    en: 'Router {node} drops the packet: its TTL would reach 0, so it cannot go further.',
    ko: '{node:은} 패킷을 버립니다. TTL이 0이 되어 더 갈 수 없습니다.',
  },
  routerDropNoRoute: {
    en: 'Router {node} has no route to the destination and drops the packet.',
    ko: '{node:은} 목적지로 가는 경로가 없어 패킷을 버립니다.',
  },
  decapCheck: {
    en: '{node}, {layer} layer checks: {check}',
    ko: '{node}의 {layer:이} 검사합니다: {check}',
  },
  decapStrip: {
    en: '{node} removes the {protocol} header and passes the {unit} inside ({size}) up to {above} in the {aboveLayer} layer.',
    ko: '{node:은} {protocol} 헤더를 떼어 내고, 안에 든 {what:을} 위의 {aboveLayer}에 있는 {above}에 올립니다.',
  },
  decapStripSame: {
    en: '{node} removes the {protocol} header and passes the {unit} inside ({size}) to {above}, in the same {aboveLayer} layer.',
    ko: '{node:은} {protocol} 헤더를 떼어 내고, 안에 든 {what:을} 같은 {aboveLayer}의 {above}에 넘깁니다.',
  },
  decapStripTop: {
    en: '{node} removes the {protocol} header; the {unit} ({size}) reaches the application.',
    ko: '{node:은} {protocol} 헤더를 떼어 냅니다. {what:이} 애플리케이션에 도착합니다.',
  },
  decapStripEmpty: {
    en: '{node} removes the {protocol} header; this {pdu} carried no data, so nothing goes up to the application.',
    ko: '{node:은} {protocol} 헤더를 떼어 냅니다. 이 {pdu}에는 데이터가 없으므로 애플리케이션에 올라가는 것이 없습니다.',
  },
  decapStripLast: {
    en: '{node} removes the {protocol} header; nothing inside goes further up.',
    ko: '{node:은} {protocol} 헤더를 떼어 냅니다. 더 위로 올려 보낼 것은 없습니다.',
  },
  drop: {
    en: '{node} drops {frame} at the {layer} layer: {reason}.',
    ko: '{node:은} {layer}에서 {frame:을} 버립니다. {reason}.',
  },
  arpWait: {
    en: '{host} does not know the MAC address of {ip}: it asks with ARP, and the packet waits.',
    ko: '{host:은} {ip}의 MAC 주소를 모릅니다. ARP로 묻는 동안 패킷은 기다립니다.',
  },
  arpLearn: {
    en: '{host} learns that {ip} is at {mac} and keeps it in its ARP cache.',
    ko: '{host:은} {ip}의 MAC 주소가 {mac}임을 알게 되어 ARP 캐시에 저장합니다.',
  },
  tcpState: {
    en: '{who}: {from} → {to} ({cause}; RFC 9293 §{rfc}).',
    ko: '{who:은} {from}에서 {to:로} 넘어갑니다({cause}; RFC 9293 §{rfc}).',
  },
  idle: {
    en: 'Time passes: {duration} with nothing on the wire.',
    ko: '시간이 흐릅니다. {duration} 동안 선로에 아무것도 오가지 않습니다.',
  },
  tcpStateFlagsHidden: {
    en: '{who}: {from} → {to}. Which flags will its next segment carry? Answer below.',
    ko: '{who:은} {from}에서 {to:로} 넘어갑니다. 다음 세그먼트에는 어떤 플래그가 켜질까요? 아래에서 답해 보세요.',
  },
  tcpStateHidden: {
    en: '{who} leaves {from}. Which state does it enter? Answer below.',
    ko: '{who:은} {from}에서 벗어납니다. 어떤 상태가 될까요? 아래에서 답해 보세요.',
  },
  /** The same three, read back in the history while the quiz waits: the question is asked once, below. */
  tcpStateFlagsHiddenPast: {
    en: '{who}: {from} → {to}.',
    ko: '{who:은} {from}에서 {to:로} 넘어갑니다.',
  },
  tcpStateHiddenPast: {
    en: '{who} leaves {from}.',
    ko: '{who:은} {from}에서 벗어납니다.',
  },
  tcpAnswerHiddenPast: {
    en: '{host} decides how to answer.',
    ko: '{host:이} 어떻게 응답할지 정합니다.',
  },
  tcpTimerStart: {
    en: '{who}: the {timer} timer starts.',
    ko: '{who}의 {timer} 타이머가 시작됩니다.',
  },
  tcpTimerStop: {
    en: '{who}: the {timer} timer stops.',
    ko: '{who}의 {timer} 타이머가 멈춥니다.',
  },
  tcpTimerFire: {
    en: '{who}: the {timer} timer fires.',
    ko: '{who}의 {timer} 타이머가 만료됩니다.',
  },
  tcpSegmentInOrder: {
    en: '{host} accepts seq {seq}: it is the next byte expected, so {length} bytes go up in order.',
    ko: '{host:은} seq {seq}의 세그먼트를 받아들입니다. 기다리던 바로 그 번호이므로 {length}바이트가 순서대로 올라갑니다.',
  },
  tcpSegmentOutOfOrder: {
    en: '{host}: seq {seq} is ahead of the expected {expected}: a gap. The data is held and a duplicate ACK goes out.',
    ko: '{host:이} 받은 세그먼트의 seq는 {seq}이고, 기대한 값은 {expected}입니다. 앞쪽에 빈틈이 생겼으므로 데이터는 보관하고 중복 ACK를 보냅니다.',
  },
  tcpSegmentDuplicate: {
    en: '{host}: seq {seq} is data already received (expected {expected}): dropped and acknowledged again.',
    ko: '{host:이} 받은 세그먼트(seq {seq})는 이미 받은 데이터입니다(기대한 값은 {expected}). 그래서 버리고 다시 ACK를 보냅니다.',
  },
  tcpSegmentOutsideWindow: {
    en: '{host}: seq {seq} lies outside the receive window: dropped, and an ACK goes out.',
    ko: '{host:이} 받은 세그먼트(seq {seq})는 수신 윈도우 밖에 있습니다. 그래서 버리고 ACK를 보냅니다.',
  },
  tcpSegmentNoData: {
    en: '{host}: a segment without data (seq {seq}); nothing to place in the stream.',
    ko: '{host:이} 받은 세그먼트(seq {seq})에는 데이터가 없어 스트림에 넣을 것이 없습니다.',
  },
  tcpRetransmit: {
    en: '{host} retransmits seq {seq}: {reason}.',
    ko: '{host:은} seq {seq}부터 다시 보냅니다(재전송). {reason}.',
  },
  /** RFC 9293 §3.8.6.1: not a retransmission (the first probe's byte was never sent). */
  tcpProbe: {
    en: '{host} probes the zero window, as its persist timer fired: a segment at seq {seq} asks the receiver to state its window again.',
    ko: '{host:은} 지속(persist) 타이머가 만료되어 0 윈도우를 확인합니다. seq {seq} 세그먼트로 수신 측이 윈도우를 다시 알리게 합니다.',
  },
  tcpDupAck: {
    en: '{host} receives duplicate ACK #{count} for {ack}.',
    ko: '{host:이} {ack}에 대한 중복 ACK를 받습니다({count}번째).',
  },
  tcpCongestion: {
    en: '{host}: {rule}.',
    ko: '{host}: {rule}.',
  },
  tcpReset: {
    en: '{host}: RST. {reason}.',
    ko: '{host}: RST. {reason}.',
  },
  tcpAnswerHidden: {
    en: "It is {host}'s turn to answer. Which flags will its segment carry? Answer below.",
    ko: '{host:이} 어떻게 응답할지 정합니다. 그 세그먼트에는 어떤 플래그가 켜질까요? 아래에서 답해 보세요.',
  },
  /** Giving up is not itself a RST (in SYN_SENT none is sent). */
  tcpGaveUp: {
    en: '{host}: {reason}.',
    ko: '{host}: {reason}.',
  },
  dnsQuery: {
    en: '{host} asks DNS for the address of {name}.',
    ko: '{host:이} DNS에 {name}의 주소를 묻습니다.',
  },
  dnsAnswer: {
    en: '{host} learns that {name} is at {addresses}.',
    ko: '{host:은} {name}의 주소가 {addresses}임을 알게 됩니다.',
  },
} as const satisfies Record<string, Text>;

/**
 * How a sentence names a frame: by its number in the capture a learner can export (as
 * Wireshark shows it), or, for a frame that capture does not hold, as such, whatever the
 * reason (lost on the wire, another link, before a capture started mid-stream). The name
 * does not say "lost": it is used from the moment the frame is built, and would tell the
 * learner its fate before the wire does.
 */
export const FRAME_NAMES = {
  numbered: { en: 'frame #{n}', ko: '프레임 #{n}' },
  uncaptured: { en: 'a frame not in the capture', ko: '캡처에 없는 프레임' },
} as const satisfies Record<string, Text>;

/** A frame's name in a sentence, from its label (`frameLabel`: its capture number, or `–`). */
export function frameName(label: string): Text {
  return label !== '–' ? fill(FRAME_NAMES.numbered, { n: label }) : FRAME_NAMES.uncaptured;
}

/** The same name at the start of a sentence. */
export function sentenceStart(t: Text): Text {
  return { en: t.en.charAt(0).toUpperCase() + t.en.slice(1), ko: t.ko };
}

/**
 * What a link does to a frame, said plainly: whose frame, what happens to it, and for a loss
 * where it never arrives. `{whose}` is `The server's`, `{sender}` the sender in Korean;
 * `{what}` is the frame's number in the capture, or what it carries when the capture does
 * not hold it (`TCP segment`): never its flags or numbers, which a quiz may be waiting for.
 * `{why}` is empty for the lesson's own impairment (its words tell why) and says so when
 * the link's settings made it happen at random.
 */
export const FATES = {
  dropped: { en: '{whose} {what} is {why}lost on the way: it never reaches {receiver}.', ko: '{sender:이} 보낸 {what:이} 도중에 {why}손실되어 {receiver}에는 끝내 도착하지 않습니다.' },
  droppedNowhere: { en: '{whose} {what} is {why}lost on the way.', ko: '{sender:이} 보낸 {what:이} 도중에 {why}손실됩니다.' },
  corrupted: { en: '{whose} {what} is {why}damaged on the way: one of its bits flips.', ko: '{sender:이} 보낸 {what:이} 도중에 {why}손상됩니다. 비트 하나가 뒤집힙니다.' },
  duplicated: { en: '{whose} {what} is {why}duplicated on the way: two copies of it arrive.', ko: '{sender:이} 보낸 {what:이} 도중에 {why}복제되어 같은 프레임 두 개가 도착합니다.' },
  delayed: { en: '{whose} {what} is {why}delayed on the way.', ko: '{sender:이} 보낸 {what:이} 도중에 {why}지연됩니다.' },
  reordered: { en: '{whose} {what} is {why}held back on the way, so a frame sent after it can overtake it.', ko: '{sender:이} 보낸 {what:이} 도중에 {why}붙잡혀, 뒤에 보낸 프레임이 앞지를 수 있습니다.' },
} as const satisfies Record<string, Text>;

export const FATE_WHY = {
  rule: { en: '', ko: '' },
  chance: { en: 'randomly ', ko: '무작위로 ' },
} as const satisfies Record<string, Text>;

export const TIMERS = {
  retransmission: { en: 'retransmission', ko: '재전송' },
  persist: { en: 'persist', ko: '지속(persist)' },
  'time-wait': { en: 'TIME_WAIT', ko: 'TIME_WAIT' },
  'delayed-ack': { en: 'delayed ACK', ko: '지연 ACK' },
  'keep-alive': { en: 'keep-alive', ko: '킵얼라이브(keep-alive)' },
} as const satisfies Record<string, Text>;

export const RETRANSMIT_REASONS = {
  timeout: { en: 'the retransmission timer fired', ko: '재전송 타이머가 만료되었습니다' },
  'fast-retransmit': { en: 'three duplicate ACKs arrived (fast retransmit)', ko: '중복 ACK 3개가 도착했습니다(빠른 재전송)' },
  'sack-recovery': {
    en: 'the SACK blocks show a hole here, with bytes after it already arrived, so it is taken as lost and only the hole goes again (RFC 6675)',
    ko: 'SACK 블록이 여기에 빈틈이 있음을 보여 줍니다. 뒤의 바이트는 이미 도착했으므로 이 빈틈을 손실로 보고 빈틈만 다시 보냅니다(RFC 6675)',
  },
  'persist-probe': { en: 'a probe into a zero window', ko: '0 윈도우를 확인하는 탐색 세그먼트입니다' },
  'keep-alive-probe': {
    en: 'a keep-alive probe: nothing was heard for the keep-alive time, so one number already acknowledged goes again to draw an ACK',
    ko: '킵얼라이브 탐색 세그먼트입니다. 킵얼라이브 시간 동안 아무것도 받지 못해, 이미 확인된 번호 하나를 다시 보내 ACK를 끌어냅니다',
  },
} as const satisfies Record<string, Text>;

/** What each receiving check reads as, passed and failed. */
export const CHECKS = {
  ethDstOk: { en: 'dst MAC {actual} = my NIC ✓', ko: '목적지 MAC {actual} = 내 NIC ✓' },
  ethDstBroadcast: { en: 'dst MAC {actual} = broadcast, for everyone ✓', ko: '목적지 MAC {actual} = 브로드캐스트, 모두에게 ✓' },
  ethDstBad: { en: 'dst MAC {actual} ≠ my NIC {expected} ✗ dropped', ko: '목적지 MAC {actual} ≠ 내 NIC {expected} ✗ 버림' },
  ethFcsOk: { en: 'FCS {actual} = CRC-32 of the frame ✓', ko: 'FCS {actual} = 프레임의 CRC-32 ✓' },
  ethFcsBad: { en: 'FCS {actual} ≠ computed {expected} ✗ dropped', ko: 'FCS {actual} ≠ 계산 값 {expected} ✗ 버림' },
  ipChecksumOk: { en: 'IP header checksum {actual} ✓', ko: 'IP 헤더 체크섬 {actual} ✓' },
  ipChecksumBad: { en: 'IP header checksum {actual} ≠ {expected} ✗ dropped', ko: 'IP 헤더 체크섬 {actual} ≠ {expected} ✗ 버림' },
  ipDstOk: { en: 'dst IP {actual} = me ✓', ko: '목적지 IP {actual} = 나 ✓' },
  ipDstBad: { en: 'dst IP {actual} is not me ({expected}) ✗', ko: '목적지 IP {actual} ≠ 나 ({expected}) ✗' },
  ipTtlOk: { en: 'TTL {actual} > 1: may be forwarded ✓', ko: 'TTL {actual} > 1: 전달할 수 있음 ✓' },
  ipTtlBad: { en: 'TTL {actual}: would reach 0 ✗ dropped', ko: 'TTL {actual}: 0이 됨 ✗ 버림' },
  tcpChecksumOk: { en: 'TCP checksum {actual} ✓', ko: 'TCP 체크섬 {actual} ✓' },
  checksumOffload: {
    en: '{protocol} checksum {actual}: left for the card to fill in (offload; the right value is {expected}) ✓',
    ko: '{protocol} 체크섬 {actual}: 네트워크 카드가 채울 자리입니다(오프로드, 올바른 값은 {expected}) ✓',
  },
  tcpChecksumBad: { en: 'TCP checksum {actual} ≠ {expected} ✗ dropped', ko: 'TCP 체크섬 {actual} ≠ {expected} ✗ 버림' },
  udpChecksumOk: { en: 'UDP checksum {actual} ✓', ko: 'UDP 체크섬 {actual} ✓' },
  udpChecksumBad: { en: 'UDP checksum {actual} ≠ {expected} ✗ dropped', ko: 'UDP 체크섬 {actual} ≠ {expected} ✗ 버림' },
  portConnection: { en: 'port {actual} → its connection, in {state} ✓', ko: '포트 {actual} → {state} 상태의 연결 ✓' },
  portListen: { en: 'port {actual} → the listening socket (LISTEN) ✓', ko: '포트 {actual} → 연결을 기다리는 소켓(LISTEN) ✓' },
  portOk: { en: 'port {actual} → {expected} ✓', ko: '포트 {actual} → {expected} ✓' },
  portBad: { en: 'port {actual}: no socket listens ✗', ko: '포트 {actual}: 기다리는 소켓 없음 ✗' },
  portNoConnection: { en: 'port {actual}: a socket listens, but no connection matches ✗', ko: '포트 {actual}: 기다리는 소켓은 있지만 맞는 연결이 없음 ✗' },
  seqOk: { en: 'seq {actual} expected ✓', ko: 'seq {actual} = 기대한 값 ✓' },
  seqNoData: { en: 'seq {actual}: no data to place ✓', ko: 'seq {actual}: 넣을 데이터 없음 ✓' },
  seqOutOfOrder: { en: 'seq {actual} ≠ expected {expected}: out of order, held', ko: 'seq {actual} ≠ 기대한 {expected}: 순서 어긋남, 보관' },
  seqDuplicate: { en: 'seq {actual} < expected {expected}: duplicate ✗ dropped', ko: 'seq {actual} < 기대한 {expected}: 중복 ✗ 버림' },
  seqOutside: { en: 'seq {actual} outside the window (expected {expected}) ✗ dropped', ko: 'seq {actual}: 윈도우 밖 (기대한 값 {expected}) ✗ 버림' },
  seqNoRoom: { en: 'seq {actual} is the byte expected, but the window is 0: no room ✗ dropped', ko: 'seq {actual}: 기대한 바이트지만 윈도우가 0이라 자리가 없음 ✗ 버림' },
} as const satisfies Record<string, Text>;

/** The lines a layer box adds under its fields. */
export const BOX = {
  wrapHeader: { en: '{n} B header', ko: '헤더 {n} B' },
  wrapInner: { en: '{n} B {pdu}', ko: '{pdu} {n} B' },
  wrapPadding: { en: '{n} B padding', ko: '패딩 {n} B' },
  wrapTrailer: { en: '{n} B FCS', ko: 'FCS {n} B' },
  wrapTotal: { en: '{n} B {pdu}', ko: '{pdu} {n} B' },
  arrivedFromBelow: { en: '▲ a {pdu} of {n} B came up from below', ko: '▲ 아래에서 {pdu} {n} B가 올라왔음' },
  arrivedData: { en: '▲ {n} B of data came up for the application', ko: '▲ 애플리케이션에 줄 데이터 {n} B가 올라왔음' },
  inside: { en: 'still wrapped inside the {pdu} below', ko: '아직 아래 {pdu} 안에 싸여 있음' },
  draining: { en: '✂ header removed; the {pdu} ({n} B) moves up', ko: '✂ 헤더를 떼어 내고 {pdu} {n} B를 위로 올립니다' },
  drainingLast: { en: '✂ header removed; nothing inside goes further up', ko: '✂ 헤더를 떼어 냅니다. 위로 올릴 것은 없습니다' },
  drainingTop: { en: '✂ header removed; {n} B of data go to the application', ko: '✂ 헤더를 떼어 내고 데이터 {n} B를 애플리케이션에 넘깁니다' },
  delivered: { en: 'the application read {n} B: “{preview}”', ko: '애플리케이션이 {n} B를 읽음: “{preview}”' },
  appData: { en: '{n} B from the application: “{preview}”', ko: '애플리케이션이 준 {n} B: “{preview}”' },
  dropped: { en: '✗ dropped: {reason}', ko: '✗ 버림: {reason}' },
  untouched: { en: 'payload passes through untouched', ko: '페이로드는 손대지 않고 지나감' },
  routerLegend: { en: '* changed   = unchanged', ko: '* 바뀜   = 그대로' },
} as const satisfies Record<string, Text>;
