import { rule } from '../../rules/unawaited-load';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs-node');\n";

runRuleTable(rule, {
  valid: [
    { name: 'awaited load', code: NS + "async function init() {\n  const model = await tf.loadLayersModel('model.json');\n  model.predict(tf.zeros([1, 4]));\n}" },
    { name: 'then chain', code: NS + "tf.loadLayersModel('model.json').then((m) => m.predict(tf.zeros([1, 4])));" },
    { name: 'the Promise kept and awaited later', code: NS + "const loading = tf.loadGraphModel('model.json');\nasync function run(x) {\n  const model = await loading;\n  return model.predict(x);\n}" },
    { name: 'this.model awaited in an async init', filename: 'app.js', code: "class App {\n  async init() {\n    this.model = await tf.loadLayersModel('indexeddb://m');\n  }\n  predict(x) {\n    return this.model.predict(x);\n  }\n}" },
    { name: 'this.model assigned the Promise, then the awaited value elsewhere', filename: 'app.js', code: "class App {\n  constructor() {\n    this.model = tf.loadLayersModel('m.json');\n  }\n  async ready() {\n    this.model = await this.model;\n  }\n  predict(x) {\n    return this.model.predict(x);\n  }\n}" },
    { name: 'global model assigned in a then callback', filename: 'main.js', code: "let model;\ntf.loadLayersModel('m.json').then((m) => { model = m; });\nfunction onClick() {\n  model.predict(tf.zeros([1, 2]));\n}" },
    { name: 'await t.data()', code: NS + "async function show(t) {\n  const x = tf.tensor1d([1, 2, 3]);\n  const values = await x.data();\n  console.log(values[0]);\n}" },
    { name: 'data() of a tf.data dataset source is not a tensor read', code: NS + "const ds = tf.data.array([1, 2]);\nconst p = ds.toArray();\np.then((a) => a.length);" },
    { name: 'Promise passed to Promise.all', code: NS + "async function go() {\n  const [m] = await Promise.all([tf.loadLayersModel('a.json')]);\n  m.predict(x);\n}" },
    { name: 'webcam awaited', code: NS + "async function start(video) {\n  const cam = await tf.data.webcam(video);\n  const img = await cam.capture();\n}" },
  ],
  invalid: [
    {
      name: 'const model = tf.loadLayersModel(url) in an async function: await added',
      code: NS + "async function init() {\n  const model = tf.loadLayersModel('model/model.json');\n  model.predict(tf.zeros([1, 4])).print();\n}",
      errors: [{ message: 'tf.loadLayersModel() returns a Promise, not the model, so model.predict on line 4 throws "model.predict is not a function". Await it: `await tf.loadLayersModel(...)`.', line: 3, column: 17 }],
      output: NS + "async function init() {\n  const model = await tf.loadLayersModel('model/model.json');\n  model.predict(tf.zeros([1, 4])).print();\n}",
    },
    {
      name: 'on the spot in an async arrow: parenthesised await',
      code: NS + "const run = async (x) => {\n  const y = tf.loadGraphModel('m.json').execute(x);\n  return y;\n};",
      errors: [{ message: /tf\.loadGraphModel\(\) returns a Promise, not the model, so tf\.loadGraphModel\('m\.json'\)\.execute on line 3 throws/, line: 3, column: 13 }],
      output: NS + "const run = async (x) => {\n  const y = (await tf.loadGraphModel('m.json')).execute(x);\n  return y;\n};",
    },
    {
      name: 'this.model = tf.loadLayersModel in a constructor, used in a method (browser global): no fix',
      filename: 'classifier.js',
      code: "class Classifier {\n  constructor() {\n    this.model = tf.loadLayersModel('model.json');\n  }\n  classify(img) {\n    return this.model.predict(img);\n  }\n}",
      errors: [{ message: /this\.model\.predict on line 6 throws "this\.model\.predict is not a function"/, line: 3, column: 18 }],
      output: null,
    },
    {
      name: 'global let model assigned in an async init without await, require',
      filename: 'server.js',
      code: REQ + "let model;\nasync function load() {\n  model = tf.loadLayersModel('file://./model/model.json');\n}\nfunction predict(x) {\n  return model.predict(x);\n}",
      errors: [{ message: /model\.predict on line 7 throws/, line: 4, column: 11 }],
      output: REQ + "let model;\nasync function load() {\n  model = await tf.loadLayersModel('file://./model/model.json');\n}\nfunction predict(x) {\n  return model.predict(x);\n}",
    },
    {
      name: 'model.summary() on the Promise at the top level: no fix',
      code: NS + "const model = tf.loadLayersModel('m.json');\nmodel.summary();",
      errors: [{ message: /model\.summary on line 3 throws "model\.summary is not a function"/, line: 2, column: 15 }],
      output: null,
    },
    {
      name: 'prediction.data()[0] reads undefined: dataSync',
      code: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [2]})]});\nconst p = model.predict(tf.zeros([1, 2]));\nconst first = p.data()[0];",
      errors: [{ message: 'p.data() returns a Promise, not the values, so p.data()[0] on line 4 is undefined. Use dataSync() for the values now, or await p.data().', line: 4, column: 15 }],
      output: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [2]})]});\nconst p = model.predict(tf.zeros([1, 2]));\nconst first = p.dataSync()[0];",
    },
    {
      name: 'const values = t.array(); values.length',
      code: NS + "function count() {\n  const t = tf.tensor2d([[1, 2], [3, 4]]);\n  const rows = t.array();\n  return rows.length;\n}",
      errors: [{ message: /t\.array\(\) returns a Promise, not the values, so rows\.length on line 5 is undefined\. Use arraySync\(\)/, line: 4, column: 16 }],
      output: NS + "function count() {\n  const t = tf.tensor2d([[1, 2], [3, 4]]);\n  const rows = t.arraySync();\n  return rows.length;\n}",
    },
    {
      name: 'tf.data.webcam without await: cam.capture is not a function',
      code: NS + "async function start(video) {\n  const cam = tf.data.webcam(video);\n  const img = await cam.capture();\n}",
      errors: [{ message: /tf\.data\.webcam\(\) returns a Promise, not the webcam iterator, so cam\.capture on line 4 throws/, line: 3, column: 15 }],
      output: NS + "async function start(video) {\n  const cam = await tf.data.webcam(video);\n  const img = await cam.capture();\n}",
    },
    {
      name: 'class field initialised with the load (TypeScript)',
      code: NS + "export class Detector {\n  model = tf.loadGraphModel('m/model.json');\n  async detect(x: tf.Tensor) {\n    return this.model.executeAsync(x);\n  }\n}",
      errors: [{ message: /this\.model\.executeAsync on line 5 throws/, line: 3, column: 11 }],
      output: null,
    },
  ],
});
