import { describe, expect, it } from 'vitest';
import { deviceText, hostKo, hostText } from '../../source/i18n/hosts.js';
import { say } from '../../source/i18n/text.js';

describe('host names in sentences', () => {
  it('calls the built-in roles by their Korean names, as CURRICULUM.md does', () => {
    expect(['client', 'server', 'dns', 'r1', 'r2', 'sw', 'sw2', 'web-1'].map((id) => hostKo(id)))
      .toEqual(['클라이언트', '서버', 'DNS 서버', '라우터 1', '라우터 2', '스위치', '스위치 2', 'web-1']);
  });

  it('keeps the id in English, where it reads as in the ladder and the YAML', () => {
    expect(hostText('client')).toEqual({ en: 'client', ko: '클라이언트' });
  });

  it('takes the particle of the Korean name: 라우터 1이, 서버가, 클라이언트는', () => {
    const t = { en: '{h} drops it', ko: '{h:이} 버립니다' };
    expect(say(t, 'ko', { h: hostText('r1') })).toBe('라우터 1이 버립니다');
    expect(say(t, 'ko', { h: hostText('server') })).toBe('서버가 버립니다');
    expect(say({ en: '', ko: '{h:은}' }, 'ko', { h: hostText('client') })).toBe('클라이언트는');
  });

  it('says what a device is, once: 라우터 1, 라우터 core, 스위치', () => {
    expect(deviceText('r1', 'router').ko).toBe('라우터 1');
    expect(deviceText('core', 'router').ko).toBe('라우터 core');
    expect(deviceText('sw', 'switch').ko).toBe('스위치');
  });
});

describe("a lesson's own names for its hosts", () => {
  it('reach quiz prompts and plain-mode lines in each language, while ids stay in the YAML', async () => {
    const { loadLessonText } = await import('../../source/lesson/loader.js');
    const { compileLesson } = await import('../../source/lesson/compile.js');
    const yaml = `id: labels
title: { en: Labels, ko: 이름 }
summary: { en: Labels., ko: 이름. }
level: beginner
topics: [handshake]
topology:
  hosts:
    - { name: pc, ip: 10.0.0.1, prefix: 24, label: { en: the laptop, ko: 노트북 } }
    - { name: web, ip: 10.0.0.2, prefix: 24, label: { en: the web server, ko: 웹 서버 } }
  links: [{ a: pc, b: web }]
script:
  - listen: { host: web, port: 80 }
  - quiz: { id: web-state, ask: state, host: web, frame: { from: pc, flags: S } }
  - connect: { from: pc, to: web, port: 80 }
`;
    const loaded = loadLessonText(yaml, 'labels.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const r = compileLesson(loaded.loaded, { seed: 1 });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const q = r.compiled.quizzes[0]!;
    // "Which state will the web server be in after the laptop's SYN arrives?"
    expect(q.prompt.ko).toBe('노트북의 [S] 세그먼트가 도착하면 웹 서버는 어떤 상태가 될까요?');
    expect(q.prompt.en).toBe("Which state will the web server be in after the laptop's [S] segment arrives?");
    expect(q.explanation.ko.startsWith('웹 서버는 SYN_RECEIVED 상태가 됩니다')).toBe(true);
    expect(r.compiled.trace.labels).toEqual({ pc: { en: 'the laptop', ko: '노트북' }, web: { en: 'the web server', ko: '웹 서버' } });
  });
});
