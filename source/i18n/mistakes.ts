// Why a common wrong answer is wrong, said in each language with the learner's own number
// (`{given}`) and the numbers the frames hold. The quiz resolver (lesson/quiz.ts) finds which
// wrong answers a quiz invites (the segment's own seq for its ack, the state before the
// change, a flag set that means something else) and fills these templates; the grader picks
// the one that matches what was typed. The rule itself stays in the quiz's explanation,
// shown after this. Korean is in 합니다체, particles by `{x:이}` placeholders (i18n/josa.ts).
import type { Text } from './text.js';

const T = (en: string, ko: string): Text => ({ en, ko });

/** Mistakes about sequence space: seq, ack, next seq, and their blanks. */
export const SEQ_MISTAKES = {
  /** An ack answered with the segment's own seq. */
  ackIsOwnSeq: T(
    "{given} is this segment's own seq, which counts {who}'s bytes. The ack counts the other way: the bytes {who} has received from {peer}.",
    '{given:은} 이 세그먼트 자신의 seq로, {who:이} 보낸 바이트를 셉니다. ACK 번호는 반대로 {who:이} {peer}에게서 받은 바이트를 셉니다.',
  ),
  /** An ack answered with the start of the segment it acknowledges. */
  ackIsPeerSeq: T(
    "{given} is where {peer}'s last segment starts (its seq). The ack names the byte after its end: {given} + {parts} = {answer}.",
    '{given:은} {peer}의 마지막 세그먼트가 시작하는 번호(seq)입니다. ACK 번호는 그 끝 다음 바이트입니다: {given} + {parts} = {answer}.',
  ),
  /** An ack one below: the last byte received instead of the next expected. */
  ackIsLastByte: T(
    '{given} is the last byte received. The ack names the next byte expected, the one after it: {answer}.',
    '{given:은} 마지막으로 받은 바이트입니다. ACK 번호는 그다음에 받을 바이트이므로 {answer}입니다.',
  ),
  /** An ack past a gap: it would cover bytes that have not all arrived. */
  ackPastGap: T(
    '{given} would acknowledge everything up to the end of the segment that just arrived, but byte {answer} is still missing. An ACK is cumulative: it cannot skip the gap.',
    '{given:은} 방금 도착한 세그먼트의 끝까지 모두 받았다는 뜻이지만, {answer}번 바이트가 아직 빠져 있습니다. ACK는 누적이라 빈틈을 건너뛸 수 없습니다.',
  ),
  /** A seq answered with the ack the segment carries. */
  seqIsAck: T(
    "{given} is the ack this segment carries, a count of {peer}'s bytes. The seq counts {who}'s own bytes.",
    '{given:은} 이 세그먼트에 실리는 ACK 번호로, {peer:이} 보낸 바이트를 셉니다. seq는 {who:이} 보내는 자기 바이트를 셉니다.',
  ),
  /** A seq answered with the previous segment's seq: its length left out. */
  seqIsPrevious: T(
    "{given} is the seq of {who}'s previous segment. That one used {parts}, so this one starts after them: {given} + {parts} = {answer}.",
    '{given:은} {who}의 직전 세그먼트의 seq입니다. 그 세그먼트가 {parts:을} 썼으므로 이번 것은 그 뒤에서 시작합니다: {given} + {parts} = {answer}.',
  ),
  /** A seq one above after a pure ACK: the ACK taken to use a number. */
  pureAckUsesNone: T(
    '{given} gives the previous ACK a number of its own, but a segment without data, SYN or FIN uses none: the seq stays {answer}.',
    '{given:은} 직전 ACK에도 번호를 하나 준 값입니다. 데이터도 SYN도 FIN도 없는 세그먼트는 번호를 쓰지 않으므로 seq는 {answer} 그대로입니다.',
  ),
  /** A SYN's relative seq answered as 1. */
  synIsZero: T(
    '1 is the first number after the SYN. The SYN itself carries the ISN, and relative numbering counts from it, so the SYN is 0.',
    '1은 SYN 다음 번호입니다. SYN 자신은 ISN을 싣고, 상대 번호는 ISN에서부터 세므로 SYN은 0입니다.',
  ),
  /** A retransmission answered with the next new byte. */
  seqIsNewData: T(
    '{given} would be new data, the first byte never sent. But the bytes from {answer} were not acknowledged, so they go again first.',
    '{given:은} 한 번도 보내지 않은 새 데이터의 첫 바이트입니다. 하지만 {answer}번부터는 확인 응답을 받지 못해 그것부터 다시 보냅니다.',
  ),
  /** A next seq answered with the segment's own start. */
  nextIsStart: T(
    '{given} is where this segment starts. The next number comes after what it uses: {given} + {parts} = {answer}.',
    '{given:은} 이 세그먼트가 시작하는 번호입니다. 다음 번호는 이 세그먼트가 쓰는 만큼 뒤입니다: {given} + {parts} = {answer}.',
  ),
  /** A next seq answered with the segment's last byte. */
  nextIsLastByte: T(
    '{given} is the last byte of this segment. The next sequence number is the one after it: {answer}.',
    '{given:은} 이 세그먼트의 마지막 바이트입니다. 다음 시퀀스 번호는 그다음인 {answer}입니다.',
  ),
  /** One below because a SYN or FIN was not counted. */
  flagLeftOut: T(
    '{given} leaves out the {flag}: a {flag} takes one sequence number of its own, so the answer is one more, {answer}.',
    '{given:은} {flag:을} 빠뜨린 값입니다. {flag:은} 시퀀스 번호를 하나 차지하므로 하나 더 큰 {answer}입니다.',
  ),
  /** A FIN's seq answered one above: the FIN counted before its own number. */
  finCountedTwice: T(
    "{given} is the number after this segment's FIN. A segment's seq is the number of its first byte, and here that is the FIN itself, at {answer}; {given} is where {who}'s next segment would start.",
    '{given:은} 이 세그먼트의 FIN 다음 번호입니다. seq는 세그먼트의 첫 바이트 번호인데, 여기서는 FIN 자신이 그 첫 번호 {answer:을} 차지합니다. {given:은} {who}의 다음 세그먼트가 시작할 번호입니다.',
  ),
  /** One above where no SYN or FIN was involved. */
  plusOne: T(
    '{given} adds one too many: only a SYN or a FIN takes a sequence number of its own, and data bytes count just as they are, so the answer is {answer}.',
    '{given:은} 하나를 더 센 값입니다. 번호를 따로 하나 차지하는 것은 SYN과 FIN뿐이고 데이터는 바이트 수만큼만 세므로 {answer}입니다.',
  ),
  // A RST that answers a segment reaching no connection (CLOSED, LISTEN, SYN-SENT) has no
  // numbers of its own: RFC 9293 §3.10.7.1 builds it from the segment it answers. With an
  // ACK there: <SEQ=SEG.ACK><CTL=RST>; without: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
  /** A RST's seq answered with the seq of the segment it answers. */
  rstIsSegSeq: T(
    "{given} is the seq of {peer}'s segment, a count of {peer}'s own bytes. A RST that answers a segment carrying an ACK copies that segment's ACK field into its seq (<SEQ=SEG.ACK>): {answer}.",
    '{given:은} {peer}의 세그먼트에 실린 seq로, {peer:이} 보낸 바이트를 셉니다. ACK가 있는 세그먼트에 답하는 RST는 그 세그먼트의 ACK 번호를 자기 seq로 옮겨 씁니다(<SEQ=SEG.ACK>): {answer}.',
  ),
  /** A RST's seq answered with what an ACK of that segment would carry. */
  rstIsSegEnd: T(
    "{given} = {start} + {parts} is what an ACK of {peer}'s segment would carry. A RST acknowledges nothing: its seq is the number {peer} expects next from {who}, the ACK field of {peer}'s segment, {answer}.",
    '{given:은} {start} + {parts}, 곧 {peer}의 세그먼트를 확인하는 ACK에 실릴 번호입니다. RST는 아무것도 확인하지 않습니다. RST의 seq는 {peer:이} {who}에게서 다음에 받을 번호, 곧 {peer}의 세그먼트에 실린 ACK 번호 {answer}입니다.',
  ),
  /** A RST's seq one below the ACK it copies: the last byte received. */
  rstIsLastByte: T(
    '{given} is the last byte {peer} has received from {who}. The seq must be the next one, {answer}, the number {peer} expects: a RST is believed only if its seq is exactly that (RFC 5961 §3).',
    '{given:은} {peer:이} {who}에게서 마지막으로 받은 바이트입니다. RST의 seq는 그다음 번호인 {answer}, 곧 {peer:이} 기다리는 번호라야 합니다. RST는 seq가 기다리는 번호와 정확히 같을 때만 받아들여지기 때문입니다(RFC 5961 §3).',
  ),
  /** A RST's seq answered with a fresh number, as if a connection started. */
  rstIsFresh: T(
    "{given} starts a numbering afresh, as a new connection would. With no connection there is no number of {who}'s own to go on from: the RST copies the ACK field of {peer}'s segment, {answer}, the one number {peer} accepts.",
    '{given:은} 새 연결처럼 번호를 처음부터 시작한 값입니다. 연결이 없으니 {who}에게는 이어 갈 자기 번호가 없습니다. RST는 {peer}의 세그먼트에 실린 ACK 번호 {answer:을} 그대로 옮겨 쓰고, {peer:은} 그 번호만 받아들입니다.',
  ),
  /** A RST+ACK's seq answered with the seq of the segment it answers, which had no ACK. */
  rstAckSeqIsSegSeq: T(
    "{given} is the seq of {peer}'s segment, in {peer}'s numbering. That segment carried no ACK, so the RST has nothing to copy: its seq is {seq}, and {given} + {parts} = {ack} goes into its ACK field (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).",
    '{given:은} {peer}의 세그먼트에 실린 seq로, {peer}의 번호입니다. 그 세그먼트에는 ACK가 없었으므로 RST가 옮겨 쓸 번호가 없습니다. 그래서 seq는 {seq}이고, {given} + {parts} = {ack:은} ACK 번호에 들어갑니다(<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).',
  ),
  /** A RST+ACK's seq answered with its own ACK number. */
  rstAckSeqIsAck: T(
    "{given} goes into this RST's ACK field: the seq of {peer}'s segment plus its length. {peer}'s segment carried no ACK, so the seq has nothing to copy and is 0 (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).",
    '{given:은} 이 RST의 ACK 번호, 곧 {peer}의 세그먼트의 seq에 길이를 더한 값입니다. {peer}의 세그먼트에 ACK가 없었으므로 seq는 옮겨 쓸 번호가 없어 0입니다(<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).',
  ),
  /** A RST+ACK's ack answered with its own seq, 0 by rule. */
  rstAckAckIsSeq: T(
    "{given} is this RST's seq, 0 because {peer}'s segment carried no ACK to copy. The ACK field answers {peer}'s segment: its seq plus its length, {answer}.",
    '{given:은} 이 RST의 seq로, {peer}의 세그먼트에 옮겨 쓸 ACK가 없어 0입니다. ACK 번호는 {peer}의 세그먼트에 답하는 번호로, 그 seq에 길이를 더한 {answer}입니다.',
  ),
  /** The absolute number where the relative one is asked. */
  absoluteNotRelative: T(
    '{given} is the absolute number, as it is on the wire. This quiz asks for the relative one, counted from the ISN as Wireshark shows it: {answer}.',
    '{given:은} 실제로 실리는 절대 번호입니다. 이 퀴즈는 Wireshark처럼 ISN에서부터 센 상대 번호를 묻습니다: {answer}.',
  ),
  /** The relative number where the absolute one is asked. */
  relativeNotAbsolute: T(
    '{given} is the relative number, counted from the ISN. This quiz asks for the absolute one, as it is on the wire: {answer}.',
    '{given:은} ISN에서부터 센 상대 번호입니다. 이 퀴즈는 실제로 실리는 절대 번호를 묻습니다: {answer}.',
  ),
} as const;

