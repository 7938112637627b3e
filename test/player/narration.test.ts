import { describe, expect, it } from 'vitest';
import type { Text } from '../../source/i18n/text.js';
import { createPlayer, update } from '../../source/player/model.js';
import { selectNarration } from '../../source/player/screen.js';
import type { Step, Trace } from '../../source/sim/trace.js';
import { sim } from '../sim/helpers.js';

/** What the player says at each step of `trace` that `pick` chooses. */
function narrationAt(trace: Trace, pick: (s: Step) => boolean): Text[] {
  let m = createPlayer(trace, {}, { detail: 'step' });
  const out: Text[] = [];
  trace.steps.forEach((s, i) => {
    if (!pick(s)) return;
    m = update(m, { type: 'goto', step: i });
    out.push(selectNarration(m));
  });
  return out;
}

function closedPortTrace(): Trace {
  const net = sim('direct');
  net.connect('client', '192.168.1.80', 81);
  net.settle();
  return net.trace();
}

describe('typed causes and reasons reach the narration in each language', () => {
  it('a SYN to a closed port: the drop, the RST and the state change are worded in English and Korean', () => {
    const t = closedPortTrace();
    const [drop] = narrationAt(t, (s) => s.kind === 'drop' && s.node === 'server');
    expect(drop!.en).toContain('at the Transport layer: no socket listens on port 81');
    expect(drop!.ko).toContain('포트 81에서 기다리는 소켓이 없습니다');

    const [reset] = narrationAt(t, (s) => s.kind === 'tcp-reset' && s.host === 'server');
    expect(reset).toEqual({
      en: 'server: RST. Connection refused: nothing listens on port 81.',
      ko: '서버: RST. 연결을 거부합니다. 포트 81에서 기다리는 소켓이 없습니다.',
    });

    const refused = narrationAt(t, (s) => s.kind === 'tcp-state' && s.host === 'client' && s.to === 'CLOSED');
    // RFC 9293 §3.10.7.3: in SYN-SENT, a RST whose ACK acknowledges our SYN means "connection reset".
    expect(refused[0]!.en).toBe('client: SYN_SENT → CLOSED (received RST acking our SYN: connection refused; RFC 9293 §3.10.7.3).');
    expect(refused[0]!.ko).toBe('클라이언트는 SYN_SENT에서 CLOSED로 넘어갑니다(자기가 보낸 SYN을 확인하는 RST를 받았습니다. 연결이 거부되었습니다; RFC 9293 §3.10.7.3).');
  });

  it('the port check names the port and who holds it, in words of the language shown', () => {
    const net = sim('direct');
    net.serveHttp('server', 80, 100);
    net.httpGet('client', 'http://192.168.1.80/');
    net.settle();
    const t = net.trace();
    const [first] = narrationAt(t, (s) => s.kind === 'decap-check' && s.check === 'port' && s.node === 'server');
    expect(first!.en).toContain('port 80 → the listening socket (LISTEN) ✓');
    expect(first!.ko).toContain('포트 80 → 연결을 기다리는 소켓(LISTEN) ✓');

    const closed = narrationAt(closedPortTrace(), (s) => s.kind === 'decap-check' && s.check === 'port');
    expect(closed[0]!.en).toContain('port 81: no socket listens ✗');
    expect(closed[0]!.ko).toContain('포트 81: 기다리는 소켓 없음 ✗');
  });

  it('no Korean narration of a state change, reset or drop carries an English sentence', () => {
    const net = sim('direct');
    net.serveHttp('server', 80, 3000);
    net.httpGet('client', 'http://192.168.1.80/');
    net.settle();
    const texts = [
      ...narrationAt(net.trace(), (s) => s.kind === 'tcp-state' || s.kind === 'tcp-reset' || s.kind === 'drop'),
      ...narrationAt(closedPortTrace(), (s) => s.kind === 'tcp-state' || s.kind === 'tcp-reset' || s.kind === 'drop'),
    ];
    expect(texts.length).toBeGreaterThan(8);
    // Three lowercase English words in a row is an English sentence, not a name or a state.
    for (const t of texts) expect(t.ko, t.en).not.toMatch(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/);
    // Every parameter a cause or reason names is filled in.
    for (const t of texts) expect(`${t.en} ${t.ko}`).not.toMatch(/\{\w+\}/);
  });
});

