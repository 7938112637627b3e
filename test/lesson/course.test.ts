// Course folders: which lessons, in which order, with which seeds, and every way a folder
// can be wrong, each pointed at by file:line:col (positions counted by hand in the texts below).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { courseIdOf, courseOfFile, loadCourse } from '../../source/lesson/course.js';
import { formatProblem } from '../../source/lesson/problems.js';

const BASE = readFileSync('test/lesson/fixtures/valid.yaml', 'utf8');
const lessonWithId = (id: string) => BASE.replace('id: tiny-handshake', `id: ${id}`);

function folder(files: Record<string, string>, name = 'week-3'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-course-')), name);
  mkdirSync(dir);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const ids = (dir: string) => {
  const r = loadCourse(dir);
  if (!r.ok) throw new Error(r.error ?? r.problems.map(formatProblem).join('\n'));
  return r.course.lessons.map((l) => `${l.loaded.lesson.id}:${l.seed}`);
};

describe('a course folder', () => {
  it('without course.yaml: every lesson in file-name order, no seed, the folder name as its id', () => {
    const dir = folder({ 'b-close.yaml': lessonWithId('second'), 'a-open.yaml': lessonWithId('first'), 'notes.txt': 'not a lesson' });
    expect(ids(dir)).toEqual(['first:null', 'second:null']);
    const r = loadCourse(dir);
    expect(r.ok && r.course.id).toBe('week-3');
    expect(r.ok && r.course.title).toBe(null);
  });

  it('with course.yaml: its title, its order (by file name, with or without .yaml, or by id) and its seeds', () => {
    const dir = folder({
      'a.yaml': lessonWithId('alpha'), 'b.yaml': lessonWithId('beta'), 'c.yaml': lessonWithId('gamma'),
      'course.yaml': 'id: net101-w3\ntitle: { en: Week 3, ko: 3주차 }\nseed: 7\nlessons:\n  - gamma\n  - { lesson: a, seed: 9 }\n  - b.yaml\n',
    });
    expect(ids(dir)).toEqual(['gamma:7', 'alpha:9', 'beta:7']);
    const r = loadCourse(dir);
    expect(r.ok && r.course.id).toBe('net101-w3');
    expect(r.ok && r.course.title).toEqual({ en: 'Week 3', ko: '3주차' });
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('an empty course.yaml is a course in file-name order', () => {
    expect(ids(folder({ 'course.yaml': '', 'z.yaml': lessonWithId('zed'), 'y.yaml': lessonWithId('why') }))).toEqual(['why:null', 'zed:null']);
  });

  it('names a listed lesson that is not there at its line and column, with the closest name', () => {
    const dir = folder({ 'first.yaml': lessonWithId('first'), 'course.yaml': 'lessons:\n  - first\n  - frist.yaml\n' });
    const r = loadCourse(dir);
    expect(r.ok).toBe(true);
    expect(r.problems.map(formatProblem)).toEqual([
      `${join(dir, 'course.yaml')}:3:5: no lesson 'frist.yaml' in this folder (did you mean 'first.yaml'?); lessons here: first.yaml`,
    ]);
    const ko = loadCourse(dir, 'ko');
    expect(ko.problems[0]!.message).toBe("이 폴더에 'frist.yaml' 레슨이 없습니다 ('first.yaml'을 찾으시나요?). 있는 레슨: first.yaml");
  });

  it('points at a lesson listed twice, and warns about one left out', () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha'), 'b.yaml': lessonWithId('beta'), 'course.yaml': 'lessons: [a, alpha]\n' });
    const r = loadCourse(dir);
    if (!r.ok) throw new Error('should load');
    expect(r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual(["1:14: 'alpha' is listed twice"]);
    expect(r.warnings.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual([
      "1:10: warning: b.yaml is in the folder but not in course.yaml's lessons, so learners will not see it",
    ]);
    const ko = loadCourse(dir, 'ko');
    expect(ko.ok && ko.warnings[0]!.message).toBe('경고: b.yaml은 폴더에 있지만 course.yaml의 lessons에 없어 학습자에게 보이지 않습니다');
  });

  it('points at the second of two lessons with one id, and keeps the first', () => {
    const dir = folder({ 'a.yaml': lessonWithId('hs1'), 'b.yaml': lessonWithId('hs1') });
    const r = loadCourse(dir);
    if (!r.ok) throw new Error('should load');
    // `id: hs1` is on line 2 of the fixture (the schema line is line 1); the value starts at column 5.
    expect(r.problems.map(formatProblem)).toEqual([`${join(dir, 'b.yaml')}:2:5: the id 'hs1' is also the id of a.yaml: ids in a course must differ`]);
    expect(r.course.lessons.map((l) => basename(l.loaded.file))).toEqual(['a.yaml']);
    expect(loadCourse(dir, 'ko').problems[0]!.message).toBe("id 'hs1'은 a.yaml의 id이기도 합니다. 한 코스 안의 id는 서로 달라야 합니다");
  });

  it('checks course.yaml against its schema, field by field, at the field', () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha'), 'course.yaml': 'title: { en: Week 3 }\nsed: 7\n' });
    const r = loadCourse(dir);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual([
      '1:8: missing the Korean text (ko)',
      "2:1: unknown field 'sed' (did you mean 'seed'?)",
    ]);
  });

  it('refuses a missing folder, a file, and a folder without lessons, in one plain sentence', () => {
    const r1 = loadCourse('/no/such/folder');
    expect(r1).toEqual({ ok: false, error: "no folder '/no/such/folder'", problems: [] });
    const empty = folder({ 'course.yaml': 'seed: 1\n', 'README.txt': 'hi' });
    const r2 = loadCourse(empty);
    expect(!r2.ok && r2.error).toBe(`no lessons in '${empty}': a course folder holds lesson files (*.yaml) and, optionally, course.yaml`);
    expect(!loadCourse('test/lesson/fixtures/valid.yaml', 'ko').ok && (loadCourse('test/lesson/fixtures/valid.yaml', 'ko') as { error: string }).error)
      .toBe("'test/lesson/fixtures/valid.yaml'은 폴더가 아닙니다");
  });

  it('finds the course a lesson file is in, only when course.yaml lists it', () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha'), 'b.yaml': lessonWithId('beta'), 'course.yaml': 'seed: 11\nlessons: [b]\n' });
    expect(courseOfFile(join(dir, 'b.yaml'))?.lesson.seed).toBe(11);
    expect(courseOfFile(join(dir, 'a.yaml'))).toBe(null);
    expect(courseOfFile('test/lesson/fixtures/valid.yaml')).toBe(null);
  });
});

describe('a course id from its folder name', () => {
  it('is a progress key: lowercase, no spaces or slashes', () => {
    expect(courseIdOf('/x/Week 3 (TCP)')).toBe('week-3-tcp');
    expect(courseIdOf('/x/net101/')).toBe('net101');
    expect(courseIdOf('/x/과제')).toBe('course');
    fc.assert(fc.property(fc.string(), (name) => {
      expect(courseIdOf(`/x/${name.replace(/[/\\]/g, '')}y`)).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
    }));
  });
});

describe('course.yaml that is not a mapping', () => {
  it('says so in one line at 1:1, in the learner\'s language', () => {
    const dir = folder({ 'a.yaml': lessonWithId('alpha'), 'course.yaml': '- a\n- b\n' });
    const r = loadCourse(dir);
    expect(r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual(['1:1: course.yaml is a mapping of fields (title, seed, lessons), not a list']);
    expect(loadCourse(dir, 'ko').problems[0]!.message).toBe('course.yaml은 필드(title, seed, lessons)의 매핑이어야 합니다. 목록 형태는 쓸 수 없습니다');
  });
});
