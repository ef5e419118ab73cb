// Witness for ignored-config: with the real tfjs 4.22, misspelt fit keys are ignored (one
// epoch runs, the model stays far from y = 2x + 1), `lr` in compile leaves adam at 0.001, and a
// Keras loss name throws. The linter's fixes train as the author meant.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/ignored-config';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const SETUP = `
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1], kernelInitializer: 'zeros', biasInitializer: 'zeros'})]});
  const xs = tf.tensor2d([[0], [1], [2], [3]]);
  const ys = tf.tensor2d([[1], [3], [5], [7]]);`;

const KERAS_FIT = `
import * as tf from '@tensorflow/tfjs';
export async function main() {${SETUP}
  model.compile({optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError'});
  const h = await model.fit(xs, ys, {epoch: 200, batch_size: 4, shuffle: false});
  return {epochs: h.epoch.length, prediction: (model.predict(tf.tensor2d([[4]])) as tf.Tensor).dataSync()[0]};
}
`;

const COMPILE_LR = `
import * as tf from '@tensorflow/tfjs';
export async function main() {${SETUP}
  model.compile({optimizer: 'adam', loss: 'meanSquaredError', lr: 0.1});
  return (model.optimizer as unknown as {learningRate: number}).learningRate;
}
`;

const KERAS_LOSS = `
import * as tf from '@tensorflow/tfjs';
export async function main() {${SETUP}
  model.compile({optimizer: tf.train.sgd(0.05), loss: 'mse'});
  const h = await model.fit(xs, ys, {epochs: 5});
  return h.history.loss.length;
}
`;

const OPTIMIZER_OBJECT = `
import * as tf from '@tensorflow/tfjs';
export async function main() {${SETUP}
  model.compile({optimizer: tf.train.adam({learningRate: 0.1}), loss: 'meanSquaredError'});
  const h = await model.fit(xs, ys, {epochs: 300, batchSize: 4, shuffle: false});
  return {loss: h.history.loss.at(-1), prediction: (model.predict(tf.tensor2d([[4]])) as tf.Tensor).dataSync()[0]};
}
`;

describe('ignored-config (witness)', function () {
  this.timeout(30000);

  it('epoch/batch_size are ignored: one epoch runs; the renamed keys train 200 epochs to y = 2x + 1', async () => {
    assert.equal(lintWith(rule, KERAS_FIT).length, 2);
    const bad = await runMain<{ epochs: number; prediction: number }>(KERAS_FIT);
    assert.equal(bad.epochs, 1, 'tfjs trains its default single epoch');
    assert.ok(Math.abs(bad.prediction - 9) > 5, `one epoch leaves the prediction far from 9, got ${bad.prediction}`);
    const fixed = fixOnce(rule, KERAS_FIT);
    assert.match(fixed, /\{epochs: 200, batchSize: 4, shuffle: false\}/);
    assert.equal(lintWith(rule, fixed).length, 0);
    const good = await runMain<{ epochs: number; prediction: number }>(fixed);
    assert.equal(good.epochs, 200);
    assert.ok(Math.abs(good.prediction - 9) < 0.5, `after 200 epochs the prediction should be near 9, got ${good.prediction}`);
  });

  it('lr in compile leaves adam at 0.001; the fix passes the rate to tf.train.adam', async () => {
    assert.equal(lintWith(rule, COMPILE_LR).length, 1);
    assert.equal(await runMain<number>(COMPILE_LR), 0.001);
    const fixed = fixOnce(rule, COMPILE_LR);
    assert.match(fixed, /optimizer: tf\.train\.adam\(0\.1\)/);
    assert.equal(lintWith(rule, fixed).length, 0);
    assert.equal(await runMain<number>(fixed), 0.1);
  });

  it("loss 'mse' throws; the fix ('meanSquaredError') trains", async () => {
    assert.equal(lintWith(rule, KERAS_LOSS).length, 1);
    await assert.rejects(runMain(KERAS_LOSS), /Unknown loss mse/);
    const fixed = fixOnce(rule, KERAS_LOSS);
    assert.equal(await runMain<number>(fixed), 5);
  });

  it('tf.train.adam({learningRate}) makes the loss NaN; the positional fix trains to y = 2x + 1', async () => {
    assert.equal(lintWith(rule, OPTIMIZER_OBJECT).length, 1);
    const bad = await runMain<{ loss: number; prediction: number }>(OPTIMIZER_OBJECT);
    assert.ok(Number.isNaN(bad.loss), `the object rate gives a NaN loss, got ${bad.loss}`);
    const fixed = fixOnce(rule, OPTIMIZER_OBJECT);
    assert.match(fixed, /tf\.train\.adam\(0\.1\)/);
    assert.equal(lintWith(rule, fixed).length, 0);
    const good = await runMain<{ loss: number; prediction: number }>(fixed);
    assert.ok(Math.abs(good.prediction - 9) < 0.5, `the fixed optimizer should predict near 9, got ${good.prediction}`);
  });

  it('restoreBestWeights: true throws when the callback is made', async () => {
    const code = "import * as tf from '@tensorflow/tfjs';\nexport async function main() {\n  return tf.callbacks.earlyStopping({patience: 2, restoreBestWeights: true});\n}\n";
    assert.equal(lintWith(rule, code).length, 1);
    await assert.rejects(runMain(code), /restoreBestWeights = True is not implemented in EarlyStopping yet/);
    const fixed = fixOnce(rule, code);
    assert.ok(await runMain(fixed));
  });
});
