import type { Text } from '../i18n/text.js';

/** How an option takes its value. */
export type OptionKind =
  | { readonly type: 'flag' }
  | { readonly type: 'string'; readonly metavar: string }
  | { readonly type: 'int'; readonly metavar: string; readonly min: number; readonly max: number }
  | { readonly type: 'choice'; readonly metavar: string; readonly choices: readonly string[] };

export interface OptionSpec {
  /** The long name, with its dashes: `--out`. */
  readonly name: string;
  readonly short?: string;
  readonly kind: OptionKind;
  readonly help: Text;
}

export interface CommandSpec {
  readonly name: CommandName;
  /** Positional arguments as shown in usage; `...` marks one that repeats. */
  readonly args: readonly { readonly name: string; readonly required: boolean; readonly repeats?: boolean }[];
  readonly options: readonly OptionSpec[];
  readonly summary: Text;
  readonly examples: readonly string[];
}

export type CommandName = 'play' | 'list' | 'validate' | 'export' | 'inspect' | 'replay' | 'drill' | 'progress';

const flag = { type: 'flag' } as const;
const file = (metavar: string) => ({ type: 'string', metavar }) as const;

const JSON_OUT: OptionSpec = {
  name: '--json', kind: flag,
  help: { en: 'machine-readable JSON Lines, one object per line', ko: '한 줄에 객체 하나씩, 기계가 읽는 JSON Lines' },
};
const STREAM: OptionSpec = {
  name: '--stream', kind: { type: 'int', metavar: 'N', min: 0, max: 2 ** 31 - 1 },
  help: { en: 'only TCP stream N (numbered from 0, as in Wireshark)', ko: 'TCP 스트림 N만 (Wireshark처럼 0부터 번호)' },
};

