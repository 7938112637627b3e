import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINKTYPE_LINUX_SLL2, LINKTYPE_NULL } from '../../source/capture/linklayer.js';
import { readCaptureFile } from '../../source/capture/read.js';
import { replayCapture, type Replay } from '../../source/replay/replay.js';
import { openShippedReplay, shippedCaptures } from '../../source/session/replay.js';
import { toPlayer } from '../../source/session/to-player.js';
import { walk } from '../../source/lesson/walk.js';
import { createPlayer, currentCheckpoint, isBlocked, update } from '../../source/player/model.js';
import { flowKey, SeqBases } from '../../source/wire/relative.js';
import { selectScreen } from '../../source/player/screen.js';
import { stepsSeen } from '../../source/quiz/checkpoint.js';
import * as eth from '../../source/wire/ethernet.js';
import { dissect } from '../../source/wire/dissect.js';
import { A, B, capture, ipPacketOf, relink, tcpFrame, withFcs, type SegmentSpec } from '../inspect/builder.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';
import { statesByHand, USUAL_STATES } from './states-by-hand.js';

const DIR = 'captures';
const CAPTURES = ['handshake-get-close.pcap', 'segmented-40k.pcap', 'loss-retransmissions.pcap', 'loopback-offload.pcap', 'any-sll2.pcapng', 'snaplen-80.pcap'];
const tmp = mkdtempSync(join(tmpdir(), 'tcp-tutor-replay-'));

function replayOf(file: string, stream: number | null = null, extra: { maxPackets?: number } = {}): Replay {
  const r = replayCapture(file, { stream, ...extra });
  if (!r.ok) throw new Error(r.error.en);
  return r.replay;
}

/** Each end's states in order, from the trace's tcp-state steps. */
function statesOf(r: Replay): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of r.trace.steps) {
    if (s.kind !== 'tcp-state') continue;
    (out[s.host] ??= [s.from]).push(s.to);
  }
  return out;
}

/** Player-side relative numbers (Wireshark's rule), for every frame of the trace. */
function relativeNumbers(r: Replay): { seq: number; ack: number | null }[] {
  const ds = r.trace.frames.map((f) => {
    const d = dissect(f.bytes)!;
    return { ...d.tcp!, flow: flowKey(d.ipv4!.src, d.tcp!.srcPort, d.ipv4!.dst, d.tcp!.dstPort) };
  });
  const bases = SeqBases.from(ds.map((t) => ({ flow: t.flow, seq: t.seq, ack: t.ack, syn: t.flags.syn })));
  return ds.map((t) => {
    const flow = t.flow;
    return { seq: bases.relSeq(flow, t.seq), ack: t.ack === null ? null : bases.relAck(flow, t.ack) };
  });
}

/**
 * Every quiz's answer from outside the replay: seq and ack as tshark numbers the frame,
 * a receiver's verdict from tshark's analysis (a segment after a gap is held: "queue"),
 * states from `states`. Quizzes with none are listed in `missing`.
 */
