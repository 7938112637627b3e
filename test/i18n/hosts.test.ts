import { describe, expect, it } from 'vitest';
import { deviceText, hostKo, hostText } from '../../source/i18n/hosts.js';
import { say } from '../../source/i18n/text.js';

describe('host names in sentences', () => {
  it('calls the built-in roles by their Korean names, as CURRICULUM.md does', () => {
    expect(['client', 'server', 'dns', 'r1', 'r2', 'sw', 'sw2', 'web-1'].map(hostKo))
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
