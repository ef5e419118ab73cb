// Parameters of exported helpers, bound from the files that import them (engine/importer-calls.ts,
// Modules.everyImporterArgument): a model builder in model.js sized by the calls in train.js
// and its test. Written the way public projects split their code. Callers that disagree, uses
// we cannot follow (re-exports, the function handed on, dynamic imports, HTML pages) and a host
// that cannot list every importer leave the parameter UNKNOWN.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { Modules, type ModuleHost } from '../../server/src/engine/modules';
import { ModelValue, UNKNOWN } from '../../server/src/engine/values';
import { MemoryModuleHost } from '../harness/memory-modules';
import type { Shape } from '../../server/src/engine/types';

const MODEL_CJS = `const tf = require('@tensorflow/tfjs-node');

/** @param {number[]} inputShape */
function createModel(inputShape) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: inputShape, activation: 'sigmoid', units: 50 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  return model;
}

module.exports = createModel;
`;
const MODEL_ESM = `import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES } from './config';

export function buildModel(inputSize, hidden = 16) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [inputSize] }));
  model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }));
  return model;
}
`;
const CONFIG = 'export const INPUT_SIZE = 4;\nexport const NUM_CLASSES = 3;\n';
const TRAIN_CJS = "const tf = require('@tensorflow/tfjs-node');\nconst createModel = require('./model');\n\nasync function run() {\n  const model = createModel([6]);\n  await model.fit(tf.ones([3, 6]), tf.ones([3, 1]));\n}\nrun();\n";
const TEST_CJS = "const createModel = require('./model');\n\ndescribe('model', () => {\n  it('trains', () => {\n    const inputLength = 6;\n    const model = createModel([inputLength]);\n  });\n});\n";

/** The input shapes of the model built in `fileName`, as that file's analysis sees them. */
function inputShapes(fileName: string, files: Record<string, string>, host: ModuleHost = new MemoryModuleHost(files)): (Shape | undefined)[] | undefined {
  const modules = new Modules(host);
  const file = FileAnalysis.parse(fileName, files[fileName], modules.linkFor(fileName));
  const model = file.graph.models.find((m): m is ModelValue => m instanceof ModelValue && m.modelType !== 'loaded');
  assert.ok(model, `no model built in ${fileName}`);
  const shapes = file.shapes.modelInputShapes(model);
  return shapes?.some((s) => s === undefined || s.includes(undefined as unknown as number)) ? undefined : shapes;
}

