// `inject` puts crafted segments on the wire. tshark judges their bytes (every checksum and
// the FCS checked, every header field read back), and the replies they draw are the ones
// RFC 9293 prescribes: worked out by hand here from the fixed ISNs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileText as compile, problemsOf } from '../helpers/lesson-text.js';
import { complaints, SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';

// Client ISS 1000, server ISS 5000: after the handshake the client sends from 1001 and the
// server from 5001. 1000 bytes later the client's SND.NXT and the server's RCV.NXT are 2001.
const LESSON = `
id: inject-test
title: { en: Inject, ko: 주입 }
summary: { en: Crafted segments., ko: 만든 세그먼트. }
level: advanced
topics: [rst]
topology: direct
settings: { isn: { client: 1000, server: 5000 } }
script:
  - listen: { host: server, port: 80 }
  - connect: { from: client, to: server, port: 80, fromPort: 40000 }
  - send: { socket: client, bytes: 1000 }
  # An old duplicate: 100 bytes from 1000 back.
  - inject: { socket: client, flags: PA, seq: { socket: client, offset: -1000 }, length: 100 }
  # A RST far outside the server's window.
  - inject: { socket: client, flags: R, seq: { socket: server, of: rcv.nxt, offset: 100000 } }
  # An ACK to a port nobody listens on.
  - inject: { from: client, to: server, srcPort: 5555, dstPort: 81, flags: A, seq: 7, ack: 123456, window: 512 }
  # A SYN with every option.
  - inject:
      from: client
      to: 192.168.1.80
      srcPort: 6000
      dstPort: 80
      flags: S
      seq: 4294967295
      options: { mss: 1200, windowScale: 7, sackPermitted: true, timestamps: { tsval: 42, tsecr: 0 } }
`;

const FIELDS = ['ip.src', 'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.window_size_value', 'tcp.len',
  'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.options.sack_perm', 'tcp.options.timestamp.tsval', 'tcp.checksum.status', 'ip.checksum.status', 'eth.fcs.status'];

describe.skipIf(SKIP_TSHARK)('inject', () => {
  it('writes the crafted segments byte-accurately, and the server answers each as RFC 9293 says', () => {
    const c = compile(LESSON);
    const cap = c.capture('pcap');
    if ('error' in cap) throw new Error(cap.error);
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-inject-')), 'inject.pcap');
    writeFileSync(file, cap.bytes);
    expect(complaints(file, '_ws.malformed || eth.fcs.status==0 || ip.checksum.status==0 || tcp.checksum.status==0')).toBe('');
    const rows = tsharkFields(file, FIELDS, ['-Y', 'tcp']).map((r) => {
      const cells = [r['ip.src']!.endsWith('.10') ? 'client' : 'server', `${r['tcp.srcport']}>${r['tcp.dstport']}`,
        `seq=${r['tcp.seq_raw']}`, `ack=${r['tcp.ack_raw']}`, r['tcp.flags'], `win=${r['tcp.window_size_value']}`, `len=${r['tcp.len']}`];
      if (r['tcp.options.mss_val']) cells.push(`mss=${r['tcp.options.mss_val']} ws=${r['tcp.options.wscale.shift']} sack=${r['tcp.options.sack_perm']} ts=${r['tcp.options.timestamp.tsval']}`);
      expect([r['tcp.checksum.status'], r['ip.checksum.status'], r['eth.fcs.status']]).toEqual(['1', '1', '1']);
      return cells.join(' ');
    });
    expect(rows.slice(3)).toEqual([
      'client 40000>80 seq=1001 ack=5001 0x0018 win=65535 len=1000',
      // 1000 bytes unread in the server's 65535-byte buffer.
      'server 80>40000 seq=5001 ack=2001 0x0010 win=64535 len=0',
      // The old duplicate, then §3.10.7.4 "first": not acceptable, so an ACK of RCV.NXT.
      'client 40000>80 seq=1001 ack=5001 0x0018 win=65535 len=100',
      'server 80>40000 seq=5001 ack=2001 0x0010 win=64535 len=0',
      // The RST outside the window is dropped without a reply (§3.10.7.4, RFC 5961 §3).
      'client 40000>80 seq=102001 ack=0 0x0004 win=65535 len=0',
      // §3.10.7.1: no connection, and the segment has ACK set: <SEQ=SEG.ACK><CTL=RST>.
      'client 5555>81 seq=7 ack=123456 0x0010 win=512 len=0',
      'server 81>5555 seq=123456 ack=0 0x0004 win=0 len=0',
      // A SYN to the listener from a new port: it answers with its SYN,ACK, ack = 2^32−1 + 1 = 0.
      'client 6000>80 seq=4294967295 ack=0 0x0002 win=65535 len=0 mss=1200 ws=7 sack=0402 ts=42',
      expect.stringMatching(/^server 80>6000 seq=5000 ack=0 0x0012 /),
      // The client's own TCP has no such connection: a SYN,ACK gets <SEQ=SEG.ACK><CTL=RST> (§3.10.7.1).
      'client 6000>80 seq=0 ack=0 0x0004 win=0 len=0',
    ]);
  });
});

describe('inject: validate', () => {
  const head = LESSON.slice(0, LESSON.indexOf('  - send:'));
  it('asks whose segment it is, and for seq, at the inject', () => {
    expect(problemsOf(`${head}  - inject: { from: client, flags: S }\n`)).toEqual([
      'l.yaml:12:13: say whose segment this is: a socket, or from, to, srcPort and dstPort',
    ]);
    expect(problemsOf(`${head}  - inject: { from: client, to: server, srcPort: 1, dstPort: 2, flags: S }\n`)).toEqual([
      'l.yaml:12:13: give seq: a number, or { socket, of, offset } to read it off a socket',
    ]);
  });
  it('refuses an ack without the A flag, at the ack', () => {
    expect(problemsOf(`${head}  - inject: { socket: client, flags: R, ack: 5 }\n`)).toEqual([
      'l.yaml:12:46: ack is carried only with the ACK flag: add A to flags, or leave ack out',
    ]);
  });
  it('refuses RCV.NXT of a socket whose peer has not answered', () => {
    expect(problemsOf(`${head.replace('  - listen: { host: server, port: 80 }\n', '')}  - inject: { socket: client, flags: A }\n`)).toEqual([
      "l.yaml:11:13: the socket 'client' has no RCV.NXT yet: its peer's SYN has not arrived",
    ]);
  });
  it('refuses a segment too big for the sender\'s MTU, at its length', () => {
    // 20 (IP) + 20 (TCP) + 4 (MSS option) + 1460 = 1504 > 1500: Ethernet's MTU (RFC 894).
    expect(problemsOf(`${head}  - inject: { socket: client, flags: PA, length: 1460, options: { mss: 1 } }\n`)).toEqual([
      "l.yaml:12:50: this segment makes a 1504-byte IP packet, over client's MTU of 1500; fragmentation is not simulated, so make length smaller",
    ]);
  });
  it('names an unknown socket with the closest one', () => {
    expect(problemsOf(`${head}  - inject: { socket: clinet, flags: R }\n`)).toEqual([
      "l.yaml:12:23: 'clinet' is not a socket in this lesson (did you mean 'client'?); sockets: server, client",
    ]);
  });
});
