// The Tutor's update: which screen follows which message, and which side effects it asks
// for (save, read the progress file, open, exit). Pure: no Ink, no disk, no clock.
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../source/lesson/catalog.js';
import type { LessonSession } from '../../source/session/lesson.js';
import { createPlayer, update, type PlayerModel } from '../../source/player/model.js';
import type { LessonProgress, Progress } from '../../source/progress/data.js';
import {
  EXIT_INTERRUPTED, initTutor, updateTutor, type TutorCmd, type TutorConfig, type TutorMsg, type TutorState,
} from '../../source/ui/tutor-model.js';
import { recordedTrace } from '../helpers/traces.js';

const TRACE = recordedTrace('handshake');

const ENTRY: CatalogEntry = {
  id: 'handshake', file: '/lessons/09-handshake.yaml', title: { en: 'The 3-way handshake', ko: '3방향 핸드셰이크' },
  summary: { en: 's', ko: 's' }, level: 'beginner', topics: ['handshake'], minutes: { en: 5, ko: 5 }, quizzes: 0,
};
const EMPTY: Progress = { lessons: {}, settings: null };

function session(id: string, seed = 5): LessonSession {
  return { id, title: { en: id, ko: id }, seed, trace: TRACE, lesson: {}, options: {} };
}

function saved(over: Partial<LessonProgress> = {}): LessonProgress {
  return { step: 3, steps: TRACE.steps.length, answers: {}, score: 0, total: 0, best: 0, seed: 5, done: false, updated: '2025-03-01T10:00:00.000Z', ...over };
}

function config(over: Partial<TutorConfig> = {}): TutorConfig {
  return { lessons: [ENTRY], seed: null, leaveTo: 'menu', ...over };
}

function menu(over: Partial<TutorConfig> = {}, warning: string | null = null): TutorState {
  return initTutor(config(over), { lang: 'en', progress: EMPTY, warning });
}

/** Messages one after another; the commands of each, in order. */
function run(s: TutorState, ...msgs: TutorMsg[]): [TutorState, TutorCmd[][]] {
  const cmds: TutorCmd[][] = [];
  for (const m of msgs) {
    const [next, c] = updateTutor(s, m);
    s = next;
    cmds.push(c);
  }
  return [s, cmds];
}

const answered = (m: PlayerModel, id: string): PlayerModel => ({ ...m, answers: new Map([...m.answers, [id, { value: '1', correct: true }]]) });
const fresh = () => createPlayer(TRACE);
const atLastStep = () => update(fresh(), { type: 'goto', step: TRACE.steps.length - 1 });

/** The menu, then the handshake lesson open in the player. */
function inLesson(over: Partial<TutorConfig> = {}, result: { previous?: LessonProgress; resume?: LessonProgress } = {}): TutorState {
  const what = { kind: 'lesson', entry: ENTRY } as const;
  const [s] = run(menu(over), { type: 'choose', entry: { kind: 'lesson', id: 'handshake', n: 1 } }, { type: 'opened', what, result: { ok: true, session: session('handshake'), ...result } });
  return s;
}

