// The four layers as stacked boxes that share their borders. Each title line carries the
// layer, its PDU and a summary; the layer in focus opens to show its fields (with the new
// one marked), its checks, or what a router changed. Drawn line by line, padded by
// display width, so Korean text keeps the right border in place.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { BoxLine, FieldMark, LayerBox, StackScreen } from '../player/screen.js';
import { STATE_WORDS, say, UI } from './strings.js';
import { Lines, type Line, type Seg, type Tone } from './theme.js';
import { fit, truncate, widthOf, wrap } from './text-width.js';

export interface LayerStackProps {
  readonly stack: StackScreen;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  /** What the learner is typing into a field quiz, shown in the field's place. */
  readonly draft: string | null;
}

const MARKS: Readonly<Record<FieldMark, { glyph: string; tone: Tone }>> = {
  current: { glyph: '▶ ', tone: 'current' },
  fresh: { glyph: '• ', tone: 'fresh' },
  none: { glyph: '  ', tone: 'plain' },
  changed: { glyph: '* ', tone: 'changed' },
  unchanged: { glyph: '= ', tone: 'unchanged' },
  masked: { glyph: '? ', tone: 'current' },
  withheld: { glyph: '  ', tone: 'masked' },
};

/** Wide enough for the longest field names (Acknowledgment Number) at 80 columns. */
const MAX_NAME = 21;
/** The value column when meanings sit beside the fields: a MAC address and a little. */
const WIDE_VALUE = 19;

interface Rendered {
  readonly lines: Line[];
  /** Index in `lines` to keep visible. */
  readonly anchor: number;
}

function renderBody(box: LayerBox, inner: number, lang: Lang, draft: string | null): Rendered {
  const names = box.lines.filter((l) => l.kind === 'field').map((l) => widthOf((l as { name: string }).name));
  // Room for a MAC address (17 columns) after the name.
  const nameW = Math.max(8, Math.min(Math.max(0, ...names), MAX_NAME, inner - 20));
  const lines: Line[] = [];
  let anchor = -1;
  box.lines.forEach((l: BoxLine, i) => {
    if (i === box.anchor) anchor = lines.length;
    switch (l.kind) {
      case 'field': {
        const m = MARKS[l.mark];
        const tone: Tone = l.dim ? 'dim' : m.tone;
        const valueW = inner - 2 - nameW - 1;
        const head: Seg[] = [{ text: m.glyph, tone }, { text: fit(l.name, nameW), tone }, { text: ' ' }];
        if (l.mark === 'masked') {
          const typed = draft ?? '';
          const box = `[${typed}▏${'_'.repeat(Math.max(0, 10 - widthOf(typed)))}]`;
          lines.push([...head, { text: truncate(box, valueW), tone: 'input' }, { text: ' '.repeat(Math.max(0, valueW - widthOf(box))) }]);
        } else if (l.mark === 'changed' && l.before !== null) {
          const both = `${l.before} → ${l.value}`;
          if (widthOf(both) <= valueW) {
            lines.push([...head, { text: fit(both, valueW), tone }]);
          } else {
            // Too wide for one line (MAC addresses): the new value goes under the old one.
            lines.push([...head, { text: fit(l.before, valueW), tone: 'dim' }]);
            lines.push([{ text: ' '.repeat(2 + nameW - 1) }, { text: fit(`→ ${l.value}`, valueW + 1), tone }]);
          }
        } else {
          const valueTone: Tone = l.dim ? 'dim' : l.mark === 'none' ? 'plain' : tone;
          // With room to spare, every field keeps its one-line meaning beside it.
          const inline = l.meaning && l.mark !== 'changed' && l.mark !== 'unchanged' && valueW >= WIDE_VALUE + 24
            && box.lines[i + 1]?.kind !== 'meaning';
          if (inline) {
            lines.push([
              ...head, { text: fit(l.value, WIDE_VALUE), tone: valueTone }, { text: ' ' },
              { text: fit(l.meaning![lang], valueW - WIDE_VALUE - 1), tone: l.mark === 'none' ? 'dim' : 'accent' },
            ]);
          } else {
            lines.push([...head, { text: fit(l.value, valueW), tone: valueTone }]);
          }
        }
        break;
      }
      case 'meaning': {
        const indent = '    ↳ ';
        const parts = wrap(l.text[lang], inner - widthOf(indent)).slice(0, 3);
        parts.forEach((p, j) => lines.push([{ text: fit((j === 0 ? indent : ' '.repeat(widthOf(indent))) + p, inner), tone: 'accent' }]));
        if (i === box.anchor) anchor = lines.length - 1;
        break;
      }
      case 'check': {
        const tone: Tone = l.ok ? 'ok' : 'bad';
        const parts = wrap(l.text[lang], inner - 2).slice(0, 2);
        parts.forEach((p, j) => lines.push([
          { text: j === 0 && l.current ? '▶ ' : '  ', tone: 'current' },
          { text: fit(p, inner - 2), tone: l.current ? tone : l.ok ? 'plain' : 'bad' },
        ]));
        break;
      }
      case 'note': {
        const tone: Tone = l.tone === 'plain' ? 'plain' : l.tone;
        for (const p of wrap(l.text[lang], inner).slice(0, 2)) lines.push([{ text: fit(p, inner), tone }]);
        if (i === box.anchor) anchor = lines.length - 1;
        break;
      }
    }
  });
  return { lines, anchor };
}

