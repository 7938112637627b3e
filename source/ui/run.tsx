// Mounts the Tutor on a real terminal and gives the terminal back as it was, whatever
// happens: q, Ctrl+C (exit 130), a signal (128 + its number: SIGTERM 143, SIGHUP 129,
// SIGQUIT 131, SIGUSR2 140 on Linux), or a crash (one plain line, exit 70; the stack only
// with TCP_TUTOR_DEBUG=1). Ink's own Ctrl+C handling is off because it exits 0. Ctrl+Z (or
// SIGTSTP) saves, gives the terminal back and stops as any program does; `fg` (SIGCONT)
// takes the terminal again and redraws.
import { closeSync } from 'node:fs';
import { constants } from 'node:os';
import { render, useStdout, type Instance } from 'ink';
import { Component, useEffect, type ReactNode } from 'react';
import { t } from '../i18n/messages.js';
import type { Lang, Text } from '../i18n/text.js';
import type { CatalogEntry } from '../lesson/catalog.js';
import type { Playing } from '../session/snapshot.js';
import { loadPlayerApp, Tutor, type TutorProps, type TutorStore } from './Tutor.js';

export interface RunTutorOptions {
  readonly lessons: readonly CatalogEntry[];
  /** A course's title, for the menu. */
  readonly title?: Text;
  readonly store: TutorStore;
  readonly lang: Lang;
  readonly color: boolean;
  readonly seed: number | null;
  readonly freshSeed: (lessonSeed: number | undefined) => number;
  /** play --watch: see TutorProps.watch. */
  readonly watch?: TutorProps['watch'];
  /** A lesson opened already (`play LESSON`): q then leaves the tutor. */
  readonly start?: Playing;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
  readonly stderr?: NodeJS.WriteStream;
}

const ALT_SCREEN_ON = '\u001B[?1049h';
const ALT_SCREEN_OFF = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';
const CURSOR_HOME_CLEAR = '\u001B[H\u001B[2J';

/** The signals that end the tutor (after saving and giving the terminal back). */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const;
type EndingSignal = (typeof ENDING_SIGNALS)[number];

/** 128 + the signal's number, as a shell reports a process killed by it. */
export function signalExit(signal: EndingSignal): number {
  return 128 + constants.signals[signal];
}

/** Job control (Ctrl+Z, `fg`) exists where the platform has SIGTSTP. */
const JOB_CONTROL = process.platform !== 'win32';

/** Hands `redraw` (Ink's own full repaint: clear what it drew, draw the last frame again) to the runner. */
function RedrawHook({ onReady }: { readonly onReady: (redraw: () => void) => void }) {
  const { write } = useStdout();
  useEffect(() => onReady(() => write('')), [write, onReady]);
  return null;
}

