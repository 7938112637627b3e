// The plain and JSON Lines modes' runner: a playable lesson told as text, answers read one
// per line. `play --plain` and `replay --plain` both tell their story through it.
import { writeFileSync } from 'node:fs';
import { say as sayText, type Lang } from '../i18n/text.js';
import type { PlayableLesson } from '../lesson/compile.js';
import { causeText } from '../i18n/tcp-causes.js';
import { ANSWER_PROBLEMS, expectedText, grade } from '../quiz/checkpoint.js';
import { walk } from '../lesson/walk.js';
import type { AnswerSource, CliIo } from './io.js';

export interface PlayOptions {
  readonly lang: Lang;
  readonly seed: number | null;
  readonly json: boolean;
  readonly report: string | null;
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
  typeOrder: { en: 'Type their numbers, first sent first (like 3 1 2):', ko: '먼저 보내는 것부터 번호를 입력하세요(예: 3 1 2):' },
} as const;

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

  if (json) emit({ type: 'start', ...intro.json, quizzes: c.quizzes.length });
  else {
    for (const line of intro.lines) out(line);
    out('');
  }
  let n = 0;
  for (const e of walk(c)) {
    switch (e.kind) {
      case 'narration':
        if (json) emit({ type: 'step', n: ++n, kind: 'narration', text: e.text[lang] });
        else out(`${e.text[lang]}\n`);
        break;
      case 'frame': {
        const num = frameNumber(e.frame);
        if (json) emit({ type: 'step', n: ++n, kind: 'frame', frame: num, from: e.from, summary: e.summary });
        else out(`  ${num === null ? '' : `[${say(lang, 'frame', { n: num })}] `}${e.from}: ${e.summary}`);
        break;
      }
      case 'state':
        if (json) emit({ type: 'step', n: ++n, kind: 'state', host: e.host, from: e.from, to: e.to, cause: causeText(e.cause)[lang], rfc: e.cause.rfc });
        else out(`    ${e.host}: ${e.from} → ${e.to}`);
        break;
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
        let given = await answers.next();
        let verdict = given === null ? null : grade(q, given);
        while (given !== null && verdict !== null && !verdict.graded) {
          const reason = ANSWER_PROBLEMS[verdict.problem][lang];
          if (json) emit({ type: 'retry', id: q.id, reason });
          else out(`  ${say(lang, 'again', { reason })}`);
          given = await answers.next();
          verdict = given === null ? null : grade(q, given);
        }
        const correct = verdict?.graded === true && verdict.correct;
        const expected = String(q.expected);
        const shown = expectedText(q);
        const explanation = (verdict?.graded ? verdict.wrongExplain : null) ?? q.explanation;
        results.push({ id: q.id, kind: q.ask ?? q.kind, given, expected, correct, ms: Date.now() - asked });
        if (json) {
          emit({ type: 'feedback', id: q.id, correct, expected, explanation: explanation[lang] });
        } else {
          const label = typeof shown === 'string' ? shown : shown[lang];
          out(correct ? say(lang, 'right') : say(lang, given === null ? 'noAnswer' : 'wrong', { expected: label }));
          out(`  ${explanation[lang]}\n`);
        }
        break;
      }
    }
  }
  const score = results.filter((r) => r.correct).length;
  if (json) emit({ type: 'end', score, total: results.length });
  else out(`\nscore: ${score}/${results.length}`);
  if (opts.report) {
    const report = {
      lesson: c.lesson.id, seed: c.seed, lang, startedAt: new Date(started).toISOString(), seconds: Math.round((Date.now() - started) / 1000),
      score, total: results.length, questions: results,
    };
    writeFileSync(opts.report, `${JSON.stringify(report, null, 2)}\n`);
  }
  return 0;
}
