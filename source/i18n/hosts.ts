// What a host is called in a sentence. Lessons and traces name nodes by id (`client`, `r1`),
// which is what YAML, JSON and the capture keep; a Korean sentence calls the built-in roles
// by their Korean names (클라이언트, 서버, DNS 서버, 라우터 1), as CURRICULUM.md does. English
// keeps the id, so `client` reads the same in a sentence and in the ladder. A lesson may name
// its own nodes (`label: { en, ko }` in its topology): those names win in both languages.
import type { Text } from './text.js';

/** Display names a lesson gave its nodes, by id. */
export type HostLabels = Readonly<Record<string, Text>>;

const ROLES: Readonly<Record<string, string>> = {
  client: '클라이언트',
  server: '서버',
  dns: 'DNS 서버',
  sw: '스위치',
  router: '라우터',
};

/** The Korean name of a node: the lesson's label, a built-in role's, `라우터 1` for r1, `스위치 2` for sw2, else the id. */
export function hostKo(id: string, labels?: HostLabels): string {
  if (labels && Object.hasOwn(labels, id)) return labels[id]!.ko;
  if (Object.hasOwn(ROLES, id)) return ROLES[id]!;
  const numbered = /^(r|sw)(\d+)$/.exec(id);
  if (numbered) return `${numbered[1] === 'r' ? '라우터' : '스위치'} ${numbered[2]}`;
  return id;
}

/** A node's name in both languages, for a `{host}` placeholder. */
export function hostText(id: string, labels?: HostLabels): Text {
  if (labels && Object.hasOwn(labels, id)) return labels[id]!;
  return { en: id, ko: hostKo(id) };
}

/**
 * A node inside an English sentence, where a built-in role takes its article ("the
 * server's turn", "the DNS server"); Korean and a lesson's own labels as `hostText` gives them.
 */
export function hostInSentence(id: string, labels?: HostLabels): Text {
  const t = hostText(id, labels);
  if (labels && Object.hasOwn(labels, id)) return t;
  const en = id === 'client' || id === 'server' ? `the ${id}` : id === 'dns' ? 'the DNS server' : id;
  return { en, ko: t.ko };
}

/** A router or switch in a Korean sentence always says what it is: `라우터 1`, `스위치 core`. */
export function deviceText(id: string, kind: 'router' | 'switch', labels?: HostLabels): Text {
  if (labels && Object.hasOwn(labels, id)) return labels[id]!;
  const word = kind === 'router' ? '라우터' : '스위치';
  const ko = hostKo(id);
  return { en: id, ko: ko.startsWith(word) ? ko : `${word} ${id}` };
}
