// Lesson → simulation → trace, narration and quizzes with their answers. The compiler
// runs the lesson's script against a fresh network, one action at a time, and checks
// every name and every quiz against what really happened; a problem points at its node.
import type { Text } from '../i18n/text.js';
import { createRng } from '../sim/rng.js';
import type { FrameId, Trace } from '../sim/trace.js';
import { createNetwork, type Network } from '../sim/network.js';
import {
  builtinTopology, validateTopology, type DnsRecordSpec, type HostSpec, type Topology, type TopologySpec,
} from '../sim/topology.js';
import type { Impairment } from '../sim/impair.js';
import type { CaptureFormat } from '../capture/packet.js';
import { exportCapture } from '../capture/trace-export.js';
import { isIpv4 } from '../wire/address.js';
import { closest } from '../text/suggest.js';
import type { LoadedLesson, Path } from './loader.js';
import type { Problem } from './problems.js';
import { stepsSeen, type Checkpoint } from '../quiz/checkpoint.js';
import { resolveQuiz } from './quiz.js';
import type { InlineTopologySpec, Lesson, LessonStep } from './schema.js';

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
  readonly capture: (format?: CaptureFormat) => { bytes: Uint8Array; frameNumber: (frame: FrameId) => number | null } | { error: string };
}

/**
 * What the players (plain, JSON and the TUI) take: a compiled lesson, or anything shaped
 * like one, such as a real capture made ready for replay (source/replay/).
 */
export type PlayableLesson = Pick<CompiledLesson, 'seed' | 'trace' | 'narration' | 'views' | 'quizzes' | 'capture'> & {
  readonly lesson: Pick<Lesson, 'id' | 'title'>;
  readonly background?: CompiledLesson['background'];
};

