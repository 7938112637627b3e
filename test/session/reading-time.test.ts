// How long a lesson takes: the words a learner is shown, counted by hand for a small lesson,
// at the reading speeds session/reading-time.ts cites, plus the time to answer its quiz.
import { describe, expect, it } from 'vitest';
import { compileLesson } from '../../source/lesson/compile.js';
import { loadLessonText } from '../../source/lesson/loader.js';
import { entryOf } from '../../source/lesson/entry.js';
import { lessonMinutes, readingMinutes, readingUnits, shownTexts } from '../../source/session/reading-time.js';

/** A server listens, ARP runs, one state quiz, then a handshake in the background. */
const TINY = `id: tiny-listen
title: { en: A server waits, ko: 서버가 기다립니다 }
summary: { en: One listen and one question., ko: listen 하나와 질문 하나. }
level: beginner
topics: [handshake]
topology: lan
script:
  - say: { en: The server opens port 80 and waits for a client., ko: 서버가 포트 80을 열고 클라이언트를 기다립니다. }
    listen: { host: server, port: 80 }
  - arp: { from: client, ip: 192.168.1.80 }
    background: true
  - quiz:
      id: waiting
      ask: state
      host: server
      prompt: { en: Which state is the server in now?, ko: 지금 서버는 어떤 상태일까요? }
      explain: { en: 'LISTEN: waiting for a SYN.', ko: SYN을 기다리는 LISTEN입니다. }
  - say: { en: That is all., ko: 여기까지입니다. }
    connect: { from: client, to: server, port: 80 }
    background: true
`;

function tiny() {
  const loaded = loadLessonText(TINY, 'tiny.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const c = compileLesson(loaded.loaded);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return { loaded: loaded.loaded, compiled: c.compiled };
}

describe('reading units', () => {
  it('counts English words that hold a letter or a digit, by hand', () => {
    expect(readingUnits('The server opens port 80 and waits for a client.', 'en')).toBe(10);
    // `=`, `+` and `[.]` are not words; `1460],` is.
    expect(readingUnits('ack = 11 + 100 bytes = 111', 'en')).toBe(5);
    expect(readingUnits('Flags [.], ack 1, options [mss 1460], length 0', 'en')).toBe(8);
  });

  it('counts Korean syllables, and a run of Latin letters or digits as one, by hand', () => {
    // 서버가(3) 포트(2) 80(1) 을(1) 열고(2) 클라이언트를(6) 기다립니다(5)
    expect(readingUnits('서버가 포트 80을 열고 클라이언트를 기다립니다.', 'ko')).toBe(20);
    // SYN(1) 을(1) 기다리는(4) LISTEN(1) 입니다(3)
    expect(readingUnits('SYN을 기다리는 LISTEN입니다.', 'ko')).toBe(10);
  });

  it('reads a sentence met again once, and gives each quiz 30 seconds', () => {
    const line = { en: Array(100).fill('word').join(' '), ko: '가'.repeat(200) };
    // 100 words at 200 a minute and two quizzes at 30 s: 0.5 + 1 = 1.5, rounded to 2.
    expect(readingMinutes([line, line, line], 2)).toEqual({ en: 2, ko: 2 });
    expect(readingMinutes([], 0)).toEqual({ en: 1, ko: 1 });
    expect(readingMinutes([{ en: Array(1000).fill('w').join(' '), ko: '가'.repeat(2000) }], 0)).toEqual({ en: 5, ko: 5 });
  });
});

describe('a small lesson, counted by hand', () => {
  it('shows its words stop by stop, the quiz and its options, and nothing else', () => {
    const { texts, quizzes } = shownTexts(tiny().compiled);
    expect(quizzes).toBe(1);
    const en = texts.map((t) => t.en);
    // The author's paragraphs, the ARP in the background, the quiz, the handshake.
    expect(en[0]).toBe('The server opens port 80 and waits for a client.');
    expect(en).toContain('Which state is the server in now?');
    expect(en).toContain('LISTEN: waiting for a SYN.');
    expect(en).toContain('That is all.');
    expect(en.filter((t) => /^[A-Z_0-9]+$/.test(t))).toHaveLength(11); // the eleven states to choose from
    // Words, by hand, text by text: 10 (the server opens…) + 10 (Encapsulation at client…)
    // + 15 and 14 (frames #1 and #2, ARP) + 14 (client learns…) + 7 (the prompt) + 5 (the
    // explanation) + 11 (the states) + 3 (That is all.) + 12 (client: CLOSED → SYN_SENT (the
    // application called connect(): send SYN; RFC 9293 §3.10.1).) + 20, 22 and 16 (frames
    // #3 to #5, the handshake; `>` and `[.],` are no words) + 11 (server: SYN_RECEIVED →
    // ESTABLISHED (received ACK of our SYN; RFC 9293 §3.10.7.4).) = 170.
    expect(texts.reduce((n, t) => n + readingUnits(t.en, 'en'), 0)).toBe(170);
    expect(en).toHaveLength(24);
  });

  it('takes about a minute: 168 words at 200 a minute and one quiz at 30 seconds, 1.34 in all', () => {
    expect(lessonMinutes(tiny().compiled).en).toBe(1);
  });

  it('the catalog (menu, list, progress) gives the same number', () => {
    const { loaded, compiled } = tiny();
    expect(entryOf(loaded).minutes).toEqual(lessonMinutes(compiled));
  });
});
