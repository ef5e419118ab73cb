// Value ranges of plain JS numbers and arrays that reach tf.tensor*(...): what the engine proves
// (bounds), what it knows is reached (exact ends) or present (negatives), and what stays unknown.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import type { ValueRange } from '../../server/src/engine/ranges';

/** The range of the last expression statement of `code` (after the tfjs import). */
function rangeOfLast(code: string): ValueRange | undefined {
  const file = FileAnalysis.parse('data.js', "const tf = require('@tensorflow/tfjs');\n" + code);
  const last = file.sourceFile.statements[file.sourceFile.statements.length - 1];
  assert.ok(ts.isExpressionStatement(last), 'the code must end with an expression');
  void file.graph;
  return file.valueRange(last.expression);
}

interface Case {
  name: string;
  code: string;
  /** Expected bounds, or undefined for unknown. */
  bounds?: [number, number];
  exact?: boolean;
  hasNegative?: boolean;
}

const known: Case[] = [
  { name: 'Math.random() draws, like randomUniform(0, 1)', code: 'const ys = [];\nfor (let i = 0; i < 100; i++) ys.push(Math.random());\ntf.tensor1d(ys);', bounds: [0, 1], exact: true },
  { name: 'Math.random() scaled and shifted below zero', code: 'const ys = [];\nfor (let i = 0; i < 50; i++) {\n  ys.push(Math.random() * 2 - 1);\n}\ntf.tensor2d(ys, [50, 1]);', bounds: [-1, 1], exact: true, hasNegative: true },
  { name: 'a loop counter reaches both ends', code: 'const xs = Array.from({length: 10}, (_, i) => i * 3);\ntf.tensor1d(xs);', bounds: [0, 27] },
  { name: 'a counted for loop', code: 'const xs = [];\nfor (let i = 0; i < 10; i++) {\n  xs.push(i / 10);\n}\ntf.tensor1d(xs);', bounds: [0, 0.9] },
  { name: 'a literal array mapped', code: 'const raw = [3, 9, 27];\nconst xs = raw.map((v) => v - 10);\ntf.tensor1d(xs);', bounds: [-7, 17] },
  { name: 'a literal array of negatives mapped keeps its sign', code: 'const xs = [-3, -1].map((v) => v * 2);\ntf.tensor1d(xs);', bounds: [-6, -2], hasNegative: true },
  { name: 'object fields of records, forEach and push', code: "const data = [{x: 1, y: 120}, {x: 2, y: 560}, {x: 3, y: 300}];\nconst ys = [];\ndata.forEach((d) => {\n  ys.push(d.y);\n});\ntf.tensor2d(ys, [3, 1]);", bounds: [120, 560] },
  { name: 'for...of over records', code: "const rows = [{price: 10}, {price: 35}];\nconst ys = [];\nfor (const r of rows) ys.push([r.price]);\ntf.tensor2d(ys);", bounds: [10, 35] },
  { name: 'a clamp with Math.min / Math.max', code: 'declare const raw: number[];\nconst ys = raw.map((v) => Math.min(1, Math.max(0, v)));\ntf.tensor1d(ys);', bounds: [0, 1] },
  { name: 'min-max scaling in plain JS', code: 'declare const raw: number[];\nconst min = Math.min(...raw);\nconst max = Math.max(...raw);\nconst ys = raw.map((v) => (v - min) / (max - min));\ntf.tensor1d(ys);', bounds: [0, 1] },
  { name: 'division by the maximum of non-negative data', code: 'const raw = [4, 16, 64];\nconst max = Math.max(...raw);\ntf.tensor1d(raw.map((v) => v / max));', bounds: [0, 1] },
  { name: 'a conditional: hull of both branches', code: 'const ys = [];\nfor (let i = 0; i < 20; i++) ys.push(i % 2 === 0 ? 1 : 0);\ntf.tensor1d(ys);', bounds: [0, 1] },
  { name: 'a helper that returns the array', code: 'function makeLabels() {\n  const out = [];\n  for (let i = 0; i < 8; i++) out.push(Math.sin(i));\n  return out;\n}\ntf.tensor1d(makeLabels());', bounds: [-1, 1] },
  { name: 'a literal tensor stays exact', code: 'tf.tensor2d([[-1.5], [2]]);', bounds: [-1.5, 2], exact: true, hasNegative: true },
  { name: 'a sum of non-negative values stays non-negative', code: 'const xs = [];\nfor (let i = 0; i < 5; i++) xs.push(Math.random() + i);\ntf.tensor1d(xs);', bounds: [0, 5] },
];

