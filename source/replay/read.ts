// Reads one TCP conversation out of a capture, in bounded memory: the whole file streams
// through inspect's analysis (so stream numbers, relative numbers and verdicts are
// Wireshark's), and only the chosen stream's packets are kept.
import type { Text } from '../i18n/text.js';
import { formatWireError, type WireError } from '../wire/errors.js';
import type { TcpPacket } from '../capture/analysis/dissect.js';
import { Inspector } from '../capture/analysis/inspect.js';
import type { Conversation, SegmentVerdict } from '../capture/analysis/tcp-analysis.js';
import type { CaptureItem, CapturedPacket } from '../capture/packet.js';
import { readCaptureFile } from '../capture/read.js';
import { text } from './messages.js';

/** A replay steps through every packet, so a stream is played up to this many. */
export const MAX_REPLAY_PACKETS = 5000;
/** The error for a missing stream names at most this many of the streams there are. */
const LISTED_STREAMS = 8;
/** ByteReader.endedEarly's wording for a file that stops inside a record: a note, not a failure (as in inspect). */
const CUT_OFF = /it was cut off$/;

export interface StreamPacket {
  readonly packet: CapturedPacket;
  /** Dissected with checksums verified. */
  readonly d: TcpPacket;
  /** Wireshark's analysis: relative numbers and verdicts. */
  readonly v: SegmentVerdict;
}

export interface StreamRead {
  readonly file: string;
  readonly stream: number;
  readonly conversation: Conversation;
  /** In capture order; at most MAX_REPLAY_PACKETS. */
  readonly packets: readonly StreamPacket[];
  /** How many packets the stream has in the file. */
  readonly total: number;
  /** Addresses whose TCP checksums look left to the network card (inspect's judgement). */
  readonly offloaded: ReadonlySet<string>;
  /** The file stops inside a packet: where, and how many packets came before. */
  readonly cutOff: { readonly offset: number; readonly count: number } | null;
}

export type StreamReadResult = { readonly ok: true; readonly value: StreamRead } | { readonly ok: false; readonly error: Text };

export interface StreamReadOptions {
  /** Wireshark's tcp.stream; null picks the first stream with a handshake. */
  readonly stream: number | null;
  /** Where the packets come from; the file by default (tests pass items). */
  readonly items?: () => Iterable<CaptureItem>;
  readonly maxPackets?: number;
}

/** The stream a replay starts with: the first whose handshake is complete, else the first with a SYN, else stream 0. */
export function defaultStream(conversations: readonly Conversation[]): number | null {
  const pick = conversations.find((c) => c.handshake === 'complete') ?? conversations.find((c) => c.handshake === 'partial') ?? conversations[0];
  return pick?.stream ?? null;
}

function streamList(conversations: readonly Conversation[]): string {
  const shown = conversations.slice(0, LISTED_STREAMS).map((c) => `${c.stream} (${c.aAddr}:${c.aPort} ⇄ ${c.bAddr}:${c.bPort})`);
  return shown.join(', ');
}

export function readStream(file: string, options: StreamReadOptions): StreamReadResult {
  const items = options.items ?? (() => readCaptureFile(file));
  const max = options.maxPackets ?? MAX_REPLAY_PACKETS;
  let chosen = options.stream;
  if (chosen === null) {
    // A first pass only to learn the streams: which one to keep is known at the end.
    const scout = new Inspector({ verify: false });
    for (const item of items()) {
      if (!item.ok) break;
      scout.push(item.packet);
    }
    chosen = defaultStream(scout.conversations);
  }

  const inspector = new Inspector({ verify: true });
  const kept: StreamPacket[] = [];
  let total = 0;
  let failure: WireError | null = null;
  for (const item of items()) {
    if (!item.ok) {
      failure = item.error;
      break;
    }
    const r = inspector.push(item.packet);
    if (r.tcp === null || r.tcp.conversation.stream !== chosen || r.packet.kind !== 'tcp') continue;
    total++;
    if (kept.length < max) kept.push({ packet: item.packet, d: r.packet, v: r.tcp });
  }

  const cutOff = failure !== null && inspector.packets > 0 && CUT_OFF.test(failure.message)
    ? { offset: failure.offset, count: inspector.packets } : null;
  if (failure !== null && cutOff === null) return { ok: false, error: text('errBroken', { file, error: formatWireError(failure) }) };
  const conversations = inspector.conversations;
  if (conversations.length === 0) return { ok: false, error: text('errNoTcp', { file }) };
  const conversation = conversations.find((c) => c.stream === chosen);
  if (!conversation || kept.length === 0) {
    const list = streamList(conversations);
    const more = conversations.length > LISTED_STREAMS ? text('errMoreStreams', { count: conversations.length - LISTED_STREAMS }) : { en: '', ko: '' };
    return { ok: false, error: text('errNoStream', { stream: chosen ?? 0, file, list: { en: `${list}${more.en ? ` ${more.en}` : ''}`, ko: `${list}${more.ko ? ` ${more.ko}` : ''}` } }) };
  }
  if (kept[0]!.d.ip.version !== 4) return { ok: false, error: text('errIpv6', { stream: chosen!, file }) };
  return {
    ok: true,
    value: {
      file, stream: conversation.stream, conversation, packets: kept, total,
      offloaded: new Set(inspector.offloadedHosts()), cutOff,
    },
  };
}
