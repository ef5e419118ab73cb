// The real CLI, spawned on temporary folders: exit codes, formats, notices, walking.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, CLEAN_MODEL, HIGH_RATE, NOT_TFJS, REPO, runCli, runJson, treesRemovedAfter } from './helpers';
import { rules } from '../../rules/index';

const RATE = 'extreme-learning-rate';

describe('tfjs-lint CLI', function () {
  this.timeout(60_000);
  const tree = treesRemovedAfter();

  describe('modes and usage errors', () => {
    it('--version prints the package version, --help the usage, both exit 0', () => {
      const cwd = tree({});
      const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;
      const v = runCli(['--version'], { cwd });
      assert.equal(v.status, 0);
      assert.equal(v.stdout.trim(), version);
      const h = runCli(['--help'], { cwd });
      assert.equal(h.status, 0);
      assert.match(h.stdout, /^Usage: tfjs-lint/);
      assert.match(h.stdout, /--max-warnings/);
    });

    it('exits 2 on an unknown flag, a bad --format, a missing path, and --fix with --stdin', () => {
      const cwd = tree({ 'a.ts': NOT_TFJS });
      const cases: [string[], RegExp][] = [
        [['--bogus'], /unknown option "--bogus"/],
        [['--format', 'xml', '.'], /unknown format "xml"; allowed: stylish, json, sarif/],
        [['no-such-dir'], /no such file or folder: no-such-dir/],
        [['--stdin', '--fix'], /--fix cannot rewrite standard input/],
        [['--max-warnings', 'many'], /--max-warnings expects a whole number/],
      ];
      for (const [args, message] of cases) {
        const r = runCli(args, { cwd, input: '' });
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
      }
    });

    it('--list-rules lists every registered rule with its default severity', () => {
      const r = runCli(['--list-rules'], { cwd: tree({}) });
      assert.equal(r.status, 0);
      for (const rule of rules) assert.match(r.stdout, new RegExp(`^${rule.meta.id}\\s+${rule.meta.defaultSeverity}\\b`, 'm'));
    });
  });

  describe('exit codes', () => {
    it('0 and no output for a clean folder', () => {
      const r = runCli(['.'], { cwd: tree({ 'a.ts': NOT_TFJS, 'model.ts': CLEAN_MODEL }) });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '');
    });

    it('0 with warnings only; 1 once --rule makes them errors; 1 over --max-warnings', () => {
      const cwd = tree({ 'model.ts': HIGH_RATE });
      const warn = runCli(['.'], { cwd });
      assert.equal(warn.status, 0, warn.stderr);
      assert.match(warn.stdout, new RegExp(`${RATE}`));
      const asError = runCli(['--rule', `${RATE}:error`, '.'], { cwd });
      assert.equal(asError.status, 1);
      assert.match(asError.stdout, /\b4:42\s+error\s/);
      const over = runCli(['--max-warnings', '0', '.'], { cwd });
      assert.equal(over.status, 1);
      assert.match(over.stderr, /too many warnings \(maximum: 0, found: 1\)/);
      const within = runCli(['--max-warnings=1', '.'], { cwd });
      assert.equal(within.status, 0);
      const off = runCli(['--rule', `${RATE}:off`, '.'], { cwd });
      assert.equal(off.status, 0);
      assert.equal(off.stdout, '');
    });

    it('2 for --rule with an unknown rule or severity, with a suggestion', () => {
      const cwd = tree({ 'model.ts': HIGH_RATE });
      const unknown = runCli(['--rule', 'extreme-learning-rat:error', '.'], { cwd });
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /unknown rule "extreme-learning-rat" \(did you mean "extreme-learning-rate"\?\)/);
      const severity = runCli(['--rule', `${RATE}:warn`, '.'], { cwd });
      assert.equal(severity.status, 2);
      assert.match(severity.stderr, /invalid severity "warn" \(did you mean "warning"\?\); allowed: off, info, warning, error/);
    });
  });

  describe('stylish', () => {
    it('groups by file (path relative to cwd), aligned rows, an ESLint-like summary, no colour off a TTY', () => {
      const cwd = tree({ 'src/model.ts': HIGH_RATE, 'src/b.ts': HIGH_RATE.replace('adam(10)', 'sgd(50)'), 'src/util.ts': NOT_TFJS });
      const r = runCli(['src'], { cwd });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /\u001b\[/);
      const lines = r.stdout.split('\n');
      // file header, one row, blank line per file; then the summary
      assert.equal(lines[0], path.join('src', 'b.ts'));
      assert.match(lines[1], new RegExp(`^  4:41  warning  Learning rate 50 for tf\\.train\\.sgd .*  ${RATE}$`));
      assert.equal(lines[2], '');
      assert.equal(lines[3], path.join('src', 'model.ts'));
      assert.match(lines[4], new RegExp(`^  4:42  warning  Learning rate 10 for tf\\.train\\.adam .*  ${RATE}$`));
      assert.equal(lines[5], '');
      assert.equal(lines[6], '\u2716 2 problems (0 errors, 2 warnings, 0 info)');
      assert.ok(!r.stdout.includes('util.ts'), 'a file without findings is not listed');
    });

    it('colours on a terminal unless NO_COLOR is set (through script(1) for a pseudo-terminal)', function () {
      const cwd = tree({ 'model.ts': HIGH_RATE });
      const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} model.ts`;
      const onTty = (noColor: string) => spawnSync('script', ['-qc', command, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: noColor } });
      const coloured = onTty('');
      if (coloured.error) this.skip(); // no script(1) here
      assert.match(coloured.stdout, /\u001b\[33mwarning\u001b\[39m/);
      const plain = onTty('1');
      assert.match(plain.stdout, /4:42  warning  /);
      assert.doesNotMatch(plain.stdout, /\u001b\[/);
    });

    it('colours with --color (and NO_COLOR does not stop an explicit --color)', () => {
      const r = runCli(['--color', '.'], { cwd: tree({ 'model.ts': HIGH_RATE }), env: { NO_COLOR: '1' } });
      assert.match(r.stdout, /\u001b\[33mwarning\u001b\[39m/);
    });
  });

  describe('json (ESLint shape)', () => {
    it('one entry per linted file with the ESLint fields, counts and 1-based positions', () => {
      const cwd = tree({ 'model.ts': HIGH_RATE, 'plain.js': NOT_TFJS, 'README.md': '# not linted' });
      const { status, results } = runJson(['.'], { cwd });
      assert.equal(status, 0);
      assert.deepEqual(results.map((r) => path.basename(r.filePath)), ['model.ts', 'plain.js']);
      for (const r of results) {
        assert.ok(path.isAbsolute(r.filePath));
        for (const key of ['errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'infoCount']) {
          assert.equal(typeof (r as unknown as Record<string, unknown>)[key], 'number', key);
        }
        assert.ok(Array.isArray(r.messages));
      }
      const [model, plain] = results;
      assert.equal(plain.messages.length, 0);
      assert.equal(model.warningCount, 1);
      assert.equal(model.errorCount, 0);
      const m = model.messages[0];
      assert.equal(m.ruleId, RATE);
      assert.equal(m.severity, 1);
      assert.deepEqual([m.line, m.column, m.endLine, m.endColumn], [4, 42, 4, 44]);
      assert.match(m.message, /Learning rate 10/);
      // The rate fix is marked unsafe: offered as a suggestion, not as the --fix `fix`.
      assert.equal(m.fix, undefined);
      assert.equal(model.fixableWarningCount, 0);
      const suggestion = m.suggestions?.[0];
      assert.ok(suggestion, 'the unsafe fix is listed as a suggestion');
      const text = fs.readFileSync(path.join(cwd, 'model.ts'), 'utf8');
      assert.equal(text.slice(suggestion.fix.range[0], suggestion.fix.range[1]), '10', 'fix ranges are offsets into the file');
      assert.equal(suggestion.fix.text, '0.001');
      assert.equal(model.source, text, 'ESLint carries the source of files with messages');
      assert.equal(plain.source, undefined);
    });

    it('--output-file writes the report to a file, not stdout', () => {
      const cwd = tree({ 'model.ts': HIGH_RATE });
      const r = runCli(['-f', 'json', '-o', 'report.json', 'model.ts'], { cwd });
      assert.equal(r.status, 0);
      assert.equal(r.stdout, '');
      const results = JSON.parse(fs.readFileSync(path.join(cwd, 'report.json'), 'utf8'));
      assert.equal(results[0].warningCount, 1);
    });

    it('info findings have severity 1 but count in infoCount, not warningCount', () => {
      const cwd = tree({ 'model.ts': HIGH_RATE });
      const { status, results } = runJson(['--rule', `${RATE}:info`, '--max-warnings', '0', '.'], { cwd });
      assert.equal(status, 0, 'info never fails a run, even with --max-warnings 0');
      assert.equal(results[0].messages[0].severity, 1);
      assert.deepEqual([results[0].warningCount, results[0].infoCount], [0, 1]);
    });
  });

  describe('helpers sized by the files that import them', () => {
    const MODEL = "const tf = require('@tensorflow/tfjs');\nfunction createModel(inputShape) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ inputShape, units: 8, activation: 'relu' }));\n  model.add(tf.layers.dense({ units: 1 }));\n  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n  return model;\n}\nmodule.exports = createModel;\n";
    const TRAIN = "const tf = require('@tensorflow/tfjs');\nconst createModel = require('./model');\nasync function run() {\n  const model = createModel([6]);\n  await model.fit(tf.zeros([10, 4]), tf.zeros([10, 1]));\n}\nrun();\n";
    const shapeErrors = (cwd: string) => runJson(['.'], { cwd }).results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'shape-mismatch').map((m) => `${path.basename(r.filePath)}: ${/^.*?input is \[[^\]]*\]/.exec(m.message)?.[0] ?? m.message}`));

    it('a model built in model.js with the shape train.js passes: fit on another width is an error in train.js', () => {
      const cwd = tree({ 'package.json': '{"name": "abalone", "private": true}', 'model.js': MODEL, 'train.js': TRAIN });
      assert.deepEqual(shapeErrors(cwd), ["train.js: x passed to fit has shape [10, 4], but the model's input is [null, 6]"]);
    });

    it('quiet when another importer passes another shape, and outside a package', () => {
      const test = "const createModel = require('./model');\nconst model = createModel([4]);\n";
      assert.deepEqual(shapeErrors(tree({ 'package.json': '{}', 'model.js': MODEL, 'train.js': TRAIN, 'model_test.js': test })), []);
      assert.deepEqual(shapeErrors(tree({ 'model.js': MODEL, 'train.js': TRAIN })), []);
    });
  });

  describe('disable comments', () => {
    const UNUSED = `// tfjs-lint-disable-next-line ${RATE}\nconst unrelated = 1;\n`;

    it('--report-unused-disable-directives reports a comment that suppresses nothing, as an error; --fix removes it', () => {
      const cwd = tree({ 'model.ts': UNUSED + HIGH_RATE });
      const quiet = runJson(['.'], { cwd });
      assert.deepEqual(quiet.results[0].messages.filter((m) => m.ruleId === 'disable-directive'), [], 'not reported unless asked');
      const { status, results } = runJson(['--report-unused-disable-directives', '.'], { cwd });
      assert.equal(status, 1);
      const unused = results[0].messages.filter((m) => m.ruleId === 'disable-directive');
      assert.deepEqual(unused.map((m) => [m.line, m.severity]), [[1, 2]]);
      assert.match(unused[0].message, /Unused tfjs-lint-disable-next-line comment/);
      const warned = runJson(['--report-unused-disable-directives-severity', 'warning', '.'], { cwd });
      assert.deepEqual(warned.results[0].messages.filter((m) => m.ruleId === 'disable-directive').map((m) => m.severity), [1]);
      runCli(['--report-unused-disable-directives', '--fix', '.'], { cwd });
      assert.equal(fs.readFileSync(path.join(cwd, 'model.ts'), 'utf8').startsWith('const unrelated = 1;\n'), true);
    });

    it('a misspelled rule id in a disable comment is a warning with "did you mean", even without the flag', () => {
      const text = HIGH_RATE.replace(/^(.*tf\.train\..*)$/m, `// tfjs-lint-disable-next-line extreme-learning-rat\n$1`);
      const cwd = tree({ 'model.ts': text });
      const { results } = runJson(['.'], { cwd });
      const typo = results[0].messages.find((m) => m.ruleId === 'disable-directive');
      assert.match(typo?.message ?? '', /Unknown rule "extreme-learning-rat" in tfjs-lint-disable-next-line \(did you mean "extreme-learning-rate"\?\)/);
      assert.equal(results[0].messages.filter((m) => m.ruleId === RATE).length, 1, 'the misspelled comment suppresses nothing');
    });
  });

  describe('files that cannot be linted are skipped with a notice, never a crash', () => {
    it('binary, over-size and unreadable files; the other files are still linted', () => {
      const binary = Buffer.from('import * as tf from "@tensorflow/tfjs";\u0000\u0001\u0002');
      const cwd = tree({ 'bin.ts': binary, 'model.ts': HIGH_RATE, 'big.ts': HIGH_RATE + '//'.padEnd(3000, 'x') + '\n' });
      fs.symlinkSync(path.join(cwd, 'does-not-exist.ts'), path.join(cwd, 'gone.ts'));
      const { status, stderr, results } = runJson(['--max-file-size', '2KB', '.'], { cwd });
      assert.equal(status, 0, stderr);
      assert.match(stderr, /bin\.ts: not linted: it looks binary \(contains NUL bytes\)/);
      assert.match(stderr, /big\.ts: not linted: 3\.\d KB is over the 2\.0 KB limit/);
      assert.match(stderr, /gone\.ts: not linted: cannot read the file \(ENOENT\)/);
      const byName = new Map(results.map((r) => [path.basename(r.filePath), r]));
      for (const skipped of ['bin.ts', 'big.ts', 'gone.ts']) {
        const messages = byName.get(skipped)?.messages ?? [];
        assert.equal(messages.length, 1, skipped);
        assert.equal(messages[0].ruleId, null);
        assert.equal(byName.get(skipped)?.warningCount, 0, 'notices are not counted as warnings');
      }
      assert.equal(byName.get('model.ts')?.warningCount, 1);
    });

    it('skips a file over the 2 MB default that looks like tfjs code, with a notice', () => {
      const cwd = tree({ 'huge.js': 'var tf = 1;\n'.repeat(180_000) }); // ~2.1 MB
      const r = runCli(['.'], { cwd });
      assert.equal(r.status, 0);
      assert.match(r.stderr, /huge\.js: not linted: 2\.1 MB is over the 2\.0 MB limit/);
    });

    it('a file with a syntax error: lints what parses and says so', () => {
      const broken = HIGH_RATE + 'function broken( {\n  const = ;\n';
      const cwd = tree({ 'broken.ts': broken });
      const { status, stderr, results } = runJson(['.'], { cwd });
      assert.equal(status, 0, stderr);
      assert.match(stderr, /broken\.ts: \d+ syntax error\(s\); linted what parses/);
      assert.deepEqual(results[0].messages.filter((m) => m.ruleId).map((m) => [m.ruleId, m.line]), [[RATE, 4]]);
    });
  });

  describe('walking folders', () => {
    it('skips node_modules, .git, out, dist, build, coverage, .d.ts and symlinked folders; keeps all 8 extensions', () => {
      const files: Record<string, string> = {};
      for (const ext of ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts', 'jsx', 'tsx']) files[`src/m.${ext}`] = NOT_TFJS;
      for (const skipped of ['node_modules', '.git', 'out', 'dist', 'build', 'coverage']) files[`${skipped}/x.ts`] = HIGH_RATE;
      files['src/types.d.ts'] = NOT_TFJS;
      files['src/notes.txt'] = HIGH_RATE;
      files['elsewhere/model.ts'] = HIGH_RATE;
      const root = tree(files);
      const cwd = path.join(root, 'src');
      fs.symlinkSync(path.join(root, 'elsewhere'), path.join(cwd, 'linked'));
      const { results } = runJson(['.'], { cwd });
      assert.deepEqual(results.map((r) => path.relative(cwd, r.filePath)).sort(), ['m.cjs', 'm.cts', 'm.js', 'm.jsx', 'm.mjs', 'm.mts', 'm.ts', 'm.tsx']);
      const fromRoot = runJson(['.'], { cwd: root });
      assert.deepEqual(fromRoot.results.map((r) => path.relative(root, r.filePath)).filter((p) => !p.startsWith('src')), [path.join('elsewhere', 'model.ts')]);
    });

    it('a file named on the command line is linted whatever its name', () => {
      const cwd = tree({ 'build/model.txt': HIGH_RATE });
      const { results } = runJson([path.join('build', 'model.txt')], { cwd });
      assert.equal(results.length, 1);
      assert.equal(results[0].warningCount, 1);
    });
  });

  describe('--stdin', () => {
    it('lints standard input under --stdin-filename, using the config of that folder', () => {
      const cwd = tree({ 'pkg/.tfjslintrc.json': JSON.stringify({ rules: { [RATE]: 'error' } }) });
      const r = runJson(['--stdin', '--stdin-filename', 'pkg/model.ts'], { cwd, input: HIGH_RATE });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.results.length, 1);
      assert.equal(r.results[0].filePath, path.join(cwd, 'pkg', 'model.ts'));
      assert.equal(r.results[0].errorCount, 1);
      assert.equal(fs.existsSync(path.join(cwd, 'pkg', 'model.ts')), false, 'nothing is written');
    });

    it('a --stdin-filename that an exclude glob matches is not linted', () => {
      const cwd = tree({ '.tfjslintrc.json': JSON.stringify({ exclude: ['gen'] }) });
      const r = runJson(['--stdin', '--stdin-filename', 'gen/model.ts'], { cwd, input: HIGH_RATE });
      assert.equal(r.status, 0);
      assert.deepEqual(r.results[0].messages.map((m) => m.ruleId), [null]);
      assert.match(r.stderr, /gen\/model\.ts: ignored: it matches an "exclude" glob/);
    });

    it('without a file name, and binary input is a notice', () => {
      const cwd = tree({});
      const text = runCli(['--stdin'], { cwd, input: HIGH_RATE });
      assert.equal(text.status, 0);
      assert.match(text.stdout, /^<stdin>\n  4:42  warning/);
      const binary = runCli(['--stdin'], { cwd, input: Buffer.from([0x74, 0x66, 0, 1]) });
      assert.equal(binary.status, 0);
      assert.match(binary.stderr, /<stdin>: not linted: it looks binary/);
    });
  });
});
