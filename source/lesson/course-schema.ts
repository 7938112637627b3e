// course.yaml's format: the one definition, used by the course loader (lesson/course.ts)
// and written out for editors as lessons/course.schema.json. Apart from the loader so that
// the schema script bundles zod alone.
import { z } from 'zod';
import { Text } from './schema.js';

const seed = z.number().int().min(0).max(0xffffffff).describe('a seed, as --seed takes it: 0 to 4294967295');
const lessonName = z.string().min(1).max(200).describe("a lesson's file name (with or without .yaml) or its id");

/** course.yaml. Every field is optional: an empty file is a course in file-name order. */
export const CourseFile = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use lowercase letters, digits, dots, dashes and underscores, starting with a letter or digit')
    .optional().describe("where progress is kept (default: the folder's name)"),
  title: Text.optional(),
  seed: seed.optional().describe("every lesson's seed, unless the lesson has its own here"),
  lessons: z.array(z.union([lessonName, z.strictObject({ lesson: lessonName, seed: seed.optional() })])).min(1).optional()
    .describe('which lessons, in this order; without it, every lesson file in file-name order'),
});
export type CourseFile = z.infer<typeof CourseFile>;

