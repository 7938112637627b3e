// Lesson → simulation → trace, narration and quizzes with their answers. The compiler
// runs the lesson's script against a fresh network, one action at a time, and checks
// every name and every quiz against what really happened; a problem points at its node.
import type { Lang, Text } from '../i18n/text.js';
import { createRng } from '../sim/rng.js';
import type { FrameId, Step, Trace } from '../sim/trace.js';
import { createNetwork, type Network } from '../sim/network.js';
import {
  builtinTopology, validateTopology, type DnsRecordSpec, type HostSpec, type Topology, type TopologySpec,
} from '../sim/topology.js';
import type { Impairment } from '../sim/impair.js';
import type { CaptureFormat } from '../capture/packet.js';
import { exportCapture } from '../capture/trace-export.js';
import { isIpv4 } from '../wire/address.js';
import { closest } from '../text/suggest.js';
import { josa } from '../i18n/josa.js';
import type { LoadedLesson, Path } from './loader.js';
import type { Problem } from './problems.js';
import { stepsSeen, type Checkpoint } from '../quiz/checkpoint.js';
import { resolveQuiz } from './quiz.js';
import type { InjectSpec, InlineTopologySpec, Lesson, LessonStep, SeqSpec, TcpOptionsSpec } from './schema.js';
import { LINUX_KEEPALIVE, type TcpConfig } from '../sim/tcp/api.js';
import { MS } from '../sim/time.js';
import type { SocketSnapshot } from '../sim/trace.js';
import { synOptions } from '../sim/tcp/options.js';
import { seq, seqAdd, type Seq } from '../wire/seq.js';
import { headerLength as tcpHeaderLength, type TcpSegment } from '../wire/tcp.js';

/** How long one script action may run in virtual time before the next one starts. */
export const STEP_HORIZON_MS = 60_000;

export interface CompiledLesson {
  readonly lesson: Lesson;
  readonly file: string;
  readonly seed: number;
  readonly trace: Trace;
  readonly topology: Topology;
  /** Narration, placed at the trace step where its script step began. */
  readonly narration: readonly { readonly at: number; readonly text: Text }[];
  readonly views: readonly { readonly at: number; readonly view: NonNullable<LessonStep['view']> }[];
  /** Trace steps (first to last, inclusive) made by script steps marked `background`. */
  readonly background: readonly { readonly from: number; readonly to: number }[];
  /** In the order the player meets them. */
  readonly quizzes: readonly Checkpoint[];
  readonly hostOfIp: (ip: string) => string | null;
  /** The capture `export` writes, and where each frame lands in it. */
  /** `fcs: false` writes frames as a Linux host's capture shows them (trace-export.ts `CaptureOptions.fcs`). */
  readonly capture: (format?: CaptureFormat, opts?: { readonly fcs?: boolean }) => { bytes: Uint8Array; frameNumber: (frame: FrameId) => number | null } | { error: string };
}

/**
 * What the players (plain, JSON and the TUI) take: a compiled lesson, or anything shaped
 * like one, such as a real capture made ready for replay (source/replay/).
 */
export type PlayableLesson = Pick<CompiledLesson, 'seed' | 'trace' | 'narration' | 'views' | 'quizzes' | 'capture'> & {
  readonly lesson: Pick<Lesson, 'id' | 'title'> & Partial<Pick<Lesson, 'topics' | 'settings'>>;
  readonly background?: CompiledLesson['background'];
};

export type CompileResult =
  | { readonly ok: true; readonly compiled: CompiledLesson }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface CompileOptions {
  /** Overrides the lesson's own seed (a class's `--seed`). */
  readonly seed?: number;
  /** The language problems are worded in (English by default). */
  readonly lang?: Lang;
}

/** What a name should be, in a problem: "'clinet' is not a host". */
const KIND_WORDS = {
  host: { en: 'host', ko: '호스트' },
  'host or link': { en: 'host or link', ko: '호스트나 링크' },
  router: { en: 'router', ko: '라우터' },
  link: { en: 'link', ko: '링크' },
  socket: { en: 'socket', ko: '소켓' },
} as const satisfies Record<string, Text>;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Readable application bytes: a learner who opens the hex pane sees letters, not noise. */
function payload(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = ALPHABET.charCodeAt(i % ALPHABET.length);
  return out;
}

