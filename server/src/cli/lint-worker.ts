// A worker thread of the CLI (threads.ts): it loads the rules and TypeScript at once, while the
// main thread finds the files, then takes units of them from the run's queue until none is left,
// linting each exactly as the main thread lints (the same setup, its own modules), and sends
// each file's result back as soon as it has it.
//
// As entry.ts does for the main thread, the flags and code caches come before the other
// modules of tfjs-lint load (required below, not imported), so that they come from the cache
// of tfjs-lint's own code too. The worker reads that cache and never writes it: the main
// thread, which loads the same modules and more, does.
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { cacheTypeScriptCode } from '../code-cache';
import { cacheOwnCode } from '../own-code-cache';
import { holdYoungGeneration } from './young-generation';
import type * as LintSetup from './lint-setup';
import type * as LintFiles from './lint-files';
import type * as Registry from './registry';
import type * as Threads from './threads';
import type { FromWorker, ToWorker, WorkerData } from './threads';

const data = workerData as WorkerData;
const port = parentPort!;
if (data.holdsYoungGeneration) holdYoungGeneration({}); // V8 reset it when it made this isolate
const ownCode = data.ownCodeDir ? cacheOwnCode(data.codeCacheDir, data.v8Flags, data.ownCodeDir) : undefined;
cacheTypeScriptCode(data.codeCacheDir, data.v8Flags);
/* eslint-disable @typescript-eslint/no-require-imports */
const { lintSetup } = require('./lint-setup') as typeof LintSetup;
const { lintFile } = require('./lint-files') as typeof LintFiles;
const { allRules } = require('./registry') as typeof Registry;
const { threadCpuMs, UnitQueue } = require('./threads') as typeof Threads;
/* eslint-enable @typescript-eslint/no-require-imports */
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
  const traced = process.env.TFJS_LINT_THREADS_TRACE !== undefined;
  port.postMessage({ done: true, cpuMs: traced ? threadCpuMs() : undefined, ownCode: traced ? ownCode?.counts : undefined } satisfies FromWorker);
});
