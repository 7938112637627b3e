// `tcp-tutor drill [--topic T] --plain`: one question after another until input ends.
import { randomInt } from 'node:crypto';
import { say, type Lang, type Text } from '../../i18n/text.js';
import { DRILL_TOPICS, drillRound, type DrillTopic } from '../../lesson/drill.js';
import { ANSWER_PROBLEMS, expectedText, stepsSeen } from '../../quiz/checkpoint.js';
import { gradeLine } from '../answers.js';
import { dissect } from '../../wire/dissect.js';
import { hostText } from '../../i18n/hosts.js';
import { PROTOCOL_NAMES } from '../../player/text.js';
import type { AnswerLine, AnswerSource, CliIo } from '../io.js';
import { VERDICTS } from '../plain.js';

const W = {
  intro: { en: 'Drill: {topic}. Answer each question; end input (Ctrl+D) or type q to stop.', ko: '연습: {topic}. 문제마다 답하세요. 입력을 끝내거나(Ctrl+D) q를 치면 멈춥니다.' },
  round: { en: 'Question {n} (seed {seed})', ko: '문제 {n} (시드 {seed})' },
  soFar: { en: 'What happened so far:', ko: '지금까지 일어난 일:' },
  building: { en: '({protocol} header being built)', ko: '({protocol} 헤더를 만드는 중)' },
  ...VERDICTS,
  score: { en: 'score: {right}/{total}', ko: '점수: {right}/{total}' },
} satisfies Record<string, Text>;

export async function drill(topicArg: string | undefined, seedArg: number | null, lang: Lang, io: CliIo, answers: AnswerSource): Promise<number> {
  const out = (s: string) => io.stdout.write(`${s}\n`);
  const topics: readonly DrillTopic[] = topicArg ? [topicArg as DrillTopic] : DRILL_TOPICS;
  out(say(W.intro, lang, { topic: topics.join(', ') }));
  let seed = seedArg ?? randomInt(0, 2 ** 31);
  let right = 0;
  for (let n = 1; ; n++) {
    const topic = topics[(n - 1) % topics.length]!;
    let round = drillRound(topic, seed);
    // A rare seed can draw a question its round cannot ask; draw again.
    for (let tries = 0; round === null && tries < 20; tries++) round = drillRound(topic, ++seed);
    if (!round) return 1;
    const q = round.quizzes[0]!;
    out(`\n${say(W.round, lang, { n, seed })}`);
    out(`  ${say(W.soFar, lang)}`);
    for (const s of round.trace.steps.slice(0, stepsSeen(q))) {
      if (s.kind !== 'transmit') continue;
      const f = round.trace.frames[s.frame]!;
      if (f.parent === null) out(`    ${hostText(f.from.split(':')[0]!)[lang]}: ${f.summary}`);
    }
    if (q.kind === 'field' && q.frame !== undefined) {
      const d = dissect(round.trace.frames[q.frame]!.bytes);
      const l = d?.layers.find((x) => x.fields.some((fi) => fi.key === q.field));
      if (l) out(`    ${say(W.building, lang, { protocol: PROTOCOL_NAMES[l.protocol] })}`);
    }
    out(`? ${q.prompt[lang]}`);
    if (q.kind === 'choice') q.options.forEach((o, i) => out(`    ${i + 1}) ${o.label[lang]}`));
    // An answer that cannot be read is asked again, never graded wrong.
    const quits = (line: AnswerLine | null) => typeof line === 'string' && line.trim().toLowerCase() === 'q';
    let given = await answers.next();
    let g = given === null ? null : gradeLine(q, given);
    while (given !== null && !quits(given) && g !== null && !g.graded) {
      out(`  ${say(W.again, lang, { reason: ANSWER_PROBLEMS[g.problem][lang] })}`);
      given = await answers.next();
      g = given === null ? null : gradeLine(q, given);
    }
    if (given === null || g === null || quits(given)) {
      out(`\n${say(W.score, lang, { right, total: n - 1 })}`);
      return 0;
    }
    const correct = g.graded && g.correct;
    if (correct) right++;
    const shown = expectedText(q);
    out(correct ? say(W.right, lang) : say(W.wrong, lang, { expected: typeof shown === 'string' ? shown : shown[lang] }));
    if (g.graded && g.wrongExplain) out(`  ${g.wrongExplain[lang]}`);
    out(`  ${q.explanation[lang]}`);
    seed = (seed + 1) >>> 0;
  }
}
