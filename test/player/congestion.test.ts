// cwnd, ssthresh and FlightSize beside the ladder, hidden while a quiz asks them, and their
// changes narrated with the rule and its numbers in both languages.
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { createPlayer, currentCheckpoint, update, type PlayerModel } from '../../source/player/model.js';
import { narrate, type NarrationContext } from '../../source/player/narration.js';
import { selectLadder } from '../../source/player/screen.js';
import { openLoaded } from '../../source/session/lesson.js';
import type { Step } from '../../source/sim/trace.js';
import { congestionLine } from '../../source/ui/Ladder.js';
import { widthOf } from '../../source/ui/text-width.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { walk } from '../../source/lesson/walk.js';

function lesson22(): PlayerModel {
  const r = loadLessonFile('lessons/22-congestion.yaml', 'en');
  if (!r.ok) throw new Error('lesson 22 does not load');
  const o = openLoaded(r.loaded, (s) => s ?? 1);
  if (!o.ok) throw new Error(o.reason);
  return createPlayer(o.session.trace, o.session.lesson, o.session.options);
}

describe('the congestion window beside the ladder', () => {
  it('shows the client\'s cwnd, ssthresh and flight, with the asked one as ? until answered', () => {
    let m = lesson22();
    const asked: string[] = [];
    for (const cp of m.book.checkpoints) {
      m = update(m, { type: 'goto', step: cp.atStep });
      for (let k = 0; k < 10 && currentCheckpoint(m) && currentCheckpoint(m)!.id !== cp.id; k++) {
        m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
        m = update(m, { type: 'next' });
      }
      expect(currentCheckpoint(m)?.id).toBe(cp.id);
      const client = selectLadder(m)!.columns.find((c) => c.host === 'client')!;
      expect(cp.host).toBe('client');
      const field = cp.ask as 'cwnd' | 'ssthresh' | 'inFlight';
      expect(client.congestion![field], cp.id).toBe('?');
      for (const other of (['cwnd', 'ssthresh', 'inFlight'] as const).filter((f) => f !== field)) {
        expect(client.congestion![other], `${cp.id}: ${other}`).not.toBe('?');
      }
      m = update(m, { type: 'answer', value: String(cp.expected) });
      expect(selectLadder(m)!.columns.find((c) => c.host === 'client')!.congestion![field], `${cp.id} answered`).not.toBe('?');
      asked.push(field);
    }
    expect(new Set(asked)).toEqual(new Set(['cwnd', 'ssthresh', 'inFlight']));
  });

  it('fits the column: the long form, then shorter ones', () => {
    const c = { cwnd: 16000, ssthresh: null, inFlight: 8000 };
    expect(congestionLine(c, 40, 'en')).toBe('cwnd 16000 ssthresh ∞ in flight 8000');
    expect(congestionLine(c, 30, 'en')).toBe('cwnd 16000 ssthresh ∞');
    expect(congestionLine(c, 18, 'en')).toBe('cwnd 16000 ssth ∞');
    expect(congestionLine(c, 40, 'ko')).toBe('cwnd 16000 ssthresh ∞ 전송 중 8000');
    expect(congestionLine(null, 40, 'en')).toBe('');
    // An 80-column screen's ladder leaves each host some 14 columns: cwnd alone, then cut.
    expect(congestionLine(c, 14, 'en')).toBe('cwnd 16000');
    for (let span = 1; span <= 40; span++) {
      expect(widthOf(congestionLine(c, span, 'en')), `span ${span}`).toBeLessThanOrEqual(span);
    }
  });
});