describe('a segment that is not a SYN and finds no connection is not "refused"', () => {
  // Lesson 19 (half-open): the server still listens on port 7000 but has forgotten the
  // connection; the client's next data segment (ACK set) finds no TCB. RFC 9293 §3.10.7.1
  // answers it with a RST; "connection refused" is what a SYN to a closed port gets.
  it('says no connection matches, and that the port has a listener', async () => {
    const { recordedTrace } = await import('../helpers/traces.js');
    const t = recordedTrace('half-open');
    const [reset] = narrationAt(t, (s) => s.kind === 'tcp-reset' && s.host === 'server' && s.socket === null);
    expect(reset).toEqual({
      en: 'server: RST. No connection on port 7000 matches this segment, so it is answered with RST (RFC 9293 §3.10.7.1).',
      ko: '서버: RST. 포트 7000에 이 세그먼트가 속한 연결이 없으므로 RST로 답합니다(RFC 9293 §3.10.7.1).',
    });
    const [drop] = narrationAt(t, (s) => s.kind === 'drop' && s.node === 'server' && s.layer === 'transport');
    expect(drop!.en).toContain('at the Transport layer: no connection on port 7000 matches this segment (RFC 9293 §3.10.7.1).');
    const [port] = narrationAt(t, (s) => s.kind === 'decap-check' && s.check === 'port' && !s.ok);
    expect(port!.en).toContain('port 7000: a socket listens, but no connection matches ✗');
    for (const x of [reset!, drop!, port!]) expect(`${x.en} ${x.ko}`).not.toMatch(/refused|nothing listens|거부/);
  });
});

describe('plain data has no header', () => {
  // Lesson 19 sends 100 raw bytes to port 7000, which no protocol owns: nothing in them is a
  // header, so the application hands them down as they are.
  it('the application layer hands its data down, and no sentence says "data header"', async () => {
    const { recordedTrace } = await import('../helpers/traces.js');
    const t = recordedTrace('half-open');
    const [begin] = narrationAt(t, (s) => s.kind === 'encap-begin' && s.protocol === 'data');
    expect(begin).toEqual({
      en: 'Encapsulation at client starts with the application’s data: plain bytes, with no header of their own.',
      ko: '클라이언트에서 캡슐화는 애플리케이션의 데이터에서 시작합니다. 이 데이터에는 따로 헤더가 없습니다.',
    });
    const all = narrationAt(t, (s) => s.kind === 'encap-begin' || s.kind === 'encap-end');
    for (const x of all) expect(`${x.en} ${x.ko}`).not.toMatch(/data header|데이터 헤더/);
  });
});

