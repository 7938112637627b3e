// A replay's blanked fields: each expected value is tshark's own reading of that frame of
// the capture (tcp.seq and tcp.ack relative, as Wireshark shows them; ip.ttl), and while
// the question is open the value is nowhere on screen: not in the hex, the layer box, the
// ladder's label or the narrated one-liner, nor in the plain mode's line for the frame.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walk } from '../../source/lesson/walk.js';
import { createPlayer, currentCheckpoint, update } from '../../source/player/model.js';
import { selectHex, selectLadder, selectNarration, selectStack } from '../../source/player/screen.js';
import type { NumberCheckpoint } from '../../source/quiz/checkpoint.js';
import { replayCapture, type Replay } from '../../source/replay/replay.js';
import { toPlayer } from '../../source/session/to-player.js';
import { dissect } from '../../source/wire/dissect.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

const CAPTURES = ['handshake-get-close.pcap', 'segmented-40k.pcap', 'loss-retransmissions.pcap', 'loopback-offload.pcap', 'any-sll2.pcapng', 'snaplen-80.pcap'];

function replayOf(path: string): Replay {
  const r = replayCapture(path, { stream: null });
  if (!r.ok) throw new Error(r.error.en);
  return r.replay;
}

/** Where each field's bytes sit in an Ethernet frame with a 20-byte IPv4 header (end exclusive). */
const BYTES: Readonly<Record<string, { start: number; end: number }>> = {
  'ip.ttl': { start: 22, end: 23 },
  'tcp.seq': { start: 38, end: 42 },
  'tcp.ack': { start: 42, end: 46 },
};

const blanks = (r: Replay) => r.quizzes.filter((q): q is NumberCheckpoint => q.kind === 'number' && q.ask === 'blank');

describe('blanked fields in replayed captures', () => {
  it.skipIf(SKIP_TSHARK)("expect tshark's value of the field, for frames of every shipped capture", () => {
    let checked = 0;
    const fields = new Set<string>();
    for (const name of CAPTURES) {
      const path = join('captures', name);
      const r = replayOf(path);
      const rows = tsharkFields(path, ['frame.number', 'tcp.seq', 'tcp.ack', 'ip.ttl']);
      const { frameNumber } = r.capture('pcap') as { frameNumber: (id: number) => number | null };
      for (const q of blanks(r)) {
        const row = rows[frameNumber(q.frame!)! - 1]!;
        expect(String(q.expected), `${name} ${q.id}`).toBe(row[q.field!]);
        checked++;
        fields.add(q.field!);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    expect([...fields].sort()).toEqual(['ip.ttl', 'tcp.ack', 'tcp.seq']);
  });

  it('hide the value in the hex, the box, the ladder and the narration while the quiz is open, and show it after', () => {
    const r = replayOf(join('captures', 'segmented-40k.pcap'));
    const { trace, lesson, options } = toPlayer(r);
    let m = createPlayer(trace, lesson, options);
    expect(blanks(r).length).toBe(3);
    for (const q of blanks(r)) {
      m = update(m, { type: 'goto', step: q.atStep });
      expect(currentCheckpoint(m)?.id).toBe(q.id);
      // The hex pane masks the field's bytes: after Ethernet's 14 and IPv4's 20 (no options here), by hand.
      expect(dissect(r.trace.frames[q.frame!]!.bytes)!.ipv4!.headerLength).toBe(20);
      expect(selectHex({ ...m, showHex: true })!.masked).toContainEqual(BYTES[q.field!]);
      // The layer box shows the field masked, not its value.
      const line = selectStack(m).boxes.flatMap((b) => b.lines).find((l) => l.kind === 'field' && l.mark === 'masked');
      expect(line, q.id).toBeDefined();
      // The narrated one-liner and the ladder's label say `?`.
      const said = selectNarration(m).en;
      if (q.field === 'tcp.seq') expect(said).toMatch(/seq \?,/);
      if (q.field === 'tcp.ack') expect(said).toMatch(/ack \?,/);
      expect(said).not.toMatch(new RegExp(`\\b(seq|ack|ttl) ${q.expected}\\b`));
      const row = selectLadder(m)!.rows.find((x) => x.frame === q.frame)!;
      if (q.field !== 'ip.ttl') expect(row.label).toContain(`${q.field!.slice(4)}=?`);
      // Answered, the value is back.
      m = update(m, { type: 'answer', value: String(q.expected) });
      expect(selectHex({ ...m, showHex: true })!.masked).toEqual([]);
      if (q.field !== 'ip.ttl') expect(selectLadder(m)!.rows.find((x) => x.frame === q.frame)!.label).toContain(`${q.field!.slice(4)}=${q.expected}`);
    }
  });

  it("leave the field out of the plain mode's line for the frame, told before the question", () => {
    const r = replayOf(join('captures', 'segmented-40k.pcap'));
    const events = walk(r);
    for (const q of blanks(r)) {
      const at = events.findIndex((e) => e.kind === 'quiz' && e.quiz.id === q.id);
      const frame = events.slice(0, at).findLast((e) => e.kind === 'frame' && e.frame === q.frame);
      expect(frame, q.id).toBeDefined();
      if (frame?.kind !== 'frame') continue;
      if (q.field === 'tcp.seq') expect(frame.summary).toMatch(/seq \?, ack \d+/);
      if (q.field === 'tcp.ack') expect(frame.summary).toMatch(/ack \?, win \d+/);
      expect(frame.summary).toBe(r.trace.frames[q.frame!]!.summary.replace(/\b(seq \d+(:\d+)?|ack \d+)/, (s) => (s.startsWith(q.field!.slice(4)) ? `${q.field!.slice(4)} ?` : s)));
    }
  });
});
