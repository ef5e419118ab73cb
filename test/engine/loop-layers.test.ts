// Layers added in a loop: written out layer by layer when the loop's trip count is a known
// small constant, the loop is the add's only loop and it is that model's only add there, and
// each round's layer is fully known (the same config every round, or one read from the loop's
// variable: the counter, the for..of element, the forEach element and index, each round
// evaluated with its own value). Anything else keeps the layer's place uncertain (? totals).
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ModelValue } from '../../server/src/engine/values';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function summaryOf(code: string): { names: string[]; shapes: (string | undefined)[]; total: number | undefined } {
  const file = FileAnalysis.parse('a.ts', NS + code);
  const model = file.graph.models.find((m) => m.modelType !== 'loaded');
  assert.ok(model instanceof ModelValue);
  const s = file.shapes.summary(model, file.shapes.namer());
  assert.ok(s);
  return { names: s.rows.map((r) => r.name), shapes: s.rows.map((r) => (r.outputShape ? JSON.stringify(r.outputShape) : undefined)), total: s.totalParams };
}

describe('engine: layers added in a loop', () => {
  it('a counted for loop of identical hidden layers (a deep dense stack)', () => {
    const s = summaryOf(`const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [512], activation: 'relu', units: 512 }));
for (let i = 0; i < 10; i += 1) {
  model.add(tf.layers.dense({ activation: 'relu', units: 512 }));
}
model.add(tf.layers.dense({ activation: 'sigmoid', units: 1 }));`);
    assert.equal(s.shapes.length, 12);
    assert.deepEqual(s.shapes.slice(-2), ['[null,512]', '[null,1]']);
    assert.equal(s.total, 11 * (512 * 512 + 512) + 513);
    assert.deepEqual(s.names.slice(0, 3), ['dense_Dense1', 'dense_Dense2', 'dense_Dense3']);
    assert.equal(s.names[11], 'dense_Dense12', 'the layer after the loop counts every round');
  });

  it('forEach over a literal array, and for..of over a const array, each round the same layer', () => {
    const forEach = summaryOf(`function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
  [1, 2, 3].forEach(() => {
    model.add(tf.layers.dense({ units: 8, activation: 'relu' }));
  });
  return model;
}
build();`);
    assert.equal(forEach.total, 40 + 3 * 72);
    const forOf = summaryOf(`const BLOCKS = ['a', 'b'];
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [16, 16, 1], filters: 4, kernelSize: 3, padding: 'same' }));
for (const block of BLOCKS) model.add(tf.layers.maxPooling2d({ poolSize: 2 }));`);
    assert.deepEqual(forOf.shapes, ['[null,16,16,4]', '[null,8,8,4]', '[null,4,4,4]']);
  });

  it('each round evaluated with its own value of the loop variable', () => {
    const forEach = summaryOf(`const HIDDEN = [16, 8];
const model = tf.sequential();
HIDDEN.forEach((units, i) => {
  model.add(tf.layers.dense({ units, activation: 'elu', inputShape: i === 0 ? [4] : undefined }));
});
model.add(tf.layers.dense({ units: 1 }));`);
    assert.deepEqual(forEach.shapes, ['[null,16]', '[null,8]', '[null,1]']);
    assert.equal(forEach.total, 4 * 16 + 16 + 16 * 8 + 8 + 9);
    assert.deepEqual(forEach.names, ['dense_Dense1', 'dense_Dense2', 'dense_Dense3']);
    const counted = summaryOf(`const sizes = [32, 16];
const model = tf.sequential();
for (let i = 0; i < sizes.length; ++i) {
  const size = sizes[i];
  model.add(tf.layers.dense({ units: size, inputShape: i === 0 ? [10] : undefined }));
}`);
    assert.deepEqual(counted.shapes, ['[null,32]', '[null,16]']);
    const configs = summaryOf(`const LAYERS = [{ units: 8, inputShape: [3] }, { units: 2, activation: 'softmax' }];
const model = tf.sequential();
for (const config of LAYERS) model.add(tf.layers.dense(config));`);
    assert.deepEqual(configs, { names: ['dense_Dense1', 'dense_Dense2'], shapes: ['[null,8]', '[null,2]'], total: 32 + 18 });
  });

  it('uncertain (totals ?) when the rounds are not a known constant or not all the same', () => {
    const cases: [string, string][] = [
      ['declare const n: number;\nfor (let i = 0; i < n; i++) model.add(tf.layers.dense({ units: 4 }));', 'an unknown trip count'],
      ['declare const sizes: number[];\nsizes.forEach((units) => model.add(tf.layers.dense({ units })));', 'a forEach over an unknown array'],
      ['[8, 4].forEach((units) => {\n  units = units * 2;\n  model.add(tf.layers.dense({ units }));\n});', 'a forEach element the callback reassigns'],
      ['[{ units: 8 }, { units: 4 }].forEach(({ units }) => model.add(tf.layers.dense({ units })));', 'a destructured forEach element'],
      ['for (let i = 0; i < 2; i++) {\n  for (let j = 0; j < 2; j++) model.add(tf.layers.dense({ units: 4 + i }));\n}', 'nested loops with a config from the outer counter'],
      ['declare const sizes: number[];\nfor (let i = 0; i < 2; i++) model.add(tf.layers.dense({ units: sizes[i] }));', 'a config that reads an unknown array at the counter'],
      ['declare const extra: number;\n[8, 4].forEach((units) => model.add(tf.layers.dense({ units: units + extra })));', 'a round whose config is not known'],
      ['for (let i = 0; i < 2; i++) {\n  model.add(tf.layers.dense({ units: 4 }));\n  model.add(tf.layers.dropout({ rate: 0.2 }));\n}', 'two adds interleaved in the loop'],
      ['declare const deep: boolean;\nif (deep) {\n  for (let i = 0; i < 2; i++) model.add(tf.layers.dense({ units: 4 }));\n}', 'a loop under a branch'],
      ['declare const stop: () => boolean;\nfor (let i = 0; i < 3; i++) {\n  if (stop()) break;\n  model.add(tf.layers.dense({ units: 4 }));\n}', 'a loop that may leave early'],
      ['for (let i = 0; i < 100; i++) model.add(tf.layers.dense({ units: 4 }));', 'more rounds than the budget'],
      ['let k = 0;\nwhile (k < 2) {\n  model.add(tf.layers.dense({ units: 4 }));\n  k++;\n}', 'a while loop'],
    ];
    for (const [loop, what] of cases) {
      const s = summaryOf(`const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 4, inputShape: [2] }));\n${loop}`);
      assert.equal(s.total, undefined, what);
    }
  });
});