/** What a sequence number covers, as the sums above say it: `1460 bytes`, `1 for the SYN`. */
export const SEQ_PARTS = {
  bytes: T('{n} bytes', '{n}바이트'),
  syn: T('1 for the SYN', 'SYN 1'),
  fin: T('1 for the FIN', 'FIN 1'),
  and: T(' + ', ' + '),
} as const;

/** What being in a state means: the condition a learner can check against the frames. */
export const STATE_MEANINGS: Readonly<Record<string, Text>> = {
  CLOSED: T('no connection at all', '연결이 전혀 없는 상태'),
  LISTEN: T('waiting for a SYN, with no connection yet', '연결 없이 SYN을 기다리는 상태'),
  SYN_SENT: T('a SYN sent and no answer yet', 'SYN을 보내고 아직 답을 받지 못한 상태'),
  SYN_RECEIVED: T('a SYN received and answered with a SYN-ACK, whose ACK has not come yet', 'SYN을 받아 SYN-ACK로 답했고 그 ACK를 아직 받지 못한 상태'),
  ESTABLISHED: T('the handshake done, with data free to flow both ways', '핸드셰이크를 마치고 양쪽으로 데이터를 주고받을 수 있는 상태'),
  FIN_WAIT_1: T('its own FIN sent and not yet acknowledged', '자기 FIN을 보냈고 아직 확인 응답을 받지 못한 상태'),
  FIN_WAIT_2: T('its FIN acknowledged, waiting for the peer\'s FIN', '자기 FIN이 확인되었고 상대의 FIN을 기다리는 상태'),
  CLOSE_WAIT: T("the peer's FIN received, waiting for its own application to close", '상대의 FIN을 받았고 자기 응용 프로그램이 닫기를 기다리는 상태'),
  CLOSING: T("its FIN sent and the peer's FIN received before its own was acknowledged", '자기 FIN을 보냈고, 그 FIN이 확인되기 전에 상대의 FIN을 받은 상태'),
  LAST_ACK: T("the peer's FIN received and its own FIN sent, waiting for the last ACK", '상대의 FIN을 받은 뒤 자기 FIN을 보내고 마지막 ACK를 기다리는 상태'),
  // Not "both FINs acknowledged": the ACK of the peer's FIN may still be on its way, and
  // 2×MSL is kept in case it is lost (RFC 9293 §3.10.7.4, FIN-WAIT-2 and CLOSING on a FIN).
  TIME_WAIT: T(
    "its own FIN acknowledged and the peer's FIN answered with an ACK, waiting 2×MSL in case that ACK is lost",
    '자기 FIN은 확인되었고 상대의 FIN에는 ACK를 보냈으며, 그 ACK가 사라질 때를 대비해 2×MSL 동안 기다리는 상태',
  ),
};

