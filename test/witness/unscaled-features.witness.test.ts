// Runtime witness for unscaled-features: with the real tfjs 4.22 (CPU backend), a linear
// regression fit on raw house features (sizes in the thousands) with sgd at its usual rate 0.01
// overflows to NaN, and at a rate small enough to stay finite it crawls; the same model on
// features standardised with the training data's mean and standard deviation trains.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/unscaled-features';
import { lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

/** 40 houses: size 800-2750 sq ft and rooms 1-4 (fractional), price in thousands; `features` rewrites xs. */
const program = (rate: string, features: string) => `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const rows: number[][] = [];
  const prices: number[][] = [];
  for (let i = 0; i < 40; i++) {
    const size = 800 + i * 50;
    const rooms = 1 + i / 13;
    rows.push([size, rooms]);
    prices.push([0.15 * size + 20 * rooms + 50]);
  }
  const xs = tf.tensor2d(rows);
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({seed: 1})})]});
  model.compile({optimizer: tf.train.sgd(${rate}), loss: 'meanSquaredError'});
  const history = await model.fit(${features}, tf.tensor2d(prices), {epochs: 100, batchSize: 8, shuffle: false, verbose: 0});
  return history.history.loss;
}`;

const STANDARDISED = '(() => { const {mean, variance} = tf.moments(xs, 0); return xs.sub(mean).div(variance.sqrt()); })()';

describe('unscaled-features (witness)', function () {
  this.timeout(30000);

  it('raw features: sgd 0.01 turns the loss NaN and sgd 1e-7 crawls; standardised, sgd 0.01 trains', async () => {
    const raw = program('0.01', 'xs');
    assert.equal(lintWith(rule, raw).length, 1);
    const nan = await runMain<number[]>(raw);
    assert.ok(!Number.isFinite(nan[nan.length - 1]), `raw, sgd 0.01: final loss ${nan[nan.length - 1]}`);

    const slow = await runMain<number[]>(program('1e-7', 'xs'));
    const fixed = program('0.01', STANDARDISED);
    assert.equal(lintWith(rule, fixed).length, 0);
    const good = await runMain<number[]>(fixed);
    assert.ok(good.every(Number.isFinite));
    assert.ok(good[good.length - 1] < 0.1 * good[0], `standardised: ${good[0]} -> ${good[good.length - 1]}`);
    assert.ok(good[good.length - 1] < 0.5 * slow[slow.length - 1], `standardised ${good[good.length - 1]} not well below raw at 1e-7 ${slow[slow.length - 1]}`);
  });
});
