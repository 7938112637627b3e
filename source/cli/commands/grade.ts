// `tcp-tutor grade REPORT... [--csv FILE] [--json] [--lesson-dir DIR]`: a class's reports
// rolled up. Each report's lesson is found and replayed with its seed (report/regrade.ts
// re-grades it with the one grader); a file that is not a report is one line on standard
// error and the others are still graded.
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { say as sayText, type Lang, type Text, type TextParams } from '../../i18n/text.js';
import { compileLesson } from '../../lesson/compile.js';
import { lessonHash } from '../../lesson/hash.js';
import { loadLessonFile, type LoadedLesson } from '../../lesson/loader.js';
import { builtinLessonFiles } from '../../lesson/registry.js';
import { csvRecord, spreadsheetText } from '../../report/csv.js';
import { MAX_REPORT_BYTES, REPORT_VERSION, readReport, type Report, type ReportProblem } from '../../report/format.js';
import { quizTotals, regrade, type Alteration, type GradedRun, type Replayed } from '../../report/regrade.js';
import { fit, fitStart, widthOf, wrap } from '../../ui/text-width.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from '../io.js';

/** The table's width: it fits a default terminal and a printed page. */
export const TABLE_COLUMNS = 80;

const L = {
  notAFile: { en: 'not a regular file (a folder, a device or a pipe)', ko: '일반 파일이 아닙니다(폴더, 장치, 파이프)' },
  unreadable: { en: 'cannot read it: {message}', ko: '읽을 수 없습니다: {message}' },
  tooBig: { en: 'larger than {limit} bytes: not a report', ko: '{limit}바이트보다 큽니다. 보고서가 아닙니다' },
  empty: { en: 'empty: not a report', ko: '비어 있습니다. 보고서가 아닙니다' },
  notUtf8: { en: 'not text (a binary file?): not a report', ko: '텍스트가 아닙니다(바이너리 파일?). 보고서가 아닙니다' },
  notJson: { en: 'not JSON: a report is the JSON file that play --report writes', ko: 'JSON이 아닙니다. 보고서는 play --report가 쓰는 JSON 파일입니다' },
  notAReport: { en: 'JSON, but not a tcp-tutor report (no "format": "tcp-tutor-report")', ko: 'JSON이지만 tcp-tutor 보고서가 아닙니다("format": "tcp-tutor-report"가 없음)' },
  olderVersion: {
    en: 'a report from an older tcp-tutor, without the lesson’s hash: it cannot be checked; ask for a new run',
    ko: '레슨 해시가 없는 예전 tcp-tutor의 보고서라 확인할 수 없습니다. 새로 실행해 달라고 하세요',
  },
  newerVersion: { en: 'report version {version}: this tcp-tutor reads version {ours}; update tcp-tutor', ko: '보고서 버전 {version}입니다. 이 tcp-tutor는 버전 {ours}를 읽습니다. tcp-tutor를 업데이트하세요' },
  badField: { en: 'not a whole report: the field {field} is missing or holds the wrong kind of value', ko: '온전한 보고서가 아닙니다. {field} 필드가 없거나 맞지 않는 값입니다' },
  lessonNotFound: {
    en: '! lesson not found: {lesson} ({where}); marks are as the report claims, not re-graded',
    ko: '! 레슨을 찾을 수 없습니다: {lesson} ({where}). 표시는 보고서에 적힌 그대로이며 다시 채점하지 않았습니다',
  },
  lessonBroken: { en: '! lesson {lesson} cannot be replayed: {problem}', ko: '! {lesson} 레슨을 재생할 수 없습니다: {problem}' },
  lessonChanged: {
    en: '! lesson changed since the run: graded against the lesson as it is now',
    ko: '! 실행한 뒤 레슨이 바뀌었습니다. 지금의 레슨으로 채점했습니다',
  },
  claimedRight: { en: '! answer altered: {id} is marked right, but its answer {given} is wrong', ko: '! 답이 고쳐졌습니다: {id:은} 맞음으로 적혀 있지만 답 {given:은} 틀렸습니다' },
  claimedWrong: { en: '! answer altered: {id} is marked wrong, but its answer {given} is right', ko: '! 답이 고쳐졌습니다: {id:은} 틀림으로 적혀 있지만 답 {given:은} 맞습니다' },
  expectedDiffers: {
    en: '! answer altered: the right answer to {id} is recorded as {recorded}; the lesson with seed {seed} gives {replayed}',
    ko: '! 답이 고쳐졌습니다: {id}의 정답이 {recorded:으로} 적혀 있지만 시드 {seed}의 레슨에서는 {replayed}입니다',
  },
  missing: { en: '! answer altered: the quiz {id} is missing from the report', ko: '! 답이 고쳐졌습니다: {id} 퀴즈가 보고서에 없습니다' },
  unknown: { en: '! answer altered: the report has a quiz {id} that this lesson does not ask', ko: '! 답이 고쳐졌습니다: 보고서에 이 레슨에 없는 {id} 퀴즈가 있습니다' },
  duplicate: { en: '! answer altered: the quiz {id} appears twice', ko: '! 답이 고쳐졌습니다: {id} 퀴즈가 두 번 나옵니다' },
  score: { en: '! answer altered: the report says {claimed} right; its answers say {counted}', ko: '! 답이 고쳐졌습니다: 보고서에는 {claimed}개를 맞혔다고 적혀 있지만 답으로는 {counted}개입니다' },
  noAnswer: { en: '(none)', ko: '(없음)' },
  builtinWhere: { en: 'built-in {name}', ko: '내장 {name}' },
  lessonHead: { en: '{lesson}: {runs} report{s}, {quizzes} quiz{zes}', ko: '{lesson}: 보고서 {runs}개, 퀴즈 {quizzes}개' },
  learner: { en: 'learner', ko: '학습자' },
  scoreHead: { en: 'score', ko: '점수' },
  timeHead: { en: 'time', ko: '시간' },
  seedHead: { en: 'seed', ko: '시드' },
  quizzesHead: { en: 'quizzes', ko: '퀴즈' },
  mostMissed: { en: 'most missed', ko: '많이 틀린 퀴즈' },
  wrongHead: { en: 'wrong', ko: '틀림' },
  rightHead: { en: 'right', ko: '맞음' },
  summary: { en: '{read} of {files} reports graded', ko: '보고서 {files}개 중 {read}개를 채점했습니다' },
  flagged: { en: '; {n} flagged (!)', ko: '. {n}개에 표시(!)가 있습니다' },
  noneRead: { en: 'tcp-tutor grade: no report could be read', ko: 'tcp-tutor grade: 읽을 수 있는 보고서가 없습니다' },
  csvUnwritable: { en: 'tcp-tutor grade: cannot write {file}: {message}', ko: 'tcp-tutor grade: {file}에 쓸 수 없습니다: {message}' },
  bothToStdout: { en: 'tcp-tutor grade: --csv - and --json both write to standard output; give --csv a file name', ko: 'tcp-tutor grade: --csv -와 --json은 둘 다 표준 출력에 씁니다. --csv에는 파일 이름을 주세요' },
  lessonDirUnreadable: { en: 'tcp-tutor grade: cannot read the folder {dir}: {message}', ko: 'tcp-tutor grade: {dir} 폴더를 읽을 수 없습니다: {message}' },
} as const satisfies Record<string, Text>;

