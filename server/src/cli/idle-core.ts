// Whether the machine has a CPU the run can have for a second thread of work (a worker, or
// V8's optimizing compiler). On a busy machine (load average 5-8 on 2 cores) neither paid.
import * as os from 'node:os';

/** More than one CPU and, on average over the last minute, one of them idle. */
export function coreToSpare(): boolean {
  const cpus = os.availableParallelism();
  return cpus > 1 && os.loadavg()[0] <= cpus - 1;
}
