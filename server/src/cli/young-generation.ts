// The young generation of a CLI run, never the language server's. V8 starts each semi-space at
// 1 MB and doubles it (up to 16 MB) when many objects survive a scavenge, as a file's syntax
// tree does while the file is linted; the space then stays grown, 32 MB of pages for a
// process that lives a second or two. Holding it at its start size saves those pages (peak
// memory about 25 MB less per thread) and their first touch, but costs more scavenges as the
// run goes on: on the official examples (851 KB of tfjs source) holding it is as fast or
// faster, on the whole corpus (4.2 MB) 1.12x slower. So the hold is released once the run has
// linted RELEASE_AFTER_BYTES, about the measured break-even: a small run keeps the saving, a
// large one pays for the hold only until then (rent or buy).
//
// V8 reads the growth factor each time the space would grow, so, unlike the semi-space size
// (which Node 20 reads only when an isolate is made: set at run time it reaches worker
// threads, never the main thread), set at run time it reaches the main thread too. V8 keys
// cached code by its flags, this one included: a cache saved after the release would be
// refused by the next run, so restoreForCodeCache() sets the held value back before saving.
import * as v8 from 'node:v8';

const HOLDING = '--semi-space-growth-factor=1';
const GROWING = '--semi-space-growth-factor=2'; // V8's default
/** Linted tfjs source after which the hold is released: the break-even measured between the two workspaces above. */
export const RELEASE_AFTER_BYTES = 1024 * 1024;

/** This thread set the hold; released it; its linted tfjs source, in bytes. */
let held = false;
let released = false;
let linted = 0;

/**
 * The flag, set before any big allocation; returns it (caches of compiled code are keyed by
 * the flags: V8 checks its data against them), or '' when TFJS_LINT_HEAP_TUNING=off (the
 * bench measures the gain that way) or V8 refuses it. Measured on the official examples, 7
 * paired rounds at load 6-7 (code cache off): one thread peak RSS 154 -> 130 MiB, CPU 1,770
 * -> 1,780 ms median; two threads 216 -> 187 MiB, CPU 2,720 -> 2,600 ms. V8 resets the
 * flag when it makes an isolate, so threads.ts sets it again once its workers are up.
 */
export function holdYoungGeneration(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TFJS_LINT_HEAP_TUNING === 'off') return '';
  try {
    v8.setFlagsFromString(HOLDING);
    held = true;
    return HOLDING;
  } catch {
    return '';
  }
}

/**
 * Counts a file's source as linted on this thread; past RELEASE_AFTER_BYTES lets the young
 * generation grow again (for every thread: V8's flags are the process's). True when this call
 * released it.
 */
export function noteLintedSource(bytes: number): boolean {
  if (!held || released) return false;
  linted += bytes;
  if (linted <= RELEASE_AFTER_BYTES) return false;
  v8.setFlagsFromString(GROWING);
  released = true;
  return true;
}

/**
 * Sets the held value back (a worker thread may have released it), so code caches saved now
 * carry the flags the next run starts with.
 */
export function restoreForCodeCache(): void {
  if (held) v8.setFlagsFromString(HOLDING);
}
