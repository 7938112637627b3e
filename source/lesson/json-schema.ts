import { z } from 'zod';
import { CourseFile } from './course-schema.js';
import { Lesson } from './schema.js';

/** The JSON Schema editors use to validate and autocomplete lessons (yaml-language-server). */
export function lessonJsonSchema(): string {
  const schema = z.toJSONSchema(Lesson, { target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://tcp-tutor.invalid/lesson.schema.json', title: 'tcp-tutor lesson' }, null, 2)}\n`;
}

/** The same for course.yaml, so that an instructor's editor completes it too. */
export function courseJsonSchema(): string {
  const schema = z.toJSONSchema(CourseFile, { target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://tcp-tutor.invalid/course.schema.json', title: 'tcp-tutor course.yaml' }, null, 2)}\n`;
}
