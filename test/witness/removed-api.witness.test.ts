// Witness for removed-api: with the real tfjs 4.22 the old names throw "is not a function";
// the linter's own fix (tf.loadLayersModel, tf.browser.fromPixels, bufferSync().get) runs and
// gives the values the old API gave.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/removed-api';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

// A model saved to memory and loaded back with the 0.x loader: the pattern of a 0.x web demo.
const LOAD_MODEL = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2], kernelInitializer: 'ones', biasInitializer: 'ones'})]});
  let saved;
  await model.save(tf.io.withSaveHandler(async (artifacts) => { saved = artifacts; return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}}; }));
  const loaded = await tf.loadModel(tf.io.fromMemory(saved));
  return (loaded.predict(tf.tensor2d([[1, 2]])) as tf.Tensor).dataSync()[0];
}
`;

// Pixels from a frame (PixelData works in Node), read back with the 0.x tensor.get.
const PIXELS = `
import * as tf from '@tensorflow/tfjs';
export async function main() {
  const frame = {data: new Uint8Array([10, 20, 30, 255, 40, 50, 60, 255]), width: 2, height: 1};
  const img = tf.fromPixels(frame, 3);
  return img.get(0, 1, 2);
}
`;

describe('removed-api (witness)', function () {
  this.timeout(20000);

  it('tf.loadModel throws in tfjs 4.22; the fix loads the same model', async () => {
    assert.equal(lintWith(rule, LOAD_MODEL).length, 1);
    await assert.rejects(runMain(LOAD_MODEL), /tf\.loadModel is not a function/);
    const fixed = fixOnce(rule, LOAD_MODEL);
    assert.match(fixed, /tf\.loadLayersModel\(tf\.io\.fromMemory\(saved\)\)/);
    assert.equal(lintWith(rule, fixed).length, 0);
    assert.equal(await runMain<number>(fixed), 4, '1*1 + 2*1 + 1 from the loaded weights');
  });

  it('tf.fromPixels and tensor.get throw; the fixed code reads the pixel', async () => {
    assert.equal(lintWith(rule, PIXELS).length, 2);
    await assert.rejects(runMain(PIXELS), /tf\.fromPixels is not a function/);
    const halfFixed = PIXELS.replace('tf.fromPixels', 'tf.browser.fromPixels');
    await assert.rejects(runMain(halfFixed), /img\.get is not a function/);
    const fixed = fixOnce(rule, PIXELS);
    assert.match(fixed, /tf\.browser\.fromPixels\(frame, 3\)/);
    assert.match(fixed, /img\.bufferSync\(\)\.get\(0, 1, 2\)/);
    assert.equal(lintWith(rule, fixed).length, 0);
    assert.equal(await runMain<number>(fixed), 60, 'the blue channel of the second pixel');
  });
});
