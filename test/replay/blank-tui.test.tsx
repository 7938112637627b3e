// A blanked field in the replay player at 80×24: the value (tshark's 39238 for frame 53 of
// segmented-40k.pcap, worked out in docs/writing-lessons.md) is nowhere on screen, what is
// typed shows in the header where the field belongs, and Enter grades it.
import { afterEach, describe, expect, it } from 'vitest';
import type { QuizAnswer } from '../../source/player/model.js';
import { replayCapture } from '../../source/replay/replay.js';
import { toPlayer } from '../../source/session/to-player.js';
import { App } from '../../source/ui/App.js';
import { cleanupInk, KEY, renderInk } from '../ui/render.js';

afterEach(cleanupInk);

describe('a blanked field in the replay player', () => {
  it('hides the seq everywhere, echoes the answer in the TCP header, and grades it', async () => {
    const r = replayCapture('captures/segmented-40k.pcap', { stream: null });
    if (!r.ok) throw new Error(r.error.en);
    const cp = r.replay.quizzes.find((q) => q.kind === 'number' && q.ask === 'blank' && q.field === 'tcp.seq')!;
    const answers = new Map<string, QuizAnswer>(r.replay.quizzes.filter((q) => q.atStep < cp.atStep).map((q) => [q.id, { value: String(q.expected), correct: true }]));
    const { lesson, options } = toPlayer(r.replay);
    const ui = await renderInk(
      <App trace={r.replay.trace} lesson={lesson} options={options} lang="en" color={false} interactive startAt={cp.atStep} answers={answers} />,
      { columns: 80, rows: 24 },
    );
    const said = () => ui.lines().map((l) => l.trim()).join(' ');
    expect(said()).toContain('segment with 904 bytes is blanked. What is it (relative)?');
    expect(ui.text()).toMatch(/Quiz \d+\/\d+ \(relative numbers\)/);
    expect(ui.text()).not.toContain('39238');
    // The ladder's label, wrapped at 80 columns after its numbers (flag names, as everywhere on the ladder).
    expect(ui.text()).toMatch(/PSH, ACK seq=\? ack=91 *│\n.*len=904/);
    await ui.press('3', '9', '2', '3', '8');
    // Typed into the header's Sequence Number line as into the quiz box.
    expect(ui.lines().find((l) => l.includes('Sequence Number'))).toContain('39238');
    await ui.press(KEY.enter);
    expect(ui.text()).toContain('✓ Right: 39238.');
    expect(said()).toContain('seq = previous seq 37790 + 1448 bytes of data = 39238');
  });
});
