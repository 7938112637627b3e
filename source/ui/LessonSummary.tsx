// The end of a lesson, full screen: the lesson's closing words, the score by kind of quiz,
// each missed quiz with the answer and its rule, and the keys (r review, ↑↓ scroll). It
// scrolls by blocks, as the model counts them; what it draws comes from player/summary.ts.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang, Text } from '../i18n/text.js';
import type { MissedQuiz, SummaryBlock, SummaryScreen } from '../player/summary.js';
import { say, SUMMARY, TOPIC_WORDS, UI } from './strings.js';
import { Lines, type Line, type Tone } from './theme.js';
import { fit, truncate, widthOf, wrap } from './text-width.js';

export interface LessonSummaryProps {
  readonly summary: SummaryScreen;
  readonly lang: Lang;
  readonly width: number;
  /** Rows to draw. */
  readonly height: number;
}

function para(text: string, width: number, tone: Tone = 'plain', indent = ''): Line[] {
  return wrap(text, width - widthOf(indent)).map((l) => [{ text: indent + l, tone }]);
}

/** A choice's label reads as a quoted sentence; a number or a field value as it is. */
function shown(v: string | Text, lang: Lang): string {
  return typeof v === 'string' ? v : `“${v[lang]}”`;
}

function missedLines(q: MissedQuiz, lang: Lang, width: number): Line[] {
  const cp = q.checkpoint;
  const answer = shown(q.expected, lang);
  const lines: Line[] = [
    ...para(say(SUMMARY.missedTitle, lang, { n: q.number, prompt: cp.prompt[lang] }), width, 'bad'),
    ...para(q.given === null ? say(SUMMARY.unanswered, lang, { answer }) : say(cp.kind === 'choice' ? SUMMARY.givenChosen : cp.kind === 'order' ? SUMMARY.givenOrder : SUMMARY.givenTyped, lang, { given: shown(q.given, lang), answer }), width, 'plain', '  '),
  ];
  if (q.retry) {
    const label = cp.kind === 'choice' ? cp.options.find((o) => o.value === q.retry!.value)?.label : undefined;
    const given = label ? shown(label, lang) : q.retry.value;
    lines.push(...para(say(q.retry.correct ? SUMMARY.retryRight : SUMMARY.retryWrong, lang, { given }), width, q.retry.correct ? 'ok' : 'bad', '  '));
  }
  if (q.wrongExplain) lines.push(...para(q.wrongExplain[lang], width, 'plain', '  '));
  lines.push(...para(cp.explanation[lang], width, 'plain', '  '));
  return lines;
}

function scoreLines(b: Extract<SummaryBlock, { kind: 'score' }>, lang: Lang, width: number): Line[] {
  if (b.total === 0) return para(SUMMARY.noQuizzes[lang], width, 'title');
  const head = b.retriedRight > 0
    ? say(SUMMARY.scoreRetried, lang, { correct: b.correct, total: b.total, retried: b.retriedRight })
    : say(SUMMARY.score, lang, { correct: b.correct, total: b.total });
  const nameWidth = Math.min(Math.max(...b.topics.map((t) => widthOf(TOPIC_WORDS[t.topic][lang]))) + 2, Math.max(10, width - 24));
  return [
    ...para(head, width, 'title'),
    ...b.topics.map((t): Line => {
      const count = t.retriedRight > 0
        ? say(SUMMARY.topicRetried, lang, { correct: t.correct, total: t.total, retried: t.retriedRight })
        : say(SUMMARY.topicRow, lang, { correct: t.correct, total: t.total });
      return [
        { text: `  ${fit(TOPIC_WORDS[t.topic][lang], nameWidth)}` },
        { text: truncate(count, Math.max(0, width - 2 - nameWidth)), tone: t.correct === t.total ? 'ok' : 'plain' },
      ];
    }),
  ];
}

export function blockLines(b: SummaryBlock, lang: Lang, width: number): Line[] {
  switch (b.kind) {
    case 'closing':
      return para(b.text[lang], width);
    case 'score':
      return scoreLines(b, lang, width);
    case 'missed':
      return missedLines(b.missed, lang, width);
  }
}

/** Every line on screen, top to bottom: title, the blocks that fit from `top`, markers, keys. */
export function summaryLines(s: SummaryScreen, lang: Lang, width: number, height: number): Line[] {
  const titleText = s.title ? say(SUMMARY.title, lang, { title: s.title[lang] }) : SUMMARY.titlePlain[lang];
  const title: Line = [{ text: '─ ', tone: 'border' }, { text: truncate(titleText, width - 4), tone: 'focusTitle' }, { text: ` ${'─'.repeat(Math.max(0, width - 3 - widthOf(truncate(titleText, width - 4))))}`, tone: 'border' }];
  const keys = s.toReview > 0 ? say(SUMMARY.keysReview, lang, { n: s.toReview }) : SUMMARY.keys[lang];
  const footer: Line = [{ text: truncate(` ${keys}`, width), tone: 'dim' }];
  const above = s.top;
  const room = Math.max(1, height - 2 - (above > 0 ? 1 : 0));
  const body: Line[] = [];
  let shownBlocks = 0;
  for (let i = s.top; i < s.blocks.length; i++) {
    const lines = [...(body.length ? [[] as Line] : []), ...blockLines(s.blocks[i]!, lang, width)];
    // Keep a row for the "more below" marker unless this is the last block.
    const limit = i === s.blocks.length - 1 ? room : room - 1;
    if (body.length + lines.length > limit) {
      // A block taller than the screen still shows its start; scrolling brings the rest.
      if (shownBlocks === 0) {
        body.push(...lines.slice(0, limit));
        shownBlocks = 1;
      }
      break;
    }
    body.push(...lines);
    shownBlocks++;
  }
  const below = s.blocks.length - s.top - shownBlocks;
  return [
    title,
    ...(above > 0 ? [[{ text: say(UI.moreAbove, lang, { n: above }), tone: 'dim' }] as Line] : []),
    ...body,
    ...(below > 0 ? [[{ text: say(UI.more, lang, { n: below }), tone: 'dim' }] as Line] : []),
    ...Array.from({ length: Math.max(0, height - 2 - (above > 0 ? 1 : 0) - body.length - (below > 0 ? 1 : 0)) }, (): Line => []),
    footer,
  ];
}

export const LessonSummary = memo(function LessonSummary(p: LessonSummaryProps) {
  const lines = useMemo(() => summaryLines(p.summary, p.lang, p.width, p.height), [p.summary, p.lang, p.width, p.height]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
      <Lines lines={lines} />
    </Box>
  );
});
