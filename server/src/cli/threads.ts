// Linting on more than one thread (CLI only; the language server never starts a worker). The
// main thread and each worker thread lint units of the files with their own TypeScript, engine
// and modules: a file is linted exactly as on one thread, and analysis across files stays whole
// because a package's files (which import one another) are one unit. Every thread takes the
// next unit from one queue when it is done with the last, so a worker that is late to start
// (it loads TypeScript) or a slow package does not leave a thread idle. With --threads N a
// worker starts before the main thread looks for files and configuration, so its load of
// TypeScript runs meanwhile; a run left to choose (second-thread.ts) starts one once it knows
// the files are worth it.
// Results come back per file and are put in the order of the file list; the files of a worker
// that fails are linted on the main thread, with a notice.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { CliOptions } from './args';
import type { LintedFile } from './lint-files';
import { importerPackageOf } from '../workspace/module-host';
import { AUTO_THREADS, askedThreads, tfjsBytes } from './second-thread';
import { holdYoungGeneration } from './young-generation';
import type { OwnCodeCacheCounts } from '../own-code-cache';

/**
 * A worker's young generation (V8's default for a thread here: 48 MB, the new space 32 MB of
 * it). A short run does not need more: on the official examples two threads' peak RSS fell from
 * 217 to 204 MiB (median of 5, 4 MB: 202), on the whole corpus 350 to 311 MiB, the CPU time the
 * same (16 MB: 210 and 325 MiB). The main thread's is set when Node starts, before any flag.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/** What a worker needs to lint as the main thread does. */
export interface WorkerData {
  options: CliOptions;
  cwd: string;
  /** The V8 code cache folder of the TypeScript module (code-cache.ts), and the V8 flags it is keyed by. */
  codeCacheDir?: string;
  /** tfjs-lint's compiled code, whose modules come from the code cache (own-code-cache.ts), when the main thread's do. */
  ownCodeDir?: string;
  v8Flags: string;
  /** Set young-generation.ts's flag again (making this isolate reset it) before compiling anything. */
  holdsYoungGeneration: boolean;
}

/** A run's work as a worker is told it: every file, the units (indices of files) and their queue (UnitQueue). */
export interface ToWorker {
  files: readonly string[];
  units: readonly number[][];
  queue: SharedArrayBuffer;
  /** Its number in the queue (the main thread is 0). */
  thread: number;
}

/** A file linted (by its index in the run's files), or the end of the worker's work. */
export type FromWorker = { index: number; linted: LintedFile } | { done: true; cpuMs?: number; ownCode?: OwnCodeCacheCounts };

/** CPU time of the calling thread so far (Linux; undefined elsewhere), for TFJS_LINT_THREADS_TRACE. */
export function threadCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/**
 * What the command's entry point (bin/tfjs-lint.js) tells workers: its V8 code cache and flags,
 * and whether it holds the young generation small (young-generation.ts): V8 resets that flag
 * when it makes a worker's isolate, so it is set again once the workers are up.
 */
let entry: { codeCacheDir?: string; ownCodeDir?: string; v8Flags: string; holdsYoungGeneration?: boolean } | undefined;

export function configureWorkers(config: { codeCacheDir?: string; ownCodeDir?: string; v8Flags: string; holdsYoungGeneration?: boolean }): void {
  entry = config;
}

/** A run's workers: given its queue of units, or stopped. */
export class LintWorkers {
  private constructor(readonly workers: LintWorker[]) {}

  /** Starts the workers --threads N asks for (none for one thread), before the run knows its files. */
  static start(options: CliOptions, cwd: string): LintWorkers | undefined {
    const threads = askedThreads(options);
    return threads < 2 ? undefined : LintWorkers.make(options, cwd, threads);
  }

  /** Starts the worker of a run left to choose, once second-thread.ts found its files worth it. */
  static startChosen(options: CliOptions, cwd: string): LintWorkers {
    return LintWorkers.make(options, cwd, AUTO_THREADS);
  }

  private static make(options: CliOptions, cwd: string, threads: number): LintWorkers {
    const data: WorkerData = { options, cwd, codeCacheDir: entry?.codeCacheDir, ownCodeDir: entry?.ownCodeDir, v8Flags: entry?.v8Flags ?? '', holdsYoungGeneration: entry?.holdsYoungGeneration === true };
    return new LintWorkers(Array.from({ length: threads - 1 }, () => new LintWorker(data)));
  }

