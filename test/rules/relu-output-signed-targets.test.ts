import { rule } from '../../rules/relu-output-signed-targets';
import { runRuleTable } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's clean example: none of the output/loss/rate rules may report anything in it. */
const CLEAN_EXAMPLE = readFileSync(join(__dirname, '../../../examples/clean-classifier.ts'), 'utf8');

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NAMED = "import {sequential, layers, randomNormal} from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const NODE_ALIAS = "import * as tfn from '@tensorflow/tfjs-node';\n";

/** A two-layer regression model; its output activation is on line 4 (after one import line), column 30. */
const seq = (act: string, loss = 'meanSquaredError', units = 1) =>
  `const model = tf.sequential({layers: [\n  tf.layers.dense({units: 16, inputShape: [4], activation: 'relu'}),\n  tf.layers.dense({units: ${units}, activation: '${act}'}),\n]});\nmodel.compile({optimizer: 'adam', loss: '${loss}'});\nconst xs = tf.randomNormal([3, 4]);\n`;

const msg = (layer: string, loss: string, labels: string, advice = "Use activation 'linear'") =>
  `Output is ${layer}, which is never negative, but the model is trained with regression loss ${loss} on ${labels}: the negative targets can never be reached. ${advice}.`;
const RELU = "dense 'relu' with 1 unit";
/** The info asked when the targets cannot be seen. */
const question = (layer: string, source: string, advice = "use activation 'linear'") =>
  `Output is ${layer}, so predictions are never negative; ${source} are not known here. If any target can be negative, ${advice}.`;
const MSE = "'meanSquaredError'";

