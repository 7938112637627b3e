// The package as users get it: what the tarball holds, and that it installs and runs with
// no network at all (everything it needs is bundled into dist/).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-pack-'));
/** An empty cache and no registry: any attempt to fetch fails the install. */
const OFFLINE = { ...process.env, npm_config_cache: join(dir, 'empty-cache'), npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
let tarball = '';
let files: string[] = [];

function npm(args: string[], cwd: string): string {
  const r = spawnSync('npm', args, { cwd, env: OFFLINE, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('the published package', () => {
  beforeAll(() => {
    const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], process.cwd())) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, out[0]!.filename);
    files = out[0]!.files.map((f) => f.path);
  }, 120_000);

  it('holds the built code, the lessons and their schema, and nothing else', () => {
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('lessons/lesson.schema.json');
    expect(files.filter((f) => /^lessons\/\d+-.*\.yaml$/.test(f)).length).toBeGreaterThanOrEqual(17);
    expect(files).toContain('README.md');
    expect(files).toContain('captures/handshake-get-close.pcap'); // for "Replay a real capture"
    expect(files.filter((f) => f.startsWith('captures/') && !/\.pcap(ng)?$/.test(f))).toEqual([]);
    expect(files).toContain('package.json');
    expect(files.filter((f) => /^(test|source|bench|scripts|node_modules|docs)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'))).toEqual([]);
    expect(Object.keys(pkg.dependencies)).toEqual([]); // so that it installs offline
  });

  it('installs into an empty folder with no network, and runs', () => {
    const app = join(dir, 'app');
    mkdirSync(app);
    npm(['init', '-y'], app);
    npm(['install', tarball], app);
    const run = (args: string[], input?: string) =>
      execFileSync('npx', ['--offline', 'tcp-tutor', ...args], { cwd: app, env: { ...OFFLINE, LANG: 'C' }, encoding: 'utf8', input, timeout: 60_000 });
    expect(run(['--version']).trim()).toBe(pkg.version);
    expect(run(['list'])).toContain('handshake');
    expect(spawnSync('npx', ['--offline', 'tcp-tutor', 'validate', 'node_modules/tcp-tutor/lessons/09-handshake.yaml'], { cwd: app, env: OFFLINE, encoding: 'utf8' }).status).toBe(0);
    const played = run(['play', 'handshake', '--plain', '--seed', '5'], 'ESTABLISHED\n1\n');
    expect(played).toMatch(/score: \d+\/\d+/);
  }, 180_000);

  it('installs globally, with no network', () => {
    const prefix = join(dir, 'global');
    npm(['install', '-g', '--prefix', prefix, tarball], dir);
    const out = execFileSync(join(prefix, 'bin', 'tcp-tutor'), ['--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(pkg.version);
  }, 180_000);
});
