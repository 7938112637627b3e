// The player's layout: narration on top, the layer stack beside the ladder, the hex pane,
// an open quiz, and the status bar. It sizes the panes for the terminal and hands each
// its slice of the screen; at less than 80×24 it asks for a bigger window instead.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import type { PlayerAction, PlayerModel } from '../player/model.js';
import { selectScreen } from '../player/screen.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HexPane, hexNeed } from './HexPane.js';
import { Ladder } from './Ladder.js';
import { LayerStack } from './LayerStack.js';
import { geometry, MIN_COLS, MIN_ROWS, tooSmall } from './layout.js';
import { Narration, narrationNeed } from './Narration.js';
import { QuizPrompt, quizNeed } from './QuizPrompt.js';
import { StatusBar } from './StatusBar.js';
import { say, UI } from './strings.js';
import { Lines } from './theme.js';
import { wrap } from './text-width.js';

export interface PlayerScreenProps {
  readonly model: PlayerModel;
  readonly dispatch: (action: PlayerAction) => void;
  readonly lang: Lang;
  readonly cols: number;
  readonly rows: number;
}

export const TooSmall = memo(function TooSmall({ lang, cols, rows }: { lang: Lang; cols: number; rows: number }) {
  const text = say(UI.tooSmall, lang, { minCols: MIN_COLS, minRows: MIN_ROWS, cols, rows });
  const lines = wrap(text, Math.max(20, cols - 1)).map((l) => [{ text: l, tone: 'notice' as const }]);
  return (
    <Box flexDirection="column">
      <Lines lines={lines} />
    </Box>
  );
});

export const PlayerScreen = memo(function PlayerScreen(p: PlayerScreenProps) {
  const { model, lang, cols, rows } = p;
  const screen = useMemo(() => selectScreen(model), [model]);
  if (tooSmall(cols, rows)) return <TooSmall lang={lang} cols={cols} rows={rows} />;

  const g = geometry(cols, rows, {
    narration: narrationNeed(screen.narration, screen.note, lang, cols),
    hex: model.showHex ? hexNeed(screen.hex) : 0,
    quiz: quizNeed(screen.quiz, lang, cols),
  });
  const quizOpen = screen.quiz !== null && screen.quiz.answer === null;
  const draft = quizOpen && screen.quiz?.checkpoint.kind === 'field' ? screen.quiz.draft : null;
  const below = g.rows - g.narration - 1;
  return (
    <Box flexDirection="column" width={cols} height={g.rows}>
      <Narration narration={screen.narration} note={screen.note} lang={lang} width={cols} height={g.narration} />
      {screen.showHelp ? (
        <HelpOverlay lang={lang} width={cols} height={below} />
      ) : (
        <>
          <Box flexDirection="row" height={g.main}>
            <LayerStack stack={screen.stack} lang={lang} width={g.stackWidth} height={g.main} draft={draft} />
            <Box width={1} />
            <Ladder ladder={screen.ladder} lang={lang} width={g.ladderWidth} height={g.main} />
          </Box>
          {g.hex > 0 && <HexPane hex={screen.hex} lang={lang} width={cols} height={g.hex} />}
          {screen.quiz && g.quiz > 0 && (
            <QuizPrompt quiz={screen.quiz} lang={lang} width={cols} height={g.quiz} />
          )}
        </>
      )}
      <StatusBar status={screen.status} lang={lang} width={cols} />
    </Box>
  );
});
