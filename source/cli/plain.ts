// The plain and JSON Lines modes' runner: a playable lesson told as text, answers read one
// per line. `play --plain` and `replay --plain` both tell their story through it.
import { hostText } from '../i18n/hosts.js';
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { say as sayText, type Lang } from '../i18n/text.js';
import type { PlayableLesson } from '../lesson/compile.js';
import { CONGESTION_PHASES, congestionRule, ssthreshShown } from '../i18n/congestion.js';
import { causeText } from '../i18n/tcp-causes.js';
import { ANSWER_PROBLEMS, expectedText } from '../quiz/checkpoint.js';
import { gradeLine } from './answers.js';
import { walk, type WalkEvent } from '../lesson/walk.js';
import { duration, fill, NARRATION } from '../player/text.js';
import { dissect } from '../player/dissect.js';
import { linkFate } from '../player/narration.js';
import type { Dissection } from '../player/dissect.js';
import { buildReport, type LessonSource } from '../report/format.js';
import { VERSION } from '../version.js';
import type { LessonProgress, SavedAnswer } from '../progress/data.js';
import type { AnswerSource, CliIo } from './io.js';

export interface PlayOptions {
  readonly lang: Lang;
  readonly seed: number | null;
  readonly json: boolean;
  readonly report: ReportTarget | null;
  /** Where the run's progress is saved, as the TUI saves it; null with --no-save (and for replays, which keep none). */
  readonly progress?: PlainProgress | null;
}

/** Where `--report` writes, and what only the lesson's loader knows about it. */
export interface ReportTarget {
  readonly file: string;
  readonly learner: string | null;
  readonly lessonSource: LessonSource;
  readonly lessonHash: string;
}

/** A plain run's link to the progress store. */
export interface PlainProgress {
  /** What was saved before this run (for the best score). */
  readonly previous: LessonProgress | undefined;
  /** The unfinished run this one continues (same seed and steps): its answers and step are kept. */
  readonly resume: LessonProgress | undefined;
  save(lesson: LessonProgress): void;
}

/**
 * The record a plain run saves, in the TUI's terms: `step` is the trace step reached (never
 * less than the run it continues had reached), `done` once the story is told with every
 * quiz answered (input that ended early leaves the rest for later).
 */
export function plainProgress(c: PlayableLesson, seed: number, at: number, answers: ReadonlyMap<string, SavedAnswer>, told: boolean, p: PlainProgress, now: Date): LessonProgress {
  const steps = c.trace.steps.length;
  const score = [...answers.values()].filter((a) => a.correct).length;
  const same = p.resume !== undefined && p.resume.seed === seed && p.resume.steps === steps;
  return {
    step: Math.min(Math.max(at, same ? p.resume!.step : 0), Math.max(0, steps - 1)),
    steps,
    answers: Object.fromEntries(answers),
    score,
    total: c.quizzes.length,
    best: Math.max(p.previous?.best ?? 0, score),
    seed,
    done: told && c.quizzes.every((q) => answers.has(q.id)),
    updated: now.toISOString(),
  };
}

/** What the story opens with: the JSON `start` event's fields (besides type and quizzes), and the plain lines. */
export interface RunIntro {
  readonly json: Readonly<Record<string, unknown>>;
  readonly lines: readonly string[];
}

/** A verdict in plain mode and in drill, in one place. */
export const VERDICTS = {
  right: { en: '✓ Right.', ko: '✓ 정답입니다.' },
  wrong: { en: '✗ Not quite: the answer is {expected}.', ko: '✗ 아쉽습니다. 정답은 {expected}입니다.' },
  again: { en: '? {reason} Try again:', ko: '? {reason} 다시 입력하세요:' },
} as const;

const L = {
  ...VERDICTS,
  noAnswer: { en: '✗ No answer (input ended): the answer is {expected}.', ko: '✗ 답이 없습니다(입력이 끝남). 정답은 {expected}입니다.' },
  hint: { en: 'Hint: {hint}', ko: '힌트: {hint}' },
  frame: { en: 'frame {n}', ko: '프레임 {n}' },
  choose: { en: 'Answer with a number or a name:', ko: '번호나 이름으로 답하세요:' },
  typeNumber: { en: 'Type a number:', ko: '숫자를 입력하세요:' },
  typeField: { en: 'Type the value:', ko: '값을 입력하세요:' },
  score: { en: 'score: {score}/{total}', ko: '점수: {score}/{total}' },
  typeOrder: { en: 'Type their numbers, first sent first (like 3 1 2):', ko: '먼저 보내는 것부터 번호를 입력하세요(예: 3 1 2):' },
} as const;

