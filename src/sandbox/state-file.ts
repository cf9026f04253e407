/**
 * The sandbox's state in a JSON file, for the demo: an API keeps its tokens across restarts, so a restarted
 * demo must too, or every connection would look revoked. Loaded once, rewritten (atomically: a temp file,
 * then rename) after every request. Tests never use it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SandboxSnapshot, SandboxStore } from './store.js';

/** Restores `store` from `file` if it exists; answers the function that saves it again. */
export function keepStateIn(file: string, store: SandboxStore): () => void {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // first start: nothing to restore
  }
  if (text !== undefined) store.restore(JSON.parse(text) as SandboxSnapshot);
  return () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(store.snapshot()), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
}
