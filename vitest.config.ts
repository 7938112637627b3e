import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'source/**/*.test.{ts,tsx}'],
    // Two cores on CI: forks are the most predictable pool there.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
