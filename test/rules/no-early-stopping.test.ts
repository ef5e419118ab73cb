import { rule } from '../../rules/no-early-stopping';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs-node');\n";
const MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4]})]});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n";
const ES = "tf.callbacks.earlyStopping({monitor: 'val_loss', patience: 5})";
const MSG = /^fit runs \d+ epochs with (validationSplit [\d.]+|validationData) but no tf\.callbacks\.earlyStopping/;

const GET_MODEL = NS + "export default function getModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [4] }));\n  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  return model;\n}\n";

runRuleTable(rule, {
  valid: [
    {
      name: 'two files: callbacks built by a helper of another file (it may stop training itself there): quiet',
      filename: 'index.js',
      files: { 'getModel.js': GET_MODEL, 'helpers.js': "export function stopWhenGood(model) {\n  return { onEpochEnd: async (epoch, logs) => { if (logs.val_loss < 0.1) model.stopTraining = true; } };\n}\n" },
      code: NS + "import getModel from './getModel';\nimport { stopWhenGood } from './helpers';\nconst model = getModel();\nawait model.fit(xs, ys, { epochs: 100, validationSplit: 0.2, callbacks: stopWhenGood(model) });",
    },
    { name: 'early stopping in a callbacks array', code: NS + MODEL + `await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: [${ES}]});` },
    { name: 'early stopping as the single callback', code: NS + MODEL + `await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: ${ES}});` },
    { name: 'early stopping from a variable', code: NS + MODEL + `const stop = ${ES};\nconst cbs = [stop];\nawait model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: cbs});` },
    { name: 'no validation data', code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 500});' },
    { name: 'validationSplit 0', code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 500, validationSplit: 0});' },
    { name: 'few epochs', code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 10, validationSplit: 0.2});' },
    { name: 'epochs unknown', code: NS + MODEL + 'export async function train(n) { await model.fit(xs, ys, {epochs: n, validationSplit: 0.2}); }' },
    { name: 'callbacks from a parameter', code: NS + MODEL + 'export async function train(cbs) { await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: cbs}); }' },
    { name: 'custom callback that sets stopTraining', code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: {onEpochEnd: (e, logs) => { if (logs.val_loss > 1) model.stopTraining = true; }}});' },
    { name: 'callback object of an unknown class', code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: [new MyStopper()]});' },
    { name: 'config from an unknown spread', code: NS + MODEL + 'export async function train(base) { await model.fit(xs, ys, {...base, epochs: 100, validationSplit: 0.2}); }' },
    { name: 'minEpochs option raised', code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 50, validationSplit: 0.2});', options: { minEpochs: 60 } },
    { name: 'fitDataset with early stopping (browser global)', code: `const model = tf.sequential();\nmodel.fitDataset(ds, {epochs: 40, validationData: valDs, callbacks: [${ES}]}).then(() => {});` },
    { name: 'a fit method on something that is not a model', code: NS + 'const reg = {fit(a, b, c) {}};\nreg.fit(xs, ys, {epochs: 100, validationSplit: 0.2});' },
    {
      name: 'a model too small to overfit its rows: 3 weights, 8,000 training rows (at least 100 rows per weight)',
      code: NS + "const x = tf.randomUniform([10000, 2]);\nconst y = x.sum(1).reshape([10000, 1]);\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [2]}));\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nawait model.fit(x, y, {epochs: 50, validationSplit: 0.2});",
    },
    {
      name: 'validation loss plotted each epoch with tfvis.show.history (the tfjs boston-housing example)',
      code: `import * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';
export async function run(model, tensors, container) {
  model.compile({optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError'});
  const trainLogs = [];
  await model.fit(tensors.trainFeatures, tensors.trainTarget, {
    batchSize: 40,
    epochs: 200,
    validationSplit: 0.2,
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        trainLogs.push(logs);
        tfvis.show.history(container, trainLogs, ['loss', 'val_loss']);
      },
    },
  });
}
`,
      filename: 'index.js',
    },
    {
      name: 'tfvis.show.fitCallbacks with val_loss, in a callbacks array (browser global tf)',
      code: `async function train(model, xTrain, yTrain, xTest, yTest) {
  await model.fit(xTrain, yTrain, {
    epochs: 30,
    validationData: [xTest, yTest],
    callbacks: [tfvis.show.fitCallbacks({ name: 'Training' }, ['loss', 'val_loss', 'acc', 'val_acc'])],
  });
}
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4]})]});
train(model, a, b, c, d);
`,
      filename: 'script.js',
    },
    {
      name: 'validation loss read into a chart by a callback function declared elsewhere',
      code: NS + MODEL + `const losses = [];
function plotLosses(epoch, logs) {
  losses.push({ epoch, train: logs.loss, validation: logs.val_loss });
}
await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: {onEpochEnd: plotLosses}});`,
    },
    {
      name: 'validationData is the training data: overfitting cannot show (polynomial fit demo)',
      code: NS + MODEL + `const x = tf.tensor2d([[1, 2, 3, 4]]);
const y = tf.tensor2d([[1]]);
await model.fit(x, y, {
  epochs: 10000,
  batchSize: 5,
  validationData: [x, y],
  callbacks: { onEpochEnd: async (epoch) => { label.innerHTML = 'Epoch: ' + epoch; } },
});`,
    },
    {
      name: 'fitDataset validated on its own training dataset',
      code: NS + MODEL + "const ds = tf.data.csv('data.csv').batch(32);\nawait model.fitDataset(ds, {epochs: 100, validationData: ds});",
    },
  ],
  invalid: [
    {
      name: 'tfvis.show.fitCallbacks that plots only the training loss (destructured onEpochEnd)',
      code: NS + "import * as tfvis from '@tensorflow/tfjs-vis';\n" + MODEL + `const { onEpochEnd } = tfvis.show.fitCallbacks({ name: 'Training Performance' }, ['loss']);
await model.fit(xs, ys, {
  batchSize: 32,
  epochs: 50,
  validationSplit: 0.2,
  callbacks: { onEpochEnd },
});`,
      errors: [{ message: /^fit runs 50 epochs with validationSplit 0\.2/, line: 6, column: 13 }],
      output: NS + "import * as tfvis from '@tensorflow/tfjs-vis';\n" + MODEL + `const { onEpochEnd } = tfvis.show.fitCallbacks({ name: 'Training Performance' }, ['loss']);
await model.fit(xs, ys, {
  batchSize: 32,
  epochs: 50,
  validationSplit: 0.2,
  callbacks: [{ onEpochEnd }, ${ES}],
});`,
    },
    {
      name: 'a callback that shows the training loss only (browser sketch)',
      code: MODEL + `model.fit(xs, ys, {
  shuffle: true,
  validationSplit: 0.1,
  epochs: 100,
  callbacks: { onEpochEnd: (epoch, logs) => { lossP.html('loss: ' + logs.loss.toFixed(5)); } },
}).then(() => {});`,
      filename: 'sketch.js',
      errors: [{ message: /^fit runs 100 epochs with validationSplit 0\.1/, line: 3, column: 7 }],
      output: MODEL + `model.fit(xs, ys, {
  shuffle: true,
  validationSplit: 0.1,
  epochs: 100,
  callbacks: [{ onEpochEnd: (epoch, logs) => { lossP.html('loss: ' + logs.loss.toFixed(5)); } }, ${ES}],
}).then(() => {});`,
    },
    {
      name: 'near miss: validation labels differ from the training labels',
      code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 100, validationData: [xs, ysVal]});',
      errors: [{ message: /^fit runs 100 epochs with validationData/, line: 4, column: 13 }],
      output: NS + MODEL + `await model.fit(xs, ys, {epochs: 100, validationData: [xs, ysVal], callbacks: [${ES}]});`,
    },
    {
      name: 'mid-typing: the fit config is not closed yet, so no fix is offered (it would land where the author is writing)',
      code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
model.fit(xs, ys, {epochs: 100, validationSplit: 0.2,
`,
      errors: [{ message: /^fit runs 100 epochs with validationSplit 0\.2 but no tf\.callbacks\.earlyStopping/, line: 4, column: 7 }],
      output: null,
    },
    {
      name: 'two files: the model from getModel.js trained here with a validation split and no early stopping',
      filename: 'index.js',
      files: { 'getModel.js': GET_MODEL },
      code: NS + "import getModel from './getModel';\nconst model = getModel();\nawait model.fit(xs, ys, { epochs: 100, validationSplit: 0.2 });",
      errors: [{ message: MSG, line: 4, column: 13 }],
      output: NS + "import getModel from './getModel';\nconst model = getModel();\nawait model.fit(xs, ys, { epochs: 100, validationSplit: 0.2, callbacks: [" + ES + "] });",
    },
    {
      name: 'too few rows per weight: 65 weights, 800 training rows (fewer than 100 per weight)',
      code: NS + "const x = tf.randomUniform([1000, 2]);\nconst y = x.sum(1).reshape([1000, 1]);\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 16, inputShape: [2], activation: 'relu'}));\nmodel.add(tf.layers.dense({units: 1}));\nawait model.fit(x, y, {epochs: 50, validationSplit: 0.2});",
      errors: [{ message: MSG, line: 7, column: 13 }],
      output: NS + "const x = tf.randomUniform([1000, 2]);\nconst y = x.sum(1).reshape([1000, 1]);\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 16, inputShape: [2], activation: 'relu'}));\nmodel.add(tf.layers.dense({units: 1}));\nawait model.fit(x, y, {epochs: 50, validationSplit: 0.2, callbacks: [" + ES + "]});",
    },
    {
      name: 'many rows, but layers added a number of times the linter does not know: the weight count is not known',
      code: NS + "const x = tf.randomUniform([100000, 2]);\nconst y = x.sum(1).reshape([100000, 1]);\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [2]}));\nfor (let i = 0; i < depth; i++) model.add(tf.layers.dense({units: 64}));\nawait model.fit(x, y, {epochs: 50, validationSplit: 0.2});",
      errors: [{ message: MSG, line: 7, column: 13 }],
      output: NS + "const x = tf.randomUniform([100000, 2]);\nconst y = x.sum(1).reshape([100000, 1]);\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [2]}));\nfor (let i = 0; i < depth; i++) model.add(tf.layers.dense({units: 64}));\nawait model.fit(x, y, {epochs: 50, validationSplit: 0.2, callbacks: [" + ES + "]});",
    },
    {
      name: 'namespace import, no callbacks',
      code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2});',
      errors: [{ message: MSG, line: 4, column: 13 }],
      output: NS + MODEL + `await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: [${ES}]});`,
    },
    {
      name: 'require, multi-line config',
      code: REQ + MODEL + 'model.fit(xs, ys, {\n  epochs: 50,\n  validationData: [vx, vy],\n}).then(() => {});',
      errors: [{ message: /fit runs 50 epochs with validationData/, line: 4, column: 7 }],
      output: REQ + MODEL + `model.fit(xs, ys, {\n  epochs: 50,\n  validationData: [vx, vy],\n  callbacks: [${ES}],\n}).then(() => {});`,
    },
    {
      name: 'browser global tf, existing callbacks array gets an entry',
      code: MODEL + 'model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: [{onEpochEnd: (e, l) => console.log(l)}]});',
      errors: [{ message: MSG, line: 3, column: 7 }],
      output: MODEL + `model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: [{onEpochEnd: (e, l) => console.log(l)}, ${ES}]});`,
    },
    {
      name: 'empty callbacks array',
      code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: []});',
      errors: [{ message: MSG, line: 4, column: 13 }],
      output: NS + MODEL + `await model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: [${ES}]});`,
    },
    {
      name: 'single custom callback becomes an array',
      code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: {onEpochEnd: log}});',
      errors: [{ message: MSG, line: 4, column: 13 }],
      output: NS + MODEL + `await model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: [{onEpochEnd: log}, ${ES}]});`,
    },
    {
      name: 'callbacks array from a variable is spread',
      code: NS + MODEL + 'const cbs = [{onEpochEnd: log}];\nawait model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: cbs});',
      errors: [{ message: MSG, line: 5, column: 13 }],
      output: NS + MODEL + `const cbs = [{onEpochEnd: log}];\nawait model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: [...cbs, ${ES}]});`,
    },
    {
      name: 'shorthand callbacks property',
      code: NS + MODEL + 'const callbacks = {onEpochEnd: log};\nawait model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks});',
      errors: [{ message: MSG, line: 5, column: 13 }],
      output: NS + MODEL + `const callbacks = {onEpochEnd: log};\nawait model.fit(xs, ys, {epochs: 30, validationSplit: 0.1, callbacks: [callbacks, ${ES}]});`,
    },
    {
      name: 'config held in a constant',
      code: NS + MODEL + 'const EPOCHS = 25;\nconst trainConfig = {epochs: EPOCHS, batchSize: 32, validationSplit: 0.15};\nawait model.fit(xs, ys, trainConfig);',
      errors: [{ message: /fit runs 25 epochs with validationSplit 0.15/, line: 6, column: 13 }],
      output: NS + MODEL + `const EPOCHS = 25;\nconst trainConfig = {epochs: EPOCHS, batchSize: 32, validationSplit: 0.15, callbacks: [${ES}]};\nawait model.fit(xs, ys, trainConfig);`,
    },
    {
      name: 'helper function with the model as a parameter',
      code: NS + 'export async function train(model, xs, ys) {\n  return model.fit(xs, ys, {epochs: 200, validationSplit: 0.25, shuffle: true});\n}',
      errors: [{ message: /fit runs 200 epochs/, line: 3, column: 16 }],
      output: NS + `export async function train(model, xs, ys) {\n  return model.fit(xs, ys, {epochs: 200, validationSplit: 0.25, shuffle: true, callbacks: [${ES}]});\n}`,
    },
    {
      name: 'fitDataset with validationData',
      code: NS + MODEL + 'await model.fitDataset(trainDs, {epochs: 40, validationData: valDs});',
      errors: [{ message: /^fitDataset runs 40 epochs with validationData/, line: 4, column: 13 }],
      output: NS + MODEL + `await model.fitDataset(trainDs, {epochs: 40, validationData: valDs, callbacks: [${ES}]});`,
    },
    {
      name: 'named imports: the fix uses the callbacks binding',
      code: "import {sequential, layers, callbacks} from '@tensorflow/tfjs';\nconst model = sequential({layers: [layers.dense({units: 1, inputShape: [2]})]});\nawait model.fit(xs, ys, {epochs: 20, validationSplit: 0.2});",
      errors: [{ message: MSG, line: 3, column: 13 }],
      output: "import {sequential, layers, callbacks} from '@tensorflow/tfjs';\nconst model = sequential({layers: [layers.dense({units: 1, inputShape: [2]})]});\nawait model.fit(xs, ys, {epochs: 20, validationSplit: 0.2, callbacks: [callbacks.earlyStopping({monitor: 'val_loss', patience: 5})]});",
    },
    {
      name: 'named imports without callbacks: no fix',
      code: "import {sequential, layers} from '@tensorflow/tfjs';\nconst model = sequential({layers: [layers.dense({units: 1, inputShape: [2]})]});\nawait model.fit(xs, ys, {epochs: 20, validationSplit: 0.2});",
      errors: [{ message: MSG, line: 3, column: 13 }],
      output: null,
    },
    {
      name: 'tfvis fit callbacks that plot training metrics only do not stop training',
      code: NS + "import * as tfvis from '@tensorflow/tfjs-vis';\n" + MODEL + "await model.fit(xs, ys, {epochs: 50, validationSplit: 0.2, callbacks: tfvis.show.fitCallbacks(box, ['loss', 'acc'])});",
      errors: [{ message: MSG, line: 5, column: 13 }],
      output: NS + "import * as tfvis from '@tensorflow/tfjs-vis';\n" + MODEL + `await model.fit(xs, ys, {epochs: 50, validationSplit: 0.2, callbacks: [tfvis.show.fitCallbacks(box, ['loss', 'acc']), ${ES}]});`,
    },
    {
      name: 'mid-typing (syntax error): reported, but no fix that would not parse',
      code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: {onE',
      errors: [{ message: MSG, line: 4, column: 13 }],
      output: null,
    },
    {
      name: 'lower minEpochs option',
      code: NS + MODEL + 'await model.fit(xs, ys, {epochs: 10, validationSplit: 0.2});',
      options: { minEpochs: 5 },
      errors: [{ message: /fit runs 10 epochs/, line: 4, column: 13 }],
      output: NS + MODEL + `await model.fit(xs, ys, {epochs: 10, validationSplit: 0.2, callbacks: [${ES}]});`,
    },
  ],
});
