import { langFromEnv, type Lang } from '../i18n/text.js';
import { t } from '../i18n/messages.js';
import { closest } from '../text/suggest.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandName, type CommandSpec, type OptionSpec } from './commands.js';

export type OptionValue = string | number | boolean;

export interface Invocation {
  /** null opens the lesson menu. */
  readonly command: CommandName | null;
  readonly positionals: readonly string[];
  /** Command options by long name without dashes: `out`, `json`. */
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly help: boolean;
  readonly version: boolean;
  readonly lang: Lang;
  /** --lang was given: it wins over the language saved in the menu. */
  readonly langGiven: boolean;
  readonly seed: number | null;
  readonly plain: boolean;
  readonly color: boolean;
}

export type ParseResult =
  | { readonly ok: true; readonly invocation: Invocation }
  | { readonly ok: false; readonly message: string; readonly lang: Lang; readonly command: CommandName | null };

/**
 * Parses the command line. Pure: the environment is passed in, so that the language and
 * colour defaults (LC_ALL/LANG, NO_COLOR) are testable, and so is `isFolder`, which tells
 * `tcp-tutor DIR` (a course folder: no command, one positional) from a mistyped command.
 */
export function parseArgv(argv: readonly string[], env: NodeJS.ProcessEnv, isFolder: (path: string) => boolean = () => false): ParseResult {
  const lang = langFromArgs(argv) ?? langFromEnv(env);
  let command: CommandSpec | null = null;
  const positionals: string[] = [];
  const values: Record<string, OptionValue> = {};
  const fail = (message: string): ParseResult => ({ ok: false, message, lang, command: command?.name ?? null });

  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      if (command === null && positionals.length === 0 && !onlyPositionals) {
        if (arg === 'help') {
          values.help = true;
          continue;
        }
        const spec = COMMANDS.find((c) => c.name === arg);
        if (!spec && isFolder(arg)) {
          positionals.push(arg);
          continue;
        }
        if (!spec) {
          const guess = closest(arg, [...COMMANDS.map((c) => c.name), 'help']);
          return fail(t(lang, 'unknownCommand', { name: arg, suggestion: guess ? t(lang, 'didYouMean', { name: guess }) : '' }));
        }
        command = spec;
        continue;
      }
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const known = [...GLOBAL_OPTIONS, ...(command?.options ?? [])];
    const spec = known.find((o) => o.name === name || o.short === name);
    if (!spec) {
      const guess = closest(name, known.map((o) => o.name));
      return fail(t(lang, 'unknownOption', { name, suggestion: guess ? t(lang, 'didYouMean', { name: guess }) : '' }));
    }
    const key = spec.name.slice(2);
    if (spec.kind.type === 'flag') {
      if (eq >= 0) return fail(t(lang, 'unknownOption', { name: arg, suggestion: t(lang, 'didYouMean', { name: spec.name }) }));
      values[key] = true;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) {
        return fail(t(lang, 'missingValue', { name: spec.name }));
      }
      raw = next;
      i++;
    }
    const parsed = parseValue(spec, raw, lang);
    if (typeof parsed === 'object') return fail(parsed.message);
    values[key] = parsed;
  }

  if (command && !values.help) {
    const required = command.args.filter((a) => a.required);
    const missing = required[positionals.length];
    if (missing) return fail(t(lang, 'missingArgument', { command: command.name, what: missing.name }));
    const repeats = command.args.some((a) => a.repeats);
    if (!repeats && positionals.length > command.args.length) {
      return fail(t(lang, 'tooManyArguments', { command: command.name, value: positionals[command.args.length]! }));
    }
  } else if (!command && positionals.length > 1 && !values.help) {
    return fail(t(lang, 'tooManyArguments', { command: 'tcp-tutor', value: positionals[1]! }));
  }

  const { help, version, lang: _lang, seed, plain, 'no-color': noColor, ...options } = values;
  return {
    ok: true,
    invocation: {
      command: command?.name ?? null,
      positionals,
      options,
      help: help === true,
      version: version === true,
      lang,
      langGiven: langFromArgs(argv) !== null,
      seed: typeof seed === 'number' ? seed : null,
      plain: plain === true,
      // https://no-color.org: any non-empty NO_COLOR turns colour off.
      color: noColor !== true && !env.NO_COLOR,
    },
  };
}

function parseValue(spec: OptionSpec, raw: string, lang: Lang): OptionValue | { message: string } {
  const kind = spec.kind;
  switch (kind.type) {
    case 'flag':
      return true;
    case 'string':
      return raw;
    case 'choice':
      if (kind.choices.includes(raw)) return raw;
      if (spec.name === '--lang') return { message: t(lang, 'badLang', { value: raw }) };
      return { message: t(lang, 'badChoice', { name: spec.name, choices: kind.choices.join(', '), value: raw }) };
    case 'int': {
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (Number.isSafeInteger(n) && n >= kind.min && n <= kind.max) return n;
      if (spec.name === '--seed') return { message: t(lang, 'badSeed', { value: raw }) };
      return { message: t(lang, 'badInteger', { name: spec.name, value: raw }) };
    }
  }
}

/** `--lang` decides the language of the parser's own errors, so it is read first. */
function langFromArgs(argv: readonly string[]): Lang | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'ko' || v === 'en') return v;
  }
  return null;
}