describe('HTTP is named only where an HTTP message starts', () => {
  // Lesson 13's server sends "bye" (3 bytes) from port 80; lesson 08's client writes
  // "GET / HTTP/1.1" to port 80. RFC 9112 §3: an HTTP request starts with a request line;
  // "bye" is no such line, so it is data.
  it('"bye" on port 80 is data; a request line is HTTP', async () => {
    const { recordedTrace } = await import('../helpers/traces.js');
    const close = recordedTrace('close');
    const bye = close.steps.find((s) => s.kind === 'encap-end' && s.layer === 'application' && s.host === 'server' && s.length === 3);
    expect(bye).toMatchObject({ protocol: 'data' });
    const [ready] = narrationAt(close, (s) => s === bye);
    expect(ready).toEqual({
      en: 'The application’s data (3 bytes) is ready and goes down to TCP in the Transport layer.',
      ko: '애플리케이션의 데이터가 준비되었습니다. 3바이트가 전송 계층의 TCP로 내려갑니다.',
    });
    const header = recordedTrace('tcp-header');
    expect(header.steps.find((s) => s.kind === 'encap-begin' && s.layer === 'application')).toMatchObject({ protocol: 'http' });
  });

  it('the rule itself, on bytes', async () => {
    const { appProtocolOfSegment } = await import('../../source/wire/protocols.js');
    const b = (t: string) => new TextEncoder().encode(t);
    expect(appProtocolOfSegment(52986, 80, b('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe('http');
    expect(appProtocolOfSegment(80, 52986, b('HTTP/1.1 200 OK\r\n'))).toBe('http');
    expect(appProtocolOfSegment(80, 52986, b('bye'))).toBe('data');
    expect(appProtocolOfSegment(80, 52986, b('abcdefghijklmnopqrstuvwxyz'))).toBe('data');
    // Not port 80: data whatever it holds (the protocol table has no well-known port for it).
    expect(appProtocolOfSegment(52986, 8888, b('GET / HTTP/1.1\r\n'))).toBe('data');
  });
});

describe('sentences name hosts and connections, never socket ids', () => {
  // Lesson 13 (close): one connection to port 80, closed, then a second from the client's
  // port 58864 to port 8888.
  it('a state change names the host and cites RFC 9293 by section', async () => {
    const { recordedTrace } = await import('../helpers/traces.js');
    const t = recordedTrace('close');
    const [open] = narrationAt(t, (s) => s.kind === 'tcp-state' && s.socket === 'client#1' && s.to === 'SYN_SENT');
    // RFC 9293 §3.10.1: the OPEN call in CLOSED sends a SYN and enters SYN-SENT.
    expect(open).toEqual({
      en: 'client: CLOSED → SYN_SENT (the application called connect(): send SYN; RFC 9293 §3.10.1).',
      ko: '클라이언트는 CLOSED에서 SYN_SENT로 넘어갑니다(애플리케이션이 connect()를 호출했습니다. SYN을 보냅니다; RFC 9293 §3.10.1).',
    });
    const [second] = narrationAt(t, (s) => s.kind === 'tcp-state' && s.socket === 'client#2' && s.to === 'SYN_SENT');
    expect(second!.en).toMatch(/^client's connection on port 58864: CLOSED → SYN_SENT \(/);
    expect(second!.ko).toMatch(/^클라이언트의 포트 58864 연결은 CLOSED에서 SYN_SENT로 넘어갑니다\(/);
  });

  it('the port check says the connection\'s state, a buffer line says whose buffer', async () => {
    const { recordedTrace } = await import('../helpers/traces.js');
    const t = recordedTrace('close');
    const said = narrationAt(t, (s) => ('socket' in s && s.socket !== null) || (s.kind === 'decap-check' && s.check === 'port'));
    expect(said.length).toBeGreaterThan(20);
    for (const x of said) expect(`${x.en} ${x.ko}`).not.toMatch(/\w#\d/);
    expect(said).toContainEqual({ en: 'client, Transport layer checks: port 52986 → its connection, in FIN_WAIT_2 ✓', ko: '클라이언트의 전송 계층이 검사합니다: 포트 52986 → FIN_WAIT_2 상태의 연결 ✓' });
    // The server's "bye" (3 bytes) waits in its send buffer before it goes out.
    expect(said.map((x) => x.en)).toContain('server has 3 B waiting to be sent and 0 B waiting to be read; it advertises window 65535.');
    expect(said.map((x) => x.ko)).toContain('서버에는 보낼 데이터가 3바이트, 아직 읽지 않은 데이터가 0바이트 있습니다. 알리는 윈도우는 65535입니다.');
  });
});

describe('a flags quiz is not answered by the narration at its stop', () => {
  // The answer to each of these is a RST (RFC 9293 §3.10.7.1: a segment for no connection is
  // answered with one); before this, the stop said "server: RST. connection refused…".
  it.each([['rst', 'refused-flags'], ['half-open', 'server-reply-flags'], ['keep-alive', 'dead-peer-flags']])('%s / %s', async (lesson, quiz) => {
    const { recordedSession } = await import('../helpers/traces.js');
    const { currentCheckpoint } = await import('../../source/player/model.js');
    const s = recordedSession(lesson);
    let m = createPlayer(s.trace, s.lesson, s.options);
    const cp = m.book.checkpoints.find((c) => c.id === quiz)!;
    expect(cp.expected, 'the answer is a RST').toMatch(/^R/);
    m = update(m, { type: 'goto', step: cp.atStep });
    for (let k = 0; k < 10 && currentCheckpoint(m)?.id !== quiz; k++) {
      m = update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) });
      m = update(m, { type: 'next' });
    }
    expect(currentCheckpoint(m)?.id).toBe(quiz);
    const said = selectNarration(m);
    // In lesson 19 the stop is the server's reset itself: whose turn it is, in a sentence.
    if (lesson === 'half-open') expect(said.en).toBe("It is the server's turn to answer. Which flags will its segment carry? Answer below.");
    expect(said.en).not.toMatch(/\bRST\b/);
    expect(said.ko).not.toMatch(/\bRST\b/);
    // Nor the layer boxes, where the dropped segment's checks and its drop are listed (its
    // field rows name the RST flag bit, 0 in the segment that arrived, which is no answer).
    const { selectStack } = await import('../../source/player/screen.js');
    const told = selectStack(m).boxes.flatMap((b) => b.lines).filter((l) => l.kind === 'check' || l.kind === 'note');
    expect(told.length).toBeGreaterThan(0);
    expect(JSON.stringify(told)).not.toMatch(/\bRST\b/);
    // Once answered, the narration tells it again.
    const after = update(m, { type: 'answer', value: String(cp.expected) });
    expect(selectNarration(after).en + selectNarration(after).ko).toMatch(/\bRST\b/);
  });
});
