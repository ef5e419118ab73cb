// The V8 code cache of tfjs-lint's own modules (server/src/own-code-cache.ts): a module is
// compiled from the cache only when its bytes are those the data was made from, and a cache
// is never a reason for a run to fail. Each case loads the modules in a fresh process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, treesRemovedAfter } from './helpers';

const OWN_CODE_CACHE = path.join(REPO, 'out', 'server', 'src', 'own-code-cache.js');

interface Loaded {
  value: string;
  counts: { hit: number; miss: number; rejected: number };
  file: string;
}

/** Loads `code/main.js` through the cache in `dir` for the modules under `root` and saves it; what main.js exports and the cache's counts. */
function load(dir: string, root: string, code = root): Loaded {
  const script = `
    const { cacheOwnCode } = require(${JSON.stringify(OWN_CODE_CACHE)});
    const cache = cacheOwnCode(${JSON.stringify(dir)}, '', ${JSON.stringify(root)});
    const value = require(${JSON.stringify(path.join(code, 'main.js'))}).value();
    const counts = { ...cache.counts };
    cache.save();
    process.stdout.write(JSON.stringify({ value, counts, file: cache.file }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Loaded;
}

/** Two modules: main.js calls part.js, whose word differs by one letter of the same length. */
function modules(word: string): Record<string, string> {
  return {
    'code/main.js': "'use strict';\nconst part = require('./part');\nexports.value = () => `${part.word()} from ${__filename.endsWith('main.js')}`;\n",
    'code/part.js': `'use strict';\nexports.word = function () { return '${word}'; };\n`,
  };
}

describe('V8 code cache of tfjs-lint\'s own modules', function () {
  this.timeout(120_000);
  const tempTree = treesRemovedAfter();

  it('the first run compiles from source and writes the cache; the next compiles every module from it', () => {
    const tree = tempTree(modules('cat'));
    const [dir, root] = [path.join(tree, 'cache'), path.join(tree, 'code')];
    const first = load(dir, root);
    assert.deepEqual([first.value, first.counts], ['cat from true', { hit: 0, miss: 2, rejected: 0 }]);
    assert.match(path.basename(first.file), /^tfjs-lint\.v1_[0-9a-f]{12}_node.*_[0-9a-f]{8}\.v8cache$/);
    assert.ok(fs.statSync(first.file).size > 200, 'compiled code was written');
    const second = load(dir, root);
    assert.deepEqual([second.value, second.counts], ['cat from true', { hit: 2, miss: 0, rejected: 0 }]);
  });

  it('a module changed to other bytes of the same length runs its new code, and its entry is rewritten', () => {
    const tree = tempTree(modules('cat'));
    const [dir, root] = [path.join(tree, 'cache'), path.join(tree, 'code')];
    load(dir, root);
    fs.writeFileSync(path.join(root, 'part.js'), modules('dog')['code/part.js']);
    const changed = load(dir, root);
    assert.deepEqual([changed.value, changed.counts], ['dog from true', { hit: 1, miss: 1, rejected: 0 }]);
    assert.deepEqual(load(dir, root).counts, { hit: 2, miss: 0, rejected: 0 });
  });

  it('a cache written removes this folder\'s caches of other Node versions, nothing else', () => {
    const tree = tempTree(modules('cat'));
    const [dir, root] = [path.join(tree, 'cache'), path.join(tree, 'code')];
    const file = path.basename(load(dir, root).file);
    const [kind, folder] = file.split('_');
    const tail = 'linux_x64_00000000.v8cache';
    const otherNode = `${kind}_${folder}_nodev1.0.0_${tail}`;
    const kept = [`${kind}_000000000000_nodev1.0.0_${tail}`, `typescript.v2_${folder}_nodev1.0.0_${tail}`, 'notes.txt'];
    for (const name of [otherNode, ...kept]) fs.writeFileSync(path.join(dir, name), 'x');
    fs.writeFileSync(path.join(root, 'part.js'), modules('dog')['code/part.js']); // a miss: the cache is written again
    load(dir, root);
    assert.deepEqual(fs.readdirSync(dir).sort(), [...kept, file].sort());
  });

  it('a module outside the folder is Node\'s own, and keeps no entry', () => {
    const tree = tempTree(modules('cat'));
    const dir = path.join(tree, 'cache');
    const loaded = load(dir, path.join(tree, 'elsewhere'), path.join(tree, 'code'));
    assert.deepEqual([loaded.value, loaded.counts], ['cat from true', { hit: 0, miss: 0, rejected: 0 }]);
    assert.equal(fs.existsSync(dir), false, 'nothing compiled here, nothing written');
  });

  it('a damaged, truncated or foreign cache file is ignored and replaced; an unwritable folder costs only the cache', () => {
    const tree = tempTree(modules('cat'));
    const [dir, root] = [path.join(tree, 'cache'), path.join(tree, 'code')];
    const file = load(dir, root).file;
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(file, bytes);
    assert.deepEqual(load(dir, root).counts, { hit: 0, miss: 2, rejected: 0 });
    assert.deepEqual(load(dir, root).counts, { hit: 2, miss: 0, rejected: 0 }, 'replaced after the run');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 40));
    assert.deepEqual(load(dir, root).counts, { hit: 0, miss: 2, rejected: 0 });
    fs.writeFileSync(file, 'not a cache at all');
    assert.deepEqual(load(dir, root).counts, { hit: 0, miss: 2, rejected: 0 });
    const blocked = path.join(tempTree({ cache: 'a file where the folder should be' }), 'cache');
    const r = load(blocked, root);
    assert.deepEqual([r.value, r.counts], ['cat from true', { hit: 0, miss: 2, rejected: 0 }]);
    assert.equal(fs.readFileSync(blocked, 'utf8'), 'a file where the folder should be');
  });

  it('the CLI\'s own modules come from the cache on its second run', () => {
    const tree = tempTree({ 'model.js': "const tf = require('@tensorflow/tfjs');\n" });
    const dir = path.join(tree, 'cache');
    const script = `
      process.env.TFJS_LINT_CODE_CACHE = ${JSON.stringify(dir)};
      process.argv = [process.argv[0], 'tfjs-lint', '--format', 'json', 'model.js'];
      const ownCodeCache = require(${JSON.stringify(OWN_CODE_CACHE)});
      const install = ownCodeCache.cacheOwnCode;
      let cache;
      ownCodeCache.cacheOwnCode = (...args) => (cache = install(...args));
      process.on('exit', () => process.stderr.write(JSON.stringify(cache.counts)));
      require(${JSON.stringify(path.join(REPO, 'bin', 'tfjs-lint.js'))});
    `;
    const counts = () => {
      const r = spawnSync(process.execPath, ['-e', script], { cwd: tree, encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stderr) as Loaded['counts'];
    };
    const first = counts();
    assert.ok(first.miss > 20 && first.hit === 0, JSON.stringify(first));
    const second = counts();
    assert.deepEqual(second, { hit: first.miss, miss: 0, rejected: 0 });
  });
});
