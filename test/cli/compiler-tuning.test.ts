// The CLI's V8 tuning (server/src/cli/compiler-tuning.ts): a larger interrupt budget, turned
// off by TFJS_LINT_COMPILER_TUNING=off; the flags returned key the TypeScript code cache, as
// V8 checks its data against the flags it was made under.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { INTERRUPT_BUDGET, tuneCompilerForShortRun } from '../../server/src/cli/compiler-tuning';
import { REPO, treesRemovedAfter } from './helpers';

const TUNING = path.join(REPO, 'out', 'server', 'src', 'cli', 'compiler-tuning.js');
const CODE_CACHE = path.join(REPO, 'out', 'server', 'src', 'code-cache.js');
const ENGINE_TS = path.join(REPO, 'out', 'server', 'src', 'engine', 'ts.js');

/** In a fresh process: tunes as the CLI does, loads TypeScript through the cache in `dir`, parses, saves the cache. */
function run(dir: string, tuning: 'on' | 'off'): string {
  const script = `
    const flags = require(${JSON.stringify(TUNING)}).tuneCompilerForShortRun(process.env);
    const cache = require(${JSON.stringify(CODE_CACHE)}).cacheTypeScriptCode(${JSON.stringify(dir)}, flags);
    const { ts } = require(${JSON.stringify(ENGINE_TS)});
    ts.createSourceFile('a.ts', 'const x = f(1);', ts.ScriptTarget.Latest);
    const state = cache.state;
    cache.save();
    process.stdout.write(state);
  `;
  const env = { ...process.env, TFJS_LINT_COMPILER_TUNING: tuning === 'off' ? 'off' : '' };
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000, env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('CLI compiler tuning', function () {
  this.timeout(120_000);
  const tempTree = treesRemovedAfter();

  it('sets the larger budget and returns it; off keeps V8 defaults and returns no flags', () => {
    assert.equal(tuneCompilerForShortRun({}), `--interrupt-budget=${INTERRUPT_BUDGET}`);
    assert.equal(tuneCompilerForShortRun({ TFJS_LINT_COMPILER_TUNING: 'off' }), '');
  });

  it('runs with and without the tuning keep code caches of their own, each accepted by the next run alike', () => {
    const dir = path.join(tempTree({}), 'cache');
    assert.equal(run(dir, 'on'), 'miss');
    assert.equal(run(dir, 'on'), 'hit');
    assert.equal(run(dir, 'off'), 'miss', 'data made under the budget flag is not offered to a run without it');
    assert.equal(run(dir, 'off'), 'hit');
    assert.equal(run(dir, 'on'), 'hit', "the tuned run's cache is still there");
  });
});