export function compileLesson(loaded: LoadedLesson, opts: CompileOptions = {}): CompileResult {
  const { lesson, file } = loaded;
  const problems: Problem[] = [];
  const lang = opts.lang ?? 'en';
  const problem = (path: Path, message: string | Text) =>
    problems.push({ file, ...loaded.positionOf(path), message: typeof message === 'string' ? message : message[lang] });
  const seed = opts.seed ?? lesson.settings?.seed ?? 1;

  const spec = topologySpec(lesson.topology);
  const v = validateTopology(spec);
  if (!v.ok) {
    for (const e of v.errors) problem(['topology', ...parseSpecPath(e.path)], e.text);
    return { ok: false, problems };
  }
  const topology = v.value;
  const hosts = topology.hosts.map((h) => h.name);
  const routers = topology.routers.map((r) => r.name);
  const links = topology.links.map((l) => l.name);
  const hostOfIp = (ip: string) => topology.hosts.find((h) => h.ip === ip)?.name ?? null;
  const ipOf = (nameOrIp: string) => (isIpv4(nameOrIp) ? nameOrIp : topology.hosts.find((h) => h.name === nameOrIp)?.ip ?? null);

  const known = (path: Path, name: string | undefined, all: readonly string[], what: keyof typeof KIND_WORDS): boolean => {
    if (name === undefined || all.includes(name)) return true;
    const guess = closest(name, all);
    const w = KIND_WORDS[what];
    problem(path, {
      en: `'${name}' is not a ${w.en} in this lesson${guess ? ` (did you mean '${guess}'?)` : ''}; ${w.en}s: ${all.join(', ')}`,
      ko: `이 레슨에 없는 ${w.ko}입니다: '${name}'${guess ? ` (혹시 '${guess}' 말인가요?)` : ''}. 있는 ${w.ko}: ${all.join(', ')}`,
    });
    return false;
  };
  const s = lesson.settings;
  for (const h of Object.keys(s?.isn ?? {})) known(['settings', 'isn', h], h, hosts, 'host');
  const captureAt = typeof lesson.capture === 'string' ? lesson.capture : lesson.capture?.at;
  if (captureAt !== undefined) known(typeof lesson.capture === 'string' ? ['capture'] : ['capture', 'at'], captureAt, [...hosts, ...links], 'host or link');

  // Names first: a script that names nothing real is not worth running.
  const socketNames = new Set<string>();
  const checkNames = (step: LessonStep, base: Path) => {
    const at = (...p: (string | number)[]) => [...base, ...p];
    if (step.listen) { known(at('listen', 'host'), step.listen.host, hosts, 'host'); socketNames.add(step.listen.host); }
    if (step.connect) {
      known(at('connect', 'from'), step.connect.from, hosts, 'host');
      if (!ipOf(step.connect.to)) known(at('connect', 'to'), step.connect.to, hosts, 'host');
      socketNames.add(step.connect.socket ?? step.connect.from);
    }
    for (const key of ['send', 'read', 'close', 'abort'] as const) {
      const name = step[key]?.socket;
      if (name !== undefined) known(at(key, 'socket'), name, [...socketNames], 'socket');
    }
    if (step.arp) known(at('arp', 'from'), step.arp.from, hosts, 'host');
    if (step.inject) {
      const j = step.inject;
      if (j.socket !== undefined) known(at('inject', 'socket'), j.socket, [...socketNames], 'socket');
      known(at('inject', 'from'), j.from, hosts, 'host');
      if (j.to !== undefined && !ipOf(j.to)) known(at('inject', 'to'), j.to, hosts, 'host');
      for (const key of ['seq', 'ack'] as const) {
        const v = j[key];
        if (typeof v === 'object') known(at('inject', key, 'socket'), v.socket, [...socketNames], 'socket');
      }
    }
    if (step.ping) {
      known(at('ping', 'from'), step.ping.from, hosts, 'host');
      if (!ipOf(step.ping.to)) known(at('ping', 'to'), step.ping.to, hosts, 'host');
    }
    if (step['http-get']) known(at('http-get', 'from'), step['http-get'].from, hosts, 'host');
    if (step['serve-http']) known(at('serve-http', 'host'), step['serve-http'].host, hosts, 'host');
    if (step['dns-lookup']) known(at('dns-lookup', 'from'), step['dns-lookup'].from, hosts, 'host');
    if (step.impair) {
      known(at('impair', 'link'), step.impair.link, links, 'link');
      known(at('impair', 'frame', 'from'), step.impair.frame.from, hosts, 'host');
      known(at('impair', 'frame', 'to'), step.impair.frame.to, hosts, 'host');
    }
    if (step.quiz) {
      const q = step.quiz;
      known(at('quiz', 'frame', 'from'), q.frame?.from, [...hosts, ...routers], 'host');
      known(at('quiz', 'frame', 'to'), q.frame?.to, hosts, 'host');
      known(at('quiz', 'host'), q.host, hosts, 'host');
      known(at('quiz', 'router'), q.router, routers, 'router');
    }
  };
  lesson.script.forEach((step, i) => {
    checkNames(step, ['script', i]);
    step.together?.forEach((t, j) => checkNames(t, ['script', i, 'together', j]));
  });
  const ids = new Map<string, number>();
  lesson.script.forEach((step, i) => {
    if (!step.quiz) return;
    if (ids.has(step.quiz.id)) problem(['script', i, 'quiz', 'id'], { en: `the quiz id '${step.quiz.id}' is used twice`, ko: `퀴즈 id '${step.quiz.id}'가 두 번 쓰였습니다` });
    ids.set(step.quiz.id, i);
  });
  if (problems.length) return { ok: false, problems };

  // settings.mss, window, sendBuffer and delayedAck are the older spellings of settings.tcp's.
  for (const key of ['mss', 'window', 'sendBuffer', 'delayedAck'] as const) {
    if (s?.[key] !== undefined && s.tcp?.[key] !== undefined) {
      problem(['settings', 'tcp', key], `${key} is given twice, as settings.${key} and settings.tcp.${key}; keep one`);
    }
  }
  for (const h of Object.keys(s?.tcp?.hosts ?? {})) known(['settings', 'tcp', 'hosts', h], h, hosts, 'host');
  if (problems.length) return { ok: false, problems };
  const net = createNetwork(spec, {
    seed,
    isn: s?.isn,
    tcp: {
      ...tcpConfigOf({ mss: s?.mss, window: s?.window, sendBuffer: s?.sendBuffer, delayedAck: s?.delayedAck, ...s?.tcp }),
      ...(s?.msl !== undefined && { msl: Math.round(s.msl * MS) }),
      ...(s?.profile !== undefined && { profile: s.profile }),
    },
    hostTcp: Object.fromEntries(Object.entries(s?.tcp?.hosts ?? {}).map(([h, o]) => [h, tcpConfigOf(o)])),
  });
  const sizes = createRng(seed).fork('lesson-sizes');
  const size = (b: number | { min: number; max: number }) => (typeof b === 'number' ? b : sizes.int(b.min, b.max));
  const sockets = new Map<string, string>();
  const listening = new Map<string, number>();
  const socketOf = (path: Path, name: string | undefined): string | null => {
    const chosen = name ?? (sockets.size + listening.size === 1 ? [...sockets.keys(), ...listening.keys()][0] : sockets.has('client') ? 'client' : undefined);
    if (chosen === undefined) {
      problem(path, {
        en: `say which socket: this lesson has ${[...sockets.keys(), ...listening.keys()].join(', ') || 'none yet'}`,
        ko: `어느 소켓인지 쓰세요. 이 레슨의 소켓: ${[...sockets.keys(), ...listening.keys()].join(', ') || '아직 없음'}`,
      });
      return null;
    }
    let id = sockets.get(chosen);
    if (!id && listening.has(chosen)) {
      id = net.accept(chosen, listening.get(chosen)!) ?? undefined;
      if (id) sockets.set(chosen, id);
    }
    if (!id) problem(path, { en: `the socket '${chosen}' has no connection at this point in the script`, ko: `스크립트의 이 지점에서 소켓 '${chosen}'에는 연결이 없습니다` });
    return id ?? null;
  };

  const said: Said[] = [];
  const acted = new Set<number>();
  const views: { at: number; view: NonNullable<LessonStep['view']> }[] = [];
  const background: { from: number; to: number }[] = [];
  const pending: { path: Path; from: number; spec: NonNullable<LessonStep['quiz']> }[] = [];

  lesson.script.forEach((step, i) => {
    const path: Path = ['script', i];
    const at = net.stepCount;
    if (step.say) said.push({ index: i, at, text: step.say });
    if (step.view) views.push({ at, view: step.view });
    if (step.quiz) pending.push({ path: [...path, 'quiz'], from: at, spec: step.quiz });
    if (!act(net, step, path, { socketOf, ipOf, size, problem, listening, sockets, topology })) return;
    acted.add(i);
    const r = step.wait !== undefined ? { ok: true as const } : net.settle({ withinMs: STEP_HORIZON_MS });
    if (!r.ok) problem(path, { en: `the simulation did not settle after this step: ${r.error.message}`, ko: `이 단계 뒤에 시뮬레이션이 끝나지 않습니다: ${r.error.message}` });
    if (step.background && net.stepCount > at) background.push({ from: at, to: net.stepCount - 1 });
  });
  if (problems.length) return { ok: false, problems };

  const labels = labelsOf(lesson.topology);
  const trace = labels === null ? net.trace() : { ...net.trace(), labels };
  const quizzes: Checkpoint[] = [];
  const asked: { index: number; atStep: number }[] = [];
  for (const q of pending) {
    const r = resolveQuiz(q.spec, { trace, from: q.from, hostOfIp, seed, beginner: lesson.level === 'beginner' });
    if (!r.ok) problem(q.path, r.problem.message);
    // The player can only stop after a step: a quiz whose answer appears at the very first
    // step would be shown along with its answer.
    else if (r.quiz.atStep < 0) problem(q.path, {
      en: 'this quiz would stop before anything has happened; put an action before it (for example an arp or listen step)',
      ko: '이 퀴즈는 아무 일도 일어나기 전에 멈춥니다. 앞에 동작을 하나 두세요(예: arp나 listen 단계)',
    });
    else {
      quizzes.push(r.quiz);
      asked.push({ index: q.path[1] as number, atStep: r.quiz.atStep });
    }
  }
  if (problems.length) return { ok: false, problems };
  keepWrittenOrder(quizzes, asked, trace);
  quizzes.sort((a, b) => stepsSeen(a) - stepsSeen(b));
  const narration = placeSays(said, asked, acted);

  const point = captureAt === undefined ? undefined
    : hosts.includes(captureAt) ? { node: captureAt } : { link: captureAt };
  // A capture started mid-stream: from the first frame the point sees after a quiz's place.
  let fromStep: number | undefined;
  const startQuiz = typeof lesson.capture === 'object' ? lesson.capture.from : undefined;
  if (startQuiz !== undefined) {
    const ids = pending.map((q) => q.spec.id);
    const q = pending.find((p) => p.spec.id === startQuiz);
    if (!q) {
      const guess = closest(startQuiz, ids);
      problem(['capture', 'from'], {
        en: `'${startQuiz}' names no quiz in this lesson${guess ? ` (did you mean '${guess}'?)` : ''}; from names the quiz where the capture starts${ids.length ? `; quizzes: ${ids.join(', ')}` : ', and this lesson has none'}`,
        ko: `'${startQuiz}'${josa(startQuiz, '은')} 이 레슨의 퀴즈가 아닙니다${guess ? ` (혹시 '${guess}' 말인가요?)` : ''}. from에는 캡처가 시작되는 곳의 퀴즈 id를 씁니다${ids.length ? `. 있는 퀴즈: ${ids.join(', ')}` : '. 이 레슨에는 퀴즈가 없습니다'}`,
      });
    } else {
      fromStep = q.from;
      const r = exportCapture(trace, net.topology, { point, fromStep });
      if (r.ok && r.value.frames.length === 0) {
        problem(['capture', 'from'], {
          en: `the capture would be empty: no frame passes the capture point after quiz '${startQuiz}'; start it earlier`,
          ko: `캡처가 비게 됩니다. 퀴즈 '${startQuiz}' 뒤에는 캡처 지점을 지나는 프레임이 없습니다. 더 앞에서 시작하세요`,
        });
      }
    }
    if (problems.length) return { ok: false, problems };
  }
  const capture = (format: CaptureFormat = 'pcapng', opts: { readonly fcs?: boolean } = {}) => {
    const r = exportCapture(trace, net.topology, { point, format, fromStep, fcs: opts.fcs ?? true });
    if (!r.ok) return { error: r.error };
    // The frame a quiz names is the one its sender built; the capture point may see a copy
    // a switch or router made of it. Copies come after their originals, so one backward
    // pass gives every uncaptured frame the number of its earliest captured descendant.
    const numbers = new Map(r.value.frameNumbers);
    for (let i = trace.frames.length - 1; i >= 0; i--) {
      const f = trace.frames[i]!;
      const n = numbers.get(f.id);
      if (n !== undefined && f.parent !== null && !r.value.frameNumbers.has(f.parent)) numbers.set(f.parent, n);
    }
    return { bytes: r.value.bytes, frameNumber: (frame: FrameId) => numbers.get(frame) ?? null };
  };

  return { ok: true, compiled: { lesson, file, seed, trace, topology, narration, views, background, quizzes, hostOfIp, capture } };
}

