// The instructor's commands: course folders (`tcp-tutor DIR`, `list DIR`, `validate DIR`,
// `play` with a course's seed), `new`, and `validate --watch` as a real child process.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';

const BASE = readFileSync('test/lesson/fixtures/valid.yaml', 'utf8');
const lessonWithId = (id: string) => BASE.replace('id: tiny-handshake', `id: ${id}`);
const tmp = () => mkdtempSync(join(tmpdir(), 'tcp-tutor-course-cli-'));

function folder(files: Record<string, string>): string {
  const dir = join(tmp(), 'week-3');
  mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

async function run(argv: string[], env: NodeJS.ProcessEnv = {}, input = '') {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) },
    env: { LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: tmp(), ...env }, stdin: Readable.from([input]),
  });
  return { code, out, err };
}

describe('course folders on the command line', () => {
  it('list DIR: the course title and its lessons in its order', async () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha'), 'b.yaml': lessonWithId('beta'), 'course.yaml': 'title: { en: Week 3, ko: 3주차 }\nlessons: [b, a]\n' });
    const r = await run(['list', dir]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 4)).toEqual(['Week 3', '', ' 1. beta   A tiny handshake  (beginner, about 6 min, 1 quizzes)', ' 2. alpha  A tiny handshake  (beginner, about 6 min, 1 quizzes)']);
    const json = await run(['list', dir, '--json']);
    expect(json.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['beta', 'alpha']);
    expect((await run(['list', dir, '--lang', 'ko'])).out.split('\n')[0]).toBe('3주차');
  });

  it('`tcp-tutor DIR` without a terminal lists the course and says how to play a lesson of it', async () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha') });
    const r = await run([dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(' 1. alpha');
    expect(r.out.trim().split('\n').at(-1)).toBe(`A course's menu needs a terminal. Without one, play a lesson in it as text: 'tcp-tutor play ${dir}/FILE.yaml --plain'.`);
    // A word that is neither a command nor a folder is still a mistyped command.
    const typo = await run(['lsit']);
    expect(typo.code).toBe(2);
    expect(typo.err.split('\n')[0]).toBe("tcp-tutor: unknown command 'lsit' (did you mean 'list'?)");
  });

  it('play DIR without a terminal: one line, exit 2; a missing folder or one without lessons: one line, exit 1', async () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha') });
    const r = await run(['play', `${dir}/`, '--plain']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`tcp-tutor play: ${dir} is a course folder, whose menu needs a terminal. Without one, play a lesson in it: 'tcp-tutor play ${dir}/FILE.yaml --plain' ('tcp-tutor list ${dir}' lists them).\n`);
    const ko = await run(['play', dir, '--plain', '--lang', 'ko']);
    expect(ko.err).toMatch(/^tcp-tutor play: .*week-3은 코스 폴더이고/);
    const empty = folder({ 'notes.txt': '' });
    const none = await run(['list', empty]);
    expect(none).toMatchObject({ code: 1, out: '' });
    expect(none.err).toBe(`tcp-tutor: no lessons in '${empty}': a course folder holds lesson files (*.yaml) and, optionally, course.yaml\n`);
  });

  it('play FILE in a course folder takes the seed course.yaml gives it; --seed still wins', async () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha'), 'course.yaml': 'seed: 7\nlessons: [{ lesson: a, seed: 4242 }]\n' });
    const r = await run(['play', join(dir, 'a.yaml'), '--plain'], {}, '1\n');
    expect(r.out.split('\n')[1]).toBe('seed 4242: run with --seed 4242 to get these numbers again');
    const given = await run(['play', join(dir, 'a.yaml'), '--plain', '--seed', '5'], {}, '1\n');
    expect(given.out.split('\n')[1]).toBe('seed 5: run with --seed 5 to get these numbers again');
  });

  it('validate DIR: every lesson and course.yaml, one line per problem, exit 1 if any', async () => {
    const good = folder({ 'a.yaml': lessonWithId('alpha'), 'course.yaml': 'seed: 3\n' });
    expect(await run(['validate', good])).toEqual({ code: 0, out: '', err: '2 files valid (lessons and course.yaml)\n' });
    expect((await run(['validate', folder({ 'a.yaml': lessonWithId('alpha') })])).err).toBe('1 lesson valid\n');
    const bad = folder({
      'a.yaml': lessonWithId('alpha'), 'b.yaml': lessonWithId('alpha'), 'c.yaml': lessonWithId('gamma').replace('flags: SA', 'flags: R'),
      'course.yaml': 'lessons: [a, b, c, d]\n',
    });
    const r = await run(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n').sort()).toEqual([
      `${bad}/b.yaml:2:5: the id 'alpha' is also the id of a.yaml: ids in a course must differ`,
      `${bad}/c.yaml:18:7: no frame matching { from: server, flags: R } is sent after this point in the script`,
      `${bad}/course.yaml:1:20: no lesson 'd' in this folder; lessons here: a.yaml, b.yaml, c.yaml`,
    ]);
    expect(r.err).toBe('3 of 4 files invalid (lessons and course.yaml)\n');
    const missing = await run(['validate', '/no/such/course/']);
    expect(missing).toMatchObject({ code: 1, err: "tcp-tutor validate: no folder '/no/such/course/'\n1 of 1 lesson invalid\n" });
  });
});

