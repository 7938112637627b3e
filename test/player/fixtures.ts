// Fixtures for player tests: a trace recorded from the simulator (a client one router
// away from a web server: ARP, handshake, GET, the server's ACK; the client's ISN just
// below 2^32), a lesson of four quizzes on it, and helpers to find its steps and reach them.
import type { Text } from '../../source/i18n/text.js';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';
import { dissect } from '../../source/player/dissect.js';
import { createPlayer, update, type PlayerAction, type PlayerLesson, type PlayerModel, type PlayerOptions } from '../../source/player/model.js';
import type { Step, Trace } from '../../source/sim/trace.js';
import { flagsString } from '../../source/wire/tcp.js';
import { GET_BYTES, routedGetTrace } from '../helpers/traces.js';

export { CLIENT, SERVER, R1_LAN, R1_WAN, CLIENT_ISN, SERVER_ISN, GET_BYTES } from '../helpers/traces.js';

export const TRACE: Trace = routedGetTrace();

/** Index of the first step that matches, from `from` on; throws if there is none. */
export function findStep(trace: Trace, pred: (s: Step, i: number) => boolean, from = 0): number {
  for (let i = from; i < trace.steps.length; i++) if (pred(trace.steps[i]!, i)) return i;
  throw new Error('no such step in the trace');
}

export function player(opts: PlayerOptions = {}, withLesson = true): PlayerModel {
  return createPlayer(TRACE, withLesson ? sampleLesson(TRACE) : {}, opts);
}

export function apply(m: PlayerModel, ...actions: PlayerAction[]): PlayerModel {
  return actions.reduce(update, m);
}

/** The model at the stop showing step `i` (answering nothing on the way). */
export function at(m: PlayerModel, i: number): PlayerModel {
  return update(m, { type: 'goto', step: i });
}

export function stepWhere(pred: (s: Step, i: number) => boolean, from = 0): number {
  return findStep(TRACE, pred, from);
}

/** The original (pre-router) frame with these tcpdump flags, nth match. */
export function frameWithFlags(flags: string, nth = 1): number {
  let seen = 0;
  for (const f of TRACE.frames) {
    if (f.parent === null && f.summary.includes(`Flags [${flags}]`) && ++seen === nth) return f.id;
  }
  throw new Error(`no frame with flags ${flags}`);
}

/** The frame a router forwarded from `frame`. */
export function forwarded(frame: number): number {
  const f = TRACE.frames.find((x) => x.parent === frame);
  if (!f) throw new Error(`frame ${frame} was not forwarded`);
  return f.id;
}

const t = (en: string, ko: string): Text => ({ en, ko });

