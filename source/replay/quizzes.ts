// Quizzes made from a capture: the same questions a lesson asks (lesson/quiz.ts), chosen
// by what happened in this conversation, and answered and explained by the same code. A
// question is asked only when its answer is the capture's own truth: every seq or ack
// answer is checked against Wireshark's relative number for that frame.
import { hostText } from '../i18n/hosts.js';
import type { Text } from '../i18n/text.js';
import { resolveQuiz } from '../lesson/quiz.js';
import { stepsSeen, type Checkpoint } from '../quiz/checkpoint.js';
import type { QuizSpec } from '../lesson/schema.js';
import { baseOf } from '../wire/relative.js';
import { seq as toSeq, seqAdd, seqGe, seqGt, type Seq } from '../wire/seq.js';
import { A_FAST_RETRANSMISSION, A_LOST_SEGMENT, A_OUT_OF_ORDER, A_RETRANSMISSION } from '../capture/analysis/tcp-analysis.js';
import type { ReplayPacket, ReplayTrace, Role } from './build.js';
import { occupied } from './ends.js';
import { text } from './messages.js';
import { dissect } from '../wire/dissect.js';

/** Enough to practise on, few enough to finish a capture. */
export const MAX_REPLAY_QUIZZES = 12;
const MAX_GAP_QUIZZES = 4;
/** Blanked fields: one each of seq, ack and TTL at most. */
const MAX_BLANK_QUIZZES = 3;

interface Wanted {
  readonly spec: QuizSpec;
  /** The packet the question is about. */
  readonly packet: ReplayPacket & { readonly transmitAt: number };
}

const PEER: Record<Role, Role> = { client: 'server', server: 'client' };

function shown(p: ReplayPacket | undefined): p is ReplayPacket & { frame: number; transmitAt: number } {
  return p !== undefined && p.frame !== null && p.transmitAt !== null;
}

function endOf(p: ReplayPacket): Seq {
  return seqAdd(p.facts.seq, occupied(p.facts));
}

/** `n` of `list`, evenly spaced; `phase` (0–1) shifts where in each stretch the pick falls. */
function spread<T>(list: readonly T[], n: number, phase: number): T[] {
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(list[Math.floor(((k + phase) * list.length) / n)]!);
  return out;
}