describe('tutor model', () => {
  it('starts on the menu with the store\'s first warning, or in the player on a lesson opened before', () => {
    expect(menu({}, 'progress.json was corrupt').screen).toEqual({ kind: 'menu', notice: { kind: 'warning', text: 'progress.json was corrupt' } });
    const s = initTutor(config({ leaveTo: 'exit' }), { lang: 'ko', progress: EMPTY, warning: null, start: { session: session('handshake'), previous: undefined } });
    expect(s.screen).toMatchObject({ kind: 'player', n: 0 });
    expect(s.lang).toBe('ko');
  });

  it('opens the chosen lesson with --seed and the current language, then shows it in a fresh player', () => {
    const [opening, [cmds]] = run(menu({ seed: 42 }), { type: 'choose', entry: { kind: 'lesson', id: 'handshake', n: 1 } });
    expect(opening.screen).toEqual({ kind: 'opening', what: { kind: 'lesson', entry: ENTRY } });
    expect(cmds).toEqual([{ kind: 'open', what: { kind: 'lesson', entry: ENTRY }, lang: 'en', seed: 42 }]);
    // Resume opens the same lesson.
    expect(run(menu(), { type: 'choose', entry: { kind: 'resume', id: 'handshake' } })[1][0]).toEqual([{ kind: 'open', what: { kind: 'lesson', entry: ENTRY }, lang: 'en', seed: null }]);
    const s = inLesson();
    expect(s.screen).toMatchObject({ kind: 'player', n: 1 });
    expect(s.live).toMatchObject({ model: null, done: false, answered: 0 });
  });

  it('resumes a saved run of the same seed and length at its step', () => {
    const resume = saved({ step: 7 });
    const s = inLesson({}, { previous: resume, resume });
    expect(s.screen.kind === 'player' && s.screen.playing.startAt).toBe(7);
    const other = inLesson({}, { previous: resume, resume: saved({ step: 7, seed: 6 }) });
    expect(other.screen.kind === 'player' && other.screen.playing.startAt).toBeUndefined();
  });

  it('stays in the menu on a lesson that will not open, naming it, on its entry', () => {
    const what = { kind: 'lesson', entry: ENTRY } as const;
    const [s, [, cmds]] = run(menu(), { type: 'choose', entry: { kind: 'lesson', id: 'handshake', n: 1 } }, { type: 'opened', what, result: { ok: false, reason: 'bad yaml' } });
    expect(s.screen).toEqual({ kind: 'menu', notice: { kind: 'cannotOpen', id: 'handshake', reason: 'bad yaml' }, initial: 'lesson:handshake' });
    expect(cmds).toEqual([]);
    const [d] = run(menu(), { type: 'choose', entry: { kind: 'drill' } }, { type: 'opened', what: { kind: 'drill' }, result: { ok: false, reason: 'no round' } });
    expect(d.screen).toEqual({ kind: 'menu', notice: { kind: 'cannotOpen', id: 'drill', reason: 'no round' }, initial: 'drill' });
  });

  it('saves at once when a quiz is answered or the lesson is finished; a step that only moves is a save the runner may throttle', () => {
    const s = inLesson();
    const m0 = update(fresh(), { type: 'next' });
    const [, [stepped, first, again, end]] = run(s,
      { type: 'model', model: m0 },
      { type: 'model', model: answered(m0, 'q1') },
      { type: 'model', model: answered(update(m0, { type: 'next' }), 'q1') },
      { type: 'model', model: answered(atLastStep(), 'q1') },
    );
    expect(stepped).toEqual([]);
    expect(first).toEqual([{ kind: 'save', id: 'handshake', model: answered(m0, 'q1'), context: { seed: 5, previous: undefined, done: false } }]);
    expect(again).toEqual([{ kind: 'save', id: 'handshake', model: answered(update(m0, { type: 'next' }), 'q1'), context: { seed: 5, previous: undefined, done: false }, throttle: true }]);
    expect(end).toMatchObject([{ kind: 'save', id: 'handshake', context: { done: true } }]);
    expect(end?.[0]).not.toHaveProperty('throttle');
  });

  it('keeps "done" once reached, even after stepping back', () => {
    const s = inLesson();
    const [, [, back]] = run(s, { type: 'model', model: atLastStep() }, { type: 'model', model: answered(fresh(), 'q1') });
    expect(back).toMatchObject([{ kind: 'save', context: { done: true } }]);
  });

  it('leaving a lesson saves it, then reads the progress file again and returns to its entry', () => {
    const s = inLesson({}, { previous: saved({ best: 2 }) });
    const m = update(fresh(), { type: 'next' });
    const [left, [cmds]] = run(s, { type: 'leave', model: m });
    expect(cmds).toEqual([
      { kind: 'save', id: 'handshake', model: m, context: { seed: 5, previous: saved({ best: 2 }), done: false } },
      { kind: 'readMenu', initial: 'lesson:handshake' },
    ]);
    expect(left.live).toBeNull();
    const onDisk: Progress = { lessons: { handshake: saved() }, settings: null };
    const [back] = run(left, { type: 'menuRead', progress: onDisk, warning: 'could not save', initial: 'lesson:handshake' });
    expect(back.screen).toEqual({ kind: 'menu', notice: { kind: 'warning', text: 'could not save' }, initial: 'lesson:handshake' });
    expect(back.progress).toBe(onDisk);
  });

  it('started on a lesson (`play LESSON`), leaving it leaves the tutor with 0', () => {
    const s = inLesson({ leaveTo: 'exit' });
    const [, [cmds]] = run(s, { type: 'leave', model: fresh() });
    expect(cmds).toMatchObject([{ kind: 'save', id: 'handshake' }, { kind: 'exit', code: 0 }]);
  });

  it('never saves a drill round or a replay, and returns to their entries', () => {
    for (const kind of ['drill', 'replay'] as const) {
      const [s, [open]] = run(menu({ seed: 3 }), { type: 'choose', entry: { kind } }, { type: 'opened', what: { kind }, result: { ok: true, session: session(kind) } });
      expect(open).toEqual([{ kind: 'open', what: { kind }, lang: 'en', seed: 3 }]);
      const [, [answer, end, leave, ctrlC]] = run(s,
        { type: 'model', model: answered(fresh(), 'q1') },
        { type: 'model', model: atLastStep() },
        { type: 'leave', model: atLastStep() },
        { type: 'interrupt' },
      );
      expect([answer, end]).toEqual([[], []]);
      expect(leave).toEqual([{ kind: 'readMenu', initial: kind }]);
      expect(ctrlC).toEqual([{ kind: 'exit', code: 130 }]);
    }
  });

  it('Ctrl+C exits 130 at once, saving the lesson on screen first', () => {
    expect(run(menu(), { type: 'interrupt' })[1][0]).toEqual([{ kind: 'exit', code: EXIT_INTERRUPTED }]);
    expect(EXIT_INTERRUPTED).toBe(128 + 2); // SIGINT is signal 2
    const m = update(fresh(), { type: 'next' });
    const [, [, cmds]] = run(inLesson(), { type: 'model', model: m }, { type: 'interrupt' });
    expect(cmds).toEqual([{ kind: 'save', id: 'handshake', model: m, context: { seed: 5, previous: undefined, done: false } }, { kind: 'exit', code: 130 }]);
  });

  it('switches the language, saves it, and rereads the menu (on the Language entry when chosen there)', () => {
    const [ko, [byKey, byEntry]] = run(menu(), { type: 'toggleLang' }, { type: 'choose', entry: { kind: 'lang' } });
    expect(byKey).toEqual([{ kind: 'saveLang', lang: 'ko' }, { kind: 'readMenu', initial: undefined }]);
    expect(byEntry).toEqual([{ kind: 'saveLang', lang: 'en' }, { kind: 'readMenu', initial: 'lang' }]);
    expect(ko.lang).toBe('en');
  });

  it('quits with 0 from the menu, by key or by entry', () => {
    expect(run(menu(), { type: 'quit' }, { type: 'choose', entry: { kind: 'quit' } })[1]).toEqual([[{ kind: 'exit', code: 0 }], [{ kind: 'exit', code: 0 }]]);
  });

  it('ignores an open that finishes after the tutor moved on', () => {
    const s = menu();
    const [after, [cmds]] = run(s, { type: 'opened', what: { kind: 'drill' }, result: { ok: true, session: session('drill') } });
    expect(after).toBe(s);
    expect(cmds).toEqual([]);
  });
});

