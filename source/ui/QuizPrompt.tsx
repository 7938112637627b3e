// A checkpoint's question: number entry, a choice list or a field to fill in (typed here
// and shown inside the header being built), then immediate feedback that states the rule.
// Keys and grading belong to the reducer (player/keys.ts, player/model.ts): the list's
// highlight is the model's draft, so this only draws.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { QuizScreen } from '../player/screen.js';
import { inSequenceSpace } from '../quiz/checkpoint.js';
import { say, UI } from './strings.js';
import { Lines, type Line } from './theme.js';
import { fit, truncate, widthOf, wrap } from './text-width.js';

export interface QuizPromptProps {
  readonly quiz: QuizScreen;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
}

interface QuizParts {
  readonly head: Line[];
  /** Each option as printed, its number first. */
  readonly options: readonly string[] | null;
  /** The highlighted option; -1 for none (an answer typed out). */
  readonly cursor: number;
  readonly tail: Line[];
}

function wrapped(text: string, width: number, max: number, tone: Line[number]['tone'], first = '  '): Line[] {
  const rest = ' '.repeat(widthOf(first));
  return wrap(text, width - widthOf(first)).slice(0, max).map((l, i) => [{ text: (i === 0 ? first : rest) + l, tone }]);
}

function quizParts(q: QuizScreen, lang: Lang, width: number): QuizParts {
  const cp = q.checkpoint;
  const open = q.answer === null;
  const keys = cp.kind === 'number' ? UI.numberKeys : cp.kind === 'field' ? UI.fieldKeys : cp.kind === 'order' ? UI.orderKeys : UI.choiceKeys;
  // Only a question about sequence space is asked in a numbering.
  const numbering = inSequenceSpace(cp) ? ` ${say(UI.numbersIn, lang, { numbering: UI[cp.numbering][lang] })}` : '';
  const left = ` ${say(UI.quizTitle, lang, { n: q.number, total: q.total })}${numbering} `;
  const right = open ? ` ${keys[lang]} · ${UI.hintKey[lang]} ` : ` ${UI.continue[lang]} `;
  const dashes = Math.max(1, width - 2 - widthOf(left) - widthOf(right));
  const head: Line[] = [[
    { text: '─', tone: 'border' }, { text: truncate(left, width - 2), tone: 'focusTitle' },
    { text: '─'.repeat(dashes), tone: 'border' }, { text: truncate(right, Math.max(0, width - 2 - widthOf(left) - 1)), tone: 'dim' },
    { text: '─', tone: 'border' },
  ]];
  head.push(...wrapped(cp.prompt[lang], width, 3, 'plain', '? '));
  const tail: Line[] = [];
  let options: QuizParts['options'] = null;
  let cursor = 0;
  if (open) {
    if (cp.kind === 'choice') {
      options = cp.options.map((o, i) => `${i + 1}. ${o.label[lang]}`);
      // A pasted answer that is not an option's number is shown as typed, to be graded on
      // Enter, and no option is highlighted meanwhile.
      const typed = q.draft !== '' && !/^\d+$/.test(q.draft);
      cursor = typed ? -1 : q.cursor;
      if (typed) head.push([{ text: `  ${UI.answerLabel[lang]}` }, { text: `[${q.draft}▏]`, tone: 'input' }]);
    } else if (cp.kind === 'order' && q.order) {
      // The frames as arranged so far, each with the number it was shown with, in brief and
      // wrapped whole: a one-liner cut at the screen's edge would lose the ack that orders it.
      const cursorRow = q.order.cursor;
      q.order.order.forEach((k, row) => {
        const current = row === cursorRow;
        const first = `${current ? ' ❯ ' : '   '}${k}. `;
        head.push(...wrapped(cp.items[k - 1]?.brief ?? '', width, 2, current ? 'current' : 'plain', first));
      });
    } else {
      const box = `[${q.draft}▏${'_'.repeat(Math.max(0, 12 - widthOf(q.draft)))}]`;
      head.push([{ text: `  ${UI.answerLabel[lang]}` }, { text: box, tone: 'input' }]);
    }
    if (q.hint) tail.push(...wrapped(say(UI.hint, lang, { hint: q.hint[lang] }), width, 2, 'accent'));
  } else {
    const answer = q.answer!;
    // Choice labels are sentences: quote them inside the verdict.
    const expected = typeof q.expected === 'string' ? q.expected : `“${q.expected[lang]}”`;
    const label = cp.kind === 'choice' ? cp.options.find((o) => o.value === answer.value)?.label[lang] : undefined;
    const given = label !== undefined ? `“${label}”` : answer.value;
    const verdict = answer.correct
      ? say(UI.right, lang, { answer: expected })
      : say(cp.kind === 'choice' ? UI.wrongChosen : cp.kind === 'order' ? UI.wrongOrder : UI.wrongTyped, lang, { given, answer: expected });
    tail.push(...wrapped(verdict, width, 2, answer.correct ? 'ok' : 'bad'));
    // Why this answer is wrong, then the rule, each whole: what the box cannot hold is
    // marked at its foot (below) and shown in full in the lesson's summary.
    if (q.wrongExplain) tail.push(...wrapped(q.wrongExplain[lang], width, 40, 'plain'));
    tail.push(...wrapped(cp.explanation[lang], width, 40, 'plain'));
  }
  return { head, options, cursor, tail };
}