// A state quiz asks either what a host is in now, after what has happened (present tense,
// the change behind it just done or long past), or what it will be in once a segment arrives
// or leaves (a prediction, asked before the change: the state before is the one it is in now).
export const STATE_MISTAKES = {
  /** The state before the change the quiz is about, which has just happened. */
  before: T(
    '{given} is the state before: {host} left it for {answer} right here ({cause}; RFC 9293 §{rfc}).',
    '{given:은} 그 전 상태입니다. {host:은} 바로 여기서 {answer:로} 넘어갔습니다({cause}; RFC 9293 §{rfc}).',
  ),
  /** The state before the host's last change, which happened some time ago. */
  beforeEarlier: T(
    '{given} is the state before: {host} left it for {answer} earlier ({cause}; RFC 9293 §{rfc}), and nothing since has moved it.',
    '{given:은} 그 전 상태입니다. {host:은} 앞서 {answer:로} 넘어갔고({cause}; RFC 9293 §{rfc}), 그 뒤로 상태를 바꾼 일이 없습니다.',
  ),
  /** A prediction: the state the host is in now, which the arriving segment makes it leave. */
  beforeArrives: T(
    '{given} is the state {host} is in now, before the {what} arrives. When it arrives, {host} leaves it for {answer} ({cause}; RFC 9293 §{rfc}).',
    '{given:은} {what:이} 도착하기 전, 지금 {host}의 상태입니다. {what:이} 도착하면 {host:은} {answer:로} 넘어갑니다({cause}; RFC 9293 §{rfc}).',
  ),
  /** A prediction: the state the host is in now, which it leaves as it sends the segment. */
  beforeSends: T(
    '{given} is the state {host} is in now, before it sends the {what}; {host} leaves it for {answer} as it sends ({cause}; RFC 9293 §{rfc}).',
    '{given:은} {what:을} 보내기 전, 지금 {host}의 상태입니다. {host:은} 이 세그먼트를 보내면서 {answer:로} 넘어갑니다({cause}; RFC 9293 §{rfc}).',
  ),
  /** A state the host reaches only later. */
  after: T(
    '{given} comes later, not yet: {host} reaches it only at a later step ({cause}; RFC 9293 §{rfc}).',
    '{given:은} 나중 상태입니다. {host:은} 뒤의 단계에서야 그 상태가 됩니다({cause}; RFC 9293 §{rfc}).',
  ),
  /** The other end's state at the same moment. */
  peer: T(
    "{given} is {peer}'s state at this moment, not {host}'s: the two ends of one connection go through different states.",
    '{given:은} 지금 {peer}의 상태이지 {host}의 상태가 아닙니다. 한 연결의 두 끝은 서로 다른 상태를 거칩니다.',
  ),
  /** Any other state: what it would mean. */
  meaning: T(
    '{given} would mean {meaning}; {host} is in {answer}: {answerMeaning}.',
    '{given:은} {meaning}입니다. {host:은} 지금 {answer}, 곧 {answerMeaning}입니다.',
  ),
  /** The same in a prediction: the state the host will be in. */
  meaningWill: T(
    '{given} would mean {meaning}; {host} will be in {answer}: {answerMeaning}.',
    '{given:은} {meaning}입니다. {host:은} {answer}, 곧 {answerMeaning:이} 됩니다.',
  ),
} as const;

