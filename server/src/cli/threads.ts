// Linting on more than one thread (CLI only; the language server never starts a worker). The
// main thread and each worker thread lint a share of the files with their own TypeScript,
// engine and modules: a file is linted exactly as on one thread, and analysis across files
// stays whole because a package's files (which import one another) stay on one thread. A
// worker starts before the main thread looks for files and configuration, so its load of
// TypeScript runs meanwhile. Results come back per file and are put in the order of the
// file list; the files of a worker that fails are linted on the main thread, with a notice.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { CliOptions } from './args';
import type { LintedFile } from './lint-files';
import { mayUseTfjs } from '../engine/prefilter';
import { importerPackageOf } from '../workspace/module-host';

/**
 * Bytes of tfjs source (files that pass the prefilter) below which a worker costs more than it
 * saves: its start and its own load of TypeScript (~350 ms of CPU), V8 warming up a second time.
 * Measured on shares of the official examples (`npm run bench cli`, the break-even table): at
 * load 2-3, 103-323 KB took 1.46-1.71x one thread's wall time, 451 KB 0.92x (the only win; the
 * machine was never quiet enough to settle it).
 */
export const MIN_SHARED_BYTES = 450 * 1024;
/** `--threads auto` given this many files and no folder does not start a worker before it knows their size. */
const FEW_FILES = 20;
/** Threads of `--threads auto`: the main thread and one worker (more were not measured: the machine has 2 cores). */
export const AUTO_THREADS = 2;

/** What a worker needs to lint as the main thread does. */
export interface WorkerData {
  options: CliOptions;
  cwd: string;
  /** The V8 code cache folder of the TypeScript module (code-cache.ts), and the V8 flags it is keyed by. */
  codeCacheDir?: string;
  v8Flags: string;
}

export type FromWorker = { index: number; linted: LintedFile } | { done: true; cpuMs?: number };

/** CPU time of the calling thread so far (Linux; undefined elsewhere), for TFJS_LINT_THREADS_TRACE. */
export function threadCpuMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/** What the command's entry point (bin/tfjs-lint.js) tells workers: its V8 code cache and flags. */
let entry: { codeCacheDir?: string; v8Flags: string } | undefined;

export function configureWorkers(config: { codeCacheDir?: string; v8Flags: string }): void {
  entry = config;
}

/**
 * How many threads a lint run may use: one by default (a second costs ~60-80 MiB, see README's
 * speed section), N with --threads N, two with --threads auto when the machine has a CPU to
 * spare (and, see shareOut, the files are worth it). One with --stdin (one text) and --fix (a file fixed on one thread would be read
 * before or after the write by an importer on another: the output would depend on timing).
 */
export function threadCount(options: CliOptions): number {
  if (options.stdin || options.fix || options.threads === undefined) return 1;
  if (options.threads === 'auto') return coreToSpare() ? Math.min(AUTO_THREADS, os.availableParallelism()) : 1;
  return options.threads;
}

/**
 * True when the machine has more than one CPU and, on average over the last minute, one of
 * them idle: on a busy machine (load average 5-8 on 2 cores) two threads were slower than one
 * at every size measured, the run getting no more CPU time for its second thread.
 */
function coreToSpare(): boolean {
  const cpus = os.availableParallelism();
  return cpus > 1 && os.loadavg()[0] <= cpus - 1;
}

/** Workers started before the run knows its files: told their share later, or stopped. */
export class LintWorkers {
  private constructor(
    readonly workers: LintWorker[],
    /** --threads N asked for them: used whatever the amount of work (auto: only when it pays). */
    readonly explicit: boolean,
  ) {}

  /**
   * Starts `threads - 1` workers, or none when one thread is enough: one asked for, or (auto)
   * a run given a few files and no folder.
   */
  static start(options: CliOptions, cwd: string): LintWorkers | undefined {
    const threads = threadCount(options);
    const explicit = options.threads !== 'auto';
    if (threads < 2) return undefined;
    if (!explicit && !options.paths.some((p) => isFolder(path.resolve(cwd, p))) && options.paths.length < FEW_FILES) return undefined;
    const data: WorkerData = { options, cwd, codeCacheDir: entry?.codeCacheDir, v8Flags: entry?.v8Flags ?? '' };
    return new LintWorkers(Array.from({ length: threads - 1 }, () => new LintWorker(data)), explicit);
  }

  /** Stops every worker (those that finished have exited or are exiting). */
  stop(): void {
    for (const w of this.workers) w.stop();
  }
}

/**
 * Lints `files` with `lintHere` on this thread and the workers (if any; none are kept when the
 * files are too little work for them). The results are in the order of `files`.
 */
