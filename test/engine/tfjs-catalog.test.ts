// The tfjs API catalog against the installed @tensorflow/tfjs (4.22, CPU): every catalogued
// path exists with the kind the catalog claims, dtype rules and output bounds hold on real
// tensors, layer class names and optimizer default rates are tfjs's own. The tfjs functions
// the catalog lacks are printed for information (not a failure).
import * as assert from 'node:assert/strict';
import {
  ACTIVATIONS,
  COMPILE_LOSSES,
  apiRecord,
  catalogPaths,
  type ApiRecord,
  type LayerRecord,
  type OpRecord,
  type OptimizerRecord,
} from '../../server/src/engine/tfjs/catalog';
import { realTf } from '../harness/run-snippet';

type Tf = typeof import('@tensorflow/tfjs');
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function lookup(tf: Tf, path: string): unknown {
  let v: Any = tf;
  for (const part of path.split('.')) v = v?.[part];
  return v;
}

function checked(): [string, ApiRecord][] {
  return catalogPaths().map((p) => [p, apiRecord(p)!] as [string, ApiRecord]).filter(([, r]) => r.package === undefined);
}

/** Tried in turn until one builds the layer (each factory wants its own required options). */
const LAYER_CONFIGS: Any[] = [
  {}, { units: 1 }, { filters: 1, kernelSize: 1 }, { kernelSize: 1 }, { poolSize: 2 }, { rate: 0.5 }, { targetShape: [1] },
  { inputDim: 2, outputDim: 2 }, { n: 2 }, { dims: [1] }, { size: [2, 2] }, { cropping: 1 }, { inputShape: [1] },
  { activation: 'relu' }, { stddev: 0.1 }, { axes: 1 }, { scale: 1 }, { height: 1, width: 1 }, { numTokens: 2 }, { factor: 0.1 },
];