interface ActContext {
  readonly socketOf: (path: Path, name: string | undefined) => string | null;
  readonly ipOf: (nameOrIp: string) => string | null;
  readonly size: (b: number | { min: number; max: number }) => number;
  readonly problem: (path: Path, message: string | Text) => void;
  readonly listening: Map<string, number>;
  readonly sockets: Map<string, string>;
  readonly topology: Topology;
}

/** Carries out a step's action; returns whether it had one that lets time run. */
/** What may happen between two stops without changing what a prediction about the next frame knows. */
const BOOKKEEPING: ReadonlySet<Step['kind']> = new Set(['tcp-state', 'tcp-timer', 'buffer', 'tcp-congestion']);

/**
 * Two quizzes on one moment keep the author's order: lesson 13 asks the flags of the
 * segment close() will send, then the state close() leads to, but the state changes a few
 * steps before the FIN is built, so the state quiz would come first and its answer
 * (FIN_WAIT_1) would give the flags away. A quiz about a frame not yet begun moves back to
 * the stop of a quiz written after it, when only the TCP's bookkeeping (a state, a timer, a
 * buffer, the window) happens in between: it still asks about the same next frame and sees
 * no more of it. Other quizzes keep their step. `quizzes` and `asked` are in script order;
 * both are updated.
 */
