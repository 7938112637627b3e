import { josa } from './josa.js';

/** The two languages tcp-tutor teaches in. Both are first-class. */
export type Lang = 'en' | 'ko';

/** A piece of user-facing text in every language. */
export interface Text {
  readonly en: string;
  readonly ko: string;
}

/**
 * The language a user gets when they say nothing: Korean for a `ko_*` locale, English
 * otherwise. LC_ALL wins over LC_MESSAGES, which wins over LANG, as in POSIX.
 */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko([_.@-]|$)/i.test(locale) ? 'ko' : 'en';
}

export type TextParams = Readonly<Record<string, string | number | Text>>;

/**
 * One language of `text` with its `{name}` placeholders filled; a Text parameter is taken
 * in the same language. `{name:을}` also writes the Korean particle that fits the value
 * (`{host:이}` gives `r1이` or `서버가`). A placeholder with no parameter is left as it is,
 * so a missing one shows in review instead of vanishing.
 */
export function say(text: Text, lang: Lang, params: TextParams = {}): string {
  return text[lang].replace(/\{(\w+)(?::([\uac00-\ud7a3]+))?\}/g, (whole, name: string, particle: string | undefined) => {
    const v = params[name];
    if (v === undefined) return whole;
    const s = typeof v === 'object' ? v[lang] : String(v);
    return particle === undefined ? s : s + josa(s, particle);
  });
}