describe('tcp-tutor new', () => {
  it('writes a commented lesson that validates, with a schema line an editor can follow', async () => {
    const dir = tmp();
    const file = join(dir, 'My Lesson.yaml');
    const r = await run(['new', file]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)![1]!;
    // yaml-language-server reads a relative path from the lesson's folder.
    expect(JSON.parse(readFileSync(resolve(dirname(file), schema), 'utf8')).title).toBe('tcp-tutor lesson');
    expect(text).toContain('\nid: my-lesson\n');
    expect(text).toContain('# A quiz stops the learner');
    expect(await run(['validate', file])).toEqual({ code: 0, out: '', err: '1 lesson valid\n' });
    // A copy of the schema beside the lesson is used instead.
    writeFileSync(join(dir, 'lesson.schema.json'), '{}');
    await run(['new', join(dir, 'second.yaml')]);
    expect(readFileSync(join(dir, 'second.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./lesson.schema.json');
  });

  it('comments in Korean with --lang ko, and the lesson still validates', async () => {
    const file = join(tmp(), 'ko.yaml');
    expect((await run(['new', file, '--lang', 'ko'])).err).toBe(`${file}을 만들었습니다. 고치면서 검사하려면: tcp-tutor validate --watch ${file}\n`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# 퀴즈는 해당 프레임이 만들어지기 직전에 멈춰');
    expect(text).not.toContain('# A quiz');
    expect((await run(['validate', file])).code).toBe(0);
  });

  it('--from copies a built-in lesson under the new file name as its id, and it validates', async () => {
    const file = join(tmp(), 'my-close.yaml');
    expect((await run(['new', file, '--from', 'close'])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const original = readFileSync('lessons/13-close.yaml', 'utf8');
    expect(text.split('\n').filter((l) => /^id:/.test(l))).toEqual(['id: my-close']);
    expect(text.split('\n').slice(2)).toEqual(original.split('\n').slice(2));
    expect((await run(['validate', file])).code).toBe(0);
    const none = await run(['new', join(tmp(), 'x.yaml'), '--from', 'handshak']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^tcp-tutor new: no built-in lesson 'handshak'\. Built-in lessons: layers, .*handshake/);
  });

  it('refuses to overwrite a file unless --force, and refuses a name that is not .yaml', async () => {
    const file = join(tmp(), 'mine.yaml');
    writeFileSync(file, 'my own work\n');
    const r = await run(['new', file]);
    expect(r).toEqual({ code: 1, out: '', err: `tcp-tutor new: ${file} already exists; nothing was written (--force replaces it)\n` });
    expect(readFileSync(file, 'utf8')).toBe('my own work\n');
    expect((await run(['new', file, '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# yaml-language-server/);
    expect((await run(['new', join(tmp(), 'notes.txt')])).code).toBe(2);
    const noFolder = await run(['new', '/no/such/dir/x.yaml']);
    expect(noFolder).toEqual({ code: 1, out: '', err: 'tcp-tutor new: cannot write /no/such/dir/x.yaml: no such folder\n' });
  });
});

/** Output of a child process, and a way to wait until it says something. */
function child(args: string[], cwd: string) {
  const p = spawn(process.execPath, [resolve('dist/cli.js'), ...args], { cwd, env: { ...process.env, LANG: 'en_US.UTF-8', TCP_TUTOR_HOME: cwd } });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  const until = async (test: () => boolean, ms = 15000) => {
    const end = Date.now() + ms;
    while (!test()) {
      if (Date.now() > end) throw new Error(`timed out; stdout:\n${out}\nstderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const exit = new Promise<number | null>((r) => p.on('exit', (code, signal) => r(code ?? (signal ? -1 : null))));
  return { p, out: () => out, err: () => err, until, exit };
}

describe('validate --watch (the built executable)', () => {
  it('checks again after a save (also a save by rename, as editors do), says what changed, and ends with 130 on Ctrl+C', async () => {
    const dir = tmp();
    const file = join(dir, 'lesson.yaml');
    writeFileSync(file, BASE);
    const c = child(['validate', '--watch', 'lesson.yaml'], dir);
    await c.until(() => c.err().includes('Ctrl+C stops'));
    expect(c.out()).toBe('1 lesson valid\n');
    // Break it: a host that does not exist.
    writeFileSync(file, BASE.replace('listen: { host: server', 'listen: { host: sever'));
    await c.until(() => c.out().includes('1 of 1 lesson invalid'));
    expect(c.out().split('\n').slice(1, 4)).toEqual([
      '— after the save: 0 fixed, 1 new',
      "  new:   lesson.yaml:16:21: 'sever' is not a host in this lesson (did you mean 'server'?); hosts: client, server, dns",
      '1 of 1 lesson invalid',
    ]);
    // Fix it the way editors save: a new file renamed over the old one.
    writeFileSync(join(dir, '.lesson.yaml.swp'), BASE);
    renameSync(join(dir, '.lesson.yaml.swp'), file);
    await c.until(() => c.out().includes('1 fixed'));
    await c.until(() => c.out().trim().endsWith('1 lesson valid'));
    expect(c.out()).toContain("  fixed: lesson.yaml:16:21: 'sever' is not a host");
    c.p.kill('SIGINT');
    expect(await c.exit).toBe(130);
  }, 40_000);

  it('watches a course folder: a lesson added later is checked', async () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha') });
    const c = child(['validate', '--watch', '.'], dir);
    await c.until(() => c.err().includes('Ctrl+C stops'));
    writeFileSync(join(dir, 'b.yaml'), lessonWithId('alpha'));
    await c.until(() => c.out().includes('1 of 2 lessons invalid'));
    expect(c.out()).toContain("  new:   b.yaml:2:5: the id 'alpha' is also the id of a.yaml");
    c.p.kill('SIGINT');
    expect(await c.exit).toBe(130);
    expect(existsSync(join(dir, 'b.yaml'))).toBe(true);
  }, 40_000);
});

describe('help for the instructor commands', () => {
  it('lists new, course folders and --watch in the main help and each command help, in both languages', async () => {
    const top = await run(['--help']);
    expect(top.out).toContain('new LESSON.yaml');
    expect(top.out).toContain('play LESSON|DIR');
    expect(top.out).toContain("given a folder (tcp-tutor DIR), that course's menu");
    const topKo = await run(['--help', '--lang', 'ko']);
    expect(topKo.out).toContain('폴더를 주면(tcp-tutor DIR) 그 코스의 메뉴가 열립니다');
    expect(topKo.out).toContain('검사를 통과하는, 주석 달린 시작용 레슨 쓰기');
    const help = await run(['new', '--help']);
    expect(help.out).toContain('Usage: tcp-tutor new LESSON.yaml [options]');
    expect(help.out).toMatch(/--from ID\s+start from a copy of this built-in lesson/);
    expect(help.out).toMatch(/--force\s+replace the file if it exists/);
    expect((await run(['new', '--help', '--lang', 'ko'])).out).toMatch(/--force\s+파일이 이미 있으면 덮어쓰기/);
    expect((await run(['validate', '--help'])).out).toMatch(/--watch\s+check again on every save/);
    expect((await run(['validate', '--help', '--lang', 'ko'])).out).toMatch(/--watch\s+저장할 때마다 다시 검사/);
    expect((await run(['play', '--help'])).out).toMatch(/--watch\s+reload the lesson file when it is saved/);
    expect((await run(['list', '--help'])).out).toContain('Usage: tcp-tutor list [DIR] [options]');
  });

  it('play --watch without a terminal says it needs one, in one line, exit 2', async () => {
    const r = await run(['play', 'test/lesson/fixtures/valid.yaml', '--watch', '--plain']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^tcp-tutor play: --watch reloads the lesson in the full-screen player, which needs a terminal/);
  });
});

describe("a course's menu entries", () => {
  it('carry the seed course.yaml gives, and name the lesson by its file (play ID would open the built-in one)', async () => {
    const { courseEntries } = await import('../../source/cli/commands/tutor.js');
    const { loadCourse } = await import('../../source/lesson/course.js');
    const { entryDetails } = await import('../../source/ui/menu-model.js');
    const dir = folder({ 'a.yaml': lessonWithId('handshake'), 'b.yaml': lessonWithId('beta'), 'course.yaml': 'lessons: [{ lesson: a, seed: 9 }, b]\n' });
    const r = loadCourse(dir);
    if (!r.ok) throw new Error('should load');
    const entries = await courseEntries(r.course);
    expect(entries.map((e) => [e.id, e.seed])).toEqual([['handshake', 9], ['beta', undefined]]);
    const ctx = { lessons: new Map(entries.map((e) => [e.id, e])), progress: { lessons: {}, settings: null }, lang: 'en' as const };
    const details = entryDetails({ kind: 'lesson', id: 'handshake', n: 1 }, ctx, 200, 3).map((l) => l.map((s) => s.text).join(''));
    // The minutes are read off the lesson (session/reading-time.ts), as `list` shows them.
    expect(details.at(-1)).toBe(`play ${join(dir, 'a.yaml')} · beginner · about 6 min · 1 quizzes`);
  });
});

describe('what a save changed (validate --watch)', () => {
  it('the problems before, less the fixed ones, plus the new ones, are the problems after', async () => {
    const { difference } = await import('../../source/cli/commands/validate.js');
    const fc = (await import('fast-check')).default;
    const lines = fc.uniqueArray(fc.constantFrom<string>('a:1:1: x', 'a:2:1: y', 'b:1:1: x', 'b:9:3: z', 'c:1:1: w'), { maxLength: 5 });
    fc.assert(fc.property(lines, lines, (before, after) => {
      const { fixed, added } = difference(before, after);
      const result = new Set([...before.filter((l) => !fixed.includes(l)), ...added]);
      expect(result).toEqual(new Set(after));
      expect(fixed.every((l) => !after.includes(l))).toBe(true);
      expect(added.every((l) => !before.includes(l))).toBe(true);
    }));
    // By hand: one problem moved a line down is one fixed and one new.
    expect(difference(['f:3:1: bad', 'f:9:1: worse'], ['f:4:1: bad', 'f:9:1: worse'])).toEqual({ fixed: ['f:3:1: bad'], added: ['f:4:1: bad'] });
  });
});
