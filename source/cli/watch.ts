// Watching files for saves, for `validate --watch` and `play --watch`. The folder is
// watched, not the file: editors save by writing a new file and renaming it over the old
// one, and a watch on the old file would see it go and nothing after. A save is several
// events (write, rename, attribute change), so the callback waits for them to stop.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** How long after the last event a save is taken to be over. */
export const DEBOUNCE_MS = 150;

/** A folder to watch, and which names in it matter (null: any .yaml or .yml). */
export type Watched = ReadonlyMap<string, ReadonlySet<string> | null>;

/** The folders to watch for these files and folders. */
export function watchedFor(files: readonly string[], folders: readonly string[] = []): Watched {
  const out = new Map<string, Set<string> | null>();
  for (const f of folders) out.set(resolve(f), null);
  for (const f of files) {
    const dir = dirname(resolve(f));
    const names = out.get(dir);
    if (names === null) continue;
    out.set(dir, new Set([...(names ?? []), basename(f)]));
  }
  return out;
}

/**
 * Calls `onSave` once the events in `watched` settle. Throws (as fs.watch does) when a
 * folder cannot be watched; returns the way to stop.
 */
export function watchSaves(watched: Watched, onSave: () => void, debounceMs = DEBOUNCE_MS): () => void {
  const watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    for (const w of watchers) w.close();
  };
  try {
    for (const [dir, names] of watched) {
      watchers.push(watch(dir, (_event, name) => {
        const file = name === null ? null : String(name);
        if (file !== null && (names === null ? !/\.ya?ml$/.test(file) : !names.has(file))) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          onSave();
        }, debounceMs);
      }));
    }
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}
