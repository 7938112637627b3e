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
  duplicateKey: { en: "the key '{key}' appears twice in this mapping", ko: "'{key}' 키가 같은 매핑에 두 번 나옵니다" },
  aliases: { en: 'too many aliases (*name) expand here; this looks like an alias bomb', ko: '별칭(*name)이 너무 많이 펼쳐집니다. 별칭 폭탄으로 보입니다' },
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
