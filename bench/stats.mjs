// Small statistics for benchmarks: medians and spreads, never a single run.
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1], iqr: q(0.75) - q(0.25) };
}

export function fmtMs(x) {
  return `${x.toFixed(1)} ms`;
}
