// The full-screen player tells frames in wire order, as the lesson's capture numbers them
// (and as plain mode does: test/lesson/walk-order.test.ts). Two frames sent at the same
// instant from the two ends cross on the cable; the capture point (the client's interface)
// sees its own host's first, so lesson 18's client SYN-ACK is #5 and the server's #6.
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { createPlayer, currentCheckpoint, isBlocked, stepIndex, update, type PlayerModel } from '../../source/player/model.js';
import { selectLadder } from '../../source/player/screen.js';
import { openLoaded } from '../../source/session/lesson.js';

function opened(file: string) {
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(file);
  const o = openLoaded(r.loaded, () => 5);
  if (!o.ok) throw new Error(o.reason);
  const c = compileLesson(r.loaded, { seed: 5 });
  if (!c.ok) throw new Error(file);
  const cap = c.compiled.capture('pcapng');
  if ('error' in cap) throw new Error(cap.error);
  return { player: createPlayer(o.session.trace, o.session.lesson, o.session.options), frameNumber: cap.frameNumber, simulated: c.compiled.trace };
}

/** Plays with → (answering each quiz), calling `see` at every stop. */
function play(m: PlayerModel, see: (m: PlayerModel) => void): void {
  see(m);
  for (let guard = 0; guard < 20_000; guard++) {
    if (isBlocked(m)) m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
    const before = m.pos;
    m = update(m, { type: 'next' });
    if (m.summary !== null) return;
    if (m.pos !== before) see(m);
  }
}

const lesson18 = builtinLessonFiles().find((f) => f.endsWith('18-simultaneous.yaml'))!;

describe('the player tells frames in wire order', () => {
  it('lesson 18: the crossing SYN-ACKs and the crossing last ACKs come as the capture numbers them, #5 before #6 and #9 before #10', () => {
    const { player } = opened(lesson18);
    const shown: string[] = [];
    play(player, (m) => {
      for (const r of selectLadder(m)?.rows ?? []) {
        const label = m.book.frameLabel(r.frame);
        if (!shown.includes(label)) shown.push(label);
      }
    });
    // The lesson's capture, counted by hand: ARP 1-2, SYNs 3-4, SYN-ACKs 5 (client) 6 (server),
    // FINs 7-8, ACKs 9 (client) 10 (server); the ping after the connection is gone has no ladder.
    expect(shown).toEqual(['3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('lesson 18: as the client’s SYN-ACK (#5) leaves, both ends are in SYN_RECEIVED (RFC 9293 Figure 8) and the server’s (#6) is not on the wire yet', () => {
    const { player, frameNumber } = opened(lesson18);
    let seen = false;
    play(player, (m) => {
      const s = m.book.trace.steps[stepIndex(m)]!;
      if (s.kind !== 'transmit' || frameNumber(s.frame) !== 5) return;
      seen = true;
      const ladder = selectLadder(m)!;
      expect(ladder.columns.map((c) => c.state)).toEqual(['SYN_RECEIVED', 'SYN_RECEIVED']);
      expect(ladder.rows.map((r) => m.book.frameLabel(r.frame))).toEqual(['3', '4', '5']);
    });
    expect(seen).toBe(true);
  });

  it.each(builtinLessonFiles().map((f) => [f.replace(/.*\//, ''), f]))('%s: every frame a host sends leaves in the order of its number in the capture', (_name, file) => {
    const { player, frameNumber, simulated } = opened(file);
    const trace = player.book.trace;
    const sent = trace.steps.flatMap((s) => (s.kind === 'transmit' && trace.frames[s.frame]!.parent === null ? [frameNumber(s.frame)] : []));
    const numbers = sent.filter((n): n is number => n !== null);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // Every step the simulator wrote is still there, once.
    expect(trace.steps.length).toBe(trace.snapshots.length);
    const written = (steps: readonly object[]) => steps.map((s) => JSON.stringify(s)).sort();
    expect(written(trace.steps)).toEqual(written(simulated.steps));
  });

  it.each(builtinLessonFiles().map((f) => [f.replace(/.*\//, ''), f]))('%s: each connection goes through the TCP states the simulator gave it, in order, and never shows a TCB the simulator did not have or one it had already left', (_name, file) => {
    const { player, simulated } = opened(file);
    const path = (snapshots: readonly { sockets: Readonly<Record<string, object>> }[], key: (tcb: { state: string }) => string) => {
      const out = new Map<string, string[]>();
      for (const snap of snapshots) {
        for (const [id, sock] of Object.entries(snap.sockets)) {
          const seen = out.get(id) ?? out.set(id, []).get(id)!;
          const k = key(sock as { state: string });
          if (seen.at(-1) !== k) seen.push(k);
        }
      }
      return out;
    };
    const stateName = (tcb: { state: string }) => tcb.state;
    expect(path(player.book.trace.snapshots, stateName)).toEqual(path(simulated.snapshots, stateName));
    // Whole TCBs: those told are the simulator's, in its order (a change the simulator made
    // within one node's run of steps may be told together with the next).
    const told = path(player.book.trace.snapshots, (t) => JSON.stringify(t));
    const had = path(simulated.snapshots, (t) => JSON.stringify(t));
    for (const [id, tcbs] of told) {
      let at = 0;
      for (const tcb of tcbs) {
        while (at < had.get(id)!.length && had.get(id)![at] !== tcb) at++;
        expect(at, `${id}: a TCB out of the simulator's order`).toBeLessThan(had.get(id)!.length);
      }
    }
  });
});
