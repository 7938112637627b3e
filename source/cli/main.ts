import { t } from '../i18n/messages.js';
import { VERSION } from '../version.js';
import { parseArgv } from './args.js';
import { commandSpec } from './commands.js';
import { commandHelp, commandUsage, topHelp } from './help.js';
import { EXIT_OK, EXIT_USAGE, isTerminal, wantsTui, type CliIo } from './io.js';

/** Runs one invocation and returns the exit code. Never throws for a user's mistake. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv(argv, io.env);
  if (!parsed.ok) {
    io.stderr.write(`${parsed.message}\n`);
    const usage = parsed.command ? commandUsage(commandSpec(parsed.command), parsed.lang) : t(parsed.lang, 'usage');
    const hint = parsed.command
      ? t(parsed.lang, 'commandHelpHint', { command: parsed.command })
      : t(parsed.lang, 'helpHint');
    io.stderr.write(`${usage}\n${hint}\n`);
    return EXIT_USAGE;
  }
  const inv = parsed.invocation;
  if (inv.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (inv.help) {
    io.stdout.write(inv.command ? commandHelp(commandSpec(inv.command), inv.lang) : topHelp(inv.lang));
    return EXIT_OK;
  }
  if (inv.command === null) {
    if (!inv.plain && isTerminal(io)) return (await import('./commands/tutor.js')).menu(inv, io);
    // Without a terminal: the lesson list and how to play one.
    const code = (await import('./commands/list.js')).list(false, inv.lang, io);
    io.stdout.write(`${t(inv.lang, 'noTerminalMenu')}\n`);
    return code;
  }
  switch (inv.command) {
    case 'validate':
      return (await import('./commands/validate.js')).validate(inv.positionals, inv.lang, io);
    case 'list':
      return (await import('./commands/list.js')).list(inv.options.json === true, inv.lang, io);
    case 'export': {
      const { out, format } = inv.options;
      return (await import('./commands/export.js')).exportLesson(inv.positionals[0]!, out as string | undefined, format as string | undefined, inv.seed, inv.lang, io);
    }
    case 'drill': {
      const { stdinAnswers } = await import('./answers.js');
      const { drill } = await import('./commands/drill.js');
      return drill(inv.options.topic as string | undefined, inv.seed, inv.lang, io, stdinAnswers(io.stdin ?? process.stdin));
    }
    case 'play': {
      if (wantsTui(inv, io)) return (await import('./commands/tutor.js')).playTui(inv.positionals[0]!, inv, io);
      const { play } = await import('./commands/play.js');
      const { stdinAnswers } = await import('./answers.js');
      const answers = stdinAnswers(io.stdin ?? process.stdin);
      return play(inv.positionals[0]!, {
        lang: inv.lang, seed: inv.seed, json: inv.options.json === true, report: (inv.options.report as string | undefined) ?? null,
        name: typeof inv.options.name === 'string' ? inv.options.name : null, save: inv.options['no-save'] !== true,
      }, io, answers);
    }
    case 'inspect':
      return (await import('./commands/inspect.js')).inspect(inv.positionals, inv.options, inv.lang, io);
    case 'replay':
      return (await import('./commands/replay.js')).replayCommand(inv, io);
    case 'progress':
      return (await import('./commands/progress.js')).progress(inv.positionals[0] ?? null, inv.options, inv.lang, io);
    case 'grade': {
      const { csv, json, 'lesson-dir': lessonDir } = inv.options;
      return (await import('./commands/grade.js')).grade(inv.positionals, {
        csv: typeof csv === 'string' ? csv : null, json: json === true, lessonDir: typeof lessonDir === 'string' ? lessonDir : null, lang: inv.lang,
      }, io);
    }
    default: {
      const unreachable: never = inv.command;
      throw new Error(`no handler for ${String(unreachable)}`);
    }
  }
}

