// At every quiz of the handshake and close lessons, the screen a learner sees at 80×24 does
// not show the answer anywhere outside the quiz box. The answers are the lessons' own,
// checked against RFC 9293's state diagram where they are states.
import { afterEach, describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { openLoaded } from '../../source/session/lesson.js';
import { createPlayer, currentCheckpoint, update, type PlayerModel } from '../../source/player/model.js';
import { PlayerScreen } from '../../source/ui/PlayerScreen.js';
import { ColorContext } from '../../source/ui/theme.js';
import { cleanupInk, renderInk } from './render.js';

afterEach(cleanupInk);

function lessonPlayer(id: string): PlayerModel {
  const file = builtinLessonFiles().find((f) => f.endsWith(`-${id}.yaml`))!;
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(`${id} does not load`);
  const o = openLoaded(r.loaded, (s) => s ?? 1);
  if (!o.ok) throw new Error(o.reason);
  return createPlayer(o.session.trace, o.session.lesson, o.session.options);
}

async function screenAt(m: PlayerModel): Promise<string[]> {
  const r = await renderInk(
    <ColorContext.Provider value={false}>
      <PlayerScreen model={m} dispatch={() => {}} lang="en" cols={80} rows={24} />
    </ColorContext.Provider>,
    { columns: 80, rows: 24 },
  );
  const lines = r.lines();
  r.unmount();
  return lines;
}

/** The lines above the quiz box: everything on screen but the question and the status bar. */
function outsideQuiz(lines: readonly string[]): string[] {
  const q = lines.findIndex((l) => /^─ Quiz \d+\/\d+/.test(l));
  expect(q).toBeGreaterThan(0);
  return lines.slice(0, q);
}

/** The two hosts' states as the ladder's second line shows them, left and right. */
function ladderStates(lines: readonly string[], hosts: readonly [string, string]): [string, string] {
  const head = lines.findIndex((l) => new RegExp(`\\b${hosts[0]}\\s{3,}${hosts[1]}\\b`).test(l));
  expect(head).toBeGreaterThanOrEqual(0);
  const from = lines[head]!.lastIndexOf(hosts[0], lines[head]!.lastIndexOf(hosts[1]));
  const [a, b] = lines[head + 1]!.slice(from).trim().split(/\s+/);
  return [a!, b!];
}

const token = (s: string) => new RegExp(`(?<![\\w.:-])${s.replace(/[.[\]]/g, '\\$&')}(?![\\w:-]|\\.\\d)`);

/**
 * Walks every quiz of a lesson in the order the player asks them, answering the ones
 * before it, and checks the screen at each.
 */
async function checkLesson(id: string, expectedStates: Readonly<Record<string, string>>): Promise<number> {
  let m = lessonPlayer(id);
  let checked = 0;
  for (const cp of m.book.checkpoints) {
    m = update(m, { type: 'goto', step: cp.atStep });
    for (let k = 0; k < 10 && currentCheckpoint(m) && currentCheckpoint(m)!.id !== cp.id; k++) {
      m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
      m = update(m, { type: 'next' });
    }
    expect(currentCheckpoint(m)?.id).toBe(cp.id);
    const outside = outsideQuiz(await screenAt(m));
    const where = `${id}/${cp.id}`;
    if (cp.kind === 'choice' && cp.ask === 'state') {
      // The answer is RFC 9293's, written here, not the lesson's own.
      expect(cp.expected, where).toBe(expectedStates[cp.id]);
      const columns = m.book.views.connections[0]!.columns.map((c) => c.host) as [string, string];
      const asked = columns.indexOf(cp.host!);
      const states = ladderStates(outside, columns);
      expect(states[asked], `${where}: the asked host's state in the ladder`).toBe('?');
      const other = columns[1 - asked]!;
      // The other host's state and what is narrated about it are not the question.
      const seen = outside
        .filter((l) => !l.includes(`${other} (`))
        .map((l) => (l.includes(` ${states[1 - asked]} `) || l.endsWith(states[1 - asked]!) ? l.replace(states[1 - asked]!, '') : l));
      for (const l of seen) expect(l, where).not.toMatch(token(String(cp.expected)));
    } else if (cp.kind === 'number') {
      // A range's end (`seq 1:1461`) is the next number in that direction.
      for (const l of outside) expect(l, where).not.toMatch(new RegExp(`:${cp.expected}(?!\\d)`));
      // A long number (an absolute seq or ack) is nowhere but in other segments' labels.
      if (String(cp.expected).length >= 3) {
        for (const l of outside) expect(l.replace(/\b(seq|ack)=\d+/g, ''), where).not.toMatch(token(String(cp.expected)));
      }
    } else if (cp.kind === 'choice') {
      const label = cp.options.find((o) => o.value === cp.expected)!.label.en;
      for (const l of outside) expect(l, where).not.toContain(label);
    } else if (cp.kind === 'order') {
      // None of the frames to order is on screen yet: no ladder label shows the page's length.
      const len = /Flags \[P\.\], seq \d+:\d+, ack \d+, win \d+, length (\d+)/.exec(cp.items.map((i) => i.line).join('\n'))![1]!;
      for (const l of outside) expect(l, where).not.toMatch(new RegExp(`len=${len}\\b`));
    }
    checked++;
  }
  return checked;
}

describe('no quiz gives itself away at 80×24', () => {
  it('in the handshake lesson', async () => {
    const n = await checkLesson('handshake', {
      'server-listen': 'LISTEN',            // §3.10.1: a passive OPEN goes to LISTEN
      'client-synsent': 'SYN_SENT',         // §3.10.1: an active OPEN sends SYN, enters SYN-SENT
      'server-synrcvd': 'SYN_RECEIVED',     // §3.10.7.2: LISTEN + SYN
      'client-established': 'ESTABLISHED',  // §3.10.7.3: SYN-SENT + SYN,ACK
      'server-established': 'ESTABLISHED',  // §3.10.7.4: SYN-RECEIVED + ACK
    });
    expect(n).toBe(11);
  });

  it('in the simultaneous open and close, whose crossing frames the player tells in wire order', async () => {
    const n = await checkLesson('simultaneous', {
      'client-synsent': 'SYN_SENT',         // §3.10.1: an active OPEN sends SYN, enters SYN-SENT
      'client-synrcvd': 'SYN_RECEIVED',     // §3.10.7.3: SYN without ACK in SYN-SENT
      'client-established': 'ESTABLISHED',  // §3.10.7.4: SYN-RECEIVED + the ACK of our SYN
      'client-closing': 'CLOSING',          // §3.10.7.4: FIN in FIN-WAIT-1 that does not ack ours
      'client-timewait': 'TIME_WAIT',       // §3.10.7.4: the ACK of our FIN in CLOSING
      'server-closed': 'CLOSED',            // §3.10.8: the time-wait timeout deletes the TCB
    });
    expect(n).toBe(11);
  });

  it('in the close lesson', async () => {
    const n = await checkLesson('close', {
      'client-finwait1': 'FIN_WAIT_1',      // §3.10.4: CLOSE in ESTABLISHED sends FIN
      'server-closewait': 'CLOSE_WAIT',     // §3.10.7.4: FIN in ESTABLISHED
      'client-finwait2': 'FIN_WAIT_2',      // §3.10.7.4: ACK of our FIN in FIN-WAIT-1
      'server-lastack': 'LAST_ACK',         // §3.10.4: CLOSE in CLOSE-WAIT sends FIN
      'client-timewait': 'TIME_WAIT',       // §3.10.7.4: FIN in FIN-WAIT-2
      'server-closed': 'CLOSED',            // §3.10.7.4: ACK of our FIN in LAST-ACK
      'client-closed': 'CLOSED',            // §3.10.8: the time-wait timeout
    });
    expect(n).toBe(13);
  });
});
