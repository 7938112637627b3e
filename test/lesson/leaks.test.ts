// `validate`'s warning for a quiz whose answer the lesson's own text already states. A
// lesson must give the learner what an answer is worked out from (whom ARP asks for, the
// buffer an empty window advertises): that number in a sentence about something else is a
// premise, not the answer, and is not warned about. The same number said of the asked
// thing is, in either language.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { quizLeaks } from '../../source/lesson/leaks.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';

const WINDOW = builtinLessonFiles().find((f) => f.endsWith('11-window.yaml'))!;
const DNS = builtinLessonFiles().find((f) => f.endsWith('05-dns.yaml'))!;

function leaks(file: string, edit: (yaml: string) => string): string[] {
  const text = edit(readFileSync(file, 'utf8'));
  const loaded = loadLessonText(text, file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded));
  const c = compileLesson(loaded.loaded, { seed: 5 });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return quizLeaks(loaded.loaded, c.compiled, 'en').map((p) => `${p.line}: ${p.message}`);
}

const BUFFER_EN = 'In this lab every receive buffer holds only 4000 bytes, and the MSS is 1000';

describe('a quiz’s answer in the lesson’s text', () => {
  it('the built-in lessons give none away: their premises (the resolver’s and the gateway’s address, the buffer’s size) are not warned about', () => {
    for (const file of builtinLessonFiles()) expect(leaks(file, (y) => y), file).toEqual([]);
  });

  it('the buffer’s size is a premise; "the window is 4000" states the answer of the SYN-ACK’s window quiz', () => {
    expect(readFileSync(WINDOW, 'utf8')).toContain(BUFFER_EN);
    const told = leaks(WINDOW, (y) => y.replace(BUFFER_EN, 'In this lab the server will advertise a window of 4000 bytes, and the MSS is 1000'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^47: .*answer \(4000\).*the say at line 37/);
  });

  it('in Korean too', () => {
    const ko = '이 실습에서는 수신 버퍼를 4000바이트로 작게 잡았고';
    expect(readFileSync(WINDOW, 'utf8')).toContain(ko);
    expect(leaks(WINDOW, (y) => y.replace(ko, '이 실습에서 서버는 윈도우를 4000으로 알리고'))).toHaveLength(1);
  });

  it('the resolver’s address is whom to ask; "the client ARPs for" it is the answer', () => {
    const premise = 'ask its resolver, the DNS server at\n        192.168.1.53, which address goes with that name (RFC 1035).';
    expect(readFileSync(DNS, 'utf8')).toContain(premise);
    expect(leaks(DNS, (y) => y.replace(premise, 'ask its resolver. So it first ARPs for 192.168.1.53, the resolver (RFC 1035).'))).toHaveLength(1);
  });
});
