// Why cwnd or ssthresh changed, said in each language with the numbers the rule used. The
// congestion controller (sim/tcp/congestion.ts) reports a typed change; this table is the
// one place each rule is worded, for the narration and for quiz explanations alike.
// Korean is in 합니다체, with the curriculum's terms (느린 시작, 혼잡 회피, 빠른 재전송, 빠른 회복).
import type { CongestionCause, CongestionChange } from '../sim/tcp/congestion.js';
import { say, type Text, type TextParams } from './text.js';

/** The phase's name, as a learner meets it in the curriculum. */
export const CONGESTION_PHASES: Readonly<Record<CongestionCause, Text>> = {
  'slow-start': { en: 'slow start', ko: '느린 시작' },
  'congestion-avoidance': { en: 'congestion avoidance', ko: '혼잡 회피' },
  'fast-retransmit': { en: 'fast retransmit', ko: '빠른 재전송' },
  'fast-recovery': { en: 'fast recovery', ko: '빠른 회복' },
  'partial-ack': { en: 'fast recovery, partial ACK', ko: '빠른 회복, 부분 ACK' },
  'recovery-exit': { en: 'end of fast recovery', ko: '빠른 회복 끝' },
  timeout: { en: 'retransmission timeout', ko: '재전송 타임아웃' },
  'sack-loss': { en: 'SACK loss recovery', ko: 'SACK 손실 복구' },
};

