// The close lesson's order quiz in plain and JSON modes: the frames are listed as tcpdump
// one-liners numbered as shown, the answer is typed as numbers, and the order worked out
// here from the printed lines (each ack against what it answers) is graded right.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';

async function run(argv: string[], answers: string[] = []) {
  let out = '';
  const stdin = Readable.from(answers.length ? [answers.join('\n') + '\n'] : []);
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: { LANG: 'en_US.UTF-8' }, stdin });
  return { code, out };
}

/**
 * The page (server [P.]), the client's ACK of it and its FIN, the server's ACK of that FIN
 * and its own FIN, the client's last ACK: of the client's two bare ACKs, the one with the
 * lower ack (the page's end) comes first.
 */
export function rank(line: string): number {
  const server = line.startsWith('192.168.1.80.');
  const flags = /Flags \[([^\]]+)\]/.exec(line)![1];
  if (server) return flags === 'P.' ? 0 : flags === '.' ? 3 : 4;
  if (flags === 'F.') return 2;
  return Number(/ack (\d+)/.exec(line)![1]) === 125 ? 1 : 5;
}

describe('play --plain with an order quiz', () => {
  // The page is 124 bytes of HTTP (relative seq 1:125), as lessons/13-close.yaml serves it.
  it('lists the frames, takes the order typed as numbers, and explains it', async () => {
    const seed = '31';
    const probe = await run(['play', 'close', '--json', '--seed', seed]);
    const events = probe.out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const quiz = events.find((e) => e.type === 'quiz' && e.kind === 'order')!;
    const items = quiz.items as string[];
    expect(items).toHaveLength(6);
    expect(items.some((l) => /Flags \[P\.\], seq 1:125,/.test(l))).toBe(true);
    for (const line of items) expect(line).toMatch(/^192\.168\.1\.\d+\.\d+ > 192\.168\.1\.\d+\.\d+: Flags \[/);
    const earlier = events.filter((e) => e.type === 'feedback').map((e) => String(e.expected)).slice(0, -1);

    const order = items.map((line, i) => ({ n: i + 1, r: rank(line) })).sort((a, b) => a.r - b.r).map((x) => x.n);
    const right = await run(['play', 'close', '--plain', '--seed', seed], [...earlier, order.join(' ')]);
    const at = right.out.indexOf('in the order they will be sent');
    expect(at).toBeGreaterThan(0);
    const asked = right.out.slice(at);
    // Numbered as shown, one per line, then how to answer.
    items.forEach((line, i) => expect(asked).toContain(`    ${i + 1}) ${line}\n`));
    expect(asked).toContain('Type their numbers, first sent first (like 3 1 2):');
    expect(asked).toMatch(/\n✓ Right\.\n {2}In order: [\d ]+\. \d \[\.\] acknowledges \d \[P\.\]/);
    const total = events.filter((e) => e.type === 'quiz').length;
    expect(right.out).toMatch(new RegExp(`score: ${total}/${total}\n$`));

    // Commas work too; the list as shown is wrong, and the answer and the reasons are given.
    const commas = await run(['play', 'close', '--plain', '--seed', seed], [...earlier, order.join(',')]);
    expect(commas.out).toMatch(new RegExp(`score: ${total}/${total}\n$`));
    const shown = await run(['play', 'close', '--plain', '--seed', seed], [...earlier, '1 2 3 4 5 6']);
    expect(shown.out).toMatch(/✗ Not quite: the answer is [1-6]( [1-6]){5}\./);
    const twice = await run(['play', 'close', '--plain', '--seed', seed], [...earlier, '1 1 2 3 4 5', order.join(' ')]);
    expect(twice.out).toContain("? Give every frame's number once, first sent first, like 3 1 2. Try again:");
    expect(twice.out).toMatch(new RegExp(`score: ${total}/${total}\n$`));
  });
});
