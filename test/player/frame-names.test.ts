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
  it('the RST lost on the wire at lesson 19 is “a frame the capture does not hold”, never “lost” before the wire drops it', () => {
    let m = stepPlayer(builtinLessonFiles().find((f) => f.endsWith('19-half-open.yaml'))!);
    const lostAt = m.book.trace.steps.findIndex((s) => s.kind === 'link-fate' && s.fate === 'dropped');
    expect(lostAt).toBeGreaterThan(0);
    m = update(m, { type: 'goto', step: lostAt });
    expect(selectNarration(m)).toEqual({
      en: "On link client-server, a frame the capture does not hold is lost (the lesson's rule).",
      ko: '링크 client-server에서 캡처에 없는 프레임이 레슨의 규칙에 따라 손실됩니다.',
    });
    const sent = m.book.trace.steps.findLastIndex((s, i) => i < lostAt && s.kind === 'transmit');
    m = update(m, { type: 'goto', step: sent });
    // As it leaves, nothing says it will be lost: the wire tells that a step later.
    expect(selectNarration(m).en).toMatch(/^A frame the capture does not hold leaves server:eth0/);
    expect(selectNarration(m).ko).toMatch(/^캡처에 없는 프레임이 server:eth0에서 링크 client-server로 나갑니다: /);
    expect(selectNarration(m).en).not.toMatch(/lost/i);
    expect(selectHex(m)!.name).toEqual({ en: 'A frame the capture does not hold', ko: '캡처에 없는 프레임' });
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
