// Every key hint readable at 80 columns, in both languages: the status bar's hints and the
// help overlay's lines are never cut off with "…".
import { describe, expect, it } from 'vitest';
import type { StatusScreen } from '../../source/player/screen.js';
import { helpLines } from '../../source/ui/HelpOverlay.js';
import { statusLine } from '../../source/ui/StatusBar.js';
import { UI } from '../../source/ui/strings.js';
import { widthOf } from '../../source/ui/text-width.js';

const text = (line: readonly { readonly text: string }[]) => line.map((s) => s.text).join('');

/** Lesson 13's walk late on: a three-digit step and a two-digit score. */
const LATE: StatusScreen = {
  stop: 200, stops: 241, step: 900, steps: 1000, score: { correct: 10, answered: 12, total: 14 },
  autoplay: false, intervalMs: 1000, numbering: 'relative', detail: 'field', showHex: false, notice: null, blocked: false,
};

describe('the status bar at 80 columns', () => {
  for (const lang of ['en', 'ko'] as const) {
    it(`keeps every key hint whole with a two-digit score (${lang})`, () => {
      const line = text(statusLine({ status: LATE, lang, width: 80 }));
      expect(widthOf(line)).toBeLessThanOrEqual(80);
      expect(line).toContain(UI.hintsBar[lang]);
      expect(line).not.toContain('…');
      // The step and the score stay; a mode gives way.
      expect(line).toContain(lang === 'en' ? 'step 200/241' : '단계 200/241');
      expect(line).toContain(lang === 'en' ? 'score 10/12' : '점수 10/12');
    });
  }
});

describe('the help at 80×24', () => {
  for (const lang of ['en', 'ko'] as const) {
    it(`shows every line whole (${lang})`, () => {
      // The player's help box: 24 rows less the narration (3) and the status bar.
      const lines = helpLines({ lang, width: 80, height: 20 }).map(text);
      for (const l of lines) expect(widthOf(l)).toBeLessThanOrEqual(80);
      expect(lines.join('\n')).not.toContain('…');
      expect(lines.some((l) => l.includes(UI.helpClose[lang]))).toBe(true);
      expect(lines.join(' ')).toContain(lang === 'en' ? 'Shift+↑ ↓' : 'Shift+↑ ↓도');
    });
  }

  it('says q leaves the program when there is no menu to go back to (play LESSON)', () => {
    const menu = helpLines({ lang: 'en', width: 80, height: 20 }).map(text).join('\n');
    const exit = helpLines({ lang: 'en', width: 80, height: 20, leaveTo: 'exit' }).map(text).join('\n');
    expect(menu).toMatch(/q Esc +back to the menu/);
    expect(exit).toMatch(/q Esc +leave the lesson and quit tcp-tutor/);
    expect(helpLines({ lang: 'ko', width: 80, height: 20, leaveTo: 'exit' }).map(text).join('\n')).toMatch(/q Esc +레슨을 마치고 tcp-tutor를 끝내기/);
  });
});
