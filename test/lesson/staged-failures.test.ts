// The words that stage a failure say what the simulator then shows. Lessons 19 and 20 once
// said "we stage a crash" and "the server crashes without a word" while the screen showed
// "the application aborted the connection" and a segment leaving the server: a crashed
// machine sends nothing, an aborting application sends a RST (RFC 9293 §3.10.5,
// <SEQ=SND.NXT><CTL=RST>), which these lessons then lose on the link.
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { decodeFrame } from '../sim/helpers.js';
import { compiledFile } from '../helpers/builtin.js';

describe('a staged failure is told as what the simulator does', () => {
  it.each([['19-half-open.yaml'], ['20-keepalive.yaml']])('%s: the server’s application aborts, and its RST is lost', (name) => {
    const c = compiledFile(builtinLessonFiles().find((f) => f.endsWith(name))!);
    const abort = c.trace.steps.findIndex((s) => s.kind === 'tcp-state' && s.host === 'server' && s.to === 'CLOSED');
    const change = c.trace.steps[abort];
    expect(change?.kind === 'tcp-state' && change.cause.code).toBe('app-abort');
    // The frame lost right after it is the server's RST, without ACK, as RFC 9293 §3.10.5 has it.
    const lost = c.trace.steps.find((s, i) => i > abort && s.kind === 'link-fate' && s.fate === 'dropped');
    if (lost?.kind !== 'link-fate') throw new Error('no lost frame');
    const tcp = decodeFrame(c.trace.frames[lost.frame]!.bytes).tcp!;
    expect(c.trace.frames[lost.frame]!.from).toBe('server:eth0');
    expect([tcp.flags.rst, tcp.ack]).toEqual([true, null]);
    // The lesson's words read where that happens.
    const note = c.narration.filter((n) => n.at <= abort).at(-1)!.text;
    expect(note.en).toMatch(/the server's application aborts the connection/i);
    expect(note.en).toMatch(/RST[^.]* is lost on the way/);
    expect(note.en).not.toMatch(/stage a crash|server crashes without a word/);
    expect(note.ko).toMatch(/서버의 애플리케이션이 연결을 강제로 (끊습니다|끊고)\(abort\)/);
    expect(note.ko).toMatch(/RST는 도중에 손실되어/);
    expect(note.ko).not.toMatch(/아무 말 없이 죽습니다/);
  });
});
