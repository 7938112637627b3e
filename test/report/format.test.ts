import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, MAX_REPORT_BYTES, parseReport, readReport } from '../../source/report/format.js';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-report-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const RUN = {
  learner: null, lesson: 'handshake', lessonSource: { kind: 'builtin', name: '09-handshake.yaml' } as const,
  lessonHash: `sha256:${'0'.repeat(64)}`, seed: 9, lang: 'en' as const, tutor: '0.1.0',
  started: Date.UTC(2026, 11, 3, 9, 0, 0), finished: Date.UTC(2026, 11, 3, 9, 3, 12),
  questions: [{ id: 'a', kind: 'seq', given: '1', expected: '1', correct: true, ms: 5 }, { id: 'b', kind: 'ack', given: null, expected: '2', correct: false, ms: 7 }],
};

describe('buildReport', () => {
  it('counts the score and the time (hand-checked: 3 min 12 s, 1 of 2)', () => {
    expect(buildReport(RUN)).toMatchObject({
      format: 'tcp-tutor-report', version: 2, score: 1, total: 2, seconds: 192,
      startedAt: '2026-12-03T09:00:00.000Z', finishedAt: '2026-12-03T09:03:12.000Z',
    });
  });

  it('property: what it writes reads back', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 0xffffffff }), fc.array(fc.boolean(), { maxLength: 20 }), (name, seed, rights) => {
      const questions = rights.map((correct, i) => ({ id: `q${i}`, kind: 'seq', given: correct ? '1' : null, expected: '1', correct, ms: i }));
      const r = buildReport({ ...RUN, learner: name, seed, questions });
      expect(parseReport(JSON.stringify(r, null, 2))).toEqual({ ok: true, report: r });
    }));
  });
});

describe('readReport: one problem per bad file, never a throw', () => {
  const good = JSON.stringify(buildReport(RUN));
  it.each([
    ['empty', '', 'empty'],
    ['spaces', ' \n', 'empty'],
    ['binary', new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x02]), 'notUtf8'],
    ['array', '[1, 2]', 'notAReport'],
    ['string', '"report"', 'notAReport'],
    ['foreign', '{"name": "package", "version": "1.0.0"}', 'notAReport'],
    ['other-format', '{"format": "something-else", "version": 2}', 'notAReport'],
    ['v1', '{"lesson": "handshake", "seed": 9, "score": 1, "total": 1, "questions": []}', 'olderVersion'],
  ])('%s', (name, content, kind) => {
    const r = readReport(file(`${name}.json`, content));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.kind).toBe(kind);
  });

  it('truncated JSON: where it stops (line 3, column 1: the end of the file)', () => {
    const r = readReport(file('truncated.json', '{\n  "format": "tcp-tutor-report",\n'));
    expect(r).toEqual({ ok: false, problem: { kind: 'notJson', line: 3, col: 1 } });
  });

  it('a field of the wrong kind names the field', () => {
    const r = readReport(file('wrong.json', good.replace('"correct":true', '"correct":"yes"')));
    expect(r).toEqual({ ok: false, problem: expect.objectContaining({ kind: 'badField', field: 'questions.0.correct' }) });
  });

  it('a newer version says which', () => {
    expect(parseReport(good.replace('"version":2', '"version":7'))).toEqual({ ok: false, problem: { kind: 'newerVersion', version: 7 } });
  });

  it('a file over the limit is refused unparsed', () => {
    const r = readReport(file('huge.json', `{"format":"tcp-tutor-report","pad":"${'x'.repeat(MAX_REPORT_BYTES)}"}`));
    expect(r).toEqual({ ok: false, problem: { kind: 'tooBig' } });
  });

  it('a folder and a missing file', () => {
    mkdirSync(join(dir, 'folder.json'));
    expect(readReport(join(dir, 'folder.json'))).toEqual({ ok: false, problem: { kind: 'notAFile' } });
    expect(readReport(join(dir, 'nope.json'))).toEqual({ ok: false, problem: { kind: 'unreadable', message: 'no such file' } });
  });

  it('a good one', () => {
    expect(readReport(file('good.json', good)).ok).toBe(true);
  });
});