/** Four quizzes on the recorded trace: a choice, two numbers and a field. */
export function sampleLesson(trace: Trace): PlayerLesson {
  const frameOf = (flags: string, n = 1) => {
    let seen = 0;
    for (const f of trace.frames) {
      if (f.parent !== null) continue;
      const d = dissect(f.bytes);
      if (d.tcp && flagsString(d.tcp) === flags && ++seen === n) return f.id;
    }
    throw new Error(`no ${flags} frame`);
  };
  const syn = frameOf('S');
  const ackFrame = frameOf('.');
  const get = frameOf('P.');
  const checkpoints: Checkpoint[] = [
    {
      id: 'router-changes', kind: 'choice', numbering: 'relative',
      atStep: findStep(trace, (s) => s.kind === 'decap-check' && s.check === 'ip.ttl' && s.frame === syn),
      prompt: t('Router r1 is about to forward the SYN. Which fields will it change?', '라우터 r1이 SYN을 전달하려 합니다. 어떤 필드가 바뀔까요?'),
      options: [
        { value: 'macs-ttl', label: t('The MAC addresses, TTL and the checksums', 'MAC 주소, TTL, 체크섬') },
        { value: 'ips', label: t('The source and destination IP addresses', '출발지와 목적지 IP 주소') },
        { value: 'ports', label: t('The ports and the sequence number', '포트와 시퀀스 번호') },
        { value: 'nothing', label: t('Nothing: a router passes frames on as they are', '없음: 라우터는 프레임을 그대로 넘긴다') },
      ],
      expected: 'macs-ttl',
      explanation: t(
        'Each link has its own MAC addresses, so a router writes a new Ethernet header (and FCS) for the next link. It lowers TTL by one, so the IP header checksum is recomputed. IP addresses, ports, seq and ack stay the same end to end.',
        '링크마다 MAC 주소가 다르므로 라우터는 다음 링크를 위한 새 이더넷 헤더(와 FCS)를 씁니다. TTL을 1 줄이므로 IP 헤더 체크섬도 다시 계산합니다. IP 주소, 포트, seq와 ack는 끝까지 그대로입니다.',
      ),
      hint: t('Which addresses only make sense on one link?', '한 링크 안에서만 의미가 있는 주소는 무엇일까요?'),
    },
    {
      id: 'synack-ack', kind: 'number', numbering: 'relative',
      atStep: findStep(trace, (s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED'),
      prompt: t(
        "The server answers with a SYN-ACK. What acknowledgment number will it carry? (relative numbers: the client's ISN is 0)",
        '서버가 SYN-ACK로 답합니다. 확인 응답 번호(ACK 번호)는 얼마일까요? (상대 번호: 클라이언트의 ISN이 0)',
      ),
      expected: 1,
      explanation: t(
        "A SYN occupies one sequence number, so the next byte the server expects is the client's ISN + 1: relative 1.",
        'SYN은 시퀀스 번호 하나를 차지하므로, 서버가 다음에 기대하는 번호는 클라이언트 ISN + 1, 즉 상대 번호 1입니다.',
      ),
      hint: t('ack = the next sequence number expected. Does a SYN count?', 'ack = 다음에 받기를 기대하는 시퀀스 번호. SYN도 번호를 차지할까요?'),
      wrong: [{ answer: '0', explain: t("0 is the client's ISN itself, and the SYN used it up.", '0은 클라이언트의 ISN 자체이고, SYN이 그 번호를 써 버렸습니다.') }],
    },
    {
      id: 'ack-field', kind: 'field', numbering: 'relative', field: 'tcp.ack',
      atStep: findStep(trace, (s) => s.kind === 'encap-field' && s.key === 'tcp.ack' && s.frame === ackFrame),
      prompt: t("Fill in the client's Acknowledgment Number for the server's SYN-ACK (relative).", '서버의 SYN-ACK에 대한 클라이언트의 ACK 번호를 채우세요 (상대 번호).'),
      expected: '1',
      explanation: t(
        "The server's SYN also occupies one number: the client acknowledges the server's ISN + 1, relative 1.",
        '서버의 SYN도 번호 하나를 차지합니다: 클라이언트는 서버 ISN + 1, 즉 상대 번호 1을 확인 응답합니다.',
      ),
      hint: t("Relative to the server's ISN, which is 0 here.", '서버의 ISN(여기서는 0)을 기준으로 생각하세요.'),
    },
    {
      id: 'get-ack', kind: 'number', numbering: 'relative',
      atStep: findStep(trace, (s) => s.kind === 'tcp-segment' && s.frame !== undefined && trace.frames[s.frame]?.parent === get),
      prompt: t(
        `The GET (${GET_BYTES.length} bytes) arrived at relative seq 1. What ack will the server send back?`,
        `GET(${GET_BYTES.length}바이트)이 상대 seq 1로 도착했습니다. 서버가 돌려보낼 ack는 얼마일까요?`,
      ),
      expected: 1 + GET_BYTES.length,
      explanation: t(
        `ack = received seq + payload length = 1 + ${GET_BYTES.length} = ${1 + GET_BYTES.length}. In absolute numbers this crosses 2^32 and wraps around zero.`,
        `ack = 받은 seq + 데이터 길이 = 1 + ${GET_BYTES.length} = ${1 + GET_BYTES.length}. 절대 번호로는 2^32를 넘어 0 근처로 돌아갑니다.`,
      ),
      hint: t('Add the number of data bytes to the seq of the first byte.', '첫 바이트의 seq에 데이터 바이트 수를 더하세요.'),
    },
  ];
  return {
    title: t('Handshake and a GET, one router away', '라우터 하나 너머로: 핸드셰이크와 GET'),
    checkpoints,
    notes: [
      {
        atStep: 0,
        text: t('Watch the headers fill in as the client opens a connection.', '클라이언트가 연결을 여는 동안 헤더가 채워지는 모습을 보세요.'),
      },
    ],
  };
}

/** The eleven connection states of RFC 9293 §3.3.2, in the RFC's order, as this codebase spells them. */
export const RFC_STATES = [
  'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2',
  'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSED',
] as const;

/** One choice quiz with all eleven states as options, at the server's SYN_RECEIVED: a list longer than 80×24 shows at once. */
export function statesLesson(trace: Trace, expected: (typeof RFC_STATES)[number] = 'SYN_RECEIVED'): PlayerLesson {
  return {
    checkpoints: [{
      id: 'server-state', kind: 'choice', numbering: 'relative',
      atStep: findStep(trace, (s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED'),
      prompt: t('Which state is the server in now?', '서버는 지금 어떤 상태일까요?'),
      options: RFC_STATES.map((s) => ({ value: s, label: t(s, s) })),
      expected,
      explanation: t('Having answered the SYN with its own, the server waits in SYN_RECEIVED.', '자기 SYN으로 답한 서버는 SYN_RECEIVED에서 기다립니다.'),
      hint: t('What has the server just sent back?', '서버가 방금 무엇을 돌려보냈나요?'),
    }],
  };
}
