// `tcp-tutor new LESSON.yaml [--from ID] [--force]`: a lesson to start from, which
// validates as it is, with the schema line editors autocomplete from.
import { readFileSync, writeFileSync } from 'node:fs';
import { say, type Lang, type Text } from '../../i18n/text.js';
import { formatProblem } from '../../lesson/problems.js';
import { findLesson } from '../../lesson/registry.js';
import { copiedLesson, starterLesson } from '../../lesson/starter.js';
import type { CliIo } from '../io.js';

const W = {
  notYaml: { en: "tcp-tutor new: a lesson file's name ends in .yaml: '{file}'", ko: "tcp-tutor new: 레슨 파일 이름은 .yaml로 끝나야 합니다: '{file}'" },
  exists: { en: 'tcp-tutor new: {file} already exists; nothing was written (--force replaces it)', ko: 'tcp-tutor new: {file:이} 이미 있어 아무것도 쓰지 않았습니다 (--force를 주면 덮어씁니다)' },
  noLesson: { en: "tcp-tutor new: no built-in lesson '{name}'. Built-in lessons: {known}", ko: "tcp-tutor new: '{name}' 내장 레슨이 없습니다. 내장 레슨: {known}" },
  cannotWrite: { en: 'tcp-tutor new: cannot write {file}: {reason}', ko: 'tcp-tutor new: {file}에 쓸 수 없습니다: {reason}' },
  wrote: { en: 'wrote {file}. Check it as you edit: tcp-tutor validate --watch {file}', ko: '{file:을} 만들었습니다. 고치면서 검사하려면: tcp-tutor validate --watch {file}' },
} as const satisfies Record<string, Text>;

const REASONS: Readonly<Record<string, Text>> = {
  ENOENT: { en: 'no such folder', ko: '그런 폴더가 없습니다' },
  EISDIR: { en: 'it is a folder', ko: '폴더입니다' },
  EACCES: { en: 'permission denied', ko: '권한이 없습니다' },
  EROFS: { en: 'the disk is read-only', ko: '읽기 전용 디스크입니다' },
};

function reasonOf(err: unknown, lang: Lang): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return REASONS[code][lang];
  return code ?? (err instanceof Error ? err.message : String(err));
}

export function newLesson(file: string, from: string | undefined, force: boolean, lang: Lang, io: CliIo): number {
  if (!/\.ya?ml$/i.test(file)) {
    io.stderr.write(`${say(W.notYaml, lang, { file })}\n`);
    return 2;
  }
  let text: string;
  if (from === undefined) text = starterLesson(file, lang);
  else {
    const found = findLesson(from, lang);
    if (!found.ok) {
      io.stderr.write(`${'notFound' in found ? say(W.noLesson, lang, { name: from, known: found.known.join(', ') }) : found.problems.map(formatProblem).join('\n')}\n`);
      return 1;
    }
    text = copiedLesson(readFileSync(found.loaded.file, 'utf8'), file);
  }
  try {
    // 'wx' fails if the file is there, in the same call that would write it: no race.
    writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      io.stderr.write(`${say(W.exists, lang, { file })}\n`);
      return 1;
    }
    io.stderr.write(`${say(W.cannotWrite, lang, { file, reason: reasonOf(err, lang) })}\n`);
    return 1;
  }
  io.stderr.write(`${say(W.wrote, lang, { file })}\n`);
  return 0;
}
