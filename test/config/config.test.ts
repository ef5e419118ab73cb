// Validation of .tfjslintrc.json text (engine/config.ts) and config file lookup.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closest, mergeConfigs, parseConfig, parseRuleFlag, formatProblem, type RuleCatalog } from '../../server/src/engine/config';
import { findConfigFile, ConfigResolver } from '../../server/src/workspace/config-files';

const catalog: RuleCatalog = {
  ids: ['unsafe-log', 'extreme-learning-rate', 'no-early-stopping'],
  defaultOptions: (id) => (id === 'no-early-stopping' ? { minEpochs: 20, monitor: 'val_loss' } : undefined),
};
const parse = (text: string) => parseConfig(text, '/p/.tfjslintrc.json', () => catalog);
const messages = (text: string) => parse(text).problems.map(formatProblem);

describe('config: .tfjslintrc.json validation', () => {
  it('reads a full valid config', () => {
    const { config, problems } = parse(
      JSON.stringify({
        $schema: './node_modules/tfjs-lint/schemas/tfjslintrc.schema.json',
        rules: { 'unsafe-log': 'error', 'extreme-learning-rate': 'off', 'no-early-stopping': ['info', { minEpochs: 50 }] },
        include: ['src/**'],
        exclude: ['generated', '**/*.gen.ts'],
        maxFileSize: 100000,
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual({ ...config.severities }, { 'unsafe-log': 'error', 'extreme-learning-rate': 'off', 'no-early-stopping': 'info' });
    assert.deepEqual({ ...config.ruleOptions['no-early-stopping'] }, { minEpochs: 50 });
    assert.deepEqual(config.include, ['src/**']);
    assert.deepEqual(config.exclude, ['generated', '**/*.gen.ts']);
    assert.equal(config.maxFileSize, 100000);
  });

  it('invalid JSON: the file, line and column of the fault', () => {
    assert.deepEqual(messages('{\n  "rules": {\n    "unsafe-log": "error",\n  }\n}'), [
      '/p/.tfjslintrc.json:4:3: invalid JSON: Expected double-quoted property name',
    ]);
    assert.match(messages('')[0], /^\/p\/\.tfjslintrc\.json:1:1: invalid JSON: Unexpected end of JSON input/);
    assert.match(messages('{ "rules": { } ')[0], /^\/p\/\.tfjslintrc\.json:1:16: invalid JSON/);
  });

  it('problems point at their key, line and column, also in nested and multi-line files', () => {
    const text = '{\n  "rules": {\n    "unsafe-log": "error",\n    "no-early-stopping": ["warning", {\n      "minEpochs": true\n    }]\n  }\n}';
    const [p] = parse(text).problems;
    assert.equal(p.key, 'rules.no-early-stopping[1].minEpochs');
    assert.deepEqual([p.line, p.column], [5, 7]);
    assert.equal(text.slice(p.offset, p.offset! + 11), '"minEpochs"');
  });

  it('a JSON value that is not an object', () => {
    assert.deepEqual(messages('["unsafe-log"]'), ['/p/.tfjslintrc.json: the file must hold a JSON object ({ "rules": { ... } }), not an array']);
    assert.match(messages('null')[0], /not null$/);
  });

  it('unknown keys name the allowed keys and the likely one', () => {
    assert.deepEqual(messages('{ "rule": {} }'), [
      '/p/.tfjslintrc.json:1:3: rule: unknown key "rule" (did you mean "rules"?); allowed keys: $schema, rules, include, exclude, maxFileSize',
    ]);
  });

  it('unknown rule ids suggest the closest id and list the known ones; the valid parts still apply', () => {
    const { config, problems } = parse('{ "rules": { "unsafe-logg": "error", "extreme-learning-rate": "info" }, "exclude": ["x"] }');
    assert.deepEqual(problems.map(formatProblem), [
      '/p/.tfjslintrc.json:1:14: rules.unsafe-logg: unknown rule "unsafe-logg" (did you mean "unsafe-log"?); known rules: unsafe-log, extreme-learning-rate, no-early-stopping',
    ]);
    assert.deepEqual({ ...config.severities }, { 'extreme-learning-rate': 'info' });
    assert.deepEqual(config.exclude, ['x']);
    assert.match(messages('{ "rules": { "completely-different": "error" } }')[0], /unknown rule "completely-different"; known rules/);
  });

  it('bad severities name the key and the allowed values (ESLint spellings get a hint)', () => {
    assert.deepEqual(messages('{ "rules": { "unsafe-log": "warn" } }'), [
      '/p/.tfjslintrc.json:1:14: rules.unsafe-log: invalid severity "warn" (did you mean "warning"?); allowed: "off", "info", "warning", "error", or ["<severity>", { options }]',
    ]);
    assert.match(messages('{ "rules": { "unsafe-log": 2 } }')[0], /rules\.unsafe-log: invalid severity 2 \(did you mean "error"\?\); allowed:/);
    assert.match(messages('{ "rules": { "unsafe-log": ["fatal"] } }')[0], /rules\.unsafe-log: invalid severity "fatal"; allowed: "off", "info", "warning", "error"/);
    assert.match(messages('{ "rules": { "unsafe-log": ["error", 3] } }')[0], /rules\.unsafe-log: a rule setting array must be \["<severity>", \{ options \}\]/);
    assert.match(messages('{ "rules": [] }')[0], /^\/p\/\.tfjslintrc\.json:1:3: rules: "rules" must be an object mapping rule ids to a severity \(off, info, warning, error\)/);
  });

  it('rule options: unknown names and wrong types are reported, the rest applies', () => {
    const { config, problems } = parse('{ "rules": { "no-early-stopping": ["warning", { "minEpochs": "many", "monitor": "loss", "patience": 3 }] } }');
    assert.deepEqual(problems.map(formatProblem), [
      '/p/.tfjslintrc.json:1:49: rules.no-early-stopping[1].minEpochs: option "minEpochs" of rule "no-early-stopping" must be a number, not a string',
      '/p/.tfjslintrc.json:1:89: rules.no-early-stopping[1].patience: unknown option "patience" for rule "no-early-stopping"; allowed options: minEpochs, monitor',
    ]);
    assert.equal(config.severities['no-early-stopping'], 'warning');
    assert.deepEqual({ ...config.ruleOptions['no-early-stopping'] }, { monitor: 'loss' });
  });

  it('include/exclude must be arrays of strings; maxFileSize a positive integer', () => {
    assert.deepEqual(messages('{ "include": "src/**", "exclude": [1], "maxFileSize": -5 }'), [
      '/p/.tfjslintrc.json:1:3: include: "include" must be an array of non-empty glob strings (e.g. ["src/**/*.ts"]), not "src/**"',
      '/p/.tfjslintrc.json:1:24: exclude: "exclude" must be an array of non-empty glob strings (e.g. ["src/**/*.ts"]), not [1]',
      '/p/.tfjslintrc.json:1:40: maxFileSize: "maxFileSize" must be a positive whole number of bytes (e.g. 2097152 for 2 MB), not -5',
    ]);
  });

  it('__proto__ and constructor keys are refused and pollute nothing', () => {
    const { config, problems } = parse(
      '{ "__proto__": { "polluted": 1 }, "constructor": {}, "rules": { "__proto__": "error", "constructor": "off", "unsafe-log": ["error", { "__proto__": { "polluted": 2 } }] } }',
    );
    assert.deepEqual(
      problems.map((p) => p.key),
      ['__proto__', 'constructor', 'rules.__proto__', 'rules.constructor', 'rules.unsafe-log[1].__proto__'],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(config.severities), null);
    assert.equal(Object.getPrototypeOf(config.ruleOptions), null);
    assert.equal(config.severities['constructor'], undefined, 'no inherited "constructor" either');
    assert.deepEqual(Object.keys(config.severities), ['unsafe-log']);
  });

  it('does not ask for the rule registry when the file names no rules', () => {
    let asked = 0;
    const result = parseConfig('{ "exclude": ["gen"], "rules": {} }', 'c.json', () => {
      asked++;
      return catalog;
    });
    assert.deepEqual(result.problems, []);
    assert.equal(asked, 0);
  });

  it('a byte-order mark is allowed', () => {
    assert.deepEqual(parse('\ufeff{ "rules": { "unsafe-log": "off" } }').problems, []);
  });

  it('mergeConfigs overlays rule settings per id', () => {
    const base = parse('{ "rules": { "unsafe-log": "error", "no-early-stopping": ["warning", { "minEpochs": 5 }] }, "exclude": ["a"] }').config;
    const top = parse('{ "rules": { "unsafe-log": "off", "no-early-stopping": ["warning", { "monitor": "loss" }] } }').config;
    const merged = mergeConfigs(base, { severities: top.severities, ruleOptions: top.ruleOptions });
    assert.deepEqual({ ...merged.severities }, { 'unsafe-log': 'off', 'no-early-stopping': 'warning' });
    assert.deepEqual({ ...merged.ruleOptions['no-early-stopping'] }, { minEpochs: 5, monitor: 'loss' });
    assert.deepEqual(merged.exclude, ['a']);
  });
});

describe('config: --rule flags and suggestions', () => {
  it('parses id:severity and id=severity', () => {
    assert.deepEqual(parseRuleFlag('unsafe-log:error', catalog.ids), { id: 'unsafe-log', severity: 'error' });
    assert.deepEqual(parseRuleFlag('unsafe-log=off', catalog.ids), { id: 'unsafe-log', severity: 'off' });
  });

  it('explains malformed flags, unknown ids and bad severities', () => {
    assert.match((parseRuleFlag('unsafe-log', catalog.ids) as { error: string }).error, /expects <rule-id>:<severity>/);
    assert.match((parseRuleFlag('unsafelog:error', catalog.ids) as { error: string }).error, /unknown rule "unsafelog" \(did you mean "unsafe-log"\?\)/);
    assert.match((parseRuleFlag('unsafe-log:eror', catalog.ids) as { error: string }).error, /invalid severity "eror" \(did you mean "error"\?\)/);
  });

  it('closest suggests only near misses', () => {
    assert.equal(closest('extreme-learnin-rate', catalog.ids), 'extreme-learning-rate');
    assert.equal(closest('zzz', catalog.ids), undefined);
  });
});

describe('config: finding the file', () => {
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-config-')));
    fs.mkdirSync(path.join(root, 'a', 'b', 'c'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a', '.tfjslintrc.json'), '{ "exclude": ["gen"] }');
    fs.mkdirSync(path.join(root, 'a', 'b', '.tfjslintrc.json')); // a folder with the name is not a config
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('walks up to the nearest file, caching each folder', () => {
    const cache = new Map<string, string | null>();
    const expected = path.join(root, 'a', '.tfjslintrc.json');
    assert.equal(findConfigFile(path.join(root, 'a', 'b', 'c'), cache), expected);
    assert.equal(cache.get(path.join(root, 'a', 'b')), expected);
    assert.equal(findConfigFile(path.join(root, 'a', 'b'), cache), expected);
    assert.equal(findConfigFile(root), undefined);
  });

  it('the resolver parses each file once and uses defaults where there is none', () => {
    const resolver = new ConfigResolver(() => catalog, root);
    const deep = resolver.forDirectory(path.join(root, 'a', 'b', 'c'));
    assert.equal(deep, resolver.forDirectory(path.join(root, 'a')));
    assert.deepEqual(deep.config.exclude, ['gen']);
    assert.equal(deep.baseDir, path.join(root, 'a'));
    const none = resolver.forDirectory(root);
    assert.equal(none.file, undefined);
    assert.equal(none.baseDir, root);
    assert.equal(resolver.all().length, 1);
  });
});

describe('config: never throws on any input', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');
  const check = (text: string) => {
    const { config, problems } = parse(text);
    assert.equal(Object.getPrototypeOf(config.severities), null);
    assert.ok(Array.isArray(problems));
    for (const p of problems) assert.ok(p.message.length > 0 && p.file === '/p/.tfjslintrc.json');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  };

  it('arbitrary JSON values, also under "rules"', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => check(JSON.stringify(v))), { numRuns: 300 });
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...catalog.ids, '__proto__', 'x'), fc.jsonValue()), (rules) => check(JSON.stringify({ rules }))), { numRuns: 300 });
  });

  it('arbitrary text, and truncated valid configs', () => {
    const valid = JSON.stringify({ rules: { 'unsafe-log': ['error', { a: [1, { b: '"' }] }] }, include: ['a\\"b'] }, null, 2);
    fc.assert(fc.property(fc.string(), (s) => check(s)), { numRuns: 300 });
    for (let n = 0; n <= valid.length; n++) check(valid.slice(0, n));
  });
});
