// The summary at the end of a lesson, drawn at 80×24 in both languages, and review driven
// by keys through the App as the CLI mounts it. The words checked are the fixture lesson's
// own (test/player/fixtures.ts) and the answers are worked out by hand there.
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '../../source/i18n/text.js';
import { createPlayer, update, type PlayerModel, type QuizAnswer } from '../../source/player/model.js';
import { App } from '../../source/ui/App.js';
import { PlayerScreen } from '../../source/ui/PlayerScreen.js';
import { widthOf } from '../../source/ui/text-width.js';
import { ColorContext } from '../../source/ui/theme.js';
import { sampleLesson, TRACE } from '../player/fixtures.js';
import { cleanupInk, KEY, renderInk } from './render.js';

afterEach(cleanupInk);

const LAST = TRACE.steps.length - 1;
const CLOSING = {
  en: 'Both ends are ESTABLISHED and the server has acknowledged all 101 bytes of the GET. Next: how a connection closes.',
  ko: '양쪽 모두 ESTABLISHED이고 서버는 GET의 101바이트를 모두 확인 응답했습니다. 다음: 연결을 닫는 방법.',
};
const LESSON = (() => {
  const l = sampleLesson(TRACE);
  return { ...l, notes: [...l.notes!, { atStep: TRACE.steps.length, text: CLOSING }] };
})();
/** First tries: the router quiz and the ACK field wrong, the two numbers right. */
const ANSWERS: ReadonlyMap<string, QuizAnswer> = new Map([
  ['router-changes', { value: 'ips', correct: false }],
  ['synack-ack', { value: '1', correct: true }],
  ['ack-field', { value: '2', correct: false }],
  ['get-ack', { value: '102', correct: true }],
]);

/** → from the last step: through the closing paragraphs, each a stop of the player, to the summary. */
function toSummary(m: PlayerModel): PlayerModel {
  let at = update(m, { type: 'goto', step: LAST });
  for (let guard = 0; guard < 20 && at.summary === null; guard++) at = update(at, { type: 'next' });
  return at;
}

function atSummary(): PlayerModel {
  return toSummary({ ...createPlayer(TRACE, LESSON), answers: new Map(ANSWERS) });
}

function show(model: PlayerModel, lang: Lang) {
  return renderInk(
    <ColorContext.Provider value={false}>
      <PlayerScreen model={model} dispatch={() => {}} lang={lang} cols={80} rows={24} />
    </ColorContext.Provider>,
    { columns: 80, rows: 24 },
  );
}

/** The screen's text as one line, so that wrapped sentences can be found whole. */
const flat = (lines: string[]) => lines.map((l) => l.trim()).join(' ').replace(/\s+/g, ' ');
/** The same without the narration pane's scroll marks at its lines' ends. */
const read = (lines: string[]) => flat(lines).replace(/ [▲▼↕](?= )/g, '');

describe('the lesson summary at 80×24', () => {
  it('in English: the closing words, the score by kind, the first missed quiz with its rule, and the keys', async () => {
    const r = await show(atSummary(), 'en');
    const lines = r.lines();
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(widthOf(l)).toBeLessThanOrEqual(80);
    const text = flat(lines);
    expect(text).toContain('End of the lesson: Handshake and a GET, one router away');
    expect(text).toContain(CLOSING.en);
    expect(text).toContain('Score: 2/4 right at the first try');
    expect(text).toMatch(/choices\s+0\/1/);
    expect(text).toMatch(/numbers\s+2\/2/);
    expect(text).toMatch(/header fields\s+0\/1/);
    expect(text).toContain('✗ Quiz 1: Router r1 is about to forward the SYN. Which fields will it change?');
    expect(text).toContain('You answered “The source and destination IP addresses”; the answer is “The MAC addresses, TTL and the checksums”.');
    expect(text).toContain('Each link has its own MAC addresses');
    expect(text).toContain('r review 2 missed');
  });

  it('in Korean, with the same facts', async () => {
    const r = await show(atSummary(), 'ko');
    const lines = r.lines();
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(widthOf(l)).toBeLessThanOrEqual(80);
    const text = flat(lines);
    expect(text).toContain('레슨을 마쳤습니다: 라우터 하나 너머로: 핸드셰이크와 GET');
    expect(text).toContain(CLOSING.ko.replace(/\s+/g, ' '));
    expect(text).toContain('점수: 퀴즈 4개 중 처음에 2개를 맞혔습니다');
    expect(text).toMatch(/헤더 필드\s+0\/1/);
    expect(text).toContain('✗ 퀴즈 1: 라우터 r1이 SYN을 전달하려 합니다. 어떤 필드가 바뀔까요?');
    expect(text).toContain('고른 답은 “출발지와 목적지 IP 주소”이고, 정답은 “MAC 주소, TTL, 체크섬”입니다.');
    expect(text).toContain('r 틀린 퀴즈 2개 다시 풀기');
  });

  it('announces what does not fit, above and below, instead of dropping it', async () => {
    const long = { ...createPlayer(TRACE, { ...LESSON, notes: Array.from({ length: 6 }, () => ({ atStep: TRACE.steps.length, text: CLOSING })) }), answers: new Map(ANSWERS) };
    let m = toSummary(long);
    let lines = (await show(m, 'en')).lines();
    expect(lines.length).toBeLessThanOrEqual(23);
    // Six closing paragraphs of two lines each with blank lines between (17 rows) leave 3 of
    // the 20 under the title, above the marker and keys: too few for the score's blank line,
    // head and three kinds. The score and both missed quizzes are below.
    expect(flat(lines)).toMatch(/↓ 3 more/);
    m = update(m, { type: 'scrollSummary', by: 1 });
    lines = (await show(m, 'ko')).lines();
    expect(flat(lines)).toContain('↑ 1개 더');
  });

  it('scrolls to the last missed quiz: the ACK field, its answer and its rule', async () => {
    const m = update(atSummary(), { type: 'scrollSummary', by: 99 });
    const text = flat((await show(m, 'en')).lines());
    expect(text).toContain('↑ 3 more');
    expect(text).toContain('✗ Quiz 3: Fill in the client\'s Acknowledgment Number for the server\'s SYN-ACK (relative).');
    expect(text).toContain('You answered 2; the answer is 1.');
    expect(text).toContain("the client acknowledges the server's ISN + 1, relative 1.");
  });
});

