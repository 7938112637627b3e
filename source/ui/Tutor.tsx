// The whole TUI in one Ink app: the menu, a lesson in the player, and back, switched by
// one piece of state so the terminal is never handed back in between. The Tutor also
// keeps progress (saved after each answered quiz and on leaving a lesson), the language,
// and Ctrl+C, which quits from anywhere at once with exit code 130.
import { Box, useInput } from 'ink';
import { useCallback, useRef, useState } from 'react';
import type { Lang } from '../i18n/text.js';
import type { CatalogEntry } from '../lesson/catalog.js';
import type { LessonSession } from '../lesson/session.js';
import type { PlayerModel } from '../player/model.js';
import { resumable, type LessonProgress, type Progress } from '../progress/data.js';
import { finished, playingOf, snapshot, type Playing } from '../player/snapshot.js';
import { App, useTerminalSize } from './App.js';
import { Menu } from './Menu.js';
import { entryKey, type MenuEntry } from './menu-model.js';
import { MENU, say } from './strings.js';
import { ColorContext, LineView } from './theme.js';
import { truncate } from './text-width.js';

/** Exit codes: 128 + the signal a shell would report (SIGINT 2). */
export const EXIT_INTERRUPTED = 130;

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
  /** The Tutor registers how to save the lesson on screen, for a signal arriving from outside. */
  readonly saveHook?: (save: () => void) => void;
  readonly now?: () => Date;
}

type Screen =
  | { readonly kind: 'menu'; readonly notice: string | null; readonly initial?: string }
  | { readonly kind: 'opening'; readonly title: string }
  | { readonly kind: 'player'; readonly playing: Playing; readonly n: number };

interface Live {
  playing: Playing;
  model: PlayerModel | null;
  done: boolean;
  answered: number;
}

const TRANSIENT = new Set(['drill', 'replay']);

