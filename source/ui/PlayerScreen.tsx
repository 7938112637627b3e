// The player's layout: narration on top, the layer stack beside the ladder, the hex pane,
// an open quiz, and the status bar. It sizes the panes for the terminal and hands each
// its slice of the screen; at less than 80×24 it asks for a bigger window instead.
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Lang } from '../i18n/text.js';
import { narrationScroll, update, type PlayerAction, type PlayerModel } from '../player/model.js';
import { selectHistory, selectScreen, type Screen } from '../player/screen.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HexPane, hexNeed } from './HexPane.js';
import { LessonSummary } from './LessonSummary.js';
import { selectSummary } from '../player/summary.js';
import { Ladder } from './Ladder.js';
import { LayerStack } from './LayerStack.js';
import { geometry, tooSmall, type Geometry } from './layout.js';
import { Narration, narrationNeed, scrollBounds, type NarrationBlock } from './Narration.js';
import { QuizPrompt, quizNeed } from './QuizPrompt.js';
import { StatusBar } from './StatusBar.js';
import { TooSmall } from './TooSmall.js';

export interface PlayerScreenProps {
  readonly model: PlayerModel;
  readonly dispatch: (action: PlayerAction) => void;
  readonly lang: Lang;
  readonly cols: number;
  readonly rows: number;
  /** See StatusBarProps.banner. */
  readonly banner?: string | null;
  /** Where q and Esc lead, for the help: the menu, or out (`play LESSON`). */
  readonly leaveTo?: 'menu' | 'exit';
}

/** Earlier stops the narration pane can scroll back through. */
export const HISTORY_STOPS = 30;
const NO_HISTORY: readonly NarrationBlock[] = [];

function layoutOf(screen: Screen, model: PlayerModel, lang: Lang, cols: number, rows: number): Geometry {
  return geometry(cols, rows, {
    narration: narrationNeed(screen.narration, screen.note, lang, cols),
    hex: model.showHex ? hexNeed(screen.hex) : 0,
    quiz: quizNeed(screen.quiz, lang, cols),
    feedback: screen.quiz !== null && screen.quiz.answer !== null,
  });
}

/**
 * PgUp (-1) or PgDn (+1): the narration pane scrolls by a page less one line, within what
 * it holds at this size (so a key pressed past the end does nothing, and the next one in
 * the other direction moves at once).
 */
export function scrollPage(model: PlayerModel, by: -1 | 1, lang: Lang, cols: number, rows: number): PlayerModel {
  if (tooSmall(cols, rows) || model.showHelp) return model;
  const screen = selectScreen(model);
  const height = layoutOf(screen, model, lang, cols, rows).narration;
  const history = selectHistory(model, HISTORY_STOPS);
  const { min, max } = scrollBounds({ narration: screen.narration, note: screen.note, lang, width: cols, height, history });
  const from = narrationScroll(model);
  const to = Math.max(min, Math.min(max, from + by * Math.max(1, height - 1)));
  return to === from ? model : update(model, { type: 'scrollNarration', to });
}

export const PlayerScreen = memo(function PlayerScreen(p: PlayerScreenProps) {
  const { model, lang, cols, rows } = p;
  const screen = useMemo(() => selectScreen(model), [model]);
  const scroll = narrationScroll(model);
  // The history is read only when the learner scrolls up into it.
  const history = useMemo(() => (scroll < 0 ? selectHistory(model, HISTORY_STOPS) : NO_HISTORY), [model, scroll < 0]);
  const summary = useMemo(() => (model.summary ? selectSummary(model) : null), [model]);
  if (tooSmall(cols, rows)) return <TooSmall lang={lang} cols={cols} rows={rows} />;
  // One row less than the terminal, as the player draws, so Ink never clears the screen.
  if (summary) return <LessonSummary summary={summary} lang={lang} width={cols} height={rows - 1} />;

  const g = layoutOf(screen, model, lang, cols, rows);
  const quizOpen = screen.quiz !== null && screen.quiz.answer === null;
  // A field or blank quiz's answer is typed into the header it belongs to, as well as the quiz box.
  const cp = screen.quiz?.checkpoint;
  const draft = quizOpen && (cp?.kind === 'field' || (cp?.kind === 'number' && cp.ask === 'blank')) ? screen.quiz!.draft : null;
  const below = g.rows - g.narration - 1;
  return (
    <Box flexDirection="column" width={cols} height={g.rows}>
      <Narration
        narration={screen.narration} note={screen.note} lang={lang} width={cols} height={g.narration}
        scroll={scroll} history={history} earlier={model.pos > 0}
      />
      {screen.showHelp ? (
        <HelpOverlay lang={lang} width={cols} height={below} leaveTo={p.leaveTo} />
      ) : (
        <>
          <Box flexDirection="row" height={g.main}>
            <LayerStack stack={screen.stack} lang={lang} width={g.stackWidth} height={g.main} draft={draft} />
            <Box width={1} />
            <Ladder ladder={screen.ladder} lang={lang} width={g.ladderWidth} height={g.main} />
          </Box>
          {g.hex > 0 && <HexPane hex={screen.hex} lang={lang} width={cols} height={g.hex} application={screen.stack.scene === 'app'} />}
          {screen.quiz && g.quiz > 0 && (
            <QuizPrompt quiz={screen.quiz} lang={lang} width={cols} height={g.quiz} />
          )}
        </>
      )}
      <StatusBar status={screen.status} lang={lang} width={cols} banner={p.banner} />
    </Box>
  );
});
