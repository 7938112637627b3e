// Lesson files a careless or hostile author could write: each gets one clear line with its
// file:line:col, exit 1, quickly and in little memory, never an internal error (exit 70).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../source/cli/main.js';
import { englishRuns } from '../helpers/english.js';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-hostile-'));

function lesson(script: string, head = 'id: hostile'): string {
  return `${head}
title: { en: T, ko: T }
summary: { en: S, ko: S }
level: beginner
topics: [handshake]
topology: lan
script:
${script}
`;
}

const CASES: Record<string, { yaml: string; says: RegExp }> = {
  'a send of a gigabyte': { yaml: lesson('  - send: { bytes: 1000000000 }'), says: /at most 1000000 bytes/ },
  'a send of 1e15 bytes': { yaml: lesson('  - send: { bytes: 1e15 }'), says: /at most 1000000 bytes/ },
  'a range of bytes past the limit': { yaml: lesson('  - send: { bytes: { min: 1, max: 2000000 } }'), says: /at most 1000000 bytes/ },
  'an HTTP body of 1e9 bytes': { yaml: lesson('  - serve-http: { host: server, body: 1000000000 }'), says: /at most 1000000 bytes/ },
  'a wait of 1.7e308 ms': { yaml: lesson('  - wait: 1.7e308'), says: /at most 86400000 ms/ },
  'a link delay of 1e300 ms': {
    yaml: lesson('  - wait: 1', 'id: hostile').replace('topology: lan', `topology:
  hosts: [{ name: a, ip: 10.0.0.1, prefix: 24 }, { name: b, ip: 10.0.0.2, prefix: 24 }]
  links: [{ a: a, b: b, delay: 1e300 }]`),
    says: /at most 86400000 ms/,
  },
  'a DNS name with an empty label': { yaml: lesson("  - dns-lookup: { from: client, name: 'a..b' }"), says: /not a DNS name: an empty label/ },
  'a DNS label of 64 bytes': { yaml: lesson(`  - dns-lookup: { from: client, name: '${'a'.repeat(64)}.com' }`), says: /63 is the most/ },
  'a DNS name over 255 bytes': { yaml: lesson(`  - dns-lookup: { from: client, name: '${Array(9).fill('b'.repeat(60)).join('.')}' }`), says: /longer than 255 bytes/ },
  'a DNS record with an empty label': {
    yaml: lesson('  - wait: 1').replace('topology: lan', `topology:
  hosts: [{ name: a, ip: 10.0.0.1, prefix: 24 }, { name: b, ip: 10.0.0.2, prefix: 24 }]
  links: [{ a: a, b: b }]
  dns: { server: b, records: { 'x..y': 10.0.0.1 } }`),
    says: /not a DNS name/,
  },
  'an HTTP URL with port 99999': { yaml: lesson("  - http-get: { from: client, url: 'http://server:99999/' }"), says: /port 99999 is not between 1 and 65535/ },
  'an HTTP URL with CRLF in its path': { yaml: lesson('  - http-get: { from: client, url: "http://server/a\\r\\nX: y" }'), says: /control characters/ },
  'ESC sequences in narration': { yaml: lesson('  - say: { en: "\\u001b[?1049hhi", ko: "\\u001b]0;title\\u0007안녕" }'), says: /control character \(such as ESC\)/ },
  'a text of 100,000 characters': { yaml: lesson(`  - say: { en: ${'x'.repeat(100_000)}, ko: 가 }`), says: /longer than 4000 characters/ },
  'a host name of 20,000 characters': { yaml: lesson(`  - listen: { host: ${'x'.repeat(20_000)}, port: 80 }`), says: /at most 64 characters/ },
  'a lesson id of 65 characters': { yaml: lesson('  - wait: 1', `id: ${'a'.repeat(65)}`), says: /at most 64 characters/ },
  '3000 connects': { yaml: lesson(Array(3000).fill('  - connect: { from: client, to: server, port: 80 }').join('\n')), says: /at most 500 steps/ },
  'three switches in a triangle (a broadcast storm)': {
    yaml: lesson('  - arp: { from: a, ip: 10.0.0.2 }').replace('topology: lan', `topology:
  hosts: [{ name: a, ip: 10.0.0.1, prefix: 24 }, { name: b, ip: 10.0.0.2, prefix: 24 }]
  switches: [{ name: s1 }, { name: s2 }, { name: s3 }]
  links: [{ a: a, b: s1 }, { a: b, b: s2 }, { a: s1, b: s2 }, { a: s2, b: s3 }, { a: s3, b: s1 }]`),
    says: /switches s3 – s2 – s1 – s3 form a loop.*Spanning Tree Protocol/,
  },
  'two cables between the same two switches': {
    yaml: lesson('  - arp: { from: a, ip: 10.0.0.2 }').replace('topology: lan', `topology:
  hosts: [{ name: a, ip: 10.0.0.1, prefix: 24 }, { name: b, ip: 10.0.0.2, prefix: 24 }]
  switches: [{ name: s1 }, { name: s2 }]
  links: [{ a: a, b: s1 }, { a: b, b: s2 }, { a: s1, b: s2 }, { a: s2, b: s1 }]`),
    says: /switches s2 – s1 – s2 form a loop/,
  },
  '60 connects': { yaml: lesson(Array(60).fill('  - connect: { from: client, to: server, port: 80 }').join('\n')), says: /at most 50 connects/ },
};

