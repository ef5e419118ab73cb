// The ShapeInference API as rules use it: tensor shapes and dtypes through variables,
// constructors and ops, tf.data elements, layer and model shapes, parameter counts, problems
// as data, and the shape facts for hovers.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { LayerValue } from '../../server/src/engine/values';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

/** The initializer of `const name = ...`. */
function init(file: FileAnalysis, name: string): ts.Expression {
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) found = n.initializer;
    ts.forEachChild(n, visit);
  };
  visit(file.sourceFile);
  assert.ok(found, `no const ${name}`);
  return found;
}

function analyse(code: string): FileAnalysis {
  return FileAnalysis.parse('model.ts', code);
}

describe('ShapeInference API', () => {
  it('tensor constructors: literal data, literal shapes, typed arrays, with tfjs dtypes', () => {
    const f = analyse(
      NS +
        [
          'const a = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);',
          "const b = tf.tensor([1, 2, 3, 4], [2, 2], 'int32');",
          'const c = tf.tensor(new Float32Array(12), [3, 4]);',
          'const d = tf.tensor1d([true, false]);',
          'const e = tf.fill([2, 5], 7);',
          'const g = tf.randomNormal([8, 3]);',
          'const h = tf.oneHot(tf.tensor1d([0, 2, 1], "int32"), 4);',
          'const i = tf.scalar(3);',
          'const j = tf.tensor(new Int32Array([1, 2, 3]));',
          'const k = tf.randomUniform([2, 2], 0, 10, "int32");',
        ].join('\n'),
    );
    const s = f.shapes;
    const expect: Record<string, [unknown, string]> = {
      a: [[2, 3], 'float32'],
      b: [[2, 2], 'int32'],
      c: [[3, 4], 'float32'],
      d: [[2], 'bool'],
      e: [[2, 5], 'float32'],
      g: [[8, 3], 'float32'],
      h: [[3, 4], 'int32'],
      i: [[], 'float32'],
      j: [[3], 'int32'],
      k: [[2, 2], 'int32'],
    };
    for (const [name, [shape, dtype]] of Object.entries(expect)) {
      assert.deepEqual(s.tensorShape(init(f, name)), shape, `shape of ${name}`);
      assert.equal(s.tensorDtype(init(f, name)), dtype, `dtype of ${name}`);
    }
  });

  it('ops through variables: reshape, expandDims, squeeze, concat, stack, transpose, matMul, slice, tile, broadcasting, casts', () => {
    const f = analyse(
      NS +
        [
          'const x = tf.zeros([4, 6]);',
          'const r = x.reshape([2, -1, 3]);',
          'const e = tf.expandDims(x, 1);',
          'const q = tf.squeeze(e);',
          'const c = tf.concat([x, tf.ones([4, 2])], 1);',
          'const st = tf.stack([x, x, x]);',
          'const t = x.transpose();',
          'const m = tf.matMul(x, tf.ones([6, 5]));',
          'const sl = tf.slice(x, [1, 0], [2, -1]);',
          'const ti = tf.tile(x, [2, 1]);',
          'const b = tf.add(x, tf.ones([1, 6])).div(255);',
          'const n = x.toInt();',
          "const cc = tf.cast(n, 'float32');",
          'const mx = x.argMax(1);',
          'const px = tf.browser.fromPixels(canvas);',
        ].join('\n'),
    );
    const s = f.shapes;
    const expect: Record<string, unknown> = { r: [2, 4, 3], e: [4, 1, 6], q: [4, 6], c: [4, 8], st: [3, 4, 6], t: [6, 4], m: [4, 5], sl: [2, 6], ti: [8, 6], b: [4, 6], n: [4, 6], cc: [4, 6], mx: [4] };
    for (const [name, shape] of Object.entries(expect)) assert.deepEqual(s.tensorShape(init(f, name)), shape, `shape of ${name}`);
    assert.equal(s.tensorDtype(init(f, 'n')), 'int32');
    assert.equal(s.tensorDtype(init(f, 'cc')), 'float32');
    assert.equal(s.tensorDtype(init(f, 'mx')), 'int32');
    assert.equal(s.tensorShape(init(f, 'px')), undefined);
    assert.equal(s.tensorDtype(init(f, 'px')), 'int32', 'fromPixels gives int32');
  });

  it('unknown stays unknown: parameters, reassigned variables, unknown ops', () => {
    const f = analyse(NS + 'export function g(p: any, big: boolean) {\n  const a = tf.zeros(p);\n  let b = tf.zeros([2]);\n  if (big) b = tf.zeros([3]);\n  const c = b.add(1);\n  const d = tf.someFutureOp(tf.zeros([2]));\n  b = tf.zeros([4]);\n  const e = b.add(1);\n}');
    for (const name of ['a', 'c', 'd']) assert.equal(f.shapes.tensorShape(init(f, name)), undefined, name);
    assert.deepEqual(f.shapes.tensorShape(init(f, 'e')), [4], 'a reassigned variable read right after a plain write');
  });

  it('sequential model: layer outputs (also on the LayerValue), input/output shapes, params, predict', () => {
    const f = analyse(
      NS +
        "const model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3}));\nmodel.add(tf.layers.maxPooling2d({poolSize: 2}));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.batchNormalization());\nmodel.add(tf.layers.dense({units: 10, activation: 'softmax'}));\nconst p = model.predict(tf.zeros([5, 28, 28, 1]));",
    );
    const s = f.shapes;
    const model = f.graph.models[0];
    assert.deepEqual(s.modelInputShapes(model), [[null, 28, 28, 1]]);
    assert.deepEqual(s.modelOutputShapes(model), [[null, 10]]);
    const outs = model.layers.map((e) => s.layerOutput(e.layer as LayerValue));
    assert.deepEqual(outs, [[null, 26, 26, 8], [null, 13, 13, 8], [null, 1352], [null, 1352], [null, 10]]);
    assert.deepEqual((model.layers[2].layer as LayerValue).outputShape, [null, 1352]);
    assert.deepEqual(model.layers.map((e) => s.layerParams(e.layer as LayerValue)?.params), [80, 0, 0, 5408, 13530]);
    assert.equal(s.layerParams(model.layers[3].layer as LayerValue)?.nonTrainable, 2704);
    assert.deepEqual(s.tensorShape(init(f, 'p')), [5, 10]);
    assert.equal(s.summary(model, s.namer())?.totalParams, 19018);
    assert.deepEqual(s.problems, []);
  });

  it('functional model with two inputs and a merge', () => {
    const f = analyse(
      NS + "const a = tf.input({shape: [8]});\nconst b = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 4}).apply(a);\nconst s = tf.layers.add().apply([h, b]);\nconst out = tf.layers.dense({units: 1}).apply(s);\nconst model = tf.model({inputs: [a, b], outputs: out});",
    );
    const s = f.shapes;
    const model = f.graph.models[0];
    assert.deepEqual(s.modelInputShapes(model), [[null, 8], [null, 4]]);
    assert.deepEqual(s.modelOutputShapes(model), [[null, 1]]);
    assert.deepEqual(s.tensorShape(init(f, 's')), [null, 4]);
  });

  it('tf.layers.input is an input tensor like tf.input: its model keeps its shapes (catalog kind)', () => {
    const f = analyse(
      NS + "const inp = tf.layers.input({shape: [8]});\nconst out = tf.layers.dense({units: 3, activation: 'softmax'}).apply(inp);\nconst model = tf.model({inputs: inp, outputs: out});",
    );
    const model = f.graph.models[0];
    assert.deepEqual(f.shapes.modelInputShapes(model), [[null, 8]]);
    assert.deepEqual(f.shapes.modelOutputShapes(model), [[null, 3]]);
    assert.equal(f.graph.layers.length, 1, 'tf.layers.input is no layer');
  });

  it('dtypes checked against tfjs: prelu of int32 is float32, erf of int32 is float32, norm of int32 throws', () => {
    const f = analyse(
      NS + "const i = tf.tensor1d([1, 2], 'int32');\nconst p = tf.prelu(i, tf.scalar(0.1));\nconst e = tf.erf(i);\nconst n = tf.norm(i);\nconst r = tf.image.resizeNearestNeighbor(tf.zeros([1, 4, 4, 3], 'int32'), [2, 2]);",
    );
    assert.equal(f.shapes.tensorDtype(init(f, 'p')), 'float32');
    assert.equal(f.shapes.tensorDtype(init(f, 'e')), 'float32');
    assert.equal(f.shapes.tensorDtype(init(f, 'n')), undefined);
    assert.equal(f.shapes.tensorDtype(init(f, 'r')), 'int32');
  });

  it('dtype sources: the dtype and its cause as data (rules word it), through ops that keep it', () => {
    const f = analyse(
      NS + "declare const img: HTMLImageElement;\nconst px = tf.browser.fromPixels(img);\nconst crop = px.slice([0, 0, 0], [8, 8, 3]);\nconst r = tf.randomUniform([4], 0, 10, 'int32');\nconst k = tf.tensor1d(new Int32Array([1, 2]));\nconst b = tf.sum(tf.equal(k, k));\nconst n = tf.add(k, 1);",
    );
    const source = (name: string) => f.dtypeSource(init(f, name));
    assert.deepEqual(source('crop'), { dtype: 'int32', cause: { kind: 'op', op: 'browser.fromPixels' }, index: false });
    assert.deepEqual(source('r'), { dtype: 'int32', cause: { kind: 'dtype-argument', op: 'randomUniform', dtype: 'int32' }, index: false });
    assert.deepEqual(source('k'), { dtype: 'int32', cause: { kind: 'typed-array', op: 'tensor1d', array: 'Int32Array' } });
    assert.deepEqual(source('b'), { dtype: 'int32', cause: { kind: 'sum-of-bool', of: { kind: 'op', op: 'equal' } } });
    assert.deepEqual(source('n'), { dtype: 'float32', cause: { kind: 'op', op: 'add' } });
  });

  it('tf.data elements: array of {xs, ys}, zip, batch', () => {
    const f = analyse(
      NS + "const ds = tf.data.array([{xs: [1, 2, 3], ys: [0, 1]}, {xs: [4, 5, 6], ys: [1, 0]}]).shuffle(4).batch(2);\nconst z = tf.data.zip({xs: tf.data.array([[1, 2], [3, 4]]), ys: tf.data.array([0, 1])});",
    );
    const d = f.shapes.datasetElement(init(f, 'ds'));
    assert.deepEqual(d, {
      batched: true,
      spec: { kind: 'object', props: { xs: { kind: 'tensor', shape: [null, 3], dtype: 'float32', plain: false }, ys: { kind: 'tensor', shape: [null, 2], dtype: 'float32', plain: false } } },
    });
    const z = f.shapes.datasetElement(init(f, 'z'));
    assert.equal(z?.batched, false);
    assert.deepEqual(z?.spec.kind === 'object' && z.spec.props.xs, { kind: 'tensor', shape: [2], dtype: 'float32', plain: true });
  });

  it('problems are data: kind, node, shapes, build or run time', () => {
    const f = analyse(NS + 'const m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8}), tf.layers.lstm({units: 2})]});\nconst k = tf.matMul(tf.ones([2, 3]), tf.ones([4, 5]));');
    const kinds = f.shapes.problems.map((p) => [p.kind, p.atBuild, f.lineOf(p.node)]);
    assert.deepEqual(kinds, [['layer-input', true, 2], ['matmul', false, 3]]);
    const [lstm, matMul] = f.shapes.problems;
    assert.deepEqual(lstm.actual, [null, 8]);
    assert.ok(lstm.kind === 'layer-input' && matMul.kind === 'matmul');
    assert.deepEqual([lstm.layer.layerType, lstm.position, lstm.fault, lstm.inputs], ['lstm', 2, { kind: 'rank', rank: 3, exact: true }, [[null, 8]]]);
    assert.equal(lstm.from !== 'model-input' && lstm.from[0].layer.layerType, 'dense');
    assert.deepEqual([matMul.shapes, matMul.inner], [[[2, 3], [4, 5]], [3, 4]]);
  });

  it('facts carry shapes, dtypes, class names and parameter counts as data (the editor words them)', () => {
    const f = analyse(NS + 'const m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8})]});\nconst x = tf.ones([3, 4]).toInt();');
    const facts = f.facts();
    const layer = facts.find((x) => x.kind === 'layer');
    assert.deepEqual(layer?.shape, [null, 8]);
    assert.deepEqual([layer?.label, layer?.className, layer?.params, layer?.nonTrainable], ['dense', 'Dense', 40, 0]);
    const model = facts.find((x) => x.kind === 'model');
    assert.deepEqual([model?.label, model?.inputShapes, model?.outputShapes, model?.params], ['sequential', [[null, 4]], [[null, 8]], 40]);
    const tensor = facts.find((x) => x.kind === 'tensor' && x.label === 'toInt');
    assert.deepEqual([tensor?.shape, tensor?.dtype], [[3, 4], 'int32']);
  });
});
