// The Tutor as data, Elm style: a state, messages, and a pure update that returns the next
// state with the commands to run (save a lesson, save the language, read the progress file
// again, open a lesson, a drill round or a replay, exit). The Tutor component runs the
// commands and feeds their results back as messages; nothing here touches the disk or the
// clock, so the menu ↔ player flow is tested without Ink.
import type { Lang } from '../i18n/text.js';
import type { CatalogEntry } from '../lesson/catalog.js';
import type { LessonSession } from '../session/lesson.js';
import type { PlayerModel } from '../player/model.js';
import { stepIndex } from '../player/position.js';
import { finished, playingOf, type Playing, type SnapshotContext } from '../session/snapshot.js';
import type { LessonProgress, Progress } from '../progress/data.js';
import type { MenuEntry } from './menu-model.js';

/** Exit codes: 128 + the signal a shell would report (SIGINT 2). */
export const EXIT_INTERRUPTED = 130;

/** What the menu says below its list, rendered in the current language at the edge. */
export type Notice =
  | { readonly kind: 'warning'; readonly text: string }
  | { readonly kind: 'cannotOpen'; readonly id: string; readonly reason: string };

/** What is being opened: a lesson from the catalog, a drill round, or the shipped replay. */
export type Opening = { readonly kind: 'lesson'; readonly entry: CatalogEntry } | { readonly kind: 'drill' } | { readonly kind: 'replay' };

export type Screen =
  | { readonly kind: 'menu'; readonly notice: Notice | null; readonly initial?: string }
  | { readonly kind: 'opening'; readonly what: Opening }
  | {
    readonly kind: 'player'; readonly playing: Playing; readonly n: number;
    /** play --watch: why the file as last saved could not be played; the old version plays on. */
    readonly problem?: string;
  };

/** The lesson in the player, as last reported, and what has been saved of it. */
export interface Live {
  readonly playing: Playing;
  readonly model: PlayerModel | null;
  readonly done: boolean;
  readonly answered: number;
  /** The step last asked to be saved: a new step is saved too (throttled), so a killed tutor loses little. */
  readonly savedStep: number;
}

export interface TutorConfig {
  readonly lessons: readonly CatalogEntry[];
  /** --seed, or null. */
  readonly seed: number | null;
  /** Where leaving the player leads: the menu, or out (the tutor was started on a lesson). */
  readonly leaveTo: 'menu' | 'exit';
}

export interface TutorState {
  readonly config: TutorConfig;
  readonly lang: Lang;
  readonly progress: Progress;
  readonly screen: Screen;
  readonly live: Live | null;
  /** Players opened so far: each gets a fresh key, so a new run starts a new player. */
  readonly runs: number;
}

export type Opened =
  | { readonly ok: true; readonly session: LessonSession; readonly previous?: LessonProgress; readonly resume?: LessonProgress }
  | { readonly ok: false; readonly reason: string };

export type TutorMsg =
  | { readonly type: 'choose'; readonly entry: MenuEntry }
  | { readonly type: 'toggleLang'; readonly initial?: string }
  | { readonly type: 'quit' }
  /** Ctrl+C, from anywhere. */
  | { readonly type: 'interrupt' }
  | { readonly type: 'opened'; readonly what: Opening; readonly result: Opened }
  /** The player's model after a change. */
  | { readonly type: 'model'; readonly model: PlayerModel }
  /** The learner left the player (q or Esc). */
  | { readonly type: 'leave'; readonly model: PlayerModel }
  /** play --watch: the lesson file was saved and opened again (or could not be). */
  | { readonly type: 'reloaded'; readonly result: { readonly ok: true; readonly session: LessonSession } | { readonly ok: false; readonly reason: string } }
  /** The progress file as read for the menu, and the store's last warning. */
  | { readonly type: 'menuRead'; readonly progress: Progress; readonly warning: string | null; readonly initial?: string };

export type TutorCmd =
  /** Save this lesson's snapshot (the runner adds the time). */
  | {
    readonly kind: 'save'; readonly id: string; readonly model: PlayerModel; readonly context: Omit<SnapshotContext, 'now'>;
    /** Only the step moved: the runner may coalesce such saves (at most one write a second), keeping the last. */
    readonly throttle?: true;
  }
  | { readonly kind: 'saveLang'; readonly lang: Lang }
  /** Read progress again and show the menu (answered by `menuRead`). */
  | { readonly kind: 'readMenu'; readonly initial?: string }
  /** Open a lesson, a drill round or the replay (answered by `opened`). */
  | { readonly kind: 'open'; readonly what: Opening; readonly lang: Lang; readonly seed: number | null }
  | { readonly kind: 'exit'; readonly code: number };

/** A drill round or a replayed capture is not a lesson to resume. */
const TRANSIENT = new Set(['drill', 'replay']);

export function liveOf(playing: Playing): Live {
  return { playing, model: null, done: false, answered: playing.answers?.size ?? 0, savedStep: -1 };
}

export function initTutor(config: TutorConfig, o: { readonly lang: Lang; readonly progress: Progress; readonly warning: string | null; readonly start?: Playing }): TutorState {
  return {
    config,
    lang: o.lang,
    progress: o.progress,
    screen: o.start ? { kind: 'player', playing: o.start, n: 0 } : { kind: 'menu', notice: o.warning === null ? null : { kind: 'warning', text: o.warning } },
    live: o.start ? liveOf(o.start) : null,
    runs: 0,
  };
}

