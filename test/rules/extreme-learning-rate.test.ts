import { rule } from '../../rules/extreme-learning-rate';
import { runRuleTable } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's clean example: none of the output/loss/rate rules may report anything in it. */
const CLEAN_EXAMPLE = readFileSync(join(__dirname, '../../../examples/clean-classifier.ts'), 'utf8');

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NAMED = "import {sequential, layers, train, tensor2d} from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const NODE_ALIAS = "import * as tensorflow from '@tensorflow/tfjs-node';\n";
const MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\n";

/** A scaled regression trained by fit: inputs in [-1, 1] (literal rows, as tutorials write them). */
const SCALED_FIT = (optimizer: string) => `const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});
model.compile({optimizer: ${optimizer}, loss: 'meanSquaredError'});
const xs = tf.tensor2d([[0.1, -0.5], [0.9, 0.3], [-1, 0.2], [0.4, 1]]);
const ys = tf.tensor2d([[1], [2], [0], [3]]);
model.fit(xs, ys, {epochs: 100});`;

/** sgd-like above the ceiling; `classifierTrained` when the loss is unknown (the classifier measured still trained there). */
const NAN = (shown: string, name: string, ceiling: string, usual: string, classifierTrained?: string) =>
  `Learning rate ${shown} for tf.train.${name} is above the ceiling of ${ceiling} for ${name}: updates overshoot, and on the small regressions measured the loss turned NaN from 2${classifierTrained ? ` (a small softmax classifier trained with cross-entropy still trained at ${classifierTrained})` : ''}. Use ${usual}, the usual rate for ${name}.`;
const CLASSIFIER = (shown: string, name: string, ceiling: string, from: string, usual: string) =>
  `Learning rate ${shown} for tf.train.${name} is above the ceiling of ${ceiling} for ${name}, and from ${from} ${name} left the small softmax classifier measured no better than it started (the loss bounces; cross-entropy's bounded gradient keeps it from turning NaN). Use ${usual}, the usual rate for ${name}.`;
/** A 3-class classifier the way tutorials write it (this.model in a class, softmax, one-hot labels). */
const CLASSIFIER_CLASS = (optimizer: string) => `class ColorClassifier {
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 16, inputShape: [3], activation: 'relu'}));
    this.model.add(tf.layers.dense({units: 3, activation: 'softmax'}));
    this.model.compile({optimizer: ${optimizer}, loss: 'categoricalCrossentropy', metrics: ['accuracy']});
  }
}`;
const AGENT_RATE = (call: string) => `class Agent {
  constructor(nActions = 2, inputs = 47, lr = 0.00001) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({inputShape: [inputs], units: nActions, activation: 'tanh'}));
    this.optimizer = tf.train.adam(lr);
  }
}
${call}`;
const BOUNCE = (shown: string, name: string, ceiling: string, usual: string) =>
  `Learning rate ${shown} for tf.train.${name} is above the ceiling of ${ceiling} for ${name}: ${name} moves each weight by up to about the rate every step, so a network's loss bounces and ends no better than it started. Use ${usual}, the usual rate for ${name}.`;
const LOW = (shown: string, name: string, floor: string, usual: string) =>
  `Learning rate ${shown} for tf.train.${name} is at or below the floor of ${floor} on inputs in [-10, 10]: the weights barely move and the loss stays where it started. Use ${usual}, the usual rate for ${name}.`;

