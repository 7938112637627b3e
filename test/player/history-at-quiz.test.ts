// While a quiz waits, PgUp reads back through the stops before it (the words that set the
// quiz up), and what the engine told at those stops hides what the open quiz hides. The
// answers are the lessons' own; a state's change is written as the narration writes it
// (`LISTEN → SYN_RECEIVED`), a range's end as tcpdump does (`seq 1:101`).
import { describe, expect, it } from 'vitest';
import { currentCheckpoint, isBlocked, update } from '../../source/player/model.js';
import { selectHistory } from '../../source/player/screen.js';
import { builtinPlayer as lessonPlayer } from '../helpers/builtin.js';

describe('reading back while a quiz waits', () => {
  it.each([['handshake'], ['close']])('%s: every quiz can read back to earlier stops, none of which tells its answer', (id) => {
    let m = lessonPlayer(id);
    for (const cp of m.book.checkpoints) {
      m = update(m, { type: 'goto', step: cp.atStep });
      for (let k = 0; k < 10 && currentCheckpoint(m) && currentCheckpoint(m)!.id !== cp.id; k++) {
        m = update(update(m, { type: 'answer', value: String(currentCheckpoint(m)!.expected) }), { type: 'next' });
      }
      expect(isBlocked(m)).toBe(true);
      const history = selectHistory(m, 30);
      expect(history.length, cp.id).toBeGreaterThan(0);
      const text = history.map((b) => `${b.note?.en ?? ''}\n${b.narration.en}`).join('\n');
      if (cp.kind === 'choice' && cp.ask === 'state') {
        for (const line of text.split('\n').filter((l) => l.includes(`→ ${cp.expected}`))) expect(line, cp.id).not.toMatch(new RegExp(`^(the )?${cp.host}\\b`, 'i'));
      }
      if (cp.kind === 'number') expect(text, cp.id).not.toMatch(new RegExp(`:${cp.expected}(?!\\d)`));
      // The question is asked once, in the quiz box: the history says what happened.
      expect(text, cp.id).not.toMatch(/Answer below/);
    }
  });
});
