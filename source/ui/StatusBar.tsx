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
  /** A line that stays until it is taken away (play --watch: why the saved file was not reloaded); it wins over the hints and notices. */
  readonly banner?: string | null;
}

export function statusLine(p: StatusBarProps): Line {
  const { status: s, lang, width } = p;
  const all = [
    say(UI.step, lang, { n: s.stop, of: s.stops }),
    s.score.total > 0 ? say(UI.score, lang, s.score) : null,
    UI[s.numbering][lang],
    (s.detail === 'field' ? UI.byField : s.detail === 'step' ? UI.byStep : UI.byHeader)[lang],
    s.autoplay ? say(UI.autoOn, lang, { ms: s.intervalMs }) : null,
  ];
  const notice = p.banner ?? (s.notice ? noticeText(s.notice, lang) : null);
  const right = notice !== null ? ` ${notice} ` : ` ${(s.blocked ? UI.hintsBarQuiz : UI.hintsBar)[lang]} `;
  // Every key hint must stay readable: when the line is too long (a two-digit score, Korean),
  // the modes, which the help and the screen itself show, give way first (detail, then
  // numbering), never the keys.
  const shown = (drop: readonly number[]) => all.filter((x, i): x is string => x !== null && !drop.includes(i));
  let parts = shown([]);
  for (const drop of [[3], [3, 2]]) {
    if (widthOf(` ${parts.join(' · ')} `) + widthOf(right) <= width) break;
    parts = shown(drop);
  }
  const left = ` ${parts.join(' · ')} `;
  const rightW = Math.min(widthOf(right), Math.max(0, width - widthOf(left)), width);
  if (widthOf(left) + widthOf(right) <= width) {
    return [{ text: left, tone: 'title' }, { text: fitStart(right, width - widthOf(left)), tone: notice !== null ? 'notice' : 'dim' }];
  }
  // Narrow: a banner keeps the step beside it (it stays on screen while the learner steps);
  // a lesson resumed says where it resumed, with the score it brings.
  const resumed = s.notice?.kind === 'resumed';
  if ((p.banner !== undefined && p.banner !== null) || resumed) {
    const where = ` ${parts.slice(0, resumed && s.score.total > 0 ? 2 : 1).join(' · ')} `;
    const room = Math.max(0, width - widthOf(where));
    return [{ text: truncate(where, width), tone: 'title' }, { text: fit(truncate(right, room), room), tone: 'notice' }];
  }
  // Narrow: the notice wins over the mode summary.
  if (notice !== null) return [{ text: fit(right, width), tone: 'notice' }];
  return [{ text: truncate(left, width - rightW), tone: 'title' }, { text: fitStart(truncate(right, rightW), width - widthOf(truncate(left, width - rightW))), tone: 'dim' }];
}

export const StatusBar = memo(function StatusBar(p: StatusBarProps) {
  const lines = useMemo(() => [statusLine(p)], [p.status, p.lang, p.width, p.banner]);
  return (
    <Box width={p.width} height={1}>
      <Lines lines={lines} />
    </Box>
  );
});
