import { rule } from '../../rules/unawaited-fit';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs-node');\n";
const MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\n";
const ONGOING = /throws "Cannot start training because another fit\(\) call is ongoing\."/;

runRuleTable(rule, {
  valid: [
    { name: 'awaited fit, then predict', code: NS + MODEL + 'export async function run() {\n  await model.fit(xs, ys, {epochs: 5});\n  model.predict(xs).print();\n}' },
    { name: 'returned fit', code: NS + MODEL + 'export function train() {\n  return model.fit(xs, ys, {epochs: 5});\n}' },
    { name: 'chained with then', code: NS + MODEL + 'model.fit(xs, ys, {epochs: 5}).then(() => model.predict(xs).print());\nconsole.log("started");' },
    { name: 'chained with catch, nothing else on the model', code: NS + MODEL + 'model.fit(xs, ys).catch(console.error);' },
    { name: 'fire and forget with nothing after', code: NS + MODEL + 'model.fit(xs, ys, {epochs: 5});\nconsole.log("training in the background");' },
    { name: 'result kept in a variable', code: NS + MODEL + 'export async function run() {\n  const h = model.fit(xs, ys);\n  await h;\n  model.predict(xs);\n}' },
    { name: 'predict in another function (a click handler)', code: NS + MODEL + 'model.fit(xs, ys, {epochs: 5});\nbutton.onclick = () => model.predict(xs).print();' },
    { name: 'predict on a different model', code: NS + MODEL + 'const other = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\nmodel.fit(xs, ys);\nother.predict(xs);' },
    { name: 'arrow body returns the fit', code: NS + MODEL + 'const train = () => model.fit(xs, ys);\nmodel.predict(xs);' },
    { name: 'passed to Promise.all', code: NS + MODEL + 'export async function run() {\n  await Promise.all([model.fit(xs, ys)]);\n  model.predict(xs);\n}' },
    { name: 'parameter reassigned between fit and predict', code: NS + 'export function go(m, fresh) {\n  m.fit(xs, ys);\n  m = fresh;\n  m.predict(xs);\n}' },
    { name: 'awaited training helper', code: NS + MODEL + 'async function train(m) {\n  await m.fit(xs, ys, {epochs: 5});\n}\nexport async function run() {\n  await train(model);\n  model.predict(xs);\n}' },
    { name: 'helper that does not train its parameter', code: NS + MODEL + 'async function show(m) {\n  m.summary();\n}\nexport async function run() {\n  show(model);\n  model.predict(xs);\n}' },
    { name: 'helper that neither awaits nor returns its fit (its Promise does not cover training)', code: NS + MODEL + 'function train(m) {\n  m.fit(xs, ys);\n}\nexport async function run() {\n  train(model);\n  model.predict(xs);\n}' },
    { name: 'a later call that reads nothing trained (toString, summary)', code: NS + MODEL + 'export async function run() {\n  model.fit(xs, ys);\n  console.log(model.toString());\n  model.summary();\n}' },
    { name: 'awaited in a loop', code: NS + MODEL + 'export async function run() {\n  for (let i = 0; i < 3; i++) {\n    await model.fit(xs, ys);\n  }\n}' },
  ],
  invalid: [
    {
      name: 'namespace import: predict right after',
      code: NS + MODEL + 'export async function run() {\n  model.fit(xs, ys, {epochs: 50});\n  model.predict(xs).print();\n}',
      errors: [{ message: 'model.fit() returns a Promise that is not awaited, so model.predict() on line 6 runs before training has finished and predicts with the untrained weights. Await the fit.', line: 5, column: 9 }],
      output: NS + MODEL + 'export async function run() {\n  await model.fit(xs, ys, {epochs: 50});\n  model.predict(xs).print();\n}',
    },
    {
      name: 'second fit in a plain function: no fix',
      code: NS + MODEL + 'function run() {\n  model.fit(xs, ys, {epochs: 10});\n  model.fit(xs2, ys2, {epochs: 10});\n}',
      errors: [{ message: ONGOING, line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'browser global tf, evaluate after fitDataset in an async arrow',
      code: MODEL + 'const go = async () => {\n  model.fitDataset(ds, {epochs: 3});\n  const r = model.evaluate(tx, ty);\n};',
      errors: [{ message: /model\.fitDataset\(\) returns a Promise .* model\.evaluate\(\) on line 5 .* evaluates the untrained weights\. Await the fitDataset\.$/, line: 4, column: 9 }],
      output: MODEL + 'const go = async () => {\n  await model.fitDataset(ds, {epochs: 3});\n  const r = model.evaluate(tx, ty);\n};',
    },
    {
      name: 'require, save after fit at the top level: no fix',
      code: REQ + MODEL + "model.fit(xs, ys, {epochs: 5});\nmodel.save('file://./m');",
      errors: [{ message: /saves the untrained weights/, line: 4, column: 7 }],
      output: null,
    },
    {
      name: 'helper with the model as a parameter',
      code: NS + 'export async function trainAndTest(net, xs, ys) {\n  net.fit(xs, ys, {epochs: 20});\n  return net.predict(xs);\n}',
      errors: [{ message: /net\.fit\(\) .* net\.predict\(\) on line 4/, line: 3, column: 7 }],
      output: NS + 'export async function trainAndTest(net, xs, ys) {\n  await net.fit(xs, ys, {epochs: 20});\n  return net.predict(xs);\n}',
    },
    {
      name: 'fit in a loop without await',
      code: NS + MODEL + 'export async function run() {\n  for (let i = 0; i < 10; i++) {\n    model.fit(xs, ys, {epochs: 1});\n  }\n}',
      errors: [{ message: /called in a loop without await/, line: 6, column: 11 }],
      output: NS + MODEL + 'export async function run() {\n  for (let i = 0; i < 10; i++) {\n    await model.fit(xs, ys, {epochs: 1});\n  }\n}',
    },
    {
      name: 'class method on this.model',
      code: NS + 'class Trainer {\n  async train(xs, ys) {\n    this.model.fit(xs, ys, {epochs: 5});\n    return this.model.predict(xs);\n  }\n}',
      errors: [{ message: /this\.model\.fit\(\) .* this\.model\.predict\(\) on line 5/, line: 4, column: 16 }],
      output: NS + 'class Trainer {\n  async train(xs, ys) {\n    await this.model.fit(xs, ys, {epochs: 5});\n    return this.model.predict(xs);\n  }\n}',
    },
    {
      name: 'void fit is still not awaited',
      code: NS + MODEL + 'export async function run() {\n  void model.fit(xs, ys);\n  model.predict(xs);\n}',
      errors: [{ message: /predicts with the untrained weights/, line: 5, column: 14 }],
      output: NS + MODEL + 'export async function run() {\n  await model.fit(xs, ys);\n  model.predict(xs);\n}',
    },
    {
      name: 'model from a helper function; predict inside a branch',
      code: NS + "function build() {\n  const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\n  m.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\n  return m;\n}\nconst model = build();\nexport async function run(show) {\n  model.fit(xs, ys);\n  if (show) model.predict(xs).print();\n}",
      errors: [{ message: /model\.predict\(\) on line 10/, line: 9, column: 9 }],
      output: NS + "function build() {\n  const m = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\n  m.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\n  return m;\n}\nconst model = build();\nexport async function run(show) {\n  await model.fit(xs, ys);\n  if (show) model.predict(xs).print();\n}",
    },
    {
      name: 'named imports, async function expression, fit then fit',
      code: "import {sequential, layers} from '@tensorflow/tfjs';\nconst model = sequential({layers: [layers.dense({units: 1, inputShape: [1]})]});\nconst run = async function () {\n  model.fit(xs, ys);\n  await model.fit(xs, ys);\n};",
      errors: [{ message: ONGOING, line: 4, column: 9 }],
      output: "import {sequential, layers} from '@tensorflow/tfjs';\nconst model = sequential({layers: [layers.dense({units: 1, inputShape: [1]})]});\nconst run = async function () {\n  await model.fit(xs, ys);\n  await model.fit(xs, ys);\n};",
    },
    {
      name: 'an async training helper called without await, then predict',
      code: NS + MODEL + 'async function train(m, x, y) {\n  await m.fit(x, y, {epochs: 20});\n}\nexport async function run() {\n  train(model, xs, ys);\n  model.predict(xs).print();\n}',
      errors: [{ message: 'train() (it runs m.fit on line 5) returns a Promise that is not awaited, so model.predict() on line 9 runs before training has finished and predicts with the untrained weights. Await train().', line: 8, column: 3 }],
      output: NS + MODEL + 'async function train(m, x, y) {\n  await m.fit(x, y, {epochs: 20});\n}\nexport async function run() {\n  await train(model, xs, ys);\n  model.predict(xs).print();\n}',
    },
    {
      name: 'arrow helper returning fitDataset, browser global, in a click handler',
      code: MODEL + 'const trainOn = (net, ds) => net.fitDataset(ds, {epochs: 3});\nbutton.onclick = () => {\n  trainOn(model, ds);\n  model.save("downloads://m");\n};',
      errors: [{ message: /^trainOn\(\) \(it runs net\.fitDataset on line 3\) .* model\.save\(\) on line 6 .* saves the untrained weights\. Await trainOn\(\)\.$/, line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'let model assigned before the fit',
      code: NS + 'let model;\nexport async function start() {\n  model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\n  model.fit(xs, ys);\n  const out = model.predict(xs);\n  return out;\n}',
      errors: [{ message: /model\.predict\(\) on line 6/, line: 5, column: 9 }],
      output: NS + 'let model;\nexport async function start() {\n  model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\n  await model.fit(xs, ys);\n  const out = model.predict(xs);\n  return out;\n}',
    },
  ],
});
