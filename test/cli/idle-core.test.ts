// Whether a run may have a second CPU (idle-core.ts): what runs now decides on Linux, the load
// average elsewhere, and a quota of the control group counts as fewer CPUs. The last test keeps
// every CPU of this machine busy and asks the real probe.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { coreToSpare, cpuState } from '../../server/src/cli/idle-core';

describe('idle-core: a CPU to spare', function () {
  this.timeout(30_000);

  it('on Linux, what is runnable now decides, not the load of the last minute', () => {
    assert.equal(coreToSpare({ cpus: 2, runnable: 1, load: 1.9 }), true, 'only this run: the other CPU is idle although the last minute was busy');
    assert.equal(coreToSpare({ cpus: 2, runnable: 2, load: 0.1 }), false, 'another program runs now');
    assert.equal(coreToSpare({ cpus: 8, runnable: 7, load: 9 }), true);
    assert.equal(coreToSpare({ cpus: 8, runnable: 8, load: 0 }), false);
  });

  it('elsewhere, the load average over the last minute', () => {
    assert.equal(coreToSpare({ cpus: 2, load: 0.9 }), true);
    assert.equal(coreToSpare({ cpus: 2, load: 1.2 }), false);
  });

  it('one CPU, or a quota of less than two, has none to spare', () => {
    assert.equal(coreToSpare({ cpus: 1, runnable: 1, load: 0 }), false);
    assert.equal(coreToSpare({ cpus: 16, quota: 1.5, runnable: 1, load: 0 }), false);
    assert.equal(coreToSpare({ cpus: 16, quota: 2, runnable: 1, load: 0 }), true);
  });

  it('the real probe: this process is runnable while it asks, and with every CPU kept busy none is spare', async function () {
    const state = cpuState();
    assert.equal(state.cpus, os.availableParallelism());
    if (process.platform !== 'linux') this.skip();
    assert.ok(state.runnable !== undefined && state.runnable >= 1, `runnable ${state.runnable}`);
    const busy: ChildProcess[] = [];
    try {
      for (let i = 0; i < state.cpus; i++) busy.push(spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const loaded = cpuState();
      assert.ok(loaded.runnable! >= state.cpus, `runnable ${loaded.runnable} with ${state.cpus} busy programs`);
      assert.equal(coreToSpare(loaded), false);
    } finally {
      for (const b of busy) b.kill();
    }
  });

  it("the real probe does not count this process's own busy threads (V8's compiler, a worker): a worker does not compete with them", async function () {
    if (process.platform !== 'linux') this.skip();
    const worker = new Worker('for (;;);', { eval: true });
    try {
      await new Promise((resolve) => worker.once('online', resolve));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const machine = () => Number(/^procs_running (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))![1]);
      const before = Math.max(machine(), machine(), machine());
      const state = cpuState();
      const after = Math.max(machine(), machine(), machine());
      assert.ok(before >= 2 && after >= 2, `the machine counts this thread and the busy worker: ${before}, ${after}`);
      assert.ok(state.runnable! < Math.max(before, after), `runnable ${state.runnable}, the machine's ${before} / ${after}`);
    } finally {
      await worker.terminate();
    }
  });
});
