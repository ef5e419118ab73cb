// Witness for unawaited-fit: without await, predict runs before the first training step and
// returns exactly the untrained model's output; a second fit rejects. The await fix trains.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/unawaited-fit';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const SETUP = `
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({seed: 3})})]});
  model.compile({optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError'});
  // y = 2x + 1
  const xs = tf.tensor2d([[0], [1], [2], [3]]);
  const ys = tf.tensor2d([[1], [3], [5], [7]]);
  const probe = tf.tensor2d([[4]]);`;

const PREDICT_TOO_EARLY = `
import * as tf from '@tensorflow/tfjs';
export async function main() {${SETUP}
  const untrained = (model.predict(probe) as tf.Tensor).dataSync()[0];
  model.fit(xs, ys, {epochs: 60, batchSize: 4});
  const afterFit = (model.predict(probe) as tf.Tensor).dataSync()[0];
  return {untrained, afterFit, model};
}
`;

const SECOND_FIT = `
import * as tf from '@tensorflow/tfjs';
export async function main() {${SETUP}
  model.fit(xs, ys, {epochs: 5});
  const h = await model.fit(xs, ys, {epochs: 5});
  return h.epoch.length;
}
`;

/** Lets a fit the snippet did not await run out, so it does not train on into other tests. */
async function settle(model: { isTraining?: boolean }): Promise<void> {
  for (let i = 0; i < 500 && model.isTraining; i++) await new Promise((r) => setTimeout(r, 10));
}

describe('unawaited-fit (witness)', function () {
  this.timeout(20000);

  it('predict after an unawaited fit returns the untrained output; the await fix trains first', async () => {
    assert.equal(lintWith(rule, PREDICT_TOO_EARLY).length, 1);
    const fixed = fixOnce(rule, PREDICT_TOO_EARLY);
    assert.match(fixed, /await model\.fit\(xs, ys/);
    assert.equal(lintWith(rule, fixed).length, 0);

    const bad = await runMain<{ untrained: number; afterFit: number; model: { isTraining?: boolean } }>(PREDICT_TOO_EARLY);
    await settle(bad.model);
    assert.equal(bad.afterFit, bad.untrained, 'predictions should be exactly the untrained model’s');
    assert.ok(Math.abs(bad.untrained - 9) > 3, `the untrained model should be far from 2*4+1 = 9, got ${bad.untrained}`);

    const good = await runMain<{ untrained: number; afterFit: number }>(fixed);
    assert.equal(good.untrained, bad.untrained, 'same seed, same untrained model');
    assert.ok(Math.abs(good.afterFit - 9) < 1, `after an awaited fit the prediction should be near 9, got ${good.afterFit}`);
  });

  it('a second fit while the first runs rejects; the await fix runs both', async () => {
    assert.equal(lintWith(rule, SECOND_FIT).length, 1);
    await assert.rejects(runMain(SECOND_FIT), { message: 'Cannot start training because another fit() call is ongoing.' });
    const fixed = fixOnce(rule, SECOND_FIT);
    assert.equal(await runMain<number>(fixed), 5);
  });
});
