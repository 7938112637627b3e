// The whole TUI in one Ink app: the menu, a lesson in the player, and back, switched by
// one piece of state so the terminal is never handed back in between. What happens is
// decided by the pure update in tutor-model.ts: progress saved after each answered quiz,
// on leaving a lesson and, at most once a second, as the learner steps, the language, and Ctrl+C, which quits from anywhere at once
// with exit code 130. This component only draws that state and runs its commands.
import { Box, useInput } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lang, Text } from '../i18n/text.js';
import type { CatalogEntry } from '../lesson/catalog.js';
import type { LessonSession } from '../session/lesson.js';
import type { PlayerModel } from '../player/model.js';
import { snapshot, type Playing } from '../session/snapshot.js';
import { resumable, type LessonProgress, type Progress } from '../progress/data.js';
import { useTerminalSize } from './terminal-size.js';
import { Menu } from './Menu.js';
import type { MenuEntry } from './menu-model.js';
import { MENU, UI, say } from './strings.js';
import { ColorContext, LineView } from './theme.js';
import { truncate } from './text-width.js';
import {
  initTutor, saveCommand, updateTutor, type Notice, type Opened, type Opening, type TutorCmd, type TutorMsg, type TutorState,
} from './tutor-model.js';

export { EXIT_INTERRUPTED } from './tutor-model.js';

/** The parts of the progress store the Tutor uses. */
export interface TutorStore {
  read(): Progress;
  saveLesson(id: string, lesson: LessonProgress): void;
  saveLang(lang: Lang): void;
  warnings(): readonly string[];
}

export type Opener = (name: string, pick: (lessonSeed: number | undefined) => number, lang: Lang) => Promise<
  { readonly ok: true; readonly session: LessonSession } | { readonly ok: false; readonly reason: string }
>;

export interface TutorProps {
  readonly lessons: readonly CatalogEntry[];
  /** A course's title, for the menu. */
  readonly title?: Text;
  readonly store: TutorStore;
  readonly lang: Lang;
  readonly color: boolean;
  /** --seed: the same numbers for a whole class. Otherwise a saved run's, or a fresh one. */
  readonly seed: number | null;
  readonly interactive: boolean;
  readonly open: Opener;
  /** A fresh seed when nothing else decides (see pickSeed). */
  readonly freshSeed: (lessonSeed: number | undefined) => number;
  /** A lesson opened before the app started (`tcp-tutor play LESSON`). */
  readonly start?: Playing;
  /** Where q in the player leads: the menu, or out (when the tutor was started on a lesson). */
  readonly leaveTo: 'menu' | 'exit';
  /** Says why the tutor is leaving: 0 for q, 130 for Ctrl+C. */
  readonly onExit: (code: number) => void;
  /** Ctrl+Z: stop as a terminal program does (the runner saves and gives the terminal back first). */
  readonly onSuspend?: () => void;
  /** The Tutor registers how to save the lesson on screen, for a signal arriving from outside. */
  readonly saveHook?: (save: () => void) => void;
  readonly now?: () => Date;
  /**
   * play --watch: calls back with the lesson opened again each time its file is saved;
   * returns the way to stop watching.
   */
  readonly watch?: (reloaded: (result: Extract<TutorMsg, { type: 'reloaded' }>['result']) => void) => () => void;
}

/** The effects the Tutor's commands need, and the way back in for their results. */
interface Effects {
  readonly store: TutorStore;
  readonly saver: Saver;
  readonly open: Opener;
  readonly freshSeed: (lessonSeed: number | undefined) => number;
  readonly onExit: (code: number) => void;
  readonly now: () => Date;
}

export type SaveCmd = Extract<TutorCmd, { kind: 'save' }>;

export interface Saver {
  save(cmd: SaveCmd): void;
}

/** At most one write a second for saves that only move the step; the last one is always written. */
const THROTTLE_MS = 1000;

/**
 * Writes saves. A save of an answer or of leaving is written at once (and drops a pending
 * step save, which it includes); a save that only moves the step waits for the second to
 * pass, and a newer one replaces it, so stepping quickly writes the file once a second.
 */
