// The label-range helper on its own: what it knows of a label expression's values and sign.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../../server/src/engine/analysis';
import { ts } from '../../../server/src/engine/ts';
import { labelSign, valueRange, knownOutside, type LabelSign } from '../../../rules/support/label-range';

/** The range of the expression `labels` names at the end of `code` (after the tfjs import). */
function rangeOf(code: string) {
  const file = FileAnalysis.parse('labels.ts', "import * as tf from '@tensorflow/tfjs';\n" + code + '\nlabels;');
  const last = file.sourceFile.statements[file.sourceFile.statements.length - 1];
  assert.ok(ts.isExpressionStatement(last));
  file.graph; // evaluates every call, as rules see it
  return { range: valueRange(file, last.expression), sign: labelSign(file, last.expression) };
}

const cases: [string, string, LabelSign, [number, number] | undefined][] = [
  ['literal with a negative', 'const labels = tf.tensor2d([[-1.5], [2]]);', 'signed', [-1.5, 2]],
  ['literal counts', 'const labels = tf.tensor1d([0, 3, 12]);', 'nonnegative', [0, 12]],
  ['literal data in a variable, typed array', 'const d = new Float32Array([4, 9]);\nconst labels = tf.tensor(d);', 'nonnegative', [4, 9]],
  ['scaled literal', 'const raw = tf.tensor1d([0, 250, 500]);\nconst labels = raw.div(100);', 'nonnegative', [0, 5]],
  ['shifted below zero', 'const labels = tf.sub(tf.tensor1d([1, 5]), 10);', 'signed', [-9, -5]],
  ['negated', 'const labels = tf.neg(tf.tensor1d([1, 5]));', 'signed', [-5, -1]],
  ['standardised with methods', 'const y = tf.tensor1d([1, 2, 3]);\nconst labels = y.sub(y.mean()).div(4);', 'signed', undefined],
  ['standardised with tf.moments', 'const y = load();\nconst {mean, variance} = tf.moments(y);\nconst labels = tf.div(tf.sub(y, mean), tf.sqrt(variance));', 'signed', undefined],
  ['standard normal draws', 'const labels = tf.randomNormal([8, 1]);', 'signed', undefined],
  ['normal draws far above zero', 'const labels = tf.randomNormal([8, 1], 100, 1);', 'unknown', undefined],
  ['uniform draws', 'const labels = tf.randomUniform([8, 1], -1, 1);', 'signed', [-1, 1]],
  ['divided by its max, origin unknown', 'const y = load();\nconst labels = y.div(y.max());', 'nonnegative', [0, 1]],
  ['min-max scaled', 'const y = load();\nconst labels = tf.div(tf.sub(y, tf.min(y)), tf.sub(tf.max(y), tf.min(y)));', 'nonnegative', [0, 1]],
  ['abs of anything', 'const labels = tf.abs(load());', 'nonnegative', [0, Infinity]],
  ['unknown loader', 'const labels = load();', 'unknown', undefined],
  ['unknown offset subtracted', 'const labels = tf.tensor1d([1, 5]).sub(offset());', 'unknown', undefined],
  ['a variable reassigned under a branch', 'declare const flip: boolean;\nlet labels = tf.tensor1d([1, 2]);\nif (flip) labels = tf.tensor1d([-1, 2]);', 'unknown', undefined],
  ['a variable reassigned in straight-line code: the last write', 'let labels = tf.tensor1d([1, 2]);\nlabels = tf.tensor1d([-1, 2]);', 'signed', [-1, 2]],
];

describe('rules/support/label-range', () => {
  for (const [name, code, sign, bounds] of cases) {
    it(`${name}: ${sign}${bounds ? ` in [${bounds}]` : ''}`, () => {
      const { range, sign: actual } = rangeOf(code);
      assert.equal(actual, sign);
      if (bounds) {
        assert.ok(range, 'expected a range');
        assert.deepEqual([range.lo, range.hi], bounds);
      }
    });
  }

  it('knownOutside: reached ends beyond the bound, or negatives below a bound starting at 0', () => {
    assert.equal(knownOutside({ lo: 120, hi: 560, hasNegative: false, mixed: false, exact: true }, 0, 1), true);
    assert.equal(knownOutside({ lo: 0, hi: 5, hasNegative: false, mixed: false }, 0, 1), false, 'bounds not reached');
    assert.equal(knownOutside({ lo: -Infinity, hi: Infinity, hasNegative: true, mixed: true }, 0, 1), true);
    assert.equal(knownOutside({ lo: -Infinity, hi: Infinity, hasNegative: true, mixed: true }, -1, 1), false);
    assert.equal(knownOutside({ lo: 0.1, hi: 0.9, hasNegative: false, mixed: false, exact: true }, 0, 1), false);
  });
});
