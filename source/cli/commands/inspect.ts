import type { Lang } from '../../i18n/text.js';
import type { CaptureItem } from '../../capture/packet.js';
import { readCaptureFile } from '../../capture/read.js';
import { otherCounts, jsonLine, streamSummary, textLine } from '../../capture/analysis/format.js';
import { Inspector } from '../../capture/analysis/inspect.js';
import { say } from '../../capture/analysis/messages.js';
import { formatWireError, type WireError } from '../../wire/errors.js';
import type { OptionValue } from '../args.js';
import type { CliIo } from '../io.js';

/** Output is gathered into chunks of about this size: one write per chunk, not per line. */
const CHUNK = 64 * 1024;
/** The text summary lists at most this many streams; --stream N shows any one of them. */
const MAX_LISTED_STREAMS = 200;

/**
 * The reader's wording for a file that stops inside a record (ByteReader.endedEarly):
 * the usual cut-off copy of a capture still being written, which is a note, not a failure.
 */
const CUT_OFF = /it was cut off$/;

interface Sink {
  write(s: string): unknown;
  on?: (event: string, listener: (e: unknown) => void) => unknown;
  destroyed?: boolean;
}

/** Buffers lines and notices a closed pipe (`inspect big.pcap | head`), so we stop quietly. */
class Output {
  private buf = '';
  closed = false;

  constructor(private readonly sink: Sink) {
    if (typeof sink.on === 'function') {
      sink.on('error', (e) => {
        if ((e as { code?: unknown }).code === 'EPIPE') this.closed = true;
        else throw e;
      });
    }
  }

  line(s: string): void {
    this.buf += `${s}\n`;
    if (this.buf.length >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.buf.length === 0 || this.closed) return;
    this.sink.write(this.buf);
    this.buf = '';
    if (this.sink.destroyed === true) this.closed = true;
  }
}

/**
 * `tcp-tutor inspect CAPTURE [--json] [--stream N] [--absolute]`: one line per packet in
 * the style of `tcpdump -n`, or JSON Lines, then a summary per TCP stream. Exit 0 when
 * the capture was read (a file cut off mid-packet included, with a note), 1 when it is not
 * a readable capture or --stream names no stream.
 */
export function inspect(positionals: readonly string[], options: Readonly<Record<string, OptionValue>>, lang: Lang, io: CliIo): number {
  const file = positionals[0]!;
  return inspectItems(readCaptureFile(file), file, options, lang, io);
}

/** The command on any source of capture items; `file` names it in messages. */
export function inspectItems(items: Iterable<CaptureItem>, file: string, options: Readonly<Record<string, OptionValue>>, lang: Lang, io: CliIo): number {
  const json = options.json === true;
  const absolute = options.absolute === true;
  const only = typeof options.stream === 'number' ? options.stream : null;
  // JSON has no key for checksums, so --json skips verifying them (as tshark does by default).
  const inspector = new Inspector({ verify: !json });
  const out = new Output(io.stdout as Sink);

  let failure: WireError | null = null;
  for (const item of items) {
    if (!item.ok) {
      failure = item.error;
      break;
    }
    const r = inspector.push(item.packet);
    // As Wireshark's tcp.stream == N: the stream's segments, and ICMP errors quoting them.
    if (only !== null && (r.tcp?.conversation.stream ?? r.quotedStream) !== only) continue;
    out.line(json ? jsonLine(r) : textLine(r, { lang, absolute }));
    if (out.closed) return 0;
  }

  const truncated = failure !== null && inspector.packets > 0 && CUT_OFF.test(failure.message);
  const notes: string[] = [];
  if (truncated) notes.push(say(lang, 'truncatedFile', { offset: failure!.offset, count: inspector.packets }));
  const offloaded = inspector.offloadedHosts();
  if (offloaded.length) notes.push(say(lang, 'offloaded', { hosts: offloaded.join(', ') }));
  if (inspector.cutBySnaplen) notes.push(say(lang, 'snaplenNote', { count: inspector.cutBySnaplen }));

  const conversations = inspector.conversations;
  if (!json && (failure === null || inspector.packets > 0)) {
    if (inspector.packets === 0) out.line(say(lang, 'emptyCapture'));
    const shown = only === null ? conversations.slice(0, MAX_LISTED_STREAMS) : conversations.filter((c) => c.stream === only);
    if (shown.length) {
      out.line('');
      out.line(say(lang, 'streamsHeading', { count: only === null ? conversations.length : shown.length }));
      for (const c of shown) for (const l of streamSummary(c, lang)) out.line(l);
      if (only === null && conversations.length > shown.length) out.line(say(lang, 'moreStreams', { count: conversations.length - shown.length }));
    }
    if (only === null && inspector.counts.size) out.line(say(lang, 'otherPackets', { list: otherCounts(inspector.counts, lang) }));
    if (notes.length) {
      out.line('');
      out.line(say(lang, 'notesHeading'));
      for (const n of notes) out.line(`  ${n}`);
    }
  }
  out.flush();
  if (json) for (const n of notes) io.stderr.write(`${n}\n`);

  if (failure !== null && !truncated) {
    io.stderr.write(`${say(lang, 'brokenFile', { file, error: formatWireError(failure) })}\n`);
    return 1;
  }
  if (only !== null && !conversations.some((c) => c.stream === only)) {
    const range = conversations.length ? say(lang, 'streamRange', { last: conversations.length - 1 }) : say(lang, 'noStreams');
    io.stderr.write(`${say(lang, 'noSuchStream', { stream: only, file, range })}\n`);
    return 1;
  }
  return 0;
}