function keepWrittenOrder(quizzes: Checkpoint[], asked: { index: number; atStep: number }[], trace: Trace): void {
  const begins = (frame: number) => trace.steps.findIndex((s) => 'frame' in s && s.frame === frame);
  let earliest = Infinity;
  for (let k = quizzes.length - 1; k >= 0; k--) {
    const q = quizzes[k]!;
    const t = earliest;
    earliest = Math.min(earliest, q.atStep);
    if (t >= q.atStep || q.kind === 'field' || q.kind === 'order' || q.frame === undefined || q.ask === 'state' || q.ask === 'receiver') continue;
    if (begins(q.frame) <= t) continue;
    if (!trace.steps.slice(t + 1, q.atStep + 1).every((s) => BOOKKEEPING.has(s.kind))) continue;
    quizzes[k] = { ...q, atStep: t };
    asked[k] = { ...asked[k]!, atStep: t };
    earliest = t;
  }
}

/** A `say` of the script: its place in the script and the step count when it was reached. */
interface Said { readonly index: number; readonly at: number; readonly text: Text }

/**
 * Where each `say` is shown among the quizzes. An author writes a quiz before the action
 * whose moment it asks about, and the words that set a quiz up just before it, so the step
 * count at a `say` can be ahead of its quizzes or behind them. The player shows a note at a
 * step before a quiz asked at that step, and after any quiz asked at an earlier one; the
 * script's order decides:
 * - a quiz written after the `say` but asked at an earlier step than the `say` was reached
 *   would come before the words that set it up: the `say` moves to that quiz's step;
 * - a quiz written before the `say` but asked at its step or later would come after words
 *   written to follow it: the `say` moves past it, to just before the next quiz written
 *   after it when no action comes between them (the words introduce that quiz), else to the
 *   step after the earlier quiz.
 * The notes keep the script's order. A `say` written between two quizzes asked at one stop
 * comes before both.
 */
