// The CLI's held young generation (server/src/cli/young-generation.ts): held from the start,
// released once the run has linted RELEASE_AFTER_BYTES of tfjs source, and set back before
// the code caches are saved, since V8 keys cached code by its flags, this one included.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO, treesRemovedAfter } from './helpers';

const YOUNG = path.join(REPO, 'out', 'server', 'src', 'cli', 'young-generation.js');
const CODE_CACHE = path.join(REPO, 'out', 'server', 'src', 'code-cache.js');
const ENGINE_TS = path.join(REPO, 'out', 'server', 'src', 'engine', 'ts.js');

interface Run {
  /** The TypeScript code cache's state when loaded. */
  state: string;
  /** What noteLintedSource answered for each file, in order. */
  releases: boolean[];
}

/**
 * In a fresh process, as a CLI run does: holds (unless `hold` is false), loads TypeScript
 * through the cache in `dir`, notes `files` of linted source, restores the flag when asked,
 * saves the cache.
 */
function run(dir: string, files: number[], options: { restore: boolean; hold?: boolean }): Run {
  // One script text for every run: Node's command line (the script included) keys the cache too.
  const script = `
    const { dir, files, restore, hold } = JSON.parse(process.env.RUN);
    const young = require(${JSON.stringify(YOUNG)});
    const flags = hold ? young.holdYoungGeneration({}) : '';
    const cache = require(${JSON.stringify(CODE_CACHE)}).cacheTypeScriptCode(dir, flags);
    const { ts } = require(${JSON.stringify(ENGINE_TS)});
    ts.createSourceFile('a.ts', 'const x = f(1);', ts.ScriptTarget.Latest);
    const releases = files.map((bytes) => young.noteLintedSource(bytes));
    if (restore) young.restoreForCodeCache();
    const state = cache.state;
    cache.save();
    process.stdout.write(JSON.stringify({ state, releases }));
  `;
  const env = { ...process.env, RUN: JSON.stringify({ dir, files, restore: options.restore, hold: options.hold !== false }) };
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Run;
}

describe('CLI young generation', function () {
  this.timeout(120_000);
  const tempTree = treesRemovedAfter();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RELEASE_AFTER_BYTES } = require(YOUNG) as typeof import('../../server/src/cli/young-generation');
  const half = RELEASE_AFTER_BYTES / 2;

  it('is released once, by the file that takes the linted source past the threshold; never when not held', () => {
    const dir = path.join(tempTree({}), 'cache');
    assert.deepEqual(run(dir, [half, half, 1, 1, half], { restore: true }).releases, [false, false, true, false, false]);
    assert.deepEqual(run(dir, [half, half, 1], { restore: true, hold: false }).releases, [false, false, false]);
  });

  it('a run that released it writes a code cache the next run accepts, as the flag is set back before saving', () => {
    const dir = path.join(tempTree({}), 'cache');
    const big = [RELEASE_AFTER_BYTES + 1];
    assert.deepEqual(run(dir, big, { restore: true }), { state: 'miss', releases: [true] });
    assert.deepEqual(run(dir, big, { restore: true }), { state: 'hit', releases: [true] });
    assert.deepEqual(run(dir, [], { restore: true }), { state: 'hit', releases: [] }, 'a small run accepts it too');
  });

  it('without setting it back, the saved cache would be refused: V8 keys cached code by this flag', () => {
    const dir = path.join(tempTree({}), 'cache');
    const big = [RELEASE_AFTER_BYTES + 1];
    assert.equal(run(dir, big, { restore: false }).state, 'miss');
    assert.equal(run(dir, big, { restore: false }).state, 'rejected');
  });
});
