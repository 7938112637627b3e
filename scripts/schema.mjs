// Regenerates lessons/lesson.schema.json from the zod schema (npm run schema).
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-schema-')), 'schema.mjs');
await build({ entryPoints: ['source/lesson/json-schema.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { lessonJsonSchema } = await import(pathToFileURL(out).href);
writeFileSync('lessons/lesson.schema.json', lessonJsonSchema());
console.log('wrote lessons/lesson.schema.json');
