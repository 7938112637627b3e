/**
 * `--seed` wins, then the lesson's own; otherwise a fresh one, so that each run draws new
 * numbers and a learner cannot memorise the answers. The seed is always printed. Not a
 * secret: Math.random, not node:crypto, which took 5 ms of the menu's start to load.
 */
export function pickSeed(given: number | null, lessonSeed: number | undefined): number {
  return given ?? lessonSeed ?? Math.floor(Math.random() * 2 ** 31);
}