function say(lang: Lang, key: keyof typeof L, params: TextParams = {}): string {
  return sayText(L[key], lang, params);
}

export interface GradeOptions {
  readonly csv: string | null;
  readonly json: boolean;
  readonly lessonDir: string | null;
  readonly lang: Lang;
}

/** A report read and graded, with the file it came from and what is known about its lesson. */
export interface Row {
  readonly file: string;
  readonly learner: string;
  readonly run: GradedRun;
  /** Why the lesson could not be replayed, as shown; null when it was. */
  readonly notReplayed: string | null;
}

export function grade(files: readonly string[], opts: GradeOptions, io: CliIo): number {
  const { lang } = opts;
  if (opts.csv === '-' && opts.json) {
    io.stderr.write(`${say(lang, 'bothToStdout')}\n`);
    return EXIT_USAGE;
  }
  const lessons = new LessonFinder(opts.lessonDir, lang, io);
  const rows: Row[] = [];
  const unreadable: { file: string; problem: ReportProblem['kind']; message: string }[] = [];
  for (const file of files) {
    const r = readReport(file);
    if (!r.ok) {
      const message = problemText(r.problem, lang);
      const at = r.problem.kind === 'notJson' ? `${file}:${r.problem.line}:${r.problem.col}` : file;
      io.stderr.write(`${clean(at)}: ${message}\n`);
      unreadable.push({ file, problem: r.problem.kind, message });
      continue;
    }
    const found = lessons.replay(r.report);
    rows.push({
      file,
      learner: r.report.learner ?? basename(file, extname(file)),
      run: regrade(r.report, 'replayed' in found ? found.replayed : null),
      notReplayed: 'replayed' in found ? null : found.why,
    });
  }
  rows.sort((a, b) => (a.run.report.lesson < b.run.report.lesson ? -1 : a.run.report.lesson > b.run.report.lesson ? 1 : a.learner.localeCompare(b.learner) || (a.file < b.file ? -1 : 1)));

  if (opts.csv !== null) {
    const csv = csvOf(rows, lang);
    if (opts.csv === '-') io.stdout.write(csv);
    else {
      try {
        writeFileSync(opts.csv, csv);
      } catch (e) {
        io.stderr.write(`${say(lang, 'csvUnwritable', { file: opts.csv, message: e instanceof Error ? e.message : String(e) })}\n`);
        return EXIT_FAILURE;
      }
    }
  }
  if (opts.json) io.stdout.write(`${JSON.stringify(jsonOf(rows, unreadable, lang), null, 2)}\n`);
  else if (opts.csv !== '-' && rows.length > 0) io.stdout.write(tableOf(rows, lang).map((l) => `${l}\n`).join(''));

  const flagged = rows.filter((r) => notesOf(r, lang).length > 0).length;
  if (rows.length === 0) {
    io.stderr.write(`${say(lang, 'noneRead')}\n`);
    return EXIT_FAILURE;
  }
  io.stderr.write(`${say(lang, 'summary', { read: rows.length, files: files.length })}${flagged ? say(lang, 'flagged', { n: flagged }) : ''}\n`);
  return EXIT_OK;
}