/**
 * The right answer's explanation when the host's state has not changed at the quiz's moment.
 * The change behind it is long past (the SYN-ACK of a handshake several frames ago), so its
 * cause does not explain the moment; what does is that nothing since has moved it: what
 * reached the host last, or that nothing has, and what it cannot know because a segment
 * was lost (lesson 19's half-open connection). `{Host}` is `{host}` at a sentence's start.
 */
export const STATE_STILL = {
  /** Nothing of the connection has reached the host since the change. */
  nothingSince: T(
    '{Host} is still in {answer}: nothing has reached it since it entered {answer} ({cause}; RFC 9293 §{rfc}).',
    '{host:은} 여전히 {answer} 상태입니다. {answer} 상태가 된 뒤로({cause}; RFC 9293 §{rfc}) 아무것도 도착하지 않았습니다.',
  ),
  /** Segments have reached it since the change, none moving it; the last of them. */
  nothingAfter: T(
    "{Host} is still in {answer}: nothing has reached it since {peer}'s {what}, which did not change its state.",
    '{host:은} 여전히 {answer} 상태입니다. {peer}의 {what:이} 도착한 뒤로 아무것도 도착하지 않았고, 그 세그먼트도 상태를 바꾸지 않았습니다.',
  ),
  /** The same after a silence of a second or more (lesson 20's hour). */
  nothingFor: T(
    "{Host} is still in {answer}: nothing has reached it in the {duration} since {peer}'s {what}, which did not change its state.",
    '{host:은} 여전히 {answer} 상태입니다. {peer}의 {what:이} 도착한 뒤 {duration} 동안 아무것도 도착하지 않았고, 그 세그먼트도 상태를 바꾸지 않았습니다.',
  ),
  /** What the peer sent since was lost (never its flags: a later quiz may ask them). */
  lost: T("{Peer}'s segment after that was lost on the way.", '그 뒤 {peer:이} 보낸 세그먼트는 도중에 손실되었습니다.'),
  lostMany: T("{Peer}'s {count} segments after that were lost on the way.", '그 뒤 {peer:이} 보낸 세그먼트 {count}개는 도중에 손실되었습니다.'),
  /** The same, with what the host therefore does not know (`{unaware}`, below). */
  lostSo: T("{Peer}'s segment after that was lost on the way, so {unaware}", '그 뒤 {peer:이} 보낸 세그먼트는 도중에 손실되었으므로, {unaware}'),
  lostManySo: T("{Peer}'s {count} segments after that were lost on the way, so {unaware}", '그 뒤 {peer:이} 보낸 세그먼트 {count}개는 도중에 손실되었으므로, {unaware}'),
  /** The peer's state has changed since anything reached the host. */
  peerGone: T('{host} does not know that {peer} no longer has the connection.', '{host:은} {peer}에는 더 이상 연결이 없다는 것을 알지 못합니다.'),
  peerMoved: T('{host} does not know that {peer} is now in {peerState}.', '{host:은} {peer:이} 이제 {peerState} 상태라는 것을 알지 못합니다.'),
  /** A prediction whose segment leaves the state as it is. */
  arrives: T('{Host} will still be in {answer}: the {what} does not change its state.', '{what:이} 도착해도 {host:은} 여전히 {answer} 상태입니다. 이 세그먼트는 상태를 바꾸지 않습니다.'),
  sends: T('{Host} will still be in {answer}: sending the {what} does not change its state.', '{what:을} 보내도 {host:은} 여전히 {answer} 상태입니다. 보내는 일로는 상태가 바뀌지 않습니다.'),
} as const;

