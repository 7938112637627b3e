// The player's chrome in both languages: status bar, help, quiz frame, notices. Words
// about the network itself are composed in source/player/text.ts.
import { say, type Lang, type Text } from '../i18n/text.js';
import { ANSWER_PROBLEMS } from '../quiz/checkpoint.js';
import type { KeyHelpEntry } from '../player/keys.js';
import type { Notice } from '../player/model.js';
import type { BoxState } from '../player/screen.js';
import type { QuizTopic } from '../player/summary.js';

export const UI = {
  tooSmall: {
    en: 'Please enlarge the terminal to at least {minCols}×{minRows} (it is {cols}×{rows} now). Press q to leave.',
    ko: '터미널 창을 {minCols}×{minRows} 이상으로 키워 주세요 (지금은 {cols}×{rows}). q를 누르면 나갑니다.',
  },
  step: { en: 'step {n}/{of}', ko: '단계 {n}/{of}' },
  score: { en: 'score {correct}/{answered}', ko: '점수 {correct}/{answered}' },
  quizzes: { en: '({total} quizzes)', ko: '(퀴즈 {total}개)' },
  relative: { en: 'relative', ko: '상대 번호' },
  absolute: { en: 'absolute', ko: '절대 번호' },
  byField: { en: 'by field', ko: '필드별' },
  byHeader: { en: 'by header', ko: '헤더별' },
  byStep: { en: 'every step', ko: '모든 단계' },
  autoOn: { en: '▶ auto {ms} ms', ko: '▶ 자동 {ms} ms' },
  hintsBar: { en: '→ next  ← back  ? help  q quit', ko: '→ 다음 ← 이전 ? 도움말 q 나가기' },
  hintsBarQuiz: { en: 'Enter answer  h hint  ← back', ko: 'Enter 답하기 h 힌트 ← 이전' },
  hexTitle: { en: '{frame} · {length} bytes', ko: '{frame} · {length}바이트' },
  hexField: { en: '{name} ({key}): bytes {from}–{to}', ko: '{name} ({key}): {from}–{to}번째 바이트' },
  hexHide: { en: 'x hides', ko: 'x 숨김' },
  hexRewritten: { en: 'highlighted: the bytes the router rewrote', ko: '강조: 라우터가 다시 쓴 바이트' },
  hexNone: { en: 'no frame yet', ko: '아직 프레임 없음' },
  hexApplication: { en: "the application's data: no frame at this step", ko: '응용 계층의 데이터: 이 단계에는 프레임 없음' },
  ladderNone: { en: 'no TCP connection in this lesson', ko: '이 레슨에는 TCP 연결이 없습니다' },
  earlier: { en: '↑ {n} earlier', ko: '↑ 이전 {n}개' },
  undrawn: { en: '+ {n} other frames: {protocols}', ko: '+ 다른 프레임 {n}개: {protocols}' },
  undrawnOne: { en: '+ 1 other frame: {protocols}', ko: '+ 다른 프레임 1개: {protocols}' },
  congestionLong: { en: 'cwnd {cwnd} ssthresh {ssthresh} in flight {flight}', ko: 'cwnd {cwnd} ssthresh {ssthresh} 전송 중 {flight}' },
  congestion: { en: 'cwnd {cwnd} ssthresh {ssthresh}', ko: 'cwnd {cwnd} ssthresh {ssthresh}' },
  congestionShort: { en: 'cwnd {cwnd} ssth {ssthresh}', ko: 'cwnd {cwnd} ssth {ssthresh}' },
  congestionCwnd: { en: 'cwnd {cwnd}', ko: 'cwnd {cwnd}' },
  more: { en: '↓ {n} more', ko: '↓ {n}개 더' },
  moreAbove: { en: '↑ {n} more', ko: '↑ {n}개 더' },
  quizTitle: { en: 'Quiz {n}/{total}', ko: '퀴즈 {n}/{total}' },
  answerLabel: { en: 'Your answer: ', ko: '답: ' },
  numberKeys: { en: 'digits, Backspace, Enter', ko: '숫자, Backspace, Enter' },
  fieldKeys: { en: 'type the value, Enter', ko: '값을 입력하고 Enter' },
  choiceKeys: { en: '↑ ↓ or its number, Enter', ko: '↑ ↓ 또는 번호, Enter' },
  orderKeys: { en: '↑ ↓ or a number pick, Shift+↑ ↓ or K J move, Enter', ko: '↑ ↓·번호로 고르고 Shift+↑ ↓·K J로 옮긴 뒤 Enter' },
  optionsAbove: { en: '▲ {n} more', ko: '▲ {n}개 더' },
  optionsBelow: { en: '▼ {n} more', ko: '▼ {n}개 더' },
  feedbackCut: { en: '▼ {n} more lines: the summary at the end of the lesson shows them all', ko: '▼ {n}줄 더 있습니다. 레슨 끝의 요약에서 모두 볼 수 있습니다' },
  hintKey: { en: 'h hint', ko: 'h 힌트' },
  hint: { en: 'Hint: {hint}', ko: '힌트: {hint}' },
  right: { en: '✓ Right: {answer}.', ko: '✓ 정답: {answer}.' },
  // The learner's answer and the right one in one sentence whose two halves cannot be read as
  // two answers: 고른 (picked from a list) or 입력한 (typed), then 이고, then 정답은.
  wrongChosen: { en: '✗ Not quite: you answered {given}; the answer is {answer}.', ko: '✗ 틀렸습니다. 고른 답은 {given}이고, 정답은 {answer}입니다.' },
  wrongOrder: { en: '✗ Not quite: your order was {given}; the answer is {answer}.', ko: '✗ 틀렸습니다. 고른 순서는 {given}이고, 정답은 {answer}입니다.' },
  wrongTyped: { en: '✗ Not quite: you answered {given}; the answer is {answer}.', ko: '✗ 틀렸습니다. 입력한 답은 {given}이고, 정답은 {answer}입니다.' },
  continue: { en: '→ or Space to go on', ko: '→ 또는 Space로 계속' },
  numbersIn: { en: '({numbering} numbers)', ko: '({numbering})' },
  helpTitle: { en: 'Keys', ko: '키' },
  helpClose: { en: '? or Esc closes this help', ko: '? 또는 Esc로 도움말 닫기' },
  /** What q and Esc do when the tutor was started on one lesson (`play LESSON`): there is no menu to go back to. */
  helpQuitExit: { en: 'leave the lesson and quit tcp-tutor', ko: '레슨을 마치고 tcp-tutor를 끝내기' },
  fillIn: { en: 'fill in', ko: '채우기' },
  allUnchanged: { en: '= unchanged', ko: '= 그대로' },
  notReloaded: { en: 'not reloaded, still playing the last good version: {problem}', ko: '다시 불러오지 못해 마지막으로 올바르던 판을 계속 진행합니다: {problem}' },
  hexByte: { en: '{name} ({key}): byte {from}', ko: '{name} ({key}): {from}번째 바이트' },
} as const satisfies Record<string, Text>;

