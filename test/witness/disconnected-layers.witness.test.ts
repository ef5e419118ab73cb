// Runtime witness for disconnected-layers: each flagged category, run with the real tfjs 4.22
// (CPU backend), misbehaves the way the rule's message says; the fixed code trains.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/disconnected-layers';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function assertFlagged(code: string, pattern: RegExp): void {
  const found = lintWith(rule, code);
  assert.ok(found.some((f) => pattern.test(f.message)), `expected a finding matching ${pattern}, got:\n${found.map((f) => f.message).join('\n')}`);
}

describe('disconnected-layers (witness)', function () {
  this.timeout(20000);

  it('outputs from an input missing in inputs: tf.model throws "Graph disconnected"', async () => {
    const code = NS + `export async function main() {
  const a = tf.input({shape: [4]});
  const b = tf.input({shape: [4]});
  const h = tf.layers.dense({units: 8, activation: 'relu'}).apply(b);
  const out = tf.layers.dense({units: 1}).apply(h);
  const m = tf.model({inputs: a, outputs: out});
  return m.countParams();
}`;
    assertFlagged(code, /Graph disconnected/);
    await assert.rejects(runMain(code), /Graph disconnected: cannot obtain value for tensor/);
    // With the input the outputs need, the same graph builds.
    const params = await runMain<number>(code.replace('inputs: a,', 'inputs: b,'));
    assert.equal(params, 4 * 8 + 8 + 8 + 1);
  });

  it('an unused input: outputs ignore it, yet fit and predict demand data for it', async () => {
    const code = NS + `export async function main() {
  const a = tf.input({shape: [4]});
  const b = tf.input({shape: [3]});
  const out = tf.layers.dense({units: 1}).apply(a);
  const m = tf.model({inputs: [a, b], outputs: out});
  const x = tf.ones([2, 4]);
  const p1 = m.predict([x, tf.zeros([2, 3])]).dataSync();
  const p2 = m.predict([x, tf.fill([2, 3], 99)]).dataSync();
  let error = '';
  try { m.predict(x); } catch (e) { error = e.message; }
  return { same: Array.from(p1).every((v, i) => v === p2[i]), error };
}`;
    assertFlagged(code, /^Input 'b' \(line 4\) is in the model's inputs, but no output depends on it/);
    const r = await runMain<{ same: boolean; error: string }>(code);
    assert.equal(r.same, true, 'changing the unused input changed the output');
    assert.match(r.error, /Expected to see 2 Tensor\(s\), but instead got 1 Tensors\(s\)/);
  });

  it('a dead branch: its layer is not in the model and its weights never train', async () => {
    const code = NS + `export async function main() {
  const inp = tf.input({shape: [4]});
  const h = tf.layers.dense({units: 8}).apply(inp);
  const auxLayer = tf.layers.dense({units: 3, name: 'aux'});
  const aux = auxLayer.apply(h);
  const out = tf.layers.dense({units: 1}).apply(h);
  const m = tf.model({inputs: inp, outputs: out});
  m.compile({optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError'});
  const before = m.layers.map((l) => l.name);
  const trained = m.trainableWeights.map((w) => w.originalName);
  const x = tf.randomNormal([16, 4], 0, 1, 'float32', 1);
  const y = tf.randomNormal([16, 1], 0, 1, 'float32', 2);
  const h0 = await m.fit(x, y, {epochs: 5, verbose: 0});
  return { layerNames: before, trained, losses: h0.history.loss };
}`;
    assertFlagged(code, /^This dense branch is computed but never used/);
    const r = await runMain<{ layerNames: string[]; trained: string[]; losses: number[] }>(code);
    assert.ok(!r.layerNames.includes('aux'), `the dead layer is in the model: ${r.layerNames}`);
    assert.equal(r.layerNames.length, 3, 'input, hidden and output layers only');
    assert.equal(r.trained.length, 4, `two kernels and two biases: ${r.trained}`);
    assert.ok(!r.trained.some((w) => w.startsWith('aux/')), `fit would train the dead layer: ${r.trained}`);
    assert.ok(r.losses[4] < r.losses[0], 'the live part still trains');
  });

  it('an unused layer is in no model; the fix (marked unsafe) removes it and shifts later auto-generated names', async () => {
    const code = NS + `export async function main() {
  const probe = tf.layers.dense({units: 1});
  const extra = tf.layers.dense({units: 4, activation: 'relu'});
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 1, inputShape: [3]}));
  model.compile({optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError'});
  const x = tf.randomNormal([32, 3], 0, 1, 'float32', 3);
  const y = x.sum(1, true);
  const h = await model.fit(x, y, {epochs: 20, verbose: 0});
  const n = (name) => Number(name.replace(/^dense_Dense/, ''));
  return { layers: model.layers.length, offset: n(model.layers[0].name) - n(probe.getConfig().name), losses: h.history.loss };
}`;
    const found = lintWith(rule, code);
    assert.equal(found.length, 1);
    assert.equal(found[0].fixes[0].safe, false);
    const fixed = fixOnce(rule, code);
    assert.ok(!fixed.includes('const extra'), 'the fix removes the unused layer');

    const before = await runMain<{ layers: number; offset: number; losses: number[] }>(code);
    const after = await runMain<{ layers: number; offset: number; losses: number[] }>(fixed);
    assert.equal(before.layers, 1, 'the unused layer was never part of the model');
    assert.equal(after.layers, 1);
    assert.ok(after.losses[19] < after.losses[0] / 4, `fixed model trains: ${after.losses[0]} -> ${after.losses[19]}`);
    // Why the fix is not marked safe: the layer after it gets another auto-generated name.
    assert.equal(before.offset, 2);
    assert.equal(after.offset, 1);
  });
});