const unknown: Case[] = [
  { name: 'a parameter', code: 'function f(values) { return tf.tensor1d(values); }\nf([1]);' },
  { name: 'an array handed to an unknown function before use', code: 'const ys = [1, 2];\nfill(ys);\ntf.tensor1d(ys);' },
  { name: 'pushes of unknown values', code: 'const ys = [];\nfor (const r of load()) ys.push(r.label);\ntf.tensor1d(ys);' },
  { name: 'a loaded array', code: "const ys = require('./labels.json');\ntf.tensor1d(ys);" },
  { name: 'division by a span that may be zero', code: 'declare const a: number[];\nconst ys = a.map((v) => v / (v - 1));\ntf.tensor1d(ys);' },
  { name: 'x / max where x comes from another array', code: 'declare const a: number[], b: number[];\nconst max = Math.max(...a);\ntf.tensor1d(b.map((v) => v / max));' },
];

describe('engine: value ranges of JS numbers (file.valueRange)', () => {
  for (const c of known) {
    it(`${c.name}: in [${c.bounds}]`, () => {
      const r = rangeOfLast(c.code);
      assert.ok(r, 'expected a range');
      assert.deepEqual([r.lo, r.hi], c.bounds);
      if (c.exact !== undefined) assert.equal(!!r.exact, c.exact, 'exact');
      if (c.hasNegative !== undefined) assert.equal(r.hasNegative, c.hasNegative, 'hasNegative');
    });
  }
  for (const c of unknown) {
    it(`${c.name}: unknown`, () => {
      const r = rangeOfLast(c.code);
      assert.ok(!r || (r.lo === -Infinity && r.hi === Infinity && !r.hasNegative), `expected unknown, got ${JSON.stringify(r)}`);
    });
  }

  it('values pushed where the push may not run are bounds only: no reached ends, no present negatives', () => {
    for (const code of [
      'const ys = [];\nfor (const r of rows()) {\n  if (r.ok) ys.push(Math.random() * 2 - 1);\n}\ntf.tensor1d(ys);',
      'const ys = [];\nrows().forEach(() => ys.push(Math.random() * 2 - 1));\ntf.tensor1d(ys);',
      'const ys = [];\nfor (let i = 0; i < n; i++) ys.push(Math.random() * 2 - 1);\ntf.tensor1d(ys);',
    ]) {
      const r = rangeOfLast(code);
      assert.ok(r, code);
      assert.deepEqual([r.lo, r.hi, !!r.exact, r.hasNegative], [-1, 1, false, false], code);
    }
  });

  it('a counted loop that runs pushes present values: all-negative pushes are known negatives', () => {
    const r = rangeOfLast('const ys = [];\nfor (let i = 0; i < 10; i++) ys.push(-5 - i);\ntf.tensor1d(ys);');
    assert.ok(r);
    assert.deepEqual([r.lo, r.hi, !!r.exact, r.hasNegative], [-14, -5, true, true]);
  });

  it('a literal array filled afterwards is not its initializer', () => {
    const r = rangeOfLast('const ys = [0, 1];\nys.push(300);\ntf.tensor1d(ys);');
    assert.ok(r);
    assert.deepEqual([r.lo, r.hi, !!r.exact], [0, 300, true], 'the push runs: 300 is held');
    const maybe = rangeOfLast('const ys = [0, 1];\nif (extra) ys.push(300);\ntf.tensor1d(ys);');
    assert.ok(maybe);
    assert.deepEqual([maybe.lo, maybe.hi, !!maybe.exact], [0, 300, false], 'the push may not run');
  });

  it('initial elements that may be overwritten or removed only bound the values: no reached ends from them', () => {
    const overwritten = rangeOfLast('const ys = [500, 1];\nys[0] = 2;\ntf.tensor1d(ys);');
    assert.ok(overwritten);
    assert.deepEqual([overwritten.lo, overwritten.hi, !!overwritten.exact], [1, 500, false], '500 is overwritten by 2');
    const popped = rangeOfLast('const ys = [0, 300];\nys.pop();\ntf.tensor1d(ys);');
    assert.ok(popped);
    assert.deepEqual([popped.lo, popped.hi, !!popped.exact], [0, 300, false], '300 is popped');
    const handed = rangeOfLast('const ys = [0, 1];\nshuffleInPlace(ys);\ntf.tensor1d(ys);');
    assert.equal(handed, undefined, 'a function of unknown effect may put anything in');
  });
});