/** Catches a render error before Ink's own boundary would print a stack trace on screen. */
class CrashGuard extends Component<{ readonly onCrash: (error: unknown) => void; readonly children: ReactNode }, { readonly failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onCrash(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** An error that says the terminal (or the pipe) we read and write is gone. */
function terminalGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO' || code === 'EBADF';
}

/** Runs the TUI until the learner leaves; resolves with the exit code. A crash rejects, after the terminal is restored. */
export async function runTutor(o: RunTutorOptions): Promise<number> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const stderr = o.stderr ?? process.stderr;
  const alt = Boolean(stdout.isTTY);
  let code = 0;
  let crash: unknown = null;
  let instance: Instance | null = null;
  let saveCurrent: () => void = () => {};
  let restored = false;

  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      instance?.unmount();
    } catch {
      // the app may be half torn down already; the terminal matters more
    }
    try {
      if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    } catch {
      // stdin may be gone (SIGHUP)
    }
    try {
      stdout.write(`${alt ? ALT_SCREEN_OFF : ''}${SHOW_CURSOR}`);
    } catch {
      // ditto
    }
  };
  const finish = (c: number) => {
    code = c;
    instance?.unmount();
  };
  const onSignal = (signal: EndingSignal) => {
    try {
      saveCurrent();
    } finally {
      finish(signalExit(signal));
    }
  };
  const signals = ENDING_SIGNALS.filter((s) => s in constants.signals).map((s) => [s, () => onSignal(s)] as const);

  // Ctrl+Z: raw mode turns the terminal's own job control off, so the key arrives as a key
  // and is turned into SIGTSTP here; `kill -TSTP` arrives directly.
  let redraw: () => void = () => {};
  const onRedrawReady = (r: () => void) => {
    redraw = r;
  };
  let wasRaw = false;
  const onStop = () => {
    try {
      saveCurrent();
    } catch {
      // saving is best effort; stopping must still work
    }
    wasRaw = Boolean(stdin.isTTY && stdin.isRaw);
    try {
      if (wasRaw) stdin.setRawMode(false);
      stdout.write(`${alt ? ALT_SCREEN_OFF : ''}${SHOW_CURSOR}`);
    } catch {
      // a terminal that is gone is handled by onFatal
    }
    process.off('SIGTSTP', onStop);
    process.once('SIGCONT', onContinue);
    // With no listener left the default action applies: the process stops here.
    process.kill(process.pid, 'SIGTSTP');
  };
  const onContinue = () => {
    if (restored) return;
    process.on('SIGTSTP', onStop);
    try {
      if (wasRaw) stdin.setRawMode(true);
      stdout.write(`${alt ? ALT_SCREEN_ON : ''}${CURSOR_HOME_CLEAR}${HIDE_CURSOR}`);
      redraw();
    } catch {
      // ditto
    }
  };
  const suspend = JOB_CONTROL ? () => process.emit('SIGTSTP', 'SIGTSTP') : undefined;
  // An error thrown outside React (a key handler, a timer) would otherwise kill the process
  // with the terminal still raw and on the alternate screen.
  const onFatal = (err: unknown) => {
    if (terminalGone(err)) {
      // The window was closed (or the pipe went away): there is nobody to tell. Save what
      // the learner did, let go of the terminal quietly, and leave as a hangup does.
      try {
        saveCurrent();
      } catch {
        // saving is best effort here
      }
      restore();
      // Node restores the terminal's modes at exit and asserts that this worked; on a
      // terminal that is gone it cannot, and Node aborts. Closed descriptors it skips.
      for (const fd of [0, 1, 2]) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
      }
      process.exit(signalExit('SIGHUP'));
    }
    restore();
    const message = err instanceof Error ? err.message : String(err);
    stderr.write(`${t(o.lang, 'internalError', { message })}\n`);
    if (process.env.TCP_TUTOR_DEBUG && err instanceof Error) stderr.write(`${err.stack}\n`);
    process.exit(70);
  };

  // A lesson given at the start is the first frame: its player loads before it.
  if (o.start) await loadPlayerApp();
  for (const [s, h] of signals) process.on(s, h);
  if (JOB_CONTROL) process.on('SIGTSTP', onStop);
  // A write to a closed terminal fails with EIO (EPIPE for a pipe) as an 'error' event.
  stdout.on('error', onFatal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  if (alt) stdout.write(ALT_SCREEN_ON);
  try {
    instance = render(
      <CrashGuard
        onCrash={(err) => {
          crash = err;
          // Not inside React's commit: unmount once it is over.
          setImmediate(() => finish(70));
        }}
      >
        <RedrawHook onReady={onRedrawReady} />
        <Tutor
          lessons={o.lessons}
          title={o.title}
          store={o.store}
          lang={o.lang}
          color={o.color}
          seed={o.seed}
          interactive={Boolean(stdin.isTTY)}
          open={async (name, pick, lang) => (await import('../session/lesson.js')).openLesson(name, lang, pick)}
          freshSeed={o.freshSeed}
          start={o.start}
          watch={o.watch}
          leaveTo={o.start ? 'exit' : 'menu'}
          onExit={finish}
          onSuspend={suspend}
          saveHook={(save) => {
            saveCurrent = save;
          }}
        />
      </CrashGuard>,
      // 60 fps: a keypress right after a redraw is not held back for the 30 fps default.
      // (Ink's incrementalRendering garbled a full-height frame in tmux; it stays off.)
      { stdin, stdout, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 60 },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
    for (const [s, h] of signals) process.off(s, h);
    process.off('SIGTSTP', onStop);
    process.off('SIGCONT', onContinue);
    process.off('uncaughtException', onFatal);
    stdout.off('error', onFatal);
    process.off('unhandledRejection', onFatal);
  }
  if (crash !== null) throw crash;
  return code;
}
