import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY, lastInProgress, merge, parse, serialize, type LessonProgress, type Progress } from '../../source/progress/data.js';
import { FILE_NAME, openStore, progressDir, takeLock, writeAtomic } from '../../source/progress/store.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'tcp-tutor-progress-'));

function lesson(over: Partial<LessonProgress> = {}): LessonProgress {
  return {
    step: 12, steps: 248, answers: { 'client-synsent': { value: 'SYN_SENT', correct: true } }, score: 1, total: 10, best: 1, seed: 7,
    done: false, updated: '2025-03-01T10:00:00.000Z', ...over,
  };
}

function collect() {
  const lines: string[] = [];
  return { lines, warn: (l: string) => lines.push(l) };
}

describe('where progress lives', () => {
  it('TCP_TUTOR_HOME, then XDG_CONFIG_HOME, then the platform config folder', () => {
    const home = '/home/ada';
    expect(progressDir({ env: { TCP_TUTOR_HOME: '/class/ada', XDG_CONFIG_HOME: '/x' }, home })).toBe('/class/ada');
    expect(progressDir({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'darwin', home })).toBe('/x/tcp-tutor');
    expect(progressDir({ env: {}, platform: 'linux', home })).toBe('/home/ada/.config/tcp-tutor');
    expect(progressDir({ env: {}, platform: 'darwin', home })).toBe('/home/ada/Library/Application Support/tcp-tutor');
    expect(progressDir({ env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, platform: 'win32', home })).toMatch(/AppData.Roaming.tcp-tutor$/);
  });
});

