// Arrays and objects changed after their declaration (`const xs = []` then `xs.push(...)`,
// `cfg.units = 8`): the engine never reads them as their initializer. Written the way public
// code fills its data: push loops, forEach callbacks, index writes, helpers that fill arrays.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { ListValue, ObjectValue, UNKNOWN, type Value } from '../../server/src/engine/values';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

/** The value of the initializer of the last `const <name> = ...`. */
function valueOf(code: string, name: string): Value {
  const file = FileAnalysis.parse('a.ts', code);
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

/** Shape and dtype of the tensor in `const <name> = ...`. */
function tensorOf(code: string, name: string): [unknown, unknown] {
  const file = FileAnalysis.parse('a.ts', NS + code);
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return [file.shapes.tensorShape(decl.initializer!), file.shapes.tensorDtype(decl.initializer!)];
}

function list(v: Value): ListValue {
  assert.ok(v instanceof ListValue, `expected a filled array, got ${String(v)}`);
  return v;
}

describe('engine: arrays filled after their declaration', () => {
  it('a push loop with a known trip count gives the exact length', () => {
    const v = list(valueOf('const xs = [];\nfor (let i = 0; i < 100; i++) xs.push([i, i * 2]);\nconst r = xs;', 'r'));
    assert.equal(v.length, 100);
    assert.equal(valueOf('const xs = [];\nfor (let i = 0; i < 10; i += 2) { xs.push(i, i); }\nconst n = xs.length;', 'n'), 10);
    assert.equal(valueOf('const xs = [];\nfor (let i = 1; i <= 4; i++) xs.push(i);\nconst n = xs.length;', 'n'), 4);
    assert.equal(valueOf('const xs = [];\n[1, 2, 3].forEach((v) => xs.push(v));\nconst n = xs.length;', 'n'), 3);
    assert.equal(valueOf('const xs = [];\nfor (const c of [1, 2]) for (let j = 0; j < 3; j++) xs.push(c * j);\nconst n = xs.length;', 'n'), 6);
  });

  it('pushes that run once each, in order, give the array itself', () => {
    assert.deepEqual(valueOf('const xs = [1];\nxs.push(2);\nxs.push(3, 4);\nconst r = xs;', 'r'), [1, 2, 3, 4]);
  });

  it('the length is unknown where the pushes are not counted or not all done', () => {
    const cases: [string, string][] = [
      ['const xs = [];\nfor (const row of rows) xs.push(row);\nconst r = xs;', 'for..of over unknown data'],
      ['const xs = [];\nwhile (more()) xs.push(1);\nconst r = xs;', 'while loop'],
      ['const xs = [];\nif (flag) xs.push(1);\nconst r = xs;', 'a branch'],
      ['const xs = [];\nfor (let i = 0; i < 10; i++) { if (i % 2) continue; xs.push(i); }\nconst r = xs;', 'continue in the loop'],
      ['const xs = [];\nfor (let i = 0; i < 10; i++) { xs.push(i); i++; }\nconst r = xs;', 'counter written in the body'],
      ['const xs = [];\nasync function load() { await ds.forEachAsync((e) => xs.push(e)); }\nconst r = xs;', 'forEachAsync callback'],
      ['const xs = [];\nconst r = xs;\nxs.push(1);', 'read before the push'],
      ['const xs = [];\nfunction later() { return xs; }\nxs.push(1);\nconst r = later();', 'read in another function'],
      ['const xs = [];\nfor (let i = 0; i < 10; i++) xs.push(i);\nxs.splice(0, 2);\nconst r = xs;', 'splice'],
      ['const xs = [];\nfor (let i = 0; i < 10; i++) xs.push(i);\nxs.length = 0;\nconst r = xs;', 'length = 0'],
      ['const xs = [];\nfor (let i = 0; i < 10; i++) xs[i] = i;\nconst r = xs;', 'index writes'],
      ['const xs = [];\nxs.unshift(1);\nxs.pop();\nconst r = xs;', 'unshift and pop'],
      ['const xs = [];\ntry { xs.push(1); } catch (e) {}\nconst r = xs;', 'inside try'],
    ];
    for (const [code, what] of cases) assert.equal(list(valueOf(code, 'r')).length, UNKNOWN, what);
  });

  it('an array handed to code we cannot see is unknown, elements and length', () => {
    const v = list(valueOf('declare function loadInto(a: number[]): void;\nconst xs = [];\nloadInto(xs);\nconst r = xs;', 'r'));
    assert.equal(v.length, UNKNOWN);
    assert.equal(v.elements, UNKNOWN);
    for (const code of ['const xs = [];\nthis.data = xs;\nconst r = xs;', 'const xs = [];\nconst ys = xs;\nfill(ys);\nconst r = xs;', 'const xs = [[1]];\nxs[0].push(2);\nconst r = xs;']) {
      assert.equal(list(valueOf(code, 'r')).elements, UNKNOWN, code);
    }
  });

  it('a push through an alias is a push to the array', () => {
    assert.deepEqual(valueOf('const xs = [];\nconst ys = xs;\nys.push(1);\nconst r = xs;', 'r'), [1]);
  });

  it('reads that change nothing keep the initializer', () => {
    const code = NS + 'const xs = [1, 2, 3];\nconsole.log(xs.length, xs.map((x) => x * 2), JSON.stringify(xs));\nconst t = tf.tensor1d(xs);\nfor (const x of xs) console.log(x);\nfunction get() { return {xs}; }\nconst r = xs;';
    assert.deepEqual(valueOf(code, 'r'), [1, 2, 3]);
  });

  it('an array handed to a same-file helper that only reads it keeps its value; one that changes it does not', () => {
    // The public pattern: a feature list handed to a data helper, its length then sizing the model.
    const reads = "const createDataSets = (data, features, testSize) => {\n  const X = data.map((r) => features.map((f) => r[f]));\n  return [X, features.length];\n};\nclass Trainer {\n  run() {\n    const features = ['Glucose', 'Age'];\n    const sets = createDataSets(rows, features, 0.1);\n    this.report(features);\n    const n = features.length;\n  }\n  report(names) { console.log(names.join(', ')); }\n}";
    assert.equal(valueOf(reads, 'n'), 2, 'an arrow helper and a method that only read it');
    const changes: [string, string][] = [
      ['function addBias(cols) { cols.push("bias"); }\nconst features = ["a"];\naddBias(features);\nconst n = features.length;', 'the helper pushes'],
      ['function keep(cols) { store.cols = cols; }\nconst features = ["a"];\nkeep(features);\nconst n = features.length;', 'the helper stores it where we do not follow'],
      ['function outer(cols) { fill(cols); }\nconst features = ["a"];\nouter(features);\nconst n = features.length;', 'the helper hands it on to unknown code'],
      ['function sneaky() { arguments[0].push(1); }\nconst features = ["a"];\nsneaky(features);\nconst n = features.length;', 'the helper reaches it through arguments'],
      ['function rest(...cols) { cols[0].push(1); }\nconst features = ["a"];\nrest(features);\nconst n = features.length;', 'a rest parameter'],
      ['function pick({length}) { return length; }\nconst features = ["a"];\npick(features);\nconst n = features.length;', 'a destructured parameter'],
      ['function wrap(cols) { return {cols}; }\nconst features = ["a"];\nconst w = wrap(features);\nw.cols.push("b");\nconst n = features.length;', 'the helper returns it: the caller changes it under another name'],
      ['const same = (cols) => cols;\nconst features = ["a"];\nsame(features).push("b");\nconst n = features.length;', 'an arrow returning it'],
      ['function deep(c) { deep(c); c.pop(); }\nconst features = ["a"];\ndeep(features);\nconst n = features.length;', 'a recursive helper that changes it'],
    ];
    for (const [code, what] of changes) assert.equal(valueOf(code, 'n'), UNKNOWN, what);
  });

  it('an object with keys written later: those keys are unknown where the write may not have run or may run again', () => {
    const cases: Record<string, string> = {
      'in a handler': 'const cfg = {units: 4, activation: "relu"};\nbutton.onclick = () => { cfg.units = 8; };\nconst r = cfg;',
      'under a branch': 'const cfg = {units: 4, activation: "relu"};\nif (wide) cfg.units = 8;\nconst r = cfg;',
      'in a loop': 'const cfg = {units: 4, activation: "relu"};\nfor (const u of sizes) cfg.units = u;\nconst r = cfg;',
      'twice': 'const cfg = {units: 4, activation: "relu"};\ncfg.units = 8;\ncfg.units = 16;\nconst r = cfg;',
      'after the read': 'const cfg = {units: 4, activation: "relu"};\nconst r = cfg;\ncfg.units = 8;',
      'compound': 'const cfg = {units: 4, activation: "relu"};\ncfg.units *= 2;\nconst r = cfg;',
      'read in a function': 'const cfg = {units: 4, activation: "relu"};\ncfg.units = 8;\nfunction f() {\n  const r = cfg;\n  return r;\n}',
    };
    for (const [what, code] of Object.entries(cases)) {
      const v = valueOf('declare const button: any, wide: boolean, sizes: number[];\n' + code, 'r');
      assert.ok(v instanceof ObjectValue, what);
      assert.equal(v.get('units'), UNKNOWN, what);
      assert.equal(v.get('activation'), 'relu', what);
    }
    const any = valueOf('const cfg = {units: 4};\nObject.assign(cfg, extra);\nconst r = cfg.units;', 'r');
    assert.equal(any, UNKNOWN, 'Object.assign may write any key');
    assert.equal(valueOf('const cfg = {layers: [1]};\ncfg.layers.push(2);\nconst r = cfg.layers;', 'r'), UNKNOWN, 'a nested push');
    const destructured = 'declare const button: any;\nconst cfg = {sizes: {hidden: 4}, rate: 0.1};\nbutton.onclick = () => { const { hidden } = cfg.sizes; hidden.n = 2; };\nconst r = cfg;';
    const d = valueOf(destructured, 'r');
    assert.ok(d instanceof ObjectValue);
    assert.equal(d.get('sizes'), UNKNOWN, 'changed through names destructured from a nested read');
    assert.equal(d.get('rate'), 0.1);
  });

  it('a key set once by a plain statement before the read is what the read sees (objects that hold a network)', () => {
    const code = NS + `const encoder = {
  input: tf.input({shape: [8]}),
  hidden: [tf.layers.dense({units: 4, activation: 'relu'})],
};
encoder.output = tf.layers.dense({units: 2}).apply(encoder.hidden[0].apply(encoder.input));
encoder.model = tf.model({inputs: encoder.input, outputs: encoder.output});
const r = encoder;`;
    const v = valueOf(code, 'r');
    assert.ok(v instanceof ObjectValue);
    assert.equal((v.get('output') as { op?: string }).op, 'apply');
    assert.equal((v.get('model') as { modelType?: string }).modelType, 'functional');
    assert.equal(v.propNodes.has('output'), false, 'no literal property to point a fix at');
  });
});

describe('shapes: tensors from filled arrays', () => {
  it('tensor constructors keep what is known: length, row width, rank', () => {
    const cases: [string, unknown, unknown][] = [
      ['const xs = [];\nfor (const p of points) xs.push([p.x, p.y, p.z]);\nconst t = tf.tensor2d(xs);', [null, 3], undefined],
      ['const xs = [];\nfor (const p of points) xs.push([Math.random(), p.length * 2]);\nconst t = tf.tensor(xs);', [null, 2], 'float32'],
      ['const xs = [];\nfor (let i = 0; i < 50; i++) xs.push([i, i / 2, Math.sin(i)]);\nconst t = tf.tensor(xs);', [50, 3], 'float32'],
      ['const ys = [];\nfor (const p of points) ys.push(p.label);\nconst t = tf.tensor1d(ys);', [null], undefined],
      ['const labels = [];\ndata.forEach((d) => labels.push(d.label));\nconst t = tf.oneHot(tf.tensor1d(labels, "int32"), 10);', [null, 10], 'int32'],
      ['const images = [];\nfor (const f of files) images.push(tf.zeros([28, 28, 1]));\nconst t = tf.stack(images);', [null, 28, 28, 1], 'float32'],
      ['const xs = [];\nfor (const f of files) xs.push(f.values);\nconst t = tf.tensor(xs);', undefined, undefined],
      ['const t = tf.tensor2d(values, [count, 3]);', [null, 3], undefined],
      ['const t = tf.tensor3d(loadImages());', [null, null, null], undefined],
    ];
    for (const [code, shape, dtype] of cases) {
      const [s, d] = tensorOf(code, 't');
      assert.deepEqual(s, shape, code);
      assert.equal(d, dtype, code);
    }
  });

  it('concat of a filled array: the shape its elements share off the axis, the axis unknown', () => {
    const cases: [string, unknown, unknown][] = [
      // tfjs-examples iris/data.js: one slice per class, pushed in a loop, joined on axis 0.
      ['const xTrains = [];\nfor (let i = 0; i < 3; ++i) {\n  const xTrain = tf.tensor2d(rowsOf(i), [counts[i], 4]);\n  xTrains.push(xTrain);\n}\nconst t = tf.concat(xTrains, 0);', [null, 4], undefined],
      ['const parts = [];\nfor (const f of files) parts.push(tf.ones([2, 5], "int32"));\nconst t = tf.concat(parts, 1);', [2, null], 'int32'],
      ['const parts = [];\nfor (const f of files) parts.push(tf.ones([2, 5]));\nconst t = tf.concat(parts, -1);', [2, null], 'float32'],
      ['const parts = [];\nfor (const f of files) parts.push(tf.ones([2, 5]));\nconst t = tf.concat(parts);', [null, 5], 'float32'],
      ['const parts = [tf.zeros([1, 3])];\nfor (const f of files) parts.push(tf.ones([2, 3]));\nconst t = tf.concat(parts);', [null, 3], 'float32'],
      // Elements that differ off the axis, or of unknown shape or dtype: nothing known.
      ['const parts = [];\nfor (const f of files) { parts.push(tf.ones([2, 5])); parts.push(tf.ones([2, 6])); }\nconst t = tf.concat(parts);', undefined, 'float32'],
      ['const parts = [];\nfor (const f of files) { parts.push(tf.ones([2, 5])); parts.push(tf.ones([2, 5], "int32")); }\nconst t = tf.concat(parts);', [null, 5], undefined],
      ['const parts = [];\nfor (const f of files) parts.push(f.tensor);\nconst t = tf.concat(parts);', undefined, undefined],
      ['const parts = [];\nfor (const f of files) parts.push(tf.ones([2, 5]));\nconst t = tf.concat(parts, axis);', undefined, 'float32'],
      ['const parts = [];\nfor (const f of files) parts.push(tf.ones([2, 5]));\nconst t = tf.concat(parts, 2);', undefined, 'float32'],
      ['const parts = [];\nconst t = tf.concat(parts);', undefined, undefined],
    ];
    for (const [code, shape, dtype] of cases) {
      const [s, d] = tensorOf(code, 't');
      assert.deepEqual(s, shape, code);
      assert.equal(d, dtype, code);
    }
  });

  it('reshape of a filled array is not a reshape of [0] (the public pattern that used to be an error)', () => {
    const code = 'const xs = [];\nfor (const row of rows) xs.push(row.a, row.b, row.c);\nconst t = tf.tensor1d(xs).reshape([rows.length, 3]);';
    const file = FileAnalysis.parse('a.ts', NS + code);
    assert.deepEqual(file.shapes.problems.map((p) => p.kind), []);
  });
  it('an element of a list of literals read and stored elsewhere changes nothing in the list; an element that is an array or object may change', () => {
    // tfjs004.html: the labels read one by one into pushed records, their count sizes the output layer.
    const labels = "const labels = ['dog', 'cat', 'bird'];\nasync function load() {\n  const data = [];\n  for (let i = 0; i < labels.length; i++) {\n    const label = labels[i];\n    data.push({ label });\n  }\n  return data;\n}\nfunction units() {\n  const n = labels.length;\n  return n;\n}\n";
    assert.equal(valueOf(labels, 'n'), 3);
    assert.equal(valueOf(labels.replace("['dog', 'cat', 'bird']", '[1, -2, true]'), 'n'), 3);
    const rows = "const rows = [[1, 2], [3, 4]];\nfunction load() {\n  const out = [];\n  for (let i = 0; i < 2; i++) {\n    const row = rows[i];\n    out.push({ row });\n  }\n  return out;\n}\nfunction width() {\n  const w = rows[0].length;\n  return w;\n}\n";
    assert.equal(valueOf(rows, 'w'), UNKNOWN, 'a row handed on may be changed by whoever gets it');
    const pushedObject = labels.replace("const labels = ['dog', 'cat', 'bird'];", "const labels = ['dog', 'cat', 'bird'];\nlabels.push({ name: 'fish' });");
    assert.equal(list(valueOf(`${pushedObject}const all = labels;\n`, 'all')).elements, UNKNOWN, 'an object pushed in, then read out and handed on: its contents may change');
  });
});
