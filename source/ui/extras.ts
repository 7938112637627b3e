// What the menu's Drill entry opens: one fresh round, as a session the player takes.
// Loaded only when chosen, since it brings the simulator with it.
import { DRILL_TOPICS, drillRound } from '../lesson/drill.js';
import type { LessonSession } from '../session/lesson.js';
import { toPlayer } from '../session/to-player.js';

export function drillSession(seed: number): { ok: true; session: LessonSession } | { ok: false; reason: string } {
  // The seed picks the topic too, so that choosing Drill again brings a different one.
  for (let tries = 0; tries < 20; tries++) {
    const s = (seed + tries) >>> 0;
    const round = drillRound(DRILL_TOPICS[s % DRILL_TOPICS.length]!, s);
    if (!round) continue;
    const { trace, lesson, options } = toPlayer(round);
    return { ok: true, session: { id: 'drill', title: round.lesson.title, seed: s, trace, lesson, options } };
  }
  return { ok: false, reason: 'no drill round could be made' };
}
