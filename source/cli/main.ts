import { t } from '../i18n/messages.js';
import { VERSION } from '../version.js';
import { parseArgv } from './args.js';
import { commandSpec } from './commands.js';
import { commandHelp, commandUsage, topHelp } from './help.js';
import { isFolder } from '../lesson/builtin.js';
import { EXIT_OK, EXIT_USAGE, isTerminal, wantsTui, type CliIo } from './io.js';

/** Runs one invocation and returns the exit code. Never throws for a user's mistake. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgv(argv, io.env, isFolder);
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
    // `tcp-tutor DIR`: a course folder's menu.
    const course = inv.positionals[0] ?? null;
    if (!inv.plain && isTerminal(io)) {
      const tutor = await import('./commands/tutor.js');
      return course === null ? tutor.menu(inv, io) : tutor.courseMenu(course, inv, io);
    }
    // Without a terminal: the lesson list and how to play one.
    const code = await (await import('./commands/list.js')).list(false, inv.lang, io, course);
    if (code === 0) io.stdout.write(`${course === null ? t(inv.lang, 'noTerminalMenu') : t(inv.lang, 'noTerminalCourse', { dir: course.replace(/(.)\/+$/, '$1') })}\n`);
    return code;
  }
  switch (inv.command) {
    case 'validate': {
      const validate = await import('./commands/validate.js');
      if (inv.options.watch !== true) return validate.validate(inv.positionals, inv.lang, io);
      // Ctrl+C ends the watch with 130, as a shell reports SIGINT.
      const stop = new AbortController();
      const onSigint = () => stop.abort();
      process.once('SIGINT', onSigint);
      try {
        return await validate.validateWatch(inv.positionals, inv.lang, io, stop.signal);
      } finally {
        process.off('SIGINT', onSigint);
      }
    }
    case 'new':
      return (await import('./commands/new.js')).newLesson(inv.positionals[0]!, inv.options.from as string | undefined, inv.options.force === true, inv.lang, io);
    case 'list':
      return (await import('./commands/list.js')).list(inv.options.json === true, inv.lang, io, inv.positionals[0] ?? null);
    case 'export': {
      const { out, format, 'no-fcs': noFcs } = inv.options;
      return (await import('./commands/export.js')).exportLesson(
        inv.positionals[0]!, out as string | undefined, format as string | undefined, inv.seed, inv.lang, io, { fcs: noFcs !== true },
      );
    }
    case 'drill': {
      const { stdinAnswers } = await import('./answers.js');
      const { drill } = await import('./commands/drill.js');
      return drill(inv.options.topic as string | undefined, inv.seed, inv.lang, io, stdinAnswers(io.stdin ?? process.stdin));
    }
    case 'play': {
      const target = inv.positionals[0]!;
      if (isFolder(target)) {
        if (wantsTui(inv, io)) return (await import('./commands/tutor.js')).courseMenu(target, inv, io);
        io.stderr.write(`${t(inv.lang, 'playFolderPlain', { dir: target.replace(/(.)\/+$/, '$1') })}\n`);
        return EXIT_USAGE;
      }
      if (wantsTui(inv, io)) return (await import('./commands/tutor.js')).playTui(target, inv, io);
      if (inv.options.watch === true) {
        io.stderr.write(`${t(inv.lang, 'watchNeedsTerminal')}\n`);
        return EXIT_USAGE;
      }
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