describe('engine/tfjs catalog against the installed tfjs', () => {
  let tf: Tf;
  before(async () => {
    tf = await realTf();
  });

  it('every catalogued path exists in tfjs with the kind the catalog claims', () => {
    const wrong: string[] = [];
    for (const [path, r] of checked()) {
      if (r.kind === 'op' && r.form === 'method') {
        if (typeof (tf.Tensor.prototype as Any)[path] !== 'function') wrong.push(`${path}: no Tensor method`);
        continue;
      }
      const v = lookup(tf, path);
      if (typeof v !== 'function') {
        wrong.push(`${path}: not a function in tfjs (${typeof v})`);
        continue;
      }
      if (r.kind === 'op' && r.form === 'both' && typeof (tf.Tensor.prototype as Any)[path] !== 'function') wrong.push(`${path}: no Tensor method`);
      if (r.kind === 'layer') {
        const layer = buildLayer(v as Any);
        if (!(layer instanceof tf.layers.Layer)) wrong.push(`${path}: builds no Layer`);
        else if (layer.getClassName() !== (r as LayerRecord).className) wrong.push(`${path}: class ${layer.getClassName()}, catalog says ${(r as LayerRecord).className}`);
      }
      if (r.kind === 'optimizer') {
        const rate = (r as OptimizerRecord).learningRate;
        let opt: Any;
        try {
          opt = (v as Any)(rate === undefined ? 0.5 : undefined, 0.9); // momentum also needs its momentum
        } catch (e) {
          wrong.push(`${path}: ${(e as Error).message}`);
          continue;
        }
        if (!(opt instanceof tf.Optimizer)) wrong.push(`${path}: not an Optimizer`);
      }
      if (r.kind === 'input') {
        const t = (v as Any)({ shape: [2] });
        if (!(t instanceof tf.SymbolicTensor)) wrong.push(`${path}: not a SymbolicTensor`);
      }
      if (r.kind === 'model' && path === 'sequential' && !((v as Any)() instanceof tf.LayersModel)) wrong.push(`${path}: not a LayersModel`);
      if (r.kind === 'callback' && typeof (v as Any)().onEpochEnd !== 'function') wrong.push(`${path}: not a callback`);
    }
    assert.deepEqual(wrong, []);
  });

  it('layer facts: no-argument factories build with no argument, the others throw', () => {
    const wrong: string[] = [];
    for (const [path, r] of checked()) {
      if (r.kind !== 'layer') continue;
      let ok = true;
      try {
        (lookup(tf, path) as Any)();
      } catch {
        ok = false;
      }
      if (ok !== !!(r as LayerRecord).noArgument) wrong.push(`${path}: builds with no argument: ${ok}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('optimizer defaults: tf.train rates and the rates compile uses for optimizer strings', () => {
    const wrong: string[] = [];
    for (const [path, r] of checked()) {
      if (r.kind !== 'optimizer') continue;
      const { learningRate, compileRate } = r as OptimizerRecord;
      const factory = lookup(tf, path) as Any;
      let given: number | undefined;
      try {
        given = factory().learningRate;
      } catch {
        given = undefined;
      }
      if (given !== learningRate) wrong.push(`${path}(): rate ${given}, catalog says ${learningRate}`);
      const name = path.slice('train.'.length);
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
      let compiled: number | undefined;
      try {
        model.compile({ optimizer: name, loss: 'meanSquaredError' });
        compiled = (model.optimizer as Any).learningRate;
      } catch {
        compiled = undefined;
      }
      if (compiled !== compileRate) wrong.push(`compile '${name}': rate ${compiled}, catalog says ${compileRate}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('optimizer parameters: each tf.train factory stores its positional arguments under the catalog names, in that order', () => {
    const wrong: string[] = [];
    for (const [path, r] of checked()) {
      if (r.kind !== 'optimizer') continue;
      const { parameters } = r as OptimizerRecord;
      // A distinct value per position (booleans where tfjs expects a flag), so a swapped order shows.
      const flags = new Set(['useNesterov', 'centered']);
      const args = parameters.map((name, i) => (flags.has(name) ? true : 0.0123 + i / 10));
      const made = (lookup(tf, path) as Any)(...args);
      parameters.forEach((name, i) => {
        if (made[name] !== args[i]) wrong.push(`${path}: argument ${i + 1} is stored as ${name}=${made[name]}, not ${args[i]}`);
      });
      const config = Object.keys(made.getConfig());
      const missing = config.filter((k) => !parameters.includes(k));
      if (missing.length) wrong.push(`${path}: getConfig has ${missing.join(', ')} the catalog does not list`);
    }
    assert.deepEqual(wrong, []);
  });

  it('dtype rules of elementwise ops hold for float32, int32 and bool inputs', () => {
    const inputs = {
      float32: tf.tensor([0.25, -0.5, 0.75]),
      int32: tf.tensor([3, -2, 1], undefined, 'int32'),
      bool: tf.tensor([true, false, true], undefined, 'bool'),
    };
    const wrong: string[] = [];
    let checkedOps = 0;
    for (const [path, r] of checked()) {
      if (r.kind !== 'op' || (r.shape !== 'same' && r.shape !== 'broadcast') || !r.dtype || ['custom', 'data', 'argument'].includes(r.dtype)) continue;
      if (['dropout', 'variable', 'cast', 'clipByValue', 'prelu'].includes(path)) continue; // extra arguments
      checkedOps++;
      for (const [dtype, x] of Object.entries(inputs)) {
        let got: string;
        try {
          const f = r.form === 'method' ? (t: Any) => t[path]() : r.shape === 'broadcast' ? (t: Any) => (tf as Any)[path](t, t) : (t: Any) => (tf as Any)[path](t);
          got = f(x).dtype;
        } catch {
          got = 'throws';
        }
        const want = expectedDtype((r as OpRecord).dtype!, dtype);
        if (want !== undefined && got !== want) wrong.push(`${path}(${dtype}): ${got}, catalog says ${want}`);
      }
    }
    assert.ok(checkedOps > 50, `${checkedOps} ops checked`);
    assert.deepEqual(wrong, []);
  });

  it('dtype rules of shape, selection, reduction and image ops hold for an int32 input', () => {
    const i = tf.tensor([[3, 2], [1, 4]], undefined, 'int32');
    const img = i.reshape([1, 2, 2, 1]);
    const calls: Record<string, () => Any> = {
      reshape: () => i.reshape([4]), reshapeAs: () => i.reshapeAs(i), expandDims: () => i.expandDims(0), squeeze: () => img.squeeze(),
      flatten: () => i.flatten(), transpose: () => i.transpose(), as1D: () => i.as1D(), as2D: () => i.as2D(1, 4),
      as3D: () => i.as3D(1, 2, 2), as4D: () => i.as4D(1, 1, 2, 2), as5D: () => i.as5D(1, 1, 1, 2, 2),
      broadcastTo: () => tf.broadcastTo(i, [2, 2, 2]), tile: () => i.tile([2, 1]), pad: () => i.pad([[1, 1], [0, 0]]),
      mirrorPad: () => tf.mirrorPad(i, [[1, 1], [1, 1]], 'reflect'), slice: () => i.slice([0, 0], [1, 1]),
      stridedSlice: () => tf.stridedSlice(i, [0, 0], [1, 1]), gather: () => i.gather([0]),
      gatherND: () => tf.gatherND(i, tf.tensor([[0, 0]], undefined, 'int32')), max: () => i.max(), min: () => i.min(),
      mean: () => i.mean(), logSumExp: () => i.logSumExp(), argMax: () => i.argMax(), argMin: () => i.argMin(),
      norm: () => i.norm(), euclideanNorm: () => i.euclideanNorm(), cumsum: () => i.cumsum(), cumprod: () => i.cumprod(),
      oneHot: () => tf.oneHot(tf.tensor1d([0, 1], 'int32'), 2), toFloat: () => i.toFloat(), toInt: () => i.toFloat().toInt(),
      toBool: () => i.toBool(), matMul: () => i.matMul(i), dot: () => i.dot(i), outerProduct: () => tf.outerProduct(i.as1D(), i.as1D()),
      'image.resizeNearestNeighbor': () => tf.image.resizeNearestNeighbor(img as Any, [3, 3]),
      'image.resizeBilinear': () => tf.image.resizeBilinear(img as Any, [3, 3]),
      'image.cropAndResize': () => tf.image.cropAndResize(img as Any, tf.tensor([[0, 0, 1, 1]]), [0], [2, 2]),
      'image.flipLeftRight': () => tf.image.flipLeftRight(img as Any), 'image.rotateWithOffset': () => tf.image.rotateWithOffset(img as Any, 0.1),
      'image.grayscaleToRGB': () => tf.image.grayscaleToRGB(img as Any), 'image.rgbToGrayscale': () => tf.image.rgbToGrayscale(tf.ones([1, 2, 2, 3], 'int32') as Any),
      resizeBilinear: () => (img as Any).resizeBilinear([3, 3]), resizeNearestNeighbor: () => (img as Any).resizeNearestNeighbor([3, 3]),
      maxPool: () => tf.maxPool(img as Any, 1, 1, 'valid'), avgPool: () => tf.avgPool(img as Any, 1, 1, 'valid'),
      multinomial: () => tf.multinomial(tf.tensor([[0.5, 0.5]]) as Any, 2), randomUniformInt: () => tf.randomUniformInt([2], 0, 5),
    };
    const wrong: string[] = [];
    for (const [path, call] of Object.entries(calls)) {
      const r = apiRecord(path);
      if (!r || r.kind !== 'op' || !r.dtype) {
        wrong.push(`${path}: no dtype in the catalog`);
        continue;
      }
      let got: string;
      try {
        got = call().dtype;
      } catch {
        got = 'throws';
      }
      const want = expectedDtype(r.dtype, 'int32');
      if (want !== undefined && got !== want) wrong.push(`${path}(int32): ${got}, catalog says ${want}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('output bounds of ops and activations hold on real values', () => {
    const x = tf.tensor([-30, -5, -1.5, -0.5, 0, 0.3, 0.5, 2, 7, 40]);
    const pos = tf.tensor([0.01, 0.5, 1, 2, 7, 40]);
    const wrong: string[] = [];
    for (const [path, r] of checked()) {
      if (r.kind !== 'op' || !r.range || r.shape !== 'same' && r.shape !== 'broadcast') continue;
      let values: number[];
      try {
        const input = ['sqrt', 'rsqrt'].includes(path) ? pos : x;
        values = Array.from((r.shape === 'broadcast' ? (tf as Any)[path](input, input.reverse()) : (tf as Any)[path](input)).dataSync());
      } catch (e) {
        wrong.push(`${path}: ${(e as Error).message}`);
        continue;
      }
      const out = values.filter((v) => !(v >= r.range!.lo && v <= r.range!.hi));
      if (out.length) wrong.push(`${path}: ${out.join(', ')} outside [${r.range.lo}, ${r.range.hi}]`);
    }
    for (const [activation, bounds] of Object.entries(ACTIVATIONS)) {
      const layer = tf.layers.activation({ activation: activation as Any });
      const values = Array.from((layer.apply(x.reshape([2, 5])) as Any).dataSync() as Float32Array);
      if (!bounds) continue;
      const out = values.filter((v) => !(v >= bounds.lo && v <= bounds.hi));
      if (out.length) wrong.push(`activation ${activation}: ${out.join(', ')} outside [${bounds.lo}, ${bounds.hi}]`);
    }
    assert.deepEqual(wrong, []);
  });

  it('compile accepts every loss string the catalog lists', () => {
    const refused = [...COMPILE_LOSSES].filter((loss) => {
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
      try {
        model.compile({ optimizer: 'sgd', loss });
        return false;
      } catch {
        return true;
      }
    });
    assert.deepEqual(refused, []);
    assert.throws(() => tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] }).compile({ optimizer: 'sgd', loss: 'mse' }));
  });

  it('lists the tfjs functions the catalog lacks (information)', () => {
    const missing: string[] = [];
    for (const ns of ['', 'layers', 'train', 'callbacks', 'data', 'io', 'losses', 'metrics', 'image', 'browser', 'models']) {
      const holder = ns ? (tf as Any)[ns] : tf;
      for (const key of Object.keys(holder)) {
        const path = ns ? `${ns}.${key}` : key;
        if (typeof holder[key] !== 'function' || /^[A-Z]/.test(key) || apiRecord(path)) continue;
        missing.push(path);
      }
    }
    console.log(`      tfjs functions not in the catalog (${missing.length}): ${missing.join(' ')}`);
    assert.ok(catalogPaths().length > 200);
  });
});

function buildLayer(factory: Any): Any {
  for (const config of LAYER_CONFIGS) {
    try {
      return factory(config);
    } catch {
      // try the next config
    }
  }
  try {
    return factory({ layer: (require('@tensorflow/tfjs') as Tf).layers.dense({ units: 1 }) });
  } catch {
    // wrappers (bidirectional, timeDistributed) need a layer; rnn needs a cell
  }
  try {
    const tf = require('@tensorflow/tfjs') as Tf;
    return factory({ cell: tf.layers.simpleRNNCell({ units: 1 }) });
  } catch {
    return undefined;
  }
}

/** What the dtype rule says the result of an input of `dtype` is; 'throws' when tfjs must refuse it. */
function expectedDtype(rule: string, dtype: string): string | undefined {
  switch (rule) {
    case 'same': return dtype === 'bool' ? undefined : dtype; // bool is refused by some, kept by others
    case 'float32': case 'int32': case 'bool': return dtype === 'bool' ? undefined : rule;
    case 'float-only': return dtype === 'float32' ? 'float32' : dtype === 'int32' ? 'throws' : undefined;
    case 'bool-only': return dtype === 'bool' ? 'bool' : 'throws';
    case 'upcast': return dtype === 'bool' ? undefined : dtype;
  }
  return undefined;
}