function titleLine(box: LayerBox, index: number, width: number, lang: Lang, expanded: boolean): Line {
  const [lc, rc] = index === 0 ? ['┌', '┐'] : ['├', '┤'];
  const label = ` ${box.name[lang]} · ${box.pdu[lang]} `;
  const info: string[] = [];
  const keptAll = box.state === 'forwarding' && !box.lines.some((l) => l.kind === 'field' && l.mark === 'changed');
  if (keptAll) info.push(UI.allUnchanged[lang]);
  else if (box.state !== 'idle' && (box.state !== 'built' || !box.pduBytes)) info.push(STATE_WORDS[box.state][lang]);
  if (box.pduBytes !== null && box.state !== 'idle' && box.state !== 'stripped') info.push(`${box.pduBytes} B`);
  if (box.summary && (!expanded || box.state === 'built' || box.state === 'inside') && box.state !== 'stripped') info.push(box.summary);
  // Corners, the dash after the left corner, at least one dash before the right part, and its two spaces.
  const room = width - widthOf(label) - 7;
  const right = info.length && room > 4 ? ` ${truncate(info.join(' · '), room)} ` : '';
  const dashes = Math.max(0, width - 2 - 1 - widthOf(label) - widthOf(right) - 1);
  const tone: Tone = box.focused ? 'focusTitle' : box.state === 'stripped' || box.state === 'draining' || box.state === 'idle' ? 'dim' : 'title';
  return [
    { text: `${lc}─`, tone: 'border' },
    { text: label, tone },
    { text: '─'.repeat(dashes), tone: 'border' },
    { text: right, tone: box.focused ? 'focusTitle' : tone === 'dim' ? 'dim' : 'plain' },
    { text: `─${rc}`, tone: 'border' },
  ];
}

function framed(content: Line, inner: number): Line {
  const w = content.reduce((n, s) => n + widthOf(s.text), 0);
  return [{ text: '│ ', tone: 'border' }, ...content, { text: ' '.repeat(Math.max(0, inner - w)) }, { text: ' │', tone: 'border' }];
}

/** A window of `n` lines from `lines` that shows `anchor`, with "more" markers at cut ends. */
function windowed(r: Rendered, n: number, inner: number, lang: Lang): Line[] {
  if (n <= 0) return [];
  if (r.lines.length <= n) return r.lines;
  const anchor = r.anchor < 0 ? 0 : r.anchor;
  // Keep the anchor near the bottom, with one line after it when there is one.
  let start = Math.max(0, Math.min(anchor - n + 2, r.lines.length - n));
  if (anchor < start) start = anchor;
  // The first line may become a "more" marker: never let it cover the anchor.
  if (start > 0 && anchor === start) start -= 1;
  const out = r.lines.slice(start, start + n);
  if (n >= 3) {
    if (start > 0) out[0] = [{ text: fit(say(UI.moreAbove, lang, { n: start + 1 }), inner), tone: 'dim' }];
    const below = r.lines.length - (start + n);
    if (below > 0) out[n - 1] = [{ text: fit(say(UI.more, lang, { n: below + 1 }), inner), tone: 'dim' }];
  }
  return out;
}

/** Which boxes get body lines first when rows are short. */
function priority(box: LayerBox): number {
  if (box.focused) return 0;
  switch (box.state) {
    case 'forwarding':
      // What a router changed matters more than what it kept.
      return box.lines.some((l) => l.kind === 'field' && l.mark === 'changed') ? 1 : 4;
    case 'draining':
    case 'dropped':
      return 1;
    case 'building':
    case 'checking':
    case 'delivered':
    case 'received':
      return 2;
    case 'built':
    case 'inside':
      return 3;
    default:
      return 9;
  }
}

export function layerStackLines(p: LayerStackProps): Line[] {
  const { stack, width, height, lang } = p;
  const inner = width - 4;
  const rendered = stack.boxes.map((b) => renderBody(b, inner, lang, p.draft));
  const focused = stack.boxes.findIndex((b) => b.focused);
  // Four titles and the bottom border are always there; the rest is shared out.
  let budget = Math.max(0, height - stack.boxes.length - 1);
  const alloc = stack.boxes.map(() => 0);
  const order = stack.boxes.map((_, i) => i).sort((a, b) => priority(stack.boxes[a]!) - priority(stack.boxes[b]!) || a - b);
  for (const i of order) {
    if (priority(stack.boxes[i]!) >= 9) continue;
    const want = rendered[i]!.lines.length;
    const give = Math.min(want, budget);
    alloc[i] = give;
    budget -= give;
  }
  // Spare rows open the focused box further, so the stack keeps its height; with no
  // focus they are shared out, so that the four boxes read as four boxes.
  // The router's legend closes the focused box, but only in rows nothing else needs.
  if (stack.legend && focused >= 0 && budget > 0) {
    rendered[focused]!.lines.push([{ text: fit(stack.legend[lang], inner), tone: 'dim' }]);
    alloc[focused]! += 1;
    budget -= 1;
  }
  if (focused >= 0) {
    alloc[focused]! += budget;
  } else {
    stack.boxes.forEach((_, i) => {
      const share = Math.floor(budget / (stack.boxes.length - i));
      alloc[i]! += share;
      budget -= share;
    });
  }

  const out: Line[] = [];
  stack.boxes.forEach((b, i) => {
    out.push(titleLine(b, i, width, lang, alloc[i]! > 0));
    const body = windowed(rendered[i]!, Math.min(alloc[i]!, rendered[i]!.lines.length), inner, lang);
    for (const l of body) out.push(framed(l, inner));
    for (let k = body.length; k < alloc[i]!; k++) out.push(framed([], inner));
  });
  out.push([{ text: `└${'─'.repeat(width - 2)}┘`, tone: 'border' }]);
  return out;
}

export const LayerStack = memo(function LayerStack(p: LayerStackProps) {
  const lines = useMemo(() => layerStackLines(p), [p.stack, p.lang, p.width, p.height, p.draft]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
