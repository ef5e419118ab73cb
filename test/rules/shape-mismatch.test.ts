import { rule } from '../../rules/shape-mismatch';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NAMED = "import {sequential, layers, input, model, tensor2d, zeros, ones, matMul, concat} from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const ALIAS = "import * as tfn from '@tensorflow/tfjs-node';\n";

// Two- and three-file projects, written the way public code splits them: a config of sizes, a
// model builder (a default export, or CommonJS), the training script that imports both.
const CONFIG_JS = 'export const INPUT_SIZE = 4;\nexport const NUM_CLASSES = 3;\n';
const MODEL_TS = NS + "import { INPUT_SIZE, NUM_CLASSES } from './config';\n\nexport default function buildModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [INPUT_SIZE] }));\n  model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }));\n  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\n  return model;\n}\n";
const MODEL_CJS = "const tf = require('@tensorflow/tfjs');\n\nfunction createModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }));\n  model.add(tf.layers.flatten());\n  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));\n  return model;\n}\n\nmodule.exports = { createModel };\n";
const PROJECT = { 'model.ts': MODEL_TS, 'config.js': CONFIG_JS };
/** A model saved with model.save() into the workspace: a conv net on 28x28x1 images (topology only). */
const SAVED_MODEL = JSON.stringify({
  format: 'layers-model',
  modelTopology: { class_name: 'Sequential', config: { layers: [
    { class_name: 'Conv2D', config: { filters: 8, kernel_size: [3, 3], activation: 'relu', batch_input_shape: [null, 28, 28, 1] } },
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
  ] } },
  weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
});

/** A layer class in a file of its own, as tfjs-examples custom-layer writes it: twice the channels, no weights. */
const ANTIRECTIFIER_JS = "const tf = require('@tensorflow/tfjs');\n\nclass Antirectifier extends tf.layers.Layer {\n  constructor() {\n    super({});\n    this.supportsMasking = true;\n  }\n  computeOutputShape(inputShape) {\n    return [inputShape[0], inputShape[1], inputShape[2], 2 * inputShape[3]];\n  }\n  call(inputs) {\n    const input = Array.isArray(inputs) ? inputs[0] : inputs;\n    return tf.concat([input.relu(), input.neg().relu()], 3);\n  }\n  static get className() {\n    return 'Antirectifier';\n  }\n}\ntf.serialization.registerClass(Antirectifier);\n";
const SWISH_CLASS = "class Swish extends tf.layers.Layer {\n  constructor(config) {\n    super(config);\n    this.alpha = config.alpha;\n  }\n  call(inputs) {\n    const x = Array.isArray(inputs) ? inputs[0] : inputs;\n    return tf.sigmoid(x.mul(this.alpha)).mul(x);\n  }\n  computeOutputShape(inputShape) {\n    return inputShape;\n  }\n  static get className() {\n    return 'Swish';\n  }\n}\n";

