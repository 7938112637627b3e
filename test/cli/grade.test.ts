// `tcp-tutor grade` on reports from real runs of the built CLI (dist/cli.js, answers piped
// in), on reports edited by hand, on a report of a lesson edited since, and on garbage.
// Every score here is counted by hand from the answers given on purpose.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { builtinLessonFiles } from '../../source/lesson/registry.js';
import { parseCsv } from '../helpers/csv.js';

const CLI = resolve('dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-grade-'));
const at = (name: string) => join(dir, name);

/**
 * The handshake lesson's 11 quizzes, in order: server-listen, client-synsent, server-synrcvd,
 * synack-flags, synack-ack-abs, synack-ack-rel, client-established, ack-seq-abs, ack-ack-abs,
 * ack-next-seq, server-established. States (RFC 9293 §3.10), flags and relative numbers are
 * known without running anything; the absolute numbers depend on the seed, so 0 is wrong.
 */
const IDS = ['server-listen', 'client-synsent', 'server-synrcvd', 'synack-flags', 'synack-ack-abs', 'synack-ack-rel',
  'client-established', 'ack-seq-abs', 'ack-ack-abs', 'ack-next-seq', 'server-established'];
/** Right but for quizzes 5, 8, 9 (absolute numbers) and 11 (CLOSED): 7 of 11. */
const ALICE = ['LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'S.', '0', '1', 'ESTABLISHED', '0', '0', '1', 'CLOSED'];
/** As Alice, but quiz 11 right: 8 of 11. */
const KIM = [...ALICE.slice(0, 10), 'ESTABLISHED'];

/** A real run of the built CLI, answers piped to it. */
function playRun(args: string[], answers: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(process.execPath, [CLI, 'play', ...args], {
    input: answers.map((a) => `${a}\n`).join(''), encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', TCP_TUTOR_NAME: '', ...env },
  });
  if (r.status !== 0) throw new Error(`play ${args.join(' ')}: ${r.stderr}`);
}

async function grade(args: string[], env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }) {
  let out = '';
  let err = '';
  const code = await main(['grade', ...args], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env });
  // A flag wrapped onto more lines, read as the one line it is.
  const text = out.replace(/\n {6}(?=\S)/g, ' ');
  return { code, out, err, text, lines: out.split('\n').filter(Boolean) };
}

function editReport(from: string, to: string, edit: (r: { score: number; questions: { id: string; given: string | null; expected: string; correct: boolean }[] }) => void): string {
  const r = JSON.parse(readFileSync(at(from), 'utf8'));
  edit(r);
  writeFileSync(at(to), JSON.stringify(r, null, 2));
  return at(to);
}

const handshakeFile = builtinLessonFiles().find((f) => f.endsWith('09-handshake.yaml'))!;
const LAST_QUIZ = '  - quiz:\n      id: server-established\n      ask: state\n      host: server\n      frame: { from: client, flags: A }\n';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is not built: node scripts/build.mjs');
  playRun(['handshake', '--json', '--seed', '9', '--report', at('alice.json')], ALICE);
  playRun(['handshake', '--plain', '--seed', '9', '--report', at('minji.json')], ['LISTEN'], { TCP_TUTOR_NAME: '김민지' });
  playRun(['handshake', '--json', '--seed', '9', '--name', 'Kim, "Minji"', '--report', at('kim.json')], KIM);
  // One's own lesson: a copy of the handshake with its own id, run from its file.
  const text = readFileSync(handshakeFile, 'utf8').replace(/^id: handshake$/m, 'id: my-handshake');
  expect(text).toContain(LAST_QUIZ);
  mkdirSync(at('course'));
  writeFileSync(at('course/mine.yaml'), text);
  playRun([at('course/mine.yaml'), '--json', '--seed', '9', '--report', at('own.json')], ALICE);
  // A lesson that moves after the run: found again only through --lesson-dir.
  mkdirSync(at('before'));
  mkdirSync(at('after'));
  writeFileSync(at('before/moving.yaml'), text.replace(/^id: my-handshake$/m, 'id: moving'));
  playRun([at('before/moving.yaml'), '--json', '--seed', '9', '--report', at('moved.json')], KIM);
  renameSync(at('before/moving.yaml'), at('after/moving.yaml'));
  // Alice's report edited by hand: a wrong answer (0 for an absolute ack) flipped to right...
  editReport('alice.json', 'flipped.json', (r) => {
    r.questions[4]!.correct = true;
    r.score += 1;
  });
  // ...her right LISTEN changed to CLOSED, still marked right...
  editReport('alice.json', 'changed.json', (r) => {
    r.questions[0]!.given = 'CLOSED';
  });
  // ...and the right answer rewritten to her wrong one.
  editReport('alice.json', 'expected.json', (r) => {
    r.questions[4]!.expected = '0';
    r.questions[4]!.correct = true;
    r.score += 1;
  });
}, 60_000);

