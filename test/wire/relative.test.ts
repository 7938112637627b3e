import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowKey, reverseFlow, SeqBases } from '../../source/wire/relative.js';
import { SKIP_TSHARK, tsharkFields } from '../helpers/tshark.js';
import { capture } from '../inspect/builder.js';
import { randomCapture } from '../inspect/random-conversations.js';

const C = flowKey('192.168.1.10', 51000, '10.0.0.80', 80);
const S = reverseFlow(C);

describe('relative numbers, as Wireshark computes them', () => {
  it('counts from each side’s ISN across a handshake', () => {
    const b = SeqBases.from([
      { flow: C, seq: 1000, ack: null, syn: true },
      { flow: S, seq: 5000, ack: 1001, syn: true },
      { flow: C, seq: 1001, ack: 5001, syn: false },
    ]);
    expect(b.relSeq(C, 1000)).toBe(0);
    expect(b.relSeq(S, 5000)).toBe(0);
    expect(b.relAck(S, 1001)).toBe(1);
    expect(b.relSeq(C, 1001)).toBe(1);
    expect(b.relAck(C, 5001)).toBe(1);
  });

  it('wraps around 2^32: an ISN of 2^32 − 1 makes the next number relative 1', () => {
    const isn = 0xffff_ffff;
    const b = SeqBases.from([
      { flow: C, seq: isn, ack: null, syn: true },
      { flow: S, seq: 7, ack: 0, syn: true },
    ]);
    expect(b.relSeq(C, isn)).toBe(0);
    expect(b.relSeq(C, 0)).toBe(1);
    expect(b.relAck(S, 0)).toBe(1);
    // 100 data bytes after the SYN end at 2^32 − 1 + 1 + 100 ≡ 100.
    expect(b.relSeq(C, 100)).toBe(101);
  });

  it('without a SYN, starts the first segment at 1 and learns the other side from ack − 1', () => {
    const b = SeqBases.from([{ flow: C, seq: 4_000_000_000, ack: 123_456, syn: false }]);
    expect(b.relSeq(C, 4_000_000_000)).toBe(1);
    expect(b.relAck(C, 123_456)).toBe(1);
    expect(b.relSeq(S, 123_457)).toBe(2);
  });

  it('keeps the base when the same SYN comes again (a retransmission)', () => {
    const b = SeqBases.from([
      { flow: C, seq: 10, ack: null, syn: true },
      { flow: C, seq: 10, ack: null, syn: true },
    ]);
    expect(b.base(C)).toBe(10);
  });

  it('starts afresh on a SYN with another ISN (ports reused), and lets a SYN-ACK with a new ISN override its base', () => {
    const b = SeqBases.from([
      { flow: C, seq: 10, ack: null, syn: true },
      { flow: S, seq: 70, ack: 11, syn: true },
      { flow: C, seq: 999, ack: null, syn: true },
    ]);
    expect(b.base(C)).toBe(999);
    expect(b.base(S)).toBeNull();
    b.see({ flow: S, seq: 5000, ack: 1000, syn: true });
    b.see({ flow: S, seq: 6000, ack: 1000, syn: true });
    expect(b.relSeq(S, 6000)).toBe(0);
  });

  it('numbers a RST,ACK that refuses a SYN from 1, as Wireshark shows it: that side sent no SYN', () => {
    // The client's SYN (seq 4242) to a closed port; the server answers RST,ACK seq=0 ack=4243
    // (RFC 9293 §3.10.7.1). The server's first segment is not a SYN, so its base is seq − 1.
    const b = SeqBases.from([
      { flow: C, seq: 4242, ack: null, syn: true },
      { flow: S, seq: 0, ack: 4243, syn: false },
    ]);
    expect(b.relSeq(S, 0)).toBe(1);
    expect(b.relAck(S, 4243)).toBe(1);
  });

  it('makes the k-th data segment’s seq 1 + the bytes before it, for any ISN', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.array(fc.integer({ min: 0, max: 1460 }), { maxLength: 20 }),
        (isn, peerIsn, lengths) => {
          const segs = [
            { flow: C, seq: isn, ack: null, syn: true },
            { flow: S, seq: peerIsn, ack: (isn + 1) >>> 0, syn: true },
          ];
          const b = SeqBases.from(segs);
          let sent = 0;
          for (const len of lengths) {
            const abs = (isn + 1 + sent) >>> 0;
            expect(b.relSeq(C, abs)).toBe(1 + sent);
            sent += len;
          }
          expect(b.relAck(S, (isn + 1) >>> 0)).toBe(1);
        },
      ),
    );
  });
});

describe.skipIf(SKIP_TSHARK)('relative numbers, judged by tshark', () => {
  it('match tshark’s tcp.seq and tcp.ack on every segment of 60 random conversations with loss, probes and reused ports', () => {
    const frames: { us: number; data: Uint8Array }[] = [];
    for (let seed = 1; seed <= 60; seed++) for (const f of randomCapture(seed)) frames.push({ us: seed * 100_000_000 + f.us, data: f.data });
    const file = join(mkdtempSync(join(tmpdir(), 'tcp-tutor-relative-')), 'soup.pcap');
    writeFileSync(file, capture(frames));
    const rows = tsharkFields(file, ['frame.number', 'ip.src', 'tcp.srcport', 'ip.dst', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw',
      'tcp.flags.syn', 'tcp.flags.ack', 'tcp.seq', 'tcp.ack'], ['-o', 'tcp.analyze_sequence_numbers:TRUE', '-o', 'tcp.relative_sequence_numbers:TRUE']);
    const b = new SeqBases();
    const wrong: string[] = [];
    let compared = 0;
    for (const r of rows) {
      if (r['tcp.seq_raw'] === '') continue;
      const flow = flowKey(r['ip.src']!, Number(r['tcp.srcport']), r['ip.dst']!, Number(r['tcp.dstport']));
      const acked = r['tcp.flags.ack'] === '1' || r['tcp.flags.ack'] === 'True';
      const seq = Number(r['tcp.seq_raw']);
      const ack = Number(r['tcp.ack_raw']);
      b.see({ flow, seq, ack: acked ? ack : null, syn: r['tcp.flags.syn'] === '1' || r['tcp.flags.syn'] === 'True' });
      compared++;
      if (String(b.relSeq(flow, seq)) !== r['tcp.seq']) wrong.push(`#${r['frame.number']} seq ${b.relSeq(flow, seq)} vs ${r['tcp.seq']}`);
      if (acked && r['tcp.ack'] !== '' && String(b.relAck(flow, ack)) !== r['tcp.ack']) wrong.push(`#${r['frame.number']} ack ${b.relAck(flow, ack)} vs ${r['tcp.ack']}`);
    }
    expect(compared).toBeGreaterThan(500);
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
