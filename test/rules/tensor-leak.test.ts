import { rule } from '../../rules/tensor-leak';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs-node');\n";
const MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 2, inputShape: [4]})]});\n";

runRuleTable(rule, {
  valid: [
    {
      name: 'tensors another module returns, called in a loop: made (and owned) there, not by this file',
      filename: 'train.js',
      code: NS + `import * as data from './data';
import { getBatch } from './data';
for (let i = 0; i < 100; i++) {
  const [xs, ys] = data.getData();
  const b = getBatch(i);
  console.log(xs.shape, ys.shape, b.shape);
}`,
      files: { 'data.js': NS + 'export function getData() {\n  return [tf.zeros([8, 4]), tf.ones([8, 3])];\n}\nexport function getBatch(i) {\n  return tf.zeros([i, 4]);\n}\n' },
    },
    {
      name: 'one image printed from a 10,000-image loop: guarded by a counter that only counts up (a browser script)',
      filename: 'cifar.html.js',
      code: `let myCount = -1;
for (let j = 0; j <= 10000 - 1; j++) {
  for (let x = 0; x <= 1024 - 1; x++) {
    if (myCount == 3072 - 1) {
      const myCifar3d = tf.tensor3d(pixels, [32, 32, 3], 'int32');
      myCifar3d.print(true);
    }
    myCount += 1;
    pixels[myCount] = raw[j * 3072 + x];
  }
}`,
    },
    {
      name: 'a snapshot on frame 100 only: the frame counter only counts up',
      code: NS + MODEL + `let frame = 0;
function draw() {
  frame++;
  if (frame === 100) {
    const snapshot = tf.browser.fromPixels(canvas);
    snapshot.print();
  }
  requestAnimationFrame(draw);
}
requestAnimationFrame(draw);`,
    },
    { name: 'frame work inside tf.tidy', filename: 'cam.js', code: "function loop() {\n  const label = tf.tidy(() => {\n    const img = tf.browser.fromPixels(video).toFloat().div(255).expandDims();\n    return model.predict(img).argMax(-1).dataSync()[0];\n  });\n  show(label);\n  requestAnimationFrame(loop);\n}\nrequestAnimationFrame(() => loop());" },
    { name: 'disposed after use in a frame callback', code: NS + MODEL + "requestAnimationFrame(() => {\n  const x = tf.randomNormal([1, 4]);\n  const p = model.predict(x);\n  console.log(p.dataSync());\n  x.dispose();\n  p.dispose();\n});" },
    { name: 'tf.dispose of both', code: NS + MODEL + "setInterval(() => {\n  const x = tf.randomNormal([1, 4]);\n  const p = model.predict(x);\n  p.print();\n  tf.dispose([x, p]);\n}, 100);" },
    { name: 'the tensor is stored for later (escapes)', filename: 'app.js', code: "class App {\n  onFrame() {}\n}\nconst app = new App();\nsetInterval(() => {\n  app.last = tf.browser.fromPixels(video);\n}, 100);" },
    { name: 'the tensor is pushed into an array (escapes)', code: NS + "const frames = [];\nfor (let i = 0; i < 10; i++) {\n  const t = tf.tensor1d([i, i + 1]);\n  frames.push(t);\n}" },
    { name: 'returned from the loop body function', code: NS + "function make(n) {\n  for (let i = 0; i < n; i++) {\n    const t = tf.scalar(i);\n    if (i === n - 1) return t;\n  }\n}" },
    { name: 'a plain function (called from where we cannot see, maybe inside a tidy)', code: NS + MODEL + "function classify(x) {\n  const p = model.predict(x);\n  return p.argMax(-1).dataSync()[0];\n}" },
    { name: 'handed to a function of the file (it may dispose)', code: NS + MODEL + "button.addEventListener('click', () => {\n  const x = tf.randomNormal([1, 4]);\n  draw(x);\n});" },
    { name: 'manual engine scopes', code: NS + MODEL + "setInterval(() => {\n  tf.engine().startScope();\n  model.predict(tf.zeros([1, 4])).print();\n  tf.engine().endScope();\n}, 50);" },
    { name: 'loop inside a tidy', code: NS + "const total = tf.tidy(() => {\n  let acc = tf.scalar(0);\n  for (let i = 0; i < 5; i++) acc = acc.add(tf.scalar(i));\n  return acc;\n});" },
    { name: 'predict of another library on a knnModel: its result read with array methods', filename: 'knn.js', code: REQ + "setInterval(() => {\n  const ans = knnModel.predict(readFeatures());\n  ans.forEach((a) => console.log(a));\n}, 500);" },
    { name: 'a DOMContentLoaded handler runs once', filename: 'main.js', code: "document.addEventListener('DOMContentLoaded', () => {\n  const xs = tf.tensor2d([[1], [2]]);\n  model.predict(xs).print();\n});" },
    { name: 'a listener with {once: true}', filename: 'main.js', code: "button.addEventListener('click', () => {\n  model.predict(tf.zeros([1, 4])).print();\n}, {once: true});" },
    { name: 'a function with a loop passed to tf.tidy by name', code: NS + "function makeTensors() {\n  for (let i = 0; i < 100; i++) {\n    tf.tensor([4, 5, 6]).print();\n  }\n}\ntf.tidy(makeTensors);" },
    { name: 'a function with a loop called from inside a tidy', code: NS + MODEL + "const score = (xs) => {\n  let s = 0;\n  for (const x of xs) s += model.predict(x).dataSync()[0];\n  return s;\n};\nconst total = tf.tidy(() => tf.scalar(score(batch)));" },
    { name: 'Babel-compiled async code: the regenerator loop runs each case once', filename: 'compiled.js', code: REQ + MODEL + "function run() {\n  return regeneratorRuntime.wrap(function (_context) {\n    while (1) switch (_context.prev = _context.next) {\n      case 0:\n        model.predict(tf.tensor2d([[5, 1, 2, 3]])).print();\n        return _context.stop();\n    }\n  });\n}" },
    { name: 'window.onload runs once', filename: 'main.js', code: "window.onload = () => {\n  model.predict(tf.zeros([1, 4])).print();\n};" },
    { name: 'a helper of the file returning a cached tensor', code: NS + "const W = tf.variable(tf.randomNormal([4, 2]));\nfunction weights() { return W; }\nfor (let i = 0; i < 10; i++) {\n  weights().print();\n}" },
    { name: 'tf functions that make no tensor (backend setup)', code: NS + "window.addEventListener('message', async () => {\n  tf.registerBackend('x', () => null);\n  await tf.setBackend('cpu');\n});" },
    { name: 'dataSync of a non-tensor (a dataset)', code: NS + "const ds = tf.data.array([1, 2, 3]);\nfor (let i = 0; i < 3; i++) {\n  ds.take(1);\n}" },
  ],
  invalid: [
    {
      name: 'a counter that is reset inside the loop equals the constant again and again',
      code: NS + MODEL + `let seen = 0;
for (const row of rows) {
  seen += 1;
  if (seen === 10) {
    const batch = tf.tensor2d(buffer);
    model.predict(batch).print();
    seen = 0;
  }
}`,
      errors: [{ message: /^tf\.tensor2d\(\.\.\.\) and 1 more call \(tensor2d, predict\) make tensors on every loop iteration that nothing disposes/, line: 7, column: 19 }],
      output: null,
    },
    {
      name: 'equality with a property of each item is no counter: once per matching item',
      code: NS + MODEL + `for (const item of items) {
  if (item.kind === 3) {
    const x = tf.tensor1d(item.values);
    model.predict(x.expandDims(0)).print();
  }
}`,
      errors: [{ message: /make tensors on every loop iteration that nothing disposes/, line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'model.predict(...).dataSync() every animation frame (browser global, this.model)',
      filename: 'webcam.js',
      code: "class Detector {\n  start() {\n    const loop = () => {\n      const img = tf.browser.fromPixels(this.video).toFloat().expandDims();\n      const scores = this.model.predict(img).dataSync();\n      this.show(scores);\n      requestAnimationFrame(loop);\n    };\n    requestAnimationFrame(loop);\n  }\n}",
      errors: [{ message: /^tf\.browser\.fromPixels\(\.\.\.\) and 3 more calls \(fromPixels, toFloat, expandDims, predict\) make tensors on every animation frame that nothing disposes: .* grows with every animation frame\. Wrap the callback's tensor work in tf\.tidy/, line: 4, column: 19 }],
      output: null,
    },
    {
      name: 'a click handler with addEventListener',
      code: NS + MODEL + "document.getElementById('go').addEventListener('click', () => {\n  const x = tf.tensor2d([[1, 2, 3, 4]]);\n  const y = model.predict(x);\n  result.textContent = y.argMax(-1).dataSync()[0];\n}, false);",
      errors: [{ message: /^tf\.tensor2d\(\.\.\.\) and 2 more calls \(tensor2d, predict, argMax\) make tensors on every 'click' event that nothing disposes/, line: 4, column: 13 }],
      output: null,
    },
    {
      name: 'setInterval tick, require',
      code: REQ + MODEL + "setInterval(() => {\n  model.predict(tf.randomNormal([1, 4])).print();\n}, 1000);",
      errors: [{ message: /^model\.predict\(\.\.\.\) and 1 more call \(predict, randomNormal\) make tensors on every timer tick/, line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'an evaluation loop reading each prediction with dataSync',
      code: NS + MODEL + "export function accuracy(samples) {\n  let correct = 0;\n  for (const s of samples) {\n    const p = model.predict(tf.tensor2d([s.x]));\n    if (p.argMax(-1).dataSync()[0] === s.label) correct++;\n  }\n  return correct / samples.length;\n}",
      errors: [{ message: /^model\.predict\(\.\.\.\) and 2 more calls \(predict, tensor2d, argMax\) make tensors on every loop iteration .* Wrap the loop body's tensor work in tf\.tidy/, line: 6, column: 15 }],
      output: null,
    },
    {
      name: 'onEpochEnd hook predicting for a chart',
      code: NS + MODEL + "await model.fit(xs, ys, {epochs: 50, callbacks: {onEpochEnd: async (epoch, logs) => {\n  const preds = model.predict(xs);\n  chart.update(await preds.data());\n}}});",
      errors: [{ message: /^model\.predict\(\.\.\.\) makes a tensor on every epoch/, line: 4, column: 17 }],
      output: null,
    },
    {
      name: 'el.onclick handler, intermediate of a chain',
      filename: 'ui.js',
      code: "predictButton.onclick = function () {\n  const input = tf.tensor1d(readInputs()).expandDims(0);\n  const out = model.predict(input);\n  render(out);\n};",
      errors: [{ message: /^tf\.tensor1d\(\.\.\.\) and 1 more call \(tensor1d, expandDims\) make tensors on every click event/, line: 2, column: 17 }],
      output: null,
    },
    {
      name: 'while loop of a game agent',
      code: NS + MODEL + "export async function play(env) {\n  while (!env.done) {\n    const q = model.predict(tf.tensor2d([env.state]));\n    env.step(q.argMax(1).dataSync()[0]);\n    await tf.nextFrame();\n  }\n}",
      errors: [{ message: /and 2 more calls \(predict, tensor2d, argMax\) make tensors on every loop iteration/, line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'a file that uses tidy elsewhere: a loop in a function called from a click handler',
      filename: 'eval.js',
      code: REQ + "function evaluateAll(samples) {\n  const out = [];\n  for (const s of samples) {\n    out.push(model.predict(tf.tensor2d([s])).dataSync()[0]);\n  }\n  return out;\n}\nconst warm = tf.tidy(() => model.predict(tf.zeros([1, 4])));\nbutton.onclick = () => show(evaluateAll(samples));",
      errors: [{ message: /^model\.predict\(\.\.\.\) and 1 more call \(predict, tensor2d\) make tensors on every loop iteration/, line: 5, column: 14 }],
      output: null,
    },
    {
      name: 'one tensor disposed, the other not',
      code: NS + MODEL + "requestAnimationFrame(function frame() {\n  const x = tf.randomNormal([1, 4]);\n  model.predict(x).print();\n  x.dispose();\n});",
      errors: [{ message: /^model\.predict\(\.\.\.\) makes a tensor on every animation frame/, line: 5, column: 3 }],
      output: null,
    },
  ],
});