  /** Stops every worker (those that finished have exited or are exiting). */
  stop(): void {
    for (const w of this.workers) w.stop();
  }
}

/**
 * Lints `files` with `lintHere` on this thread and the workers (none are kept when there are
 * fewer files than threads). `weights` are the files' work (tfjsBytes). The files are cut into units (a package's files, which
 * import one another, are one unit) that every thread takes from one queue as it finishes the
 * last, largest first: a worker that starts late (its own load of TypeScript) or meets a slow
 * package takes less, and no thread waits with work left. The results are in the order of `files`.
 */
export async function lintOnThreads(
  files: readonly string[],
  cwd: string,
  lintHere: (file: string) => LintedFile,
  workers: LintWorkers,
  notice: (message: string) => void,
  weights: readonly number[] = files.map(tfjsBytes),
): Promise<LintedFile[]> {
  const units = unitsOf(files, cwd, weights, workers.workers.length + 1);
  if (entry?.holdsYoungGeneration) {
    // Making a worker's isolate reset the flag: set it again before this thread compiles
    // TypeScript, whose code cache V8 checks against the flags (a worker does the same).
    await Promise.all(workers.workers.map((w) => w.started));
    holdYoungGeneration();
  }
  if (!units) {
    workers.stop();
    return files.map(lintHere);
  }
  const results: LintedFile[] = new Array(files.length);
  const start = performance.now();
  const queue = UnitQueue.create(units.length);
  workers.workers.forEach((w, k) => w.lint({ files, units, queue: queue.buffer, thread: k + 1 }));
  if (process.env.TFJS_LINT_TEST_WORKER_FIRST !== undefined) queue.waitForFirstTake(); // tests: the worker takes the first unit, this thread the rest
  const mine: number[] = [];
  for (let u = queue.take(0); u !== undefined; u = queue.take(0)) {
    for (const i of units[u]) results[i] = lintHere(files[i]);
    mine.push(...units[u]);
  }
  // TFJS_LINT_THREADS_TRACE: each thread's files and when it was done (the bench reads it); =files also names them.
  const traced = process.env.TFJS_LINT_THREADS_TRACE;
  const trace = traced ? [`main ${mine.length} files (${(performance.now() - start).toFixed(0)} ms, CPU ${threadCpuMs() ?? '?'} ms)`] : undefined;
  const named = (thread: string, indices: Iterable<number>) => {
    if (traced === 'files') notice(`threads: ${thread} linted ${[...indices].sort((a, b) => a - b).map((i) => path.relative(cwd, files[i])).join(', ')}`);
  };
  named('main', mine);
  for (const [k, worker] of workers.workers.entries()) {
    const { received, failure } = await worker.results();
    for (const [i, linted] of received) results[i] = linted;
    if (failure !== undefined) {
      // The units it took and did not finish are linted here; the rest of the queue was taken by the other threads.
      let unfinished = 0;
      for (const [u, members] of units.entries()) {
        if (queue.takerOf(u) !== k + 1) continue;
        for (const i of members) {
          if (received.has(i)) continue;
          results[i] = lintHere(files[i]);
          unfinished++;
        }
      }
      notice(`a worker thread failed (${failure})${unfinished ? `; its ${unfinished} unfinished file(s) were linted on the main thread` : ''}`);
    }
    named(`worker ${k + 1}`, received.keys());
    trace?.push(`worker ${received.size} files (${((worker.doneAt ?? NaN) - start).toFixed(0)} ms, CPU ${worker.cpuMs ?? '?'} ms)`);
    const own = worker.ownCode;
    if (traced && own) notice(`threads: worker ${k + 1}'s own modules: ${own.hit} from the code cache, ${own.miss} compiled, ${own.rejected} refused`);
  }
  if (trace) notice(`threads: ${trace.join(', ')}`);
  return results;
}

/** The files' units in the order the threads take them; undefined when there are fewer files than threads. Work is the bytes of tfjs source. */
function unitsOf(files: readonly string[], cwd: string, weights: readonly number[], threads: number): number[][] | undefined {
  if (files.length < threads) return undefined;
  return planUnits(files.map((file, i) => ({ group: importerPackageOf(file, cwd) ?? path.dirname(file), weight: weights[i] })), threads);
}

