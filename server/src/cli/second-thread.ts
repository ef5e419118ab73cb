// How many threads a run lints on: those --threads N asks for; or, when the run leaves it to
// tfjs-lint (no --threads, or --threads auto), a second thread only when the machine has a CPU
// (idle-core.ts) and memory to spare and the files left to lint hold enough tfjs source to pay
// for the worker's start. Every lint run loads this module, so it stays small: thread support
// itself (threads.ts, worker threads) loads only when a second thread is used.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { mayUseTfjs } from '../engine/prefilter';
import { coreToSpare } from './idle-core';
import type { CliOptions } from './args';

/**
 * Bytes of tfjs source (files that pass the prefilter) below which a worker costs more than it
 * saves: its start and its own load of TypeScript (~350 ms of CPU), V8 warming up a second time.
 * Measured on shares of the official examples (`npm run bench cli`, the break-even table): at
 * load 2-3, 103-323 KB took 1.46-1.71x one thread's wall time, 451 KB 0.92x (the only win; the
 * machine was never quiet enough to settle it).
 */
export const MIN_SHARED_BYTES = 450 * 1024;
/**
 * Memory the process may still take (Node's estimate, which knows a container's limit) below
 * which a run keeps to one thread: a worker holds its own TypeScript, syntax trees and modules,
 * 45-50 MiB more on the official examples, and a large workspace's trees more than that; in a
 * small container that could be the difference between a run and an out-of-memory kill.
 */
export const MIN_FREE_MEMORY_BYTES = 512 * 1024 * 1024;
/** Threads of a run left to tfjs-lint: the main thread and one worker (more were not measured: the machine has 2 cores). */
export const AUTO_THREADS = 2;

/**
 * --stdin (one text) and --fix (a file fixed on one thread would be read before or after the
 * write by an importer on another: the output would depend on timing) run on one thread,
 * whatever --threads says.
 */
function oneThreadOnly(options: CliOptions): boolean {
  return options.stdin || options.fix;
}

/** Threads --threads N asks for: N, or one (see oneThreadOnly). A second thread costs ~50 MiB (README's speed section). */
export function askedThreads(options: CliOptions): number {
  if (oneThreadOnly(options) || typeof options.threads !== 'number') return 1;
  return options.threads;
}

/** No --threads N (none, or auto) and nothing that needs one thread: the run chooses (weighForSecondThread). */
export function leftToChoose(options: CliOptions): boolean {
  return (options.threads === undefined || options.threads === 'auto') && !oneThreadOnly(options);
}

/**
 * Each file's work (tfjsBytes) when a second thread pays for them, undefined when one thread
 * is enough. The files are weighed only when a CPU and memory are free.
 */
export function weighForSecondThread(files: readonly string[], freeMemory = availableMemory()): number[] | undefined {
  if (files.length < AUTO_THREADS || freeMemory < MIN_FREE_MEMORY_BYTES || !coreToSpare()) return undefined;
  const weights = files.map(tfjsBytes);
  return weights.reduce((sum, w) => sum + w, 0) >= MIN_SHARED_BYTES ? weights : undefined;
}

/**
 * What the process may still allocate: process.availableMemory (Node 20.13+; on Linux the
 * kernel's MemAvailable, a control group's limit counted), else the machine's free memory. Not
 * on macOS, where both count only free pages (a few hundred MB on a Mac in use, whose cache
 * and compressed memory give way): there the check would refuse the thread for no reason.
 */
function availableMemory(): number {
  if (process.platform === 'darwin') return Infinity;
  const available = (process as { availableMemory?: () => number }).availableMemory;
  return typeof available === 'function' ? available.call(process) : os.freemem();
}

/** The work a file is: its length when it may use tfjs (others are read and dropped), a little otherwise. */
export function tfjsBytes(file: string): number {
  try {
    const text = fs.readFileSync(file, 'latin1');
    return mayUseTfjs(text) ? text.length : 64;
  } catch {
    return 64;
  }
}