describe('progress store', () => {
  it('saves a lesson and reads it back, as JSON a person can read', () => {
    const dir = fresh();
    const store = openStore(dir);
    expect(store.read()).toEqual(EMPTY);
    store.saveLesson('handshake', lesson());
    expect(store.read().lessons.handshake).toEqual(lesson());
    const text = readFileSync(join(dir, FILE_NAME), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'tcp-tutor-progress', version: 1 });
    expect(text).toContain('\n  "lessons"');
  });

  it('writes atomically: no temp file is left, and an existing file is replaced whole', () => {
    const dir = fresh();
    const file = join(dir, FILE_NAME);
    writeAtomic(file, 'old');
    writeAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual([FILE_NAME]);
  });

  it('a failed write leaves the old file and no temp file behind', () => {
    const dir = fresh();
    const file = join(dir, FILE_NAME);
    writeAtomic(file, 'old');
    // Renaming a file over a folder fails after the temp file was written.
    const target = join(dir, 'taken');
    mkdirSync(target);
    expect(() => writeAtomic(target, 'x')).toThrow();
    expect(readdirSync(dir).sort()).toEqual([FILE_NAME, 'taken']);
  });

  it('sets a corrupt file aside with one one-line warning, and starts afresh', () => {
    for (const bad of ['{"format": "tcp-tutor-progress", "vers', '', '[1, 2, 3]', '{"format":"tcp-tutor-progress","version":1,"lessons":[]}']) {
      const dir = fresh();
      writeFileSync(join(dir, FILE_NAME), bad);
      const w = collect();
      const store = openStore(dir, { warn: w.warn, now: () => new Date('2025-03-01T10:00:00.000Z') });
      expect(store.read()).toEqual(EMPTY);
      expect(store.read()).toEqual(EMPTY);
      store.saveLesson('handshake', lesson());
      expect(w.lines).toHaveLength(1);
      expect(w.lines[0]).not.toContain('\n');
      expect(w.lines[0]).toContain('progress.json.corrupt-2025-03-01T10-00-00-000Z');
      expect(readdirSync(dir).sort()).toEqual([FILE_NAME, `${FILE_NAME}.corrupt-2025-03-01T10-00-00-000Z`]);
      expect(readFileSync(join(dir, `${FILE_NAME}.corrupt-2025-03-01T10-00-00-000Z`), 'utf8')).toBe(bad);
      expect(store.read().lessons.handshake).toEqual(lesson());
    }
  });

  it('an unwritable folder gives one warning and the tutor runs without saving', () => {
    const dir = fresh();
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    const w = collect();
    const store = openStore(join(blocker, 'tcp-tutor'), { warn: w.warn });
    expect(store.saving()).toBe(false);
    expect(store.read()).toEqual(EMPTY);
    store.saveLesson('handshake', lesson());
    store.saveLang('ko');
    expect(store.reset(null)).toBe(false);
    expect(w.lines).toHaveLength(1);
    expect(w.lines[0]).toMatch(/cannot save progress in .*not-a-folder.*ENOTDIR.*not be saved/);
  });

  it('two tutors at once keep each other’s lessons: each re-reads and merges before writing', () => {
    const dir = fresh();
    const a = openStore(dir);
    const b = openStore(dir);
    a.read();
    b.read();
    a.saveLesson('handshake', lesson({ updated: '2025-03-01T10:00:00.000Z' }));
    b.saveLesson('arp', lesson({ seed: 9, updated: '2025-03-01T10:00:01.000Z' }));
    a.saveLesson('close', lesson({ seed: 3, updated: '2025-03-01T10:00:02.000Z' }));
    expect(Object.keys(openStore(dir).read().lessons).sort()).toEqual(['arp', 'close', 'handshake']);
  });

  it('a run saving one lesson twice in the same millisecond keeps the second (the end after the last answer)', () => {
    const dir = fresh();
    const store = openStore(dir);
    const at = '2025-03-01T10:00:00.000Z';
    store.saveLesson('handshake', lesson({ step: 187, done: false, updated: at }));
    store.saveLesson('handshake', lesson({ step: 246, done: true, updated: at }));
    expect(openStore(dir).read().lessons.handshake).toMatchObject({ step: 246, done: true, updated: '2025-03-01T10:00:00.001Z' });
  });

  it('for one lesson the newer record wins, whoever writes last', () => {
    const dir = fresh();
    const a = openStore(dir);
    const b = openStore(dir);
    b.saveLesson('handshake', lesson({ step: 40, updated: '2025-03-01T10:00:05.000Z' }));
    a.saveLesson('handshake', lesson({ step: 10, updated: '2025-03-01T10:00:01.000Z' }));
    expect(a.read().lessons.handshake?.step).toBe(40);
  });

  it('keeps the chosen language, and reset keeps it too', () => {
    const dir = fresh();
    const store = openStore(dir);
    store.saveLang('ko', new Date('2025-03-01T10:00:00.000Z'));
    store.saveLesson('handshake', lesson());
    store.saveLesson('arp', lesson());
    expect(store.reset('arp')).toBe(true);
    expect(Object.keys(store.read().lessons)).toEqual(['handshake']);
    expect(store.reset(null)).toBe(true);
    expect(store.read()).toEqual({ lessons: {}, settings: { lang: 'ko', updated: '2025-03-01T10:00:00.000Z' } });
  });

  it('imports by merging, and a bad file is refused with its reason', () => {
    const dir = fresh();
    const store = openStore(dir);
    store.saveLesson('handshake', lesson({ updated: '2025-03-02T00:00:00.000Z' }));
    const incoming: Progress = {
      lessons: { handshake: lesson({ step: 1, updated: '2025-03-01T00:00:00.000Z' }), arp: lesson({ done: true }) },
      settings: null,
    };
    expect(store.importProgress(parseOk(serialize(incoming)))).toBe(true);
    const now = store.read();
    expect(now.lessons.handshake?.step).toBe(12); // ours was newer
    expect(now.lessons.arp?.done).toBe(true);
    for (const [text, reason] of [
      ['{"lessons": {}}', 'not a tcp-tutor progress file'],
      ['not json', 'not JSON'],
      ['{"format":"tcp-tutor-progress","version":2,"lessons":{}}', 'version 2'],
    ] as const) {
      const r = parse(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.en).toContain(reason);
    }
    // A bad record is left out and named; the rest reads.
    const partly = parse('{"format":"tcp-tutor-progress","version":1,"lessons":{"../etc":{}}}');
    expect(partly.ok && partly.skipped[0]!.en).toContain('is not a lesson id');
  });

  it('one bad record loses only itself: the others stay, and the file is copied aside first', () => {
    const dir = fresh();
    const good = lesson({ step: 7 });
    const text = `{"format":"tcp-tutor-progress","version":1,"settings":null,"lessons":{"arp":${JSON.stringify(good)},"x":{"step":-1}}}`;
    writeFileSync(join(dir, FILE_NAME), text);
    const w = collect();
    const store = openStore(dir, { warn: w.warn, now: () => new Date('2025-03-01T10:00:00.000Z') });
    expect(store.read().lessons.arp).toEqual(good);
    store.saveLesson('handshake', lesson());
    expect(w.lines).toHaveLength(1);
    expect(w.lines[0]).toContain("1 record(s) in");
    expect(readFileSync(join(dir, `${FILE_NAME}.partly-unreadable-2025-03-01T10-00-00-000Z`), 'utf8')).toBe(text);
    expect(Object.keys(store.read().lessons).sort()).toEqual(['arp', 'handshake']);
  });

  it('reads a file that starts with a byte order mark', () => {
    const dir = fresh();
    writeFileSync(join(dir, FILE_NAME), `\ufeff${serialize({ lessons: { arp: lesson() }, settings: null })}`);
    expect(openStore(dir).read().lessons.arp).toEqual(lesson());
  });

  it('keeps a lesson called constructor like any other (a valid lesson id, and a name every object has)', () => {
    const dir = fresh();
    const store = openStore(dir);
    const id: string = 'constructor';
    expect(store.read().lessons[id]).toBeUndefined();
    // Imported into an empty file: the import must not mistake Object's constructor for a saved lesson.
    expect(store.importProgress(parseOk(serialize({ lessons: { [id]: lesson({ step: 3 }) }, settings: null })))).toBe(true);
    expect(store.read().lessons[id]?.step).toBe(3);
    store.saveLesson(id, lesson({ step: 4, updated: '2026-01-01T00:00:00.000Z' }));
    expect(store.read().lessons[id]?.step).toBe(4);
    expect(Object.keys(store.read().lessons)).toEqual([id]);
  });

  it('never writes over a file it could not read: it is set aside first', () => {
    const dir = fresh();
    // A folder where the file should be: reading it fails (as a file without read permission would).
    mkdirSync(join(dir, FILE_NAME));
    writeFileSync(join(dir, FILE_NAME, 'keep'), 'the learner\'s bytes');
    const w = collect();
    const store = openStore(dir, { warn: w.warn, now: () => new Date('2025-03-01T10:00:00.000Z') });
    store.saveLesson('handshake', lesson());
    expect(readFileSync(join(dir, `${FILE_NAME}.unreadable-2025-03-01T10-00-00-000Z`, 'keep'), 'utf8')).toBe('the learner\'s bytes');
    expect(store.read().lessons.handshake).toEqual(lesson());
  });

  it('waits for another writer\'s lock, and breaks a lock left behind by a crash', () => {
    const dir = fresh();
    const lockFile = join(dir, `${FILE_NAME}.lock`);
    const release = takeLock(lockFile)!;
    expect(takeLock(lockFile)).toBeNull(); // held: gives up after its wait
    release();
    writeFileSync(lockFile, '99999\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    const store = openStore(dir);
    store.saveLesson('arp', lesson());
    expect(store.read().lessons.arp).toEqual(lesson());
    expect(existsSync(lockFile)).toBe(false);
  });
});

