// The ? overlay: every key and what it does, in the learner's language.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import { KEY_HELP } from '../player/keys.js';
import { KEYS_HELP, UI } from './strings.js';
import { Lines, type Line } from './theme.js';
import { fit, widthOf } from './text-width.js';

export interface HelpOverlayProps {
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
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
  for (const k of KEY_HELP) {
    const h = KEYS_HELP[k];
    lines.push(row([{ text: fit(h.keys, keyW), tone: 'key' }, { text: fit(h.text[lang], inner - keyW) }]));
  }
  lines.push(row([{ text: fit('', inner) }]));
  lines.push(row([{ text: fit(UI.helpClose[lang], inner), tone: 'dim' }]));
  while (lines.length < height - 1) lines.push(row([{ text: fit('', inner) }]));
  lines.push([{ text: `└${'─'.repeat(width - 2)}┘`, tone: 'border' }]);
  return lines.slice(0, height);
}

export const HelpOverlay = memo(function HelpOverlay(p: HelpOverlayProps) {
  const lines = useMemo(() => helpLines(p), [p.lang, p.width, p.height]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
