// The CLI's startup cost: files that fail the prefilter must not load TypeScript (ts-morph)
// or the rule registry. Checked by running the real CLI with a hook that lists, at exit,
// which of those modules were loaded.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, HIGH_RATE, NOT_TFJS, removeTree, tempTree } from './helpers';

function loadedModules(args: string[], cwd: string): { status: number | null; tsMorph: boolean; registry: boolean } {
  const probe = `
    process.on('exit', () => {
      const keys = Object.keys(require.cache);
      process.stderr.write('\\nLOADED ' + JSON.stringify({
        tsMorph: keys.some((k) => /[\\\\/]ts-morph[\\\\/]/.test(k)),
        registry: keys.some((k) => /[\\\\/]out[\\\\/]rules[\\\\/]index\\.js$/.test(k)),
      }) + '\\n');
    });
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    require(${JSON.stringify(BIN)});
  `;
  const r = spawnSync(process.execPath, ['-e', probe], { cwd, encoding: 'utf8', timeout: 60_000 });
  const m = /LOADED (\{.*\})/.exec(r.stderr);
  assert.ok(m, `no probe output: ${r.stderr}`);
  return { status: r.status, ...(JSON.parse(m[1]) as { tsMorph: boolean; registry: boolean }) };
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
      assert.deepEqual({ tsMorph: r.tsMorph, registry: r.registry }, { tsMorph: false, registry: false }, args.join(' '));
    }
  });

  it('control: a folder with a tfjs file loads both', () => {
    const r = loadedModules(['.'], model);
    assert.deepEqual({ tsMorph: r.tsMorph, registry: r.registry }, { tsMorph: true, registry: true });
  });
});
