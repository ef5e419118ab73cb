// The API history tables against the installed @tensorflow/tfjs 4.22: every removed name is
// really gone, every replacement really there (so a fix never renames to a missing API).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ACTIVATION_STRINGS, COMPILE_KEYS, EARLY_STOPPING_KEYS, FIT_DATASET_KEYS, FIT_KEYS, KERAS_MODEL_METHODS, LAYER_CONFIG_KEYS,
  LOSS_STRINGS, METRIC_STRINGS, NOW_ASYNC_TENSOR_METHODS, OPTIMIZER_STRINGS, REMOVED_TENSOR_METHODS, REMOVED_TF_PATHS,
  didYouMean,
} from '../../server/src/engine/tfjs/history-and-configs';
import { ts } from '../../server/src/engine/ts';
import { realTf } from '../harness/run-snippet';

const LAYERS_DIST = path.dirname(require.resolve('@tensorflow/tfjs-layers/dist/index.js'));

/** Property names of the interfaces in a tfjs-layers .d.ts whose names match. */
function interfaceKeys(file: string, name: RegExp): Set<string> {
  const sf = ts.createSourceFile(file, fs.readFileSync(path.join(LAYERS_DIST, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const keys = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isInterfaceDeclaration(n) && name.test(n.name.text)) {
      for (const m of n.members) if (m.name && ts.isIdentifier(m.name)) keys.add(m.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return keys;
}

/** The keys of `export const <name> = { a, b, ... }` in a tfjs-layers .js file. */
function objectKeys(file: string, name: string): string[] {
  const text = fs.readFileSync(path.join(LAYERS_DIST, file), 'utf8');
  const body = new RegExp(`export const ${name} = \\{([^}]*)\\}`).exec(text);
  assert.ok(body, `${name} not found in ${file}`);
  return body[1].split(',').map((k) => k.trim()).filter(Boolean);
}

const sorted = (s: Iterable<string>) => [...s].sort();

function at(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), root);
}

describe('engine: tfjs API history (checked against tfjs 4.22)', () => {
  it('removed tf.* names are absent and their renames present', async () => {
    const tf = await realTf();
    for (const [name, api] of REMOVED_TF_PATHS) {
      assert.equal(at(tf, name), undefined, `tf.${name} still exists`);
      if (api.rename) assert.equal(typeof at(tf, api.rename.to), 'function', `tf.${api.rename.to} is missing`);
      assert.equal(typeof at(tf, api.instead.replace(/^tf\./, '')), 'function', `${api.instead} is missing`);
    }
  });

  it('tensor and model methods: removed ones absent, replacements present', async () => {
    const tf = await realTf();
    const t = tf.tensor1d([1, 2]) as unknown as Record<string, unknown>;
    for (const [name] of REMOVED_TENSOR_METHODS) assert.equal(t[name], undefined, `tensor.${name} still exists`);
    for (const [name, api] of NOW_ASYNC_TENSOR_METHODS) {
      assert.ok((tf.tensor1d([1]) as unknown as Record<string, () => unknown>)[name]() instanceof Promise, `tensor.${name}() is not async`);
      assert.equal(typeof t[api.rename!.to], 'function');
    }
    assert.equal(typeof (tf.tensor1d([1]).bufferSync() as unknown as Record<string, unknown>).get, 'function');
    const model = tf.sequential() as unknown as Record<string, unknown>;
    for (const [name, api] of KERAS_MODEL_METHODS) {
      assert.equal(model[name], undefined, `model.${name} exists`);
      if (api.rename) assert.equal(typeof model[api.rename.to], 'function', `model.${api.rename.to} is missing`);
    }
  });

  it('config keys are the properties of the installed tfjs-layers interfaces', () => {
    assert.deepEqual(sorted(COMPILE_KEYS), sorted(interfaceKeys('engine/training.d.ts', /^ModelCompileArgs$/)));
    assert.deepEqual(sorted(FIT_KEYS), sorted(interfaceKeys('engine/training_tensors.d.ts', /^ModelFitArgs$/)));
    assert.deepEqual(sorted(FIT_DATASET_KEYS), sorted(interfaceKeys('engine/training_dataset.d.ts', /^ModelFitDatasetArgs$/)));
    assert.deepEqual(sorted(EARLY_STOPPING_KEYS), sorted(interfaceKeys('callbacks.d.ts', /^EarlyStoppingCallbackArgs$/)));
    const layerKeys = new Set<string>();
    for (const f of ['engine/topology.d.ts', ...fs.readdirSync(path.join(LAYERS_DIST, 'layers')).filter((n) => n.endsWith('.d.ts')).map((n) => `layers/${n}`)]) {
      for (const k of interfaceKeys(f, /Args$/)) layerKeys.add(k);
    }
    const missing = [...LAYER_CONFIG_KEYS].filter((k) => !layerKeys.has(k));
    assert.deepEqual(missing, [], 'keys in the table that no layer interface has');
  });

  it('loss, metric and optimizer strings are the keys of tfjs-layers lossesMap, metricsMap and getOptimizer', () => {
    assert.deepEqual(sorted(LOSS_STRINGS), sorted(objectKeys('losses.js', 'lossesMap')));
    assert.deepEqual(sorted(METRIC_STRINGS), sorted(['accuracy', 'acc', 'crossentropy', 'ce', ...objectKeys('metrics.js', 'metricsMap')]));
    const optimizers = fs.readFileSync(path.join(LAYERS_DIST, 'optimizers.js'), 'utf8');
    const found = new Set([...optimizers.matchAll(/(?:^\s+'(\w+)': \(\) =>|optimizerMap\['(\w+)'\] =)/gm)].map((m) => m[1] ?? m[2]));
    assert.deepEqual(sorted(OPTIMIZER_STRINGS), sorted(found));
  });

  it('every activation string in the table is accepted by tfjs 4.22, and Keras spellings outside it throw', async () => {
    const tf = await realTf();
    for (const a of ACTIVATION_STRINGS) tf.layers.dense({ units: 1, activation: a as never });
    for (const a of ['leaky_relu', 'hard_sigmoid', 'log_softmax', 'exponential', 'prelu']) {
      assert.throws(() => tf.layers.dense({ units: 1, activation: a as never }), /Unknown activation/);
    }
  });

  it('didYouMean: camelCase, case, plural and aliases, and nothing when ambiguous', () => {
    assert.equal(didYouMean('batch_size', FIT_KEYS), 'batchSize');
    assert.equal(didYouMean('epoch', FIT_KEYS), 'epochs');
    assert.equal(didYouMean('Sgd', OPTIMIZER_STRINGS), 'sgd');
    assert.equal(didYouMean('RMSprop', OPTIMIZER_STRINGS), 'rmsprop');
    assert.equal(didYouMean('hard_sigmoid', ACTIVATION_STRINGS), 'hardSigmoid');
    assert.equal(didYouMean('steps', FIT_KEYS), undefined);
    assert.equal(didYouMean('nadam', OPTIMIZER_STRINGS), undefined);
  });
});
