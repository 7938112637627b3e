import { describe, expect, it } from 'vitest';
import { labelLines } from '../../source/ui/Ladder.js';

describe('ladder labels', () => {
  it('keeps a label whole when it fits', () => {
    expect(labelLines('SYN, ACK seq=0 ack=1', 28)).toEqual(['SYN, ACK seq=0 ack=1']);
  });

  it('shortens the flag names as tcpdump prints them, never the numbers', () => {
    // The example, cut today to `PSH, ACK seq=21 ack=111 len…` at 80 columns (28 inside the ladder).
    expect(labelLines('PSH, ACK seq=21 ack=111 len=100', 28)).toEqual(['[P.] seq=21 ack=111 len=100']);
    expect(labelLines('FIN, ACK seq=1001 ack=2001 len=0', 28)).toEqual(['[F.] seq=1001 ack=2001 len=0']);
  });

  it('wraps at spaces when even that is too wide, so every number shows in full', () => {
    expect(labelLines('SYN, ACK seq=1511506920 ack=4294967233', 28)).toEqual(['[S.] seq=1511506920', 'ack=4294967233']);
  });
});
