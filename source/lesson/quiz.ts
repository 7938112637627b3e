// Quizzes: where the player stops, what the right answer is, and why. Every answer is
// read off the trace the simulation produced; a lesson only says what to ask. What comes
// out is a Checkpoint (quiz/checkpoint.ts), the one model the player asks and grades.
import {
  CONGESTION_HINTS, CONGESTION_PROMPTS, CWND_UNCHANGED, IN_FLIGHT_RULES, SSTHRESH_UNCHANGED, congestionRule, ssthreshShown,
} from '../i18n/congestion.js';
import { causeText } from '../i18n/tcp-causes.js';
import { say, type Text } from '../i18n/text.js';
import type { Snapshot, Step, Trace } from '../sim/trace.js';
import { dissect, layerOfField, type DissectedFrame } from '../wire/dissect.js';
import { PROTOCOLS, protocolOfField, WELL_KNOWN_PORTS } from '../wire/protocols.js';
import { withJosa } from '../i18n/josa.js';
import { hostKo, type HostLabels } from '../i18n/hosts.js';
import { seq as toSeq, seqDiff, type Seq } from '../wire/seq.js';
import { flagLetters, flagsMatch, flagsString, tcpSegmentLength } from '../wire/tcp.js';
import {
  keepsOrder, MAX_NUMBER_ANSWER, sameAnswer, type ChoiceCheckpoint, type Checkpoint, type FieldCheckpoint, type NumberCheckpoint, type OrderCheckpoint, type WrongAnswer,
} from '../quiz/checkpoint.js';
import {
  CHANGE_MISTAKES, CONGESTION_MISTAKES, FIELD_MISTAKES, FLAG_MEANINGS, FLAG_MISTAKES, LAYER_MISTAKES, MOMENT_HINTS, NUMBER_MISTAKES,
  ORDER_MISTAKES, RECEIVER_MISTAKES, SEQ_MISTAKES, SEQ_PARTS, STATE_MEANINGS, STATE_MISTAKES, STATE_STILL,
} from '../i18n/mistakes.js';
import { createRng, type Rng } from '../sim/rng.js';
import { BLANK_FIELDS, ORDER_MAX, ORDER_MIN, type QuizSpec } from './schema.js';
import type { FrameMatchSpec } from './schema.js';
import { seqBasesOfTrace } from '../sim/relative.js';
import { briefOneLiner } from '../sim/summary.js';
import { flowKey } from '../wire/relative.js';
import { DUPACK_THRESHOLD } from '../sim/tcp/congestion.js';
import { TIMESTAMPS_SPACE } from '../sim/tcp/options.js';
import { fieldInfo } from '../player/fields.js';
import { duration } from '../player/text.js';

/** Why a quiz cannot be asked: the lesson says so at the quiz's node. */
export interface QuizProblem {
  readonly message: Text;
}

export interface QuizContext {
  readonly trace: Trace;
  /** The first step the quiz may look at: where the script reached the quiz. */
  readonly from: number;
  /** Which host owns an address, for `to:` matches and receivers. */
  readonly hostOfIp: (ip: string) => string | null;
  /**
   * Where a direction's relative numbers start, when the trace's own first segment is not
   * the answer: a replayed capture that begins mid-connection counts from its first seq − 1,
   * as Wireshark does. Null falls back to the trace.
   */
  readonly seqBase?: (src: string, sport: number, dst: string, dport: number) => Seq | null;
  /** The lesson's seed: an order quiz shuffles its frames with it (1 when absent). */
  readonly seed?: number;
  /** A beginner lesson names fields as a header diagram does, without their filter keys (`tcp.seq`). */
  readonly beginner?: boolean;
}


const T = (en: string, ko: string): Text => ({ en, ko });

/** A wrong answer a quiz invites and why it is wrong, the learner's number filled in; null where the frames offer none. */
type Mistake = readonly [answer: string | null, why: Text];

/** `template` filled for the wrong answer `given`, in both languages. */
function mistake(given: string | number | null | undefined, template: Text, params: Readonly<Record<string, string | number | Text>> = {}): Mistake {
  if (given === null || given === undefined) return [null, template];
  const answer = String(given);
  return [answer, both(template, { given: answer, ...params })];
}

/**
 * The mistakes worth a word: each answer once (the first reason wins, and a lesson's own
 * words win over all), never the right answer, and only answers a learner could type.
 */
function wrongAnswers(kind: Checkpoint['kind'], expected: string, mistakes: readonly Mistake[], authored: readonly WrongAnswer[]): WrongAnswer[] {
  const out: WrongAnswer[] = [];
  for (const [answer, explain] of mistakes) {
    if (answer === null) continue;
    if (kind === 'number' && !(/^\d+$/.test(answer) && Number(answer) <= MAX_NUMBER_ANSWER)) continue;
    if (sameAnswer(kind, answer, expected) || [...authored, ...out].some((w) => sameAnswer(kind, w.answer, answer))) continue;
    out.push({ answer, explain });
  }
  return out;
}

const STATE_OPTIONS = ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT']
  .map((s) => ({ value: s, label: T(s, s) }));
const FLAG_WORDS: Record<string, Text> = {
  'S': T('SYN', 'SYN'), 'S.': T('SYN+ACK', 'SYN+ACK'), '.': T('ACK', 'ACK'), 'P.': T('PSH+ACK', 'PSH+ACK'),
  'F.': T('FIN+ACK', 'FIN+ACK'), 'R': T('RST', 'RST'), 'R.': T('RST+ACK', 'RST+ACK'),
};
const FLAG_OPTIONS = ['S', 'S.', '.', 'P.', 'F.', 'R', 'R.']
  .map((f) => ({ value: f, label: T(`[${f}] ${FLAG_WORDS[f]!.en}`, `[${f}] ${FLAG_WORDS[f]!.ko}`) }));
const LAYER_OPTIONS = [
  { value: 'application', label: T('Application', '응용 계층') },
  { value: 'transport', label: T('Transport', '전송 계층') },
  { value: 'internet', label: T('Internet', '인터넷 계층') },
  { value: 'link', label: T('Link (network interface)', '링크(네트워크 인터페이스) 계층') },
];
const YES_NO = [{ value: 'yes', label: T('yes, it changes', '예, 바뀝니다') }, { value: 'no', label: T('no, it stays the same', '아니요, 그대로입니다') }];
const RECEIVER_OPTIONS = [
  { value: 'accept', label: T('accepts it in order and acks it', '순서대로 받아들이고 ACK합니다') },
  { value: 'queue', label: T('holds it out of order and repeats the last ack', '순서가 어긋나 보관하고, 직전 ACK를 반복합니다') },
  { value: 'duplicate', label: T('discards it as a duplicate and re-acks', '중복이라 버리고 다시 ACK합니다') },
  { value: 'drop', label: T('drops it: a check failed', '검사에 실패해 버립니다') },
];

/**
 * Frames are immutable, and a lesson's quizzes look at the same ones over and over: each
 * is dissected once.
 */
const dissections = new WeakMap<Uint8Array, DissectedFrame | null>();
function dissected(bytes: Uint8Array): DissectedFrame | null {
  let d = dissections.get(bytes);
  if (d === undefined) {
    d = dissect(bytes);
    dissections.set(bytes, d);
  }
  return d;
}

/** Step index at which each frame first appears (its encapsulation, or its transmission). */
function firstStepOfFrames(trace: Trace): Map<number, number> {
  const first = new Map<number, number>();
  trace.steps.forEach((s, i) => {
    if ('frame' in s && typeof s.frame === 'number' && !first.has(s.frame)) first.set(s.frame, i);
  });
  return first;
}

function nodeOf(iface: string): string {
  return iface.split(':')[0]!;
}

interface Candidate {
  readonly id: number;
  readonly first: number;
  readonly d: DissectedFrame;
}

function matches(c: Candidate, m: FrameMatchSpec, ctx: QuizContext): boolean {
  const f = ctx.trace.frames[c.id]!;
  if (m.from && nodeOf(f.from) !== m.from) return false;
  const d = c.d;
  const protocol = d.dns ? 'dns' : d.tcp ? 'tcp' : d.udp ? 'udp' : d.arp ? 'arp' : d.ipv4?.protocol === 1 ? 'icmp' : null;
  if (m.protocol && m.protocol !== protocol && !(m.protocol === 'udp' && protocol === 'dns')) return false;
  if (m.to) {
    const ip = d.ipv4?.dst ?? d.arp?.targetIp;
    if (!ip || ctx.hostOfIp(ip) !== m.to) return false;
  }
  if (m.flags !== undefined || m.hasFlags !== undefined) {
    if (!d.tcp || !flagsMatch(d.tcp, m)) return false;
  }
  if (m.data !== undefined && (d.payload.length > 0) !== m.data) return false;
  return true;
}

/** Frames a host sent (not copies made by switches or routers), from step `from` on. */
function candidates(ctx: QuizContext): Candidate[] {
  const first = firstStepOfFrames(ctx.trace);
  const out: Candidate[] = [];
  for (const f of ctx.trace.frames) {
    if (f.parent !== null) continue;
    const at = first.get(f.id);
    if (at === undefined || at < ctx.from) continue;
    const d = dissected(f.bytes);
    if (d) out.push({ id: f.id, first: at, d });
  }
  return out.sort((a, b) => a.first - b.first);
}

/**
 * Where a direction's relative numbers start, by Wireshark's rule (wire/relative.ts): its
 * ISN after a SYN, else its first seq − 1, or the peer's first ack − 1. A replay passes
 * the bases its capture analysis learnt, by the same rule.
 */
function relativeBase(ctx: QuizContext, src: string, sport: number, dst: string, dport: number): Seq | null {
  const given = ctx.seqBase?.(src, sport, dst, dport) ?? null;
  if (given !== null) return given;
  const b = seqBasesOfTrace(ctx.trace).base(flowKey(src, sport, dst, dport));
  return b === null ? null : (b as Seq);
}

/** All frames descended from `id` (the copies switches and routers made of it), and itself. */
function lineage(trace: Trace, id: number): Set<number> {
  const ids = new Set([id]);
  for (const f of trace.frames) if (f.parent !== null && ids.has(f.parent)) ids.add(f.id);
  return ids;
}

function stepNode(s: Step): string | null {
  if ('node' in s) return s.node;
  if ('host' in s) return s.host;
  return null;
}

/** The last step of `host` handling any copy of the frame, with the state changes right after it. */
function endOfHandling(trace: Trace, ids: Set<number>, host: string): number | null {
  let last: number | null = null;
  trace.steps.forEach((s, i) => {
    if ('frame' in s && ids.has(s.frame) && stepNode(s) === host) last = i;
  });
  if (last === null) return null;
  let i: number = last;
  while (i + 1 < trace.steps.length) {
    const next = trace.steps[i + 1]!;
    if (stepNode(next) !== host || next.t !== trace.steps[last]!.t || 'frame' in next) break;
    i++;
  }
  return i;
}

function firstStepAt(trace: Trace, ids: Set<number>, host: string): number | null {
  const i = trace.steps.findIndex((s) => 'frame' in s && ids.has(s.frame) && stepNode(s) === host && s.kind !== 'encap-begin');
  return i < 0 ? null : i;
}

/** The socket of `host` that the segment belongs to, or its only socket. */
function socketOf(snap: Snapshot, host: string, d: DissectedFrame) {
  const all = Object.values(snap.sockets).filter((s) => s.host === host);
  const exact = all.find((s) => d.tcp && ((s.local.port === d.tcp.dstPort && s.remote.port === d.tcp.srcPort)
    || (s.local.port === d.tcp.srcPort && s.remote.port === d.tcp.dstPort)));
  return exact ?? (all.length === 1 ? all[0]! : null);
}

function socketState(snap: Snapshot, host: string, d: DissectedFrame): string | null {
  const state = socketOf(snap, host, d)?.state ?? null;
  if (state !== null) return state;
  // No connection yet, but listening on the port the segment is for: LISTEN (RFC 9293 §3.10.1).
  return d.tcp && snap.listening?.[host]?.includes(d.tcp.dstPort) ? 'LISTEN' : null;
}

function fail(message: Text): { ok: false; problem: QuizProblem } {
  return { ok: false, problem: { message } };
}

export type Resolution = { readonly ok: true; readonly quiz: Checkpoint } | { readonly ok: false; readonly problem: QuizProblem };

