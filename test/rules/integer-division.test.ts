import * as assert from 'node:assert/strict';
import { rule } from '../../rules/integer-division';
import { lintWith, runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NODE = "import * as tf from '@tensorflow/tfjs-node';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const PIXELS = 'declare const img: HTMLImageElement;\nconst px = tf.browser.fromPixels(img);\n';
const MSG = /^div of two int32 tensors \(.*\) floor-divides: tfjs keeps int32, so \[2, 7\] \/ 100 gives \[0, 0\]\. Cast the dividend with \.toFloat\(\) for a real division\.$/;

runRuleTable(rule, {
  valid: [
    {
      name: 'one-hot labels min-max scaled in a preprocessing class (the divisor is 0 or 1: floor division is exact)',
      filename: 'DataPreprocessor.js',
      code: `export default class DataPreprocessor {
  extractLabels() {
    this.rawLabels = tf.oneHot(tf.tensor1d(this.data.map((record) => this.classOf(record.price)), 'int32'), 5);
  }
  normalize() {
    this.labelMin = this.rawLabels.min(0);
    this.labelMax = this.rawLabels.max(0);
    this.labels = this.rawLabels.sub(this.labelMin).div(this.labelMax.sub(this.labelMin));
  }
}`,
    },
    { name: 'pixels divided by a plain number (tfjs makes it float32)', code: NS + PIXELS + 'const x = px.div(255);\nconst y = tf.div(px, 127.5);' },
    { name: 'pixels divided by a float32 scalar', code: NS + PIXELS + 'const x = px.div(tf.scalar(255));' },
    { name: 'dividend cast to float first', code: NS + PIXELS + "const x = px.toFloat().div(tf.scalar(255, 'int32'));\nconst y = tf.cast(px, 'float32').div(tf.scalar(255, 'int32'));" },
    { name: 'float tensors', code: NS + 'const x = tf.tensor([2, 7]).div(tf.tensor([100, 100]));' },
    { name: 'integer-valued numbers without a dtype are float32', code: REQ + 'const a = tf.tensor1d([2, 7]);\nconst b = tf.tensor1d([100, 100]);\nconst r = tf.div(a, b);' },
    { name: 'unknown dtypes (parameters)', code: NS + 'export const ratio = (a: tf.Tensor, b: tf.Tensor) => a.div(b);' },
    {
      name: 'an argMax index divided by the row width gives the row (index arithmetic on purpose)',
      code: NS + "export function rowOfMax(scores: tf.Tensor2D, width: number) {\n  const flat = tf.argMax(scores.reshape([-1]));\n  return tf.div(flat, tf.scalar(width, 'int32'));\n}",
    },
    { name: 'range indices divided by an int32 width', code: NS + "const rows = tf.range(0, 12, 1, 'int32').div(tf.scalar(4, 'int32'));" },
    { name: 'deliberate floor division', code: NS + "const idx = tf.range(0, 12, 1, 'int32');\nconst row = tf.floorDiv(idx, tf.scalar(4, 'int32'));" },
    { name: 'int32 divided by float32', code: NS + "const r = tf.div(tf.tensor([1], [1], 'int32'), tf.tensor([2]));" },
    { name: 'dtype held in a variable we cannot evaluate', code: NS + "export function make(dtype: 'int32' | 'float32') { return tf.tensor([1], [1], dtype).div(tf.tensor([2], [1], dtype)); }" },
    { name: 'mean of int32 is float32', code: NS + PIXELS + "const m = px.mean().div(tf.scalar(2, 'int32'));" },
    { name: 'named import, divided by a number', code: "import {browser} from '@tensorflow/tfjs';\ndeclare const img: HTMLImageElement;\nconst x = browser.fromPixels(img).div(255);" },
    { name: 'fill with a number and no dtype is float32', code: NS + "const r = tf.fill([2], 7).div(tf.fill([2], 100, 'int32'));" },
    { name: 'a declaration that refers to itself ends (unknown dtype)', code: NS + 'const q = tf.div(q, q);' },
    { name: 'a div method on something that is not a tensor', code: NS + "const money = new Big(7);\nconst r = money.div(new Big(2));" },
  ],
  invalid: [
    {
      name: 'int32 counts min-max scaled: every count below the maximum floors to 0',
      code: NS + `const counts = tf.tensor1d([3, 7, 12, 5], 'int32');
const lo = counts.min();
const hi = counts.max();
const scaled = counts.sub(lo).div(hi.sub(lo));`,
      errors: [{ message: MSG, line: 5, column: 16 }],
      output: NS + `const counts = tf.tensor1d([3, 7, 12, 5], 'int32');
const lo = counts.min();
const hi = counts.max();
const scaled = counts.sub(lo).toFloat().div(hi.sub(lo));`,
    },
    {
      name: 'fromPixels divided by an int32 scalar',
      code: NS + PIXELS + "const x = px.div(tf.scalar(255, 'int32'));",
      errors: [{ message: /^div of two int32 tensors \(int32 from tf\.browser\.fromPixels and int32 from tf\.scalar\(\.\.\., 'int32'\)\)/, line: 4, column: 11 }],
      output: NS + PIXELS + "const x = px.toFloat().div(tf.scalar(255, 'int32'));",
    },
    {
      name: 'the [2, 7] / 100 example',
      code: NS + "const r = tf.div(tf.tensor([2, 7], [2], 'int32'), tf.tensor([100, 100], [2], 'int32'));",
      errors: [{ message: /\(both int32 from tf\.tensor\(\.\.\., 'int32'\)\)/, line: 2, column: 11 }],
      output: NS + "const r = tf.div(tf.tensor([2, 7], [2], 'int32').toFloat(), tf.tensor([100, 100], [2], 'int32'));",
    },
    {
      name: 'named imports',
      code: "import {div, tensor1d} from '@tensorflow/tfjs';\nconst r = div(tensor1d([2, 7], 'int32'), tensor1d([100, 100], 'int32'));",
      errors: [{ message: MSG, line: 2, column: 11 }],
      output: "import {div, tensor1d} from '@tensorflow/tfjs';\nconst r = div(tensor1d([2, 7], 'int32').toFloat(), tensor1d([100, 100], 'int32'));",
    },
    {
      name: 'tfjs-node decodeImage divided by toInt()',
      code: NODE + 'declare const buf: Uint8Array;\nconst img = tf.node.decodeImage(buf, 3);\nconst x = img.div(tf.scalar(255).toInt());',
      errors: [{ message: /\(int32 from tf\.node\.decodeImage and int32 from toInt\(\)\)/, line: 4, column: 11 }],
      output: NODE + 'declare const buf: Uint8Array;\nconst img = tf.node.decodeImage(buf, 3);\nconst x = img.toFloat().div(tf.scalar(255).toInt());',
    },
    {
      name: 'browser global tf, fill with an int32 dtype',
      code: "const x = tf.browser.fromPixels(canvas).div(tf.fill([1], 255, 'int32'));",
      filename: 'page.js',
      errors: [{ message: /\(int32 from tf\.browser\.fromPixels and int32 from tf\.fill\(\.\.\., 'int32'\)\)/, line: 1, column: 11 }],
      output: "const x = tf.browser.fromPixels(canvas).toFloat().div(tf.fill([1], 255, 'int32'));",
    },
    {
      name: 'require, cast to int32 on both sides',
      code: REQ + "const r = tf.cast(a, 'int32').div(tf.cast(b, 'int32'));",
      filename: 'prep.js',
      errors: [{ message: /\(both int32 from cast\(\.\.\., 'int32'\)\)/, line: 2, column: 11 }],
      output: REQ + "const r = tf.cast(a, 'int32').toFloat().div(tf.cast(b, 'int32'));",
    },
    {
      name: 'alias, Int32Array data',
      code: "import * as T from '@tensorflow/tfjs-node';\nconst r = T.tensor(new Int32Array([2, 7])).div(T.tensor(new Int32Array([100, 100])));",
      errors: [{ message: /\(both int32 from tf\.tensor\(new Int32Array\(\.\.\.\)\)\)/, line: 2, column: 11 }],
      output: "import * as T from '@tensorflow/tfjs-node';\nconst r = T.tensor(new Int32Array([2, 7])).toFloat().div(T.tensor(new Int32Array([100, 100])));",
    },
    {
      name: 'through a helper function and variables',
      code: NS + "function load(img: HTMLImageElement) { return tf.browser.fromPixels(img); }\ndeclare const el: HTMLImageElement;\nconst px = load(el);\nconst max = tf.scalar(255, 'int32');\nconst x = px.div(max);",
      errors: [{ message: MSG, line: 6, column: 11 }],
      output: NS + "function load(img: HTMLImageElement) { return tf.browser.fromPixels(img); }\ndeclare const el: HTMLImageElement;\nconst px = load(el);\nconst max = tf.scalar(255, 'int32');\nconst x = px.toFloat().div(max);",
    },
    {
      name: 'int32 arithmetic stays int32',
      code: NS + PIXELS + "const centred = px.sub(tf.scalar(128, 'int32'));\nconst x = tf.div(centred, tf.scalar(128, 'int32'));",
      errors: [{ message: MSG, line: 5, column: 11 }],
      output: NS + PIXELS + "const centred = px.sub(tf.scalar(128, 'int32'));\nconst x = tf.div(centred.toFloat(), tf.scalar(128, 'int32'));",
    },
    {
      name: 'Uint8Array pixels are int32 tensors',
      code: NS + "declare const bytes: ArrayBuffer;\nconst img = tf.tensor3d(new Uint8Array(bytes), [32, 32, 3]);\nconst x = img.div(tf.scalar(255, 'int32'));",
      errors: [{ message: /\(int32 from tf\.tensor3d\(new Uint8Array\(\.\.\.\)\) and/, line: 4, column: 11 }],
      output: NS + "declare const bytes: ArrayBuffer;\nconst img = tf.tensor3d(new Uint8Array(bytes), [32, 32, 3]);\nconst x = img.toFloat().div(tf.scalar(255, 'int32'));",
    },
    {
      name: 'accuracy: a count of matches divided by an int32 total',
      code: NS + "declare const pred: tf.Tensor2D, labels: tf.Tensor2D;\nconst correct = tf.equal(pred.argMax(-1), labels.argMax(-1)).sum();\nconst acc = correct.div(tf.scalar(64, 'int32'));",
      errors: [{ message: /\(int32 from sum of equal and int32 from tf\.scalar/, line: 4, column: 13 }],
      output: NS + "declare const pred: tf.Tensor2D, labels: tf.Tensor2D;\nconst correct = tf.equal(pred.argMax(-1), labels.argMax(-1)).sum();\nconst acc = correct.toFloat().div(tf.scalar(64, 'int32'));",
    },
    {
      name: 'dividend under a type assertion gets parentheses',
      code: NS + PIXELS + 'const x = tf.div(px as tf.Tensor3D, px.toInt());',
      errors: [{ message: MSG, line: 4, column: 11 }],
      output: NS + PIXELS + 'const x = tf.div((px as tf.Tensor3D).toFloat(), px.toInt());',
    },
  ],
});

describe('integer-division fix', () => {
  it('is not marked safe: it changes the result dtype, wrong where floor division was meant', () => {
    const [f] = lintWith(rule, NS + "const r = tf.div(tf.tensor([2], [1], 'int32'), tf.tensor([100], [1], 'int32'));");
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].safe, false);
  });
});
