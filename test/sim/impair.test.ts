import { describe, expect, it } from 'vitest';
import { sim, decodeFrame, sentBy, stepsOf } from './helpers.js';
import type { Impairment } from '../../source/sim/impair.js';
import type { Network } from '../../source/sim/network.js';

/** Client sends `bytes` to a plain listener on the server over the `direct` cable. */
function transfer(impairment: Impairment | null, bytes = 6000, seed = 1): { net: Network; server: () => Uint8Array } {
  const net = sim('direct', { seed });
  if (impairment) net.impair('client-server', impairment);
  net.listen('server', 9000);
  const c = net.connect('client', '192.168.1.80', 9000);
  net.settle();
  const data = new Uint8Array(bytes).map((_, i) => i % 251);
  net.send(c, data);
  net.settle();
  const s = net.accept('server', 9000)!;
  return { net, server: () => net.read(s) };
}

const dataFrom = (net: Network, iface: string) => sentBy(net.trace(), iface).filter((f) => (decodeFrame(f.bytes).tcp?.payload.length ?? 0) > 0);

describe('link impairments', () => {
  it('a rule drops the 3rd data segment from the client; TCP retransmits it and all data arrives', () => {
    const { net, server } = transfer({ match: { from: 'client', protocol: 'tcp', data: true }, nth: 3, action: 'drop' });
    const t = net.trace();
    const data = dataFrom(net, 'client:eth0');
    const fates = stepsOf(t, 'link-fate');
    expect(fates).toEqual([{ t: expect.any(Number), kind: 'link-fate', frame: data[2]!.id, link: 'client-server', fate: 'dropped', why: 'rule' }]);
    expect(stepsOf(t, 'arrive').some((a) => a.frame === data[2]!.id)).toBe(false);
    expect(stepsOf(t, 'tcp-retransmit').length).toBeGreaterThan(0);
    const got = server();
    expect(got.length).toBe(6000);
    expect(got.every((b, i) => b === i % 251)).toBe(true);
  });

  it('corrupt flips one bit: the receiver finds the FCS wrong and drops the frame', () => {
    const { net, server } = transfer({ match: { from: 'client', data: true }, nth: 1, action: 'corrupt' });
    const t = net.trace();
    const original = dataFrom(net, 'client:eth0')[0]!;
    const copy = t.frames.find((f) => f.parent === original.id)!;
    expect(stepsOf(t, 'link-fate')).toMatchObject([{ frame: original.id, fate: 'corrupted', why: 'rule' }]);
    let bits = 0;
    original.bytes.forEach((b, i) => { bits += ((b ^ copy.bytes[i]!).toString(2).match(/1/g) ?? []).length; });
    expect(bits).toBe(1);
    const fcs = stepsOf(t, 'decap-check').find((c) => c.frame === copy.id && c.check === 'eth.fcs')!;
    expect(fcs).toMatchObject({ node: 'server', ok: false, layer: 'link' });
    expect(fcs.expected).not.toBe(fcs.actual);
    expect(stepsOf(t, 'drop').find((d) => d.frame === copy.id)).toMatchObject({ node: 'server', layer: 'link' });
    // Nothing above the link layer looked at it.
    expect(stepsOf(t, 'decap-check').filter((c) => c.frame === copy.id).map((c) => c.check)).toEqual(['eth.dst', 'eth.fcs']);
    expect(server().length).toBe(6000);
  });

  it('duplicate delivers the frame twice; delay makes it late; reorder lets the next frame pass first', () => {
    const dup = transfer({ match: { from: 'client', data: true }, nth: 1, action: 'duplicate' }).net.trace();
    const first = dup.frames.find((f) => f.from === 'client:eth0' && (decodeFrame(f.bytes).tcp?.payload.length ?? 0) > 0)!;
    const twin = dup.frames.find((f) => f.parent === first.id)!;
    expect(twin.bytes).toEqual(first.bytes);
    expect(stepsOf(dup, 'arrive').filter((a) => a.frame === first.id || a.frame === twin.id)).toHaveLength(2);
    expect(stepsOf(dup, 'tcp-segment').some((s) => s.verdict === 'duplicate')).toBe(true);

    const late = transfer({ match: { from: 'client', data: true }, nth: 1, action: { delayMs: 50 } }).net.trace();
    const d0 = late.frames.find((f) => f.from === 'client:eth0' && (decodeFrame(f.bytes).tcp?.payload.length ?? 0) > 0)!;
    const arrived = stepsOf(late, 'arrive').find((a) => a.frame === d0.id)!;
    expect(arrived.t - d0.t).toBe(51_000);

    const re = transfer({ match: { from: 'client', data: true }, nth: 1, action: 'reorder' }).net.trace();
    const [a, b] = re.frames.filter((f) => f.from === 'client:eth0' && (decodeFrame(f.bytes).tcp?.payload.length ?? 0) > 0);
    const order = stepsOf(re, 'arrive').filter((s) => s.frame === a!.id || s.frame === b!.id).map((s) => s.frame);
    expect(order).toEqual([b!.id, a!.id]);
    expect(stepsOf(re, 'tcp-segment').some((s) => s.verdict === 'out-of-order')).toBe(true);
  });

  it('chance impairments are drawn from the seed: the same seed loses the same frames', () => {
    const lost = (seed: number) => {
      const { net, server } = transfer({ loss: 0.2 }, 20_000, seed);
      expect(server().length).toBe(20_000);
      return stepsOf(net.trace(), 'link-fate').map((f) => [f.frame, f.fate, f.why]);
    };
    const a = lost(5);
    expect(a.length).toBeGreaterThan(0);
    expect(a.every(([, fate, why]) => fate === 'dropped' && why === 'chance')).toBe(true);
    expect(lost(5)).toEqual(a);
    expect(lost(6)).not.toEqual(a);
  });

  it('an impossible impairment is refused with a message', () => {
    const net = sim('direct');
    expect(() => net.impair('client-server', { loss: 2 })).toThrow(/probability/);
    expect(() => net.impair('nowhere', { loss: 0.1 })).toThrow(/no link named "nowhere"/);
    expect(() => net.impair('client-server', { action: 'drop', nth: 0 })).toThrow(/nth/);
  });
});

describe('link timing', () => {
  it('bandwidth: a frame takes its size in bits over the rate to leave, and frames queue behind each other', () => {
    const net = sim({
      hosts: [
        { name: 'a', mac: '02:00:00:00:00:01', ip: '10.0.0.1', prefix: 24 },
        { name: 'b', mac: '02:00:00:00:00:02', ip: '10.0.0.2', prefix: 24 },
      ],
      links: [{ name: 'slow', a: 'a', b: 'b', delayMs: 5, bandwidth: 1_000_000 }],
    });
    net.arp('a', '10.0.0.2');
    net.settle();
    const start = net.now;
    net.ping('a', '10.0.0.2', { count: 1, size: 1472 });
    net.ping('a', '10.0.0.2', { count: 1, size: 1472 });
    net.settle();
    const t = net.trace();
    const requests = t.frames.filter((f) => f.from === 'a:eth0' && f.bytes.length === 1518);
    // 1518 bytes at 1 Mbit/s: 12 144 µs on the wire; the second waits for the first.
    expect(requests.map((f) => f.t - start)).toEqual([0, 12_144]);
    const arrivals = stepsOf(t, 'arrive').filter((a) => requests.some((r) => r.id === a.frame)).map((a) => a.t - start);
    expect(arrivals).toEqual([12_144 + 5_000, 2 * 12_144 + 5_000]);
  });
});
