// The order quiz in the player, at 80 columns: the shuffled frames are listed, a digit
// highlights one, K (or Shift+↑) moves it up, J (or Shift+↓) down, and Enter submits the
// list top first. The true order is worked out here from the one-liners on screen: the
// page, the client's ACK of it and FIN, the server's ACK of that and FIN, the last ACK.
import { afterEach, describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { openLoaded } from '../../source/session/lesson.js';
import type { QuizAnswer } from '../../source/player/model.js';
import { App } from '../../source/ui/App.js';
import { cleanupInk, KEY, renderInk } from './render.js';

afterEach(cleanupInk);

function closeLesson() {
  const r = loadLessonFile('lessons/13-close.yaml', 'en');
  if (!r.ok) throw new Error('the close lesson does not load');
  const o = openLoaded(r.loaded, (s) => s ?? 1);
  if (!o.ok) throw new Error(o.reason);
  return o.session;
}

/** The list on screen: `❯ 3. 192…: Flags [S], seq …` and its wrapped rest → item number and the whole line. */
function listed(lines: readonly string[]): { n: number; line: string; current: boolean }[] {
  const out: { n: number; line: string; current: boolean }[] = [];
  for (const l of lines) {
    const m = /^ (❯| ) (\d)\. ((client|server) > (client|server): .*)$/.exec(l.trimEnd());
    if (m) out.push({ n: Number(m[2]), line: m[3]!, current: m[1] === '❯' });
    else if (out.length && /^ {6}\S/.test(l) && !/^ {6}\S.*\?/.test(l)) out[out.length - 1]!.line += ` ${l.trim()}`;
  }
  return out;
}

/** The rule, applied to the brief lines: which item goes where (the client's two bare ACKs by their ack). */
function rank(line: string): number {
  const flags = /Flags \[([^\]]+)\]/.exec(line)![1];
  if (line.startsWith('server')) return flags === 'P.' ? 0 : flags === '.' ? 3 : 4;
  if (flags === 'F.') return 2;
  return Number(/ack (\d+)/.exec(line)![1]) === 125 ? 1 : 5;
}

describe('the order quiz in the player', () => {
  it('moves frames with digits and K J, and takes the list on Enter', async () => {
    const s = closeLesson();
    const cp = s.lesson.checkpoints!.find((q) => q.id === 'page-and-close-order')!;
    const answers = new Map<string, QuizAnswer>(s.lesson.checkpoints!.filter((q) => q.id !== cp.id).map((q) => [q.id, { value: String(q.expected), correct: true }]));
    const r = await renderInk(
      <App trace={s.trace} lesson={s.lesson} options={s.options} lang="en" color={false} interactive startAt={cp.atStep} answers={answers} />,
      { columns: 80, rows: 24 },
    );
    let rows = listed(r.lines());
    expect(rows.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.current).toBe(true);
    expect(r.text()).toContain('K J move');
    // Each frame in brief, whole: the page's seq range and ack are on screen.
    expect(rows.find((x) => x.line.includes('[P.]'))!.line).toMatch(/^server > client: Flags \[P\.\], seq 1:125, ack 99, length 124/);
    for (const l of r.lines()) expect(l.length).toBeLessThanOrEqual(80);

    // ↓ moves the highlight, not the frame.
    await r.press(KEY.down);
    rows = listed(r.lines());
    expect(rows.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[1]!.current).toBe(true);

    // Put each frame in its place: highlight it by its number, then K until it is there.
    const wanted = [...rows].sort((a, b) => rank(a.line) - rank(b.line)).map((x) => x.n);
    for (let place = 0; place < wanted.length; place++) {
      await r.press(String(wanted[place]));
      const at = listed(r.lines()).findIndex((x) => x.n === wanted[place]);
      expect(listed(r.lines())[at]!.current).toBe(true);
      for (let k = at; k > place; k--) await r.press('K');
    }
    expect(listed(r.lines()).map((x) => x.n)).toEqual(wanted);
    // J moves one down and K brings it back.
    await r.press(String(wanted[0]), 'J');
    expect(listed(r.lines()).map((x) => x.n).slice(0, 2)).toEqual([wanted[1], wanted[0]]);
    await r.press('K');
    expect(listed(r.lines()).map((x) => x.n)).toEqual(wanted);

    await r.press(KEY.enter);
    expect(r.text()).toContain(`✓ Right: ${wanted.join(' ')}.`);
    // The explanation shows whole at 80×24, down to its last reason.
    const said = r.lines().map((l) => l.trim()).join(' ');
    expect(said).toContain(`${wanted[1]} [.] acknowledges ${wanted[0]} [P.]: ack = ${wanted[0]}'s seq + 124 bytes.`);
    expect(said).toContain(`${wanted[5]} [.] acknowledges ${wanted[4]} [F.]: ack = ${wanted[4]}'s seq + 1 for the FIN.`);
  });
});
