import { rule } from '../../rules/unscaled-features';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const MSG = (lo: string, hi: string, model = 'model') =>
  `The features passed to ${model}.fit() reach values in [${lo}, ${hi}] and are not normalised: with inputs this large gradient descent overflows to NaN at the usual rates and crawls at rates small enough to be stable. Standardise each feature column with the training data's mean and standard deviation ((x - mean) / std) and apply the same to data you predict on.`;

/** A regression on house sizes, trained the way tutorials write it. */
const TRAIN = (xs: string) => `const model = tf.sequential();
model.add(tf.layers.dense({units: 1, inputShape: [2]}));
model.compile({optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError'});
model.fit(${xs}, tf.tensor2d(prices), {epochs: 50});`;

runRuleTable(rule, {
  valid: [
    {
      name: 'standardised with tf.moments',
      code: NS + `const rows = [[2104, 3], [1600, 3], [2400, 4]];
const prices = [[400], [330], [369]];
const raw = tf.tensor2d(rows);
const {mean, variance} = tf.moments(raw, 0);
${TRAIN('raw.sub(mean).div(variance.sqrt())')}`,
    },
    {
      name: 'min-max scaled',
      code: NS + `const rows = [[2104, 3], [1600, 3], [2400, 4]];
const prices = [[400], [330], [369]];
const raw = tf.tensor2d(rows);
const min = raw.min(0);
const max = raw.max(0);
${TRAIN('raw.sub(min).div(max.sub(min))')}`,
    },
    {
      name: 'features read from a CSV file (unknown values): quiet',
      code: NS + `export async function train(rows: number[][], prices: number[][]) {
${TRAIN('tf.tensor2d(rows)')}
}`,
    },
    {
      name: 'small features (within 100)',
      code: NS + `const rows = [[0.5, 3], [1.6, 30], [2.4, 99]];
const prices = [[4], [3], [3]];
${TRAIN('tf.tensor2d(rows)')}`,
    },
    {
      name: 'a batchNormalization first layer normalises the input',
      code: NS + `const rows = [[2104, 3], [1600, 3], [2400, 4]];
const prices = [[400], [330], [369]];
const model = tf.sequential();
model.add(tf.layers.batchNormalization({inputShape: [2]}));
model.add(tf.layers.dense({units: 1}));
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
model.fit(tf.tensor2d(rows), tf.tensor2d(prices));`,
    },
    {
      name: 'the same house sizes trained with adam: its step does not grow with the input (raw trained as well as standardised at 0.001, measured)',
      code: NS + `const rows = [[2104, 3], [1600, 3], [2400, 4], [1416, 2]];
const prices = [[400], [330], [369], [232]];
const model = tf.sequential();
model.add(tf.layers.dense({units: 1, inputShape: [2]}));
model.compile({optimizer: tf.train.adam(0.001), loss: 'meanSquaredError'});
model.fit(tf.tensor2d(rows), tf.tensor2d(prices), {epochs: 50});`,
    },
    {
      name: 'an optimizer this file cannot see (a parameter): quiet',
      code: NS + `export function train(optimizer: tf.Optimizer) {
  const rows = [[2104, 3], [1600, 3], [2400, 4], [1416, 2]];
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});
  model.compile({optimizer, loss: 'meanSquaredError'});
  return model.fit(tf.tensor2d(rows), tf.tensor2d([[400], [330], [369], [232]]), {epochs: 50});
}`,
    },
    {
      name: "int32 pixels are unnormalized-input's",
      code: NS + `const px = tf.tensor2d([[0, 255], [128, 64]], [2, 2], 'int32');
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});
model.fit(px, tf.tensor2d([[1], [0]]));`,
    },
  ],
  invalid: [
    {
      name: 'literal rows of house sizes and rooms',
      code: NS + `const rows = [[2104, 3], [1600, 3], [2400, 4], [1416, 2]];
const prices = [[400], [330], [369], [232]];
${TRAIN('tf.tensor2d(rows)')}`,
      errors: [{ message: MSG('2', '2400'), line: 7, column: 11 }],
      output: null,
    },
    {
      name: 'features pushed in a counted loop (sizes 500-3470)',
      code: NS + `const sizes: number[][] = [];
const prices: number[][] = [];
for (let i = 0; i < 100; i++) {
  sizes.push([500 + i * 30, 1]);
  prices.push([(500 + i * 30) * 120]);
}
${TRAIN('tf.tensor2d(sizes)')}`,
      errors: [{ message: MSG('1', '3470'), line: 11, column: 11 }],
      output: null,
    },
    {
      name: 'browser script, this.model in a class, literal rows',
      filename: 'app.js',
      code: `class Trainer {
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 1, inputShape: [2]}));
    this.model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
  }
  async train() {
    const xs = tf.tensor2d([[120, 1990], [80, 2005], [200, 1975]]);
    await this.model.fit(xs, tf.tensor2d([[3], [2], [5]]), {epochs: 20});
  }
}`,
      errors: [{ message: MSG('80', '2005', 'this.model'), line: 9, column: 26 }],
      output: null,
    },
  ],
});
