// A report checked against its lesson: every expected answer re-derived by replaying the
// lesson with the report's seed, every answer graded again by the one grader, and whatever
// the report claims that the replay does not bear out named. Pure: the lesson is found and
// compiled by the caller (`grade` in cli/commands/grade.ts).
//
// What this can catch is a report that disagrees with itself or with its lesson: an answer
// marked right that is wrong, a changed right answer, a changed score, quizzes dropped or
// added. A report whose answer and verdict were both edited to agree is the same as an
// honest second run with the same seed, which anyone may make; it is not caught.
import { grade, type Checkpoint } from '../quiz/checkpoint.js';
import type { Report } from './format.js';

/** One quiz of a run, as re-graded. */
export interface GradedQuiz {
  readonly id: string;
  /** What the learner answered; null when they gave no answer (or the report has no such quiz). */
  readonly given: string | null;
  /** The right answer: from the replayed lesson, or as recorded when the lesson was not found. */
  readonly expected: string;
  /** Re-graded (as recorded when the lesson was not found); no answer and an unreadable one are wrong. */
  readonly correct: boolean;
  /** What the report says; null when the report does not have this quiz. */
  readonly claimed: boolean | null;
}

/** Something in a report that the replay contradicts. */
export type Alteration =
  /** Marked right (or wrong), but its own answer against its own expected answer says otherwise. */
  | { readonly kind: 'claimedRight' | 'claimedWrong'; readonly id: string }
  /** The recorded right answer is not what the same lesson with the same seed gives. */
  | { readonly kind: 'expectedDiffers'; readonly id: string; readonly recorded: string; readonly replayed: string }
  /** A quiz the lesson asks is not in the report, or one the report has is not in the lesson. */
  | { readonly kind: 'missing' | 'unknown' | 'duplicate'; readonly id: string }
  /** The report's score is not the count of the answers it marks right. */
  | { readonly kind: 'score'; readonly claimed: number; readonly counted: number };

export interface GradedRun {
  readonly report: Report;
  /** Whether the lesson was found to replay. When not, marks are as claimed and nothing is re-graded. */
  readonly lessonFound: boolean;
  /** The lesson found is not the one run (its content hash differs): graded against it all the same. */
  readonly lessonChanged: boolean;
  /** The current lesson's quizzes in its order (then any the report has that it lacks); the report's when not found. */
  readonly quizzes: readonly GradedQuiz[];
  readonly alterations: readonly Alteration[];
  readonly score: number;
  readonly total: number;
}

/** The lesson as replayed for a report's seed. */
export interface Replayed {
  readonly hash: string;
  readonly quizzes: readonly Checkpoint[];
}

export function regrade(report: Report, replayed: Replayed | null): GradedRun {
  const alterations: Alteration[] = [];
  const claimedScore = report.questions.filter((q) => q.correct).length;
  if (report.score !== claimedScore || report.total !== report.questions.length) {
    alterations.push({ kind: 'score', claimed: report.score, counted: claimedScore });
  }
  const byId = new Map<string, Report['questions'][number]>();
  for (const q of report.questions) {
    if (byId.has(q.id)) alterations.push({ kind: 'duplicate', id: q.id });
    else byId.set(q.id, q);
  }
  if (replayed === null) {
    const quizzes = [...byId.values()].map((q) => ({ id: q.id, given: q.given, expected: q.expected, correct: q.correct, claimed: q.correct }));
    return { report, lessonFound: false, lessonChanged: false, quizzes, alterations, score: quizzes.filter((q) => q.correct).length, total: quizzes.length };
  }

  const lessonChanged = replayed.hash !== report.lessonHash;
  const quizzes: GradedQuiz[] = [];
  for (const cp of replayed.quizzes) {
    const q = byId.get(cp.id);
    const expected = String(cp.expected);
    if (!q) {
      if (!lessonChanged) alterations.push({ kind: 'missing', id: cp.id });
      quizzes.push({ id: cp.id, given: null, expected, correct: false, claimed: null });
      continue;
    }
    const verdict = q.given === null ? null : grade(cp, q.given);
    const correct = verdict?.graded === true && verdict.correct;
    // The report against itself: its answer graded against its own right answer.
    const asRecorded = recordedCheckpoint(cp, q.expected);
    const selfVerdict = q.given === null || asRecorded === null ? null : grade(asRecorded, q.given);
    const selfCorrect = selfVerdict?.graded === true && selfVerdict.correct;
    if (q.correct && !selfCorrect) alterations.push({ kind: 'claimedRight', id: q.id });
    else if (!q.correct && selfCorrect) alterations.push({ kind: 'claimedWrong', id: q.id });
    // Against the same lesson and seed, the right answer cannot differ.
    if (!lessonChanged && q.expected !== expected) alterations.push({ kind: 'expectedDiffers', id: q.id, recorded: q.expected, replayed: expected });
    quizzes.push({ id: cp.id, given: q.given, expected, correct, claimed: q.correct });
  }
  const asked = new Set(replayed.quizzes.map((cp) => cp.id));
  for (const q of byId.values()) {
    if (asked.has(q.id)) continue;
    if (!lessonChanged) alterations.push({ kind: 'unknown', id: q.id });
  }
  return { report, lessonFound: true, lessonChanged, quizzes, alterations, score: quizzes.filter((q) => q.correct).length, total: quizzes.length };
}

/** The checkpoint with the report's right answer in place of the replayed one; null when that answer cannot be one. */
function recordedCheckpoint(cp: Checkpoint, recorded: string): Checkpoint | null {
  switch (cp.kind) {
    case 'number':
      return /^\d{1,10}$/.test(recorded) ? { ...cp, expected: Number(recorded) } : null;
    case 'choice':
      return cp.options.some((o) => o.value === recorded) ? { ...cp, expected: recorded } : null;
    case 'field':
      return { ...cp, expected: recorded };
    case 'order':
      // An order is graded by what must come before what, not by one stored order.
      return { ...cp, expected: recorded };
  }
}

/** How a class did on one quiz of one lesson. */
export interface QuizTotal {
  readonly lesson: string;
  readonly id: string;
  /** 1-based place in the lesson (in the first run that has it). */
  readonly n: number;
  readonly right: number;
  readonly wrong: number;
}

/** Per lesson, per quiz: how many runs got it right and wrong; most missed first, then in lesson order. */
export function quizTotals(runs: readonly GradedRun[]): QuizTotal[] {
  const totals = new Map<string, { lesson: string; id: string; n: number; right: number; wrong: number; order: number }>();
  for (const run of runs) {
    run.quizzes.forEach((q, i) => {
      const key = `${run.report.lesson}\u0000${q.id}`;
      let t = totals.get(key);
      if (!t) totals.set(key, (t = { lesson: run.report.lesson, id: q.id, n: i + 1, right: 0, wrong: 0, order: totals.size }));
      if (q.correct) t.right++;
      else t.wrong++;
    });
  }
  return [...totals.values()]
    .sort((a, b) => (a.lesson < b.lesson ? -1 : a.lesson > b.lesson ? 1 : b.wrong - a.wrong || a.order - b.order))
    .map(({ order: _order, ...t }) => t);
}
