// Feedback that teaches: a typical wrong answer of each quiz kind is told why it is wrong,
// with the learner's own number and the numbers of the rule. Each expectation below was
// checked by hand against the lesson's frames at seed 3 (lesson 10 uses ISNs 10 and 20 and
// absolute numbers; lesson 03 sends 3809 bytes as 1460 + 1460 + 889 with MSS 1460).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonFile, loadLessonText } from '../../source/lesson/loader.js';
import { formatProblem } from '../../source/lesson/problems.js';
import { grade, MAX_NUMBER_ANSWER, type Checkpoint, type NumberCheckpoint } from '../../source/quiz/checkpoint.js';
import { say, type Text } from '../../source/i18n/text.js';
import { UI } from '../../source/ui/strings.js';

function compiled(file: string, seed = 3): readonly Checkpoint[] {
  const loaded = loadLessonFile(file.includes('/') ? file : join('lessons', file));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = compileLesson(loaded.loaded, { seed });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.compiled.quizzes;
}

function quiz(file: string, id: string): Checkpoint {
  const q = compiled(file).find((c) => c.id === id);
  if (!q) throw new Error(`${file}: no quiz ${id}`);
  return q;
}

/** Why `given` is wrong, as the player shows it before the rule; fails the test if the answer is right or unexplained. */
function why(file: string, id: string, given: string): Text {
  const v = grade(quiz(file, id), given);
  if (!v.graded) throw new Error(`${id}: ${given} was not graded`);
  expect(v.correct, `${id}: ${given}`).toBe(false);
  expect(v.wrongExplain, `${id}: ${given} has no word of its own`).not.toBeNull();
  return v.wrongExplain!;
}

describe('a FIN counted before its own number', () => {
  it('seq of a FIN answered one above: the FIN itself is the first number, the one after is the next segment’s', () => {
    const fin = quiz('10-seq-ack.yaml', 'fin-seq') as NumberCheckpoint;
    const given = String(fin.expected + 1);
    const w = why('10-seq-ack.yaml', 'fin-seq', given);
    expect(w.en).toBe(`${given} is the number after this segment's FIN. A segment's seq is the number of its first byte, and here that is the FIN itself, at ${fin.expected}; ${given} is where the client's next segment would start.`);
    expect(w.ko).toContain(`FIN 자신이 그 첫 번호 ${fin.expected}`);
    expect(w.en).not.toContain('adds one too many');
  });
});

