// Issue 12's "done when", as a test: played in Korean with wrong answers, every built-in
// lesson, a drill on each topic, inspect and replay of each shipped capture print no English
// sentence. Protocol, field, flag and state names and tcpdump lines stay as they are, so the
// check is for three English words in a row outside code, quotes and tcpdump lines.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { DRILL_TOPICS } from '../../source/lesson/drill.js';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { englishRuns } from '../helpers/english.js';

const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-ko-'));

async function run(argv: string[], answers: string[]): Promise<string> {
  let out = '';
  const stdin = Readable.from(answers.length ? [answers.join('\n') + '\n'] : []);
  await main([...argv, '--lang', 'ko'], {
    stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) },
    env: { LANG: 'ko_KR.UTF-8', TCP_TUTOR_HOME: home }, stdin,
  });
  return out;
}

/** Lines of Korean output that hold an English sentence. */
function englishIn(out: string): string[] {
  // Lines without Korean are tcpdump lines, option lists, numbers.
  return out.split('\n').filter((l) => /[\uac00-\ud7a3]/.test(l) && englishRuns(l).length > 0).map((l) => l.trim().slice(0, 160));
}

// Wrong on purpose where a number is asked, the first option where a choice is.
const WRONG = Array.from({ length: 200 }, () => '1');

describe('Korean everywhere', () => {
  it('the detector finds English pasted into Korean', () => {
    expect(englishIn('포트 80 → 소켓 a socket on port 80 ✓')).toHaveLength(1);
    expect(englishIn('  [프레임 3] 클라이언트: 10.0.0.1.5 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0')).toEqual([]);
  });

  it.each(builtinLessonFiles())('plays %s in Korean with wrong answers', async (file) => {
    const out = await run(['play', file, '--plain', '--seed', '7'], WRONG);
    expect(out).toMatch(/점수: \d+\/\d+/); // it really played, in Korean
    expect(englishIn(out)).toEqual([]);
  });

  it.each([...DRILL_TOPICS])('drills %s in Korean', async (topic) => {
    const out = await run(['drill', '--topic', topic, '--seed', '7'], ['1', '1', '1']);
    expect(out).toContain('문제 1');
    expect(englishIn(out)).toEqual([]);
  });

  const captures = readdirSync('captures').filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join('captures', f));
  it.each(captures)('inspects and replays %s in Korean', async (capture) => {
    const inspected = await run(['inspect', capture], []);
    const replayed = await run(['replay', capture, '--plain'], WRONG);
    expect(inspected + replayed).toMatch(/[\uac00-\ud7a3]/);
    expect(englishIn(inspected)).toEqual([]);
    expect(englishIn(replayed)).toEqual([]);
  });
});
