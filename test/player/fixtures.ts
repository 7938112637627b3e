// Fixtures for player tests: the hand-made sample trace (real bytes from the codecs) and
// helpers to find its steps and reach them.
import { sampleLesson, sampleTrace, findStep } from '../../source/player/sample-trace.js';
import { createPlayer, update, type PlayerAction, type PlayerModel, type PlayerOptions } from '../../source/player/model.js';
import type { Step, Trace } from '../../source/sim/trace.js';

export { sampleLesson, sampleTrace, findStep };
export { CLIENT, SERVER, R1_LAN, R1_WAN, CLIENT_ISN, SERVER_ISN, GET_BYTES } from '../../source/player/sample-trace.js';

export const TRACE: Trace = sampleTrace();

export function player(opts: PlayerOptions = {}, withLesson = true): PlayerModel {
  return createPlayer(TRACE, withLesson ? sampleLesson(TRACE) : {}, opts);
}

export function apply(m: PlayerModel, ...actions: PlayerAction[]): PlayerModel {
  return actions.reduce(update, m);
}

/** The model at the stop showing step `i` (answering nothing on the way). */
export function at(m: PlayerModel, i: number): PlayerModel {
  return update(m, { type: 'goto', step: i });
}

export function stepWhere(pred: (s: Step, i: number) => boolean, from = 0): number {
  return findStep(TRACE, pred, from);
}

/** The original (pre-router) frame with these tcpdump flags, nth match. */
export function frameWithFlags(flags: string, nth = 1): number {
  let seen = 0;
  for (const f of TRACE.frames) {
    if (f.parent === null && f.summary.includes(`Flags [${flags}]`) && ++seen === nth) return f.id;
  }
  throw new Error(`no frame with flags ${flags}`);
}

/** The frame a router forwarded from `frame`. */
export function forwarded(frame: number): number {
  const f = TRACE.frames.find((x) => x.parent === frame);
  if (!f) throw new Error(`frame ${frame} was not forwarded`);
  return f.id;
}
