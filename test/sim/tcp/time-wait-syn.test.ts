// A new SYN for a connection in TIME_WAIT. RFC 9293 §3.6 (MAY-2) allows reopening from
// TIME-WAIT when the new ISN is larger, RFC 6191 when timestamps are newer; Linux does both
// (tcp_timewait_state_process → TCP_TW_SYN, the listener takes the SYN with ISS =
// tw_snd_nxt + 65535 + 2). The `rfc` profile keeps §3.10.7.4: the SYN is answered with an
// ACK and TIME_WAIT stays. The server closes first here, so the TIME_WAIT is the server's
// and its listener is still there, as with a web server.
import { describe, expect, it } from 'vitest';
import type { TcpConfig } from '../../../source/sim/tcp/api.js';
import { seq } from '../../../source/wire/seq.js';
import { NO_FLAGS, type TcpOption } from '../../../source/wire/tcp.js';
import { decodeFrame, sim, stepsOf } from '../helpers.js';

const SERVER_IP = '192.168.1.80';
const CLIENT_IP = '192.168.1.10';
const CLIENT_PORT = 40000;

/** A connection that carried 5 bytes and ended with the server in TIME_WAIT. */
function serverInTimeWait(tcp: Partial<TcpConfig>) {
  const net = sim('direct', { tcp, isn: { client: 1000, server: 5000 } });
  net.listen('server', 80);
  const c = net.connect('client', SERVER_IP, 80, { fromPort: CLIENT_PORT });
  net.settle();
  const s = net.accept('server', 80)!;
  net.send(c, 'hello');
  net.settle();
  net.read(s);
  net.close(s);
  net.settle();
  net.close(c);
  net.settle();
  expect(net.socket(s)!.state).toBe('TIME_WAIT');
  expect(net.socket(c)!.state).toBe('CLOSED');
  // Client: SYN 1000, data 1001–1005, FIN 1006: RCV.NXT at the server is 1007. Server: SYN 5000, FIN 5001: SND.NXT 5002.
  expect(net.socket(s)).toMatchObject({ rcvNxt: 1007, sndNxt: 5002 });
  return { net, s };
}

/** A SYN from the client's address and port that its own TCP never made (a raw socket's). */
function injectSyn(net: ReturnType<typeof sim>, n: number, options: readonly TcpOption[] = []) {
  net.inject('client', SERVER_IP, {
    srcPort: CLIENT_PORT, dstPort: 80, seq: seq(n), ack: null, flags: { ...NO_FLAGS, syn: true },
    window: 65535, urgentPointer: 0, options, payload: new Uint8Array(0),
  });
  net.settle();
}

/** The server's segments sent to the client after frame `from`, as flags seq ack. */
function serverSegments(net: ReturnType<typeof sim>, from: number): string[] {
  return net.trace().frames.slice(from).map((f) => decodeFrame(f.bytes)).filter((d) => d.ip?.src === SERVER_IP && d.tcp)
    .map((d) => `${d.tcp!.flags.syn ? 'S' : ''}${d.tcp!.flags.rst ? 'R' : ''}${d.tcp!.ack !== null ? '.' : ''} ${d.tcp!.seq} ${d.tcp!.ack ?? '-'}`);
}

/**
 * The SYN is answered from TIME_WAIT with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and no new
 * connection is made. The client's TCP has no connection for that ACK and resets it
 * (§3.10.7.1), and the RST at RCV.NXT ends the TIME_WAIT (§3.10.7.4 second; the
 * "assassination" of RFC 1337, which Linux allows by default, tcp_rfc1337 = 0).
 */
function expectAckedNotReopened(net: ReturnType<typeof sim>, s: string, before: number): void {
  expect(serverSegments(net, before)).toEqual(['. 5002 1007']);
  expect(net.socket('server#2')).toBeNull();
  expect(stepsOf(net.trace(), 'tcp-state').filter((x) => x.socket === s).at(-1)).toMatchObject({ from: 'TIME_WAIT', to: 'CLOSED', cause: { code: 'rcv-rst-time-wait' } });
}

describe('a SYN in TIME_WAIT', () => {
  it('linux: an ISN above RCV.NXT reopens the 4-tuple; the new connection\'s ISS is SND.NXT + 65537', () => {
    const { net, s } = serverInTimeWait({ profile: 'linux' });
    const before = net.trace().frames.length;
    injectSyn(net, 1_000_000);
    expect(net.socket(s)!.state).toBe('CLOSED');
    const last = stepsOf(net.trace(), 'tcp-state').filter((x) => x.socket === s).at(-1)!;
    expect(last).toMatchObject({ from: 'TIME_WAIT', to: 'CLOSED', cause: { code: 'rcv-syn-time-wait-reuse', rfc: '3.6' } });
    // The listener took the SYN: server#2 answered it with SYN-ACK seq 5002 + 65537 = 70539,
    // ack 1000001; the client's TCP knows nothing of it and resets (§3.10.7.1).
    const reopened = net.socket('server#2')!;
    expect(reopened).toMatchObject({ iss: 70_539, local: { port: 80 }, remote: { ip: CLIENT_IP, port: CLIENT_PORT } });
    expect(serverSegments(net, before)[0]).toBe('S. 70539 1000001');
  });

  it('linux with timestamps: a newer TSval reopens it even with an ISN below RCV.NXT (RFC 6191)', () => {
    // TSvals counted from 0 rather than from a random offset, so that 0x7fffffff is newer.
    const { net, s } = serverInTimeWait({ profile: 'linux', timestamps: true, randomTsOffset: false });
    net.wait(1000);
    injectSyn(net, 500, [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval: 0x7fffffff, tsecr: 0 }]);
    expect(net.socket(s)!.state).toBe('CLOSED');
    expect(net.socket('server#2')).toMatchObject({ iss: 70_539 });
  });

  it('linux: an ISN at or below RCV.NXT without timestamps may be an old duplicate: ACK, stay in TIME_WAIT', () => {
    const { net, s } = serverInTimeWait({ profile: 'linux' });
    const before = net.trace().frames.length;
    injectSyn(net, 1006);
    expectAckedNotReopened(net, s, before);
  });

  it('rfc: §3.10.7.4 answers even a SYN above RCV.NXT with an ACK, and TIME_WAIT stays', () => {
    const { net, s } = serverInTimeWait({ profile: 'rfc' });
    const before = net.trace().frames.length;
    injectSyn(net, 1_000_000);
    expectAckedNotReopened(net, s, before);
  });
});
