// The "done when": played in Korean, no narration line holds an English sentence.
// Protocol, field, flag and state names, addresses and tcpdump lines stay as they are; what
// this looks for is three English words in a row ("a socket on port 80"), which no Korean
// sentence has. Every built-in lesson's narration is read at every step.
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { createPlayer, update } from '../../source/player/model.js';
import { selectNarration } from '../../source/player/screen.js';
import { englishRuns } from '../helpers/english.js';
import { recordedSession } from '../helpers/traces.js';
import { basename } from 'node:path';

const LESSONS = builtinLessonFiles().map((f) => basename(f).replace(/^\d+-|\.ya?ml$/g, ''));

describe('Korean narration', () => {
  it('finds an English sentence pasted into Korean, and passes Korean with names in it', () => {
    expect(englishRuns('포트 server#1 (ESTABLISHED) → 소켓 a socket on port 80 ✓')).toEqual(['socket on port']);
    expect(englishRuns('  [프레임 3] 클라이언트: 10.0.0.1.5 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0')).toEqual([]);
    expect(englishRuns('클라이언트: TCP 플래그 쓰기 — SYN 켬, 나머지 비트는 0.')).toEqual([]);
    expect(englishRuns('`ss -tan state time-wait`로 봅니다')).toEqual([]);
  });

  it.each(LESSONS)('%s: every step reads in Korean', (id) => {
    const session = recordedSession(id);
    const trace = session.trace;
    let m = createPlayer(trace, {}, { detail: 'step' });
    const found = new Set<string>();
    for (let i = 0; i < trace.steps.length; i++) {
      m = update(m, { type: 'goto', step: i });
      const ko = selectNarration(m).ko;
      for (const line of ko.split('\n')) {
        if (/^\s*\[?(프레임|frame)? ?#?\d+\]? ?\S+: \S+ > /.test(line)) continue; // a tcpdump line
        for (const run of englishRuns(line)) found.add(`${run}  ⟵ ${line.slice(0, 120)}`);
      }
    }
    expect([...found]).toEqual([]);
  });
});

describe('Korean narration is written in whole 합니다체 sentences', () => {
  // A learner once read "서버: seq 1 수락.", "MAC 주소는 02:00:00:00:00:02. ARP 캐시에 저장합니다."
  // and "서버의 server:eth0에 프레임 #6 도착.": notes, not sentences. A step that lists a
  // tcpdump line or a check does so after a whole sentence and a colon.
  const LISTS = new Set(['transmit', 'decap-check', 'app-write', 'app-read']);

  it.each(LESSONS)('%s: every step ends as a sentence', (id) => {
    const trace = recordedSession(id).trace;
    let m = createPlayer(trace, {}, { detail: 'step' });
    const found = new Set<string>();
    for (let i = 0; i < trace.steps.length; i++) {
      m = update(m, { type: 'goto', step: i });
      const ko = selectNarration(m).ko;
      const whole = LISTS.has(trace.steps[i]!.kind) ? /다: \S/.test(ko) : /(다|요)\.$|\)\.$/.test(ko);
      if (!whole) found.add(`${trace.steps[i]!.kind}: ${ko}`);
    }
    expect([...found]).toEqual([]);
  });

  it('says what a router learns, what a host accepts and where a frame arrives as sentences', () => {
    const said = (id: string, pick: (s: import('../../source/sim/trace.js').Step) => boolean) => {
      const trace = recordedSession(id).trace;
      const i = trace.steps.findIndex(pick);
      expect(i).toBeGreaterThanOrEqual(0);
      return selectNarration(update(createPlayer(trace, {}, { detail: 'step' }), { type: 'goto', step: i })).ko;
    };
    // Lesson 07's r1 asks for its next hop r2 (10.0.0.2, MAC 02:00:00:00:00:02 in the topology).
    expect(said('routing', (s) => s.kind === 'arp-learn' && s.host === 'r1' && s.ip === '10.0.0.2')).toBe('라우터 1은 10.0.0.2의 MAC 주소가 02:00:00:00:00:02임을 알게 되어 ARP 캐시에 저장합니다.');
    expect(said('close', (s) => s.kind === 'tcp-segment' && s.host === 'client' && s.verdict === 'in-order' && s.length === 3))
      .toBe('클라이언트는 seq 1의 세그먼트를 받아들입니다. 기다리던 바로 그 번호이므로 3바이트가 순서대로 올라갑니다.');
    expect(said('close', (s) => s.kind === 'arrive' && s.node === 'server')).toMatch(/^프레임 #\d+[이가] 서버의 eth0 인터페이스에 도착합니다\. 역캡슐화는 맨 아래 링크 계층부터 시작합니다\.$/);
    // A field in a Korean sentence goes by its Korean term, with the layer box's name beside it.
    expect(said('arp', (s) => s.kind === 'encap-field' && s.key === 'arp.dst.proto_ipv4')).toMatch(/^클라이언트가 ARP 헤더의 대상 IP 주소\(Target IP address\) 필드에 192\.168\.1\.\d+을 씁니다\.$/);
  });
});
