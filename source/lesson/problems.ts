import { say, type Lang, type Text } from '../i18n/text.js';

/** One thing wrong with a lesson file, at a place a person can jump to. */
export interface Problem {
  readonly file: string;
  /** 1-based, as editors count. */
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** `file:line:col: message`, the form editors and CI logs link to. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** The validator's own messages, in both languages; `{name}` placeholders. */
export const PROBLEM_TEXT = {
  tooBig: { en: 'the file is {size} bytes; lessons are limited to {limit}', ko: '파일이 {size}바이트입니다. 레슨은 {limit}바이트까지만 됩니다' },
  notAFile: { en: 'not a regular file (a folder, a device or a pipe): give the path of a .yaml lesson', ko: '일반 파일이 아닙니다(폴더, 장치, 파이프). .yaml 레슨 파일의 경로를 주세요' },
  notUtf8: { en: 'the file is not UTF-8 text', ko: '파일이 UTF-8 텍스트가 아닙니다' },
  yaml: { en: 'YAML: {message}', ko: 'YAML 문법 오류: {message}' },
  yamlOther: { en: 'YAML: {message}', ko: 'YAML 문법 오류입니다({code})' },
  duplicateKey: { en: "the key '{key}' appears twice in this mapping", ko: "'{key}' 키가 같은 매핑에 두 번 나옵니다" },
  aliases: { en: 'too many aliases (*name) expand here; this looks like an alias bomb', ko: '별칭(*name)이 너무 많이 펼쳐집니다. 별칭 폭탄으로 보입니다' },
  complexKey: { en: "a field name is plain text, not a list or a mapping ('? ' key)", ko: "필드 이름은 목록이나 매핑이 아니라 평범한 텍스트여야 합니다('? ' 키)" },
  hostileKey: { en: "the key '{key}' is not allowed", ko: "'{key}' 키는 쓸 수 없습니다" },
  tooDeep: { en: 'nested more than {limit} levels deep', ko: '{limit}단계보다 깊게 중첩되어 있습니다' },
  empty: { en: 'the file is empty: a lesson needs id, title, summary, level, topics, topology and script', ko: '파일이 비어 있습니다. 레슨에는 id, title, summary, level, topics, topology, script가 필요합니다' },
  notMapping: { en: 'a lesson is a mapping of fields (id, title, …), not {what}', ko: '레슨은 필드(id, title, …)의 매핑이어야 합니다. {what:이} 아닙니다' },
  unknownField: { en: "unknown field '{key}'{suggestion}", ko: "알 수 없는 필드 '{key}'{suggestion}" },
  didYouMean: { en: " (did you mean '{name}'?)", ko: " (혹시 '{name}' 말인가요?)" },
  missingText: { en: 'missing the {language} text ({key})', ko: '{language} 텍스트({key})가 없습니다' },
  missingField: { en: "missing required field '{key}'", ko: "필수 필드 '{key}' 항목이 없습니다" },
  wrongType: { en: "'{key}' should be {expected}, not {received}", ko: "'{key}'에는 {expected:이} 와야 합니다. {received:은} 안 됩니다" },
  badValue: { en: "'{key}' must be one of {values}, not {received}", ko: "'{key}' 값은 {values} 중 하나여야 합니다. {received:은} 안 됩니다" },
  tooSmall: { en: "'{key}' is too small: {message}", ko: "'{key}' 값이 너무 작습니다: {message}" },
  tooBigValue: { en: "'{key}' is too big: {message}", ko: "'{key}' 값이 너무 큽니다: {message}" },
  other: { en: "'{key}': {message}", ko: "'{key}': {message}" },
  unreadable: { en: 'cannot read the file: {message}', ko: '파일을 읽을 수 없습니다: {message}' },
  answerShown: {
    en: 'warning: the answer ({answer}) is already in the text shown at this quiz’s stop (the say at line {line}), so it can be read off the screen; reword the text or move the quiz before it',
    ko: '경고: 답({answer})이 이 퀴즈가 멈추는 곳에 보이는 글(줄 {line}의 say)에 이미 나와 화면에서 그대로 읽을 수 있습니다. 글을 고치거나 퀴즈를 그 앞으로 옮기세요',
  },
} as const satisfies Record<string, Text>;

export type ProblemKey = keyof typeof PROBLEM_TEXT;

export function problemText(lang: Lang, key: ProblemKey, params: Readonly<Record<string, string | number>> = {}): string {
  return say(PROBLEM_TEXT[key], lang, params);
}

/**
 * The schema's own messages. zod carries a message as one string, so a message from this
 * table travels marked (`localMessage`) and the loader words it in the learner's language
 * (`messageIn`); English and Korean stay side by side here.
 */
export const SCHEMA_TEXT = {
  textEmpty: { en: 'the {what} is empty', ko: '{what:이} 비어 있습니다' },
  textLong: { en: 'the {what} is longer than {max} characters', ko: '{what:이} {max}자를 넘습니다' },
  textControl: {
    en: 'the {what} holds a control character (such as ESC), which would reach the terminal raw',
    ko: '{what}에 제어 문자(ESC 등)가 들어 있습니다. 터미널에 그대로 전달되어 화면을 망가뜨립니다',
  },
  nameLong: { en: 'names are at most {max} characters', ko: '이름은 {max}자까지 쓸 수 있습니다' },
  nameForm: { en: 'use lowercase letters, digits and dashes, starting with a letter', ko: '영문 소문자, 숫자, 대시(-)만 쓰고, 첫 글자는 영문자로 쓰세요' },
  notIpv4: { en: 'not an IPv4 address (like 192.168.1.10)', ko: 'IPv4 주소가 아닙니다(예: 192.168.1.10)' },
  notMac: { en: 'not a MAC address (like 02:00:00:00:00:0a)', ko: 'MAC 주소가 아닙니다(예: 02:00:00:00:00:0a)' },
  notCidr: { en: 'not a prefix in CIDR form (like 10.0.2.0/24)', ko: 'CIDR 형식의 프리픽스가 아닙니다(예: 10.0.2.0/24)' },
  atMostMillis: { en: 'at most {max} ms (a day)', ko: '최대 {max}ms(하루)까지입니다' },
  atMostBytes: { en: 'at most {max} bytes', ko: '최대 {max}바이트까지입니다' },
  minAboveMax: { en: 'min is above max', ko: 'min이 max보다 큽니다' },
  notDnsName: { en: 'not a DNS name: {why}', ko: 'DNS 이름이 아닙니다. {why}' },
  flagLetters: { en: 'flags are letters from CEUAPRSF', ko: '플래그는 CEUAPRSF 중의 글자로 씁니다' },
  textOrBytes: { en: 'give either text or bytes', ko: 'text와 bytes 중 하나만 쓰세요' },
  oneAction: { en: 'a step takes one action, not {actions}', ko: '한 단계에는 동작을 하나만 씁니다. 여기에는 {actions:이} 함께 있습니다' },
  emptyStep: { en: 'an empty step: give say, view or one of {actions}', ko: '빈 단계입니다. say, view 또는 {actions} 중 하나를 쓰세요' },
  maxSteps: { en: 'a script of at most {max} steps', ko: '스크립트는 최대 {max}단계까지입니다' },
  maxConnects: { en: 'at most {max} connects in a lesson', ko: '레슨 하나에 connect는 최대 {max}개까지입니다' },
  togetherOne: { en: 'each entry of together takes exactly one of {actions}{given}', ko: 'together의 항목마다 {actions} 중 정확히 하나를 씁니다{given}' },
  togetherMin: { en: 'together needs two actions or more', ko: 'together에는 동작이 두 개 이상 필요합니다' },
  togetherMax: { en: 'at most {max} actions together', ko: 'together에는 동작을 최대 {max}개까지 씁니다' },
  aboveZero: { en: 'must be above 0', ko: '0보다 커야 합니다' },
  atLeast: { en: 'at least {min}', ko: '{min} 이상이어야 합니다' },
  above: { en: 'above {min}', ko: '{min}보다 커야 합니다' },
  atMost: { en: 'at most {max}', ko: '{max} 이하여야 합니다' },
  below: { en: 'below {max}', ko: '{max}보다 작아야 합니다' },
} as const satisfies Record<string, Text>;

/** What a text field is called in a message. */
export const TEXT_WHAT = {
  text: { en: 'text', ko: '텍스트' },
  title: { en: 'title', ko: '제목' },
  summary: { en: 'summary', ko: '요약' },
} as const satisfies Record<string, Text>;

/** Why a DNS name cannot be sent (RFC 1035 §2.3.4), in each language. */
export const DNS_NAME_TEXT = {
  'empty-label': { en: 'an empty label (two dots in a row, or a leading dot)', ko: '빈 레이블이 있습니다(점 두 개가 붙었거나 점으로 시작함)' },
  'long-label': { en: 'a label of {length} bytes; {max} is the most', ko: '레이블 하나가 {length}바이트입니다. 최대 {max}바이트입니다' },
  'long-name': { en: 'longer than {max} bytes on the wire', ko: '전송되는 이름이 {max}바이트를 넘습니다' },
  'bad-byte-escape': { en: 'the escape {escape} is not a byte', ko: '이스케이프 {escape:은} 바이트 값이 아닙니다' },
  'bad-escape': { en: 'a dangling or bad escape', ko: '잘못되었거나 끝나지 않은 이스케이프가 있습니다' },
  'bad-character': { en: 'the character {character}; write bytes as \\DDD', ko: '{character} 문자는 쓸 수 없습니다. 바이트는 \\DDD로 쓰세요' },
} as const satisfies Record<string, Text>;

/** Why a URL cannot be fetched by the simulated client, in each language. */
export const URL_TEXT = {
  'not-http': { en: 'not an http:// URL (like http://server/ or http://server:8080/index.html)', ko: 'http:// URL이 아닙니다(예: http://server/, http://server:8080/index.html)' },
  'bad-port': { en: 'port {port} is not between 1 and 65535', ko: '포트 {port:은} 1부터 65535 사이가 아닙니다' },
  control: { en: 'a URL cannot hold spaces or control characters (they would break the request line)', ko: 'URL에는 공백이나 제어 문자를 쓸 수 없습니다(요청 줄이 깨집니다)' },
} as const satisfies Record<string, Text>;

const MARK = 'tcp-tutor:text:';

/** A message in both languages, as one string zod can carry. */
export function localMessage(text: Text, params: Readonly<Record<string, string | number | Text>> = {}): string {
  return MARK + JSON.stringify({ en: say(text, 'en', params), ko: say(text, 'ko', params) });
}

/** A message as the learner reads it: a marked one in their language, any other as it is. */
export function messageIn(message: string, lang: Lang): string {
  if (!message.startsWith(MARK)) return message;
  try {
    const t = JSON.parse(message.slice(MARK.length)) as Text;
    return t[lang];
  } catch {
    return message;
  }
}

/** True when zod's message is one of ours rather than its English default. */
export function isLocalMessage(message: string): boolean {
  return message.startsWith(MARK);
}

/**
 * The YAML parser's complaints in Korean, by its error code. English keeps the parser's own
 * message, which is precise; Korean must not show it.
 */
export const YAML_KO: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: '들여쓰기에 탭이 쓰였습니다. YAML은 공백으로 들여씁니다',
  BAD_INDENT: '들여쓰기가 주변 줄과 맞지 않습니다',
  MISSING_CHAR: 'YAML이 기대하는 문자가 빠졌습니다(키 뒤의 콜론, 닫는 괄호나 따옴표)',
  BLOCK_AS_IMPLICIT_KEY: '키가 와야 할 자리에 목록이나 매핑이 있습니다. 위쪽 들여쓰기를 확인하세요',
  MULTILINE_IMPLICIT_KEY: '키가 여러 줄에 걸쳐 있습니다. 콜론(:)이 빠지지 않았나요?',
  UNEXPECTED_TOKEN: '여기에 올 수 없는 글자가 있습니다',
  BAD_SCALAR_START: '값이 이 문자로 시작할 수 없습니다. 따옴표로 감싸세요',
  BAD_DQ_ESCAPE: '큰따옴표 문자열 안의 이스케이프가 잘못되었습니다',
  BLOCK_IN_FLOW: '[ ]나 { } 안에 들여쓴 블록이 있습니다',
  MULTIPLE_DOCS: '파일에 YAML 문서(---)가 둘 이상 있습니다',
  KEY_OVER_1024_CHARS: '키가 1024자보다 깁니다',
  BAD_ALIAS: '가리키는 앵커가 없는 별칭(*name)입니다',
};
