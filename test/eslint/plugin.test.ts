// The ESLint plugin (`tfjs-lint/eslint`) under the real ESLint 9: a project's eslint.config.mjs
// imports it by its package name, as users write it, and every example file gets the same
// findings (rule, position, message) and the same fixes as the engine gives the CLI: safe
// fixes as ESLint fixes, the others as suggestions. With espree for JavaScript and with
// @typescript-eslint/parser for TypeScript.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { rules } from '../../rules/index';
import { lintText } from '../../server/src/engine/linter';
import { Modules } from '../../server/src/engine/modules';
import { WorkspaceModuleHost } from '../../server/src/workspace/module-host';
import { applyFixes } from '../../server/src/engine/fixes';
import type { Finding, Severity } from '../../server/src/engine/types';
import { treesRemovedAfter } from '../cli/helpers';
import { installOffline, lockEntriesFor, REPO } from '../support/offline-install';

const EXAMPLES = path.join(REPO, 'examples');
/**
 * @typescript-eslint/parser needs TypeScript < 6.1 and the repository builds with TypeScript 7,
 * so test/eslint/typescript-parser declares it with its own TypeScript (the lock pins both and
 * npm ci caches them), and the test installs that pair into a project of its own: in the
 * repository's node_modules a helper it shares resolves TypeScript 7.
 */
const TS_PARSER_PACKAGE = 'test/eslint/typescript-parser';

const CONFIG = `import tfjsLint from 'tfjs-lint/eslint';
export default [tfjsLint.configs.recommended];
`;
const configWithParser = (parser: string) => `import tfjsLint from 'tfjs-lint/eslint';
import tsParser from ${JSON.stringify(pathToFileURL(parser).href)};
export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  tfjsLint.configs.recommended,
];
`;

const everyRuleOn: Record<string, Severity> = Object.fromEntries(rules.map((r) => [r.meta.id, 'warning']));

function engineFindings(file: string, text: string): Finding[] {
  return lintText(text, { fileName: file, rules, severities: everyRuleOn }).findings;
}

