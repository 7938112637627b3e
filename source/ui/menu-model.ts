// The lesson menu as data: which entries there are, in which order, and how each reads
// at a given width. Pure, so that the marks and the Resume entry are tested without Ink.
import type { Lang } from '../i18n/text.js';
import type { CatalogEntry } from '../lesson/catalog.js';
import { lastInProgress, stepReached, type LessonProgress, type Progress } from '../progress/data.js';
import { say, MENU } from './strings.js';
import { fit, truncate, wrap } from './text-width.js';
import type { Line } from './theme.js';

export type MenuEntry =
  | { readonly kind: 'resume'; readonly id: string }
  | { readonly kind: 'lesson'; readonly id: string; readonly n: number }
  | { readonly kind: 'drill' }
  | { readonly kind: 'replay' }
  | { readonly kind: 'lang' }
  | { readonly kind: 'quit' };

/** A stable key per entry: the select list keeps its place by these. */
export function entryKey(e: MenuEntry): string {
  return e.kind === 'resume' || e.kind === 'lesson' ? `${e.kind}:${e.id}` : e.kind;
}

/** Resume (when a lesson is in progress), the lessons in curriculum order, then the rest. */
export function menuEntries(lessons: readonly CatalogEntry[], progress: Progress): MenuEntry[] {
  const resume = lastInProgress(progress, new Set(lessons.map((l) => l.id)));
  return [
    ...(resume ? [{ kind: 'resume', id: resume } as const] : []),
    ...lessons.map((l, i) => ({ kind: 'lesson', id: l.id, n: i + 1 }) as const),
    { kind: 'drill' },
    { kind: 'replay' },
    { kind: 'lang' },
    { kind: 'quit' },
  ];
}

export type Mark = { readonly kind: 'new' } | { readonly kind: 'done'; readonly best: number; readonly total: number } | { readonly kind: 'going'; readonly step: number; readonly steps: number };

export function markOf(p: LessonProgress | undefined): Mark {
  if (!p) return { kind: 'new' };
  if (p.done) return { kind: 'done', best: p.best, total: p.total };
  return { kind: 'going', step: stepReached(p), steps: p.steps };
}

export function markText(m: Mark, lang: Lang): string {
  switch (m.kind) {
    case 'new':
      return '';
    case 'done':
      return say(MENU.done, lang, m);
    case 'going':
      return say(MENU.going, lang, m);
  }
}

const MARK_WIDTH = 16;
const TOPIC_WIDTH = 14;
/** Wider titles would push the topic and mark far from the title they belong to. */
const MAX_TITLE_WIDTH = 52;
const NUM_WIDTH = 4;

export interface MenuContext {
  readonly lessons: ReadonlyMap<string, CatalogEntry>;
  readonly progress: Progress;
  readonly lang: Lang;
}

/** Column widths of a lesson line at `width`: number, title, topic, mark. */
export function menuColumns(width: number): { readonly num: number; readonly title: number; readonly topic: number; readonly mark: number } {
  const mark = Math.min(MARK_WIDTH, Math.max(0, width - 20));
  const topic = width >= 70 ? TOPIC_WIDTH : 0;
  const title = Math.max(1, Math.min(MAX_TITLE_WIDTH, width - NUM_WIDTH - topic - mark));
  return { num: NUM_WIDTH, title, topic, mark };
}

/**
 * One entry as a line (the select list's pointer comes before it): number, title, topic
 * and mark in columns for a lesson; other entries put their mark in the same column.
 */
export function entryLine(e: MenuEntry, c: MenuContext, width: number, selected: boolean): Line {
  const { lang } = c;
  const col = menuColumns(width);
  const titleTone = selected ? 'current' : 'plain';
  const withMark = (left: string, mark: string, tone: Line[number]['tone']): Line => {
    const leftW = col.num + col.title + col.topic;
    return mark === ''
      ? [{ text: truncate(left, width), tone: titleTone }]
      : [{ text: fit(left, leftW), tone: titleTone }, { text: truncate(mark, col.mark), tone }];
  };
  switch (e.kind) {
    case 'resume': {
      const l = c.lessons.get(e.id);
      return withMark(say(MENU.resume, lang, { title: l ? l.title[lang] : e.id }), markText(markOf(c.progress.lessons[e.id]), lang), 'accent');
    }
    case 'lesson': {
      const l = c.lessons.get(e.id)!;
      const mark = markOf(c.progress.lessons[e.id]);
      return [
        { text: `${String(e.n).padStart(2)}. `, tone: 'dim' },
        { text: fit(l.title[lang], col.title - 1) + ' ', tone: titleTone },
        ...(col.topic ? [{ text: fit(l.topics[0] ?? '', col.topic), tone: 'dim' } as const] : []),
        { text: truncate(markText(mark, lang), col.mark), tone: mark.kind === 'done' ? 'ok' : 'accent' },
      ];
    }
    case 'drill':
      return withMark(MENU.drill[lang], MENU.fresh[lang], 'dim');
    case 'replay':
      return withMark(MENU.replay[lang], MENU.realCapture[lang], 'dim');
    case 'lang':
      return withMark(MENU.lang[lang], '', 'plain');
    case 'quit':
      return withMark(MENU.quit[lang], '', 'plain');
  }
}

