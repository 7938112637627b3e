// The narration pane: the lesson's note and the step's narration for this stop, whole and
// wrapped, never cut off. When they are taller than the pane it scrolls (PgDn), and above
// them (PgUp) are the earlier stops' words, greyed. A ▲ or ▼ in the last column says
// there is more that way.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang, Text } from '../i18n/text.js';
import { Lines, type Line } from './theme.js';
import { fit, wrap } from './text-width.js';

/** What one stop says: the lesson's own words (a note) first, then the step's narration. */
export interface NarrationBlock {
  readonly note: Text | null;
  readonly narration: Text;
}

export interface NarrationProps {
  readonly narration: Text;
  /** The lesson's own words, shown first. */
  readonly note: Text | null;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  /** Lines scrolled from the top of this stop's words: negative reads earlier stops. */
  readonly scroll?: number;
  /** Earlier stops, oldest first. Empty while a quiz is open, so nothing said before gives it away. */
  readonly history?: readonly NarrationBlock[];
  /** Earlier stops could be read above, though `history` was not loaded (the pane is at rest). */
  readonly earlier?: boolean;
}

/** Columns the text wraps in: the last two hold the scroll marks. */
const textWidth = (width: number) => Math.max(1, width - 2);

function blockLines(b: NarrationBlock, lang: Lang, width: number, earlier: boolean): Line[] {
  const lines: Line[] = [];
  if (b.note) for (const l of wrap(b.note[lang], width)) lines.push([{ text: l, tone: earlier ? 'dim' : 'accent' }]);
  if (b.narration[lang] !== '') for (const l of wrap(b.narration[lang], width)) lines.push([{ text: l, tone: earlier ? 'dim' : 'plain' }]);
  return lines;
}

/** Lines the narration would take at this width, for the layout to budget. */
export function narrationNeed(narration: Text, note: Text | null, lang: Lang, width: number): number {
  return blockLines({ note, narration }, lang, textWidth(width), false).length;
}

/** How far the pane can scroll: up through the history, down to the last line of this stop. */
export function scrollBounds(p: NarrationProps): { readonly min: number; readonly max: number } {
  const w = textWidth(p.width);
  const above = (p.history ?? []).reduce((n, b) => n + blockLines(b, p.lang, w, true).length, 0);
  const here = narrationNeed(p.narration, p.note, p.lang, p.width);
  return { min: -above, max: Math.max(0, here - p.height) };
}

export function narrationLines(p: NarrationProps): Line[] {
  const w = textWidth(p.width);
  const above = (p.history ?? []).flatMap((b) => blockLines(b, p.lang, w, true));
  const all = [...above, ...blockLines({ note: p.note, narration: p.narration }, p.lang, w, false)];
  const { min, max } = scrollBounds(p);
  const top = above.length + Math.max(min, Math.min(max, p.scroll ?? 0));
  const lines: Line[] = [];
  for (let i = 0; i < p.height; i++) {
    const line = all[top + i] ?? [];
    const text = line.map((s) => s.text).join('');
    const up = top > 0 || (above.length === 0 && p.earlier === true);
    const down = i === p.height - 1 && top + p.height < all.length;
    // A one-row pane can have words both above and below it.
    const mark = i === 0 && up ? (down ? '↕' : '▲') : down ? '▼' : ' ';
    lines.push([{ text: fit(text, w), tone: line[0]?.tone }, { text: ` ${mark}`, tone: 'accent' }]);
  }
  return lines;
}

export const Narration = memo(function Narration(p: NarrationProps) {
  const lines = useMemo(() => narrationLines(p), [p.narration, p.note, p.lang, p.width, p.height, p.scroll, p.history, p.earlier]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
