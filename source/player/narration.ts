// One or two sentences for the step on screen, composed from the step's facts.
import { withoutFields, withoutSeqEnd } from '../sim/summary.js';
import { dropText, resetText } from '../i18n/reasons.js';
import { deviceText, hostInSentence, hostText, type HostLabels } from '../i18n/hosts.js';
import { congestionRule } from '../i18n/congestion.js';
import { causeText } from '../i18n/tcp-causes.js';
import type { Text } from '../i18n/text.js';
import type { CheckKind, FrameRecord, Step } from '../sim/trace.js';
import type { RetransmitReason, SegmentVerdict } from '../sim/tcp/api.js';
import type { Numbering } from '../quiz/checkpoint.js';
import { hostOfAddress, type Dissection } from './dissect.js';
import { fieldLabel, isSeqKey } from './fields.js';
import { flowKey, reverseFlow, showSeq, type FlowKey, type SeqBases } from '../wire/relative.js';
import {
  byteCount, CHECKS, duration, FATE_WHY, FATES, fill, frameName, sentenceStart, LAYER_NAMES, NARRATION, PDU_NAMES, PROTOCOL_NAMES, RETRANSMIT_REASONS, sizedUnit, SOCKET_NAMES, TIMERS, unitName,
} from './text.js';

export interface NarrationContext {
  readonly frames: readonly FrameRecord[];
  /** Read back in the history while a quiz waits: a hidden step says what happened without asking the question again. */
  readonly past?: boolean;
  /** The frame built at this step carries bytes TCP sends again, and why (see `resentBy`); null or absent for new data. */
  readonly resent?: RetransmitReason | null;
  readonly dissections: readonly Dissection[];
  readonly bases: SeqBases;
  readonly numbering: Numbering;
  /** The field written at this step is a quiz: do not say its value. */
  readonly hideValue: boolean;
  /** An open quiz asks this host's TCP state: a change of its state does not say where it goes. */
  readonly hideStateOf?: string | null;
  /**
   * An open quiz asks which flags this host sends next: its decision to answer with RST is
   * not told, nor what a state change of it owes the peer (`send SYN-ACK`).
   */
  readonly hideResetOf?: string | null;
  /**
   * An open quiz asks a sequence or acknowledgment number: a one-liner's `seq 1:1461` does
   * not give the range's end, which is the next number in that direction, and a
   * retransmission does not say the seq it resends from.
   */
  readonly hideNextSeq?: boolean;
  /**
   * An open quiz asks the ack `host` sends next: its sequence checks do not say which byte it
   * expected, nor does its `peer` say what a duplicate ACK acknowledged.
   */
  readonly hideAckOf?: { readonly host: string; readonly peer: string } | null;
  /** An open quiz asks the window this host advertises next: its buffer does not say it. */
  readonly hideWindowOf?: string | null;
  /** Fields of the frame on screen a `blank` quiz asks: left out of its one-liner. */
  readonly hideInSummary?: ReadonlySet<string>;
  /** In header-by-header detail: how many fields this stop wrote. */
  readonly headerFields: number | null;
  /** When this stop wrote the bits of one flags field together: the names of those set. */
  readonly flagBits?: readonly string[] | null;
  /** A frame as named on screen (its number in the exported capture). */
  readonly frameLabel: (frame: number) => string;
  /** A frame's name in a sentence (`PlayerBook.frameName`); without it, made from its label. */
  readonly frameName?: (frame: number) => Text;
  /** What the lesson calls its nodes in sentences (its topology's labels). */
  readonly labels?: HostLabels;
  /** The socket a TCP step is about: its sending (`out`) and receiving (`in`) directions. */
  readonly socketFlows: { readonly out: FlowKey; readonly in: FlowKey } | null;
}

const BROADCAST = 'ff:ff:ff:ff:ff:ff';