/** Finds what a quiz is about in the trace and computes its answer. */
export function resolveQuiz(spec: QuizSpec, ctx: QuizContext): Resolution {
  const numbering = spec.numbering ?? 'relative';
  let target: Candidate | null = null;
  if (spec.frame) {
    const all = candidates(ctx).filter((c) => matches(c, spec.frame!, ctx));
    target = all[(spec.frame.nth ?? 1) - 1] ?? null;
    if (!target) return fail(T(`no frame matching ${describeMatch(spec.frame)} is sent after this point in the script`, `스크립트의 이 지점 뒤에 ${describeMatch(spec.frame)}에 맞는 프레임이 보내지지 않습니다`));
  }
  const authored = (spec.wrong ?? []).map((w) => ({ answer: String(w.answer), explain: w.explain }));
  const base = {
    id: spec.id, ask: spec.ask, ...(target && { frame: target.id }), ...(spec.ask === 'state' && spec.host && { host: spec.host }), numbering,
  };
  // A quiz stops *before* step `stopAt`; the player stops *after* `atStep`. A field quiz is
  // the exception: it stops on the step that writes the field, with the value hidden.
  type Answer = Pick<NumberCheckpoint, 'kind' | 'expected' | 'field'> | Pick<ChoiceCheckpoint, 'kind' | 'expected' | 'options'>
    | Pick<FieldCheckpoint, 'kind' | 'expected' | 'field'> | Pick<OrderCheckpoint, 'kind' | 'expected' | 'items' | 'before' | 'slips'>;
  // The lesson's own words on a wrong answer come first; the generated ones (the common
  // mistakes this quiz invites, with the learner's number) fill in for the rest.
  const finish = (q: Answer & {
    readonly stopAt: number; readonly prompt: Text; readonly explanation: Text; readonly mistakes?: readonly Mistake[]; readonly hint?: Text;
  }): Resolution => {
    const { stopAt, prompt, explanation, mistakes = [], hint, ...answer } = q;
    const atStep = answer.kind === 'field' ? stopAt : stopAt - 1;
    const wrong = [...authored, ...wrongAnswers(answer.kind, String(answer.expected), mistakes, authored)];
    return {
      ok: true,
      quiz: {
        ...base, ...answer, atStep, prompt: spec.prompt ?? prompt, explanation: spec.explain ?? explanation,
        hint: spec.hint ?? hint ?? defaultHint(spec.ask), wrong,
      },
    };
  };
  const needFrame = (what: string) => fail(T(`'${spec.ask}' needs a frame: say which one with frame: { ${what} }`, `'${spec.ask}' 퀴즈에는 프레임이 필요합니다. frame: { ${what} }로 어느 프레임인지 쓰세요`));
  const who = target ? nodeOf(ctx.trace.frames[target.id]!.from) : '';
  const rel = numbering === 'relative';
  const numWord = T(rel ? 'relative' : 'absolute', rel ? '상대 번호' : '절대 번호');

  switch (spec.ask) {
    case 'seq':
    case 'ack':
    case 'next-seq': {
      if (!target) return needFrame('from: client, flags: A');
      const t = target.d.tcp;
      const ip = target.d.ipv4!;
      if (!t) return fail(T('the chosen frame is not a TCP segment', '고른 프레임이 TCP 세그먼트가 아닙니다'));
      const own = relativeBase(ctx, ip.src, t.srcPort, ip.dst, t.dstPort)!;
      const peer = relativeBase(ctx, ip.dst, t.dstPort, ip.src, t.srcPort);
      const shown = (n: Seq, b: Seq | null) => String(rel && b !== null ? seqDiff(n, b) >>> 0 : n);
      const what = describeSegment(target.d);
      if (spec.ask === 'ack') {
        if (t.ack === null) return fail(T('the chosen segment has no ACK flag, so it carries no ack number', '고른 세그먼트에 ACK 플래그가 없어 ACK 번호가 없습니다'));
        const answer = shown(t.ack, peer);
        return finish({
          kind: 'number', expected: Number(answer), stopAt: target.first,
          prompt: T(`What ack number (${numWord.en}) will ${the(who, ctx.trace.labels)}'s next ${what.en} carry?`,
            `${withJosa(hostKo(who, ctx.trace.labels), '이')} 보낼 다음 ${what.ko}의 ACK 번호(${numWord.ko})는 얼마일까요?`),
          explanation: explainAck(ctx, target, peer, rel, answer),
          mistakes: seqSpaceMistakes('ack', ctx, target, own, peer, rel, Number(answer)),
        });
      }
      const start = shown(t.seq, own);
      if (spec.ask === 'next-seq') {
        const next = shown(toSeq(t.seq + tcpSegmentLength(t)), own);
        return finish({
          kind: 'number', expected: Number(next), stopAt: target.first,
          prompt: T(`${The(who, ctx.trace.labels)}'s ${what.en} starts at seq ${start}. What sequence number (${numWord.en}) comes after it?`,
            `${hostKo(who, ctx.trace.labels)}의 ${withJosa(what.ko, '는')} seq ${start}에서 시작합니다. 그다음 시퀀스 번호(${numWord.ko})는 얼마일까요?`),
          explanation: T(`next seq = seq ${start} + ${t.payload.length} bytes of data${t.flags.syn ? ' + 1 for SYN' : ''}${t.flags.fin ? ' + 1 for FIN' : ''} = ${next}`,
            `다음 seq = seq ${start} + 데이터 ${t.payload.length}바이트${t.flags.syn ? ' + SYN 1' : ''}${t.flags.fin ? ' + FIN 1' : ''} = ${next}`),
          mistakes: seqSpaceMistakes('next-seq', ctx, target, own, peer, rel, Number(next)),
        });
      }
      return finish({
        kind: 'number', expected: Number(start), stopAt: target.first,
        prompt: T(`What sequence number (${numWord.en}) will ${the(who, ctx.trace.labels)}'s next ${what.en} carry?`,
          `${withJosa(hostKo(who, ctx.trace.labels), '이')} 보낼 다음 ${what.ko}의 시퀀스 번호(${numWord.ko})는 얼마일까요?`),
        explanation: explainSeq(ctx, target, own, rel, start),
        mistakes: seqSpaceMistakes('seq', ctx, target, own, peer, rel, Number(start)),
      });
    }
    case 'window':
    case 'ttl':
    case 'src-port':
    case 'dst-port':
    case 'length': {
      if (!target) return needFrame('from: server, flags: A');
      const d = target.d;
      const value = spec.ask === 'window' ? d.tcp?.window
        : spec.ask === 'ttl' ? d.ipv4?.ttl
        : spec.ask === 'src-port' ? d.tcp?.srcPort ?? d.udp?.srcPort
        : spec.ask === 'dst-port' ? d.tcp?.dstPort ?? d.udp?.dstPort
        : d.payload.length;
      if (value === undefined) return fail(T(`the chosen frame has no ${spec.ask}`, `고른 프레임에는 ${spec.ask} 값이 없습니다`));
      const what = describeSegment(d);
      const rule = NUMBER_RULES[spec.ask];
      return finish({
        kind: 'number', expected: value, stopAt: target.first,
        prompt: T(`What ${rule.name.en} will ${the(who, ctx.trace.labels)}'s next ${what.en} carry?`, `${withJosa(hostKo(who, ctx.trace.labels), '이')} 보낼 다음 ${what.ko}의 ${rule.name.ko} 값은 얼마일까요?`),
        explanation: spec.ask === 'window' ? explainWindow(ctx, target, value)
          : spec.ask === 'length' && d.tcp ? explainTcpLength(ctx, target, value) : explainNumber(spec.ask, value, d, rule),
        mistakes: numberMistakes(spec.ask, ctx, target, value),
        hint: NUMBER_HINTS[spec.ask],
      });
    }
    case 'state': {
      if (!spec.host) return fail(T("'state' needs host: whose state to ask about", "'state' 퀴즈에는 host가 필요합니다. 누구의 상태를 물을지 쓰세요"));
      // Without a frame, the state once everything before the quiz's place has happened.
      let at = ctx.from - 1;
      if (target) {
        const end = endOfHandling(ctx.trace, lineage(ctx.trace, target.id), spec.host);
        if (end === null) return fail(T(`${spec.host} never receives the chosen frame`, `${withJosa(spec.host, '은')} 고른 프레임을 받지 않습니다`));
        at = end;
      }
      const snap = ctx.trace.snapshots[at];
      const state = snap && (target ? socketState(snap, spec.host, target.d)
        : Object.values(snap.sockets).find((s) => s.host === spec.host)?.state ?? (snap.listening?.[spec.host]?.length ? 'LISTEN' : undefined));
      if (!state) return fail(T(`${spec.host} has no TCP connection at that point`, `그 시점에 ${spec.host}에는 TCP 연결이 없습니다`));
      // The change that made this socket's state: another socket of the same host (a new
      // connect() at the same instant) must not lend it its cause.
      const socket = snap && target ? socketOf(snap, spec.host, target.d)?.id ?? null : null;
      const changeAt = ctx.trace.steps.findLastIndex((s, i) => i <= at && s.kind === 'tcp-state' && s.host === spec.host && (socket === null || s.socket === socket));
      const change = changeAt >= 0 ? ctx.trace.steps[changeAt] : undefined;
      const cause = change?.kind === 'tcp-state' ? causeText(change.cause) : null;
      const why = (lang: 'en' | 'ko') => (change?.kind === 'tcp-state' ? ` (${cause![lang]}; RFC 9293 §${change.cause.rfc})` : '');
      // Stop before the change the question is about, or the ladder would show the answer:
      // a sender's state changes before its segment is even built (connect() → SYN_SENT).
      let stopAt = target ? target.first : ctx.from;
      for (let i = at; target && i >= ctx.from; i--) {
        const s = ctx.trace.steps[i]!;
        if (s.kind === 'tcp-state' && s.host === spec.host && s.to === state) {
          stopAt = Math.min(stopAt, i);
          break;
        }
      }
      if (!target) {
        // About no frame, the quiz asks what all that came before it made of the host. When
        // the host last changed after the last frame (in a wait, TIME_WAIT running out), it
        // stops at that change, whose narration then asks instead of telling: any later
        // stop would show the answer in the ladder. Otherwise it stops at the end, when the
        // learner has seen everything, a wait included (an hour of silence changes nothing).
        const lastFrame = ctx.trace.steps.findLastIndex((s, i) => i < ctx.from && 'frame' in s);
        const change = ctx.trace.steps.findLastIndex((s, i) => i < ctx.from && i > lastFrame && s.kind === 'tcp-state' && s.host === spec.host);
        if (change >= 0) stopAt = change + 1;
      }
      const after = target ? describeSegment(target.d) : null;
      const sending = who === spec.host;
      const hostW = hostWords(spec.host, ctx.trace.labels);
      // A prediction stops before the change it asks about; a quiz about now, after it. The
      // change is this quiz's own if it comes at or after the stop (a prediction), or with no
      // frame on the wire between it and the stop (now).
      const moment: StateMoment = !after ? { kind: 'now' } : { kind: sending ? 'sends' : 'arrives', what: after };
      const here = changeAt >= 0 && (after ? changeAt >= stopAt : !ctx.trace.steps.some((s, i) => i > changeAt && i < stopAt && 'frame' in s));
      return finish({
        kind: 'choice', expected: state, options: STATE_OPTIONS, stopAt,
        mistakes: stateMistakes(ctx, spec.host, state, at, socket, change?.kind === 'tcp-state' ? { step: change, here } : null, moment),
        hint: !after ? both(MOMENT_HINTS.stateNow, { host: hostW })
          : sending ? both(MOMENT_HINTS.stateSending, { host: hostW, what: after }) : both(MOMENT_HINTS.stateArrived, { what: after }),
        prompt: !after
          ? T(`Which state is ${the(spec.host, ctx.trace.labels)} in now?`, `지금 ${withJosa(hostKo(spec.host, ctx.trace.labels), '은')} 어떤 상태일까요?`)
          : sending
            ? T(`Which state will ${the(spec.host, ctx.trace.labels)} be in once it sends its ${after.en}?`, `${withJosa(hostKo(spec.host, ctx.trace.labels), '이')} ${withJosa(after.ko, '를')} 보내고 나면 어떤 상태일까요?`)
            : T(`Which state will ${the(spec.host, ctx.trace.labels)} be in after ${the(who, ctx.trace.labels)}'s ${after.en} arrives?`, `${hostKo(who, ctx.trace.labels)}의 ${withJosa(after.ko, '가')} 도착하면 ${withJosa(hostKo(spec.host, ctx.trace.labels), '은')} 어떤 상태가 될까요?`),
        // The cause of the change explains the moment only where the change is the
        // moment's own; a state long unchanged is explained by what has (not) arrived since.
        explanation: here || change?.kind !== 'tcp-state'
          ? !after
            ? T(`${The(spec.host, ctx.trace.labels)} is in ${state}${why('en')}.`, `${withJosa(hostKo(spec.host, ctx.trace.labels), '은')} ${state} 상태입니다${why('ko')}.`)
            : T(`${The(spec.host, ctx.trace.labels)} will be in ${state}${why('en')}.`, `${withJosa(hostKo(spec.host, ctx.trace.labels), '은')} ${state} 상태가 됩니다${why('ko')}.`)
          : !after
            ? stillNow(ctx, spec.host, state, change, changeAt, at)
            : both(sending ? STATE_STILL.sends : STATE_STILL.arrives, { host: hostW, Host: capitalized(hostW), answer: state, what: after }),
      });
    }
    case 'flags': {
      if (!target?.d.tcp) return needFrame('from: server');
      const flags = flagsString(target.d.tcp);
      const options = FLAG_OPTIONS.some((o) => o.value === flags) ? FLAG_OPTIONS : [...FLAG_OPTIONS, { value: flags, label: T(`[${flags}]`, `[${flags}]`) }];
      const meaning = FLAG_MEANINGS[flags];
      const n = target.d.payload.length;
      return finish({
        kind: 'choice', expected: flags, options, stopAt: target.first,
        prompt: T(`Which flags will ${the(who, ctx.trace.labels)}'s next segment carry?`, `${withJosa(hostKo(who, ctx.trace.labels), '이')} 보낼 다음 세그먼트에는 어떤 플래그가 켜질까요?`),
        explanation: T(`${The(who, ctx.trace.labels)} sends [${flags}] (${FLAG_WORDS[flags]?.en ?? flags})${meaning ? `, to ${meaning.en}` : ''}.`,
          `${withJosa(hostKo(who, ctx.trace.labels), '은')} ${withJosa(`${FLAG_WORDS[flags]?.ko ?? flags}([${flags}])`, '를')} 보냅니다.${meaning ? ` ${meaning.ko}.` : ''}`),
        mistakes: options.filter((o) => FLAG_MEANINGS[o.value])
          .map((o) => mistake(o.value, n > 0 ? FLAG_MISTAKES.chosenWithData : FLAG_MISTAKES.chosen, { given: o.label, meaning: FLAG_MEANINGS[o.value]!, n })),
        hint: MOMENT_HINTS.flags,
      });
    }
    case 'layer': {
      if (!spec.field) return fail(T("'layer' needs field: the field to ask about, like tcp.seq", "'layer' 퀴즈에는 field가 필요합니다. 물을 필드를 tcp.seq처럼 쓰세요"));
      const layer = layerOfField(spec.field);
      if (!layer) return fail(T(`unknown field ${spec.field}: use a key like eth.src, ip.ttl or tcp.seq`, `알 수 없는 필드 ${spec.field}입니다. eth.src, ip.ttl, tcp.seq 같은 키를 쓰세요`));
      const label = LAYER_OPTIONS.find((o) => o.value === layer)!.label;
      // The field by its name, as a header diagram names it, with the filter key beside it.
      const info = fieldNamed(ctx, spec.field, target);
      const names = info ? fieldWords(spec.field, info.name, ctx.beginner) : T(spec.field, spec.field);
      const named = names.en;
      const proto = PROTOCOL_LABEL[protocolOfField(spec.field) ?? ''] ?? '';
      const meaning = info?.meaning ?? null;
      const place = placeOfField(spec.field);
      return finish({
        kind: 'choice', expected: layer, options: LAYER_OPTIONS, stopAt: target ? target.first : ctx.from,
        mistakes: LAYER_OPTIONS.map((o) => mistake(o.value, LAYER_MISTAKES.chosen, { given: o.label, protocols: layerProtocols(o.value), field: names, place })),
        prompt: T(`Which layer writes the ${named} field?`, `${names.ko} 필드는 어느 계층이 기록할까요?`),
        explanation: spec.field === 'eth.fcs'
          ? T(`${named} is the Ethernet trailer, which the ${label.en} layer writes after the payload: a CRC-32 over the whole frame, so the receiver can tell a damaged frame. Each layer writes only its own header (and Ethernet its trailer), so no other layer sets it.`,
            `${names.ko} 필드는 ${withJosa(label.ko, '이')} 페이로드 뒤에 붙이는 이더넷 트레일러로, 프레임 전체에 대한 CRC-32여서 수신 측이 손상된 프레임을 알아챌 수 있습니다. 각 계층은 자기 헤더(이더넷은 트레일러까지)만 쓰므로 다른 계층은 이 필드를 정하지 않습니다.`)
          : T(
            `${named} is a field of the ${proto} header, which the ${label.en} layer writes${meaning ? `: ${lowerFirst(meaning.en)}` : ''}. Each layer writes only its own header, so no other layer sets it.`,
            `${names.ko} 필드는 ${withJosa(label.ko, '이')} 쓰는 ${proto} 헤더에 있습니다${meaning ? `(${meaning.ko.replace(/\.$/, '')})` : ''}. 각 계층은 자기 헤더만 쓰므로 다른 계층은 이 필드를 정하지 않습니다.`,
          ),
      });
    }
    case 'changes': {
      if (!spec.router || !spec.field) return fail(T("'changes' needs router and field", "'changes' 퀴즈에는 router와 field가 필요합니다"));
      const ids = target ? lineage(ctx.trace, target.id) : null;
      const at = ctx.trace.steps.findIndex((s, i) => i >= ctx.from && s.kind === 'router-forward' && s.node === spec.router && (!ids || ids.has(s.frame)));
      if (at < 0) return fail(T(`${spec.router} forwards no such frame after this point`, `이 지점 뒤에 ${withJosa(spec.router, '이')} 전달하는 그런 프레임이 없습니다`));
      const step = ctx.trace.steps[at]!;
      if (step.kind !== 'router-forward') return fail(T('the chosen step is not a router forwarding a frame', '고른 단계가 라우터의 프레임 전달이 아닙니다'));
      const change = step.changed.find((c) => c.key === spec.field);
      // The field as a header diagram names it, with its header: "the IPv4 Time to Live field".
      const info = fieldNamed(ctx, spec.field, target);
      const fieldProto = PROTOCOL_LABEL[protocolOfField(spec.field) ?? ''] ?? '';
      const fieldNames = info ? fieldWords(spec.field, info.name, ctx.beginner, fieldProto) : T(spec.field, spec.field);
      const fieldName = fieldNames.en;
      const why = changeReason(spec.field);
      // A sequence number as the frames hold it is absolute, not as the ladder shows it.
      const same = /^tcp\.(seq|ack)$/.test(spec.field) ? undefined : step.unchanged.find((u) => u.key === spec.field)?.value;
      const kept = { why: keptReason(spec.field), value: same ?? T('the same value', '같은 값') };
      const router = T(the(spec.router, ctx.trace.labels), hostKo(spec.router, ctx.trace.labels));
      return finish({
        kind: 'choice', expected: change ? 'yes' : 'no', options: YES_NO, stopAt: at,
        // The wrong option's word points at the frames; the explanation gives the reason.
        mistakes: change
          ? [mistake('no', CHANGE_MISTAKES.doesChange, { router, before: String(change.before), after: String(change.after) })]
          : [mistake('yes', CHANGE_MISTAKES.staysSame, { router, value: kept.value })],
        prompt: T(`When ${the(spec.router, ctx.trace.labels)} forwards this packet, does the ${fieldName} field change?`,
          `${withJosa(hostKo(spec.router, ctx.trace.labels), '가')} 이 패킷을 전달할 때 ${fieldNames.ko} 필드가 바뀔까요?`),
        // Only this field and its reason: the lesson may ask about the packet's other fields next.
        explanation: change
          ? T(`Yes: the ${fieldName} field goes from ${change.before} to ${change.after}, because ${why.en}`,
            `예: ${fieldNames.ko} 필드가 ${change.before}에서 ${withJosa(String(change.after), '로')} 바뀝니다. ${why.ko}`)
          : T(`No: the ${fieldName} field stays the same, because ${kept.why.en}`, `아니요: ${fieldNames.ko} 필드는 그대로입니다. ${kept.why.ko}`),
      });
    }
    case 'receiver': {
      if (!target) return needFrame('from: client, data: true');
      const d = target.d;
      const host = spec.host ?? (d.ipv4 ? ctx.hostOfIp(d.ipv4.dst) : null);
      if (!host) return fail(T("say whose reaction to ask about with host:", "누구의 반응을 물을지 host로 쓰세요"));
      const ids = lineage(ctx.trace, target.id);
      const at = firstStepAt(ctx.trace, ids, host);
      if (at === null) return fail(T(`${host} never receives the chosen frame`, `${withJosa(host, '은')} 고른 프레임을 받지 않습니다`));
      const handling = ctx.trace.steps.filter((s) => 'frame' in s && ids.has(s.frame) && stepNode(s) === host);
      // A sequence check that "fails" only means the data is not the next expected byte:
      // the verdict says whether it was queued or discarded. Other failed checks drop it.
      const failed = handling.find((s) => s.kind === 'decap-check' && !s.ok && s.check !== 'tcp.seq');
      const verdictStep = handling.find((s) => s.kind === 'tcp-segment');
      const verdict = verdictStep?.kind === 'tcp-segment' ? verdictStep.verdict : null;
      const expected = failed ? 'drop' : verdict === 'out-of-order' ? 'queue' : verdict === 'duplicate' ? 'duplicate' : 'accept';
      const label = RECEIVER_OPTIONS.find((o) => o.value === expected)!.label;
      // The rule with this segment's numbers: where its seq stands against the next byte expected.
      const numbers = !failed && verdictStep?.kind === 'tcp-segment' && d.tcp && d.ipv4
        ? receiverNumbers(ctx, d, verdictStep, numbering === 'relative') : null;
      const detail = failed?.kind === 'decap-check'
        ? T(` (${failed.check}: expected ${failed.expected}, got ${failed.actual})`, ` (${failed.check}: 기대한 값 ${failed.expected}, 실제 값 ${failed.actual})`)
        : numbers && expected !== 'drop'
          ? both(RECEIVER_RULES[expected === 'duplicate' && numbers.end === numbers.seq ? 'old' : expected], numbers) : T('', '');
      return finish({
        kind: 'choice', expected, options: RECEIVER_OPTIONS, stopAt: at,
        mistakes: receiverMistakes(ctx, target, failed?.kind === 'decap-check' ? failed : null, verdictStep?.kind === 'tcp-segment' ? verdictStep : null, numbering === 'relative'),
        hint: MOMENT_HINTS.receiver,
        prompt: T(`What does ${the(host, ctx.trace.labels)} do with this ${describeSegment(d).en}?`, `${withJosa(hostKo(host, ctx.trace.labels), '은')} 이 ${withJosa(describeSegment(d).ko, '를')} 어떻게 처리할까요?`),
        explanation: T(`${The(host, ctx.trace.labels)} ${label.en}${detail.en}.`, `${withJosa(hostKo(host, ctx.trace.labels), '은')} ${label.ko}${detail.ko}.`),
      });
    }
    case 'cwnd':
    case 'ssthresh':
    case 'inFlight':
      // The host goes with the checkpoint, so the screen can hide that host's number until answered.
      return resolveCongestionQuiz(spec.ask, spec.host, target, ctx, (stopAt, expected, prompt, explanation, host, mistakes) => {
        const r = finish({ kind: 'number', expected, stopAt, prompt, explanation, mistakes });
        return r.ok ? { ok: true, quiz: { ...r.quiz, host } } : r;
      });
    case 'order': {
      const count = spec.count;
      if (count === undefined) return fail(T(`'order' needs count: how many frames to put in order (${ORDER_MIN} to ${ORDER_MAX})`, `'order' 퀴즈에는 count가 필요합니다. 순서를 맞출 프레임 수를 쓰세요(${ORDER_MIN}부터 ${ORDER_MAX}까지)`));
      const all = candidates(ctx);
      const first = target ?? all[0];
      if (!first) return fail(T('no frame is sent after this point in the script', '스크립트의 이 지점 뒤에 보내지는 프레임이 없습니다'));
      const frames = all.filter((c) => c.first >= first.first && sameConversation(c.d, first.d)).slice(0, count);
      if (frames.length < count) return fail(T(`only ${frames.length} frames of that conversation are sent after this point, not ${count}`, `이 지점 뒤에 그 대화의 프레임은 ${count}개가 아니라 ${frames.length}개만 보내집니다`));
      const made = orderQuiz(ctx, frames, createRng(ctx.seed ?? 1).fork(`order:${spec.id}`));
      if (!made) return fail(T('these frames could go in any order (sent at the same instant, none caused by another): choose frames that follow from each other', '이 프레임들은 어떤 순서여도 맞습니다(같은 순간에 보내졌고 서로가 원인이 아님). 앞뒤가 이어지는 프레임을 고르세요'));
      return finish({ kind: 'order', ...made, stopAt: first.first });
    }
    case 'blank': {
      if (!target) return needFrame('from: client, data: true');
      const key = spec.field;
      if (!key || !(BLANK_FIELDS as readonly string[]).includes(key)) return fail(T(`'blank' needs field: one of ${BLANK_FIELDS.join(', ')}`, `'blank' 퀴즈에는 field가 필요합니다. ${BLANK_FIELDS.join(', ')} 중 하나를 쓰세요`));
      // A lesson builds its frames field by field on screen: the value would be seen before
      // the blank. Only a frame that appears whole (a replayed capture's) can be blanked.
      if (ctx.trace.steps.some((s) => s.kind === 'encap-field' && s.frame === target!.id)) {
        return fail(T("'blank' asks about a frame that appears whole, as in a replayed capture; this lesson builds the frame field by field, so ask: field instead", "'blank'는 재생하는 캡처처럼 통째로 나타나는 프레임에 묻습니다. 이 레슨은 프레임을 필드마다 만들어 보이므로 ask: field를 쓰세요"));
      }
      const tx = ctx.trace.steps.findIndex((s, i) => i >= target!.first && s.kind === 'transmit' && s.frame === target!.id);
      if (tx < 0) return fail(T('the chosen frame is never sent', '고른 프레임은 전송되지 않습니다'));
      const d = target.d;
      const t = d.tcp;
      const info = d.layers.flatMap((l) => l.fields).find((f) => f.key === key) ?? null;
      const name = info ? `${info.name} (${key})` : key;
      const what = describeSegment(d);
      const prompt = (n: Text | null): Text => T(`The ${name} of ${the(who, ctx.trace.labels)}'s ${what.en} is blanked. What is it${n ? ` (${n.en})` : ''}?`,
        `${hostKo(who, ctx.trace.labels)}의 ${what.ko}에서 ${name} 칸이 가려져 있습니다. 값${n ? `(${n.ko})` : ''}은 얼마일까요?`);
      if (key === 'tcp.seq' || key === 'tcp.ack') {
        if (!t) return fail(T('the chosen frame is not a TCP segment', '고른 프레임이 TCP 세그먼트가 아닙니다'));
        if (key === 'tcp.ack' && t.ack === null) return fail(T('the chosen segment has no ACK flag, so it carries no ack number', '고른 세그먼트에 ACK 플래그가 없어 ACK 번호가 없습니다'));
        const ip = d.ipv4!;
        const own = relativeBase(ctx, ip.src, t.srcPort, ip.dst, t.dstPort);
        const peer = relativeBase(ctx, ip.dst, t.dstPort, ip.src, t.srcPort);
        const shown = (n: Seq, b: Seq | null) => String(rel && b !== null ? seqDiff(n, b) >>> 0 : n);
        const answer = key === 'tcp.seq' ? shown(t.seq, own) : shown(t.ack!, peer);
        return finish({
          kind: 'number', expected: Number(answer), field: key, stopAt: tx + 1, prompt: prompt(numWord),
          explanation: key === 'tcp.seq' ? explainSeq(ctx, target, own ?? t.seq, rel, answer) : explainAck(ctx, target, peer, rel, answer),
          mistakes: seqSpaceMistakes(key === 'tcp.seq' ? 'seq' : 'ack', ctx, target, own, peer, rel, Number(answer)),
          hint: defaultHint(key === 'tcp.seq' ? 'seq' : 'ack'),
        });
      }
      const value = key === 'ip.ttl' ? d.ipv4?.ttl : t?.window;
      if (value === undefined) return fail(T(`the chosen frame has no ${key}`, `고른 프레임에는 ${key} 값이 없습니다`));
      return finish({
        kind: 'number', expected: value, field: key, stopAt: tx + 1, prompt: prompt(null),
        explanation: key === 'ip.ttl' ? explainTtl(ctx, target, value) : explainWindow(ctx, target, value),
        mistakes: numberMistakes(key === 'ip.ttl' ? 'ttl' : 'window', ctx, target, value),
        hint: MOMENT_HINTS.blank,
      });
    }
    case 'field': {
      if (!target) return needFrame('from: client');
      if (!spec.field) return fail(T("'field' needs field: the key of the field to fill in, like tcp.ack", "'field' 퀴즈에는 field가 필요합니다. 채울 필드의 키를 tcp.ack처럼 쓰세요"));
      const at = ctx.trace.steps.findIndex((s) => s.kind === 'encap-field' && s.frame === target!.id && s.key === spec.field);
      if (at < 0) return fail(T(`${spec.field} is not written while building the chosen frame`, `고른 프레임을 만드는 동안 ${withJosa(spec.field, '은')} 쓰이지 않습니다`));
      const step = ctx.trace.steps[at]!;
      if (step.kind !== 'encap-field') return fail(T('the chosen step does not write a header field', '고른 단계는 헤더 필드를 쓰지 않습니다'));
      // The field's own name and meaning, from its protocol's layout (wire/*.ts).
      const info = target.d.layers.flatMap((l) => l.fields).find((f) => f.key === spec.field) ?? null;
      const name = info ? ctx.beginner ? info.name : `${info.name} (${spec.field})` : spec.field;
      const proto = PROTOCOL_LABEL[step.protocol] ?? step.protocol;
      return finish({
        kind: 'field', expected: step.value, stopAt: at, field: spec.field,
        mistakes: fieldMistakes(target.d, spec.field, name, step.value),
        hint: MOMENT_HINTS.field,
        prompt: spec.field === 'eth.fcs'
          ? T(`Fill in the ${name}, the Ethernet trailer of the frame ${the(who, ctx.trace.labels)} is building.`, `${withJosa(hostKo(who, ctx.trace.labels), '이')} 만들고 있는 프레임의 이더넷 트레일러, ${name} 칸을 채워 보세요.`)
          : T(`Fill in the ${name} of the ${proto} header ${the(who, ctx.trace.labels)} is building.`, `${withJosa(hostKo(who, ctx.trace.labels), '이')} 만들고 있는 ${proto} 헤더의 ${name} 칸을 채워 보세요.`),
        explanation: info
          ? T(`${name} = ${step.value}: ${info.meaning.en}.`, `${name} = ${step.value}: ${info.meaning.ko}.`)
          : T(`${name} = ${step.value}.`, `${name} = ${step.value}.`),
      });
    }
  }
}

