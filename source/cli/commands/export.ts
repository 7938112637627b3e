import { writeFileSync } from 'node:fs';
import type { CaptureFormat } from '../../capture/packet.js';
import type { Lang } from '../../i18n/text.js';
import { compileLesson } from '../../lesson/compile.js';
import { formatProblem } from '../../lesson/problems.js';
import { pickSeed } from '../../lesson/seed.js';
import type { CliIo } from '../io.js';
import { loadNamedLesson } from '../lesson-arg.js';

/** `tcp-tutor export LESSON --out FILE [--format pcap|pcapng] [--seed N] [--no-fcs]`. */
export function exportLesson(
  name: string, out: string | undefined, format: string | undefined, seedArg: number | null, lang: Lang, io: CliIo,
  opts: { readonly fcs: boolean } = { fcs: true },
): number {
  if (!out) {
    io.stderr.write(lang === 'ko' ? 'tcp-tutor export: --out FILE로 저장할 파일을 정해 주세요\n' : 'tcp-tutor export: say where to write it with --out FILE\n');
    return 2;
  }
  const loaded = loadNamedLesson(name, lang, io);
  if (!loaded) return 1;
  // The file name decides the format unless --format says otherwise.
  const chosen: CaptureFormat = format === 'pcap' || format === 'pcapng' ? format : /\.pcap$/i.test(out) ? 'pcap' : 'pcapng';
  const seed = pickSeed(seedArg, loaded.lesson.settings?.seed);
  const compiled = compileLesson(loaded, { seed, lang });
  if (!compiled.ok) {
    for (const p of compiled.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return 1;
  }
  const capture = compiled.compiled.capture(chosen, { fcs: opts.fcs });
  if ('error' in capture) {
    io.stderr.write(`tcp-tutor export: ${capture.error}\n`);
    return 1;
  }
  try {
    writeFileSync(out, capture.bytes);
  } catch (e) {
    io.stderr.write(`tcp-tutor export: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.stderr.write(lang === 'ko'
    ? `${out}에 저장했습니다 (${chosen}, 시드 ${seed}${opts.fcs ? '' : ', FCS와 패딩 없음'}). 'tshark -r ${out}' 또는 Wireshark로 열어 보세요.\n`
    : `wrote ${out} (${chosen}, seed ${seed}${opts.fcs ? '' : ', no FCS or padding'}). Open it with 'tshark -r ${out}' or Wireshark.\n`);
  return 0;
}
