import { rule } from '../../rules/removed-api';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 3, inputShape: [4], activation: 'softmax'})]});\n";

runRuleTable(rule, {
  valid: [
    { name: 'the 1.0 names', code: NS + "async function init() {\n  const model = await tf.loadLayersModel('model/model.json');\n  const img = tf.browser.fromPixels(document.getElementById('cam'));\n  await tf.browser.toPixels(img, canvas);\n}" },
    { name: 'browser script pinned to tfjs 0.13 by its CDN URL (in a comment of a userscript)', filename: 'main.js', code: "// @require https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.13.0\nlet model;\nasync function start() {\n  model = await tf.loadModel('model/model.json');\n}" },
    { name: 'worker pinned to 0.15 with importScripts', filename: 'worker.js', code: "importScripts('https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.15.3/dist/tf.min.js');\nconst img = tf.fromPixels(imageData);" },
    { name: 'project declares tfjs 0.x in package.json (passed by the front end)', filename: 'main.js', code: "const tf = require('@tensorflow/tfjs');\ntf.loadModel('file://model.json').then((m) => { this.model = m; });", project: { tfjsMajor: 0, tfjsFrom: 'package.json' } },
    { name: 'tfjs 1.x pin: batchNormalization still existed (removed in 2.0)', filename: 'bn.js', code: "importScripts('https://unpkg.com/@tensorflow/tfjs@1.7.4');\nconst y = tf.batchNormalization(x, mean, variance);" },
    { name: 'a class of the file with a Keras-style method', code: NS + "class Classifier {\n  constructor() { this.model = null; }\n  predict_classes(x) { return this.model.predict(x).argMax(-1); }\n  run(x) { return this.predict_classes(x); }\n}" },
    { name: 'await t.buffer() is right in 1.x', code: NS + "async function show(t) {\n  const x = tf.tensor1d([1, 2, 3]);\n  const buf = await x.buffer();\n  console.log(buf.get(0));\n}" },
    { name: 'get on a Map, not a tensor', code: NS + "const cache = new Map();\nconst m = cache.get('model');\nconst t = tf.tensor1d([1, 2]);\nt.bufferSync().get(0);" },
    { name: 'loadModel as a property of another object', code: NS + "const loader = { loadModel: (u) => tf.loadLayersModel(u) };\nloader.loadModel('m.json');" },
    { name: 'a type named Model in TypeScript (types are not run)', code: NS + "let m: tf.LayersModel;\nfunction keep(model: tf.LayersModel) { m = model; }" },
    { name: 'feature check of the old name (tfjs-examples lstm-text-generation)', filename: 'gen_node.js', code: "const tf = require('@tensorflow/tfjs');\nasync function main(args) {\n  const loadModel = tf.loadModel || tf.loadLayersModel;\n  const model = await loadModel(`file://${args.modelJSONPath}`);\n  if (tf.fromPixels) console.log('old tfjs');\n}" },
    { name: 'get on a TensorBuffer from tf.buffer (tfjs-examples date-conversion-attention)', code: NS + "function decode(model, enc) {\n  const decoderInput = tf.buffer([1, 10]);\n  decoderInput.set(1, 0, 0);\n  model.predict([enc, decoderInput.toTensor()]);\n  return decoderInput.get(0, 1);\n}" },
    { name: 'a local function named fromPixels', code: NS + "function fromPixels(el) { return tf.browser.fromPixels(el); }\nconst t = fromPixels(video);" },
    { name: 'Keras-style name on something that is not a model (a known tensor)', code: NS + "const t = tf.tensor1d([1, 2]);\nt.get_weights && console.log('no');" },
  ],
  invalid: [
    {
      name: 'namespace import: tf.loadModel in an async init',
      code: NS + "async function init() {\n  const model = await tf.loadModel('model/model.json');\n  return model;\n}",
      errors: [{ message: 'tf.loadModel was removed in TensorFlow.js 1.0, so the call throws "tf.loadModel is not a function". Use tf.loadLayersModel (same arguments).', line: 3, column: 26 }],
      output: NS + "async function init() {\n  const model = await tf.loadLayersModel('model/model.json');\n  return model;\n}",
    },
    {
      name: 'browser global tf in a class: this.model = await tf.loadModel(url, false) (a strict flag: no fix)',
      filename: 'app.js',
      code: "class App {\n  async load() {\n    this.model = await tf.loadModel('https://example.com/model.json', false);\n  }\n}",
      errors: [{ message: /tf\.loadModel was removed in TensorFlow\.js 1\.0.* Use tf\.loadLayersModel \(its second argument is an options object such as \{strict: false\}, not a boolean\)\.$/, line: 3, column: 27 }],
      output: null,
    },
    {
      name: 'tf.fromPixels in a requestAnimationFrame loop, browser global',
      filename: 'webcam.js',
      code: "function loop() {\n  const img = tf.fromPixels(video).toFloat().div(255);\n  requestAnimationFrame(loop);\n}",
      errors: [{ message: 'tf.fromPixels was removed in TensorFlow.js 1.0, so the call throws "tf.fromPixels is not a function". Use tf.browser.fromPixels (same arguments).', line: 2, column: 18 }],
      output: "function loop() {\n  const img = tf.browser.fromPixels(video).toFloat().div(255);\n  requestAnimationFrame(loop);\n}",
    },
    {
      name: 'require: tf.toPixels in an event handler',
      filename: 'draw.js',
      code: REQ + "button.addEventListener('click', async () => {\n  await tf.toPixels(out, canvas);\n});",
      errors: [{ message: /tf\.toPixels .* Use tf\.browser\.toPixels \(same arguments\)\./, line: 3, column: 12 }],
      output: REQ + "button.addEventListener('click', async () => {\n  await tf.browser.toPixels(out, canvas);\n});",
    },
    {
      name: 'loadFrozenModel: no fix (the converter format changed)',
      code: NS + "const model = await tf.loadFrozenModel(MODEL_URL, WEIGHTS_URL);",
      errors: [{ message: /tf\.loadFrozenModel was removed .* Use tf\.loadGraphModel \(it loads the model\.json/, line: 2, column: 24 }],
      output: null,
    },
    {
      name: 'named import of a removed name: flagged at the use, no fix',
      code: "import { fromPixels, tidy } from '@tensorflow/tfjs';\nconst t = tidy(() => fromPixels(video));",
      errors: [{ message: /^fromPixels was removed in TensorFlow\.js 1\.0/, line: 2, column: 22 }],
      output: null,
    },
    {
      name: 'tensor.get was removed in 1.0: bufferSync().get',
      code: NS + "const t = tf.tensor2d([[1, 2], [3, 4]]);\nconsole.log(t.get(1, 0));",
      errors: [{ message: 't.get() was removed in TensorFlow.js 1.0, so the call throws "t.get() is not a function". Use tensor.bufferSync().get (same arguments).', line: 3, column: 15 }],
      output: NS + "const t = tf.tensor2d([[1, 2], [3, 4]]);\nconsole.log(t.bufferSync().get(1, 0));",
    },
    {
      name: 'prediction.buffer().get(...) uses a Promise as a buffer',
      code: NS + MODEL + "const p = model.predict(tf.zeros([1, 4]));\nconst best = p.buffer().get(0, 1);",
      errors: [{ message: /p\.buffer\(\) returns a Promise since TensorFlow\.js 1\.0/, line: 4, column: 16 }],
      output: NS + MODEL + "const p = model.predict(tf.zeros([1, 4]));\nconst best = p.bufferSync().get(0, 1);",
    },
    {
      name: 'Keras predict_classes on a sequential model: no fix',
      code: NS + MODEL + "const classes = model.predict_classes(tf.zeros([1, 4]));",
      errors: [{ message: 'model.predict_classes() is Python Keras; a TensorFlow.js model has no such method, so the call throws "model.predict_classes is not a function". Use model.predict(x).argMax(-1).', line: 3, column: 23 }],
      output: null,
    },
    {
      name: 'Keras train_on_batch on this.model in a class (loaded elsewhere)',
      filename: 'agent.js',
      code: "class Agent {\n  async init() {\n    this.model = await tf.loadLayersModel('indexeddb://agent');\n  }\n  async replay(xs, ys) {\n    return this.model.train_on_batch(xs, ys);\n  }\n}",
      errors: [{ message: /this\.model\.train_on_batch\(\) is Python Keras.* Use model\.trainOnBatch\./, line: 6, column: 23 }],
      output: "class Agent {\n  async init() {\n    this.model = await tf.loadLayersModel('indexeddb://agent');\n  }\n  async replay(xs, ys) {\n    return this.model.trainOnBatch(xs, ys);\n  }\n}",
    },
    {
      name: 'Keras get_weights: the fix is offered but not safe (tensors, not arrays)',
      code: NS + MODEL + "const w = model.get_weights();",
      errors: [{ message: /Use model\.getWeights \(it returns tensors\)\./, line: 3, column: 17 }],
      output: NS + MODEL + "const w = model.getWeights();",
    },
    {
      name: 'addStrict removed in 3.0: the fix to tf.add is not safe (it broadcasts)',
      code: NS + "const c = tf.addStrict(a, b);",
      errors: [{ message: /tf\.addStrict was removed in TensorFlow\.js 3\.0.* Use tf\.add \(tf\.add broadcasts where the strict op threw on different shapes\)\./, line: 2, column: 14 }],
      output: NS + "const c = tf.add(a, b);",
    },
    {
      name: 'batchNormalization removed in 2.0: no fix (argument order)',
      code: REQ + "const y = tf.batchNormalization(x, mean, variance, 0.001, scale, offset);",
      errors: [{ message: /tf\.batchNormalization was removed in TensorFlow\.js 2\.0.* Use tf\.batchNorm \(its arguments are/, line: 2, column: 14 }],
      output: null,
    },
    {
      name: 'new tf.Model({inputs, outputs})',
      code: NS + "const input = tf.input({shape: [4]});\nconst output = tf.layers.dense({units: 1}).apply(input);\nconst model = new tf.Model({inputs: input, outputs: output});",
      errors: [{ message: /tf\.Model was removed in TensorFlow\.js 1\.0/, line: 4, column: 22 }],
      output: NS + "const input = tf.input({shape: [4]});\nconst output = tf.layers.dense({units: 1}).apply(input);\nconst model = new tf.LayersModel({inputs: input, outputs: output});",
    },
    {
      name: 'tfjs 1.x pin: removed-in-2.0 names still flagged only from their release on (addStrict existed in 2.x, fromPixels did not)',
      filename: 'old.js',
      code: "importScripts('https://unpkg.com/@tensorflow/tfjs@1.7.4');\nconst a = tf.addStrict(x, y);\nconst img = tf.fromPixels(video);",
      errors: [{ message: /tf\.fromPixels was removed/, line: 3, column: 16 }],
      output: "importScripts('https://unpkg.com/@tensorflow/tfjs@1.7.4');\nconst a = tf.addStrict(x, y);\nconst img = tf.browser.fromPixels(video);",
    },
  ],
});