/** The command that saves the lesson on screen, if there is one to save. */
export function saveCommand(live: Live | null, throttle = false): TutorCmd[] {
  if (!live?.model || TRANSIENT.has(live.playing.session.id)) return [];
  const { session, previous } = live.playing;
  return [{ kind: 'save', id: session.id, model: live.model, context: { seed: session.seed, previous, done: live.done }, ...(throttle && { throttle: true as const }) }];
}

/**
 * Where a reloaded lesson opens: the step the learner was on, or the last step when the
 * script got shorter.
 */
export function reloadStep(step: number, steps: number): number {
  return Math.max(0, Math.min(step, steps - 1));
}

/** The menu entry to come back to after `what`. */
function entryFor(what: Opening): string {
  return what.kind === 'lesson' ? `lesson:${what.entry.id}` : what.kind;
}

function open(s: TutorState, what: Opening): [TutorState, TutorCmd[]] {
  return [{ ...s, screen: { kind: 'opening', what } }, [{ kind: 'open', what, lang: s.lang, seed: s.config.seed }]];
}

function toggleLang(s: TutorState, initial: string | undefined): [TutorState, TutorCmd[]] {
  const lang: Lang = s.lang === 'en' ? 'ko' : 'en';
  return [{ ...s, lang }, [{ kind: 'saveLang', lang }, { kind: 'readMenu', initial }]];
}

export function updateTutor(s: TutorState, msg: TutorMsg): [TutorState, TutorCmd[]] {
  switch (msg.type) {
    case 'choose': {
      const e = msg.entry;
      switch (e.kind) {
        case 'resume':
        case 'lesson': {
          const entry = s.config.lessons.find((l) => l.id === e.id);
          return entry ? open(s, { kind: 'lesson', entry }) : [s, []];
        }
        case 'drill':
        case 'replay':
          return open(s, { kind: e.kind });
        case 'lang':
          return toggleLang(s, 'lang');
        case 'quit':
          return [s, [{ kind: 'exit', code: 0 }]];
      }
    }
    case 'toggleLang':
      return toggleLang(s, msg.initial);
    case 'quit':
      return [s, [{ kind: 'exit', code: 0 }]];
    case 'interrupt':
      return [s, [...saveCommand(s.live), { kind: 'exit', code: EXIT_INTERRUPTED }]];
    case 'opened': {
      // A late answer (the tutor quit meanwhile) opens nothing.
      if (s.screen.kind !== 'opening') return [s, []];
      const r = msg.result;
      if (!r.ok) {
        const id = msg.what.kind === 'lesson' ? msg.what.entry.id : msg.what.kind;
        return [{ ...s, screen: { kind: 'menu', notice: { kind: 'cannotOpen', id, reason: r.reason }, initial: entryFor(msg.what) } }, []];
      }
      const playing = playingOf(r.session, r.previous, r.resume);
      const runs = s.runs + 1;
      return [{ ...s, live: liveOf(playing), runs, screen: { kind: 'player', playing, n: runs } }, []];
    }
    case 'model': {
      const l = s.live;
      if (!l) return [s, []];
      const done = l.done || finished(msg.model);
      const step = stepIndex(msg.model);
      const live: Live = { ...l, model: msg.model, done, answered: msg.model.answers.size, savedStep: step };
      const changed = msg.model.answers.size !== l.answered || done !== l.done;
      if (changed) return [{ ...s, live }, saveCommand(live)];
      return [{ ...s, live }, step !== l.savedStep && l.model !== null ? saveCommand(live, true) : []];
    }
    case 'leave': {
      const l = s.live;
      const save = l ? saveCommand({ ...l, model: msg.model }) : [];
      const id = l?.playing.session.id;
      const back = id === 'drill' || id === 'replay' ? id : id ? `lesson:${id}` : undefined;
      const next = { ...s, live: null };
      if (s.config.leaveTo === 'exit') return [next, [...save, { kind: 'exit', code: 0 }]];
      return [next, [...save, { kind: 'readMenu', initial: back }]];
    }
    case 'reloaded': {
      const { screen, live } = s;
      if (screen.kind !== 'player' || !live) return [s, []];
      const r = msg.result;
      if (!r.ok) return [{ ...s, screen: { ...screen, problem: r.reason } }, []];
      const at = live.model ? stepIndex(live.model) : live.playing.startAt ?? 0;
      // Answers stay with the quizzes that are still there, as a resumed run keeps them.
      const quizIds = new Set((r.session.lesson.checkpoints ?? []).map((c) => c.id));
      const given = live.model?.answers ?? live.playing.answers ?? new Map();
      const answers = new Map([...given].filter(([id]) => quizIds.has(id)));
      const playing: Playing = { session: r.session, startAt: reloadStep(at, r.session.trace.steps.length), answers, previous: live.playing.previous };
      const runs = s.runs + 1;
      return [{ ...s, live: liveOf(playing), runs, screen: { kind: 'player', playing, n: runs } }, []];
    }
    case 'menuRead':
      return [
        { ...s, progress: msg.progress, screen: { kind: 'menu', notice: msg.warning === null ? null : { kind: 'warning', text: msg.warning }, initial: msg.initial } },
        [],
      ];
  }
}
