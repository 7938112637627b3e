import { describe, expect, it } from 'vitest';
import { selectNarration, selectStack } from '../../source/player/screen.js';
import { update, type PlayerModel } from '../../source/player/model.js';
import type { Step } from '../../source/sim/trace.js';
import { builtinPlayer } from '../helpers/builtin.js';

/** The player at step `i` (at field detail, where every step is a stop), its narration in both languages. */
function at(m: PlayerModel, i: number) {
  const there = update({ ...m, detail: 'field' }, { type: 'goto', step: i });
  return { narration: selectNarration(there), stack: selectStack(there) };
}

// RFC 9293 §3.8.6.1: a sender facing a zero window probes it when its persist timer fires;
// the first probe's byte was never sent, so it is not a retransmission. The bytes of a probe
// or of a retransmission come from TCP's send buffer: the application wrote them earlier.
describe('what the player says when TCP sends bytes again', () => {
  it('lesson window: a zero-window probe is a probe, from the send buffer, met by a window with no room', () => {
    const m = builtinPlayer('window');
    const steps = m.book.trace.steps;
    const probe = steps.findIndex((s) => s.kind === 'tcp-retransmit' && s.reason === 'persist-probe');
    expect(probe).toBeGreaterThan(0);
    const said = at(m, probe).narration;
    expect(said.en).toMatch(/probes the zero window/);
    expect(said.en).not.toMatch(/retransmits/);
    expect(said.ko).toContain('0 윈도우를 확인합니다');
    const begin = steps.findIndex((s, i) => i > probe && s.kind === 'encap-begin' && s.protocol === 'data');
    const end = steps.findIndex((s, i) => i > begin && s.kind === 'encap-end' && s.protocol === 'data');
    expect(at(m, begin).narration.en).toMatch(/send buffer/);
    expect(at(m, end).narration.en).toMatch(/^TCP takes 1 byte from its send buffer for the probe/);
    expect(at(m, end).narration.en).not.toMatch(/application’s data .* is ready/);
    // At the receiver the probe's byte is the one expected, but there is no room for it.
    // The probe's copy that reaches the server (after the switch) is checked there.
    const check = steps.findIndex((s, i) => i > end && s.kind === 'decap-check' && s.check === 'tcp.seq' && s.node === 'server');
    expect((steps[check] as Extract<Step, { kind: 'decap-check' }>).verdict).toBe('outside-window');
    const lines = at(m, check).stack.boxes.flatMap((b) => b.lines.flatMap((l) => (l.kind === 'check' ? [l.text.en] : [])));
    expect(lines.find((l) => /^seq \d/.test(l ?? '')), JSON.stringify(lines)).toMatch(/is the byte expected, but the window is 0: no room ✗ dropped/);
  });

  it('lesson loss: a retransmission\'s bytes come from the send buffer, not a new write', () => {
    const m = builtinPlayer('loss');
    const steps = m.book.trace.steps;
    const again = steps.findIndex((s) => s.kind === 'tcp-retransmit');
    const end = steps.findIndex((s, i) => i > again && s.kind === 'encap-end' && s.protocol === 'data');
    expect(at(m, end).narration.en).toMatch(/^TCP takes the data \(1000 bytes\) from its send buffer again/);
    // A first send is the application's own write.
    const first = steps.findIndex((s) => s.kind === 'encap-end' && s.protocol === 'data');
    expect(at(m, first).narration.en).toMatch(/^The application’s data \(1000 bytes\) is ready/);
  });
});

describe('lesson window explains the zero window before it happens', () => {
  it('tells the persist timer and its probes before the first probe goes out, in plain mode and the player', async () => {
    const { walk } = await import('../../source/lesson/walk.js');
    const { builtinLessonFiles } = await import('../../source/lesson/builtin.js');
    const { compiledFile } = await import('../helpers/builtin.js');
    const c = compiledFile(builtinLessonFiles().find((f) => f.endsWith('-window.yaml'))!, 7);
    const events = walk(c);
    const told = events.findIndex((e) => e.kind === 'narration' && e.text.en.startsWith('Zero window'));
    // The first probe: the client's one-byte segment after the server advertised window 0.
    const probe = events.findIndex((e) => e.kind === 'frame' && e.from === 'client' && /length 1\b/.test(e.summary));
    expect(told).toBeGreaterThan(0);
    expect(probe).toBeGreaterThan(told);
    // In the player, the paragraph's stop comes before the step the probe is sent at.
    const m = builtinPlayer('window');
    const steps = m.book.trace.steps;
    const firstProbe = steps.findIndex((s) => s.kind === 'tcp-retransmit' && s.reason === 'persist-probe');
    const note = m.book.notes.find((n) => n.text.en.startsWith('Zero window'))!;
    expect(note.atStep).toBeLessThan(firstProbe);
  });
});
