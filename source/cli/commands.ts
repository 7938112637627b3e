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
  /** Paragraphs that teach what the command does, shown by its --help after the summary (wrapped by hand to 80 columns). */
  readonly notes?: readonly Text[];
  readonly examples: readonly string[];
}

export type CommandName = 'play' | 'list' | 'validate' | 'new' | 'export' | 'inspect' | 'replay' | 'drill' | 'progress' | 'grade';

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
    args: [{ name: 'LESSON|DIR', required: true }],
    options: [
      JSON_OUT,
      { name: '--report', kind: file('FILE.json'), help: { en: 'write your answers and score for an instructor (read by grade)', ko: '강사에게 낼 답과 점수를 파일로 저장 (grade가 읽음)' } },
      { name: '--name', kind: file('NAME'), help: { en: 'your name in the report (default: TCP_TUTOR_NAME)', ko: '보고서에 적을 이름 (기본값: TCP_TUTOR_NAME)' } },
      { name: '--no-save', kind: flag, help: { en: 'do not save progress (it is saved by default, in every mode)', ko: '진행 상황을 저장하지 않음 (기본값은 모든 모드에서 저장)' } },
      {
        name: '--watch', kind: flag,
        help: { en: 'reload the lesson file when it is saved, at the same step (for authors)', ko: '레슨 파일을 저장하면 같은 단계에서 다시 불러오기 (레슨 작성용)' },
      },
    ],
    summary: { en: 'play one lesson, step by step; a folder opens its course menu', ko: '레슨 하나를 한 단계씩 진행; 폴더를 주면 그 코스의 메뉴를 엽니다' },
    examples: ['tcp-tutor play handshake', 'tcp-tutor play handshake --plain --seed 42', 'tcp-tutor play week-3/', 'tcp-tutor play my-lesson.yaml --watch', 'tcp-tutor play handshake --seed 42 --name "Kim Minji" --report minji.json'],
  },
  {
    name: 'list', args: [{ name: 'DIR', required: false }], options: [JSON_OUT],
    summary: { en: "list the built-in lessons (or a course folder's) and your progress", ko: '내장 레슨(또는 코스 폴더의 레슨)과 진행 상황 목록' },
    examples: ['tcp-tutor list', 'tcp-tutor list week-3/'],
  },
  {
    name: 'validate',
    args: [{ name: 'FILE|DIR', required: true, repeats: true }],
    options: [{
      name: '--watch', kind: flag,
      help: { en: 'check again on every save and print what changed; Ctrl+C stops', ko: '저장할 때마다 다시 검사해 달라진 점을 출력; Ctrl+C로 멈춤' },
    }],
    summary: { en: 'check lesson files or course folders; problems are printed as file:line:col', ko: '레슨 파일이나 코스 폴더 검사; 문제는 file:line:col 형식으로 출력' },
    examples: ['tcp-tutor validate my-lesson.yaml', 'tcp-tutor validate week-3/', 'tcp-tutor validate --watch week-3/'],
  },
  {
    name: 'new',
    args: [{ name: 'LESSON.yaml', required: true }],
    options: [
      { name: '--from', kind: file('ID'), help: { en: 'start from a copy of this built-in lesson (handshake, 9, …)', ko: '이 내장 레슨(handshake, 9 등)을 복사해서 시작' } },
      { name: '--force', kind: flag, help: { en: 'replace the file if it exists', ko: '파일이 이미 있으면 덮어쓰기' } },
    ],
    summary: { en: 'write a commented starting lesson (comments in --lang) that validates', ko: '검사를 통과하는, 주석 달린 시작용 레슨 쓰기 (주석은 --lang 언어로)' },
    examples: ['tcp-tutor new week-3/my-lesson.yaml', 'tcp-tutor new week-3/close.yaml --from close --lang ko'],
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
      {
        name: '--no-fcs', kind: flag,
        help: {
          en: 'frames as a Linux capture shows them: no Ethernet FCS, no padding to 60 bytes (a pure ACK is 54 bytes)',
          ko: 'Linux에서 뜬 캡처처럼 이더넷 FCS와 60바이트 패딩 없이 저장 (순수 ACK는 54바이트)',
        },
      },
    ],
    summary: { en: "write a lesson's frames to a capture for Wireshark or tcpdump", ko: '레슨의 프레임을 Wireshark나 tcpdump용 캡처 파일로 저장' },
    examples: ['tcp-tutor export handshake --out handshake.pcap --seed 7', 'tshark -r handshake.pcap', 'tcp-tutor export handshake --no-fcs --out linux-like.pcap'],
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
  {
    name: 'grade',
    args: [{ name: 'REPORT', required: true, repeats: true }],
    options: [
      { name: '--csv', kind: file('FILE'), help: { en: 'one row per report for a spreadsheet (- for stdout)', ko: '스프레드시트용 CSV, 보고서마다 한 행 (-는 표준 출력)' } },
      { ...JSON_OUT, help: { en: 'the roll-up as one JSON object instead of the table', ko: '표 대신 결과를 JSON 객체 하나로 출력' } },
      { name: '--lesson-dir', kind: file('DIR'), help: { en: 'where your own lessons are (found by their id)', ko: '직접 만든 레슨이 있는 폴더 (id로 찾음)' } },
    ],
    summary: { en: "check and roll up a class's play --report files", ko: '반 전체의 play --report 보고서를 확인하고 모아 채점' },
    notes: [
      {
        en: 'Each report\'s lesson is replayed with the report\'s seed, so every right answer\nis worked out again and every answer graded again. A report that disagrees\nwith itself or with its lesson is flagged "answer altered". If the lesson has\nchanged since the run (its content hash differs), the report is graded against\nthe lesson as it is now, and says so. The scores shown are the re-graded ones.',
        ko: '보고서마다 그 시드로 레슨을 다시 재생해 정답을 새로 구하고 답을 다시\n채점합니다. 보고서 안의 내용이 서로 맞지 않거나 레슨과 맞지 않으면 "답이\n고쳐졌습니다"로 표시합니다. 실행한 뒤 레슨이 바뀌었으면(내용 해시가\n다르면) 지금의 레슨으로 채점하고 그렇다고 알립니다. 보이는 점수는 다시\n채점한 점수입니다.',
      },
      {
        en: 'Lessons are found by id: built-in ones in tcp-tutor; your own in --lesson-dir,\nelse at the path the report recorded. The learner is the name in the report\n(play --name, or TCP_TUTOR_NAME), else the report\'s file name.',
        ko: '레슨은 id로 찾습니다. 내장 레슨은 tcp-tutor 안에서, 직접 만든 레슨은\n--lesson-dir 폴더에서, 없으면 보고서에 적힌 경로에서 찾습니다. 학습자\n이름은 보고서에 적힌 이름(play --name 또는 TCP_TUTOR_NAME)이고, 없으면\n보고서 파일 이름입니다.',
      },
      {
        en: 'A file that is not a report gets one line on stderr; the others are still\ngraded. Exit code: 0 when at least one report was read, 1 when none could be.',
        ko: '보고서가 아닌 파일은 표준 오류에 한 줄로 알리고 나머지는 계속\n채점합니다. 종료 코드: 보고서를 하나라도 읽었으면 0, 하나도 못 읽었으면 1.',
      },
    ],
    examples: [
      'tcp-tutor play handshake --seed 42 --name "Kim Minji" --report minji.json',
      'tcp-tutor grade reports/*.json',
      'tcp-tutor grade reports/*.json --csv class.csv --lesson-dir week3/',
    ],
  },
];

export function commandSpec(name: CommandName): CommandSpec {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new Error(`no command ${name}`);
  return spec;
}