function num(ctx: Pick<NarrationContext, 'bases' | 'numbering'>, flow: FlowKey | null, value: string): string {
  if (flow === null || !/^\d+$/.test(value)) return value;
  return showSeq(ctx.bases, flow, Number(value), ctx.numbering);
}

/** A receiving check as a learner reads it: `dst MAC 02:00:00:00:00:50 = my NIC ✓`. */
export function describeCheck(
  c: { readonly check: CheckKind; readonly ok: boolean; readonly expected: string; readonly actual: string; readonly verdict: SegmentVerdict | null; readonly flow: FlowKey | null; readonly offload?: boolean },
  ctx: Pick<NarrationContext, 'bases' | 'numbering'> & { readonly hideExpected?: boolean },
): Text {
  const p = { actual: c.actual, expected: c.expected };
  switch (c.check) {
    case 'eth.dst':
      if (!c.ok) return fill(CHECKS.ethDstBad, p);
      return fill(c.actual.toLowerCase() === BROADCAST ? CHECKS.ethDstBroadcast : CHECKS.ethDstOk, p);
    case 'eth.fcs':
      return fill(c.ok ? CHECKS.ethFcsOk : CHECKS.ethFcsBad, p);
    case 'ip.checksum':
      if (c.offload) return fill(CHECKS.checksumOffload, { ...p, protocol: 'IP' });
      return fill(c.ok ? CHECKS.ipChecksumOk : CHECKS.ipChecksumBad, p);
    case 'ip.dst':
      return fill(c.ok ? CHECKS.ipDstOk : CHECKS.ipDstBad, p);
    case 'ip.ttl':
      return fill(c.ok ? CHECKS.ipTtlOk : CHECKS.ipTtlBad, p);
    case 'tcp.checksum':
      if (c.offload) return fill(CHECKS.checksumOffload, { ...p, protocol: 'TCP' });
      return fill(c.ok ? CHECKS.tcpChecksumOk : CHECKS.tcpChecksumBad, p);
    case 'udp.checksum':
      return fill(c.ok ? CHECKS.udpChecksumOk : CHECKS.udpChecksumBad, p);
    case 'port': {
      // A segment other than a SYN finds no connection although something listens (RFC 9293 §3.10.7.1).
      if (!c.ok) return fill(c.expected === 'LISTEN' ? CHECKS.portNoConnection : CHECKS.portBad, p);
      // The receiver names the socket by id and state (`client#1 (FIN_WAIT_2)`): a learner
      // reads the state; the id is the trace's, not a word of theirs.
      const conn = /^\S+#\d+ \((\w+)\)$/.exec(c.expected);
      if (conn) return fill(CHECKS.portConnection, { actual: c.actual, state: conn[1]! });
      if (c.expected === 'LISTEN') return fill(CHECKS.portListen, p);
      return fill(CHECKS.portOk, p);
    }
    case 'tcp.seq': {
      // The byte expected next is the receiver's next ack: `?` while a quiz asks it.
      const q = { actual: num(ctx, c.flow, c.actual), expected: ctx.hideExpected ? '?' : num(ctx, c.flow, c.expected) };
      switch (c.verdict) {
        case 'out-of-order':
          return fill(CHECKS.seqOutOfOrder, q);
        case 'duplicate':
          return fill(CHECKS.seqDuplicate, q);
        case 'outside-window':
          // The very byte expected, into a window of 0 (a zero-window probe): in place, but no room.
          return fill(c.actual === c.expected ? CHECKS.seqNoRoom : CHECKS.seqOutside, q);
        case 'no-data':
          return fill(CHECKS.seqNoData, q);
        default:
          return fill(c.ok ? CHECKS.seqOk : CHECKS.seqOutside, q);
      }
    }
  }
}

function verdictTemplate(v: SegmentVerdict): Text {
  switch (v) {
    case 'in-order':
      return NARRATION.tcpSegmentInOrder;
    case 'out-of-order':
      return NARRATION.tcpSegmentOutOfOrder;
    case 'duplicate':
      return NARRATION.tcpSegmentDuplicate;
    case 'outside-window':
      return NARRATION.tcpSegmentOutsideWindow;
    case 'no-data':
      return NARRATION.tcpSegmentNoData;
  }
}

