import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_TCP_CAUSES, tcpCause } from '../../source/i18n/tcp-causes.js';

/** Every literal cause the state machine and replay's inference can report. */
function causesIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/enter\('[A-Z_0-9]+', (?:'((?:[^'\\]|\\.)*)'|"([^"]*)")/g)].map((m) => (m[1] ?? m[2]!).replace(/\\'/g, "'"));
}

describe('TCP state-change causes', () => {
  it('each one the code can report has its Korean', () => {
    const causes = [...causesIn('source/sim/tcp/connection.ts'), ...causesIn('source/capture/replay/ends.ts')];
    expect(causes.length).toBeGreaterThan(20);
    expect(causes.filter((c) => !KNOWN_TCP_CAUSES.includes(c))).toEqual([]);
    for (const c of causes) expect(tcpCause(c).ko).toMatch(/[\uac00-\ud7a3]/);
  });

  it('keeps an unknown cause readable rather than dropping it', () => {
    expect(tcpCause('something new')).toEqual({ en: 'something new', ko: 'something new' });
    expect(tcpCause('gave up: 8 retransmissions').ko).toBe('재전송을 포기함: 8 retransmissions');
  });
});