/** What sending a flag set means, for a learner who picked it. */
export const FLAG_MEANINGS: Readonly<Record<string, Text>> = {
  'S': T('open a connection: SYN alone is only ever the first segment of a handshake', '연결을 여는 것입니다. SYN만 켜진 세그먼트는 핸드셰이크의 첫 세그먼트뿐입니다'),
  'S.': T('answer a SYN: only a host that has just received a SYN sends SYN+ACK', 'SYN에 답하는 것입니다. 방금 SYN을 받은 호스트만 SYN+ACK를 보냅니다'),
  '.': T('only acknowledge, with no data and no SYN, FIN or RST', '확인 응답만 하는 것입니다. 데이터도 SYN, FIN, RST도 없습니다'),
  'P.': T('carry data, and ask the receiver to pass it up at once (PSH)', '데이터를 싣고, 수신 측에 곧바로 응용 프로그램으로 넘기라고(PSH) 하는 것입니다'),
  'F.': T('close: the sender has no more data to send (FIN)', '닫는 것입니다. 보낼 데이터가 더 없다는 뜻입니다(FIN)'),
  'R': T('reset: abort the connection, or refuse a segment that fits no connection', '리셋입니다. 연결을 끊거나, 어느 연결에도 맞지 않는 세그먼트를 거절합니다'),
  'R.': T('reset and acknowledge: refuse a segment that came without an ACK, such as a SYN to a closed port (RFC 9293 §3.10.7.1)', '리셋하면서 확인 응답하는 것입니다. 닫힌 포트로 온 SYN처럼 ACK 없이 온 세그먼트를 거절합니다(RFC 9293 §3.10.7.1)'),
};

export const FLAG_MISTAKES = {
  /** The rule that follows says what the right flags are for. */
  chosen: T('{given} would {meaning}.', '{given:은} {meaning}.'),
  /** The same, where the segment carries data, which the rule does not say. */
  chosenWithData: T('{given} would {meaning}. This segment carries {n} bytes of data.', '{given:은} {meaning}. 이 세그먼트는 데이터 {n}바이트를 싣습니다.'),
} as const;

export const LAYER_MISTAKES = {
  chosen: T(
    'The {given} layer writes only its own headers ({protocols}); {field} sits in {place}.',
    '{given:은} 자기 헤더({protocols})만 씁니다. {field:은} {place}에 있습니다.',
  ),
} as const;

/**
 * A `changes` quiz: why a router changes a field or leaves it, for its explanation, each about
 * that one field (a lesson asks about several fields of one forwarded packet in turn, and
 * words that listed what else changes or stays would answer the quizzes still to come); and,
 * for the wrong option, where the frames show it, so that the reason is not said twice.
 */
