// The ladder (sequence) diagram: one column per host with its TCP state, one arrow per
// segment sent so far, labelled as Wireshark would (`SYN seq=0`, `ACK seq=1 ack=1 len=0`).
// A segment still on the way is half an arrow; a lost one ends in ✗.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { LadderScreen } from '../player/screen.js';
import { say, UI } from './strings.js';
import { Lines, type Line, type Tone } from './theme.js';
import { fit, fitStart, truncate, widthOf } from './text-width.js';

export interface LadderProps {
  readonly ladder: LadderScreen | null;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
}

export function ladderLines(p: LadderProps): Line[] {
  const { ladder, width, height, lang } = p;
  const lines: Line[] = [];
  if (!ladder) {
    lines.push([{ text: fit(UI.ladderNone[lang], width), tone: 'dim' }]);
  } else {
    const [a, b] = ladder.columns;
    const half = Math.floor(width / 2);
    lines.push([{ text: fit(a?.host ?? '', half), tone: 'title' }, { text: fitStart(b?.host ?? '', width - half), tone: 'title' }]);
    lines.push([{ text: fit(a?.state ?? '—', half), tone: 'state' }, { text: fitStart(b?.state ?? '—', width - half), tone: 'state' }]);
    const span = width - 4;
    const bar = (inner: string, tone: Tone = 'plain'): Line => [
      { text: ' │', tone: 'border' }, { text: inner, tone }, { text: '│ ', tone: 'border' },
    ];
    lines.push(bar(' '.repeat(span)));
    const room = Math.max(0, height - lines.length);
    const rows = ladder.rows;
    let shown = rows;
    if (rows.length * 2 > room) {
      // Keep the latest arrows; one line says how many earlier ones are off screen.
      const fits = Math.max(0, Math.floor((room - 1) / 2));
      shown = rows.slice(rows.length - fits);
      lines.push(bar(fit(` ${say(UI.earlier, lang, { n: rows.length - shown.length })}`, span), 'dim'));
    }
    for (const r of shown) {
      const toRight = r.from === 0;
      const labelTone: Tone = r.current ? 'current' : 'plain';
      // One space from the bar when the label has room for it; the whole span when not.
      const roomy = widthOf(r.label) < span;
      const label = roomy ? (toRight ? ` ${r.label}` : `${r.label} `) : truncate(r.label, span);
      lines.push(bar(toRight ? fit(label, span) : fitStart(label, span), labelTone));
      const reach = r.fate === 'delivered' ? span : Math.max(2, Math.floor(span / 2));
      const head = r.fate === 'lost' ? '✗' : toRight ? '▶' : '◀';
      const shaft = '─'.repeat(reach - 1);
      const arrow = toRight ? fit(shaft + head, span) : fitStart(head + shaft, span);
      lines.push(bar(arrow, r.current ? 'current' : r.fate === 'lost' ? 'bad' : 'plain'));
    }
  }
  while (lines.length < height) {
    lines.push(ladder ? [{ text: ' │', tone: 'border' }, { text: ' '.repeat(width - 4) }, { text: '│ ', tone: 'border' }] : []);
  }
  return lines.slice(0, height);
}

export const Ladder = memo(function Ladder(p: LadderProps) {
  const lines = useMemo(() => ladderLines(p), [p.ladder, p.lang, p.width, p.height]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
