// While a quiz waits, nothing on screen states its answer: not the frame it asks about (see
// screen.ts hiddenByQuiz), and not an earlier frame of the same kind either. A seq, ack or
// flags answer is also the seq, ack or flags of any earlier segment in the same direction
// that carried the same value (lesson 19's lost RST, `RST seq=201`, before the RST asked
// about); the peer's ack, the way to the answer, stays. A flags quiz's host does not say
// what it owes the peer either (lesson 18: `… send SYN-ACK` under the ▼, scrolled away).
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { createPlayer, currentCheckpoint, stepIndex, update, type PlayerModel } from '../../source/player/model.js';
import { tcpFlagNames } from '../../source/player/dissect.js';
import { selectLadder, selectNarration, selectStack } from '../../source/player/screen.js';
import type { Checkpoint } from '../../source/quiz/checkpoint.js';
import { toPlayer } from '../../source/session/to-player.js';

function lessonPlayer(file: string): PlayerModel {
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(file);
  const c = compileLesson(r.loaded, { seed: 5 });
  if (!c.ok) throw new Error(file);
  const { trace, lesson, options } = toPlayer(c.compiled);
  return createPlayer(trace, lesson, options);
}

/** The player at quiz `cp`, open: the quizzes before it answered as the keys would. */
function atQuiz(start: PlayerModel, cp: Checkpoint): PlayerModel {
  let m = start;
  for (let guard = 0; guard < 2000 && currentCheckpoint(m)?.id !== cp.id; guard++) {
    const open = currentCheckpoint(m);
    m = open && !m.answers.has(open.id) ? update(m, { type: 'answer', value: String(open.expected) }) : update(m, { type: 'nextQuiz' });
  }
  expect(currentCheckpoint(m)?.id).toBe(cp.id);
  return m;
}

/** How a ladder label states a quiz's answer, or null for quizzes this test does not judge. */
function statement(m: PlayerModel, cp: Checkpoint): RegExp | null {
  if (cp.kind === 'number' && (cp.ask === 'seq' || cp.ask === 'ack')) return new RegExp(`\\b${cp.ask}=${cp.expected}\\b`);
  if (cp.kind === 'choice' && cp.ask === 'flags' && cp.frame !== undefined) {
    const t = m.book.views.dissections[cp.frame]!.tcp!;
    return new RegExp(`^${tcpFlagNames(t).replace(/[.,]/g, '\\$&')} `);
  }
  return null;
}

const lessons = builtinLessonFiles();

/** How the narration or a layer box would state a quiz's answer, or null where a pattern cannot tell (prose answers, one-digit numbers). */
function answerIn(cp: Checkpoint): RegExp | null {
  const e = String(cp.expected);
  // A reply's port is the query's other port: the query's port check is the way to it, not an echo.
  if (cp.kind === 'number' && (cp.ask === 'src-port' || cp.ask === 'dst-port')) return null;
  if (cp.kind === 'number') return e.length >= 2 ? new RegExp(`(?<![\\d.§#])${e}(?![\\d])`) : null;
  if (cp.kind === 'choice' && cp.ask === 'state') return new RegExp(`(?<![A-Z_])${e}(?![A-Z_])`);
  if (cp.kind === 'choice' && cp.ask === 'flags') {
    const names: Record<string, string> = { 'S.': 'SYN-ACK|SYN, ACK', R: 'RST', 'R.': 'RST', 'F.': 'FIN', S: 'SYN' };
    return new RegExp(`\\[${e.replace('.', '\\.')}\\]${names[e] ? `|\\b(${names[e]})\\b` : ''}`);
  }
  return null;
}