describe('a typical wrong answer, kind by kind', () => {
  it('ack: the segment\'s own seq, the peer\'s seq without its length, one too many', () => {
    // The server acks the client's 100 bytes at seq 11: 11 + 100 = 111; the server's own seq is 21.
    const own = why('10-seq-ack.yaml', 'data1-acked', '21');
    expect(own.en).toBe("21 is this segment's own seq, which counts the server's bytes. The ack counts the other way: the bytes the server has received from the client.");
    expect(own.ko).toBe('21은 이 세그먼트 자신의 seq로, 서버가 보낸 바이트를 셉니다. ACK 번호는 반대로 서버가 클라이언트에게서 받은 바이트를 셉니다.');
    const start = why('10-seq-ack.yaml', 'data2-ack', '11');
    expect(start.en).toContain('11 + 100 bytes = 111');
    expect(start.ko).toContain('11 + 100바이트 = 111');
    expect(why('10-seq-ack.yaml', 'data1-acked', '112').en).toMatch(/^112 adds one too many: only a SYN or a FIN .* 111\.$/);
    // The SYN's one number, left out: the client's ISN 20 + 1 for the SYN = 21.
    expect(why('10-seq-ack.yaml', 'data1-ack', '20').en).toContain('20 + 1 for the SYN = 21');
    // Relative where absolute is asked: 111 − ISN 10 = 101.
    expect(why('10-seq-ack.yaml', 'data1-acked', '101').en).toContain('relative number');
  });

  it('ack past a gap: it cannot skip the missing byte', () => {
    // Lesson 12 drops bytes 1001–2000; the last of five segments starts at 4001 and ends at 5001.
    const gap = why('12-loss.yaml', 'dup3-ack', '5001');
    expect(gap.en).toContain('byte 1001 is still missing');
    expect(gap.ko).toContain('1001번 바이트가 아직 빠져 있습니다');
  });

  it('seq: the previous segment\'s seq without its length, and the ack swapped in', () => {
    // The client's second segment starts at 1461 and carries 1460 bytes: the third starts at 2921.
    const prev = why('03-segmentation.yaml', 'third-seq', '1461');
    expect(prev.en).toBe("1461 is the seq of the client's previous segment. That one used 1460 bytes, so this one starts after them: 1461 + 1460 bytes = 2921.");
    expect(prev.ko).toBe('1461은 클라이언트의 직전 세그먼트의 seq입니다. 그 세그먼트가 1460바이트를 썼으므로 이번 것은 그 뒤에서 시작합니다: 1461 + 1460바이트 = 2921.');
    // The client's data segment carries ack 21 (the server's ISN 20 + 1).
    expect(why('10-seq-ack.yaml', 'data1-seq', '21').en).toMatch(/^21 is the ack this segment carries/);
  });

  it('a RST answering a segment with an ACK: its seq, what an ACK would carry, one below, a fresh number', () => {
    // Lesson 19: the client's 50 bytes at relative seq 101:151 carry ack 201. The server has
    // lost the connection and answers <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.1): seq 201.
    const seg = why('19-half-open.yaml', 'server-rst-seq', '101');
    expect(seg.en).toBe("101 is the seq of the client's segment, a count of the client's own bytes. A RST that answers a segment carrying an ACK copies that segment's ACK field into its seq (<SEQ=SEG.ACK>): 201.");
    expect(seg.ko).toBe('101은 클라이언트의 세그먼트에 실린 seq로, 클라이언트가 보낸 바이트를 셉니다. ACK가 있는 세그먼트에 답하는 RST는 그 세그먼트의 ACK 번호를 자기 seq로 옮겨 씁니다(<SEQ=SEG.ACK>): 201.');
    const end = why('19-half-open.yaml', 'server-rst-seq', '151');
    expect(end.en).toMatch(/^151 = 101 \+ 50 bytes is what an ACK of the client's segment would carry\. A RST acknowledges nothing: .* 201\.$/);
    expect(end.ko).toMatch(/^151은 101 \+ 50바이트, 곧 클라이언트의 세그먼트를 확인하는 ACK에 실릴 번호입니다\./);
    const last = why('19-half-open.yaml', 'server-rst-seq', '200');
    expect(last.en).toMatch(/^200 is the last byte the client has received from the server\. The seq must be the next one, 201,/);
    expect(last.ko).toMatch(/^200은 클라이언트가 서버에게서 마지막으로 받은 바이트입니다\. RST의 seq는 그다음 번호인 201,/);
    for (const fresh of ['0', '1']) {
      const f = why('19-half-open.yaml', 'server-rst-seq', fresh);
      expect(f.en).toMatch(new RegExp(`^${fresh} starts a numbering afresh, .* the ACK field of the client's segment, 201,`));
      expect(f.ko).toMatch(new RegExp(`^${fresh}은 새 연결처럼 번호를 처음부터 시작한 값입니다\\. .*ACK 번호 201을 그대로 옮겨 쓰고`));
    }
  });

  it('a RST answering a segment with an ACK, as the tutor explains it with no words from the author', () => {
    const q = quiz('test/lesson/fixtures/half-open-seq.yaml', 'rst-seq');
    expect(q.expected).toBe(201);
    expect(q.explanation.en).toBe("seq = 201: the segment this RST answers (seq 101:151) found no connection, so the sender has no number of its own. It copies that segment's ACK field, 201, the number its sender expects next (RFC 9293 §3.10.7.1: <SEQ=SEG.ACK><CTL=RST>).");
    expect(q.explanation.ko).toContain('이 RST가 답하는 세그먼트(seq 101:151)는 연결을 찾지 못했으므로');
    expect(why('test/lesson/fixtures/half-open-seq.yaml', 'rst-seq', '151').en).toContain('151 = 101 + 50 bytes');
  });

  it('a RST+ACK answering a SYN: seq 0, the SYN acknowledged (<SEQ=0><ACK=SEG.SEQ+SEG.LEN>)', () => {
    // The client's SYN to port 81 is relative seq 0 and takes one number: ack 0 + 1 = 1. The
    // RST's seq is 0 on the wire, which Wireshark shows as relative 1: the server's direction
    // starts without a SYN, so its base is seq − 1.
    const file = 'test/lesson/fixtures/rst-refused-seq.yaml';
    const seqQuiz = quiz(file, 'refused-seq');
    expect(seqQuiz.expected).toBe(1);
    expect(seqQuiz.explanation.en).toBe('seq = 1: the segment this RST answers (seq 0) found no connection and carried no ACK, so there is no number to copy: the seq is 0 on the wire, shown as 1 because relative numbering counts a direction whose first segment is no SYN from one below its seq, and the RST acknowledges the segment instead (RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).');
    expect(seqQuiz.explanation.ko).toContain('그래서 seq는 0(상대 번호로는 1: 첫 세그먼트가 SYN이 아닌 방향은 그 seq보다 하나 작은 번호부터 셉니다)이고,');
    const syn = why(file, 'refused-seq', '0');
    expect(syn.en).toBe("0 is the seq of the client's segment, in the client's numbering. That segment carried no ACK, so the RST has nothing to copy: its seq is 0 on the wire (relative 1), and 0 + 1 for the SYN = 1 goes into its ACK field (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).");
    expect(syn.ko).toBe('0은 클라이언트의 세그먼트에 실린 seq로, 클라이언트의 번호입니다. 그 세그먼트에는 ACK가 없었으므로 RST가 옮겨 쓸 번호가 없습니다. 그래서 seq는 0(상대 번호로는 1)이고, 0 + SYN 1 = 1은 ACK 번호에 들어갑니다(<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>).');
    // The ack in absolute numbers is the client's ISN + 1; the RST's own seq there is 0.
    const abs = quiz(file, 'refused-ack-absolute');
    const own = why(file, 'refused-ack-absolute', '0');
    expect(own.en).toBe(`0 is this RST's seq, 0 because the client's segment carried no ACK to copy. The ACK field answers the client's segment: its seq plus its length, ${abs.expected}.`);
    expect(own.ko).toBe(`0은 이 RST의 seq로, 클라이언트의 세그먼트에 옮겨 쓸 ACK가 없어 0입니다. ACK 번호는 클라이언트의 세그먼트에 답하는 번호로, 그 seq에 길이를 더한 ${abs.expected}입니다.`);
  });

  it('next-seq: where the segment starts, its last byte', () => {
    // The client's 64 bytes at 111 end with byte 174; the next number is 175.
    expect(why('10-seq-ack.yaml', 'data3-next', '111').en).toContain('111 + 64 bytes = 175');
    const last = why('10-seq-ack.yaml', 'data3-next', '174');
    expect(last.en).toBe('174 is the last byte of this segment. The next sequence number is the one after it: 175.');
    expect(last.ko).toBe('174는 이 세그먼트의 마지막 바이트입니다. 다음 시퀀스 번호는 그다음인 175입니다.');
  });

  it('state: the state before, the one after, the peer\'s, and what another would mean', () => {
    // A prediction ("which state will the client be in after the [S.] arrives?") is asked
    // before the SYN-ACK has arrived: SYN_SENT is the state the client is in as it is asked.
    const before = why('09-handshake.yaml', 'client-established', 'SYN_SENT');
    expect(before.en).toBe('SYN_SENT is the state the client is in now, before the [S.] segment arrives. When it arrives, the client leaves it for ESTABLISHED (received SYN-ACK acking our SYN: send ACK; RFC 9293 §3.10.7.3).');
    expect(before.ko).toMatch(/^SYN_SENT는 \[S\.\] 세그먼트가 도착하기 전, 지금 클라이언트의 상태입니다\. \[S\.\] 세그먼트가 도착하면 클라이언트는 ESTABLISHED로 넘어갑니다\(/);
    expect(quiz('09-handshake.yaml', 'client-established').explanation.en).toMatch(/^The client will be in ESTABLISHED \(/);
    // Predicting what sending does: the client is CLOSED until connect() sends its SYN.
    const sends = why('09-handshake.yaml', 'client-synsent', 'CLOSED');
    expect(sends.en).toMatch(/^CLOSED is the state the client is in now, before it sends the \[S\] segment; the client leaves it for SYN_SENT as it sends \(/);
    expect(sends.ko).toMatch(/^CLOSED는 \[S\] 세그먼트를 보내기 전, 지금 클라이언트의 상태입니다\. 클라이언트는 이 세그먼트를 보내면서 SYN_SENT로 넘어갑니다\(/);
    expect(why('09-handshake.yaml', 'client-synsent', 'ESTABLISHED').en).toMatch(/^ESTABLISHED comes later, not yet: the client reaches it only at a later step \(received SYN-ACK/);
    expect(why('09-handshake.yaml', 'client-established', 'SYN_RECEIVED').en).toBe("SYN_RECEIVED is the server's state at this moment, not the client's: the two ends of one connection go through different states.");
    const other = why('09-handshake.yaml', 'client-established', 'CLOSE_WAIT');
    expect(other.en).toBe("CLOSE_WAIT would mean the peer's FIN received, waiting for its own application to close; the client will be in ESTABLISHED: the handshake done, with data free to flow both ways.");
    expect(other.ko).toBe('CLOSE_WAIT는 상대의 FIN을 받았고 자기 응용 프로그램이 닫기를 기다리는 상태입니다. 클라이언트는 ESTABLISHED, 곧 핸드셰이크를 마치고 양쪽으로 데이터를 주고받을 수 있는 상태가 됩니다.');
  });

  it('state, lesson 13: TIME_WAIT is not said to have both FINs acknowledged', () => {
    // When the client enters TIME_WAIT its ACK of the server's FIN has only just left: the
    // server has not seen it (RFC 9293 §3.10.7.4). What is true: its own FIN was
    // acknowledged, and it has acknowledged the server's.
    const w = why('13-close.yaml', 'client-timewait', 'LISTEN');
    expect(w.en).toContain("the client will be in TIME_WAIT: its own FIN acknowledged and the peer's FIN answered with an ACK, waiting 2×MSL in case that ACK is lost.");
    expect(w.ko).toContain('클라이언트는 TIME_WAIT, 곧 자기 FIN은 확인되었고 상대의 FIN에는 ACK를 보냈으며, 그 ACK가 사라질 때를 대비해 2×MSL 동안 기다리는 상태가 됩니다.');
    expect(`${w.en} ${w.ko}`).not.toMatch(/both FINs|양쪽 FIN이 모두/);
  });

  it('state, lesson 13: the author\'s word on FIN_WAIT_2 names the state the client is in at that moment', () => {
    // The ladder's fact: when the client's FIN reaches the server, the client has sent it and
    // heard nothing back, so it is in FIN_WAIT_1 (RFC 9293 §3.10.4); FIN_WAIT_2 comes with
    // the server's ACK (§3.10.7.4).
    const loaded = loadLessonFile(join('lessons', '13-close.yaml'));
    if (!loaded.ok) throw new Error('13-close.yaml');
    const r = compileLesson(loaded.loaded, { seed: 3 });
    if (!r.ok) throw new Error('13-close.yaml');
    const q = r.compiled.quizzes.find((c) => c.id === 'server-closewait')!;
    const client = r.compiled.trace.steps.slice(0, q.atStep + 1).filter((s) => s.kind === 'tcp-state' && s.host === 'client').at(-1);
    expect(client).toMatchObject({ to: 'FIN_WAIT_1' });
    const w = why('13-close.yaml', 'server-closewait', 'FIN_WAIT_2');
    expect(w.en).toContain('it is in FIN_WAIT_1 now and reaches FIN_WAIT_2 when the server\'s ACK of its FIN arrives');
    expect(w.ko).toContain('클라이언트는 지금 FIN_WAIT_1 상태이고');
    expect(w.en).not.toContain("the client's side of this moment");
  });

  it('state, lesson 19: the prediction before the RST arrives, and a state left long ago', () => {
    // "Which state will the client be in after the server's [R] segment arrives?" is asked
    // while the client is still ESTABLISHED; the RST takes it to CLOSED (RFC 9293 §3.10.7.4).
    const now = why('19-half-open.yaml', 'client-closed', 'ESTABLISHED');
    expect(now.en).toBe('ESTABLISHED is the state the client is in now, before the [R] segment arrives. When it arrives, the client leaves it for CLOSED (received RST: connection reset by the peer; RFC 9293 §3.10.7.4).');
    expect(now.ko).toBe('ESTABLISHED는 [R] 세그먼트가 도착하기 전, 지금 클라이언트의 상태입니다. [R] 세그먼트가 도착하면 클라이언트는 CLOSED로 넘어갑니다(RST를 받았습니다. 상대가 연결을 끊었습니다; RFC 9293 §3.10.7.4).');
    expect(now.en).not.toMatch(/right here|left it/);
    // Asked about now, long after the handshake: SYN_SENT was left at the handshake, not here.
    const earlier = why('19-half-open.yaml', 'client-believes', 'SYN_SENT');
    expect(earlier.en).toMatch(/^SYN_SENT is the state before: the client left it for ESTABLISHED earlier \(received SYN-ACK/);
    expect(earlier.ko).toMatch(/^SYN_SENT는 그 전 상태입니다\. 클라이언트는 앞서 ESTABLISHED로 넘어갔고\(/);
    expect(earlier.en).not.toContain('right here');
  });

  it('flags: what the chosen flags would mean, against what the segment does', () => {
    const ack = why('09-handshake.yaml', 'synack-flags', '.');
    expect(ack.en).toBe('[.] ACK would only acknowledge, with no data and no SYN, FIN or RST.');
    // The rule after it says what SYN+ACK is for.
    expect(quiz('09-handshake.yaml', 'synack-flags').explanation.en).toBe('The server sends [S.] (SYN+ACK), to answer a SYN: only a host that has just received a SYN sends SYN+ACK.');
    expect(ack.ko).toMatch(/^\[\.\] ACK는 확인 응답만 하는 것입니다\./);
    // The client's data segment carries 64 bytes (lesson 10).
    expect(why('10-seq-ack.yaml', 'data3-flags', 'F.').en).toBe('[F.] FIN+ACK would close: the sender has no more data to send (FIN). This segment carries 64 bytes of data.');
  });

  it('layer: which headers the chosen layer writes', () => {
    const l = why('01-layers.yaml', 'ipdst-layer', 'transport');
    expect(l.en).toBe('The Transport layer writes only its own headers (TCP, UDP); Destination Address sits in the IPv4 header.');
    expect(l.ko).toBe('전송 계층은 자기 헤더(TCP, UDP)만 씁니다. 목적지 IP 주소(Destination Address)는 IPv4 헤더에 있습니다.');
  });

  it('changes: the router\'s own numbers', () => {
    // Where the frames show it; the reason is the explanation's, said once.
    const ttl = why('07-routing.yaml', 'r1-ttl', 'no');
    expect(ttl.en).toBe('It changes: r1 received 64 and sent 63.');
    expect(ttl.ko).toBe('바뀝니다. 라우터 1이 받은 값은 64, 내보낸 값은 63입니다.');
    expect(quiz('07-routing.yaml', 'r1-ttl').explanation.en).toBe('Yes: the IPv4 Time to Live (ip.ttl) field goes from 64 to 63, because every router lowers the TTL by 1, so that a packet caught in a loop dies.');
  });

  it('the FCS is the Ethernet trailer, and a router writes a new one (IEEE 802.3 §3.1.1)', () => {
    // Lesson 02 asks which layer adds the FCS: the Link layer, after the payload, not in a header.
    const app = why('02-encapsulation.yaml', 'fcs-layer', 'application');
    expect(app.en).toBe('The Application layer writes only its own headers (HTTP, DNS); FCS sits in the Ethernet trailer.');
    expect(app.ko).toBe('응용 계층은 자기 헤더(HTTP, DNS)만 씁니다. FCS는 이더넷 트레일러에 있습니다.');
    const rule = quiz('02-encapsulation.yaml', 'fcs-layer').explanation;
    expect(rule.en).toMatch(/^FCS is the Ethernet trailer, which the Link \(network interface\) layer writes after the payload/);
    expect(rule.en).not.toContain('Ethernet header');
    expect(rule.ko).toContain('페이로드 뒤에 붙이는 이더넷 트레일러');
    expect(rule.ko).not.toContain('Ethernet 헤더');
    // Why a router leaves the TCP header alone: it forwards the IP packet (RFC 1812), and only the
    // ends speak TCP. Only that field's reason: the lesson asks about the IP destination next.
    const seq = quiz('07-routing.yaml', 'r2-seq');
    expect(seq.explanation.en).toBe('No: the TCP Sequence Number (tcp.seq) field stays the same, because a router forwards the IP packet without opening the TCP header inside it, which only the two ends write and read.');
    expect(seq.explanation.ko).toContain('라우터는 IP 패킷을 전달할 뿐 그 안의 TCP 헤더는 열어 보지 않습니다');
    expect(seq.explanation.en).not.toMatch(/TTL|checksum|IP address/);
    expect(why('07-routing.yaml', 'r2-seq', 'yes').en).toBe('It stays: r2 received and sent the same value.');
    expect(why('07-routing.yaml', 'r1-ethsrc', 'no').en).toBe('It changes: r1 received 02:00:00:00:01:0a and sent 02:00:00:00:00:01.');
    // A changes quiz on the FCS itself: lesson 07 with r1's quiz on eth.src asked of eth.fcs.
    const yaml = readFileSync(join('lessons', '07-routing.yaml'), 'utf8').replace('      field: eth.src\n', '      field: eth.fcs\n');
    const loaded = loadLessonText(yaml, '07-fcs.yaml');
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    const r = compileLesson(loaded.loaded, { seed: 3 });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const fcs = r.compiled.quizzes.find((q) => q.id === 'r1-ethsrc')!;
    expect(fcs.expected).toBe('yes');
    expect(fcs.explanation.en).toMatch(/^Yes: the Ethernet FCS \(eth\.fcs\) field goes from 0x[0-9a-f]{8} to 0x[0-9a-f]{8}, because the FCS, the Ethernet trailer, is a CRC-32 over the whole frame, and the router has just written a new frame, so it computes the FCS again\.$/);
    expect(fcs.explanation.ko).toContain('이더넷 트레일러인 FCS는 프레임 전체에 대한 CRC-32인데');
  });

  it('receiver: where the seq stands against the next byte expected, or the check that failed', () => {
    const early = why('12-loss.yaml', 'gap-receiver', 'accept');
    expect(early.en).toBe('A receiver accepts in order only a segment that starts at the next byte it expects, 1001; this one starts at 2001.');
    // Lesson 19: the server forgot the connection; the port check has no 'expected' value to quote.
    const forgot = why('19-half-open.yaml', 'server-receiver', 'accept');
    // The server still listens on 7000 (the lesson's `listen`): what is gone is the connection.
    expect(forgot.en).toMatch(/^It never gets that far: no connection on port 7000 matches the segment, and no listening socket takes it,/);
    expect(forgot.ko).toContain('포트 7000에는 이 세그먼트가 속한 연결이 없고');
    expect(forgot.ko).not.toMatch(/port|기대한 값 -/);
    expect(why('04-decapsulation.yaml', 'corrupt-fate', 'accept').en).toMatch(/^It never gets that far: the FCS is checked first and fails \(expected 0x[0-9a-f]{8}, got 0x[0-9a-f]{8}\)/);
  });

  it('window: the rule with the sender\'s own numbers, and the window it advertised before', () => {
    // Lesson 11: the server's 4000-byte buffer holds the client's first 1000 bytes, unread.
    const q = quiz('11-window.yaml', 'ack1-window');
    expect(q.explanation.en).toBe('window = 3000: the room the server has left in its receive buffer, which it advertises to its peer; 1000 bytes it received and its application has not read yet still take room.');
    expect(q.explanation.ko).toContain('서버의 수신 버퍼에 남은 공간으로');
    // Lesson 23 (profile: linux): the buffer has 77272 bytes free (k1's fitted default), the SYN
    // offers 65535 rounded down to whole 1460-byte segments: 44 × 1460 = 64240, as the real capture shows.
    const syn = quiz('23-linux-capture.yaml', 'syn-window');
    expect(syn.explanation.en).toBe('window = 64240: the client has 77272 bytes free in its receive buffer, but its SYN offers a whole number of full segments, 44 × 1460 = 64240, as Linux does (tcp_select_initial_window), and grows the window as data arrives.');
    expect(syn.explanation.ko).toContain('44 × 1460 = 64240');
    expect(why('11-window.yaml', 'update-window', '0').en).toBe('0 is the window the server advertised in its previous segment. The window follows the room left in its receive buffer, which has changed since: 4000.');
  });

  it('length and ports: headers counted in, the MSS, the other end\'s port', () => {
    expect(why('03-segmentation.yaml', 'third-length', '909').en).toContain('909 − 20 = 889');
    expect(why('03-segmentation.yaml', 'third-length', '929').en).toContain('929 − 40 = 889');
    expect(why('03-segmentation.yaml', 'third-length', '1460').en).toMatch(/^1460 is the MSS/);
    expect(why('05-dns.yaml', 'answer-srcport', '59761').en).toBe("59761 is the destination port, the receiver's. The source port is the sender's own: 53.");
  });

  it('field: the other end\'s address, a broadcast for a known receiver', () => {
    expect(why('02-encapsulation.yaml', 'ip-src', '192.168.1.80').en).toBe('192.168.1.80 is the Destination Address, the other end. The Source Address is 192.168.1.10.');
    expect(why('07-routing.yaml', 'syn-ethdst', 'ff:ff:ff:ff:ff:ff').en).toContain('This frame has one receiver, whose MAC is known: 02:00:00:00:01:01.');
  });

  it('cwnd and FlightSize: the number before, a doubling on one ACK, this segment alone', () => {
    expect(why('22-congestion.yaml', 'first-ack-cwnd', '4000').en).toBe('4000 is cwnd as it was before this ACK arrived. The ACK moves it, to 5000.');
    expect(why('22-congestion.yaml', 'round2-in-flight', '1000').en).toContain('7000 + 1000 = 8000');
  });

  it('order: the first pair of frames put the other way round, and what ties them', () => {
    const q = quiz('13-close.yaml', 'page-and-close-order');
    if (q.kind !== 'order') throw new Error('not an order quiz');
    const reversed = [...q.expected.split(' ')].reverse().join(' ');
    const v = grade(q, reversed);
    expect(v.graded && !v.correct && v.wrongExplain?.en).toMatch(/^You put frame \d before frame \d, but frame \d goes first\./);
    expect(v.graded && v.wrongExplain?.ko).toMatch(/^프레임 \d[을를] 프레임 \d보다 앞에 놓았지만 프레임 \d[이가] 먼저입니다\./);
  });

  it('hints fit the moment: a state quiz asked before anything arrives does not send the learner to an arrived segment', () => {
    const listen = quiz('09-handshake.yaml', 'server-listen');
    expect(listen.hint.en).not.toContain('just arrived');
    const sending = quiz('09-handshake.yaml', 'client-synsent');
    expect(sending.hint.en).toBe('What makes the client send this [S] segment? Follow that event in the RFC 9293 state diagram.');
    expect(quiz('09-handshake.yaml', 'server-synrcvd').hint.en).toContain('[S] segment that just arrived');
    // A number asked before its frame is built: nothing is "already filled in" yet.
    expect(quiz('01-layers.yaml', 'get-dstport').hint.en).not.toContain('already filled in');
  });
});

/** The numbers a text states. */
const numbers = (s: string) => new Set([...s.matchAll(/\d+/g)].map((m) => m[0]));

describe('any wrong number', () => {
  const quizzes = builtinLessonFiles().flatMap((f) => compiled(f, 7).filter((q): q is NumberCheckpoint => q.kind === 'number').map((q) => ({ file: f, q })));

  it('is told the right answer and the rule\'s numbers, and is never called right', () => {
    expect(quizzes.length).toBeGreaterThan(40);
    fc.assert(fc.property(
      fc.constantFrom(...quizzes),
      fc.oneof(fc.integer({ min: 0, max: MAX_NUMBER_ANSWER }), fc.integer({ min: -3, max: 3 })),
      ({ q }, pick) => {
        // Half the time a number near the answer (the off-by-ones learners make), else any.
        const given = Math.abs(pick) <= 3 ? q.expected + pick : pick;
        fc.pre(given >= 0 && given <= MAX_NUMBER_ANSWER && given !== q.expected);
        const v = grade(q, String(given));
        expect(v.graded && !v.correct).toBe(true);
        if (!v.graded) return;
        for (const lang of ['en', 'ko'] as const) {
          // What the quiz box shows: the verdict, the word on this answer, the rule.
          const rule = q.explanation[lang];
          const verdict = say(UI.wrongTyped, lang, { given, answer: q.expected });
          const said = `${verdict} ${v.wrongExplain?.[lang] ?? ''} ${rule}`;
          expect(numbers(verdict).has(String(q.expected)) && numbers(verdict).has(String(given))).toBe(true);
          // A generated rule ends at the answer; no sum anywhere comes out at the learner's number.
          if (/^(seq|ack|next-seq|cwnd|ssthresh|inFlight|length|window|ttl|src-port|dst-port)$/.test(q.ask ?? '') && !q.explanation.en.startsWith('The ')) {
            expect(numbers(rule).has(String(q.expected)), `${q.id}: ${rule}`).toBe(true);
          }
          expect([...said.matchAll(/= (\d+)/g)].map((m) => Number(m[1]))).not.toContain(given);
        }
        // A word on this answer is a word on this very answer.
        if (v.wrongExplain) {
          const entry = q.wrong?.find((w) => w.explain === v.wrongExplain);
          expect(Number(entry?.answer)).toBe(given);
        }
      },
    ), { numRuns: 300 });
  });

  it('every wrong choice of a state, flags, layer, changes or receiver quiz gets a word of its own', () => {
    const choices = builtinLessonFiles().flatMap((f) => compiled(f, 7))
      .filter((q) => q.kind === 'choice' && /^(state|flags|layer|changes|receiver)$/.test(q.ask ?? ''));
    expect(choices.length).toBeGreaterThan(50);
    for (const q of choices) {
      if (q.kind !== 'choice') continue;
      for (const o of q.options) {
        if (o.value === q.expected) continue;
        const v = grade(q, o.value);
        expect(v.graded && !v.correct && v.wrongExplain !== null, `${q.id}: ${o.value}`).toBe(true);
      }
    }
  });

  it('no quiz keeps a word on a wrong answer that is in fact right', () => {
    for (const { q } of quizzes) for (const w of q.wrong ?? []) expect(Number(w.answer), q.id).not.toBe(q.expected);
  });
});
