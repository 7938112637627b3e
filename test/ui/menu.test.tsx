import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../source/i18n/text.js';
import type { CatalogEntry } from '../../source/lesson/catalog.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { openLesson } from '../../source/session/lesson.js';
import type { LessonProgress, Progress } from '../../source/progress/data.js';
import { FILE_NAME, openStore } from '../../source/progress/store.js';
import { entryLine, menuEntries, moveCursor, windowTop } from '../../source/ui/menu-model.js';
import { Tutor, type Opener } from '../../source/ui/Tutor.js';
import { sampleLesson, TRACE } from '../player/fixtures.js';
import { cleanupInk, KEY, renderInk, settle } from './render.js';

afterEach(cleanupInk);

const CTRL_C = '\u0003';

function entry(n: number, id: string, title: string, topic: string): CatalogEntry {
  return {
    id, file: `/lessons/${String(n).padStart(2, '0')}-${id}.yaml`, title: { en: title, ko: `${title} (ko)` },
    summary: { en: `All about ${title.toLowerCase()}.`, ko: `${title} 이야기.` }, level: 'beginner', topics: [topic], minutes: { en: 5, ko: 5 }, quizzes: 2,
  };
}

const LESSONS: CatalogEntry[] = [
  entry(1, 'layers', 'Four layers', 'layers'),
  entry(2, 'arp', 'ARP: who has this IP address?', 'arp'),
  entry(3, 'handshake', 'The 3-way handshake', 'handshake'),
  entry(4, 'close', 'The 4-way handshake', 'close'),
];

const LESSON = sampleLesson(TRACE);
const QUIZ = LESSON.checkpoints!.find((c) => c.id === 'synack-ack')!;

function saved(over: Partial<LessonProgress> = {}): LessonProgress {
  return {
    step: 0, steps: TRACE.steps.length, answers: {}, score: 0, total: LESSON.checkpoints!.length, best: 0, seed: 5, done: false,
    updated: '2025-03-01T10:00:00.000Z', ...over,
  };
}

/** Opens every lesson on the recorded routed trace (test/helpers/traces.ts): fast, and with known quizzes. */
const sampleOpener: Opener = async (file, pick) => ({
  ok: true,
  session: { id: file.replace(/^.*\/\d+-|\.yaml$/g, ''), title: { en: 'x', ko: 'x' }, seed: pick(undefined), trace: TRACE, lesson: LESSON, options: {} },
});

interface Setup {
  readonly progress?: Progress;
  readonly lang?: Lang;
  readonly columns?: number;
  readonly rows?: number;
  readonly seed?: number | null;
  readonly open?: Opener;
  readonly lessons?: readonly CatalogEntry[];
}

async function tutor(s: Setup = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-menu-'));
  const store = openStore(dir);
  for (const [id, l] of Object.entries(s.progress?.lessons ?? {})) store.saveLesson(id, l);
  if (s.progress?.settings) store.saveLang(s.progress.settings.lang);
  const exits: number[] = [];
  const r = await renderInk(
    <Tutor
      lessons={s.lessons ?? LESSONS}
      store={store}
      lang={s.lang ?? 'en'}
      color={false}
      seed={s.seed ?? null}
      interactive
      open={s.open ?? sampleOpener}
      freshSeed={() => 99}
      leaveTo="menu"
      onExit={(code) => exits.push(code)}
    />,
    { columns: s.columns ?? 80, rows: s.rows ?? 24 },
  );
  const onDisk = () => JSON.parse(readFileSync(join(dir, FILE_NAME), 'utf8')) as { lessons: Record<string, LessonProgress>; settings: { lang: Lang } | null };
  return { ...r, exits, store, onDisk };
}

/** Opening a lesson awaits the opener: give it a few turns. */
async function opened(r: { text: () => string }, tries = 20) {
  for (let i = 0; i < tries && !/step \d|Cannot open/.test(r.text()); i++) await settle();
}

/** Drill and Replay load the simulator on demand: give them real time. */
async function openedSlowly(r: { text: () => string }) {
  await until(r, /step \d|Cannot open/);
}

async function until(r: { text: () => string }, re: RegExp) {
  for (let i = 0; i < 100 && !re.test(r.text()); i++) await new Promise((res) => setTimeout(res, 50));
}