function parseOk(text: string): Progress {
  const r = parse(text);
  if (!r.ok) throw new Error(r.reason.en);
  return r.progress;
}

describe('progress data', () => {
  it('round-trips through its text', () => {
    const p: Progress = { lessons: { handshake: lesson(), arp: lesson({ done: true, best: 9 }) }, settings: { lang: 'en', updated: '2025-03-01T10:00:00.000Z' } };
    expect(parseOk(serialize(p))).toEqual(p);
  });

  it('merges per lesson by time, keeping what is on disk on a tie', () => {
    const disk: Progress = { lessons: { a: lesson({ step: 1 }), b: lesson({ step: 2 }) }, settings: null };
    const mine: Progress = { lessons: { a: lesson({ step: 9, updated: '2025-03-01T11:00:00.000Z' }), b: lesson({ step: 8 }) }, settings: null };
    const m = merge(disk, mine);
    expect(m.lessons.a?.step).toBe(9);
    expect(m.lessons.b?.step).toBe(2);
  });

  it('offers the lesson in progress touched last for Resume, never a finished one', () => {
    const p: Progress = {
      lessons: {
        a: lesson({ updated: '2025-03-01T10:00:00.000Z' }),
        b: lesson({ updated: '2025-03-01T12:00:00.000Z' }),
        c: lesson({ done: true, updated: '2025-03-01T13:00:00.000Z' }),
      },
      settings: null,
    };
    expect(lastInProgress(p)).toBe('b');
    expect(lastInProgress(p, new Set(['a', 'c']))).toBe('a');
    expect(lastInProgress(EMPTY)).toBe(null);
  });
});

