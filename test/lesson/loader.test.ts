import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadLessonFile, loadLessonText, MAX_LESSON_BYTES } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { englishRuns } from '../helpers/english.js';

const VALID = readFileSync(new URL('./fixtures/valid.yaml', import.meta.url), 'utf8');

function problems(text: string, lang: 'en' | 'ko' = 'en'): string[] {
  const r = loadLessonText(text, 'l.yaml', lang);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
}

/** VALID with one line replaced, to break it in exactly one place. */
function withLine(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`fixture has no ${from}`);
  return VALID.replace(from, to);
}

describe('loadLessonText', () => {
  it('loads a valid lesson and maps paths back to lines', () => {
    const r = loadLessonText(VALID, 'valid.yaml');
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.loaded.lesson.id).toBe('tiny-handshake');
    expect(r.loaded.lesson.script).toHaveLength(3);
    expect(r.loaded.positionOf(['script', 1, 'quiz', 'ask'])).toEqual({ line: 19, col: 12 });
    expect(r.loaded.positionOf(['script', 2])).toEqual({ line: 21, col: 5 });
  });

  it('points a YAML syntax error at its line and column', () => {
    // The unclosed [ on line 9 is noticed where line 10 begins.
    expect(problems(withLine('level: beginner', 'level: [beginner'))).toEqual([
      'l.yaml:10:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports a duplicate key at the second occurrence', () => {
    expect(problems(withLine('level: beginner', 'level: beginner\nlevel: advanced'))).toEqual([
      "l.yaml:10:1: the key 'level' appears twice in this mapping",
    ]);
  });

  it('names an unknown field at its key, with the closest known name', () => {
    expect(problems(withLine('  - connect: {', '  - conect: {'))).toEqual([
      "l.yaml:21:5: unknown field 'conect' (did you mean 'connect'?)",
    ]);
    expect(problems(withLine('      ask: ack', '      ask: ack\n      nubmering: relative'))).toEqual([
      "l.yaml:20:7: unknown field 'nubmering' (did you mean 'numbering'?)",
    ]);
    expect(problems(withLine('level: beginner', 'level: beginner\nzzzzzzzz: 1'))).toEqual(["l.yaml:10:1: unknown field 'zzzzzzzz'"]);
  });

  it('says which language is missing, in the language of the user', () => {
    expect(problems(withLine('  ko: 작은 핸드셰이크\n', ''))).toEqual(['l.yaml:4:3: missing the Korean text (ko)']);
    expect(problems(withLine('  ko: 작은 핸드셰이크\n', ''), 'ko')).toEqual(['l.yaml:4:3: 한국어 텍스트(ko)가 없습니다']);
    expect(problems(withLine('  en: A tiny handshake\n', ''))).toEqual(['l.yaml:4:3: missing the English text (en)']);
  });

  it('reports wrong types and values at the value', () => {
    expect(problems(withLine('port: 80 }\n  - quiz', "port: '80' }\n  - quiz"))).toEqual([
      "l.yaml:16:35: 'port' should be a number, not \"80\"",
    ]);
    expect(problems(withLine('ask: ack', 'ask: akc'))[0]).toMatch(/^l\.yaml:19:12: 'ask' must be one of seq, ack, .*, not "akc"$/);
    expect(problems(withLine('level: beginner', 'level: expert'))[0]).toMatch(/^l\.yaml:9:8: 'level' must be one of beginner/);
  });

  it('refuses invalid addresses in an inline topology, at the node', () => {
    const inline = withLine('topology: lan', [
      'topology:',
      '  hosts:',
      '    - { name: a, ip: 10.0.0.300, prefix: 24 }',
      "    - { name: b, ip: 10.0.0.2, prefix: 24, mac: '02:00:00:00:00' }",
      '  links:',
      '    - { a: a, b: b }',
    ].join('\n'));
    const ps = problems(inline);
    expect(ps).toContain("l.yaml:13:22: 'ip': not an IPv4 address (like 192.168.1.10)");
    expect(ps).toContain("l.yaml:14:49: 'mac': not a MAC address (like 02:00:00:00:00:0a)");
  });

  it('wants exactly one action per step', () => {
    expect(problems(withLine('  - connect: {', '  - wait: 10\n    connect: {'))[0]).toMatch(/^l\.yaml:21:5: a step takes one action, not connect and wait$/);
  });

  it('refuses hostile files with one clear problem and no crash', () => {
    const bomb = `${VALID}\nx0: &a [1,1,1,1,1,1,1,1,1,1]\nx1: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nx2: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nx3: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`;
    expect(problems(bomb)).toEqual(['l.yaml:1:1: too many aliases (*name) expand here; this looks like an alias bomb']);
    expect(problems(`${VALID}__proto__: { polluted: true }\n`)).toEqual(["l.yaml:22:1: the key '__proto__' is not allowed"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems(`${VALID}constructor: 1\n`)).toEqual(["l.yaml:22:1: the key 'constructor' is not allowed"]);
    const deep = `${VALID}deep: ${'['.repeat(40)}${']'.repeat(40)}\n`;
    expect(problems(deep)[0]).toMatch(/nested more than 32 levels deep/);
    const deepBlock = `${VALID}deep:\n${Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2 + 2)}k:`).join('\n')} 1\n`;
    expect(problems(deepBlock)[0]).toMatch(/nested more than 32 levels deep/);
    expect(problems('x'.repeat(MAX_LESSON_BYTES + 1))[0]).toMatch(/^l\.yaml:1:1: the file is \d+ bytes; lessons are limited to/);
    expect(problems('- a\n- b\n')).toEqual(['l.yaml:1:1: a lesson is a mapping of fields (id, title, …), not a list']);
    expect(problems('')[0]).toMatch(/^l\.yaml:1:1: the file is empty/);
  });

  it('never throws on arbitrary text and always answers file:line:col', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const r = loadLessonText(s, 'f.yaml');
      if (!r.ok) for (const p of r.problems) expect(formatProblem(p)).toMatch(/^f\.yaml:\d+:\d+: \S/);
    }), { numRuns: 300 });
    const lines = VALID.split('\n');
    fc.assert(fc.property(fc.nat(lines.length - 1), fc.string({ maxLength: 20 }), (i, junk) => {
      const mutated = [...lines.slice(0, i), junk, ...lines.slice(i + 1)].join('\n');
      const r = loadLessonText(mutated, 'f.yaml');
      if (!r.ok) {
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }
    }), { numRuns: 300 });
  });
});

describe('loadLessonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-lesson-'));
  it('reads a file and names it in problems', () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, VALID.replace('level: beginner', 'level: 3'));
    const r = loadLessonFile(f);
    expect(!r.ok && formatProblem(r.problems[0]!)).toBe(`${f}:9:8: 'level' must be one of beginner, intermediate, advanced, not 3`);
  });

  it('gives one clear problem for a missing file, a huge file and a binary file', () => {
    expect(loadLessonFile(join(dir, 'nope.yaml'))).toMatchObject({ ok: false, problems: [{ line: 1, col: 1, message: 'cannot read the file: no such file' }] });
    const big = join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(MAX_LESSON_BYTES + 10, 0x20));
    expect(loadLessonFile(big)).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('limited to') }] });
    const bin = join(dir, 'bin.yaml');
    writeFileSync(bin, Buffer.from([0xff, 0xfe, 0x00, 0x80]));
    expect(loadLessonFile(bin)).toMatchObject({ ok: false, problems: [{ message: 'the file is not UTF-8 text' }] });
  });
});

describe('missing fields', () => {
  it('says a field is missing whatever its type, pointing at the mapping that lacks it', () => {
    expect(problems('id: x\nlevle: 1\n')).toEqual([
      "l.yaml:1:1: missing required field 'title'",
      "l.yaml:1:1: missing required field 'summary'",
      "l.yaml:1:1: missing required field 'level'",
      "l.yaml:1:1: missing required field 'topics'",
      "l.yaml:1:1: missing required field 'topology'",
      "l.yaml:1:1: missing required field 'script'",
      "l.yaml:2:1: unknown field 'levle' (did you mean 'level'?)",
    ]);
  });
});

describe('problems in Korean', () => {
  const ko = (yaml: string) => {
    const r = loadLessonText(yaml, 'k.yaml', 'ko');
    return r.ok ? [] : r.problems.map(formatProblem);
  };
  it('words zod bounds, schema checks and YAML syntax errors in Korean, with no English sentence', () => {
    const base = readFileSync('test/lesson/fixtures/valid.yaml', 'utf8');
    const out = [
      ...ko(base.replace(/^id: .*$/m, 'id: Bad_Id')),
      ...ko(base.replace(/^level: .*$/m, 'level: beginner\nminutes: 0')),
      ...ko(`${base}\n\t- bad\n`),
    ];
    expect(out.join('\n')).toContain("'id': 영문 소문자, 숫자, 대시(-)만 쓰고, 첫 글자는 영문자로 쓰세요");
    expect(out.join('\n')).toContain("'minutes' 값이 너무 작습니다: 1 이상이어야 합니다");
    expect(out.join('\n')).toContain('들여쓰기에 탭이 쓰였습니다');
    for (const line of out) expect(englishRuns(line.replace(/^[^:]+:\d+:\d+: /, '')), line).toEqual([]);
  });
});