const line = (r: { lines: () => string[] }, words: string) => r.lines().find((l) => l.includes(words)) ?? '';

describe('lesson menu', () => {
  it('lists the lessons in order with their topic, and marks done (best score) and in progress (step reached)', async () => {
    const r = await tutor({
      progress: { lessons: { arp: saved({ done: true, best: 2, score: 1 }), handshake: saved({ step: 11 }) }, settings: null },
    });
    expect(line(r, 'Four layers')).toMatch(/1\. Four layers\s+layers\s*$/);
    expect(line(r, 'ARP: who')).toMatch(new RegExp(`2\\. ARP: who has this IP address\\?\\s+arp\\s+✓ best 2/${LESSON.checkpoints!.length}`));
    expect(line(r, '3. The 3-way')).toMatch(/handshake\s+… step 12\/\d+/);
    expect(r.text()).toContain('4 lessons · 1 done · 1 in progress');
    for (const w of ['Drill', 'new each time', 'Replay a real capture', 'real capture', 'Language: English', 'Quit', 'q quit']) expect(r.text()).toContain(w);
  });

  it('puts a Resume entry for the lesson in progress touched last at the top, under the pointer', async () => {
    const none = await tutor();
    expect(none.text()).not.toContain('Resume');
    expect(none.lines()[2]).toMatch(/^❯\s+1\. Four layers/);
    const r = await tutor({
      progress: {
        lessons: {
          arp: saved({ step: 3, updated: '2025-03-01T09:00:00.000Z' }),
          handshake: saved({ step: 11, updated: '2025-03-01T11:00:00.000Z' }),
          close: saved({ done: true, updated: '2025-03-01T12:00:00.000Z' }),
        },
        settings: null,
      },
    });
    expect(r.lines()[2]).toMatch(/^❯ ↻ Resume: The 3-way handshake\s+… step 12\//);
    expect(r.text()).toContain('All about the 3-way handshake.');
    // The id `tcp-tutor play` takes, under the entry it opens.
    expect(r.text()).toContain('play handshake · beginner · about 5 min · 2 quizzes');
  });

  it('moves the pointer once per key even when keys arrive together, and wraps', async () => {
    const r = await tutor();
    await r.press(KEY.down.repeat(3));
    expect(line(r, '❯')).toContain('4. The 4-way handshake');
    expect(r.text()).toContain('All about the 4-way handshake.');
    await r.press(KEY.up.repeat(4));
    expect(line(r, '❯')).toContain('Quit');
  });

  it('switches the language with l or its entry, and remembers it', async () => {
    const r = await tutor();
    await r.press('l');
    expect(r.text()).toContain('Four layers (ko)');
    expect(r.text()).toContain('언어: 한국어');
    expect(r.text()).toContain('q 끝내기');
    expect(r.onDisk().settings?.lang).toBe('ko');
    const langEntry = menuEntries(LESSONS, { lessons: {}, settings: null }).findIndex((e) => e.kind === 'lang');
    await r.press(...Array<string>(langEntry).fill(KEY.down), KEY.enter);
    expect(r.text()).toContain('Language: English');
    expect(line(r, '❯')).toContain('Language');
    expect(r.onDisk().settings?.lang).toBe('en');
  });

  it('plays a drill round and a real capture in the player, and comes back to the same entry', async () => {
    const r = await tutor({ seed: 7 });
    const drill = menuEntries(LESSONS, { lessons: {}, settings: null }).findIndex((e) => e.kind === 'drill');
    await r.press(...Array<string>(drill).fill(KEY.down), KEY.enter);
    await openedSlowly(r);
    expect(r.text()).toMatch(/step 1\/\d+/);
    await r.press(KEY.right);
    await until(r, /step 2\//);
    await r.press('q');
    await until(r, /❯\s+Drill/);
    expect(line(r, '❯')).toContain('Drill');
    // The menu is drawn before its keys are listened to (an effect): on a loaded machine a
    // key sent at once went to nobody, and Enter opened the drill again.
    await settle();
    await r.press(KEY.down, KEY.enter);
    await openedSlowly(r);
    expect(r.text()).toMatch(/step 1\/\d+/);
    await r.press(KEY.right);
    await until(r, /step 2\//);
    await r.press('q');
    await until(r, /❯\s+Replay a real capture/);
    expect(line(r, '❯')).toContain('Replay a real capture');
    expect(r.exits).toEqual([]);
    // Neither is a lesson to resume: nothing was saved at all.
    const saved = (() => { try { return Object.keys(r.onDisk().lessons); } catch { return []; } })();
    expect(saved).toEqual([]);
  });

  it('opens the lesson under the pointer in the player; q returns to the menu on that lesson, marked in progress', async () => {
    const r = await tutor({ seed: 5 });
    await r.press(KEY.down, KEY.down, KEY.enter);
    await opened(r);
    expect(r.text()).toContain('Application · data');
    expect(r.text()).toMatch(/step 1\/\d+/);
    await r.press(KEY.right, ' ');
    expect(r.text()).toMatch(/step 3\/\d+/);
    await r.press('q');
    await settle(); // the player reports its exit in an effect
    expect(r.text()).toContain('Resume: The 3-way handshake');
    expect(line(r, '❯')).toMatch(/3\. The 3-way handshake.*… step 3\//);
    expect(r.onDisk().lessons.handshake).toMatchObject({ step: 2, seed: 5, done: false });
    expect(r.exits).toEqual([]);
  });

  it('resumes where the learner left off, saves each answer at once, and Esc leaves the lesson', async () => {
    const r = await tutor({ progress: { lessons: { handshake: saved({ step: QUIZ.atStep }) }, settings: null } });
    await r.press(KEY.enter); // Resume
    await opened(r);
    expect(r.text()).toContain('What acknowledgment number will it carry?');
    await r.press('1', KEY.enter);
    expect(r.text()).toContain('✓ Right');
    expect(r.onDisk().lessons.handshake).toMatchObject({ answers: { 'synack-ack': { value: '1', correct: true } }, score: 1, best: 1, seed: 5 });
    await r.press(KEY.escape);
    await settle();
    expect(r.text()).toContain('Resume: The 3-way handshake');
  });

  it('with --seed, a run saved under another seed starts afresh', async () => {
    const r = await tutor({ seed: 6, progress: { lessons: { handshake: saved({ step: QUIZ.atStep }) }, settings: null } });
    await r.press(KEY.enter);
    await opened(r);
    expect(r.text()).toMatch(/step 1\//);
  });

  it('quits with q from the menu (0) and with Ctrl+C from anywhere (130), saving the lesson on screen', async () => {
    const q = await tutor();
    await q.press('q');
    expect(q.exits).toEqual([0]);
    const menu = await tutor();
    await menu.press(CTRL_C);
    expect(menu.exits).toEqual([130]);
    const lesson = await tutor({ seed: 5 });
    await lesson.press(KEY.enter);
    await opened(lesson);
    await lesson.press(KEY.right, KEY.right, CTRL_C);
    expect(lesson.exits).toEqual([130]);
    expect(lesson.onDisk().lessons.layers).toMatchObject({ step: 2 });
  });

  it('says a lesson that will not open on one line, and stays in the menu', async () => {
    const r = await tutor({ open: async () => ({ ok: false, reason: 'lessons/03.yaml:4:1: bad' }) });
    await r.press(KEY.enter);
    await opened(r);
    expect(r.text()).toContain('Cannot open layers: lessons/03.yaml:4:1: bad');
    expect(line(r, '❯')).toContain('1. Four layers');
  });

  it('asks for a bigger terminal below 80×24 and lays out again when it grows', async () => {
    const r = await tutor({ columns: 70, rows: 20 });
    expect(r.text()).toContain('Please enlarge the terminal to at least 80×24 (it is 70×20 now)');
    await r.press(KEY.enter);
    expect(r.text()).toContain('Please enlarge');
    await r.resize(120, 40);
    expect(r.text()).toContain('1. Four layers');
    await r.resize(80, 24);
    for (const l of r.lines()) expect(l.length).toBeLessThanOrEqual(80);
    await r.press('q');
    expect(r.exits).toEqual([0]);
  });

  it('fits every line in 80 columns in Korean too, and scrolls a long list with a count of what is hidden', async () => {
    const many = Array.from({ length: 30 }, (_, i) => entry(i + 1, `l${i + 1}`, `레슨 번호 ${i + 1}: 아주 긴 제목이 여기에 들어갑니다 정말 길어요`, 'layers'));
    const r = await tutor({ lang: 'ko', lessons: many });
    expect(r.lines().length).toBeLessThanOrEqual(23);
    expect(r.text()).toMatch(/↓ \d+개 더/);
    await r.press(KEY.down.repeat(20));
    expect(line(r, '❯')).toContain('21.');
    expect(r.text()).toMatch(/↑ \d+개 더/);
  });

  it('plays a real lesson from the catalog', async () => {
    const file = builtinLessonFiles().find((f) => f.endsWith('-handshake.yaml'))!;
    const real: Opener = async (name, pick, lang) => openLesson(name, lang, pick);
    const r = await tutor({ lessons: [{ ...LESSONS[2]!, file }], open: real, seed: 7 });
    await r.press(KEY.enter);
    await opened(r);
    expect(r.text()).toContain('initial sequence number');
    expect(r.text()).toMatch(/step 1\/\d+ · score 0\/0/);
  });

  it('resumes a real lesson at its quiz, whose eleven choices scroll inside 80×24 instead of spilling over', async () => {
    const file = builtinLessonFiles().find((f) => f.endsWith('-handshake.yaml'))!;
    const real: Opener = async (name, pick, lang) => openLesson(name, lang, pick);
    const probe = openLesson(file, 'en', () => 7);
    if (!probe.ok) throw new Error(probe.reason);
    const quiz = probe.session.lesson.checkpoints!.find((c) => c.id === 'client-synsent')!;
    const r = await tutor({
      lessons: [{ ...LESSONS[2]!, file }], open: real,
      progress: { lessons: { handshake: saved({ step: quiz.atStep, steps: probe.session.trace.steps.length, seed: 7 }) }, settings: null },
    });
    await r.press(KEY.enter);
    await opened(r);
    const lines = r.lines();
    expect(lines.length).toBeLessThanOrEqual(23);
    // Two quizzes ask about this moment; the lesson asks the server's first.
    expect(lines.find((l) => l.startsWith('? '))).toMatch(/^\? The server's application has called listen\(\)/);
    expect(r.text()).toMatch(/❯ 1\. CLOSED\n\s+2\. LISTEN\n\s+3\. SYN_SENT/);
    expect(lines.at(-1)).toMatch(/^ step \d+\/\d+ · score 0\/0/);
    // A digit picks, Enter answers.
    await r.press('2', KEY.enter);
    expect(r.text()).toContain('✓ Right: “LISTEN”.');
    await r.press(KEY.right);
    expect(r.lines().find((l) => l.startsWith('? '))).toMatch(/^\? The client's application calls connect\(\), and its TCP sends a SYN\./);
    await r.press('3', KEY.enter);
    expect(r.text()).toContain('✓ Right: “SYN_SENT”.');
  });
});

describe('menu model', () => {
  it('keeps the pointer in the window, moving it as little as possible', () => {
    expect(windowTop(0, 5, 4, 10)).toBe(2);
    expect(windowTop(2, 3, 4, 10)).toBe(2);
    expect(windowTop(5, 1, 4, 10)).toBe(1);
    let c = { index: 0, top: 0 };
    for (let i = 0; i < 7; i++) c = moveCursor(c, 'down', 10, 4);
    expect(c).toEqual({ index: 7, top: 4 });
    expect(moveCursor(c, 'end', 10, 4)).toEqual({ index: 9, top: 6 });
    expect(moveCursor({ index: 9, top: 6 }, 'down', 10, 4)).toEqual({ index: 0, top: 0 });
    expect(moveCursor({ index: 0, top: 0 }, 'pageDown', 10, 4)).toEqual({ index: 3, top: 0 });
  });

  it('draws an entry in exactly its width', () => {
    const ctx = { lessons: new Map(LESSONS.map((l) => [l.id, l])), progress: { lessons: { arp: saved({ done: true }) }, settings: null }, lang: 'ko' as const };
    for (const width of [60, 77, 117]) {
      for (const e of menuEntries(LESSONS, ctx.progress)) {
        const w = entryLine(e, ctx, width, false).reduce((n, s) => n + [...s.text].reduce((m, ch) => m + (/[\u3131-\uD79D]/.test(ch) ? 2 : 1), 0), 0);
        expect(w).toBeLessThanOrEqual(width);
      }
    }
  });
});
