// How the player names a frame in its sentences and the hex pane's title: by its number in
// the capture a learner can export, as Wireshark shows it; a frame that capture does not
// hold is named for why, never `#–`.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { loadLessonFile } from '../../source/lesson/loader.js';
import { createPlayer, update, type PlayerModel } from '../../source/player/model.js';
import { selectHex, selectNarration } from '../../source/player/screen.js';
import { toPlayer } from '../../source/session/to-player.js';

function stepPlayer(file: string): PlayerModel {
  const r = loadLessonFile(file, 'en');
  if (!r.ok) throw new Error(file);
  const c = compileLesson(r.loaded, { seed: 5 });
  if (!c.ok) throw new Error(file);
  const { trace, lesson } = toPlayer(c.compiled);
  return createPlayer(trace, lesson, { detail: 'step' });
}

describe('a frame’s name', () => {
  it('the RST lost on the wire at lesson 19 is “a frame not in the capture”, never “lost” before the wire drops it', () => {
    let m = stepPlayer(builtinLessonFiles().find((f) => f.endsWith('19-half-open.yaml'))!);
    const lostAt = m.book.trace.steps.findIndex((s) => s.kind === 'link-fate' && s.fate === 'dropped');
    expect(lostAt).toBeGreaterThan(0);
    m = update(m, { type: 'goto', step: lostAt });
    // Said plainly, by whose it is and what it carries: not "a frame the capture does not
    // hold is lost (the lesson's rule)". Not by its flags: two quizzes wait for them.
    expect(selectNarration(m)).toEqual({
      en: "The server's TCP segment is lost on the way: it never reaches the client.",
      ko: '서버가 보낸 TCP 세그먼트가 도중에 손실되어 클라이언트에는 끝내 도착하지 않습니다.',
    });
    const sent = m.book.trace.steps.findLastIndex((s, i) => i < lostAt && s.kind === 'transmit');
    m = update(m, { type: 'goto', step: sent });
    // As it leaves, nothing says it will be lost: the wire tells that a step later.
    expect(selectNarration(m).en).toMatch(/^A frame not in the capture leaves server:eth0/);
    expect(selectNarration(m).ko).toMatch(/^캡처에 없는 프레임이 server:eth0에서 링크 client-server로 나갑니다: /);
    expect(selectNarration(m).en).not.toMatch(/lost/i);
    expect(selectHex(m)!.name).toEqual({ en: 'A frame not in the capture', ko: '캡처에 없는 프레임' });
  });

  it('what a link does to a captured frame names the frame, its sender and, for a loss, the host it never reaches (lessons 04, 12)', () => {
    const said = (file: string) => {
      const m = stepPlayer(builtinLessonFiles().find((f) => f.endsWith(file))!);
      return m.book.trace.steps.flatMap((s, i) => (s.kind === 'link-fate' ? [selectNarration(update(m, { type: 'goto', step: i }))] : []));
    };
    // Lesson 12 drops the client's second data segment and holds back a later one; both
    // leave the client, where the capture is taken, so they have numbers (seed 5).
    expect(said('12-loss.yaml')).toEqual([
      { en: "The client's frame #7 is lost on the way: it never reaches the server.", ko: '클라이언트가 보낸 프레임 #7이 도중에 손실되어 서버에는 끝내 도착하지 않습니다.' },
      { en: "The client's frame #17 is held back on the way, so a frame sent after it can overtake it.", ko: '클라이언트가 보낸 프레임 #17이 도중에 붙잡혀, 뒤에 보낸 프레임이 앞지를 수 있습니다.' },
    ]);
    // The link flips one bit between the Ethernet header and the FCS (sim/link.ts corruptCopy).
    expect(said('04-decapsulation.yaml')).toEqual([
      { en: "The client's frame #6 is damaged on the way: one of its bits flips.", ko: '클라이언트가 보낸 프레임 #6이 도중에 손상됩니다. 비트 하나가 뒤집힙니다.' },
    ]);
    for (const file of builtinLessonFiles()) for (const t of said(file.replace(/.*\//, ''))) expect(`${t.en} ${t.ko}`).not.toMatch(/rule|규칙/);
  });

  it('no step of any built-in lesson says “#–”: every frame has a number or a reason', () => {
    for (const file of builtinLessonFiles()) {
      let m = stepPlayer(file);
      m.book.trace.steps.forEach((s, i) => {
        // The steps whose sentence names a frame.
        if (!['transmit', 'link-fate', 'arrive', 'switch-forward', 'drop'].includes(s.kind)) return;
        m = update(m, { type: 'goto', step: i });
        const said = selectNarration(m);
        const title = selectHex(m)?.name;
        for (const text of [said.en, said.ko, title?.en ?? '', title?.ko ?? '']) expect(text, `${file} step ${i}`).not.toMatch(/#[–-]/);
      });
    }
  });
});
