// The lesson menu: a select list of the lessons with their marks, a Resume entry, Drill
// and Replay (not built yet), the language switch and Quit; below it, what the entry
// under the pointer is about. It only draws and reports choices: the Tutor decides what
// a choice does.
//
// ink-select-input draws the list, but the pointer is ours: its own key handler reads the
// index from the last render, so keys that arrive in one read (key repeat, a paste, tmux
// send-keys) collapse into one move (8 × ↓ moved it 2). Our reducer sees every key.
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { createContext, memo, useContext, useMemo, useReducer, useState } from 'react';
import type { Lang } from '../i18n/text.js';
import type { CatalogEntry } from '../lesson/catalog.js';
import type { Progress } from '../progress/data.js';
import { tooSmall } from './layout.js';
import {
  countsLine, entryDetails, entryKey, entryLine, menuEntries, menuGeometry, moveCursor, windowTop,
  type MenuContext, type MenuCursor, type MenuEntry, type MenuMove,
} from './menu-model.js';
import { TooSmall } from './TooSmall.js';
import { MENU, say } from './strings.js';
import { fit, fitStart, truncate, widthOf } from './text-width.js';
import { LineView, Lines, toneProps, useColor, type Line } from './theme.js';

export interface MenuProps {
  readonly lessons: readonly CatalogEntry[];
  /** A course's title (course.yaml) instead of tcp-tutor's. */
  readonly title?: string;
  readonly progress: Progress;
  readonly lang: Lang;
  readonly cols: number;
  readonly rows: number;
  /** One line under the list: a warning, "coming soon", a lesson that would not open. */
  readonly notice: string | null;
  /** The entry to put the pointer on (by entryKey), e.g. the lesson just left. */
  readonly initial?: string;
  /** Keys are read only with a TTY. */
  readonly interactive: boolean;
  readonly onChoose: (entry: MenuEntry) => void;
  readonly onToggleLang: () => void;
  readonly onQuit: () => void;
}

interface RowSource {
  readonly line: (key: string, selected: boolean) => Line;
}

const RowContext = createContext<RowSource>({ line: () => [] });

function Indicator({ isSelected = false }: { readonly isSelected?: boolean }) {
  const color = useColor();
  return <Text {...toneProps(isSelected ? 'current' : 'plain', color)}>{isSelected ? '❯ ' : '  '}</Text>;
}

/** ink-select-input passes the item's fields; `value` is the entry's key. */
function Row(props: { readonly isSelected?: boolean; readonly label: string }) {
  const { line } = useContext(RowContext);
  const key = (props as { value?: string }).value ?? props.label;
  return <LineView line={line(key, props.isSelected ?? false)} />;
}

type CursorAction = { readonly move: MenuMove; readonly count: number; readonly visible: number };

function cursorReducer(c: MenuCursor, a: CursorAction): MenuCursor {
  return moveCursor(c, a.move, a.count, a.visible);
}

function moveOf(input: string, key: { upArrow: boolean; downArrow: boolean; pageUp: boolean; pageDown: boolean; home: boolean; end: boolean }): MenuMove | null {
  if (key.upArrow || input === 'k') return 'up';
  if (key.downArrow || input === 'j') return 'down';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home || input === 'g') return 'home';
  if (key.end || input === 'G') return 'end';
  return null;
}

/** The line under the list; it says when entries are scrolled out of sight. */
function rule(width: number, above: number, below: number, lang: Lang): Line {
  const parts = [above > 0 ? say(MENU.moreAbove, lang, { n: above }) : '', below > 0 ? say(MENU.moreBelow, lang, { n: below }) : ''].filter(Boolean);
  const label = parts.length ? ` ${parts.join(' · ')} ` : '';
  const dashes = Math.max(0, width - widthOf(label) - 2);
  return [{ text: `──${label}${'─'.repeat(dashes)}`, tone: 'border' }];
}

export const Menu = memo(function Menu(p: MenuProps) {
  const { lang, cols, rows, progress, lessons, interactive } = p;
  const entries = useMemo(() => menuEntries(lessons, progress), [lessons, progress]);
  const g = menuGeometry(rows);
  const visible = Math.min(g.list, entries.length);
  const [cursor, dispatch] = useReducer(cursorReducer, undefined, () => {
    const index = Math.max(0, p.initial === undefined ? 0 : entries.findIndex((e) => entryKey(e) === p.initial));
    return { index, top: windowTop(0, index, visible, entries.length) };
  });
  const index = Math.min(cursor.index, Math.max(0, entries.length - 1));
  // The terminal may have been resized since the last move.
  const top = windowTop(cursor.top, index, visible, entries.length);
  const small = tooSmall(cols, rows);
  const [dismissed, setDismissed] = useState<string | null>(null);

  const ctx: MenuContext = useMemo(() => ({ lessons: new Map(lessons.map((l) => [l.id, l])), progress, lang }), [lessons, progress, lang]);
  const byKey = useMemo(() => new Map(entries.map((e) => [entryKey(e), e])), [entries]);
  const rowWidth = cols - 3;
  const rowSource = useMemo<RowSource>(() => ({
    line: (key, selected) => {
      const e = byKey.get(key);
      return e ? entryLine(e, ctx, rowWidth, selected) : [];
    },
  }), [byKey, ctx, rowWidth]);

  const { onChoose, onToggleLang, onQuit } = p;
  useInput((input, key) => {
    if (input === 'q') return onQuit();
    if (small) return;
    if (input === 'l') return onToggleLang();
    if (key.return) {
      const e = entries[index];
      if (e) onChoose(e);
      return;
    }
    const move = moveOf(input, key);
    if (move) {
      dispatch({ move, count: entries.length, visible });
      // A notice has been read once the learner moves on.
      setDismissed(p.notice);
    }
  }, { isActive: interactive });

  if (small) return <TooSmall lang={lang} cols={cols} rows={rows} />;

  const width = cols - 1;
  const counts = countsLine(lessons, progress, lang);
  const details = entryDetails(entries[index], ctx, width - 1, g.details).map((l): Line => [{ text: ' ' }, ...l]);
  while (details.length < g.details) details.push([]);
  const notice = p.notice !== null && p.notice !== dismissed ? p.notice : null;
  const footer: Line = notice
    ? [{ text: fit(` ${notice}`, width), tone: 'notice' }]
    : [{ text: fitStart(`${MENU.keys[lang]} `, width), tone: 'dim' }];
  const shown = entries.slice(top, top + visible).map((e) => ({ key: entryKey(e), label: entryKey(e), value: entryKey(e) }));

  return (
    <Box flexDirection="column" width={cols} height={g.rows}>
      <LineView line={[{ text: ` ${truncate(p.title ?? MENU.title[lang], width - 1)}`, tone: 'focusTitle' }]} />
      <LineView line={[{ text: ` ${truncate(counts, width - 1)}`, tone: 'dim' }]} />
      <Box flexDirection="column" height={visible}>
        {entries.length === 0 ? (
          <Text>{MENU.noLessons[lang]}</Text>
        ) : (
          <RowContext.Provider value={rowSource}>
            <SelectInput
              // Drawn afresh for each move: the pointer is ours (see the top of this file).
              key={`${top}:${index}`}
              items={shown}
              initialIndex={index - top}
              isFocused={false}
              indicatorComponent={Indicator}
              itemComponent={Row}
            />
          </RowContext.Provider>
        )}
      </Box>
      <LineView line={rule(width, top, entries.length - top - visible, lang)} />
      <Lines lines={details} />
      <Box flexGrow={1} />
      <LineView line={footer} />
    </Box>
  );
});