describe('play --watch: a lesson reloaded in the player', () => {
  const shorter = { ...TRACE, steps: TRACE.steps.slice(0, 10) };
  const reloaded = (over: Partial<LessonSession> = {}) => ({ type: 'reloaded', result: { ok: true, session: { ...session('handshake'), ...over } } }) as const;

  it('opens the new version at the step the learner was on, in a fresh player, keeping answers to quizzes still there', () => {
    const s = inLesson();
    const model = answered(answered(update(fresh(), { type: 'goto', step: 7 }), 'synack-ack'), 'gone-quiz');
    const [after, [, cmds]] = run(s, { type: 'model', model }, reloaded({ lesson: { checkpoints: [{ id: 'synack-ack' }] as never } }));
    expect(cmds).toEqual([]);
    expect(after.screen).toMatchObject({ kind: 'player', n: 2, playing: { startAt: 7 } });
    expect(after.screen.kind === 'player' && [...after.screen.playing.answers!.keys()]).toEqual(['synack-ack']);
    expect(after.screen.kind === 'player' && after.screen.problem).toBe(undefined);
  });

  it('clamps the step to the last one when the script got shorter', () => {
    const s = inLesson();
    const [after] = run(s, { type: 'model', model: update(fresh(), { type: 'goto', step: 40 }) }, reloaded({ trace: shorter }));
    // Ten steps: the last is step 9 (counted from 0).
    expect(after.screen).toMatchObject({ kind: 'player', playing: { startAt: 9 } });
  });

  it('keeps playing the old version when the new one does not load, and says why until a good save', () => {
    const s = inLesson();
    const [bad] = run(s, { type: 'model', model: update(fresh(), { type: 'goto', step: 5 }) }, { type: 'reloaded', result: { ok: false, reason: 'x.yaml:3:1: YAML: bad indentation' } });
    expect(bad.screen).toMatchObject({ kind: 'player', n: 1, problem: 'x.yaml:3:1: YAML: bad indentation' });
    expect(bad.live!.playing).toBe(s.live!.playing);
    const [good] = run(bad, reloaded());
    expect(good.screen).toMatchObject({ kind: 'player', n: 2, playing: { startAt: 5 } });
    expect(good.screen.kind === 'player' && good.screen.problem).toBe(undefined);
  });

  it('a reload arriving on the menu opens nothing', () => {
    expect(run(menu(), reloaded())[0].screen).toMatchObject({ kind: 'menu' });
  });

  it('reloadStep keeps any step inside the new script and the last step otherwise', async () => {
    const { reloadStep } = await import('../../source/ui/tutor-model.js');
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(fc.nat(1000), fc.integer({ min: 1, max: 1000 }), (step, steps) => {
      const at = reloadStep(step, steps);
      expect(at).toBe(step < steps ? step : steps - 1);
    }));
  });
});
