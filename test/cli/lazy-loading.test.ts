// The CLI's startup cost: files that fail the prefilter must not load TypeScript or the rule
// registry, no run loads ts-morph's project wrapper (only its TypeScript API file), and a run
// --cache answers loads only what looking results up needs (its own work is ~100 ms).
// Checked by running the real CLI with a hook that lists, at exit, which modules were loaded.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, HIGH_RATE, NOT_TFJS, removeTree, tempTree } from './helpers';

interface Loaded {
  status: number | null;
  typescript: boolean;
  wrapper: boolean;
  registry: boolean;
  catalog: boolean;
  threads: boolean;
  picomatch: boolean;
  zlib: boolean;
  workerThreads: boolean;
}

function loadedModules(args: string[], cwd: string): Loaded {
  const probe = `
    process.on('exit', () => {
      const keys = Object.keys(require.cache);
      process.stderr.write('\\nLOADED ' + JSON.stringify({
        typescript: keys.some((k) => /[\\\\/]@ts-morph[\\\\/]common[\\\\/]dist[\\\\/]typescript\\.js$/.test(k)),
        wrapper: keys.some((k) => /[\\\\/](ts-morph[\\\\/]dist|@ts-morph[\\\\/]common[\\\\/]dist[\\\\/]ts-morph-common)/.test(k)),
        registry: keys.some((k) => /[\\\\/]out[\\\\/]rules[\\\\/]index\\.js$/.test(k)),
        catalog: keys.some((k) => /[\\\\/]tfjs[\\\\/]catalog\\.js$/.test(k)),
        threads: keys.some((k) => /[\\\\/]cli[\\\\/]threads\\.js$/.test(k)),
        picomatch: keys.some((k) => /[\\\\/]node_modules[\\\\/]picomatch[\\\\/]/.test(k)),
        zlib: process.moduleLoadList.includes('NativeModule zlib'),
        workerThreads: process.moduleLoadList.includes('NativeModule worker_threads'),
      }) + '\\n');
    });
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    require(${JSON.stringify(BIN)});
  `;
  const r = spawnSync(process.execPath, ['-e', probe], { cwd, encoding: 'utf8', timeout: 60_000 });
  const m = /LOADED (\{.*\})/.exec(r.stderr);
  assert.ok(m, `no probe output: ${r.stderr}`);
  return { status: r.status, ...(JSON.parse(m[1]) as Omit<Loaded, 'status'>) };
}

describe('tfjs-lint CLI: lazy loading', function () {
  this.timeout(60_000);
  let plain: string;
  let model: string;
  before(() => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`src/util${i}.ts`] = NOT_TFJS;
    plain = tempTree({ ...files, '.tfjslintrc.json': JSON.stringify({ exclude: ['gen'] }) });
    model = tempTree({ ...files, 'src/model.ts': HIGH_RATE });
  });
  after(() => [plain, model].forEach(removeTree));

  it('a folder without tfjs files loads neither TypeScript nor the rules (stylish and json)', () => {
    for (const args of [['.'], ['--format', 'json', '.']]) {
      const r = loadedModules(args, plain);
      assert.equal(r.status, 0);
      assert.deepEqual({ typescript: r.typescript, wrapper: r.wrapper, registry: r.registry }, { typescript: false, wrapper: false, registry: false }, args.join(' '));
    }
  });

  it("control: a folder with a tfjs file loads both, and still not ts-morph's wrapper (also with --fix-dry-run)", () => {
    for (const args of [['.'], ['--fix-dry-run', '--format', 'json', '.']]) {
      const r = loadedModules(args, model);
      assert.deepEqual({ typescript: r.typescript, wrapper: r.wrapper, registry: r.registry }, { typescript: true, wrapper: false, registry: true }, args.join(' '));
    }
  });

  it('a run --cache answers loads no TypeScript, rules, tfjs catalog, threads, glob matcher or zlib', () => {
    const cache = ['--cache', '--cache-location', 'results.tfjslintcache', '.'];
    const first = loadedModules(cache, model);
    assert.deepEqual([first.typescript, first.registry, first.catalog, first.zlib], [true, true, true, true], 'control: the first run lints');
    const second = loadedModules(cache, model);
    const { status, ...loaded } = second;
    assert.equal(status, first.status);
    assert.deepEqual(loaded, { typescript: false, wrapper: false, registry: false, catalog: false, threads: false, picomatch: false, zlib: false, workerThreads: false });
  });

  it('control: --threads loads thread support, and a config with globs the glob matcher', () => {
    const threaded = loadedModules(['--threads', '2', '.'], model);
    assert.deepEqual([threaded.threads, threaded.workerThreads, threaded.picomatch], [true, true, false]);
    const globbed = loadedModules(['.'], plain);
    assert.deepEqual([globbed.threads, globbed.workerThreads, globbed.picomatch], [false, false, true]);
  });
});
