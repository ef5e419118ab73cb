// Runtime witness for extreme-learning-rate: with the real tfjs 4.22 (CPU backend), a rate far
// above the ceiling drives the loss to NaN/Infinity, a rate at the floor leaves the loss where
// it started, and the linter's own fix (the optimizer's usual rate) trains.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/extreme-learning-rate';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

/** A one-weight linear regression, y = 2x + 1 on fixed inputs; returns the loss per epoch. */
const program = (optimizer: string, epochs: number) => `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const xs = tf.linspace(-1, 1, 32).reshape([32, 1]);
  const ys = xs.mul(2).add(1);
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
  model.compile({optimizer: ${optimizer}, loss: 'meanSquaredError'});
  const history = await model.fit(xs, ys, {epochs: ${epochs}, batchSize: 4, shuffle: false, verbose: 0});
  return history.history.loss;
}`;

describe('extreme-learning-rate (witness)', function () {
  this.timeout(30000);

  it('sgd at 1e9: the loss turns NaN/Infinity; the fixed rate 0.01 converges', async () => {
    const code = program('tf.train.sgd(LEARNING_RATE)', 20).replace('export async', 'const LEARNING_RATE = 1e9;\nexport async');
    assert.equal(lintWith(rule, code).length, 1);
    const flagged = await runMain<number[]>(code);
    assert.ok(!Number.isFinite(flagged[flagged.length - 1]), `final loss ${flagged[flagged.length - 1]} is finite`);

    const fixed = fixOnce(rule, code);
    assert.match(fixed, /tf\.train\.sgd\(0\.01\)/);
    assert.equal(lintWith(rule, fixed).length, 0);
    const good = await runMain<number[]>(fixed);
    assert.ok(good.every(Number.isFinite), 'fixed loss not finite');
    assert.ok(good[good.length - 1] < 0.5 * good[0], `fixed loss went ${good[0]} -> ${good[good.length - 1]}`);
  });

  it('adam at 1e-7: the loss barely moves; the fixed rate 0.001 clearly lowers it', async () => {
    const code = program('tf.train.adam(1e-7)', 60);
    assert.equal(lintWith(rule, code).length, 1);
    const flagged = await runMain<number[]>(code);
    const flaggedDrop = (flagged[0] - flagged[flagged.length - 1]) / flagged[0];
    assert.ok(Math.abs(flaggedDrop) < 1e-3, `flagged loss moved by ${(flaggedDrop * 100).toFixed(3)}%`);

    const fixed = fixOnce(rule, code);
    assert.match(fixed, /tf\.train\.adam\(0\.001\)/);
    const good = await runMain<number[]>(fixed);
    const fixedDrop = (good[0] - good[good.length - 1]) / good[0];
    // 240 steps of size ~0.001 move the two weights by ~0.24: a clear drop (22% at the least in 25 runs), 100x the flagged one.
    assert.ok(fixedDrop > 0.1, `fixed loss dropped only ${(fixedDrop * 100).toFixed(1)}%`);
    assert.ok(fixedDrop > 100 * Math.abs(flaggedDrop));
  });

  it('adam at 0.2, 0.5 and 1 converges and is not flagged; adam at 10 is flagged (no better than the start) and the fix trains', async () => {
    for (const rate of ['0.2', '0.5', '1']) {
      const code = program(`tf.train.adam(${rate})`, 20);
      assert.equal(lintWith(rule, code).length, 0, `adam(${rate}) flagged`);
      const losses = await runMain<number[]>(code);
      assert.ok(losses[losses.length - 1] < 0.05 * losses[0], `adam(${rate}): ${losses[0]} -> ${losses[losses.length - 1]}`);
    }
    const code = mlpProgram('tf.train.adam(10)');
    const found = lintWith(rule, code);
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0].message, /NaN|Infinity/);
    const bad = await runMain<number[]>(code);
    assert.ok(Number.isFinite(bad[bad.length - 1]), 'adam(10) reached NaN: the message would have to say so');
    const fixed = fixOnce(rule, code);
    const good = await runMain<number[]>(fixed);
    assert.ok(good[good.length - 1] < bad[bad.length - 1], `fixed ${good[good.length - 1]} not below flagged ${bad[bad.length - 1]}`);
  });

  it('sgd at 1e-6 on unscaled features (the tf.data.csv sample) is not flagged: it trains, and the usual 0.01 turns the loss NaN', async () => {
    const code = (rate: string) => `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < 64; i++) {
    const area = 50 + ((i * 37) % 200);
    const age = (i * 53) % 100;
    xs.push([area, age]);
    ys.push([2 * area - 0.5 * age + 50]);
  }
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({seed: 1})})]});
  model.compile({optimizer: tf.train.sgd(${rate}), loss: 'meanSquaredError'});
  const history = await model.fit(tf.tensor2d(xs), tf.tensor2d(ys), {epochs: 30, batchSize: 16, shuffle: false, verbose: 0});
  return history.history.loss;
}`;
    assert.equal(lintWith(rule, code('0.000001')).length, 0);
    const small = await runMain<number[]>(code('0.000001'));
    assert.ok(small[small.length - 1] < 0.1 * small[0], `sgd(1e-6): ${small[0]} -> ${small[small.length - 1]}`);
    const usual = await runMain<number[]>(code('0.01'));
    assert.ok(!Number.isFinite(usual[usual.length - 1]), `sgd(0.01) on raw features ended at ${usual[usual.length - 1]}`);
  });

  it('a softmax classifier: sgd at 3 trains and is not flagged; sgd at 30 is flagged without a NaN claim, stays finite, and the fix trains', async () => {
    const quiet = classifierProgram('tf.train.sgd(3)');
    assert.equal(lintWith(rule, quiet).length, 0);
    const atThree = await runMain<number[]>(quiet);
    assert.ok(atThree[atThree.length - 1] < 0.2 * atThree[0], `sgd(3): ${atThree[0]} -> ${atThree[atThree.length - 1]}`);

    const code = classifierProgram('tf.train.sgd(30)');
    const found = lintWith(rule, code);
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0].message, /turned NaN|turns NaN|Infinity/);
    const bad = await runMain<number[]>(code);
    assert.ok(Number.isFinite(bad[bad.length - 1]), 'sgd(30) on the classifier reached NaN: the message would have to say so');
    assert.ok(bad[bad.length - 1] >= bad[0], `sgd(30): ${bad[0]} -> ${bad[bad.length - 1]}, better than the untrained model`);
    const good = await runMain<number[]>(fixOnce(rule, code));
    assert.ok(good[good.length - 1] < 0.5 * good[0], `fixed sgd(0.01): ${good[0]} -> ${good[good.length - 1]}`);
  });
});

