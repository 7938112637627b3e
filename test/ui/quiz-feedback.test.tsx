// The quiz box after a wrong answer: why it is wrong, then the rule, and when the box cannot
// hold them, a line saying how much is cut and where it is whole (the lesson's summary).
import { afterEach, describe, expect, it } from 'vitest';
import { QuizPrompt } from '../../source/ui/QuizPrompt.js';
import type { NumberCheckpoint } from '../../source/quiz/checkpoint.js';
import type { QuizScreen } from '../../source/player/screen.js';
import { cleanupInk, renderInk } from './render.js';

afterEach(cleanupInk);

const long = (n: number) => Array.from({ length: n }, (_, i) => `Sentence ${i + 1} of the rule, long enough to fill most of a line.`).join(' ');

function screen(explanation: string): QuizScreen {
  const cp: NumberCheckpoint = {
    id: 'q', ask: 'ack', kind: 'number', expected: 111, atStep: 0, numbering: 'absolute',
    prompt: { en: 'What ack number will the server send?', ko: '서버가 보낼 ACK 번호는?' },
    explanation: { en: explanation, ko: explanation },
    hint: { en: 'h', ko: 'h' },
  };
  return {
    checkpoint: cp, number: 1, total: 1, draft: '', cursor: 0, order: null, hint: null,
    answer: { value: '21', correct: false }, expected: '111',
    wrongExplain: { en: "21 is this segment's own seq, which counts the server's bytes.", ko: '21은 이 세그먼트 자신의 seq입니다.' },
  };
}

describe('quiz feedback', () => {
  it('shows the word on the answer and the whole rule when they fit', async () => {
    const r = await renderInk(<QuizPrompt quiz={screen('ack = 11 + 100 bytes = 111.')} lang="en" width={80} height={8} />);
    const text = r.text();
    expect(text).toContain("21 is this segment's own seq");
    expect(text).toContain('ack = 11 + 100 bytes = 111.');
    expect(text).not.toContain('more lines');
  });

  it('marks what a short box cuts, and says where it is whole', async () => {
    const r = await renderInk(<QuizPrompt quiz={screen(long(8))} lang="en" width={80} height={8} />);
    const lines = r.text().split('\n').filter((l) => l.trim() !== '');
    expect(lines.at(-1)).toMatch(/▼ \d+ more lines: the summary at the end of the lesson shows them all/);
    expect(lines.length).toBeLessThanOrEqual(8);
    const k = await renderInk(<QuizPrompt quiz={screen(long(8))} lang="ko" width={80} height={8} />);
    expect(k.text()).toMatch(/▼ \d+줄 더 있습니다\. 레슨 끝의 요약에서 모두 볼 수 있습니다/);
  });
});