function outsideAnswers(r: Replay, path: string, states: Record<string, string>): { answers: Map<string, string>; missing: string[] } {
  const rows = tsharkFields(path, ['frame.number', 'tcp.seq', 'tcp.ack', 'ip.ttl', 'tcp.analysis.lost_segment', 'tcp.analysis.out_of_order']);
  const { frameNumber } = r.capture('pcap') as { frameNumber: (id: number) => number | null };
  const answers = new Map<string, string>();
  const missing: string[] = [];
  for (const q of r.quizzes) {
    const row = q.frame === undefined ? undefined : rows[frameNumber(q.frame)! - 1];
    if ((q.ask === 'seq' || q.ask === 'ack') && row) answers.set(q.id, row[`tcp.${q.ask}`]!);
    else if (q.ask === 'blank' && q.kind === 'number' && q.field && row?.[q.field]) answers.set(q.id, row[q.field]!);
    else if (q.ask === 'state' && q.id in states) answers.set(q.id, states[q.id]!);
    else if (q.ask === 'receiver' && row && (row['tcp.analysis.lost_segment'] !== '' || row['tcp.analysis.out_of_order'] !== '')) answers.set(q.id, 'queue');
    else missing.push(q.id);
  }
  return { answers, missing };
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

describe('replay of the shipped real captures', () => {
  for (const name of CAPTURES) {
    const path = join(DIR, name);
    it(`${name}: every frame decodes, ends in a good FCS and matches tshark's relative seq and ack`, () => {
      const r = replayOf(path);
      const t = r.trace;
      expect(t.frames.length).toBeGreaterThan(0);
      expect(t.snapshots.length).toBe(t.steps.length);
      for (const f of t.frames) {
        const d = dissect(f.bytes);
        expect(d?.tcp, `frame ${f.id}`).toBeTruthy();
        expect(d!.ethernet.fcsOk).toBe(true);
        expect(f.bytes.length).toBeGreaterThanOrEqual(eth.MIN_FRAME_LEN + eth.FCS_LEN);
      }
      // Every frame is transmitted once, in capture order, and reaches the other end.
      const transmits = t.steps.filter((s) => s.kind === 'transmit').map((s) => s.frame);
      expect(transmits).toEqual(t.frames.map((f) => f.id));
      const arrivals = new Set(t.steps.flatMap((s) => (s.kind === 'arrive' ? [s.frame] : [])));
      expect(arrivals.size).toBe(t.frames.length);
      // Times never run backwards.
      t.steps.forEach((s, i) => expect(s.t).toBeGreaterThanOrEqual(t.steps[i - 1]?.t ?? 0));

      if (SKIP_TSHARK) return;
      const rows = tsharkFields(path, ['frame.number', 'tcp.seq', 'tcp.ack', 'tcp.flags.ack']);
      const { frameNumber } = r.capture('pcap') as { frameNumber: (id: number) => number | null };
      const mine = relativeNumbers(r);
      t.frames.forEach((f, id) => {
        const row = rows[frameNumber(f.id)! - 1]!;
        expect(String(mine[id]!.seq), `frame ${row['frame.number']} seq`).toBe(row['tcp.seq']);
        if (row['tcp.flags.ack'] === '1' || row['tcp.flags.ack'] === 'True') expect(String(mine[id]!.ack), `frame ${row['frame.number']} ack`).toBe(row['tcp.ack']);
      });
      // And Wireshark's numbers travel with each packet, cut or not.
      for (const p of r.replayTrace.packets) expect(String(p.analysis.relSeq)).toBe(rows[p.n - 1]!['tcp.seq']);
    });

    it(`${name}: every answer is tshark's or worked out by hand, and the player plays it through to a full score`, () => {
      const r = replayOf(path);
      expect(r.quizzes.length).toBeGreaterThanOrEqual(3);
      expect(r.quizzes.length).toBeLessThanOrEqual(12);
      expect(new Set(r.quizzes.map((q) => q.id)).size).toBe(r.quizzes.length);
      for (const q of r.quizzes) {
        expect(q.explanation.en.length).toBeGreaterThan(10);
        expect(q.explanation.ko.length).toBeGreaterThan(5);
      }

      // A state quiz never shows its answer on the ladder before it is asked.
      for (const q of r.quizzes.filter((x) => x.ask === 'state')) {
        const host = r.trace.steps.slice(stepsSeen(q)).find((s) => s.kind === 'arrive' && s.frame === q.frame);
        const seen = r.trace.snapshots[q.atStep]!;
        const node = host?.kind === 'arrive' ? host.node : '';
        expect(Object.values(seen.sockets).filter((s) => s.host === node).map((s) => s.state), q.id).not.toContain(q.expected);
      }

      const { trace, lesson, options } = toPlayer(r);
      let m = createPlayer(trace, lesson, options);
      expect(m.book.problems).toEqual([]);
      expect(m.book.checkpoints.length).toBe(r.quizzes.length);
      if (SKIP_TSHARK) return;
      const { answers, missing } = outsideAnswers(r, path, statesByHand(name));
      expect(missing).toEqual([]);
      for (let guard = 0; guard < 100_000; guard++) {
        selectScreen(m);
        if (isBlocked(m)) {
          m = update(m, { type: 'answer', value: answers.get(currentCheckpoint(m)!.id)! });
          continue;
        }
        const before = m;
        m = update(m, { type: 'next' });
        if (m.pos === before.pos && m.reviewing === before.reviewing) break;
      }
      expect(m.answers.size).toBe(r.quizzes.length);
      expect([...m.answers.values()].every((a) => a.correct)).toBe(true);
    });
  }

  it('handshake-get-close: both ends go through the handshake and the close in RFC 9293 order', () => {
    const r = replayOf(join(DIR, 'handshake-get-close.pcap'));
    expect(statesOf(r)).toEqual({
      server: ['CLOSED', 'LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT'],
      client: ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED'],
    });
    // The ladder shows both ends' states: the last snapshot holds them.
    const last = r.trace.snapshots.at(-1)!;
    expect(last.sockets['client#1']!.state).toBe('CLOSED');
    expect(last.sockets['server#1']!.state).toBe('TIME_WAIT');
    // Stream 0 is the TCP conversation; ARP and DNS before it are not part of it.
    expect(r.stream).toBe(0);
    const { frameNumber } = r.capture() as { frameNumber: (id: number) => number | null };
    expect(r.trace.frames.map((f) => frameNumber(f.id))).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    // Handshake and close are always asked.
    const ids = r.quizzes.map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['handshake-server-state', 'handshake-synack-ack', 'handshake-established',
      'close-first-fin-state', 'close-fin-ack', 'close-second-fin-state', 'close-last-ack-state']));
    const byId = new Map(r.quizzes.map((q) => [q.id, q.expected]));
    expect(byId.get('handshake-server-state')).toBe('SYN_RECEIVED');
    expect(byId.get('close-first-fin-state')).toBe('CLOSE_WAIT');
    expect(byId.get('close-second-fin-state')).toBe('TIME_WAIT');
    expect(byId.get('close-last-ack-state')).toBe('CLOSED');
    // Each frame is checked layer by layer at the receiver, the sequence number last.
    const checks = r.trace.steps.filter((s) => s.kind === 'decap-check' && s.frame === 3).map((s) => s.kind === 'decap-check' && s.check);
    expect(checks).toEqual(['eth.fcs', 'ip.checksum', 'ip.dst', 'tcp.checksum', 'port', 'tcp.seq']);
  });

  it('snaplen-80: cut segments are not played, and the crossing FINs make a simultaneous close on both ends', () => {
    const r = replayOf(join(DIR, 'snaplen-80.pcap'));
    const { frameNumber } = r.capture() as { frameNumber: (id: number) => number | null };
    const shown = r.trace.frames.map((f) => frameNumber(f.id));
    expect(shown).toEqual([1, 2, 3, 5, 7, 9, 12, 13, 14, 15, 16, 17]);
    const notes = r.narration.map((n) => n.text.en).join('\n');
    for (const n of [4, 6, 8, 10, 11]) expect(notes).toContain(`Frame ${n} (`);
    expect(notes).toMatch(/does not invent the missing bytes/);
    expect(statesOf(r)).toEqual({
      server: ['CLOSED', 'LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT'],
      client: ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT'],
    });
    // The receiver still counted the cut segments' bytes: the FINs are in order.
    const fin = r.trace.steps.filter((s) => s.kind === 'tcp-segment' && s.verdict !== 'no-data');
    expect(fin.every((s) => s.kind === 'tcp-segment' && s.verdict === 'in-order')).toBe(true);
  });

  it('loss-retransmissions: a segment after a gap is held, the dup ACK names the hole, the retransmission fills it', () => {
    const r = replayOf(join(DIR, 'loss-retransmissions.pcap'));
    const byN = new Map(r.replayTrace.packets.map((p) => [p.n, p]));
    expect(byN.get(15)!.arrival!.verdict).toBe('out-of-order');
    expect(byN.get(17)!.arrival!.verdict).toBe('out-of-order');
    expect(byN.get(33)!.arrival!.verdict).toBe('in-order');
    // After the retransmission RCV.NXT jumps over everything held: what the next ACK says.
    expect(byN.get(33)!.rcvNxtAfter).toBe(byN.get(34)!.facts.ack);
    const q = new Map(r.quizzes.map((x) => [x.id, x]));
    expect(q.get('gap-15-receiver')!.expected).toBe('queue');
    expect(q.get('gap-15-ack')!.expected).toBe(5934);
    // The held segment starts at 7382, so the missing bytes are 5934 to 7381 (its first byte minus one).
    expect(q.get('gap-15-ack')!.explanation.en).toMatch(/5934–7381 are missing/);
    expect(q.get('fill-33-seq')!.expected).toBe(5934);
    expect(q.get('fill-33-ack')!.expected).toBe(20414);
    const snap = r.trace.snapshots[byN.get(31)!.arriveAt!]!;
    expect(snap.sockets['client#1']!.outOfOrder).toBeGreaterThan(0);
  });

  it('loopback-offload: checksums left to offload pass, and the note says why', () => {
    const r = replayOf(join(DIR, 'loopback-offload.pcap'));
    const sums = r.trace.steps.filter((s) => s.kind === 'decap-check' && s.check === 'tcp.checksum');
    expect(sums.length).toBe(r.trace.frames.length);
    expect(sums.every((s) => s.kind === 'decap-check' && s.ok && s.offload === true)).toBe(true);
    expect(r.narration.some((n) => /checksum offload/.test(n.text.en))).toBe(true);
    expect(r.trace.frames[0]!.from).toBe('client:lo');
  });

  it('any-sll2: the Ethernet header is added, with the MACs the cooked header recorded, and the note says so once', () => {
    const r = replayOf(join(DIR, 'any-sll2.pcapng'));
    const notes = r.narration.filter((n) => /no Ethernet header/.test(n.text.en));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text.en).toContain("come from the capture's cooked header");
    const d = dissect(r.trace.frames[0]!.bytes)!;
    expect(d.ethernet.src).toBe('12:0c:ad:fe:5c:0e');
    expect(d.ethernet.dst).toBe('3a:97:eb:66:a8:5e');
  });

  it('the menu can list and open the shipped captures', () => {
    const all = shippedCaptures();
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining(['handshake-get-close', 'loss-retransmissions', 'any-sll2']));
    const o = openShippedReplay('handshake-get-close', 'en');
    expect(o.ok).toBe(true);
    if (o.ok) expect(o.session.lesson.checkpoints?.length).toBe(o.replay.quizzes.length);
    const bad = openShippedReplay('nope', 'en');
    expect(bad.ok).toBe(false);
  });
});

