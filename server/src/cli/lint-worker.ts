// A worker thread of the CLI (threads.ts): it loads the rules and TypeScript at once, while the
// main thread finds the files, then takes units of them from the run's queue until none is left,
// linting each exactly as the main thread lints (the same setup, its own modules), and sends
// each file's result back as soon as it has it.
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { cacheTypeScriptCode } from '../code-cache';
import { lintSetup } from './lint-setup';
import { holdYoungGeneration } from './young-generation';
import { lintFile } from './lint-files';
import { allRules } from './registry';
import { threadCpuMs, UnitQueue, type FromWorker, type ToWorker, type WorkerData } from './threads';

const data = workerData as WorkerData;
const port = parentPort!;
if (data.holdsYoungGeneration) holdYoungGeneration({}); // V8 reset it when it made this isolate
cacheTypeScriptCode(data.codeCacheDir, data.v8Flags);
const setup = lintSetup(data.options, data.cwd);
allRules();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../engine/analysis');

port.once('message', ({ files, units, queue: buffer, thread }: ToWorker) => {
  // The main thread checked the setup before sending files; a broken one never gets here.
  if (!('settingsFor' in setup)) throw new Error('the lint setup is invalid');
  const fault = process.env.TFJS_LINT_TEST_WORKER_FAULT; // tests: a worker that fails after its first file
  const queue = UnitQueue.of(buffer);
  const one = process.env.TFJS_LINT_TEST_WORKER_FIRST !== undefined; // tests: the worker takes the first unit only
  for (let u = queue.take(thread); u !== undefined; u = one ? undefined : queue.take(thread)) {
    for (const index of units[u]) {
      const file = files[index];
      const linted = lintFile(file, setup.settingsFor(setup.configFor(path.dirname(file))), data.options);
      port.postMessage({ index, linted } satisfies FromWorker);
      if (fault === 'throw') throw new Error('injected fault');
      if (fault === 'exit') process.exit(70);
    }
  }
  port.postMessage({ done: true, cpuMs: process.env.TFJS_LINT_THREADS_TRACE ? threadCpuMs() : undefined } satisfies FromWorker);
});
