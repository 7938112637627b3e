// A lesson written in a test, compiled as `validate` and `play` would compile it.
import { compileLesson, type CompiledLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';

/** The compiled lesson; throws with every problem, formatted, if it does not compile. */
export function compileText(text: string, seed = 1): CompiledLesson {
  const loaded = loadLessonText(text, 'l.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled;
}

/**
 * A lesson on the direct topology whose script opens with the server listening on port 80
 * and the client connecting, then `rest` (script lines, indented two spaces).
 */
export function afterHandshake(rest: string): string {
  return `
id: after-handshake
title: { en: After the handshake, ko: 핸드셰이크 뒤 }
summary: { en: After the handshake., ko: 핸드셰이크 뒤. }
level: beginner
topics: [handshake]
topology: direct
script:
  - listen: { host: server, port: 80 }
  - connect: { from: client, to: server, port: 80 }
${rest}`;
}

/** What `validate l.yaml` prints for it: schema problems, or else the compiler's. */
export function problemsOf(text: string, seed = 1): string[] {
  const loaded = loadLessonText(text, 'l.yaml');
  if (!loaded.ok) return loaded.problems.map(formatProblem);
  const r = compileLesson(loaded.loaded, { seed });
  return r.ok ? [] : r.problems.map(formatProblem);
}

/** The states a host's connections entered, in order. */
export function stateTrail(c: CompiledLesson, host: string): string[] {
  return c.trace.steps.flatMap((s) => (s.kind === 'tcp-state' && s.host === host ? [s.to] : []));
}