function placeSays(said: readonly Said[], asked: readonly { index: number; atStep: number }[], acted: ReadonlySet<number>): { at: number; text: Text }[] {
  const placed = said.map((s) => {
    let lo = -Infinity, hi = Infinity, next: { index: number; atStep: number } | undefined;
    for (const q of asked) {
      if (q.index < s.index) lo = Math.max(lo, q.atStep + 1);
      else if (q.index > s.index) {
        hi = Math.min(hi, q.atStep);
        if (!next || q.index < next.index) next = q;
      }
    }
    let at = s.at;
    // Quizzes written before and after it asked at one stop: the player cannot show a note
    // between them, and a quiz before its setup is worse than words read a quiz early.
    if (at > hi) at = hi;
    else if (at < lo) {
      const actionBetween = next !== undefined && [...acted].some((i) => i > s.index && i < next!.index);
      at = next !== undefined && !actionBetween && next.atStep >= lo ? next.atStep : lo;
    }
    return { at, text: s.text };
  });
  // Moving a `say` never puts it before one written earlier.
  for (let k = 1; k < placed.length; k++) placed[k]!.at = Math.max(placed[k]!.at, placed[k - 1]!.at);
  return placed;
}

function act(net: Network, step: LessonStep, path: Path, c: ActContext): boolean {
  if (step.listen) {
    net.listen(step.listen.host, step.listen.port);
    c.listening.set(step.listen.host, step.listen.port);
  } else if (step.connect) {
    const { from, fromPort } = step.connect;
    const holder = fromPort === undefined ? null : net.portHolder(from, fromPort);
    if (holder) {
      const by = holder.kind === 'listener' ? 'a listening socket' : `the socket ${holder.id} (${holder.state})`;
      c.problem([...path, 'connect', 'fromPort'], `${from}'s port ${fromPort} is in use by ${by}: a connect from it would fail (EADDRINUSE); choose another port, or wait until that socket is CLOSED`);
      return false;
    }
    c.sockets.set(step.connect.socket ?? from, net.connect(from, c.ipOf(step.connect.to)!, step.connect.port, { fromPort }));
  } else if (step.together) {
    // Every action happens at this instant; only then does time run (RFC 9293 Figure 8's
    // SYNs, or Figure 13's FINs, cross on the wire).
    let acted = false;
    step.together.forEach((t, j) => { acted = act(net, t, [...path, 'together', j], c) || acted; });
    return acted;
  } else if (step.inject) {
    const crafted = craft(net, step.inject, [...path, 'inject'], c);
    if (!crafted) return false;
    if (!net.inject(crafted.from, crafted.dst, crafted.segment)) {
      c.problem([...path, 'inject'], `${crafted.from} has no route to ${crafted.dst}`);
      return false;
    }
  } else if (step.send) {
    if (onlyListens(net, step.send.socket, c)) {
      c.problem([...path, 'send', 'socket'], `the socket '${step.send.socket}' only listens and has no connection yet: RFC 9293 §3.10.2 SEND in LISTEN needs a foreign socket to open towards ("error: foreign socket unspecified"), and a listen step names none; send once a connection is accepted, or connect`);
      return false;
    }
    const id = c.socketOf([...path, 'send'], step.send.socket);
    if (!id) return false;
    net.send(id, step.send.text ?? payload(c.size(step.send.bytes!)));
  } else if (step.read) {
    const id = c.socketOf([...path, 'read'], step.read.socket);
    if (!id) return false;
    net.read(id, step.read.bytes);
  } else if ((step.close || step.abort) && closesListener(net, step.close?.socket ?? step.abort?.socket, c)) {
    return true;
  } else if (step.close) {
    const id = c.socketOf([...path, 'close'], step.close.socket);
    if (!id) return false;
    net.close(id);
  } else if (step.abort) {
    const id = c.socketOf([...path, 'abort'], step.abort.socket);
    if (!id) return false;
    net.abort(id);
  } else if (step['http-get']) {
    net.httpGet(step['http-get'].from, step['http-get'].url);
  } else if (step['serve-http']) {
    const h = step['serve-http'];
    net.serveHttp(h.host, h.port ?? 80, c.size(h.body), { keepAlive: h.keepAlive });
    c.listening.set(h.host, h.port ?? 80);
  } else if (step['dns-lookup']) {
    net.dnsLookup(step['dns-lookup'].from, step['dns-lookup'].name);
  } else if (step.arp) {
    net.arp(step.arp.from, step.arp.ip);
  } else if (step.ping) {
    net.ping(step.ping.from, c.ipOf(step.ping.to)!);
  } else if (step.impair) {
    const { frame, action, delay } = step.impair;
    const link = step.impair.link ?? linkOfHost(c.topology, frame.from);
    if (!link) {
      c.problem([...path, 'impair'], {
        en: 'say which link to impair (link:), or which host sends the frame (frame: { from: … })',
        ko: '어느 링크에 장애를 낼지(link:), 또는 어느 호스트가 보내는 프레임인지(frame: { from: … }) 쓰세요',
      });
      return false;
    }
    // `from` and `to` name hosts, as in a quiz: the frame's sender and addressee, read from
    // its addresses, so a rule on a link the frame crosses later still finds it.
    const rule: Impairment = {
      match: {
        fromIp: frame.from === undefined ? undefined : c.ipOf(frame.from) ?? undefined,
        toIp: frame.to === undefined ? undefined : c.ipOf(frame.to) ?? undefined,
        protocol: frame.protocol, flags: frame.flags, hasFlags: frame.hasFlags, data: frame.data,
      },
      nth: frame.nth ?? 1,
      action: action === 'delay' ? { delayMs: delay ?? 100 } : action,
    };
    net.impair(link, rule);
    return false;
  } else if (step.wait !== undefined) {
    net.passTime(step.wait);
  } else {
    return false;
  }
  return true;
}

