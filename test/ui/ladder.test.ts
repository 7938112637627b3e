import { describe, expect, it } from 'vitest';
import { createPlayer, stopsOf, type PlayerModel } from '../../source/player/model.js';
import { selectLadder } from '../../source/player/screen.js';
import { openLesson } from '../../source/session/lesson.js';
import { labelLines, ladderLines } from '../../source/ui/Ladder.js';
import { ladderWidthFor } from '../../source/ui/layout.js';

/** A built-in lesson at `seed`, as `play ID --seed N` opens it; `at(step)` is the first stop showing that step. */
function lesson(id: string, seed: number) {
  const o = openLesson(id, 'en', () => seed);
  if (!o.ok) throw new Error(o.reason);
  const m = createPlayer(o.session.trace, o.session.lesson, o.session.options);
  return {
    trace: o.session.trace,
    at: (step: number): PlayerModel => ({ ...m, pos: stopsOf(m).findIndex((s) => s >= step) }),
    end: { ...m, pos: stopsOf(m).length - 1 } as PlayerModel,
  };
}

/** The ladder's lines at `cols` terminal columns, without the hosts' bars and trimmed. */
function ladderText(m: PlayerModel, cols: number): string[] {
  return ladderLines({ ladder: selectLadder(m), lang: 'en', width: ladderWidthFor(cols), height: 60 })
    .map((l) => l.map((s) => s.text).join('').replace(/^ │|│ $/g, '').trim());
}

describe('ladder labels', () => {
  it('keeps a label whole when it fits', () => {
    expect(labelLines('SYN, ACK seq=0 ack=1', 28)).toEqual(['SYN, ACK seq=0 ack=1']);
  });

  it('wraps a label too wide at spaces, in the same words, never losing a number', () => {
    expect(labelLines('PSH, ACK seq=21 ack=111 len=100', 28)).toEqual(['PSH, ACK seq=21 ack=111', 'len=100']);
    expect(labelLines('SYN, ACK seq=1511506920 ack=4294967233', 28)).toEqual(['SYN, ACK seq=1511506920', 'ack=4294967233']);
  });

  it('writes every arrow of lesson 13 at seed 7 in one style, flag names and all, at 80 columns', () => {
    const lines = ladderText(lesson('close', 7).end, 80);
    // The client's FIN after its 98-byte GET and the server's 124-byte response: seq 1 + 98, ack 1 + 124.
    // It is wider than the ladder, and once read `[F.] seq=99 ack=125 len=0` beside `FIN, ACK` elsewhere.
    expect(lines).toContain('FIN, ACK seq=99 ack=125');
    expect(lines).toContain('FIN, ACK seq=125 ack=100');
    expect(lines.join('\n')).not.toMatch(/\[[FSRP.UEW]+\]/);
  });
});

describe('arrows on the way in lesson 15 at seed 7', () => {
  // The server sends its 4268-byte page as 1460 + 1460 + 1348 bytes at t = 18 ms; the
  // client acks each as it arrives (ack 1461 at 20 ms, then 2921 and 4269) and sends its FIN
  // at 20 ms too. The LAN's two hops (client to switch, switch to server) take 1 ms each, so
  // all four reach the server at 22 ms: while the client takes in the second and third
  // segments they really are on the wire, half arrows, and each is whole once it arrives.
  const { trace, at: atStep } = lesson('journey', 7);
  const steps = trace.steps;
  const onTheWay = (mm: PlayerModel) => selectLadder(mm)!.rows.filter((r) => r.fate === 'flight').map((r) => r.label);
  // The client's FIN: the TCP flags byte (Ethernet 14 + IPv4 20 + 13) reads 0x11, FIN and ACK.
  const finSent = steps.findIndex((s) => s.kind === 'transmit' && trace.frames[s.frame]!.bytes[47] === 0x11);

  it('has the three ACKs and the FIN on the wire as the FIN leaves at 20 ms', () => {
    expect(steps[finSent]!.t).toBe(20_000);
    expect(onTheWay(atStep(finSent))).toEqual([
      'ACK seq=102 ack=1461 len=0', 'ACK seq=102 ack=2921 len=0', 'ACK seq=102 ack=4269 len=0', 'FIN, ACK seq=102 ack=4269 len=0',
    ]);
  });

  it('draws each whole at the step it reaches the server, 22 ms', () => {
    const arrivals = steps.flatMap((s, i) => (s.kind === 'arrive' && s.node === 'server' && i > finSent ? [i] : [])).slice(0, 4);
    expect(arrivals.map((i) => steps[i]!.t)).toEqual([22_000, 22_000, 22_000, 22_000]);
    const left = arrivals.map((i) => onTheWay(atStep(i)).length);
    expect(left).toEqual([3, 2, 1, 0]);
  });
});