/** Options every command accepts, wherever they appear on the line. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: '--help', short: '-h', kind: flag, help: { en: 'show this help', ko: '이 도움말 보기' } },
  { name: '--version', short: '-V', kind: flag, help: { en: 'print the version', ko: '버전 출력' } },
  {
    name: '--lang', kind: { type: 'choice', metavar: 'ko|en', choices: ['ko', 'en'] },
    help: { en: 'language (default from LC_ALL/LANG: ko_* gives Korean)', ko: '언어 (기본값은 LC_ALL/LANG: ko_*이면 한국어)' },
  },
  {
    name: '--seed', kind: { type: 'int', metavar: 'N', min: 0, max: 0xffffffff },
    help: { en: 'fix the random ISNs, ports and sizes, e.g. one seed per class', ko: 'ISN, 포트, 크기의 난수를 고정 (예: 반마다 시드 하나)' },
  },
  {
    name: '--plain', kind: flag,
    help: { en: 'plain text instead of the full-screen TUI (screen readers, pipes)', ko: '전체 화면 TUI 대신 일반 텍스트 (스크린 리더, 파이프)' },
  },
  { name: '--no-color', kind: flag, help: { en: 'no colours (NO_COLOR does the same)', ko: '색 없이 출력 (NO_COLOR와 같음)' } },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'play',
    args: [{ name: 'LESSON', required: true }],
    options: [
      JSON_OUT,
      { name: '--report', kind: file('FILE.json'), help: { en: 'write your answers and score for an instructor', ko: '강사에게 낼 답과 점수를 파일로 저장' } },
    ],
    summary: { en: 'play one lesson, step by step', ko: '레슨 하나를 한 단계씩 진행' },
    examples: ['tcp-tutor play handshake', 'tcp-tutor play handshake --plain --seed 42'],
  },
  {
    name: 'list', args: [], options: [JSON_OUT],
    summary: { en: 'list the built-in lessons and your progress', ko: '내장 레슨과 진행 상황 목록' },
    examples: ['tcp-tutor list'],
  },
  {
    name: 'validate',
    args: [{ name: 'FILE', required: true, repeats: true }], options: [],
    summary: { en: 'check lesson files; problems are printed as file:line:col', ko: '레슨 파일 검사; 문제는 file:line:col 형식으로 출력' },
    examples: ['tcp-tutor validate my-lesson.yaml'],
  },
  {
    name: 'export',
    args: [{ name: 'LESSON', required: true }],
    options: [
      { name: '--out', short: '-o', kind: file('FILE'), help: { en: 'capture file to write', ko: '저장할 캡처 파일' } },
      {
        name: '--format', kind: { type: 'choice', metavar: 'pcap|pcapng', choices: ['pcap', 'pcapng'] },
        help: { en: 'capture format (default: from the file name, else pcapng)', ko: '캡처 형식 (기본값: 파일 이름에 따라, 없으면 pcapng)' },
      },
    ],
    summary: { en: "write a lesson's frames to a capture for Wireshark or tcpdump", ko: '레슨의 프레임을 Wireshark나 tcpdump용 캡처 파일로 저장' },
    examples: ['tcp-tutor export handshake --out handshake.pcap --seed 7', 'tshark -r handshake.pcap'],
  },
  {
    name: 'inspect',
    args: [{ name: 'CAPTURE', required: true }],
    options: [
      JSON_OUT, STREAM,
      { name: '--absolute', kind: flag, help: { en: 'absolute seq/ack instead of relative', ko: '상대 번호 대신 절대 seq/ack' } },
    ],
    summary: { en: 'explain your own tcpdump or Wireshark capture, packet by packet', ko: '직접 뜬 tcpdump/Wireshark 캡처를 패킷별로 설명' },
    examples: ['sudo tcpdump -i any -w curl.pcap port 80', 'tcp-tutor inspect curl.pcap'],
  },
  {
    name: 'replay',
    args: [{ name: 'CAPTURE', required: true }],
    options: [JSON_OUT, {
      ...STREAM,
      help: { en: 'which TCP stream to replay (default: the first with a handshake)', ko: '재생할 TCP 스트림 (기본값: 핸드셰이크가 있는 첫 스트림)' },
    }],
    summary: { en: 'step through a real capture in the player, with quizzes', ko: '실제 캡처를 플레이어에서 퀴즈와 함께 한 단계씩 재생' },
    examples: ['tcp-tutor replay curl.pcap --stream 0'],
  },
  {
    name: 'drill', args: [],
    options: [{
      name: '--topic', kind: { type: 'choice', metavar: 'TOPIC', choices: ['seqack', 'handshake', 'close', 'arp', 'routing', 'congestion'] },
      help: { en: 'seqack, handshake, close, arp, routing or congestion', ko: 'seqack, handshake, close, arp, routing, congestion 중 하나' },
    }],
    summary: { en: 'endless practice questions from fresh simulations', ko: '새 시뮬레이션으로 끝없이 나오는 연습 문제' },
    examples: ['tcp-tutor drill --topic seqack'],
  },
  {
    name: 'progress', args: [{ name: 'LESSON', required: false }],
    options: [
      { name: '--reset', kind: flag, help: { en: 'forget progress (asks first)', ko: '진행 상황 지우기 (먼저 확인)' } },
      { name: '--yes', short: '-y', kind: flag, help: { en: 'confirm --reset without asking (scripts, no terminal)', ko: '묻지 않고 --reset 확인 (스크립트, 터미널 없음)' } },
      { name: '--export', kind: file('FILE'), help: { en: 'save progress to move it to another machine', ko: '다른 컴퓨터로 옮기도록 진행 상황 저장' } },
      { name: '--import', kind: file('FILE'), help: { en: 'load progress saved with --export', ko: '--export로 저장한 진행 상황 불러오기' } },
    ],
    summary: { en: 'show, reset, export or import your progress', ko: '진행 상황 보기, 초기화, 내보내기, 가져오기' },
    examples: ['tcp-tutor progress', 'tcp-tutor progress --reset handshake', 'tcp-tutor progress --export my-progress.json'],
  },
];

export function commandSpec(name: CommandName): CommandSpec {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new Error(`no command ${name}`);
  return spec;
}