/** Why `--report FILE` cannot be written. */
const REPORT = {
  cannot: { en: 'tcp-tutor play: cannot write the report to {file}: {reason}', ko: 'tcp-tutor play: 보고서를 {file}에 쓸 수 없습니다: {reason}' },
  isFolder: { en: 'it is a folder', ko: '폴더입니다' },
  noFolder: { en: 'the folder {dir} does not exist', ko: '{dir} 폴더가 없습니다' },
  notFolder: { en: '{dir} is not a folder', ko: '{dir}: 폴더가 아닙니다' },
  readOnly: { en: 'it cannot be written ({code})', ko: '쓸 수 없는 파일입니다 ({code})' },
  readOnlyFolder: { en: 'the folder {dir} cannot be written in ({code})', ko: '{dir} 폴더에 쓸 수 없습니다 ({code})' },
} as const;

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.message : String(err));

/**
 * Checked before the first step, so that a report that could not be written is known
 * before the learner answers anything: null when `file` can be written, else one line.
 */
export function reportProblem(file: string, lang: Lang): string | null {
  const cannot = (reason: keyof typeof REPORT, params: Record<string, string> = {}) =>
    sayText(REPORT.cannot, lang, { file, reason: sayText(REPORT[reason], lang, params) });
  let st;
  try {
    st = statSync(file);
  } catch {
    st = null;
  }
  if (st) {
    if (st.isDirectory()) return cannot('isFolder');
    try {
      accessSync(file, constants.W_OK);
      return null;
    } catch (err) {
      return cannot('readOnly', { code: codeOf(err) });
    }
  }
  const dir = dirname(resolve(file));
  let d;
  try {
    d = statSync(dir);
  } catch {
    return cannot('noFolder', { dir });
  }
  if (!d.isDirectory()) return cannot('notFolder', { dir });
  try {
    accessSync(dir, constants.W_OK);
    return null;
  } catch (err) {
    return cannot('readOnlyFolder', { dir, code: codeOf(err) });
  }
}

function say(lang: Lang, key: keyof typeof L, params: Record<string, string | number> = {}): string {
  return sayText(L[key], lang, params);
}

/**
 * Tells a playable lesson (a compiled one, or a replayed capture) in plain text or JSON
 * Lines, reading one answer per quiz.
 */
