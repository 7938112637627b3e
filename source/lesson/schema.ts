// The lesson format. This zod schema is the one definition: the loader validates with it,
// `lessons/lesson.schema.json` is generated from it for editors, and the docs describe it.
// Answers are never part of a lesson: a quiz says what to ask, the simulation computes it.
import { z } from 'zod';
import { QUIZ_ASKS } from '../quiz/checkpoint.js';
import { httpUrlProblem } from '../sim/apps/http.js';
import { isIpv4, isMac } from '../wire/address.js';
import { nameProblem } from '../wire/dns.js';

/** Longest text a lesson may hold in one place, in characters. */
export const MAX_TEXT = 4000;
/**
 * Control characters other than newline and tab would reach the learner's terminal raw
 * (switch screens, hide the cursor, retitle the window).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const prose = (what: string) => z.string()
  .min(1, `the ${what} is empty`)
  .max(MAX_TEXT, `the ${what} is longer than ${MAX_TEXT} characters`)
  .refine((s) => !CONTROL.test(s), `the ${what} holds a control character (such as ESC), which would reach the terminal raw`);
const text = (what: string) =>
  z.strictObject({
    en: prose(`English (en) ${what}`),
    ko: prose(`Korean (ko) ${what}`),
  });

export const Text = text('text').describe('Text in English (en) and Korean (ko); both are required.');

const name = z.string().max(64, 'names are at most 64 characters').regex(/^[a-z][a-z0-9-]*$/, 'use lowercase letters, digits and dashes, starting with a letter');
const ipv4 = z.string().refine(isIpv4, 'not an IPv4 address (like 192.168.1.10)');
const mac = z.string().refine(isMac, 'not a MAC address (like 02:00:00:00:00:0a)');
const cidr = z.string().refine((s) => {
  const [ip, len, extra] = s.split('/');
  return extra === undefined && ip !== undefined && isIpv4(ip) && /^\d+$/.test(len ?? '') && Number(len) <= 32;
}, 'not a prefix in CIDR form (like 10.0.2.0/24)');
const port = z.number().int().min(1).max(65535);
const prefixLength = z.number().int().min(0).max(32);
/** A day of simulated time: longer than any timer a lesson can show (keep-alive's 2 hours). */
export const MAX_MILLIS = 86_400_000;
const millis = z.number().min(0).max(MAX_MILLIS, 'at most 86400000 ms (a day)').describe('milliseconds');
/**
 * Bytes one send or one HTTP body may carry: a megabyte is some 700 segments, every one of
 * them stepped through; more would take minutes to simulate and no learner would step it.
 */
export const MAX_BYTES = 1_000_000;
const byteCount = z.number().int().min(0).max(MAX_BYTES, `at most ${MAX_BYTES} bytes`);
/** A fixed number, or a range the seed draws from so that each learner sees their own. */
const sized = z.union([
  byteCount,
  z.strictObject({ min: byteCount, max: byteCount }).refine((r) => r.min <= r.max, 'min is above max'),
]);
/** A problem found by `check`, as the lesson's error at that node. */
const checked = (check: (s: string) => string | null) => z.string().min(1).superRefine((s, ctx) => {
  const problem = check(s);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
const dnsName = checked((s) => {
  const p = nameProblem(s);
  return p === null ? null : `not a DNS name: ${p}`;
});

export const TOPICS = [
  'layers', 'encapsulation', 'segmentation', 'decapsulation', 'dns', 'arp', 'routing', 'tcp-header',
  'handshake', 'seqack', 'window', 'loss', 'close', 'rst', 'journey', 'capture', 'udp',
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
});

const RouterInterface = z.strictObject({ name, ip: ipv4, prefix: prefixLength, mac: mac.optional() });

const Router = z.strictObject({
  name,
  interfaces: z.array(RouterInterface).min(2),
  routes: z.array(z.strictObject({ prefix: cidr, via: ipv4.optional(), iface: name })).optional(),
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
  switches: z.array(z.strictObject({ name })).optional(),
  routers: z.array(Router).optional(),
  links: z.array(Link).min(1),
  dns: z.strictObject({
    server: name,
    records: z.record(z.string(), ipv4).superRefine((records, ctx) => {
      for (const key of Object.keys(records)) {
        const p = nameProblem(key);
        if (p !== null) ctx.addIssue({ code: 'custom', path: [key], message: `not a DNS name: ${p}` });
      }
    }),
  }).optional(),
});

const Settings = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff).optional().describe('fix every random number; --seed overrides'),
  isn: z.record(name, z.number().int().min(0).max(0xffffffff)).optional().describe('fixed initial sequence numbers by host'),
  mss: z.number().int().min(64).max(9000).optional(),
  window: z.number().int().min(0).max(1 << 30).optional().describe('receive buffer, the window a host advertises'),
  sendBuffer: z.number().int().min(1).optional(),
  msl: millis.optional(),
  delayedAck: z.boolean().optional(),
});

