import fc from 'fast-check';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinLessonFiles } from '../../source/lesson/builtin.js';
import { catalogIndex, fingerprint, readCatalog } from '../../source/lesson/catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'tcp-tutor-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the menu\'s catalog, from the build\'s index while it is true', () => {
  it('uses the index for unchanged lessons, and loads an edited one for real', async () => {
    const files = builtinLessonFiles().slice(0, 2).map((f, i) => {
      const to = join(dir, `${i}.yaml`);
      copyFileSync(f, to);
      return to;
    });
    const index = join(dir, 'index.json');
    const records = await catalogIndex(files);
    // Mark the indexed titles, so that a use of the index can be told from a load.
    writeFileSync(index, JSON.stringify(records.map((r) => ({ ...r, entry: { ...r.entry, title: { en: `indexed ${r.entry.id}`, ko: '색인' } } }))));
    const before = await readCatalog(files, pathToFileURL(index));
    expect(before.entries.map((e) => e.title.en)).toEqual(records.map((r) => `indexed ${r.entry.id}`));
    expect(before.entries.map((e) => e.file)).toEqual(files);

    // One edited byte in the second lesson's title: that lesson is read from its file.
    const text = readFileSync(files[1]!, 'utf8');
    const title = records[1]!.entry.title.en;
    writeFileSync(files[1]!, text.replace(title, `${title.slice(0, -1)}!`));
    const after = await readCatalog(files, pathToFileURL(index));
    expect(after.entries[0]!.title.en).toBe(`indexed ${records[0]!.entry.id}`);
    expect(after.entries[1]!.title.en).toBe(`${title.slice(0, -1)}!`);
  });

  it('tells apart any two files that differ in one byte', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, delta) => {
      const other = bytes.slice();
      const i = at % bytes.length;
      other[i] = (other[i]! + delta) & 0xff;
      expect(fingerprint(other)).not.toBe(fingerprint(bytes));
    }));
    // Length is part of it: a byte added at the end is never missed.
    expect(fingerprint(new Uint8Array([0]))).not.toBe(fingerprint(new Uint8Array([0, 0])));
  });
});