/**
 * The local port of a host's later socket (`client#2`, numbered in order of creation), which
 * a sentence names to tell it from the host's first; null for a host's first socket, which
 * the host's name alone stands for.
 */
function laterSocketPort(socket: string, ctx: NarrationContext): string | null {
  const n = /#(\d+)$/.exec(socket);
  if (!n || Number(n[1]) <= 1 || !ctx.socketFlows) return null;
  const local = ctx.socketFlows.out.split('>')[0] ?? '';
  return local.slice(local.lastIndexOf(':') + 1) || null;
}

/** A TCP step's subject: the host, or the host's connection on its port (see SOCKET_NAMES). */
function socketWho(host: string, socket: string, ctx: NarrationContext): Text {
  const port = laterSocketPort(socket, ctx);
  const name = hostText(host, ctx.labels);
  return port === null ? name : fill(SOCKET_NAMES.connectionOnPort, { host: name, port });
}

/** The socket an application writes to or reads from. */
function socketOf(socket: string, ctx: NarrationContext): Text {
  const port = laterSocketPort(socket, ctx);
  return port === null ? SOCKET_NAMES.socket : fill(SOCKET_NAMES.socketOnPort, { port });
}

/** `frame` and `Frame` (a sentence's start) for a template. */
function frameParams(ctx: NarrationContext, frame: number): { frame: Text; Frame: Text } {
  const name = ctx.frameName?.(frame) ?? frameName(ctx.frameLabel(frame));
  return { frame: name, Frame: sentenceStart(name) };
}

/**
 * What a link did to a frame, as a learner reads it: whose frame it was (its first sender,
 * before any router's copy), and for a loss the host it never reaches (the owner of its
 * destination IP). A frame the capture holds is named by its number; one it does not, by
 * what it carries (`the server's TCP segment`), not by "a frame not in the capture".
 */
export function linkFate(step: Extract<Step, { kind: 'link-fate' }>, ctx: Pick<NarrationContext, 'frames' | 'dissections' | 'frameLabel' | 'frameName' | 'labels'>): Text {
  const nodeOf = (iface: string) => iface.split(':')[0]!;
  let root = ctx.frames[step.frame];
  while (root && root.parent !== null && ctx.frames[root.parent]) root = ctx.frames[root.parent];
  const sender = root ? nodeOf(root.from) : '?';
  const dst = ctx.dissections[step.frame]?.ip?.dst;
  const receiver = dst === undefined ? null : hostOfAddress(ctx.frames, ctx.dissections, dst);
  const label = ctx.frameLabel(step.frame);
  const carried = ctx.dissections[step.frame]?.parts.find((p) => p.protocol !== 'data' && p.protocol !== 'http');
  const what = label !== '–' ? ctx.frameName?.(step.frame) ?? frameName(label) : carried ? unitName(carried.protocol) : PDU_NAMES.frame;
  const who = hostInSentence(sender, ctx.labels);
  const whose = { en: `${who.en.replace(/^the /, 'The ')}'s`, ko: who.ko };
  const template = step.fate === 'dropped' && receiver === null ? FATES.droppedNowhere : FATES[step.fate];
  return fill(template, { whose, sender: hostText(sender, ctx.labels), what, why: FATE_WHY[step.why], receiver: receiver === null ? '' : hostInSentence(receiver, ctx.labels) });
}

