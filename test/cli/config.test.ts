// The CLI and .tfjslintrc.json: bad configs stop the run with exit 2 and a message naming the
// file, the key and the allowed values; include/exclude globs; --config and --no-config.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HIGH_RATE, NOT_TFJS, runCli, runJson, treesRemovedAfter } from './helpers';

const RATE = 'extreme-learning-rate';

describe('tfjs-lint CLI: configuration', function () {
  this.timeout(60_000);
  const tree = treesRemovedAfter();

  it('bad configs exit 2 with the file, the key and the allowed values, and lint nothing', () => {
    const cases: [string, RegExp[]][] = [
      ['{\n  "rules": {\n    "extreme-learning-rate": "error",\n  }\n}', [/\.tfjslintrc\.json:4:3: invalid JSON: Expected double-quoted property name/]],
      ['{ "rules": { "extreme-learning-rat": "error" } }', [/rules\.extreme-learning-rat: unknown rule "extreme-learning-rat" \(did you mean "extreme-learning-rate"\?\); known rules: .*extreme-learning-rate/]],
      ['{ "rules": { "extreme-learning-rate": "warn" } }', [/rules\.extreme-learning-rate: invalid severity "warn" \(did you mean "warning"\?\); allowed: "off", "info", "warning", "error"/]],
      ['{ "exclude": "gen", "include": ["src/**"] }', [/exclude: "exclude" must be an array of non-empty glob strings/]],
      ['{ "__proto__": { "x": 1 } }', [/__proto__: key "__proto__" is not allowed \(allowed keys: \$schema, rules, include, exclude, maxFileSize\)/]],
    ];
    for (const [config, patterns] of cases) {
      const cwd = tree({ '.tfjslintrc.json': config, 'src/model.ts': HIGH_RATE });
      const r = runCli(['src'], { cwd });
      assert.equal(r.status, 2, config);
      assert.equal(r.stdout, '', 'nothing is linted');
      for (const p of patterns) assert.match(r.stderr, p);
      assert.ok(r.stderr.includes(path.join(cwd, '.tfjslintrc.json')), `names the file: ${r.stderr}`);
      assert.match(r.stderr, /^tfjs-lint: invalid configuration: /);
    }
  });

  it('--no-config ignores a broken config; --config uses the given file', () => {
    const cwd = tree({ '.tfjslintrc.json': '{ broken', 'model.ts': HIGH_RATE, 'cfg/strict.json': JSON.stringify({ rules: { [RATE]: 'error' } }) });
    const none = runCli(['--no-config', '.'], { cwd });
    assert.equal(none.status, 0, none.stderr);
    assert.match(none.stdout, /4:42\s+warning/);
    const given = runCli(['--config', 'cfg/strict.json', '.'], { cwd });
    assert.equal(given.status, 1, given.stderr);
    assert.match(given.stdout, /4:42\s+error/);
    const missing = runCli(['--config', 'cfg/none.json', '.'], { cwd });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cfg\/none\.json: file not found/);
  });

  it('the nearest config applies: a nested folder can turn a rule off', () => {
    const cwd = tree({
      '.tfjslintrc.json': JSON.stringify({ rules: { [RATE]: 'error' } }),
      'a/model.ts': HIGH_RATE,
      'b/.tfjslintrc.json': JSON.stringify({ rules: { [RATE]: 'off' } }),
      'b/model.ts': HIGH_RATE,
    });
    const { status, results } = runJson(['.'], { cwd });
    assert.equal(status, 1);
    assert.deepEqual(results.map((r) => [path.relative(cwd, r.filePath), r.errorCount]), [[path.join('a', 'model.ts'), 1], [path.join('b', 'model.ts'), 0]]);
  });

  it('include and exclude globs are relative to the config folder; a bare name matches at any depth', () => {
    const cwd = tree({
      '.tfjslintrc.json': JSON.stringify({ include: ['src/**'], exclude: ['generated', '**/*.gen.ts', 'src/legacy/**'] }),
      'src/model.ts': HIGH_RATE,
      'src/deep/generated/model.ts': HIGH_RATE,
      'src/shapes.gen.ts': HIGH_RATE,
      'src/legacy/old.ts': HIGH_RATE,
      'scripts/tool.ts': NOT_TFJS,
    });
    const { results, stderr } = runJson(['.'], { cwd });
    assert.deepEqual(results.map((r) => path.relative(cwd, r.filePath)), [path.join('src', 'model.ts')]);
    // Excluded files named on the command line are skipped with a notice (as ESLint warns).
    const named = runJson([path.join('src', 'shapes.gen.ts'), path.join('src', 'deep', 'generated', 'model.ts')], { cwd });
    assert.deepEqual(named.results, []);
    assert.match(named.stderr, /shapes\.gen\.ts: ignored: it matches an "exclude" glob/);
    assert.match(named.stderr, /generated\/model\.ts: ignored: it matches an "exclude" glob/, 'a file inside an excluded folder');
    assert.equal(stderr, '');
  });

  it('maxFileSize in the config skips larger files', () => {
    const cwd = tree({ '.tfjslintrc.json': JSON.stringify({ maxFileSize: 100 }), 'model.ts': HIGH_RATE });
    const r = runCli(['.'], { cwd });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /model\.ts: not linted: \d+ bytes is over the 100 bytes limit/);
  });
});