/** Applies one ESLint fix ({ range, text }) to a text. */
function applyEslintFix(text: string, fix: { range: [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe('ESLint plugin (tfjs-lint/eslint)', function () {
  this.timeout(120_000);
  const tree = treesRemovedAfter();

  /** A project whose node_modules/tfjs-lint is this repository, holding the given files. */
  function project(files: Record<string, string>): string {
    const dir = tree(files);
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(REPO, path.join(dir, 'node_modules', 'tfjs-lint'), 'dir');
    return dir;
  }

  function examples(extension: RegExp): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(EXAMPLES).filter((n) => extension.test(n))) files[`src/${name}`] = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
    return files;
  }

  async function checkSameAsEngine(config: string, files: Record<string, string>): Promise<number> {
    const dir = project({ 'eslint.config.mjs': config, ...files });
    const results = await new ESLint({ cwd: dir }).lintFiles(['src']);
    assert.equal(results.length, Object.keys(files).length);
    let compared = 0;
    for (const result of results) {
      const text = fs.readFileSync(result.filePath, 'utf8');
      assert.deepEqual(result.messages.filter((m) => m.fatal), [], `${result.filePath} parses`);
      const expected = engineFindings(result.filePath, text);
      const got = result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message }));
      assert.deepEqual(
        got,
        expected.map((f) => ({ ruleId: `tfjs-lint/${f.ruleId}`, line: f.start.line, column: f.start.column, endLine: f.end.line, endColumn: f.end.column, message: f.message })),
        path.basename(result.filePath),
      );
      result.messages.forEach((m, i) => {
        const finding = expected[i];
        const safe = finding.fixes.find((f) => f.safe);
        if (safe) assert.equal(applyEslintFix(text, m.fix!), applyFixes(text, [safe]).output, `fix of ${finding.ruleId} at ${m.line}`);
        else assert.equal(m.fix, undefined, `no autofix for an unsafe-only finding of ${finding.ruleId}`);
        const unsafe = finding.fixes.filter((f) => f !== safe);
        assert.deepEqual((m.suggestions ?? []).map((s) => s.desc), unsafe.map((f) => f.title));
        (m.suggestions ?? []).forEach((s, j) => assert.equal(applyEslintFix(text, s.fix), applyFixes(text, [unsafe[j]]).output));
      });
      compared += expected.length;
    }
    return compared;
  }

  it('JavaScript (espree): the same findings, positions, messages, fixes and suggestions as the engine', async () => {
    const compared = await checkSameAsEngine(CONFIG, examples(/\.js$/));
    assert.ok(compared >= 3, `the examples have findings to compare (${compared})`);
  });

  it('TypeScript with @typescript-eslint/parser: the same findings and fixes as the engine', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-ts-parser-'));
    try {
      const wanted = JSON.parse(fs.readFileSync(path.join(REPO, TS_PARSER_PACKAGE, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      // ESLint is the repository's own (a peer of the parser, not installed twice).
      installOffline(dir, wanted.dependencies, lockEntriesFor(Object.keys(wanted.dependencies), TS_PARSER_PACKAGE, ['eslint']), true);
      const parser = path.join(dir, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js');
      const compared = await checkSameAsEngine(configWithParser(parser), examples(/\.ts$/));
      assert.ok(compared >= 5, `the examples have findings to compare (${compared})`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recommended: every rule as tfjs-lint/<id> at its default severity (info as warn), with docs links', async () => {
    const { default: plugin } = (await import('tfjs-lint/eslint' as string)) as { default: ESLint.Plugin & { configs: { recommended: Linter.Config } } };
    const recommended = plugin.configs.recommended;
    assert.equal(recommended.plugins?.['tfjs-lint'], plugin);
    assert.deepEqual(
      recommended.rules,
      Object.fromEntries(rules.map((r) => [`tfjs-lint/${r.meta.id}`, r.meta.defaultSeverity === 'error' ? 'error' : 'warn'])),
    );
    for (const r of rules) {
      const meta = plugin.rules![r.meta.id].meta!;
      assert.match(meta.docs!.url!, new RegExp(`/${r.meta.id}\\.md$`));
      assert.equal(meta.fixable, r.meta.fixable ? 'code' : undefined);
    }
  });

  it('--fix applies the safe fixes and leaves a file tfjs-lint no longer flags for them', async () => {
    const source = `const tf = require('@tensorflow/tfjs');
const logits = tf.zeros([2, 3]);
const a = tf.log(tf.sigmoid(logits));
const b = tf.log(tf.softmax(logits));
`;
    const before = engineFindings('a.js', source);
    assert.equal(before.filter((f) => f.fixes.some((x) => x.safe)).length, 2, 'two findings with a safe fix');
    const dir = project({ 'eslint.config.mjs': CONFIG, 'src/a.js': source });
    const [result] = await new ESLint({ cwd: dir, fix: true }).lintFiles(['src']);
    assert.ok(result.output !== undefined && result.output !== source, 'ESLint fixed the file');
    assert.equal(result.output, applyFixes(source, before.map((f) => f.fixes.find((x) => x.safe)!)).output, 'the same text as the engine applying the same fixes');
    assert.deepEqual(engineFindings('a.js', result.output), [], 'nothing left to flag');
  });

  it('rule options and severities come from the ESLint config; off turns a rule off', async () => {
    const code = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: tf.train.sgd(1e-5), loss: 'meanSquaredError' });
async function train() { await model.fit(tf.zeros([4, 3]), tf.zeros([4, 1])); }
const p = tf.sigmoid(model.predict(tf.zeros([1, 3])));
const lp = tf.log(p);
`;
    const lint = async (extra: Linter.RulesRecord) => {
      const config = `import tfjsLint from 'tfjs-lint/eslint';
export default [tfjsLint.configs.recommended, { rules: ${JSON.stringify(extra)} }];
`;
      const dir = project({ 'eslint.config.mjs': config, 'src/a.js': code });
      const [result] = await new ESLint({ cwd: dir }).lintFiles(['src']);
      return result.messages.map((m) => `${m.ruleId}:${m.severity}`);
    };
    assert.deepEqual(await lint({}), ['tfjs-lint/unsafe-log:1']);
    // A floor below 1e-5 makes the rate acceptable; a floor above it flags it (the inputs are scaled: zeros).
    assert.deepEqual(await lint({ 'tfjs-lint/extreme-learning-rate': ['error', { floor: 1e-4 }], 'tfjs-lint/unsafe-log': 'off' }), ['tfjs-lint/extreme-learning-rate:2']);
    assert.deepEqual(await lint({ 'tfjs-lint/extreme-learning-rate': ['error', { floor: 1e-7 }], 'tfjs-lint/unsafe-log': 'error' }), ['tfjs-lint/unsafe-log:2']);
  });

  it('a finding that gives way to another rule does so only when ESLint has that rule on (shape-mismatch and label-format)', async () => {
    // Labels of width 5 for 3 softmax units: label-format names the labels' form; with it off,
    // shape-mismatch reports the error fit throws instead of falling silent.
    const code = `import * as tf from '@tensorflow/tfjs';
const m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3, activation: 'softmax'})]});
m.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
m.fit(tf.zeros([6, 4]), tf.zeros([6, 5]));
`;
    const lint = async (extra: Linter.RulesRecord) => {
      const config = `import tfjsLint from 'tfjs-lint/eslint';
export default [tfjsLint.configs.recommended, { rules: ${JSON.stringify(extra)} }];
`;
      const dir = project({ 'eslint.config.mjs': config, 'src/a.js': code });
      const [result] = await new ESLint({ cwd: dir }).lintFiles(['src']);
      return result.messages.map((m) => m.ruleId);
    };
    assert.deepEqual(await lint({}), ['tfjs-lint/label-format']);
    assert.deepEqual(await lint({ 'tfjs-lint/label-format': 'off' }), ['tfjs-lint/shape-mismatch']);
  });

  it('follows relative imports as the CLI does: a model built in model.js with sizes from config.js', async () => {
    const files = {
      'src/config.js': 'export const INPUT_SIZE = 4;\n',
      'src/model.js': "import * as tf from '@tensorflow/tfjs';\nimport { INPUT_SIZE } from './config.js';\nexport default function buildModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [INPUT_SIZE] }));\n  return model;\n}\n",
      'src/train.js': "import * as tf from '@tensorflow/tfjs';\nimport buildModel from './model.js';\nconst model = buildModel();\nmodel.predict(tf.zeros([2, 9]));\n",
    };
    const dir = project({ 'eslint.config.mjs': CONFIG, ...files });
    const [result] = await new ESLint({ cwd: dir }).lintFiles(['src/train.js']);
    const cli = lintText(files['src/train.js'], { fileName: path.join(dir, 'src/train.js'), rules, severities: everyRuleOn, modules: new Modules(new WorkspaceModuleHost()) }).findings;
    assert.ok(cli.some((f) => f.ruleId === 'shape-mismatch'), 'the engine with the workspace modules finds the predict shape error');
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.line, m.message]), cli.map((f) => [`tfjs-lint/${f.ruleId}`, f.start.line, f.message]));
  });
});