describe('the closing words before the summary', () => {
  it('are read on the full player screen, ladder and status bar beside them, after the last step and before the summary', async () => {
    let m = update({ ...createPlayer(TRACE, LESSON), answers: new Map(ANSWERS) }, { type: 'goto', step: LAST });
    const last = read((await show(m, 'en')).lines());
    expect(last).not.toContain(CLOSING.en);
    m = update(m, { type: 'next' });
    expect(m.summary).toBeNull();
    const text = read((await show(m, 'en')).lines());
    expect(text).toContain(CLOSING.en);
    // The fixture's ladder (test/player/fixtures.ts): the handshake, the GET and its ACK.
    expect(text).toContain('PSH, ACK seq=1 ack=1 len=101');
    expect(text).toContain('ACK seq=1 ack=102 len=0');
    expect(text).toMatch(/step \d+\/\d+ · score 2\/4/);
    const ko = read((await show(m, 'ko')).lines());
    expect(ko).toContain(CLOSING.ko.replace(/\s+/g, ' '));
    // One paragraph, one stop: → from here opens the summary.
    m = update(m, { type: 'next' });
    expect(m.summary).not.toBeNull();
  });
});

describe('review from the summary, by keys', () => {
  it('→ at the last step opens the summary; r asks the missed quizzes again; then the summary shows the retries', async () => {
    const r = await renderInk(
      <App trace={TRACE} lesson={LESSON} lang="en" color={false} interactive startAt={LAST} answers={ANSWERS} />,
      { columns: 80, rows: 24 },
    );
    // First the closing paragraph, on the player's own screen; then the summary.
    await r.press(KEY.right);
    expect(read(r.lines())).toContain(CLOSING.en);
    await r.press(KEY.right);
    expect(flat(r.lines())).toContain('Score: 2/4 right at the first try');
    await r.press('r');
    let text = flat(r.lines());
    expect(text).toContain('Router r1 is about to forward the SYN. Which fields will it change?');
    expect(text).not.toContain('End of the lesson');
    // The first option is the right one. The list is moved before Enter because Enter on a
    // freshly mounted ink-select-input also reaches the player's own key handler, which then
    // steps past the feedback: a race that predates review (H6 replaces the list).
    await r.press(KEY.down, KEY.up, KEY.enter);
    expect(flat(r.lines())).toContain('✓ Right');
    await r.press(KEY.right);
    text = flat(r.lines());
    expect(text).toContain("Fill in the client's Acknowledgment Number");
    await r.press('1', KEY.enter, KEY.right);
    text = flat(r.lines());
    expect(text).toContain('Score: 2/4 right at the first try, 2 more on review');
    expect(text).toContain('On review: ✓ “The MAC addresses, TTL and the checksums”.');
    expect(text).toMatch(/↑↓ scroll · ← lesson · q menu/);
    expect(text).not.toContain('r review');
  });
});
