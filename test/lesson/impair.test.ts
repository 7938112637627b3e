// `impair` does what docs/writing-lessons.md says a frame match does: `flags` all and only,
// `hasFlags` at least, `from` and `to` by host whichever link the rule is on, and `nth`
// counting matching frames on the link from the impair step on.
import { describe, expect, it } from 'vitest';
import { compileLesson, type CompiledLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { flagsMatch, NO_FLAGS, decode as decodeTcp } from '../../source/wire/tcp.js';
import * as eth from '../../source/wire/ethernet.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import { seq } from '../../source/wire/seq.js';

function compile(script: string, topology = 'direct'): CompiledLesson {
  const text = `id: impair-test
title: { en: t, ko: t }
summary: { en: s, ko: s }
level: beginner
topics: [loss]
topology: ${topology}
settings: { seed: 3, mss: 500 }
script:
${script}`;
  const loaded = loadLessonText(text, 'impair-test.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled;
}

/** tcpdump's view of each dropped frame: "src > dst [flags] len", read from its bytes here. */
function dropped(c: CompiledLesson): string[] {
  return c.trace.steps.flatMap((s) => {
    if (s.kind !== 'link-fate' || s.fate !== 'dropped') return [];
    const f = c.trace.frames[s.frame]!;
    const e = eth.decode(f.bytes, 0, f.bytes.length - eth.FCS_LEN, { hasFcs: false });
    if (!e.ok) throw new Error('bad frame');
    const ip = ipv4.decode(e.value.payload);
    if (!ip.ok) throw new Error('not IPv4');
    const t = decodeTcp(ip.value.payload);
    if (!t.ok) throw new Error('not TCP');
    const bits = `${t.value.flags.fin ? 'F' : ''}${t.value.flags.syn ? 'S' : ''}${t.value.flags.rst ? 'R' : ''}${t.value.flags.psh ? 'P' : ''}${t.value.ack !== null ? '.' : ''}`;
    return [`${s.link}: ${ip.value.src} > ${ip.value.dst} [${bits}] ${t.value.payload.length}`];
  });
}

const mk = (letters: string) => ({
  ack: letters.includes('A') ? seq(1) : null,
  flags: { ...NO_FLAGS, syn: letters.includes('S'), fin: letters.includes('F'), psh: letters.includes('P'), rst: letters.includes('R') },
});

describe('frame matches: flags and hasFlags', () => {
  it('flags are all and only; hasFlags at least (the guide\'s examples)', () => {
    const all = ['S', 'SA', 'A', 'PA', 'FA', 'FPA', 'R', 'RA'];
    const pick = (m: { flags?: string; hasFlags?: string }) => all.filter((l) => flagsMatch(mk(l), m));
    expect(pick({ flags: 'A' })).toEqual(['A']);
    expect(pick({ flags: 'S.' })).toEqual(['SA']);
    expect(pick({ flags: 'AS' })).toEqual(['SA']);
    expect(pick({ flags: 'fa' })).toEqual(['FA']);
    expect(pick({ hasFlags: 'A' })).toEqual(['SA', 'A', 'PA', 'FA', 'FPA', 'RA']);
    expect(pick({ hasFlags: 'F' })).toEqual(['FA', 'FPA']);
    expect(pick({ hasFlags: 'R' })).toEqual(['R', 'RA']);
    expect(pick({ flags: 'FA', hasFlags: 'F' })).toEqual(['FA']);
  });
});

describe('impair', () => {
  const open = `  - listen: { host: server, port: 9000 }
  - connect: { from: client, to: server, port: 9000 }
`;

  it('flags: A drops the first bare ACK only; hasFlags: A drops the first segment with ACK set', () => {
    const exact = compile(`${open}  - impair: { frame: { from: client, flags: A }, action: drop }
  - send: { text: hello }
  - close: {}
  - close: { socket: server }
`);
    // The data [P.] and the FIN [F.] carry more than ACK and go through; the first bare ACK
    // from the client after the step is the one for the server's FIN.
    expect(dropped(exact)).toEqual(['client-server: 192.168.1.10 > 192.168.1.80 [.] 0']);
    const least = compile(`${open}  - impair: { frame: { from: client, hasFlags: A }, action: drop }
  - send: { text: hello }
`);
    expect(dropped(least)).toEqual(['client-server: 192.168.1.10 > 192.168.1.80 [P.] 5']);
  });

  it('to picks the addressee; from and to work on a link the sender is not cabled to', () => {
    const routed = (frame: string) => compile(`${open}  - impair: { link: transit, frame: ${frame}, action: drop }
  - send: { text: hello }
`, 'two-routers');
    expect(dropped(routed('{ from: client, to: server, data: true }'))).toEqual(['transit: 10.0.1.10 > 10.0.2.80 [P.] 5']);
    expect(dropped(routed('{ from: server, to: client, data: false }'))).toEqual(['transit: 10.0.2.80 > 10.0.1.10 [.] 0']);
    expect(dropped(routed('{ to: dns }'))).toEqual([]);
  });

  it('nth counts matching frames on the link from the impair step on, a retransmission included', () => {
    const c = compile(`${open}  - send: { text: before }
  - impair: { frame: { from: client, data: true, nth: 2 }, action: drop }
  - send: { bytes: 1000 }
`);
    // "before" was sent ahead of the step and does not count: the two 500-byte segments
    // after it are the 1st and 2nd matches, and the 2nd is dropped; its retransmission is
    // the 3rd and goes through.
    expect(dropped(c)).toEqual(['client-server: 192.168.1.10 > 192.168.1.80 [P.] 500']);
  });
});
