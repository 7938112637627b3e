// The lesson format. This zod schema is the one definition: the loader validates with it,
// `lessons/lesson.schema.json` is generated from it for editors, and the docs describe it.
// Answers are never part of a lesson: a quiz says what to ask, the simulation computes it.
import { z } from 'zod';
import { QUIZ_ASKS } from '../quiz/checkpoint.js';
import { httpUrlProblem } from '../sim/apps/http.js';
import { TCP_PROFILES } from '../sim/tcp/api.js';
import { isIpv4, isMac } from '../wire/address.js';
import { nameProblem } from '../wire/dns.js';
import { DNS_NAME_TEXT, localMessage, SCHEMA_TEXT as M, TEXT_WHAT, URL_TEXT } from './problems.js';
import { say as sayIn, type Text as Words } from '../i18n/text.js';

/** Longest text a lesson may hold in one place, in characters. */
export const MAX_TEXT = 4000;
/**
 * Control characters other than newline and tab would reach the learner's terminal raw
 * (switch screens, hide the cursor, retitle the window).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const prose = (what: Words) => z.string()
  .min(1, localMessage(M.textEmpty, { what }))
  .max(MAX_TEXT, localMessage(M.textLong, { what, max: MAX_TEXT }))
  .refine((s) => !CONTROL.test(s), localMessage(M.textControl, { what }));
const text = (what: keyof typeof TEXT_WHAT) =>
  z.strictObject({
    en: prose({ en: `English (en) ${TEXT_WHAT[what].en}`, ko: `영어(en) ${TEXT_WHAT[what].ko}` }),
    ko: prose({ en: `Korean (ko) ${TEXT_WHAT[what].en}`, ko: `한국어(ko) ${TEXT_WHAT[what].ko}` }),
  });

export const Text = text('text').describe('Text in English (en) and Korean (ko); both are required.');

const name = z.string().max(64, localMessage(M.nameLong, { max: 64 })).regex(/^[a-z][a-z0-9-]*$/, localMessage(M.nameForm));
const ipv4 = z.string().refine(isIpv4, localMessage(M.notIpv4));
const mac = z.string().refine(isMac, localMessage(M.notMac));
const cidr = z.string().refine((s) => {
  const [ip, len, extra] = s.split('/');
  return extra === undefined && ip !== undefined && isIpv4(ip) && /^\d+$/.test(len ?? '') && Number(len) <= 32;
}, localMessage(M.notCidr));
const port = z.number().int().min(1).max(65535);
const prefixLength = z.number().int().min(0).max(32);
/** A day of simulated time: longer than any timer a lesson can show (keep-alive's 2 hours). */
export const MAX_MILLIS = 86_400_000;
const millis = z.number().min(0).max(MAX_MILLIS, localMessage(M.atMostMillis, { max: MAX_MILLIS })).describe('milliseconds');
/**
 * Bytes one send or one HTTP body may carry: a megabyte is some 700 segments, every one of
 * them stepped through; more would take minutes to simulate and no learner would step it.
 */
