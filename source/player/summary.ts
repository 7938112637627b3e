// The end of a lesson as data: the lesson's closing words, the score by kind of quiz (first
// tries, and what review put right), and each missed quiz with its answer and the rule that
// explains it. Pure; ui/LessonSummary.tsx draws it.
import type { Text } from '../i18n/text.js';
import { expectedText, grade, type Checkpoint, type CheckpointKind, type QuizAsk } from '../quiz/checkpoint.js';
import { missedQuizzes, toReview, type PlayerModel, type QuizAnswer } from './model.js';

/** What a quiz is about: its `ask`, or its kind for a hand-made checkpoint that does not say. */
export type QuizTopic = QuizAsk | CheckpointKind;

export interface TopicScore {
  readonly topic: QuizTopic;
  readonly total: number;
  /** Right at the first try. */
  readonly correct: number;
  /** Missed at first, right on a retry. */
  readonly retriedRight: number;
}

export interface MissedQuiz {
  readonly checkpoint: Checkpoint;
  /** 1-based position among the lesson's quizzes, as the quiz box numbered it. */
  readonly number: number;
  /** What the learner answered first, as shown (a choice's label); null if never answered. */
  readonly given: string | Text | null;
  readonly retry: QuizAnswer | null;
  readonly expected: string | Text;
  /** Why the first answer is wrong, when the lesson knows that mistake. */
  readonly wrongExplain: Text | null;
  readonly explanation: Text;
}

export type SummaryBlock =
  | { readonly kind: 'closing'; readonly text: Text }
  | { readonly kind: 'score'; readonly correct: number; readonly total: number; readonly retriedRight: number; readonly topics: readonly TopicScore[] }
  | { readonly kind: 'missed'; readonly missed: MissedQuiz };

export interface SummaryScreen {
  readonly title: Text | null;
  /** In this order: closing paragraphs, the score, the missed quizzes (as many as model.ts's summaryBlockCount). */
  readonly blocks: readonly SummaryBlock[];
  /** The first block on screen. */
  readonly top: number;
  /** Quizzes review would ask again. */
  readonly toReview: number;
}

export function topicOf(cp: Checkpoint): QuizTopic {
  return cp.ask ?? cp.kind;
}

function shown(cp: Checkpoint, value: string): string | Text {
  return cp.kind === 'choice' ? cp.options.find((o) => o.value === value)?.label ?? value : value;
}

function missedOf(m: PlayerModel, cp: Checkpoint): MissedQuiz {
  const first = m.answers.get(cp.id) ?? null;
  const verdict = first ? grade(cp, first.value) : null;
  return {
    checkpoint: cp,
    number: m.book.checkpoints.indexOf(cp) + 1,
    given: first ? shown(cp, first.value) : null,
    retry: m.retries.get(cp.id) ?? null,
    expected: expectedText(cp),
    wrongExplain: verdict?.graded ? verdict.wrongExplain : null,
    explanation: cp.explanation,
  };
}

export function selectSummary(m: PlayerModel): SummaryScreen {
  const topics = new Map<QuizTopic, { total: number; correct: number; retriedRight: number }>();
  for (const cp of m.book.checkpoints) {
    const t = topics.get(topicOf(cp)) ?? { total: 0, correct: 0, retriedRight: 0 };
    t.total++;
    if (m.answers.get(cp.id)?.correct) t.correct++;
    else if (m.retries.get(cp.id)?.correct) t.retriedRight++;
    topics.set(topicOf(cp), t);
  }
  const rows = [...topics].map(([topic, t]) => ({ topic, ...t }));
  const blocks: SummaryBlock[] = [
    ...m.book.closing.map((text) => ({ kind: 'closing', text }) as const),
    {
      kind: 'score',
      correct: rows.reduce((n, r) => n + r.correct, 0),
      total: m.book.checkpoints.length,
      retriedRight: rows.reduce((n, r) => n + r.retriedRight, 0),
      topics: rows,
    },
    ...missedQuizzes(m).map((cp) => ({ kind: 'missed', missed: missedOf(m, cp) }) as const),
  ];
  return { title: m.book.title, blocks, top: Math.min(m.summary?.top ?? 0, blocks.length - 1), toReview: toReview(m).length };
}
