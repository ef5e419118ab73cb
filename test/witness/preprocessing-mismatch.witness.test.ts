// Witness for preprocessing-mismatch: with the real tfjs 4.22 (CPU backend), a model trained on
// 8x8 grey images (bright vs dark) scaled by 1/255 and asked to classify raw 0-255 test images
// answers with saturated probabilities at chance (every image looks bright); the linter's fix (the same .div(255) on the prediction
// input) gives the accuracy the model really learned.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/preprocessing-mismatch';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const FLAGGED = `
import * as tf from '@tensorflow/tfjs';
/** n 8x8 grey images (0-255): class 1 is bright (pixels 100-255), class 0 dark (0-155). */
function images(n: number, seed: number) {
  let s = seed;
  const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const pixels: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    for (let p = 0; p < 64; p++) pixels.push(Math.floor(rand() * 156) + (cls === 1 ? 100 : 0));
    labels.push(cls);
  }
  return { pixels: new Uint8Array(pixels), labels };
}
export async function main() {
  const train = images(256, 12345);
  const test = images(128, 777);
  const xs = tf.tensor2d(new Uint8Array(train.pixels), [256, 64]).div(255);
  const ys = tf.tensor2d(train.labels, [256, 1]);
  const model = tf.sequential({layers: [
    tf.layers.dense({units: 16, inputShape: [64], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({seed: 1})}),
    tf.layers.dense({units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({seed: 2})}),
  ]});
  model.compile({optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy'});
  await model.fit(xs, ys, {epochs: 20, batchSize: 32, shuffle: false});
  const testXs = tf.tensor2d(new Uint8Array(test.pixels), [128, 64]);
  const probs = Array.from((model.predict(testXs) as tf.Tensor).dataSync());
  const accuracy = probs.filter((p, i) => (p > 0.5 ? 1 : 0) === test.labels[i]).length / probs.length;
  const saturated = probs.filter((p) => p < 0.001 || p > 0.999).length / probs.length;
  return { accuracy, saturated };
}
`;

interface Result {
  accuracy: number;
  saturated: number;
}

describe('preprocessing-mismatch (witness)', function () {
  this.timeout(30000);

  it('trained on x / 255, predicting raw pixels saturates at chance; the fix (.div(255) on the input) classifies', async () => {
    const findings = lintWith(rule, FLAGGED, 'witness.ts');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /trained on pixel values \(0-255\) scaled by \.div\(255\).*gets pixel values \(0-255\) with no scaling/);

    const flagged = await runMain<Result>(FLAGGED);
    const fixed = fixOnce(rule, FLAGGED, 'witness.ts');
    assert.match(fixed, /model\.predict\(testXs\.div\(255\)\)/);
    const good = await runMain<Result>(fixed);

    assert.ok(flagged.saturated > 0.9, `raw inputs: ${flagged.saturated} of the probabilities saturated`);
    assert.ok(flagged.accuracy < 0.65, `raw inputs: accuracy ${flagged.accuracy}`);
    assert.ok(good.accuracy > 0.9, `fixed: accuracy ${good.accuracy}`);
    assert.ok(good.saturated < 0.5, `fixed: ${good.saturated} saturated`);
  });
});
