// `tcp-tutor replay`: one TCP conversation of a real capture made into something the
// players take exactly as they take a compiled lesson (a PlayableLesson): the trace of
// its real frames, notes, and quizzes generated from it.
import { basename } from 'node:path';
import type { Text } from '../i18n/text.js';
import type { PlayableLesson } from '../lesson/compile.js';
import type { FrameId } from '../sim/trace.js';
import { LINKTYPE_ETHERNET } from '../capture/linklayer.js';
import type { CaptureFormat, CaptureItem } from '../capture/packet.js';
import { writeCapture } from '../capture/write.js';
import { buildReplayTrace, type ReplayTrace } from './build.js';
import { text } from './messages.js';
import { replayQuizzes } from './quizzes.js';
import { readStream } from './read.js';

/** The lesson id a replay goes by (progress is not kept for replays). */
export const REPLAY_ID = 'replay';

export interface Replay extends PlayableLesson {
  readonly file: string;
  readonly stream: number;
  readonly replayTrace: ReplayTrace;
  /** Worth a line on standard error too: the file was cut off. */
  readonly warnings: readonly Text[];
}

export type ReplayResult = { readonly ok: true; readonly replay: Replay } | { readonly ok: false; readonly error: Text };

export interface ReplayOptions {
  /** Wireshark's tcp.stream; null picks the first stream with a handshake. */
  readonly stream: number | null;
  /** How the capture is named to the learner; the file's base name by default. */
  readonly name?: string;
  /** Packets from elsewhere than the file (tests). */
  readonly items?: () => Iterable<CaptureItem>;
  readonly maxPackets?: number;
}

export function replayCapture(file: string, options: ReplayOptions): ReplayResult {
  const name = options.name ?? basename(file);
  const read = readStream(file, { stream: options.stream, items: options.items, maxPackets: options.maxPackets });
  if (!read.ok) return read;
  const r = read.value;
  const rt = buildReplayTrace(r, name);
  if (rt.trace.frames.length === 0) {
    const reason = rt.notPlayed[0] ?? { en: 'every packet was cut short or unreadable', ko: '모든 패킷이 잘렸거나 읽을 수 없습니다' };
    return { ok: false, error: text('errNothingToShow', { stream: r.stream, file: name, reason }) };
  }
  const quizzes = replayQuizzes(rt);
  const numberOf = new Map<FrameId, number>();
  const stamps = new Map<FrameId, { tsSec: number; tsNsec: number }>();
  rt.packets.forEach((p, i) => {
    if (p.frame === null) return;
    numberOf.set(p.frame, p.n);
    const c = r.packets[i]!.packet;
    stamps.set(p.frame, { tsSec: c.tsSec, tsNsec: c.tsNsec });
  });
  // pcapng's times are 64-bit and its if_tsoffset is signed, so a capture's times can fall
  // before 1970 or after 2106; the frames shown are written with pcap's unsigned 32 bits.
  // Such a capture is moved as a whole to start at 0, keeping the times between frames; a
  // damaged one whose times span more than 32 bits still exports, its seconds taken mod 2^32.
  const secs = [...stamps.values()].map((t) => t.tsSec);
  const shift = secs.some((t) => t < 0 || t > 2 ** 32 - 1) ? -secs.reduce((a, b) => Math.min(a, b)) : 0;
  const u32 = (n: number) => ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;
  for (const [f, t] of stamps) stamps.set(f, { tsSec: u32(t.tsSec + shift), tsNsec: t.tsNsec });
  const capture = (format: CaptureFormat = 'pcapng') => {
    // The frames as shown (Ethernet, with FCS), at their captured times. `frameNumber` is
    // a frame's number in the original capture, which is what a learner looks up in Wireshark.
    const bytes = writeCapture(
      rt.trace.frames.map((f) => ({ ...stamps.get(f.id)!, data: f.bytes })),
      { format, linkType: LINKTYPE_ETHERNET, fcsLen: 4 },
    );
    return { bytes, frameNumber: (frame: FrameId) => numberOf.get(frame) ?? null };
  };
  return {
    ok: true,
    replay: {
      lesson: { id: REPLAY_ID, title: text('title', { file: name, stream: r.stream }) },
      seed: 0,
      trace: rt.trace,
      narration: rt.narration,
      views: [],
      quizzes,
      capture,
      file,
      stream: r.stream,
      replayTrace: rt,
      warnings: r.cutOff ? [text('cutOffFile', { offset: r.cutOff.offset, count: r.cutOff.count })] : [],
    },
  };
}
