import { rule } from '../../rules/bounded-regression-output';
import { runRuleTable } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's clean example: none of the output/loss/rate rules may report anything in it. */
const CLEAN_EXAMPLE = readFileSync(join(__dirname, '../../../examples/clean-classifier.ts'), 'utf8');

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NAMED = "import {sequential, layers, tensor2d} from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const NODE_ALIAS = "import * as tfn from '@tensorflow/tfjs-node';\n";

/** A two-layer regression model; its output activation is on line 4 (after one import line), column 30. */
const seq = (act: string, loss: string, units = 1) =>
  `const model = tf.sequential({layers: [\n  tf.layers.dense({units: 16, inputShape: [4], activation: 'relu'}),\n  tf.layers.dense({units: ${units}, activation: '${act}'}),\n]});\nmodel.compile({optimizer: 'adam', loss: '${loss}'});\n`;
const XS = 'const xs = tf.randomNormal([3, 4]);\n';
/** Targets from a fetched JSON file, as public demos load them: their range cannot be known. */
const FETCHED = `const xs = tf.randomNormal([3, 4]);
const res = await fetch('/data/houses.json');
const houses = await res.json();
const ys = tf.tensor2d(houses.map((h) => [h.price]));
`;
/** tfjs's own tf.data.csv sample: the label column chosen by columnConfigs, trained with fitDataset. */
const CSV = `const csvDataset = tf.data.csv('https://example.org/boston-housing-train.csv', {
  columnConfigs: {medv: {isLabel: true}},
});
const flattened = csvDataset.map(({xs, ys}) => [Object.values(xs), Object.values(ys)]).batch(10);
await model.fitDataset(flattened, {epochs: 10});
`;
/** The info asked when the targets cannot be seen. */
const question = (layer: string, lo: string, hi: string, source: string, advice = "use activation 'linear'") =>
  `Output is ${layer}, so predictions lie in [${lo}, ${hi}]; ${source} are not known here. If any target lies outside [${lo}, ${hi}], ${advice}.`;

const msg = (layer: string, lo: string, hi: string, loss: string, labels: string, advice = "Use activation 'linear'") =>
  `Output is ${layer}, so predictions stay in [${lo}, ${hi}], but the model is trained with regression loss ${loss} ${labels}: targets outside that range are never reached. ${advice}.`;

