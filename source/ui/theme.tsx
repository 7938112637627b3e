// Colour is a hint, never the message: every tone below also reads without colour (bold,
// dim, inverse, or the marker glyph the caller puts in the text). Ink ignores NO_COLOR,
// so the shell decides and passes `color` down through this context.
import { Text, type TextProps } from 'ink';
import { createContext, memo, useContext } from 'react';

export const ColorContext = createContext<boolean>(true);

export function useColor(): boolean {
  return useContext(ColorContext);
}

export type Tone =
  | 'plain' | 'dim' | 'title' | 'focusTitle' | 'current' | 'fresh' | 'changed' | 'unchanged'
  | 'ok' | 'bad' | 'highlight' | 'masked' | 'key' | 'notice' | 'accent' | 'border' | 'state' | 'input';

/** A run of text in one tone. */
export interface Seg {
  readonly text: string;
  readonly tone?: Tone;
}

export type Line = readonly Seg[];

const WITH_COLOR: Readonly<Record<Tone, TextProps>> = {
  plain: {},
  dim: { dimColor: true },
  title: {},
  focusTitle: { bold: true, color: 'cyan' },
  current: { bold: true, color: 'yellow' },
  fresh: { color: 'yellow' },
  changed: { bold: true, color: 'magenta' },
  unchanged: { color: 'green' },
  ok: { color: 'green' },
  bad: { bold: true, color: 'red' },
  highlight: { inverse: true, color: 'yellow' },
  masked: { inverse: true },
  key: { bold: true, color: 'cyan' },
  notice: { bold: true, color: 'yellow' },
  accent: { color: 'cyan' },
  border: { color: 'gray' },
  state: { bold: true, color: 'green' },
  input: { underline: true },
};

const WITHOUT_COLOR: Readonly<Record<Tone, TextProps>> = {
  plain: {},
  dim: { dimColor: true },
  title: {},
  focusTitle: { bold: true },
  current: { bold: true },
  fresh: {},
  changed: { bold: true },
  unchanged: {},
  ok: {},
  bad: { bold: true },
  highlight: { inverse: true },
  masked: { inverse: true },
  key: { bold: true },
  notice: { bold: true },
  accent: {},
  border: {},
  state: { bold: true },
  input: { underline: true },
};

export function toneProps(tone: Tone | undefined, color: boolean): TextProps {
  return (color ? WITH_COLOR : WITHOUT_COLOR)[tone ?? 'plain'];
}

/** Joins neighbouring runs of the same tone, so a line is a handful of Text nodes. */
export function merge(line: Line): Seg[] {
  const out: Seg[] = [];
  for (const s of line) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && (last.tone ?? 'plain') === (s.tone ?? 'plain')) out[out.length - 1] = { text: last.text + s.text, tone: last.tone };
    else out.push(s);
  }
  return out;
}

/** One terminal line; the caller has made it fit its width. */
export const LineView = memo(function LineView({ line }: { readonly line: Line }) {
  const color = useColor();
  const segs = merge(line);
  if (segs.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {segs.map((s, i) => (
        <Text key={i} {...toneProps(s.tone, color)}>{s.text}</Text>
      ))}
    </Text>
  );
});

/** A block of lines, top to bottom. */
export const Lines = memo(function Lines({ lines }: { readonly lines: readonly Line[] }) {
  return (
    <>
      {lines.map((l, i) => <LineView key={i} line={l} />)}
    </>
  );
});