const RULES: Readonly<Record<CongestionCause | 'timeout-again' | 'partial-ack-small' | 'ssthresh-on-loss', Text>> = {
  'ssthresh-on-loss': {
    en: 'a loss was detected ({phase}): ssthresh = max(FlightSize {flight} / 2, 2 × SMSS {smss}) = {ssthresh}, half of what was in flight but never less than two segments (RFC 5681 §3.1, equation 4)',
    ko: '손실을 알아챘습니다({phase}): ssthresh = max(전송 중인 데이터 {flight} / 2, 2 × SMSS {smss}) = {ssthresh}입니다. 전송 중인 데이터의 절반이되, 세그먼트 두 개보다 작지는 않습니다(RFC 5681 §3.1, 식 4)',
  },
  'slow-start': {
    en: 'slow start (cwnd {before} < ssthresh {ssthreshBefore}): the ACK covers {acked} new bytes, so cwnd = {before} + min({acked}, SMSS {smss}) = {cwnd} (RFC 5681 §3.1)',
    ko: '느린 시작(cwnd {before} < ssthresh {ssthreshBefore}): ACK가 새 데이터 {acked}바이트를 확인하므로 cwnd = {before} + min({acked}, SMSS {smss}) = {cwnd}입니다(RFC 5681 §3.1)',
  },
  'congestion-avoidance': {
    en: 'congestion avoidance (cwnd {before} ≥ ssthresh {ssthreshBefore}): a whole cwnd of bytes has been acknowledged since cwnd last grew, so cwnd = {before} + SMSS {smss} = {cwnd}: one segment more per round trip (RFC 5681 §3.1)',
    ko: '혼잡 회피(cwnd {before} ≥ ssthresh {ssthreshBefore}): cwnd가 마지막으로 커진 뒤 cwnd만큼의 바이트가 모두 확인되었으므로 cwnd = {before} + SMSS {smss} = {cwnd}입니다. 왕복 한 번에 세그먼트 하나씩 늘어납니다(RFC 5681 §3.1)',
  },
  'fast-retransmit': {
    en: 'fast retransmit on the third duplicate ACK: ssthresh = max(FlightSize {flight} / 2, 2 × SMSS {smss}) = {ssthresh}, and cwnd = ssthresh + 3 × SMSS = {cwnd}, for the three segments the duplicates show have left the network (RFC 5681 §3.2)',
    ko: '세 번째 중복 ACK로 빠른 재전송: ssthresh = max(전송 중인 데이터 {flight} / 2, 2 × SMSS {smss}) = {ssthresh}, cwnd = ssthresh + 3 × SMSS = {cwnd}입니다. 중복 ACK 세 개는 세그먼트 세 개가 네트워크를 떠났다는 뜻입니다(RFC 5681 §3.2)',
  },
  'fast-recovery': {
    en: 'fast recovery: one more duplicate ACK means one more segment has left the network, so cwnd = {before} + SMSS {smss} = {cwnd} (RFC 5681 §3.2)',
    ko: '빠른 회복: 중복 ACK가 하나 더 왔다는 것은 세그먼트 하나가 더 네트워크를 떠났다는 뜻이므로 cwnd = {before} + SMSS {smss} = {cwnd}입니다(RFC 5681 §3.2)',
  },
  'partial-ack': {
    en: 'a partial ACK in fast recovery covers {acked} new bytes but not all that was sent: the next hole is resent, and cwnd = {before} − {acked} + SMSS {smss} = {cwnd} (RFC 6582 §3.2)',
    ko: '빠른 회복 중의 부분 ACK가 새 데이터 {acked}바이트를 확인했지만 보낸 것을 다 확인하지는 않았습니다. 다음 빈틈을 다시 보내고 cwnd = {before} − {acked} + SMSS {smss} = {cwnd}입니다(RFC 6582 §3.2)',
  },
  'partial-ack-small': {
    en: 'a partial ACK in fast recovery covers {acked} new bytes but not all that was sent: the next hole is resent, and cwnd = {before} − {acked} = {cwnd} (RFC 6582 §3.2)',
    ko: '빠른 회복 중의 부분 ACK가 새 데이터 {acked}바이트를 확인했지만 보낸 것을 다 확인하지는 않았습니다. 다음 빈틈을 다시 보내고 cwnd = {before} − {acked} = {cwnd}입니다(RFC 6582 §3.2)',
  },
  'recovery-exit': {
    en: 'this ACK covers everything sent before the loss, so fast recovery ends and cwnd = ssthresh = {cwnd} (RFC 6582 §3.2, RFC 5681 §3.2)',
    ko: '이 ACK가 손실 전에 보낸 데이터를 모두 확인하므로 빠른 회복이 끝나고 cwnd = ssthresh = {cwnd}입니다(RFC 6582 §3.2, RFC 5681 §3.2)',
  },
  timeout: {
    en: 'the retransmission timer expired: ssthresh = max(FlightSize {flight} / 2, 2 × SMSS {smss}) = {ssthresh}, and cwnd = 1 × SMSS = {cwnd}, so slow start begins again (RFC 5681 §3.1)',
    ko: '재전송 타이머가 만료되었습니다: ssthresh = max(전송 중인 데이터 {flight} / 2, 2 × SMSS {smss}) = {ssthresh}, cwnd = 1 × SMSS = {cwnd}이고, 느린 시작을 다시 시작합니다(RFC 5681 §3.1)',
  },
  'sack-loss': {
    en: 'the SACK blocks show a loss: ssthresh = cwnd = max(FlightSize {flight} / 2, 2 × SMSS {smss}) = {cwnd}. No extra segments are added for duplicate ACKs: the sender counts what is still in the network (pipe) instead (RFC 6675 §5)',
    ko: 'SACK 블록이 손실을 보여 줍니다: ssthresh = cwnd = max(전송 중인 데이터 {flight} / 2, 2 × SMSS {smss}) = {cwnd}입니다. 중복 ACK만큼 세그먼트를 더하지 않고, 아직 네트워크에 있는 양(pipe)을 세어 보냅니다(RFC 6675 §5)',
  },
  'timeout-again': {
    en: 'the retransmission timer expired again for the same segment: ssthresh stays {ssthresh}, and cwnd = 1 × SMSS = {cwnd} (RFC 5681 §3.1)',
    ko: '같은 세그먼트의 재전송 타이머가 다시 만료되었습니다: ssthresh는 {ssthresh} 그대로이고, cwnd = 1 × SMSS = {cwnd}입니다(RFC 5681 §3.1)',
  },
};

/** "∞" for a threshold not set yet. */
export function ssthreshShown(v: number | null): string {
  return v === null ? '∞' : String(v);
}

