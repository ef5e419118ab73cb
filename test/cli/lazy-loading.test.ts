// The CLI's startup cost: files that fail the prefilter must not load TypeScript or the rule
// registry, and no run loads ts-morph's project wrapper (only its TypeScript API file).
// Checked by running the real CLI with a hook that lists, at exit, which modules were loaded.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, HIGH_RATE, NOT_TFJS, removeTree, tempTree } from './helpers';

interface Loaded {
  status: number | null;
  typescript: boolean;
  wrapper: boolean;
  registry: boolean;
}

function loadedModules(args: string[], cwd: string): Loaded {
  const probe = `
    process.on('exit', () => {
      const keys = Object.keys(require.cache);
      process.stderr.write('\\nLOADED ' + JSON.stringify({
        typescript: keys.some((k) => /[\\\\/]@ts-morph[\\\\/]common[\\\\/]dist[\\\\/]typescript\\.js$/.test(k)),
        wrapper: keys.some((k) => /[\\\\/](ts-morph[\\\\/]dist|@ts-morph[\\\\/]common[\\\\/]dist[\\\\/]ts-morph-common)/.test(k)),
        registry: keys.some((k) => /[\\\\/]out[\\\\/]rules[\\\\/]index\\.js$/.test(k)),
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
});
