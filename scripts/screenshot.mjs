// Makes docs/player*.svg from a real run: the TUI in tmux, a few keys, capture-pane with
// its escape codes, and each cell drawn as SVG text. `node scripts/screenshot.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COLS = 100, ROWS = 32, CW = 8.4, CH = 17;
let sock = '';
const tmux = (...a) => execFileSync('tmux', ['-L', sock, ...a], { encoding: 'utf8' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PALETTE = ['#1e1e1e', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#dcdfe4',
  '#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#8cc8ff', '#dda0ff', '#7fdde8', '#ffffff'];
const FG = '#dcdfe4', BG = '#1e1e1e';

function xterm256(n) {
  if (n < 16) return PALETTE[n];
  if (n >= 232) { const v = 8 + (n - 232) * 10; return `rgb(${v},${v},${v})`; }
  const i = n - 16, c = [Math.floor(i / 36), Math.floor(i / 6) % 6, i % 6].map((x) => (x ? 55 + x * 40 : 0));
  return `rgb(${c.join(',')})`;
}

/** East Asian wide characters take two cells (Hangul, CJK, fullwidth forms). */
const wide = (ch) => /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toSvg(text) {
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${COLS * CW + 16}" height="${ROWS * CH + 16}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">`,
    `<rect width="100%" height="100%" rx="6" fill="${BG}"/>`];
  text.split('\n').slice(0, ROWS).forEach((line, row) => {
    let st = { fg: null, bg: null, bold: false, dim: false, inv: false };
    let col = 0;
    const y = 8 + row * CH;
    for (const part of line.split(/(\x1b\[[0-9;]*m)/)) {
      if (part.startsWith('\x1b[')) {
        const codes = part.slice(2, -1).split(';').map(Number);
        for (let i = 0; i < codes.length; i++) {
          const c = codes[i] || 0;
          if (c === 0) st = { fg: null, bg: null, bold: false, dim: false, inv: false };
          else if (c === 1) st.bold = true; else if (c === 2) st.dim = true; else if (c === 22) st.bold = st.dim = false;
          else if (c === 7) st.inv = true; else if (c === 27) st.inv = false;
          else if (c >= 30 && c <= 37) st.fg = PALETTE[c - 30]; else if (c >= 90 && c <= 97) st.fg = PALETTE[c - 82];
          else if (c >= 40 && c <= 47) st.bg = PALETTE[c - 40]; else if (c >= 100 && c <= 107) st.bg = PALETTE[c - 92];
          else if (c === 39) st.fg = null; else if (c === 49) st.bg = null;
          else if ((c === 38 || c === 48) && codes[i + 1] === 5) { (c === 38 ? (st.fg = xterm256(codes[i + 2])) : (st.bg = xterm256(codes[i + 2]))); i += 2; }
          else if ((c === 38 || c === 48) && codes[i + 1] === 2) { const v = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`; c === 38 ? (st.fg = v) : (st.bg = v); i += 4; }
        }
        continue;
      }
      if (!part) continue;
      let fg = st.fg ?? FG, bg = st.bg;
      if (st.inv) [fg, bg] = [bg ?? BG, fg];
      for (const ch of part) {
        const w = wide(ch) ? 2 : 1;
        const x = 8 + col * CW;
        if (bg) out.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${(w * CW).toFixed(1)}" height="${CH}" fill="${bg}"/>`);
        if (ch !== ' ') out.push(`<text x="${x.toFixed(1)}" y="${y + 13}" fill="${fg}"${st.bold ? ' font-weight="bold"' : ''}${st.dim ? ' opacity="0.6"' : ''}>${esc(ch)}</text>`);
        col += w;
      }
    }
  });
  out.push('</svg>');
  return out.join('\n');
}

async function shot(lang, keys, file) {
  const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-shot-'));
  sock = `shot-${process.pid}-${lang}`;
  tmux('new-session', '-d', '-x', String(COLS), '-y', String(ROWS), '-e', `TCP_TUTOR_HOME=${home}`, '-e', 'LANG=en_US.UTF-8', '-e', 'TERM=xterm-256color',
    `node dist/cli.js play handshake --seed 7 --lang ${lang}`);
  try {
    await sleep(1500);
    for (const k of keys) { tmux('send-keys', k); await sleep(60); }
    await sleep(600);
    writeFileSync(file, toSvg(tmux('capture-pane', '-e', '-p')));
    console.log(`wrote ${file}`);
  } finally {
    tmux('kill-server');
  }
}

const steps = (n) => Array(n).fill('Right');
await shot('en', [...steps(72), '3', 'Enter', ...steps(2), '2', 'Enter', 'Right', ...steps(20)], 'docs/player.svg');
await shot('ko', [...steps(72), '3', 'Enter', ...steps(2), '2', 'Enter', 'Right', ...steps(20)], 'docs/player-ko.svg');
