// `tcp-tutor progress [LESSON] [--reset [--yes] | --export FILE | --import FILE]`: what
// is saved, per lesson; forgetting it (asked first: y/N in a terminal, --yes otherwise);
// and moving it between machines. An import merges, lesson by lesson, the newer wins.
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { createInterface } from 'node:readline';
import { say as sayText, type Lang, type Text } from '../../i18n/text.js';
import { readCatalog } from '../../lesson/catalog.js';
import { parse, serialize, stepReached, type LessonProgress } from '../../progress/data.js';
import { openStore, progressDir, writeAtomic } from '../../progress/store.js';
import type { OptionValue } from '../args.js';
import { isTerminal, type CliIo } from '../io.js';
import { fit, widthOf } from '../../ui/text-width.js';

const L = {
  where: { en: 'Progress saved in {file}', ko: '진행 상황 저장 위치: {file}' },
  done: { en: '✓ done', ko: '✓ 끝냄' },
  going: { en: '… step {step}/{steps}', ko: '… {step}/{steps}단계' },
  notStarted: { en: '— not started', ko: '— 시작 전' },
  score: { en: 'score {score}/{total}  best {best}/{total}', ko: '점수 {score}/{total}  최고 {best}/{total}' },
  summary: { en: '{done} of {lessons} lessons done, {going} in progress.', ko: '레슨 {lessons}개 중 {done}개 끝냄, {going}개 진행 중.' },
  noLesson: { en: "tcp-tutor progress: no lesson '{id}'. Lessons: {known}", ko: "tcp-tutor progress: '{id}' 레슨이 없습니다. 레슨: {known}" },
  oneAction: { en: 'tcp-tutor progress: use one of --reset, --export and --import at a time', ko: 'tcp-tutor progress: --reset, --export, --import는 한 번에 하나만 쓰세요' },
  askAll: { en: 'Forget all your progress? [y/N] ', ko: '진행 상황을 모두 지울까요? [y/N] ' },
  askOne: { en: 'Forget your progress in {id}? [y/N] ', ko: '{id} 레슨의 진행 상황을 지울까요? [y/N] ' },
  needYes: {
    en: "tcp-tutor progress: nothing reset: there is no terminal to ask in. Add --yes to confirm: 'tcp-tutor progress --reset{id} --yes'",
    ko: "tcp-tutor progress: 지우지 않았습니다: 물어볼 터미널이 없습니다. 확인하려면 --yes를 붙이세요: 'tcp-tutor progress --reset{id} --yes'",
  },
  kept: { en: 'Nothing reset.', ko: '지우지 않았습니다.' },
  resetAll: { en: 'All progress forgotten.', ko: '진행 상황을 모두 지웠습니다.' },
  resetOne: { en: 'Progress in {id} forgotten.', ko: '{id} 레슨의 진행 상황을 지웠습니다.' },
  nothingSaved: { en: 'Nothing was saved for {id}.', ko: '{id} 레슨에 저장된 것이 없습니다.' },
  notSaved: { en: 'tcp-tutor progress: could not write {file}.', ko: 'tcp-tutor progress: {file}에 쓸 수 없습니다.' },
  minutes: { en: 'about {n} min', ko: '약 {n}분' },
  exported: { en: 'Exported {n} lessons to {file}.', ko: '레슨 {n}개의 진행 상황을 {file}에 저장했습니다.' },
  cannotExport: { en: 'tcp-tutor progress: cannot write {file}: {reason}', ko: 'tcp-tutor progress: {file}에 쓸 수 없습니다: {reason}' },
  cannotImport: { en: 'tcp-tutor progress: cannot import {file}: {reason}', ko: 'tcp-tutor progress: {file} 파일을 가져올 수 없습니다: {reason}' },
  skipped: { en: 'Left out {n} record(s) that could not be read ({reason}).', ko: '읽을 수 없는 기록 {n}개는 빼고 가져왔습니다({reason}).' },
  notRegular: { en: 'it is not a regular file (a device, a folder or a link), so it is left as it is', ko: '일반 파일이 아니므로(장치, 폴더, 링크) 그대로 둡니다' },
  imported: { en: 'Imported {n} lessons from {file} (the newer of each lesson kept).', ko: '{file}에서 레슨 {n}개를 가져왔습니다 (레슨마다 더 최근 것을 남김).' },
} as const satisfies Record<string, Text>;

function say(lang: Lang, key: keyof typeof L, params: Record<string, string | number | Text> = {}): string {
  return sayText(L[key], lang, params);
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ?? (err instanceof Error ? err.message : String(err));
}

async function ask(question: string, io: CliIo): Promise<boolean> {
  io.stdout.write(question);
  const rl = createInterface({ input: io.stdin!, terminal: false });
  const line = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  return /^\s*(y|yes|예|네|ㅇ)\s*$/i.test(line);
}

