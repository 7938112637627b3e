import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonJsonSchema } from '../../source/lesson/json-schema.js';

describe('lessons/lesson.schema.json', () => {
  it('is the schema generated from the zod definition (run `npm run schema` when this fails)', () => {
    expect(readFileSync('lessons/lesson.schema.json', 'utf8')).toBe(lessonJsonSchema());
  });

  it('lets an editor autocomplete every top-level field and every action', () => {
    const schema = JSON.parse(lessonJsonSchema());
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'title', 'summary', 'topology', 'script']));
    expect(schema.additionalProperties).toBe(false);
    const step = schema.properties.script.items;
    expect(Object.keys(step.properties)).toEqual(expect.arrayContaining(['say', 'connect', 'send', 'quiz', 'impair', 'http-get']));
  });
});