/** A conversation built segment by segment, ISNs near 2^32 so wraparound cannot hide. */
const CI = 0xfffffff0;
const SI = 0xffffff00;
function conversation(): { us: number; from: 'a' | 'b'; s: SegmentSpec }[] {
  const c = (n: number) => (CI + n) >>> 0;
  const s = (n: number) => (SI + n) >>> 0;
  return [
    { us: 0, from: 'a', s: { seq: c(0), ack: null, flags: 'S' } },
    { us: 10, from: 'b', s: { seq: s(0), ack: c(1), flags: 'S' } },
    { us: 20, from: 'a', s: { seq: c(1), ack: s(1) } },
    { us: 30, from: 'a', s: { seq: c(1), ack: s(1), flags: 'P', len: 100 } },
    { us: 40, from: 'b', s: { seq: s(1), ack: c(101) } },
    { us: 50, from: 'b', s: { seq: s(1), ack: c(101), flags: 'P', len: 30 } },
    { us: 60, from: 'a', s: { seq: c(101), ack: s(31) } },
    { us: 70, from: 'a', s: { seq: c(101), ack: s(31), flags: 'F' } },
    { us: 80, from: 'b', s: { seq: s(31), ack: c(102), flags: 'F' } },
    { us: 90, from: 'a', s: { seq: c(102), ack: s(32) } },
  ];
}
function frames(list = conversation(), a = A, b = B) {
  return list.map((x) => ({ us: x.us, data: x.from === 'a' ? tcpFrame(a, b, x.s) : tcpFrame(b, a, x.s) }));
}

