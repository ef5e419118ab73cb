// Runtime witness for unsafe-log: with the real tfjs 4.22 (CPU backend), a hand-written
// cross-entropy on saturated sigmoid outputs is NaN from the first step and poisons the
// weights; tf.log(tf.sigmoid(z)) is -Infinity with a NaN gradient. The linter's own fixes
// (sigmoidCrossEntropy, metrics.binaryCrossentropy, logSigmoid) keep the loss finite and train.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/unsafe-log';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

interface Run {
  losses: number[];
  weights: number[];
}

/** Logistic regression whose logits reach +-120 on these inputs: sigmoid saturates to exactly 0 and 1. */
const LOGITS_PROGRAM = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const xs = tf.tensor2d([[-3], [-2], [2], [3]]).mul(40);
  const ys = tf.tensor2d([[0], [0], [1], [1]]);
  const w = tf.variable(tf.scalar(-1).reshape([1, 1]));
  const b = tf.variable(tf.zeros([1]));
  const optimizer = tf.train.sgd(0.01);
  const losses: number[] = [];
  for (let step = 0; step < 15; step++) {
    const loss = optimizer.minimize(() => {
      const logits = tf.add(tf.matMul(xs, w), b);
      const p = tf.sigmoid(logits);
      return tf.neg(tf.mean(tf.add(tf.mul(ys, tf.log(p)), tf.mul(tf.sub(1, ys), tf.log(tf.sub(1, p))))));
    }, true);
    losses.push(loss.dataSync()[0]);
  }
  return { losses, weights: [w.dataSync()[0], b.dataSync()[0]] };
}`;

/**
 * A sigmoid model trained through a typed custom loss on probabilities. Logits are +-150, +-50
 * (saturated: 0 * log(0) is NaN) and +-5 (two of them mislabelled, so there is something to learn).
 */
const PROBABILITIES_PROGRAM = `import * as tf from '@tensorflow/tfjs';
function bce(yTrue: tf.Tensor, yPred: tf.Tensor) {
  return yTrue.mul(yPred.log()).add(tf.scalar(1).sub(yTrue).mul(tf.scalar(1).sub(yPred).log())).neg().mean();
}
export async function main() {
  const xs = tf.tensor2d([[-3], [-1], [-0.1], [0.1], [1], [3]]).mul(50);
  const ys = tf.tensor2d([[0], [0], [1], [0], [1], [1]]);
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1], activation: 'sigmoid', kernelInitializer: 'ones'})]});
  const optimizer = tf.train.adam(0.05);
  const losses: number[] = [];
  for (let step = 0; step < 20; step++) {
    const loss = optimizer.minimize(() => bce(ys, model.apply(xs) as tf.Tensor), true);
    losses.push(loss.dataSync()[0]);
  }
  return { losses, weights: Array.from(model.getWeights()[0].dataSync()) };
}`;

/** Maximises log(sigmoid(z)) from z = -200, where sigmoid(z) is exactly 0 in float32. */
const LOG_SIGMOID_PROGRAM = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const z = tf.variable(tf.scalar(-200));
  const optimizer = tf.train.sgd(10);
  const losses: number[] = [];
  for (let step = 0; step < 10; step++) {
    const loss = optimizer.minimize(() => tf.neg(tf.log(tf.sigmoid(z))), true);
    losses.push(loss.dataSync()[0]);
  }
  return { losses, weights: [z.dataSync()[0]] };
}`;