export function narrate(step: Step, ctx: NarrationContext): Text {
  switch (step.kind) {
    case 'app-write':
      return fill(NARRATION.appWrite, { host: hostText(step.host, ctx.labels), socket: socketOf(step.socket, ctx), length: step.length, preview: step.preview });
    case 'app-read':
      return fill(NARRATION.appRead, { host: hostText(step.host, ctx.labels), socket: socketOf(step.socket, ctx), length: step.length, preview: step.preview });
    case 'buffer':
      return fill(NARRATION.buffer, {
        who: socketWho(step.host, step.socket, ctx), send: step.sendBuffered, recv: step.recvBuffered,
        window: ctx.hideWindowOf === step.host ? '?' : step.window,
      });
    case 'encap-begin':
      if (step.protocol === 'data') {
        const begin = ctx.resent === 'persist-probe' ? NARRATION.encapBeginProbe : ctx.resent ? NARRATION.encapBeginResent : NARRATION.encapBeginData;
        return fill(begin, { host: hostText(step.host, ctx.labels) });
      }
      return fill(NARRATION.encapBegin, { host: hostText(step.host, ctx.labels), layer: LAYER_NAMES[step.layer], protocol: PROTOCOL_NAMES[step.protocol] });
    case 'encap-field': {
      if (ctx.flagBits) {
        if (ctx.flagBits.length === 0) return fill(NARRATION.encapFlagsNone, { host: hostText(step.host, ctx.labels), protocol: PROTOCOL_NAMES[step.protocol] });
        return fill(NARRATION.encapFlags, { host: hostText(step.host, ctx.labels), protocol: PROTOCOL_NAMES[step.protocol], set: ctx.flagBits.join(', ') });
      }
      if (ctx.headerFields !== null && ctx.headerFields > 1) {
        return fill(NARRATION.encapHeader, { layer: LAYER_NAMES[step.layer], protocol: PROTOCOL_NAMES[step.protocol], count: ctx.headerFields });
      }
      const name = fieldLabel(step.key);
      if (ctx.hideValue) return fill(NARRATION.encapFieldHidden, { host: hostText(step.host, ctx.labels), protocol: PROTOCOL_NAMES[step.protocol], name });
      const d = ctx.dissections[step.frame];
      const ackless = step.key === 'tcp.ack' && d?.tcp?.ack === null;
      const fwd = isSeqKey(step.key) && d?.tcp && !ackless ? flowKey(d.tcp.srcIp, d.tcp.srcPort, d.tcp.dstIp, d.tcp.dstPort) : null;
      // An acknowledgment number counts the other direction's bytes.
      const flow = fwd !== null && step.key === 'tcp.ack' ? reverseFlow(fwd) : fwd;
      return fill(NARRATION.encapField, { host: hostText(step.host, ctx.labels), protocol: PROTOCOL_NAMES[step.protocol], name, value: num(ctx, flow, step.value) });
    }
    case 'encap-end': {
      const parts = ctx.dissections[step.frame]?.parts ?? [];
      const below = parts[parts.findIndex((p) => p.protocol === step.protocol) + 1];
      if (!below) return fill(NARRATION.encapEndLink, { length: step.length });
      const p = {
        protocol: PROTOCOL_NAMES[step.protocol], unit: unitName(step.protocol), size: byteCount(step.length),
        what: sizedUnit(step.protocol, step.length), below: PROTOCOL_NAMES[below.protocol], belowLayer: LAYER_NAMES[below.layer],
      };
      if (step.layer === 'application') return fill(ctx.resent === 'persist-probe' ? NARRATION.encapEndProbe : ctx.resent ? NARRATION.encapEndResent : NARRATION.encapEndApp, p);
      return fill(below.layer === step.layer ? NARRATION.encapEndSame : NARRATION.encapEnd, p);
    }
    case 'transmit': {
      const f = ctx.frames[step.frame];
      const whole = withoutFields(f?.summary ?? '', ctx.hideInSummary ?? new Set());
      const summary = ctx.hideNextSeq ? withoutSeqEnd(whole) : whole;
      return fill(NARRATION.transmit, { ...frameParams(ctx, step.frame), from: f?.from ?? '?', link: f?.link ?? '?', summary });
    }
    case 'link-fate':
      return linkFate(step, ctx);
    case 'arrive':
      // An interface is named `node:eth0` in the topology; after the node's name, `eth0` says it.
      return fill(NARRATION.arrive, { ...frameParams(ctx, step.frame), node: hostText(step.node, ctx.labels), iface: step.iface.startsWith(`${step.node}:`) ? step.iface.slice(step.node.length + 1) : step.iface });
    case 'switch-learn':
      return fill(NARRATION.switchLearn, { node: deviceText(step.node, 'switch', ctx.labels), mac: step.mac, port: step.port });
    case 'switch-forward':
      return fill(step.flooded ? NARRATION.switchFlood : NARRATION.switchForward, { node: deviceText(step.node, 'switch', ctx.labels), ...frameParams(ctx, step.frame) });
    case 'router-forward':
      return fill(NARRATION.routerForward, { node: deviceText(step.node, 'router', ctx.labels), nextHop: step.nextHop, route: step.route, changed: step.changed.length });
    case 'router-drop':
      return fill(step.reason === 'ttl-expired' ? NARRATION.routerDropTtl : NARRATION.routerDropNoRoute, { node: deviceText(step.node, 'router', ctx.labels) });
    case 'decap-check': {
      const d = ctx.dissections[step.frame];
      const flow = d?.tcp ? flowKey(d.tcp.srcIp, d.tcp.srcPort, d.tcp.dstIp, d.tcp.dstPort) : null;
      const check = describeCheck({ ...step, verdict: step.verdict ?? null, flow, offload: step.offload === true }, { ...ctx, hideExpected: ctx.hideAckOf?.host === step.node });
      return fill(NARRATION.decapCheck, { node: hostText(step.node, ctx.labels), layer: LAYER_NAMES[step.layer], check });
    }
    case 'decap-strip': {
      // What goes up is the part above this one in the frame, with its own unit and size
      // (an Ethernet payload's padding, a UDP header, are not part of it).
      const parts = ctx.dissections[step.frame]?.parts ?? [];
      const i = parts.findIndex((p) => p.protocol === step.protocol);
      const up = i > 0 ? parts[i - 1]! : null;
      const base = { node: hostText(step.node, ctx.labels), protocol: PROTOCOL_NAMES[step.protocol], pdu: PDU_NAMES[step.pdu] };
      if (up === null) {
        return fill(step.layer === 'transport' ? NARRATION.decapStripEmpty : NARRATION.decapStripLast, base);
      }
      const p = {
        ...base, unit: unitName(up.protocol), size: byteCount(up.pdu.end - up.pdu.start),
        what: sizedUnit(up.protocol, up.pdu.end - up.pdu.start),
        above: PROTOCOL_NAMES[up.protocol], aboveLayer: LAYER_NAMES[up.layer],
      };
      if (up.layer === 'application') return fill(NARRATION.decapStripTop, p);
      return fill(up.layer === step.layer ? NARRATION.decapStripSame : NARRATION.decapStrip, p);
    }
    case 'drop':
      return fill(NARRATION.drop, { node: hostText(step.node, ctx.labels), ...frameParams(ctx, step.frame), layer: LAYER_NAMES[step.layer], reason: dropText(step.reason) });
    case 'arp-wait':
      return fill(NARRATION.arpWait, { host: hostText(step.host, ctx.labels), ip: step.ip });
    case 'arp-learn':
      return fill(NARRATION.arpLearn, { host: hostText(step.host, ctx.labels), ip: step.ip, mac: step.mac });
    case 'tcp-state':
      if (ctx.hideStateOf === step.host) return fill(ctx.past ? NARRATION.tcpStateHiddenPast : NARRATION.tcpStateHidden, { who: socketWho(step.host, step.socket, ctx), from: step.from });
      if (ctx.hideResetOf === step.host) return fill(ctx.past ? NARRATION.tcpStateFlagsHiddenPast : NARRATION.tcpStateFlagsHidden, { who: socketWho(step.host, step.socket, ctx), from: step.from, to: step.to });
      return fill(NARRATION.tcpState, { who: socketWho(step.host, step.socket, ctx), from: step.from, to: step.to, cause: causeText(step.cause), rfc: step.cause.rfc });
    case 'tcp-timer': {
      const t = step.action === 'start' ? NARRATION.tcpTimerStart : step.action === 'stop' ? NARRATION.tcpTimerStop : NARRATION.tcpTimerFire;
      return fill(t, { who: socketWho(step.host, step.socket, ctx), timer: TIMERS[step.timer] });
    }
    case 'tcp-segment':
      return fill(verdictTemplate(step.verdict), {
        host: hostText(step.host, ctx.labels), length: step.length,
        seq: num(ctx, ctx.socketFlows?.in ?? null, String(step.seq)),
        expected: ctx.hideAckOf?.host === step.host ? '?' : num(ctx, ctx.socketFlows?.in ?? null, String(step.expected)),
      });
    case 'tcp-retransmit':
      return fill(step.reason === 'persist-probe' ? NARRATION.tcpProbe : NARRATION.tcpRetransmit, {
        host: hostText(step.host, ctx.labels), seq: ctx.hideNextSeq ? '?' : num(ctx, ctx.socketFlows?.out ?? null, String(step.seq)), reason: RETRANSMIT_REASONS[step.reason],
      });
    case 'tcp-dup-ack':
      return fill(NARRATION.tcpDupAck, {
        host: hostText(step.host, ctx.labels), count: step.count,
        ack: ctx.hideAckOf?.peer === step.host ? '?' : num(ctx, ctx.socketFlows?.out ?? null, String(step.ack)),
      });
    case 'tcp-congestion':
      return fill(NARRATION.tcpCongestion, { host: hostText(step.host, ctx.labels), rule: congestionRule(step) });
    case 'tcp-reset':
      if (ctx.hideResetOf === step.host && step.reason.code !== 'gave-up') return fill(ctx.past ? NARRATION.tcpAnswerHiddenPast : NARRATION.tcpAnswerHidden, { host: hostInSentence(step.host, ctx.labels) });
      if (step.reason.code === 'gave-up') return fill(NARRATION.tcpGaveUp, { host: hostText(step.host, ctx.labels), reason: resetText(step.reason) });
      // After "RST." the reason starts a sentence.
      return fill(NARRATION.tcpReset, { host: hostText(step.host, ctx.labels), reason: sentenceStart(resetText(step.reason)) });
    case 'dns-query':
      return fill(NARRATION.dnsQuery, { host: hostText(step.host, ctx.labels), name: step.name });
    case 'idle':
      return fill(NARRATION.idle, { duration: duration(step.t - step.since) });
    case 'dns-answer':
      return fill(NARRATION.dnsAnswer, { host: hostText(step.host, ctx.labels), name: step.name, addresses: step.addresses.join(', ') });
  }
}

/**
 * Why the frame built at step `i` carries bytes TCP sends again (a retransmission, a
 * probe), or null for data the application has just written: the trace tells TCP's
 * decision just before the frame's first encapsulation step, with only timers and window
 * changes between.
 */
export function resentBy(steps: readonly Step[], i: number): RetransmitReason | null {
  const s = steps[i];
  if (!s || (s.kind !== 'encap-begin' && s.kind !== 'encap-end')) return null;
  let j = i;
  while (j > 0) {
    const prev = steps[j - 1]!;
    if ((prev.kind === 'encap-begin' || prev.kind === 'encap-end' || prev.kind === 'encap-field') && prev.frame === s.frame) j--;
    else break;
  }
  for (let k = j - 1; k >= 0 && k >= j - 8; k--) {
    const t = steps[k]!;
    if (t.kind === 'tcp-retransmit') return t.host === s.host ? t.reason : null;
    if (t.kind !== 'tcp-timer' && t.kind !== 'tcp-congestion') return null;
  }
  return null;
}
