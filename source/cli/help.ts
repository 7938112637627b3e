import type { Lang, Text } from '../i18n/text.js';
import { t } from '../i18n/messages.js';
import { VERSION } from '../version.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './commands.js';

const SECTION: Record<string, Text> = {
  noCommand: {
    en: "With no command, tcp-tutor opens the lesson menu; given a folder (tcp-tutor DIR), that course's menu.",
    ko: '명령 없이 실행하면 레슨 메뉴가 열리고, 폴더를 주면(tcp-tutor DIR) 그 코스의 메뉴가 열립니다.',
  },
  commands: { en: 'Commands:', ko: '명령:' },
  options: { en: 'Options:', ko: '옵션:' },
  examples: { en: 'Examples:', ko: '예:' },
  environment: { en: 'Environment:', ko: '환경 변수:' },
  keys: {
    en: 'In the player: → or Space next step, ← back, ? all keys, q back to the menu. Ctrl+C quits at once (exit code 130); Ctrl+Z pauses to the shell, fg comes back.',
    ko: '플레이어에서: → 또는 Space 다음 단계, ← 이전 단계, ? 모든 키, q 메뉴로. Ctrl+C는 바로 끝냅니다 (종료 코드 130). Ctrl+Z는 셸로 잠시 나가고 fg로 돌아옵니다.',
  },
};

const ENVIRONMENT: readonly [string, Text][] = [
  ['LANG=ko_KR.UTF-8', { en: 'Korean unless --lang says otherwise', ko: '--lang이 없으면 한국어' }],
  ['NO_COLOR=1', { en: 'no colours', ko: '색 없이' }],
  ['TCP_TUTOR_HOME=DIR', { en: 'where progress is kept (shared classroom machines)', ko: '진행 상황을 저장할 곳 (함께 쓰는 실습실 컴퓨터)' }],
  ['TCP_TUTOR_NAME=NAME', { en: 'your name in --report files (play --name wins)', ko: '--report 파일에 적을 이름 (play --name이 우선)' }],
];

const TOP_EXAMPLES: readonly [string, Text][] = [
  ['npx tcp-tutor', { en: 'open the lesson menu', ko: '레슨 메뉴 열기' }],
  ['tcp-tutor play handshake --seed 42', { en: 'the same numbers for a whole class', ko: '반 전체가 같은 숫자로' }],
  ['tcp-tutor export handshake -o hs.pcap', { en: 'then open hs.pcap in Wireshark', ko: '그다음 hs.pcap을 Wireshark로 열기' }],
  ['tcp-tutor week-3/', { en: "a course folder's menu (see docs/teaching.md)", ko: '코스 폴더의 메뉴 (docs/teaching.ko.md 참고)' }],
  ['tcp-tutor new week-3/mine.yaml', { en: 'start writing a lesson of your own', ko: '직접 레슨 쓰기 시작' }],
];

function usageOf(c: CommandSpec): string {
  const args = c.args.map((a) => {
    const name = a.repeats ? `${a.name}...` : a.name;
    return a.required ? name : `[${name}]`;
  });
  return [c.name, ...args].join(' ');
}

function optionLabel(o: OptionSpec): string {
  const names = o.short ? `${o.short}, ${o.name}` : `    ${o.name}`;
  return o.kind.type === 'flag' ? names : `${names} ${o.kind.metavar}`;
}

function table(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

export function topHelp(lang: Lang): string {
  return [
    `tcp-tutor ${VERSION}: ${t(lang, 'tagline').replace(/^tcp-tutor: /, '')}`,
    '',
    t(lang, 'usage'),
    '',
    SECTION.noCommand![lang],
    '',
    SECTION.commands![lang],
    ...table(COMMANDS.map((c) => [usageOf(c), c.summary[lang]])),
    '',
    SECTION.options![lang],
    ...table(GLOBAL_OPTIONS.map((o) => [optionLabel(o), o.help[lang]])),
    '',
    SECTION.examples![lang],
    ...table(TOP_EXAMPLES.map(([cmd, what]) => [cmd, what[lang]])),
    '',
    SECTION.environment![lang],
    ...table(ENVIRONMENT.map(([v, what]) => [v, what[lang]])),
    '',
    SECTION.keys![lang],
    t(lang, 'commandHelpHint', { command: 'COMMAND' }),
    '',
  ].join('\n');
}

/** `Usage: tcp-tutor export LESSON [options]`, in the user's language. */
export function commandUsage(c: CommandSpec, lang: Lang): string {
  return t(lang, 'usage').replace('[command]', usageOf(c)).replace('[명령]', usageOf(c));
}

export function commandHelp(c: CommandSpec, lang: Lang): string {
  const lines = [commandUsage(c, lang), '', c.summary[lang], ''];
  for (const note of c.notes ?? []) lines.push(note[lang], '');
  const options = [...c.options, ...GLOBAL_OPTIONS];
  lines.push(SECTION.options![lang], ...table(options.map((o) => [optionLabel(o), o.help[lang]])), '');
  lines.push(SECTION.examples![lang], ...c.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}
