// The ladder (sequence) diagram: one column per host with its TCP state, one arrow per
// segment sent so far, labelled as Wireshark would (`SYN seq=0`, `ACK seq=1 ack=1 len=0`).
// A segment still on the way is half an arrow; a lost one ends in ✗. Frames that are not the
// connection's (ARP, DNS) are counted above the arrows, not drawn.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { LadderScreen } from '../player/screen.js';
import { PROTOCOL_NAMES } from '../player/text.js';
import { say, UI } from './strings.js';
import { Lines, type Line, type Tone } from './theme.js';
import { fit, fitStart, widthOf, wrap } from './text-width.js';

export interface LadderProps {
  readonly ladder: LadderScreen | null;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
}

/**
 * An arrow's label in `span` columns, without ever losing a number a quiz may need: whole
 * if it fits, else wrapped at spaces onto more lines. Always in one style, the flag names
 * the rest of the screen uses (`PSH, ACK seq=21 ack=111 len=100`): tcpdump's letters
 * (`[P.]`) are taught only in lesson 16, and a label that changed style with its numbers'
 * width read as two different things in one ladder.
 */
export function labelLines(label: string, span: number): string[] {
  return widthOf(label) <= span ? [label] : wrap(label, span);
}

/** `cwnd 5000 ssthresh ∞ flight 3000`, shortened until it fits `span` columns. */
export function congestionLine(c: LadderScreen['columns'][number]['congestion'], span: number, lang: Lang): string {
  if (!c) return '';
  const p = { cwnd: c.cwnd, ssthresh: c.ssthresh === null ? '∞' : c.ssthresh, flight: c.inFlight };
  for (const t of [UI.congestionLong, UI.congestion, UI.congestionShort, UI.congestionCwnd]) {
    const line = say(t, lang, p);
    if (widthOf(line) <= span) return line;
  }
  // Too narrow even for cwnd alone: cut it, never running into the other host's numbers.
  return fit(say(UI.congestionCwnd, lang, p), span);
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
    if (a?.congestion || b?.congestion) {
      const left = congestionLine(a?.congestion ?? null, half - 1, lang);
      const right = congestionLine(b?.congestion ?? null, width - half - 1, lang);
      lines.push([{ text: fit(left, half), tone: 'dim' }, { text: fitStart(right, width - half), tone: 'dim' }]);
    }
    const span = width - 4;
    const bar = (inner: string, tone: Tone = 'plain'): Line => [
      { text: ' │', tone: 'border' }, { text: inner, tone }, { text: '│ ', tone: 'border' },
    ];
    if (ladder.undrawn) {
      // In place of the blank line above the arrows, so it costs an arrow no room.
      const { count, protocols } = ladder.undrawn;
      const said = say(count === 1 ? UI.undrawnOne : UI.undrawn, lang, { n: count, protocols: protocols.map((p) => PROTOCOL_NAMES[p][lang]).join(', ') });
      for (const text of wrap(said, span - 1)) lines.push(bar(fit(` ${text}`, span), 'dim'));
    } else {
      lines.push(bar(' '.repeat(span)));
    }
    const room = Math.max(0, height - lines.length);
    // Each arrow takes its label's lines and one for the arrow itself.
    const labels = ladder.rows.map((r) => labelLines(r.label, span));
    const need = labels.reduce((n, l) => n + l.length + 1, 0);
    let first = 0;
    if (need > room) {
      // Keep the latest arrows; one line says how many earlier ones are off screen.
      first = ladder.rows.length;
      for (let used = 0; first > 0 && used + labels[first - 1]!.length + 1 <= room - 1; first--) used += labels[first - 1]!.length + 1;
      lines.push(bar(fit(` ${say(UI.earlier, lang, { n: first })}`, span), 'dim'));
    }
    ladder.rows.forEach((r, i) => {
      if (i < first) return;
      const toRight = r.from === 0;
      const labelTone: Tone = r.current ? 'current' : 'plain';
      for (const text of labels[i]!) {
        // One space from the bar when the label has room for it.
        const label = widthOf(text) < span ? (toRight ? ` ${text}` : `${text} `) : text;
        lines.push(bar(toRight ? fit(label, span) : fitStart(label, span), labelTone));
      }
      const reach = r.fate === 'delivered' ? span : Math.max(2, Math.floor(span / 2));
      const head = r.fate === 'lost' ? '✗' : toRight ? '▶' : '◀';
      const shaft = '─'.repeat(reach - 1);
      const arrow = toRight ? fit(shaft + head, span) : fitStart(head + shaft, span);
      lines.push(bar(arrow, r.current ? 'current' : r.fate === 'lost' ? 'bad' : 'plain'));
    });
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
