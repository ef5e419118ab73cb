import { rule } from '../../rules/label-format';
import * as assert from 'node:assert/strict';
import { lintWith, runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs-node');\n";
const XS = 'const xs = tf.randomNormal([4, 2]);\n';
/** A 3-class softmax classifier compiled with `loss`. */
const clf = (loss: string, ns = 'tf') =>
  `const model = ${ns}.sequential({layers: [${ns}.layers.dense({units: 8, activation: 'relu', inputShape: [2]}), ${ns}.layers.dense({units: 3, activation: 'softmax'})]});\n` +
  `model.compile({optimizer: 'adam', loss: ${loss}});\n`;
/** A one-unit sigmoid model compiled with binaryCrossentropy. */
const BINARY = "const model = tf.sequential({layers: [tf.layers.dense({units: 1, activation: 'sigmoid', inputShape: [2]})]});\nmodel.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});\n";

const NAMED = "import {sequential, layers, tensor1d, randomNormal, oneHot} from '@tensorflow/tfjs';\n";
const NAMED_MODEL =
  "const LOSS = 'categoricalCrossentropy';\nconst xs = randomNormal([4, 2]);\n" +
  "const model = sequential({layers: [layers.dense({units: 3, activation: 'softmax', inputShape: [2]})]});\n" +
  "model.compile({optimizer: 'adam', loss: LOSS});\n";

const INDEX_MSG = (labels: string, oneHot: string) =>
  `model output is [null, 3] (dense 'softmax') but labels are ${labels}: categoricalCrossentropy needs one-hot labels of width 3. Use ${oneHot}, or loss 'sparseCategoricalCrossentropy'.`;

runRuleTable(rule, {
  valid: [
    { name: 'categoricalCrossentropy with one-hot labels of the output width', code: NS + XS + clf("'categoricalCrossentropy'") + 'const ys = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]);\nmodel.fit(xs, ys, {epochs: 5});' },
    { name: 'sparseCategoricalCrossentropy with [n] class indices', code: NS + XS + clf("'sparseCategoricalCrossentropy'") + 'model.fit(xs, tf.tensor1d([0, 1, 2, 1]), {epochs: 5});' },
    { name: 'sparseCategoricalCrossentropy with [n, 1] class indices (require)', code: REQ + XS + clf("'sparseCategoricalCrossentropy'") + 'const ys = tf.tensor2d([[0], [1], [2], [1]]);\nmodel.fit(xs, ys);' },
    { name: 'categoricalCrossentropy with tf.oneHot labels', code: NS + XS + clf("'categoricalCrossentropy'") + "const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);\nmodel.fit(xs, ys);" },
    { name: 'binaryCrossentropy with 0/1 labels', code: NS + XS + BINARY + 'model.fit(xs, tf.tensor2d([[0], [1], [1], [0]]));' },
    { name: 'binaryCrossentropy with soft labels inside [0, 1]', code: NS + XS + BINARY + 'model.fit(xs, tf.tensor2d([[0.1], [0.9], [0.9], [0.1]]));' },
    { name: 'labels from a parameter', code: NS + clf("'categoricalCrossentropy'") + 'export async function train(xs, ys) {\n  await model.fit(xs, ys);\n}' },
    { name: 'output units not known', code: NS + XS + 'export function make(n) {\n  const model = tf.sequential({layers: [tf.layers.dense({units: n, activation: \'softmax\', inputShape: [2]})]});\n  model.compile({optimizer: \'adam\', loss: \'categoricalCrossentropy\'});\n  model.fit(xs, tf.tensor2d([[0], [1], [2], [1]]));\n}' },
    { name: 'categoricalCrossentropy on one unit is loss-activation-mismatch\'s case', code: NS + XS + "const model = tf.sequential({layers: [tf.layers.dense({units: 1, activation: 'softmax', inputShape: [2]})]});\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nmodel.fit(xs, tf.tensor2d([[0], [1], [1], [0]]));" },
    { name: 'loss not known', code: NS + XS + 'export function train(lossName) {\n' + clf('lossName') + '  model.fit(xs, tf.tensor2d([[0], [1], [2], [1]]));\n}' },
    { name: 'a regression loss with narrow labels is shape-mismatch\'s case', code: NS + XS + clf("'meanSquaredError'") + 'model.fit(xs, tf.tensor2d([[0], [1], [2], [1]]));' },
    { name: 'compiled twice with different losses', code: NS + XS + clf("'sparseCategoricalCrossentropy'") + "model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nmodel.fit(xs, tf.tensor2d([[0], [1], [2], [1]]));" },
    { name: 'rank-3 output (dense over a sequence) is shape-mismatch\'s case', code: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 3, activation: 'softmax', inputShape: [5, 2]})]});\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nmodel.fit(tf.zeros([4, 5, 2]), tf.tensor2d([[0], [1], [2], [1]]));" },
    { name: 'custom loss function', code: NS + XS + clf('(yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred)') + 'model.fit(xs, tf.tensor2d([[0], [1], [2], [1]]));' },
  ],
  invalid: [
    {
      name: 'class indices [n, 1] with categoricalCrossentropy (namespace import): safe switch to the sparse loss',
      code: NS + XS + clf("'categoricalCrossentropy'") + 'const ys = tf.tensor2d([[0], [1], [2], [1]]);\nmodel.fit(xs, ys, {epochs: 5});',
      errors: [{ message: INDEX_MSG('[4, 1]', 'tf.oneHot(ys.flatten().toInt(), 3)'), line: 6, column: 15 }],
      output: NS + XS + clf("'sparseCategoricalCrossentropy'") + 'const ys = tf.tensor2d([[0], [1], [2], [1]]);\nmodel.fit(xs, ys, {epochs: 5});',
    },
    {
      name: 'named imports, [n] labels, loss in a constant: the fix wraps the labels in oneHot',
      code: NAMED + NAMED_MODEL + 'const labels = tensor1d([0, 1, 2, 1]);\nmodel.fit(xs, labels);',
      errors: [{ message: INDEX_MSG('[4]', 'oneHot(labels.flatten().toInt(), 3)'), line: 7, column: 15 }],
      output: NAMED + NAMED_MODEL + 'const labels = tensor1d([0, 1, 2, 1]);\nmodel.fit(xs, oneHot(labels.flatten().toInt(), 3));',
    },
    {
      name: 'functional model, labels from an array constant (require), fit and evaluate both flagged',
      code: REQ + "const inp = tf.input({shape: [2]});\nconst out = tf.layers.dense({units: 3, activation: 'softmax'}).apply(tf.layers.dense({units: 8}).apply(inp));\nconst model = tf.model({inputs: inp, outputs: out});\nmodel.compile({optimizer: 'sgd', loss: \"categoricalCrossentropy\"});\nconst LABELS = [[2], [0], [1], [1]];\nconst ys = tf.tensor2d(LABELS);\nmodel.fit(tf.zeros([4, 2]), ys).then(() => model.evaluate(tf.zeros([4, 2]), ys));",
      errors: [
        { message: INDEX_MSG('[4, 1]', 'tf.oneHot(ys.flatten().toInt(), 3)'), line: 8, column: 29 },
        { message: INDEX_MSG('[4, 1]', 'tf.oneHot(ys.flatten().toInt(), 3)'), line: 8, column: 77 },
      ],
      output: REQ + "const inp = tf.input({shape: [2]});\nconst out = tf.layers.dense({units: 3, activation: 'softmax'}).apply(tf.layers.dense({units: 8}).apply(inp));\nconst model = tf.model({inputs: inp, outputs: out});\nmodel.compile({optimizer: 'sgd', loss: \"sparseCategoricalCrossentropy\"});\nconst LABELS = [[2], [0], [1], [1]];\nconst ys = tf.tensor2d(LABELS);\nmodel.fit(tf.zeros([4, 2]), ys).then(() => model.evaluate(tf.zeros([4, 2]), ys));",
    },
    {
      name: 'browser global tf, label values unknown but shape written: loss switch offered (not safe)',
      code: 'async function train(raw) {\n  const xs = tf.zeros([4, 2]);\n' + clf("'categoricalCrossentropy'") + '  const ys = tf.tensor2d(raw, [4, 1]);\n  await model.fit(xs, ys);\n}',
      errors: [{ message: INDEX_MSG('[4, 1]', 'tf.oneHot(ys.flatten().toInt(), 3)'), line: 6, column: 23 }],
      output: 'async function train(raw) {\n  const xs = tf.zeros([4, 2]);\n' + clf("'sparseCategoricalCrossentropy'") + '  const ys = tf.tensor2d(raw, [4, 1]);\n  await model.fit(xs, ys);\n}',
    },
    {
      name: 'labels reshaped to a column (alias import)',
      code: "import * as tfjs from '@tensorflow/tfjs';\nconst xs = tfjs.randomNormal([4, 2]);\n" + clf("'categoricalCrossentropy'", 'tfjs') + 'model.fit(xs, tfjs.tensor1d([0, 1, 2, 1]).reshape([-1, 1]));',
      errors: [{ message: /^model output is \[null, 3\] \(dense 'softmax'\) but labels are \[4, 1\]: categoricalCrossentropy needs one-hot labels of width 3\. Use tfjs\.oneHot\(/, line: 5, column: 15 }],
      output: "import * as tfjs from '@tensorflow/tfjs';\nconst xs = tfjs.randomNormal([4, 2]);\n" + clf("'sparseCategoricalCrossentropy'", 'tfjs') + 'model.fit(xs, tfjs.tensor1d([0, 1, 2, 1]).reshape([-1, 1]));',
    },
    {
      name: 'model from a helper that builds, compiles and returns it',
      code: NS + "function buildClassifier() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 4, activation: 'softmax', inputShape: [2]}));\n  m.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n  return m;\n}\nconst model = buildClassifier();\nmodel.fit(tf.zeros([3, 2]), tf.tensor1d([3, 0, 1]));",
      errors: [{ message: "model output is [null, 4] (dense 'softmax') but labels are [3]: categoricalCrossentropy needs one-hot labels of width 4. Use tf.oneHot(tf.tensor1d([3, 0, 1]).flatten().toInt(), 4), or loss 'sparseCategoricalCrossentropy'.", line: 9, column: 29 }],
      output: NS + "function buildClassifier() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 4, activation: 'softmax', inputShape: [2]}));\n  m.compile({optimizer: 'adam', loss: 'sparseCategoricalCrossentropy'});\n  return m;\n}\nconst model = buildClassifier();\nmodel.fit(tf.zeros([3, 2]), tf.tensor1d([3, 0, 1]));",
    },
    {
      name: 'one-hot rows with sparseCategoricalCrossentropy: safe switch to categorical',
      code: NS + XS + clf("'sparseCategoricalCrossentropy'") + 'const ys = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]);\nmodel.fit(xs, ys);',
      errors: [{ message: "model output is [null, 3] (dense 'softmax') but labels are one-hot [4, 3]: sparseCategoricalCrossentropy needs one class index per example (labels of shape [n] or [n, 1]). Use loss 'categoricalCrossentropy'.", line: 6, column: 15 }],
      output: NS + XS + clf("'categoricalCrossentropy'") + 'const ys = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]);\nmodel.fit(xs, ys);',
    },
    {
      name: 'tf.oneHot labels with sparseCategoricalCrossentropy (require)',
      code: REQ + XS + clf("'sparseCategoricalCrossentropy'") + "const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);\nmodel.fit(xs, ys);",
      errors: [{ message: /but labels are one-hot \[4, 3\]: sparseCategoricalCrossentropy needs one class index per example/, line: 6, column: 15 }],
      output: REQ + XS + clf("'categoricalCrossentropy'") + "const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);\nmodel.fit(xs, ys);",
    },
    {
      name: 'one-hot labels one column wider than the output',
      code: NS + XS + clf("'categoricalCrossentropy'") + 'model.fit(xs, tf.tensor2d([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]));',
      errors: [{ message: "model output is [null, 3] (dense 'softmax') but labels are [4, 4]: categoricalCrossentropy needs labels of width 3, one column per output unit. Give the last layer 4 units, or fix the labels.", line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'two-column labels with sparseCategoricalCrossentropy',
      code: NS + XS + clf("'sparseCategoricalCrossentropy'") + 'model.fit(xs, tf.tensor2d([[0.5, 0.5], [1, 0], [0, 1], [0.5, 0.5]]));',
      errors: [{ message: "model output is [null, 3] (dense 'softmax') but labels are [4, 2]: sparseCategoricalCrossentropy needs one class index per example, labels of shape [n] or [n, 1].", line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'float labels of width 1 with categoricalCrossentropy: width message, no fix',
      code: NS + XS + clf("'categoricalCrossentropy'") + 'model.fit(xs, tf.tensor2d([[0.5], [1.5], [2], [1]]));',
      errors: [{ message: /but labels are \[4, 1\]: categoricalCrossentropy needs labels of width 3, one column per output unit/, line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'binaryCrossentropy with -1/1 labels',
      code: NS + XS + BINARY + 'model.fit(xs, tf.tensor2d([[-1], [1], [1], [-1]]));',
      errors: [{ message: "model output is [null, 1] (dense 'sigmoid') but the labels hold -1: binaryCrossentropy needs labels between 0 and 1; outside that range the loss has no minimum and training runs away. Map the labels to 0 and 1, or use 'categoricalCrossentropy' with one-hot labels for more than two classes.", line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'binaryCrossentropy with class labels 0, 1, 2 (labels in a variable)',
      code: NS + XS + BINARY + 'const ys = tf.tensor1d([0, 1, 2, 1]);\nmodel.fit(xs, ys);',
      errors: [{ message: /but the labels hold 2: binaryCrossentropy needs labels between 0 and 1/, line: 6, column: 15 }],
      output: null,
    },
    {
      name: 'binaryCrossentropy, two sigmoid units but one label column',
      code: NS + XS + "const model = tf.sequential({layers: [tf.layers.dense({units: 2, activation: 'sigmoid', inputShape: [2]})]});\nmodel.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});\nmodel.fit(xs, tf.tensor2d([[0], [1], [1], [0]]));",
      errors: [{ message: "model output is [null, 2] (dense 'sigmoid') but labels are [4, 1]: binaryCrossentropy needs labels of width 2, one 0/1 column per output unit.", line: 5, column: 15 }],
      output: null,
    },
  ],
});

describe('label-format (fix safety)', () => {
  const firstFix = (code: string) => lintWith(rule, code)[0]?.fixes[0];
  it('the loss switch is safe when every label is a known class index in range', () => {
    const fix = firstFix(NS + XS + clf("'categoricalCrossentropy'") + 'model.fit(xs, tf.tensor2d([[0], [1], [2], [1]]));');
    assert.equal(fix?.title, "Use loss 'sparseCategoricalCrossentropy'");
    assert.equal(fix?.safe, true);
  });
  it('the loss switch is not safe when the label values are unknown', () => {
    const fix = firstFix('async function train(raw) {\n' + clf("'categoricalCrossentropy'") + '  await model.fit(tf.zeros([4, 2]), tf.tensor2d(raw, [4, 1]));\n}');
    assert.equal(fix?.title, "Use loss 'sparseCategoricalCrossentropy'");
    assert.equal(fix?.safe, false);
  });
  it('no loss switch when another fit on the model passes one-hot labels; the oneHot wrap is never safe', () => {
    const findings = lintWith(rule, NS + XS + clf("'categoricalCrossentropy'") + 'model.fit(xs, tf.tensor2d([[0], [1], [2], [1]]));\nmodel.fit(xs, tf.oneHot(tf.tensor1d([0, 1, 2, 1], \'int32\'), 3));');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes.map((f) => [f.title, f.safe]), [['Wrap the labels in tf.oneHot(..., 3)', false]]);
  });
});
