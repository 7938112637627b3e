// A player as progress.json keeps it, and back: the bridge between the pure player and
// the saved record.
import type { PlayerModel, QuizAnswer } from '../player/model.js';
import { atEnd, isBlocked, score, stepIndex } from '../player/position.js';
import type { LessonSession } from './lesson.js';
import type { LessonProgress } from '../progress/data.js';

/** The run has reached its last step with nothing left to answer. */
export function finished(m: PlayerModel): boolean {
  return atEnd(m) && !isBlocked(m);
}

export interface SnapshotContext {
  readonly seed: number;
  /** What was saved before this run (for the best score). */
  readonly previous: LessonProgress | undefined;
  /** This run has reached the end at some point (stepping back does not undo that). */
  readonly done: boolean;
  readonly now: Date;
}

export function snapshot(m: PlayerModel, c: SnapshotContext): LessonProgress {
  const s = score(m);
  const answers: Record<string, { value: string; correct: boolean }> = {};
  for (const [id, a] of m.answers) answers[id] = { value: a.value, correct: a.correct };
  return {
    step: Math.max(0, stepIndex(m)),
    steps: m.book.trace.steps.length,
    answers,
    score: s.correct,
    total: s.total,
    best: Math.max(c.previous?.best ?? 0, s.correct),
    seed: c.seed,
    done: c.done || finished(m),
    updated: c.now.toISOString(),
  };
}

/** Saved answers as the player holds them, keeping only quizzes this lesson still has. */
export function restoredAnswers(saved: LessonProgress, quizIds: ReadonlySet<string>): Map<string, QuizAnswer> {
  const out = new Map<string, QuizAnswer>();
  for (const [id, a] of Object.entries(saved.answers)) if (quizIds.has(id)) out.set(id, { value: a.value, correct: a.correct });
  return out;
}

/** A lesson on its way into the player. */
export interface Playing {
  readonly session: LessonSession;
  readonly startAt?: number;
  readonly answers?: ReadonlyMap<string, QuizAnswer>;
  /** Saved before this run, for the best score. */
  readonly previous: LessonProgress | undefined;
  /** Opened where an earlier run left off (not a reload of the file being written). */
  readonly resumed?: boolean;
}

/** A freshly opened lesson, resumed where `resume` left off when it is the same run. */
export function playingOf(session: LessonSession, previous: LessonProgress | undefined, resume: LessonProgress | undefined): Playing {
  const same = resume && resume.seed === session.seed && resume.steps === session.trace.steps.length;
  if (!same) return { session, previous };
  const quizIds = new Set((session.lesson.checkpoints ?? []).map((c) => c.id));
  return { session, startAt: resume.step, answers: restoredAnswers(resume, quizIds), previous, resumed: true };
}
