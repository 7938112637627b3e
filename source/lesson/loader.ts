// Reads a lesson file into a validated Lesson, or into problems that each point at the
// exact node (file:line:col). Hostile files fail safely: size limit, alias bombs, deep
// nesting and prototype keys are all refused before anything is built from them.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { say, type Lang } from '../i18n/text.js';
import { closest } from '../text/suggest.js';
import { Lesson } from './schema.js';
import { isLocalMessage, messageIn, problemText, SCHEMA_TEXT, YAML_KO, type Problem } from './problems.js';

export const MAX_LESSON_BYTES = 256 * 1024;
export const MAX_DEPTH = 32;
/** Aliases may expand at most this many times: plenty for DRY lessons, nothing for a bomb. */
export const MAX_ALIAS_COUNT = 100;
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Path = readonly (string | number)[];

/** A loaded lesson, with a way back from any path in it to its place in the file. */
export interface LoadedLesson {
  readonly file: string;
  readonly lesson: Lesson;
  /** The 1-based line and column of the node at `path` (or of its nearest ancestor). */
  readonly positionOf: (path: Path) => { readonly line: number; readonly col: number };
}

export type LoadResult =
  | { readonly ok: true; readonly loaded: LoadedLesson }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The file's bytes, or null when it holds more than `limit`; reads at most limit + 1 bytes. */
export function readBounded(path: string, limit: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(limit + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got > limit) return null;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export function loadLessonFile(path: string, lang: Lang = 'en'): LoadResult {
  const read = readYamlFile(path, lang);
  return 'problems' in read ? { ok: false, problems: read.problems } : loadLessonText(read.text, path, lang);
}

/**
 * A YAML file's text, read as the loader reads lessons: a regular file, at most
 * MAX_LESSON_BYTES, UTF-8; or the one problem that stops it, at 1:1.
 */
export function readYamlFile(path: string, lang: Lang = 'en'): { readonly text: string } | { readonly problems: readonly Problem[] } {
  let bytes: Buffer;
  try {
    // Only a regular file: a FIFO would wait for a writer forever, a device (/dev/zero)
    // never ends. The size is counted as the bytes arrive, since stat says 0 for /proc files.
    if (!statSync(path).isFile()) return fail(path, 1, 1, problemText(lang, 'notAFile'));
    const read = readBounded(path, MAX_LESSON_BYTES);
    if (read === null) return fail(path, 1, 1, problemText(lang, 'tooBig', { size: `> ${MAX_LESSON_BYTES}`, limit: MAX_LESSON_BYTES }));
    bytes = read;
  } catch (e) {
    const message = e instanceof Error && 'code' in e && e.code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    return fail(path, 1, 1, problemText(lang, 'unreadable', { message }));
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail(path, 1, 1, problemText(lang, 'notUtf8'));
  }
}

export function loadLessonText(text: string, file: string, lang: Lang = 'en'): LoadResult {
  const r = loadYamlText(text, file, Lesson, lang, { empty: problemText(lang, 'empty'), notMapping: (what) => problemText(lang, 'notMapping', { what }) });
  return r.ok ? { ok: true, loaded: { file, lesson: r.data, positionOf: r.positionOf } } : r;
}

/** What a YAML file of some other kind (a course.yaml) says when it is empty or not a mapping. */
export interface YamlWording {
  /** null: an empty file is an empty mapping. */
  readonly empty: string | null;
  readonly notMapping: (what: string) => string;
}

export type YamlResult<T> =
  | { readonly ok: true; readonly data: T; readonly positionOf: LoadedLesson['positionOf'] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Parses YAML text and validates it with `schema`, with the lesson loader's defences and
 * its problems at the exact node: the one way tcp-tutor reads a YAML file it is handed.
 */
export function loadYamlText<S extends z.ZodType>(text: string, file: string, schema: S, lang: Lang, wording: YamlWording): YamlResult<z.output<S>> {
  if (text.length > MAX_LESSON_BYTES) {
    return fail(file, 1, 1, problemText(lang, 'tooBig', { size: text.length, limit: MAX_LESSON_BYTES }));
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const problems: Problem[] = [];
  const add = (offset: number, message: string) => problems.push({ file, ...at(offset), message });

  for (const e of [...doc.errors, ...doc.warnings]) {
    const message = e.code === 'DUPLICATE_KEY'
      ? problemText(lang, 'duplicateKey', { key: /^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim() || '?' })
      : lang === 'ko' && Object.hasOwn(YAML_KO, e.code)
        ? problemText(lang, 'yaml', { message: YAML_KO[e.code]! })
        : problemText(lang, 'yamlOther', { message: e.message.split('\n')[0]!, code: e.code });
    add(e.pos[0], message);
  }
  if (problems.length) return { ok: false, problems: dedupe(problems) };

  checkShape(doc.contents as YamlNode | null, 0, add, lang);
  if (problems.length) return { ok: false, problems };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml throws ReferenceError for excessive alias expansion, its defence against bombs.
    add(0, e instanceof ReferenceError ? problemText(lang, 'aliases') : problemText(lang, 'yaml', { message: String(e) }));
    return { ok: false, problems };
  }
  if (data === null || data === undefined) {
    if (wording.empty === null) data = {};
    else {
      add(0, wording.empty);
      return { ok: false, problems };
    }
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    add(0, wording.notMapping(Array.isArray(data) ? 'a list' : JSON.stringify(data)));
    return { ok: false, problems };
  }

  const positionOf = (path: Path) => at(offsetOf(doc, path));
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = flattenIssues(parsed.error.issues, []);
    // A misspelt action also leaves its step without one; the spelling is the real news.
    const misspelt = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => i.path.join('.')));
    for (const issue of issues) {
      if (issue.code === 'custom' && misspelt.has(issue.path.join('.'))) continue;
      for (const p of describeIssue(issue, data, schema, lang)) {
        problems.push({ file, ...at(p.keyNode ? keyOffset(doc, p.path) : offsetOf(doc, p.path)), message: p.message });
      }
    }
    return { ok: false, problems: sortProblems(dedupe(problems)) };
  }
  return { ok: true, data: parsed.data, positionOf };
}

