// A field's one-line meaning is shown under its row and quoted in quiz explanations
// ("Target IP address = 192.168.1.80: …."): in Korean it is a whole 합니다체 sentence,
// not a note ("MAC 주소를 알고 싶은 IP."), and its Korean term is the curriculum's.
import { describe, expect, it } from 'vitest';
import * as arp from '../../source/wire/arp.js';
import * as dns from '../../source/wire/dns.js';
import * as ethernet from '../../source/wire/ethernet.js';
import * as icmp from '../../source/wire/icmp.js';
import * as ipv4 from '../../source/wire/ipv4.js';
import * as tcp from '../../source/wire/tcp.js';
import * as udp from '../../source/wire/udp.js';
import type { FieldSpec } from '../../source/wire/layout.js';

const FIELDS: readonly FieldSpec[] = [...ethernet.LAYOUT, ethernet.FCS_FIELD, ...arp.LAYOUT, ...ipv4.LAYOUT, ...icmp.LAYOUT, ...tcp.LAYOUT, ...udp.LAYOUT, ...dns.LAYOUT];

describe('field meanings in Korean', () => {
  it('each ends as a sentence (…다, or …다 and a bracket)', () => {
    const notes = FIELDS.filter((f) => !/다(\([^)]*\))?$/.test(f.meaning.ko)).map((f) => `${f.key}: ${f.meaning.ko}`);
    expect(notes).toEqual([]);
    expect(arp.LAYOUT.find((f) => f.key === 'arp.dst.proto_ipv4')!.meaning.ko).toBe('MAC 주소를 알고 싶은 IP 주소입니다');
  });

  it('Korean field names are CURRICULUM.md\'s terms', () => {
    const ko = (key: string) => FIELDS.find((f) => f.key === key)?.nameKo;
    expect(ko('tcp.seq')).toBe('시퀀스 번호');
    expect(ko('tcp.ack')).toBe('확인 응답 번호');
    expect(ko('tcp.window_size_value')).toBe('윈도우');
    expect(ko('eth.src')).toBe('출발지 MAC 주소');
  });
});
