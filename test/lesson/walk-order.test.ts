// Plain and JSON modes tell the frames in wire order: the order the lesson's capture numbers
// them. Two frames sent at the same instant from the two ends cross on the cable; the
// simulator may send the far one first, but the capture point (the client's interface, as
// tcpdump there) sees its own host's frame first, and that one is told first.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { walk } from '../../source/lesson/walk.js';

function compiled(file: string) {
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(file);
  const c = compileLesson(r.loaded, { seed: 5 });
  if (!c.ok) throw new Error(file);
  return c.compiled;
}

describe('frames in wire order', () => {
  it.each(builtinLessonFiles().map((f) => [f.replace(/.*\//, ''), f]))('%s: every captured frame in the order of its number, none left out', (_name, file) => {
    const c = compiled(file);
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const told = walk(c).flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));
    const numbers = told.map((f) => cap.frameNumber(f)).filter((n): n is number => n !== null);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // Every frame a host sent is told once.
    expect(told.sort((a, b) => a - b)).toEqual(c.trace.frames.filter((f) => f.parent === null).map((f) => f.id));
  });

  it('lesson 18: the two SYN-ACKs and the two last ACKs, which cross on the cable, come as the client’s capture numbers them', () => {
    const c = compiled(builtinLessonFiles().find((f) => f.endsWith('18-simultaneous.yaml'))!);
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const tcp = walk(c).flatMap((e) => (e.kind === 'frame' && e.summary.includes('Flags [') ? [e] : []));
    const lines = tcp.map((e) => `${cap.frameNumber(e.frame)} ${e.from} [${/Flags \[([^\]]*)\]/.exec(e.summary)![1]}]`);
    expect(lines).toEqual(['3 client [S]', '4 server [S]', '5 client [S.]', '6 server [S.]', '7 client [F.]', '8 server [F.]', '9 client [.]', '10 server [.]']);
  });
});

describe('a RST told before quizzes on a later one', () => {
  it('lesson 19: the RST lost at the crash is printed without its flags or seq, which the quizzes on the server’s next RST ask', () => {
    const c = compiled(builtinLessonFiles().find((f) => f.endsWith('19-half-open.yaml'))!);
    const events = walk(c);
    const asked = events.findIndex((e) => e.kind === 'quiz' && e.quiz.id === 'server-reply-flags');
    const before = events.slice(0, asked).flatMap((e) => (e.kind === 'frame' && e.from === 'server' ? [e.summary] : []));
    // The handshake's SYN-ACK and the 200-byte reply, then the lost RST: the last server frame before the quiz.
    const lost = before.at(-1)!;
    expect(lost).toMatch(/Flags \?, seq \?/);
    expect(lost).not.toMatch(/\[R/);
    // The RST the quizzes ask about is printed whole once they are answered.
    expect(events.slice(asked).some((e) => e.kind === 'frame' && e.from === 'server' && /Flags \[R\], seq \d+/.test(e.summary))).toBe(true);
  });
});