describe('congestion changes narrated', () => {
  const ctx = {} as NarrationContext;
  const base = { t: 0, kind: 'tcp-congestion', host: 'client', socket: 'client#1', smss: 1000, acked: 0, flight: 0, again: false } as const;

  it('fast retransmit, with RFC 5681 §3.2 worked with its numbers', () => {
    // Six segments of 1000 in flight at the third duplicate: ssthresh = max(3000, 2000), cwnd = 3000 + 3 × 1000.
    const step: Step = { ...base, cause: 'fast-retransmit', cwnd: 6000, ssthresh: 3000, before: { cwnd: 17000, ssthresh: null }, flight: 6000 };
    const t = narrate(step, ctx);
    expect(t.en).toBe('client: fast retransmit on the third duplicate ACK: ssthresh = max(FlightSize 6000 / 2, 2 × SMSS 1000) = 3000, and cwnd = ssthresh + 3 × SMSS = 6000, for the three segments the duplicates show have left the network (RFC 5681 §3.2).');
    expect(t.ko).toBe('클라이언트: 세 번째 중복 ACK로 빠른 재전송: ssthresh = max(전송 중인 데이터 6000 / 2, 2 × SMSS 1000) = 3000, cwnd = ssthresh + 3 × SMSS = 6000입니다. 중복 ACK 세 개는 세그먼트 세 개가 네트워크를 떠났다는 뜻입니다(RFC 5681 §3.2).');
  });

  it('slow start, a timeout, and a timeout of the same segment again', () => {
    const ss: Step = { ...base, cause: 'slow-start', cwnd: 5000, ssthresh: null, before: { cwnd: 4000, ssthresh: null }, acked: 1000 };
    expect(narrate(ss, ctx).en).toBe('client: slow start (cwnd 4000 < ssthresh ∞): the ACK covers 1000 new bytes, so cwnd = 4000 + min(1000, SMSS 1000) = 5000 (RFC 5681 §3.1).');
    expect(narrate(ss, ctx).ko).toBe('클라이언트: 느린 시작(cwnd 4000 < ssthresh ∞): ACK가 새 데이터 1000바이트를 확인하므로 cwnd = 4000 + min(1000, SMSS 1000) = 5000입니다(RFC 5681 §3.1).');
    const timeout: Step = { ...base, cause: 'timeout', cwnd: 1000, ssthresh: 2000, before: { cwnd: 5000, ssthresh: 3000 }, flight: 1000 };
    expect(narrate(timeout, ctx).en).toContain('ssthresh = max(FlightSize 1000 / 2, 2 × SMSS 1000) = 2000, and cwnd = 1 × SMSS = 1000');
    const again: Step = { ...timeout, before: { cwnd: 2000, ssthresh: 2000 }, again: true };
    expect(narrate(again, ctx).en).toContain('ssthresh stays 2000');
    expect(narrate(again, ctx).ko).toContain('ssthresh는 2000 그대로이고');
  });
});

describe('plain and JSON modes tell each change', () => {
  it('lesson 22: the client\'s changes by hand from RFC 5681 (SMSS 1000, IW 4 segments)', () => {
    const l = loadLessonFile('lessons/22-congestion.yaml');
    if (!l.ok) throw new Error('lesson 22 does not load');
    const c = compileLesson(l.loaded, { seed: 3 });
    if (!c.ok) throw new Error('lesson 22 does not compile');
    const changes = walk(c.compiled).flatMap((e) => (e.kind === 'congestion' && e.host === 'client' ? [[e.change.cause, e.change.cwnd, e.change.ssthresh]] : []));
    // 12 ACKs of slow start (5000 … 16000); segment 1 of the lossy flight: 17000; the third
    // duplicate: ssthresh 3000, cwnd 6000; two more duplicates: 7000, 8000; the full ACK: 3000;
    // avoidance: 4000 after 3000 bytes, 5000 after 4000 more; the timeout: 1000, ssthresh 2000;
    // its ACK: 2000.
    expect(changes).toEqual([
      ...Array.from({ length: 13 }, (_, i) => ['slow-start', 5000 + i * 1000, null]),
      ['fast-retransmit', 6000, 3000], ['fast-recovery', 7000, 3000], ['fast-recovery', 8000, 3000],
      ['recovery-exit', 3000, 3000],
      ['congestion-avoidance', 4000, 3000], ['congestion-avoidance', 5000, 3000],
      ['timeout', 1000, 2000],
      ['slow-start', 2000, 2000],
    ]);
  });
});
