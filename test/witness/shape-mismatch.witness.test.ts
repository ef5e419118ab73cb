// Runtime witness for shape-mismatch: each flagged category, run with the real tfjs 4.22 (CPU
// backend), throws (or loses the data) as the message says; where the rule offers a fix, the
// fixed code builds and trains.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/shape-mismatch';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

/** The single finding's message, checked against a pattern. */
function flagged(code: string, pattern: RegExp): string {
  const found = lintWith(rule, code);
  assert.equal(found.length, 1, `expected one finding, got:\n${found.map((f) => f.message).join('\n')}`);
  assert.match(found[0].message, pattern);
  return found[0].message;
}

/** The tfjs error text the message quotes, with layer counters made generic. */
function quoted(message: string): RegExp {
  const m = /throws "([^"]+)"/.exec(message);
  assert.ok(m, `no quoted tfjs error in: ${message}`);
  const text = m[1].replace(/ \.\.\.$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_([A-Z][A-Za-z0-9]*?)\d+/g, '_$1\\d+');
  return new RegExp(text);
}

async function loss(code: string): Promise<number[]> {
  return runMain<number[]>(code);
}

const TRAIN = `
  model.compile({optimizer: tf.train.adam(0.01), loss: 'meanSquaredError'});
  const h = await model.fit(x, y, {epochs: 3, verbose: 0});
  return h.history.loss;
}`;