runRuleTable(rule, {
  valid: [
    { name: 'examples/clean-classifier.ts', code: CLEAN_EXAMPLE },
    { name: 'adam at its default 0.001', code: NS + MODEL + "model.compile({optimizer: tf.train.adam(0.001), loss: 'meanSquaredError'});" },
    { name: 'sgd exactly at its ceiling 1 (the ceiling is exclusive)', code: NS + 'const opt = tf.train.sgd(1);' },
    { name: 'adam 0.2, 0.5 and 1 converge (measured): at or below its ceiling of 1', code: NS + 'const a = tf.train.adam(0.2);\nconst b = tf.train.adam(0.5);\nconst c = tf.train.adam(1);' },
    { name: "adadelta 1, the rate tfjs-layers gives the string 'adadelta'", code: NS + 'const opt = tf.train.adadelta(1);' },
    { name: 'adamax 1 and adagrad 5 (below their measured ceilings)', code: NS + 'const a = tf.train.adamax(1);\nconst b = tf.train.adagrad(5);' },
    { name: 'adam 1e-7 with no fit in sight: the input scale is unknown, so nothing is said about a small rate', code: NAMED + "const model = sequential({layers: [layers.dense({units: 1, inputShape: [1]})]});\nmodel.compile({optimizer: train.adam(1e-7), loss: 'meanSquaredError'});" },
    {
      name: "sgd 1e-6 on raw CSV columns (tfjs's own tf.data.csv sample: there 1e-6 is about the largest stable rate)",
      code: `${NS}const csvUrl = 'https://storage.googleapis.com/tfjs-examples/multivariate-linear-regression/data/boston-housing-train.csv';
async function run() {
  const csvDataset = tf.data.csv(csvUrl, {columnConfigs: {medv: {isLabel: true}}});
  const numOfFeatures = (await csvDataset.columnNames()).length - 1;
  const flattenedDataset = csvDataset
    .map(({xs, ys}) => ({xs: Object.values(xs), ys: Object.values(ys)}))
    .batch(10);
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [numOfFeatures], units: 1}));
  model.compile({optimizer: tf.train.sgd(0.000001), loss: 'meanSquaredError'});
  await model.fitDataset(flattenedDataset, {epochs: 10});
}`,
    },
    {
      name: 'sgd 1e-7 on house sizes in square feet pushed in a loop: large inputs, the small rate is what keeps it stable',
      code: `${NS}const sizes: number[][] = [];
const prices: number[][] = [];
for (let i = 0; i < 100; i++) {
  const sqft = 500 + i * 30;
  sizes.push([sqft]);
  prices.push([sqft * 120 + 20000]);
}
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
model.compile({optimizer: tf.train.sgd(1e-7), loss: 'meanSquaredError'});
model.fit(tf.tensor2d(sizes), tf.tensor2d(prices), {epochs: 50});`,
    },
    {
      name: 'a class keeping its model in this.model, trained on data from a parameter: unknown scale',
      code: `${NS}export class Regressor {
  model: tf.Sequential;
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 1, inputShape: [3]}));
    this.model.compile({optimizer: tf.train.sgd(1e-7), loss: 'meanSquaredError'});
  }
  train(xs: tf.Tensor, ys: tf.Tensor) {
    return this.model.fit(xs, ys, {epochs: 20});
  }
}`,
    },
    { name: 'rmsprop 0.3 (its ceiling) and just above the floor on scaled inputs', code: NS + 'const a = tf.train.rmsprop(0.3);\n' + SCALED_FIT('tf.train.rmsprop(2e-6)') },
    { name: 'rate from a helper parameter whose call sites disagree', code: NS + 'function makeOptimizer(lr: number) {\n  return tf.train.adam(lr);\n}\nconst fast = makeOptimizer(1e9);\nconst slow = makeOptimizer(0.001);' },
    { name: 'a constructor taking the rate: the one `new` leaves it out, so the default 0.00001 applies', filename: 'agent.js', code: AGENT_RATE('const agent = new Agent(2, 47);') },
    { name: 'a constructor taking the rate: every `new` passes 0.0005 (the default is not what runs)', filename: 'agent.js', code: AGENT_RATE('const agent = new Agent(2, 47, 0.0005);\nconst target = new Agent(2, 47, 0.0005);') },
    { name: 'a constructor taking the rate: two `new`s disagree (49 and 0.0005)', filename: 'agent.js', code: AGENT_RATE('const agent = new Agent(2, 47, 49);\nconst target = new Agent(2, 47, 0.0005);') },
    { name: 'a constructor taking the rate: an exported class (other modules construct it)', code: NS + AGENT_RATE('const agent = new Agent(2, 47, 49);').replace('class Agent', 'export class Agent') },
    { name: 'rate from an exported helper (other files call it)', code: NS + 'export function makeOptimizer(lr: number) {\n  return tf.train.adam(lr);\n}\nconst opt = makeOptimizer(1e9);' },
    { name: 'rate from a schedule (a reassigned variable)', code: NS + 'let lr = 10;\nfor (let epoch = 0; epoch < 5; epoch++) lr *= 0.001;\nconst opt = tf.train.sgd(lr);' },
    { name: 'Math.random() rate', code: REQ + 'const opt = tf.train.sgd(Math.random() * 100);' },
    { name: "compile's string optimizer has no rate", code: NS + MODEL + "model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});" },
    { name: 'optimizer with its own default rate', code: NAMED + 'const opt = train.adam();' },
    { name: 'a train.sgd that is not tfjs', code: NS + 'const train = {sgd: (lr: number) => lr};\nconst opt = train.sgd(1e9);' },
    { name: 'rate read from the environment', code: NS + "const opt = tf.train.adam(Number(process.env.LR ?? '0.001'));" },
    { name: 'ceiling raised by an option', code: NS + 'const opt = tf.train.adam(5);', options: { ceilings: { adam: 10 } } },
    { name: 'browser global tf, sensible sgd rate', filename: 'train.js', code: 'const optimizer = tf.train.sgd(0.05);' },
    { name: 'a softmax classifier in this.model with sgd 3 (measured: sgd trains the classifier at 2-5)', filename: 'classifier.js', code: CLASSIFIER_CLASS('tf.train.sgd(3)') },
    { name: 'a softmax classifier with rmsprop 0.5 and momentum 2 (both trained the classifier measured)', code: NS + CLASSIFIER_CLASS('tf.train.rmsprop(0.5)') + '\n' + CLASSIFIER_CLASS('tf.train.momentum(2, 0.9)').replace('ColorClassifier', 'Other') },
  ],
  invalid: [
    {
      name: 'a softmax classifier in this.model with sgd 20: no better than the start, no NaN claimed',
      filename: 'classifier.js',
      code: CLASSIFIER_CLASS('tf.train.sgd(20)'),
      errors: [{ message: CLASSIFIER('20', 'sgd', '1', '10', '0.01'), line: 6, column: 49 }],
      output: CLASSIFIER_CLASS('tf.train.sgd(0.01)'),
    },
    {
      name: 'a softmax classifier with adam 2 (the classifier failed from 2)',
      code: NS + CLASSIFIER_CLASS('tf.train.adam(2)'),
      errors: [{ message: CLASSIFIER('2', 'adam', '1', '2', '0.001'), line: 7, column: 50 }],
      output: NS + CLASSIFIER_CLASS('tf.train.adam(0.001)'),
    },
    {
      name: 'namespace import, sgd 1e9 in compile',
      code: NS + MODEL + "model.compile({optimizer: tf.train.sgd(1e9), loss: 'meanSquaredError'});",
      errors: [{ message: NAN('1e9', 'sgd', '1', '0.01'), line: 3, column: 40, endLine: 3, endColumn: 43 }],
      output: NS + MODEL + "model.compile({optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError'});",
    },
    {
      name: 'rate from a helper parameter, the one call site passes 1e9: flagged, no fix (the value is the caller\'s, not the helper\'s)',
      code: NS + 'function makeOptimizer(lr: number) {\n  return tf.train.adam(lr);\n}\nconst opt = makeOptimizer(1e9);',
      errors: [{ message: BOUNCE('lr = 1e9', 'adam', '1', '0.001'), line: 3, column: 24 }],
      output: null,
    },
    {
      name: "a constructor's rate parameter given 49 by a shifted argument (the call still passes the critic's input size): flagged, no fix",
      filename: 'agent.js',
      code: AGENT_RATE('const agent = new Agent(actionSpace.numberActions, observationSpace.defaultsLength, observationSpace.defaultsLength + actionSpace.numberActions);').replace('class Agent', 'const observationSpace = {defaultsLength: 47};\nconst actionSpace = {numberActions: 2, low: [-1, -1]};\nclass Agent'),
      errors: [{ message: BOUNCE('lr = 49', 'adam', '1', '0.001'), line: 7, column: 36 }],
      output: null,
    },
    {
      name: 'class method building the optimizer from a value computed from its parameter: flagged, no fix',
      code: NS + 'class Trainer {\n  optimizer: tf.Optimizer;\n  constructor() {\n    this.optimizer = this.makeOptimizer(5);\n  }\n  makeOptimizer(rate: number) {\n    const lr = rate * 2;\n    return tf.train.sgd(lr);\n  }\n}',
      errors: [{ message: NAN('lr = 10', 'sgd', '1', '0.01', '5'), line: 9, column: 25 }],
      output: null,
    },
    {
      name: 'rate in a const',
      code: NS + 'const LR = 1e9;\nconst optimizer = tf.train.sgd(LR);',
      errors: [{ message: NAN('LR = 1e9', 'sgd', '1', '0.01', '5'), line: 3, column: 32 }],
      output: NS + 'const LR = 1e9;\nconst optimizer = tf.train.sgd(0.01);',
    },
    {
      name: 'rate from simple arithmetic: adam 10 bounces (no NaN claimed)',
      code: NS + 'const optimizer = tf.train.adam(0.1 * 100);',
      errors: [{ message: BOUNCE('0.1 * 100 = 10', 'adam', '1', '0.001'), line: 2, column: 33 }],
      output: NS + 'const optimizer = tf.train.adam(0.001);',
    },
    {
      name: 'named imports, adam 1e-7 on scaled inputs (too low)',
      code: NAMED + `const model = sequential({layers: [layers.dense({units: 1, inputShape: [2]})]});
model.compile({optimizer: train.adam(1e-7), loss: 'meanSquaredError'});
model.fit(tensor2d([[0.1, -0.5], [0.9, 0.3]]), tensor2d([[1], [2]]), {epochs: 100});`,
      errors: [{ message: LOW('1e-7', 'adam', '1e-6', '0.001'), line: 3, column: 38 }],
      output: NAMED + `const model = sequential({layers: [layers.dense({units: 1, inputShape: [2]})]});
model.compile({optimizer: train.adam(0.001), loss: 'meanSquaredError'});
model.fit(tensor2d([[0.1, -0.5], [0.9, 0.3]]), tensor2d([[1], [2]]), {epochs: 100});`,
    },
    {
      name: 'require, momentum 5',
      code: REQ + 'const opt = tf.train.momentum(5, 0.9);',
      errors: [{ message: NAN('5', 'momentum', '1', '0.01', '2'), line: 2, column: 31 }],
      output: REQ + 'const opt = tf.train.momentum(0.01, 0.9);',
    },
    {
      name: 'browser global tf, rmsprop 0.5',
      filename: 'train.js',
      code: 'const optimizer = tf.train.rmsprop(0.5);',
      errors: [{ message: BOUNCE('0.5', 'rmsprop', '0.3', '0.001'), line: 1, column: 36 }],
      output: 'const optimizer = tf.train.rmsprop(0.001);',
    },
    {
      name: 'tfjs-node under an alias, adagrad 0',
      code: NODE_ALIAS + 'const opt = tensorflow.train.adagrad(0);',
      errors: [{ message: 'Learning rate 0 for tf.train.adagrad is 0: the weights never move. Use 0.01, the usual rate for adagrad.', line: 2, column: 38 }],
      output: NODE_ALIAS + 'const opt = tensorflow.train.adagrad(0.01);',
    },
    {
      name: 'helper function that builds, compiles and returns the model; adamax 5',
      code: NS + "function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [2]}));\n  m.compile({optimizer: tf.train.adamax(5), loss: 'meanSquaredError'});\n  return m;\n}",
      errors: [{ message: BOUNCE('5', 'adamax', '2', '0.002'), line: 5, column: 41 }],
      output: NS + "function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [2]}));\n  m.compile({optimizer: tf.train.adamax(0.002), loss: 'meanSquaredError'});\n  return m;\n}",
    },
    {
      name: 'adadelta 5 (tfjs adadelta steps like sgd and overflows)',
      code: NS + 'const opt = tf.train.adadelta(5);',
      errors: [{ message: NAN('5', 'adadelta', '1', '0.001', '5'), line: 2, column: 31 }],
      output: NS + 'const opt = tf.train.adadelta(0.001);',
    },
    {
      name: 'train destructured from the namespace; negative rate',
      code: NS + 'const {train} = tf;\nconst opt = train.sgd(-0.01);',
      errors: [{ message: 'Learning rate -0.01 for tf.train.sgd is negative: each step climbs the loss instead of descending it. Use 0.01, the usual rate for sgd.', line: 3, column: 23 }],
      output: NS + 'const {train} = tf;\nconst opt = train.sgd(0.01);',
    },
    {
      name: 'sgd 2 on house sizes known to be large: no number offered, standardise first',
      code: `${NS}const sizes: number[][] = [];
const prices: number[][] = [];
for (let i = 0; i < 100; i++) {
  sizes.push([500 + i * 30]);
  prices.push([(500 + i * 30) * 120]);
}
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
model.compile({optimizer: tf.train.sgd(2), loss: 'meanSquaredError'});
model.fit(tf.tensor2d(sizes), tf.tensor2d(prices), {epochs: 50});`,
      errors: [{ message: 'Learning rate 2 for tf.train.sgd is above the ceiling of 1 for sgd: updates overshoot, and on the small regressions measured the loss turned NaN from 2. Standardise the inputs first ((x - mean) / std, from the training data), then try 0.01; on unscaled inputs sgd is stable only at far smaller rates.', line: 9, column: 40 }],
      output: null,
    },
    {
      name: 'rate in a config object property and Math.pow, scaled inputs',
      code: NS + 'const config = {lr: Math.pow(10, -8)};\n' + SCALED_FIT('tf.train.sgd(config.lr)'),
      errors: [{ message: LOW('config.lr = 1e-8', 'sgd', '1e-6', '0.01'), line: 4, column: 40 }],
      output: NS + 'const config = {lr: Math.pow(10, -8)};\n' + SCALED_FIT('tf.train.sgd(0.01)'),
    },
    {
      name: 'floor raised by an option',
      code: NS + SCALED_FIT('tf.train.adam(1e-5)'),
      options: { floor: 1e-4 },
      errors: [{ message: LOW('1e-5', 'adam', '0.0001', '0.001'), line: 3, column: 41 }],
      output: NS + SCALED_FIT('tf.train.adam(0.001)'),
    },
    {
      name: 'ceiling lowered by an option (other optimizers keep their defaults)',
      code: NS + 'const a = tf.train.sgd(0.8);\nconst b = tf.train.adam(0.05);',
      options: { ceilings: { sgd: 0.5 } },
      errors: [{ message: NAN('0.8', 'sgd', '0.5', '0.01', '5'), line: 2, column: 24 }],
      output: NS + 'const a = tf.train.sgd(0.01);\nconst b = tf.train.adam(0.05);',
    },
    {
      name: 'functional model compiled with an optimizer held in a variable',
      code: NS + "const inp = tf.input({shape: [3]});\nconst out = tf.layers.dense({units: 1}).apply(inp) as tf.SymbolicTensor;\nconst model = tf.model({inputs: inp, outputs: out});\nconst optimizer = tf.train.adam(2 * 5);\nmodel.compile({optimizer, loss: 'meanSquaredError'});",
      errors: [{ message: BOUNCE('2 * 5 = 10', 'adam', '1', '0.001'), line: 5, column: 33 }],
      output: NS + "const inp = tf.input({shape: [3]});\nconst out = tf.layers.dense({units: 1}).apply(inp) as tf.SymbolicTensor;\nconst model = tf.model({inputs: inp, outputs: out});\nconst optimizer = tf.train.adam(0.001);\nmodel.compile({optimizer, loss: 'meanSquaredError'});",
    },
    {
      name: 'an agent class creating its optimizer in a field: adam 5',
      code: `${NS}class Agent {
  optimizer = tf.train.adam(5);
  model = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [8]})]});
}`,
      errors: [{ message: BOUNCE('5', 'adam', '1', '0.001'), line: 3, column: 29 }],
      output: `${NS}class Agent {
  optimizer = tf.train.adam(0.001);
  model = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [8]})]});
}`,
    },
  ],
});
