// What the menu and the player show in a terminal smaller than MIN_COLS × MIN_ROWS. Its own
// file, so that the menu draws it without loading the player.
import { Box } from 'ink';
import { memo } from 'react';
import type { Lang } from '../i18n/text.js';
import { MIN_COLS, MIN_ROWS } from './layout.js';
import { say, UI } from './strings.js';
import { Lines } from './theme.js';
import { wrap } from './text-width.js';

export const TooSmall = memo(function TooSmall({ lang, cols, rows }: { lang: Lang; cols: number; rows: number }) {
  const text = say(UI.tooSmall, lang, { minCols: MIN_COLS, minRows: MIN_ROWS, cols, rows });
  const lines = wrap(text, Math.max(20, cols - 1)).map((l) => [{ text: l, tone: 'notice' as const }]);
  return (
    <Box flexDirection="column">
      <Lines lines={lines} />
    </Box>
  );
});