export const MAX_BYTES = 1_000_000;
const byteCount = z.number().int().min(0).max(MAX_BYTES, localMessage(M.atMostBytes, { max: MAX_BYTES }));
/** A fixed number, or a range the seed draws from so that each learner sees their own. */
const sized = z.union([
  byteCount,
  z.strictObject({ min: byteCount, max: byteCount }).refine((r) => r.min <= r.max, localMessage(M.minAboveMax)),
]);
/** A problem found by `check`, as the lesson's error at that node. */
const checked = (check: (s: string) => string | null) => z.string().min(1).superRefine((s, ctx) => {
  const problem = check(s);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
/** Why `s` is not a DNS name, as a message, or null. */
function dnsNameMessage(s: string): string | null {
  const p = nameProblem(s);
  return p === null ? null : localMessage(M.notDnsName, { why: localized(DNS_NAME_TEXT[p.code], p) });
}
function localized(t: Words, params: object): Words {
  const values = params as Readonly<Record<string, string | number>>;
  return { en: sayIn(t, 'en', values), ko: sayIn(t, 'ko', values) };
}
const dnsName = checked(dnsNameMessage);
const httpUrl = checked((s) => {
  const p = httpUrlProblem(s);
  return p === null ? null : localMessage(URL_TEXT[p.code], p);
});

export const TOPICS = [
  'layers', 'encapsulation', 'segmentation', 'decapsulation', 'dns', 'arp', 'routing', 'tcp-header',
  'handshake', 'seqack', 'window', 'loss', 'close', 'rst', 'journey', 'capture', 'udp', 'keepalive', 'congestion',
] as const;

export const BUILTIN_TOPOLOGIES = ['lan', 'two-routers', 'direct'] as const;

const Host = z.strictObject({
  name,
  ip: ipv4,
  prefix: prefixLength,
  mac: mac.optional(),
  gateway: ipv4.optional(),
  mtu: z.number().int().min(68).max(9000).optional(),
  dns: ipv4.optional().describe('the resolver this host asks'),
  label: Text.optional().describe('what sentences call it, in each language (ids stay in YAML, JSON and the ladder)'),
});

const RouterInterface = z.strictObject({ name, ip: ipv4, prefix: prefixLength, mac: mac.optional() });

const Router = z.strictObject({
  name,
  interfaces: z.array(RouterInterface).min(2),
  routes: z.array(z.strictObject({ prefix: cidr, via: ipv4.optional(), iface: name })).optional(),
  label: Text.optional().describe('what sentences call it, in each language (ids stay in YAML, JSON and the ladder)'),
});

const Link = z.strictObject({
  name: name.optional(),
  a: z.string().describe('a node, or node:interface for a router'),
  b: z.string(),
  delay: millis.optional(),
  mtu: z.number().int().min(68).max(9000).optional(),
  bandwidth: z.number().positive().optional().describe('bits per second'),
});

export const InlineTopology = z.strictObject({
  hosts: z.array(Host).min(1),
  switches: z.array(z.strictObject({ name, label: Text.optional() })).optional(),
  routers: z.array(Router).optional(),
  links: z.array(Link).min(1),
  dns: z.strictObject({
    server: name,
    records: z.record(z.string(), ipv4).superRefine((records, ctx) => {
      for (const key of Object.keys(records)) {
        const message = dnsNameMessage(key);
        if (message !== null) ctx.addIssue({ code: 'custom', path: [key], message });
      }
    }),
  }).optional(),
});

/** One host's TCP, or every host's: what a socket option or a sysctl would set. */
const TcpOptions = z.strictObject({
  mss: z.number().int().min(64).max(9000).optional().describe('the MSS announced (default 1460)'),
  window: z.number().int().min(0).max(1 << 30).optional().describe('receive buffer, the window advertised (default 65535; 77272 under profile: linux)'),
  sendBuffer: z.number().int().min(1).optional(),
  delayedAck: z.boolean().optional().describe('RFC 9293 §3.8.6.3 (default false; true under profile: linux)'),
  timestamps: z.boolean().optional().describe('offer RFC 7323 timestamps (default false; true under profile: linux)'),
  sack: z.boolean().optional().describe('offer SACK-permitted, RFC 2018 (default false; true under profile: linux); under profile linux, SACK blocks and RFC 6675 recovery'),
  windowScale: z.union([z.literal(false), z.number().int().min(0).max(14)]).optional()
    .describe('the window scale shift offered, RFC 7323 (default: none offered; 7 under profile: linux)'),
  userTimeout: millis.refine((ms) => ms > 0, localMessage(M.aboveZero)).optional()
    .describe('RFC 5482: give up when sent data stays unacknowledged this long (default: after 8 retransmissions, 15 under profile linux)'),
  keepAlive: z.union([
    z.boolean(),
    z.strictObject({
      time: millis.optional().describe('idle time before the first probe (Linux 7200000)'),
      interval: millis.optional().describe('between probes (Linux 75000)'),
      count: z.number().int().min(1).max(127).optional().describe('unanswered probes before the connection is dead (Linux 9)'),
    }),
  ]).optional().describe("RFC 9293 §3.8.4: off by default; true takes Linux's 7200 s, 75 s and 9"),
  congestion: z.enum(['reno', 'none']).optional()
    .describe('reno (the default): RFC 5681 congestion control with NewReno recovery; none: only the peer\'s window limits a sender'),
  initialWindow: z.number().int().min(1).max(100).optional()
    .describe('the initial congestion window in segments; default RFC 5681 (4, 3 or 2 by MSS); 10 under profile: linux (RFC 6928)'),
  nagle: z.boolean().optional()
    .describe("Nagle's algorithm, RFC 896 (default off; on under profile: linux, in Minshall's form, as Linux)"),
});

const TcpSettings = TcpOptions.extend({
  hosts: z.record(name, TcpOptions).optional().describe('per-host overrides, over the settings for every host'),
});

export type TcpOptionsSpec = z.infer<typeof TcpOptions>;

const Settings = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff).optional().describe('fix every random number; --seed overrides'),
  isn: z.record(name, z.number().int().min(0).max(0xffffffff)).optional().describe('fixed initial sequence numbers by host'),
  mss: z.number().int().min(64).max(9000).optional(),
  window: z.number().int().min(0).max(1 << 30).optional().describe('receive buffer, the window a host advertises'),
  sendBuffer: z.number().int().min(1).optional(),
  msl: millis.optional(),
  delayedAck: z.boolean().optional(),
  profile: z.enum(TCP_PROFILES).optional()
    .describe('rfc (the default): every host\'s TCP follows RFC 9293 §3.10; linux: where Linux differs, it does as Linux does, and starts from Linux 6.x\'s defaults (IW10, SACK, timestamps, window scale 7, delayed ACK, Nagle)'),
  tcp: TcpSettings.optional().describe("every host's TCP, and per-host overrides in hosts"),
});

