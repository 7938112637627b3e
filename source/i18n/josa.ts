// Korean particles that change with the word before them: 이/가, 을/를, 은/는, 과/와, 으로/로.
// The choice follows how the word is read aloud, so digits and Latin letters count too:
// `r1이` (일), `63으로` (삼), `IPv4가` (사), `FIN은` (엔), `10을` (십). es-hangul's josa reads
// only Hangul syllables, which is why this small table exists.

/** Each particle pair: after a final consonant, after a vowel. */
const PAIRS: Readonly<Record<string, readonly [string, string]>> = {
  이: ['이', '가'], 가: ['이', '가'],
  을: ['을', '를'], 를: ['을', '를'],
  은: ['은', '는'], 는: ['은', '는'],
  과: ['과', '와'], 와: ['과', '와'],
  으로: ['으로', '로'], 로: ['으로', '로'],
  이다: ['이다', '다'], 다: ['이다', '다'],
  이나: ['이나', '나'], 나: ['이나', '나'],
};

/** The final consonant as read aloud: 'none', 'rieul' (ㄹ, which takes 로), or 'other'. */
type Ending = 'none' | 'rieul' | 'other';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL = 8;

/** The last digit, read in Sino-Korean: 일 칠 팔 end in ㄹ; 삼 육 end in other consonants. */
const DIGIT_ENDING: readonly Ending[] = ['other', 'rieul', 'none', 'other', 'none', 'none', 'other', 'rieul', 'rieul', 'none'];

/** Latin letters by their names: 엘 (L) and 알 (R) end in ㄹ, 엠 (M) and 엔 (N) in other consonants. */
function letterEnding(c: string): Ending {
  switch (c.toLowerCase()) {
    case 'l':
    case 'r':
      return 'rieul';
    case 'm':
    case 'n':
      return 'other';
    default:
      return 'none';
  }
}

/**
 * English words a Korean reader says as loanwords, not letter by letter: `server` is 서버
 * (no final consonant), not 에스-이-알-브이-이-알. The hosts of the built-in topologies.
 */
const LOANWORDS: Readonly<Record<string, Ending>> = {
  server: 'none', client: 'none', router: 'none', switch: 'none', host: 'none', dns: 'none', web: 'other',
};

function endingOf(word: string): Ending | null {
  const last = /([a-z]+)[^\p{L}\p{N}]*$/iu.exec(word)?.[1]?.toLowerCase();
  if (last !== undefined && Object.hasOwn(LOANWORDS, last)) return LOANWORDS[last]!;
  // A particle agrees with the word before a parenthesis: `서버(10.0.0.80)가`. Past closing
  // quotes and spaces, `“GET /”` reads as its last letter.
  const bare = word.replace(/\s*\([^()]*\)\s*$/u, '');
  const m = /([\p{L}\p{N}])[^\p{L}\p{N}]*$/u.exec(bare === '' ? word : bare);
  if (!m) return null;
  const c = m[1]!;
  const code = c.codePointAt(0)!;
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const jong = (code - HANGUL_FIRST) % 28;
    return jong === 0 ? 'none' : jong === RIEUL ? 'rieul' : 'other';
  }
  if (c >= '0' && c <= '9') {
    // A number ending in 0 is read by its last place: 영, 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ),
    // all ending in a consonant other than ㄹ.
    return c === '0' ? 'other' : DIGIT_ENDING[Number(c)]!;
  }
  if (/[a-z]/i.test(c)) return letterEnding(c);
  return null;
}

/**
 * The particle `particle` (either form of its pair: `을` or `를`) as it goes after `word`.
 * A word whose reading cannot be told keeps both forms, `을(를)`.
 */
export function josa(word: string, particle: string): string {
  const pair = PAIRS[particle];
  if (!pair) return particle;
  const e = endingOf(word);
  if (e === null) return `${pair[0]}(${pair[1]})`;
  if (pair[0] === '으로') return e === 'other' ? '으로' : '로';
  return e === 'none' ? pair[1] : pair[0];
}

/** `word` with its particle: `withJosa('r1', '이')` is `r1이`. */
export function withJosa(word: string, particle: string): string {
  return word + josa(word, particle);
}
