// The frame's bytes as in Wireshark's bytes pane: offset, sixteen bytes in hex, and the
// same bytes as ASCII. The current field's bytes are highlighted (inverse, so it reads
// without colour); bytes not written yet show as ··, stripped headers are dimmed, and a
// field the learner must fill in shows as ??.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { ByteRange } from '../player/dissect.js';
import type { HexScreen } from '../player/screen.js';
import { say, UI } from './strings.js';
import { Lines, type Line, type Seg, type Tone } from './theme.js';
import { truncate, widthOf } from './text-width.js';

export interface HexPaneProps {
  readonly hex: HexScreen | null;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  /**
   * The step is the application's (it writes or reads data): there is no frame to show, but
   * frames may have passed, so the pane does not say "no frame yet".
   */
  readonly application?: boolean;
}

export const BYTES_PER_ROW = 16;

const enum ByteState { Normal, Unknown, Faded, Highlight, Masked }

function paint(states: Uint8Array, ranges: readonly ByteRange[], s: ByteState): void {
  for (const r of ranges) states.fill(s, Math.max(0, r.start), Math.min(states.length, r.end));
}

function byteStates(h: HexScreen): Uint8Array {
  const states = new Uint8Array(h.bytes.length);
  if (h.known !== null) {
    states.fill(ByteState.Unknown);
    paint(states, h.known, ByteState.Normal);
  }
  paint(states, h.faded, ByteState.Faded);
  paint(states, h.highlight, ByteState.Highlight);
  paint(states, h.masked, ByteState.Masked);
  return states;
}

const TONES: Readonly<Record<ByteState, Tone>> = {
  [ByteState.Normal]: 'plain',
  [ByteState.Unknown]: 'dim',
  [ByteState.Faded]: 'dim',
  [ByteState.Highlight]: 'highlight',
  [ByteState.Masked]: 'masked',
};

function hexText(b: number, s: ByteState): string {
  if (s === ByteState.Unknown) return '··';
  if (s === ByteState.Masked) return '??';
  return b.toString(16).padStart(2, '0');
}

function asciiText(b: number, s: ByteState): string {
  if (s === ByteState.Unknown) return '·';
  if (s === ByteState.Masked) return '?';
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

function rowLine(h: HexScreen, states: Uint8Array, row: number, width: number): Line {
  const segs: Seg[] = [{ text: `${(row * BYTES_PER_ROW).toString(16).padStart(4, '0')}  `, tone: 'dim' }];
  const ascii: Seg[] = [];
  for (let j = 0; j < BYTES_PER_ROW; j++) {
    const i = row * BYTES_PER_ROW + j;
    if (i >= h.bytes.length) {
      segs.push({ text: '   ' + (j === 7 ? ' ' : '') });
      continue;
    }
    const s = states[i] as ByteState;
    const tone = TONES[s];
    // Highlight the gap between two highlighted bytes too, so a field reads as one block.
    const nextSame = j < BYTES_PER_ROW - 1 && i + 1 < h.bytes.length && states[i + 1] === s && s !== ByteState.Normal;
    segs.push({ text: hexText(h.bytes[i]!, s), tone });
    segs.push({ text: j === 7 ? '  ' : ' ', tone: nextSame && j !== 7 ? tone : 'plain' });
    ascii.push({ text: asciiText(h.bytes[i]!, s), tone });
    if (j === 7) ascii.push({ text: ' ' });
  }
  const line = [...segs, { text: ' ' }, ...ascii];
  const w = line.reduce((n, s) => n + widthOf(s.text), 0);
  return w <= width ? line : segs;
}

function caption(h: HexScreen | null, width: number, lang: Lang, application: boolean): Line {
  if (!h) {
    const label = ` ${(application ? UI.hexApplication : UI.hexNone)[lang]} `;
    return [{ text: '─', tone: 'border' }, { text: label, tone: 'dim' }, { text: '─'.repeat(Math.max(0, width - 1 - widthOf(label))), tone: 'border' }];
  }
  const left = ` ${say(UI.hexTitle, lang, { frame: h.name, length: h.bytes.length })} `;
  const f = h.focus;
  const field = f
    ? ` ${say(f.range.end - f.range.start === 1 ? UI.hexByte : UI.hexField, lang, { name: f.name, key: f.key, from: f.range.start, to: f.range.end - 1 })} `
    : h.rewritten ? ` ${UI.hexRewritten[lang]} ` : '';
  const right = ` ${UI.hexHide[lang]} `;
  const room = width - 1 - widthOf(left) - widthOf(right) - 2;
  const mid = field ? truncate(field, Math.max(0, room)) : '';
  const dashes = Math.max(0, width - 1 - widthOf(left) - 1 - widthOf(mid) - widthOf(right) - 1);
  return [
    { text: '─', tone: 'border' },
    { text: left, tone: 'title' },
    { text: '─', tone: 'border' },
    { text: mid, tone: 'current' },
    { text: '─'.repeat(dashes), tone: 'border' },
    { text: right, tone: 'dim' },
    { text: '─', tone: 'border' },
  ];
}

export function hexLines(p: HexPaneProps): Line[] {
  const { hex, width, height, lang } = p;
  const lines: Line[] = [caption(hex, width, lang, p.application ?? false)];
  if (hex) {
    const states = byteStates(hex);
    const total = Math.ceil(hex.bytes.length / BYTES_PER_ROW);
    const room = height - 1;
    let first = states.findIndex((s) => s === ByteState.Highlight || s === ByteState.Masked);
    if (first < 0) first = 0;
    const focusRow = Math.floor(first / BYTES_PER_ROW);
    // Show the highlighted row, with one row of context above it when possible.
    const start = Math.max(0, Math.min(focusRow - 1, total - room));
    for (let r = start; r < Math.min(total, start + room); r++) lines.push(rowLine(hex, states, r, width));
  }
  while (lines.length < height) lines.push([]);
  return lines.slice(0, height);
}

/** Rows the pane wants: a caption and every row of the frame. */
export function hexNeed(hex: HexScreen | null): number {
  return 1 + (hex ? Math.ceil(hex.bytes.length / BYTES_PER_ROW) : 1);
}

export const HexPane = memo(function HexPane(p: HexPaneProps) {
  const lines = useMemo(() => hexLines(p), [p.hex, p.lang, p.width, p.height, p.application]);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Lines lines={lines} />
    </Box>
  );
});
