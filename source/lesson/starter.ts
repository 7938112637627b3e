// What `tcp-tutor new` writes: a short lesson that validates, commented in the author's
// language, or a copy of a built-in lesson; either way with the line that gives an editor
// the JSON Schema (yaml-language-server), pointed at from where the new file is.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Lang } from '../i18n/text.js';
import { builtinLessonDir } from './builtin.js';

export const SCHEMA_FILE = 'lesson.schema.json';

/**
 * The `$schema=` path for a lesson at `file`. yaml-language-server reads a relative path
 * from the YAML file's own folder, so: a copy of the schema beside the lesson if there is
 * one (as the built-in lessons have), else the schema inside the tcp-tutor package that
 * is running, relative to the lesson (`../node_modules/tcp-tutor/lessons/lesson.schema.json`).
 */
export function schemaPath(file: string, packageLessons = builtinLessonDir()): string {
  const dir = dirname(resolve(file));
  if (existsSync(join(dir, SCHEMA_FILE))) return `./${SCHEMA_FILE}`;
  const rel = relative(dir, join(packageLessons, SCHEMA_FILE)).split(sep).join('/');
  return rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
}

export function modeline(file: string, packageLessons?: string): string {
  return `# yaml-language-server: $schema=${schemaPath(file, packageLessons)}`;
}

/** A lesson id from a file name: `Week 3 Handshake.yaml` → `week-3-handshake`; ids start with a letter. */
export function idFromFile(file: string): string {
  const id = basename(file).replace(/\.ya?ml$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 64).replace(/-+$/, '');
  return id === '' ? 'my-lesson' : id;
}

const COMMENTS = {
  en: {
    head: [
      '# A tcp-tutor lesson. While you write it, keep this running in a terminal:',
      '#   tcp-tutor validate --watch {file}',
      '# and play it as a learner would with:  tcp-tutor play {file}',
      '# Every field is explained in docs/writing-lessons.md of the tcp-tutor package.',
    ],
    id: '# A short name: lowercase letters, digits and dashes. Progress is saved under it.',
    text: '# Every text is written twice, in English (en) and Korean (ko); both are required.',
    level: '# beginner, intermediate or advanced',
    topics: '# What the lesson is about; the menu shows the first.',
    topology: '# A built-in network: lan (client, server, dns on one switch), two-routers or direct.',
    script: '# The script: each step may say something and take one action.',
    quiz: [
      '# A quiz stops the learner just before its frame is built, so they predict it.',
      '# You never write the answer: tcp-tutor reads it off the frame the simulation sends.',
    ],
    action: '# This connect causes the SYN-ACK the quiz above asks about.',
  },
  ko: {
    head: [
      '# tcp-tutor 레슨입니다. 작성하는 동안 터미널에 이것을 켜 두세요:',
      '#   tcp-tutor validate --watch {file}',
      '# 학습자처럼 진행해 보려면:  tcp-tutor play {file}',
      '# 모든 필드는 tcp-tutor 패키지의 docs/writing-lessons.md에 설명되어 있습니다.',
    ],
    id: '# 짧은 이름: 영문 소문자, 숫자, 대시만 씁니다. 진행 상황이 이 이름으로 저장됩니다.',
    text: '# 모든 글은 영어(en)와 한국어(ko)로 두 번 씁니다. 둘 다 있어야 합니다.',
    level: '# beginner, intermediate, advanced 중 하나',
    topics: '# 레슨의 주제입니다. 메뉴에는 첫 번째가 보입니다.',
    topology: '# 내장 네트워크: lan(스위치 하나에 client, server, dns), two-routers, direct 중 하나',
    script: '# 스크립트: 단계마다 설명(say)을 하고 동작 하나를 할 수 있습니다.',
    quiz: [
      '# 퀴즈는 해당 프레임이 만들어지기 직전에 멈춰, 학습자가 예측하게 합니다.',
      '# 답은 쓰지 않습니다. tcp-tutor가 시뮬레이션이 보낸 프레임에서 읽어 냅니다.',
    ],
    action: '# 이 connect가 위 퀴즈가 묻는 SYN-ACK를 일으킵니다.',
  },
} as const;

/** A short lesson that validates: a handshake with one quiz, every part commented. */
export function starterLesson(file: string, lang: Lang, packageLessons?: string): string {
  const c = COMMENTS[lang];
  const name = basename(file);
  return [
    modeline(file, packageLessons),
    ...c.head.map((l) => l.replace('{file}', name)),
    '',
    c.id,
    `id: ${idFromFile(file)}`,
    c.text,
    'title:',
    '  en: What the server acknowledges',
    '  ko: 서버가 확인 응답하는 번호',
    'summary:',
    "  en: The client opens a connection to a web server. Predict the server's reply.",
    '  ko: 클라이언트가 웹 서버에 연결을 엽니다. 서버의 응답을 예측해 보세요.',
    c.level,
    'level: beginner',
    c.topics,
    'topics: [handshake]',
    c.topology,
    'topology: lan',
    c.script,
    'script:',
    '  - say:',
    '      en: The server waits for connections on port 80.',
    '      ko: 서버가 80번 포트에서 연결을 기다립니다.',
    '    listen: { host: server, port: 80 }',
    ...c.quiz.map((l) => `  ${l}`),
    '  - quiz:',
    '      id: synack-ack',
    '      ask: ack',
    '      frame: { from: server, flags: SA }',
    '      hint:',
    '        en: A SYN takes up one sequence number.',
    '        ko: SYN은 시퀀스 번호 하나를 차지합니다.',
    `  ${c.action}`,
    '  - connect: { from: client, to: server, port: 80 }',
    '  - say:',
    '      en: The handshake is done, and both ends can send data.',
    '      ko: 핸드셰이크가 끝나 양쪽 모두 데이터를 보낼 수 있습니다.',
    '',
  ].join('\n');
}

/**
 * A built-in lesson's text as a lesson of one's own: the schema line pointed at from the
 * new file, and the id taken from the new file's name, so that its progress is its own.
 */
export function copiedLesson(text: string, file: string, packageLessons?: string): string {
  const body = text.replace(/^# yaml-language-server:.*\r?\n/, '');
  return `${modeline(file, packageLessons)}\n${body.replace(/^id:.*$/m, `id: ${idFromFile(file)}`)}`;
}