/**
 * A named socket that listens and has accepted no connection yet: accept(2) would find
 * nothing. One with a connection waiting is taken, as `socketOf` would.
 */
function onlyListens(net: Network, name: string | undefined, c: ActContext): boolean {
  if (name === undefined || c.sockets.has(name) || !c.listening.has(name)) return false;
  const id = net.accept(name, c.listening.get(name)!);
  if (id) c.sockets.set(name, id);
  return id === null;
}

/** CLOSE or ABORT on a socket that only listens: RFC 9293 §3.10.4–§3.10.5, delete the TCB, CLOSED. */
function closesListener(net: Network, name: string | undefined, c: ActContext): boolean {
  if (name === undefined || !onlyListens(net, name, c)) return false;
  net.unlisten(name, c.listening.get(name)!);
  c.listening.delete(name);
  return true;
}

/**
 * The segment an `inject` step describes, with its numbers read off the sockets now. Ports,
 * addresses and numbers left out come from `socket`, as that end would send them.
 */
function craft(net: Network, j: InjectSpec, path: Path, c: ActContext): { from: string; dst: string; segment: TcpSegment } | null {
  let own: SocketSnapshot | null = null;
  if (j.socket !== undefined) {
    const id = c.socketOf([...path, 'socket'], j.socket);
    if (!id) return null;
    own = net.socket(id);
  }
  const from = j.from ?? own?.host;
  const dst = j.to !== undefined ? c.ipOf(j.to) : own?.remote.ip;
  const srcPort = j.srcPort ?? own?.local.port;
  const dstPort = j.dstPort ?? own?.remote.port;
  if (from === undefined || dst === undefined || dst === null || srcPort === undefined || dstPort === undefined) {
    c.problem(path, 'say whose segment this is: a socket, or from, to, srcPort and dstPort');
    return null;
  }
  const flags = new Set(j.flags);
  const number = (key: 'seq' | 'ack', fallback: SeqOf): Seq | null => {
    const v = j[key];
    if (typeof v === 'number') return seq(v);
    const spec = v ?? (own ? { socket: j.socket!, of: fallback } : undefined);
    if (spec === undefined) {
      c.problem(path, `give ${key}: a number, or { socket, of, offset } to read it off a socket`);
      return null;
    }
    const id = c.socketOf([...path, key, 'socket'], spec.socket);
    const snap = id ? net.socket(id) : null;
    if (!snap) return null;
    const of = spec.of ?? fallback;
    const base = { 'snd.nxt': snap.sndNxt, 'snd.una': snap.sndUna, 'rcv.nxt': snap.rcvNxt, iss: snap.iss, irs: snap.irs }[of];
    if (base === null) {
      c.problem([...path, key], `the socket '${spec.socket}' has no ${of.toUpperCase()} yet: its peer's SYN has not arrived`);
      return null;
    }
    return seqAdd(base, spec.offset ?? 0);
  };
  const s = number('seq', 'snd.nxt');
  if (s === null) return null;
  let ack: Seq | null = null;
  if (flags.has('A')) {
    ack = number('ack', 'rcv.nxt');
    if (ack === null) return null;
  } else if (j.ack !== undefined) {
    c.problem([...path, 'ack'], "ack is carried only with the ACK flag: add A to flags, or leave ack out");
    return null;
  }
  const o = j.options;
  const options = o === undefined ? [] : synOptions({
    mss: o.mss ?? null,
    windowShift: o.windowScale ?? null,
    sackPermitted: o.sackPermitted ?? false,
    timestamps: o.timestamps ?? null,
  });
  const segment: TcpSegment = {
    srcPort, dstPort, seq: s, ack,
    flags: {
      cwr: flags.has('C'), ece: flags.has('E'), urg: flags.has('U'), psh: flags.has('P'),
      rst: flags.has('R'), syn: flags.has('S'), fin: flags.has('F'),
    },
    window: j.window ?? 0xffff,
    urgentPointer: 0,
    options,
    payload: payload(j.length ?? 0),
  };
  // The IP header is 20 bytes (no options), and the segment leaves with DF set.
  const size = 20 + tcpHeaderLength(segment) + segment.payload.length;
  if (size > net.mtuOf(from)) {
    c.problem([...path, 'length'], `this segment makes a ${size}-byte IP packet, over ${from}'s MTU of ${net.mtuOf(from)}; fragmentation is not simulated, so make length smaller`);
    return null;
  }
  return { from, dst, segment };
}