describe('progress kept per course', () => {
  it("keeps a course's copy of a lesson apart from the built-in one of the same id, in one file", async () => {
    const { courseLessonKey, courseProgress } = await import('../../source/progress/data.js');
    const dir = fresh();
    const store = openStore(dir);
    store.saveLesson('handshake', lesson({ step: 3 }));
    store.saveLesson(courseLessonKey('week-3', 'handshake'), lesson({ step: 40, seed: 9 }));
    const disk = store.read();
    expect(disk.lessons.handshake!.step).toBe(3);
    expect(Object.keys(disk.lessons).sort()).toEqual(['handshake', 'week-3/handshake']);
    const course = courseProgress(disk, 'week-3');
    expect(Object.keys(course.lessons)).toEqual(['handshake']);
    expect(course.lessons.handshake!.step).toBe(40);
    // Another course's namespace that starts with the same letters is not this course.
    expect(Object.keys(courseProgress({ lessons: { 'week-30/x': lesson() }, settings: null }, 'week-3').lessons)).toEqual([]);
  });

  it('reads files written before courses, and refuses keys that are not a lesson or a course lesson', () => {
    const old = serialize({ lessons: { handshake: lesson() }, settings: null });
    const r = parse(old);
    expect(r.ok && Object.keys(r.progress.lessons)).toEqual(['handshake']);
    const withCourse = parse(serialize({ lessons: { 'week-3/handshake': lesson(), 'a/b/c': lesson(), '/x': lesson() }, settings: null }));
    if (!withCourse.ok) throw new Error(withCourse.reason.en);
    expect(Object.keys(withCourse.progress.lessons)).toEqual(['week-3/handshake']);
    expect(withCourse.skipped.map((t) => t.en)).toEqual(["lesson id '/x' is not a lesson id", "lesson id 'a/b/c' is not a lesson id"]);
  });
});

describe('the store speaks the learner\'s language', () => {
  it('says in Korean that an unreadable file was moved aside, with a Korean reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-store-ko-'));
    writeFileSync(join(dir, FILE_NAME), '{"format": "something else"}');
    const lines: string[] = [];
    openStore(dir, { warn: (l) => lines.push(l), lang: 'ko', now: () => new Date('2025-03-01T10:00:00.000Z') }).read();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tcp-tutor: .*progress\.json 파일을 읽을 수 없어\(tcp-tutor 진행 상황 파일이 아닙니다\) .*로 옮기고 새로 시작했습니다\.$/);
  });
});
