// Runtime witness for manual-sigmoid: with the real tfjs 4.22 (CPU backend), 1 / (1 + exp(-z))
// has a NaN gradient once exp(-z) overflows (z < -88), so training on one such example turns
// every weight NaN; log(1 + exp(z)) is Infinity and exp(x) / sum(exp(x)) is NaN for large
// inputs. The linter's own fixes (tf.sigmoid, tf.softplus, tf.softmax) are finite and train.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/manual-sigmoid';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

/** Logistic regression with MSE on a hand-written sigmoid; one input gives z = -100. */
const SIGMOID_PROGRAM = `import * as tf from '@tensorflow/tfjs';
function sigmoid(z: tf.Tensor) {
  return tf.div(1, tf.add(1, tf.exp(tf.neg(z))));
}
export async function main() {
  const xs = tf.tensor2d([[-100], [-1], [-0.5], [0.5], [1]]);
  const ys = tf.tensor2d([[0], [1], [0], [1], [0]]);
  const w = tf.variable(tf.ones([1, 1]));
  const b = tf.variable(tf.zeros([1]));
  const optimizer = tf.train.sgd(0.5);
  const losses: number[] = [];
  for (let step = 0; step < 30; step++) {
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(ys, sigmoid(tf.add(tf.matMul(xs, w), b))), true);
    losses.push(loss.dataSync()[0]);
  }
  return { losses, weights: [w.dataSync()[0], b.dataSync()[0]] };
}`;

const VALUES_PROGRAM = `const tf = require('@tensorflow/tfjs');
export async function main() {
  const z = tf.tensor1d([100, 0, -3]);
  const softplus = tf.log(tf.add(1, tf.exp(z)));
  const x = tf.tensor1d([100, 0, -3]);
  const e = tf.exp(x);
  const softmax = e.div(e.sum(-1, true));
  return { softplus: Array.from(softplus.dataSync()), softmax: Array.from(softmax.dataSync()) };
}`;

/**
 * A learned noise scale kept positive with a hand-written softplus of a scalar variable, trained
 * by adam at a large rate (0.1) for 300 steps on a loss that pushes it up as hard as it can.
 */
const TRAINED_SCALAR_PROGRAM = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const rho = tf.variable(tf.scalar(-3));
  const optimizer = tf.train.adam(0.1);
  let largest = -Infinity;
  let sigma = 0;
  for (let step = 0; step < 300; step++) {
    optimizer.minimize(() => tf.log1p(tf.exp(rho)).mul(-1000).asScalar());
    largest = Math.max(largest, rho.dataSync()[0]);
    sigma = tf.log1p(tf.exp(rho)).dataSync()[0];
  }
  return { largest, sigma };
}`;

describe('manual-sigmoid (witness)', function () {
  this.timeout(20000);

  it('hand-written sigmoid: one example at z = -100 makes the weights NaN; the fix (tf.sigmoid) trains', async () => {
    assert.equal(lintWith(rule, SIGMOID_PROGRAM).length, 1);
    const flagged = await runMain<{ losses: number[]; weights: number[] }>(SIGMOID_PROGRAM);
    // The forward value is fine at first (0 for z = -100); the gradient is what is NaN.
    assert.ok(Number.isFinite(flagged.losses[0]), `first loss ${flagged.losses[0]}`);
    assert.ok(flagged.weights.every(Number.isNaN), `weights ${flagged.weights}`);
    assert.ok(Number.isNaN(flagged.losses[flagged.losses.length - 1]));

    const fixed = fixOnce(rule, SIGMOID_PROGRAM);
    assert.match(fixed, /return tf\.sigmoid\(z\);/);
    assert.equal(lintWith(rule, fixed).length, 0);
    const good = await runMain<{ losses: number[]; weights: number[] }>(fixed);
    assert.ok(good.losses.every(Number.isFinite) && good.weights.every(Number.isFinite), `fixed run: ${good.losses}`);
    assert.ok(good.losses[good.losses.length - 1] < good.losses[0], `fixed loss ${good.losses[0]} -> ${good.losses[good.losses.length - 1]}`);
  });

  it('hand-written softplus is Infinity and softmax NaN at 100; the fixes give 100 and [1, 0, 0]', async () => {
    assert.equal(lintWith(rule, VALUES_PROGRAM, 'values.js').length, 2);
    const flagged = await runMain<{ softplus: number[]; softmax: number[] }>(VALUES_PROGRAM);
    assert.equal(flagged.softplus[0], Infinity);
    assert.ok(Number.isNaN(flagged.softmax[0]), `softmax ${flagged.softmax}`);

    const fixed = fixOnce(rule, VALUES_PROGRAM, 'values.js');
    assert.match(fixed, /const softplus = tf\.softplus\(z\);/);
    assert.match(fixed, /const softmax = tf\.softmax\(x\);/);
    const good = await runMain<{ softplus: number[]; softmax: number[] }>(fixed);
    assert.deepEqual(Array.from(good.softplus, (v) => Math.round(v * 1e4) / 1e4), [100, 0.6931, 0.0486]);
    assert.deepEqual(Array.from(good.softmax, (v) => Math.round(v * 1e4) / 1e4), [1, 0, 0]);
  });

  it('softplus of a small trained scalar stays finite: adam 0.1 pushing it up for 300 steps moves it about 30, far from 88 (the rule is quiet)', async () => {
    assert.equal(lintWith(rule, TRAINED_SCALAR_PROGRAM, 'scale.ts').length, 0);
    const run = await runMain<{ largest: number; sigma: number }>(TRAINED_SCALAR_PROGRAM);
    assert.ok(run.largest < 40 && run.largest > 20, `rho reached ${run.largest}`);
    assert.ok(Number.isFinite(run.sigma), `softplus ${run.sigma}`);
  });
});
