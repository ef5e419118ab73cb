// A holder other code also writes (a class field another model is loaded into, an outer `var`
// a handler reassigns, an undeclared global of a browser script), read right after a write in
// the same function: the read sees that write when only tfjs calls and the model's own
// methods run in between. Anything that could run other code there keeps the old answer.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { ModelValue, UNKNOWN, type Value } from '../../server/src/engine/values';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function analyse(code: string, fileName = 'a.js'): FileAnalysis {
  const file = FileAnalysis.parse(fileName, code);
  void file.graph;
  return file;
}

/** Output shapes and total of the first model the file builds. */
function summaryOf(code: string, fileName?: string): { shapes: (string | undefined)[]; total: number | undefined } {
  const file = analyse(code, fileName);
  const model = file.graph.models.find((m) => m.modelType !== 'loaded');
  assert.ok(model instanceof ModelValue);
  const s = file.shapes.summary(model, file.shapes.namer());
  assert.ok(s);
  return { shapes: s.rows.map((r) => (r.outputShape ? JSON.stringify(r.outputShape) : undefined)), total: s.totalParams };
}

/** The value of the last `const <name> = ...`. */
function valueOf(code: string, name: string): Value {
  const file = analyse(code);
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

describe('engine: a read right after a write of a holder others write too', () => {
  it('this.model built in the constructor, a loaded model put in the same field from outside (TD3 agents)', () => {
    const code = NS + `class Actor {
  constructor(nActions) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ inputShape: [47], units: 128, activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: 0.1 }) }));
    this.model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
    this.model.add(tf.layers.dense({ units: 2, activation: 'tanh' }));
  }
  call(state) { return this.model.predict(state); }
}
const agent = { actor: new Actor(2) };
async function loadActor(files) {
  agent.actor.model = await tf.loadLayersModel(tf.io.browserFiles(files));
}`;
    assert.deepEqual(summaryOf(code), { shapes: ['[null,128]', '[null,128]', '[null,2]'], total: 47 * 128 + 128 + 128 * 128 + 128 + 128 * 2 + 2 });
  });

  it('this.model built in a method and replaced by tf.loadModel in another', () => {
    const code = NS + `export default class Classifier {
  initializeModel(data) {
    this.data = data;
    this.model = tf.sequential();
    this.model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], kernelSize: 5, filters: 8, activation: 'relu' }));
    this.model.add(tf.layers.maxPooling2d({ poolSize: [2, 2], strides: [2, 2] }));
    this.model.add(tf.layers.flatten());
    this.model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    this.compile();
  }
  compile() { this.model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' }); }
  async load() { this.model = await tf.loadLayersModel('indexeddb://model'); }
}`;
    assert.deepEqual(summaryOf(code), { shapes: ['[null,24,24,8]', '[null,12,12,8]', '[null,1152]', '[null,10]'], total: 208 + 11530 });
  });

  it('an outer var built in one function and loaded in another', () => {
    const code = NS + `var model;
function createModel() {
  model = tf.sequential();
  const hidden = tf.layers.dense({ units: 4, activation: 'sigmoid', inputShape: [2] });
  const output = tf.layers.dense({ units: 1, activation: 'sigmoid' });
  model.add(hidden);
  model.add(output);
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
}
async function predict() {
  if (!model) model = await tf.loadLayersModel('localstorage://my-model-1');
  return model.predict(tf.tensor2d([[0, 1]]));
}`;
    assert.deepEqual(summaryOf(code), { shapes: ['[null,4]', '[null,1]'], total: 12 + 5 });
  });

  it('an undeclared global of a browser script (model = tf.sequential() with the global tf)', () => {
    const code = `model = tf.sequential();
model.add(tf.layers.dense({units: 10, activation: 'sigmoid', inputShape: [2]}));
model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
model.compile({loss: 'meanSquaredError', optimizer: 'rmsprop'});
loadedModel = tf.loadLayersModel('localstorage://my-file-model-01');
function reset() { model = null; }`;
    assert.deepEqual(summaryOf(code), { shapes: ['[null,10]', '[null,1]'], total: 30 + 11 });
  });

  it('a number field set right before the layers that read it', () => {
    const code = NS + `class Net {
  build() {
    this.units = 8;
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: this.units, inputShape: [3] }));
  }
  grow() { this.units = 64; }
}`;
    assert.deepEqual(summaryOf(code), { shapes: ['[null,8]'], total: 32 });
  });

  it('unknown when other code may run between the write and the read', () => {
    const holder = (between: string): string => NS + `var model;
async function build() {
  model = tf.sequential();
  ${between}
  const m = model;
}
function load() { model = tf.loadLayersModel('x'); }`;
    const cases: [string, string][] = [
      ['setup();', 'a call of user code'],
      ['await tf.ready();', 'an await'],
      ['tf.tidy(() => setup());', 'a callback tfjs runs'],
      ['new Trainer();', 'a constructor'],
      ['const other = model; other.layers.length = 0;', 'an alias of the holder'],
    ];
    for (const [between, what] of cases) assert.equal(valueOf(holder(between), 'm'), UNKNOWN, what);
    assert.ok(valueOf(holder('tf.layers.dense({units: 1});'), 'm') instanceof ModelValue, 'only a tfjs call in between');

    const flow: [string, string][] = [
      ['var model;\nfunction f() {\n  if (window.big) model = tf.sequential();\n  const m = model;\n}\nfunction g() { model = tf.sequential(); }', 'the write under a branch the read is not in'],
      ['var model;\nfunction f() {\n  model = tf.sequential();\n  for (const x of xs) {\n    const m = model;\n    reset();\n  }\n}\nfunction reset() { model = tf.sequential(); }', 'a loop around the read, not the write'],
      ['class A {\n  set model(v) { this._m = v; }\n  f() {\n    this.model = tf.sequential();\n    const m = this.model;\n  }\n}', 'a setter of that name'],
      ['class A {\n  f() {\n    this.shape = [4];\n    this.shape[0] = 5;\n    const m = this.shape;\n  }\n  g() { this.shape = [2]; }\n}', 'an element written in between'],
    ];
    for (const [code, what] of flow) assert.equal(valueOf(NS + code, 'm'), UNKNOWN, what);
  });

  it('totals unknown when an add we cannot resolve may reach the model', () => {
    const afterUserCall = NS + `var model;
function build() {
  model = tf.sequential();
  model.add(tf.layers.dense({ units: 2, inputShape: [3] }));
  prepare();
  model.add(tf.layers.dense({ units: 1 }));
}
function prepare() {}
function load() { model = tf.loadLayersModel('x'); }`;
    assert.equal(summaryOf(afterUserCall).total, undefined);
    const aliasAfterAwait = NS + `class A {
  async build() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 2, inputShape: [3] }));
    await tf.ready();
    const m = this.model;
    m.add(tf.layers.dense({ units: 1 }));
  }
  async load() { this.model = await tf.loadLayersModel('x'); }
}`;
    assert.equal(summaryOf(aliasAfterAwait).total, undefined);
  });
});
