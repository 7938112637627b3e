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