/** Picks a frame: the first after this point in the script that matches everything given. */
const FrameMatch = z.strictObject({
  from: name.optional(),
  to: name.optional(),
  protocol: z.enum(['tcp', 'udp', 'arp', 'dns', 'icmp']).optional(),
  flags: z.string().regex(/^[CEUAPRSF.]+$/, localMessage(M.flagLetters)).optional()
    .describe('TCP flags, all and only these (A or . for ACK): S, SA, A, PA, FA, R, RA'),
  hasFlags: z.string().regex(/^[CEUAPRSF.]+$/, localMessage(M.flagLetters)).optional()
    .describe('TCP flags that must be set, others may be too: A matches every segment with ACK'),
  data: z.boolean().optional().describe('true: carries payload; false: carries none'),
  nth: z.number().int().min(1).optional()
    .describe('the nth match (default 1): in a quiz, among frames hosts send after its place in the script; in an impair, among frames on the impaired link from the impair step on'),
});

/** What a quiz may ask; the list lives with the checkpoint model. */
export const QUIZ_KINDS = QUIZ_ASKS;

/** How many frames an `order` quiz shuffles: enough to need thought, few enough to read. */
export const ORDER_MIN = 3;
export const ORDER_MAX = 8;
/** The fields a `blank` quiz may blank: each can be worked out from the frames before it. */
export const BLANK_FIELDS = ['tcp.seq', 'tcp.ack', 'tcp.window_size_value', 'ip.ttl'] as const;

const Quiz = z.strictObject({
  id: name,
  ask: z.enum(QUIZ_KINDS),
  frame: FrameMatch.optional().describe('for order: the first of the frames (default: the next one sent)'),
  count: z.number().int().min(ORDER_MIN, `at least ${ORDER_MIN} frames`).max(ORDER_MAX, `at most ${ORDER_MAX} frames`).optional()
    .describe(`for order: how many frames of the conversation to put in order (${ORDER_MIN} to ${ORDER_MAX})`),
  host: name.optional().describe('for state: whose state'),
  field: z.string().optional().describe(`for layer, changes and field: a field key such as tcp.seq or eth.src; for blank: one of ${BLANK_FIELDS.join(', ')}`),
  router: name.optional().describe('for changes: at which router'),
  numbering: z.enum(['relative', 'absolute']).optional(),
  prompt: Text.optional(),
  hint: Text.optional(),
  explain: Text.optional().describe('replaces the default explanation, which states the rule'),
  wrong: z.array(z.strictObject({ answer: z.union([z.string(), z.number()]), explain: Text })).optional(),
}).superRefine((q, ctx) => {
  if (q.ask === 'order' && q.count === undefined) {
    ctx.addIssue({ code: 'custom', path: ['ask'], message: `order needs count: how many frames to put in order (${ORDER_MIN} to ${ORDER_MAX})` });
  }
  if (q.ask !== 'order' && q.count !== undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'only for ask: order' });
  if (q.ask === 'blank' && !(BLANK_FIELDS as readonly (string | undefined)[]).includes(q.field)) {
    ctx.addIssue({ code: 'custom', path: q.field === undefined ? ['ask'] : ['field'], message: `blank needs field: one of ${BLANK_FIELDS.join(', ')}` });
  }
});