runRuleTable(rule, {
  valid: [
    { name: 'examples/clean-classifier.ts', code: CLEAN_EXAMPLE },
    { name: 'linear output with meanSquaredError', code: NS + seq('linear', 'meanSquaredError') },
    { name: 'sigmoid + binaryCrossentropy on labels from a loader: a classification, no question', code: NS + seq('sigmoid', 'binaryCrossentropy') + XS + 'model.fit(xs, loadLabels());' },
    { name: 'linear output on labels from fetched JSON', code: NS + seq('linear', 'meanSquaredError') + FETCHED + 'await model.fit(xs, ys, {epochs: 20});' },
    { name: 'softmax + categoricalCrossentropy on labels from a loader', code: NS + seq('softmax', 'categoricalCrossentropy', 3) + XS + 'model.fit(xs, loadLabels());' },
    { name: 'softmax + meanSquaredError on unknown labels belongs to loss-activation-mismatch', code: NS + seq('softmax', 'meanSquaredError', 3) + XS + 'model.fit(xs, loadLabels());' },
    {
      name: 'a reusable network class sized by its caller, trained on data it is handed: quiet',
      filename: 'neuralnetwork.js',
      code: `class NeuralNetwork {
  constructor(inputs, hidden, outputs, lr) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: hidden, inputShape: [inputs], activation: 'sigmoid'}));
    this.model.add(tf.layers.dense({units: outputs, activation: 'sigmoid'}));
    this.model.compile({optimizer: tf.train.sgd(lr || 0.5), loss: 'meanSquaredError'});
  }
  async train(epochs, data) {
    const xs = tf.tensor2d(data.inputs);
    const ys = tf.tensor2d(data.targets);
    await this.model.fit(xs, ys, {epochs, shuffle: true});
  }
}`,
    },
    { name: 'linear output trained on a tf.data.csv dataset', code: NS + seq('linear', 'meanSquaredError') + CSV },
    { name: 'tanh never trained in this file: quiet by default', code: NS + seq('tanh', 'meanAbsoluteError') },
    { name: 'one fit in bound, another with unknown labels: quiet by default', code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[0.2], [0.4], [0.6]]));\nmodel.fit(xs, readLabels());' },
    { name: 'a slice of literal labels may not reach their ends: quiet', code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'const all = tf.tensor2d([[0.5], [0.2], [7]]);\nmodel.fit(xs, all.slice([0, 0], [2, 1]));' },
    { name: 'sigmoid + binaryCrossentropy is classification (near miss)', code: NS + seq('sigmoid', 'binaryCrossentropy') },
    { name: 'sigmoid with literal labels all in [0, 1]', code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[0.1], [0.5], [0.9]]));' },
    { name: 'tanh with literal labels all in [-1, 1] (through a variable)', code: NS + seq('tanh', 'meanAbsoluteError') + XS + 'const ys = tf.tensor2d([[-0.8], [0], [0.7]]);\nmodel.fit(xs, ys);' },
    { name: 'labels divided by their max', code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'const prices = loadPrices();\nmodel.fit(xs, prices.div(prices.max()));' },
    { name: 'min-max scaled labels (tf.* functions)', code: NS + seq('sigmoid', 'meanAbsoluteError') + XS + 'const y = tf.tensor2d([[120], [340], [560]]);\nconst scaled = tf.div(tf.sub(y, tf.min(y)), tf.sub(tf.max(y), tf.min(y)));\nmodel.fit(xs, scaled);' },
    { name: 'softmax + meanSquaredError belongs to loss-activation-mismatch', code: NS + seq('softmax', 'meanSquaredError', 3) },
    { name: 'multi-unit sigmoid + meanSquaredError belongs to loss-activation-mismatch', code: NS + seq('sigmoid', 'meanSquaredError', 4) },
    { name: 'sigmoid on labels with negatives belongs to relu-output-signed-targets', code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[-1.5], [2], [3]]));' },
    { name: 'JS labels min-max scaled before the tensor are proved in [0, 1], even with reportUnknownTargets', options: { reportUnknownTargets: true }, code: NS + seq('sigmoid', 'meanSquaredError') + XS + "const prices = houses.map((h) => h.price);\nconst lo = Math.min(...prices);\nconst hi = Math.max(...prices);\nconst ys = prices.map((p) => [(p - lo) / (hi - lo)]);\nmodel.fit(xs, tf.tensor2d(ys));" },
    { name: 'JS labels clamped into [0, 1] with Math.min / Math.max, with reportUnknownTargets', options: { reportUnknownTargets: true }, code: NS + seq('sigmoid', 'meanSquaredError') + XS + "const ys = [];\nfor (const s of scores) ys.push([Math.min(1, Math.max(0, s / 100))]);\nmodel.fit(xs, tf.tensor2d(ys));" },
    { name: 'JS labels pushed only under a condition: their ends are not known to be reached', code: NS + seq('sigmoid', 'meanSquaredError') + XS + "const ys = [];\nfor (let i = 0; i < 100; i++) {\n  if (i % 3 === 0) ys.push([i * 5]);\n}\nmodel.fit(xs, tf.tensor2d(ys));" },
    { name: 'relu output is not bounded above', code: NS + seq('relu', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[120], [340], [560]]));' },
    { name: 'activation unknown (from a parameter)', code: NS + "export function build(act: string) {\n  const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4], activation: act})]});\n  m.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  return m;\n}" },
    { name: 'one-hot labels with a 3-unit sigmoid and MAE stay in [0, 1]', code: NS + seq('sigmoid', 'meanAbsoluteError', 3) + XS + 'model.fit(xs, tf.oneHot(tf.tensor1d([0, 2, 1], \'int32\'), 3));' },
    { name: 'labels squashed by tf.sigmoid (require)', code: REQ + seq('sigmoid', 'meanSquaredError') + XS + 'model.fit(xs, tf.sigmoid(tf.randomNormal([3, 1])));' },
    { name: 'sigmoid score trained on labels from a loader: no question for a [0, 1] output (0/1 labels and scaled targets are its usual targets)', code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'model.fit(xs, loadScores());' },
    { name: 'sigmoid regression on targets from fetched JSON: quiet by default', code: NS + seq('sigmoid', 'meanSquaredError') + FETCHED + 'await model.fit(xs, ys, {epochs: 20});' },
  ],
  invalid: [
    {
      name: 'tanh regression on the label column of tf.data.csv (fitDataset): an info',
      code: NS + seq('tanh', 'meanAbsoluteError') + CSV,
      errors: [{ message: question("dense 'tanh' with 1 unit", '-1', '1', 'the dataset passed to fitDataset (`flattened`)'), severity: 'info', line: 4, column: 30 }],
      output: null,
    },
    {
      name: 'tanh regression on prices from fetched JSON: an info',
      code: NS + seq('tanh', 'meanSquaredError') + FETCHED + 'await model.fit(xs, ys, {epochs: 20});',
      errors: [{ message: question("dense 'tanh' with 1 unit", '-1', '1', 'the targets passed to fit (`ys`)'), severity: 'info', line: 4, column: 30 }],
      output: null,
    },
    {
      name: 'a class keeps the model in this.model and trains it on its own data: an info',
      code: NS + `class Forecaster {
  model: tf.Sequential;
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 1, inputShape: [3], activation: 'tanh'}));
    this.model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
  }
  async train(xs: tf.Tensor, temperatures: tf.Tensor) {
    await this.model.fit(xs, temperatures, {epochs: 50});
  }
}`,
      errors: [{ message: question("dense 'tanh' with 1 unit", '-1', '1', 'the targets passed to fit (`temperatures`)'), severity: 'info', line: 6, column: 64 }],
      output: null,
    },
    {
      name: 'an lstm output on unknown targets: the question advises a final dense layer',
      code: NS + "const model = tf.sequential({layers: [tf.layers.lstm({units: 1, inputShape: [10, 2]})]});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(windows, nextValues);",
      errors: [{ message: question("lstm 'tanh' with 1 unit", '-1', '1', 'the targets passed to fit (`nextValues`)', "add a final dense layer with activation 'linear' after the lstm"), severity: 'info', line: 2, column: 39 }],
      output: null,
    },
    {
      name: 'sigmoid regression on prices computed in a counted loop (JS value ranges)',
      code: NS + seq('sigmoid', 'meanSquaredError') + XS + "const ys = [];\nfor (let i = 0; i < 100; i++) {\n  ys.push([20 + Math.random() * 300]);\n}\nmodel.fit(xs, tf.tensor2d(ys));",
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", '0', '1', "'meanSquaredError'", 'on labels in [20, 320]'), line: 4, column: 30 }],
      output: NS + seq('linear', 'meanSquaredError') + XS + "const ys = [];\nfor (let i = 0; i < 100; i++) {\n  ys.push([20 + Math.random() * 300]);\n}\nmodel.fit(xs, tf.tensor2d(ys));",
    },
    {
      name: 'sigmoid regression on literal labels in [120, 560]',
      code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[120], [340], [560]]));',
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", '0', '1', "'meanSquaredError'", 'on labels in [120, 560]'), line: 4, column: 30, endLine: 4, endColumn: 51 }],
      output: NS + seq('linear', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[120], [340], [560]]));',
    },
    {
      name: 'named imports, model.add, tanh + meanAbsoluteError, labels never seen: reported with reportUnknownTargets',
      options: { reportUnknownTargets: true },
      code: NAMED + "const model = sequential();\nmodel.add(layers.dense({units: 8, inputShape: [2], activation: 'relu'}));\nmodel.add(layers.dense({units: 1, activation: 'tanh'}));\nmodel.compile({optimizer: 'sgd', loss: 'meanAbsoluteError'});",
      errors: [{ message: msg("dense 'tanh' with 1 unit", '-1', '1', "'meanAbsoluteError'", 'on labels not known to lie in [-1, 1]'), line: 4, column: 35 }],
      output: NAMED + "const model = sequential();\nmodel.add(layers.dense({units: 8, inputShape: [2], activation: 'relu'}));\nmodel.add(layers.dense({units: 1, activation: 'linear'}));\nmodel.compile({optimizer: 'sgd', loss: 'meanAbsoluteError'});",
    },
    {
      name: 'require, softmax with meanAbsolutePercentageError',
      code: REQ + seq('softmax', 'meanAbsolutePercentageError', 3) + 'model.fit(tf.zeros([2, 4]), tf.tensor2d([[10, 20, 70], [5, 5, 90]]));',
      errors: [{ message: msg("dense 'softmax' with 3 units", '0', '1', "'meanAbsolutePercentageError'", 'on labels in [5, 90]'), line: 4, column: 30 }],
      output: REQ + seq('linear', 'meanAbsolutePercentageError', 3) + 'model.fit(tf.zeros([2, 4]), tf.tensor2d([[10, 20, 70], [5, 5, 90]]));',
    },
    {
      name: 'browser global, hardSigmoid with meanSquaredLogarithmicError on standardised labels',
      filename: 'page.js',
      code: seq('hardSigmoid', 'meanSquaredLogarithmicError') + 'const y = loadTargets();\nmodel.fit(tf.zeros([3, 4]), y.sub(y.mean()).div(y.sub(y.mean()).square().mean().sqrt()));',
      errors: [{ message: msg("dense 'hardSigmoid' with 1 unit", '0', '1', "'meanSquaredLogarithmicError'", 'on labels of both signs'), line: 3, column: 30 }],
      output: seq('linear', 'meanSquaredLogarithmicError') + 'const y = loadTargets();\nmodel.fit(tf.zeros([3, 4]), y.sub(y.mean()).div(y.sub(y.mean()).square().mean().sqrt()));',
    },
    {
      name: 'tfjs-node alias, functional model, softsign with logcosh',
      code: NODE_ALIAS + "const inp = tfn.input({shape: [4]});\nconst h = tfn.layers.dense({units: 8, activation: 'relu'}).apply(inp);\nconst out = tfn.layers.dense({units: 1, activation: 'softsign'}).apply(h) as tfn.SymbolicTensor;\nconst m = tfn.model({inputs: inp, outputs: out});\nm.compile({optimizer: 'adam', loss: 'logcosh'});\nm.fit(tfn.zeros([2, 4]), tfn.tensor2d([[-5], [5]]));",
      errors: [{ message: msg("dense 'softsign' with 1 unit", '-1', '1', "'logcosh'", 'on labels in [-5, 5]'), line: 4, column: 41 }],
      output: NODE_ALIAS + "const inp = tfn.input({shape: [4]});\nconst h = tfn.layers.dense({units: 8, activation: 'relu'}).apply(inp);\nconst out = tfn.layers.dense({units: 1, activation: 'linear'}).apply(h) as tfn.SymbolicTensor;\nconst m = tfn.model({inputs: inp, outputs: out});\nm.compile({optimizer: 'adam', loss: 'logcosh'});\nm.fit(tfn.zeros([2, 4]), tfn.tensor2d([[-5], [5]]));",
    },
    {
      name: 'tf.losses.huberLoss on sigmoid, labels uniform in [0, 10]',
      code: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4], activation: 'sigmoid'})]});\nmodel.compile({optimizer: 'adam', loss: tf.losses.huberLoss});\nmodel.fit(tf.randomNormal([8, 4]), tf.randomUniform([8, 1], 0, 10));",
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", '0', '1', 'tf.losses.huberLoss', 'on labels in [0, 10]'), line: 2, column: 83 }],
      output: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4], activation: 'linear'})]});\nmodel.compile({optimizer: 'adam', loss: tf.losses.huberLoss});\nmodel.fit(tf.randomNormal([8, 4]), tf.randomUniform([8, 1], 0, 10));",
    },
    {
      name: 'helper builds and returns the model; labels scaled by 1/100 still reach 5',
      code: NS + "function buildRegressor() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [4], activation: 'sigmoid'}));\n  m.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  return m;\n}\nconst model = buildRegressor();\nconst prices = tf.tensor2d([[0], [250], [500]]);\nmodel.fit(tf.randomNormal([3, 4]), prices.div(100));",
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", '0', '1', "'meanSquaredError'", 'on labels in [0, 5]'), line: 4, column: 53 }],
      output: NS + "function buildRegressor() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [4], activation: 'linear'}));\n  m.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  return m;\n}\nconst model = buildRegressor();\nconst prices = tf.tensor2d([[0], [250], [500]]);\nmodel.fit(tf.randomNormal([3, 4]), prices.div(100));",
    },
    {
      name: 'activation in a config constant shared by two models: reported once, no fix',
      options: { reportUnknownTargets: true },
      code: NS + "const OUT = {units: 1, activation: 'sigmoid'};\nconst a = tf.sequential({layers: [tf.layers.dense({...OUT, inputShape: [4]})]});\nconst b = tf.sequential({layers: [tf.layers.dense({...OUT, inputShape: [2]})]});\na.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nb.compile({optimizer: 'adam', loss: 'meanSquaredError'});",
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", '0', '1', "'meanSquaredError'", 'on labels not known to lie in [0, 1]'), line: 2, column: 24 }],
      output: null,
    },
    {
      name: 'an lstm output keeps its default tanh: no edit, advice to add a dense layer',
      options: { reportUnknownTargets: true },
      code: NS + "const model = tf.sequential({layers: [tf.layers.lstm({units: 1, inputShape: [10, 2]})]});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});",
      errors: [{ message: msg("lstm 'tanh' with 1 unit", '-1', '1', "'meanSquaredError'", 'on labels not known to lie in [-1, 1]', "Add a final dense layer with activation 'linear' after the lstm"), line: 2, column: 39 }],
      output: null,
    },
    {
      name: 'tanh on literal labels reaching -3',
      code: NS + seq('tanh', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[-3], [0.5], [2]]));',
      errors: [{ message: msg("dense 'tanh' with 1 unit", '-1', '1', "'meanSquaredError'", 'on labels in [-3, 2]'), line: 4, column: 30 }],
      output: NS + seq('linear', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[-3], [0.5], [2]]));',
    },
    {
      name: 'activation named by a constant; the fix edits only this layer',
      code: NS + "const OUTPUT_ACTIVATION = 'sigmoid';\nconst model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3], activation: OUTPUT_ACTIVATION})]});\nmodel.compile({optimizer: 'adam', loss: 'meanAbsoluteError'});\nmodel.fit(tf.zeros([2, 3]), tf.tensor2d([[4], [8]]));",
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", '0', '1', "'meanAbsoluteError'", 'on labels in [4, 8]'), line: 3, column: 83 }],
      output: NS + "const OUTPUT_ACTIVATION = 'sigmoid';\nconst model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3], activation: 'linear'})]});\nmodel.compile({optimizer: 'adam', loss: 'meanAbsoluteError'});\nmodel.fit(tf.zeros([2, 3]), tf.tensor2d([[4], [8]]));",
    },
    {
      name: 'one fit in bound, another with unknown labels: reported with reportUnknownTargets',
      options: { reportUnknownTargets: true },
      code: NS + seq('sigmoid', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[0.2], [0.4], [0.6]]));\nmodel.fit(xs, readLabels());',
      errors: [{ message: msg("dense 'sigmoid' with 1 unit", '0', '1', "'meanSquaredError'", 'on labels not known to lie in [0, 1]'), line: 4, column: 30 }],
      output: NS + seq('linear', 'meanSquaredError') + XS + 'model.fit(xs, tf.tensor2d([[0.2], [0.4], [0.6]]));\nmodel.fit(xs, readLabels());',
    },
  ],
});
