/** Virtual time in whole microseconds since the simulation began. Nothing reads a real clock. */
export type Micros = number;

export const MS: Micros = 1_000;
export const SECOND: Micros = 1_000_000;