function fail(file: string, line: number, col: number, message: string): { readonly ok: false; readonly problems: readonly Problem[] } {
  return { ok: false, problems: [{ file, line, col, message }] };
}

/** Refuses prototype keys and runaway nesting before any object is built from the text. */
function checkShape(node: YamlNode | null, depth: number, add: (offset: number, message: string) => void, lang: Lang): void {
  if (!node) return;
  if (depth > MAX_DEPTH) {
    add(node.range?.[0] ?? 0, problemText(lang, 'tooDeep', { limit: MAX_DEPTH }));
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      // `? [a, b]: x` or `? {a: 1}: x`: yaml would stringify the collection (and warn on stderr).
      if (key !== null && !isScalar(key) && !isAlias(key)) {
        add(key.range?.[0] ?? 0, problemText(lang, 'complexKey', {}));
        continue;
      }
      if (isScalar(key) && HOSTILE_KEYS.has(String(key.value))) {
        add(key.range?.[0] ?? 0, problemText(lang, 'hostileKey', { key: String(key.value) }));
      }
      checkShape(pair.value as YamlNode | null, depth + 1, add, lang);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkShape(item as YamlNode | null, depth + 1, add, lang);
  }
}

/** A field name as one line: a multi-line key (`? |` block) is shown with its breaks escaped. */
function oneLineKey(k: string): string {
  const short = k.length > 80 ? `${k.slice(0, 79)}…` : k;
  return short.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Offset of the value node at `path`, or of the nearest ancestor that exists. */
function offsetOf(doc: Document, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as YamlNode | undefined)?.range;
    if (range) return range[0];
  }
  return 0;
}

/** Offset of the key of the last path element (an unknown field is pointed at by its name). */
function keyOffset(doc: Document, path: Path): number {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === last && pair.key.range) return pair.key.range[0];
    }
  }
  return offsetOf(doc, path);
}

type Issue = z.core.$ZodIssue;

/** A union's failure is explained by its branch that got furthest, with paths made absolute. */
function flattenIssues(issues: readonly Issue[], prefix: Path): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => depthOf(b) - depthOf(a))[0]!;
      out.push(...flattenIssues(best, path));
    } else {
      out.push({ ...issue, path } as Issue);
    }
  }
  return out;
}

function depthOf(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_union' ? 0 : 1)));
}

interface Described {
  readonly path: Path;
  readonly message: string;
  readonly keyNode?: boolean;
}