function problemText(p: ReportProblem, lang: Lang): string {
  switch (p.kind) {
    case 'unreadable':
      return say(lang, 'unreadable', { message: p.message });
    case 'tooBig':
      return say(lang, 'tooBig', { limit: MAX_REPORT_BYTES });
    case 'newerVersion':
      return say(lang, 'newerVersion', { version: p.version, ours: REPORT_VERSION });
    case 'badField':
      return say(lang, 'badField', { field: clean(p.field) });
    case 'notJson':
      return say(lang, 'notJson');
    default:
      return say(lang, p.kind);
  }
}

/**
 * Finds the lesson a report was run on and replays it with the report's seed. A built-in
 * lesson by its file name or id; a lesson of one's own by id in --lesson-dir, else at the
 * path the report recorded. Lessons are loaded once, and compiled once per seed.
 */
class LessonFinder {
  private readonly loaded = new Map<string, LoadedLesson | null>();
  private readonly replays = new Map<string, { replayed: Replayed } | { why: string }>();
  private dirIndex: Map<string, string> | null = null;
  private builtinIndex: Map<string, string> | null = null;

  constructor(private readonly dir: string | null, private readonly lang: Lang, private readonly io: CliIo) {}

  replay(report: Report): { replayed: Replayed } | { why: string } {
    const file = this.fileOf(report);
    if (file === null) {
      const src = report.lessonSource;
      const where = src.kind === 'builtin' ? say(this.lang, 'builtinWhere', { name: src.name }) : src.path;
      return { why: say(this.lang, 'lessonNotFound', { lesson: report.lesson, where: clean(where) }) };
    }
    const key = `${file}\u0000${report.seed}`;
    let r = this.replays.get(key);
    if (!r) {
      const loaded = this.load(file)!;
      const compiled = compileLesson(loaded, { seed: report.seed });
      r = compiled.ok
        ? { replayed: { hash: lessonHash(loaded.lesson), quizzes: compiled.compiled.quizzes } }
        : { why: say(this.lang, 'lessonBroken', { lesson: report.lesson, problem: clean(formatFirst(compiled.problems)) }) };
      this.replays.set(key, r);
    }
    return r;
  }

  private fileOf(report: Report): string | null {
    const src = report.lessonSource;
    const candidates = src.kind === 'builtin'
      ? [this.builtins().get(`file:${src.name}`), this.builtins().get(`id:${report.lesson}`)]
      : [this.inDir().get(report.lesson), src.path];
    for (const f of candidates) {
      if (f === undefined) continue;
      // The file must still hold the lesson the report names.
      if (this.load(f)?.lesson.id === report.lesson) return f;
    }
    return null;
  }

