import { z } from 'zod';
import { Lesson } from './schema.js';

/** The JSON Schema editors use to validate and autocomplete lessons (yaml-language-server). */
export function lessonJsonSchema(): string {
  const schema = z.toJSONSchema(Lesson, { target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://tcp-tutor.invalid/lesson.schema.json', title: 'tcp-tutor lesson' }, null, 2)}\n`;
}
