// Runtime witness for relu-output-signed-targets: with the real tfjs 4.22 (CPU backend), a
// relu (or sigmoid) regression output trained on standardised targets never predicts the
// negative half, so the loss stays above that half's share; the linter's fix fits them.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/relu-output-signed-targets';
import { rule as bounded } from '../../rules/bounded-regression-output';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

interface Outcome {
  finalLoss: number;
  /** Mean of y^2 over the negative targets: the least loss a never-negative output can reach. */
  floor: number;
  minPrediction: number;
}

/** Raw targets 3x + 20, standardised the usual way; the output layer has `activation`. */
const program = (activation: string) => `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const xs = tf.linspace(-1, 1, 32).reshape([32, 1]);
  const raw = xs.mul(3).add(20);
  const mean = raw.mean();
  const std = raw.sub(mean).square().mean().sqrt();
  const ys = raw.sub(mean).div(std);
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1], activation: '${activation}'})]});
  model.compile({optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError'});
  const history = await model.fit(xs, ys, {epochs: 50, batchSize: 8, shuffle: false, verbose: 0});
  const floor = tf.minimum(ys, 0).square().mean().dataSync()[0];
  const p = model.predict(xs).dataSync();
  return {finalLoss: history.history.loss[49], floor, minPrediction: Math.min(...p)};
}`;

describe('relu-output-signed-targets (witness)', function () {
  this.timeout(30000);

  for (const activation of ['relu', 'sigmoid']) {
    it(`${activation} output on standardised targets: no negative prediction, loss above the floor; the fixed linear output fits`, async () => {
      const code = program(activation);
      assert.equal(lintWith(rule, code).length, 1);
      // One report for one output: sigmoid on signed targets is this rule's, not bounded-regression-output's.
      assert.equal(lintWith(bounded, code).length, 0);
      const bad = await runMain<Outcome>(code);
      assert.ok(bad.minPrediction >= 0, `negative prediction ${bad.minPrediction}`);
      assert.ok(bad.floor > 0.4, `floor ${bad.floor}`);
      assert.ok(bad.finalLoss >= bad.floor * 0.99, `flagged loss ${bad.finalLoss} below the floor ${bad.floor}`);

      const fixed = fixOnce(rule, code);
      assert.match(fixed, /activation: 'linear'/);
      assert.equal(lintWith(rule, fixed).length, 0);
      const good = await runMain<Outcome>(fixed);
      assert.ok(good.finalLoss < 0.01, `fixed loss ${good.finalLoss}`);
      assert.ok(good.minPrediction < -1, `fixed min prediction ${good.minPrediction}`);
    });
  }
});