export function replayQuizzes(rt: ReplayTrace, max = MAX_REPLAY_QUIZZES): Checkpoint[] {
  const packets = rt.packets;
  const { endpoints, bases } = rt;
  const ask = (id: string, p: ReplayPacket & { transmitAt: number }, spec: Omit<QuizSpec, 'id' | 'frame'>, explain?: Text): Wanted => ({
    spec: { id, frame: { from: p.from }, numbering: 'relative', ...spec, ...(explain && { explain }) },
    packet: p,
  });
  /** The first packet from `who` sent after step `after` that matches. */
  const nextFrom = (who: Role, after: number, ok: (p: ReplayPacket) => boolean) =>
    packets.find((p) => p.from === who && p.transmitAt !== null && p.transmitAt > after && ok(p));
  // Asked only where the segment moves its receiver to a new state: the question is about
  // a change, and the screen hides the receiver's state (`?`) until the answer is in.
  const stateAfter = (id: string, p: ReplayPacket | undefined): Wanted | null =>
    shown(p) && p.arrival !== null && p.arrival.changes.length > 0 ? ask(id, p, { ask: 'state', host: PEER[p.from] }) : null;

  const required: Wanted[] = [];
  const gaps: Wanted[] = [];
  const add = (list: Wanted[], w: Wanted | null | undefined) => {
    if (w) list.push(w);
  };

  // The handshake: what the SYN does to the server, the ack on the SYN-ACK, what the ACK does.
  if (rt.opening === 'syn') {
    const syn = packets.find((p) => p.from === 'client' && p.facts.syn && p.facts.ack === null);
    add(required, stateAfter('handshake-server-state', syn));
    const synAck = packets.find((p) => p.from === 'server' && p.facts.syn && p.facts.ack !== null);
    if (shown(synAck)) {
      add(required, ask('handshake-synack-ack', synAck, { ask: 'ack' }));
      const third = nextFrom('client', synAck.transmitAt, (p) => p.facts.ack !== null && seqGe(p.facts.ack, endOf(synAck)));
      add(required, stateAfter('handshake-established', third));
    }
  }

  // The close: each FIN, the ack of the first, and what the last ACK does.
  const fins: ReplayPacket[] = [];
  for (const p of packets) if (p.facts.fin && !fins.some((f) => f.from === p.from)) fins.push(p);
  const [fin1, fin2] = fins;
  if (fin1) {
    add(required, stateAfter('close-first-fin-state', fin1));
    if (shown(fin1) && fin1.arriveAt !== null) {
      const acker = nextFrom(PEER[fin1.from], fin1.arriveAt, (p) => p.facts.ack !== null && seqGe(p.facts.ack, endOf(fin1)));
      // The rule is the FIN's own number plus one, whatever segment happens to end there.
      const data = fin1.facts.dataLength > 0 ? text('finData', { len: fin1.facts.dataLength }) : { en: '', ko: '' };
      if (shown(acker)) add(required, ask('close-fin-ack', acker, { ask: 'ack' }, text('finAck', { seq: fin1.analysis.relSeq, data, ack: acker.analysis.relAck })));
    }
  }
  if (fin2) {
    add(required, stateAfter('close-second-fin-state', fin2));
    if (shown(fin2) && fin2.arriveAt !== null) {
      const last = nextFrom(PEER[fin2.from], fin2.arriveAt, (p) => p.facts.ack !== null && seqGe(p.facts.ack, endOf(fin2)));
      add(required, stateAfter('close-last-ack-state', last));
    }
  }
  const rst = packets.find((p) => p.facts.rst);
  add(required, stateAfter('reset-state', rst));

  // Gaps: a segment after missing bytes, what the receiver acks then, and once the hole fills.
  for (const p of packets) {
    if (gaps.length >= MAX_GAP_QUIZZES) break;
    if (!shown(p) || p.arrival?.verdict !== 'out-of-order' || p.arriveAt === null) continue;
    if (!(p.analysis.flags & (A_LOST_SEGMENT | A_OUT_OF_ORDER))) continue;
    const receiver = PEER[p.from];
    gaps.push({ spec: { id: `gap-${p.n}-receiver`, ask: 'receiver', host: receiver, frame: { from: p.from } }, packet: p });
    const hole = p.arrival.expected;
    const dup = nextFrom(receiver, p.arriveAt, (q) => q.facts.ack !== null);
    if (shown(dup) && dup.facts.ack === hole) {
      gaps.push(ask(`gap-${p.n}-ack`, dup, { ask: 'ack' }, text('gapAck', {
        ack: dup.analysis.relAck, last: p.analysis.relSeq - 1, seq: p.analysis.relSeq, len: p.facts.dataLength, host: hostText(receiver),
      })));
    }
    // The retransmission that fills the hole, and the cumulative ACK that follows it.
    const fill = packets.find((q) => q.from === p.from && q.n > p.n && q.facts.seq === hole && q.arrival?.verdict === 'in-order');
    if (shown(fill) && fill.analysis.flags & (A_RETRANSMISSION | A_FAST_RETRANSMISSION) && fill.arriveAt !== null && fill.rcvNxtAfter !== null) {
      gaps.push(ask(`fill-${fill.n}-seq`, fill, { ask: 'seq' }));
      const jumped = seqGt(fill.rcvNxtAfter, endOf(fill));
      const after = nextFrom(receiver, fill.arriveAt, (q) => q.facts.ack !== null);
      if (jumped && shown(after) && after.facts.ack === fill.rcvNxtAfter) {
        gaps.push(ask(`fill-${fill.n}-ack`, after, { ask: 'ack' }, text('fillAck', { ack: after.analysis.relAck, seq: fill.analysis.relSeq, host: hostText(receiver) })));
      }
    }
  }

  // Plain data: a data segment's seq (the previous one's seq plus its length), and the ack for it.
  const seqs: Wanted[] = [];
  const acks: Wanted[] = [];
  const latest: Partial<Record<Role, ReplayPacket>> = {};
  for (const p of packets) {
    const prev = latest[p.from];
    const lastPeer = latest[PEER[p.from]];
    latest[p.from] = p;
    if (!shown(p) || p.facts.syn || p.facts.fin || p.facts.rst || p.analysis.flags) continue;
    if (p.facts.dataLength > 0 && shown(prev) && prev.facts.dataLength > 0 && prev.arrival?.verdict === 'in-order') {
      seqs.push(ask(`seq-${p.n}`, p, { ask: 'seq' }));
    } else if (p.facts.dataLength === 0 && shown(lastPeer) && lastPeer.facts.dataLength > 0 && p.facts.ack === endOf(lastPeer) && lastPeer.arrival?.verdict === 'in-order') {
      acks.push(ask(`ack-${p.n}`, p, { ask: 'ack' }));
    }
  }

  const chosen = [...required, ...gaps.slice(0, MAX_GAP_QUIZZES)].slice(0, max);
  const taken = new Set(chosen.map((w) => w.packet.n));

  // Blanks: one field of a frame shown whole, which the frames before it give away: a data
  // segment's seq (its previous one's seq plus length), a pure ACK's ack (the peer's last
  // seq plus length), a TTL its sender used before. Asked late in the conversation, so that
  // the rule has been seen at work.
  const blanks: Wanted[] = [];
  const blank = (w: Wanted | undefined, field: string) => {
    if (!w || taken.has(w.packet.n) || blanks.length >= Math.min(MAX_BLANK_QUIZZES, max - chosen.length)) return;
    taken.add(w.packet.n);
    blanks.push(ask(`blank-${w.packet.n}-${field.split('.')[1]}`, w.packet, { ask: 'blank', field }));
  };
  const late = <T extends Wanted>(list: readonly T[]) => [...list].reverse().find((w) => !taken.has(w.packet.n));
  blank(late(seqs), 'tcp.seq');
  blank(late(acks), 'tcp.ack');
  const ttlOf = (p: ReplayPacket) => (p.frame === null ? undefined : dissect(rt.trace.frames[p.frame]!.bytes)?.ipv4?.ttl);
  const sameTtl: Wanted[] = [];
  const lastTtl: Partial<Record<Role, number>> = {};
  for (const p of packets) {
    const ttl = ttlOf(p);
    if (ttl === undefined) continue;
    if (shown(p) && lastTtl[p.from] === ttl) sameTtl.push({ spec: { id: '', ask: 'blank' }, packet: p });
    lastTtl[p.from] = ttl;
  }
  blank(sameTtl[Math.floor(sameTtl.length / 2)], 'ip.ttl');
  chosen.push(...blanks);

  const room = Math.max(0, max - chosen.length);
  const freeSeqs = seqs.filter((w) => !taken.has(w.packet.n));
  const freeAcks = acks.filter((w) => !taken.has(w.packet.n));
  // Both kinds, each spread over the conversation rather than bunched at its start.
  const nAcks = Math.min(freeAcks.length, Math.max(Math.floor(room / 2), room - freeSeqs.length));
  chosen.push(...spread(freeAcks, nAcks, 0.25), ...spread(freeSeqs, Math.min(freeSeqs.length, room - nAcks), 0.75));

  const hostOfIp = (ip: string) => {
    const owners = (['client', 'server'] as const).filter((r) => endpoints[r].ip === ip);
    return owners.length === 1 ? owners[0]! : null;
  };
  // The bases in force at a packet, as the analysis counted it: a base can change during a
  // capture (a new SYN on reused ports), so a conversation's final bases are not enough.
  const basesAt = (p: ReplayPacket): Record<'client' | 'server', Seq> => {
    const peer = p.from === 'client' ? 'server' : 'client';
    return {
      ...bases,
      [p.from]: toSeq(baseOf(p.facts.seq, p.analysis.relSeq)),
      ...(p.facts.ack !== null ? { [peer]: toSeq(baseOf(p.facts.ack, p.analysis.relAck)) } : {}),
    } as Record<'client' | 'server', Seq>;
  };
  const out: Checkpoint[] = [];
  const ids = new Set<string>();
  for (const w of chosen) {
    if (ids.has(w.spec.id)) continue;
    // The quiz looks from the packet's own transmission on, so the packet is the first match.
    const at = basesAt(w.packet);
    const seqBase = (src: string, sport: number) => {
      for (const r of ['client', 'server'] as const) if (endpoints[r].ip === src && endpoints[r].port === sport) return at[r];
      return null;
    };
    const r = resolveQuiz(w.spec, { trace: rt.trace, from: w.packet.transmitAt, hostOfIp, seqBase });
    if (!r.ok || r.quiz.frame !== w.packet.frame) continue;
    const q = r.quiz;
    // The quiz and the capture analysis count by one rule (wire/relative.ts) from the same
    // bases: a disagreement is a bug to report, never a quiz to drop in silence.
    const asks = q.ask === 'blank' && q.kind === 'number' ? q.field?.replace(/^tcp\./, '') : q.ask;
    const shown = asks === 'seq' ? w.packet.analysis.relSeq : asks === 'ack' ? w.packet.analysis.relAck : null;
    if (shown !== null && q.expected !== shown) {
      throw new Error(`relative numbering disagrees at frame ${w.packet.n}: the quiz says ${q.ask} ${String(q.expected)}, the analysis ${shown}`);
    }
    // A stop before the very first step would ask before anything is on screen.
    if (q.atStep < 0) continue;
    ids.add(q.id);
    out.push(q);
  }
  return out.sort((a, b) => stepsSeen(a) - stepsSeen(b));
}
