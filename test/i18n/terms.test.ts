// One Korean word per term, over every lesson and every message table: the curriculum's
// list, checked rather than hoped for.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TERMS } from '../../source/i18n/terms.js';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(n) ? [p] : [];
  });
}

describe('terms', () => {
  it('CURRICULUM.md terms are in the table with the same Korean', () => {
    // The curriculum's table, as written there (../shared/CURRICULUM.md).
    const curriculum: Record<string, string> = {
      encapsulation: '캡슐화', decapsulation: '역캡슐화', segment: '세그먼트', 'sequence number': '시퀀스 번호',
      '3-way handshake': '3-way 핸드셰이크', retransmission: '재전송', 'default gateway': '기본 게이트웨이',
      'well-known port': '잘 알려진 포트', 'ephemeral port': '임시 포트',
    };
    for (const [en, ko] of Object.entries(curriculum)) expect(TERMS.find((t) => t.en === en)?.ko).toBe(ko);
  });

  it('no lesson or message uses a drifted variant', () => {
    const found: string[] = [];
    const sources = [...files('source', /\.tsx?$/), ...files('lessons', /\.ya?ml$/)].filter((f) => !f.endsWith('terms.ts'));
    for (const file of sources) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        for (const t of TERMS) for (const bad of t.avoid) if (line.includes(bad)) found.push(`${file}:${i + 1}: '${bad}' → '${t.ko}'`);
      });
    }
    expect(found).toEqual([]);
  });
});

describe('lesson text speaks to learners, not in the engine\'s words', () => {
  it('no lesson names a trace step kind ("the app-write step")', () => {
    // The step kinds of source/sim/trace.ts, as a lesson author might let them slip into prose.
    const kinds = /\b(app-write|app-read|encap-begin|encap-field|encap-end|decap-check|decap-strip|tcp-state|tcp-segment|link-fate)\b/;
    const found: string[] = [];
    for (const file of files('lessons', /\.ya?ml$/)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (kinds.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