export async function runPlain(c: PlayableLesson, opts: PlayOptions, io: CliIo, answers: AnswerSource, intro: RunIntro): Promise<number> {
  const { lang, json } = opts;
  const out = (s: string) => io.stdout.write(`${s}\n`);
  const emit = (o: object) => out(JSON.stringify(o));
  const captured = c.capture('pcap');
  const frameNumber = 'error' in captured ? () => null : captured.frameNumber;
  const started = Date.now();
  const results: { id: string; kind: string; given: string | null; expected: string; correct: boolean; ms: number }[] = [];
  // The answers of this run, and of the run it continues, by quiz id: what progress.json keeps.
  const progress = opts.progress ?? null;
  const quizIds = new Set(c.quizzes.map((q) => q.id));
  const same = progress?.resume !== undefined && progress.resume.seed === c.seed && progress.resume.steps === c.trace.steps.length;
  const kept = new Map<string, SavedAnswer>(same ? Object.entries(progress.resume!.answers).filter(([id]) => quizIds.has(id)) : []);
  let firstUnanswered: number | null = null;
  const save = (at: number, told: boolean) => progress?.save(plainProgress(c, c.seed, at, kept, told, progress, new Date()));

  if (json) emit({ type: 'start', ...intro.json, quizzes: c.quizzes.length });
  else {
    for (const line of intro.lines) out(line);
    out('');
  }
  let n = 0;
  // What a link did to a frame is told as the player tells it, which names the frame's
  // sender and the host a lost frame never reaches (read off the frames, dissected once).
  let dissections: readonly Dissection[] | null = null;
  const fateText = (step: Extract<WalkEvent, { kind: 'fate' }>['step']) => linkFate(step, {
    frames: c.trace.frames,
    dissections: (dissections ??= c.trace.frames.map((f) => dissect(f.bytes))),
    frameLabel: (f) => String(frameNumber(f) ?? '–'),
    labels: c.trace.labels,
  });
  for (const e of walk(c, frameNumber)) {
    switch (e.kind) {
      case 'narration':
        if (json) emit({ type: 'step', n: ++n, kind: 'narration', text: e.text[lang] });
        else out(`${e.text[lang]}\n`);
        break;
      case 'frame': {
        const num = frameNumber(e.frame);
        if (json) emit({ type: 'step', n: ++n, kind: 'frame', frame: num, from: e.from, summary: e.summary });
        else out(`  ${num === null ? '' : `[${say(lang, 'frame', { n: num })}] `}${hostText(e.from, c.trace.labels)[lang]}: ${e.summary}`);
        break;
      }
      case 'state':
        if (json) emit({ type: 'step', n: ++n, kind: 'state', host: e.host, from: e.from, to: e.to, cause: causeText(e.cause)[lang], rfc: e.cause.rfc });
        else out(`    ${hostText(e.host, c.trace.labels)[lang]}: ${e.from} → ${e.to}`);
        break;
      case 'fate': {
        const text = fateText(e.step)[lang];
        if (json) emit({ type: 'step', n: ++n, kind: 'fate', frame: frameNumber(e.step.frame), fate: e.step.fate, text });
        else out(`    ${text}`);
        break;
      }
      case 'idle':
        if (json) emit({ type: 'step', n: ++n, kind: 'idle', seconds: e.micros / 1e6 });
        else out(`    ${fill(NARRATION.idle, { duration: duration(e.micros) })[lang]}`);
        break;
      case 'congestion': {
        const ch = e.change;
        if (json) {
          emit({ type: 'step', n: ++n, kind: 'congestion', host: e.host, cause: ch.cause, cwnd: ch.cwnd, ssthresh: ch.ssthresh, rule: congestionRule(ch)[lang] });
        } else {
          const ssthresh = ch.ssthresh === ch.before.ssthresh ? '' : `, ssthresh ${ssthreshShown(ch.before.ssthresh)} → ${ssthreshShown(ch.ssthresh)}`;
          out(`    ${hostText(e.host, c.trace.labels)[lang]}: cwnd ${ch.before.cwnd} → ${ch.cwnd}${ssthresh} (${CONGESTION_PHASES[ch.cause][lang]})`);
        }
        break;
      }
      case 'quiz': {
        const q = e.quiz;
        const frame = q.frame === undefined ? null : frameNumber(q.frame);
        if (json) {
          emit({
            type: 'quiz', id: q.id, kind: q.kind, field: q.ask, ...((q.kind === 'field' || (q.kind === 'number' && q.field)) && { key: q.field }), frame, numbering: q.numbering,
            prompt: q.prompt[lang], options: q.kind === 'choice' ? q.options.map((o) => o.value) : [],
            ...(q.kind === 'order' && { items: q.items.map((i) => i.line) }),
          });
        } else {
          out(`\n? ${q.prompt[lang]}`);
          if (q.kind === 'choice') {
            out(`  ${say(lang, 'choose')}`);
            q.options.forEach((o, i) => out(`    ${i + 1}) ${o.label[lang]}`));
          } else if (q.kind === 'order') {
            q.items.forEach((item, i) => out(`    ${i + 1}) ${item.line}`));
            out(`  ${say(lang, 'typeOrder')}`);
          } else out(`  ${say(lang, q.kind === 'number' ? 'typeNumber' : 'typeField')}`);
        }
        const asked = Date.now();
        // A line the grader cannot read (blank, letters for a number, no such option) is
        // never graded: it says why in one line and asks again, as the TUI does.
        let line = await answers.next();
        let verdict = line === null ? null : gradeLine(q, line);
        while (line !== null && verdict !== null && !verdict.graded) {
          const reason = ANSWER_PROBLEMS[verdict.problem][lang];
          if (json) emit({ type: 'retry', id: q.id, reason });
          else out(`  ${say(lang, 'again', { reason })}`);
          line = await answers.next();
          verdict = line === null ? null : gradeLine(q, line);
        }
        const given = typeof line === 'string' ? line : null;
        const correct = verdict?.graded === true && verdict.correct;
        const expected = String(q.expected);
        const shown = expectedText(q);
        // Why this wrong answer is wrong (the lesson's words, or the common mistake it is), then the rule, as the TUI shows them.
        const mistake = verdict?.graded ? verdict.wrongExplain : null;
        const explanation = q.explanation;
        results.push({ id: q.id, kind: q.ask ?? q.kind, given, expected, correct, ms: Date.now() - asked });
        if (given !== null) {
          kept.set(q.id, { value: given, correct });
          save(e.at, false);
        } else firstUnanswered ??= e.quiz.atStep; // the quiz's own stop, where the TUI opens it again
        if (json) {
          emit({ type: 'feedback', id: q.id, correct, expected, explanation: explanation[lang], ...(mistake && { mistake: mistake[lang] }) });
        } else {
          // A translated label is quoted, as the full-screen player quotes it: it can be a whole
          // clause ("drops it: a check failed"). A state or a number reads as it is.
          const label = typeof shown === 'string' || shown[lang] === expected ? (typeof shown === 'string' ? shown : shown[lang]) : `“${shown[lang]}”`;
          out(correct ? say(lang, 'right') : say(lang, given === null ? 'noAnswer' : 'wrong', { expected: label }));
          if (mistake) out(`  ${mistake[lang]}`);
          out(`  ${explanation[lang]}\n`);
        }
        break;
      }
    }
  }
  save(firstUnanswered ?? c.trace.steps.length - 1, true);
  const score = results.filter((r) => r.correct).length;
  if (json) emit({ type: 'end', score, total: results.length });
  else out(`\n${say(lang, 'score', { score, total: results.length })}`);
  if (opts.report) {
    const { file, ...about } = opts.report;
    const report = buildReport({ ...about, lesson: c.lesson.id, seed: c.seed, lang, tutor: VERSION, started, finished: Date.now(), questions: results });
    try {
      writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    } catch (err) {
      // Checked before the lesson, but a disk can fill up or a folder vanish since.
      io.stderr.write(`${sayText(REPORT.cannot, lang, { file, reason: codeOf(err) })}\n`);
      return 1;
    }
  }
  return 0;
}
