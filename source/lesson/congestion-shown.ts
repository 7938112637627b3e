// Whether a lesson teaches congestion control, and so shows what it does: cwnd beside the
// ladder, its changes as stops and as lines in plain mode. The simulator runs RFC 5681 in
// every lesson (the frames are the same either way); a lesson on the handshake or on closing
// does not make a learner read "slow start (cwnd 4380 < ssthresh ∞)" before lesson 22
// explains it.
import type { Checkpoint } from '../quiz/checkpoint.js';
import type { Lesson } from './schema.js';

export function teachesCongestion(lesson: Partial<Pick<Lesson, 'topics' | 'settings'>>, quizzes: readonly Checkpoint[]): boolean {
  return (lesson.topics ?? []).includes('congestion')
    || lesson.settings?.tcp?.congestion !== undefined
    || lesson.settings?.tcp?.initialWindow !== undefined
    || quizzes.some((q) => q.ask === 'cwnd' || q.ask === 'ssthresh' || q.ask === 'inFlight');
}