/** Both languages of a template, filled; English hosts take their article. */
function both(t: Text, params: Readonly<Record<string, string | number | Text>>): Text {
  return { en: say(t, 'en', params), ko: say(t, 'ko', params) };
}

/** Why a router rewrites this one field. */
function changeReason(field: string): Text {
  switch (field) {
    case 'eth.src': return CHANGE_MISTAKES.whySrcMac;
    case 'eth.dst': return CHANGE_MISTAKES.whyDstMac;
    case 'eth.fcs': return CHANGE_MISTAKES.whyFcs;
    case 'ip.ttl': return CHANGE_MISTAKES.whyTtl;
    case 'ip.checksum': return CHANGE_MISTAKES.whyChecksum;
    default: return /^eth\./.test(field) ? CHANGE_MISTAKES.whyLink : CHANGE_MISTAKES.whyOther;
  }
}

/** Why a router leaves this one field as it came. */
function keptReason(field: string): Text {
  if (field === 'ip.src') return CHANGE_MISTAKES.keptSrcIp;
  if (field === 'ip.dst') return CHANGE_MISTAKES.keptDstIp;
  const layer = layerOfField(field);
  const label = PROTOCOL_LABEL[protocolOfField(field) ?? ''];
  // Above the Internet layer a router does not look: it forwards the IP packet.
  if (label && (layer === 'transport' || layer === 'application')) return both(CHANGE_MISTAKES.keptAbove, { protocol: label });
  return CHANGE_MISTAKES.keptOther;
}

