import { describe, expect, it } from 'vitest';
import { sim, decodeFrame, stepsOf, text } from './helpers.js';

describe('sockets through the facade', () => {
  it('connect, send, accept, read, close: data arrives in order and both sides reach the closing states', () => {
    const net = sim('direct');
    net.listen('server', 7);
    const c = net.connect('client', '192.168.1.80', 7);
    net.settle();
    expect(net.socket(c)!.state).toBe('ESTABLISHED');
    const s = net.accept('server', 7)!;
    expect(s).toBe('server#1');
    expect(net.accept('server', 7)).toBeNull();
    net.send(c, 'hello, ');
    net.send(c, text('world'));
    net.settle();
    expect(new TextDecoder().decode(net.read(s))).toBe('hello, world');
    net.close(c);
    net.settle();
    expect(net.socket(c)!.state).toBe('FIN_WAIT_2');
    expect(net.socket(s)!.state).toBe('CLOSE_WAIT');
    net.close(s);
    net.settle();
    // settle() stops with only TIME_WAIT left; waiting 2 MSL ends it.
    expect(net.socket(c)!.state).toBe('TIME_WAIT');
    expect(net.socket(s)!.state).toBe('CLOSED');
    net.wait(60_000);
    expect(net.socket(c)!.state).toBe('CLOSED');
    const states = stepsOf(net.trace(), 'tcp-state').filter((x) => x.socket === c).map((x) => x.to);
    expect(states).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
  });

  it('the app-read step shows what the application took', () => {
    const net = sim('direct');
    net.listen('server', 7);
    const c = net.connect('client', '192.168.1.80', 7);
    net.settle();
    net.send(c, 'ping');
    net.settle();
    net.read(net.accept('server', 7)!);
    expect(stepsOf(net.trace(), 'app-read')).toMatchObject([{ host: 'server', socket: 'server#1', length: 4, preview: 'ping' }]);
  });

  it('abort sends RST and both sockets are closed at once', () => {
    const net = sim('direct');
    net.listen('server', 7);
    const c = net.connect('client', '192.168.1.80', 7);
    net.settle();
    net.abort(c);
    net.settle();
    const rst = net.trace().frames.map((f) => decodeFrame(f.bytes)).filter((d) => d.tcp?.flags.rst);
    expect(rst).toHaveLength(1);
    expect(net.socket(c)!.state).toBe('CLOSED');
    expect(net.socket('server#1')!.state).toBe('CLOSED');
    expect(stepsOf(net.trace(), 'tcp-reset').length).toBeGreaterThanOrEqual(1);
  });

  it('a MSS follows the MTU: 1500 gives 1460, a 576-byte link 536', () => {
    const net = sim({
      hosts: [
        { name: 'a', mac: '02:00:00:00:00:01', ip: '10.0.0.1', prefix: 24 },
        { name: 'b', mac: '02:00:00:00:00:02', ip: '10.0.0.2', prefix: 24 },
      ],
      links: [{ a: 'a', b: 'b', delayMs: 1, mtu: 576 }],
    });
    net.listen('b', 80);
    net.connect('a', '10.0.0.2', 80);
    net.settle();
    const syn = net.trace().frames.map((f) => decodeFrame(f.bytes)).find((d) => d.tcp?.flags.syn)!;
    expect(syn.tcp!.options).toContainEqual({ kind: 'mss', value: 536 });
  });
});

describe('applications', () => {
  it('HTTP with Connection: close: the server closes first and ends in TIME_WAIT', () => {
    const net = sim('lan');
    net.serveHttp('server', 80, 2500);
    const get = net.httpGet('client', 'http://www.example.com/index.html', { connection: 'close' });
    net.settle();
    expect(get.status).toBe('done');
    expect(get.response!.status).toBe(200);
    expect(get.response!.body.length).toBe(2500);
    const server = net.trace().sockets.find((s) => s.host === 'server')!;
    expect(net.socket(server.id)!.state).toBe('TIME_WAIT');
    expect(net.socket(get.socket!)!.state).toBe('CLOSED');
  });

  it('a GET to a name that does not resolve fails with the reason', () => {
    const net = sim('lan');
    const get = net.httpGet('client', 'http://nowhere.example/');
    net.settle();
    expect(get.status).toBe('failed');
    expect(get.error).toMatch(/no address/);
  });

  it('a slow reader fills its buffer: the window closes to 0, then reopens, and every byte arrives', () => {
    const net = sim('direct', { tcp: { recvBuffer: 8192 } });
    net.listen('server', 5001, { kind: 'sink', readRate: 20_000, intervalMs: 100 });
    const bulk = net.sendBulk('client', '192.168.1.80', 5001, 60_000);
    expect(net.settle().ok).toBe(true);
    expect(bulk.progress.finished).toBe(true);
    const fromServer = net.trace().frames.filter((f) => f.from === 'server:eth0').map((f) => decodeFrame(f.bytes).tcp).filter((x) => x !== undefined);
    expect(fromServer.some((s) => s.window === 0)).toBe(true);
    const zero = fromServer.findIndex((s) => s.window === 0);
    expect(fromServer.slice(zero).some((s) => s.window > 0)).toBe(true);
    // 60 000 bytes at 20 000 bytes a second take about three seconds.
    expect(net.now).toBeGreaterThan(2_500_000);
  });
});

describe("trace level 'frames'", () => {
  it('keeps the same frames but only frame and state steps', () => {
    const run = (trace: 'full' | 'frames') => {
      const net = sim('lan', { trace });
      net.serveHttp('server', 80, 3000);
      net.httpGet('client', 'http://www.example.com/');
      net.settle();
      return net.trace();
    };
    const full = run('full');
    const frames = run('frames');
    expect(frames.frames.map((f) => [f.id, f.t, f.link, Buffer.from(f.bytes).toString('hex'), f.summary]))
      .toEqual(full.frames.map((f) => [f.id, f.t, f.link, Buffer.from(f.bytes).toString('hex'), f.summary]));
    const kinds = new Set(frames.steps.map((s) => s.kind));
    for (const k of ['encap-field', 'decap-check', 'app-write', 'tcp-timer', 'switch-forward']) expect(kinds.has(k as never)).toBe(false);
    for (const k of ['transmit', 'arrive', 'tcp-state', 'arp-learn', 'dns-answer']) expect(kinds.has(k as never)).toBe(true);
    expect(frames.steps.length).toBeLessThan(full.steps.length / 3);
  });

  it('with retain off, frames go to the sink only', () => {
    const seen: number[] = [];
    const net = sim('direct', { trace: 'frames', retain: false, onFrame: (f) => seen.push(f.id) });
    net.ping('client', '192.168.1.80');
    net.settle();
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(net.trace().frames).toHaveLength(0);
    expect(net.trace().steps).toHaveLength(0);
  });
});