describe('a path that is not a lesson file is refused at once, not read forever', () => {
  const fifo = join(dir, 'fifo.yaml');
  spawnSync('mkfifo', [fifo]);
  // A folder is checked as a course folder: the FIFO inside it is refused as the FIFO alone is.
  for (const [what, path, refused] of [['/dev/zero', '/dev/zero', '/dev/zero'], ['a FIFO with no writer', fifo, fifo], ['a folder holding that FIFO', dir, fifo]] as const) {
    it(what, async () => {
      let out = '';
      const started = performance.now();
      const code = await main(['validate', path], {
        stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) }, env: { LANG: 'en_US.UTF-8' }, stdin: process.stdin,
      });
      expect(code).toBe(1);
      expect(out).toContain(`${refused}:1:1: not a regular file`);
      // Generous: the first call also loads the validate command.
      expect(performance.now() - started).toBeLessThan(5000);
    });
  }
});

describe('hostile lessons get one clear line with a position, fast', () => {
  for (const [what, c] of Object.entries(CASES)) {
    it(what, async () => {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, c.yaml);
      let out = '';
      const started = performance.now();
      const heap = process.memoryUsage().heapUsed;
      const code = await main(['validate', file], {
        stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) }, env: { LANG: 'en_US.UTF-8' }, stdin: process.stdin,
      });
      const ms = performance.now() - started;
      expect(code, out).toBe(1);
      expect(out).not.toMatch(/internal error/);
      expect(out).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: .*`));
      expect(out).toMatch(c.says);
      expect(out.length, 'the message is short').toBeLessThan(2000);
      expect(ms).toBeLessThan(5000);
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(200 * 2 ** 20);
    });
  }
});

describe('the same mistakes in Korean read as Korean', () => {
  it('no problem line holds an English sentence (names, keys and values stay as written)', async () => {
    const english: string[] = [];
    for (const [what, c] of Object.entries(CASES)) {
      const file = join(dir, `ko-${what.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, c.yaml);
      let out = '';
      await main(['validate', file, '--lang', 'ko'], {
        stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) }, env: { LANG: 'ko_KR.UTF-8' }, stdin: process.stdin,
      });
      for (const line of out.split('\n')) {
        // What the author wrote is quoted back as it is; the sentence around it is what counts.
        if (englishRuns(line.replace(/^.*?:\d+:\d+: /, '')).length > 0) english.push(`${what}: ${line.slice(line.lastIndexOf('/') + 1)}`);
      }
    }
    expect(english).toEqual([]);
  });
});
