// The API history tables against the installed @tensorflow/tfjs 4.22: every removed name is
// really gone, every replacement really there (so a fix never renames to a missing API).
import * as assert from 'node:assert/strict';
import { KERAS_MODEL_METHODS, NOW_ASYNC_TENSOR_METHODS, REMOVED_TENSOR_METHODS, REMOVED_TF_PATHS, pinnedTfjsMajor, rangeMajor } from '../../server/src/engine/tfjs-api';
import { realTf } from '../harness/run-snippet';

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

  it('reads version pins from CDN URLs and package.json ranges', () => {
    assert.equal(pinnedTfjsMajor('<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.13.0"></script>'), 0);
    assert.equal(pinnedTfjsMajor("importScripts('https://unpkg.com/@tensorflow/tfjs-core@1.7.4/dist/tf-core.min.js')"), 1);
    assert.equal(pinnedTfjsMajor('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs/dist/tf.min.js'), undefined);
    assert.equal(pinnedTfjsMajor('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@latest'), undefined);
    assert.deepEqual(['^0.13.3', '~1.2', '>=2.0.0', '4.22.0', 'latest', '*', 'github:tensorflow/tfjs'].map(rangeMajor), [0, 1, 2, 4, undefined, undefined, undefined]);
  });
});
