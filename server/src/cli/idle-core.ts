// Whether the machine has a CPU the run can have for a worker thread. On a busy machine (load
// average 5-8 on 2 cores) a second thread did not pay.
//
// On Linux the test is what runs now (/proc/stat's count of runnable threads), not the load
// average: that counts the last minute, so a run straight after a build or a test run (or the
// run before it, in a loop) would see their load and keep to one thread on an idle machine.
import * as fs from 'node:fs';
import * as os from 'node:os';

/** What the test reads. */
export interface CpuState {
  /** CPUs this process may run on. */
  cpus: number;
  /** CPUs its control group's quota allows (Linux), undefined when there is no quota. */
  quota?: number;
  /** Threads runnable on the machine now: this one and those of other processes (Linux), the least of a few reads. */
  runnable?: number;
  /** Load average over the last minute. */
  load: number;
}

/**
 * More than one CPU and one of them idle: nothing else runnable wants it now (Linux) or,
 * elsewhere, on average over the last minute. TFJS_LINT_TEST_IDLE_CORE=yes|no stands for the
 * machine's answer (tests of what a run does with each).
 */
export function coreToSpare(state?: CpuState): boolean {
  const told = process.env.TFJS_LINT_TEST_IDLE_CORE;
  if (state === undefined && (told === 'yes' || told === 'no')) return told === 'yes';
  state ??= cpuState();
  const cpus = Math.min(state.cpus, state.quota ?? Infinity);
  if (cpus < 2) return false;
  if (state.runnable !== undefined) return state.runnable <= cpus - 1;
  return state.load <= cpus - 1;
}

export function cpuState(): CpuState {
  return { cpus: os.availableParallelism(), quota: cpuQuota(), runnable: runnableNow(), load: os.loadavg()[0] };
}

/**
 * This thread and the runnable threads of other processes: the machine's count less this
 * process's own (V8 compiles and collects on threads of its own, which a worker does not
 * compete with). The least of three reads, as the counts are not read at one instant; a program
 * that keeps a CPU busy is in every read.
 */
function runnableNow(): number | undefined {
  let least: number | undefined;
  for (let i = 0; i < 3; i++) {
    const all = readNumber('/proc/stat', /^procs_running (\d+)$/m);
    if (all === undefined) return undefined;
    const n = Math.max(1, all - ownRunnable() + 1);
    least = Math.min(least ?? n, n);
  }
  return least;
}

/** This process's threads that are running or runnable (state R in /proc/self/task/<id>/stat). */
function ownRunnable(): number {
  let n = 0;
  try {
    for (const task of fs.readdirSync('/proc/self/task')) {
      const stat = read(`/proc/self/task/${task}/stat`);
      if (stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'R') n++;
    }
  } catch {
    // no task list: count none of them
  }
  return n;
}

/** CPUs of the control group's quota: cgroup v2's cpu.max ("max 100000" is none), else v1's cfs files. */
function cpuQuota(): number | undefined {
  const v2 = read('/sys/fs/cgroup/cpu.max');
  if (v2 !== undefined) {
    const [quota, period] = v2.trim().split(/\s+/).map(Number);
    return quota > 0 && period > 0 ? quota / period : undefined;
  }
  const quota = readNumber('/sys/fs/cgroup/cpu/cpu.cfs_quota_us', /^(-?\d+)/);
  const period = readNumber('/sys/fs/cgroup/cpu/cpu.cfs_period_us', /^(\d+)/);
  return quota !== undefined && period !== undefined && quota > 0 && period > 0 ? quota / period : undefined;
}

function readNumber(file: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(read(file) ?? '');
  return m ? Number(m[1]) : undefined;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
