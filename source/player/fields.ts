// Field names and one-line meanings come from the wire layouts, the one source of truth;
// this module only indexes them by key and says which layer a key belongs to.
import type { Text } from '../i18n/text.js';
import * as arp from '../wire/arp.js';
import * as dns from '../wire/dns.js';
import * as ethernet from '../wire/ethernet.js';
import * as ipv4 from '../wire/ipv4.js';
import type { FieldSpec } from '../wire/layout.js';
import * as tcp from '../wire/tcp.js';
import * as udp from '../wire/udp.js';

/**
 * HTTP has no fixed layout in source/wire (it is text), so the few fields the player
 * names are described here, with Wireshark's keys.
 */
const HTTP_FIELDS: readonly { key: string; name: string; meaning: Text }[] = [
  {
    key: 'http.request.method', name: 'Request Method',
    meaning: { en: 'What the client asks the server to do: GET fetches a resource', ko: '클라이언트가 서버에 요청하는 동작: GET은 자원을 가져옵니다' },
  },
  {
    key: 'http.request.uri', name: 'Request URI',
    meaning: { en: 'Which resource on the server: / is the front page', ko: '서버의 어느 자원인지: /는 첫 페이지' },
  },
  {
    key: 'http.request.version', name: 'Request Version',
    meaning: { en: 'The HTTP version the client speaks', ko: '클라이언트가 쓰는 HTTP 버전' },
  },
  {
    key: 'http.host', name: 'Host',
    meaning: { en: 'The site name, so one server can host many sites', ko: '사이트 이름; 서버 하나가 여러 사이트를 맡을 수 있게 합니다' },
  },
  {
    key: 'http.response.code', name: 'Status Code',
    meaning: { en: 'The outcome: 200 OK, 404 Not Found, …', ko: '요청 결과: 200 OK, 404 Not Found, …' },
  },
];

export interface FieldInfo {
  readonly key: string;
  readonly name: string;
  readonly meaning: Text | null;
  readonly spec: FieldSpec | null;
}

const INDEX: ReadonlyMap<string, FieldInfo> = (() => {
  const m = new Map<string, FieldInfo>();
  const specs: readonly FieldSpec[] = [
    ...ethernet.LAYOUT, ethernet.FCS_FIELD, ...arp.LAYOUT, ...ipv4.LAYOUT, ...tcp.LAYOUT, ...udp.LAYOUT, ...dns.LAYOUT,
  ];
  for (const spec of specs) m.set(spec.key, { key: spec.key, name: spec.name, meaning: spec.meaning, spec });
  for (const f of HTTP_FIELDS) m.set(f.key, { ...f, spec: null });
  return m;
})();

/** Name and meaning of a field key; an unknown key reads as itself. */
export function fieldInfo(key: string): FieldInfo {
  return INDEX.get(key) ?? { key, name: key, meaning: null, spec: null };
}

/**
 * A field's name in a sentence: English as the header diagram and the layer box show it;
 * Korean by its Korean term with that name in brackets, so the reader finds the box's row
 * (`시퀀스 번호(Sequence Number)`), or the name alone where Korean has no term of its own.
 */
export function fieldLabel(key: string): Text {
  const info = fieldInfo(key);
  const ko = info.spec?.nameKo;
  return { en: info.name, ko: ko ? `${ko}(${info.name})` : info.name };
}

/** Keys whose values are sequence-space numbers and so have a relative form. */
export function isSeqKey(key: string): key is 'tcp.seq' | 'tcp.ack' {
  return key === 'tcp.seq' || key === 'tcp.ack';
}
