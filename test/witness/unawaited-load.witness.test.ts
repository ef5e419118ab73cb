// Witness for unawaited-load: with the real tfjs 4.22 a model load used without await throws
// "model.predict is not a function", and tensor.data()[0] is undefined. The linter's fixes
// (await, dataSync) give the loaded model's prediction and the value.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/unawaited-load';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const LOAD = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  const built = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2], kernelInitializer: 'ones', biasInitializer: 'ones'})]});
  let saved;
  await built.save(tf.io.withSaveHandler(async (artifacts) => { saved = artifacts; return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}}; }));
  const model = tf.loadLayersModel(tf.io.fromMemory(saved));
  return (model.predict(tf.tensor2d([[1, 2]])) as tf.Tensor).dataSync()[0];
}
`;

const READ = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  const t = tf.tensor1d([0.25, 0.75]);
  const probability = t.data()[1];
  return probability;
}
`;

describe('unawaited-load (witness)', function () {
  this.timeout(20000);

  it('predict on the unawaited load throws; the await fix predicts with the loaded weights', async () => {
    assert.equal(lintWith(rule, LOAD).length, 1);
    await assert.rejects(runMain(LOAD), /model\.predict is not a function/);
    const fixed = fixOnce(rule, LOAD);
    assert.match(fixed, /const model = await tf\.loadLayersModel/);
    assert.equal(lintWith(rule, fixed).length, 0);
    assert.equal(await runMain<number>(fixed), 4);
  });

  it('data()[1] is undefined; dataSync()[1] is the value', async () => {
    assert.equal(lintWith(rule, READ).length, 1);
    assert.equal(await runMain(READ), undefined);
    const fixed = fixOnce(rule, READ);
    assert.equal(lintWith(rule, fixed).length, 0);
    assert.equal(await runMain<number>(fixed), 0.75);
  });
});