/** What the entry under the pointer is about, at most `height` lines. */
export function entryDetails(e: MenuEntry | undefined, c: MenuContext, width: number, height: number): Line[] {
  const { lang } = c;
  const para = (text: string, tone: Line[number]['tone'] = 'plain', max = height): Line[] =>
    wrap(text, width).slice(0, max).map((t) => [{ text: t, tone }]);
  if (!e) return [];
  switch (e.kind) {
    case 'resume':
    case 'lesson': {
      const l = c.lessons.get(e.id);
      if (!l) return [];
      const p = c.progress.lessons[l.id];
      const meta = [
        l.minutes === null
          ? say(MENU.levelNoTime, lang, { id: l.playAs ?? l.id, level: MENU[l.level][lang], quizzes: l.quizzes })
          : say(MENU.level, lang, { id: l.playAs ?? l.id, level: MENU[l.level][lang], minutes: l.minutes[lang], quizzes: l.quizzes }),
        ...(p ? [say(MENU.lastRun, lang, { score: p.score, total: p.total, seed: p.seed })] : []),
      ].join(' · ');
      const room = Math.max(1, height - 1);
      const all = wrap(l.summary[lang], width);
      const summary = all.slice(0, room).map((t, i): Line => [{ text: i === room - 1 && all.length > room ? truncate(`${t}…`, width) : t }]);
      const metaLine: Line = [{ text: truncate(meta, width), tone: 'dim' }];
      return [...summary, metaLine].slice(0, height);
    }
    case 'drill':
      return para(MENU.drillAbout[lang]);
    case 'replay':
      return para(MENU.replayAbout[lang]);
    case 'lang':
      return para(MENU.langAbout[lang]);
    case 'quit':
      return para(MENU.quitAbout[lang]);
  }
}

export function countsLine(lessons: readonly CatalogEntry[], progress: Progress, lang: Lang): string {
  let done = 0;
  let going = 0;
  for (const l of lessons) {
    const m = markOf(progress.lessons[l.id]).kind;
    if (m === 'done') done++;
    else if (m === 'going') going++;
  }
  return say(MENU.counts, lang, { lessons: lessons.length, done, going });
}

export interface MenuGeometry {
  /** Rows drawn: one less than the terminal, as the player does, so Ink never clears. */
  readonly rows: number;
  readonly list: number;
  readonly details: number;
}

/** Title, counts, list, rule, details, notice or keys. */
export function menuGeometry(terminalRows: number): MenuGeometry {
  const rows = terminalRows - 1;
  const details = rows >= 30 ? 4 : 3;
  return { rows, list: Math.max(3, rows - 4 - details), details };
}

/** Where the pointer is, and the first entry shown when the list scrolls. */
export interface MenuCursor {
  readonly index: number;
  readonly top: number;
}

export type MenuMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

/** The window start that keeps `index` on screen, moving as little as possible. */
export function windowTop(top: number, index: number, visible: number, count: number): number {
  const v = Math.max(1, visible);
  let t = Math.min(top, index);
  if (index >= t + v) t = index - v + 1;
  return Math.max(0, Math.min(t, Math.max(0, count - v)));
}

/**
 * One key's move. Pure and applied through a reducer, so that keys arriving together
 * (key repeat, a paste, tmux send-keys) each see the previous one's result.
 */
export function moveCursor(c: MenuCursor, move: MenuMove, count: number, visible: number): MenuCursor {
  if (count === 0) return c;
  const last = count - 1;
  const page = Math.max(1, visible - 1);
  let index: number;
  switch (move) {
    case 'up':
      index = c.index === 0 ? last : c.index - 1;
      break;
    case 'down':
      index = c.index === last ? 0 : c.index + 1;
      break;
    case 'pageUp':
      index = Math.max(0, c.index - page);
      break;
    case 'pageDown':
      index = Math.min(last, c.index + page);
      break;
    case 'home':
      index = 0;
      break;
    case 'end':
      index = last;
      break;
  }
  return { index, top: windowTop(c.top, index, visible, count) };
}
