// The shell around the player: it owns the model (useReducer over the pure reducer),
// turns keys into actions, runs the autoplay timer, follows the terminal's size, and
// leaves when the learner quits. The Tutor (menu and progress) sits above it.
import { useApp, useInput } from 'ink';
import { useCallback, useEffect, useReducer } from 'react';
import type { Lang } from '../i18n/text.js';
import type { Trace } from '../sim/trace.js';
import { press, type KeyInfo } from '../player/keys.js';
import {
  createPlayer, isBlocked, update, type PlayerAction, type PlayerLesson, type PlayerModel, type PlayerOptions, type QuizAnswer,
} from '../player/model.js';
import { autoplayDelay } from '../player/screen.js';
import { tooSmall } from './layout.js';
import { useTerminalSize } from './terminal-size.js';
import { PlayerScreen, scrollPage } from './PlayerScreen.js';
import { ColorContext } from './theme.js';

export interface AppProps {
  readonly trace: Trace;
  readonly lesson?: PlayerLesson;
  readonly options?: PlayerOptions;
  /** Trace step to open at (a lesson resumed, a test); the first step by default. */
  readonly startAt?: number;
  /** Answers given before (a lesson resumed). */
  readonly answers?: ReadonlyMap<string, QuizAnswer>;
  /** The lesson reopens where an earlier run left off: the status bar says so until the first key. */
  readonly resumed?: boolean;
  readonly lang: Lang;
  /** False for NO_COLOR or --no-color: the screen must read without colour. */
  readonly color: boolean;
  /** Read keys only when stdin is a TTY: Ink throws on raw mode otherwise. */
  readonly interactive: boolean;
  /** Called once when the learner leaves (q or Esc); the default unmounts the app. */
  readonly onExit?: (model: PlayerModel) => void;
  /** Called after every change, for saving progress. */
  readonly onModel?: (model: PlayerModel) => void;
  /** Ctrl+C is the Tutor's (it quits at once); the player then ignores it. */
  readonly interruptHandled?: boolean;
  /** A line the status bar keeps showing (play --watch: why the saved file was not reloaded). */
  readonly banner?: string | null;
  /** Where leaving leads, for the help's words on q and Esc: the menu (the default), or out. */
  readonly leaveTo?: 'menu' | 'exit';
}

export type AppEvent =
  | PlayerAction
  | { readonly type: 'key'; readonly input: string; readonly key: KeyInfo }
  /** PgUp or PgDn: how far the narration pane scrolls depends on the screen's size. */
  | { readonly type: 'page'; readonly by: -1 | 1; readonly lang: Lang; readonly cols: number; readonly rows: number };

export function appReducer(m: PlayerModel, e: AppEvent): PlayerModel {
  if (e.type === 'key') return press(m, e.input, e.key);
  if (e.type === 'page') return scrollPage(m, e.by, e.lang, e.cols, e.rows);
  return update(m, e);
}

/** The terminal's size, following resizes. */
/** Where it lived first; the Tutor imports it from terminal-size.ts, so as not to load the player. */
export { useTerminalSize };

export function App(p: AppProps) {
  const [model, dispatch] = useReducer(appReducer, undefined, () => {
    const fresh = createPlayer(p.trace, p.lesson, p.options);
    const m = p.answers ? { ...fresh, answers: new Map(p.answers) } : fresh;
    if (p.startAt === undefined) return m;
    const at = update(m, { type: 'goto', step: p.startAt });
    // A lesson resumed says so: a learner who left it days ago would not know why it opens mid-way.
    return p.resumed && at.pos > 0 ? { ...at, notice: { kind: 'resumed' as const } } : at;
  });
  const { cols, rows } = useTerminalSize();
  const { exit } = useApp();
  const small = tooSmall(cols, rows);

  useInput(
    (input, key) => {
      if (p.interruptHandled && key.ctrl && input === 'c') return;
      // An undersized screen shows only a message: nothing to step through.
      if (small && !(input === 'q' || key.escape || (key.ctrl && input === 'c'))) return;
      if (key.pageUp || key.pageDown) dispatch({ type: 'page', by: key.pageUp ? -1 : 1, lang: p.lang, cols, rows });
      else dispatch({ type: 'key', input, key });
    },
    { isActive: p.interactive },
  );

  const { autoplay, pos, speed, reviewing, quit } = model;
  const waiting = isBlocked(model);
  useEffect(() => {
    // At an open quiz autoplay waits for the answer; the answer's feedback then has its own wait.
    if (!autoplay || waiting) return;
    const id = setTimeout(() => dispatch({ type: 'tick' }), autoplayDelay(model));
    return () => clearTimeout(id);
    // The model is read for its delay only; a new stop, speed or answer restarts the timer.
  }, [autoplay, pos, speed, reviewing, waiting]);

  const { onModel } = p;
  useEffect(() => {
    onModel?.(model);
  }, [model]);

  const { onExit } = p;
  useEffect(() => {
    if (!quit) return;
    if (onExit) onExit(model);
    else exit();
  }, [quit]);

  const send = useCallback((a: PlayerAction) => dispatch(a), []);
  return (
    <ColorContext.Provider value={p.color}>
      <PlayerScreen model={model} dispatch={send} lang={p.lang} cols={cols} rows={rows} banner={p.banner} leaveTo={p.leaveTo} />
    </ColorContext.Provider>
  );
}