  private load(file: string): LoadedLesson | null {
    if (!this.loaded.has(file)) {
      const r = loadLessonFile(file, this.lang);
      this.loaded.set(file, r.ok ? r.loaded : null);
    }
    return this.loaded.get(file)!;
  }

  private builtins(): Map<string, string> {
    if (this.builtinIndex === null) {
      this.builtinIndex = new Map();
      for (const f of builtinLessonFiles()) {
        this.builtinIndex.set(`file:${basename(f)}`, f);
        const id = this.load(f)?.lesson.id;
        if (id !== undefined) this.builtinIndex.set(`id:${id}`, f);
      }
    }
    return this.builtinIndex;
  }

  private inDir(): Map<string, string> {
    if (this.dirIndex === null) {
      this.dirIndex = new Map();
      if (this.dir !== null) {
        let names: string[] = [];
        try {
          names = readdirSync(this.dir).filter((f) => /\.ya?ml$/.test(f)).sort();
        } catch (e) {
          this.io.stderr.write(`${say(this.lang, 'lessonDirUnreadable', { dir: this.dir, message: e instanceof Error ? e.message : String(e) })}\n`);
        }
        for (const name of names) {
          const f = resolve(join(this.dir, name));
          const id = this.load(f)?.lesson.id;
          if (id !== undefined && !this.dirIndex.has(id)) this.dirIndex.set(id, f);
        }
      }
    }
    return this.dirIndex;
  }
}

function formatFirst(problems: readonly { file: string; line: number; col: number; message: string }[]): string {
  const p = problems[0];
  return p ? `${p.file}:${p.line}:${p.col}: ${p.message}` : '?';
}

/** Control characters from a learner's file would reach the instructor's terminal raw. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Seconds as m:ss, or h:mm:ss from an hour. */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What a row's flag lines say, in the order they are shown. */
export function notesOf(row: Row, lang: Lang): string[] {
  const { run } = row;
  const notes: string[] = [];
  if (row.notReplayed !== null) notes.push(row.notReplayed);
  if (run.lessonChanged) notes.push(say(lang, 'lessonChanged'));
  const givenOf = (id: string) => {
    const g = run.report.questions.find((q) => q.id === id)?.given;
    return g === null || g === undefined ? L.noAnswer : clean(g);
  };
  for (const a of run.alterations) notes.push(alterationText(a, givenOf, run.report.seed, lang));
  return notes;
}

function alterationText(a: Alteration, givenOf: (id: string) => string | Text, seed: number, lang: Lang): string {
  switch (a.kind) {
    case 'claimedRight':
    case 'claimedWrong':
      return say(lang, a.kind, { id: clean(a.id), given: givenOf(a.id) });
    case 'expectedDiffers':
      return say(lang, a.kind, { id: clean(a.id), recorded: clean(a.recorded), replayed: a.replayed, seed });
    case 'score':
      return say(lang, a.kind, { claimed: a.claimed, counted: a.counted });
    default:
      return say(lang, a.kind, { id: clean(a.id) });
  }
}

/** ✓ and ✗ in groups of five, so that quiz 7 is easy to find. */
function marks(run: GradedRun): string[] {
  const groups: string[] = [];
  run.quizzes.forEach((q, i) => {
    if (i % 5 === 0) groups.push('');
    groups[groups.length - 1] += q.correct ? '✓' : '✗';
  });
  return groups;
}