export const KEYS_HELP: Readonly<Record<KeyHelpEntry, { readonly keys: string; readonly text: Text }>> = {
  next: { keys: '→ Space Enter', text: { en: 'next step', ko: '다음 단계' } },
  nextQuiz: { keys: 'n', text: { en: 'run to the next quiz (or the end)', ko: '다음 퀴즈까지 (없으면 끝까지) 진행' } },
  nextFrame: { keys: 'f', text: { en: 'run to the next frame sent on the wire', ko: '다음 프레임이 선로로 나갈 때까지 진행' } },
  back: { keys: '←', text: { en: 'previous step; answered quizzes show their feedback again', ko: '이전 단계; 답한 퀴즈는 풀이를 다시 보여 줌' } },
  scroll: { keys: 'PgUp PgDn', text: { en: 'scroll the narration; above it, earlier steps', ko: '설명 스크롤, 위로 가면 이전 단계' } },
  autoplay: { keys: 'a', text: { en: 'autoplay on/off', ko: '자동 재생 켜기/끄기' } },
  speed: { keys: '+ −', text: { en: 'faster / slower', ko: '빠르게 / 느리게' } },
  numbering: { keys: 'r', text: { en: 'relative / absolute seq and ack', ko: 'seq·ack 상대 번호 / 절대 번호' } },
  hex: { keys: 'x', text: { en: 'hex pane on/off', ko: '16진수 창 켜기/끄기' } },
  detail: { keys: 'd', text: { en: 'field by field / header by header', ko: '필드 단위 / 헤더 단위' } },
  hint: { keys: 'h', text: { en: 'hint for the open quiz', ko: '지금 퀴즈의 힌트' } },
  help: { keys: '?', text: { en: 'this help', ko: '이 도움말' } },
  quit: { keys: 'q Esc', text: { en: 'back to the menu', ko: '메뉴로 돌아가기' } },
  typing: {
    keys: '0-9 a-f',
    text: { en: "a quiz's answer or an option's number (a–f, x in a field)", ko: '퀴즈의 답 또는 보기 번호 (필드에서는 a–f, x도)' },
  },
  ordering: {
    keys: 'K J',
    text: { en: 'order quiz: move the chosen frame up / down (or Shift+↑ ↓)', ko: '순서 퀴즈에서 고른 프레임을 위 / 아래로 옮기기 (Shift+↑ ↓도)' },
  },
};

