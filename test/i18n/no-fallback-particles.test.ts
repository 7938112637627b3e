// Korean text never hedges a particle: `{host:이}` picks 이 or 가 from the word (r1이,
// 서버가), so a `이(가)` written into a table is a sentence nobody would write.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const HEDGED = /[이을은과와](\([가를는와과]\))|\(이\)라|\(으\)로/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('Korean message tables', () => {
  it('have no hedged particles such as 이(가) or 을(를)', () => {
    const found: string[] = [];
    for (const file of [...sourceFiles('source'), ...readdirSync('lessons').filter((f) => f.endsWith('.yaml')).map((f) => join('lessons', f))]) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        // josa.ts documents the fallback it writes when a word cannot be read.
        if (HEDGED.test(line) && !file.endsWith('josa.ts')) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('would catch one', () => {
    expect(HEDGED.test("ko: '{host}이(가) 보냅니다'")).toBe(true);
    expect(HEDGED.test("ko: '{host:이} 보냅니다'")).toBe(false);
  });

  it('end their sentences in 합니다체, not the plain -다 form', () => {
    // A Korean string literal (ko: '…', or T(en, '…')) whose last word ends in plain -다:
    // 쓴다, 기다린다, 있다. 합니다체 ends in -니다; 이다/아니다 never close a message here.
    const PLAIN = /'[^'\n]*[\uac00-\ud7a3]\s*[^'\n]*(?<![니])다[.)]?'/u;
    const found: string[] = [];
    for (const file of sourceFiles('source')) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const literal = /(?:ko: |T\([^)]*?, )('[^'\n]*')/u.exec(line)?.[1];
        if (literal !== undefined && PLAIN.test(literal)) found.push(`${file}:${i + 1}: ${literal}`);
      });
    }
    expect(found).toEqual([]);
  });
});
