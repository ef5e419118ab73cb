// Whether the machine has a CPU the run can have for a worker thread (`--threads auto`). On a
// busy machine (load average 5-8 on 2 cores) a second thread did not pay.
import * as os from 'node:os';

/** More than one CPU and, on average over the last minute, one of them idle. */
export function coreToSpare(): boolean {
  const cpus = os.availableParallelism();
  return cpus > 1 && os.loadavg()[0] <= cpus - 1;
}
