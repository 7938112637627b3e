// How long a lesson takes, read off what the player shows: every stop's note and narration,
// each quiz's prompt, options and explanation, and the closing words, at a reading speed
// from the literature, plus a fixed time to answer each quiz. The menu, `list` and
// `progress` all show this one number (through the lesson catalog).
//
// Reading speeds:
// - English: Brysbaert (2019), "How many words do we read per minute? A review and
//   meta-analysis of reading rate", Journal of Memory and Language 109, 104047: silent
//   reading of English non-fiction averages 238 words a minute, most adults between 175 and
//   300. The tutor's text is dense, every sentence with numbers to check against the
//   frames, so we take 200, toward the slow end.
// - Korean: Trauzettel-Klosinski & Dietz (2012), "Standardized Assessment of Reading
//   Performance: The New International Reading Speed Texts IReST", IOVS 53(9) 5452–5461:
//   across 17 languages, 370 syllables a minute read aloud. Silent reading is faster by
//   238 / 183 (Brysbaert's silent and oral means), and we slow it for technical text as for
//   English (200 / 238): 370 × 200 / 183 ≈ 400 syllables a minute. A Hangul block is one
//   syllable; a run of Latin letters or digits (SYN, 1460, tcp.seq) counts as one, as it is
//   read at a glance like a short word.
// - Answering: 30 seconds a quiz beyond reading it, for working out the number or the
//   choice and typing it. Our own estimate, not a measured one.
import type { Lang, Text } from '../i18n/text.js';
import type { CompiledLesson } from '../lesson/compile.js';
import { answerOf, atEnd, createPlayer, currentCheckpoint, isBlocked, update, type PlayerModel } from '../player/model.js';
import { selectNarration, selectNote } from '../player/screen.js';
import { toPlayer } from './to-player.js';

export const ENGLISH_WORDS_PER_MINUTE = 200;
export const KOREAN_SYLLABLES_PER_MINUTE = 400;
export const ANSWER_SECONDS = 30;

/** Minutes in each language: English readers count words, Korean readers syllables. */
export interface LessonMinutes {
  readonly en: number;
  readonly ko: number;
}

/**
 * How much there is to read in `text`: English words (whitespace-separated runs holding a
 * letter or digit; `=` and `+` alone are not words), or Korean syllables (each Hangul block,
 * and each run of Latin letters or digits as one).
 */
export function readingUnits(text: string, lang: Lang): number {
  if (lang === 'en') return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return (text.match(/[\uac00-\ud7a3]|[A-Za-z0-9]+/g) ?? []).length;
}

/**
 * Minutes to read `texts` and answer `quizzes` quizzes, rounded, at least 1. A sentence met
 * again (the eleven states under every state quiz, "The Link layer writes its whole Ethernet
 * header: 4 fields." at every frame) is recognized at a glance, so each is read once.
 */
export function readingMinutes(texts: readonly Text[], quizzes: number): LessonMinutes {
  const minutes = (lang: Lang, perMinute: number) => {
    const units = [...new Set(texts.map((t) => t[lang].trim()))].reduce((n, t) => n + readingUnits(t, lang), 0);
    return Math.max(1, Math.round(units / perMinute + (quizzes * ANSWER_SECONDS) / 60));
  };
  return { en: minutes('en', ENGLISH_WORDS_PER_MINUTE), ko: minutes('ko', KOREAN_SYLLABLES_PER_MINUTE) };
}

/** Everything a learner reads in a lesson played through with → and right answers, stop by stop. */
export function shownTexts(c: CompiledLesson): { readonly texts: readonly Text[]; readonly quizzes: number } {
  const { trace, lesson, options } = toPlayer(c);
  let m: PlayerModel = createPlayer(trace, lesson, options);
  const texts: Text[] = [];
  let quizzes = 0;
  const seen = new Set<number>();
  for (let guard = 0; guard < 100_000; guard++) {
    if (!seen.has(m.pos)) {
      seen.add(m.pos);
      const note = selectNote(m);
      if (note) texts.push(note);
      texts.push(selectNarration(m));
    }
    const cp = currentCheckpoint(m);
    if (cp && isBlocked(m) && !answerOf(m, cp.id)) {
      quizzes++;
      texts.push(cp.prompt, cp.explanation);
      if (cp.kind === 'choice') texts.push(...cp.options.map((o) => o.label));
      if (cp.kind === 'order') texts.push(...cp.items.map((i) => ({ en: i.brief, ko: i.brief })));
      m = update(m, { type: 'answer', value: String(cp.expected) });
      continue;
    }
    if (atEnd(m)) break;
    m = update(m, { type: 'next' });
    // At the last stop, → opens the lesson's summary.
    if (m.notice?.kind === 'atEnd' || m.summary !== null) break;
  }
  texts.push(...m.book.closing);
  return { texts, quizzes };
}

/** The one number the menu, `list` and `progress` show for a compiled lesson. */
export function lessonMinutes(c: CompiledLesson): LessonMinutes {
  const { texts, quizzes } = shownTexts(c);
  return readingMinutes(texts, quizzes);
}
