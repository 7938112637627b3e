// Bundles the CLI into dist/ so that a cold start loads one file, not hundreds of
// modules. Ink and React are split into a lazily loaded chunk: `--help`, `list` and
// the plain modes never pay for them. The lesson menu's catalog is written beside the
// bundle, so the menu opens without parsing every lesson (source/lesson/catalog.ts).
import { build } from 'esbuild';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Small edits to dependencies, made as the bundle is built (node_modules stays as
 * installed, and tests that import from source see the originals). Each edit is exact text
 * that must still be found: when a dependency changes, the build warns that the edit does
 * nothing instead of silently shipping the slow path. None changes what is drawn.
 */
const PATCHES = [
  {
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/,
    edits: [
      // Ink's layout engine loads its WebAssembly with fetch() whenever fetch exists. On
      // Node that first use of fetch loads undici: about 25 ms of the TUI's start, for bytes
      // that sit in the same file as base64. Without fetch, yoga decodes them in place.
      { from: 'typeof fetch', to: '"undefined"', all: true },
      // ... with atob and a byte loop (atob is JavaScript on Node 20, ~3 ms for its 70 KB);
      // Buffer decodes the same bytes natively.
      {
        from: 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
        to: 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
      },
    ],
  },
  {
    file: /node_modules[\\/]string-width[\\/]index\.js$/,
    edits: [
      // Its regular expression of every emoji costs tens of milliseconds to parse and build,
      // at start even if never used. Built on first use instead: with the short way of
      // source/ui/string-width-memo.ts, the menu and the player's usual text never need it.
      {
        from: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
        to: `let rgiEmojiRegexBuilt;
const rgiEmojiRegex = { test: (segment) => (rgiEmojiRegexBuilt ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment) };`,
      },
      // It, ansi-tokenize and slice-ansi each build an Intl.Segmenter as they load: the first
      // costs 10–20 ms of the TUI's start (ICU's locale data), and Ink's tokenizer runs every
      // line of the first frame through one. source/ui/graphemes.ts answers as ICU does, and for text made of
      // characters that each stand alone (the menu's, the player's usual) without ICU.
      { from: 'const segmenter = new Intl.Segmenter();', to: `import { graphemes as segmenter } from ${JSON.stringify(resolve('source/ui/graphemes.ts'))};` },
    ],
  },
  {
    file: /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
    edits: [
      { from: 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', to: `import { graphemes as segmenter } from ${JSON.stringify(resolve('source/ui/graphemes.ts'))};` },
    ],
  },
  {
    file: /slice-ansi[\\/]tokenize-ansi\.js$/,
    edits: [
      { from: "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});", to: `import { graphemes as GRAPHEME_SEGMENTER } from ${JSON.stringify(resolve('source/ui/graphemes.ts'))};` },
    ],
  },
  {
    file: /signal-exit[\\/]index\.js$/,
    edits: [
      // Loads node:assert (1–2 ms at start) for one check of its argument.
      { from: "var assert = require('assert')", to: "var assert = { equal: function (a, b, message) { if (a != b) throw new TypeError(message) } }" },
    ],
  },
  {
    file: /terminal-size[\\/]index\.js$/,
    edits: [
      // node:child_process (about 2 ms at start) only for terminals that do not say their size.
      { from: "import {execFileSync} from 'node:child_process';", to: "const execFileSync = (...args) => require('node:child_process').execFileSync(...args);" },
    ],
  },
  {
    file: /ink[\\/]build[\\/]output\.js$/,
    edits: [
      // Ink builds a new Output for every frame, and with it new caches: each line of the
      // screen is tokenized into styled characters again on every keypress, though between
      // two frames nearly every line is the same string. One set of caches serves all
      // frames (started afresh when it has grown large); what it holds is never mutated.
      { from: 'caches = new OutputCaches();', to: 'caches = sharedOutputCaches();' },
      {
        from: 'export default class Output {',
        to: `let sharedCaches = null;
function sharedOutputCaches() {
    if (sharedCaches === null || sharedCaches.styledChars.size + sharedCaches.widths.size + sharedCaches.blockWidths.size > 8192) sharedCaches = new OutputCaches();
    return sharedCaches;
}
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
const fillers = new WeakMap();
function fillerOf(character) {
    let filler = fillers.get(character);
    if (filler === undefined) {
        filler = Object.freeze({ type: 'char', value: '', fullWidth: false, styles: character.styles });
        fillers.set(character, filler);
    }
    return filler;
}
let lastRows = [];
let lastRowTexts = [];
function rowText(cells, y) {
    const last = lastRows[y];
    if (last !== undefined && last.length === cells.length) {
        let same = true;
        for (let i = 0; i < cells.length; i++) {
            if (last[i] !== cells[i]) {
                same = false;
                break;
            }
        }
        if (same) return lastRowTexts[y];
    }
    const text = styledCharsToString(cells.filter(item => item !== undefined)).trimEnd();
    lastRows[y] = cells;
    lastRowTexts[y] = text;
    return text;
}
export default class Output {`,
      },
      // A wide character's second column: one filler per character, so that a row is made
      // of the same cells from frame to frame...
      {
        from: `currentLine[offsetX + index] = {
                                    type: 'char',
                                    value: '',
                                    fullWidth: false,
                                    styles: character.styles,
                                };`,
        to: 'currentLine[offsetX + index] = fillerOf(character);',
      },
      // ... and a row made of the very cells of the row drawn last time at that height is
      // the same text: only the rows that changed are turned into text again.
      {
        from: `.map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`,
        to: '.map(rowText)',
      },
      // The empty screen it draws into: one blank cell object, not 4,800 of them per frame
      // at 120×40 (cells are replaced, never changed).
      {
        from: `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
        to: 'row.push(BLANK_CELL);',
      },
    ],
  },
  {
    file: /ink[\\/]build[\\/]sanitize-ansi\.js$/,
    edits: [
      // Every text node's text is tokenized again on each frame to drop escape sequences
      // other than colours; the answer for a string is always the same, so it is remembered.
      { from: 'const sanitizeAnsi = (text) => {', to: 'const sanitizeAnsiAnew = (text) => {' },
      {
        from: 'export default sanitizeAnsi;',
        to: `const sanitized = new Map();
const sanitizeAnsi = (text) => {
    let out = sanitized.get(text);
    if (out === undefined) {
        out = sanitizeAnsiAnew(text);
        if (sanitized.size >= 4096) sanitized.clear();
        sanitized.set(text, out);
    }
    return out;
};
export default sanitizeAnsi;`,
      },
    ],
  },
  {
    file: /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
    edits: [
      // Each cell of a line is diffed against the one before it, three Sets a cell; cells
      // in the same style (most of them) need no codes at all, as diffAnsiCodes would find.
      {
        from: `else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
        to: `else if (!sameStyles(chars[i - 1].styles, char.styles)) {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
      },
      {
        from: 'export function styledCharsToString(chars) {',
        to: `function sameStyles(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}
export function styledCharsToString(chars) {`,
      },
    ],
  },
];

const patchDependencies = {
  name: 'patch-dependencies',
  setup(b) {
    // One handler for every patched file, with the edits of every entry that names it: esbuild
    // runs only the first onLoad that matches, so two entries for one file would drop one.
    const filter = new RegExp(PATCHES.map(({ file }) => file.source).join('|'));
    b.onLoad({ filter }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      const warnings = [];
      for (const { from, to, all } of PATCHES.filter(({ file }) => file.test(args.path)).flatMap(({ edits }) => edits)) {
        if (!text.includes(from)) {
          warnings.push({ text: `${args.path} no longer contains ${JSON.stringify(from.slice(0, 60))}: its edit in scripts/build.mjs does nothing` });
          continue;
        }
        // A function, so that `$'` and the like in `to` are taken as written.
        text = all ? text.replaceAll(from, () => to) : text.replace(from, () => to);
      }
      return { contents: text, loader: 'js', warnings };
    });
  },
};

/**
 * One string-width for the whole bundle, and one that remembers. wrap-ansi (inside Ink)
 * still asks for v7, which brings its own Intl.Segmenter and emoji-regex to build at
 * startup; v8, which Ink itself and our text-width use, has the same API and measures as
 * Ink lays out. Everyone but the memo itself gets source/ui/string-width-memo.ts, v8 with
 * a memory: Ink measures every line of the screen again on each frame.
 */
const oneStringWidth = {
  name: 'one-string-width',
  setup(b) {
    const v8 = resolve('node_modules/string-width/index.js');
    const memo = resolve('source/ui/string-width-memo.ts');
    b.onResolve({ filter: /^string-width$/ }, (args) => ({ path: args.importer === memo ? v8 : memo }));
  },
};

/**
 * Node's own modules through `require`, not `import`. An `import` of a built-in makes Node
 * build an ES module facade of it, reading every export (node:fs's getters load its
 * streams and promises): 5–8 ms of the TUI's start for the dozen it uses. Each built-in
 * becomes a small ES module that requires it and exports its names, each read only if some
 * module uses it (a pure call: esbuild drops the unused ones). A CommonJS shim would cost
 * as much again: esbuild copies every property of a CommonJS module for each importer.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    const requireHere = createRequire(import.meta.url);
    const names = builtinModules.filter((n) => !n.startsWith('_')).map((n) => n.replace(/[/]/g, '\\/'));
    const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
    // Only an import statement goes through the shim: a require() stays one (a CommonJS
    // dependency's), and an import() (Ink's, under DEV) would need every name.
    b.onResolve({ filter }, (args) => (args.namespace === 'builtin' || args.kind !== 'import-statement' ? { path: args.path, external: true } : { path: args.path.replace(/^(node:)?/, 'node:'), namespace: 'builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const exportNames = Object.keys(requireHere(args.path)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      const lines = [`const $$builtin = require(${JSON.stringify(args.path)});`, 'export default $$builtin;', 'function $$read(name) { return $$builtin[name]; }'];
      for (const n of exportNames) lines.push(`export const ${n} = /* @__PURE__ */ $$read(${JSON.stringify(n)});`);
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

// Chunk names carry content hashes: without a clean start, old ones pile up and ship.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'source/cli.ts' },
  plugins: [patchDependencies, oneStringWidth, builtinsByRequire],
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