function describeIssue(issue: Issue, data: unknown, root: z.ZodType, lang: Lang): Described[] {
  const path = issue.path as (string | number)[];
  const key = String(path.filter((p) => typeof p === 'string').at(-1) ?? 'lesson');
  const value = valueAt(data, path);
  if (value === undefined && issue.code !== 'unrecognized_keys') {
    if (key === 'en' || key === 'ko') {
      return [{ path: path.slice(0, -1), message: problemText(lang, 'missingText', { language: languageName(key, lang), key }) }];
    }
    return [{ path: path.slice(0, -1), message: problemText(lang, 'missingField', { key }) }];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(root, path);
      return issue.keys.map((k) => {
        const guess = closest(k, known);
        return {
          path: [...path, k],
          keyNode: true,
          message: problemText(lang, 'unknownField', { key: oneLineKey(k), suggestion: guess ? problemText(lang, 'didYouMean', { name: guess }) : '' }),
        };
      });
    }
    case 'invalid_type':
      return [{ path, message: problemText(lang, 'wrongType', { key, expected: typeName(issue.expected, lang), received: show(value) }) }];
    case 'invalid_value':
      return [{ path, message: problemText(lang, 'badValue', { key, values: issue.values.map((v) => String(v)).join(', '), received: show(value) }) }];
    case 'too_small': {
      const bound = isLocalMessage(issue.message) ? messageIn(issue.message, lang)
        : say(issue.inclusive === false ? SCHEMA_TEXT.above : SCHEMA_TEXT.atLeast, lang, { min: String(issue.minimum) });
      return [{ path, message: problemText(lang, 'tooSmall', { key, message: bound }) }];
    }
    case 'too_big': {
      const bound = isLocalMessage(issue.message) ? messageIn(issue.message, lang)
        : say(issue.inclusive === false ? SCHEMA_TEXT.below : SCHEMA_TEXT.atMost, lang, { max: String(issue.maximum) });
      return [{ path, message: problemText(lang, 'tooBigValue', { key, message: bound }) }];
    }
    default: {
      const message = messageIn(issue.message, lang);
      // A whole step or list item has no field name worth quoting.
      if (typeof path.at(-1) === 'number' || path.length === 0) return [{ path, message }];
      return [{ path, message: problemText(lang, 'other', { key, message }) }];
    }
  }
}

function languageName(key: 'en' | 'ko', lang: Lang): string {
  if (lang === 'ko') return key === 'ko' ? '한국어' : '영어';
  return key === 'ko' ? 'Korean' : 'English';
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['text', '문자열'],
  number: ['a number', '숫자'],
  int: ['a whole number', '정수'],
  boolean: ['true or false', 'true 또는 false'],
  array: ['a list', '목록'],
  object: ['a mapping', '매핑'],
};

function typeName(expected: string, lang: Lang): string {
  const names = TYPE_NAMES[expected];
  return names ? names[lang === 'en' ? 0 : 1] : expected;
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** The field names the schema allows at `path`, for "did you mean" suggestions. */
function knownKeys(root: z.ZodType, path: Path): string[] {
  let schemas: z.ZodType[] = [root];
  for (const seg of path) {
    schemas = schemas.flatMap((s) => childSchemas(s, seg));
  }
  return [...new Set(schemas.flatMap((s) => Object.keys(objectShape(s) ?? {})))];
}

function unwrap(s: z.ZodType): z.ZodType[] {
  const def = (s as unknown as { def: { type: string; innerType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType } }).def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return unwrap(def.innerType!);
    case 'union':
      return def.options!.flatMap(unwrap);
    case 'pipe':
      return unwrap(def.in!);
    default:
      return [s];
  }
}

function objectShape(s: z.ZodType): Record<string, z.ZodType> | null {
  for (const u of unwrap(s)) {
    const def = (u as unknown as { def: { type: string; shape?: Record<string, z.ZodType> } }).def;
    if (def.type === 'object' && def.shape) return def.shape;
  }
  return null;
}

function childSchemas(s: z.ZodType, seg: string | number): z.ZodType[] {
  return unwrap(s).flatMap((u) => {
    const def = (u as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType } }).def;
    if (def.type === 'object' && typeof seg === 'string' && def.shape?.[seg]) return [def.shape[seg]];
    if (def.type === 'array' && typeof seg === 'number' && def.element) return [def.element];
    if (def.type === 'record' && def.valueType) return [def.valueType];
    return [];
  });
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.col}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}
