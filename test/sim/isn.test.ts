import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../source/sim/network.js';
import { dissect } from '../../source/wire/dissect.js';

function handshake(isn?: Record<string, number>) {
  const net = createNetwork('direct', { seed: 5, isn });
  net.listen('server', 80);
  net.connect('client', '192.168.1.80', 80);
  net.settle();
  return net.trace().frames.map((f) => dissect(f.bytes)?.tcp).filter((t) => t !== null && t !== undefined);
}

describe('fixed ISNs', () => {
  it("start a host's connections at the given number, and shift no other random number", () => {
    const drawn = handshake();
    const fixed = handshake({ client: 0xfffffff0 });
    const [synA, synAckA] = drawn;
    const [synB, synAckB] = fixed;
    expect(synB!.flags.syn && synB!.ack === null).toBe(true);
    expect(synB!.seq).toBe(0xfffffff0);
    expect(synAckB!.ack).toBe(0xfffffff1);
    expect(synAckB!.seq).toBe(synAckA!.seq); // the server's ISN is the one the seed gave anyway
    expect(synB!.srcPort).toBe(synA!.srcPort);
    expect(synB!.seq).not.toBe(synA!.seq);
  });
});
