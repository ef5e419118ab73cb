// The young generation of a CLI run, never the language server's. V8 starts each semi-space at
// 1 MB and doubles it (up to 16 MB) when many objects survive a scavenge, as a file's syntax
// tree does while the file is linted; the space then stays grown, 32 MB of pages for a
// process that lives a second or two. Holding it at its start size costs the run no CPU time
// measured and its peak memory about 25 MB per thread. V8 reads the growth factor each time
// the space would grow, so, unlike the semi-space size (which Node 20 reads only when an
// isolate is made: set at run time it reaches worker threads, never the main thread), set at
// run time it reaches the main thread too.
import * as v8 from 'node:v8';

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
  const flag = '--semi-space-growth-factor=1';
  try {
    v8.setFlagsFromString(flag);
    return flag;
  } catch {
    return '';
  }
}
