// Witness for no-early-stopping: on a tiny noisy set a long fit drives the training loss down
// while the validation loss climbs after its best epoch; the linter's fix stops training early.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/no-early-stopping';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const EPOCHS = 100;
const FLAGGED = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  // 48 examples, 12 features; the label follows feature 0 only 3 times in 4: easy to memorise.
  let s = 42;
  const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 48; i++) {
    const row = Array.from({length: 12}, () => rand() * 2 - 1);
    x.push(row);
    y.push((row[0] > 0) === (rand() < 0.75) ? 1 : 0);
  }
  const model = tf.sequential({layers: [
    tf.layers.dense({units: 64, inputShape: [12], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({seed: 1})}),
    tf.layers.dense({units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({seed: 2})}),
  ]});
  model.compile({optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy'});
  const h = await model.fit(tf.tensor2d(x), tf.tensor2d(y, [48, 1]), {epochs: ${EPOCHS}, validationSplit: 0.5, batchSize: 24, shuffle: false});
  return {loss: h.history.loss, valLoss: h.history.val_loss, epochs: h.epoch.length};
}
`;

interface Result {
  loss: number[];
  valLoss: number[];
  epochs: number;
}

describe('no-early-stopping (witness)', function () {
  this.timeout(20000);

  it('validation loss rises while training loss falls; the early-stopping fix halts before the last epoch', async () => {
    assert.equal(lintWith(rule, FLAGGED).length, 1);
    const fixed = fixOnce(rule, FLAGGED);
    assert.match(fixed, /callbacks: \[tf\.callbacks\.earlyStopping\(\{monitor: 'val_loss', patience: 5\}\)\]/);
    assert.equal(lintWith(rule, fixed).length, 0);

    const bad = await runMain<Result>(FLAGGED);
    const good = await runMain<Result>(fixed);
    const best = bad.valLoss.indexOf(Math.min(...bad.valLoss));
    // Measured: training loss 0.75 -> 0.001; validation loss best 0.56 at epoch 9, 1.63 at epoch 100;
    // the fixed run stops after 14 epochs.
    assert.equal(bad.epochs, EPOCHS);
    assert.ok(bad.loss[EPOCHS - 1] < bad.loss[0] * 0.1, `training loss should fall, ${bad.loss[0]} -> ${bad.loss[EPOCHS - 1]}`);
    assert.ok(best < EPOCHS / 2, `validation loss should bottom out early, best at epoch ${best + 1}`);
    assert.ok(bad.valLoss[EPOCHS - 1] > bad.valLoss[best] * 1.5, `validation loss should rise after its best: ${bad.valLoss[best]} -> ${bad.valLoss[EPOCHS - 1]}`);

    assert.ok(good.epochs < EPOCHS / 2, `early stopping should halt well before epoch ${EPOCHS}, ran ${good.epochs}`);
    assert.ok(good.epochs > best && good.epochs <= best + 7, `it should halt within patience of the best epoch (${best + 1}), ran ${good.epochs}`);
    // Same seed, same trajectory until it stops.
    good.valLoss.forEach((v, i) => assert.ok(Math.abs(v - bad.valLoss[i]) < 1e-4, `epoch ${i + 1}: ${v} vs ${bad.valLoss[i]}`));
  });
});
