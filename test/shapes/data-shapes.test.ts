// `.shape`, `.rank` and `.size` of tensors made from data, as code reads them to size a model
// (engine/shapes/data-shapes.ts through the evaluator): `inputShape: [xs.shape[1]]`. Written
// the way public code sizes its first layer: a tensor2d of pushed rows with an explicit shape,
// a training helper given the tensors, a one-hot label tensor, a reshaped and transposed
// column list. A dim the data does not fix, and tensors a model or layer makes, stay UNKNOWN.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { UNKNOWN, type Value } from '../../server/src/engine/values';
import { summarizeSource } from '../../server/src/cli/summary';
import { runSnippet } from '../harness/run-snippet';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

/** The value of the initializer of the last `const <name> = ...`. */
function valueOf(code: string, name: string): Value {
  const file = FileAnalysis.parse('a.ts', NS + code);
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

const KNOWN: [string, string, Value][] = [
  ['a tensor2d with its shape written out', 'const xs = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);\nconst v = xs.shape;', [3, 2]],
  ['rows pushed in a loop of unknown length: the width is known, the count is not', 'declare const records: { a: number; b: number; c: number }[];\nconst rows = [];\nfor (const r of records) rows.push([r.a, r.b, r.c]);\nconst xs = tf.tensor2d(rows);\nconst v = xs.shape[1];', 3],
  ['one-hot labels: the depth', "declare const labels: number[];\nconst NUM_CLASSES = 3;\nconst ys = tf.oneHot(tf.tensor1d(labels, 'int32'), NUM_CLASSES);\nconst v = ys.shape[1];", 3],
  ['a reshape to sizes partly unknown: the rank, and the sizes written as numbers', 'declare const k: number;\nconst v = tf.zeros([6, 4]).reshape([-1, k, 2]).shape;', [UNKNOWN, UNKNOWN, 2]],
  ['rank and size', 'const t = tf.zeros([2, 3, 4]);\nconst v = [t.rank, t.size, t.reshape([6, 4]).shape[0]];', [3, 24, 6]],
  ['a slice and a concat keep the width', 'const all = tf.ones([10, 4]);\nconst train = all.slice([0, 0], [8, 4]);\nconst both = tf.concat([train, all.slice([8, 0], [2, 4])], 0);\nconst v = both.shape;', [10, 4]],
  [
    'columns pushed five times, reshaped with a length read from the data and transposed (occupancy)',
    'declare const table: { xs: number[] }[];\nconst columns = [];\nfor (let col = 0; col < 5; col++) columns.push(table.map((row) => row.xs[col]));\nconst input = tf.tensor2d(columns).reshape([5, columns[0].length]).transpose();\nconst v = input.shape;',
    [UNKNOWN, 5],
  ],
  [
    'a training helper called once with the tensors (iris index.js)',
    'function trainModel(xTrain: tf.Tensor) {\n  const v = xTrain.shape[1];\n  return v;\n}\nconst xs = tf.tensor2d([[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2]]);\ntrainModel(xs);',
    4,
  ],
];

const UNKNOWN_CASES: [string, string][] = [
  ['rows of unknown width', 'declare const rows: number[][];\nconst v = tf.tensor2d(rows).shape[1];'],
  ['the row count of pushed rows', 'declare const n: number;\nconst rows = [];\nfor (let i = 0; i < n; i++) rows.push([i, 2 * i]);\nconst v = tf.tensor2d(rows).shape[0];'],
  ['a model prediction (the model graph is not read here)', 'const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 2})]});\nconst v = (model.predict(tf.zeros([1, 4])) as tf.Tensor).shape[1];'],
  ['a layer applied to a symbolic input', "const input = tf.input({shape: [4]});\nconst out = tf.layers.dense({units: 2}).apply(input) as tf.SymbolicTensor;\nconst v = out.shape[1];"],
  ['a tensor loaded from a file at run time', "declare const buffer: Uint8Array;\nconst image = tf.node.decodeImage(buffer);\nconst v = image.shape[2];"],
  ['a slice whose size is not known', 'declare const k: number;\nconst v = tf.ones([10, 4]).slice([0, 0], [k, k]).shape[1];'],
  ['a helper called with tensors of two widths', 'function width(t: tf.Tensor) {\n  const v = t.shape[1];\n  return v;\n}\nwidth(tf.zeros([2, 3]));\nwidth(tf.zeros([2, 4]));'],
];

describe('engine: shapes of tensors made from data, read by code', () => {
  for (const [what, code, expected] of KNOWN) {
    it(`known: ${what}`, () => assert.deepEqual(valueOf(code, 'v'), expected));
  }
  for (const [what, code] of UNKNOWN_CASES) {
    it(`UNKNOWN: ${what}`, () => assert.equal(valueOf(code, 'v'), UNKNOWN));
  }

  it('a first layer sized by xs.shape[1] has the summary tfjs gives', async () => {
    const source =
      NS +
      "const rows = [];\nfor (let i = 0; i < 20; i++) rows.push([Math.random(), Math.random(), Math.random()]);\nconst xs = tf.tensor2d(rows, [rows.length, 3]);\nconst ys = tf.oneHot(tf.tensor1d(rows.map((r) => (r[0] > 0.5 ? 1 : 0)), 'int32'), 2);\n" +
      "function train(x: tf.Tensor, y: tf.Tensor) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: 8, activation: 'relu', inputShape: [x.shape[1]]}));\n  model.add(tf.layers.dense({units: y.shape[1], activation: 'softmax'}));\n  return model;\n}\nexport const model = train(xs, ys);\n";
    const [ours] = summarizeSource('model.ts', source);
    assert.deepEqual(ours.layers.map((l) => [l.outputShape, l.params]), [[[null, 8], 32], [[null, 2], 18]]);
    const tfModel = (await runSnippet(source)).model as { layers: { outputShape: unknown; countParams(): number }[]; countParams(): number; dispose(): void };
    assert.deepEqual(tfModel.layers.map((l) => [l.outputShape, l.countParams()]), [[[null, 8], 32], [[null, 2], 18]]);
    assert.equal(ours.totalParams, tfModel.countParams());
    tfModel.dispose();
  });
});
