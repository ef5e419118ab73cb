// V8 tuning for one run of the command line, never for the language server. V8 first
// interprets a function, and once the function has spent an "interrupt budget" of work it
// compiles it again with its optimizing compiler (TurboFan). A lint run lasts a second or
// two: with V8's default budget much of the second core's time goes to optimizing parser
// and engine functions that the run finishes soon after, and on a busy machine that time is
// taken from the run. A larger budget optimizes only what stays hot. Measured in `npm run
// bench` (the row "compiler tuning"); the server keeps V8's defaults, as it runs for hours.
//
// Tried and removed: going back to V8's budget once a run passes 1.5 s with a core idle.
// Two quiet runs of the bench (7 rounds each) found no gain on the whole corpus (0.97x,
// 0.99x wall against keeping the larger budget) and a loss on the official examples, whose
// run crosses 1.5 s (1.06x both times).
import * as v8 from 'node:v8';

/**
 * Bytes of interpreted work before V8 optimizes a function (V8 11's default: 66 KB). Measured
 * on the official examples (248 files) and on five copies of them: 256 KB, 1 MB, 4 MB and
 * 16 MB all beat the default there; 1 MB was best on both.
 */
export const INTERRUPT_BUDGET = 1024 * 1024;

/**
 * Sets the flags before anything big is compiled (functions take the budget they were created
 * with) and returns them, so caches of compiled code can tell runs with other flags apart.
 * TFJS_LINT_COMPILER_TUNING=off keeps V8's defaults (the bench measures the gain this way).
 */
export function tuneCompilerForShortRun(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TFJS_LINT_COMPILER_TUNING === 'off') return '';
  const flags = `--interrupt-budget=${INTERRUPT_BUDGET}`;
  try {
    v8.setFlagsFromString(flags);
    return flags;
  } catch {
    return '';
  }
}