describe('engine: parameters of exported helpers, bound from their importers', () => {
  it('CommonJS: module.exports = createModel, required by the training script and its test with the same shape', () => {
    const files = { 'model.js': MODEL_CJS, 'train.js': TRAIN_CJS, 'model_test.js': TEST_CJS };
    assert.deepEqual(inputShapes('model.js', files), [[null, 6]]);
  });

  it('ES modules: a named import and a namespace import agree; a default the callers leave out; sizes from a config module', () => {
    const files = {
      'model.js': MODEL_ESM,
      'config.js': CONFIG,
      'train.js': "import { buildModel } from './model';\nimport { INPUT_SIZE } from './config';\nconst model = buildModel(INPUT_SIZE);\n",
      'evaluate.js': "import * as models from './model.js';\nimport * as tf from '@tensorflow/tfjs';\nconst name = models.VERSION;\nconst m = models.buildModel(4);\nm.predict(tf.zeros([1, 4]));\n",
    };
    assert.deepEqual(inputShapes('model.js', files), [[null, 4]]);
    const modules = new Modules(new MemoryModuleHost(files));
    const file = FileAnalysis.parse('model.js', files['model.js'], modules.linkFor('model.js'));
    const [model] = file.graph.models;
    assert.deepEqual(file.shapes.modelOutputShapes(model as ModelValue), [[null, 3]]);
    assert.deepEqual(modules.readsOf(modules.linkFor('model.js')), { dependencies: [], importersRead: [], pagesRead: [] }, 'a fresh link has read nothing');
  });

  it('a destructured require and a call in the module itself agree', () => {
    const files = {
      'model.js': MODEL_CJS.replace('module.exports = createModel;', 'const demo = createModel([2]);\nmodule.exports = { createModel };'),
      'train.js': "const { createModel } = require('./model');\nconst model = createModel([2]);\n",
    };
    assert.deepEqual(inputShapes('model.js', files), [[null, 2]]);
  });

  it('UNKNOWN where the callers disagree or cannot all be seen', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'train.js': "const createModel = require('./model');\nconst model = createModel([datasetObj.numOfColumns]);\n", 'model_test.js': TEST_CJS }, 'a size read from a CSV at run time'],
      [{ 'train.js': TRAIN_CJS, 'small.js': "const createModel = require('./model');\nconst m = createModel([4]);\n" }, 'two files pass different sizes'],
      [{ 'train.js': TRAIN_CJS, 'registry.js': "const createModel = require('./model');\nregister('abalone', createModel);\n" }, 'the helper handed on'],
      [{ 'train.js': TRAIN_CJS, 'index.js': "export { default } from './model';\n" }, 're-exported: its importers are not followed'],
      [{ 'train.js': TRAIN_CJS, 'lazy.js': "async function load() { const m = await import('./model'); return m.default([9]); }\n" }, 'a dynamic import'],
      [{ 'train.js': TRAIN_CJS, 'page.html': "<script type=\"module\">import createModel from './model.js';\ncreateModel([9]);</script>" }, 'an HTML page imports it'],
      [{ 'train.js': TRAIN_CJS, 'spread.js': "const createModel = require('./model');\nconst args = [[6]];\ncreateModel(...args);\n" }, 'a spread argument'],
      [{}, 'nobody calls it'],
    ];
    for (const [others, what] of cases) assert.equal(inputShapes('model.js', { 'model.js': MODEL_CJS, ...others }), undefined, what);
  });

  it('UNKNOWN where the helper changes the array its importers pass (shape.push(3) before the layer reads it)', () => {
    const model = MODEL_CJS.replace('function createModel(inputShape) {\n', 'function createModel(inputShape) {\n  inputShape.push(3);\n');
    assert.notEqual(model, MODEL_CJS);
    const files = { 'model.js': model, 'train.js': TRAIN_CJS, 'model_test.js': TEST_CJS };
    assert.equal(inputShapes('model.js', files), undefined);
    // The same callers and an untouched parameter: known (so the case above fails for its push alone).
    assert.deepEqual(inputShapes('model.js', { ...files, 'model.js': MODEL_CJS }), [[null, 6]]);
  });

  it('callers that pass arrays of one length but sizes that differ or are read at run time: the rank is known, the size is not (abalone)', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'train.js': "const createModel = require('./model');\nconst model = createModel([datasetObj.numOfColumns]);\n", 'model_test.js': TEST_CJS }, 'a CSV column count and a test size'],
      [{ 'train.js': TRAIN_CJS, 'small.js': "const createModel = require('./model');\nconst m = createModel([4]);\n" }, 'two files pass different sizes'],
    ];
    for (const [others, what] of cases) {
      const files = { 'model.js': MODEL_CJS, ...others };
      const modules = new Modules(new MemoryModuleHost(files));
      const file = FileAnalysis.parse('model.js', MODEL_CJS, modules.linkFor('model.js'));
      const model = file.graph.models.find((m): m is ModelValue => m instanceof ModelValue && m.modelType === 'sequential');
      assert.ok(model, what);
      const inputShape = file.graph.layers[0].option('inputShape');
      assert.ok(Array.isArray(inputShape) && inputShape.length === 1 && inputShape[0] === UNKNOWN, `${what}: an array of one unknown size`);
      assert.equal(file.shapes.modelInputShapes(model), undefined, what);
      const rows = file.shapes.summary(model, file.shapes.namer())!.rows;
      assert.deepEqual(rows.map((r) => [r.outputShape, r.params]), [[[null, 50], undefined], [[null, 1], 51]], what);
    }
    // Arrays of different lengths, or an array and a number, share nothing.
    const mixed = { 'model.js': MODEL_CJS, 'train.js': TRAIN_CJS, 'other.js': "const createModel = require('./model');\ncreateModel([4, 2]);\n" };
    const modules = new Modules(new MemoryModuleHost(mixed));
    const file = FileAnalysis.parse('model.js', MODEL_CJS, modules.linkFor('model.js'));
    assert.equal(file.graph.layers[0].option('inputShape'), UNKNOWN);
  });

  it('UNKNOWN when the host cannot list every importer (the language server)', () => {
    const files = { 'model.js': MODEL_CJS, 'train.js': TRAIN_CJS };
    const memory = new MemoryModuleHost(files);
    const partial: ModuleHost = { resolve: (s, f) => memory.resolve(s, f) };
    assert.equal(inputShapes('model.js', files, partial), undefined);
  });

  it('the lint of a module bound from its importers depends on them, and says so', () => {
    const files = { 'model.js': MODEL_CJS, 'train.js': TRAIN_CJS };
    const modules = new Modules(new MemoryModuleHost(files));
    const link = modules.linkFor('model.js');
    const file = FileAnalysis.parse('model.js', files['model.js'], link);
    void file.graph;
    void file.shapes.modelInputShapes(file.graph.models[0] as ModelValue);
    assert.deepEqual(link.reads().importersRead, ['model.js']);
    assert.ok(link.allDependencies().includes('train.js'));
  });

  it('new C() of a class imported from data.js: a size the constructor sets sizes the model of index.js', () => {
    const files = {
      'data.js': "export class WebsitePhishingDataset {\n  constructor() {\n    this.dataset = null;\n    this.NUM_FEATURES = 30;\n  }\n  get numFeatures() {\n    return this.NUM_FEATURES;\n  }\n  async loadData() {\n    this.dataset = await fetch('x.csv');\n  }\n}\n",
      'index.js': "import * as tf from '@tensorflow/tfjs';\nimport {WebsitePhishingDataset} from './data';\nconst data = new WebsitePhishingDataset();\ndata.loadData().then(() => {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({inputShape: [data.numFeatures], units: 100, activation: 'sigmoid'}));\n  model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));\n});\n",
    };
    assert.deepEqual(inputShapes('index.js', files), [[null, 30]]);
    const subclassed = { ...files, 'data.js': files['data.js'].replace('export class WebsitePhishingDataset {', 'export class WebsitePhishingDataset extends Dataset {') };
    assert.equal(inputShapes('index.js', subclassed), undefined, 'a base class we do not read');
  });

  it('a parameter read in a file that imports nothing stays as before', () => {
    const files = { 'model.js': 'export function f(n) { const v = n; }\n' };
    const modules = new Modules(new MemoryModuleHost(files));
    const file = FileAnalysis.parse('model.js', files['model.js'], modules.linkFor('model.js'));
    const decl = file.index.bindings.find((d) => d.initializer && d.name.getText(file.sourceFile) === 'v');
    assert.equal(file.evaluate(decl?.initializer), UNKNOWN);
  });
});
