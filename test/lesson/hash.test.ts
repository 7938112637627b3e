import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, lessonHash } from '../../source/lesson/hash.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';

const file = builtinLessonFiles().find((f) => f.endsWith('09-handshake.yaml'))!;
const text = readFileSync(file, 'utf8');

function hashOf(source: string): string {
  const r = loadLessonText(source, 'lesson.yaml');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return lessonHash(r.loaded.lesson);
}

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order (hand-written)', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }, 3], e: undefined })).toBe('{"a":[{"c":"x","d":2},3],"b":1}');
  });

  it('is JSON that reads back to the same value, whatever the key order', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const c = canonicalJson(v);
      expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(v)));
      const reversed = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
        x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x);
      expect(canonicalJson(reversed)).toBe(c);
    }));
  });
});

describe('lessonHash', () => {
  it('is sha256 of the canonical JSON, prefixed', () => {
    const r = loadLessonText(text, 'x.yaml');
    if (!r.ok) throw new Error('handshake does not load');
    const digest = createHash('sha256').update(canonicalJson(r.loaded.lesson)).digest('hex');
    expect(lessonHash(r.loaded.lesson)).toBe(`sha256:${digest}`);
  });

  it('does not change with line endings, comments or a blank line', () => {
    const h = hashOf(text);
    expect(hashOf(text.replace(/\n/g, '\r\n'))).toBe(h);
    expect(hashOf(`# a comment an instructor added\n${text}\n\n`)).toBe(h);
  });

  it('changes when a word a learner reads changes', () => {
    const edited = text.replace(/title:\n(\s+)en: .*/, (_m, indent: string) => `title:\n${indent}en: Another title`);
    expect(edited).not.toBe(text);
    expect(hashOf(edited)).not.toBe(hashOf(text));
  });
});
