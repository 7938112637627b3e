// Where the learner is in a lesson, and what that stop asks: small selectors over the
// player's model with no imports at run time, so that the menu (ui/tutor-model.ts) and
// session/snapshot.ts can read a live lesson without loading the player's engine (its
// views, the wire codecs, its texts) on the way to the menu's first frame. model.ts
// re-exports them.
import type { Checkpoint } from '../quiz/checkpoint.js';
import type { PlayerModel, QuizAnswer } from './model.js';

export function stopsOf(m: PlayerModel): readonly number[] {
  return m.book.stops[m.detail];
}

/** The trace step on screen; -1 for an empty trace. */
export function stepIndex(m: PlayerModel): number {
  return stopsOf(m)[m.pos] ?? -1;
}

/** The answer on record for a quiz, or null while it is still to be answered: in review, this round's retry. */
export function answerOf(m: PlayerModel, id: string): QuizAnswer | null {
  if (m.review?.includes(id)) return m.retries.get(id) ?? null;
  return m.answers.get(id) ?? null;
}

/** Where the closing paragraphs' stops begin in the stop list (its length when the lesson has none). */
export function closingStart(m: PlayerModel): number {
  return stopsOf(m).length - (stopsOf(m).length === 0 ? 0 : m.book.closing.length);
}

/** Which closing paragraph this stop reads (0 for the first), or null before them. */
export function closingIndex(m: PlayerModel): number | null {
  const k = m.pos - closingStart(m);
  return k >= 0 && k < m.book.closing.length ? k : null;
}

/** Which of the stops repeated at this step for the lesson's paragraphs the learner is at: 0 for the first. */
export function paragraphIndex(m: PlayerModel): number {
  const stops = stopsOf(m);
  const step = stepIndex(m);
  let k = 0;
  while (m.pos - k > 0 && stops[m.pos - k - 1] === step) k++;
  return k;
}

const NO_QUIZZES: readonly Checkpoint[] = [];

/** The quizzes asked at this stop: at a step read over several paragraphs, after the last. */
export function quizzesHere(m: PlayerModel): readonly Checkpoint[] {
  const step = stepIndex(m);
  // A quiz at the last step is asked before the closing words, which come after everything.
  if (closingIndex(m) !== null) return NO_QUIZZES;
  if (stopsOf(m)[m.pos + 1] === step && m.pos + 1 < closingStart(m)) return NO_QUIZZES;
  return m.book.checkpointAt.get(step) ?? NO_QUIZZES;
}

export function currentCheckpoint(m: PlayerModel): Checkpoint | null {
  const here = quizzesHere(m);
  if (here.length === 0) return null;
  return here.find((cp) => cp.id === m.reviewing) ?? here.find((cp) => answerOf(m, cp.id) === null) ?? here[here.length - 1]!;
}

/** Whether a quiz at this step is still to be asked after the one on screen. */
export function moreHere(m: PlayerModel): boolean {
  return quizzesHere(m).some((cp) => answerOf(m, cp.id) === null);
}

/** True when a quiz is open and unanswered: the learner cannot step forward. */
export function isBlocked(m: PlayerModel): boolean {
  const cp = currentCheckpoint(m);
  return cp !== null && answerOf(m, cp.id) === null;
}

export function score(m: PlayerModel): { readonly correct: number; readonly answered: number; readonly total: number } {
  let correct = 0;
  for (const a of m.answers.values()) if (a.correct) correct++;
  return { correct, answered: m.answers.size, total: m.book.checkpoints.length };
}

export function atEnd(m: PlayerModel): boolean {
  return m.pos >= stopsOf(m).length - 1;
}
