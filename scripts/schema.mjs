// Regenerates lessons/lesson.schema.json and lessons/course.schema.json from the zod schemas (npm run schema).
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-schema-')), 'schema.mjs');
await build({ entryPoints: ['source/lesson/json-schema.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { lessonJsonSchema, courseJsonSchema } = await import(pathToFileURL(out).href);
writeFileSync('lessons/lesson.schema.json', lessonJsonSchema());
writeFileSync('lessons/course.schema.json', courseJsonSchema());
console.log('wrote lessons/lesson.schema.json and lessons/course.schema.json');