/**
 * The units of work (indices of files, each unit in file order), largest first. A group's
 * files (a package: they import one another, and a thread parses each module it reads once)
 * are one unit; with fewer groups than threads (one folder of many files), each file is one.
 */
export function planUnits(files: readonly { group: string; weight: number }[], threads: number): number[][] {
  const groups = new Map<string, number[]>();
  for (const [i, f] of files.entries()) {
    const members = groups.get(f.group);
    if (members) members.push(i);
    else groups.set(f.group, [i]);
  }
  const units = groups.size >= threads ? [...groups.values()] : files.map((_, i) => [i]);
  const weighed = units.map((members) => ({ members, weight: members.reduce((sum, i) => sum + files[i].weight, 0) }));
  weighed.sort((a, b) => b.weight - a.weight || a.members[0] - b.members[0]);
  return weighed.map((u) => u.members);
}

/**
 * The queue of units, in memory every thread sees: the next unit to take, and which thread
 * took each (0 the main thread, k the k-th worker), so a failed worker's unfinished units are
 * known. A take is one atomic add: no thread waits for another to hand out work.
 */
export class UnitQueue {
  private readonly slots: Int32Array;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  static create(units: number): UnitQueue {
    const queue = new UnitQueue(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + units)));
    queue.slots.fill(-1, 1);
    return queue;
  }

  static of(buffer: SharedArrayBuffer): UnitQueue {
    return new UnitQueue(buffer);
  }

  /** The next unit for `thread`, or undefined when none is left. */
  take(thread: number): number | undefined {
    const u = Atomics.add(this.slots, 0, 1);
    if (u >= this.slots.length - 1) return undefined;
    Atomics.store(this.slots, 1 + u, thread);
    Atomics.notify(this.slots, 0);
    return u;
  }

  /** The thread that took unit `u` (-1: none). */
  takerOf(u: number): number {
    return Atomics.load(this.slots, 1 + u);
  }

  /** Blocks until some thread has taken a unit (at most 30 s): tests make the worker's share certain with it. */
  waitForFirstTake(): void {
    Atomics.wait(this.slots, 0, 0, 30_000);
  }
}

/** One worker thread: started at once (it loads TypeScript), then given its files. */
class LintWorker {
  private readonly worker: Worker;
  private readonly received = new Map<number, LintedFile>();
  private failure: string | undefined;
  private done = false;
  /** When it said it was done (performance.now()). */
  doneAt: number | undefined;
  /** Its thread's CPU time when done (Linux). */
  cpuMs: number | undefined;
  /** How its own modules were compiled (own-code-cache.ts), when traced. */
  ownCode: OwnCodeCacheCounts | undefined;
  private readonly settled: Promise<void>;
  /** Resolves when its isolate is made and its code runs (or it has ended). */
  readonly started: Promise<void>;

  constructor(data: WorkerData) {
    this.worker = new Worker(path.join(__dirname, 'lint-worker.js'), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    this.started = new Promise((resolve) => {
      this.worker.once('online', resolve);
      this.worker.once('exit', () => resolve());
    });
    this.settled = new Promise((resolve) => {
      this.worker.on('message', (m: FromWorker) => {
        if ('done' in m) {
          this.done = true;
          this.doneAt = performance.now();
          this.cpuMs = m.cpuMs;
          this.ownCode = m.ownCode;
          resolve();
        } else this.received.set(m.index, m.linted);
      });
      this.worker.on('error', (error) => (this.failure ??= error.message || String(error)));
      this.worker.on('messageerror', (error) => (this.failure ??= error.message));
      // After the messages it sent (Node delivers them before 'exit').
      this.worker.on('exit', (code) => {
        if (!this.done) this.failure ??= `it exited with code ${code}`;
        resolve();
      });
    });
  }

  lint(work: ToWorker): void {
    this.worker.postMessage(work);
  }

  /** What it linted (by index in the run's files) and, when it stopped before the end, why. */
  async results(): Promise<{ received: Map<number, LintedFile>; failure: string | undefined }> {
    await this.settled;
    // A worker that is done exits on its own; the run does not wait for its heap to be torn down.
    this.worker.unref();
    return { received: this.received, failure: this.done ? undefined : this.failure };
  }

  stop(): void {
    void this.worker.terminate();
  }
}