runRuleTable(rule, {
  valid: [
    { name: 'two files: a model built in model.ts (sizes from config.js) predicts on x of its input size', filename: 'train.ts', files: PROJECT, code: NS + "import buildModel from './model';\nimport { INPUT_SIZE } from './config';\n\nconst model = buildModel();\nconst x = tf.randomNormal([10, INPUT_SIZE]);\nmodel.predict(x);" },
    { name: 'two files: the builder takes the input size as a parameter (unknown there): quiet', filename: 'train.ts', files: { 'model.ts': NS + "export function buildModel(inputSize: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [inputSize] }));\n  return model;\n}\n" }, code: NS + "import { buildModel } from './model';\nconst model = buildModel(6);\nmodel.predict(tf.zeros([2, 6]));" },
    { name: 'the imported builder is not in the workspace: quiet', filename: 'train.ts', files: {}, code: NS + "import buildModel from './model';\nconst model = buildModel();\nmodel.predict(tf.zeros([2, 99]));" },
    { name: 'a model loaded from the workspace\'s model.json, given images of its input shape', filename: 'predict.js', files: { 'model/model.json': SAVED_MODEL }, code: "const tf = require('@tensorflow/tfjs-node');\nasync function run() {\n  const model = await tf.loadLayersModel('file://./model/model.json');\n  model.predict(tf.zeros([1, 28, 28, 1]));\n}" },
    { name: 'a model loaded over http (not the workspace): quiet', filename: 'predict.js', files: { 'model/model.json': SAVED_MODEL }, code: "const tf = require('@tensorflow/tfjs');\nasync function run() {\n  const model = await tf.loadLayersModel('https://example.com/model/model.json');\n  model.predict(tf.zeros([1, 28, 28]));\n}" },
    { name: 'CommonJS: x of the conv net\'s input shape', filename: 'train.js', files: { 'model.js': MODEL_CJS }, code: "const tf = require('@tensorflow/tfjs');\nconst { createModel } = require('./model');\nconst model = createModel();\nmodel.predict(tf.zeros([1, 28, 28, 1]));" },
    {
      name: 'functional chain through a reassigned let with a layer under a branch: output width unknown, quiet',
      code: NS + "const input = tf.input({shape: [8]});\nlet x = tf.layers.dense({units: 16}).apply(input) as tf.SymbolicTensor;\nif (Math.random() > 0.5) x = tf.layers.dense({units: 2}).apply(x) as tf.SymbolicTensor;\nconst model = tf.model({inputs: input, outputs: x});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([32, 8]), tf.zeros([32, 2]));",
    },
    {
      name: 'browser script: outer let model, other code runs between its creation and its last layer: quiet',
      filename: 'script.js',
      code: "let model;\nfunction createModel() {\n  model = tf.sequential();\n  model.add(tf.layers.dense({units: 10, inputShape: [1], activation: 'relu'}));\n  addHiddenLayers(model);\n  model.add(tf.layers.dense({units: 1}));\n  model.compile({loss: 'meanSquaredError', optimizer: 'adam'});\n}\nasync function train() {\n  createModel();\n  await model.fit(tf.zeros([20, 2]), tf.zeros([20, 1]), {epochs: 5});\n}",
    },
    { name: 'softmax layer on the last axis of a rank-3 input, and on a rank-2 input', code: NS + "const seq = tf.sequential();\nseq.add(tf.layers.dense({units: 5, inputShape: [4, 3]}));\nseq.add(tf.layers.softmax({axis: -1}));\nconst flat = tf.sequential({layers: [tf.layers.dense({units: 3, inputShape: [4]}), tf.layers.softmax()]});" },
    { name: 'conv1d with a stride and no dilation', code: NS + "const m = tf.sequential({layers: [tf.layers.conv1d({filters: 4, kernelSize: 3, strides: 2, inputShape: [20, 1]})]});" },
    { name: 'sigmoid of pixels cast to float first; oneHot of int32 indices and of an array', code: NS + "const img = tf.browser.fromPixels(canvas).toFloat();\nconst s = tf.sigmoid(img);\nconst a = tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3);\nconst b = tf.oneHot([0, 1, 2], 3);" },
    {
      name: 'a model helper called with two different input sizes: the input shape is unknown',
      code: NS + "function createModel(inputSize: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: 8, inputShape: [inputSize]}));\n  model.add(tf.layers.dense({units: 1}));\n  model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\n  return model;\n}\nconst small = createModel(4);\nconst large = createModel(6);\nsmall.fit(tf.zeros([8, 4]), tf.zeros([8, 1]));\nlarge.fit(tf.zeros([8, 6]), tf.zeros([8, 1]));",
    },
    {
      name: 'RL agent: this.model built in the constructor, a layer added by another method, trained elsewhere (order unknown: quiet)',
      code: NS + "class Agent {\n  model: tf.Sequential;\n  constructor() {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.dense({units: 24, inputShape: [4], activation: 'relu'}));\n    this.addHead();\n  }\n  addHead() {\n    this.model.add(tf.layers.dense({units: 2}));\n    this.model.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  }\n  async replay(states: tf.Tensor2D, targets: tf.Tensor2D) {\n    await this.model.fit(tf.zeros([32, 4]), tf.zeros([32, 2]));\n  }\n}",
    },
    {
      name: 'RL agent: the state size set in the constructor after a method already ran: quiet',
      code: NS + "class Agent {\n  constructor(size) {\n    this.initModel();\n    this.stateSize = 3;\n  }\n  initModel() {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.dense({units: 4, inputShape: [this.stateSize]}));\n  }\n  act() { return this.model.predict(tf.zeros([1, 4])); }\n}",
    },
    {
      name: 'a feature list a helper adds a column to: its length is unknown, quiet',
      code: NS + "function addBias(features) { features.push('bias'); }\nconst features = ['a', 'b'];\naddBias(features);\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [features.length]}));\nmodel.predict(tf.zeros([1, 3]));",
    },
    {
      name: 'a model in an outer let, x and y of the right shapes (browser global tf)',
      code: "let model;\nfunction createModel() {\n  model = tf.sequential();\n  model.add(tf.layers.dense({units: 10, inputShape: [2], activation: 'relu'}));\n  model.add(tf.layers.dense({units: 1}));\n  model.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n}\nasync function train() {\n  await model.fit(tf.zeros([50, 2]), tf.zeros([50, 1]), {epochs: 10});\n}",
      filename: 'script.js',
    },
    {
      name: 'features pushed row by row in a loop over unknown data, flattened and reshaped (browser global tf)',
      code: "const xs = [];\nconst ys = [];\nfor (const house of houses) {\n  xs.push(house.rooms, house.area, house.age);\n  ys.push(house.price);\n}\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [3], units: 1}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.tensor1d(xs).reshape([houses.length, 3]), tf.tensor(ys));",
      filename: 'script.js',
    },
    {
      name: 'rows and labels pushed in forEach callbacks, labels one-hot encoded, in a class',
      code: NS + "class Trainer {\n  async train(samples: {a: number; b: number; label: number}[]) {\n    const rows: number[][] = [];\n    const labels: number[] = [];\n    samples.forEach((s) => {\n      rows.push([s.a, s.b]);\n      labels.push(s.label);\n    });\n    const model = tf.sequential();\n    model.add(tf.layers.dense({inputShape: [2], units: 3, activation: 'softmax'}));\n    model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n    await model.fit(tf.tensor2d(rows), tf.oneHot(tf.tensor1d(labels, 'int32'), 3));\n  }\n}",
    },
    {
      name: 'images pushed in a loop and stacked for a CNN',
      code: NS + "const images: tf.Tensor[] = [];\nconst labels: number[] = [];\nfor (const file of files) {\n  images.push(tf.zeros([28, 28, 1]));\n  labels.push(file.label);\n}\nconst model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 4, kernelSize: 3}));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dense({units: 10, activation: 'softmax'}));\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nmodel.fit(tf.stack(images), tf.oneHot(tf.tensor1d(labels, 'int32'), 10));",
    },
    {
      name: 'an array cleared with length = 0 and refilled before the reshape',
      code: NS + "const buffer: number[] = [1, 2, 3];\nbuffer.length = 0;\nfor (let i = 0; i < steps; i++) buffer.push(i, i * 2);\nconst t = tf.tensor1d(buffer).reshape([-1, 2]);",
    },
    {
      name: 'validationData of the right shapes (written out and in a const)',
      code: NS + "const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nconst val = [tf.zeros([5, 4]), tf.zeros([5, 1])];\nmodel.fit(tf.zeros([20, 4]), tf.zeros([20, 1]), {validationData: [tf.zeros([3, 4]), tf.zeros([3, 1])]});\nmodel.fit(tf.zeros([20, 4]), tf.zeros([20, 1]), {validationData: val});",
    },
    {
      name: 'validationData whose shape cannot be known',
      code: NS + "declare const val: [tf.Tensor, tf.Tensor];\nconst model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([20, 4]), tf.zeros([20, 1]), {validationData: val});",
    },
    {
      name: 'MNIST CNN with flatten, x and y of the right shapes',
      code:
        NS +
        "const model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu'}));\nmodel.add(tf.layers.maxPooling2d({poolSize: 2}));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dense({units: 10, activation: 'softmax'}));\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nmodel.fit(tf.zeros([16, 28, 28, 1]), tf.zeros([16, 10]));",
    },
    {
      name: 'input shape from a parameter (its rank unknown too): unknown, quiet',
      code: NS + 'export function build(shape: number[]) {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({inputShape: shape, units: 4}));\n  m.add(tf.layers.conv2d({filters: 2, kernelSize: 3}));\n  return m;\n}',
    },
    {
      name: 'first layer config spread from an unknown object',
      code: NS + 'declare const base: object;\nconst m = tf.sequential({layers: [tf.layers.dense({...base, units: 4}), tf.layers.dense({units: 1})]});',
    },
    {
      name: 'custom layer in the middle: shapes after it are unknown',
      code: NS + "declare const myLayer: any;\nconst m = tf.sequential();\nm.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 4, kernelSize: 3}));\nm.add(myLayer);\nm.add(tf.layers.dense({units: 3}));\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nm.fit(tf.zeros([4, 8, 8, 1]), tf.zeros([4, 3]));",
    },
    {
      name: 'rank-1 labels for a [null, 1] output (tfjs expands them to [n, 1]), require',
      code: REQ + "const m = tf.sequential({layers: [tf.layers.dense({inputShape: [3], units: 1})]});\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nm.fit(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor1d([1, 0]));",
    },
    {
      name: 'dense on a sequence (rank 3) with rank-3 targets',
      code: NS + "const m = tf.sequential({layers: [tf.layers.dense({inputShape: [5, 3], units: 2})]});\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nm.fit(tf.zeros([8, 5, 3]), tf.zeros([8, 5, 2]));",
    },
    {
      name: 'embedding as first layer needs no inputShape; inputDim on dense too',
      code: NS + "const a = tf.sequential({layers: [tf.layers.embedding({inputDim: 100, outputDim: 8}), tf.layers.lstm({units: 4})]});\nconst b = tf.sequential({layers: [tf.layers.dense({inputDim: 4, units: 2})]});",
    },
    {
      name: 'variable-length sequences: inputShape [null, 8] for an LSTM is not a batch dim',
      code: NS + "const m = tf.sequential({layers: [tf.layers.lstm({inputShape: [null, 8], units: 4}), tf.layers.dense({units: 1})]});",
    },
    {
      name: 'functional two-input concat of compatible shapes (named imports)',
      code: NAMED + "const a = input({shape: [4]});\nconst b = input({shape: [6]});\nconst c = layers.concatenate().apply([a, b]);\nconst out = layers.dense({units: 1}).apply(c);\nconst m = model({inputs: [a, b], outputs: out});",
    },
    {
      name: 'tensor ops with matching shapes: matMul with transposeB, broadcasting, concat on axis 1',
      code: NS + 'const a = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);\nconst b = tf.ones([4, 3]);\nconst c = tf.matMul(a, b, false, true);\nconst d = tf.add(tf.ones([3, 1]), tf.ones([1, 4]));\nconst e = tf.concat([a, tf.zeros([2, 5])], 1);\nconst f = a.reshape([3, -1]);',
    },
    {
      name: 'a helper adds the first layer before the visible ones: the first visible layer is not the first',
      code: NS + "function addInput(m: any) {\n  m.add(tf.layers.dense({inputShape: [4], units: 8}));\n}\nconst model = tf.sequential();\naddInput(model);\nmodel.add(tf.layers.dense({units: 1}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([8, 4]), tf.zeros([8, 1]));",
    },
    {
      name: 'a model handed to a training helper after it is built is still checked (see flagged); here it is right',
      code: NS + "declare function train(m: any): void;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [4], units: 1}));\ntrain(model);\nmodel.predict(tf.zeros([2, 4]));",
    },
    {
      name: 'a model built in a loop of unknown length: layer positions not certain',
      code: NS + "declare const depth: number;\nconst m = tf.sequential();\nm.add(tf.layers.dense({inputShape: [4], units: 8}));\nfor (let i = 0; i < depth; i++) m.add(tf.layers.dense({units: 8}));\nm.add(tf.layers.conv2d({filters: 2, kernelSize: 3}));",
    },
    {
      name: 'x of unknown shape (loaded data): quiet',
      code: NS + "declare function loadData(): any;\nconst m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});\nconst {xs, ys} = loadData();\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nm.fit(xs, ys);",
    },
    {
      name: 'predict on a batch of a different size is fine',
      code: ALIAS + "const m = tfn.sequential({layers: [tfn.layers.dense({inputShape: [4], units: 2})]});\nm.predict(tfn.zeros([1, 4]));\nm.predict(tfn.zeros([100, 4]));",
    },
    {
      name: 'tf.data pipeline batched, xs of the model\'s width',
      code: NS + "const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nconst ds = tf.data.zip({xs: tf.data.array([[1, 2, 3]]), ys: tf.data.array([[1]])}).shuffle(10).batch(4);\nm.fitDataset(ds, {epochs: 1});",
    },
    {
      name: "tutorial-style MNIST CNN with typed-array data and tensor4d/tensor2d shapes",
      code: "import * as tf from '@tensorflow/tfjs';\nconst IMAGE_H = 28, IMAGE_W = 28;\nexport function createConvModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.conv2d({inputShape: [IMAGE_H, IMAGE_W, 1], kernelSize: 3, filters: 16, activation: 'relu'}));\n  model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));\n  model.add(tf.layers.conv2d({kernelSize: 3, filters: 32, activation: 'relu'}));\n  model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));\n  model.add(tf.layers.conv2d({kernelSize: 3, filters: 32, activation: 'relu'}));\n  model.add(tf.layers.flatten({}));\n  model.add(tf.layers.dense({units: 64, activation: 'relu'}));\n  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));\n  return model;\n}\nexport async function train(images: Float32Array, labels: Uint8Array, n: number) {\n  const model = createConvModel();\n  model.compile({optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy']});\n  const xs = tf.tensor4d(images, [n, IMAGE_H, IMAGE_W, 1]);\n  const ys = tf.tensor2d(labels, [n, 10]);\n  await model.fit(xs, ys, {batchSize: 320, validationSplit: 0.15, epochs: 3});\n  const preds = model.predict(xs.slice([0, 0, 0, 0], [5, IMAGE_H, IMAGE_W, 1]));\n}\n",
    },
    {
      name: "tutorial-style text models: stacked LSTMs, embedding + conv1d + global pooling, rank-1 labels",
      code: "import * as tf from '@tensorflow/tfjs';\nexport function textModel(sampleLen: number, charSetSize: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.lstm({units: 128, returnSequences: true, inputShape: [sampleLen, charSetSize]}));\n  model.add(tf.layers.lstm({units: 128}));\n  model.add(tf.layers.dense({units: charSetSize, activation: 'softmax'}));\n  return model;\n}\nconst maxLen = 100, vocabularySize = 10000, embeddingSize = 128;\nconst sentiment = tf.sequential();\nsentiment.add(tf.layers.embedding({inputDim: vocabularySize, outputDim: embeddingSize, inputLength: maxLen}));\nsentiment.add(tf.layers.conv1d({filters: 250, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu'}));\nsentiment.add(tf.layers.globalMaxPool1d({}));\nsentiment.add(tf.layers.dense({units: 250, activation: 'relu'}));\nsentiment.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));\nsentiment.compile({loss: 'binaryCrossentropy', optimizer: 'adam', metrics: ['acc']});\nconst xTrain = tf.zeros([32, maxLen]);\nconst yTrain = tf.zeros([32]);\nsentiment.fit(xTrain, yTrain, {epochs: 2});\n",
    },
    {
      name: "tutorial-style functional U-Net skip, iris on a batched tf.data pipeline, tensor ops",
      code: "import * as tf from '@tensorflow/tfjs';\n// functional autoencoder with a skip connection\nconst input = tf.input({shape: [32, 32, 3]});\nconst c1 = tf.layers.conv2d({filters: 16, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(input) as tf.SymbolicTensor;\nconst p1 = tf.layers.maxPooling2d({poolSize: 2}).apply(c1) as tf.SymbolicTensor;\nconst c2 = tf.layers.conv2d({filters: 32, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(p1) as tf.SymbolicTensor;\nconst u1 = tf.layers.upSampling2d({size: [2, 2]}).apply(c2) as tf.SymbolicTensor;\nconst cat = tf.layers.concatenate().apply([u1, c1]) as tf.SymbolicTensor;\nconst out = tf.layers.conv2d({filters: 3, kernelSize: 1, activation: 'sigmoid'}).apply(cat) as tf.SymbolicTensor;\nconst model = tf.model({inputs: input, outputs: out});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nconst imgs = tf.randomUniform([8, 32, 32, 3]);\nmodel.fit(imgs, imgs, {epochs: 1});\nconst iris = tf.sequential({layers: [tf.layers.dense({units: 10, activation: 'sigmoid', inputShape: [4]}), tf.layers.dense({units: 3, activation: 'softmax'})]});\niris.compile({optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy'});\nconst ds = tf.data.array([{xs: [5.1, 3.5, 1.4, 0.2], ys: [1, 0, 0]}]).batch(16);\niris.fitDataset(ds, {epochs: 10});\nconst t = tf.tensor2d([[1, 2], [3, 4]]).expandDims(0).reshape([-1, 4]);\nconst s = tf.matMul(t, tf.ones([4, 1]));\n",
    },
    {
      name: 'a layer class of the file (Swish keeps its input shape) between dense layers, y of the output width',
      filename: 'model.js',
      code: REQ + SWISH_CLASS + "function buildModel(inputSize, hidden) {\n  const input = tf.input({shape: [inputSize]});\n  const h = tf.layers.dense({units: hidden}).apply(input);\n  const activated = new Swish({alpha: 1}).apply(h);\n  const output = tf.layers.dense({units: 1}).apply(activated);\n  return tf.model({inputs: input, outputs: output});\n}\nconst model = buildModel(4, 8);\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([16, 4]), tf.zeros([16, 1]));",
    },
    {
      name: 'a layer class whose computeOutputShape reads a field (this.units): its output is unknown, quiet',
      filename: 'model.js',
      code: REQ + "class Project extends tf.layers.Layer {\n  constructor(config) {\n    super(config);\n    this.units = config.units;\n  }\n  computeOutputShape(inputShape) {\n    return [inputShape[0], this.units];\n  }\n  call(inputs) {\n    const x = Array.isArray(inputs) ? inputs[0] : inputs;\n    return x.slice([0, 0], [-1, this.units]);\n  }\n  static get className() {\n    return 'Project';\n  }\n}\nconst input = tf.input({shape: [6]});\nconst projected = new Project({units: 2}).apply(input);\nconst model = tf.model({inputs: input, outputs: projected});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([16, 6]), tf.zeros([16, 2]));",
    },
    {
      name: 'a layer class applied to a tensor (not a symbolic one): tfjs runs its call, whose shape computeOutputShape does not tell, quiet',
      filename: 'model.js',
      code: REQ + "class FirstTwo extends tf.layers.Layer {\n  call(inputs) {\n    const x = Array.isArray(inputs) ? inputs[0] : inputs;\n    return x.slice([0, 0], [-1, 2]);\n  }\n  static get className() {\n    return 'FirstTwo';\n  }\n}\nconst out = new FirstTwo().apply(tf.ones([3, 6]));\nout.matMul(tf.ones([2, 1])).print();",
    },
    {
      name: 'two files: a layer class required from its own file (module.exports = { Antirectifier }), y of the doubled width',
      filename: 'train.js',
      files: { 'antirectifier.js': ANTIRECTIFIER_JS + 'module.exports = { Antirectifier };\n' },
      code: REQ + "const { Antirectifier } = require('./antirectifier');\nconst model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 2, kernelSize: 3}));\nmodel.add(new Antirectifier());\nmodel.add(tf.layers.flatten());\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([4, 8, 8, 1]), tf.zeros([4, 144]));",
    },
    {
      name: 'a layer class imported from a file the workspace does not have: quiet even where y looks wrong',
      filename: 'train.js',
      files: {},
      code: REQ + "const { Antirectifier } = require('./antirectifier');\nconst model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 2, kernelSize: 3}));\nmodel.add(new Antirectifier());\nmodel.add(tf.layers.flatten());\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([4, 8, 8, 1]), tf.zeros([4, 3]));",
    },
  ],
  invalid: [
    {
      // The size is a parameter, the rank is not: dense gives [null, 4] whatever n is, and conv2d throws on it.
      name: 'input size from a parameter, rank 2 known: a conv2d after the dense layer throws for every size',
      code: NS + 'export function build(n: number) {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({inputShape: [n], units: 4}));\n  m.add(tf.layers.conv2d({filters: 2, kernelSize: 3}));\n  return m;\n}',
      errors: [{ message: /^conv2d \(layer 2, line 5\) needs input of rank 4 \[batch, height, width, channels\] but gets \[null, 4\] from dense \(layer 1, line 4\)/, line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'two files: predict on x with 5 features for the model from model.ts (inputShape [INPUT_SIZE] = [4] from config.js)',
      filename: 'train.ts',
      files: PROJECT,
      code: NS + "import buildModel from './model';\n\nconst model = buildModel();\nconst x = tf.randomNormal([10, 5]);\nmodel.predict(x);",
      errors: [{ message: "x passed to predict has shape [10, 5], but the model's input is [null, 4] (the model from model.ts): predict throws \"Error when checking : expected the input to have shape [null,4] but got array with shape [10,5].\"", line: 6, column: 15 }],
      output: null,
    },
    {
      name: 'CommonJS: module.exports = { createModel } required with destructuring; fit on images without the channel axis',
      filename: 'train.js',
      files: { 'model.js': MODEL_CJS },
      code: "const tf = require('@tensorflow/tfjs');\nconst { createModel } = require('./model');\n\nasync function train(images, labels) {\n  const model = createModel();\n  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\n  await model.fit(tf.zeros([64, 28, 28]), tf.zeros([64, 10]), { epochs: 1 });\n}",
      errors: [{ message: /x passed to fit has shape \[64, 28, 28\], but the model's input is \[null, 28, 28, 1\] \(the model from model\.js\)/, line: 7, column: 19 }],
      output: null,
    },
    {
      name: 'a model loaded from the workspace\'s model.json (a URL built from a constant) predicts on images without the channel axis',
      filename: 'predict.js',
      files: { 'model/model.json': SAVED_MODEL },
      code: "const tf = require('@tensorflow/tfjs-node');\nconst MODEL_DIR = 'file://./model';\nasync function run(pixels) {\n  const model = await tf.loadLayersModel(`${MODEL_DIR}/model.json`);\n  const out = model.predict(tf.zeros([1, 28, 28]));\n}",
      errors: [{ message: /^x passed to predict has shape \[1, 28, 28\], but the model's input is \[null, 28, 28, 1\] \(the model from model\.json\): predict throws "Error when checking : expected the input to have 4 dimension\(s\), but got array with shape \[1,28,28\]"/, line: 5, column: 29 }],
      output: null,
    },
    {
      name: 'sizes from config.js: a model built here with inputShape [INPUT_SIZE], fit on 3 features',
      filename: 'train.ts',
      files: PROJECT,
      code: NS + "import { INPUT_SIZE } from './config';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [INPUT_SIZE] }));\nmodel.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\nmodel.fit(tf.zeros([8, 3]), tf.zeros([8, 1]));",
      errors: [{ message: /x passed to fit has shape \[8, 3\], but the model's input is \[null, 4\]/, line: 6, column: 11 }],
      output: null,
    },
    {
      name: 'a layer class of the file doubling the channels (tfjs-examples custom-layer) in a sequential model: y of the flattened width without the doubling',
      filename: 'model.js',
      code: ANTIRECTIFIER_JS + "\nconst model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 2, kernelSize: 3}));\nmodel.add(new Antirectifier());\nmodel.add(tf.layers.flatten());\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([4, 8, 8, 1]), tf.zeros([4, 72]));",
      errors: [{ message: /^y passed to fit has shape \[4, 72\], but the model's output is \[null, 144\]/, line: 26, column: 35 }],
      output: null,
    },
    {
      name: 'two files: a layer class imported from its own ES module, y of the flattened width without the doubling',
      filename: 'train.js',
      files: { 'antirectifier.js': ANTIRECTIFIER_JS.replace("const tf = require('@tensorflow/tfjs');", "import * as tf from '@tensorflow/tfjs';").replace('class Antirectifier', 'export class Antirectifier') },
      code: "import * as tf from '@tensorflow/tfjs';\nimport { Antirectifier } from './antirectifier';\n\nconst model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 2, kernelSize: 3}));\nmodel.add(new Antirectifier());\nmodel.add(tf.layers.flatten());\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([4, 8, 8, 1]), tf.zeros([4, 72]));",
      errors: [{ message: /^y passed to fit has shape \[4, 72\], but the model's output is \[null, 144\]/, line: 9, column: 35 }],
      output: null,
    },
    {
      name: 'functional chain through one reassigned let (x = layer.apply(x)): y of the wrong width',
      code: NS + "const input = tf.input({shape: [8]});\nlet x = tf.layers.dense({units: 16, activation: 'relu'}).apply(input) as tf.SymbolicTensor;\nx = tf.layers.dropout({rate: 0.2}).apply(x) as tf.SymbolicTensor;\nx = tf.layers.dense({units: 1}).apply(x) as tf.SymbolicTensor;\nconst model = tf.model({inputs: input, outputs: x});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([32, 8]), tf.zeros([32, 2]));",
      errors: [{ message: /^y passed to fit has shape \[32, 2\], but the model's output is \[null, 1\]/, line: 8, column: 30 }],
      output: null,
    },
    {
      name: 'browser script: model kept in an outer let, built in a function, handed to tfvis after its layers; fit with x of the wrong width',
      filename: 'script.js',
      code: "let model;\nfunction createModel() {\n  model = tf.sequential();\n  model.add(tf.layers.dense({units: 10, inputShape: [1], activation: 'relu'}));\n  model.add(tf.layers.dense({units: 1}));\n  model.compile({loss: 'meanSquaredError', optimizer: tf.train.adam(0.01)});\n  tfvis.show.modelSummary({name: 'Model'}, model);\n}\nasync function train() {\n  createModel();\n  await model.fit(tf.zeros([20, 2]), tf.zeros([20, 1]), {epochs: 5});\n}",
      errors: [{ message: /^x passed to fit has shape \[20, 2\], but the model's input is \[null, 1\]/, line: 11, column: 19 }],
      output: null,
    },
    {
      name: 'browser script on the global tf with a commented-out import and a CDN note',
      code: "// import * as tf from '@tensorflow/tfjs';\n// <script src=\"https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js\"></script>\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [3]}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([4, 2]), tf.zeros([4, 1]));",
      filename: 'script.js',
      errors: [{ message: /^x passed to fit has shape \[4, 2\], but the model's input is \[null, 3\]/, line: 6, column: 11 }],
      output: null,
    },
    {
      name: 'React-style class: this.model built in the constructor, fit elsewhere with x of the wrong width',
      code: NS + "export class Trainer {\n  private model: tf.Sequential;\n  constructor() {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.dense({units: 8, inputShape: [3], activation: 'relu'}));\n    this.model.add(tf.layers.dense({units: 1}));\n    this.model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\n  }\n  async train() {\n    await this.model.fit(tf.zeros([10, 4]), tf.zeros([10, 1]));\n  }\n}",
      errors: [{ message: /^x passed to fit has shape \[10, 4\], but the model's input is \[null, 3\]/, line: 11, column: 26 }],
      output: null,
    },
    {
      name: 'RL agent: the state size kept in a field set first in the constructor; predict on states of another size',
      code: NS + "export default class Agent {\n  constructor(config) {\n    this.stateSize = 3;\n    this.rate = config.rate;\n    this.initModel();\n  }\n  initModel() {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.dense({units: 4, inputShape: [this.stateSize]}));\n    this.model.add(tf.layers.dense({units: 2}));\n  }\n  act(state) {\n    return this.model.predict(tf.tensor2d([state], [1, 4]));\n  }\n}",
      errors: [{ message: /^x passed to predict has shape \[1, 4\], but the model's input is \[null, 3\]/, line: 14, column: 31 }],
      output: null,
    },
    {
      name: 'a feature list handed to a data helper that only reads it sizes the model; fit on rows of another width',
      code: NS + "const toTensors = (rows, features) => tf.tensor2d(rows.map((r) => features.map((f) => r[f])));\nconst train = async (featureCount, xs) => {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: 2, activation: 'softmax', inputShape: [featureCount]}));\n  model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n  await model.fit(xs, tf.zeros([4, 2]));\n};\nconst features = ['Glucose', 'Age'];\nconst xs = toTensors(data, features);\ntrain(features.length, tf.zeros([4, 3]));",
      errors: [{ message: /^x passed to fit has shape \[4, 3\], but the model's input is \[null, 2\]/, line: 7, column: 19 }],
      output: null,
    },
    {
      name: 'a model built by a class method and kept in a field; predict on the wrong width',
      code: NS + "class Classifier {\n  model = this.build();\n  build() {\n    const m = tf.sequential();\n    m.add(tf.layers.dense({units: 4, inputShape: [5]}));\n    return m;\n  }\n  classify() {\n    return this.model.predict(tf.zeros([1, 6]));\n  }\n}",
      errors: [{ message: /^x passed to predict has shape \[1, 6\], but the model's input is \[null, 5\]/, line: 10, column: 31 }],
      output: null,
    },
    {
      name: 'rows of 2 numbers pushed in a loop; the model expects 3 features',
      code: NS + "const xs = [];\nconst ys = [];\nfor (const p of points) {\n  xs.push([p.x, p.y]);\n  ys.push(p.label);\n}\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [3], units: 1}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.tensor2d(xs), tf.tensor1d(ys));",
      errors: [{ message: /^x passed to fit has shape \[null, 2\], but the model's input is \[null, 3\] .*fit throws "input expected a batch of elements where each example has shape \[3\]/, line: 11, column: 11 }],
      output: null,
    },
    {
      name: 'a counted push loop gives 10 values; reshape to [3, 3] needs 9',
      code: NS + "const values = [];\nfor (let i = 0; i < 10; i++) values.push(i / 10);\nconst t = tf.tensor1d(values).reshape([3, 3]);",
      errors: [{ message: /^reshape of \[10\] \(10 elements\) to \[3, 3\]: the element counts differ/, line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'tf.layers.softmax() after a rank-3 output: default axis 1 throws at run time',
      code: NS + "const seq = tf.sequential();\nseq.add(tf.layers.dense({units: 5, inputShape: [4, 3]}));\nseq.add(tf.layers.softmax());",
      errors: [{ message: /needs axis: -1 for an input of rank 3 \(its default axis is 1, and tfjs computes softmax only along the last axis\) but gets \[null, 4, 5\].*throws once data flows/, line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'conv1d with strides and dilationRate both 2, in a model-building helper',
      code: NS + "function build() {\n  const model = tf.sequential();\n  model.add(tf.layers.conv1d({filters: 4, kernelSize: 3, strides: 2, dilationRate: 2, inputShape: [20, 1]}));\n  return model;\n}",
      errors: [{ message: /needs strides or dilationRate of 1 \(it has strides 2 and dilationRate 2; tfjs cannot use both\)/, line: 4, column: 13 }],
      output: null,
    },
    {
      name: 'sigmoid of int32 pixels (browser global)',
      filename: 'cam.js',
      code: "const img = tf.browser.fromPixels(video);\nconst squashed = tf.sigmoid(img);",
      errors: [{ message: /^sigmoid of an int32 tensor: tfjs throws "Argument passed to 'sigmoid' must be float32 tensor, but got int32 tensor"/, line: 2, column: 18 }],
      output: null,
    },
    {
      name: 'oneHot of float labels, require',
      code: REQ + "const labels = tf.tensor1d([0, 1, 2, 1]);\nconst ys = tf.oneHot(labels, 3);",
      errors: [{ message: /^oneHot of a float32 tensor: tfjs throws "Argument 'indices' passed to 'oneHot' must be int32 tensor, but got float32 tensor"/, line: 3, column: 12 }],
      output: null,
    },
    {
      // With label-format on, this finding gives way to label-format's (test/engine/linter.test.ts); alone, tfjs's error is reported.
      name: 'label width against units with a classification loss, label-format not on: the error tfjs throws is reported',
      code: NS + "const m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3, activation: 'softmax'})]});\nm.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nm.fit(tf.zeros([6, 4]), tf.zeros([6, 5]));",
      errors: [{ message: /^y passed to fit has shape \[6, 5\], but the model's output is \[null, 3\]/, line: 4, column: 25 }],
      output: null,
    },
    {
      name: 'a tf.metrics loss function (label-format looks at loss strings only): the y width error is reported',
      code: NS + "const m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3, activation: 'softmax'})]});\nm.compile({optimizer: 'adam', loss: tf.metrics.categoricalCrossentropy});\nm.fit(tf.zeros([6, 4]), tf.zeros([6, 5]));",
      errors: [{ message: /^y passed to fit has shape \[6, 5\], but the model's output is \[null, 3\]/, line: 4, column: 25 }],
      output: null,
    },
    {
      name: 'validationData x of the wrong width',
      code: NS + "const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([20, 4]), tf.zeros([20, 1]), {validationData: [tf.zeros([5, 3]), tf.zeros([5, 1])]});",
      errors: [{ message: /^validationData x passed to fit has shape \[5, 3\], but the model's input is \[null, 4\] .*: fit throws "input expected a batch of elements where each example has shape \[4\]/, line: 4, column: 67 }],
      output: null,
    },
    {
      name: 'validationData in a const, y of the wrong width and a different count (require)',
      code: REQ + "const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 2})]});\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nconst val = [tf.zeros([5, 4]), tf.zeros([6, 3])];\nmodel.fit(tf.zeros([20, 4]), tf.zeros([20, 2]), {validationData: val, epochs: 2});",
      filename: 'train.js',
      errors: [
        { message: /^validationData y passed to fit has shape \[6, 3\], but the model's output is \[null, 2\]/, line: 4, column: 32 },
        { message: /^validationData x has 5 examples but validationData y has 6: fit throws "Input Tensors should have the same number of samples/, line: 4, column: 32 },
      ],
      output: null,
    },
    {
      name: 'tf.data pipeline not batched: plain arrays read as separate tensors',
      code: NS + "const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nconst ds = tf.data.array([{xs: [1, 2, 3], ys: [1]}, {xs: [4, 5, 6], ys: [0]}]);\nm.fitDataset(ds, {epochs: 1});",
      errors: [{ message: /^the dataset passed to fitDataset is not batched: each element's xs is a plain array of 3 numbers.*Call \.batch\(n\) on the dataset$/, line: 5, column: 14 }],
      output: null,
    },
    {
      name: 'tf.data batches of the wrong width',
      code: NS + "const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});\nconst ds = tf.data.array([{xs: [1, 2, 3, 4], ys: [1]}]).batch(1);\nm.evaluateDataset(ds);",
      errors: [{ message: /^the dataset passed to evaluateDataset yields xs batches of shape \[null, 4\], but the model's input is \[null, 3\]/, line: 4, column: 19 }],
      output: null,
    },
    {
      name: 'first layer without inputShape; x passed to fit gives it',
      code: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 10, activation: 'relu'}));\nmodel.add(tf.layers.dense({units: 1}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([32, 784]), tf.zeros([32, 1]));",
      errors: [{ message: /^dense \(layer 1, line 3\) is the first layer of the sequential model but has no inputShape .*when model\.add\(\) adds it\. The x given to fit has shape \[32, 784\], so inputShape: \[784\]$/, line: 3, column: 11 }],
      output: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [784], units: 10, activation: 'relu'}));\nmodel.add(tf.layers.dense({units: 1}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([32, 784]), tf.zeros([32, 1]));",
    },
    {
      name: 'first layer without inputShape in a layers array, no data to infer it from (require)',
      code: REQ + 'const model = tf.sequential({\n  layers: [\n    tf.layers.flatten(),\n    tf.layers.dense({units: 3}),\n  ],\n});',
      errors: [{ message: /^flatten \(layer 1, line 4\) is the first layer .*when tf\.sequential\(\) builds the model$/, line: 4, column: 5 }],
      output: null,
    },
    {
      name: 'null batch dimension written into inputShape of a conv2d (named imports)',
      code: NAMED + "const m = sequential({layers: [layers.conv2d({inputShape: [null, 28, 28, 1], filters: 4, kernelSize: 3}), layers.flatten(), layers.dense({units: 10})]});",
      errors: [{ message: /^conv2d \(layer 1, line 2\) has inputShape \[null, 28, 28, 1\], which includes the batch dimension: tfjs adds the batch itself, so the model expects \[null, null, 28, 28, 1\]\. Use inputShape \[28, 28, 1\]$/, line: 2, column: 60 }],
      output: NAMED + "const m = sequential({layers: [layers.conv2d({inputShape: [28, 28, 1], filters: 4, kernelSize: 3}), layers.flatten(), layers.dense({units: 10})]});",
    },
    {
      name: 'batch size constant written into inputShape',
      code: NS + 'const batchSize = 32;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [batchSize, 784], units: 10}));',
      errors: [{ message: /has inputShape \[32, 784\], which includes the batch dimension.* Use inputShape \[784\]$/, line: 4, column: 41 }],
      output: NS + 'const batchSize = 32;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [784], units: 10}));',
    },
    {
      name: 'conv2d after dense: rank 2 where rank 4 is needed',
      code: NS + 'const model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [128], units: 64}));\nmodel.add(tf.layers.conv2d({filters: 8, kernelSize: 3}));',
      errors: [{ message: 'conv2d (layer 2, line 4) needs input of rank 4 [batch, height, width, channels] but gets [null, 64] from dense (layer 1, line 3): tfjs throws when the layer is added to the model', line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'conv2d after a counted loop of dense layers (the loop written out layer by layer)',
      code: NS + "const m = tf.sequential();\nm.add(tf.layers.dense({inputShape: [4], units: 8}));\nfor (let i = 0; i < 3; i++) m.add(tf.layers.dense({units: 8}));\nm.add(tf.layers.conv2d({filters: 2, kernelSize: 3}));",
      errors: [{ message: 'conv2d (layer 5, line 5) needs input of rank 4 [batch, height, width, channels] but gets [null, 8] from dense (layer 4, line 4): tfjs throws when the layer is added to the model', line: 5, column: 7 }],
      output: null,
    },
    {
      name: 'lstm on rank-2 input',
      code: NS + 'const model = tf.sequential({layers: [tf.layers.lstm({inputShape: [10], units: 4})]});',
      errors: [{ message: /^lstm \(layer 1, line 2\) needs input of rank 3 \[batch, steps, channels\] but gets \[null, 10\] from the model input/, line: 2, column: 39 }],
      output: null,
    },
    {
      name: 'kernel larger than the image: negative size in a sequential model',
      code: NS + 'const model = tf.sequential({layers: [tf.layers.conv2d({inputShape: [3, 3, 1], filters: 2, kernelSize: 5})]});',
      errors: [{ message: /^conv2d \(layer 1, line 2\) gets \[null, 3, 3, 1\] from the model input and its output would be \[null, -1, -1, 2\]: tfjs throws "Negative dimension size caused by adding layer"/, line: 2, column: 39 }],
      output: null,
    },
    {
      name: 'pooling shrinks a size to zero: the output is empty',
      code: NS + 'const model = tf.sequential({layers: [tf.layers.maxPooling2d({inputShape: [1, 8, 1], poolSize: 2}), tf.layers.flatten(), tf.layers.dense({units: 2})]});',
      errors: [{ message: /^maxPooling2d \(layer 1, line 2\) needs a larger input \(its output would be 0x4, an empty tensor, so nothing after it sees the data\) but gets \[null, 1, 8, 1\]/, line: 2, column: 39 }],
      output: null,
    },
    {
      name: 'functional add of [null, 3] and [null, 4]',
      code: NS + 'const a = tf.input({shape: [3]});\nconst b = tf.input({shape: [4]});\nconst s = tf.layers.add().apply([a, b]);\nconst m = tf.model({inputs: [a, b], outputs: s});',
      errors: [{ message: /^add \(line 4\) needs inputs of compatible shapes \(add is elementwise\) but gets \[null, 3\] and \[null, 4\]: tfjs throws when apply\(\) is called$/, line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'functional concatenate of inputs that differ off the concat axis',
      code: NS + 'const a = tf.input({shape: [3, 4]});\nconst b = tf.input({shape: [5, 4]});\nconst c = tf.layers.concatenate({axis: -1}).apply([a, b]);',
      errors: [{ message: /^concatenate \(line 4\) needs inputs that match on every axis except the concat axis \(the last axis\) but gets \[null, 3, 4\] and \[null, 5, 4\]/, line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'reshape layer to a different element count',
      code: NS + 'const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 12}), tf.layers.reshape({targetShape: [5, 4]})]});',
      errors: [{ message: /^reshape \(layer 2, line 2\) needs targetShape \[5, 4\] to hold 12 elements per example but gets \[null, 12\] from dense \(layer 1, line 2\): tfjs builds the model but throws once data flows/, line: 2, column: 86 }],
      output: null,
    },
    {
      name: 'x of the wrong width given to fit (browser global tf)',
      code: "const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3})]});\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nmodel.fit(tf.zeros([10, 5]), tf.zeros([10, 3]));",
      errors: [{ message: 'x passed to fit has shape [10, 5], but the model\'s input is [null, 4] (inputShape of dense, layer 1, line 1): fit throws "input expected a batch of elements where each example has shape [4] ..."', line: 3, column: 11 }],
      output: null,
    },
    {
      name: 'dense after conv2d without flatten: output keeps rank 4, y is rank 2 (layers array)',
      code: NS + "const model = tf.sequential({\n  layers: [\n    tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3}),\n    tf.layers.maxPooling2d({poolSize: 2}),\n    tf.layers.dense({units: 10, activation: 'softmax'}),\n  ],\n});\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nmodel.fit(tf.zeros([4, 28, 28, 1]), tf.zeros([4, 10]));",
      errors: [{ message: /^y passed to fit has shape \[4, 10\], but the model's output is \[null, 13, 13, 10\] \(from dense, layer 3, line 6\): fit throws "Error when checking target: expected dense_Dense1 to have 4 dimension\(s\)\. but got array with shape 4,10"\. dense \(layer 3\) gets \[null, 13, 13, 8\] .*add a flatten layer before it$/, line: 10, column: 37 }],
      output: NS + "const model = tf.sequential({\n  layers: [\n    tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3}),\n    tf.layers.maxPooling2d({poolSize: 2}),\n    tf.layers.flatten(),\n    tf.layers.dense({units: 10, activation: 'softmax'}),\n  ],\n});\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\nmodel.fit(tf.zeros([4, 28, 28, 1]), tf.zeros([4, 10]));",
    },
    {
      name: 'dense after conv2d without flatten, built with model.add (require)',
      code: REQ + "async function train() {\n  const net = tf.sequential();\n  net.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu'}));\n  net.add(tf.layers.dense({units: 16, activation: 'relu'}));\n  net.add(tf.layers.dense({units: 1}));\n  net.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  await net.fit(tf.zeros([8, 8, 8, 1]), tf.zeros([8, 1]));\n}",
      errors: [{ message: /^y passed to fit has shape \[8, 1\], but the model's output is \[null, 6, 6, 1\]/, line: 8, column: 41 }],
      output: REQ + "async function train() {\n  const net = tf.sequential();\n  net.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu'}));\n  net.add(tf.layers.flatten());\n  net.add(tf.layers.dense({units: 16, activation: 'relu'}));\n  net.add(tf.layers.dense({units: 1}));\n  net.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  await net.fit(tf.zeros([8, 8, 8, 1]), tf.zeros([8, 1]));\n}",
    },
    {
      name: 'dense after conv1d in a one-line layers array (named imports): flatten inserted in the same line',
      code: NAMED + "const m = sequential({layers: [layers.conv1d({inputShape: [20, 3], filters: 4, kernelSize: 3}), layers.dense({units: 1})]});\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nm.fit(zeros([10, 20, 3]), zeros([10, 1]));",
      errors: [{ message: /^y passed to fit has shape \[10, 1\], but the model's output is \[null, 18, 1\]/, line: 4, column: 27 }],
      output: NAMED + "const m = sequential({layers: [layers.conv1d({inputShape: [20, 3], filters: 4, kernelSize: 3}), layers.flatten(), layers.dense({units: 1})]});\nm.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nm.fit(zeros([10, 20, 3]), zeros([10, 1]));",
    },
    {
      name: 'a model handed to a helper after its layers are added is still checked',
      code: NS + "declare function train(m: any): void;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [4], units: 1}));\ntrain(model);\nmodel.predict(tf.zeros([2, 5]));",
      errors: [{ message: /^x passed to predict has shape \[2, 5\], but the model's input is \[null, 4\]/, line: 6, column: 15 }],
      output: null,
    },
    {
      name: 'x and y with different numbers of examples',
      code: NS + "const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nconst xs = tf.zeros([100, 4]);\nconst ys = tf.zeros([99, 1]);\nmodel.fit(xs, ys);",
      errors: [{ message: /^x has 100 examples but y has 99: fit throws "Input Tensors should have the same number of samples as target Tensors/, line: 6, column: 15 }],
      output: null,
    },
    {
      name: 'matMul inner sizes differ',
      code: NAMED + 'const a = tensor2d([[1, 2, 3], [4, 5, 6]]);\nconst b = ones([2, 4]);\nconst c = matMul(a, b);',
      errors: [{ message: 'matMul of [2, 3] and [2, 4]: inner sizes 3 and 2 differ', line: 4, column: 11 }],
      output: null,
    },
    {
      name: 'concat of tensors that differ off the axis, and a tensor reshape to another count',
      code: NS + 'const a = tf.zeros([2, 3]);\nconst b = tf.zeros([2, 4]);\nconst c = tf.concat([a, b]);\nconst d = a.reshape([4, 2]);',
      errors: [
        { message: 'concat along axis 0 of [2, 3] and [2, 4]: every other axis must match', line: 4, column: 11 },
        { message: 'reshape of [2, 3] (6 elements) to [4, 2]: the element counts differ', line: 5, column: 11 },
      ],
      output: null,
    },
    {
      name: 'flatten after a reshape with -1: tfjs cannot know the size',
      code: NS + 'const model = tf.sequential({layers: [tf.layers.reshape({inputShape: [12], targetShape: [-1, 4]}), tf.layers.flatten(), tf.layers.dense({units: 2})]});',
      errors: [{ message: /^flatten \(layer 2, line 2\) needs an input whose dimensions \(after the batch\) are all known but gets \[null, null, 4\] from reshape \(layer 1, line 2\)/, line: 2, column: 100 }],
      output: null,
    },
  ],
});
