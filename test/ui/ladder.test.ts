import { describe, expect, it } from 'vitest';
import { createPlayer, stopsOf, type PlayerModel } from '../../source/player/model.js';
import { selectLadder } from '../../source/player/screen.js';
import { openLesson } from '../../source/session/lesson.js';
import { labelLines, ladderLines } from '../../source/ui/Ladder.js';
import { ladderWidthFor } from '../../source/ui/layout.js';

/** A built-in lesson at `seed`, as `play ID --seed N` opens it, at its last stop. */
function lessonAtEnd(id: string, seed: number): PlayerModel {
  const o = openLesson(id, 'en', () => seed);
  if (!o.ok) throw new Error(o.reason);
  const m = createPlayer(o.session.trace, o.session.lesson, o.session.options);
  return { ...m, pos: stopsOf(m).length - 1 };
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
    const lines = ladderText(lessonAtEnd('close', 7), 80);
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
  const o = openLesson('journey', 'en', () => 7);
  if (!o.ok) throw new Error(o.reason);
  const m = createPlayer(o.session.trace, o.session.lesson, o.session.options);
  const steps = o.session.trace.steps;
  const atStep = (step: number): PlayerModel => ({ ...m, pos: stopsOf(m).findIndex((s) => s >= step) });
  const onTheWay = (mm: PlayerModel) => selectLadder(mm)!.rows.filter((r) => r.fate === 'flight').map((r) => r.label);
  const finSent = steps.findIndex((s) => s.kind === 'transmit' && o.session.trace.frames[s.frame]!.bytes[47] === 0x11);

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