export const CHANGE_MISTAKES = {
  /** "No" where a router does change the field. */
  doesChange: T('It changes: {router} received {before} and sent {after}.', '바뀝니다. {router:이} 받은 값은 {before}, 내보낸 값은 {after}입니다.'),
  /** "Yes" where the field travels unchanged. */
  staysSame: T('It stays: {router} received and sent {value}.', '그대로입니다. {router:이} 받은 값도 내보낸 값도 {value}입니다.'),
  whyLink: T('every link gets a new Ethernet header.', '링크마다 이더넷 헤더를 새로 씁니다.'),
  whySrcMac: T(
    'the router sends the new frame from its own interface on the next link, so the source MAC address is that interface\'s.',
    '라우터는 다음 링크에 붙은 자기 인터페이스에서 새 프레임을 내보내므로, 출발지 MAC 주소는 그 인터페이스의 주소입니다.',
  ),
  whyDstMac: T(
    'the new frame is for the next hop on the next link, so the destination MAC address is that hop\'s.',
    '새 프레임은 다음 링크의 다음 홉에게 가므로, 목적지 MAC 주소는 그 홉의 주소입니다.',
  ),
  whyFcs: T(
    'the FCS, the Ethernet trailer, is a CRC-32 over the whole frame, and the router has just written a new frame, so it computes the FCS again.',
    '이더넷 트레일러인 FCS는 프레임 전체에 대한 CRC-32인데, 라우터가 방금 프레임을 새로 만들었으므로 FCS도 다시 계산합니다.',
  ),
  whyTtl: T('every router lowers the TTL by 1, so that a packet caught in a loop dies.', '라우터마다 TTL을 1씩 줄여, 루프에 빠진 패킷이 사라지게 합니다.'),
  whyChecksum: T(
    'the IP checksum covers the whole IP header, and forwarding has just changed that header, so the router computes it again.',
    'IP 체크섬은 IP 헤더 전체를 덮는데, 전달하면서 그 헤더가 방금 바뀌었으므로 라우터가 다시 계산합니다.',
  ),
  whyOther: T('the router rewrites it on the way.', '라우터가 지나는 길에 다시 씁니다.'),
  keptSrcIp: T(
    'the source address names the host that sent the packet for the whole way, and the answer goes back to it.',
    '출발지 주소는 패킷을 보낸 호스트를 가는 길 내내 가리킵니다. 답도 그 주소로 돌아갑니다.',
  ),
  keptDstIp: T(
    'the destination address names where the packet is going in the end; each router reads it to choose the next hop, and none rewrites it.',
    '목적지 주소는 패킷이 마지막에 닿을 곳을 가리킵니다. 라우터는 저마다 이 주소를 읽어 다음 홉을 고를 뿐, 고쳐 쓰지 않습니다.',
  ),
  keptAbove: T(
    'a router forwards the IP packet without opening the {protocol} header inside it, which only the two ends write and read.',
    '라우터는 IP 패킷을 전달할 뿐 그 안의 {protocol} 헤더는 열어 보지 않습니다. 그 헤더를 쓰고 읽는 것은 양 끝뿐입니다.',
  ),
  keptOther: T('forwarding does not need it changed, so the router passes it on as the sender wrote it.', '전달하는 데 바꿀 필요가 없으니, 라우터는 보낸 쪽이 쓴 그대로 넘깁니다.'),
} as const;

export const RECEIVER_MISTAKES = {
  /** Any verdict but "drop" when a check failed. */
  checkFailed: T(
    'It never gets that far: the {check} is checked first and fails (expected {expected}, got {actual}), so the frame goes no further.',
    '거기까지 가지 못합니다. 먼저 {check:을} 검사하는데 실패하므로(기대한 값 {expected}, 실제 값 {actual}) 프레임은 더 올라가지 않습니다.',
  ),
  /**
   * The same when the failed check is the port's: no field holds "a socket listens here".
   * True whether or not something listens: a listening socket takes only a SYN (lesson 19's
   * server still listens on 7000 but has forgotten the connection; RFC 9293 §3.10.7.1).
   */
  noSocket: T(
    'It never gets that far: no connection on port {actual} matches the segment, and no listening socket takes it, so it goes no further.',
    '거기까지 가지 못합니다. 포트 {actual}에는 이 세그먼트가 속한 연결이 없고 기다리는 소켓도 이 세그먼트를 받지 않으므로 더 올라가지 않습니다.',
  ),
  accept: T(
    'A receiver accepts in order only a segment that starts at the next byte it expects, {next}; this one starts at {seq}.',
    '수신 측이 순서대로 받아들이는 것은 다음에 기다리는 바이트 {next}에서 시작하는 세그먼트뿐입니다. 이 세그먼트는 {seq}에서 시작합니다.',
  ),
  queue: T(
    'Holding it out of order would mean it starts beyond the next byte expected, {next}, leaving a gap; this one starts at {seq}.',
    '순서가 어긋나 보관한다는 것은 다음에 기다리는 바이트 {next}보다 뒤에서 시작해 빈틈이 생긴다는 뜻입니다. 이 세그먼트는 {seq}에서 시작합니다.',
  ),
  duplicate: T(
    'A duplicate would mean all its bytes came before, below the next byte expected, {next}; this one starts at {seq} and ends before {end}.',
    '중복이라는 것은 모든 바이트가 이미 왔다는, 곧 다음에 기다리는 바이트 {next}보다 앞이라는 뜻입니다. 이 세그먼트는 {seq}에서 시작해 {end} 앞에서 끝납니다.',
  ),
  drop: T(
    'A drop needs a failed check (FCS, IP checksum, address or port), and every check on this frame passed.',
    '버리려면 검사(FCS, IP 체크섬, 주소, 포트) 하나가 실패해야 하는데, 이 프레임은 모든 검사를 통과했습니다.',
  ),
} as const;

