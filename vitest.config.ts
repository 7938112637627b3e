import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Plain and JSON modes save progress by default: a test that names no TCP_TUTOR_HOME of its
 * own (or runs the CLI with this process's environment) saves into a throwaway home, never
 * the tester's.
 */
const home = mkdtempSync(join(tmpdir(), 'tcp-tutor-test-home-'));

/** On CI a missing outside judge (tshark, tcpdump) fails its tests instead of skipping them. */
const onCi = process.env.CI !== undefined && process.env.CI !== 'false' && process.env.CI !== '0';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'source/**/*.test.{ts,tsx}'],
    // Two cores on CI: forks are the most predictable pool there.
    pool: 'forks',
    testTimeout: 20_000,
    // Ink shows nothing until exit when it sees CI set; the TUI tests need it to draw.
    env: { CI: 'false', TCP_TUTOR_CI: onCi ? '1' : '', HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
  },
});