function statusOf(p: LessonProgress | undefined, lang: Lang): string {
  if (!p) return say(lang, 'notStarted');
  return p.done ? say(lang, 'done') : say(lang, 'going', { step: stepReached(p), steps: p.steps });
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

export async function progress(lesson: string | null, options: Readonly<Record<string, OptionValue>>, lang: Lang, io: CliIo): Promise<number> {
  const actions = (['reset', 'export', 'import'] as const).filter((a) => options[a] !== undefined);
  if (actions.length > 1) {
    io.stderr.write(`${say(lang, 'oneAction')}\n`);
    return 2;
  }
  const store = openStore(progressDir({ env: io.env }), { warn: (line) => io.stderr.write(`${line}\n`), lang });
  const saved = store.read();
  const catalog = await readCatalog();
  const known = [...catalog.entries.map((e) => e.id), ...Object.keys(saved.lessons).filter((id) => !catalog.entries.some((e) => e.id === id))];
  if (lesson !== null && !known.includes(lesson)) {
    io.stderr.write(`${say(lang, 'noLesson', { id: lesson, known: catalog.entries.map((e) => e.id).join(', ') })}\n`);
    return 1;
  }

  if (options.reset) {
    if (lesson !== null && !saved.lessons[lesson]) {
      io.stdout.write(`${say(lang, 'nothingSaved', { id: lesson })}\n`);
      return 0;
    }
    if (options.yes !== true) {
      if (!isTerminal(io)) {
        io.stderr.write(`${say(lang, 'needYes', { id: lesson === null ? '' : ` ${lesson}` })}\n`);
        return 1;
      }
      if (!(await ask(lesson === null ? say(lang, 'askAll') : say(lang, 'askOne', { id: lesson }), io))) {
        io.stdout.write(`${say(lang, 'kept')}\n`);
        return 0;
      }
    }
    if (!store.reset(lesson)) {
      io.stderr.write(`${say(lang, 'notSaved', { file: store.file })}\n`);
      return 1;
    }
    io.stdout.write(`${lesson === null ? say(lang, 'resetAll') : say(lang, 'resetOne', { id: lesson })}\n`);
    return 0;
  }

  if (typeof options.export === 'string') {
    const file = options.export;
    const lessons = lesson === null ? saved.lessons : Object.fromEntries(Object.entries(saved.lessons).filter(([id]) => id === lesson));
    const text = serialize({ lessons, settings: saved.settings });
    if (file === '-') {
      io.stdout.write(text);
      return 0;
    }
    try {
      // Only a regular file is replaced: a rename over a device or a symlink would put a
      // file where something else was.
      const there = lstatOrNull(file);
      if (there && !there.isFile()) throw new Error(say(lang, 'notRegular', {}));
      writeAtomic(file, text);
    } catch (err) {
      io.stderr.write(`${say(lang, 'cannotExport', { file, reason: errorText(err) })}\n`);
      return 1;
    }
    io.stdout.write(`${say(lang, 'exported', { n: Object.keys(lessons).length, file })}\n`);
    return 0;
  }

  if (typeof options.import === 'string') {
    const file = options.import;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      io.stderr.write(`${say(lang, 'cannotImport', { file, reason: errorText(err) })}\n`);
      return 1;
    }
    const parsed = parse(text);
    if (!parsed.ok) {
      io.stderr.write(`${say(lang, 'cannotImport', { file, reason: parsed.reason })}\n`);
      return 1;
    }
    const incoming = lesson === null ? parsed.progress : { lessons: Object.fromEntries(Object.entries(parsed.progress.lessons).filter(([id]) => id === lesson)), settings: null };
    if (!store.importProgress(incoming)) {
      io.stderr.write(`${say(lang, 'notSaved', { file: store.file })}\n`);
      return 1;
    }
    io.stdout.write(`${say(lang, 'imported', { n: Object.keys(incoming.lessons).length, file })}\n`);
    if (parsed.skipped.length > 0) io.stdout.write(`${say(lang, 'skipped', { n: parsed.skipped.length, reason: parsed.skipped[0]! })}\n`);
    return 0;
  }

  // The summary, in curriculum order; lessons of one's own (played by path) after.
  // The same minutes as the menu and `list` (lesson/catalog.ts).
  const titles = new Map(catalog.entries.map((e) => [e.id, e.minutes === null ? e.title[lang] : `${e.title[lang]} · ${say(lang, 'minutes', { n: e.minutes[lang] })}`]));
  const ids = lesson === null ? known : [lesson];
  const idWidth = Math.max(...ids.map((id) => id.length));
  const statusWidth = Math.max(...ids.map((id) => widthOf(statusOf(saved.lessons[id], lang))));
  io.stdout.write(`${say(lang, 'where', { file: store.file })}\n\n`);
  let done = 0;
  let going = 0;
  for (const id of ids) {
    const p = saved.lessons[id];
    if (p?.done) done++;
    else if (p) going++;
    const score = p ? say(lang, 'score', { score: p.score, total: p.total, best: p.best }) : '';
    io.stdout.write(`  ${id.padEnd(idWidth)}  ${fit(statusOf(p, lang), statusWidth)}  ${score}${score ? '  ' : ''}${titles.get(id) ?? ''}`.trimEnd() + '\n');
  }
  if (lesson === null) io.stdout.write(`\n${say(lang, 'summary', { done, lessons: catalog.entries.length, going })}\n`);
  return 0;
}