/**
 * The rule behind one change, with its numbers. `only: 'ssthresh'` words just how ssthresh
 * was set, for a question about it that another question about cwnd may follow.
 */
export function congestionRule(c: CongestionChange, only?: 'ssthresh'): Text {
  const lossRule = only === 'ssthresh' && (c.cause === 'fast-retransmit' || c.cause === 'sack-loss' || (c.cause === 'timeout' && !c.again));
  const key = lossRule ? 'ssthresh-on-loss' : c.cause === 'timeout' && c.again
    ? 'timeout-again'
    : c.cause === 'partial-ack' && c.acked < c.smss ? 'partial-ack-small' : c.cause;
  const params: TextParams = {
    before: c.before.cwnd, cwnd: c.cwnd, ssthresh: ssthreshShown(c.ssthresh), ssthreshBefore: ssthreshShown(c.before.ssthresh),
    smss: c.smss, acked: c.acked, flight: c.flight, phase: CONGESTION_PHASES[c.cause],
  };
  return { en: say(RULES[key], 'en', params), ko: say(RULES[key], 'ko', params) };
}

/** When an ACK leaves cwnd as it was. */
export const CWND_UNCHANGED: Readonly<Record<'avoidance' | 'duplicate' | 'recovering' | 'recovery', Text>> = {
  avoidance: {
    en: 'cwnd stays {cwnd}: in congestion avoidance (cwnd ≥ ssthresh {ssthresh}) it grows by one SMSS only once a whole cwnd of bytes has been acknowledged (RFC 5681 §3.1).',
    ko: 'cwnd는 {cwnd} 그대로입니다. 혼잡 회피(cwnd ≥ ssthresh {ssthresh})에서는 cwnd만큼의 바이트가 모두 확인되어야 SMSS 하나만큼 커집니다(RFC 5681 §3.1).',
  },
  duplicate: {
    en: 'cwnd stays {cwnd}: a first or second duplicate ACK changes nothing; only the third starts fast retransmit (RFC 5681 §3.2).',
    ko: 'cwnd는 {cwnd} 그대로입니다. 첫 번째나 두 번째 중복 ACK로는 아무것도 바뀌지 않고, 세 번째에 빠른 재전송이 시작됩니다(RFC 5681 §3.2).',
  },
  recovering: {
    en: 'cwnd stays {cwnd}: this duplicate ACK comes while the sender is already recovering from a loss, which changes cwnd no further: after a timeout it waits for new data to be acknowledged (RFC 6582 §3.2), and with SACK it counts what is still in the network (pipe) instead (RFC 6675 §5).',
    ko: 'cwnd는 {cwnd} 그대로입니다. 송신 측이 이미 손실에서 회복하는 중에 온 중복 ACK라서 cwnd를 더 바꾸지 않습니다. 타임아웃 뒤에는 새 데이터가 확인되기를 기다리고(RFC 6582 §3.2), SACK을 쓰면 cwnd 대신 아직 네트워크에 있는 양(pipe)을 셉니다(RFC 6675 §5).',
  },
  recovery: {
    en: 'cwnd stays {cwnd}: nothing this ACK reports changes it (RFC 5681 §3).',
    ko: 'cwnd는 {cwnd} 그대로입니다. 이 ACK로는 바뀌지 않습니다(RFC 5681 §3).',
  },
};

/** When the ACK leaves ssthresh as it was. */
export const SSTHRESH_UNCHANGED: Text = {
  en: 'ssthresh stays {ssthresh}: it is set only when a loss is detected, by a third duplicate ACK or a timeout (RFC 5681 §3.1, §3.2).',
  ko: 'ssthresh는 {ssthresh} 그대로입니다. ssthresh는 세 번째 중복 ACK나 타임아웃으로 손실을 알아챘을 때만 정해집니다(RFC 5681 §3.1, §3.2).',
};