describe('replay of built captures', () => {
  it('a capture that begins mid-connection: both ends start ESTABLISHED, relative numbers start at 1 as in Wireshark', () => {
    const path = file('mid.pcap', capture(frames().slice(3)));
    const r = replayOf(path);
    expect(r.replayTrace.opening).toBe('mid-stream');
    expect(r.narration.some((n) => /begins mid-connection/.test(n.text.en))).toBe(true);
    expect(r.trace.snapshots[0]!.sockets['client#1']!.state).toBe('ESTABLISHED');
    expect(statesOf(r)).toEqual({ client: ['ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT'], server: ['ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED'] });
    if (SKIP_TSHARK) return;
    // The client's FIN is acked by the server's FIN (ack c+102): FIN_WAIT_1 goes straight to TIME_WAIT (RFC 9293 §3.10.7.4).
    const outside = outsideAnswers(r, path, { ...USUAL_STATES, 'close-second-fin-state': 'TIME_WAIT' });
    expect(outside.missing).toEqual([]);
    expect(r.quizzes.map((q) => `${q.id}: ${q.expected}`)).toEqual(r.quizzes.map((q) => `${q.id}: ${outside.answers.get(q.id)}`));
    const rows = tsharkFields(path, ['tcp.seq', 'tcp.ack']);
    const mine = relativeNumbers(r);
    mine.forEach((m, i) => expect(String(m.seq)).toBe(rows[i]!['tcp.seq']));
    const { frameNumber } = r.capture() as { frameNumber: (id: number) => number | null };
    for (const q of r.quizzes.filter((x) => x.ask === 'seq' || x.ask === 'ack')) {
      expect(String(q.expected)).toBe(rows[frameNumber(q.frame!)! - 1]![q.ask === 'seq' ? 'tcp.seq' : 'tcp.ack']);
    }
  });

  it('sequence numbers that wrap past 2^32 play like any others', () => {
    const path = file('wrap.pcap', capture(frames()));
    const r = replayOf(path);
    expect(statesOf(r).client).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT']);
    const verdicts = r.trace.steps.flatMap((s) => (s.kind === 'tcp-segment' ? [s.verdict] : []));
    expect(verdicts.every((v) => v === 'in-order' || v === 'no-data')).toBe(true);
    if (SKIP_TSHARK) return;
    const outside = outsideAnswers(r, path, USUAL_STATES);
    expect(outside.missing).toEqual([]);
    expect(r.quizzes.map((q) => `${q.id}: ${q.expected}`)).toEqual(r.quizzes.map((q) => `${q.id}: ${outside.answers.get(q.id)}`));
  });

  it('a BSD loopback (NULL) capture gets made-up, locally administered MACs and a computed FCS', () => {
    const data = frames().map((f) => ({ us: f.us, data: relink(LINKTYPE_NULL, ipPacketOf(f.data)) }));
    const r = replayOf(file('null.pcap', capture(data, { linkType: LINKTYPE_NULL })));
    const d = dissect(r.trace.frames[0]!.bytes)!;
    expect(d.ethernet.src).toBe('02:00:00:00:00:01');
    expect(d.ethernet.fcsOk).toBe(true);
    expect(r.narration.filter((n) => /tcp-tutor shows one so that every layer is present/.test(n.text.en))).toHaveLength(1);
    expect(r.narration.some((n) => /made up/.test(n.text.en))).toBe(true);
  });

  it("a capture that kept the FCS shows the capture's own, and a damaged frame is dropped at the link layer", () => {
    const data = frames().map((f, i) => {
      const withIt = withFcs(f.data);
      if (i === 3) withIt[withIt.length - 1] = withIt.at(-1)! ^ 0xff; // the data segment's FCS is wrong
      return { us: f.us, data: withIt };
    });
    const r = replayOf(file('fcs.pcap', capture(data, { fcsLen: 4 })));
    expect(r.narration.some((n) => /the FCS checks below are the capture's own/.test(n.text.en))).toBe(true);
    const drop = r.trace.steps.find((s) => s.kind === 'drop');
    expect(drop?.kind === 'drop' && drop.layer).toBe('link');
    const bad = r.trace.steps.find((s) => s.kind === 'decap-check' && s.check === 'eth.fcs' && !s.ok);
    expect(bad).toBeTruthy();
  });

  it('a RST closes the receiving end, and the quiz asks for its state', () => {
    const list = conversation().slice(0, 4);
    list.push({ us: 40, from: 'b', s: { seq: (SI + 1) >>> 0, ack: (CI + 101) >>> 0, flags: 'R' } });
    const r = replayOf(file('rst.pcap', capture(frames(list))));
    expect(statesOf(r).client).toEqual(['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'CLOSED']);
    expect(statesOf(r).server!.at(-1)).toBe('CLOSED');
    const q = r.quizzes.find((x) => x.id === 'reset-state');
    expect(q?.expected).toBe('CLOSED');
  });

  it('picks the first stream with a handshake by default, and any stream by --stream', () => {
    const c2 = { ...A, port: 40001 };
    const mid = frames().slice(4, 6);
    const second = frames(conversation(), c2, B);
    const r = replayCapture(file('two.pcap', capture([...mid, ...second.map((f) => ({ ...f, us: f.us + 1000 }))])), { stream: null });
    expect(r.ok && r.replay.stream).toBe(1);
    const zero = replayCapture(join(tmp, 'two.pcap'), { stream: 0 });
    expect(zero.ok && zero.replay.replayTrace.opening).toBe('mid-stream');
    const none = replayCapture(join(tmp, 'two.pcap'), { stream: 7 });
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.error.en).toMatch(/no TCP stream 7 in \S*two\.pcap; its streams: 0 \(10\.0\.0\.\d+:\d+ ⇄ 10\.0\.0\.\d+:\d+\), 1 \(/);
      expect(none.error.en).not.toContain('\n');
    }
  });

  it('takes at most the first N packets of a long stream, and says so', () => {
    const r = replayOf(join(DIR, 'segmented-40k.pcap'), null, { maxPackets: 10 });
    expect(r.trace.frames.length).toBe(10);
    expect(r.narration.some((n) => /This stream has 58 packets; replay shows the first 10/.test(n.text.en))).toBe(true);
    if (SKIP_TSHARK) return;
    const outside = outsideAnswers(r, join(DIR, 'segmented-40k.pcap'), USUAL_STATES);
    expect(outside.missing).toEqual([]);
    expect(r.quizzes.map((q) => `${q.id}: ${q.expected}`)).toEqual(r.quizzes.map((q) => `${q.id}: ${outside.answers.get(q.id)}`));
  });

  it('walks a replay like a lesson: notes, frames, states and quizzes in order', () => {
    const r = replayOf(join(DIR, 'handshake-get-close.pcap'));
    const events = walk(r);
    expect(events[0]!.kind).toBe('narration');
    expect(events.filter((e) => e.kind === 'frame')).toHaveLength(12);
    expect(events.filter((e) => e.kind === 'quiz')).toHaveLength(r.quizzes.length);
  });

  it('reads the capture in one pass per need, from any source of packets', () => {
    const items = () => readCaptureFile(join(DIR, 'any-sll2.pcapng'));
    const r = replayCapture('whatever.pcapng', { stream: 0, items });
    expect(r.ok).toBe(true);
    expect(LINKTYPE_LINUX_SLL2).toBe(276);
  });
});