/** One section per lesson: a row per report with its flags under it, then the quizzes most missed. */
export function tableOf(rows: readonly Row[], lang: Lang): string[] {
  const W = { learner: 18, score: 7, time: 7, seed: 11 };
  const marksAt = 2 + W.learner + W.score + W.time + 2 + W.seed;
  const marksWidth = TABLE_COLUMNS - marksAt;
  const out: string[] = [];
  const totals = quizTotals(rows.map((r) => r.run));
  const lessons = [...new Set(rows.map((r) => r.run.report.lesson))];
  for (const lesson of lessons) {
    const mine = rows.filter((r) => r.run.report.lesson === lesson);
    const quizzes = totals.filter((t) => t.lesson === lesson);
    if (out.length > 0) out.push('');
    out.push(...wrap(say(lang, 'lessonHead', { lesson: clean(lesson), runs: mine.length, quizzes: quizzes.length, s: mine.length === 1 ? '' : 's', zes: quizzes.length === 1 ? '' : 'zes' }), TABLE_COLUMNS));
    out.push(`  ${fit(say(lang, 'learner'), W.learner)}${fitStart(say(lang, 'scoreHead'), W.score)}${fitStart(say(lang, 'timeHead'), W.time)}  ${fit(say(lang, 'seedHead'), W.seed)}${say(lang, 'quizzesHead')}`.trimEnd());
    for (const row of mine) {
      const { run } = row;
      const left = `  ${fit(clean(row.learner), W.learner)}${fitStart(`${run.score}/${run.total}`, W.score)}${fitStart(clock(run.report.seconds), W.time)}  ${fit(String(run.report.seed), W.seed)}`;
      // As many groups of marks on a line as fit; the rest go on lines of their own below.
      const lines: string[] = [];
      for (const g of marks(run)) {
        const last = lines.at(-1);
        if (last !== undefined && widthOf(last) + 1 + widthOf(g) <= marksWidth) lines[lines.length - 1] = `${last} ${g}`;
        else lines.push(g);
      }
      out.push(`${left}${lines[0] ?? ''}`.trimEnd());
      for (const more of lines.slice(1)) out.push(`${' '.repeat(marksAt)}${more}`);
      // A flag's own lines hang under its words, after the `! `.
      for (const note of notesOf(row, lang)) out.push(...wrap(note, TABLE_COLUMNS - 6).map((l, i) => `${i === 0 ? '    ' : '      '}${l}`));
    }
    out.push('', `  ${fit(say(lang, 'mostMissed'), TABLE_COLUMNS - 2 - 16)}${fitStart(say(lang, 'wrongHead'), 8)}${fitStart(say(lang, 'rightHead'), 8)}`);
    for (const t of quizzes) {
      out.push(`  ${fitStart(String(t.n), 3)} ${fit(clean(t.id), TABLE_COLUMNS - 2 - 4 - 16)}${fitStart(String(t.wrong), 8)}${fitStart(String(t.right), 8)}`);
    }
  }
  return out;
}

/** One record per report: who, which lesson, score, time, flags, then a 1 or 0 per quiz (`lesson:quiz`). */
export function csvOf(rows: readonly Row[], lang: Lang): string {
  const columns: string[] = [];
  for (const row of rows) {
    for (const q of row.run.quizzes) {
      const c = `${row.run.report.lesson}:${q.id}`;
      if (!columns.includes(c)) columns.push(c);
    }
  }
  const head = ['learner', 'report', 'lesson', 'seed', 'score', 'total', 'seconds', 'lesson_found', 'lesson_changed', 'altered', 'notes'];
  let csv = csvRecord([...head, ...columns.map(spreadsheetText)]);
  for (const row of rows) {
    const { run } = row;
    const byColumn = new Map(run.quizzes.map((q) => [`${run.report.lesson}:${q.id}`, q.correct ? 1 : 0]));
    csv += csvRecord([
      spreadsheetText(row.learner), spreadsheetText(row.file), spreadsheetText(run.report.lesson), run.report.seed, run.score, run.total,
      run.report.seconds, run.lessonFound ? 1 : 0, run.lessonChanged ? 1 : 0, run.alterations.length > 0 ? 1 : 0,
      spreadsheetText(notesOf(row, lang).map((n) => n.replace(/^! /, '')).join('; ')),
      ...columns.map((c) => byColumn.get(c) ?? null),
    ]);
  }
  return csv;
}

export function jsonOf(rows: readonly Row[], unreadable: readonly { file: string; problem: string; message: string }[], lang: Lang): object {
  return {
    format: 'tcp-tutor-grade',
    version: 1,
    runs: rows.map((row) => {
      const { run } = row;
      return {
        learner: row.learner, report: row.file, lesson: run.report.lesson, seed: run.report.seed,
        score: run.score, total: run.total, seconds: run.report.seconds, startedAt: run.report.startedAt,
        lessonFound: run.lessonFound, lessonChanged: run.lessonChanged,
        quizzes: run.quizzes, alterations: run.alterations,
        notes: notesOf(row, lang).map((n) => n.replace(/^! /, '')),
      };
    }),
    quizzes: quizTotals(rows.map((r) => r.run)),
    unreadable,
  };
}
