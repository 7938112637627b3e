// The ladder (sequence) diagram: one column per host with its TCP state, one arrow per
// segment sent so far, labelled as Wireshark would (`SYN seq=0`, `ACK seq=1 ack=1 len=0`).
// A segment still on the way is half an arrow; a lost one ends in ✗ where it was lost, and
// one the receiver threw away (a closed port, a bad checksum) reaches it and ends in ✗.
// Routers between the hosts have lifelines too, and an arrow grows hop by hop. Frames that are not the
// connection's (ARP, DNS) are counted above the arrows, not drawn.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { LadderScreen } from '../player/screen.js';
import { PROTOCOL_NAMES } from '../player/text.js';
import { say, UI } from './strings.js';
import { Lines, type Line, type Seg, type Tone } from './theme.js';
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

/** Where each router's lifeline stands among the ladder's `span` inner columns: evenly between the hosts. */
export function hopColumns(hops: number, span: number): number[] {
  return Array.from({ length: hops }, (_, k) => Math.round(((k + 1) * (span + 1)) / (hops + 1)) - 1);
}

interface Cell { readonly ch: string; readonly tone: Tone }

function segsOf(cells: readonly Cell[]): Seg[] {
  const out: { text: string; tone: Tone }[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last.tone === c.tone) last.text += c.ch;
    else out.push({ text: c.ch, tone: c.tone });
  }
  return out;
}

/**
 * The host names over their lifelines: the two hosts at the edges, each router centred over
 * its own; a router's name that would run into its neighbour's is left out (its line stays).
 */
function headerLine(a: string, b: string, hops: readonly string[], cols: readonly number[], width: number): Line {
  const half = Math.floor(width / 2);
  const left = fit(a, half).trimEnd();
  const right = fitStart(b, width - half).trimStart();
  const rightAt = width - widthOf(right);
  let text = left;
  let used = widthOf(left);
  hops.forEach((h, k) => {
    const w = widthOf(h);
    const at = 2 + cols[k]! - Math.floor((w - 1) / 2);
    if (at < used + 1 || at + w + 1 > rightAt) return;
    text += ' '.repeat(at - used) + h;
    used = at + w;
  });
  return [{ text: text + ' '.repeat(Math.max(0, rightAt - used)) + right, tone: 'title' }];
}

export function ladderLines(p: LadderProps): Line[] {
  const { ladder, width, height, lang } = p;
  const lines: Line[] = [];
  const span = width - 4;
  const cols = hopColumns(ladder?.hops.length ?? 0, span);
  const lifeline: readonly Cell[] = Array.from({ length: Math.max(0, span) }, (_, x) => (cols.includes(x) ? { ch: '│', tone: 'border' } : { ch: ' ', tone: 'plain' }));
  const bar = (inner: readonly Seg[]): Line => [{ text: ' │', tone: 'border' }, ...inner, { text: '│ ', tone: 'border' }];
  /** Text over the lifelines, from the left bar or up to the right one. */
  const over = (text: string, tone: Tone, end = false): Line => {
    if (cols.length === 0) return bar([{ text: end ? fitStart(text, span) : fit(text, span), tone }]);
    const t = end ? fitStart(text, span).trimStart() : fit(text, span).trimEnd();
    const w = widthOf(t);
    return bar(end ? [...segsOf(lifeline.slice(0, span - w)), { text: t, tone }] : [{ text: t, tone }, ...segsOf(lifeline.slice(w))]);
  };
  if (!ladder) {
    lines.push([{ text: fit(UI.ladderNone[lang], width), tone: 'dim' }]);
  } else {
    const [a, b] = ladder.columns;
    const half = Math.floor(width / 2);
    lines.push(cols.length === 0
      ? [{ text: fit(a?.host ?? '', half), tone: 'title' }, { text: fitStart(b?.host ?? '', width - half), tone: 'title' }]
      : headerLine(a?.host ?? '', b?.host ?? '', ladder.hops, cols, width));
    lines.push([{ text: fit(a?.state ?? '—', half), tone: 'state' }, { text: fitStart(b?.state ?? '—', width - half), tone: 'state' }]);
    if (a?.congestion || b?.congestion) {
      const left = congestionLine(a?.congestion ?? null, half - 1, lang);
      const right = congestionLine(b?.congestion ?? null, width - half - 1, lang);
      lines.push([{ text: fit(left, half), tone: 'dim' }, { text: fitStart(right, width - half), tone: 'dim' }]);
    }
    if (ladder.undrawn) {
      // In place of the blank line above the arrows, so it costs an arrow no room.
      const { count, protocols } = ladder.undrawn;
      const said = say(count === 1 ? UI.undrawnOne : UI.undrawn, lang, { n: count, protocols: protocols.map((p) => PROTOCOL_NAMES[p][lang]).join(', ') });
      for (const text of wrap(said, span - 1)) lines.push(over(` ${text}`, 'dim'));
    } else {
      lines.push(bar(segsOf(lifeline)));
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
      lines.push(over(` ${say(UI.earlier, lang, { n: first })}`, 'dim'));
    }
    ladder.rows.forEach((r, i) => {
      if (i < first) return;
      const toRight = r.from === 0;
      const labelTone: Tone = r.current ? 'current' : 'plain';
      for (const text of labels[i]!) {
        // One space from the bar when the label has room for it.
        const label = widthOf(text) < span ? (toRight ? ` ${text}` : `${text} `) : text;
        lines.push(over(label, labelTone, !toRight));
      }
      lines.push(bar(segsOf(arrowCells(r, toRight, cols, lifeline, r.current ? 'current' : r.fate === 'lost' || r.fate === 'refused' ? 'bad' : 'plain'))));
    });
  }
  while (lines.length < height) lines.push(ladder ? bar(segsOf(lifeline)) : []);
  return lines.slice(0, height);
}

/**
 * An arrow from the sender's lifeline as far as the segment has come: to the peer once
 * delivered; to a router it waits at (its head there); half way along the link it is on; a
 * head at each router it passed, since each hop is a frame of its own (RFC 1812 §5.2.1).
 */
function arrowCells(r: LadderScreen['rows'][number], toRight: boolean, cols: readonly number[], lifeline: readonly Cell[], tone: Tone): Cell[] {
  const span = lifeline.length;
  // Positions counted from the sender's side.
  const hops = toRight ? cols : [...cols].reverse().map((x) => span - 1 - x);
  const edge = (k: number) => (k === 0 ? -1 : k > hops.length ? span : hops[k - 1]!);
  const k = Math.floor(r.progress);
  const end = r.progress > k ? Math.floor((edge(k) + edge(k + 1)) / 2) : k > hops.length ? span - 1 : edge(k);
  const head = r.fate === 'lost' || r.fate === 'refused' ? '✗' : '▶';
  const drawn: (string | null)[] = Array.from({ length: span }, (_, x) => (x > end ? null : x === end ? head : hops.includes(x) ? '▶' : '─'));
  const ordered = toRight ? drawn : drawn.reverse().map((c) => (c === '▶' ? '◀' : c));
  return ordered.map((c, x) => (c === null ? lifeline[x]! : { ch: c, tone }));
}

export const Ladder = memo(function Ladder(p: LadderProps) {
  const lines = useMemo(() => ladderLines(p), [p.ladder, p.lang, p.width, p.height]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
