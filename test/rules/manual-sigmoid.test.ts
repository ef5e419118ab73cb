import * as assert from 'node:assert/strict';
import { rule } from '../../rules/manual-sigmoid';
import { lintWith, runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const ALIAS = "import * as T from '@tensorflow/tfjs-node';\n";
const Z = 'const z = tf.tensor([-100, 0, 100]);\n';
const SIGMOID_MSG = /^1 \/ \(1 \+ exp\(-z\)\) is sigmoid written by hand: exp\(-z\) overflows to Infinity in float32 for z below about -88, so the value collapses to 0 and its gradient is NaN; tf\.sigmoid computes the same function stably\.$/;
const SOFTPLUS_MSG = /is softplus written by hand: exp\(z\) overflows to Infinity in float32 for z above about 88, so the result is Infinity; use tf\.softplus\.$/;
const SOFTMAX_MSG = /^exp\(x\) \/ sum\(exp\(x\)\) is softmax written by hand: exp overflows to Infinity in float32 for inputs above about 88 and Infinity \/ Infinity is NaN; use tf\.softmax /;

runRuleTable(rule, {
  valid: [
    { name: 'the built-ins', code: NS + Z + 'const a = tf.sigmoid(z);\nconst b = tf.softplus(z);\nconst c = tf.softmax(z);\nconst d = z.sigmoid();' },
    { name: 'plain JS Math.exp', code: NS + 'export const sig = (v: number) => 1 / (1 + Math.exp(-v));\nexport const sp = (v: number) => Math.log(1 + Math.exp(v));' },
    { name: 'stable softmax: exp(x - max(x)) / sum', code: NS + 'const x = tf.randomNormal([2, 3]);\nconst e = tf.exp(tf.sub(x, tf.max(x, -1, true)));\nconst s = tf.div(e, tf.sum(e, -1, true));' },
    { name: 'near miss: 1 / (2 + exp(-z))', code: REQ + 'const r = tf.div(1, tf.add(2, tf.exp(tf.neg(z))));' },
    { name: 'near miss: 2 / (1 + exp(-z))', code: REQ + 'const r = tf.div(2, tf.add(1, tf.exp(tf.neg(z))));' },
    { name: 'exp(x) / sum(exp(y)) with different tensors', code: NS + 'const r = tf.div(tf.exp(x), tf.sum(tf.exp(y)));' },
    { name: 'stable softplus term log1p(exp(-abs(x)))', code: NS + 'const r = tf.log1p(tf.exp(tf.neg(tf.abs(x))));\nconst q = tf.log(tf.add(1, tf.exp(x.abs().neg())));' },
    { name: 'sigmoid of a non-negative input cannot overflow', code: NS + 'const r = tf.div(1, tf.add(1, tf.exp(tf.neg(tf.abs(x)))));' },
    { name: 'a decimal library with the same method names (no tfjs anchor)', code: NS + 'const d = new Decimal(1).div(x.neg().exp().add(1));' },
    { name: 'log(1 + x) without exp', code: 'const r = tf.log(tf.add(1, x));', filename: 'page.js' },
    { name: 'mean of exp, not a softmax', code: ALIAS + 'const r = T.div(T.exp(x), T.mean(T.exp(x)));' },
    {
      name: 'softplus of a small trained scalar in a class field (a learned noise scale)',
      code: `import * as tf from '@tensorflow/tfjs';
export class GaussianHead {
  constructor() {
    this.rho = tf.variable(tf.scalar(-3));
  }
  sigma() {
    return tf.log1p(tf.exp(this.rho));
  }
}
`,
      filename: 'head.js',
    },
    {
      name: 'softplus of a small trained scalar: local const and an outer let set in init()',
      code: `const logScale = tf.variable(tf.scalar(0.5));
const scale = () => tf.log(tf.add(1, tf.exp(logScale)));
let temperature;
function init() {
  temperature = tf.variable(tf.scalar(-5), true, 'temperature');
}
function softTemperature() {
  return temperature.exp().add(1).log();
}
`,
      filename: 'page.js',
    },
  ],
  invalid: [
    {
      name: 'tf.div(1, tf.add(1, tf.exp(tf.neg(z))))',
      code: NS + Z + 'const s = tf.div(1, tf.add(1, tf.exp(tf.neg(z))));',
      errors: [{ message: SIGMOID_MSG, line: 3, column: 11 }],
      output: NS + Z + 'const s = tf.sigmoid(z);',
    },
    {
      name: 'require, chained methods on a scalar',
      code: REQ + Z + 'const s = tf.scalar(1).div(tf.exp(z.neg()).add(1));',
      filename: 'model.js',
      errors: [{ message: SIGMOID_MSG, line: 3, column: 11 }],
      output: REQ + Z + 'const s = tf.sigmoid(z);',
    },
    {
      name: 'browser global, reciprocal',
      code: Z + 'const s = tf.reciprocal(tf.exp(z.neg()).add(1));',
      filename: 'page.js',
      errors: [{ message: SIGMOID_MSG, line: 2, column: 11 }],
      output: Z + 'const s = tf.sigmoid(z);',
    },
    {
      name: 'named imports: no sigmoid binding, so the method',
      code: "import {add, div, exp, neg, tensor} from '@tensorflow/tfjs';\nconst z = tensor([1, 2]);\nconst s = div(1, add(1, exp(neg(z))));",
      errors: [{ message: SIGMOID_MSG, line: 3, column: 11 }],
      output: "import {add, div, exp, neg, tensor} from '@tensorflow/tfjs';\nconst z = tensor([1, 2]);\nconst s = z.sigmoid();",
    },
    {
      name: 'helper function with a typed parameter',
      code: NS + 'export function sigmoid(z: tf.Tensor) {\n  return tf.div(1, tf.add(1, tf.exp(tf.neg(z))));\n}',
      errors: [{ message: SIGMOID_MSG, line: 3, column: 10 }],
      output: NS + 'export function sigmoid(z: tf.Tensor) {\n  return tf.sigmoid(z);\n}',
    },
    {
      name: 'untyped JS arrow, anchored by tf.scalar',
      code: REQ + 'const sig = (z) => tf.scalar(1).div(z.neg().exp().add(1));',
      filename: 'act.js',
      errors: [{ message: SIGMOID_MSG, line: 2, column: 20 }],
      output: REQ + 'const sig = (z) => tf.sigmoid(z);',
    },
    {
      name: 'exp(-z) in a variable, 1 on the right, mul(-1)',
      code: NS + Z + 'const e = tf.exp(tf.mul(z, -1));\nconst s = tf.div(1, tf.add(e, 1));',
      errors: [{ message: SIGMOID_MSG, line: 4, column: 11 }],
      output: NS + Z + 'const s = tf.sigmoid(z);',
    },
    {
      name: 'alias, softplus as log(1 + exp(z))',
      code: ALIAS + 'const z = T.tensor([100]);\nconst sp = T.log(T.add(1, T.exp(z)));',
      errors: [{ message: /^log\(1 \+ exp\(z\)\)/, line: 3, column: 12 }],
      output: ALIAS + 'const z = T.tensor([100]);\nconst sp = T.softplus(z);',
    },
    {
      name: 'softplus of a trained scalar that starts at 100 (near miss: not small)',
      code: NS + 'const big = tf.variable(tf.scalar(100));\nconst sp = tf.log1p(tf.exp(big));',
      errors: [{ message: /^log1p\(exp\(big\)\) is softplus written by hand/, line: 3, column: 12 }],
      output: NS + 'const big = tf.variable(tf.scalar(100));\nconst sp = tf.softplus(big);',
    },
    {
      name: 'softplus of a trained vector (near miss: not a scalar)',
      code: NS + 'const w = tf.variable(tf.zeros([3]));\nconst sp = tf.log1p(tf.exp(w));',
      errors: [{ message: /^log1p\(exp\(w\)\) is softplus written by hand/, line: 3, column: 12 }],
      output: NS + 'const w = tf.variable(tf.zeros([3]));\nconst sp = tf.softplus(w);',
    },
    {
      name: 'softplus as log1p(exp(z)), method chain',
      code: NS + Z + 'const sp = z.exp().log1p();',
      errors: [{ message: SOFTPLUS_MSG, line: 3, column: 12 }],
      output: NS + Z + 'const sp = tf.softplus(z);',
    },
    {
      name: 'softmax over the last axis with keepDims (safe)',
      code: NS + 'const x = tf.randomNormal([4, 3]);\nconst e = tf.exp(x);\nconst p = e.div(e.sum(-1, true));',
      errors: [{ message: /^exp\(x\) \/ sum\(exp\(x\)\) is softmax written by hand: .*\(tf\.softmax normalises over the last axis, as this sum does\)\.$/, line: 4, column: 11 }],
      output: NS + 'const x = tf.randomNormal([4, 3]);\nconst p = tf.softmax(x);',
    },
    {
      name: 'softmax with a sum over every element (fix offered, unsafe)',
      code: NS + 'const x = tf.tensor1d([1000, 0]);\nconst p = tf.div(tf.exp(x), tf.sum(tf.exp(x)));',
      errors: [{ message: SOFTMAX_MSG, line: 3, column: 11 }],
      output: NS + 'const x = tf.tensor1d([1000, 0]);\nconst p = tf.softmax(x);',
    },
    {
      name: 'softmax over axis 0: flagged, no fix',
      code: NS + 'const x = tf.randomNormal([4, 3]);\nconst p = tf.div(tf.exp(x), tf.sum(tf.exp(x), 0, true));',
      errors: [{ message: /check the axis before switching\)\.$/, line: 3, column: 11 }],
      output: null,
    },
  ],
});

describe('manual-sigmoid fixes: safe only when the value is kept', () => {
  const safety = (code: string): boolean[] => lintWith(rule, code).map((f) => f.fixes[0]?.safe);
  it('sigmoid and softplus are safe; softmax only over the last axis with keepDims', () => {
    assert.deepEqual(safety(NS + Z + 'const a = tf.div(1, tf.add(1, tf.exp(tf.neg(z))));\nconst b = tf.log(tf.add(1, tf.exp(z)));'), [true, true]);
    assert.deepEqual(safety(NS + 'const p = tf.div(tf.exp(x), tf.sum(tf.exp(x), -1, true));'), [true]);
    assert.deepEqual(safety(NS + 'const p = tf.div(tf.exp(x), tf.sum(tf.exp(x)));'), [false]);
  });
});