describe('lesson 07 at seed 7: the routers between client and server', () => {
  const { trace, at: atStep, end } = lesson('routing', 7);
  const steps = trace.steps;
  /** The line under a label (the routers' lifelines beside it aside): its arrow. */
  const arrowOf = (lines: readonly string[], label: string) => {
    const at = lines.findIndex((l) => l.replace(/^[ │]+|[ │]+$/g, '') === label);
    expect(at).toBeGreaterThan(0);
    return lines[at + 1];
  };

  it('stands r1 and r2 between the hosts at 80 columns, every hop of the handshake ending in a head', () => {
    const lines = ladderText(end, 80);
    const header = ladderLines({ ladder: selectLadder(end), lang: 'en', width: ladderWidthFor(80), height: 3 })[0]!.map((s) => s.text).join('');
    expect(header).toMatch(/^client +r1 +r2 +server$/);
    // client → r1 → r2 → server: three hops, three heads.
    expect(arrowOf(lines, 'SYN seq=0')).toMatch(/^─+▶─+▶─+▶$/);
    expect(arrowOf(lines, 'SYN, ACK seq=0 ack=1')).toMatch(/^◀─+◀─+◀─+$/);
    expect(arrowOf(lines, 'ACK seq=1 ack=1 len=0')).toMatch(/^─+▶─+▶─+▶$/);
  });

  it('holds the SYN at r1 while r1 asks ARP for r2 (10.0.0.2), then at r2 while r2 asks for the server', () => {
    const r1Waits = steps.findIndex((s) => s.kind === 'arp-wait' && s.host === 'r1');
    const r2Waits = steps.findIndex((s) => s.kind === 'arp-wait' && s.host === 'r2');
    expect(r1Waits).toBeGreaterThan(0);
    expect(r2Waits).toBeGreaterThan(r1Waits);
    // The head stands on r1's lifeline, and r2's and the server's lines are still empty.
    expect(arrowOf(ladderText(atStep(r1Waits), 80), 'SYN seq=0')).toMatch(/^─+▶ +│$/);
    expect(arrowOf(ladderText(atStep(r2Waits), 80), 'SYN seq=0')).toMatch(/^─+▶─+▶$/);
  });
});

// Lesson 14 sends a SYN to port 81, where nothing listens: the server's TCP throws it away
// and answers with a RST (RFC 9293 §3.10.7.1). The SYN did reach the server; only a frame
// lost on the way stops short of it, which the lesson contrasts with this on purpose.
describe('a segment the receiver throws away', () => {
  it('reaches the receiver on the ladder and ends in ✗ there, unlike one lost on the way', () => {
    const l = lesson('rst', 7);
    const steps = l.trace.steps;
    const drop = steps.findIndex((s) => s.kind === 'drop' && s.node === 'server' && s.layer === 'transport');
    expect(drop).toBeGreaterThan(0);
    const ladder = selectLadder(l.at(drop + 1))!;
    const syn = ladder.rows.find((r) => r.label.startsWith('SYN seq=0'))!;
    expect(syn.fate).toBe('refused');
    const text = ladderText(l.at(drop + 1), 80);
    const arrow = text[text.findIndex((t) => t.startsWith('SYN seq=0')) + 1]!;
    // From the client's lifeline all the way to the server's, ending in ✗; the column is the
    // server, though no socket of it has port 81.
    expect(arrow).toMatch(/^─{20,}✗$/);
    expect(ladder.columns.map((c) => c.host)).toEqual(['client', 'server']);
  });
});