type SeqOf = NonNullable<Exclude<SeqSpec, number>['of']>;

/** A lesson's TCP settings as the simulator's configuration: only what they set. */
function tcpConfigOf(o: TcpOptionsSpec): Partial<TcpConfig> {
  const ka = o.keepAlive === true ? {} : o.keepAlive;
  return {
    ...(o.mss !== undefined && { mss: o.mss }),
    ...(o.window !== undefined && { recvBuffer: o.window }),
    ...(o.sendBuffer !== undefined && { sendBuffer: o.sendBuffer }),
    ...(o.delayedAck !== undefined && { delayedAck: o.delayedAck }),
    ...(o.timestamps !== undefined && { timestamps: o.timestamps }),
    ...(o.sack !== undefined && { sackPermitted: o.sack }),
    ...(o.windowScale !== undefined && { windowScale: o.windowScale === false ? null : o.windowScale }),
    ...(o.userTimeout !== undefined && { userTimeout: Math.round(o.userTimeout * MS) }),
    ...(o.congestion !== undefined && { congestion: o.congestion }),
    ...(o.initialWindow !== undefined && { initialWindow: o.initialWindow }),
    ...(o.nagle !== undefined && { nagle: o.nagle }),
    ...(ka !== undefined && {
      keepAlive: ka === false ? null : {
        time: ka.time === undefined ? LINUX_KEEPALIVE.time : Math.round(ka.time * MS),
        interval: ka.interval === undefined ? LINUX_KEEPALIVE.interval : Math.round(ka.interval * MS),
        count: ka.count ?? LINUX_KEEPALIVE.count,
      },
    }),
  };
}

