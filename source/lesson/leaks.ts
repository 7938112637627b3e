// A quiz must not be answerable by reading the screen. The player hides what the trace
// shows (player/screen.ts); this checks what the lesson's author wrote: a `say` shown at a
// quiz's stop that already states its answer. `validate` reports it as a warning.
import type { Lang } from '../i18n/text.js';
import type { Checkpoint } from '../quiz/checkpoint.js';
import type { CompiledLesson } from './compile.js';
import type { LoadedLesson } from './loader.js';
import { problemText, type Problem } from './problems.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a sentence must be about to state a number or a field's value as a quiz's answer:
 * the thing asked, in either language. A lesson has to give the learner what the answer is
 * worked out from (the resolver's address to ARP for, the buffer's size an empty buffer
 * advertises), and the same number in a sentence about something else is that premise,
 * not the answer: "the DNS server at 192.168.1.53" tells whom to ask, "the client ARPs
 * for 192.168.1.53" answers. A state or flag name is the answer wherever it stands.
 */
const NUMBER_SUBJECTS: Partial<Record<NonNullable<Checkpoint['ask']>, RegExp>> = {
  seq: /\bseq|sequence|시퀀스/i,
  'next-seq': /\bseq|sequence|시퀀스/i,
  ack: /\back|acknowledg|확인 응답/i,
  window: /window|윈도/i,
  ttl: /\bTTL\b/i,
  'src-port': /port|포트/i,
  'dst-port': /port|포트/i,
  length: /length|long|bytes?\b|길이|바이트/i,
  cwnd: /cwnd|congestion window|혼잡 윈도/i,
  ssthresh: /ssthresh|threshold|임계/i,
  inFlight: /flight|전송 중/i,
};

/** A header field's protocol, as a sentence about that header would name it. */
const FIELD_SUBJECTS: Readonly<Record<string, RegExp>> = {
  arp: /\bARP/,
  eth: /\bMAC\b|Ethernet|이더넷/i,
  ip: /\bIP(v4)?\b|\bTTL\b/,
  tcp: /\bTCP\b|\bseq|\back|port|포트/i,
  udp: /\bUDP\b|port|포트/i,
  dns: /\bDNS\b/,
  http: /\bHTTP\b/,
  icmp: /\bICMP\b|\bping\b/i,
};

function subjectOf(cp: Checkpoint): RegExp | null {
  const field = cp.kind === 'field' || (cp.kind === 'number' && cp.ask === 'blank') ? cp.field : undefined;
  if (field !== undefined) return FIELD_SUBJECTS[field.split('.')[0]!] ?? null;
  if (cp.kind === 'number' && cp.ask !== undefined) return NUMBER_SUBJECTS[cp.ask] ?? null;
  return null;
}

/** A paragraph's sentences, so that a number and what it is about are read together. */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/);

/**
 * How each answer is written where a learner would read it, as patterns, or null for
 * quizzes whose answer is prose (a layer, yes or no, a receiver's reaction) and cannot be
 * matched word for word. `subject`: what a sentence holding the answer must be about to
 * state it (see NUMBER_SUBJECTS); null when any mention states it.
 */
function answerPatterns(cp: Checkpoint): { readonly shown: string; readonly patterns: readonly RegExp[]; readonly subject?: RegExp | null } | null {
  const number = (n: string) => new RegExp(`(?<![\\d.§])${escape(n)}(?![\\d]|\\.\\d)`);
  switch (cp.kind) {
    case 'number':
      return { shown: String(cp.expected), patterns: [number(String(cp.expected))], subject: subjectOf(cp) };
    case 'field':
      // A single bit or digit is everywhere in a header's text; only longer values are telling.
      if (cp.expected.length < 2) return null;
      return {
        shown: cp.expected, subject: subjectOf(cp),
        patterns: [/^\d+$/.test(cp.expected) ? number(cp.expected) : new RegExp(`(?<![\\w:])${escape(cp.expected)}(?![\\w:])`, 'i')],
      };
    case 'choice':
      if (cp.ask === 'state') {
        // As netstat writes it (SYN_SENT) or as ss and the RFC do (SYN-SENT); upper case, so
        // that "closed" in a sentence is not the state CLOSED.
        const dashed = cp.expected.replace(/_/g, '-');
        return { shown: cp.expected, patterns: [cp.expected, dashed].map((s) => new RegExp(`(?<![A-Za-z_-])${escape(s)}(?![A-Za-z_-])`)) };
      }
      if (cp.ask === 'flags') {
        const label = cp.options.find((o) => o.value === cp.expected)?.label.en.replace(/^\[[^\]]*\]\s*/, '') ?? '';
        const patterns = [new RegExp(escape(`[${cp.expected}]`))];
        if (label.includes('+')) patterns.push(new RegExp(`(?<![\\w+])${escape(label)}(?![\\w+])`));
        return { shown: `[${cp.expected}]`, patterns };
      }
      return null;
    case 'order':
      // An order of shuffled frames is not a phrase a paragraph could state.
      return null;
  }
}

/**
 * Warnings for quizzes whose answer is in a `say` the learner reads on the way to the quiz:
 * one shown after the previous quiz stop and at or before this one.
 */
export function quizLeaks(loaded: LoadedLesson, compiled: Pick<CompiledLesson, 'narration' | 'quizzes'>, lang: Lang): Problem[] {
  const { lesson, file } = loaded;
  const sayIndex = lesson.script.flatMap((s, i) => (s.say ? [i] : []));
  const quizIndex = new Map(lesson.script.flatMap((s, i) => (s.quiz ? [[s.quiz.id, i] as const] : [])));
  const stops = [...new Set(compiled.quizzes.map((q) => q.atStep))].sort((a, b) => a - b);
  const out: Problem[] = [];
  for (const cp of compiled.quizzes) {
    const answer = answerPatterns(cp);
    const qi = quizIndex.get(cp.id);
    if (!answer || qi === undefined) continue;
    const before = stops.filter((s) => s < cp.atStep);
    const since = before.length ? before[before.length - 1]! : -1;
    compiled.narration.forEach((n, k) => {
      if (n.at <= since || n.at > cp.atStep) return;
      const states = (text: string) => sentences(text).some((t) => answer.patterns.some((re) => re.test(t)) && (answer.subject?.test(t) ?? true));
      if (!states(n.text.en) && !states(n.text.ko)) return;
      const say = loaded.positionOf(['script', sayIndex[k]!, 'say']);
      out.push({
        file, ...loaded.positionOf(['script', qi, 'quiz']),
        message: problemText(lang, 'answerShown', { answer: answer.shown, line: say.line }),
      });
    });
  }
  return out;
}
