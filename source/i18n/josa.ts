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
 * (no final consonant), not 에스-이-알-브이-이-알. The hosts of the built-in topologies,
 * host names a lesson author is likely to pick, and words the rules in `wordEnding` would
 * read otherwise than a Korean network engineer does.
 */
const LOANWORDS: Readonly<Record<string, Ending>> = {
  server: 'none', client: 'none', router: 'none', switch: 'none', host: 'none', dns: 'none', web: 'other',
  laptop: 'other', desktop: 'other', // 랩톱, 데스크톱
  type: 'other', // 타입: `Hardware type`, `EtherType`
  mac: 'other', // 맥, as in 맥 주소
  app: 'other', // 앱
};

/**
 * Tokens read as a whole, by the TCP state and flag names (RFC 9293) a Korean network
 * engineer says aloud. Most need no entry: LISTEN (리슨), CLOSED (클로즈드), SYN_SENT (신
 * 센트), TIME_WAIT (타임 웨이트) end as their last letter reads; CLOSING (클로징) is read by
 * the -ing rule. ACK is said both 액 and 에이씨케이, so alone (and in SYN-ACK, FIN+ACK) it
 * keeps the letter-by-letter reading it always had (`ACK를`); inside the state name LAST_ACK
 * it is only ever 라스트 액. The digit of FIN_WAIT_1 is read in English with the rest of
 * the name (핀 웨이트 원, 투), not 일.
 */
const TOKENS: Readonly<Record<string, Ending>> = {
  last_ack: 'other', // 라스트 액
  fin_wait_1: 'other', // 핀 웨이트 원
  fin_wait_2: 'none', // 핀 웨이트 투
};

const VOWEL = /[aeiou]/i;

/**
 * How an English word (not an acronym) ends when said as a Korean loanword, where that
 * differs from its last letter's name: `Number` is 넘버 (not 알), `Padding` 패딩 (ㅇ),
 * `Offset` 오프셋 (ㅅ), `Available` 어베일러블 (ㄹ), `Name` 네임 (ㅁ). Null: read the last
 * letter by its name, which is right for every other ending (-s 스, -d 드, -t 트, -e …).
 */
function wordEnding(w: string): Ending | null {
  const lower = w.toLowerCase();
  // -ing, -ong: 클로징, 핑 (ㅇ). Any case: CLOSING, PING.
  if (lower.length >= 4 && /[aeiou]ng$/.test(lower)) return 'other';
  // Upper case is an acronym (RST, ECN) unless a rule above or a table says otherwise.
  if (w === w.toUpperCase()) return null;
  if (lower.length < 3) return null;
  // -er, -or, -ar, -our: 넘버, 포인터, 앤서 (a vowel).
  if (/[aeiou]r$/.test(lower)) return 'none';
  // -et after a consonant: 오프셋, 타깃, 패킷, 소켓 (ㅅ).
  if (/[^aeiou]et$/.test(lower)) return 'other';
  // A silent e: -le 어베일러블, 파일 (ㄹ); -me 네임, 타임 and -ne 라인, 폰 (ㅁ, ㄴ).
  if (/le$/.test(lower) && VOWEL.test(lower.slice(0, -2))) return 'rieul';
  if (/[mn]e$/.test(lower) && VOWEL.test(lower.slice(0, -2))) return 'other';
  return null;
}

function endingOf(word: string): Ending | null {
  // A particle agrees with the word before a parenthesis: `서버(10.0.0.80)가`, `Sender MAC
  // address (arp.src.hw_mac)는`. Past closing quotes and spaces, `“GET /”` reads as its last letter.
  const stripped = word.replace(/\s*\([^()]*\)\s*$/u, '');
  const bare = stripped === '' ? word : stripped;
  const token = /([a-z0-9_]+)[^\p{L}\p{N}]*$/iu.exec(bare)?.[1]?.toLowerCase();
  if (token !== undefined && Object.hasOwn(TOKENS, token)) return TOKENS[token]!;
  const last = /([a-z]+)[^\p{L}\p{N}]*$/iu.exec(bare)?.[1]?.toLowerCase();
  if (last !== undefined && Object.hasOwn(LOANWORDS, last)) return LOANWORDS[last]!;
  const m = /([\p{L}\p{N}])[^\p{L}\p{N}]*$/u.exec(bare);
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
  if (/[a-z]/i.test(c)) {
    // The word the last letter ends (the bracket after it already left out above).
    const own = /([a-z]+)$/i.exec(bare.replace(/[^\p{L}\p{N}]+$/u, ''))?.[1];
    return (own !== undefined ? wordEnding(own) : null) ?? letterEnding(c);
  }
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
