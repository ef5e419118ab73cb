// Witness for separate-shuffle: shuffling features and labels each on its own leaves a
// linearly separable problem at chance accuracy; the linter's shuffleCombo fix learns it.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/separate-shuffle';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const FLAGGED = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  // Two classes split by the line a + b = 0; a deterministic spread of points.
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < 1024; i++) {
    const a = ((i * 37) % 1009) / 504 - 1;
    const b = ((i * 61) % 1013) / 506 - 1;
    xs.push([a, b]);
    ys.push(a + b > 0 ? 1 : 0);
  }
  const testX = tf.tensor2d(xs.slice());
  const testY = tf.tensor1d(ys.slice());
  tf.util.shuffle(xs);
  tf.util.shuffle(ys);
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2], activation: 'sigmoid', kernelInitializer: 'zeros'})]});
  model.compile({optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy'});
  await model.fit(tf.tensor2d(xs), tf.tensor2d(ys, [ys.length, 1]), {epochs: 8, batchSize: 128, shuffle: false});
  const p = (model.predict(testX) as tf.Tensor).reshape([-1]);
  const accuracy = p.greater(0.5).toFloat().equal(testY).toFloat().mean().dataSync()[0];
  const loss = tf.metrics.binaryCrossentropy(testY, p).dataSync()[0];
  return {accuracy, loss};
}
`;

const ZIPPED = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < 1024; i++) {
    const a = ((i * 37) % 1009) / 504 - 1;
    const b = ((i * 61) % 1013) / 506 - 1;
    xs.push([a, b]);
    ys.push([a + b > 0 ? 1 : 0]);
  }
  const ds = tf.data.zip({xs: tf.data.array(xs).shuffle(1024, 'features'), ys: tf.data.array(ys).shuffle(1024, 'labels')}).batch(128);
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2], activation: 'sigmoid', kernelInitializer: 'zeros'})]});
  model.compile({optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy'});
  await model.fitDataset(ds, {epochs: 8});
  const p = (model.predict(tf.tensor2d(xs)) as tf.Tensor).reshape([-1]);
  const labels = tf.tensor1d(ys.map((y) => y[0]));
  const accuracy = p.greater(0.5).toFloat().equal(labels).toFloat().mean().dataSync()[0];
  const loss = tf.metrics.binaryCrossentropy(labels, p).dataSync()[0];
  return {accuracy, loss};
}
`;

/** A small seeded generator (mulberry32), so tf.util.shuffle draws the same orders every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function withSeededRandom<T>(seed: number, run: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = seeded(seed);
  try {
    return await run();
  } finally {
    Math.random = original;
  }
}

interface Result {
  accuracy: number;
  loss: number;
}

describe('separate-shuffle (witness)', function () {
  this.timeout(20000);

  it('flags the snippet, which stays at chance, while the shuffleCombo fix learns', async () => {
    const findings = lintWith(rule, FLAGGED);
    assert.equal(findings.length, 1);
    const fixed = fixOnce(rule, FLAGGED);
    assert.match(fixed, /tf\.util\.shuffleCombo\(xs, ys\);/);
    assert.equal(lintWith(rule, fixed).length, 0);

    // Per seed: the flagged model knows nothing (cross-entropy near ln 2 = 0.693, the loss of
    // predicting 0.5); its accuracy is a coin toss, so only the average over seeds is near 0.5.
    const flaggedAccuracies: number[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const flagged = await withSeededRandom(seed, () => runMain<Result>(FLAGGED));
      const good = await withSeededRandom(seed, () => runMain<Result>(fixed));
      assert.ok(Math.abs(flagged.loss - Math.LN2) < 0.08, `seed ${seed}: separately shuffled data should leave the loss at chance, got ${flagged.loss}`);
      assert.ok(good.accuracy > 0.95, `seed ${seed}: shuffleCombo data should be learned, got accuracy ${good.accuracy}`);
      assert.ok(good.loss < 0.35, `seed ${seed}: shuffleCombo data should be learned, got loss ${good.loss}`);
      flaggedAccuracies.push(flagged.accuracy);
    }
    const mean = flaggedAccuracies.reduce((a, b) => a + b, 0) / flaggedAccuracies.length;
    assert.ok(mean > 0.25 && mean < 0.75, `separately shuffled accuracy should average near chance, got ${flaggedAccuracies.join(', ')}`);
  });

  it('zipping two separately shuffled datasets stays at chance; shuffling after the zip learns', async () => {
    assert.equal(lintWith(rule, ZIPPED).length, 1);
    const fixed = fixOnce(rule, ZIPPED);
    assert.match(fixed, /tf\.data\.zip\(\{xs: tf\.data\.array\(xs\), ys: tf\.data\.array\(ys\)\}\)\.shuffle\(1024, 'features'\)\.batch\(128\)/);
    assert.equal(lintWith(rule, fixed).length, 0);
    // Seeded dataset shuffles: the same numbers every run.
    const flagged = await runMain<Result>(ZIPPED);
    const good = await runMain<Result>(fixed);
    assert.ok(Math.abs(flagged.loss - Math.LN2) < 0.08, `separately shuffled datasets should leave the loss at chance, got ${flagged.loss}`);
    assert.ok(good.accuracy > 0.95 && good.loss < 0.35, `shuffling after the zip should learn, got ${good.accuracy} / ${good.loss}`);
  });
});
