// Layers added in a loop: written out layer by layer when the loop's trip count is a known
// small constant and every round adds the same layer (its config fully known), the loop's only
// add to that model. Anything else keeps the layer's place uncertain (the summary says ?).
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

  it('uncertain (totals ?) when the rounds are not a known constant or not all the same', () => {
    const cases: [string, string][] = [
      ['declare const n: number;\nfor (let i = 0; i < n; i++) model.add(tf.layers.dense({ units: 4 }));', 'an unknown trip count'],
      ['const sizes = [8, 4];\nfor (let i = 0; i < sizes.length; i++) model.add(tf.layers.dense({ units: sizes[i] }));', 'a config that reads the counter'],
      ['[8, 4].forEach((units) => model.add(tf.layers.dense({ units })));', 'a config from the forEach element'],
      ['for (let i = 0; i < 3; i++) model.add(tf.layers.dense({ units: 4, inputShape: i === 0 ? [2] : undefined }));', 'the first round differs'],
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
