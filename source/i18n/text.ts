/** The two languages tcp-tutor teaches in. Both are first-class. */
export type Lang = 'en' | 'ko';

export const LANGS: readonly Lang[] = ['en', 'ko'];

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
