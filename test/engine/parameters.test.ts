// Parameters of same-file helpers: the value every visible call site passes, when they agree.
// Exported helpers, helpers passed around, spread arguments and disagreeing call sites leave
// the parameter UNKNOWN.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { ModelValue, UNKNOWN, type Value } from '../../server/src/engine/values';
import { editsCallerValue } from '../../server/src/engine/call-sites';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function valueOf(code: string, name: string): Value {
  const file = FileAnalysis.parse('a.ts', NS + code);
  void file.graph;
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

describe('engine: parameters bound from call sites', () => {
  it('one call site, or several that agree, give the value', () => {
    assert.equal(valueOf('function build(units) { const u = units; }\nbuild(8);', 'u'), 8);
    assert.equal(valueOf('const build = (n, act = "relu") => { const a = act; };\nbuild(1);\nbuild(2);', 'a'), 'relu', 'a default both calls leave out');
    assert.equal(valueOf('const SIZE = 4;\nfunction build(n) { const u = n * 2; }\nbuild(SIZE);\nbuild(4);', 'u'), 8);
    assert.equal(valueOf('function build({units, rate}) { const u = units; }\nbuild({units: 3, rate: 0.1});', 'u'), 3, 'a destructured parameter');
    assert.equal(valueOf('class Net {\n  constructor() { this.model = this.build(10); }\n  build(classes) { const c = classes; return tf.sequential(); }\n}', 'c'), 10, 'a class method called through this');
    assert.equal(
      valueOf('declare const first: boolean;\nfunction build(rows, cols) {\n  const layer = tf.layers.lstm({units: 4, inputShape: first ? [rows, cols] : undefined});\n  const c = cols;\n}\nbuild(20, 52);', 'c'),
      52,
      'a parameter inside an array literal a conditional hands to a layer config',
    );
    assert.equal(valueOf('declare const first: boolean;\nfunction build(xs) {\n  const kept = first ? [xs] : [];\n  kept[0].push(1);\n  const c = xs;\n}\nbuild([1]);', 'c'), UNKNOWN, 'an array literal a conditional stores in a variable');
  });

  it('a helper building a model from its parameters gives the model its shapes', () => {
    const file = FileAnalysis.parse('a.ts', NS + "function createModel(inputSize, classes) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: 16, inputShape: [inputSize], activation: 'relu'}));\n  model.add(tf.layers.dense({units: classes, activation: 'softmax'}));\n  return model;\n}\nconst model = createModel(4, 3);");
    const [m] = file.graph.models;
    assert.ok(m instanceof ModelValue);
    assert.deepEqual(file.shapes.modelOutputShapes(m), [[null, 3]]);
  });

  it('UNKNOWN where the call sites disagree or are not all visible', () => {
    const cases: [string, string][] = [
      ['function build(units) { const u = units; }\nbuild(8);\nbuild(16);', 'disagreeing call sites'],
      ['export function build(units) { const u = units; }\nbuild(8);', 'exported: other files call it'],
      ['function build(units) { const u = units; }\nbuild(8);\nconst f = build;', 'passed around'],
      ['function build(units) { const u = units; }\nconst args = [8];\nbuild(...args);', 'a spread argument'],
      ['function build(units) { const u = units; }', 'no call site'],
      ['function build(units) { units = units + 1; const u = units; }\nbuild(8);', 'a reassigned parameter'],
      ['class Net {\n  build(classes) { const c = classes; }\n  init() { this.build(3); }\n}\nnew Net().build(5);', 'a method also called from outside'],
      ['function build(n) { const u = n; if (n > 0) build(n - 1); }\nbuild(3);', 'a recursive helper'],
    ];
    for (const [code, what] of cases) assert.equal(valueOf(code, code.includes('const c') ? 'c' : 'u'), UNKNOWN, what);
  });
});

describe('engine: fixes keep values that belong to call sites', () => {
  const context = (code: string) => {
    const file = FileAnalysis.parse('a.ts', NS + code);
    void file.graph;
    return { file, ctx: { scopes: file.scopes, evaluate: (e: ts.Expression) => file.evaluate(e), identifiers: file.index.identifiers } };
  };
  const rangeOf = (text: string, code: string, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = (NS + code).indexOf(text, at + 1);
    return [at, at + text.length] as const;
  };

  it('an edit that overwrites a bound parameter read (or a const computed from one) edits a caller value', () => {
    const code = 'function makeOptimizer(lr: number) {\n  const rate = lr * 2;\n  return [tf.train.adam(lr), tf.train.sgd(rate)];\n}\nconst opt = makeOptimizer(1e9);';
    const { ctx } = context(code);
    const [s1, e1] = rangeOf('lr)', code);
    assert.ok(editsCallerValue(ctx, s1, e1 - 1, '0.001'), 'the parameter itself');
    const [s2, e2] = rangeOf('rate)', code);
    assert.ok(editsCallerValue(ctx, s2, e2 - 1, '0.01'), 'a const computed from it');
    assert.ok(!editsCallerValue(ctx, s1, e1 - 1, 'Math.min(lr, 0.1)'), 'an edit that keeps the read');
  });

  it('an edit of a read of an unbound parameter or a plain const is not a caller value', () => {
    const code = 'const LR = 1e9;\nexport function makeOptimizer(lr: number) {\n  return [tf.train.adam(lr), tf.train.sgd(LR)];\n}';
    const { ctx } = context(code);
    const [s1, e1] = rangeOf('lr)', code);
    assert.ok(!editsCallerValue(ctx, s1, e1 - 1, '0.001'), 'exported: the parameter is not bound');
    const [s2, e2] = rangeOf('LR)', code);
    assert.ok(!editsCallerValue(ctx, s2, e2 - 1, '0.01'));
  });
});