const Impair = z.strictObject({
  link: name.optional(),
  frame: FrameMatch,
  action: z.enum(['drop', 'duplicate', 'delay', 'reorder', 'corrupt']),
  delay: millis.optional(),
});

const View = z.strictObject({
  emphasize: z.array(z.enum(['narration', 'layers', 'hex', 'ladder'])).optional(),
  detail: z.enum(['field', 'header']).optional(),
});

/** A 32-bit sequence or acknowledgment number, or one read off a socket at that moment. */
const SeqSpec = z.union([
  z.number().int().min(0).max(0xffffffff),
  z.strictObject({
    socket: name,
    of: z.enum(['snd.nxt', 'snd.una', 'rcv.nxt', 'iss', 'irs']).optional()
      .describe("which of the socket's numbers (RFC 9293 §3.3.1); default snd.nxt for seq, rcv.nxt for ack"),
    offset: z.number().int().min(-0x7fffffff).max(0x7fffffff).optional().describe('added to it, mod 2^32'),
  }),
]);

/** A crafted TCP segment: any header a real stack would never send at that moment. */
const Inject = z.strictObject({
  socket: name.optional().describe("as this socket's end: its host, its ports, its peer"),
  from: name.optional().describe('the host whose addresses it carries, and whose NIC it leaves'),
  to: z.string().optional().describe('the host or IP it is addressed to'),
  srcPort: port.optional(),
  dstPort: port.optional(),
  flags: z.string().regex(/^[CEUAPRSF]+$/, 'flags are letters from CEUAPRSF').describe('A sets the ACK flag, and the segment then carries ack'),
  seq: SeqSpec.optional(),
  ack: SeqSpec.optional(),
  window: z.number().int().min(0).max(0xffff).optional().describe('the window field as sent (default 65535)'),
  length: z.number().int().min(0).max(1460).optional().describe('payload bytes (default 0)'),
  options: z.strictObject({
    mss: z.number().int().min(0).max(0xffff).optional(),
    windowScale: z.number().int().min(0).max(14).optional(),
    sackPermitted: z.boolean().optional(),
    timestamps: z.strictObject({ tsval: z.number().int().min(0).max(0xffffffff), tsecr: z.number().int().min(0).max(0xffffffff) }).optional(),
  }).optional(),
});

/** The actions of one host at one instant: what `together` may hold. */
const INSTANT_ACTIONS = {
  listen: z.strictObject({ host: name, port }),
  connect: z.strictObject({
    from: name, to: z.string(), port, socket: name.optional(),
    fromPort: port.optional().describe('the source port, instead of an ephemeral one (bind(2) before connect(2))'),
  }),
  send: z.strictObject({ socket: name.optional(), text: z.string().optional(), bytes: sized.optional() })
    .refine((s) => (s.text === undefined) !== (s.bytes === undefined), localMessage(M.textOrBytes)),
  read: z.strictObject({ socket: name.optional(), bytes: z.number().int().min(1).optional() }),
  close: z.strictObject({ socket: name.optional() }),
  abort: z.strictObject({ socket: name.optional() }),
  arp: z.strictObject({ from: name, ip: ipv4 }),
  ping: z.strictObject({ from: name, to: z.string() }),
  inject: Inject,
} as const;
export type InstantActionName = keyof typeof INSTANT_ACTIONS;
export const INSTANT_ACTION_NAMES = Object.keys(INSTANT_ACTIONS) as InstantActionName[];

