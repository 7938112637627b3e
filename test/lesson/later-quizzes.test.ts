// A quiz's words after it is answered (its explanation, its word on a wrong answer) speak
// about the field it asks, not about the fields the lesson asks next: lesson 07's quiz on
// r1's Ethernet source said 'A router rewrites the link-layer header for each hop, lowers TTL
// and so recomputes the IP checksum', answering its TTL and checksum quizzes, and its quiz on
// the IP source said 'IP addresses, ports and TCP numbers travel end to end unchanged',
// answering the sequence number and IP destination quizzes. Which quiz asks which field is
// read from the lesson files themselves; how a sentence names a field is written here.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile } from '../../source/lesson/loader.js';

/** How English words name a field's value or whether a router changes it. */
const NAMED: Readonly<Record<string, RegExp>> = {
  'eth.src': /\bsource MAC|\bMAC addresses\b/i,
  'eth.dst': /\bdestination MAC|\bMAC addresses\b/i,
  'eth.fcs': /\bFCS\b|\btrailer\b/i,
  'ip.ttl': /\bTTL\b|Time to Live/i,
  'ip.checksum': /\bchecksum/i,
  'ip.src': /\bIP addresses\b|\bsource (IP )?address/i,
  'ip.dst': /\bIP addresses\b|\bdestination (IP )?address/i,
  'tcp.seq': /\bTCP numbers\b|\bsequence numbers?\b/i,
  'tcp.ack': /\bTCP numbers\b|\backnowledg(e)?ment numbers?\b/i,
  'tcp.srcport': /\bports\b|\bsource port/i,
  'tcp.dstport': /\bports\b|\bdestination port/i,
};

/** A lesson's `changes` quizzes in the order written: id and field, from the YAML. */
function changesQuizzes(file: string): { id: string; field: string }[] {
  const doc = parse(readFileSync(file, 'utf8')) as { script: { quiz?: { id: string; ask: string; field?: string } }[] };
  return doc.script.flatMap((s) => (s.quiz?.ask === 'changes' && s.quiz.field ? [{ id: s.quiz.id, field: s.quiz.field }] : []));
}

const lessons = builtinLessonFiles().filter((f) => changesQuizzes(f).length > 1);

describe('a router quiz’s words do not answer the router quizzes after it', () => {
  it('the built-in lessons have such quizzes', () => expect(lessons.length).toBeGreaterThan(0));

  it.each(lessons.map((f) => [f.replace(/.*\//, ''), f]))('%s', (_name, file) => {
    const loaded = loadLessonFile(file, 'en');
    if (!loaded.ok) throw new Error(file);
    const r = compileLesson(loaded.loaded, { seed: 7 });
    if (!r.ok) throw new Error(file);
    const byId = new Map(r.compiled.quizzes.map((q) => [q.id, q]));
    const asked = changesQuizzes(file);
    asked.forEach(({ id }, k) => {
      const q = byId.get(id)!;
      const words = [q.explanation.en, ...(q.wrong ?? []).map((w) => w.explain.en)];
      for (const later of asked.slice(k + 1)) {
        const names = NAMED[later.field];
        if (!names) continue;
        for (const w of words) expect(w, `${id} names ${later.field}, asked later by ${later.id}`).not.toMatch(names);
      }
    });
  });

  it('lesson 07: each explanation gives its own field’s reason', () => {
    const file = builtinLessonFiles().find((f) => f.endsWith('07-routing.yaml'))!;
    const loaded = loadLessonFile(file, 'en');
    if (!loaded.ok) throw new Error(file);
    const r = compileLesson(loaded.loaded, { seed: 7 });
    if (!r.ok) throw new Error(file);
    const q = new Map(r.compiled.quizzes.map((c) => [c.id, c]));
    // RFC 1812: a router forwards the datagram, lowering TTL (and so the checksum) and framing it anew for the next link.
    expect(q.get('r1-ethsrc')!.expected).toBe('yes');
    expect(q.get('r1-ethsrc')!.explanation.en).toMatch(/its own interface on the next link/);
    expect(q.get('r1-ttl')!.explanation.en).toMatch(/from 64 to 63, because every router lowers the TTL by 1/);
    expect(q.get('r1-ipsrc')!.expected).toBe('no');
    expect(q.get('r1-ipsrc')!.explanation.ko).toMatch(/출발지 주소는/);
    expect(q.get('r2-seq')!.explanation.en).toMatch(/without opening the TCP header/);
  });
});
