// A checkpoint's question: number entry, a choice list (ink-select-input) or a field to
// fill in (typed here and shown inside the header being built), then immediate feedback
// that states the rule. Grading happens in the reducer; this only draws and forwards.
import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { memo, useCallback, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { QuizScreen } from '../player/screen.js';
import { say, UI } from './strings.js';
import { Lines, toneProps, useColor, type Line } from './theme.js';
import { truncate, widthOf, wrap } from './text-width.js';

export interface QuizPromptProps {
  readonly quiz: QuizScreen;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  /** Whether the choice list listens to keys (only with a TTY). */
  readonly interactive: boolean;
  readonly onChoose: (value: string) => void;
}

interface QuizParts {
  readonly head: Line[];
  readonly options: readonly { label: string; value: string }[] | null;
  readonly tail: Line[];
}

function wrapped(text: string, width: number, max: number, tone: Line[number]['tone'], first = '  '): Line[] {
  const rest = ' '.repeat(widthOf(first));
  return wrap(text, width - widthOf(first)).slice(0, max).map((l, i) => [{ text: (i === 0 ? first : rest) + l, tone }]);
}

function quizParts(q: QuizScreen, lang: Lang, width: number): QuizParts {
  const cp = q.checkpoint;
  const open = q.answer === null;
  const keys = cp.kind === 'number' ? UI.numberKeys : cp.kind === 'field' ? UI.fieldKeys : UI.choiceKeys;
  // Only a question about sequence space is asked in a numbering.
  const seqSpace = cp.ask === 'seq' || cp.ask === 'ack' || cp.ask === 'next-seq' || (cp.kind === 'field' && /^tcp\.(seq|ack)$/.test(cp.field));
  const numbering = seqSpace ? ` ${say(UI.numbersIn, lang, { numbering: UI[cp.numbering][lang] })}` : '';
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
  if (open) {
    if (cp.kind === 'choice') {
      options = cp.options.map((o, i) => ({ label: truncate(`${i + 1}. ${o.label[lang]}`, width - 3), value: o.value }));
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
    const verdict = answer.correct ? say(UI.right, lang, { answer: expected }) : say(UI.wrong, lang, { given, answer: expected });
    tail.push(...wrapped(verdict, width, 2, answer.correct ? 'ok' : 'bad'));
    if (q.wrongExplain) tail.push(...wrapped(q.wrongExplain[lang], width, 2, 'plain'));
    tail.push(...wrapped(cp.explanation[lang], width, 4, 'plain'));
  }
  return { head, options, tail };
}

/** Rows the quiz wants at this width. */
export function quizNeed(q: QuizScreen | null, lang: Lang, width: number): number {
  if (!q) return 0;
  const p = quizParts(q, lang, width);
  return p.head.length + (p.options?.length ?? 0) + p.tail.length;
}

function Indicator({ isSelected = false }: { readonly isSelected?: boolean }) {
  const color = useColor();
  return <Text {...toneProps(isSelected ? 'current' : 'plain', color)}>{isSelected ? '❯ ' : '  '}</Text>;
}

function Item({ isSelected = false, label }: { readonly isSelected?: boolean; readonly label: string }) {
  const color = useColor();
  return <Text wrap="truncate-end" {...toneProps(isSelected ? 'current' : 'plain', color)}>{label}</Text>;
}

export const QuizPrompt = memo(function QuizPrompt(p: QuizPromptProps) {
  const parts = useMemo(() => quizParts(p.quiz, p.lang, p.width), [p.quiz, p.lang, p.width]);
  const { onChoose } = p;
  const onSelect = useCallback((item: { value: string }) => onChoose(item.value), [onChoose]);
  const headRows = Math.min(parts.head.length, p.height);
  // A long list (eleven TCP states) scrolls within the rows it has rather than spill
  // over the panes around it.
  const optionRows = Math.min(parts.options?.length ?? 0, Math.max(1, p.height - headRows - parts.tail.length));
  const tailRows = Math.max(0, p.height - headRows - optionRows);
  return (
    <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
      <Lines lines={parts.head.slice(0, headRows)} />
      {parts.options && (
        <Box paddingLeft={1} flexDirection="column" height={optionRows}>
          <SelectInput
            key={p.quiz.checkpoint.id}
            items={[...parts.options]}
            limit={optionRows}
            isFocused={p.interactive}
            onSelect={onSelect}
            indicatorComponent={Indicator}
            itemComponent={Item}
          />
        </Box>
      )}
      <Lines lines={parts.tail.slice(0, tailRows)} />
    </Box>
  );
});
