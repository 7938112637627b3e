// Mounts the player on a real terminal and resolves when the learner leaves. The CLI (and
// later the menu) calls this; tests render <App> through their own helper instead.
import { render } from 'ink';
import type { Lang } from '../i18n/text.js';
import type { PlayerLesson, PlayerModel, PlayerOptions } from '../player/model.js';
import type { Trace } from '../sim/trace.js';
import { App } from './App.js';

export interface RunPlayerOptions {
  readonly trace: Trace;
  readonly lesson?: PlayerLesson;
  readonly options?: PlayerOptions;
  readonly lang: Lang;
  readonly color: boolean;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
}

const ALT_SCREEN_ON = '\u001B[?1049h';
const ALT_SCREEN_OFF = '\u001B[?1049l';

/** Plays a trace full-screen; returns the model as the learner left it (answers, score). */
export async function runPlayer(o: RunPlayerOptions): Promise<PlayerModel | null> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  // The alternate screen keeps the shell's scrollback clean, as full-screen tools do.
  const alt = Boolean(stdout.isTTY);
  let last: PlayerModel | null = null;
  if (alt) stdout.write(ALT_SCREEN_ON);
  const instance = render(
    <App
      trace={o.trace}
      lesson={o.lesson}
      options={o.options}
      lang={o.lang}
      color={o.color}
      interactive={Boolean(stdin.isTTY)}
      onExit={(m) => {
        last = m;
        instance.unmount();
      }}
    />,
    // 60 fps: a keypress right after a redraw is not held back for the 30 fps default.
    // (Ink's incrementalRendering garbled a full-height frame in tmux; it stays off.)
    { stdin, stdout, exitOnCtrlC: true, patchConsole: false, maxFps: 60 },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    if (alt) stdout.write(ALT_SCREEN_OFF);
  }
  return last;
}