export type CompileResult =
  | { readonly ok: true; readonly compiled: CompiledLesson }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface CompileOptions {
  /** Overrides the lesson's own seed (a class's `--seed`). */
  readonly seed?: number;
}

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
  const problem = (path: Path, message: string) => problems.push({ file, ...loaded.positionOf(path), message });
  const seed = opts.seed ?? lesson.settings?.seed ?? 1;

  const spec = topologySpec(lesson.topology);
  const v = validateTopology(spec);
  if (!v.ok) {
    for (const e of v.errors) problem(['topology', ...parseSpecPath(e.path)], e.message);
    return { ok: false, problems };
  }
  const topology = v.value;
  const hosts = topology.hosts.map((h) => h.name);
  const routers = topology.routers.map((r) => r.name);
  const links = topology.links.map((l) => l.name);
  const hostOfIp = (ip: string) => topology.hosts.find((h) => h.ip === ip)?.name ?? null;
  const ipOf = (nameOrIp: string) => (isIpv4(nameOrIp) ? nameOrIp : topology.hosts.find((h) => h.name === nameOrIp)?.ip ?? null);

  const known = (path: Path, name: string | undefined, all: readonly string[], what: string): boolean => {
    if (name === undefined || all.includes(name)) return true;
    const guess = closest(name, all);
    problem(path, `'${name}' is not a ${what} in this lesson${guess ? ` (did you mean '${guess}'?)` : ''}; ${what}s: ${all.join(', ')}`);
    return false;
  };
  const s = lesson.settings;
  for (const h of Object.keys(s?.isn ?? {})) known(['settings', 'isn', h], h, hosts, 'host');
  if (lesson.capture !== undefined) known(['capture'], lesson.capture, [...hosts, ...links], 'host or link');

  // Names first: a script that names nothing real is not worth running.
  const socketNames = new Set<string>();
  lesson.script.forEach((step, i) => {
    const at = (...p: (string | number)[]) => ['script', i, ...p];
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
    if (step['http-get']) known(at('http-get', 'from'), step['http-get'].from, hosts, 'host');
    if (step['serve-http']) known(at('serve-http', 'host'), step['serve-http'].host, hosts, 'host');
    if (step['dns-lookup']) known(at('dns-lookup', 'from'), step['dns-lookup'].from, hosts, 'host');
    if (step.arp) known(at('arp', 'from'), step.arp.from, hosts, 'host');
    if (step.ping) {
      known(at('ping', 'from'), step.ping.from, hosts, 'host');
      if (!ipOf(step.ping.to)) known(at('ping', 'to'), step.ping.to, hosts, 'host');
    }
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
  });
  const ids = new Map<string, number>();
  lesson.script.forEach((step, i) => {
    if (!step.quiz) return;
    if (ids.has(step.quiz.id)) problem(['script', i, 'quiz', 'id'], `the quiz id '${step.quiz.id}' is used twice`);
    ids.set(step.quiz.id, i);
  });
  if (problems.length) return { ok: false, problems };

  const net = createNetwork(spec, {
    seed,
    isn: s?.isn,
    tcp: {
      ...(s?.mss !== undefined && { mss: s.mss }),
      ...(s?.window !== undefined && { recvBuffer: s.window }),
      ...(s?.sendBuffer !== undefined && { sendBuffer: s.sendBuffer }),
      ...(s?.msl !== undefined && { msl: Math.round(s.msl * 1000) }),
      ...(s?.delayedAck !== undefined && { delayedAck: s.delayedAck }),
    },
  });
  const sizes = createRng(seed).fork('lesson-sizes');
  const size = (b: number | { min: number; max: number }) => (typeof b === 'number' ? b : sizes.int(b.min, b.max));
  const sockets = new Map<string, string>();
  const listening = new Map<string, number>();
  const socketOf = (path: Path, name: string | undefined): string | null => {
    const chosen = name ?? (sockets.size + listening.size === 1 ? [...sockets.keys(), ...listening.keys()][0] : sockets.has('client') ? 'client' : undefined);
    if (chosen === undefined) {
      problem(path, `say which socket: this lesson has ${[...sockets.keys(), ...listening.keys()].join(', ') || 'none yet'}`);
      return null;
    }
    let id = sockets.get(chosen);
    if (!id && listening.has(chosen)) {
      id = net.accept(chosen, listening.get(chosen)!) ?? undefined;
      if (id) sockets.set(chosen, id);
    }
    if (!id) problem(path, `the socket '${chosen}' has no connection at this point in the script`);
    return id ?? null;
  };

  const narration: { at: number; text: Text }[] = [];
  const views: { at: number; view: NonNullable<LessonStep['view']> }[] = [];
  const background: { from: number; to: number }[] = [];
  const pending: { path: Path; from: number; spec: NonNullable<LessonStep['quiz']> }[] = [];

  lesson.script.forEach((step, i) => {
    const path: Path = ['script', i];
    const at = net.stepCount;
    if (step.say) narration.push({ at, text: step.say });
    if (step.view) views.push({ at, view: step.view });
    if (step.quiz) pending.push({ path: [...path, 'quiz'], from: at, spec: step.quiz });
    const acted = act(net, step, path, { socketOf, ipOf, size, problem, listening, sockets, topology });
    if (!acted) return;
    const r = step.wait !== undefined ? { ok: true as const } : net.settle({ withinMs: STEP_HORIZON_MS });
    if (!r.ok) problem(path, `the simulation did not settle after this step: ${r.error.message}`);
    if (step.background && net.stepCount > at) background.push({ from: at, to: net.stepCount - 1 });
  });
  if (problems.length) return { ok: false, problems };

  const trace = net.trace();
  const quizzes: Checkpoint[] = [];
  for (const q of pending) {
    const r = resolveQuiz(q.spec, { trace, from: q.from, hostOfIp, seed });
    if (!r.ok) problem(q.path, r.problem.message);
    // The player can only stop after a step: a quiz whose answer appears at the very first
    // step would be shown along with its answer.
    else if (r.quiz.atStep < 0) problem(q.path, 'this quiz would stop before anything has happened; put an action before it (for example an arp or listen step)');
    else quizzes.push(r.quiz);
  }
  if (problems.length) return { ok: false, problems };
  quizzes.sort((a, b) => stepsSeen(a) - stepsSeen(b));

  const point = lesson.capture === undefined ? undefined
    : hosts.includes(lesson.capture) ? { node: lesson.capture } : { link: lesson.capture };
  const capture = (format: CaptureFormat = 'pcapng') => {
    const r = exportCapture(trace, net.topology, { point, format });
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
  readonly problem: (path: Path, message: string) => void;
  readonly listening: Map<string, number>;
  readonly sockets: Map<string, string>;
  readonly topology: Topology;
}

/** Carries out a step's action; returns whether it had one that lets time run. */
function act(net: Network, step: LessonStep, path: Path, c: ActContext): boolean {
  if (step.listen) {
    net.listen(step.listen.host, step.listen.port);
    c.listening.set(step.listen.host, step.listen.port);
  } else if (step.connect) {
    c.sockets.set(step.connect.socket ?? step.connect.from, net.connect(step.connect.from, c.ipOf(step.connect.to)!, step.connect.port));
  } else if (step.send) {
    const id = c.socketOf([...path, 'send'], step.send.socket);
    if (!id) return false;
    net.send(id, step.send.text ?? payload(c.size(step.send.bytes!)));
  } else if (step.read) {
    const id = c.socketOf([...path, 'read'], step.read.socket);
    if (!id) return false;
    net.read(id, step.read.bytes);
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
      c.problem([...path, 'impair'], 'say which link to impair (link:), or which host sends the frame (frame: { from: … })');
      return false;
    }
    const rule: Impairment = {
      match: { from: frame.from, protocol: frame.protocol, flags: frame.flags, data: frame.data },
      nth: frame.nth ?? 1,
      action: action === 'delay' ? { delayMs: delay ?? 100 } : action,
    };
    net.impair(link, rule);
    return false;
  } else if (step.wait !== undefined) {
    net.wait(step.wait);
  } else {
    return false;
  }
  return true;
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
    switches: t.switches ?? [],
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