/**
 * cwnd, ssthresh and FlightSize (RFC 5681 §2), read off the sender's socket. cwnd and
 * ssthresh are asked of the host that receives the frame (an ACK moves them), once it has
 * handled it; the quiz stops as the frame reaches it, before the change. FlightSize may be
 * asked the same way, or of the frame's sender once the frame is on its way.
 */
function resolveCongestionQuiz(
  ask: 'cwnd' | 'ssthresh' | 'inFlight', asked: string | undefined, target: Candidate | null, ctx: QuizContext,
  finish: (stopAt: number, expected: number, prompt: Text, explanation: Text, host: string, mistakes: readonly Mistake[]) => Resolution,
): Resolution {
  if (!target) return fail(T(`'${ask}' needs a frame: say which one with frame: { ${ask === 'inFlight' ? 'from: client, data: true' : 'from: server, flags: A'} }`, `'${ask}' 퀴즈에는 프레임이 필요합니다. frame: { ${ask === 'inFlight' ? 'from: client, data: true' : 'from: server, flags: A'} }처럼 어느 프레임인지 쓰세요`));
  const d = target.d;
  if (!d.tcp) return fail(T('the chosen frame is not a TCP segment', '고른 프레임이 TCP 세그먼트가 아닙니다'));
  const who = nodeOf(ctx.trace.frames[target.id]!.from);
  const receiver = d.ipv4 ? ctx.hostOfIp(d.ipv4.dst) : null;
  const host = asked ?? (ask === 'inFlight' ? who : receiver);
  if (!host) return fail(T('say whose numbers to ask about with host:', '누구의 값을 물을지 host로 쓰세요'));
  const sending = host === who;
  if (sending && ask !== 'inFlight') {
    return fail(T(`'${ask}' is asked of the host that receives the frame, whose cwnd its ACK moves; ${host} sends it`, `'${ask}' 퀴즈는 프레임을 받는 호스트, 곧 그 ACK로 cwnd가 바뀌는 쪽에 묻습니다. ${withJosa(host, '은')} 이 프레임을 보내는 쪽입니다`));
  }
  let stopAt: number;
  let at: number;
  if (sending) {
    stopAt = target.first;
    at = ctx.trace.steps.findIndex((s, i) => i >= target.first && s.kind === 'transmit' && s.frame === target.id);
    if (at < 0) return fail(T('the chosen frame is never put on the wire', '고른 프레임은 전송되지 않습니다'));
  } else {
    const ids = lineage(ctx.trace, target.id);
    const first = firstStepAt(ctx.trace, ids, host);
    const end = endOfHandling(ctx.trace, ids, host);
    if (first === null || end === null) return fail(T(`${host} never receives the chosen frame`, `${withJosa(host, '은')} 고른 프레임을 받지 않습니다`));
    stopAt = first;
    at = end;
  }
  const snap = ctx.trace.snapshots[at];
  const sock = snap ? socketOf(snap, host, d) : null;
  if (!sock) return fail(T(`${host} has no TCP connection at that point`, `그 시점에 ${host}에는 TCP 연결이 없습니다`));
  const before = ctx.trace.snapshots[stopAt - 1]?.sockets[sock.id] ?? null;
  // Which segment, by the number a learner can find on the ladder (relative, as shown).
  const ip = d.ipv4!;
  const t = d.tcp;
  const own = relativeBase(ctx, ip.src, t.srcPort, ip.dst, t.dstPort);
  const peer = relativeBase(ctx, ip.dst, t.dstPort, ip.src, t.srcPort);
  const rel = (n: Seq, b: Seq | null) => (b === null ? n : seqDiff(n, b) >>> 0);
  const mark = sending || t.ack === null ? `seq ${rel(t.seq, own)}` : `ack ${rel(t.ack, peer)}`;
  const segment = describeSegment(d);
  const flags = flagsString(t);
  const what = T(`${segment.en} (${mark})`, d.payload.length > 0 ? `[${flags}] 세그먼트(${d.payload.length}바이트, ${mark})` : `[${flags}] 세그먼트(${mark})`);
  const params = { host: T(the(host, ctx.trace.labels), hostKo(host, ctx.trace.labels)), who: T(the(who, ctx.trace.labels), hostKo(who, ctx.trace.labels)), what };
  if (ask === 'inFlight') {
    const value = sock.inFlight;
    const was = before?.inFlight ?? 0;
    const length = d.payload.length;
    const explanation = sending && was + length === value ? both(IN_FLIGHT_RULES.sent, { before: was, length, value })
      : sending && was === value && length > 0 ? both(IN_FLIGHT_RULES.resent, { value })
      : !sending && was > value ? both(IN_FLIGHT_RULES.acked, { before: was, acked: was - value, value })
      : both(IN_FLIGHT_RULES.same, { value });
    const mistakes = sending && was + length === value
      ? [mistake(was, CONGESTION_MISTAKES.flightBeforeSend, { length, answer: value }), mistake(length, CONGESTION_MISTAKES.flightOnlyThis, { earlier: was, answer: value })]
      : !sending && was > value ? [mistake(was, CONGESTION_MISTAKES.flightBeforeAck, { acked: was - value, answer: value })] : [];
    return finish(stopAt, value, both(sending ? CONGESTION_PROMPTS.inFlightSent : CONGESTION_PROMPTS.inFlightAfterAck, params), explanation, host, mistakes);
  }
  if (sock.cwnd === null) return fail(T(`${host} runs no congestion control here (settings.tcp.congestion: none)`, `여기서 ${withJosa(host, '은')} 혼잡 제어를 하지 않습니다(settings.tcp.congestion: none)`));
  if (ask === 'ssthresh' && sock.ssthresh === null) {
    return fail(T(`${host}'s ssthresh is still unbounded at that point (no loss yet), so there is no number to ask`, `그 시점에 ${host}의 ssthresh는 아직 무한대입니다(손실이 없었음). 물을 숫자가 없습니다`));
  }
  const changes = ctx.trace.steps.slice(stopAt, at + 1)
    .filter((s): s is Extract<Step, { kind: 'tcp-congestion' }> => s.kind === 'tcp-congestion' && s.host === host && s.socket === sock.id);
  const rules = changes.map((c) => congestionRule(c, ask === 'ssthresh' ? 'ssthresh' : undefined));
  const value = ask === 'cwnd' ? sock.cwnd : sock.ssthresh!;
  const dupAcks = ctx.trace.steps.slice(stopAt, at + 1).filter((s) => s.kind === 'tcp-dup-ack' && s.host === host && s.socket === sock.id);
  const dupAck = dupAcks.length > 0;
  // From the third duplicate on, recovery has begun; one that changed nothing came in it.
  const recovering = dupAcks.some((s) => s.kind === 'tcp-dup-ack' && s.count >= DUPACK_THRESHOLD);
  const unchanged = ask === 'ssthresh' ? SSTHRESH_UNCHANGED
    : recovering ? CWND_UNCHANGED.recovering
    : dupAck ? CWND_UNCHANGED.duplicate
    : sock.ssthresh !== null && sock.cwnd >= sock.ssthresh ? CWND_UNCHANGED.avoidance : CWND_UNCHANGED.recovery;
  const explanation = rules.length > 0
    ? T(`${ask} = ${value}: ${rules.map((r) => r.en).join('; then ')}.`, `${ask} = ${value}: ${rules.map((r) => r.ko).join('. 이어서 ')}.`)
    : both(unchanged, { cwnd: sock.cwnd, ssthresh: ssthreshShown(sock.ssthresh) });
  const first = changes[0];
  const loss = changes.find((c) => c.cause === 'fast-retransmit' || (c.cause === 'timeout' && !c.again));
  const mistakes: Mistake[] = ask === 'cwnd'
    ? first
      ? [
        mistake(first.before.cwnd, CONGESTION_MISTAKES.cwndBefore, { answer: value }),
        ...(first.cause === 'slow-start' ? [mistake(first.before.cwnd * 2, CONGESTION_MISTAKES.cwndDoubled, { smss: first.smss })] : []),
      ]
      : sock.peerMss !== null ? [mistake(value + sock.peerMss, CONGESTION_MISTAKES.cwndStays, { answer: value }), mistake(value * 2, CONGESTION_MISTAKES.cwndStays, { answer: value })] : []
    : loss
      ? [
        mistake(Math.floor(loss.before.cwnd / 2), CONGESTION_MISTAKES.ssthreshHalfCwnd, { cwnd: loss.before.cwnd, flight: loss.flight }),
        mistake(loss.before.ssthresh, CONGESTION_MISTAKES.ssthreshBefore, { answer: value }),
      ]
      : [];
  return finish(stopAt, value, both(CONGESTION_PROMPTS[ask], params), explanation, host, mistakes);
}

/**
 * A host in an English sentence: the built-in roles take an article ("the client", "the DNS
 * server"); other names (r1, a lesson's own hosts) stand as they are.
 */