describe('grade on reports from real runs', () => {
  it('scores each learner as answered, in a table that fits 80 columns', async () => {
    const r = await grade([at('alice.json'), at('minji.json'), at('kim.json')]);
    expect(r.code).toBe(0);
    for (const line of r.lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    const row = (name: string) => r.lines.find((l) => l.startsWith(`  ${name} `))!;
    // The learner: --name, then TCP_TUTOR_NAME, then the report's file name.
    expect(row('alice')).toMatch(/ 7\/11 .* 9 +✓✓✓✓✗ ✓✓✗✗✓ ✗$/);
    expect(row('Kim, "Minji"')).toMatch(/ 8\/11 .* ✓✓✓✓✗ ✓✓✗✗✓ ✓$/);
    expect(row('김민지')).toMatch(/ 1\/11 .* ✓✗✗✗✗ ✗✗✗✗✗ ✗$/);
    expect(r.out).not.toContain('!');
    expect(r.err).toBe('3 of 3 reports graded\n');
  });

  it('names the quizzes the class missed most: all three missed 5, 8 and 9; two missed 11', async () => {
    const r = await grade([at('alice.json'), at('minji.json'), at('kim.json')]);
    const head = r.lines.findIndex((l) => l.includes('most missed'));
    const rows = r.lines.slice(head + 1).map((l) => l.trim().split(/\s+/));
    expect(rows.slice(0, 4)).toEqual([['5', 'synack-ack-abs', '3', '0'], ['8', 'ack-seq-abs', '3', '0'], ['9', 'ack-ack-abs', '3', '0'], ['11', 'server-established', '2', '1']]);
    expect(rows.find((x) => x[1] === 'server-listen')).toEqual(['1', 'server-listen', '0', '3']);
    expect(rows).toHaveLength(11);
  });

  it('keeps a long name inside 80 columns', async () => {
    // --name wins over TCP_TUTOR_NAME; a name past 200 characters is cut to 200 in the report.
    playRun(['handshake', '--json', '--seed', '9', '--name', '김'.repeat(40), '--report', at('long.json')], ALICE, { TCP_TUTOR_NAME: 'someone else' });
    expect(JSON.parse(readFileSync(at('long.json'), 'utf8')).learner).toBe('김'.repeat(40));
    playRun(['handshake', '--json', '--seed', '9', '--report', at('longer.json')], ALICE, { TCP_TUTOR_NAME: '😀'.repeat(150) });
    expect(JSON.parse(readFileSync(at('longer.json'), 'utf8')).learner).toBe('😀'.repeat(100));
    const r = await grade([at('long.json'), at('longer.json')]);
    expect(r.err).toBe('2 of 2 reports graded\n');
    for (const line of r.lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(r.out).toContain('7/11');
  });
});

describe('edited reports', () => {
  it('a wrong answer flipped to "correct": true is flagged and not counted', async () => {
    const f = at('flipped.json');
    const r = await grade([f]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('7/11');
    expect(r.text).toContain('! answer altered: synack-ack-abs is marked right, but its answer 0 is wrong');
    expect(r.err).toContain('1 flagged');
  });

  it('an answer changed after the run is flagged and graded as it now reads', async () => {
    const f = at('changed.json');
    const r = await grade([f]);
    expect(r.out).toContain('6/11');
    expect(r.text).toContain('! answer altered: server-listen is marked right, but its answer CLOSED is wrong');
  });

  it('a right answer rewritten to match a wrong one is flagged', async () => {
    const f = at('expected.json');
    const r = await grade([f]);
    expect(r.out).toContain('7/11');
    expect(r.text).toMatch(/! answer altered: the right answer to synack-ack-abs is recorded as 0; the lesson with seed 9 gives \d+/);
  });

  it('in Korean, with the particles that fit each word', async () => {
    const r = await grade([at('changed.json'), at('kim.json')], { LANG: 'ko_KR.UTF-8' });
    expect(r.out).toContain('학습자');
    expect(r.out).toContain('많이 틀린 퀴즈');
    // server-listen ends in n (엔): 은; CLOSED ends in D (디): 는.
    expect(r.text).toContain('! 답이 고쳐졌습니다: server-listen은 맞음으로 적혀 있지만 답 CLOSED는 틀렸습니다');
    expect(r.err).toBe('보고서 2개 중 2개를 채점했습니다. 1개에 표시(!)가 있습니다\n');
    for (const line of r.lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
  });
});

describe('a lesson of one’s own', () => {
  it('unchanged: found at the path the report recorded, scored as answered', async () => {
    const r = await grade([at('own.json')]);
    expect(r.out).toContain('my-handshake: 1 report, 11 quizzes');
    expect(r.out).toContain('7/11');
    expect(r.out).not.toContain('!');
  });

  it('edited since the run: graded against the lesson as it is now, and said so', async () => {
    // The last quiz (server-established, which Alice got wrong) is taken out: 7 of 10.
    const before = readFileSync(at('course/mine.yaml'), 'utf8');
    writeFileSync(at('course/mine.yaml'), before.replace(LAST_QUIZ, ''));
    try {
      const r = await grade([at('own.json')]);
      expect(r.out).toContain('7/10');
      expect(r.text).toContain('! lesson changed since the run: graded against the lesson as it is now');
      expect(r.out).not.toContain('answer altered');
      const ko = await grade([at('own.json')], { LANG: 'ko_KR.UTF-8' });
      expect(ko.text).toContain('! 실행한 뒤 레슨이 바뀌었습니다. 지금의 레슨으로 채점했습니다');
    } finally {
      writeFileSync(at('course/mine.yaml'), before);
    }
  });

  it('moved: not found, then found with --lesson-dir', async () => {
    const lost = await grade([at('moved.json')]);
    expect(lost.code).toBe(0);
    expect(lost.text).toContain('! lesson not found: moving (');
    expect(lost.out).toContain('8/11');
    const found = await grade([at('moved.json'), '--lesson-dir', at('after')]);
    expect(found.out).toContain('8/11');
    expect(found.out).not.toContain('!');
  });
});

describe('CSV and JSON', () => {
  it('CSV reads back by RFC 4180, a name with a comma and quotes included', async () => {
    const csv = at('class.csv');
    const r = await grade([at('alice.json'), at('kim.json'), '--csv', csv]);
    expect(r.out).toContain('7/11');
    const [head, ...rows] = parseCsv(readFileSync(csv, 'utf8'));
    expect(head).toEqual(['learner', 'report', 'lesson', 'seed', 'score', 'total', 'seconds', 'lesson_found', 'lesson_changed', 'altered', 'notes', ...IDS.map((id) => `handshake:${id}`)]);
    const kim = rows.find((x) => x[0] === 'Kim, "Minji"')!;
    expect(kim.slice(2, 6)).toEqual(['handshake', '9', '8', '11']);
    expect(kim.slice(11)).toEqual(['1', '1', '1', '1', '0', '1', '1', '0', '0', '1', '1']);
    const alice = rows.find((x) => x[0] === 'alice')!;
    expect(alice.slice(11)).toEqual(['1', '1', '1', '1', '0', '1', '1', '0', '0', '1', '0']);
  });

  it('--csv - writes the CSV alone to standard output', async () => {
    const r = await grade([at('alice.json'), '--csv', '-']);
    expect(parseCsv(r.out)).toHaveLength(2);
  });

  it('--csv - with --json is a usage mistake: both would write to standard output', async () => {
    const r = await grade([at('alice.json'), '--csv', '-', '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--csv - and --json both write to standard output');
  });

  it('JSON: the runs, the totals per quiz and the files not read', async () => {
    writeFileSync(at('garbage.json'), 'hello');
    const r = await grade([at('alice.json'), at('flipped.json'), at('garbage.json'), '--json']);
    const j = JSON.parse(r.out);
    expect(j.runs.map((x: { learner: string; score: number; total: number }) => [x.learner, x.score, x.total])).toEqual([['alice', 7, 11], ['flipped', 7, 11]]);
    expect(j.runs[1].alterations).toEqual([{ kind: 'claimedRight', id: 'synack-ack-abs' }]);
    expect(j.quizzes.find((q: { id: string }) => q.id === 'server-established')).toEqual({ lesson: 'handshake', id: 'server-established', n: 11, right: 0, wrong: 2 });
    expect(j.unreadable).toEqual([expect.objectContaining({ file: at('garbage.json'), problem: 'notJson' })]);
  });
});

describe('bad files: one line each, the roll-up goes on', () => {
  const bad: [string, string | Uint8Array][] = [
    ['empty.json', ''],
    ['binary.dat', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00])],
    ['shape.json', '{"format": "tcp-tutor-report", "version": 2, "lesson": "handshake"}'],
    ['foreign.json', '{"name": "left-pad", "version": "1.3.0"}'],
    ['huge.json', `{"x": "${'a'.repeat(2 * 1024 * 1024)}"}`],
  ];
  beforeAll(() => {
    for (const [name, content] of bad) writeFileSync(at(name), content);
    writeFileSync(at('truncated.json'), readFileSync(at('alice.json'), 'utf8').slice(0, 300));
    copyFileSync(at('alice.json'), at('good.json'));
  });
  const files = () => [...bad.map(([n]) => at(n)), at('truncated.json'), at('no-such.json'), dir];

  it('names each bad file once, never with a stack trace, and grades the good one', async () => {
    const r = await grade([...files(), at('good.json')]);
    expect(r.code).toBe(0);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(files().length + 1);
    for (const f of files()) expect(lines.filter((l) => l.startsWith(`${f}:`)), f).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at |Error:|internal/);
    expect(r.err).toMatch(/truncated\.json:\d+:\d+: not JSON/);
    expect(lines.at(-1)).toBe(`1 of ${files().length + 1} reports graded`);
    expect(r.out).toContain('7/11');
  });

  it('exits 1 when no report could be read, and says so (the built CLI)', () => {
    const r = spawnSync(process.execPath, [CLI, 'grade', ...files()], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' }, timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('tcp-tutor grade: no report could be read');
  });
});

describe('help', () => {
  it('grade --help teaches in both languages within 80 columns; the main help lists grade', async () => {
    for (const LANG of ['en_US.UTF-8', 'ko_KR.UTF-8']) {
      let out = '';
      await main(['grade', '--help'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: { LANG } });
      // Its own words and options; the options every command shares are not grade's to wrap.
      const own = out.split('\n').filter((l) => !/^ {2}(-[hV],| {4}--(lang|seed|plain|no-color))/.test(l));
      expect(own.length).toBeGreaterThan(20);
      for (const line of own) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
      expect(out).toContain('--lesson-dir DIR');
      expect(out).toContain(LANG.startsWith('ko') ? '종료 코드' : 'Exit code');
      let top = '';
      await main(['--help'], { stdout: { write: (s: string) => (top += s) }, stderr: { write: () => true }, env: { LANG } });
      expect(top).toContain('grade REPORT...');
      expect(top).toContain('TCP_TUTOR_NAME');
    }
  });
});
