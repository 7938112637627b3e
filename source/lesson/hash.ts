// A lesson's content hash, which a report carries so that `grade` can tell whether the
// lesson it replays is the one the learner ran.
//
// It hashes the lesson as parsed and validated, not the file's bytes: a checkout that turns
// LF into CRLF, a fixed comment, a re-indented file or YAML anchors written out change the
// bytes but nothing the learner saw or answered, and must not flag every report of a class
// as "lesson changed". Any change to a word, the script or a quiz changes the parsed form.
import { createHash } from 'node:crypto';
import type { Lesson } from './schema.js';

/** `sha256:` and 64 hex digits, over the lesson's canonical JSON (keys sorted at every level). */
export function lessonHash(lesson: Lesson): string {
  return `sha256:${createHash('sha256').update(canonicalJson(lesson)).digest('hex')}`;
}

/** JSON with every object's keys in code-unit order, so that key order in the file does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