runRuleTable(rule, {
  valid: [
    { name: 'sigmoid on labels from a loader: bounded-regression-output asks about [0, 1]', code: NS + seq('sigmoid') + 'model.fit(xs, loadLabels());' },
    { name: 'relu output never trained in this file', code: NS + seq('relu') },
    { name: 'linear output on returns from fetched JSON', code: NS + seq('linear') + "const rows = await (await fetch('/api/returns')).json();\nawait model.fit(xs, tf.tensor2d(rows.map((r) => [r.change])));" },
    { name: 'relu + binaryCrossentropy on unknown labels is a classification', code: NS + seq('relu', 'binaryCrossentropy') + 'model.fit(xs, loadLabels());' },
    { name: 'examples/clean-classifier.ts', code: CLEAN_EXAMPLE },
    { name: 'relu on a count target (near miss: counts cannot be negative)', code: NS + seq('relu') + 'model.fit(xs, tf.tensor2d([[0], [3], [12]]));' },
    { name: 'linear output on standardised labels', code: NS + seq('linear') + 'const y = tf.tensor2d([[1], [5], [9]]);\nmodel.fit(xs, y.sub(y.mean()).div(4));' },
    { name: 'relu output, labels divided by their max', code: NS + seq('relu') + 'const y = loadTargets();\nmodel.fit(xs, y.div(y.max()));' },
    { name: 'relu output, labels through tf.abs', code: NS + seq('relu') + 'model.fit(xs, tf.abs(tf.randomNormal([3, 1])));' },
    { name: 'signed labels but a classification loss', code: NS + seq('relu', 'hinge') + 'model.fit(xs, tf.tensor2d([[-1], [1], [1]]));' },
    { name: 'normal labels with mean 100 and std 1 are practically never negative (require)', code: REQ + seq('softplus') + 'model.fit(xs, tf.randomNormal([3, 1], 100, 1));' },
    { name: 'tanh can reach negatives (not this rule)', code: NS + seq('tanh') + 'model.fit(xs, tf.tensor2d([[-0.5], [0.5], [0.2]]));' },
    { name: 'relu in a hidden layer only, linear output (named imports)', code: NAMED + "const model = sequential({layers: [layers.dense({units: 8, inputShape: [4], activation: 'relu'}), layers.dense({units: 1})]});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(randomNormal([3, 4]), randomNormal([3, 1]));" },
    { name: 'labels pushed in a loop only under a condition: their sign is not known', code: NS + seq('relu') + "const ysData = [];\nfor (const row of rows) {\n  if (row.ok) ysData.push([Math.random() * 2 - 1]);\n}\nmodel.fit(xs, tf.tensor2d(ysData));" },
    { name: 'labels pushed in a loop through Math.abs are never negative', code: NS + seq('relu') + "const ysData = [];\nfor (let i = 0; i < 100; i++) ysData.push([Math.abs(Math.random() * 2 - 1)]);\nmodel.fit(xs, tf.tensor2d(ysData));" },
    { name: 'labels shifted up above zero', code: NS + seq('relu') + 'model.fit(xs, tf.tensor2d([[-1], [2], [3]]).add(5));' },
  ],
  invalid: [
    {
      name: 'relu regression on daily changes from fetched JSON, in a class: an info',
      code: NS + `class Predictor {
  constructor() {
    this.model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [5], activation: 'relu'})]});
    this.model.compile({optimizer: 'sgd', loss: 'meanAbsoluteError'});
  }
  async train() {
    const rows = await (await fetch('/api/returns')).json();
    const ys = tf.tensor2d(rows.map((r) => [r.change]));
    await this.model.fit(tf.tensor2d(rows.map((r) => r.features)), ys);
  }
}`,
      filename: 'predictor.js',
      errors: [{ message: question("dense 'relu' with 1 unit", 'the targets passed to fit (`ys`)'), severity: 'info', line: 4, column: 86 }],
      output: null,
    },
    {
      name: 'labels of unknown sign (a parameter): an info with the question, no fix',
      code: NS + 'export async function train(ys: tf.Tensor) {\n' + seq('relu') + '  await model.fit(xs, ys);\n}',
      errors: [{ message: question("dense 'relu' with 1 unit", 'the targets passed to fit (`ys`)'), severity: 'info', line: 5, column: 30 }],
      output: null,
    },
    {
      name: 'subtracting an unknown offset: sign unknown, an info',
      code: NS + seq('relu') + 'const y = tf.tensor2d([[1], [5], [9]]);\nmodel.fit(xs, y.sub(getOffset()));',
      errors: [{ message: question("dense 'relu' with 1 unit", 'the targets passed to fit (`y.sub(getOffset())`)'), severity: 'info', line: 4, column: 30 }],
      output: null,
    },
    {
      name: 'multi-unit sigmoid + MSE on targets with negatives: a regression, so this rule (use a linear output)',
      code: NS + seq('sigmoid', 'meanSquaredError', 3) + 'model.fit(xs, tf.tensor2d([[-1, 0, 1], [1, 0, 1], [0, 1, 0]]));',
      errors: [{ message: "Output is dense 'sigmoid' with 3 units, which is never negative, but the model is trained with regression loss 'meanSquaredError' on labels in [-1, 1]: the negative targets can never be reached. Use activation 'linear'.", line: 4, column: 30 }],
      output: NS + seq('linear', 'meanSquaredError', 3) + 'model.fit(xs, tf.tensor2d([[-1, 0, 1], [1, 0, 1], [0, 1, 0]]));',
    },
    {
      name: 'literal labels with negatives, namespace import',
      code: NS + seq('relu') + 'model.fit(xs, tf.tensor2d([[-1.5], [2], [0.5]]));',
      errors: [{ message: msg(RELU, MSE, 'labels in [-1.5, 2]'), line: 4, column: 30, endLine: 4, endColumn: 48 }],
      output: NS + seq('linear') + 'model.fit(xs, tf.tensor2d([[-1.5], [2], [0.5]]));',
    },
    {
      name: 'labels drawn with Math.random() and pushed in a counted loop (JS value ranges)',
      code: NS + seq('relu') + "const xsData = [];\nconst ysData = [];\nfor (let i = 0; i < 200; i++) {\n  const x = Math.random() * 2 - 1;\n  xsData.push([x, x * x, 0, 1]);\n  ysData.push([x]);\n}\n" + 'model.fit(tf.tensor2d(xsData), tf.tensor2d(ysData));',
      errors: [{ message: msg(RELU, MSE, 'labels in [-1, 1]'), line: 4, column: 30 }],
      output: NS + seq('linear') + "const xsData = [];\nconst ysData = [];\nfor (let i = 0; i < 200; i++) {\n  const x = Math.random() * 2 - 1;\n  xsData.push([x, x * x, 0, 1]);\n  ysData.push([x]);\n}\n" + 'model.fit(tf.tensor2d(xsData), tf.tensor2d(ysData));',
    },
    {
      name: 'literal labels reached through variables',
      code: NS + seq('relu') + 'const labels = [[-3], [1], [4]];\nconst ys = tf.tensor2d(labels);\nmodel.fit(xs, ys, {epochs: 10});',
      errors: [{ message: msg(RELU, MSE, 'labels in [-3, 4]'), line: 4, column: 30 }],
      output: NS + seq('linear') + 'const labels = [[-3], [1], [4]];\nconst ys = tf.tensor2d(labels);\nmodel.fit(xs, ys, {epochs: 10});',
    },
    {
      name: 'standardised labels, method chain ys.sub(mean).div(std)',
      code: NS + seq('relu') + 'const ys = tf.tensor2d([[120], [340], [560]]);\nconst mean = ys.mean();\nconst std = ys.sub(mean).square().mean().sqrt();\nmodel.fit(xs, ys.sub(mean).div(std));',
      errors: [{ message: msg(RELU, MSE, 'labels of both signs'), line: 4, column: 30 }],
      output: NS + seq('linear') + 'const ys = tf.tensor2d([[120], [340], [560]]);\nconst mean = ys.mean();\nconst std = ys.sub(mean).square().mean().sqrt();\nmodel.fit(xs, ys.sub(mean).div(std));',
    },
    {
      name: 'standardised with tf.div(tf.sub(y, mean), std) and tf.moments, of unknown raw labels',
      code: NS + seq('relu', 'meanAbsoluteError') + 'const y = loadPrices();\nconst {mean, variance} = tf.moments(y);\nconst yNorm = tf.div(tf.sub(y, mean), tf.sqrt(variance));\nmodel.fit(xs, yNorm);',
      errors: [{ message: msg(RELU, "'meanAbsoluteError'", 'labels of both signs'), line: 4, column: 30 }],
      output: NS + seq('linear', 'meanAbsoluteError') + 'const y = loadPrices();\nconst {mean, variance} = tf.moments(y);\nconst yNorm = tf.div(tf.sub(y, mean), tf.sqrt(variance));\nmodel.fit(xs, yNorm);',
    },
    {
      name: 'labels from a loader, centred with methods: y.sub(y.mean())',
      code: NS + seq('softplus') + 'const y = await loadTargets();\nmodel.fit(xs, y.sub(y.mean()));',
      errors: [{ message: msg("dense 'softplus' with 1 unit", MSE, 'labels of both signs'), line: 4, column: 30 }],
      output: NS + seq('linear') + 'const y = await loadTargets();\nmodel.fit(xs, y.sub(y.mean()));',
    },
    {
      name: 'named imports, labels from randomNormal',
      code: NAMED + "const model = sequential();\nmodel.add(layers.dense({units: 1, inputShape: [4], activation: 'relu'}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(randomNormal([16, 4]), randomNormal([16, 1]));",
      errors: [{ message: msg(RELU, MSE, 'labels of both signs'), line: 3, column: 52 }],
      output: NAMED + "const model = sequential();\nmodel.add(layers.dense({units: 1, inputShape: [4], activation: 'linear'}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(randomNormal([16, 4]), randomNormal([16, 1]));",
    },
    {
      name: 'require, relu6 on uniform labels in [-1, 1]',
      code: REQ + seq('relu6') + 'model.fit(xs, tf.randomUniform([3, 1], -1, 1));',
      errors: [{ message: msg("dense 'relu6' with 1 unit", MSE, 'labels in [-1, 1]'), line: 4, column: 30 }],
      output: REQ + seq('linear') + 'model.fit(xs, tf.randomUniform([3, 1], -1, 1));',
    },
    {
      name: 'browser global, softplus with logcosh on a typed-array tensor',
      filename: 'page.js',
      code: seq('softplus', 'logcosh') + 'model.fit(xs, tf.tensor(new Float32Array([-2, 0, 2]), [3, 1]));',
      errors: [{ message: msg("dense 'softplus' with 1 unit", "'logcosh'", 'labels in [-2, 2]'), line: 3, column: 30 }],
      output: seq('linear', 'logcosh') + 'model.fit(xs, tf.tensor(new Float32Array([-2, 0, 2]), [3, 1]));',
    },
    {
      name: 'sigmoid on signed labels is reported here (not by bounded-regression-output)',
      code: NS + seq('sigmoid') + 'model.fit(xs, tf.tensor2d([[-1], [0.5], [0.2]]));',
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", MSE, 'labels in [-1, 0.5]'), line: 4, column: 30 }],
      output: NS + seq('linear') + 'model.fit(xs, tf.tensor2d([[-1], [0.5], [0.2]]));',
    },
    {
      name: 'tfjs-node alias, functional model, labels all negative after a shift',
      code: NODE_ALIAS + "const inp = tfn.input({shape: [4]});\nconst out = tfn.layers.dense({units: 1, activation: 'relu'}).apply(inp) as tfn.SymbolicTensor;\nconst m = tfn.model({inputs: inp, outputs: out});\nm.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nconst raw = tfn.tensor2d([[1], [3], [5]]);\nm.fit(tfn.zeros([3, 4]), tfn.sub(raw, 10));",
      errors: [{ message: msg(RELU, MSE, 'labels in [-9, -5]'), line: 3, column: 41 }],
      output: NODE_ALIAS + "const inp = tfn.input({shape: [4]});\nconst out = tfn.layers.dense({units: 1, activation: 'linear'}).apply(inp) as tfn.SymbolicTensor;\nconst m = tfn.model({inputs: inp, outputs: out});\nm.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nconst raw = tfn.tensor2d([[1], [3], [5]]);\nm.fit(tfn.zeros([3, 4]), tfn.sub(raw, 10));",
    },
    {
      name: 'helper builds and returns the model; fit outside on standardised labels',
      code: NS + "function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [4], activation: 'relu'}));\n  m.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  return m;\n}\nconst model = build();\nconst y = tf.tensor2d([[3], [7], [8]]);\nmodel.fit(tf.zeros([3, 4]), y.sub(tf.mean(y)));",
      errors: [{ message: msg(RELU, MSE, 'labels of both signs'), line: 4, column: 53 }],
      output: NS + "function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [4], activation: 'linear'}));\n  m.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  return m;\n}\nconst model = build();\nconst y = tf.tensor2d([[3], [7], [8]]);\nmodel.fit(tf.zeros([3, 4]), y.sub(tf.mean(y)));",
    },
    {
      name: 'a final reLU layer: reported, no edit, advice to remove it',
      code: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4]}), tf.layers.reLU()]});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([2, 4]), tf.tensor2d([[-1], [1]]));",
      errors: [{ message: msg("reLU 'relu'", MSE, 'labels in [-1, 1]', 'Remove the final reLU layer'), line: 2, column: 85 }],
      output: null,
    },
    {
      name: 'activation in a spread config shared with a hidden layer: no fix',
      code: NS + "const RELU = {activation: 'relu'};\nconst model = tf.sequential({layers: [tf.layers.dense({...RELU, units: 8, inputShape: [4]}), tf.layers.dense({...RELU, units: 1})]});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([2, 4]), tf.tensor2d([[-1], [1]]));",
      errors: [{ message: msg(RELU, MSE, 'labels in [-1, 1]'), line: 2, column: 15 }],
      output: null,
    },
  ],
});
