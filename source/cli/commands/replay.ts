// `tcp-tutor replay CAPTURE [--stream N] [--plain] [--json]`: one TCP conversation of a
// real capture in the player. In a terminal it opens the TUI as `play` does; otherwise it
// tells the replay as text or JSON Lines through `play`'s own runner, answers on stdin.
// --seed is accepted and ignored: a capture's numbers are what they are.
import type { Lang } from '../../i18n/text.js';
import type { Replay } from '../../replay/replay.js';
import type { Invocation } from '../args.js';
import { wantsTui, type AnswerSource, type CliIo } from '../io.js';

export async function replayCommand(inv: Invocation, io: CliIo): Promise<number> {
  const file = inv.positionals[0]!;
  const stream = typeof inv.options.stream === 'number' ? inv.options.stream : null;
  if (wantsTui(inv, io)) return replayTui(file, stream, inv, io);
  const { stdinAnswers } = await import('../answers.js');
  return replayPlain(file, stream, { lang: inv.lang, json: inv.options.json === true }, io, stdinAnswers(io.stdin ?? process.stdin));
}

/** Plain text or JSON Lines; exit 1 with one line when the capture or the stream cannot be replayed. */
export async function replayPlain(file: string, stream: number | null, opts: { readonly lang: Lang; readonly json: boolean }, io: CliIo, answers: AnswerSource): Promise<number> {
  const { replayCapture } = await import('../../replay/replay.js');
  const r = replayCapture(file, { stream });
  if (!r.ok) {
    io.stderr.write(`${r.error[opts.lang]}\n`);
    return 1;
  }
  const replay = r.replay;
  for (const w of replay.warnings) io.stderr.write(`${w[opts.lang]}\n`);
  const { runPlain } = await import('../plain.js');
  return runPlain(replay, { lang: opts.lang, seed: null, json: opts.json, report: null }, io, answers, intro(replay, opts.lang));
}

function intro(replay: Replay, lang: Lang) {
  return {
    json: { lesson: replay.lesson.id, title: replay.lesson.title[lang], capture: replay.file, stream: replay.stream },
    lines: [replay.lesson.title[lang]],
  };
}

/** The TUI on the replay alone; q leaves. Replays keep no progress, but the language chosen in the menu holds. */
async function replayTui(file: string, stream: number | null, inv: Invocation, io: CliIo): Promise<number> {
  const { tuiSession } = await import('../tui.js');
  const s = tuiSession(inv, io);
  const { store, lang } = s;
  const { openReplay } = await import('../../session/replay.js');
  const opened = openReplay(file, stream, lang);
  if (!opened.ok) {
    io.stderr.write(`${opened.reason}\n`);
    return 1;
  }
  for (const w of opened.replay.warnings) io.stderr.write(`${w[lang]}\n`);
  return s.run({
    lessons: [],
    store: { read: () => store.read(), saveLesson: () => {}, saveLang: (l) => store.saveLang(l), warnings: () => store.warnings() },
    color: inv.color, seed: null, freshSeed: () => 0,
    start: { session: opened.session, previous: undefined },
  });
}
