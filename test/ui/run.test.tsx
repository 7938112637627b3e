// The runner on a fake terminal: whatever ends the tutor, the terminal is given back.
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../source/lesson/catalog.js';
import { EMPTY } from '../../source/progress/data.js';
import { runTutor, type RunTutorOptions } from '../../source/ui/run.js';
import type { TutorStore } from '../../source/ui/Tutor.js';
import { FakeStdin, FakeStdout, settle } from './render.js';

const LESSONS: CatalogEntry[] = [{
  id: 'layers', file: '/x/01-layers.yaml', title: { en: 'Four layers', ko: '4계층' }, summary: { en: 's', ko: 's' },
  level: 'beginner', topics: ['layers'], minutes: { en: 5, ko: 5 }, quizzes: 1,
}];

const store = (read: () => typeof EMPTY = () => EMPTY): TutorStore => ({ read, saveLesson() {}, saveLang() {}, warnings: () => [] });

function terminal() {
  const stdout = new FakeStdout(80, 24) as FakeStdout & { isTTY: boolean };
  stdout.isTTY = true;
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(80, 24);
  return { stdin, stdout, stderr, written: () => stdout.frames.join('') };
}

function start(t: ReturnType<typeof terminal>, o: Partial<RunTutorOptions> = {}) {
  return runTutor({
    lessons: LESSONS, store: store(), lang: 'en', color: false, seed: null, freshSeed: () => 1,
    stdin: t.stdin as unknown as NodeJS.ReadStream, stdout: t.stdout as unknown as NodeJS.WriteStream, stderr: t.stderr as unknown as NodeJS.WriteStream,
    ...o,
  });
}

const ALT_ON = '\u001B[?1049h';
const ALT_OFF = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

// The runner's handlers are gone once it returns. (Ink's signal-exit keeps a SIGTERM
// listener of its own, so the crash handler is the one counted.)
const baseline = process.listenerCount('uncaughtException');
afterEach(() => {
  expect(process.listenerCount('uncaughtException')).toBe(baseline);
});

describe('runTutor', () => {
  it('q quits with 0; the alternate screen is left and the cursor shown', async () => {
    const t = terminal();
    const done = start(t);
    await settle();
    expect(t.written().startsWith(ALT_ON)).toBe(true);
    expect(t.written()).toContain('Four layers');
    t.stdin.write('q');
    expect(await done).toBe(0);
    expect(t.written().endsWith(`${ALT_OFF}${SHOW_CURSOR}`)).toBe(true);
  });

  it('Ctrl+C quits at once with 130', async () => {
    const t = terminal();
    const done = start(t);
    await settle();
    t.stdin.write('\u0003');
    expect(await done).toBe(130);
    expect(t.written().endsWith(`${ALT_OFF}${SHOW_CURSOR}`)).toBe(true);
  });

  it('SIGTERM restores the terminal and exits 143 (128 + 15)', async () => {
    const t = terminal();
    const done = start(t);
    await settle();
    process.emit('SIGTERM', 'SIGTERM');
    expect(await done).toBe(143);
    expect(t.written().endsWith(`${ALT_OFF}${SHOW_CURSOR}`)).toBe(true);
  });

  it('SIGQUIT restores the terminal and exits 131 (128 + 3), as a shell reports it', async () => {
    const t = terminal();
    const done = start(t);
    await settle();
    process.emit('SIGQUIT', 'SIGQUIT');
    expect(await done).toBe(131);
    expect(t.written().endsWith(`${ALT_OFF}${SHOW_CURSOR}`)).toBe(true);
  });

  it('a crash while drawing restores the terminal and rejects with the error, drawing no stack trace', async () => {
    const t = terminal();
    const done = start(t, { store: store(() => { throw new Error('disk on fire'); }) });
    await expect(done).rejects.toThrow('disk on fire');
    expect(t.written().endsWith(`${ALT_OFF}${SHOW_CURSOR}`)).toBe(true);
    expect(t.written()).not.toMatch(/at .*\.tsx?:\d+/);
  });
});