export const NUMBER_MISTAKES = {
  srcIsDst: T(
    '{given} is the destination port, the receiver\'s. The source port is the sender\'s own: {answer}.',
    '{given:은} 목적지 포트, 곧 받는 쪽의 포트입니다. 출발지 포트는 보내는 쪽 자신의 포트인 {answer}입니다.',
  ),
  dstIsSrc: T(
    '{given} is the source port, the sender\'s own. The destination port is the receiver\'s: {answer}.',
    '{given:은} 출발지 포트, 곧 보내는 쪽 자신의 포트입니다. 목적지 포트는 받는 쪽의 포트인 {answer}입니다.',
  ),
  lengthWithTcpHeader: T(
    '{given} counts the {header}-byte TCP header too. The payload length is the application\'s bytes only: {given} − {header} = {answer}.',
    '{given:은} {header}바이트 TCP 헤더까지 센 값입니다. 페이로드 길이는 응용 데이터만 셉니다: {given} − {header} = {answer}.',
  ),
  lengthIsIpTotal: T(
    '{given} is the IPv4 total length, which counts the IP and {l4} headers ({headers} bytes) too: {given} − {headers} = {answer}.',
    '{given:은} IPv4 전체 길이로, IP와 {l4} 헤더({headers}바이트)까지 셉니다: {given} − {headers} = {answer}.',
  ),
  lengthIsUdpLength: T(
    '{given} is the UDP length, which counts the 8-byte UDP header too: {given} − 8 = {answer}.',
    '{given:은} UDP 길이로, 8바이트 UDP 헤더까지 셉니다: {given} − 8 = {answer}.',
  ),
  lengthIsMss: T(
    '{given} is the MSS, the most one segment may carry. This one carries only what is left to send: {answer}.',
    '{given:은} MSS, 곧 세그먼트 하나가 실을 수 있는 최대입니다. 이 세그먼트는 남은 데이터만 싣습니다: {answer}.',
  ),
  ttlAfterRouter: T(
    '{given} is what the packet would carry after one router. It leaves its sender with {answer}; only routers lower the TTL.',
    '{given:은} 라우터 하나를 지난 뒤의 값입니다. 패킷은 송신 측을 {answer:로} 떠나고, TTL은 라우터만 줄입니다.',
  ),
  windowBefore: T(
    '{given} is the window {who} advertised in its previous segment. The window follows the room left in its receive buffer, which has changed since: {answer}.',
    '{given:은} {who:이} 직전 세그먼트에서 알린 윈도우입니다. 윈도우는 수신 버퍼에 남은 공간을 따르고, 그 공간이 그사이 바뀌었습니다: {answer}.',
  ),
} as const;

export const CONGESTION_MISTAKES = {
  cwndBefore: T(
    '{given} is cwnd as it was before this ACK arrived. The ACK moves it, to {answer}.',
    '{given:은} 이 ACK가 오기 전의 cwnd입니다. 이 ACK로 cwnd가 {answer:로} 바뀝니다.',
  ),
  cwndDoubled: T(
    '{given} doubles cwnd on one ACK. Slow start adds at most one SMSS ({smss}) per ACK; cwnd doubles only over a whole round trip of ACKs.',
    '{given:은} ACK 하나에 cwnd를 두 배로 만든 값입니다. 느린 시작은 ACK마다 최대 SMSS({smss})만큼 늘리고, 두 배가 되는 것은 왕복 한 번의 ACK를 모두 받았을 때입니다.',
  ),
  cwndStays: T(
    '{given} changes cwnd, but this ACK leaves it as it was: {answer}.',
    '{given:은} cwnd가 바뀐 값이지만, 이 ACK는 cwnd를 바꾸지 않습니다: {answer}.',
  ),
  ssthreshHalfCwnd: T(
    '{given} is half of cwnd ({cwnd}). ssthresh is half of FlightSize, the bytes in flight ({flight}), not of cwnd.',
    '{given:은} cwnd({cwnd})의 절반입니다. ssthresh는 cwnd가 아니라 전송 중인 데이터(FlightSize {flight})의 절반입니다.',
  ),
  ssthreshBefore: T(
    '{given} is ssthresh as it was before; this loss sets it anew: {answer}.',
    '{given:은} 이전의 ssthresh입니다. 이번 손실로 새로 정해집니다: {answer}.',
  ),
  flightBeforeSend: T(
    '{given} was in flight before this segment left. It adds its {length} bytes: {given} + {length} = {answer}.',
    '{given:은} 이 세그먼트가 나가기 전의 전송 중인 데이터입니다. 이 세그먼트의 {length}바이트가 더해집니다: {given} + {length} = {answer}.',
  ),
  flightOnlyThis: T(
    '{given} is this segment alone. The {earlier} bytes sent before it and not yet acknowledged are still in flight too: {earlier} + {given} = {answer}.',
    '{given:은} 이 세그먼트뿐입니다. 앞서 보내고 아직 확인되지 않은 {earlier}바이트도 여전히 전송 중입니다: {earlier} + {given} = {answer}.',
  ),
  flightBeforeAck: T(
    '{given} was in flight before this ACK. It acknowledges {acked} bytes, which leave the flight: {given} − {acked} = {answer}.',
    '{given:은} 이 ACK 전의 전송 중인 데이터입니다. ACK가 {acked}바이트를 확인하므로 그만큼 빠집니다: {given} − {acked} = {answer}.',
  ),
} as const;