/** A 3-class softmax classifier whose logits differ by hundreds: softmax underflows to exactly 0. */
const SOFTMAX_PROGRAM = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const xs = tf.tensor2d([[3, 0], [0, 3], [-3, -3], [2, 1]]).mul(60);
  const ys = tf.oneHot(tf.tensor1d([1, 2, 0, 2], 'int32'), 3).toFloat();
  const w = tf.variable(tf.tensor2d([[1, 0, -1], [0, 1, -1]]));
  const optimizer = tf.train.sgd(0.001);
  const losses: number[] = [];
  for (let step = 0; step < 20; step++) {
    const loss = optimizer.minimize(() => {
      const logits = tf.matMul(xs, w);
      return tf.neg(tf.sum(tf.mul(ys, tf.log(tf.softmax(logits))), -1)).mean();
    }, true);
    losses.push(loss.dataSync()[0]);
  }
  return { losses, weights: Array.from(w.dataSync()) };
}`;

const finite = (xs: number[]): boolean => xs.every(Number.isFinite);

describe('unsafe-log (witness)', function () {
  this.timeout(20000);

  it('hand-written BCE on sigmoid(logits): NaN loss and weights; the fix (tf.losses.sigmoidCrossEntropy) trains', async () => {
    const findings = lintWith(rule, LOGITS_PROGRAM);
    assert.equal(findings.length, 1);
    const flagged = await runMain<Run>(LOGITS_PROGRAM);
    // log(1 - p) with p exactly 1 is -Infinity: the first loss is Infinity, then the weights go NaN.
    assert.equal(flagged.losses[0], Infinity);
    assert.ok(Number.isNaN(flagged.losses[flagged.losses.length - 1]), `last loss ${flagged.losses[flagged.losses.length - 1]}`);
    assert.ok(!finite(flagged.weights), `weights ${flagged.weights} stayed finite`);

    const fixed = fixOnce(rule, LOGITS_PROGRAM);
    assert.match(fixed, /return tf\.losses\.sigmoidCrossEntropy\(ys, logits\);/);
    assert.ok(findings[0].fixes[0].safe, 'a mean BCE replaced by sigmoidCrossEntropy keeps its value: safe');
    assert.equal(lintWith(rule, fixed).length, 0);
    const good = await runMain<Run>(fixed);
    assert.ok(finite(good.losses) && finite(good.weights), `fixed run not finite: ${good.losses}`);
    // Every example starts misclassified by a margin of 80-120: the loss must fall by most of that.
    assert.ok(good.losses[0] > 50 && good.losses[good.losses.length - 1] < good.losses[0] / 4, `fixed loss ${good.losses[0]} -> ${good.losses[good.losses.length - 1]}`);
  });

  it('BCE on a sigmoid model output in a typed custom loss: NaN; the fix (tf.metrics.binaryCrossentropy) stays finite and learns', async () => {
    assert.equal(lintWith(rule, PROBABILITIES_PROGRAM).length, 1);
    const flagged = await runMain<Run>(PROBABILITIES_PROGRAM);
    assert.ok(Number.isNaN(flagged.losses[0]), `first loss ${flagged.losses[0]} is not NaN`);
    assert.ok(!finite(flagged.weights), 'weights stayed finite');

    const fixed = fixOnce(rule, PROBABILITIES_PROGRAM);
    assert.match(fixed, /return tf\.mean\(tf\.metrics\.binaryCrossentropy\(yTrue, yPred\)\);/);
    const good = await runMain<Run>(fixed);
    assert.ok(finite(good.losses) && finite(good.weights), `fixed run not finite: ${good.losses}`);
    assert.ok(good.losses[good.losses.length - 1] < good.losses[0], `fixed loss ${good.losses[0]} -> ${good.losses[good.losses.length - 1]}`);
  });

  it('hand-written CCE on saturated softmax: NaN; the fix (tf.losses.softmaxCrossEntropy) trains', async () => {
    const findings = lintWith(rule, SOFTMAX_PROGRAM);
    assert.equal(findings.length, 1);
    const flagged = await runMain<Run>(SOFTMAX_PROGRAM);
    assert.ok(!Number.isFinite(flagged.losses[0]), `first loss ${flagged.losses[0]}`);
    assert.ok(!finite(flagged.weights), 'weights stayed finite');

    const fixed = fixOnce(rule, SOFTMAX_PROGRAM);
    assert.match(fixed, /return tf\.losses\.softmaxCrossEntropy\(ys, logits\);/);
    assert.ok(findings[0].fixes[0].safe, 'per-row sum then mean is what softmaxCrossEntropy computes: safe');
    const good = await runMain<Run>(fixed);
    assert.ok(finite(good.losses) && finite(good.weights), `fixed run: ${good.losses}`);
    assert.ok(good.losses[good.losses.length - 1] < good.losses[0] / 2, `fixed loss ${good.losses[0]} -> ${good.losses[good.losses.length - 1]}`);
  });

  it('tf.log(tf.sigmoid(z)) at z = -200: Infinity loss, NaN gradient; the fix (tf.logSigmoid) climbs', async () => {
    assert.equal(lintWith(rule, LOG_SIGMOID_PROGRAM).length, 1);
    const flagged = await runMain<Run>(LOG_SIGMOID_PROGRAM);
    assert.equal(flagged.losses[0], Infinity);
    assert.ok(Number.isNaN(flagged.weights[0]), `z = ${flagged.weights[0]}`);

    const fixed = fixOnce(rule, LOG_SIGMOID_PROGRAM);
    assert.match(fixed, /tf\.neg\(tf\.logSigmoid\(z\)\)/);
    const good = await runMain<Run>(fixed);
    assert.ok(finite(good.losses), `fixed losses ${good.losses}`);
    assert.equal(good.losses[0], 200); // -logSigmoid(-200) is 200, exactly as the math says
    assert.ok(good.weights[0] > -200 + 10 * 9, `z only reached ${good.weights[0]}`);
  });
});
