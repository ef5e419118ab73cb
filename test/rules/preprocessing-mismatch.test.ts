import { rule } from '../../rules/preprocessing-mismatch';
import { runRuleTable } from '../harness/rule-tester';

const SCALE = /the model sees inputs on a scale it never learned, and its outputs are wrong without any error\. Preprocess both the same way \(one helper for both is safest\)\.$/;

/** A React component that keeps its model in this.model; `predict` is the prediction input line. */
const component = (predict: string) => `import React from 'react';
import * as tf from '@tensorflow/tfjs';
export class Classifier extends React.Component {
  componentDidMount() {
    this.model = tf.sequential();
    this.model.add(tf.layers.flatten({inputShape: [28, 28, 1]}));
    this.model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
    this.model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
  }
  async train(images, labels) {
    const xs = tf.stack(images.map((img) => tf.browser.fromPixels(img, 1).toFloat().div(255)));
    await this.model.fit(xs, labels, {epochs: 5});
  }
  classify(canvas) {
    const input = ${predict};
    return this.model.predict(input);
  }
}
`;

/** The house-price codelab: min-max scaled inputs; `predict` is what is fed to predict. */
const codelab = (predict: string) => `const tf = require('@tensorflow/tfjs');
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
const inputs = tf.tensor2d([[800], [1200], [1500], [2000]]);
const labels = tf.tensor2d([[100], [150], [190], [250]]);
const inputMin = inputs.min();
const inputMax = inputs.max();
const normalizedInputs = inputs.sub(inputMin).div(inputMax.sub(inputMin));
async function run() {
  await model.fit(normalizedInputs, labels, {epochs: 50});
  const pred = model.predict(${predict});
  pred.print();
}
run();
`;

/** A browser script with the global tf, an outer let model and a webcam loop. */
const webcam = (frame: string, trainSize = '[224, 224]') => `let model;
const video = document.getElementById('webcam');
async function train(ys) {
  model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [224, 224, 3], filters: 8, kernelSize: 3}));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({units: 2, activation: 'softmax'}));
  model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
  const batch = [];
  for (const img of document.querySelectorAll('img.sample')) {
    batch.push(tf.image.resizeBilinear(tf.browser.fromPixels(img), ${trainSize}).div(127.5).sub(1));
  }
  await model.fit(tf.stack(batch), ys, {epochs: 10});
}
function loop() {
  tf.tidy(() => {
    const frame = ${frame};
    model.predict(frame.expandDims(0));
  });
  requestAnimationFrame(loop);
}
`;

