// V8 tuning for one run of the command line, never for the language server. V8 first
// interprets a function, and once the function has spent an "interrupt budget" of work it
// compiles it again with its optimizing compiler (TurboFan). A lint run of a second or two
// finishes soon after most of that optimizing is done: a larger budget optimizes only what
// stays hot, and on a busy machine the optimizer's thread no longer takes CPU time from the
// run. A run of several seconds on a machine with a core idle is another matter: there the
// optimizer runs for free and the run wants its hot code optimized early, so such a run goes
// back to V8's budget once it is long. Measured in `npm run bench` (the rows "compiler
// tuning"); the server keeps V8's defaults, as it runs for hours.
import { coreToSpare as idleCore } from './idle-core';
import * as v8 from 'node:v8';

/**
 * Bytes of interpreted work before V8 optimizes a function (V8 11's default: 66 KB). Measured
 * on the official examples (248 files) and on five copies of them: 256 KB, 1 MB, 4 MB and
 * 16 MB all beat the default there; 1 MB was best on both.
 */
export const INTERRUPT_BUDGET = 1024 * 1024;

/** V8 11's own budget (`node --v8-options`), which a long run goes back to. */
const V8_INTERRUPT_BUDGET = 67584;

/**
 * Linting time after which a run is long enough to want V8's budget when a core is idle: on
 * the official examples (about 1.3 s) the larger budget is no loss, on the whole corpus
 * (about 4 s) it cost 1.17x wall time on a quiet machine.
 */
export const LONG_RUN_MS = 1500;

export interface CompilerTuning {
  /** The flags set at start, for caches of compiled code (V8 checks its data against them). */
  readonly flags: string;
  /** Called between files: a long run on a machine with an idle core goes back to V8's budget. */
  checkpoint(): void;
  /** Puts the start's flags back before V8's data for a cache is made, so the next run accepts it. */
  restore(): void;
}

/** The clock and the load the tuning reads (tests give their own). */
export interface Machine {
  now(): number;
  coreToSpare(): boolean;
}

const REAL_MACHINE: Machine = { now: () => performance.now(), coreToSpare: idleCore };

const UNTUNED: CompilerTuning = { flags: '', checkpoint() {}, restore() {} };

/** The process's tuning: V8's flags are the process's, so there is one (worker threads share it). */
let active: CompilerTuning = UNTUNED;

/** `checkpoint()` of the process's tuning, for the loops that lint file after file. */
export function compilerCheckpoint(): void {
  active.checkpoint();
}

/**
 * Sets the flags before anything big is compiled and returns the run's tuning.
 * TFJS_LINT_COMPILER_TUNING=off keeps V8's defaults, =fixed never goes back to them (the
 * bench measures each way).
 */
export function tuneCompilerForShortRun(env: NodeJS.ProcessEnv = process.env, machine: Machine = REAL_MACHINE): CompilerTuning {
  const { now, coreToSpare } = machine;
  const mode = env.TFJS_LINT_COMPILER_TUNING;
  if (mode === 'off') return UNTUNED;
  const flags = `--interrupt-budget=${INTERRUPT_BUDGET}`;
  if (!setFlags(flags)) return UNTUNED;
  const started = now();
  // The load is read once, when the run becomes long (a fixed run has decided at start):
  // reading it costs a system call, and the answer would not change within a run.
  let decided = mode === 'fixed';
  let relaxed = false;
  return (active = {
    flags,
    checkpoint() {
      if (decided || now() - started < LONG_RUN_MS) return;
      decided = true;
      if (coreToSpare()) relaxed = setFlags(`--interrupt-budget=${V8_INTERRUPT_BUDGET}`);
    },
    restore() {
      if (relaxed) relaxed = !setFlags(flags);
    },
  });
}

function setFlags(flags: string): boolean {
  try {
    v8.setFlagsFromString(flags);
    return true;
  } catch {
    return false;
  }
}

