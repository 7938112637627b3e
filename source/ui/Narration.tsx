import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang, Text } from '../i18n/text.js';
import { Lines, type Line } from './theme.js';
import { truncate, widthOf, wrap } from './text-width.js';

export interface NarrationProps {
  readonly narration: Text;
  /** The lesson's own words, shown first. */
  readonly note: Text | null;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
}

/** Lines the narration would take at this width, for the layout to budget. */
export function narrationNeed(narration: Text, note: Text | null, lang: Lang, width: number): number {
  return (note ? wrap(note[lang], width).length : 0) + wrap(narration[lang], width).length;
}

export function narrationLines(p: NarrationProps): Line[] {
  const lines: Line[] = [];
  if (p.note) for (const l of wrap(p.note[p.lang], p.width)) lines.push([{ text: l, tone: 'accent' }]);
  for (const l of wrap(p.narration[p.lang], p.width)) lines.push([{ text: l }]);
  if (lines.length > p.height) {
    // Out of room: the last line shown says that more was cut.
    const cut = lines.slice(0, p.height);
    const last = cut[cut.length - 1]!;
    const text = last.map((s) => s.text).join('');
    const marked = widthOf(text) + 2 <= p.width ? `${text} …` : truncate(`${text}…`, p.width);
    cut[cut.length - 1] = [{ text: marked, tone: last[0]?.tone }];
    return cut;
  }
  while (lines.length < p.height) lines.push([]);
  return lines;
}

export const Narration = memo(function Narration(p: NarrationProps) {
  const lines = useMemo(() => narrationLines(p), [p.narration, p.note, p.lang, p.width, p.height]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