function the(host: string, labels?: HostLabels): string {
  if (labels && Object.hasOwn(labels, host)) return labels[host]!.en;
  return host === 'client' || host === 'server' ? `the ${host}` : host === 'dns' ? 'the DNS server' : host;
}
function The(host: string, labels?: HostLabels): string {
  const s = the(host, labels);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A field's name and meaning, read from a frame of the trace that carries it (the chosen one first). */
/**
 * A field as a quiz names it: in English by the header diagram's name (with its header's
 * name for a changes quiz), in Korean by its term (player/fields.ts) with that name in
 * brackets, so the learner finds the row; the filter key beside it above beginner level.
 */
function fieldWords(key: string, name: string, beginner: boolean | undefined, proto = ''): Text {
  const en = `${proto ? `${proto} ` : ''}${name}${beginner ? '' : ` (${key})`}`;
  const ko = fieldInfo(key).spec?.nameKo;
  return { en, ko: ko ? `${ko}(${beginner ? name : key})` : en };
}

function fieldNamed(ctx: QuizContext, key: string, target: Candidate | null): { readonly name: string; readonly meaning: Text | null } | null {
  const carries = (d: DissectedFrame | null) => d?.layers.flatMap((l) => l.fields).find((f) => f.key === key) ?? null;
  const own = target ? carries(target.d) : null;
  if (own) return own;
  for (const f of ctx.trace.frames) {
    const found = carries(dissect(f.bytes));
    if (found) return found;
  }
  // The Ethernet trailer is no header field of a layout, but it has a name.
  return key === 'eth.fcs' ? { name: 'FCS', meaning: null } : null;
}

/** A sentence's first letter lowered to go after a colon, but not an acronym's: `MAC of the next hop` stays. */
function lowerFirst(s: string): string {
  return /^[A-Z][A-Z0-9]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Where a field sits, as a sentence names it: `the TCP header`; the FCS is no header field
 * but the Ethernet trailer, written after the payload (IEEE 802.3 §3.1.1).
 */
function placeOfField(key: string): Text {
  if (key === 'eth.fcs') return T('the Ethernet trailer', '이더넷 트레일러');
  const proto = PROTOCOL_LABEL[protocolOfField(key) ?? ''] ?? '';
  return T(`the ${proto} header`, `${proto} 헤더`);
}

/** How a header is named in a sentence: `the TCP header`, `the Ethernet header`. */
const PROTOCOL_LABEL: Readonly<Record<string, string>> = {
  ethernet: 'Ethernet', arp: 'ARP', ipv4: 'IPv4', icmp: 'ICMP', tcp: 'TCP', udp: 'UDP', dns: 'DNS', http: 'HTTP',
};

const NUMBER_RULES: Record<'window' | 'ttl' | 'src-port' | 'dst-port' | 'length', { name: Text; why: Text }> = {
  window: { name: T('window', '윈도우'), why: T('the free space in the receive buffer of the host that sends this segment, which it advertises to its peer', '이 세그먼트를 보내는 호스트의 수신 버퍼에 남은 공간으로, 상대에게 이만큼 더 보내도 된다고 알립니다') },
  ttl: { name: T('TTL', 'TTL'), why: T('the sender starts at its default (64 on Linux) and every router on the way subtracts 1', '송신 측이 기본값(리눅스는 64)으로 시작하고, 지나는 라우터마다 1씩 뺍니다') },
  'src-port': { name: T('source port', '출발지 포트'), why: T('the port of the socket that sends it; a client uses an ephemeral port', '보내는 소켓의 포트; 클라이언트는 임시 포트를 씁니다') },
  'dst-port': { name: T('destination port', '목적지 포트'), why: T('the port the receiving socket is bound to; servers use well-known ports', '받는 소켓이 묶인 포트; 서버는 잘 알려진 포트를 씁니다') },
  length: { name: T('payload length', '페이로드 길이'), why: T('the bytes of application data in the segment, at most the MSS', '세그먼트에 담긴 응용 데이터의 바이트 수로, MSS를 넘지 않습니다') },
};

/**
 * The rule behind a port or length, with the learner's own numbers: a well-known port (the
 * protocol table's) belongs to the server, any other is the client's ephemeral port, so a
 * reply's source port is the server's well-known one.
 */
function explainNumber(ask: keyof typeof NUMBER_RULES, value: number, d: DissectedFrame, rule: { name: Text; why: Text }): Text {
  const known = WELL_KNOWN_PORTS.find((w) => w.port === value);
  const service = known ? known.service === 'domain' ? 'DNS' : known.protocol.toUpperCase() : '';
  switch (ask) {
    case 'src-port':
      return known
        ? T(`source port = ${value}: the sender is the ${service} server, and a server sends from the well-known port it listens on (${value}).`,
          `출발지 포트 = ${value}: 보내는 쪽이 ${service} 서버이고, 서버는 자신이 기다리는 잘 알려진 포트(${value})에서 보냅니다.`)
        : T(`source port = ${value}: the sender is the client, whose socket got an ephemeral port from its operating system when it started the conversation.`,
          `출발지 포트 = ${value}: 보내는 쪽이 클라이언트이고, 클라이언트 소켓은 통신을 시작할 때 운영체제에서 임시 포트를 받습니다.`);
    case 'dst-port':
      return known
        ? T(`destination port = ${value}: it goes to the ${service} server, which listens on the well-known port ${value}.`,
          `목적지 포트 = ${value}: ${service} 서버로 가며, 서버는 잘 알려진 포트 ${value}에서 기다립니다.`)
        : T(`destination port = ${value}: it is a reply, so it goes back to the client's ephemeral port, the source port of the client's request.`,
          `목적지 포트 = ${value}: 응답이므로 클라이언트의 임시 포트, 곧 클라이언트 요청의 출발지 포트로 돌아갑니다.`);
    case 'length':
      return d.udp
        ? T(`payload length = ${value}: the application's bytes in the datagram, the UDP length (${d.udp.length}) minus its 8-byte header.`,
          `페이로드 길이 = ${value}: 데이터그램에 담긴 응용 데이터의 바이트 수로, UDP 길이(${d.udp.length})에서 8바이트 헤더를 뺀 값입니다.`)
        : T(`${rule.name.en} = ${value}: ${rule.why.en}`, `${rule.name.ko} = ${value}: ${rule.why.ko}`);
    default:
      return T(`${rule.name.en} = ${value}: ${rule.why.en}`, `${rule.name.ko} = ${value}: ${rule.why.ko}`);
  }
}

function describeSegment(d: DissectedFrame): Text {
  if (d.tcp) {
    const f = flagsString(d.tcp);
    const data = d.payload.length > 0 ? ` with ${d.payload.length} bytes` : '';
    const dataKo = d.payload.length > 0 ? `(${d.payload.length}바이트)` : '';
    return T(`[${f}] segment${data}`, `[${f}] 세그먼트${dataKo}`);
  }
  if (d.dns) return T('DNS message', 'DNS 메시지');
  if (d.udp) return T('UDP datagram', 'UDP 데이터그램');
  if (d.arp) return T('ARP packet', 'ARP 패킷');
  return T('packet', '패킷');
}

function describeMatch(m: FrameMatchSpec): string {
  const parts = Object.entries(m).map(([k, v]) => `${k}: ${String(v)}`);
  return `{ ${parts.join(', ')} }`;
}

function defaultHint(ask: QuizSpec['ask']): Text {
  switch (ask) {
    case 'ack': return T('ack names the next byte expected: the peer\'s seq plus the bytes it carried (SYN and FIN count one).', 'ACK 번호는 다음에 받을 바이트 번호입니다: 상대의 seq + 받은 바이트 수 (SYN과 FIN은 1로 셉니다).');
    case 'seq':
    case 'next-seq': return T('seq moves on by the bytes sent; a pure ACK uses no sequence number, SYN and FIN use one each.', 'seq는 보낸 바이트 수만큼 늘어납니다. 데이터 없는 ACK는 번호를 쓰지 않고, SYN과 FIN은 하나씩 씁니다.');
    case 'state': return T('Find where the connection stands in the RFC 9293 state diagram: what has it sent, and what has arrived?', 'RFC 9293의 상태 전이도에서 연결이 어디쯤인지 찾아보세요. 무엇을 보냈고, 무엇이 도착했나요?');
    case 'flags': return MOMENT_HINTS.flags;
    case 'order': return MOMENT_HINTS.order;
    case 'blank': return MOMENT_HINTS.blank;
    case 'field': return MOMENT_HINTS.field;
    case 'changes': return T('A router builds a new frame for the next link but forwards the IP packet.', '라우터는 다음 링크용으로 프레임을 새로 만들지만, IP 패킷은 그대로 전달합니다.');
    case 'layer': return T('Each layer writes only its own header.', '각 계층은 자기 헤더만 씁니다.');
    case 'cwnd':
    case 'ssthresh':
    case 'inFlight': return CONGESTION_HINTS[ask];
    case 'receiver': return MOMENT_HINTS.receiver;
    case 'window': case 'ttl': case 'src-port': case 'dst-port': case 'length': return NUMBER_HINTS[ask];
  }
}

/** The segment from the same side just before `target`: the rule for seq is "previous seq + its length". */
function previousFrom(ctx: QuizContext, target: Candidate): DissectedFrame | null {
  const t = target.d.tcp!;
  const ip = target.d.ipv4!;
  let prev: DissectedFrame | null = null;
  for (const f of ctx.trace.frames) {
    if (f.id >= target.id) break;
    if (f.parent !== null) continue;
    const d = dissected(f.bytes);
    if (d?.tcp && d.ipv4?.src === ip.src && d.tcp.srcPort === t.srcPort && d.ipv4.dst === ip.dst && d.tcp.dstPort === t.dstPort) prev = d;
  }
  return prev;
}

function explainSeq(ctx: QuizContext, target: Candidate, base: Seq, rel: boolean, answer: string): Text {
  const t = target.d.tcp!;
  if (t.flags.syn) {
    return rel
      ? T('A SYN carries the initial sequence number (ISN); relative numbering counts from it, so it is 0.', 'SYN에는 초기 시퀀스 번호(ISN)가 실립니다. 상대 번호는 ISN에서부터 세므로 0입니다.')
      : T(`A SYN carries the initial sequence number (ISN), ${answer}, chosen at random (RFC 9293 §3.4.1).`, `SYN에는 무작위로 고른 초기 시퀀스 번호(ISN) ${withJosa(answer, '이')} 실립니다 (RFC 9293 §3.4.1).`);
  }
  const answered = answeredByRst(ctx, target);
  if (answered) {
    const ip = target.d.ipv4!;
    const peerBase = relativeBase(ctx, ip.dst, t.dstPort, ip.src, t.srcPort);
    const p = (n: Seq) => String(rel && peerBase !== null ? seqDiff(n, peerBase) >>> 0 : n);
    const s = answered.seg;
    const range = s.payload.length > 0 ? `${p(s.seq)}:${p(toSeq(s.seq + s.payload.length))}` : p(s.seq);
    // Wireshark's relative numbers start a direction whose first segment is no SYN at 1 (wire/relative.ts).
    const wire = answer === '0' ? T('', '') : T(` on the wire, shown as ${answer} because relative numbering counts a direction whose first segment is no SYN from one below its seq`,
      `(상대 번호로는 ${answer}: 첫 세그먼트가 SYN이 아닌 방향은 그 seq보다 하나 작은 번호부터 셉니다)`);
    return answered.copied
      ? T(`seq = ${answer}: the segment this RST answers (seq ${range}) found no connection, so the sender has no number of its own. It copies that segment's ACK field, ${answer}, the number its sender expects next (RFC 9293 §3.10.7.1: <SEQ=SEG.ACK><CTL=RST>).`,
        `seq = ${answer}: 이 RST가 답하는 세그먼트(seq ${range})는 연결을 찾지 못했으므로, 보내는 쪽에는 자기 번호가 없습니다. 그래서 그 세그먼트의 ACK 번호 ${withJosa(answer, '을')} 옮겨 씁니다. 그 세그먼트를 보낸 쪽이 다음에 기다리는 번호입니다(RFC 9293 §3.10.7.1: <SEQ=SEG.ACK><CTL=RST>).`)
      : T(`seq = ${answer}: the segment this RST answers (seq ${range}) found no connection and carried no ACK, so there is no number to copy: the seq is 0${wire.en}, and the RST acknowledges the segment instead (RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).`,
        `seq = ${answer}: 이 RST가 답하는 세그먼트(seq ${range})는 연결을 찾지 못했고 ACK도 없었으므로 옮겨 쓸 번호가 없습니다. 그래서 seq는 0${wire.ko}이고, 대신 그 세그먼트를 확인 응답합니다(RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).`);
  }
  const prev = previousFrom(ctx, target);
  if (!prev?.tcp) return T(`seq = ${answer}`, `seq = ${answer}`);
  const p = prev.tcp;
  const shown = (n: Seq) => String(rel ? seqDiff(n, base) >>> 0 : n);
  const used = tcpSegmentLength(p);
  const next = shown(toSeq(p.seq + used));
  if (next !== answer) {
    const kind = resentKind(ctx, target);
    // Linux's zero-window probe (tcp_xmit_probe_skb) carries no data and SND.UNA − 1.
    if (kind === 'zero-length-probe') {
      return T(`seq = ${answer}: the receiver's window is zero, and Linux probes it with no data at SND.UNA − 1, one below the first byte not yet acknowledged. That number was acknowledged already, so the receiver must answer with an ACK, and the ACK carries its window.`,
        `seq = ${answer}: 수신 측 윈도우가 0이라, Linux는 데이터 없이 SND.UNA − 1, 즉 아직 확인 응답을 받지 못한 첫 바이트보다 하나 작은 번호로 탐색합니다. 이미 확인된 번호이므로 수신 측은 ACK로 답해야 하고, 그 ACK에 윈도우가 실립니다.`);
    }
    // Bytes that went out only as a zero-window probe (RFC 9293 §3.8.6.1): the receiver had no
    // room for them, and now that its window is open they go again with what follows.
    if (kind === 'probed') {
      return T(`seq = ${answer}: the window is open again, so the sender goes on from ${answer}, the first byte not yet acknowledged. The byte at ${answer} already went out as a zero-window probe, which the receiver had no room for, so it goes again with the data after it.`,
        `seq = ${answer}: 윈도우가 다시 열려 송신 측이 아직 확인 응답을 받지 못한 첫 바이트 ${answer}부터 이어서 보냅니다. ${answer}번 바이트는 0 윈도우 탐색으로 이미 나갔지만 수신 측에 자리가 없었으므로, 뒤의 데이터와 함께 다시 보냅니다.`);
    }
    if (kind === 'keep-alive') {
      return T(`seq = ${answer}: a keep-alive probe carries SND.NXT − 1, one below the next new byte. That number was acknowledged long ago, so the peer, if it is still there, must answer with an ACK.`,
        `seq = ${answer}: 킵얼라이브 탐색은 다음 새 바이트보다 하나 작은 SND.NXT − 1을 싣습니다. 이미 오래전에 확인된 번호이므로, 상대가 아직 살아 있다면 ACK로 답해야 합니다.`);
    }
    if (kind === 'retransmission') {
      return T(`seq = ${answer}: bytes from ${answer} were sent before and not acknowledged, so this segment sends them again (a retransmission).`,
        `seq = ${answer}: ${answer}번부터의 바이트는 이미 보냈지만 확인 응답을 받지 못해, 이 세그먼트가 다시 보냅니다(재전송).`);
    }
    return T(`seq = ${answer}: the first byte not sent yet. Everything the sender sent so far ends before ${answer}, so new data starts there.`,
      `seq = ${answer}: 아직 보내지 않은 첫 바이트입니다. 지금까지 보낸 데이터가 ${answer}번 앞에서 끝나므로 새 데이터가 여기서 시작합니다.`);
  }
  const parts = `${p.payload.length} bytes of data${p.flags.syn ? ' + 1 for SYN' : ''}${p.flags.fin ? ' + 1 for FIN' : ''}`;
  const partsKo = `데이터 ${p.payload.length}바이트${p.flags.syn ? ' + SYN 1' : ''}${p.flags.fin ? ' + FIN 1' : ''}`;
  return T(`seq = previous seq ${shown(p.seq)} + ${parts} = ${answer}${used === 0 ? ' (a pure ACK uses no sequence number)' : ''}`,
    `seq = 직전 seq ${shown(p.seq)} + ${partsKo} = ${answer}${used === 0 ? ' (데이터 없는 ACK는 번호를 쓰지 않습니다)' : ''}`);
}

/** Where the sender's new bytes begin: the end of everything it sent before `target`, at least `from`. */
function sentEnd(ctx: QuizContext, target: Candidate, from: Seq): Seq {
  const t = target.d.tcp!;
  const ip = target.d.ipv4!;
  let end = from;
  for (const f of ctx.trace.frames) {
    if (f.id >= target.id) break;
    const d = f.parent === null ? dissected(f.bytes) : null;
    if (!d?.tcp || d.ipv4?.src !== ip.src || d.tcp.srcPort !== t.srcPort || d.tcp.dstPort !== t.dstPort) continue;
    const e = toSeq(d.tcp.seq + tcpSegmentLength(d.tcp));
    if (seqDiff(e, end) > 0) end = e;
  }
  return end;
}

/**
 * Why a segment does not start where the sender's previous one ended: its bytes went out
 * before as a zero-window probe (RFC 9293 §3.8.6.1: the receiver had no room, so they go
 * again with what follows), it is a keep-alive probe (§3.8.4: SND.NXT − 1, a number already
 * acknowledged), or a retransmission; else it starts at new data after a gap in what was shown.
 */
function resentKind(ctx: QuizContext, target: Candidate): 'zero-length-probe' | 'probed' | 'keep-alive' | 'retransmission' | 'new' {
  const t = target.d.tcp!;
  const prev = previousFrom(ctx, target)?.tcp;
  const end = sentEnd(ctx, target, prev ? toSeq(prev.seq + tcpSegmentLength(prev)) : t.seq);
  const sender = nodeOf(ctx.trace.frames[target.id]!.from);
  const earlier = ctx.trace.steps.slice(0, target.first);
  const probed = earlier.some((x) => x.kind === 'tcp-retransmit' && x.reason === 'persist-probe' && x.host === sender && x.seq === t.seq);
  if (probed && tcpSegmentLength(t) === 0) return 'zero-length-probe';
  if (probed && seqDiff(t.seq, end) < 0) return 'probed';
  const keepAlive = earlier.some((x) => x.kind === 'tcp-retransmit' && x.reason === 'keep-alive-probe' && x.host === sender && x.seq === t.seq);
  if (keepAlive && tcpSegmentLength(t) === 0) return 'keep-alive';
  return seqDiff(t.seq, end) < 0 ? 'retransmission' : 'new';
}

function explainAck(ctx: QuizContext, target: Candidate, peerBase: Seq | null, rel: boolean, answer: string): Text {
  // The peer's latest segment that the target's sender had seen: the one it is acking; and
  // bytes held out of order at the sender of this ACK: a gap before them, so the ACK can only
  // name the first missing byte (RFC 9293 §3.10.7.4, RFC 5681 §4.2: a duplicate ACK).
  const { acked: peer, held } = ackFacts(ctx, target);
  if (held > 0) {
    return T(`ack = ${answer}: byte ${answer} has not arrived yet, though ${held} bytes after it have (they wait out of order). An ACK names the first byte still missing, so it repeats ${answer}: a duplicate ACK.`,
      `ack = ${answer}: ${answer}번 바이트가 아직 오지 않았습니다. 그 뒤의 ${held}바이트는 도착해 순서를 기다리고 있습니다. ACK는 아직 빠진 첫 바이트를 가리키므로 ${withJosa(answer, '을')} 다시 보냅니다(중복 ACK).`);
  }
  if (!peer?.tcp) return T(`ack = ${answer}: the next byte ${nodeOf(ctx.trace.frames[target.id]!.from)} expects.`, `ack = ${answer}: 다음에 받기를 기다리는 바이트 번호입니다.`);
  const p = peer.tcp;
  const shown = String(rel && peerBase !== null ? seqDiff(p.seq, peerBase) >>> 0 : p.seq);
  const parts = `${p.payload.length} bytes of data${p.flags.syn ? ' + 1 for SYN' : ''}${p.flags.fin ? ' + 1 for FIN' : ''}`;
  const partsKo = `데이터 ${p.payload.length}바이트${p.flags.syn ? ' + SYN 1' : ''}${p.flags.fin ? ' + FIN 1' : ''}`;
  return T(`ack = the peer's seq ${shown} + ${parts} = ${answer}: the next byte expected.`,
    `ack = 상대의 seq ${shown} + ${partsKo} = ${answer}: 다음에 받을 바이트 번호입니다.`);
}

/** The TTL of a frame: the sender's earlier packets carried the same one, or it is the host's default. */
function explainTtl(ctx: QuizContext, target: Candidate, ttl: number): Text {
  const src = target.d.ipv4?.src;
  const earlier = ctx.trace.frames.slice(0, target.id).filter((f) => f.parent === null)
    .map((f) => dissected(f.bytes)?.ipv4).filter((ip) => ip?.src === src);
  const last = earlier.at(-1);
  if (last && last.ttl === ttl) {
    return T(`TTL = ${ttl}: ${src} sent its earlier packets with TTL ${ttl} too. A host starts every packet at the same TTL (64 on Linux and macOS, 128 on Windows); only routers on the way lower it, one per hop.`,
      `TTL = ${ttl}: ${withJosa(src ?? '', '은')} 앞의 패킷도 TTL ${ttl}로 보냈습니다. 호스트는 모든 패킷을 같은 TTL(리눅스와 macOS는 64, 윈도우는 128)로 시작하고, 지나는 라우터만 홉마다 1씩 줄입니다.`);
  }
  return T(`TTL = ${ttl}: ${NUMBER_RULES.ttl.why.en}.`, `TTL = ${ttl}: ${NUMBER_RULES.ttl.why.ko}.`);
}

/**
 * The window a segment advertises, with the sender's own numbers: the room left in its
 * receive buffer, where bytes received and not yet read by the application take room
 * (RFC 9293 §3.8.6.2.2). Said only where the field is the sender's RCV.WND itself, unscaled.
 */
function explainWindow(ctx: QuizContext, target: Candidate, value: number): Text {
  const sender = nodeOf(ctx.trace.frames[target.id]!.from);
  const snap = ctx.trace.snapshots[target.first];
  const sock = snap ? socketOf(snap, sender, target.d) : null;
  if (!sock || sock.rcvWnd !== value) return explainNumber('window', value, target.d, NUMBER_RULES.window);
  const who = hostWords(sender, ctx.trace.labels);
  const unread = sock.recvBuffered + sock.outOfOrder;
  const space = sock.rcvSpace;
  if (space !== undefined && value < space) {
    // Less than the free room: a SYN's window in whole segments (Linux's tcp_select_initial_window),
    // or a window that moves in steps and grows (RFC 9293 §3.8.6.2.2; Linux's tcp_grow_window).
    const t = target.d.tcp!;
    const mss = t.options.find((o) => o.kind === 'mss')?.value;
    const seg = mss === undefined ? null : [mss, mss - TIMESTAMPS_SPACE].find((m) => m > 0 && value % m === 0) ?? null;
    if (t.flags.syn && seg !== null) return both(NUMBER_RULE_TEXT.synWhole, { value, who, space, n: value / seg, seg });
    return both(NUMBER_RULE_TEXT.belowSpace, { value, who, space });
  }
  return both(unread > 0 ? NUMBER_RULE_TEXT.unread : NUMBER_RULE_TEXT.empty, { value, who, unread });
}

/** A TCP segment's payload length with the MSS that bounds it (RFC 9293 §3.7.1), where the sender knows it. */
function explainTcpLength(ctx: QuizContext, target: Candidate, value: number): Text {
  const sender = nodeOf(ctx.trace.frames[target.id]!.from);
  const snap = ctx.trace.snapshots[target.first];
  const mss = snap ? socketOf(snap, sender, target.d)?.peerMss ?? null : null;
  if (mss === null) return explainNumber('length', value, target.d, NUMBER_RULES.length);
  return both(value === mss ? NUMBER_RULE_TEXT.fullSegment : NUMBER_RULE_TEXT.shortSegment, { value, mss });
}

const NUMBER_RULE_TEXT = {
  fullSegment: T('payload length = {value}: the bytes of application data in the segment, as many as one segment may carry, the MSS ({mss}).',
    '페이로드 길이 = {value}: 세그먼트에 담긴 응용 데이터의 바이트 수로, 세그먼트 하나에 실을 수 있는 최대치인 MSS({mss})만큼입니다.'),
  shortSegment: T('payload length = {value}: the bytes of application data in the segment, fewer than the MSS ({mss}), the most one segment may carry.',
    '페이로드 길이 = {value}: 세그먼트에 담긴 응용 데이터의 바이트 수로, 세그먼트 하나에 실을 수 있는 최대치인 MSS({mss})보다 적습니다.'),
  unread: T('window = {value}: the room {who} has left in its receive buffer, which it advertises to its peer; {unread} bytes it received and its application has not read yet still take room.',
    '윈도우 = {value}: {who}의 수신 버퍼에 남은 공간으로, 상대에게 이만큼 더 보내도 된다고 알립니다. 받았지만 응용 프로그램이 아직 읽지 않은 {unread}바이트가 자리를 차지하고 있습니다.'),
  synWhole: T('window = {value}: {who} has {space} bytes free in its receive buffer, but its SYN offers a whole number of full segments, {n} × {seg} = {value}, as Linux does (tcp_select_initial_window), and grows the window as data arrives.',
    '윈도우 = {value}: {who}의 수신 버퍼에는 {space}바이트가 비어 있지만, SYN에는 Linux가 하듯(tcp_select_initial_window) 꽉 찬 세그먼트의 정수 배인 {n} × {seg} = {value}만 싣고, 데이터가 들어오는 대로 윈도우를 늘립니다.'),
  belowSpace: T('window = {value}: what {who} offers its peer now, less than the {space} bytes free in its receive buffer: the window opens in steps (receiver silly window avoidance, RFC 9293 §3.8.6.2.2), and Linux also grows it only as data arrives.',
    '윈도우 = {value}: {who:이} 지금 상대에게 허락하는 양으로, 수신 버퍼에 비어 있는 {space}바이트보다 작습니다. 윈도우는 단계적으로 열리고(수신 측 어리석은 윈도우 회피, RFC 9293 §3.8.6.2.2), Linux는 데이터가 들어오는 만큼만 윈도우를 늘리기도 합니다.'),
  empty: T('window = {value}: the room {who} has left in its receive buffer, which it advertises to its peer; nothing waits unread in it, so all of it is free.',
    '윈도우 = {value}: {who}의 수신 버퍼에 남은 공간으로, 상대에게 이만큼 더 보내도 된다고 알립니다. 읽히지 않고 기다리는 데이터가 없어 버퍼 전체가 비어 있습니다.'),
};

/** Frames of one conversation: the same addresses and ports, either way; other protocols by their addresses. */
function sameConversation(a: DissectedFrame, b: DissectedFrame): boolean {
  const ends = (d: DissectedFrame) => {
    const ip = d.ipv4;
    const l4 = d.tcp ?? d.udp;
    if (!ip) return null;
    const x = `${ip.src}:${l4?.srcPort ?? ''}`;
    const y = `${ip.dst}:${l4?.dstPort ?? ''}`;
    return `${d.tcp ? 'tcp' : d.udp ? 'udp' : ip.protocol}|${x < y ? `${x}|${y}` : `${y}|${x}`}`;
  };
  const ka = ends(a);
  return ka !== null && ka === ends(b);
}

/**
 * For each frame (originals and the copies switches and routers make), itself and the
 * original frames whose news had reached its sender through the network when it was sent:
 * Lamport's happens-before, carried by arrivals only. A frame sent after another one arrived
 * (directly, or through a chain of frames) follows from it, even at the same simulated
 * instant over a link without delay; two frames one host sends at one instant (an ACK and
 * the data after it) do not: which goes first is the host's choice, not the protocol's.
 */
function causalPasts(trace: Trace): Map<number, Set<number>> {
  const known = new Map<string, Set<number>>();
  const past = new Map<number, Set<number>>();
  const rootOf = (id: number): number => {
    let f = trace.frames[id]!;
    while (f.parent !== null) f = trace.frames[f.parent]!;
    return f.id;
  };
  const knownAt = (node: string) => {
    let k = known.get(node);
    if (!k) known.set(node, (k = new Set()));
    return k;
  };
  for (const s of trace.steps) {
    if (!('frame' in s) || typeof s.frame !== 'number' || !trace.frames[s.frame]) continue;
    if (!past.has(s.frame)) past.set(s.frame, new Set([...knownAt(nodeOf(trace.frames[s.frame]!.from)), rootOf(s.frame)]));
    if (s.kind === 'arrive') for (const id of past.get(s.frame)!) knownAt(s.node).add(id);
  }
  return past;
}

/**
 * A shuffle of `n` items that is not an order `before` accepts: `shown[k]` is the true
 * position of the item shown k-th. Null when every order is accepted. Fisher–Yates with the
 * quiz's own stream; a draw that happens to be a right answer is drawn again, and after a
 * few tries the true order turned by one is taken.
 */
export function shuffleOrder(n: number, before: readonly (readonly [number, number])[], rng: Rng): number[] | null {
  // `before` is in true positions, 1-based; an arrangement is right if, read as true positions, it keeps them.
  const right = (shown: readonly number[]) => keepsOrder(before, shown.map((i) => i + 1));
  for (let attempt = 0; attempt < 16; attempt++) {
    const shown = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [shown[i], shown[j]] = [shown[j]!, shown[i]!];
    }
    if (!right(shown)) return shown;
  }
  for (let r = 1; r < n; r++) {
    const turned = Array.from({ length: n }, (_, i) => (i + r) % n);
    if (!right(turned)) return turned;
  }
  return null;
}

/**
 * Which of the frames (in the order sent) must come before which, as 1-based pairs: sent
 * earlier, or at the same instant and following from it through the network. Two frames
 * sent at the same instant, neither following from the other (by two hosts, or by one host
 * in one go), may go either way.
 */
export function orderConstraints(trace: Trace, frames: readonly number[]): [number, number][] {
  const past = causalPasts(trace);
  const sentAt = frames.map((id) => trace.steps.find((s) => s.kind === 'transmit' && s.frame === id)?.t ?? 0);
  const out: [number, number][] = [];
  for (let i = 0; i < frames.length; i++) {
    for (let j = i + 1; j < frames.length; j++) {
      if (sentAt[i]! < sentAt[j]! || past.get(frames[j]!)?.has(frames[i]!)) out.push([i + 1, j + 1]);
    }
  }
  return out;
}

function orderQuiz(ctx: QuizContext, frames: readonly Candidate[], rng: Rng): Pick<OrderCheckpoint, 'items' | 'before' | 'expected' | 'slips' | 'prompt' | 'explanation'> | null {
  // The order sent: by each frame's transmission.
  const tx = (c: Candidate) => ctx.trace.steps.findIndex((s) => s.kind === 'transmit' && s.frame === c.id);
  const sent = [...frames].sort((a, b) => tx(a) - tx(b));
  const truth = orderConstraints(ctx.trace, sent.map((c) => c.id));
  const shown = shuffleOrder(sent.length, truth, rng);
  if (!shown) return null;
  // Item numbers as shown: the frame at true position i is shown as number label[i].
  const label: number[] = [];
  shown.forEach((i, k) => { label[i] = k + 1; });
  const items = shown.map((i) => {
    const c = sent[i]!;
    const line = ctx.trace.frames[c.id]!.summary;
    const to = c.d.ipv4 ? ctx.hostOfIp(c.d.ipv4.dst) ?? c.d.ipv4.dst : '?';
    return { frame: c.id, line, brief: briefOneLiner(line, nodeOf(ctx.trace.frames[c.id]!.from), to) };
  });
  const before = truth.map(([a, b]) => [label[a - 1]!, label[b - 1]!] as const);
  const expected = label.join(' ');
  const tied = (i: number, j: number) => !truth.some(([a, b]) => a === i + 1 && b === j + 1);
  const reasons = sent.slice(1).map((c, k) => orderReason(sent[k]!, c, label[k]!, label[k + 1]!, tied(k, k + 1)));
  const frameWords = (k: number) => T(`frame ${k}`, `프레임 ${k}`);
  const slips = reasons.flatMap((why, k) => (tied(k, k + 1) ? [] : [{
    first: label[k]!, then: label[k + 1]!,
    explain: both(ORDER_MISTAKES.swapped, { later: frameWords(label[k + 1]!), earlier: frameWords(label[k]!), why }),
  }]));
  const n = sent.length;
  return {
    items, before, expected, slips,
    prompt: T(`Here are the next ${n} frames of this conversation, shuffled. Put them in the order they will be sent, first sent first.`,
      `이 대화에서 다음에 오갈 프레임 ${n}개를 섞어 놓았습니다. 보내질 순서대로, 먼저 보내는 것부터 놓아 보세요.`),
    explanation: T(`In order: ${expected}. ${reasons.map((r) => r.en).join(' ')}`, `순서는 ${expected}입니다. ${reasons.map((r) => r.ko).join(' ')}`),
  };
}

/** What a segment's sequence numbers cover: its bytes, and one for a SYN or a FIN. */
function coverage(t: NonNullable<DissectedFrame['tcp']>): Text {
  const en: string[] = [];
  const ko: string[] = [];
  if (t.flags.syn) { en.push('1 for the SYN'); ko.push('SYN 1'); }
  if (t.payload.length > 0) { en.push(`${t.payload.length} bytes`); ko.push(`${t.payload.length}바이트`); }
  if (t.flags.fin) { en.push('1 for the FIN'); ko.push('FIN 1'); }
  return T(en.join(' + '), ko.join(' + '));
}

/** Why frame `b` comes right after frame `a` (shown as numbers `na`, `nb`), read off their headers. */
function orderReason(a: Candidate, b: Candidate, na: number, nb: number, tied: boolean): Text {
  const kind = (c: Candidate) => (c.d.tcp ? `[${flagsString(c.d.tcp)}]` : describeSegment(c.d).en);
  const fa = `${na} ${kind(a)}`;
  const fb = `${nb} ${kind(b)}`;
  const ka = `프레임 ${na}`;
  const kb = `프레임 ${nb}`;
  if (tied) {
    return T(`${fb} and ${fa} leave together, neither answering the other: either may go first.`,
      `${withJosa(kb, '과')} ${withJosa(ka, '은')} 함께 나가고 서로의 응답이 아니므로, 어느 쪽이 먼저여도 맞습니다.`);
  }
  const ta = a.d.tcp;
  const tb = b.d.tcp;
  if (ta && tb) {
    const end = toSeq(ta.seq + tcpSegmentLength(ta));
    const uses = tcpSegmentLength(ta) > 0;
    const sameSide = a.d.ipv4?.src === b.d.ipv4?.src && ta.srcPort === tb.srcPort;
    if (uses && !sameSide && tb.ack === end) {
      const c = coverage(ta);
      return T(`${fb} acknowledges ${fa}: ack = ${na}'s seq + ${c.en}.`, `${kb} ${kind(b)}의 ACK 번호는 ${ka}의 seq + ${c.ko}입니다.`);
    }
    if (uses && sameSide && tb.seq === end) {
      const c = coverage(ta);
      return T(`${fb} goes on where ${fa} ended: seq = ${na}'s seq + ${c.en}.`, `${kb} ${kind(b)}의 seq는 ${ka}의 seq + ${c.ko}입니다.`);
    }
    if (!uses && sameSide && tb.seq === ta.seq) {
      return T(`${fb} has the same seq as ${fa}, which used none (no data).`,
        `${kb} ${kind(b)}의 seq는 ${withJosa(ka, '과')} 같습니다. ${withJosa(ka, '은')} 데이터가 없어 번호를 쓰지 않았습니다.`);
    }
    if (sameSide && ta.ack !== null && tb.ack !== null && seqDiff(tb.ack, ta.ack) > 0) {
      return T(`${fb} acknowledges more than ${fa}: more data had arrived.`, `${kb}의 ACK 번호가 ${ka}보다 큽니다. 데이터를 더 받은 뒤입니다.`);
    }
  }
  return T(`${fb} is sent after ${fa}.`, `${withJosa(kb, '은')} ${ka} 다음에 보냅니다.`);
}

/** A host as a sentence says it, in both languages: "the server", 서버. */
function hostWords(host: string, labels?: HostLabels): Text {
  return T(the(host, labels), hostKo(host, labels));
}

/** What a segment's ack answers: the peer's segment it acknowledges, and bytes held out of order at its sender. */
function ackFacts(ctx: QuizContext, target: Candidate): { readonly acked: DissectedFrame | null; readonly held: number } {
  const t = target.d.tcp!;
  const ip = target.d.ipv4!;
  let acked: DissectedFrame | null = null;
  for (const f of ctx.trace.frames) {
    if (f.id >= target.id) break;
    if (f.parent !== null) continue;
    const d = dissected(f.bytes);
    if (d?.tcp && d.ipv4?.src === ip.dst && d.tcp.srcPort === t.dstPort && d.tcp.dstPort === t.srcPort) {
      if (toSeq(d.tcp.seq + tcpSegmentLength(d.tcp)) === t.ack) acked = d;
    }
  }
  const snap = ctx.trace.snapshots[target.first];
  const held = snap ? Object.values(snap.sockets).find((s) => s.local.ip === ip.src && s.local.port === t.srcPort)?.outOfOrder ?? 0 : 0;
  return { acked, held };
}

/**
 * The segment a RST answers, when it is one of RFC 9293 §3.10.7.1's (a segment that reached no
 * connection): the peer's last segment before it, whose ACK field the RST's seq copies
 * (`copied`), or which carried no ACK and is acknowledged by a RST+ACK with seq 0.
 */
function answeredByRst(ctx: QuizContext, target: Candidate): { readonly seg: NonNullable<DissectedFrame['tcp']>; readonly copied: boolean } | null {
  const t = target.d.tcp!;
  const ip = target.d.ipv4!;
  if (!t.flags.rst) return null;
  let seg: NonNullable<DissectedFrame['tcp']> | null = null;
  for (const f of ctx.trace.frames) {
    if (f.id >= target.id) break;
    if (f.parent !== null) continue;
    const d = dissected(f.bytes);
    if (d?.tcp && d.ipv4?.src === ip.dst && d.ipv4.dst === ip.src && d.tcp.srcPort === t.dstPort && d.tcp.dstPort === t.srcPort) seg = d.tcp;
  }
  if (!seg) return null;
  if (seg.ack !== null && t.ack === null && t.seq === seg.ack) return { seg, copied: true };
  if (seg.ack === null && t.ack !== null && t.seq === 0 && t.ack === toSeq(seg.seq + tcpSegmentLength(seg))) return { seg, copied: false };
  return null;
}

/** The flag a sum must not leave out: a SYN's or a FIN's one number. */
function countedFlag(t: NonNullable<DissectedFrame['tcp']>): string | null {
  return t.flags.syn ? 'SYN' : t.flags.fin ? 'FIN' : null;
}

/**
 * The wrong numbers a seq, ack or next-seq question invites, from the frames: the seq and
 * ack swapped, a length left out, a SYN or FIN not counted (or a number counted where none
 * is used), the other numbering, and past a gap or before a retransmission the next new byte.
 */
function seqSpaceMistakes(ask: 'seq' | 'ack' | 'next-seq', ctx: QuizContext, target: Candidate, own: Seq | null, peerBase: Seq | null, rel: boolean, answer: number): Mistake[] {
  const t = target.d.tcp!;
  const labels = ctx.trace.labels;
  const sender = nodeOf(ctx.trace.frames[target.id]!.from);
  const receiver = target.d.ipv4 ? ctx.hostOfIp(target.d.ipv4.dst) : null;
  const who = hostWords(sender, labels);
  const peer = receiver ? hostWords(receiver, labels) : T('the peer', '상대');
  const shown = (n: Seq, b: Seq | null): number => (rel && b !== null ? seqDiff(n, b) >>> 0 : n);
  const plus = (n: number, k: number): number => (n + k) >>> 0;
  const out: Mistake[] = [];
  const otherNumbering = (raw: Seq, b: Seq | null) => {
    if (b !== null) out.push(mistake(rel ? raw : seqDiff(raw, b) >>> 0, rel ? SEQ_MISTAKES.absoluteNotRelative : SEQ_MISTAKES.relativeNotAbsolute, { answer }));
  };
  if (ask === 'ack') {
    const f = ackFacts(ctx, target);
    const p = f.acked?.tcp;
    // The segment whose arrival this ACK answers: the last one the sender's TCP took in.
    const arrived = f.held > 0 ? ctx.trace.steps.slice(0, target.first).findLast((s): s is Extract<Step, { kind: 'tcp-segment' }> => s.kind === 'tcp-segment' && s.host === sender) : undefined;
    if (arrived) {
      out.push(mistake(shown(toSeq(arrived.seq + arrived.length), peerBase), SEQ_MISTAKES.ackPastGap, { answer }));
    } else if (p) {
      out.push(mistake(shown(p.seq, peerBase), SEQ_MISTAKES.ackIsPeerSeq, { peer, parts: coverage(p), answer }));
      const flag = countedFlag(p);
      if (flag) out.push(mistake(plus(answer, -1), SEQ_MISTAKES.flagLeftOut, { flag, answer }));
      else {
        out.push(mistake(plus(answer, -1), SEQ_MISTAKES.ackIsLastByte, { answer }));
        out.push(mistake(plus(answer, 1), SEQ_MISTAKES.plusOne, { answer }));
      }
    }
    // (A RST refusing a segment carries seq 0 by rule, not a count of its sender's bytes.)
    if (!t.flags.rst) out.push(mistake(shown(t.seq, own), SEQ_MISTAKES.ackIsOwnSeq, { who, peer }));
    else if (answeredByRst(ctx, target)?.copied === false) out.push(mistake(shown(t.seq, own), SEQ_MISTAKES.rstAckAckIsSeq, { peer, answer }));
    if (t.ack !== null) otherNumbering(t.ack, peerBase);
    return out;
  }
  if (ask === 'next-seq') {
    const start = shown(t.seq, own);
    if (tcpSegmentLength(t) > 0) out.push(mistake(start, SEQ_MISTAKES.nextIsStart, { parts: coverage(t), answer }));
    if (t.payload.length > 0) out.push(mistake(plus(start, t.payload.length - 1), SEQ_MISTAKES.nextIsLastByte, { answer }));
    const flag = countedFlag(t);
    out.push(flag ? mistake(plus(answer, -1), SEQ_MISTAKES.flagLeftOut, { flag, answer }) : mistake(plus(answer, 1), SEQ_MISTAKES.plusOne, { answer }));
    otherNumbering(toSeq(t.seq + tcpSegmentLength(t)), own);
    return out;
  }
  const answered = answeredByRst(ctx, target);
  if (answered?.copied) {
    const s = answered.seg;
    const start = shown(s.seq, peerBase);
    out.push(mistake(start, SEQ_MISTAKES.rstIsSegSeq, { peer, answer }));
    if (tcpSegmentLength(s) > 0) out.push(mistake(shown(toSeq(s.seq + tcpSegmentLength(s)), peerBase), SEQ_MISTAKES.rstIsSegEnd, { who, peer, start, parts: coverage(s), answer }));
    out.push(mistake(plus(answer, -1), SEQ_MISTAKES.rstIsLastByte, { who, peer, answer }));
    for (const fresh of [0, 1]) out.push(mistake(fresh, SEQ_MISTAKES.rstIsFresh, { who, peer, answer }));
  } else if (answered) {
    const s = answered.seg;
    // Relative numbers show the RST's seq, 0 on the wire, as 1 (wire/relative.ts): say both.
    const seq = answer === 0 ? T('0', '0') : T(`0 on the wire (relative ${answer})`, `0(상대 번호로는 ${answer})`);
    out.push(mistake(shown(s.seq, peerBase), SEQ_MISTAKES.rstAckSeqIsSegSeq, { peer, parts: coverage(s), ack: shown(t.ack!, peerBase), seq }));
    out.push(mistake(shown(t.ack!, peerBase), SEQ_MISTAKES.rstAckSeqIsAck, { peer }));
  } else if (t.flags.syn) {
    if (rel && own !== null) out.push(mistake(1, SEQ_MISTAKES.synIsZero));
  } else if (!t.flags.rst) {
    // (A RST may come from a host with no connection, whose seq is taken from the segment it answers.)
    const prev = previousFrom(ctx, target)?.tcp;
    if (prev) {
      const used = tcpSegmentLength(prev);
      if (shown(toSeq(prev.seq + used), own) === answer) {
        if (used > 0) out.push(mistake(shown(prev.seq, own), SEQ_MISTAKES.seqIsPrevious, { who, parts: coverage(prev), answer }));
        const flag = countedFlag(prev);
        if (flag) out.push(mistake(plus(answer, -1), SEQ_MISTAKES.flagLeftOut, { flag, answer }));
        else if (t.flags.fin && t.payload.length === 0) out.push(mistake(plus(answer, 1), SEQ_MISTAKES.finCountedTwice, { who, answer }));
        else out.push(mistake(plus(answer, 1), used === 0 ? SEQ_MISTAKES.pureAckUsesNone : SEQ_MISTAKES.plusOne, { answer }));
      } else if (resentKind(ctx, target) === 'retransmission') {
        out.push(mistake(shown(sentEnd(ctx, target, toSeq(prev.seq + used)), own), SEQ_MISTAKES.seqIsNewData, { answer }));
      }
    }
  }
  if (t.ack !== null && !t.flags.rst) out.push(mistake(shown(t.ack, peerBase), SEQ_MISTAKES.seqIsAck, { who, peer }));
  otherNumbering(t.seq, own);
  return out;
}

/** An English sentence's start: `the client` → `The client`; Korean has no capitals. */
function capitalized(t: Text): Text {
  return { en: t.en.charAt(0).toUpperCase() + t.en.slice(1), ko: t.ko };
}

/** A silence this long is worth saying (lesson 20's hour); a few milliseconds are not. */
const SILENCE_WORTH_SAYING = 1_000_000;

/**
 * Why a host is still in the state it entered long before the quiz's moment (`change`, at
 * `changeAt`): what of its connection last reached it, or that nothing has since the
 * change; then what the peer sent since that was lost, and what the peer has become since
 * that the host therefore does not know (lesson 19: the server forgot the connection, and
 * its word of it never arrived). A lost segment is never named by its flags: a later quiz
 * may ask them.
 */
function stillNow(ctx: QuizContext, host: string, state: string, change: Extract<Step, { kind: 'tcp-state' }>, changeAt: number, at: number): Text {
  const { trace } = ctx;
  const labels = trace.labels;
  const hostW = hostWords(host, labels);
  const snap = trace.snapshots[at];
  const mine = snap?.sockets[change.socket];
  const cause = { cause: causeText(change.cause), rfc: change.cause.rfc };
  const base = { host: hostW, Host: capitalized(hostW), answer: state };
  if (!snap || !mine) return both(STATE_STILL.nothingSince, { ...base, ...cause });
  // A frame for this socket: the peer's address and port to this host's.
  const forMe = (frame: number) => {
    const bytes = trace.frames[frame]?.bytes;
    const d = bytes ? dissected(bytes) : null;
    return d?.ipv4 && d.tcp && d.ipv4.src === mine.remote.ip && d.tcp.srcPort === mine.remote.port && d.ipv4.dst === mine.local.ip && d.tcp.dstPort === mine.local.port ? d : null;
  };
  let arrivedAt = -1;
  let arrived: DissectedFrame | null = null;
  for (let i = changeAt + 1; i <= at; i++) {
    const s = trace.steps[i]!;
    const d = s.kind === 'arrive' && s.node === host ? forMe(s.frame) : null;
    if (d) [arrivedAt, arrived] = [i, d];
  }
  const since = arrivedAt >= 0 ? arrivedAt : changeAt;
  const peerName = ctx.hostOfIp(mine.remote.ip);
  const peer = peerName === null ? T(mine.remote.ip, mine.remote.ip) : hostWords(peerName, labels);
  let first: Text;
  if (!arrived) first = both(STATE_STILL.nothingSince, { ...base, ...cause });
  else {
    const silence = (snap.t - trace.steps[arrivedAt]!.t);
    const p = { ...base, peer, what: describeSegment(arrived) };
    first = silence >= SILENCE_WORTH_SAYING ? both(STATE_STILL.nothingFor, { ...p, duration: duration(silence) }) : both(STATE_STILL.nothingAfter, p);
  }
  const lost = trace.steps.filter((s, i) => i > since && i <= at && s.kind === 'link-fate' && s.fate === 'dropped' && forMe(s.frame) !== null).length;
  // The peer's socket, and whether it has since changed state on its own (its application,
  // a timer), news this host has not heard; a change its own segment caused is no news.
  const theirs = Object.values(snap.sockets).find((s) => s.local.ip === mine.remote.ip && s.local.port === mine.remote.port && s.remote.ip === mine.local.ip && s.remote.port === mine.local.port);
  const moved = theirs !== undefined && trace.steps.some((s, i) => i > since && i <= at && s.kind === 'tcp-state' && s.socket === theirs.id && !s.cause.code.startsWith('rcv-'));
  const unaware = (who: Text) => (!moved ? null
    : theirs!.state === 'CLOSED' ? both(STATE_STILL.peerGone, { host: who, peer })
      : both(STATE_STILL.peerMoved, { host: who, peer, peerState: theirs!.state }));
  const Peer = capitalized(peer);
  let then: Text | null;
  if (lost > 0) {
    const so = unaware(hostW);
    then = so
      ? both(lost === 1 ? STATE_STILL.lostSo : STATE_STILL.lostManySo, { Peer, peer, count: lost, unaware: so })
      : both(lost === 1 ? STATE_STILL.lost : STATE_STILL.lostMany, { Peer, peer, count: lost });
  } else then = unaware(capitalized(hostW));
  return then ? T(`${first.en} ${then.en}`, `${first.ko} ${then.ko}`) : first;
}

/** What a state quiz asks: the state now, or the one a host will be in once a segment arrives or is sent. */
type StateMoment = { readonly kind: 'now' } | { readonly kind: 'arrives' | 'sends'; readonly what: Text };

/**
 * The states a learner confuses with the right one: the state before the change, the one
 * the host reaches next, the other end's; and for any other state, what it would mean.
 */
function stateMistakes(
  ctx: QuizContext, host: string, state: string, at: number, socket: string | null,
  changed: { readonly step: Extract<Step, { kind: 'tcp-state' }>; readonly here: boolean } | null, moment: StateMoment,
): Mistake[] {
  const labels = ctx.trace.labels;
  const hostW = hostWords(host, labels);
  const out: Mistake[] = [];
  const change = changed?.step ?? null;
  if (change && change.to === state) {
    const template = !changed!.here ? STATE_MISTAKES.beforeEarlier
      : moment.kind === 'arrives' ? STATE_MISTAKES.beforeArrives : moment.kind === 'sends' ? STATE_MISTAKES.beforeSends : STATE_MISTAKES.before;
    const params = { host: hostW, answer: state, cause: causeText(change.cause), rfc: change.cause.rfc };
    out.push(mistake(change.from, template, moment.kind === 'now' ? params : { ...params, what: moment.what }));
  }
  const sock = socket ?? change?.socket ?? null;
  const next = ctx.trace.steps.slice(at + 1).find((s): s is Extract<Step, { kind: 'tcp-state' }> => s.kind === 'tcp-state' && s.host === host && (sock === null || s.socket === sock));
  if (next) out.push(mistake(next.to, STATE_MISTAKES.after, { host: hostW, cause: causeText(next.cause), rfc: next.cause.rfc }));
  const snap = ctx.trace.snapshots[at];
  const mine = snap && sock !== null ? snap.sockets[sock] : undefined;
  const theirs = mine && Object.values(snap!.sockets).find((s) => s.local.ip === mine.remote.ip && s.local.port === mine.remote.port && s.remote.port === mine.local.port);
  if (theirs) out.push(mistake(theirs.state, STATE_MISTAKES.peer, { host: hostW, peer: hostWords(theirs.host, labels) }));
  const answerMeaning = STATE_MEANINGS[state];
  for (const o of STATE_OPTIONS) {
    const meaning = STATE_MEANINGS[o.value];
    if (meaning && answerMeaning) out.push(mistake(o.value, moment.kind === 'now' ? STATE_MISTAKES.meaning : STATE_MISTAKES.meaningWill, { meaning, host: hostW, answer: state, answerMeaning }));
  }
  return out;
}

/** The headers a layer writes, as a sentence lists them: "TCP, UDP". */
function layerProtocols(layer: string): string {
  return Object.entries(PROTOCOLS).filter(([p, f]) => f.layer === layer && PROTOCOL_LABEL[p]).map(([p]) => PROTOCOL_LABEL[p]!).join(', ');
}

/** Each verdict the receiver did not reach, and what the frames say against it: a failed check, or where the seq stands. */
function receiverMistakes(
  ctx: QuizContext, target: Candidate, failed: Extract<Step, { kind: 'decap-check' }> | null,
  verdict: Extract<Step, { kind: 'tcp-segment' }> | null, rel: boolean,
): Mistake[] {
  const options = ['accept', 'queue', 'duplicate', 'drop'];
  if (failed?.check === 'port') return options.map((o) => mistake(o, RECEIVER_MISTAKES.noSocket, { actual: String(failed.actual) }));
  if (failed) {
    const name = fieldNamed(ctx, failed.check, target)?.name;
    const check = name ? ctx.beginner ? name : `${name} (${failed.check})` : failed.check;
    const params = { check, expected: String(failed.expected), actual: String(failed.actual) };
    return options.map((o) => mistake(o, RECEIVER_MISTAKES.checkFailed, params));
  }
  if (!verdict || !target.d.tcp || !target.d.ipv4) return [mistake('drop', RECEIVER_MISTAKES.drop)];
  const ip = target.d.ipv4;
  const t = target.d.tcp;
  const base = rel ? relativeBase(ctx, ip.src, t.srcPort, ip.dst, t.dstPort) : null;
  const shown = (n: Seq) => (base !== null ? seqDiff(n, base) >>> 0 : n);
  const params = { next: shown(verdict.expected), seq: shown(verdict.seq), end: shown(toSeq(verdict.seq + verdict.length)) };
  return [
    mistake('accept', RECEIVER_MISTAKES.accept, params),
    mistake('queue', RECEIVER_MISTAKES.queue, params),
    mistake('duplicate', RECEIVER_MISTAKES.duplicate, params),
    mistake('drop', RECEIVER_MISTAKES.drop),
  ];
}

/** A segment's seq, end and the receiver's next expected byte, in the quiz's numbering. */
function receiverNumbers(ctx: QuizContext, d: DissectedFrame, v: Extract<Step, { kind: 'tcp-segment' }>, rel: boolean): { seq: number; end: number; next: number } {
  const base = rel ? relativeBase(ctx, d.ipv4!.src, d.tcp!.srcPort, d.ipv4!.dst, d.tcp!.dstPort) : null;
  const shown = (n: Seq) => (base !== null ? seqDiff(n, base) >>> 0 : n);
  return { seq: shown(v.seq), end: shown(toSeq(v.seq + v.length)), next: shown(v.expected) };
}

/** Why the receiver did what it did, with the numbers (RFC 9293 §3.10.7.4: in window, in order). */
const RECEIVER_RULES: Readonly<Record<'accept' | 'queue' | 'duplicate' | 'old', Text>> = {
  accept: T(': its seq {seq} is the next byte expected', ': seq {seq:이} 다음에 기다리던 바이트입니다'),
  queue: T(': its seq {seq} is beyond the next byte expected, {next}, so the bytes between are missing', ': seq {seq:이} 다음에 기다리는 바이트 {next}보다 뒤라서, 그 사이 바이트가 빠져 있습니다'),
  duplicate: T(': its bytes, {seq} up to {end}, all came before; the next byte expected is {next}', ': {seq}부터 {end} 앞까지의 바이트는 모두 이미 왔습니다. 다음에 기다리는 바이트는 {next}입니다'),
  /** A segment without data below the next byte expected (a keep-alive probe): nothing new. */
  old: T(': its seq {seq} is below the next byte expected, {next}, so it brings nothing new', ': seq {seq:이} 다음에 기다리는 바이트 {next}보다 앞이라 새로운 것이 없습니다'),
};

/** The same field at the other end: a source for a destination and back. */
const MIRROR_FIELDS: Readonly<Record<string, string>> = {
  'eth.src': 'eth.dst', 'eth.dst': 'eth.src', 'ip.src': 'ip.dst', 'ip.dst': 'ip.src',
  'tcp.srcport': 'tcp.dstport', 'tcp.dstport': 'tcp.srcport', 'udp.srcport': 'udp.dstport', 'udp.dstport': 'udp.srcport',
  'arp.src.hw_mac': 'arp.dst.hw_mac', 'arp.dst.hw_mac': 'arp.src.hw_mac', 'arp.src.proto_ipv4': 'arp.dst.proto_ipv4', 'arp.dst.proto_ipv4': 'arp.src.proto_ipv4',
};

/** A field filled in with the other end's value, or a broadcast where the receiver is known. */
function fieldMistakes(d: DissectedFrame, key: string, name: string, expected: string): Mistake[] {
  const fields = d.layers.flatMap((l) => l.fields);
  const out: Mistake[] = [];
  const mirror = MIRROR_FIELDS[key];
  const other = mirror ? fields.find((f) => f.key === mirror) : undefined;
  if (other) out.push(mistake(other.value, FIELD_MISTAKES.mirror, { other: T(other.name, other.name), name, answer: expected }));
  if (key === 'eth.dst' && expected !== 'ff:ff:ff:ff:ff:ff') out.push(mistake('ff:ff:ff:ff:ff:ff', FIELD_MISTAKES.broadcast, { answer: expected }));
  return out;
}

/** Hints for number quizzes, asked before their frame is built: nothing of it is on screen yet. */
const NUMBER_HINTS: Readonly<Record<'window' | 'ttl' | 'src-port' | 'dst-port' | 'length', Text>> = {
  window: MOMENT_HINTS.window, ttl: MOMENT_HINTS.ttl, 'src-port': MOMENT_HINTS.srcPort, 'dst-port': MOMENT_HINTS.dstPort, length: MOMENT_HINTS.length,
};

/** Ports swapped, a length with its headers (or the MSS), a TTL after a router, the window before. */
function numberMistakes(ask: keyof typeof NUMBER_RULES, ctx: QuizContext, target: Candidate, value: number): Mistake[] {
  const d = target.d;
  const l4 = d.tcp ?? d.udp;
  const answer = value;
  switch (ask) {
    case 'src-port':
      return l4 ? [mistake(l4.dstPort, NUMBER_MISTAKES.srcIsDst, { answer })] : [];
    case 'dst-port':
      return l4 ? [mistake(l4.srcPort, NUMBER_MISTAKES.dstIsSrc, { answer })] : [];
    case 'length': {
      const out: Mistake[] = [];
      if (d.udp) out.push(mistake(d.udp.length, NUMBER_MISTAKES.lengthIsUdpLength, { answer }));
      if (d.tcp) {
        const header = d.tcp.dataOffset;
        out.push(mistake(value + header, NUMBER_MISTAKES.lengthWithTcpHeader, { header, answer }));
        const sender = nodeOf(ctx.trace.frames[target.id]!.from);
        const mss = ctx.trace.snapshots[target.first] ? socketOf(ctx.trace.snapshots[target.first]!, sender, d)?.peerMss ?? null : null;
        if (mss !== null && mss > value) out.push(mistake(mss, NUMBER_MISTAKES.lengthIsMss, { answer }));
      }
      if (d.ipv4 && l4) {
        const headers = d.ipv4.totalLength - value;
        out.push(mistake(d.ipv4.totalLength, NUMBER_MISTAKES.lengthIsIpTotal, { l4: d.tcp ? 'TCP' : 'UDP', headers, answer }));
      }
      return out;
    }
    case 'ttl':
      return [mistake(value - 1, NUMBER_MISTAKES.ttlAfterRouter, { answer })];
    case 'window': {
      const prev = previousFrom(ctx, target)?.tcp;
      const sender = nodeOf(ctx.trace.frames[target.id]!.from);
      return prev ? [mistake(prev.window, NUMBER_MISTAKES.windowBefore, { who: hostWords(sender, ctx.trace.labels), answer })] : [];
    }
  }
}