describe('shape-mismatch (witness)', function () {
  this.timeout(30000);

  it('validationData of the wrong width: fit throws the message quoted', async () => {
    const code = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});
  model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
  await model.fit(tf.zeros([8, 4]), tf.zeros([8, 1]), {epochs: 1, verbose: 0, validationData: [tf.zeros([2, 5]), tf.zeros([2, 1])]});
}`;
    const message = flagged(code, /^validationData x passed to fit has shape \[2, 5\]/);
    await assert.rejects(runMain(code), quoted(message));
    // The same program with validation data of the model's width trains.
    await runMain(code.replace('tf.zeros([2, 5])', 'tf.zeros([2, 4])'));
  });

  it('a layer class of the file doubling the channels: y without the doubling makes fit throw the message quoted; y of its width trains', async () => {
    const code = NS + `class Antirectifier extends tf.layers.Layer {
  constructor() {
    super({});
  }
  computeOutputShape(inputShape: any) {
    return [inputShape[0], inputShape[1], inputShape[2], 2 * inputShape[3]];
  }
  call(inputs: any) {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.concat([input.relu(), input.neg().relu()], 3);
  }
  static get className() {
    return 'Antirectifier';
  }
}
tf.serialization.registerClass(Antirectifier);
export async function main() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 2, kernelSize: 3}));
  model.add(new Antirectifier());
  model.add(tf.layers.flatten());
  model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
  await model.fit(tf.zeros([4, 8, 8, 1]), tf.zeros([4, 72]), {epochs: 1, verbose: 0});
}`;
    const message = flagged(code, /^y passed to fit has shape \[4, 72\], but the model's output is \[null, 144\]/);
    await assert.rejects(runMain(code), quoted(message));
    await runMain(code.replace('tf.zeros([4, 72])', 'tf.zeros([4, 144])'));
  });

  it('first layer without inputShape: tfjs throws when the layer is added; the fix trains', async () => {
    const code = NS + `export async function main() {
  const x = tf.randomNormal([16, 6], 0, 1, 'float32', 1);
  const y = tf.randomNormal([16, 1], 0, 1, 'float32', 2);
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 4, activation: 'relu'}));
  model.add(tf.layers.dense({units: 1}));${TRAIN}`;
    flagged(code, /has no inputShape .* The x given to fit has shape \[16, 6\], so inputShape: \[6\]$/);
    await assert.rejects(runMain(code), /The first layer in a Sequential model must get an `inputShape` or `batchInputShape` argument/);
    const fixed = fixOnce(rule, code);
    assert.match(fixed, /dense\(\{inputShape: \[6\], units: 4/);
    const l = await loss(fixed);
    assert.ok(l.every(Number.isFinite) && l[2] < l[0], `fixed model should train: ${l}`);
  });

  it('batch dimension in inputShape: fit throws; dropping it (the fix) trains', async () => {
    const code = NS + `export async function main() {
  const x = tf.randomNormal([16, 5], 0, 1, 'float32', 1);
  const y = tf.randomNormal([16, 1], 0, 1, 'float32', 2);
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [null, 5], units: 1}));${TRAIN}`;
    flagged(code, /has inputShape \[null, 5\], which includes the batch dimension.* and the x given to fit \(\[16, 5\]\) does not fit\. Use inputShape \[5\]$/);
    await assert.rejects(runMain(code), /expected dense_Dense\d+_input to have 3 dimension\(s\)\. but got array with shape 16,5/);
    const fixed = fixOnce(rule, code);
    assert.match(fixed, /inputShape: \[5\]/);
    const l = await loss(fixed);
    assert.ok(l[2] < l[0], `fixed model should train: ${l}`);
  });

  it('a rank the layer cannot take (conv2d after dense): tfjs throws when it is added', async () => {
    const code = NS + `export async function main() {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [16], units: 8}));
  model.add(tf.layers.conv2d({filters: 2, kernelSize: 3}));
  return model.countParams();
}`;
    flagged(code, /^conv2d \(layer 2, line 5\) needs input of rank 4 .* but gets \[null, 8\] from dense \(layer 1, line 4\): tfjs throws when the layer is added/);
    await assert.rejects(runMain(code), /expected ndim=4, found ndim=2/);
  });

  it('a size below zero through a convolution: tfjs throws "Negative dimension size"', async () => {
    const code = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.conv2d({inputShape: [4, 4, 1], filters: 2, kernelSize: 6})]});
  return model.countParams();
}`;
    flagged(code, /output would be \[null, -1, -1, 2\]: tfjs throws "Negative dimension size caused by adding layer"/);
    await assert.rejects(runMain(code), /Negative dimension size caused by adding layer/);
  });

  it('a size of zero through pooling: the output is empty and ignores the input', async () => {
    const code = NS + `export async function main() {
  const model = tf.sequential({layers: [
    tf.layers.maxPooling2d({inputShape: [1, 8, 1], poolSize: 2}),
    tf.layers.flatten(),
    tf.layers.dense({units: 2}),
  ]});
  const a = model.predict(tf.zeros([1, 1, 8, 1])).dataSync();
  const b = model.predict(tf.randomNormal([1, 1, 8, 1], 0, 5, 'float32', 3)).dataSync();
  return { shape: model.layers[0].outputShape, same: Array.from(a).every((v, i) => v === b[i]) };
}`;
    flagged(code, /its output would be 0x4, an empty tensor, so nothing after it sees the data/);
    const r = await runMain<{ shape: number[]; same: boolean }>(code);
    assert.deepEqual(r.shape, [null, 0, 4, 1]);
    assert.equal(r.same, true, 'the prediction should not depend on the input');
  });

  it('merge layer with incompatible inputs: apply throws', async () => {
    const code = NS + `export async function main() {
  const a = tf.input({shape: [3]});
  const b = tf.input({shape: [4]});
  const s = tf.layers.add().apply([a, b]);
  return tf.model({inputs: [a, b], outputs: s}).countParams();
}`;
    flagged(code, /^add \(line 5\) needs inputs of compatible shapes/);
    await assert.rejects(runMain(code), /Operands could not be broadcast together with shapes \[3\] \[4\]/);
  });

  it('reshape layer to another element count: builds, then predict throws', async () => {
    const code = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 12}), tf.layers.reshape({targetShape: [5, 4]})]});
  const built = model.outputs[0].shape;
  model.predict(tf.zeros([2, 4]));
  return built;
}`;
    flagged(code, /targetShape \[5, 4\] to hold 12 elements per example .* tfjs builds the model but throws once data flows/);
    await assert.rejects(runMain(code), /Total size of new array must be unchanged|new shape and old shape must have the same number of elements/i);
  });

  it('flatten of a dimension tfjs cannot know: throws when it is added', async () => {
    const code = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.reshape({inputShape: [12], targetShape: [-1, 4]}), tf.layers.flatten()]});
  return model.countParams();
}`;
    flagged(code, /^flatten \(layer 2, line 3\) needs an input whose dimensions \(after the batch\) are all known but gets \[null, null, 4\]/);
    await assert.rejects(runMain(code), /The shape of the input to "Flatten" is not fully defined/);
  });

  it('x of the wrong shape for fit and predict: both throw the quoted error', async () => {
    const fit = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});
  model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
  await model.fit(tf.zeros([8, 5]), tf.zeros([8, 1]), {epochs: 1, verbose: 0});
}`;
    const m1 = flagged(fit, /^x passed to fit has shape \[8, 5\], but the model's input is \[null, 4\]/);
    await assert.rejects(runMain(fit), quoted(m1));
    const predict = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});
  return model.predict(tf.zeros([2, 4, 1])).shape;
}`;
    const m2 = flagged(predict, /^x passed to predict has shape \[2, 4, 1\]/);
    await assert.rejects(runMain(predict), quoted(m2));
  });

  it('dense after conv2d without flatten: fit throws on y; inserting flatten (the fix) trains', async () => {
    const code = NS + `export async function main() {
  const x = tf.randomNormal([8, 6, 6, 1], 0, 1, 'float32', 1);
  const y = tf.randomNormal([8, 1], 0, 1, 'float32', 2);
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({inputShape: [6, 6, 1], filters: 2, kernelSize: 3, activation: 'relu'}),
      tf.layers.dense({units: 1}),
    ],
  });${TRAIN}`;
    const message = flagged(code, /^y passed to fit has shape \[8, 1\], but the model's output is \[null, 4, 4, 1\].*add a flatten layer before it$/);
    await assert.rejects(runMain(code), quoted(message));
    const fixed = fixOnce(rule, code);
    assert.match(fixed, /tf\.layers\.flatten\(\),\n\s+tf\.layers\.dense/);
    const l = await loss(fixed);
    assert.ok(l[2] < l[0], `fixed model should train: ${l}`);
  });

  it('labels of the wrong width for a classification loss (label-format off, or a tf.metrics loss): fit throws', async () => {
    for (const loss of ["'categoricalCrossentropy'", 'tf.metrics.categoricalCrossentropy']) {
      const code = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3, activation: 'softmax'})]});
  model.compile({optimizer: 'adam', loss: ${loss}});
  await model.fit(tf.zeros([6, 4]), tf.zeros([6, 5]), {epochs: 1, verbose: 0});
}`;
      const message = flagged(code, /^y passed to fit has shape \[6, 5\]/);
      await assert.rejects(runMain(code), quoted(message));
    }
  });

  it('x and y with different numbers of examples: fit throws', async () => {
    const code = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({inputShape: [2], units: 1})]});
  model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
  await model.fit(tf.zeros([10, 2]), tf.zeros([9, 1]), {epochs: 1, verbose: 0});
}`;
    const message = flagged(code, /^x has 10 examples but y has 9/);
    await assert.rejects(runMain(code), quoted(message));
  });

  it('fitDataset: an unbatched dataset of arrays, and batches of the wrong width, both throw; batching trains', async () => {
    const unbatched = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});
  model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
  const ds = tf.data.array([{xs: [1, 2, 3], ys: [1]}, {xs: [4, 5, 6], ys: [0]}]);
  const h = await model.fitDataset(ds, {epochs: 2, verbose: 0});
  return h.history.loss;
}`;
    const message = flagged(unbatched, /^the dataset passed to fitDataset is not batched/);
    await assert.rejects(runMain(unbatched), new RegExp(/Received an array of 3 Tensors, but expected 1 to match the input keys dense_Dense\d+_input/));
    assert.match(message, /Received an array of 3 Tensors/);
    const batched = await runMain<number[]>(unbatched.replace('fitDataset(ds,', 'fitDataset(ds.batch(2),'));
    assert.ok(batched.every(Number.isFinite));
    assert.deepEqual(lintWith(rule, unbatched.replace('fitDataset(ds,', 'fitDataset(ds.batch(2),')), []);

    const wide = NS + `export async function main() {
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});
  model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
  const ds = tf.data.array([{xs: [1, 2, 3, 4], ys: [1]}]).batch(1);
  await model.fitDataset(ds, {epochs: 1, verbose: 0});
}`;
    flagged(wide, /yields xs batches of shape \[null, 4\], but the model's input is \[null, 3\]/);
    await assert.rejects(runMain(wide), /expected axis -1 of input shape to have value 3 but got shape 1,4/);
  });

  it('matMul inner sizes, concat of unequal tensors, reshape to another count: each op throws', async () => {
    const ops: [string, RegExp, RegExp][] = [
      ['tf.matMul(tf.ones([2, 3]), tf.ones([2, 4]))', /^matMul of \[2, 3\] and \[2, 4\]: inner sizes 3 and 2 differ$/, /inner shapes \(3\) and \(2\) of Tensors with shapes 2,3 and 2,4 and transposeA=false and transposeB=false must match/],
      ['tf.concat([tf.zeros([2, 3]), tf.zeros([2, 4])])', /^concat along axis 0 of \[2, 3\] and \[2, 4\]/, /Error in concat2D: Shape of tensors\[1\] \(2,4\) does not match the shape of the rest \(2,3\) along the non-concatenated axis 1/],
      ['tf.zeros([2, 3]).reshape([4, 2])', /^reshape of \[2, 3\] \(6 elements\) to \[4, 2\]/, /Size\(6\) must match the product of shape 4,2/],
    ];
    for (const [expr, message, error] of ops) {
      const code = NS + `export async function main() {\n  return ${expr}.shape;\n}`;
      flagged(code, message);
      await assert.rejects(runMain(code), error);
    }
  });
});

describe('shape-mismatch: axis, stride and dtype traps (witness)', function () {
  this.timeout(20000);

  const cases: { name: string; code: string; message: RegExp; error: RegExp; fixed: string }[] = [
    {
      name: 'tf.layers.softmax() on a rank-3 output (default axis 1)',
      code: NS + "export async function main() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 5, inputShape: [4, 3]}));\n  m.add(tf.layers.softmax());\n  return (m.predict(tf.ones([1, 4, 3])) as tf.Tensor).shape;\n}",
      message: /needs axis: -1 for an input of rank 3/,
      error: /Softmax along a non-last dimension is not yet supported/,
      fixed: 'tf.layers.softmax({axis: -1})',
    },
    {
      name: 'conv1d with strides 2 and dilationRate 2',
      code: NS + "export async function main() {\n  const m = tf.sequential({layers: [tf.layers.conv1d({filters: 2, kernelSize: 3, strides: 2, dilationRate: 2, inputShape: [20, 1]})]});\n  return (m.predict(tf.ones([1, 20, 1])) as tf.Tensor).shape;\n}",
      message: /needs strides or dilationRate of 1/,
      error: /Either stride or dilation must be 1/,
      fixed: 'strides: 2, dilationRate: 1',
    },
    {
      name: 'sigmoid of an int32 tensor',
      code: NS + "export async function main() {\n  const counts = tf.tensor1d([1, 2, 3], 'int32');\n  return tf.sigmoid(counts).shape;\n}",
      message: /^sigmoid of an int32 tensor/,
      error: /Argument 'x' passed to 'sigmoid' must be float32 tensor, but got int32 tensor/,
      fixed: "tf.tensor1d([1, 2, 3], 'float32')",
    },
    {
      name: 'oneHot of float32 labels',
      code: NS + "export async function main() {\n  const labels = tf.tensor1d([0, 1, 2]);\n  return tf.oneHot(labels, 3).shape;\n}",
      message: /^oneHot of a float32 tensor/,
      error: /Argument 'indices' passed to 'oneHot' must be int32 tensor, but got float32 tensor/,
      fixed: "tf.tensor1d([0, 1, 2], 'int32')",
    },
  ];

  for (const c of cases) {
    it(`${c.name}: flagged, throws in tfjs 4.22; the change the message asks for runs and is not flagged`, async () => {
      flagged(c.code, c.message);
      await assert.rejects(runMain(c.code), c.error);
      const fixed = c.code
        .replace('tf.layers.softmax()', c.fixed)
        .replace('strides: 2, dilationRate: 2', c.fixed)
        .replace("tf.tensor1d([1, 2, 3], 'int32')", c.fixed)
        .replace('tf.tensor1d([0, 1, 2])', c.fixed);
      assert.notEqual(fixed, c.code);
      assert.equal(lintWith(rule, fixed).length, 0);
      assert.ok(Array.isArray(await runMain(fixed)));
    });
  }
});
