// Bundles the CLI into dist/ so that a cold start loads one file, not hundreds of
// modules. Ink and React are split into a lazily loaded chunk: `--help`, `list` and
// the plain modes never pay for them.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

await build({
  entryPoints: { cli: 'source/cli.ts' },
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
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // Ink imports the React devtools only when DEV is set; never ship them.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
