// The report `play --report` writes and `grade` reads: one learner's run of one lesson,
// with what is needed to replay it (lesson id, where it came from, its content hash, the
// seed) and what the learner did (each answer, whether it was judged right, the times).
// The one home of the report's shape: the writer builds it here, the reader checks it here.
import { statSync } from 'node:fs';
import { z } from 'zod';
import { readBounded } from '../lesson/loader.js';

export const REPORT_FORMAT = 'tcp-tutor-report';
/**
 * 2: the lesson's source and content hash, the learner's name, the finish time and the
 * tutor's version. Version 1 (no `format` field) had neither hash nor source and cannot be
 * checked against its lesson.
 */
export const REPORT_VERSION = 2;
/** A report of a long lesson is a few kilobytes; anything near this is not one. */
export const MAX_REPORT_BYTES = 1024 * 1024;
const MAX_QUESTIONS = 1000;
const MAX_ANSWER = 1000;

const LessonSource = z.discriminatedUnion('kind', [
  /** A lesson that ships with tcp-tutor, by file name (`09-handshake.yaml`). */
  z.object({ kind: z.literal('builtin'), name: z.string().min(1).max(255) }),
  /** A lesson file of one's own, by the absolute path it was played from. */
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }),
]);
export type LessonSource = z.infer<typeof LessonSource>;

const ReportQuestion = z.object({
  id: z.string().min(1).max(200),
  kind: z.string().max(50),
  /** The line that was graded; null when input ended before an answer. */
  given: z.string().max(MAX_ANSWER).nullable(),
  /** The right answer as the run computed it. */
  expected: z.string().max(MAX_ANSWER),
  /** Whether the run judged `given` right. */
  correct: z.boolean(),
  /** From the question to its graded answer. */
  ms: z.number().int().min(0),
});
export type ReportQuestion = z.infer<typeof ReportQuestion>;

const count = z.number().int().min(0).max(MAX_QUESTIONS);

export const Report = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  /** The tcp-tutor version that wrote it. */
  tutor: z.string().max(100),
  /** `--name` or TCP_TUTOR_NAME; null when neither was given (grade then uses the file name). */
  learner: z.string().min(1).max(200).nullable(),
  /** The lesson's id. */
  lesson: z.string().min(1).max(200),
  lessonSource: LessonSource,
  /** `lessonHash` of the lesson as run. */
  lessonHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  seed: z.number().int().min(0).max(0xffff_ffff),
  lang: z.enum(['en', 'ko']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  seconds: z.number().int().min(0),
  score: count,
  total: count,
  questions: z.array(ReportQuestion).max(MAX_QUESTIONS),
});
export type Report = z.infer<typeof Report>;

/** Why a file is not a report `grade` can use; worded per language by the command. */
export type ReportProblem =
  | { readonly kind: 'notAFile' | 'tooBig' | 'empty' | 'notUtf8' | 'notAReport' | 'olderVersion' }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'notJson'; readonly line: number; readonly col: number }
  | { readonly kind: 'newerVersion'; readonly version: number }
  | { readonly kind: 'badField'; readonly field: string; readonly message: string };

export type ReadReport = { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly problem: ReportProblem };

/** Reads and checks one report file. Never throws; reads at most MAX_REPORT_BYTES + 1 bytes. */
export function readReport(path: string): ReadReport {
  const fail = (problem: ReportProblem): ReadReport => ({ ok: false, problem });
  let bytes: Buffer | null;
  try {
    // A FIFO would wait for a writer forever and a device never ends: regular files only.
    if (!statSync(path).isFile()) return fail({ kind: 'notAFile' });
    bytes = readBounded(path, MAX_REPORT_BYTES);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? e.code : null;
    return fail({ kind: 'unreadable', message: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e) });
  }
  if (bytes === null) return fail({ kind: 'tooBig' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail({ kind: 'notUtf8' });
  }
  return parseReport(text);
}

/** Checks a report's text: JSON, ours, of this version, every field in shape. */
export function parseReport(text: string): ReadReport {
  const fail = (problem: ReportProblem): ReadReport => ({ ok: false, problem });
  if (text.trim() === '') return fail({ kind: 'empty' });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail({ kind: 'notJson', ...jsonErrorAt(text, e) });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail({ kind: 'notAReport' });
  const o = data as Record<string, unknown>;
  if (o.format === undefined) {
    // What `play --report` wrote before reports had a version.
    return fail({ kind: typeof o.lesson === 'string' && Array.isArray(o.questions) ? 'olderVersion' : 'notAReport' });
  }
  if (o.format !== REPORT_FORMAT) return fail({ kind: 'notAReport' });
  if (typeof o.version === 'number' && o.version > REPORT_VERSION) return fail({ kind: 'newerVersion', version: o.version });
  const parsed = Report.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail({ kind: 'badField', field: issue.path.join('.') || '(top)', message: issue.message });
  }
  return { ok: true, report: parsed.data };
}

/** Where JSON.parse stopped, as a line and column, from its "position N" (Node 20) or "line L column C". */
function jsonErrorAt(text: string, e: unknown): { line: number; col: number } {
  const message = e instanceof Error ? e.message : '';
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), col: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

export interface ReportRun {
  readonly learner: string | null;
  readonly lesson: string;
  readonly lessonSource: LessonSource;
  readonly lessonHash: string;
  readonly seed: number;
  readonly lang: 'en' | 'ko';
  readonly tutor: string;
  readonly started: number;
  readonly finished: number;
  readonly questions: readonly ReportQuestion[];
}

/** The report of a finished run, as `play --report` writes it. */
export function buildReport(run: ReportRun): Report {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    tutor: run.tutor,
    learner: run.learner,
    lesson: run.lesson,
    lessonSource: run.lessonSource,
    lessonHash: run.lessonHash,
    seed: run.seed,
    lang: run.lang,
    startedAt: new Date(run.started).toISOString(),
    finishedAt: new Date(run.finished).toISOString(),
    seconds: Math.round((run.finished - run.started) / 1000),
    score: run.questions.filter((q) => q.correct).length,
    total: run.questions.length,
    questions: [...run.questions],
  };
}
