import { say, type Lang, type Text } from './text.js';

/**
 * Every string the CLI says to a person, in both languages. Placeholders are `{name}`.
 * Korean is written for Korean learners, not translated word for word.
 */
export const MESSAGES = {
  tagline: {
    en: 'tcp-tutor: step through TCP/IP one header field at a time',
    ko: 'tcp-tutor: TCP/IP를 헤더 필드 하나하나 따라가며 배우기',
  },
  usage: {
    en: 'Usage: tcp-tutor [command] [options]',
    ko: '사용법: tcp-tutor [명령] [옵션]',
  },
  helpHint: {
    en: "Run 'tcp-tutor --help' to see commands and options.",
    ko: "'tcp-tutor --help'로 명령과 옵션을 볼 수 있습니다.",
  },
  commandHelpHint: {
    en: "Run 'tcp-tutor {command} --help' for its options.",
    ko: "'tcp-tutor {command} --help'로 옵션을 볼 수 있습니다.",
  },
  unknownCommand: {
    en: "tcp-tutor: unknown command '{name}'{suggestion}",
    ko: "tcp-tutor: 알 수 없는 명령 '{name}'{suggestion}",
  },
  unknownOption: {
    en: "tcp-tutor: unknown option '{name}'{suggestion}",
    ko: "tcp-tutor: 알 수 없는 옵션 '{name}'{suggestion}",
  },
  didYouMean: {
    en: " (did you mean '{name}'?)",
    ko: " (혹시 '{name}' 말인가요?)",
  },
  missingValue: {
    en: "tcp-tutor: option '{name}' needs a value",
    ko: "tcp-tutor: 옵션 '{name}'에는 값이 필요합니다",
  },
  badLang: {
    en: "tcp-tutor: --lang takes 'ko' or 'en', not '{value}'",
    ko: "tcp-tutor: --lang에는 'ko' 또는 'en'만 쓸 수 있습니다 ('{value}' 값은 안 됩니다)",
  },
  badSeed: {
    en: "tcp-tutor: --seed takes a whole number from 0 to 4294967295, not '{value}'",
    ko: "tcp-tutor: --seed에는 0부터 4294967295까지의 정수를 씁니다 ('{value}' 값은 안 됩니다)",
  },
  badChoice: {
    en: "tcp-tutor: {name} takes one of {choices}, not '{value}'",
    ko: "tcp-tutor: {name}에는 {choices} 중 하나를 씁니다 ('{value}' 값은 안 됩니다)",
  },
  badInteger: {
    en: "tcp-tutor: {name} takes a whole number, not '{value}'",
    ko: "tcp-tutor: {name}에는 정수를 씁니다 ('{value}' 값은 안 됩니다)",
  },
  missingArgument: {
    en: "tcp-tutor {command}: missing {what}",
    ko: "tcp-tutor {command}: {what:이} 빠졌습니다",
  },
  tooManyArguments: {
    en: "tcp-tutor {command}: unexpected argument '{value}'",
    ko: "tcp-tutor {command}: 예상하지 못한 인자 '{value}'",
  },
  noTerminalMenu: {
    en: "The lesson menu needs a terminal. Without one, play a lesson as text: 'tcp-tutor play ID --plain'.",
    ko: "레슨 메뉴는 터미널에서 열립니다. 터미널이 없으면 텍스트로 진행하세요: 'tcp-tutor play ID --plain'.",
  },
  noTerminalCourse: {
    en: "A course's menu needs a terminal. Without one, play a lesson in it as text: 'tcp-tutor play {dir}/FILE.yaml --plain'.",
    ko: "코스 메뉴는 터미널에서 열립니다. 터미널이 없으면 그 안의 레슨 하나를 텍스트로 진행하세요: 'tcp-tutor play {dir}/FILE.yaml --plain'.",
  },
  watchNeedsTerminal: {
    en: "tcp-tutor play: --watch reloads the lesson in the full-screen player, which needs a terminal (and no --plain, --json or --report). To check a lesson as you write it: 'tcp-tutor validate --watch FILE'.",
    ko: "tcp-tutor play: --watch는 전체 화면 플레이어에서 레슨을 다시 불러오므로 터미널이 필요합니다(--plain, --json, --report 없이). 작성하면서 검사하려면: 'tcp-tutor validate --watch FILE'.",
  },
  playFolderPlain: {
    en: "tcp-tutor play: {dir} is a course folder, whose menu needs a terminal. Without one, play a lesson in it: 'tcp-tutor play {dir}/FILE.yaml --plain' ('tcp-tutor list {dir}' lists them).",
    ko: "tcp-tutor play: {dir:은} 코스 폴더이고, 코스 메뉴는 터미널에서 열립니다. 터미널이 없으면 그 안의 레슨 하나를 진행하세요: 'tcp-tutor play {dir}/FILE.yaml --plain' (목록은 'tcp-tutor list {dir}').",
  },
  internalError: {
    en: 'tcp-tutor: internal error: {message}. Please report it with the command you ran.',
    ko: 'tcp-tutor: 내부 오류: {message}. 실행한 명령과 함께 알려 주세요.',
  },
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;

export function t(lang: Lang, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return say(MESSAGES[key], lang, params);
}
