import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { courseJsonSchema, lessonJsonSchema } from '../../source/lesson/json-schema.js';

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

describe('lessons/course.schema.json', () => {
  it('is the schema generated from the zod definition of course.yaml (run `npm run schema` when this fails)', () => {
    expect(readFileSync('lessons/course.schema.json', 'utf8')).toBe(courseJsonSchema());
  });

  it('lets an editor complete the fields docs/teaching.md describes, and no others', () => {
    const schema = JSON.parse(courseJsonSchema());
    expect(Object.keys(schema.properties).sort()).toEqual(['id', 'lessons', 'seed', 'title']);
    expect(schema.additionalProperties).toBe(false);
    const guide = readFileSync('docs/teaching.md', 'utf8');
    for (const k of Object.keys(schema.properties)) expect(guide).toContain(`\`${k}\``);
  });
});