export const STATE_WORDS: Readonly<Record<BoxState, Text>> = {
  idle: { en: '—', ko: '—' },
  building: { en: 'writing the header', ko: '헤더 쓰는 중' },
  built: { en: 'done', ko: '완성' },
  inside: { en: 'wrapped', ko: '싸여 있음' },
  received: { en: 'arrived', ko: '도착' },
  checking: { en: 'checking', ko: '검사 중' },
  draining: { en: 'header removed', ko: '헤더 제거' },
  stripped: { en: 'removed', ko: '제거됨' },
  delivered: { en: 'delivered', ko: '전달됨' },
  forwarding: { en: 'router', ko: '라우터' },
  dropped: { en: 'dropped', ko: '버림' },
};

const NOTICES: Readonly<Record<Exclude<Notice['kind'], 'badAnswer' | 'numberingFixed'>, Text>> = {
  answerFirst: { en: 'Answer the quiz first (h for a hint).', ko: '먼저 퀴즈에 답하세요 (h: 힌트).' },
  atEnd: { en: 'This is the last step: → shows the summary.', ko: '마지막 단계입니다. →를 누르면 요약을 봅니다.' },
  atStart: { en: 'This is the first step.', ko: '첫 단계입니다.' },
  noHint: { en: 'Hints come with quizzes; there is none here.', ko: '힌트는 퀴즈에만 있습니다.' },
  alreadyAnswered: { en: 'Already answered.', ko: '이미 답했습니다.' },
  nothingToReview: { en: 'Nothing to review: every quiz is right.', ko: '다시 풀 퀴즈가 없습니다. 모두 맞혔습니다.' },
  resumed: { en: 'Back where you left off; ← steps back.', ko: '지난번에 멈춘 곳에서 이어 갑니다. ←로 되돌아갈 수 있습니다.' },
};

const NUMBERING_FIXED: Text = {
  en: 'This quiz is asked in {numbering} numbers; r works again after it.',
  ko: '이 퀴즈는 {numbering}로 묻습니다; 퀴즈가 끝나면 r을 쓸 수 있습니다.',
};

export { say };

export function noticeText(n: Notice, lang: Lang): string {
  switch (n.kind) {
    case 'badAnswer':
      return ANSWER_PROBLEMS[n.problem][lang];
    case 'numberingFixed':
      return say(NUMBERING_FIXED, lang, { numbering: UI[n.numbering][lang] });
    default:
      return NOTICES[n.kind][lang];
  }
}