export async function lintOnThreads(files: readonly string[], cwd: string, lintHere: (file: string) => LintedFile, workers: LintWorkers | undefined, notice: (message: string) => void): Promise<LintedFile[]> {
  const shares = workers ? shareOut(files, cwd, workers) : undefined;
  if (!workers || !shares) {
    workers?.stop();
    return files.map(lintHere);
  }
  const results: LintedFile[] = new Array(files.length);
  const start = performance.now();
  shares.slice(1).forEach((share, k) => workers.workers[k].lint(share.map((i) => files[i])));
  for (const i of shares[0]) results[i] = lintHere(files[i]);
  // TFJS_LINT_THREADS_TRACE: each thread's files and when it was done (the bench balances shares with it).
  const trace = process.env.TFJS_LINT_THREADS_TRACE ? [`main ${shares[0].length} files (${(performance.now() - start).toFixed(0)} ms, CPU ${threadCpuMs() ?? '?'} ms)`] : undefined;
  for (const [k, share] of shares.slice(1).entries()) {
    const { received, failure } = await workers.workers[k].results();
    let unfinished = 0;
    for (const [j, i] of share.entries()) {
      const linted = received.get(j);
      if (linted) results[i] = linted;
      else {
        results[i] = lintHere(files[i]);
        unfinished++;
      }
    }
    if (failure !== undefined) {
      notice(`a worker thread failed (${failure}) ${unfinished ? `before the end; its ${unfinished} unfinished file(s) were linted on the main thread` : 'after it had linted its files'}`);
    }
    trace?.push(`worker ${share.length} files (${((workers.workers[k].doneAt ?? NaN) - start).toFixed(0)} ms, CPU ${workers.workers[k].cpuMs ?? '?'} ms)`);
  }
  if (trace) notice(`threads: ${trace.join(', ')}`);
  return results;
}

/**
 * The files' shares, the main thread's first; undefined when the work is too little for the
 * workers (unless asked for). Work is the bytes of tfjs source.
 */
function shareOut(files: readonly string[], cwd: string, workers: LintWorkers): number[][] | undefined {
  const threads = workers.workers.length + 1;
  if (files.length < threads) return undefined;
  const units = files.map((file) => ({ group: importerPackageOf(file, cwd) ?? path.dirname(file), weight: tfjsBytes(file) }));
  if (!workers.explicit && units.reduce((sum, u) => sum + u.weight, 0) < MIN_SHARED_BYTES) return undefined;
  return planShares(units, threads);
}

/**
 * `threads` shares of the files (indices, each share in file order). A group's files (a
 * package: they import one another, and a thread parses each module it reads once) stay
 * together; groups go to the share with the least work so far, largest first. With fewer
 * groups than threads (one folder of many files), file by file.
 */
export function planShares(files: readonly { group: string; weight: number }[], threads: number): number[][] {
  const groups = new Map<string, number[]>();
  for (const [i, f] of files.entries()) {
    const members = groups.get(f.group);
    if (members) members.push(i);
    else groups.set(f.group, [i]);
  }
  const units = groups.size >= threads ? [...groups.values()] : files.map((_, i) => [i]);
  const weighed = units.map((members) => ({ members, weight: members.reduce((sum, i) => sum + files[i].weight, 0) }));
  weighed.sort((a, b) => b.weight - a.weight || a.members[0] - b.members[0]);
  const shares = Array.from({ length: threads }, () => ({ weight: 0, members: [] as number[] }));
  for (const unit of weighed) {
    const lightest = shares.reduce((min, s) => (s.weight < min.weight ? s : min));
    lightest.weight += unit.weight;
    lightest.members.push(...unit.members);
  }
  return shares.map((s) => s.members.sort((a, b) => a - b));
}

/** The work a file is: its length when it may use tfjs (others are read and dropped), a little otherwise. */
function tfjsBytes(file: string): number {
  try {
    const text = fs.readFileSync(file, 'latin1');
    return mayUseTfjs(text) ? text.length : 64;
  } catch {
    return 64;
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
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
  private readonly settled: Promise<void>;

  constructor(data: WorkerData) {
    this.worker = new Worker(path.join(__dirname, 'lint-worker.js'), { workerData: data });
    this.settled = new Promise((resolve) => {
      this.worker.on('message', (m: FromWorker) => {
        if ('done' in m) {
          this.done = true;
          this.doneAt = performance.now();
          this.cpuMs = m.cpuMs;
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

  lint(files: string[]): void {
    this.worker.postMessage(files);
  }

  /** What it linted (by index in its share) and, when it stopped before the end, why. */
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
