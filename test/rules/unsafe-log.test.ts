import * as assert from 'node:assert/strict';
import { rule } from '../../rules/unsafe-log';
import { lintWith, runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const ALIAS = "import * as T from '@tensorflow/tfjs-node';\n";
const SIGMOID_MSG = /^tf\.log of sigmoid output can be log\(0\) = -Infinity in float32 \(sigmoid underflows to 0 for logits below about -104\); /;
const BCE_MSG = /^hand-written binary cross-entropy on /;
const CCE_MSG = /^hand-written categorical cross-entropy on /;
const SIGMOID_MODEL =
  "const model = tf.sequential({layers: [tf.layers.dense({units: 8, inputShape: [4], activation: 'relu'}), tf.layers.dense({units: 1, activation: 'sigmoid'})]});\n";
const SOFTMAX_MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 3, inputShape: [4], activation: 'softmax'})]});\n";

runRuleTable(rule, {
  valid: [
    { name: 'clipped before the log', code: NS + 'const p = tf.sigmoid(z);\nconst l = tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7));' },
    { name: 'maximum with an epsilon (named imports)', code: "import {log, maximum, sigmoid} from '@tensorflow/tfjs';\nconst l = log(maximum(sigmoid(z), 1e-6));" },
    { name: 'epsilon added through a constant (method chain)', code: NS + 'const EPS = 1e-7;\nconst p = tf.softmax(z);\nconst l = p.add(EPS).log();' },
    { name: 'tf.losses.logLoss', code: NS + 'const p = tf.sigmoid(z);\nconst loss = tf.losses.logLoss(labels, p);' },
    { name: 'logSigmoid and logSoftmax', code: REQ + 'const a = tf.logSigmoid(z);\nconst b = tf.logSoftmax(z, -1);' },
    { name: 'log of an unknown tensor stays quiet', code: NS + 'export function logOf(x: tf.Tensor) { return tf.log(x); }' },
    { name: 'log of exp / of a model with a linear output', code: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4]})]});\nconst a = tf.log(model.predict(xs) as tf.Tensor);\nconst b = tf.log(tf.exp(z));" },
    { name: 'hand-written BCE on clipped probabilities', code: NS + 'const o = tf.clipByValue(tf.sigmoid(z), 1e-7, 1 - 1e-7);\nconst loss = tf.neg(tf.mean(tf.add(tf.mul(t, tf.log(o)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, o))))));' },
    { name: 'console.log and Math.log are not tensor logs', code: NS + 'const p = tf.sigmoid(z);\nconsole.log(p);\nconst n = Math.log(2);\nlogger.log(p);' },
    { name: 'log of 1 - clipped p', code: ALIAS + 'const p = T.clipByValue(T.sigmoid(z), 1e-7, 1 - 1e-7);\nconst l = T.log(T.sub(1, p));' },
    { name: 'entropy of clipped softmax (browser global)', code: 'const p = tf.softmax(z).clipByValue(1e-7, 1);\nconst h = p.mul(p.log()).sum().neg();' },
    {
      name: 'probabilities in a reassigned parameter (clipped a line earlier, as tfjs-layers does)',
      code: NS + 'export function cce(target: tf.Tensor, output: tf.Tensor) {\n  output = tf.clipByValue(output, 1e-7, 1 - 1e-7);\n  return tf.neg(tf.sum(tf.mul(target, tf.log(output)), -1));\n}',
    },
    {
      name: 'BCE on a reassigned let',
      code: REQ + 'let o = tf.sigmoid(z);\no = tf.clipByValue(o, 1e-7, 1 - 1e-7);\nconst l = tf.neg(tf.mean(tf.add(tf.mul(t, tf.log(o)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, o))))));',
      filename: 'loss.js',
    },
    { name: 'the same untyped BCE in a function that is not a compile loss (no tf anchor)', code: REQ + 'function score(a, b) {\n  return a.mul(b.log()).add(a.neg().add(1).mul(b.neg().add(1).log())).neg();\n}\nconst opts = {metric: score};', filename: 'other.js' },
    { name: 'method names on a non-tfjs library (no tf anchor)', code: NS + 'const d = new Decimal(2);\nconst v = a.mul(b.log()).add(a.neg().add(1).mul(b.neg().add(1).log())).neg();' },
  ],
  invalid: [
    {
      name: 'log(sigmoid(z)) with a namespace import',
      code: NS + 'const z = tf.tensor([-200, 0, 3]);\nconst l = tf.log(tf.sigmoid(z));',
      errors: [{ message: /^tf\.log of sigmoid output .*; use tf\.logSigmoid\(z\), which stays finite\.$/, line: 3, column: 11 }],
      output: NS + 'const z = tf.tensor([-200, 0, 3]);\nconst l = tf.logSigmoid(z);',
    },
    {
      name: 'named imports: no logSigmoid binding, so the fix clips with the method',
      code: "import {log, sigmoid, tensor} from '@tensorflow/tfjs';\nconst z = tensor([1, 2]);\nconst y = log(sigmoid(z));",
      errors: [{ message: SIGMOID_MSG, line: 3, column: 11 }],
      output: "import {log, sigmoid, tensor} from '@tensorflow/tfjs';\nconst z = tensor([1, 2]);\nconst y = log(sigmoid(z).clipByValue(1e-7, 1 - 1e-7));",
    },
    {
      name: 'require, softmax method chain',
      code: REQ + 'const z = tf.randomNormal([2, 3]);\nconst l = z.softmax().log();',
      errors: [{ message: /^tf\.log of softmax output .*use tf\.logSoftmax\(z\)/, line: 3, column: 11 }],
      output: REQ + 'const z = tf.randomNormal([2, 3]);\nconst l = z.logSoftmax();',
    },
    {
      name: 'browser global tf, sigmoid through a variable',
      code: 'const logits = tf.matMul(x, w);\nconst p = tf.sigmoid(logits);\nconst l = tf.log(p);',
      filename: 'page.js',
      errors: [{ message: SIGMOID_MSG, line: 3, column: 11 }],
      output: 'const logits = tf.matMul(x, w);\nconst p = tf.sigmoid(logits);\nconst l = tf.logSigmoid(logits);',
    },
    {
      name: 'alias, 1 - sigmoid',
      code: ALIAS + 'const p = T.sigmoid(z);\nconst l = T.log(T.sub(1, p));',
      errors: [{ message: /^tf\.log of 1 - sigmoid output can be log\(0\) = -Infinity in float32 \(sigmoid rounds to 1 for logits above about 17\); clip it first/, line: 3, column: 11 }],
      output: ALIAS + 'const p = T.sigmoid(z);\nconst l = T.log(T.clipByValue(T.sub(1, p), 1e-7, 1 - 1e-7));',
    },
    {
      name: 'tf.scalar(1).sub(p).log()',
      code: NS + 'const p = tf.softmax(z);\nconst l = tf.scalar(1).sub(p).log();',
      errors: [{ message: /^tf\.log of 1 - softmax output/, line: 3, column: 11 }],
      output: NS + 'const p = tf.softmax(z);\nconst l = tf.scalar(1).sub(p).clipByValue(1e-7, 1 - 1e-7).log();',
    },
    {
      name: "model.predict of a model whose output activation is sigmoid",
      code: NS + SIGMOID_MODEL + 'const p = model.predict(xs) as tf.Tensor;\nconst l = tf.log(p);',
      errors: [{ message: /^tf\.log of the model's sigmoid output can be log\(0\)/, line: 4, column: 11 }],
      output: NS + SIGMOID_MODEL + 'const p = model.predict(xs) as tf.Tensor;\nconst l = tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7));',
    },
    {
      name: 'clipByValue with a lower bound of 0 does not guard',
      code: NS + 'const p = tf.sigmoid(z);\nconst l = tf.log(tf.clipByValue(p, 0, 1));',
      errors: [{ message: /^tf\.log of sigmoid output/, line: 3, column: 11 }],
      output: NS + 'const p = tf.sigmoid(z);\nconst l = tf.log(tf.clipByValue(tf.clipByValue(p, 0, 1), 1e-7, 1 - 1e-7));',
    },
    {
      name: 'softmax layer applied eagerly',
      code: NS + "const head = tf.layers.dense({units: 3, activation: 'softmax'});\nconst out = head.apply(x) as tf.Tensor;\nconst l = out.log();",
      errors: [{ message: /^tf\.log of the softmax output of a dense layer/, line: 4, column: 11 }],
      output: NS + "const head = tf.layers.dense({units: 3, activation: 'softmax'});\nconst out = head.apply(x) as tf.Tensor;\nconst l = out.clipByValue(1e-7, 1 - 1e-7).log();",
    },
    {
      name: 'sigmoid made in a helper function: logits not in scope here, so clip',
      code: NS + 'function probs(z: tf.Tensor) { return tf.sigmoid(z); }\nconst l = tf.log(probs(x));',
      errors: [{ message: SIGMOID_MSG, line: 3, column: 11 }],
      output: NS + 'function probs(z: tf.Tensor) { return tf.sigmoid(z); }\nconst l = tf.log(tf.clipByValue(probs(x), 1e-7, 1 - 1e-7));',
    },
    {
      name: 'hand-written BCE on sigmoid(logits), mean: sigmoidCrossEntropy (the dead sigmoid goes too)',
      code: NS + 'const p = tf.sigmoid(logits);\nconst loss = tf.neg(tf.mean(tf.add(tf.mul(t, tf.log(p)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p))))));',
      errors: [{ message: /^hand-written binary cross-entropy on sigmoid output: .*; use tf\.losses\.sigmoidCrossEntropy\(labels, logits\)\.$/, line: 3, column: 14 }],
      output: NS + 'const loss = tf.losses.sigmoidCrossEntropy(t, logits);',
    },
    {
      name: 'a binding still used elsewhere stays when the BCE and its dead terms go',
      code: NS + 'const p = tf.sigmoid(logits);\nconst pos = tf.mul(t, tf.log(p));\nconst neg = tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p)));\nconst loss = tf.neg(tf.mean(tf.add(pos, neg)));\np.print();',
      errors: [{ message: BCE_MSG, line: 5, column: 14 }],
      output: NS + 'const p = tf.sigmoid(logits);\nconst loss = tf.losses.sigmoidCrossEntropy(t, logits);\np.print();',
    },
    {
      name: 'BCE custom loss with typed parameters and chained methods',
      code: NS + 'export function bce(yTrue: tf.Tensor, yPred: tf.Tensor) {\n  return yTrue.mul(yPred.log()).add(tf.scalar(1).sub(yTrue).mul(tf.scalar(1).sub(yPred).log())).neg().mean();\n}',
      errors: [{ message: /^hand-written binary cross-entropy on probabilities: .*use tf\.metrics\.binaryCrossentropy\(labels, probabilities\)\.$/, line: 3, column: 10 }],
      output: NS + 'export function bce(yTrue: tf.Tensor, yPred: tf.Tensor) {\n  return tf.mean(tf.metrics.binaryCrossentropy(yTrue, yPred));\n}',
    },
    {
      name: 'BCE in an untyped JS loss (require), terms in variables (removed with it), swapped order',
      code: REQ + 'const loss = (yTrue, yPred) => tf.tidy(() => {\n  const a = tf.mul(tf.log(tf.sub(1, yPred)), tf.sub(1, yTrue));\n  const b = tf.mul(yTrue, tf.log(yPred));\n  return tf.mean(tf.neg(tf.add(a, b)));\n});',
      filename: 'train.js',
      errors: [{ message: BCE_MSG, line: 5, column: 10 }],
      output: REQ + 'const loss = (yTrue, yPred) => tf.tidy(() => {\n  return tf.mean(tf.metrics.binaryCrossentropy(yTrue, yPred));\n});',
    },
    {
      name: 'BCE written as -A - B with a sum',
      code: NS + 'const o = tf.sigmoid(zs);\nconst total = tf.sub(tf.neg(tf.mul(t, tf.log(o))), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, o)))).sum();',
      errors: [{ message: BCE_MSG, line: 3, column: 15 }],
      output: NS + 'const total = tf.losses.sigmoidCrossEntropy(t, zs);',
    },
    {
      name: 'untyped JS loss passed to compile inline: its parameters are tensors',
      code: REQ + SIGMOID_MODEL + "model.compile({optimizer: 'adam', loss: (yTrue, yPred) => tf.tidy(() =>\n  yTrue.mul(yPred.log()).add(yTrue.neg().add(1).mul(yPred.neg().add(1).log())).mean().neg())});",
      filename: 'train.js',
      errors: [{ message: /^hand-written binary cross-entropy on probabilities: /, line: 4, column: 3 }],
      output: REQ + SIGMOID_MODEL + "model.compile({optimizer: 'adam', loss: (yTrue, yPred) => tf.tidy(() =>\n  tf.mean(tf.metrics.binaryCrossentropy(yTrue, yPred)))});",
    },
    {
      name: 'untyped loss function declared, then named in compile',
      code: REQ + SIGMOID_MODEL + 'function bce(yTrue, yPred) {\n  return yTrue.mul(yPred.log()).add(yTrue.neg().add(1).mul(yPred.neg().add(1).log())).neg();\n}\nmodel.compile({optimizer: \'sgd\', loss: bce});',
      filename: 'train.js',
      errors: [{ message: /^hand-written binary cross-entropy on probabilities: /, line: 4, column: 10 }],
      output: REQ + SIGMOID_MODEL + 'function bce(yTrue, yPred) {\n  return tf.metrics.binaryCrossentropy(yTrue, yPred);\n}\nmodel.compile({optimizer: \'sgd\', loss: bce});',
    },
    {
      name: 'CCE on a softmax model output, per-row sum then mean',
      code: NS + SOFTMAX_MODEL + 'const probs = model.predict(xs) as tf.Tensor;\nconst loss = tf.neg(tf.sum(tf.mul(ys, tf.log(probs)), -1)).mean();',
      errors: [{ message: /^hand-written categorical cross-entropy on the model's softmax output: .*use tf\.metrics\.categoricalCrossentropy\(labels, probabilities\)\.$/, line: 4, column: 14 }],
      output: NS + SOFTMAX_MODEL + 'const probs = model.predict(xs) as tf.Tensor;\nconst loss = tf.mean(tf.metrics.categoricalCrossentropy(ys, probs));',
    },
    {
      name: 'CCE on softmax(logits) summed over everything (alias)',
      code: ALIAS + 'const loss = T.sum(ys.mul(T.softmax(logits).log())).neg();',
      errors: [{ message: CCE_MSG, line: 2, column: 14 }],
      output: ALIAS + 'const loss = T.losses.softmaxCrossEntropy(ys, logits);',
    },
    {
      name: 'two unsafe logs in one expression that is not a cross-entropy',
      code: NS + 'const z = tf.tensor([4]);\nconst p = tf.sigmoid(z);\nconst r = tf.sub(tf.log(p), tf.log(tf.sub(1, p)));',
      errors: [
        { message: SIGMOID_MSG, line: 4, column: 18 },
        { message: /^tf\.log of 1 - sigmoid output/, line: 4, column: 29 },
      ],
      output: NS + 'const z = tf.tensor([4]);\nconst p = tf.sigmoid(z);\nconst r = tf.sub(tf.logSigmoid(z), tf.log(tf.clipByValue(tf.sub(1, p), 1e-7, 1 - 1e-7)));',
    },
  ],
});

describe('unsafe-log fixes: safe only when the value is kept', () => {
  const safety = (code: string): boolean[] => lintWith(rule, code).map((f) => f.fixes[0]?.safe);
  it('clip and logSigmoid are safe', () => {
    assert.deepEqual(safety(NS + 'const p = tf.sigmoid(z);\nconst a = tf.log(tf.sigmoid(z));\nconst b = tf.log(tf.sub(1, p));'), [true, true]);
  });
  it('sigmoidCrossEntropy replaces a mean safely, a sum or an elementwise loss unsafely', () => {
    const bce = (wrap: (s: string) => string): string =>
      NS + `const p = tf.sigmoid(z);\nconst l = ${wrap('tf.neg(tf.add(tf.mul(t, tf.log(p)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p)))))')};`;
    assert.deepEqual(safety(bce((s) => `tf.mean(${s})`)), [true]);
    assert.deepEqual(safety(bce((s) => `tf.sum(${s})`)), [false]);
    assert.deepEqual(safety(bce((s) => s)), [false]);
  });
  it('categoricalCrossentropy on unknown probabilities is unsafe (it rescales p)', () => {
    assert.deepEqual(safety(NS + 'export function cce(y: tf.Tensor, p: tf.Tensor) { return tf.neg(tf.sum(tf.mul(y, tf.log(p)), -1)); }'), [false]);
    assert.deepEqual(safety(NS + 'const p = tf.softmax(z);\nconst l = tf.neg(tf.sum(tf.mul(y, tf.log(p)), -1));'), [false]);
  });
});