export const FIELD_MISTAKES = {
  /** The same field of the other end (source for destination and back). */
  mirror: T('{given} is the {other}, the other end. The {name} is {answer}.', '{given:은} 반대쪽 끝의 {other}입니다. {name:은} {answer}입니다.'),
  broadcast: T(
    '{given} would send the frame to everyone on the link, as an ARP request does when it does not know whom to ask. This frame has one receiver, whose MAC is known: {answer}.',
    '{given:은} 링크의 모두에게 보내는 주소로, 누구에게 물을지 모를 때 ARP 요청이 씁니다. 이 프레임은 MAC을 아는 한 수신자에게 갑니다: {answer}.',
  ),
} as const;

export const ORDER_MISTAKES = {
  /** The learner put `later` before `earlier`; `why` says how the frames tie them. */
  swapped: T('You put {later} before {earlier}, but {earlier} goes first. {why}', '{later:을} {earlier}보다 앞에 놓았지만 {earlier:이} 먼저입니다. {why}'),
} as const;

/** Hints that fit the moment a quiz is asked. */
export const MOMENT_HINTS = {
  stateArrived: T(
    'Find the {what} that just arrived in the RFC 9293 state diagram: which transition does it trigger?',
    '방금 도착한 {what:을} RFC 9293의 상태 전이도에서 찾아보세요. 어떤 전이를 일으킬까요?',
  ),
  stateSending: T(
    'What makes {host} send this {what}? Follow that event in the RFC 9293 state diagram.',
    '{host:이} 이 {what:을} 보내는 까닭은 무엇일까요? 그 사건을 RFC 9293의 상태 전이도에서 따라가 보세요.',
  ),
  stateNow: T(
    "Think of what {host}'s application has done so far (listen, connect, close) and which segments have come and gone.",
    '{host}의 응용 프로그램이 지금까지 한 일(listen, connect, close)과 오간 세그먼트를 떠올려 보세요.',
  ),
  flags: T(
    'Ask what this segment must do: open (SYN), answer a SYN, carry data, close (FIN) or reset (RST); and whether it acknowledges.',
    '이 세그먼트가 할 일을 생각해 보세요. 열기(SYN), SYN에 답하기, 데이터 싣기, 닫기(FIN), 리셋(RST) 중 무엇이고, 확인 응답도 하는지요.',
  ),
  window: T(
    'The window is the room left in the receive buffer of the host that sends this segment: bytes it received and its application has not yet read take room.',
    '윈도우는 이 세그먼트를 보내는 호스트의 수신 버퍼에 남은 공간입니다. 받았지만 그 호스트의 애플리케이션이 아직 읽지 않은 바이트가 자리를 차지합니다.',
  ),
  srcPort: T(
    'A client sends from the ephemeral port it was given; a server sends from the well-known port it listens on.',
    '클라이언트는 받은 임시 포트에서, 서버는 기다리는 잘 알려진 포트에서 보냅니다.',
  ),
  dstPort: T(
    'A request goes to the server\'s well-known port; a reply goes back to the port the request came from.',
    '요청은 서버의 잘 알려진 포트로 가고, 응답은 요청이 온 포트로 돌아갑니다.',
  ),
  length: T(
    "Count the application's bytes only, not the headers; no segment carries more than the MSS.",
    '헤더는 빼고 응용 데이터의 바이트만 세세요. 어떤 세그먼트도 MSS보다 많이 싣지 않습니다.',
  ),
  ttl: T('A host starts every packet at its default TTL; only routers on the way lower it.', '호스트는 모든 패킷을 기본 TTL로 시작하고, 지나는 라우터만 줄입니다.'),
  receiver: T(
    "First come the checks (FCS, IP checksum, addresses, port); then TCP compares the segment's seq with the next byte it expects, its last ack.",
    '먼저 검사(FCS, IP 체크섬, 주소, 포트)를 하고, 그다음 TCP가 세그먼트의 seq를 다음에 기다리는 바이트, 곧 마지막 ACK 번호와 비교합니다.',
  ),
  order: T(
    'A segment can only acknowledge what has already arrived: follow the ack numbers, and the seq each side goes on from.',
    '세그먼트는 이미 도착한 것만 확인할 수 있습니다. ACK 번호와, 양쪽이 이어 가는 seq를 따라가 보세요.',
  ),
  blank: T('Every other field of the frame is in view; the fields around the blank tell it.', '이 프레임의 다른 필드는 모두 보입니다. 가려진 칸 둘레의 필드가 답을 알려 줍니다.'),
  field: T('Look at the header fields already filled in.', '이미 채워진 헤더 필드를 살펴보세요.'),
} as const;