function linkOfHost(topology: Topology, host: string | undefined): string | null {
  if (!host) return null;
  return topology.links.find((l) => l.a.node === host || l.b.node === host)?.name ?? null;
}

/** `hosts[1].ip` → ['hosts', 1, 'ip'], to point at the lesson's node. */
function parseSpecPath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out.map((seg) => (seg === 'delayMs' ? 'delay' : seg === 'resolver' ? 'dns' : seg));
}

/** The lesson's topology as the simulator's spec; MACs left out get stable made-up ones. */
/** The names a lesson's own topology gives its nodes for sentences, or null when it gives none. */
function labelsOf(t: Lesson['topology']): Record<string, Text> | null {
  if (typeof t === 'string') return null;
  const named = [...t.hosts, ...(t.routers ?? []), ...(t.switches ?? [])].flatMap((n) => (n.label ? [[n.name, n.label] as const] : []));
  return named.length ? Object.fromEntries(named) : null;
}

function topologySpec(t: Lesson['topology']): TopologySpec {
  if (typeof t === 'string') return builtinTopology(t);
  return inlineSpec(t);
}

function inlineSpec(t: InlineTopologySpec): TopologySpec {
  const mac = (n: number) => `02:00:00:00:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`;
  let next = 1;
  const records: DnsRecordSpec[] = Object.entries(t.dns?.records ?? {}).map(([name, address]) => ({ name, type: 'A', address }));
  const hosts: HostSpec[] = t.hosts.map((h) => ({
    name: h.name, ip: h.ip, prefix: h.prefix, mac: h.mac ?? mac(next++),
    ...(h.gateway && { gateway: h.gateway }), ...(h.mtu && { mtu: h.mtu }), ...(h.dns && { resolver: h.dns }),
    ...(t.dns?.server === h.name && { dns: { records } }),
  }));
  return {
    hosts,
    switches: (t.switches ?? []).map((sw) => ({ name: sw.name })),
    routers: (t.routers ?? []).map((r) => ({
      name: r.name,
      interfaces: r.interfaces.map((i) => ({ name: i.name, ip: i.ip, prefix: i.prefix, mac: i.mac ?? mac(next++) })),
      ...(r.routes && { routes: r.routes }),
    })),
    links: t.links.map((l) => ({
      ...(l.name && { name: l.name }), a: l.a, b: l.b, delayMs: l.delay ?? 1,
      ...(l.mtu && { mtu: l.mtu }), ...(l.bandwidth && { bandwidth: l.bandwidth }),
    })),
  };
}