/** One action inside `together`. */
const InstantStep = z.strictObject(mapOptional(INSTANT_ACTIONS)).superRefine((step, ctx) => {
  const actions = INSTANT_ACTION_NAMES.filter((a) => step[a] !== undefined);
  if (actions.length !== 1) {
    ctx.addIssue({ code: 'custom', message: localMessage(M.togetherOne, { actions: INSTANT_ACTION_NAMES.join(', '), given: actions.length ? { en: `, not ${actions.join(' and ')}`, ko: ` (여기에는 ${actions.join(', ')})` } : '' }) });
  }
});

/** The actions a step can take; a step takes at most one. */
export const ACTIONS = {
  ...INSTANT_ACTIONS,
  together: z.array(InstantStep).min(2, localMessage(M.togetherMin)).max(8, localMessage(M.togetherMax, { max: 8 }))
    .describe('actions taken at the same instant, before any of them reaches the wire: a simultaneous open or close'),
  'http-get': z.strictObject({ from: name, url: httpUrl }),
  'serve-http': z.strictObject({ host: name, port: port.optional(), body: sized, keepAlive: z.boolean().optional() }),
  'dns-lookup': z.strictObject({ from: name, name: dnsName }),
  impair: Impair,
  wait: millis,
  quiz: Quiz,
} as const;

export type ActionName = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

export const Step = z
  .strictObject({
    say: Text.optional(),
    view: View.optional(),
    background: z.boolean().optional()
      .describe('what this step makes is background to the lesson (ARP before a handshake): the player stops only where a host sends a frame, where it ends, and where congestion control acts (cwnd, duplicate ACKs, resends)'),
    ...mapOptional(ACTIONS),
  })
  .superRefine((step, ctx) => {
    const actions = ACTION_NAMES.filter((a) => step[a] !== undefined);
    if (actions.length > 1) ctx.addIssue({ code: 'custom', message: localMessage(M.oneAction, { actions: { en: actions.join(' and '), ko: actions.join(', ') } }) });
    if (actions.length === 0 && !step.say && !step.view) {
      ctx.addIssue({ code: 'custom', message: localMessage(M.emptyStep, { actions: ACTION_NAMES.join(', ') }) });
    }
  });

function mapOptional<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}

/** The longest built-in script has under 30 steps; a learner would not step through more. */
export const MAX_STEPS = 500;
export const MAX_CONNECTS = 50;

export const Lesson = z.strictObject({
  id: name,
  title: text('title'),
  summary: text('summary'),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  topics: z.array(z.enum(TOPICS)).min(1),
  prerequisites: z.array(name).optional(),
  minutes: z.number().int().min(1).max(60).optional()
    .describe('no longer used: the menu reads how long a lesson takes off its text, at a cited reading speed, plus time to answer each quiz'),
  topology: z.union([z.enum(BUILTIN_TOPOLOGIES), InlineTopology]),
  capture: z.union([
    z.string().describe('where export captures, like tcpdump there: a host name or a link name'),
    z.strictObject({
      at: z.string().optional().describe('a host name or a link name (default: the first host)'),
      from: name.describe("a quiz's id: the capture starts mid-stream, with the first frame the capture point sees after that quiz's place in the script"),
    }),
  ]).optional().describe('where export captures, like tcpdump there; { at, from } starts the capture mid-stream'),
  settings: Settings.optional(),
  script: z.array(Step).min(1).max(MAX_STEPS, localMessage(M.maxSteps, { max: MAX_STEPS }))
    .refine((steps) => steps.reduce((n, s) => n + (s.connect ? 1 : 0) + (s.together ?? []).filter((t) => t.connect).length, 0) <= MAX_CONNECTS, localMessage(M.maxConnects, { max: MAX_CONNECTS })),
});

export type Lesson = z.infer<typeof Lesson>;
export type LessonStep = z.infer<typeof Step>;
export type InstantStep = z.infer<typeof InstantStep>;
export type InjectSpec = z.infer<typeof Inject>;
export type SeqSpec = z.infer<typeof SeqSpec>;
export type QuizSpec = z.infer<typeof Quiz>;
export type FrameMatchSpec = z.infer<typeof FrameMatch>;
export type InlineTopologySpec = z.infer<typeof InlineTopology>;
export type TextSpec = z.infer<typeof Text>;
