// The ? overlay: every key and what it does, in the learner's language.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import { KEY_HELP } from '../player/keys.js';
import { KEYS_HELP, UI } from './strings.js';
import { Lines, type Line } from './theme.js';
import { fit, widthOf, wrap } from './text-width.js';

export interface HelpOverlayProps {
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  /** Where q and Esc lead: back to the menu, or out (`play LESSON` has no menu). */
  readonly leaveTo?: 'menu' | 'exit';
}

export function helpLines(p: HelpOverlayProps): Line[] {
  const { lang, width, height } = p;
  const inner = width - 4;
  const keyW = Math.max(...KEY_HELP.map((k) => widthOf(KEYS_HELP[k].keys))) + 2;
  const title = ` ${UI.helpTitle[lang]} `;
  const lines: Line[] = [[
    { text: '┌─', tone: 'border' }, { text: title, tone: 'focusTitle' },
    { text: `${'─'.repeat(Math.max(0, width - 4 - widthOf(title)))}─┐`, tone: 'border' },
  ]];
  const row = (content: Line): Line => [{ text: '│ ', tone: 'border' }, ...content, { text: ' │', tone: 'border' }];
  const entries: Line[] = [];
  for (const k of KEY_HELP) {
    const h = KEYS_HELP[k];
    const text = k === 'quit' && p.leaveTo === 'exit' ? UI.helpQuitExit[lang] : h.text[lang];
    // A text too long for its column goes on below, under itself, never cut off.
    wrap(text, inner - keyW).forEach((l, i) => entries.push(row([{ text: fit(i === 0 ? h.keys : '', keyW), tone: 'key' }, { text: fit(l, inner - keyW) }])));
  }
  lines.push(...entries);
  // The blank line before the closing hint is the first to go when rows are short.
  if (lines.length + 3 <= height) lines.push(row([{ text: fit('', inner) }]));
  lines.push(row([{ text: fit(UI.helpClose[lang], inner), tone: 'dim' }]));
  while (lines.length < height - 1) lines.push(row([{ text: fit('', inner) }]));
  lines.push([{ text: `└${'─'.repeat(width - 2)}┘`, tone: 'border' }]);
  return lines.slice(0, height);
}

export const HelpOverlay = memo(function HelpOverlay(p: HelpOverlayProps) {
  const lines = useMemo(() => helpLines(p), [p.lang, p.width, p.height, p.leaveTo]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
