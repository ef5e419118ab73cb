import { rule } from '../../rules/unnormalized-input';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NODE = "const tf = require('@tensorflow/tfjs-node');\n";
const CNN = "const model = tf.sequential({layers: [tf.layers.conv2d({inputShape: [28, 28, 3], filters: 8, kernelSize: 3}), tf.layers.flatten(), tf.layers.dense({units: 10, activation: 'softmax'})]});\n";
const SCALE = '.toFloat().div(255)';

runRuleTable(rule, {
  valid: [
    {
      name: 'an int32 literal tensor of small counts (0-3) is not pixels: dividing by 255 would stop learning',
      code: `${NS}const model = tf.sequential({layers: [tf.layers.dense({units: 8, inputShape: [3], activation: 'relu'}), tf.layers.dense({units: 1})]});
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
const xs = tf.tensor2d([[0, 1, 3], [2, 3, 1], [1, 0, 2], [3, 2, 0]], [4, 3], 'int32');
await model.fit(xs, tf.tensor2d([[1], [4], [2], [3]]), {epochs: 50});`,
    },
    {
      name: "int32 data whose values are unknown (a parameter): not known to be pixels",
      code: `${NS}export class Trainer {
  model = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [784]})]});
  async train(pixels: number[], n: number, ys: tf.Tensor) {
    await this.model.fit(tf.tensor2d(pixels, [n, 784], 'int32'), ys);
  }
}
const model = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [784]})]});
await model.fit(tf.tensor2d(pixels, [n, 784], 'int32'), ys);`,
    },
    { name: 'fromPixels scaled with div', code: NS + CNN + 'const img = tf.browser.fromPixels(canvas).toFloat().div(255).expandDims(0);\nmodel.predict(img);' },
    { name: 'standardised with sub/div', code: NS + CNN + 'const x = tf.browser.fromPixels(canvas).toFloat();\nconst y = x.sub(mean).div(std).expandDims(0);\nmodel.predict(y);' },
    { name: 'scaled with mul(1/255)', code: NS + CNN + 'model.predict(tf.browser.fromPixels(canvas).toFloat().mul(1 / 255).expandDims(0));' },
    { name: 'rescaling layer at the input', code: NS + "const model = tf.sequential({layers: [tf.layers.rescaling({scale: 1 / 255, inputShape: [28, 28, 3]}), tf.layers.flatten(), tf.layers.dense({units: 10})]});\nmodel.predict(tf.browser.fromPixels(canvas).expandDims(0));" },
    { name: 'embedding takes int32 ids', code: NS + "const model = tf.sequential({layers: [tf.layers.embedding({inputDim: 1000, outputDim: 16, inputLength: 20}), tf.layers.flatten(), tf.layers.dense({units: 1})]});\nawait model.fit(tf.tensor2d(ids, [n, 20], 'int32'), labels);" },
    { name: 'loaded model (its preprocessing is unknown)', code: NS + "const model = await tf.loadGraphModel(url);\nmodel.predict(tf.browser.fromPixels(video).expandDims(0));" },
    { name: 'model from a parameter', code: NS + 'export function classify(model, canvas) {\n  return model.predict(tf.browser.fromPixels(canvas).expandDims(0));\n}' },
    { name: 'float32 data in a Float32Array', code: NS + CNN + 'model.predict(tf.tensor4d(new Float32Array(buf), [1, 28, 28, 3]));' },
    { name: 'int32 labels reach fit as y, not x', code: NS + CNN + "await model.fit(tf.tensor4d(pixels, [n, 28, 28, 3]).div(255), tf.oneHot(tf.tensor1d(labels, 'int32'), 10));" },
    { name: 'an unknown op on the way (custom normalisation)', code: NS + CNN + 'model.predict(normalize(tf.browser.fromPixels(canvas)).expandDims(0));' },
    { name: 'unknown first layer', code: NS + 'const model = tf.sequential({layers: makeLayers()});\nmodel.predict(tf.browser.fromPixels(canvas).expandDims(0));' },
    { name: 'functional model cut from a loaded model (its input range is the loaded model\'s)', code: NS + "const base = await tf.loadLayersModel(url);\nconst cut = tf.model({inputs: base.inputs, outputs: base.getLayer('conv_pw_13_relu').output});\ncut.predict(tf.browser.fromPixels(video).expandDims(0));" },
    { name: 'dtype argument that is not a string (broken code)', code: NS + CNN + 'const xs = tf.tensor4d(new Uint8Array(raw), [n, 28, 28, 3], [dtype]);\nawait model.fit(xs, ys);' },
    { name: 'helper parameter scaled inside the helper', code: NS + CNN + 'const prep = (t) => t.toFloat().div(255).expandDims(0);\nmodel.predict(prep(tf.browser.fromPixels(canvas)));' },
    { name: 'tensor methods named like Object members', code: NS + CNN + 'model.predict(x.constructor(1));\nmodel.predict(tf.zeros([1, 28, 28, 3]).valueOf());' },
    { name: 'batch norm first', code: NS + "const model = tf.sequential();\nmodel.add(tf.layers.batchNormalization({inputShape: [28, 28, 3]}));\nmodel.add(tf.layers.flatten());\nmodel.predict(tf.browser.fromPixels(c).expandDims(0));" },
  ],
  invalid: [
    {
      name: 'namespace import, fromPixels -> expandDims -> predict',
      code: NS + CNN + 'const img = tf.browser.fromPixels(canvas).expandDims(0);\nmodel.predict(img);',
      errors: [{ message: 'int32 pixel values (0-255) from tf.browser.fromPixels reach model.predict() on line 4 without a float cast and scaling: inputs in the hundreds saturate activations and swamp the gradients, so the model trains badly. Append .toFloat().div(255).', line: 3, column: 13 }],
      output: NS + CNN + `const img = tf.browser.fromPixels(canvas)${SCALE}.expandDims(0);\nmodel.predict(img);`,
    },
    {
      name: 'browser global tf, toFloat without scaling',
      code: CNN + 'const x = tf.browser.fromPixels(video).toFloat().expandDims();\nconst p = model.predict(x);',
      errors: [{ message: /from tf\.browser\.fromPixels reach model\.predict\(\) on line 3/, line: 2, column: 11 }],
      output: CNN + `const x = tf.browser.fromPixels(video)${SCALE}.toFloat().expandDims();\nconst p = model.predict(x);`,
    },
    {
      name: 'node decodeImage through a helper function into fit',
      code: NODE + CNN + 'function load(buf) {\n  return tf.node.decodeImage(buf, 3).resizeBilinear([28, 28]);\n}\nconst xs = tf.stack([load(a), load(b)]);\nawait model.fit(xs, ys, {epochs: 5});',
      errors: [{ message: /from tf\.node\.decodeImage reach model\.fit\(\) on line 7/, line: 4, column: 10 }],
      output: NODE + CNN + `function load(buf) {\n  return tf.node.decodeImage(buf, 3)${SCALE}.resizeBilinear([28, 28]);\n}\nconst xs = tf.stack([load(a), load(b)]);\nawait model.fit(xs, ys, {epochs: 5});`,
    },
    {
      name: 'decodeJpeg with tf.image.resizeBilinear (keeps the 0-255 scale)',
      code: NODE + CNN + 'const img = tf.image.resizeBilinear(tf.node.decodeJpeg(bytes), [28, 28]);\nmodel.evaluate(img.expandDims(0), y);',
      errors: [{ message: /from tf\.node\.decodeJpeg reach model\.evaluate\(\)/, line: 3, column: 37 }],
      output: NODE + CNN + `const img = tf.image.resizeBilinear(tf.node.decodeJpeg(bytes)${SCALE}, [28, 28]);\nmodel.evaluate(img.expandDims(0), y);`,
    },
    {
      name: 'tensor from a Uint8Array into fit',
      code: NS + CNN + 'const xs = tf.tensor4d(new Uint8Array(raw), [n, 28, 28, 3]);\nawait model.fit(xs, ys, {epochs: 10});',
      errors: [{ message: /^0-255 values from a Uint8Array \(tf\.tensor4d\) reach model\.fit\(\)/, line: 3, column: 12 }],
      output: NS + CNN + `const xs = tf.tensor4d(new Uint8Array(raw), [n, 28, 28, 3])${SCALE};\nawait model.fit(xs, ys, {epochs: 10});`,
    },
    {
      name: "Uint8Array with dtype 'float32' is still 0-255",
      code: NS + CNN + "model.predict(tf.tensor(new Uint8Array(raw), [1, 28, 28, 3], 'float32'));",
      errors: [{ message: /^0-255 values from a Uint8Array \(tf\.tensor, dtype 'float32'\)/, line: 3, column: 15 }],
      output: NS + CNN + `model.predict(tf.tensor(new Uint8Array(raw), [1, 28, 28, 3], 'float32')${SCALE});`,
    },
    {
      name: "tensor with dtype 'int32' of grey levels known to reach 200 (the fix divides by the known maximum)",
      code: `${NS}const GREY = [[0, 200, 35, 120], [180, 20, 90, 5]];
const model = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [4]})]});
await model.fit(tf.tensor2d(GREY, [2, 4], 'int32'), ys);`,
      errors: [{ message: "int32 values up to 200 (tf.tensor2d with dtype 'int32') reach model.fit() on line 4 without a float cast and scaling: inputs in the hundreds saturate activations and swamp the gradients, so the model trains badly. Append .toFloat().div(200).", line: 4, column: 17 }],
      output: `${NS}const GREY = [[0, 200, 35, 120], [180, 20, 90, 5]];
const model = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [4]})]});
await model.fit(tf.tensor2d(GREY, [2, 4], 'int32').toFloat().div(200), ys);`,
    },
    {
      name: 'named imports, functional model, apply',
      code: "import {browser, input, layers, model as makeModel} from '@tensorflow/tfjs';\nconst inp = input({shape: [28, 28, 3]});\nconst out = layers.dense({units: 2}).apply(layers.flatten().apply(inp));\nconst net = makeModel({inputs: inp, outputs: out});\nnet.apply(browser.fromPixels(canvas).expandDims(0));",
      errors: [{ message: /from tf\.browser\.fromPixels reach net\.apply\(\)/, line: 5, column: 11 }],
      output: "import {browser, input, layers, model as makeModel} from '@tensorflow/tfjs';\nconst inp = input({shape: [28, 28, 3]});\nconst out = layers.dense({units: 2}).apply(layers.flatten().apply(inp));\nconst net = makeModel({inputs: inp, outputs: out});\n" + `net.apply(browser.fromPixels(canvas)${SCALE}.expandDims(0));`,
    },
    {
      name: 'awaited fromPixelsAsync inside tf.tidy',
      code: NS + CNN + 'const frame = await tf.browser.fromPixelsAsync(video);\nconst p = tf.tidy(() => model.predict(frame.expandDims(0)));',
      errors: [{ message: /from tf\.browser\.fromPixelsAsync reach model\.predict\(\)/, line: 3, column: 21 }],
      output: NS + CNN + `const frame = (await tf.browser.fromPixelsAsync(video))${SCALE};\nconst p = tf.tidy(() => model.predict(frame.expandDims(0)));`,
    },
    {
      name: 'model built with add(), tensor of an Int32Array of 0-255 grey levels, trainOnBatch',
      code: `${NS}const grey = new Int32Array([0, 255, 128, 64, 12, 200, 30, 90, 0, 255, 128, 64, 12, 200, 30, 90]);
const model = tf.sequential();
model.add(tf.layers.dense({units: 3, inputShape: [16]}));
await model.trainOnBatch(tf.tensor2d(grey, [1, 16]), ys);`,
      errors: [{ message: /^int32 values up to 255 \(an Int32Array, tf\.tensor2d\) reach model\.trainOnBatch\(\) on line 5 .* Append \.toFloat\(\)\.div\(255\)\.$/, line: 5, column: 26 }],
      output: `${NS}const grey = new Int32Array([0, 255, 128, 64, 12, 200, 30, 90, 0, 255, 128, 64, 12, 200, 30, 90]);
const model = tf.sequential();
model.add(tf.layers.dense({units: 3, inputShape: [16]}));
await model.trainOnBatch(tf.tensor2d(grey, [1, 16])${SCALE}, ys);`,
    },
    {
      name: 'MNIST drawing pad: grey channel from mean(2) is still 0-255',
      code: NS + "const model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 5}));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dense({units: 10, activation: 'softmax'}));\nfunction predictDigit(canvas) {\n  return tf.tidy(() => {\n    const x = tf.browser.fromPixels(canvas).resizeNearestNeighbor([28, 28]).mean(2).expandDims(2).expandDims().toFloat();\n    return model.predict(x).argMax(-1);\n  });\n}",
      errors: [{ message: /from tf\.browser\.fromPixels reach model\.predict\(\) on line 9/, line: 8, column: 15 }],
      output: NS + "const model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 5}));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dense({units: 10, activation: 'softmax'}));\nfunction predictDigit(canvas) {\n  return tf.tidy(() => {\n    const x = tf.browser.fromPixels(canvas)" + SCALE + ".resizeNearestNeighbor([28, 28]).mean(2).expandDims(2).expandDims().toFloat();\n    return model.predict(x).argMax(-1);\n  });\n}",
    },
    {
      name: 'helper that takes the raw tensor as a parameter',
      code: NS + CNN + 'function batchOf(t) {\n  return t.resizeBilinear([28, 28]).expandDims(0);\n}\nconst x = batchOf(tf.browser.fromPixels(canvas));\nmodel.predict(x);',
      errors: [{ message: /from tf\.browser\.fromPixels reach model\.predict\(\) on line 7/, line: 6, column: 19 }],
      output: NS + CNN + `function batchOf(t) {\n  return t.resizeBilinear([28, 28]).expandDims(0);\n}\nconst x = batchOf(tf.browser.fromPixels(canvas)${SCALE});\nmodel.predict(x);`,
    },
    {
      name: 'block-bodied helper with a local const, decodePng argument, evaluate',
      code: NODE + CNN + 'function toBatch(img) {\n  const resized = tf.image.resizeBilinear(img, [28, 28]);\n  return resized.expandDims(0);\n}\nmodel.evaluate(toBatch(tf.node.decodePng(buf, 3)), y);',
      errors: [{ message: /from tf\.node\.decodePng reach model\.evaluate\(\) on line 7/, line: 7, column: 24 }],
      output: NODE + CNN + `function toBatch(img) {\n  const resized = tf.image.resizeBilinear(img, [28, 28]);\n  return resized.expandDims(0);\n}\nmodel.evaluate(toBatch(tf.node.decodePng(buf, 3)${SCALE}), y);`,
    },
    {
      name: 'one source reaching two calls is reported once',
      code: NS + CNN + 'const batch = tf.browser.fromPixels(c).expandDims(0);\nawait model.fit(batch, y);\nmodel.predict(batch);',
      errors: [{ message: /reach model\.fit\(\) on line 4/, line: 3, column: 15 }],
      output: NS + CNN + `const batch = tf.browser.fromPixels(c)${SCALE}.expandDims(0);\nawait model.fit(batch, y);\nmodel.predict(batch);`,
    },
  ],
});
