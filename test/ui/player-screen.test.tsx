import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// Colour must really be on when asked for, so that its absence under NO_COLOR means something.
const previousForceColor = vi.hoisted(() => {
  const before = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = '3';
  return before;
});

import type { Lang } from '../../source/i18n/text.js';
import { createPlayer, currentCheckpoint, stopsOf, update, type PlayerModel } from '../../source/player/model.js';
import { openLesson } from '../../source/session/lesson.js';
import { autoplayDelay } from '../../source/player/screen.js';
import { App } from '../../source/ui/App.js';
import { ladderWidthFor } from '../../source/ui/layout.js';
import { PlayerScreen } from '../../source/ui/PlayerScreen.js';
import { widthOf } from '../../source/ui/text-width.js';
import { ColorContext } from '../../source/ui/theme.js';
import {
  apply, at, CLIENT_ISN, forwarded, frameWithFlags, GET_BYTES, player, RFC_STATES, sampleLesson, SERVER, SERVER_ISN, statesLesson, stepWhere, TRACE,
} from '../player/fixtures.js';
import { cleanupInk, KEY, renderInk, settle } from './render.js';

afterEach(cleanupInk);
afterAll(() => {
  if (previousForceColor === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = previousForceColor;
});

const LESSON = sampleLesson(TRACE);
const SYN = frameWithFlags('S');
const ACK = frameWithFlags('.');
/** The SYN's TCP header being written: its first field, the source port. */
const SYN_SRCPORT = stepWhere((s) => s.kind === 'encap-field' && s.frame === SYN && s.key === 'tcp.srcport');
/** The client's ephemeral port, read straight from the SYN's bytes (Ethernet 14 + IPv4 20: TCP starts at byte 34). */
/** The SYN's TCP header written in full, options and all. */
const SYN_TCP_DONE = stepWhere((s) => s.kind === 'encap-end' && s.frame === SYN && s.layer === 'transport');
/** Stops in field detail with the sample lesson, and with none (its quiz inside a header is written field by field). */
const STOPS = player().book.stops.field.length;
const BARE_STOPS = player({}, false).book.stops.field.length;
const CLIENT_PORT = (TRACE.frames[SYN]!.bytes[34]! << 8) | TRACE.frames[SYN]!.bytes[35]!;

interface ShowOptions {
  readonly lang?: Lang;
  readonly color?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

/** One still frame of the player showing `model`. */
function show(model: PlayerModel, o: ShowOptions = {}) {
  const columns = o.columns ?? 80;
  const rows = o.rows ?? 24;
  return renderInk(
    <ColorContext.Provider value={o.color ?? false}>
      <PlayerScreen model={model} dispatch={() => {}} lang={o.lang ?? 'en'} cols={columns} rows={rows} />
    </ColorContext.Provider>,
    { columns, rows },
  );
}

/** The interactive player, as the CLI mounts it. */
function app(o: ShowOptions & { startAt?: number; lesson?: boolean; onExit?: () => void; resumed?: boolean } = {}) {
  return renderInk(
    <App
      trace={TRACE}
      lesson={o.lesson === false ? undefined : LESSON}
      lang={o.lang ?? 'en'}
      color={o.color ?? false}
      interactive
      startAt={o.startAt}
      resumed={o.resumed}
      onExit={o.onExit}
    />,
    { columns: o.columns ?? 80, rows: o.rows ?? 24 },
  );
}

/** SGR parameters that set a colour (foreground, background, 256 or true colour). */
const COLOUR_SGR = /\u001B\[(?:\d+;)*(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38|48)(?:;\d+)*m/;

describe('player screen', () => {
  it('shows the four layers with their PDU names, the hosts with their states, and where the learner is', async () => {
    const r = await app();
    const text = r.text();
    for (const label of ['Application · data', 'Transport · segment', 'Internet · packet', 'Link · frame']) expect(text).toContain(label);
    expect(text).toContain('client');
    expect(text).toContain('server');
    // The first step is the client's connect(): SYN_SENT (RFC 9293 §3.10.1) beside a listening server.
    expect(text).toMatch(/SYN_SENT\s+LISTEN/);
    expect(text).toContain(`1/${STOPS}`);
    expect(text).toContain('Watch the headers fill in');
    expect(r.lines().length).toBeLessThanOrEqual(23);
  });

  it('fills in the header field by field as → is pressed', async () => {
    const r = await app({ lesson: false, startAt: SYN_SRCPORT - 1 });
    await r.press(KEY.right);
    expect(r.text()).toMatch(new RegExp(`▶ Source Port\\s+${CLIENT_PORT}`));
    expect(r.text()).toContain("The sender's port");
    await r.press(KEY.right, KEY.right);
    expect(r.text()).toMatch(new RegExp(`Source Port\\s+${CLIENT_PORT}`));
    expect(r.text()).toMatch(/Destination Port\s+80/);
    expect(r.text()).toMatch(/▶ Sequence Number\s+0/);
    expect(r.text()).toContain('Sequence Number (tcp.seq): bytes 38–41');
    await r.press(KEY.left);
    expect(r.text()).toMatch(/▶ Destination Port\s+80/);
    expect(r.text()).not.toContain('Sequence Number');
  });

  it('shows the receiver’s checks and the headers it removes', async () => {
    const serverSyn = forwarded(SYN);
    const check = stepWhere((s) => s.kind === 'decap-check' && s.frame === serverSyn && s.check === 'eth.dst');
    // Every step: in field detail these checks are one stop, Ethernet being known by then.
    let r = await show(at(player({ detail: 'step' }, false), check));
    expect(r.text()).toContain(`▶ dst MAC ${SERVER.mac} = my NIC ✓`);
    const strip = stepWhere((s) => s.kind === 'decap-strip' && s.frame === serverSyn && s.layer === 'link');
    r = await show(at(player({ detail: 'step' }, false), strip));
    // What moves up, and its size, is test/player/walk.test.ts's, for every lesson.
    expect(r.text()).toMatch(/Link · Ethernet frame ─+ header removed/);
    r = await show(at(player({ detail: 'step' }, false), strip + 1));
    expect(r.text()).toMatch(/Link · Ethernet frame ─+ removed/);
    expect(r.text()).toContain('▶ IP header checksum');
  });

  it('marks what a router changed apart from what it kept, readable without colour', async () => {
    const fwd = stepWhere((s) => s.kind === 'router-forward' && s.frame === SYN);
    const r = await show(at(player({}, false), fwd), { color: false });
    const text = r.text();
    expect(text).toMatch(/\* Time to Live\s+64 → 63/);
    expect(text).toMatch(/\* Header Checksum\s+0x[0-9a-f]{4} → 0x[0-9a-f]{4}/);
    expect(text).toMatch(/= Source Address\s+192\.168\.1\.10/);
    expect(text).toMatch(/\* Destination\s+02:00:00:00:00:01/);
    expect(text).toContain(`→ ${SERVER.mac}`);
    expect(text).toMatch(/fields\s+change \(\*\), the rest stay the same \(=\)/);
    expect(text).toMatch(/Transport · TCP segment ─+ = unchanged/);
    expect(r.raw()).not.toMatch(COLOUR_SGR);
  });

  it('draws the ladder with the trace’s labels and states, relative or absolute on r', async () => {
    const r = await app({ lesson: false, startAt: TRACE.steps.length - 1 });
    const text = r.text();
    expect(text).toMatch(/ESTABLISHED\s+ESTABLISHED/);
    for (const label of ['SYN seq=0', 'SYN, ACK seq=0 ack=1', 'ACK seq=1 ack=1 len=0', 'ACK seq=1 ack=102 len=0']) {
      expect(text).toContain(label);
    }
    // The sample trace crosses router r1: a head where each hop ends.
    expect(text).toMatch(/client\s+r1\s+server/);
    expect(text).toMatch(/│─+▶─+▶│/);
    expect(text).toMatch(/│◀─+◀─+│/);
    await r.press('r');
    expect(r.text()).toContain(`SYN seq=${CLIENT_ISN}`);
    expect(r.text()).toContain('absolute');
  });

  it('shows every number of a long absolute label at 80×24, wrapped rather than cut', async () => {
    const r = await app({ lesson: false, startAt: TRACE.steps.length - 1 });
    await r.press('r');
    const text = r.text();
    // The SYN-ACK acknowledges the client's ISN + 1 (RFC 9293 §3.4).
    expect(text).toMatch(new RegExp(`\\back=${CLIENT_ISN + 1}(?!\\d)`));
    // The server's ACK of the GET: its ISN + 1, and the client's ISN + 1 + the GET's length, past 2^32.
    expect(text).toMatch(new RegExp(`\\bACK seq=${SERVER_ISN + 1}\\b`));
    expect(text).toMatch(new RegExp(`\\back=${(CLIENT_ISN + 1 + GET_BYTES.length) >>> 0}(?!\\d)`));
    expect(text).not.toMatch(/(seq|ack|len)=\d*…/);
  });

  it('shows a segment in flight as half an arrow', async () => {
    const sent = stepWhere((s) => s.kind === 'transmit' && s.frame === SYN);
    const r = await show(at(player({}, false), sent));
    expect(r.text()).toMatch(/│─{5,}▶ {5,}│/);
  });
});

describe('lesson 15 at seed 7, while the application writes', () => {
  /** The journey as `play journey --seed 7` opens it, at quiz `id`'s stop. */
  function journeyAt(id: string): PlayerModel {
    const o = openLesson('journey', 'en', () => 7);
    if (!o.ok) throw new Error(o.reason);
    const m = createPlayer(o.session.trace, o.session.lesson, o.session.options);
    const pos = stopsOf(m).findIndex((_, i) => currentCheckpoint({ ...m, pos: i })?.id === id);
    expect(pos).toBeGreaterThan(0);
    return { ...m, pos };
  }

  // Quiz 6 (the GET's port) and 7 (the response's first length) stop as the application
  // writes, after 9 and 11 frames: ARP for the resolver and its reply, the DNS query and
  // response, ARP for the server and its reply (6, none of them TCP), then the handshake's
  // 3 segments, and by quiz 7 the GET and the server's ACK of it.
  it.each([['get-dstport', 3], ['response-length', 5]] as const)('at %s says the 6 frames it does not draw, and no "no frame yet"', async (id, arrows) => {
    for (const lang of ['en', 'ko'] as const) {
      const r = await show(journeyAt(id), { lang });
      const text = r.text();
      expect(text).not.toContain(lang === 'en' ? 'no frame yet' : '아직 프레임 없음');
      expect(text).toContain(lang === 'en' ? "the application's data: no frame at this step" : '응용 계층의 데이터: 이 단계에는 프레임 없음');
      expect(text).toContain(lang === 'en' ? '+ 6 other frames: ARP, DNS' : '+ 다른 프레임 6개: ARP, DNS');
      expect(text.match(/[▶◀]/g)?.length).toBe(arrows);
      r.unmount();
    }
  });
});

describe('quizzes on screen', () => {
  it('takes a number, then explains the rule and counts the score', async () => {
    const quiz = stepWhere((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED');
    const r = await app({ startAt: quiz });
    expect(r.text()).toContain('Quiz 2/4');
    expect(r.text()).toContain('What acknowledgment number will it carry?');
    await r.press(KEY.right);
    expect(r.text()).toContain('Answer the quiz first');
    await r.press('x', '0');
    expect(r.text()).toContain('[0▏');
    await r.press(KEY.enter);
    expect(r.text()).toContain('✗ Not quite: you answered 0; the answer is 1.');
    expect(r.text()).toContain('A SYN occupies one sequence number');
    expect(r.text()).toContain('score 0/1');
    await r.press(KEY.right);
    expect(r.text()).not.toContain('Quiz 2/4');
    await r.press(KEY.left);
    expect(r.text()).toContain('✗ Not quite');
  });

  it('in Korean, says which number was typed and which is right as one sentence', async () => {
    const ko = await app({ startAt: stepWhere((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED'), lang: 'ko' });
    await ko.press('0', KEY.enter);
    expect(ko.text()).toContain('✗ 틀렸습니다. 입력한 답은 0이고, 정답은 1입니다.');
  });

  it('offers a choice list (↑ ↓ Enter) and a hint', async () => {
    const quiz = stepWhere((s) => s.kind === 'decap-check' && s.frame === SYN && s.check === 'ip.ttl');
    const r = await app({ startAt: quiz });
    expect(r.text()).toContain('❯ 1. The MAC addresses, TTL and the checksums');
    await r.press('h');
    expect(r.text()).toContain('Hint: Which addresses only make sense on one link?');
    await r.press(KEY.down, KEY.down, KEY.up, KEY.enter);
    expect(r.text()).toContain('✗ Not quite: you answered “The source and destination IP addresses”');
    expect(r.text()).toContain('score 0/1');
  });

  it('has the learner fill in a field inside the header being built', async () => {
    const quiz = stepWhere((s) => s.kind === 'encap-field' && s.frame === ACK && s.key === 'tcp.ack');
    const r = await app({ startAt: quiz });
    expect(r.text()).toMatch(/\? Acknowledgment Number \[▏/);
    expect(r.text()).toContain('??');
    expect(r.text()).not.toMatch(/Acknowledgment Number = 1/);
    await r.press('1');
    expect(r.text()).toMatch(/\? Acknowledgment Number \[1▏/);
    await r.press(KEY.enter);
    expect(r.text()).toContain('✓ Right: 1.');
    expect(r.text()).toMatch(/▶ Acknowledgment Number\s+1/);
  });
});

describe('a choice list at 80×24', () => {
  const quiz = stepWhere((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED');
  const states = (lang: Lang = 'en') => renderInk(
    <App trace={TRACE} lesson={statesLesson(TRACE)} lang={lang} color={false} interactive startAt={quiz} />,
    { columns: 80, rows: 24 },
  );
  /** The options on screen, by the number printed before each. */
  const visible = (text: string) => [...text.matchAll(/^\s*(?:❯ )?\s*(\d+)\. ([A-Z_0-9]+)/gm)].map((m) => Number(m[1]));

  it('reaches all eleven states with ↓, saying how many are out of sight', async () => {
    const r = await states();
    const first = visible(r.text());
    expect(first[0]).toBe(1);
    expect(first.length).toBeLessThan(11);
    expect(r.text()).toContain(`▼ ${11 - first.length} more`);
    const seen = new Set(first);
    for (let i = 0; i < 10; i++) {
      await r.press(KEY.down);
      for (const n of visible(r.text())) seen.add(n);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    // At the bottom: CLOSED highlighted, the top of the list out of sight above.
    expect(r.text()).toMatch(/❯ 11\. CLOSED/);
    expect(r.text()).toMatch(/▲ \d+ more/);
    expect(r.text()).not.toMatch(/▼ \d+ more/);
    expect(r.lines().length).toBeLessThanOrEqual(24);
  });

  it('selects by two digits and submits only on Enter', async () => {
    const r = await states();
    await r.press('1');
    expect(r.text()).toMatch(/❯ 1\. LISTEN/);
    await r.press('0');
    // RFC 9293's tenth state.
    expect(r.text()).toMatch(/❯ 10\. TIME_WAIT/);
    expect(r.text()).not.toContain('Not quite');
    await r.press(KEY.enter);
    expect(r.text()).toContain('✗ Not quite: you answered “TIME_WAIT”; the answer is “SYN_RECEIVED”.');
  });

  it('takes a pasted answer in one read, as typed', async () => {
    const r = await states();
    // One chunk: what a terminal delivers for a paste.
    await r.press('SYN_RECEIVED');
    expect(r.text()).toContain('[SYN_RECEIVED▏]');
    // The typed answer is what Enter sends: no option is highlighted meanwhile.
    expect(r.text()).not.toMatch(/❯ \d+\./);
    await r.press(KEY.enter);
    expect(r.text()).toContain('✓ Right: “SYN_RECEIVED”.');
  });

  it('in Korean, says which answer was picked and which is right as one sentence', async () => {
    const r = await states('ko');
    await r.press('1', '0', KEY.enter);
    expect(r.text()).toContain('✗ 틀렸습니다. 고른 답은 “TIME_WAIT”이고, 정답은 “SYN_RECEIVED”입니다.');
  });

  it('says which keys work, in Korean too', async () => {
    expect((await states()).text()).toContain('↑ ↓ or its number, Enter');
    cleanupInk();
    expect((await states('ko')).text()).toContain('↑ ↓ 또는 번호, Enter');
  });
});

describe('the narration pane at 80×24', () => {
  // RFC 9293 §3.4.1 and §3.5, in a lesson author's words: longer than the pane can show at once.
  const LONG = {
    en: 'Each side numbers the bytes it sends, starting from an initial sequence number it picks at random. '
      + 'Random, so that segments from an old connection, or a forger, are unlikely to fit. '
      + 'The handshake lets each side tell the other its ISN and hear it confirmed: SYN (seq = x), SYN-ACK (seq = y, ack = x + 1), ACK (seq = x + 1, ack = y + 1). '
      + 'Three segments, because the middle one does two jobs. The last words of this note are here.',
    ko: '양쪽은 자기가 보내는 바이트에 번호를 매기는데, 그 시작인 초기 시퀀스 번호는 각자 무작위로 고릅니다. '
      + '무작위라야 예전 연결의 세그먼트나 위조된 세그먼트가 우연히 들어맞을 가능성이 낮아집니다. '
      + '핸드셰이크는 양쪽이 자기 ISN을 알리고 상대에게 확인받는 과정입니다: SYN (seq = x), SYN-ACK (seq = y, ack = x + 1), ACK (seq = x + 1, ack = y + 1). '
      + '가운데 세그먼트가 두 가지 일을 함께 하니 세 번이면 됩니다. 이 노트의 마지막 말은 여기 있습니다.',
  };
  const noted = (lang: Lang = 'en', startAt?: number) => renderInk(
    <App trace={TRACE} lesson={{ notes: [{ atStep: 0, text: LONG }] }} lang={lang} color={false} interactive startAt={startAt} />,
    { columns: 80, rows: 24 },
  );
  /** The narration rows, without their scroll marks: the top of the screen down to the layer stack's first border. */
  const pane = (lines: string[]) => lines.slice(0, lines.findIndex((l) => /^┌/.test(l))).map((l) => l.replace(/ [▲▼↕]$/, '').trim());

  for (const lang of ['en', 'ko'] as const) {
    it(`shows the whole of a long note by scrolling with PgDn, never cut off with … (${lang})`, async () => {
      const r = await noted(lang);
      const first = pane(r.lines());
      expect(first.length).toBeGreaterThan(0);
      expect(first.join(' ')).not.toContain(LONG[lang].slice(-20));
      expect(r.text()).not.toContain('…');
      expect(r.lines()[first.length - 1]).toMatch(/▼$/);
      const read: string[] = [...first];
      for (let i = 0; i < 10; i++) {
        await r.press(KEY.pageDown);
        for (const l of pane(r.lines())) if (!read.includes(l)) read.push(l);
      }
      // Every word the author wrote, in order (wrapping only ever breaks at spaces).
      expect(read.join(' ').replace(/\s+/g, ' ')).toContain(LONG[lang]);
      await r.press(KEY.pageUp, KEY.pageUp, KEY.pageUp, KEY.pageUp);
      expect(pane(r.lines())[0]).toBe(first[0]);
    });
  }

  it('reads earlier steps above the current one with PgUp, also while a quiz is open', async () => {
    const r = await noted('en', 3);
    expect(pane(r.lines()).join(' ')).not.toContain('Each side numbers');
    for (let i = 0; i < 12; i++) await r.press(KEY.pageUp);
    expect(pane(r.lines()).join(' ')).toContain('Each side numbers the bytes');
    // Another step: the pane opens at that step's own words again.
    await r.press(KEY.right);
    expect(pane(r.lines()).join(' ')).not.toContain('Each side numbers');

    const quiz = stepWhere((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED');
    const q = await app({ startAt: quiz });
    const before = pane(q.lines());
    for (let i = 0; i < 5; i++) await q.press(KEY.pageUp);
    // The words that set the quiz up can be read again while it waits.
    expect(pane(q.lines())).not.toEqual(before);
    expect(q.text()).toMatch(/─ Quiz \d+\/\d+/);
  });
});

describe('a lesson resumed', () => {
  it('says it opens where the learner left off, until the first key', async () => {
    const r = await app({ startAt: 20, resumed: true });
    expect(r.text()).toContain('Back where you left off');
    await r.press(KEY.right);
    expect(r.text()).not.toContain('Back where you left off');
    // A lesson opened at a step for another reason (a test, a reload) says nothing of it.
    const q = await app({ startAt: 20 });
    expect(q.text()).not.toContain('Back where you left off');
  });
});

describe('a pasted answer', () => {
  it('fills a field quiz from one multi-character read', async () => {
    const quiz = stepWhere((s) => s.kind === 'encap-field' && s.frame === ACK && s.key === 'tcp.ack');
    const r = await app({ startAt: quiz });
    // The fixture's expected relative ack is 1; 0x0001 is the same number in hex.
    await r.press('0x0001');
    expect(r.text()).toMatch(/\? Acknowledgment Number \[0x0001▏/);
    await r.press(KEY.enter);
    expect(r.text()).toContain('✓ Right: 1.');
  });

  it('answers a number quiz from a paste that ends in a line break', async () => {
    const quiz = stepWhere((s) => s.kind === 'tcp-state' && s.to === 'SYN_RECEIVED');
    const r = await app({ startAt: quiz });
    await r.press('1\r');
    // A SYN takes one sequence number: the SYN-ACK acknowledges relative 1.
    expect(r.text()).toContain('✓ Right: 1.');
  });
});

describe('keys and modes', () => {
  it('toggles the hex pane with x', async () => {
    const r = await app({ lesson: false, startAt: 10 });
    expect(r.text()).toContain('Frame #1 · 64 bytes');
    await r.press('x');
    expect(r.text()).not.toContain('Frame #1 · 64 bytes');
    await r.press('x');
    expect(r.text()).toContain('Frame #1 · 64 bytes');
  });

  it('lists the keys on ? and closes with Esc', async () => {
    const r = await app();
    await r.press('?');
    expect(r.text()).toContain('Keys');
    expect(r.text()).toMatch(/→ Space Enter\s+next step/);
    expect(r.text()).toMatch(/r\s+relative \/ absolute seq and ack/);
    expect(r.text()).toMatch(/n\s+run to the next quiz \(or the end\)/);
    expect(r.text()).toMatch(/f\s+run to the next frame sent on the wire/);
    await r.press(KEY.escape);
    expect(r.text()).not.toContain('next step');
    expect(r.text()).toContain('Application · data');
  });

  it('lists n and f in Korean too', async () => {
    const r = await app({ lang: 'ko' });
    await r.press('?');
    expect(r.text()).toMatch(/n\s+다음 퀴즈까지 \(없으면 끝까지\) 진행/);
    expect(r.text()).toMatch(/f\s+다음 프레임이 선로로 나갈 때까지 진행/);
  });

  it('switches to header by header with d', async () => {
    const r = await app({ lesson: false, startAt: SYN_SRCPORT });
    await r.press('d');
    expect(r.text()).toContain('by header');
    expect(r.text()).toContain('The Transport layer writes its whole TCP header');
  });

  it('plays by itself on a, one stop per reading time, until a is pressed again', async () => {
    const r = await app({ lesson: false });
    // Four + from the default speed (the sixth of ten, 500 ms) reach the fastest: 100 ms a beat.
    await r.press('+', '+', '+', '+');
    let m = apply(player({}, false), { type: 'faster' }, { type: 'faster' }, { type: 'faster' }, { type: 'faster' });
    // Only the timeouts are fake: Ink and the render helper still run on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await r.press('a');
      expect(r.text()).toContain('▶ auto');
      expect(r.text()).toContain(`step 1/${BARE_STOPS}`);
      for (let beat = 2; beat <= 4; beat++) {
        // Each stop waits as long as its words take to read (test/player/pace.test.ts checks how long).
        const wait = autoplayDelay(m);
        expect(wait).toBeGreaterThanOrEqual(100);
        vi.advanceTimersByTime(wait - 1);
        await settle();
        expect(r.text()).toContain(`step ${beat - 1}/${BARE_STOPS}`);
        vi.advanceTimersByTime(1);
        await settle();
        expect(r.text()).toContain(`step ${beat}/${BARE_STOPS}`);
        m = update(m, { type: 'next' });
      }
      await r.press('a');
      expect(r.text()).not.toContain('▶ auto');
      vi.advanceTimersByTime(60_000);
      await settle();
      expect(r.text()).toContain(`step 4/${BARE_STOPS}`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves on q', async () => {
    const onExit = vi.fn();
    const r = await app({ onExit });
    await r.press('q');
    expect(onExit).toHaveBeenCalledOnce();
  });
});

describe('terminal size, language and colour', () => {
  it('asks for at least 80×24, and plays once the window is big enough', async () => {
    const r = await app({ columns: 79, rows: 30 });
    expect(r.text()).toContain('Please enlarge the terminal to at least 80×24 (it is 79×30 now).');
    await r.press(KEY.right);
    await r.resize(80, 24);
    expect(r.text()).toContain('Application · data');
    expect(r.text()).toContain(`1/${STOPS}`);
    const ko = await app({ columns: 80, rows: 20, lang: 'ko' });
    expect(ko.text()).toContain('터미널 창을 80×24 이상으로 키워 주세요');
  });

  it('uses a bigger terminal: more fields and meanings beside them', async () => {
    const r = await show(at(player({}, false), SYN_TCP_DONE), { columns: 120, rows: 40 });
    expect(r.text()).toContain('Source Port');
    expect(r.text()).toContain('Options');
    expect(r.text()).toContain("The sender's port");
    expect(r.lines().every((l) => widthOf(l) <= 120)).toBe(true);
  });

  it('lines Korean text up in the boxes: every right border in the same column', async () => {
    for (const [cols, rows] of [[80, 24], [120, 40]] as const) {
      for (const step of [SYN_TCP_DONE, stepWhere((s) => s.kind === 'router-forward'), stepWhere((s) => s.kind === 'decap-check' && s.check === 'port')]) {
        const r = await show(at(player({}, false), step), { lang: 'ko', columns: cols, rows });
        const stackWidth = cols - ladderWidthFor(cols) - 1;
        const boxLines = r.lines().filter((l) => /^[┌├│└]/.test(l));
        expect(boxLines.length).toBeGreaterThan(8);
        for (const line of boxLines) {
          // The character ending at display column stackWidth is the right border.
          let col = 0;
          let edge = '';
          for (const ch of line) {
            col += widthOf(ch);
            if (col === stackWidth) {
              edge = ch;
              break;
            }
          }
          expect(edge, line).toMatch(/[┐┤│┘]/);
        }
        expect(r.text()).toMatch(/[가-힣]/);
        expect(r.lines().every((l) => widthOf(l) <= cols)).toBe(true);
      }
    }
  });

  it('has no colour codes without colour, and some with it', async () => {
    const fwd = stepWhere((s) => s.kind === 'router-forward');
    const quiz = stepWhere((s) => s.kind === 'decap-check' && s.check === 'ip.ttl');
    for (const step of [5, fwd, quiz]) {
      const plain = await show(at(player(), step), { color: false });
      expect(plain.raw()).not.toMatch(COLOUR_SGR);
      const coloured = await show(at(player(), step), { color: true });
      expect(coloured.raw()).toMatch(COLOUR_SGR);
    }
  });
});
