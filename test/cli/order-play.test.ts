// The handshake lesson's order quiz in plain and JSON modes: the frames are listed as
// tcpdump one-liners numbered as shown, the answer is typed as numbers, and the order
// worked out here from the printed lines by the handshake's rule is graded right.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';

async function run(argv: string[], answers: string[] = []) {
  let out = '';
  const stdin = Readable.from(answers.length ? [answers.join('\n') + '\n'] : []);
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: { LANG: 'en_US.UTF-8' }, stdin });
  return { code, out };
}

/** SYN, SYN-ACK, the ACK of it (relative ack 1), the request, the ACK of the request. */
function rank(line: string): number {
  const flags = /Flags \[([^\]]+)\]/.exec(line)![1];
  return flags === 'S' ? 0 : flags === 'S.' ? 1 : flags === 'P.' ? 3 : /ack 1,/.test(line) ? 2 : 4;
}

describe('play --plain with an order quiz', () => {
  it('lists the frames, takes the order typed as numbers, and explains it', async () => {
    const seed = '31';
    const probe = await run(['play', 'handshake', '--json', '--seed', seed]);
    const events = probe.out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const quiz = events.find((e) => e.type === 'quiz' && e.kind === 'order')!;
    const items = quiz.items as string[];
    expect(items).toHaveLength(5);
    for (const line of items) expect(line).toMatch(/^192\.168\.1\.\d+\.\d+ > 192\.168\.1\.\d+\.\d+: Flags \[/);
    const earlier = events.filter((e) => e.type === 'feedback').map((e) => String(e.expected)).slice(0, -1);

    const order = items.map((line, i) => ({ n: i + 1, r: rank(line) })).sort((a, b) => a.r - b.r).map((x) => x.n);
    const right = await run(['play', 'handshake', '--plain', '--seed', seed], [...earlier, order.join(' ')]);
    const at = right.out.indexOf('in the order they will be sent');
    expect(at).toBeGreaterThan(0);
    const asked = right.out.slice(at);
    // Numbered as shown, one per line, then how to answer.
    items.forEach((line, i) => expect(asked).toContain(`    ${i + 1}) ${line}\n`));
    expect(asked).toContain('Type their numbers, first sent first (like 3 1 2):');
    expect(asked).toMatch(/\n✓ Right\.\n {2}In order: [\d ]+\. \d \[S\.\] acknowledges \d \[S\]/);
    expect(right.out).toMatch(/score: 12\/12\n$/);

    // Commas work too; the list as shown is wrong, and the answer and the reasons are given.
    const commas = await run(['play', 'handshake', '--plain', '--seed', seed], [...earlier, order.join(',')]);
    expect(commas.out).toMatch(/score: 12\/12\n$/);
    const shown = await run(['play', 'handshake', '--plain', '--seed', seed], [...earlier, '1 2 3 4 5']);
    expect(shown.out).toContain(`✗ Not quite: the answer is ${order.join(' ')}.`);
    const twice = await run(['play', 'handshake', '--plain', '--seed', seed], [...earlier, '1 1 2 3 4', order.join(' ')]);
    expect(twice.out).toContain("? Give every frame's number once, first sent first, like 3 1 2. Try again:");
    expect(twice.out).toMatch(/score: 12\/12\n$/);
  });
});
