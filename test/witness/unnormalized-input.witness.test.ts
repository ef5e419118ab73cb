// Witness for unnormalized-input: the same model, data and seed trained on raw 0-255 pixel
// values and on the linter's fix (.toFloat().div(255)). Raw inputs blow the SGD steps up.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/unnormalized-input';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const FLAGGED = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  // 8x8 grey images: class 1 when the left half is brighter than the right half.
  let s = 12345;
  const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const N = 256;
  const raw: number[] = [];
  const labels: number[] = [];
  for (let n = 0; n < N; n++) {
    const cls = n % 2;
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) raw.push(Math.floor(rand() * 190) + ((c < 4) === (cls === 1) ? 60 : 0));
    labels.push(cls);
  }
  const xs = tf.tensor2d(new Uint8Array(raw), [N, 64]);
  const ys = tf.tensor2d(labels, [N, 1]);
  const model = tf.sequential({layers: [
    tf.layers.dense({units: 16, inputShape: [64], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({seed: 1})}),
    tf.layers.dense({units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({seed: 2})}),
  ]});
  model.compile({optimizer: tf.train.sgd(0.1), loss: 'binaryCrossentropy', metrics: ['accuracy']});
  const h = await model.fit(xs, ys, {epochs: 15, batchSize: 32, shuffle: false});
  const loss = h.history.loss[h.history.loss.length - 1] as number;
  const acc = h.history.acc[h.history.acc.length - 1] as number;
  return {loss, acc};
}
`;

interface Result {
  loss: number;
  acc: number;
}

describe('unnormalized-input (witness)', function () {
  this.timeout(20000);

  it('raw 0-255 inputs train clearly worse than the scaled fix on the same seed', async () => {
    assert.equal(lintWith(rule, FLAGGED).length, 1);
    const fixed = fixOnce(rule, FLAGGED);
    assert.match(fixed, /tf\.tensor2d\(new Uint8Array\(raw\), \[N, 64\]\)\.toFloat\(\)\.div\(255\);/);
    assert.equal(lintWith(rule, fixed).length, 0);

    // Measured: raw ends at loss 8.06 and accuracy 0.5 (sigmoid saturated, a constant guess);
    // scaled ends at loss 0.02 and accuracy 1.0 (also at sgd 0.01: raw 8.06/0.5, scaled 0.40/0.98).
    const bad = await runMain<Result>(FLAGGED);
    const good = await runMain<Result>(fixed);
    assert.ok(bad.acc <= 0.6, `raw pixels should stay near chance, got accuracy ${bad.acc}`);
    assert.ok(!(bad.loss < 1), `raw pixels should leave a large (or NaN) loss, got ${bad.loss}`);
    assert.ok(good.acc >= 0.95, `scaled pixels should be learned, got accuracy ${good.acc}`);
    assert.ok(good.loss < 0.2, `scaled pixels should reach a small loss, got ${good.loss}`);
  });

  it('an int32 tensor of small counts (0-3) is not flagged: it trains as written, and dividing it by 255 learns far less', async () => {
    const program = (scale: string) => `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const rows: number[][] = [[0, 1, 3], [2, 3, 1], [1, 0, 2], [3, 2, 0], [0, 0, 1], [2, 1, 3], [3, 3, 3], [1, 2, 0]];
  const targets = rows.map((r) => [r[0] + 2 * r[1] - r[2]]);
  const model = tf.sequential({layers: [
    tf.layers.dense({units: 8, inputShape: [3], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({seed: 1})}),
    tf.layers.dense({units: 1, kernelInitializer: tf.initializers.glorotUniform({seed: 2})}),
  ]});
  model.compile({optimizer: tf.train.adam(0.05), loss: 'meanSquaredError'});
  const xs = tf.tensor2d(rows, [8, 3], 'int32')${scale};
  const h = await model.fit(xs, tf.tensor2d(targets), {epochs: 60, batchSize: 8, shuffle: false, verbose: 0});
  return h.history.loss[59];
}`;
    assert.equal(lintWith(rule, program('')).length, 0);
    const asIs = await runMain<number>(program(''));
    const divided = await runMain<number>(program('.toFloat().div(255)'));
    assert.ok(asIs < 0.5, `as written the loss should fall, got ${asIs}`);
    assert.ok(divided > 2 * asIs, `divided by 255: ${divided}, as written: ${asIs}`);
  });
});
