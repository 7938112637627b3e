import { randomInt } from 'node:crypto';

/**
 * `--seed` wins, then the lesson's own; otherwise a fresh one, so that each run draws new
 * numbers and a learner cannot memorise the answers. The seed is always printed.
 */
export function pickSeed(given: number | null, lessonSeed: number | undefined): number {
  return given ?? lessonSeed ?? randomInt(0, 2 ** 31);
}
