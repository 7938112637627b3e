// One line at the bottom: where the learner is, the score, the modes, and either the key
// hints or the latest notice ("Answer the quiz first").
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { StatusScreen } from '../player/screen.js';
import { noticeText, say, UI } from './strings.js';
import { Lines, type Line } from './theme.js';
import { fit, fitStart, truncate, widthOf } from './text-width.js';

export interface StatusBarProps {
  readonly status: StatusScreen;
  readonly lang: Lang;
  readonly width: number;
}

export function statusLine(p: StatusBarProps): Line {
  const { status: s, lang, width } = p;
  const parts = [
    say(UI.step, lang, { n: s.stop, of: s.stops }),
    s.score.total > 0 ? say(UI.score, lang, s.score) : null,
    UI[s.numbering][lang],
    (s.detail === 'field' ? UI.byField : s.detail === 'step' ? UI.byStep : UI.byHeader)[lang],
    s.autoplay ? say(UI.autoOn, lang, { ms: s.intervalMs }) : null,
  ].filter((x): x is string => x !== null);
  const left = ` ${parts.join(' · ')} `;
  const right = s.notice
    ? ` ${noticeText(s.notice, lang)} `
    : ` ${(s.blocked ? UI.hintsBarQuiz : UI.hintsBar)[lang]} `;
  const rightW = Math.min(widthOf(right), Math.max(0, width - widthOf(left)), width);
  if (widthOf(left) + widthOf(right) <= width) {
    return [{ text: left, tone: 'title' }, { text: fitStart(right, width - widthOf(left)), tone: s.notice ? 'notice' : 'dim' }];
  }
  // Narrow: the notice wins over the mode summary.
  if (s.notice) return [{ text: fit(right, width), tone: 'notice' }];
  return [{ text: truncate(left, width - rightW), tone: 'title' }, { text: fitStart(truncate(right, rightW), width - widthOf(truncate(left, width - rightW))), tone: 'dim' }];
}

export const StatusBar = memo(function StatusBar(p: StatusBarProps) {
  const lines = useMemo(() => [statusLine(p)], [p.status, p.lang, p.width]);
  return (
    <Box width={p.width} height={1}>
      <Lines lines={lines} />
    </Box>
  );
});
