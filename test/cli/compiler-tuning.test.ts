// The CLI's V8 tuning (server/src/cli/compiler-tuning.ts): a larger interrupt budget for a
// short run, V8's own once a run is long and a core is idle, and the start's flags back before
// the TypeScript code cache is written (V8 checks its data against the flags).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { INTERRUPT_BUDGET, LONG_RUN_MS, tuneCompilerForShortRun } from '../../server/src/cli/compiler-tuning';
import { REPO, treesRemovedAfter } from './helpers';

const TUNING = path.join(REPO, 'out', 'server', 'src', 'cli', 'compiler-tuning.js');
const CODE_CACHE = path.join(REPO, 'out', 'server', 'src', 'code-cache.js');
const ENGINE_TS = path.join(REPO, 'out', 'server', 'src', 'engine', 'ts.js');

/**
 * In a fresh process: tunes, loads TypeScript through the cache in `dir`, parses, makes the run
 * long on a machine with an idle core, and saves the cache (after restore() when asked).
 */
function longRun(dir: string, restore: boolean, idle = true): { state: string; relaxedFlags: string } {
  const script = `
    let t = 0;
    const tuning = require(${JSON.stringify(TUNING)}).tuneCompilerForShortRun({}, { now: () => t, coreToSpare: () => process.env.IDLE === '1' });
    const cache = require(${JSON.stringify(CODE_CACHE)}).cacheTypeScriptCode(${JSON.stringify(dir)}, tuning.flags);
    const { ts } = require(${JSON.stringify(ENGINE_TS)});
    ts.createSourceFile('a.ts', 'const x = f(1);', ts.ScriptTarget.Latest);
    t = ${LONG_RUN_MS + 1};
    tuning.checkpoint();
    const state = cache.state;
    if (process.env.RESTORE) tuning.restore();
    cache.save();
    process.stdout.write(JSON.stringify({ state, relaxedFlags: tuning.flags }));
  `;
  // One script text for both ways: the cache's key holds Node's arguments, the script among them.
  const env = { ...process.env, RESTORE: restore ? '1' : '', IDLE: idle ? '1' : '' };
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { state: string; relaxedFlags: string };
}

describe('CLI compiler tuning', function () {
  this.timeout(120_000);
  const tempTree = treesRemovedAfter();

  it('starts with the larger budget; off and fixed are honoured', () => {
    const machine = { now: () => 0, coreToSpare: () => true };
    assert.equal(tuneCompilerForShortRun({}, machine).flags, `--interrupt-budget=${INTERRUPT_BUDGET}`);
    assert.equal(tuneCompilerForShortRun({ TFJS_LINT_COMPILER_TUNING: 'off' }, machine).flags, '');
    assert.equal(tuneCompilerForShortRun({ TFJS_LINT_COMPILER_TUNING: 'fixed' }, machine).flags, `--interrupt-budget=${INTERRUPT_BUDGET}`);
  });

  it('reads the load once, when the run becomes long, and never in a fixed run', () => {
    let t = 0;
    let reads = 0;
    const machine = { now: () => t, coreToSpare: () => (reads++, false) };
    const tuning = tuneCompilerForShortRun({}, machine);
    tuning.checkpoint();
    assert.equal(reads, 0, 'a short run does not read the load');
    t = LONG_RUN_MS + 1;
    for (let i = 0; i < 5; i++) tuning.checkpoint();
    assert.equal(reads, 1, 'a busy machine is asked once, not between every file');
    const fixed = tuneCompilerForShortRun({ TFJS_LINT_COMPILER_TUNING: 'fixed' }, machine);
    fixed.checkpoint();
    assert.equal(reads, 1);
  });

  it("a long run goes back to V8's budget only with a core idle, and restore() puts the start's flags back", () => {
    // Observed through the code cache: V8 rejects data made under other flags than the load's.
    const dir = path.join(tempTree({}), 'cache');
    assert.equal(longRun(dir, false).state, 'miss');
    assert.equal(longRun(dir, false).state, 'rejected', 'the data was made after the budget changed back');
    assert.equal(longRun(dir, true).state, 'rejected');
    assert.equal(longRun(dir, true).state, 'hit', 'made with the start flags restored, the data is accepted');
    const busy = path.join(tempTree({}), 'cache');
    assert.equal(longRun(busy, false, false).state, 'miss');
    assert.equal(longRun(busy, false, false).state, 'hit', 'no idle core: the budget stayed, so the flags never changed');
  });
});