/** The lesson menu's words. */
export const MENU = {
  title: { en: 'tcp-tutor · step through TCP/IP one header field at a time', ko: 'tcp-tutor · TCP/IP를 헤더 필드 하나하나 따라가며 배우기' },
  counts: { en: '{lessons} lessons · {done} done · {going} in progress', ko: '레슨 {lessons}개 · 끝냄 {done} · 진행 중 {going}' },
  resume: { en: '↻ Resume: {title}', ko: '↻ 이어서: {title}' },
  drill: { en: 'Drill: endless practice questions', ko: '연습: 끝없이 나오는 문제' },
  replay: { en: 'Replay a real capture', ko: '실제 캡처 재생하기' },
  lang: { en: 'Language: English (Enter or l: 한국어로)', ko: '언어: 한국어 (Enter 또는 l: English)' },
  quit: { en: 'Quit', ko: '끝내기' },
  comingSoon: { en: 'coming soon', ko: '준비 중' },
  done: { en: '✓ best {best}/{total}', ko: '✓ 최고 {best}/{total}' },
  going: { en: '… step {step}/{steps}', ko: '… {step}/{steps}단계' },
  level: { en: 'play {id} · {level} · about {minutes} min · {quizzes} quizzes', ko: 'play {id} · {level} · 약 {minutes}분 · 퀴즈 {quizzes}개' },
  levelNoTime: { en: 'play {id} · {level} · {quizzes} quizzes', ko: 'play {id} · {level} · 퀴즈 {quizzes}개' },
  beginner: { en: 'beginner', ko: '입문' },
  intermediate: { en: 'intermediate', ko: '중급' },
  advanced: { en: 'advanced', ko: '고급' },
  lastRun: { en: 'saved score {score}/{total} · seed {seed}', ko: '저장된 점수 {score}/{total} · 시드 {seed}' },
  moreBelow: { en: '↓ {n} more', ko: '↓ {n}개 더' },
  moreAbove: { en: '↑ {n} more', ko: '↑ {n}개 더' },
  drillAbout: {
    en: 'One practice question from a fresh simulation: seq and ack, handshake, close, ARP or routing. Choose it again for the next one.',
    ko: '새 시뮬레이션에서 뽑은 연습 문제 하나: seq와 ack, 핸드셰이크, 종료, ARP, 라우팅. 다시 고르면 다음 문제가 나옵니다.',
  },
  replayAbout: {
    en: 'Step through a real capture made with tcpdump (a whole HTTP connection), with quizzes. Your own: `tcp-tutor replay FILE`.',
    ko: 'tcpdump로 뜬 실제 캡처(HTTP 연결 하나 전체)를 퀴즈와 함께 한 단계씩 봅니다. 직접 뜬 캡처는 `tcp-tutor replay FILE`로.',
  },
  fresh: { en: 'new each time', ko: '매번 새로' },
  realCapture: { en: 'real capture', ko: '실제 캡처' },
  langAbout: { en: 'Switch between Korean and English. Your choice is remembered.', ko: '한국어와 영어를 바꿉니다. 고른 언어는 기억됩니다.' },
  quitAbout: { en: 'Leave tcp-tutor. Your progress is saved.', ko: 'tcp-tutor를 끝냅니다. 진행 상황은 저장되어 있습니다.' },
  keys: { en: '↑↓ choose · Enter open · l language · q quit', ko: '↑↓ 고르기 · Enter 열기 · l 언어 · q 끝내기' },
  opening: { en: 'Opening {title}…', ko: '{title} 여는 중…' },
  cannotOpen: { en: 'Cannot open {id}: {reason}', ko: '{id:을} 열 수 없습니다: {reason}' },
  noLessons: { en: 'No lessons found.', ko: '레슨이 없습니다.' },
} as const satisfies Record<string, Text>;