/** Picks a frame: the first after this point in the script that matches everything given. */
const FrameMatch = z.strictObject({
  from: name.optional(),
  to: name.optional(),
  protocol: z.enum(['tcp', 'udp', 'arp', 'dns', 'icmp']).optional(),
  flags: z.string().regex(/^[CEUAPRSF.]+$/, 'flags are letters from CEUAPRSF').optional(),
  data: z.boolean().optional().describe('true: carries payload; false: carries none'),
  nth: z.number().int().min(1).optional().describe('the nth match (default 1)'),
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

/** The actions a step can take; a step takes at most one. */
export const ACTIONS = {
  listen: z.strictObject({ host: name, port }),
  connect: z.strictObject({ from: name, to: z.string(), port, socket: name.optional() }),
  send: z.strictObject({ socket: name.optional(), text: z.string().optional(), bytes: sized.optional() })
    .refine((s) => (s.text === undefined) !== (s.bytes === undefined), 'give either text or bytes'),
  read: z.strictObject({ socket: name.optional(), bytes: z.number().int().min(1).optional() }),
  close: z.strictObject({ socket: name.optional() }),
  abort: z.strictObject({ socket: name.optional() }),
  'http-get': z.strictObject({ from: name, url: checked(httpUrlProblem) }),
  'serve-http': z.strictObject({ host: name, port: port.optional(), body: sized, keepAlive: z.boolean().optional() }),
  'dns-lookup': z.strictObject({ from: name, name: dnsName }),
  arp: z.strictObject({ from: name, ip: ipv4 }),
  ping: z.strictObject({ from: name, to: z.string() }),
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
      .describe('what this step makes is background to the lesson (ARP before a handshake): the player stops only where a host sends a frame, and where it ends'),
    ...mapOptional(ACTIONS),
  })
  .superRefine((step, ctx) => {
    const actions = ACTION_NAMES.filter((a) => step[a] !== undefined);
    if (actions.length > 1) ctx.addIssue({ code: 'custom', message: `a step takes one action, not ${actions.join(' and ')}` });
    if (actions.length === 0 && !step.say && !step.view) {
      ctx.addIssue({ code: 'custom', message: `an empty step: give say, view or one of ${ACTION_NAMES.join(', ')}` });
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
  minutes: z.number().int().min(1).max(60).optional(),
  topology: z.union([z.enum(BUILTIN_TOPOLOGIES), InlineTopology]),
  capture: z.string().optional().describe('where export captures, like tcpdump there: a host name or a link name'),
  settings: Settings.optional(),
  script: z.array(Step).min(1).max(MAX_STEPS, `a script of at most ${MAX_STEPS} steps`)
    .refine((steps) => steps.filter((s) => s.connect).length <= MAX_CONNECTS, `at most ${MAX_CONNECTS} connects in a lesson`),
});

export type Lesson = z.infer<typeof Lesson>;
export type LessonStep = z.infer<typeof Step>;
export type QuizSpec = z.infer<typeof Quiz>;
export type FrameMatchSpec = z.infer<typeof FrameMatch>;
export type InlineTopologySpec = z.infer<typeof InlineTopology>;
export type TextSpec = z.infer<typeof Text>;
