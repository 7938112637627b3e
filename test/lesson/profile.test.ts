// settings.profile reaches every host's TCP: an abort is RFC 9293 §3.10.5's
// <SEQ=SND.NXT><CTL=RST> by default and under `rfc`, and RST with ACK under `linux`
// (Linux's tcp_send_active_reset). The frames are read back from their bytes.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import * as eth from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';

/** The client's abort, as the TCP header's flag byte and its ack field, read at fixed offsets. */
function abortOf(profile: string | null): { flags: number; ack: number; seqIsSndNxt: boolean } {
  const text = `id: profile-test
title: { en: t, ko: t }
summary: { en: s, ko: s }
level: beginner
topics: [rst]
topology: direct
settings: { seed: 5, isn: { client: 4294967290, server: 100 }${profile ? `, profile: ${profile}` : ''} }
script:
  - listen: { host: server, port: 9000 }
  - connect: { from: client, to: server, port: 9000 }
  - abort: { socket: client }
`;
  const loaded = loadLessonText(text, 'profile-test.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  const rst = r.compiled.trace.frames.filter((f) => f.parent === null).map((f) => {
    const e = eth.decode(f.bytes, 0, f.bytes.length - eth.FCS_LEN, { hasFcs: false });
    const ip = e.ok ? ipv4.decode(e.value.payload) : null;
    return ip?.ok && ip.value.protocol === ipv4.PROTO_TCP ? ip.value.payload : null;
  }).filter((t): t is Uint8Array => t !== null && (t[13]! & 0x04) !== 0);
  expect(rst).toHaveLength(1);
  const t = rst[0]!;
  const u32 = (at: number) => ((t[at]! << 24) | (t[at + 1]! << 16) | (t[at + 2]! << 8) | t[at + 3]!) >>> 0;
  // SND.NXT after the client's SYN from ISS 4294967290 is 4294967291.
  return { flags: t[13]!, ack: u32(8), seqIsSndNxt: u32(4) === 4294967291 };
}

describe('settings.profile', () => {
  it('rfc, and the default: the abort is RST alone (flags 0x04), ack field 0, seq = SND.NXT', () => {
    expect(abortOf(null)).toEqual({ flags: 0x04, ack: 0, seqIsSndNxt: true });
    expect(abortOf('rfc')).toEqual({ flags: 0x04, ack: 0, seqIsSndNxt: true });
  });

  it('linux: RST with ACK (flags 0x14), ack = RCV.NXT = the server\'s ISS 100 + 1', () => {
    expect(abortOf('linux')).toEqual({ flags: 0x14, ack: 101, seqIsSndNxt: true });
  });
});