/**
 * The options that fit in `rows` around the highlighted one, each with its marker: `❯`
 * on the highlighted option, and `▲ n more` / `▼ n more` at the right of the first and
 * last rows when options are out of sight.
 */
export function optionLines(options: readonly string[], cursor: number, rows: number, width: number, lang: Lang): Line[] {
  const shown = Math.max(1, Math.min(rows, options.length));
  const start = Math.max(0, Math.min(cursor - Math.floor((shown - 1) / 2), options.length - shown));
  const end = start + shown;
  const lines: Line[] = [];
  for (let i = start; i < end; i++) {
    let marker = '';
    if (i === start && start > 0) marker = say(UI.optionsAbove, lang, { n: start });
    if (i === end - 1 && end < options.length) marker = say(UI.optionsBelow, lang, { n: options.length - end });
    const room = width - 3 - (marker ? widthOf(marker) + 1 : 0);
    const current = i === cursor;
    const line: Line[number][] = [
      { text: current ? ' ❯ ' : '   ', tone: current ? 'current' : 'plain' },
      { text: fit(truncate(options[i]!, room), room), tone: current ? 'current' : 'plain' },
    ];
    if (marker) line.push({ text: ` ${marker}`, tone: 'accent' });
    lines.push(line);
  }
  return lines;
}

/** Rows the quiz wants at this width. */
export function quizNeed(q: QuizScreen | null, lang: Lang, width: number): number {
  if (!q) return 0;
  const p = quizParts(q, lang, width);
  return p.head.length + (p.options?.length ?? 0) + p.tail.length;
}

export const QuizPrompt = memo(function QuizPrompt(p: QuizPromptProps) {
  const parts = useMemo(() => quizParts(p.quiz, p.lang, p.width), [p.quiz, p.lang, p.width]);
  const headRows = Math.min(parts.head.length, p.height);
  // A long list (eleven TCP states) scrolls within the rows it has, around the highlight,
  // rather than spill over the panes around it.
  const optionRows = Math.min(parts.options?.length ?? 0, Math.max(1, p.height - headRows - parts.tail.length));
  const tailRows = Math.max(0, p.height - headRows - optionRows);
  // Feedback longer than the box (an order's reasons, a word on the answer and the rule)
  // says how much is cut and where it is whole, rather than stop mid-sentence unmarked.
  const tail = useMemo(() => {
    if (parts.tail.length <= tailRows || tailRows < 2) return parts.tail.slice(0, tailRows);
    const cut = parts.tail.length - tailRows + 1;
    const note = truncate(`  ${say(UI.feedbackCut, p.lang, { n: cut })}`, p.width);
    return [...parts.tail.slice(0, tailRows - 1), [{ text: note, tone: 'dim' as const }]];
  }, [parts.tail, tailRows, p.lang, p.width]);
  const options = useMemo(
    () => (parts.options ? optionLines(parts.options, parts.cursor, optionRows, p.width, p.lang) : []),
    [parts, optionRows, p.width, p.lang],
  );
  return (
    <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
      <Lines lines={parts.head.slice(0, headRows)} />
      {options.length > 0 && <Lines lines={options} />}
      <Lines lines={tail} />
    </Box>
  );
});