/** FlightSize (RFC 5681 §2), worked out for a quiz. */
export const IN_FLIGHT_RULES: Readonly<Record<'sent' | 'resent' | 'acked' | 'same', Text>> = {
  sent: {
    en: 'in flight = {before} bytes already sent and not yet acknowledged + this segment\'s {length} = {value} (FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
    ko: '전송 중인 데이터 = 이미 보냈지만 아직 확인 응답을 받지 못한 {before}바이트 + 이 세그먼트의 {length}바이트 = {value}바이트입니다(FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
  },
  acked: {
    en: 'in flight = {before} bytes before the ACK − {acked} bytes it acknowledges = {value} (FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
    ko: '전송 중인 데이터 = ACK 전의 {before}바이트 − ACK가 확인한 {acked}바이트 = {value}바이트입니다(FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
  },
  resent: {
    en: 'in flight = {value}: a retransmission adds nothing, since its bytes were counted when they were first sent and are still unacknowledged (FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
    ko: '전송 중인 데이터 = {value}바이트: 재전송은 아무것도 더하지 않습니다. 그 바이트는 처음 보낼 때 이미 셌고 아직 확인되지 않았기 때문입니다(FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
  },
  same: {
    en: 'in flight = {value}: nothing new was sent or acknowledged (FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
    ko: '전송 중인 데이터 = {value}바이트: 새로 보내거나 확인된 데이터가 없습니다(FlightSize = SND.NXT − SND.UNA, RFC 5681 §2).',
  },
};

export const CONGESTION_PROMPTS: Readonly<Record<'cwnd' | 'ssthresh' | 'inFlightAfterAck' | 'inFlightSent', Text>> = {
  cwnd: {
    en: 'What is {host}\'s congestion window (cwnd, in bytes) once it has processed {who}\'s {what}?',
    ko: '{who}의 {what:을} 처리한 뒤 {host}의 혼잡 윈도우(cwnd)는 몇 바이트일까요?',
  },
  ssthresh: {
    en: 'What is {host}\'s slow start threshold (ssthresh, in bytes) once it has processed {who}\'s {what}?',
    ko: '{who}의 {what:을} 처리한 뒤 {host}의 느린 시작 임계값(ssthresh)은 몇 바이트일까요?',
  },
  inFlightAfterAck: {
    en: 'How many bytes does {host} still have in flight (sent, not yet acknowledged) once it has processed {who}\'s {what}?',
    ko: '{who}의 {what:을} 처리한 뒤 {host}에게 전송 중인 데이터(보냈지만 아직 확인 응답을 받지 못한 데이터)는 몇 바이트일까요?',
  },
  inFlightSent: {
    en: 'How many bytes will {host} have in flight (sent, not yet acknowledged) once its {what} is on its way?',
    ko: '{host:이} {what:을} 보내고 나면 전송 중인 데이터(보냈지만 아직 확인 응답을 받지 못한 데이터)는 몇 바이트일까요?',
  },
};

export const CONGESTION_HINTS: Readonly<Record<'cwnd' | 'ssthresh' | 'inFlight', Text>> = {
  cwnd: {
    en: 'Below ssthresh, each ACK adds what it acknowledges, at most one SMSS; at or above it, one SMSS per whole cwnd acknowledged. Three duplicate ACKs or a timeout cut it.',
    ko: 'ssthresh보다 작으면 ACK마다 확인한 만큼(최대 SMSS 하나) 늘고, 크거나 같으면 cwnd만큼 확인될 때마다 SMSS 하나씩 늡니다. 중복 ACK 세 개나 타임아웃이 오면 줄어듭니다.',
  },
  ssthresh: {
    en: 'ssthresh changes only on a loss: it becomes half the data in flight, but never less than two SMSS.',
    ko: 'ssthresh는 손실이 있을 때만 바뀝니다. 전송 중인 데이터의 절반이 되지만, SMSS 두 개보다 작아지지는 않습니다.',
  },
  inFlight: {
    en: 'Count the bytes sent and not yet acknowledged: from the last ack number to the end of the last segment sent.',
    ko: '보냈지만 아직 확인 응답을 받지 못한 바이트를 세어 보세요. 마지막 ACK 번호부터 마지막으로 보낸 세그먼트의 끝까지입니다.',
  },
};