export function Tutor(p: TutorProps) {
  const { store, onExit, interactive } = p;
  const now = p.now ?? (() => new Date());
  const [lang, setLang] = useState<Lang>(p.lang);
  const [progress, setProgress] = useState<Progress>(() => store.read());
  const firstWarning = store.warnings()[0] ?? null;
  const [screen, setScreen] = useState<Screen>(() => (p.start ? { kind: 'player', playing: p.start, n: 0 } : { kind: 'menu', notice: firstWarning }));
  const { cols, rows } = useTerminalSize();
  const live = useRef<Live | null>(p.start ? { playing: p.start, model: null, done: false, answered: p.start.answers?.size ?? 0 } : null);
  const runs = useRef(0);

  const save = useCallback(() => {
    const l = live.current;
    // A drill round or a replayed capture is not a lesson to resume.
    if (!l?.model || TRANSIENT.has(l.playing.session.id)) return;
    store.saveLesson(l.playing.session.id, snapshot(l.model, { seed: l.playing.session.seed, previous: l.playing.previous, done: l.done, now: now() }));
  }, [store]);
  p.saveHook?.(save);

  /** A warning from the store (a failed save) outlives the lesson it happened in. */
  const lastWarning = () => store.warnings().at(-1) ?? null;

  const open = useCallback(async (entry: CatalogEntry) => {
    const disk = store.read();
    const resume = resumable(disk.lessons[entry.id], p.seed);
    setScreen({ kind: 'opening', title: entry.title[lang] });
    let r: Awaited<ReturnType<Opener>>;
    try {
      r = await p.open(entry.file, (lessonSeed) => p.seed ?? resume?.seed ?? p.freshSeed(lessonSeed), lang);
    } catch (err) {
      // A lesson that breaks the compiler is that lesson's problem: the menu stays.
      r = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    if (!r.ok) {
      setScreen({ kind: 'menu', notice: say(MENU.cannotOpen, lang, { id: entry.id, reason: r.reason }), initial: `lesson:${entry.id}` });
      return;
    }
    const playing = playingOf(r.session, disk.lessons[r.session.id], resume);
    live.current = { playing, model: null, done: false, answered: playing.answers?.size ?? 0 };
    setScreen({ kind: 'player', playing, n: ++runs.current });
  }, [store, p.open, p.seed, p.freshSeed, lang]);

  /** Drill and Replay play in the same player, loaded only when chosen. */
  const openExtra = useCallback(async (kind: 'drill' | 'replay', initial: string) => {
    setScreen({ kind: 'opening', title: kind === 'drill' ? MENU.drill[lang] : MENU.replay[lang] });
    let r: { ok: true; session: LessonSession } | { ok: false; reason: string };
    try {
      r = kind === 'drill' ? (await import('./extras.js')).drillSession(p.seed ?? p.freshSeed(undefined))
        : (await import('../capture/replay/session.js')).openShippedReplay('handshake-get-close', lang);
    } catch (err) {
      r = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    if (!r.ok) {
      setScreen({ kind: 'menu', notice: say(MENU.cannotOpen, lang, { id: kind, reason: r.reason }), initial });
      return;
    }
    const playing: Playing = { session: r.session, previous: undefined };
    live.current = { playing, model: null, done: false, answered: 0 };
    setScreen({ kind: 'player', playing, n: ++runs.current });
  }, [lang, p.seed, p.freshSeed]);

  const onModel = useCallback((m: PlayerModel) => {
    const l = live.current;
    if (!l) return;
    l.model = m;
    const done = l.done || finished(m);
    if (m.answers.size !== l.answered || done !== l.done) {
      l.answered = m.answers.size;
      l.done = done;
      save();
    }
  }, [save]);

  const leaveLesson = useCallback((m: PlayerModel) => {
    const l = live.current;
    if (l) {
      l.model = m;
      save();
    }
    const id = l?.playing.session.id;
    live.current = null;
    const back = id === 'drill' ? 'drill' : id === 'replay' ? 'replay' : id ? `lesson:${id}` : undefined;
    if (p.leaveTo === 'exit') {
      onExit(0);
      return;
    }
    setProgress(store.read());
    setScreen({ kind: 'menu', notice: lastWarning(), initial: back });
  }, [save, store, p.leaveTo, onExit]);

  const toggleLang = useCallback((initial?: string) => {
    const next: Lang = lang === 'en' ? 'ko' : 'en';
    setLang(next);
    store.saveLang(next);
    setProgress(store.read());
    setScreen({ kind: 'menu', notice: lastWarning(), initial });
  }, [lang, store]);
  const onToggleLang = useCallback(() => toggleLang(), [toggleLang]);
  const quit = useCallback(() => onExit(0), [onExit]);

  const choose = useCallback((e: MenuEntry) => {
    switch (e.kind) {
      case 'resume':
      case 'lesson': {
        const entry = p.lessons.find((l) => l.id === e.id);
        if (entry) void open(entry);
        return;
      }
      case 'drill':
      case 'replay':
        void openExtra(e.kind, entryKey(e));
        return;
      case 'lang':
        toggleLang('lang');
        return;
      case 'quit':
        onExit(0);
        return;
    }
  }, [open, lang, p.lessons, onExit, toggleLang]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      save();
      onExit(EXIT_INTERRUPTED);
    }
  }, { isActive: interactive });

  let body;
  switch (screen.kind) {
    case 'menu':
      body = (
        <Menu
          lessons={p.lessons}
          progress={progress}
          lang={lang}
          cols={cols}
          rows={rows}
          notice={screen.notice}
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
          <LineView line={[{ text: ` ${truncate(say(MENU.opening, lang, { title: screen.title }), cols - 2)}`, tone: 'dim' }]} />
        </Box>
      );
      break;
    case 'player': {
      const { session, startAt, answers } = screen.playing;
      body = (
        <App
          key={screen.n}
          trace={session.trace}
          lesson={session.lesson}
          options={session.options}
          startAt={startAt}
          answers={answers}
          lang={lang}
          color={p.color}
          interactive={interactive}
          interruptHandled
          onModel={onModel}
          onExit={leaveLesson}
        />
      );
      break;
    }
  }
  return <ColorContext.Provider value={p.color}>{body}</ColorContext.Provider>;
}