export function makeSaver(fx: () => Pick<Effects, 'store' | 'now'>): Saver {
  let last = -Infinity;
  let pending: SaveCmd | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (cmd: SaveCmd) => {
    const { store, now } = fx();
    store.saveLesson(cmd.id, snapshot(cmd.model, { ...cmd.context, now: now() }));
    last = Date.now();
  };
  return {
    save(cmd) {
      if (!cmd.throttle) {
        if (timer) clearTimeout(timer);
        timer = null;
        pending = null;
        write(cmd);
        return;
      }
      const wait = last + THROTTLE_MS - Date.now();
      if (wait <= 0 && timer === null) {
        write(cmd);
        return;
      }
      pending = cmd;
      timer ??= setTimeout(() => {
        timer = null;
        const p = pending;
        pending = null;
        if (p) write(p);
      }, Math.max(0, wait));
      // A pending step save must not keep the process alive after the tutor has ended.
      timer.unref?.();
    },
  };
}

async function opened(what: Opening, lang: Lang, seed: number | null, fx: Effects): Promise<Opened> {
  try {
    switch (what.kind) {
      case 'lesson': {
        const disk = fx.store.read();
        // --seed, then the seed a course fixes for the lesson: a class shares its numbers.
        const fixed = seed ?? what.entry.seed ?? null;
        const resume = resumable(disk.lessons[what.entry.id], fixed);
        const r = await fx.open(what.entry.file, (lessonSeed) => fixed ?? resume?.seed ?? fx.freshSeed(lessonSeed), lang);
        return r.ok ? { ok: true, session: r.session, previous: disk.lessons[r.session.id], resume } : r;
      }
      // Drill and Replay play in the same player, loaded only when chosen.
      case 'drill':
        return (await import('./extras.js')).drillSession(seed ?? fx.freshSeed(undefined));
      case 'replay':
        return (await import('../session/replay.js')).openShippedReplay('handshake-get-close', lang);
    }
  } catch (err) {
    // A lesson that breaks the compiler is that lesson's problem: the menu stays.
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

type PlayerApp = typeof import('./App.js').App;

/**
 * The player (App and everything it draws, the player model's screens and their words)
 * loads when a lesson is first opened, not before the menu's first frame. Loaded once per
 * process; `play LESSON` loads it before the first frame (runTutor).
 */
let playerApp: PlayerApp | null = null;

export async function loadPlayerApp(): Promise<PlayerApp> {
  playerApp ??= (await import('./App.js')).App;
  return playerApp;
}

/** Runs one command; what it learns comes back through `dispatch`. */
function perform(cmd: TutorCmd, fx: Effects, dispatch: (msg: TutorMsg) => void): void {
  switch (cmd.kind) {
    case 'save':
      fx.saver.save(cmd);
      return;
    case 'saveLang':
      fx.store.saveLang(cmd.lang);
      return;
    case 'readMenu':
      // A warning from the store (a failed save) outlives the lesson it happened in.
      dispatch({ type: 'menuRead', progress: fx.store.read(), warning: fx.store.warnings().at(-1) ?? null, initial: cmd.initial });
      return;
    case 'open':
      // The player's code loads while the lesson compiles.
      void Promise.all([opened(cmd.what, cmd.lang, cmd.seed, fx), loadPlayerApp()])
        .then(([result]) => dispatch({ type: 'opened', what: cmd.what, result }));
      return;
    case 'exit':
      fx.onExit(cmd.code);
      return;
  }
}

function noticeText(n: Notice | null, lang: Lang): string | null {
  if (n === null) return null;
  return n.kind === 'warning' ? n.text : say(MENU.cannotOpen, lang, { id: n.id, reason: n.reason });
}

function openingTitle(what: Opening, lang: Lang): string {
  return what.kind === 'lesson' ? what.entry.title[lang] : what.kind === 'drill' ? MENU.drill[lang] : MENU.replay[lang];
}

export function Tutor(p: TutorProps) {
  const { interactive } = p;
  const fx = useRef<Effects>(null!);
  const saver = useRef<Saver>(null!);
  saver.current ??= makeSaver(() => fx.current);
  fx.current = { store: p.store, saver: saver.current, open: p.open, freshSeed: p.freshSeed, onExit: p.onExit, now: p.now ?? (() => new Date()) };
  const [state, setState] = useState<TutorState>(() => initTutor(
    { lessons: p.lessons, seed: p.seed, leaveTo: p.leaveTo },
    { lang: p.lang, progress: p.store.read(), warning: p.store.warnings()[0] ?? null, start: p.start },
  ));
  // The latest state, for messages arriving together (keys, a model report and a save):
  // each sees the one before it. The screen redraws only when what it shows has changed.
  const current = useRef(state);
  const dispatch = useCallback((msg: TutorMsg) => {
    const before = current.current;
    const [next, cmds] = updateTutor(before, msg);
    current.current = next;
    if (next.screen !== before.screen || next.lang !== before.lang || next.progress !== before.progress) setState(next);
    for (const cmd of cmds) perform(cmd, fx.current, dispatch);
  }, []);
  p.saveHook?.(() => {
    for (const cmd of saveCommand(current.current.live)) perform(cmd, fx.current, dispatch);
  });
  const { watch } = p;
  useEffect(() => watch?.((result) => dispatch({ type: 'reloaded', result })), [watch, dispatch]);
  const { cols, rows } = useTerminalSize();
  const { screen, lang, progress } = state;
  // A lesson opened from the menu arrives with the player loaded; one handed in at the start
  // by a caller that did not load it (a test) is drawn once it has loaded.
  const [, playerLoaded] = useState(0);
  const App = playerApp;
  const waitingForPlayer = screen.kind === 'player' && App === null;
  useEffect(() => {
    if (waitingForPlayer) void loadPlayerApp().then(() => playerLoaded((n) => n + 1));
  }, [waitingForPlayer]);

  const onModel = useCallback((model: PlayerModel) => dispatch({ type: 'model', model }), [dispatch]);
  const leaveLesson = useCallback((model: PlayerModel) => dispatch({ type: 'leave', model }), [dispatch]);
  const choose = useCallback((entry: MenuEntry) => dispatch({ type: 'choose', entry }), [dispatch]);
  const onToggleLang = useCallback(() => dispatch({ type: 'toggleLang' }), [dispatch]);
  const quit = useCallback(() => dispatch({ type: 'quit' }), [dispatch]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') dispatch({ type: 'interrupt' });
    else if (key.ctrl && input === 'z') p.onSuspend?.();
  }, { isActive: interactive });

  let body;
  switch (screen.kind) {
    case 'menu':
      body = (
        <Menu
          lessons={p.lessons}
          title={p.title?.[lang]}
          progress={progress}
          lang={lang}
          cols={cols}
          rows={rows}
          notice={noticeText(screen.notice, lang)}
          initial={screen.initial}
          interactive={interactive}
          onChoose={choose}
          onToggleLang={onToggleLang}
          onQuit={quit}
        />
      );
      break;
    case 'opening':
      body = (
        <Box height={rows - 1}>
          <LineView line={[{ text: ` ${truncate(say(MENU.opening, lang, { title: openingTitle(screen.what, lang) }), cols - 2)}`, tone: 'dim' }]} />
        </Box>
      );
      break;
    case 'player': {
      if (App === null) {
        body = <Box height={rows - 1} />;
        break;
      }
      const { session, startAt, answers, resumed } = screen.playing;
      body = (
        <App
          key={screen.n}
          trace={session.trace}
          lesson={session.lesson}
          options={session.options}
          startAt={startAt}
          answers={answers}
          resumed={resumed}
          lang={lang}
          color={p.color}
          interactive={interactive}
          interruptHandled
          banner={screen.problem === undefined ? null : say(UI.notReloaded, lang, { problem: screen.problem })}
          onModel={onModel}
          onExit={leaveLesson}
          leaveTo={p.leaveTo}
        />
      );
      break;
    }
  }
  return <ColorContext.Provider value={p.color}>{body}</ColorContext.Provider>;
}
