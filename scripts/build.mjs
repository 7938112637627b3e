// Bundles the CLI into dist/ so that a cold start loads one file, not hundreds of
// modules. Ink and React are split into a lazily loaded chunk: `--help`, `list` and
// the plain modes never pay for them. The lesson menu's catalog is written beside the
// bundle, so the menu opens without parsing every lesson (source/lesson/catalog.ts).
import { build } from 'esbuild';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Ink's layout engine (yoga-layout) loads its WebAssembly with fetch() whenever fetch
 * exists. On Node that first use of fetch loads undici: about 25 ms of the TUI's start,
 * for bytes that sit in the same file as base64. Without fetch, yoga decodes them in place.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const patched = text.replaceAll('typeof fetch', '"undefined"');
      if (patched === text) return { warnings: [{ text: 'yoga-layout no longer says `typeof fetch`: the startup patch in scripts/build.mjs does nothing' }] };
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * One string-width for the whole bundle. wrap-ansi (inside Ink) still asks for v7, which
 * brings its own Intl.Segmenter and emoji-regex to build at startup; v8, which Ink itself
 * and our text-width use, has the same API and measures as Ink lays out.
 */
const oneStringWidth = {
  name: 'one-string-width',
  setup(b) {
    const v8 = resolve('node_modules/string-width/index.js');
    b.onResolve({ filter: /^string-width$/ }, () => ({ path: v8 }));
  },
};

// Chunk names carry content hashes: without a clean start, old ones pile up and ship.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'source/cli.ts' },
  plugins: [yogaWithoutFetch, oneStringWidth],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  banner: {
    // Some bundled CommonJS dependencies call require(); give them one.
    js: `#!/usr/bin/env node\n${banner}`,
  },
  // Ink imports the React devtools only when DEV is set; never ship them.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);

const tmp = mkdtempSync(join(tmpdir(), 'tcp-tutor-build-'));
try {
  const out = join(tmp, 'catalog.mjs');
  await build({
    entryPoints: ['source/lesson/catalog.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20',
    banner: { js: banner }, logLevel: 'warning',
  });
  const { catalogIndex } = await import(pathToFileURL(out).href);
  const dir = resolve('lessons');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
  writeFileSync('dist/lessons-index.json', `${JSON.stringify(await catalogIndex(files))}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
