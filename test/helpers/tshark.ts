import { spawnSync } from 'node:child_process';

/** tshark is the outside judge. Locally it may be missing; on CI its absence is a failure. */
export const TSHARK = spawnSync('tshark', ['--version'], { encoding: 'utf8' }).status === 0;
export const SKIP_TSHARK = !TSHARK && !process.env.TCP_TUTOR_CI;

/** The checks Wireshark leaves off by default, all turned on. */
export const CHECKS = [
  '-o', 'ip.check_checksum:TRUE',
  '-o', 'tcp.check_checksum:TRUE',
  '-o', 'udp.check_checksum:TRUE',
  '-o', 'eth.check_fcs:TRUE',
];

export function tshark(args: readonly string[]): string {
  if (!TSHARK) throw new Error('tshark is not installed: apt-get install -y tshark (CI installs it)');
  const r = spawnSync('tshark', [...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`tshark ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** One row per frame, one column per field (first occurrence), as strings. */
export function tsharkFields(file: string, fields: readonly string[], extra: readonly string[] = []): Record<string, string>[] {
  const out = tshark(['-r', file, ...CHECKS, ...extra, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=f',
    ...fields.flatMap((f) => ['-e', f])]);
  return out.split('\n').filter((l) => l.length > 0).map((line) => {
    const cols = line.split('\t');
    return Object.fromEntries(fields.map((f, i) => [f, cols[i] ?? '']));
  });
}

/** Frames matching a display filter: the judge's complaints, as tshark's one-line summaries. */
export function complaints(file: string, filter: string, extra: readonly string[] = []): string {
  return tshark(['-r', file, ...CHECKS, ...extra, '-Y', filter]).trim();
}