runRuleTable(rule, {
  valid: [
    {
      name: 'training and prediction through the same helper',
      code: `import * as tf from '@tensorflow/tfjs';
function preprocess(img) {
  return tf.browser.fromPixels(img).toFloat().div(255).expandDims(0);
}
const model = tf.sequential({layers: [tf.layers.flatten({inputShape: [28, 28, 3]}), tf.layers.dense({units: 2})]});
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
export async function train(img, y) { await model.fit(preprocess(img), y); }
export function guess(img) { return model.predict(preprocess(img)); }
`,
      filename: 'helper.js',
    },
    { name: 'React: the prediction input scaled the same way', code: component('tf.browser.fromPixels(canvas, 1).toFloat().div(255).expandDims(0)'), filename: 'Classifier.jsx' },
    { name: 'React: the same scale written as mul(1 / 255)', code: component('tf.browser.fromPixels(canvas, 1).expandDims(0).mul(1 / 255)'), filename: 'Classifier.jsx' },
    { name: 'codelab: the prediction input min-max scaled with the training statistics', code: codelab('tf.tensor2d([[1700]]).sub(inputMin).div(inputMax.sub(inputMin))'), filename: 'script.js' },
    { name: 'codelab: a small literal that may be scaled by hand already', code: codelab('tf.tensor2d([[0.45]])'), filename: 'script.js' },
    { name: 'webcam: the same resize and scaling as in training', code: webcam('tf.image.resizeBilinear(tf.browser.fromPixels(video), [224, 224]).div(127.5).sub(1)'), filename: 'app.js' },
    {
      name: 'training data from another file: its preprocessing is unknown',
      code: `import * as tf from '@tensorflow/tfjs';
import { trainXs, trainYs } from './data';
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
await model.fit(trainXs, trainYs, {epochs: 20});
model.predict(tf.tensor2d([[1500, 3, 2]]));
`,
    },
    {
      name: 'training batches from a data class the file cannot see (MNIST loader)',
      code: `import * as tf from '@tensorflow/tfjs';
import { MnistData } from './data';
const model = tf.sequential({layers: [tf.layers.flatten({inputShape: [28, 28, 1]}), tf.layers.dense({units: 10, activation: 'softmax'})]});
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
export async function run(canvas) {
  const data = new MnistData();
  await data.load();
  const batch = data.nextTrainBatch(512);
  await model.fit(batch.xs.reshape([512, 28, 28, 1]), batch.labels, {epochs: 3});
  return model.predict(tf.browser.fromPixels(canvas, 1).expandDims(0));
}
`,
    },
    {
      name: 'trained and predicted on raw values alike',
      code: `const tf = require('@tensorflow/tfjs');
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
model.fit(tf.tensor2d([[1], [2], [3], [4]]), tf.tensor2d([[1], [3], [5], [7]]), {epochs: 100}).then(() => {
  model.predict(tf.tensor2d([[20]])).print();
});
`,
    },
    {
      name: 'fitDataset: the training inputs come from a dataset',
      code: `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
const xs = tf.tensor2d([[800], [1200]]);
await model.fit(xs.div(1000), tf.tensor2d([[1], [2]]));
await model.fitDataset(ds, {epochs: 5});
model.predict(tf.tensor2d([[1500]]));
`,
    },
    {
      name: 'two models: one trained on scaled inputs, the other predicting raw ones',
      code: `import * as tf from '@tensorflow/tfjs';
const a = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
const b = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
a.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
b.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
await a.fit(tf.tensor2d([[800], [1200]]).div(1000), tf.tensor2d([[1], [2]]));
await b.fit(tf.tensor2d([[800], [1200]]), tf.tensor2d([[1], [2]]));
b.predict(tf.tensor2d([[1500]]));
`,
    },
    {
      name: 'helpers with parameters on both sides, the same scaling',
      code: `import * as tf from '@tensorflow/tfjs';
const normalize = (t) => t.toFloat().div(255);
const model = tf.sequential({layers: [tf.layers.flatten({inputShape: [32, 32, 3]}), tf.layers.dense({units: 2, activation: 'softmax'})]});
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
export async function train(img, y) {
  await model.fit(normalize(tf.browser.fromPixels(img).expandDims(0)), y, {epochs: 10});
}
export function guess(video) {
  const frame = tf.browser.fromPixels(video);
  return model.predict(normalize(frame.expandDims(0)));
}
`,
      filename: 'helpers.js',
    },
    {
      name: 'a helper whose argument comes from a parameter: unknown',
      code: `import * as tf from '@tensorflow/tfjs';
const normalize = (t) => t.toFloat().div(255);
const model = tf.sequential({layers: [tf.layers.flatten({inputShape: [32, 32, 3]}), tf.layers.dense({units: 2, activation: 'softmax'})]});
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
export async function train(batch, y) {
  await model.fit(normalize(batch), y, {epochs: 10});
}
export function guess(video) {
  return model.predict(tf.browser.fromPixels(video).expandDims(0));
}
`,
      filename: 'helpers.js',
    },
    {
      name: 'a resize to a size the file does not know',
      code: webcam('tf.image.resizeBilinear(tf.browser.fromPixels(video), [size, size]).div(127.5).sub(1)').replace('let model;', 'let model;\nlet size = 224;'),
      filename: 'app.js',
    },
  ],
  invalid: [
    {
      name: 'helpers with parameters: training through normalize(batch), prediction through toInput(frame) that does not scale',
      code: `import * as tf from '@tensorflow/tfjs';
const normalize = (t) => t.toFloat().div(255);
function toInput(img) {
  return tf.browser.fromPixels(img).expandDims(0);
}
const model = tf.sequential({layers: [tf.layers.flatten({inputShape: [32, 32, 3]}), tf.layers.dense({units: 2, activation: 'softmax'})]});
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
export async function train(img, y) {
  const batch = tf.browser.fromPixels(img).expandDims(0);
  await model.fit(normalize(batch), y, {epochs: 10});
}
export function guess(video) {
  return model.predict(toInput(video));
}
`,
      filename: 'helpers.js',
      errors: [{ message: /^model is trained on pixel values \(0-255\) scaled by \.div\(255\) \(fit, line 10\) but predict on line 13 gets pixel values \(0-255\) with no scaling: /, line: 4, column: 10 }],
      output: `import * as tf from '@tensorflow/tfjs';
const normalize = (t) => t.toFloat().div(255);
function toInput(img) {
  return tf.browser.fromPixels(img).expandDims(0);
}
const model = tf.sequential({layers: [tf.layers.flatten({inputShape: [32, 32, 3]}), tf.layers.dense({units: 2, activation: 'softmax'})]});
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
export async function train(img, y) {
  const batch = tf.browser.fromPixels(img).expandDims(0);
  await model.fit(normalize(batch), y, {epochs: 10});
}
export function guess(video) {
  return model.predict(toInput(video).div(255));
}
`,
    },
    {
      name: 'React component: trained on pixels / 255, classifies raw pixels (this.model)',
      code: component('tf.browser.fromPixels(canvas, 1).expandDims(0)'),
      filename: 'Classifier.jsx',
      errors: [{ message: /^this\.model is trained on pixel values \(0-255\) scaled by \.div\(255\) \(fit, line 12\) but predict on line 16 gets pixel values \(0-255\) with no scaling: /, line: 15, column: 19 }],
      output: component('tf.browser.fromPixels(canvas, 1).expandDims(0)').replace('this.model.predict(input)', 'this.model.predict(input.div(255))'),
    },
    {
      name: 'codelab: min-max scaled training inputs, a raw literal house size at predict',
      code: codelab('tf.tensor2d([[1700]])'),
      filename: 'script.js',
      errors: [{ message: /^model is trained on numbers written in the code scaled by \.sub\(inputMin\)\.div\(inputMax\.sub\(inputMin\)\) \(fit, line 10\) but predict on line 11 gets numbers written in the code with no scaling: /, line: 11, column: 30 }],
      output: null,
    },
    {
      name: 'webcam loop (browser global tf, outer let): trained on x / 127.5 - 1, predicts on x / 255',
      code: webcam('tf.image.resizeBilinear(tf.browser.fromPixels(video), [224, 224]).div(255)'),
      filename: 'app.js',
      errors: [{ message: /^model is trained on pixel values \(0-255\) scaled by \.div\(127\.5\)\.sub\(1\) \(fit, line 13\) but predict on line 18 gets pixel values \(0-255\) scaled by \.div\(255\): /, line: 18, column: 19 }],
      output: null,
    },
    {
      name: 'webcam loop: trained on 224x224 images, predicts on 128x128 ones',
      code: webcam('tf.image.resizeBilinear(tf.browser.fromPixels(video), [128, 128]).div(127.5).sub(1)'),
      filename: 'app.js',
      errors: [{ message: /^model is trained on images resized to 224x224 \(fit, line 13\) but predict on line 18 gets images resized to 128x128: the model sees inputs at a size it never learned, .*Resize both to the same size\.$/, line: 18, column: 19 }],
      output: null,
    },
    {
      name: 'browser form: trained on sizes / 1000, predicts on the number typed in',
      code: `const model = tf.sequential();
model.add(tf.layers.dense({units: 1, inputShape: [1]}));
model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
const sizes = tf.tensor2d([[800], [1200], [1500]]);
model.fit(sizes.div(1000), tf.tensor2d([[1], [1.5], [1.9]]), {epochs: 100});
document.getElementById('go').onclick = () => {
  const sqft = parseFloat(document.getElementById('sqft').value);
  model.predict(tf.tensor2d([[sqft]])).print();
};
`,
      filename: 'page.js',
      errors: [{ message: /^model is trained on numbers written in the code scaled by \.div\(1000\) \(fit, line 5\) but predict on line 8 gets numbers parsed from text with no scaling: /, line: 8, column: 17 }],
      output: `const model = tf.sequential();
model.add(tf.layers.dense({units: 1, inputShape: [1]}));
model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
const sizes = tf.tensor2d([[800], [1200], [1500]]);
model.fit(sizes.div(1000), tf.tensor2d([[1], [1.5], [1.9]]), {epochs: 100});
document.getElementById('go').onclick = () => {
  const sqft = parseFloat(document.getElementById('sqft').value);
  model.predict(tf.tensor2d([[sqft]]).div(1000)).print();
};
`,
    },
    {
      name: 'standardised features in training, raw ones at evaluate',
      code: `import * as tf from '@tensorflow/tfjs';
const features = tf.tensor2d([[1500, 3], [2100, 4], [900, 2], [1800, 3]]);
const {mean, variance} = tf.moments(features, 0);
const std = variance.sqrt();
const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
await model.fit(features.sub(mean).div(std), tf.tensor2d([[3], [4], [2], [3.5]]), {epochs: 30});
const result = model.evaluate(tf.tensor2d([[1600, 3]]), tf.tensor2d([[3.2]]));
`,
      errors: [{ message: /^model is trained on numbers written in the code scaled by \.sub\(mean\)\.div\(std\) \(fit, line 7\) but evaluate on line 8 gets numbers written in the code with no scaling: /, line: 8, column: 31 }],
      output: null,
    },
    {
      name: 'named imports, functional model: trained on toFloat().div(255), predicts on toFloat() only',
      code: `import { browser, input, layers, model as makeModel } from '@tensorflow/tfjs';
const inp = input({shape: [32, 32, 3]});
const out = layers.dense({units: 2, activation: 'softmax'}).apply(layers.flatten().apply(inp));
const net = makeModel({inputs: inp, outputs: out});
net.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
export async function learn(canvas, y) {
  await net.fit(browser.fromPixels(canvas).toFloat().div(255).expandDims(0), y);
}
export function see(canvas) {
  return net.predict(browser.fromPixels(canvas).toFloat().expandDims(0));
}
`,
      errors: [{ message: /^net is trained on pixel values \(0-255\) scaled by \.div\(255\) \(fit, line 7\) but predict on line 10 gets pixel values \(0-255\) with no scaling: /, line: 10, column: 22 }],
      output: `import { browser, input, layers, model as makeModel } from '@tensorflow/tfjs';
const inp = input({shape: [32, 32, 3]});
const out = layers.dense({units: 2, activation: 'softmax'}).apply(layers.flatten().apply(inp));
const net = makeModel({inputs: inp, outputs: out});
net.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});
export async function learn(canvas, y) {
  await net.fit(browser.fromPixels(canvas).toFloat().div(255).expandDims(0), y);
}
export function see(canvas) {
  return net.predict(browser.fromPixels(canvas).toFloat().expandDims(0).div(255));
}
`,
    },
    {
      name: 'TypeScript: trained on pixels scaled in a pushed list, predicts raw literal pixel values through a const',
      code: `import * as tf from '@tensorflow/tfjs';
const model: tf.Sequential = tf.sequential();
model.add(tf.layers.dense({units: 1, inputShape: [4]}));
model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
const rows: tf.Tensor[] = [];
for (const img of Array.from(document.images)) rows.push(tf.browser.fromPixels(img, 1).reshape([4]).div(255));
await model.fit(tf.stack(rows), tf.tensor2d([[1], [0]]));
const probe = tf.tensor2d([[10, 200, 30, 250]]);
model.predict(probe);
`,
      errors: [{ message: /^model is trained on pixel values \(0-255\) scaled by \.div\(255\) \(fit, line 7\) but predict on line 9 gets numbers written in the code with no scaling: /, line: 9, column: 15 }],
      output: `import * as tf from '@tensorflow/tfjs';
const model: tf.Sequential = tf.sequential();
model.add(tf.layers.dense({units: 1, inputShape: [4]}));
model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
const rows: tf.Tensor[] = [];
for (const img of Array.from(document.images)) rows.push(tf.browser.fromPixels(img, 1).reshape([4]).div(255));
await model.fit(tf.stack(rows), tf.tensor2d([[1], [0]]));
const probe = tf.tensor2d([[10, 200, 30, 250]]);
model.predict(probe.div(255));
`,
    },
  ],
});
