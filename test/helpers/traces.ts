// Traces recorded from the simulator under a fixed seed: a built-in lesson compiled and
// run exactly as the tutor runs it. Tests that need a trace take one of these rather than
// a hand-made one, so every step kind and check they see is one the simulator emits.
import { openLesson, type LessonSession } from '../../source/session/lesson.js';
import { createNetwork } from '../../source/sim/network.js';
import type { TopologySpec } from '../../source/sim/topology.js';
import type { Trace } from '../../source/sim/trace.js';

/** The seed every recorded trace is made with, so that numbers in tests never move. */
export const RECORD_SEED = 7;

const cache = new Map<string, LessonSession>();

/** A built-in lesson (by id) ready for the player: its trace, checkpoints and options. */
export function recordedSession(lesson: string, seed = RECORD_SEED): LessonSession {
  const key = `${lesson}@${seed}`;
  let s = cache.get(key);
  if (!s) {
    const r = openLesson(lesson, 'en', () => seed);
    if (!r.ok) throw new Error(`cannot record ${lesson}: ${r.reason}`);
    s = r.session;
    cache.set(key, s);
  }
  return s;
}

export function recordedTrace(lesson: string, seed = RECORD_SEED): Trace {
  return recordedSession(lesson, seed).trace;
}

/** One end of the routed scenario: its node, interface, MAC and IP address. */
export interface Nic {
  readonly node: string;
  readonly iface: string;
  readonly mac: string;
  readonly ip: string;
}

export const CLIENT: Nic = { node: 'client', iface: 'client:eth0', mac: '02:00:00:00:00:0a', ip: '192.168.1.10' };
export const R1_LAN: Nic = { node: 'r1', iface: 'r1:eth0', mac: '02:00:00:00:00:01', ip: '192.168.1.1' };
export const R1_WAN: Nic = { node: 'r1', iface: 'r1:eth1', mac: '02:00:00:00:01:01', ip: '10.0.0.1' };
export const SERVER: Nic = { node: 'server', iface: 'server:eth0', mac: '02:00:00:00:01:50', ip: '10.0.0.80' };
/** Just below 2^32: the client's numbers wrap around zero during the GET. */
export const CLIENT_ISN = 0xffff_ffc0;
export const SERVER_ISN = 0x5a17_c3e8;
/** The request the client sends: 101 bytes, so the ack that answers it crosses 2^32. */
export const GET_BYTES: Uint8Array = new TextEncoder().encode(
  'GET / HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: tcp-tutor\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n',
);

const ROUTED: TopologySpec = {
  hosts: [
    { name: 'client', mac: CLIENT.mac, ip: CLIENT.ip, prefix: 24, gateway: R1_LAN.ip },
    { name: 'server', mac: SERVER.mac, ip: SERVER.ip, prefix: 24, gateway: R1_WAN.ip },
  ],
  routers: [{
    name: 'r1',
    interfaces: [
      { name: 'eth0', mac: R1_LAN.mac, ip: R1_LAN.ip, prefix: 24 },
      { name: 'eth1', mac: R1_WAN.mac, ip: R1_WAN.ip, prefix: 24 },
    ],
  }],
  links: [
    { name: 'lan', a: 'client', b: 'r1:eth0', delayMs: 1 },
    { name: 'wan', a: 'r1:eth1', b: 'server', delayMs: 1 },
  ],
};

let routed: Trace | null = null;

/**
 * Recorded from the simulator: a client one router away from a web server opens a
 * connection (after ARP on both links), sends a GET, the server's application reads it,
 * and the server acknowledges it. The client's ISN sits just below 2^32.
 */
export function routedGetTrace(): Trace {
  if (routed) return routed;
  const net = createNetwork(ROUTED, { seed: RECORD_SEED, isn: { client: CLIENT_ISN, server: SERVER_ISN } });
  net.listen('server', 80);
  const client = net.connect('client', SERVER.ip, 80);
  must(net.settle());
  net.send(client, GET_BYTES);
  must(net.settle());
  const server = net.accept('server', 80);
  if (server === null) throw new Error('the server accepted no connection');
  net.read(server);
  must(net.settle());
  return (routed = net.trace());
}

function must(r: { readonly ok: boolean; readonly error?: { readonly message: string } }): void {
  if (!r.ok) throw new Error(`the simulation did not settle: ${r.error?.message}`);
}