describe('the words at a quiz’s stop, scrolled into view or not, do not state its answer', () => {
  it.each(lessons.map((f) => [f.replace(/.*\//, ''), f]))('%s', (_name, file) => {
    const start = lessonPlayer(file);
    for (const cp of start.book.checkpoints) {
      const says = answerIn(cp);
      if (says === null) continue;
      const m = atQuiz(start, cp);
      const narration = selectNarration(m);
      // A state quiz asks one host's state; what another host's change says is not its answer.
      const about = cp.kind === 'choice' && cp.ask === 'state' && !narration.en.startsWith(`${cp.host} `) ? [] : [narration.en, narration.ko];
      const checks = selectStack(m).boxes.flatMap((b) => b.lines).flatMap((l) => (l.kind === 'check' ? [l.text.en, l.text.ko] : []));
      for (const text of [...about, ...checks]) expect(text, cp.id).not.toMatch(says);
    }
  });
});

describe('no earlier frame states a waiting quiz’s answer', () => {
  it.each(lessons.map((f) => [f.replace(/.*\//, ''), f]))('%s', (_name, file) => {
    const start = lessonPlayer(file);
    for (const cp of start.book.checkpoints) {
      const says = statement(start, cp);
      if (says === null || cp.frame === undefined) continue;
      const m = atQuiz(start, cp);
      const ladder = selectLadder(m);
      const conn = m.book.views.connections.find((c) => c.rows.some((r) => r.frame === cp.frame));
      const direction = conn?.rows.find((r) => r.frame === cp.frame)?.from;
      if (!ladder || direction === undefined) continue;
      for (const row of ladder.rows) {
        if (row.from !== direction || row.frame === cp.frame) continue;
        expect(row.label, `${cp.id}: the ladder's frame ${row.frame}`).not.toMatch(says);
      }
    }
  });

  it('lesson 19: the lost RST shows neither its flags nor its seq while the RST’s flags and seq are asked', () => {
    const start = lessonPlayer(lessons.find((f) => f.endsWith('19-half-open.yaml'))!);
    const lostRst = start.book.trace.steps.find((s) => s.kind === 'link-fate' && s.fate === 'dropped');
    if (lostRst?.kind !== 'link-fate') throw new Error('no lost frame');
    const label = (id: string) => selectLadder(atQuiz(start, start.book.checkpoints.find((c) => c.id === id)!))!.rows.find((r) => r.frame === lostRst.frame)!.label;
    // Both quizzes wait at the one stop: neither answer may be read off while the first is
    // open, nor whether it carries an ACK (an ack= in the label, or not).
    expect(label('server-reply-flags')).toBe('? seq=? ack=? len=0');
    expect(label('server-rst-seq')).toBe('RST seq=? len=0');
    // Answered, the frame is itself again; the client's ack=201, the way to the answer, was never hidden.
    const cp = start.book.checkpoints.find((c) => c.id === 'server-rst-seq')!;
    const answered = update(atQuiz(start, cp), { type: 'answer', value: String(cp.expected) });
    expect(selectLadder(answered)!.rows.find((r) => r.frame === lostRst.frame)!.label).toBe('RST seq=201 len=0');
    expect(selectLadder(atQuiz(start, cp))!.rows.some((r) => r.label.includes('ack=201'))).toBe(true);
  });

  it('lesson 19: from the crash on, the lost RST states neither the flags nor the seq the later quizzes ask', () => {
    const start = lessonPlayer(lessons.find((f) => f.endsWith('19-half-open.yaml'))!);
    const quiz = (id: string) => start.book.checkpoints.find((c) => c.id === id)!;
    // The lesson's own answers, as RFC 9293 §3.10.7.1 gives them for a segment with an ACK
    // reaching no connection: <SEQ=SEG.ACK><CTL=RST>, the client having acked the server's 200 bytes.
    expect(quiz('server-reply-flags').expected).toBe('R');
    expect(quiz('server-rst-seq').expected).toBe(201);
    const lost = start.book.trace.steps.find((s) => s.kind === 'link-fate' && s.fate === 'dropped');
    if (lost?.kind !== 'link-fate') throw new Error('no lost frame');
    const built = start.book.trace.steps.findIndex((s) => 'frame' in s && s.frame === lost.frame);
    let m = update(start, { type: 'goto', step: built });
    let seen = 0;
    for (let guard = 0; guard < 500 && !m.answers.has('server-reply-flags'); guard++) {
      const row = selectLadder(m)?.rows.find((r) => r.frame === lost.frame);
      if (row) expect(row.label, `stop ${m.pos}`).toBe('? seq=? ack=? len=0');
      const said = selectNarration(m).en;
      expect(said, `stop ${m.pos}`).not.toMatch(/Flags \[R\]|seq 201\b/);
      const tcp = selectStack(m).boxes.find((b) => b.layer === 'transport')!;
      for (const l of tcp.lines) {
        if (l.kind === 'field' && /^(Sequence Number|RST|ACK|Acknowledgment Number)$/.test(l.name) && l.value !== '' && m.book.views.views[stepIndex(m)]?.rootFrame === lost.frame) {
          expect(l.value, `stop ${m.pos}: ${l.name}`).toBe('?');
          seen++;
        }
      }
      expect(tcp.summary ?? '', `stop ${m.pos}`).not.toMatch(/\[R\]|seq=201/);
      const open = currentCheckpoint(m);
      m = open && !m.answers.has(open.id) ? (open.id === 'server-reply-flags' ? update(m, { type: 'answer', value: 'R' }) : update(m, { type: 'answer', value: String(open.expected) })) : update(m, { type: 'next' });
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('lesson 18: the server’s change to SYN_RECEIVED does not say it sends a SYN-ACK while its flags are asked', () => {
    const start = lessonPlayer(lessons.find((f) => f.endsWith('18-simultaneous.yaml'))!);
    const m = atQuiz(start, start.book.checkpoints.find((c) => c.id === 'server-second-flags')!);
    const said = selectNarration(m);
    expect(said.en).toBe('server: SYN_SENT → SYN_RECEIVED. Which flags will its next segment carry? Answer below.');
    expect(said.ko).toBe('서버는 SYN_SENT에서 SYN_RECEIVED로 넘어갑니다. 다음 세그먼트에는 어떤 플래그가 켜질까요? 아래에서 답해 보세요.');
  });

  it('lesson 10: the handshake’s last ACK shows neither seq nor ack while the first data segment’s are asked; the SYN-ACK, which gives both, stays', () => {
    const start = lessonPlayer(lessons.find((f) => f.endsWith('10-seq-ack.yaml'))!);
    const m = atQuiz(start, start.book.checkpoints.find((c) => c.id === 'data1-seq')!);
    expect(selectLadder(m)!.rows.map((r) => r.label)).toEqual(['SYN seq=10', 'SYN, ACK seq=20 ack=11', 'ACK seq=? ack=? len=0']);
  });
});
