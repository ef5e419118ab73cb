// Runtime witness for integer-division: with the real tfjs 4.22 (CPU backend), int32 / int32
// floor-divides ([2, 7] / 100 is [0, 0]), so pixels scaled by an int32 255 are all 0 and a
// brightness classifier trained on them stays at chance. Dividing by a plain number upcasts
// to float32 (why the rule leaves it alone), and the linter's fix (.toFloat() on the
// dividend, float32 / int32) divides for real and the classifier learns.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/integer-division';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const EXAMPLE = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const r = tf.div(tf.tensor([2, 7], [2], 'int32'), tf.tensor([100, 100], [2], 'int32'));
  return { dtype: r.dtype, values: Array.from(r.dataSync()) };
}`;

const BY_NUMBER = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const px = tf.tensor([2, 7], [2], 'int32');
  const r = px.div(100);
  return { dtype: r.dtype, values: Array.from(r.dataSync()) };
}`;

/**
 * 64 tiny 2x2 greyscale "images" as Uint8Array pixels (so int32 tensors, like fromPixels):
 * label 1 when bright. Pixel values stay below 255, so integer division by 255 zeroes them all.
 */
const CLASSIFIER = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const n = 64;
  const bytes = new Uint8Array(n * 4);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const bright = i % 2;
    for (let j = 0; j < 4; j++) bytes[i * 4 + j] = bright ? 150 + ((i * 7 + j * 13) % 100) : (i * 5 + j * 11) % 100;
    labels.push(bright);
  }
  const pixels = tf.tensor2d(bytes, [n, 4]);
  const scale = tf.scalar(255, 'int32');
  const xs = pixels.div(scale);
  const ys = tf.tensor2d(labels, [n, 1]);
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4], activation: 'sigmoid'})]});
  model.compile({optimizer: tf.train.adam(0.1), loss: 'binaryCrossentropy', metrics: ['accuracy']});
  const history = await model.fit(xs, ys, {epochs: 25, batchSize: 32, shuffle: false, verbose: 0});
  const acc = history.history.acc as number[];
  return { inputMax: xs.max().dataSync()[0], accuracy: acc[acc.length - 1] };
}`;

describe('integer-division (witness)', function () {
  this.timeout(20000);

  it('int32 [2, 7] / int32 [100, 100] is [0, 0]; the fix gives [0.02, 0.07]', async () => {
    assert.equal(lintWith(rule, EXAMPLE).length, 1);
    const flagged = await runMain<{ dtype: string; values: number[] }>(EXAMPLE);
    assert.equal(flagged.dtype, 'int32');
    assert.deepEqual(Array.from(flagged.values), [0, 0]);

    const fixed = fixOnce(rule, EXAMPLE);
    assert.match(fixed, /tf\.div\(tf\.tensor\(\[2, 7\], \[2\], 'int32'\)\.toFloat\(\), tf\.tensor\(\[100, 100\], \[2\], 'int32'\)\)/);
    // float32 / int32 is allowed in tfjs 4.22 and divides as float32: no need to cast the divisor too.
    const good = await runMain<{ dtype: string; values: number[] }>(fixed);
    assert.equal(good.dtype, 'float32');
    assert.deepEqual(Array.from(good.values, (v) => Math.round(v * 1e6) / 1e6), [0.02, 0.07]);
  });

  it('division by a plain number is left alone because tfjs upcasts it to float32', async () => {
    assert.equal(lintWith(rule, BY_NUMBER).length, 0);
    const r = await runMain<{ dtype: string; values: number[] }>(BY_NUMBER);
    assert.equal(r.dtype, 'float32');
    assert.deepEqual(Array.from(r.values, (v) => Math.round(v * 1e6) / 1e6), [0.02, 0.07]);
  });

  it('pixels / int32 255 are all 0 and a classifier stays at chance; the fixed inputs train to > 90% accuracy', async () => {
    assert.equal(lintWith(rule, CLASSIFIER).length, 1);
    const flagged = await runMain<{ inputMax: number; accuracy: number }>(CLASSIFIER);
    assert.equal(flagged.inputMax, 0);
    assert.ok(flagged.accuracy <= 0.5 + 1e-6, `accuracy ${flagged.accuracy} on all-zero inputs`);

    const fixed = fixOnce(rule, CLASSIFIER);
    assert.match(fixed, /const xs = pixels\.toFloat\(\)\.div\(scale\);/);
    const good = await runMain<{ inputMax: number; accuracy: number }>(fixed);
    assert.ok(good.inputMax > 0.9 && good.inputMax < 1, `input max ${good.inputMax}`);
    assert.ok(good.accuracy > 0.9, `fixed accuracy ${good.accuracy}`);
  });
  it('one-hot labels over their min-max span (divisor 0 or 1) are quiet: floor division gives the same 0/1 values as real division', async () => {
    const code = `import * as tf from '@tensorflow/tfjs';
export async function main() {
  const raw = tf.oneHot(tf.tensor1d([0, 3, 1, 4, 2, 2, 1, 0], 'int32'), 5);
  const lo = raw.min(0);
  const hi = raw.max(0);
  const floored = raw.sub(lo).div(hi.sub(lo));
  const real = raw.toFloat().sub(lo.toFloat()).div(hi.sub(lo).toFloat());
  return { dtype: floored.dtype, floored: Array.from(floored.dataSync()), real: Array.from(real.dataSync()) };
}`;
    assert.equal(lintWith(rule, code).length, 0);
    const r = await runMain<{ dtype: string; floored: number[]; real: number[] }>(code);
    assert.equal(r.dtype, 'int32');
    assert.deepEqual(r.floored, r.real);
  });
});