/**
 * The calibration's classifier (test/calibration/learning-rates.ts, seed 1): 3 Gaussian blobs in
 * 2-D, one-hot labels, dense 16 relu + dense 3 softmax, categoricalCrossentropy, no shuffling.
 * Returns the untrained model's loss followed by the loss per epoch.
 */
const classifierProgram = (optimizer: string) => `import * as tf from '@tensorflow/tfjs';
export async function main() {
  let a = 1;
  const r = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = [[-1, -1], [1, -0.5], [0, 1]];
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < 150; i++) {
    const k = i % 3;
    xs.push([centres[k][0] + 0.4 * gauss(), centres[k][1] + 0.4 * gauss()]);
    ys.push([0, 1, 2].map((j) => (j === k ? 1 : 0)));
  }
  const model = tf.sequential({layers: [
    tf.layers.dense({units: 16, inputShape: [2], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({seed: 1})}),
    tf.layers.dense({units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({seed: 2})}),
  ]});
  model.compile({optimizer: ${optimizer}, loss: 'categoricalCrossentropy'});
  const x = tf.tensor2d(xs);
  const y = tf.tensor2d(ys);
  const first = (model.evaluate(x, y) as tf.Scalar).dataSync()[0];
  const history = await model.fit(x, y, {epochs: 40, batchSize: 32, shuffle: false, verbose: 0});
  return [first, ...history.history.loss];
}`;

/** A small network (dense 16 relu, dense 1) on y = sin(3x), x in [-1, 1]; seeded; returns the loss per epoch. */
const mlpProgram = (optimizer: string) => `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const xs = tf.linspace(-1, 1, 64).reshape([64, 1]);
  const ys = xs.mul(3).sin();
  const model = tf.sequential({layers: [
    tf.layers.dense({units: 16, inputShape: [1], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({seed: 1})}),
    tf.layers.dense({units: 1, kernelInitializer: tf.initializers.glorotUniform({seed: 2})}),
  ]});
  model.compile({optimizer: ${optimizer}, loss: 'meanSquaredError'});
  const history = await model.fit(xs, ys, {epochs: 30, batchSize: 16, shuffle: false, verbose: 0});
  return history.history.loss;
}`;
