// A replay made ready for the TUI, as session/lesson.ts makes a lesson ready: the same
// LessonSession, so the player and the Tutor take it unchanged. Also the captures that
// ship with tcp-tutor, for the menu's "Replay a real capture".
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Lang, Text } from '../i18n/text.js';
import { builtinLessonDir } from '../lesson/builtin.js';
import type { LessonSession } from './lesson.js';
import { toPlayer } from './to-player.js';
import { say } from '../replay/messages.js';
import { replayCapture, type Replay } from '../replay/replay.js';

export type ReplayOpenResult = { readonly ok: true; readonly session: LessonSession; readonly replay: Replay } | { readonly ok: false; readonly reason: string };

/** A replay as the player takes it. Its id is `replay`: replays keep no progress. */
export function replaySession(replay: Replay): LessonSession {
  const { trace, lesson, options } = toPlayer(replay);
  return { id: replay.lesson.id, title: replay.lesson.title, seed: replay.seed, trace, lesson, options };
}

export function openReplay(file: string, stream: number | null, lang: Lang, name?: string): ReplayOpenResult {
  const r = replayCapture(file, { stream, ...(name !== undefined && { name }) });
  if (!r.ok) return { ok: false, reason: r.error[lang] };
  return { ok: true, session: replaySession(r.replay), replay: r.replay };
}

export interface ShippedCapture {
  /** The file name without its extension: `handshake-get-close`. */
  readonly id: string;
  readonly file: string;
  readonly title: Text;
}

/** Real captures that come with tcp-tutor (package.json `files` ships them), in the order a learner meets the ideas. */
const SHIPPED: readonly { readonly name: string; readonly title: Text }[] = [
  { name: 'handshake-get-close.pcap', title: { en: 'A whole connection: handshake, one HTTP GET, close', ko: '연결 하나의 전부: 핸드셰이크, HTTP GET 한 번, 종료' } },
  { name: 'segmented-40k.pcap', title: { en: '40 kB in MSS-sized segments, each acknowledged', ko: '40kB를 MSS 크기 세그먼트로 나눠 보내고 ACK 받기' } },
  { name: 'loss-retransmissions.pcap', title: { en: 'Lost segments, duplicate ACKs and fast retransmission', ko: '세그먼트 손실, 중복 ACK, 빠른 재전송' } },
  { name: 'loopback-offload.pcap', title: { en: 'Loopback, with checksums left to offload', ko: '루프백: 오프로드로 남겨 둔 체크섬' } },
  { name: 'any-sll2.pcapng', title: { en: "Captured on 'any': no Ethernet header (Linux cooked v2)", ko: "'any'에서 캡처: 이더넷 헤더 없음 (리눅스 cooked v2)" } },
  { name: 'snaplen-80.pcap', title: { en: 'Cut short by an 80-byte snaplen; a simultaneous close', ko: '80바이트 snaplen으로 잘린 캡처, 동시 종료' } },
];

/** Where the shipped captures are: captures/ beside lessons/ in the package. */
export function shippedCaptureDir(): string {
  return join(dirname(builtinLessonDir()), 'captures');
}

/** The shipped captures that are present (a trimmed install may lack them). */
export function shippedCaptures(dir = shippedCaptureDir()): ShippedCapture[] {
  return SHIPPED.map((s) => ({ id: s.name.replace(/\.pcap(ng)?$/, ''), file: join(dir, s.name), title: s.title })).filter((s) => existsSync(s.file));
}

/** Opens a shipped capture by id (or file name) for the menu. */
export function openShippedReplay(id: string, lang: Lang, dir = shippedCaptureDir()): ReplayOpenResult {
  const all = shippedCaptures(dir);
  const found = all.find((s) => s.id === id || s.file.endsWith(`/${id}`));
  if (!found) return { ok: false, reason: say(lang, 'errNotShipped', { name: id, list: all.map((s) => s.id).join(', ') }) };
  return openReplay(found.file, null, lang);
}