/** The summary at the end of a lesson. */
export const SUMMARY = {
  title: { en: 'End of the lesson: {title}', ko: '레슨을 마쳤습니다: {title}' },
  titlePlain: { en: 'End of the lesson', ko: '레슨을 마쳤습니다' },
  score: { en: 'Score: {correct}/{total} right at the first try', ko: '점수: 퀴즈 {total}개 중 처음에 {correct}개를 맞혔습니다' },
  scoreRetried: { en: 'Score: {correct}/{total} right at the first try, {retried} more on review', ko: '점수: 퀴즈 {total}개 중 처음에 {correct}개, 다시 풀어 {retried}개를 더 맞혔습니다' },
  noQuizzes: { en: 'This lesson has no quizzes.', ko: '이 레슨에는 퀴즈가 없습니다.' },
  topicRow: { en: '{correct}/{total}', ko: '{correct}/{total}' },
  topicRetried: { en: '{correct}/{total} (+{retried} on review)', ko: '{correct}/{total} (다시 풀어 +{retried})' },
  missedTitle: { en: '✗ Quiz {n}: {prompt}', ko: '✗ 퀴즈 {n}: {prompt}' },
  givenChosen: { en: 'You answered {given}; the answer is {answer}.', ko: '고른 답은 {given}이고, 정답은 {answer}입니다.' },
  givenOrder: { en: 'Your order was {given}; the answer is {answer}.', ko: '고른 순서는 {given}이고, 정답은 {answer}입니다.' },
  givenTyped: { en: 'You answered {given}; the answer is {answer}.', ko: '입력한 답은 {given}이고, 정답은 {answer}입니다.' },
  unanswered: { en: 'Not answered; the answer is {answer}.', ko: '답하지 않았습니다. 정답은 {answer}입니다.' },
  retryRight: { en: 'On review: ✓ {given}.', ko: '다시 풀기: ✓ {given}.' },
  retryWrong: { en: 'On review: ✗ {given}.', ko: '다시 풀기: ✗ {given}.' },
  keysReview: { en: 'r review {n} missed · ↑↓ scroll · ← lesson · q menu', ko: 'r 틀린 퀴즈 {n}개 다시 풀기 · ↑↓ 스크롤 · ← 레슨 · q 메뉴' },
  keys: { en: '↑↓ scroll · ← lesson · q menu', ko: '↑↓ 스크롤 · ← 레슨 · q 메뉴' },
} as const satisfies Record<string, Text>;

/** What a kind of quiz is about, for the score by kind. */
export const TOPIC_WORDS: Readonly<Record<QuizTopic, Text>> = {
  seq: { en: 'sequence numbers', ko: '시퀀스 번호' },
  ack: { en: 'acknowledgment numbers', ko: '확인 응답 번호(ACK 번호)' },
  'next-seq': { en: 'next sequence numbers', ko: '다음 시퀀스 번호' },
  window: { en: 'window', ko: '윈도우(수신 윈도우)' },
  ttl: { en: 'TTL', ko: 'TTL' },
  'src-port': { en: 'source ports', ko: '출발지 포트' },
  'dst-port': { en: 'destination ports', ko: '목적지 포트' },
  length: { en: 'lengths', ko: '길이' },
  state: { en: 'TCP states', ko: 'TCP 상태' },
  flags: { en: 'flags', ko: '플래그' },
  layer: { en: 'layers', ko: '계층' },
  changes: { en: 'what a router changes', ko: '라우터가 바꾸는 것' },
  receiver: { en: 'what a receiver does', ko: '수신 측이 하는 일' },
  field: { en: 'header fields', ko: '헤더 필드' },
  cwnd: { en: 'congestion window', ko: '혼잡 윈도우(cwnd)' },
  ssthresh: { en: 'slow start threshold', ko: '느린 시작 임계값(ssthresh)' },
  inFlight: { en: 'bytes in flight', ko: '전송 중인 데이터' },
  order: { en: 'the order of frames', ko: '프레임 순서' },
  blank: { en: 'blanked fields', ko: '가려진 필드' },
  number: { en: 'numbers', ko: '숫자' },
  choice: { en: 'choices', ko: '고르기' },
};
